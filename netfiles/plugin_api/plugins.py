"""Building the plugin manager and calling hooks so that a failing plugin never stops the command."""
from __future__ import annotations

import importlib.util
import sys
from dataclasses import dataclass
from pathlib import Path

import pluggy

from . import hookspecs, trust
from ..model.config import ConfigError, VaultPaths, load_config
from ..model.diagnostics import Diagnostic
from .hookguard import call_hook, crash_diagnostic, describe, guard_plugin, outer_wrapper_plugin

hookimpl = pluggy.HookimplMarker("netfiles")
ENTRY_POINT_GROUP = "netfiles"


@dataclass
class PluginInfo:
    """Where a plugin came from, for `netfiles plugins`."""

    name: str
    source: str  # "bundled", "package NAME VERSION" or "vault"
    location: str
    status: str = "loaded"  # loaded, disabled, untrusted, changed, refused (not a regular file...), failed
    message: str = ""


class NetfilesPluginManager(pluggy.PluginManager):
    """A pluggy manager that also remembers where plugins came from and what went wrong loading them."""

    def __init__(self):
        super().__init__("netfiles")
        self.add_hookspecs(hookspecs)
        self.infos: list[PluginInfo] = []
        self.load_diagnostics: list[Diagnostic] = []
        self.notices: list[str] = []
        #: NF001 from plugins failing in direct `pm.hook` calls (`call_hook` puts them in its own sink)
        self.hook_diagnostics: list[Diagnostic] = []
        #: netfiles' own outermost hook wrapper, turning what plugins' wrappers raise into NF001
        self.guard = outer_wrapper_plugin(self, hookspecs)
        super().register(self.guard, name="netfiles-hook-guard")

    def register(self, plugin, name=None):
        """Register as pluggy does, each hook implementation guarded; one registered by hand is listed too."""
        name = super().register(plugin, name)
        if name is not None:
            guard_plugin(self, plugin)
        if name is not None and not any(info.name == name for info in self.infos):
            where = getattr(plugin, "__name__", None) or type(plugin).__qualname__
            self.infos.append(PluginInfo(name, "registered", str(where)))
        return name

    def unknown_hooks(self, plugin) -> list[str]:
        """Hooks a plugin marks with `@netfiles.hookimpl` that no spec defines (a typo: they would never run)."""
        return sorted(caller.name for caller in self.get_hookcallers(plugin) or [] if caller.spec is None)


def get_plugin_manager(vault_root: Path | None = None, load_entry_points: bool = True,
                       load_vault_plugins: bool = True) -> NetfilesPluginManager:
    """A fresh plugin manager: bundled and installed plugins by entry point, then the vault's own allowed plugins.

    Plugins named in the vault's `[plugins] disabled` are not even imported.
    `load_vault_plugins=False` reads none of the vault's own plugin files (the vault's
    config still counts): for work that cannot involve them, such as a core command's `--help`.
    """
    pm = NetfilesPluginManager()
    disabled: set[str] = set()
    if vault_root is not None:
        try:
            disabled = set(load_config(Path(vault_root)).disabled_plugins)
        except ConfigError:
            pass  # the command itself reports the configuration error
    if load_entry_points:
        _load_entry_points(pm, disabled)
    if vault_root is not None and load_vault_plugins:
        _load_vault_plugins(pm, Path(vault_root), disabled)
    return pm


def _load_entry_points(pm: NetfilesPluginManager, disabled: set[str]) -> None:
    from .entrypoints import installed_entry_points

    seen = set()
    for ep in sorted(installed_entry_points(ENTRY_POINT_GROUP), key=lambda e: e.name):
        if (ep.name, ep.value) in seen:
            continue  # the same distribution found twice on the path
        seen.add((ep.name, ep.value))
        source = "bundled" if ep.dist_name in ("", "netfiles") else f"package {ep.dist_name} {ep.dist_version}"
        info = PluginInfo(ep.name, source, ep.value)
        pm.infos.append(info)
        if ep.name in disabled:
            info.status = "disabled"
            continue
        if _name_taken(pm, info):
            continue
        try:
            plugin = ep.load()
            pm.register(plugin, name=ep.name)
        except (Exception, SystemExit) as exc:  # a broken plugin must not stop netfiles
            info.status, info.message = "failed", describe(exc)
            pm.load_diagnostics.append(crash_diagnostic(ep.name, "loading", exc))
            continue
        _note_unknown_hooks(pm, info, plugin)


def vault_plugin_files(vault_root: Path) -> list[Path]:
    folder = VaultPaths(vault_root).plugins_dir
    return sorted(folder.glob("*.py")) if folder.is_dir() else []


def _load_vault_plugins(pm: NetfilesPluginManager, vault_root: Path, disabled: set[str]) -> None:
    for path in vault_plugin_files(vault_root):
        name = path.stem
        rel = path.relative_to(vault_root).as_posix()
        info = PluginInfo(name, "vault", rel)
        pm.infos.append(info)
        if name in disabled:
            info.status = "disabled"
            continue
        if _name_taken(pm, info):
            continue
        try:
            source = trust.read_source(path)  # hashed and run from the same bytes: no window to swap the file
            text = trust.decode_source(source)  # what `netfiles trust` showed, and what runs
        except trust.PluginSourceError as exc:
            info.status, info.message = "refused", f"{rel} {exc}"
            pm.notices.append(f"vault plugin {rel} {exc}; it did not run.")
            continue
        state = trust.status(path, source)
        if state != "allowed":
            if state == "unknown":
                info.status = "untrusted"
                pm.notices.append(f"vault plugin {rel} is not allowed on this machine yet, so it did not run. "
                                  "Read it, then run `netfiles trust` to allow it.")
            else:
                info.status = "changed"
                pm.notices.append(f"vault plugin {rel} changed since you allowed it, so it did not run. "
                                  "Read it again, then run `netfiles trust` again to allow the new version.")
            continue
        module_name = f"netfiles_vault_plugins.{name}"
        try:
            spec = importlib.util.spec_from_file_location(module_name, path)
            if spec is None:
                raise ImportError(f"{rel} cannot be loaded as a Python module")
            module = importlib.util.module_from_spec(spec)
            sys.modules[module_name] = module
            exec(compile(text, str(path), "exec"), module.__dict__)
            pm.register(module, name=name)
        except (Exception, SystemExit) as exc:
            sys.modules.pop(module_name, None)
            info.status, info.message = "failed", describe(exc)
            pm.load_diagnostics.append(crash_diagnostic(name, "loading", exc, path=rel))
            continue
        _note_unknown_hooks(pm, info, module)


def _name_taken(pm: NetfilesPluginManager, info: PluginInfo) -> bool:
    """Two plugins cannot share a name (it is how `[plugins] disabled` and `netfiles plugins` name them)."""
    owner = pm.get_plugin(info.name)
    if owner is None:
        return False
    first = next((i for i in pm.infos if i.name == info.name and i is not info), None)
    where = f"{first.source} {first.location}" if first else "registered"
    info.status = "failed"
    info.message = f"another plugin is already named {info.name!r} ({where}); this one was not loaded"
    path = info.location if info.source == "vault" else "."
    pm.load_diagnostics.append(Diagnostic.core(path, 0, 0, "NF001", f"plugin {info.name!r} not loaded: {info.message}"))
    return True


def _note_unknown_hooks(pm: NetfilesPluginManager, info: PluginInfo, plugin) -> None:
    unknown = pm.unknown_hooks(plugin)
    if unknown:
        info.message = (f"implements {', '.join(unknown)}, which netfiles does not call "
                        "(misspelt? see `netfiles.plugin_api.hookspecs`)")


def collect(pm: pluggy.PluginManager, name: str, sink: list[Diagnostic], path: str = ".", **kwargs) -> list:
    """Flatten the iterable results of a hook into one list (each item from any plugin)."""
    items = []
    results = call_hook(pm, name, sink, path=path, **kwargs)
    for result in results if isinstance(results, list) else [results]:
        items.extend(result if isinstance(result, list) else [result])
    return items


def hooks_of(pm: pluggy.PluginManager, plugin_name: str) -> list[str]:
    """The netfiles hooks a registered plugin implements (hooks with no spec are left out: they never run)."""
    plugin = pm.get_plugin(plugin_name)
    if plugin is None:
        return []
    return sorted(caller.name for caller in pm.get_hookcallers(plugin) or [] if caller.spec is not None)

"""`netfiles check` as a library call: parser diagnostics, cross-file rules and plugin rules, together."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable

if TYPE_CHECKING:
    import os

from .conflicts import merge_driver_diagnostics
from ..model.diagnostics import Diagnostic
from ..model.fieldspecs import check_declared_fields
from ..plugin_api.plugins import call_hook, collect
from ..store.index import identity_keys, name_keys
from .rules import identity_diagnostics, link_diagnostics
from .tiers import tier_diagnostics
from ..reading.wikilinks import fold


@dataclass
class CheckResult:
    """What `netfiles check` prints: `diagnostics` in its order, `files_checked`, and the given paths it left out."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    files_checked: int = 0
    outside: list[str] = field(default_factory=list)  # paths given in `files` that lie outside the vault


def check_vault(vault, pm=None, paths: list[str] | None = None, *,
                files: "Iterable[str | os.PathLike] | None" = None, refresh: bool = False) -> CheckResult:
    """Everything `netfiles check` reports, in its order: the whole vault, or only some files and the
    cross-file rules that concern them.

    `paths` are vault-relative; `files` are files and folders as a command line names them (relative to the
    working directory), as `netfiles check PATH...` and pre-commit pass them: those outside the vault are
    left out (`outside`), and `UsageProblem` is raised when one does not exist or all lie outside.
    With `pm`, plugins' rules run and plugins that failed to load are NF001 first. With paths,
    other files are not loaded: links and identities are looked up in the index, which keeps a
    pre-commit run fast on large vaults. The whole vault also reports NF103 for file names that
    are not UTF-8.

    `refresh=True` brings the index up to date first: the whole vault, or (with paths) only the
    files checked and those their rules read, so a pre-commit run does not walk the vault.
    """
    outside: list[str] = []
    if files is not None:
        paths, outside = select_files(vault, files)
    hook_problems: list[Diagnostic] = []
    if refresh:
        changes = vault.refresh() if paths is None or not vault.files_indexed else refresh_concerned(vault, paths)
        if changes and pm is not None:
            call_hook(pm, "netfiles_index_changed", hook_problems, vault=vault,
                      added=changes.added, changed=changes.changed, removed=changes.removed)
    result = _check_files(vault, pm, paths)
    if paths is not None:
        result.diagnostics += special_file_diagnostics(vault, paths)
    result.diagnostics[:0] = hook_problems
    result.diagnostics += merge_driver_diagnostics(vault.root)  # depends on git config, not on the files: never cached
    if paths is None:
        result.diagnostics += unreadable_name_diagnostics(vault)
    result.diagnostics[:0] = getattr(pm, "load_diagnostics", []) if pm is not None else []
    result.outside = outside
    return result


def refresh_concerned(vault, paths: list[str]):
    """Refresh the index for `paths` and for the files their cross-file rules read; the combined changes.

    Those are the contacts their links resolve to (and the files a link names directly, which may be
    new), the contacts sharing one of their emails or LinkedIn URLs, and the contacts linking to one of
    their names: each is stat'ed again, so a contact deleted or edited since the index was last
    refreshed (and not staged) never makes a link look resolved or an identity look shared.
    """
    from ..model.contact import IndexChanges
    from ..reading.wikilinks import link_target

    first = vault.refresh(only=paths)
    concerned: set[str] = set()
    names: set[str] = set()
    for rel in paths:
        record = vault.index.record(rel)
        if record is None or record["kind"] != "contact":
            continue
        names |= name_keys(rel, record)
        for field_name in ("knows", "introduced_by"):
            for target, _line, _col in record.get(field_name, ()):
                concerned.update(vault.resolve_paths(target))
                concerned.update(f"{folder}/{link_target(target)}.md" for folder in vault.config.people if folder)
        for key in identity_keys(record):
            concerned.update(vault.index.paths_with_identity(key))
    concerned.update(vault.index.paths_linking(names))
    concerned.difference_update(paths)
    if not concerned:
        return first
    second = vault.refresh(only=sorted(concerned))
    changes = IndexChanges()
    for done in (first, second):
        changes.added += done.added
        changes.changed += done.changed
        changes.removed += done.removed
        changes.unchanged += done.unchanged
    vault.changes = changes
    return changes


def special_file_diagnostics(vault, paths: list[str]) -> list[Diagnostic]:
    """NF104 for each named file that is there but is not a regular file (a named pipe, a device, a socket, a
    symbolic link to nothing or a loop): netfiles reads only regular files, so say it was skipped rather than
    count it among "0 files checked" as if all were well."""
    import os
    import stat

    found = []
    for rel in paths:
        path = vault.root / rel
        try:
            mode = os.stat(path).st_mode
        except FileNotFoundError:
            if not os.path.lexists(path):
                continue  # deleted: the index forgets it
            what = "a symbolic link to nothing"
        except OSError as exc:
            what = "a symbolic link loop" if os.path.islink(path) else f"unreadable ({exc.strerror})"
        else:
            if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
                continue
            what = ("a named pipe" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode)
                    else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "not a regular file")
        found.append(Diagnostic.core(rel, 0, 0, "NF104", f"{what}, not a regular file: netfiles reads only "
                                                          "regular files; skipped"))
    return found


def unreadable_name_diagnostics(vault) -> list[Diagnostic]:
    """NF103 for each Markdown file the last walk could not index because its name is not valid UTF-8."""
    return [Diagnostic.core(name, 0, 0, "NF103", "file name is not valid UTF-8, so netfiles cannot index this file; "
                            "rename it") for name in vault.index.layout.skipped]


def select_files(vault, files: "Iterable[str | os.PathLike]") -> tuple[list[str] | None, list[str]]:
    """(vault-relative files to check, or None for the whole vault; given paths outside the vault).

    Folders stand for the Markdown files in them (as on disk, and as indexed); files the vault does not
    index (ignored folders, other file types) are checked as nothing. Raises `UsageProblem` for a path that does not exist,
    or when every path lies outside the vault.
    """
    import os

    from ..model.diagnostics import shown_paths as shown
    from ..model.errors import UsageProblem

    given = [os.fspath(f) for f in files]
    missing = [f for f in given if not os.path.lexists(f)]
    if missing:
        raise UsageProblem(f"no such file: {shown(missing)}")
    layout = vault.index.layout
    outside = [f for f in given if layout.relative(f) is None]
    if given and len(outside) == len(given):
        # pre-commit in a repository whose vault is a subfolder passes other files too: only all-outside is an error
        raise UsageProblem(f"{shown(outside)} {'is' if len(outside) == 1 else 'are'} outside the vault "
                           f"({vault.root}); nothing checked")
    selected: list[str] = []
    for path in given:
        rel = layout.relative(path)
        if rel is None:
            continue
        if os.path.isdir(path):
            if rel == ".":
                return None, outside
            on_disk = {layout.relative(os.path.join(folder, name)) for folder, _dirs, names in os.walk(path)
                       for name in names if name.endswith(".md")}
            indexed = {r for r in vault.index.stamps() if r.startswith(rel + "/")}  # deleted ones, too
            selected += sorted({r for r in on_disk if r is not None and layout.is_markdown(r)} | indexed)
        else:
            selected.append(rel)
    return selected, outside


def _check_files(vault, pm, paths: list[str] | None) -> CheckResult:
    if paths is None:
        key = _cache_key(vault, pm)
        cached = vault.index.check_result(key) if key else None
        if cached is not None:
            files_checked, diagnostics = cached
            return CheckResult(diagnostics, files_checked)
        result = _check(vault, pm, None)
        if key:
            vault.index.set_check_result(key, result.files_checked, result.diagnostics)
        return result
    return _check(vault, pm, paths)


def _cache_key(vault, pm) -> str | None:
    """What a whole-vault result depends on: the files (index generation), the config, and the plugins' code.

    None (no caching) when a plugin has no source file to stamp, e.g. one registered by hand in a test.
    """
    import os

    from .. import __version__
    from ..model.config import VaultPaths
    from ..reading.scan import stamp

    parts = [__version__, str(vault.index.generation())]
    config = VaultPaths(vault.root).config_file
    named = [(n, p) for n, p in pm.list_name_plugin() if p is not getattr(pm, "guard", None)] if pm else []
    plugins = [p for _, p in named]
    if any(not getattr(p, "__file__", None) for p in plugins):
        return None
    plugin_files = sorted({str(f) for p in plugins for f in _source_files(p.__file__)})
    for path in [str(config), *plugin_files]:
        try:
            parts.append(f"{path}:" + ":".join(map(str, stamp(os.stat(path)))))
        except (TypeError, OSError):
            parts.append(f"{path}:-")
    if pm is not None:
        parts.append(",".join(sorted(name for name, _ in named)))
    return "|".join(parts)


def _source_files(module_file: str) -> list:
    """A plugin's source: every module of its package, so editing a submodule invalidates the cache too."""
    from pathlib import Path

    path = Path(module_file)
    return sorted(path.parent.glob("*.py")) if path.name == "__init__.py" else [path]


def _incoming_link_diagnostics(vault, names: set[str], checked: set[str]) -> list[Diagnostic]:
    """Links in other files to a name the checked contacts answer to: a new alias can make them ambiguous."""
    diags = []
    for rel in vault.index.paths_linking(names):
        record = vault.index.record(rel)
        if rel in checked or record is None:
            continue
        concerned = {field: [link for link in record.get(field, ()) if fold(link[0].rsplit("/", 1)[-1]) in names]
                     for field in ("knows", "introduced_by")}
        diags.extend(link_diagnostics(vault, rel, concerned))
    return diags


def _check(vault, pm, paths):
    result = CheckResult()
    diags = result.diagnostics
    if paths is None:
        owners = vault.index.shared_identities()
        diags.extend(vault.file_diagnostics)
        # each record decoded and dropped in turn: on a large vault, holding them all took gigabytes
        for rel, record in vault.index.records():
            result.files_checked += 1
            if record["kind"] == "contact":
                diags.extend(link_diagnostics(vault, rel, record))
                diags.extend(identity_diagnostics(vault, rel, record, owners))
                diags.extend(tier_diagnostics(vault, rel, record))
        if pm is not None:
            specs = collect(pm, "netfiles_contact_fields", diags)
            for contact in vault.each_contact():  # one at a time: holding 100,000 contacts took a gigabyte
                diags.extend(collect(pm, "netfiles_check_contact", diags, path=contact.path, contact=contact, vault=vault))
                diags.extend(check_declared_fields(vault, contact, specs))
            diags.extend(collect(pm, "netfiles_check_vault", diags, vault=vault))
        diags.extend(_settings_diagnostics(vault.config))
    else:
        names: set[str] = set()  # what links to the checked contacts say
        specs = collect(pm, "netfiles_contact_fields", diags) if pm is not None else []
        for rel in dict.fromkeys(paths):
            record = vault.index.record(rel)
            if record is None:
                continue  # not a Markdown file of the vault (ignored folder, other file type)
            result.files_checked += 1
            diags.extend(vault.index.diagnostics([rel]))
            if record["kind"] != "contact":
                continue
            names |= name_keys(rel, record)
            diags.extend(link_diagnostics(vault, rel, record))
            diags.extend(identity_diagnostics(vault, rel, record))
            diags.extend(tier_diagnostics(vault, rel, record))
            if pm is not None:
                contact = vault.contact_at(rel)
                diags.extend(collect(pm, "netfiles_check_contact", diags, path=rel, contact=contact, vault=vault))
                diags.extend(check_declared_fields(vault, contact, specs))
        diags.extend(_incoming_link_diagnostics(vault, names, set(paths)))
    result.diagnostics = sorted(set(diags), key=lambda d: (d.path, d.line, d.col, d.code, d.message))
    return result


def _settings_diagnostics(config) -> list[Diagnostic]:
    """TIE001/TIE002: problems in the [ties] and [industries] tables of config.toml."""
    from .attributes import industry_map
    from .ties import tie_settings

    return tie_settings(config)[1] + industry_map(config)[1]

"""pytest fixtures for plugin authors: a temporary vault, its plugin manager, and the command line.

pytest loads this module in every project where netfiles is installed (the
`pytest11` entry point), so it imports nothing heavy at import time: netfiles
itself, click and pluggy are imported inside the fixtures that need them.

    def test_my_rule(netfiles_vault, netfiles_pm, netfiles_cli):
        import my_plugin
        netfiles_vault.add_contact("Ana Souza", emails=["ana@example.org"], knows=["Bo Chen"],
                                   log=["2026-11-02 coffee: hi #gave"])
        netfiles_vault.add_contact("Bo Chen")
        netfiles_pm.register(my_plugin)
        result = netfiles_cli("check", "--format", "json")
        assert result.exit_code == 0, result.output

Every fixture works in a fresh folder under `tmp_path`, and the record of
allowed vault plugins (see `netfiles trust`) is a file there too, so tests
never read or change the user's own settings. Nothing changes the working
directory: commands get the vault as `--vault PATH`, so give paths in
arguments as absolute paths (`netfiles_vault.path / "people/ana.md"`).

For tests that need several vaults, raw files or no vault at all, the same
module has plain functions and one more fixture:

    from netfiles.testing import check_diagnostics, run_cli

    def test_two_vaults(netfiles_make_vault):
        a = netfiles_make_vault({"people/ana.md": "---\\nname: Ana\\n---\\n"}, name="a")
        b = netfiles_make_vault(config='default_cadence = "30d"\\n', name="b")
        assert run_cli(a, "ls").exit_code == 0
        assert check_diagnostics(b) == []

`write_file(root, relpath, text)` writes a file (text is dedented, so tests can
indent it), `make_vault(path, files, config)` makes a vault anywhere,
`run_cli(vault, *args)` runs a command (no `--vault` when vault is None) and
`check_diagnostics(vault, *args)` returns the core diagnostics of `netfiles check`
as dicts.
"""
from __future__ import annotations

import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from .plugin_api.plugins import NetfilesPluginManager

__all__ = ["VaultBuilder", "PluginManagerHandle", "write_file", "make_vault", "run_cli", "check_diagnostics",
           "netfiles_vault", "netfiles_pm", "netfiles_cli", "netfiles_make_vault"]


class VaultBuilder:
    """A temporary vault you fill with contacts, notes, settings and plugins.

    `path` is the vault folder (it already has `.netfiles/` and `people/`).
    Paths given to the methods are relative to it, in POSIX style.
    """

    def __init__(self, path: Path):
        from .model.config import VaultPaths

        self.path = Path(path)
        VaultPaths(self.path).config_dir.mkdir(parents=True, exist_ok=True)
        (self.path / "people").mkdir(exist_ok=True)

    def __fspath__(self) -> str:
        return str(self.path)

    def __str__(self) -> str:
        return str(self.path)

    def __repr__(self) -> str:
        return f"VaultBuilder({str(self.path)!r})"

    # files ----------------------------------------------------------------------------------------

    def write(self, relpath: str, text: str) -> Path:
        """Write `text` (UTF-8, exactly as given) to a file of the vault, making folders as needed."""
        path = self.path / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
        return path

    def read(self, relpath: str) -> str:
        return (self.path / relpath).read_text(encoding="utf-8")

    def add_contact(self, name: str, *, log=(), body: str = "", folder: str = "people", stem: str | None = None,
                    **fields) -> Path:
        """Write a contact file and return its path.

        Keyword arguments are front matter fields (`emails=[...]`, `tags=[...]`,
        `cadence="2m"`, `met=datetime.date(...)` or `"2024-05-16"`, ...). `knows`
        and `introduced_by` take plain names and become wikilinks. `log` is a list
        of lines such as `"2026-11-02 coffee: hi #gave"` written under `## Log`;
        `body` is free text before the log. The file is named after the person
        (or `stem`) in `folder`, and an existing file is replaced.
        """
        from .writing.filenames import safe_filename
        from .writing.writes import render_contact

        if "knows" in fields:
            knows = fields["knows"]
            fields["knows"] = [_wikilink(k) for k in ([knows] if isinstance(knows, str) else knows)]
        if fields.get("introduced_by"):
            fields["introduced_by"] = _wikilink(fields["introduced_by"])
        text = render_contact(name, fields)
        head, _, _ = text.rpartition("## Log\n")
        if body:
            head += body.strip("\n") + "\n\n"
        lines = [entry if entry.startswith("- ") else f"- {entry}" for entry in log]
        text = head + "## Log\n" + "".join(line + "\n" for line in lines)
        return self.write(f"{folder.strip('/')}/{stem or safe_filename(name)}.md" if folder else
                          f"{stem or safe_filename(name)}.md", text)

    def add_note(self, relpath: str, text: str = "", *, date=None, links=()) -> Path:
        """Write a note (e.g. `daily/2026-11-02.md`); with `date` it gets front matter, `links` become [[wikilinks]]."""
        parts = []
        if date is not None:
            parts.append(f"---\ndate: {date}\n---\n")
        if text:
            parts.append(text.rstrip("\n") + "\n")
        if links:
            parts.append("\n" + " ".join(_wikilink(link) for link in links) + "\n")
        return self.write(relpath, "".join(parts))

    def config(self, text: str | None = None, /, **settings) -> Path:
        """Write `.netfiles/config.toml`, replacing it: raw TOML text, or settings as keywords.

            vault.config(default_cadence="30d", plugins={"disabled": ["health"]}, reminders={"per_week": 3})
            vault.config('[me]\\nname = "Sam Owner"\\n')
        """
        if text is not None and settings:
            raise TypeError("config() takes TOML text or keyword settings, not both")
        from .model.config import CONFIG_PATH

        return self.write(CONFIG_PATH, text if text is not None else _toml(settings))

    def add_plugin(self, name: str, source: str) -> Path:
        """Write a vault plugin, `.netfiles/plugins/NAME.py`. It runs only after `allow_plugins()` (or `netfiles trust`)."""
        from .model.config import VaultPaths

        paths = VaultPaths(self.path)
        return self.write(paths.relative(paths.plugins_dir / f"{name}.py"), source)

    def allow_plugins(self) -> None:
        """Allow the vault's plugins as they are now, as `netfiles trust --yes` does (in this test's own record)."""
        from .plugin_api import trust
        from .plugin_api.plugins import vault_plugin_files

        trust.allow(vault_plugin_files(self.path))

    def load(self):
        """The vault as plugins see it (a `netfiles.Vault`, index refreshed)."""
        from .store.vault import load_vault

        return load_vault(self.path)


class PluginManagerHandle:
    """The plugin manager of the test vault, built on first use (so write the vault's config first).

    It holds what `netfiles` itself would load for this vault (bundled and
    installed plugins, allowed vault plugins, minus `[plugins] disabled`) plus
    every plugin you `register()`. Any other attribute is the real manager's:
    `netfiles_pm.hook`, `netfiles_pm.get_plugins()`, ... `reload()` builds it
    again (settings and trust read afresh) and keeps your registered plugins;
    `netfiles_cli` does that before each command, as each real run would.
    """

    def __init__(self, vault: VaultBuilder):
        self._vault = vault
        self._pm: NetfilesPluginManager | None = None
        self._registered: list[tuple[object, str | None]] = []

    @property
    def pm(self):
        """The real `pluggy.PluginManager`."""
        if self._pm is None:
            self.reload()
        return self._pm

    def reload(self):
        from .plugin_api.plugins import get_plugin_manager

        pm = get_plugin_manager(self._vault.path)
        for plugin, name in self._registered:
            if not pm.is_registered(plugin):
                pm.register(plugin, name=name)
        self._pm = pm
        return pm

    def register(self, plugin, name: str | None = None) -> str:
        """Add a plugin (module, class or object with `@netfiles.hookimpl` functions); returns its name.

        A plugin already loaded through its entry point is left as it is. A
        function marked as a hook that netfiles has no spec for (a misspelt
        hook name) fails here instead of silently never running.
        """
        pm = self.pm
        if pm.is_registered(plugin):
            return pm.get_name(plugin)
        name = pm.register(plugin, name=name)
        unknown = pm.unknown_hooks(plugin)
        if unknown:
            pm.unregister(plugin)
            raise ValueError(f"plugin {name!r} implements {', '.join(unknown)}, which netfiles does not call; "
                             "hook names are listed in netfiles.plugin_api.hookspecs")
        self._registered.append((plugin, name))
        return name

    def __getattr__(self, attr):
        if attr.startswith("_"):
            raise AttributeError(attr)
        return getattr(self.pm, attr)


def _wikilink(name: str) -> str:
    name = str(name)
    return name if name.startswith("[[") else f"[[{name}]]"


def _toml(settings: dict) -> str:
    """Enough TOML for a config file: scalars, lists, dates, and (nested) tables."""
    lines = []

    def table(prefix: str, data: dict) -> None:
        scalars = {k: v for k, v in data.items() if not isinstance(v, dict)}
        tables = {k: v for k, v in data.items() if isinstance(v, dict)}
        if prefix and (scalars or not tables):
            lines.append(f"\n[{prefix}]")
        for key, value in scalars.items():
            lines.append(f"{_toml_key(key)} = {_toml_value(value)}")
        for key, value in tables.items():
            table(f"{prefix}.{_toml_key(key)}" if prefix else _toml_key(key), value)

    table("", settings)
    return "\n".join(lines).lstrip("\n") + "\n"


def _toml_key(key: str) -> str:
    import re

    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else _toml_value(key)


def _toml_value(value) -> str:
    import datetime
    import json

    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_toml_key(k)} = {_toml_value(v)}" for k, v in value.items()) + "}"
    raise TypeError(f"cannot write {value!r} to TOML")


def _runner():
    from click.testing import CliRunner

    try:
        return CliRunner(mix_stderr=False)  # type: ignore[call-arg]  # click < 8.2: keep stderr apart from stdout
    except TypeError:
        return CliRunner()  # click >= 8.2 always keeps result.stderr apart


def write_file(root, relpath: str, content: str | bytes) -> Path:
    """Write a file under `root`, making folders; text is dedented (tests can indent it) and UTF-8, bytes as is."""
    path = Path(root) / relpath
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        content = textwrap.dedent(content).lstrip("\n").encode("utf-8")
    path.write_bytes(content)
    return path


def make_vault(path, files: dict | None = None, config: str | None = None) -> Path:
    """A vault folder at `path` with `.netfiles/` and `people/`, the `files` ({relpath: content}) and a config.toml."""
    from .model.config import VaultPaths

    root = Path(path)
    VaultBuilder(root)
    if config is not None:
        write_file(root, VaultPaths(root).config_file.relative_to(root).as_posix(), config)
    for relpath, content in (files or {}).items():
        write_file(root, relpath, content)
    return root


def run_cli(vault, *args, input=None, env: dict | None = None, pm=None, catch_exceptions: bool = False):
    """Run `netfiles --vault VAULT ARGS...` in this process and return click's `Result`.

    With `vault=None` no `--vault` is given (netfiles looks for the vault as it
    would in a shell). `pm` is the plugin manager to use; by default the one
    netfiles itself would build for `vault`. The working directory is not changed.
    """
    from .cli.main import create_cli
    from .plugin_api.plugins import get_plugin_manager

    if pm is None:
        pm = get_plugin_manager(Path(vault) if vault is not None else None)
    argv = (["--vault", str(vault)] if vault is not None else []) + [str(a) for a in args]
    return _runner().invoke(create_cli(pm), argv, input=input, env=env, catch_exceptions=catch_exceptions,
                            prog_name="netfiles")


def check_diagnostics(vault, *args) -> list[dict]:
    """The core (NF) diagnostics of `netfiles check --format json` on `vault`, as dicts; extra `args` are passed on."""
    import json

    result = run_cli(vault, "check", "--format", "json", "--select", "NF", *args)
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)["diagnostics"]


@pytest.fixture
def netfiles_vault(tmp_path, monkeypatch) -> VaultBuilder:
    """An empty vault in `tmp_path/vault` (with `.netfiles/` and `people/`); see `VaultBuilder`.

    Also points `NETFILES_TRUST_FILE` into `tmp_path` and clears `NETFILES_VAULT`,
    so nothing outside the test is read or written.
    """
    monkeypatch.setenv("NETFILES_TRUST_FILE", str(tmp_path / "netfiles-trust.json"))
    monkeypatch.delenv("NETFILES_VAULT", raising=False)
    return VaultBuilder(tmp_path / "vault")


@pytest.fixture
def netfiles_pm(netfiles_vault) -> PluginManagerHandle:
    """The plugin manager for `netfiles_vault`; `netfiles_pm.register(my_plugin)` adds yours."""
    return PluginManagerHandle(netfiles_vault)


@pytest.fixture
def netfiles_cli(netfiles_vault, netfiles_pm):
    """Run a netfiles command on `netfiles_vault` with the plugins of `netfiles_pm`.

        result = netfiles_cli("check", "--format", "json")
        result.exit_code, result.stdout, result.stderr

    Returns click's `Result`. Arguments are turned into strings; the vault is
    given as `--vault`, and the working directory is left alone, so pass files
    as absolute paths. `input=` feeds stdin and `env=` sets variables for this
    command only. Unexpected exceptions propagate (pass `catch_exceptions=True`
    to get them in `result.exception` instead).
    """

    def run(*args, input=None, env=None, catch_exceptions: bool = False):
        return run_cli(netfiles_vault.path, *args, input=input, env=env, pm=netfiles_pm.reload(),
                       catch_exceptions=catch_exceptions)

    return run


@pytest.fixture
def netfiles_make_vault(tmp_path, monkeypatch):
    """make(files={relpath: content}, config=None, name="vault") -> Path of a new vault in `tmp_path/name`.

    For tests that need more than one vault, or files written byte for byte;
    `run_cli` and `check_diagnostics` run commands on it. Like `netfiles_vault`,
    it keeps the record of allowed plugins and `NETFILES_VAULT` inside the test.
    The default name is the folder of `netfiles_vault`: give another name to use both.
    """
    monkeypatch.setenv("NETFILES_TRUST_FILE", str(tmp_path / "netfiles-trust.json"))
    monkeypatch.delenv("NETFILES_VAULT", raising=False)

    def make(files: dict | None = None, config: str | None = None, name: str = "vault") -> Path:
        return make_vault(tmp_path / name, files, config)

    return make

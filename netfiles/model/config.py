"""Finding the vault and reading `.netfiles/config.toml` (docs/format.md, section 1)."""
from __future__ import annotations

import copy
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

from .errors import UsageProblem

CONFIG_DIR = ".netfiles"
CONFIG_FILE = "config.toml"
#: The configuration file, vault-relative, as diagnostics and messages name it.
CONFIG_PATH = f"{CONFIG_DIR}/{CONFIG_FILE}"


@dataclass(frozen=True)
class VaultPaths:
    """Where netfiles keeps its own files in a vault: the one place that knows the `.netfiles/` layout."""

    root: Path

    @property
    def config_dir(self) -> Path:
        return Path(self.root) / CONFIG_DIR

    @property
    def config_file(self) -> Path:
        return self.config_dir / CONFIG_FILE

    @property
    def gitignore(self) -> Path:
        """Keeps the cache out of git."""
        return self.config_dir / ".gitignore"

    @property
    def plugins_dir(self) -> Path:
        """The vault's own plugins (`*.py`), which run only once allowed with `netfiles trust`."""
        return self.config_dir / "plugins"

    @property
    def cache_dir(self) -> Path:
        """Derived data only: deleting it loses nothing."""
        return self.config_dir / "cache"

    @property
    def index_file(self) -> Path:
        return self.cache_dir / "index.sqlite"

    @property
    def locks_dir(self) -> Path:
        """One lock file per file being written, so two netfiles processes never interleave writes."""
        return self.cache_dir / "locks"

    def relative(self, path: Path) -> str:
        """`path` (one of the above) vault-relative, in POSIX form: `.netfiles/config.toml`."""
        return Path(path).relative_to(self.root).as_posix()

DEFAULTS: dict = {
    "people": ["people"],
    "ignore": [".obsidian", ".git", ".trash", "templates"],
    "default_cadence": "90d",
    "plugins": {"disabled": []},
    "me": {},
    "channels": {},
}

#: docs/format.md, section 4: which kinds of interaction count as which channel.
DEFAULT_CHANNELS = {
    "in-person": ["coffee", "lunch", "dinner", "meeting", "visit", "event", "conference"],
    "call": ["call", "video", "phone"],
    "online": ["email", "message", "linkedin", "chat", "note"],
}


class ConfigError(UsageProblem):
    """The configuration cannot be used; the message names the file and line."""


@dataclass
class Config:
    """Settings of one vault, defaults filled in. `data` keeps every table, so plugins read their own."""

    data: dict = field(default_factory=lambda: copy.deepcopy(DEFAULTS))
    path: Path | None = None  # the config.toml it was read from, when there is one

    def line_of(self, table: str, key: str) -> int:
        """The 1-based line of `key = ...` in `[table]` (or `table.key = ...` at the top) of config.toml; 0 if absent.

        For diagnostics about a plugin's own settings, so they point at the line to fix.
        """
        import re

        try:
            lines = self.path.read_text(encoding="utf-8").splitlines() if self.path else []
        except (OSError, UnicodeDecodeError):
            return 0
        current = None
        for number, line in enumerate(lines, 1):
            stripped = line.strip()
            header = re.match(r"^\[\s*([^\]\[]+?)\s*\]", stripped)
            if header:
                current = header.group(1)
            elif current == table and re.match(rf"^{re.escape(key)}\s*=", stripped):
                return number
            elif current is None and re.match(rf"^{re.escape(table)}\.{re.escape(key)}\s*=", stripped):
                return number
        return 0

    @property
    def people(self) -> list[str]:
        return [p.strip("/") for p in self.data["people"]]

    @property
    def ignore(self) -> list[str]:
        return list(self.data["ignore"])

    @property
    def default_cadence(self) -> str:
        return str(self.data["default_cadence"])

    @property
    def disabled_plugins(self) -> list[str]:
        return list(self.data.get("plugins", {}).get("disabled", []))

    @property
    def me(self) -> dict:
        return dict(self.data.get("me") or {})

    def section(self, name: str) -> dict:
        """A plugin's own table, e.g. `[reminders]`; empty when absent."""
        value = self.data.get(name)
        return dict(value) if isinstance(value, dict) else {}

    def channel_of(self, kind: str) -> str:
        """The channel of an interaction kind; unknown kinds count as `online`."""
        if not hasattr(self, "_channel_by_kind"):
            self._channel_by_kind = {k: channel for channel, kinds in self.channels().items() for k in kinds}
        return self._channel_by_kind.get(kind.lower(), "online")

    def channels(self) -> dict[str, list[str]]:
        merged = {k: list(v) for k, v in DEFAULT_CHANNELS.items()}
        for channel, kinds in (self.data.get("channels") or {}).items():
            merged.setdefault(channel, [])
            merged[channel].extend(str(k).lower() for k in kinds)
        return merged


def load_config(root: Path) -> Config:
    """Read the vault's config.toml over the defaults; a missing file means the defaults."""
    path = root / CONFIG_DIR / CONFIG_FILE
    data = copy.deepcopy(DEFAULTS)
    try:
        if not path.is_file():
            return Config(data)
        loaded = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:  # an unreadable vault or config, a path too long for the system
        raise ConfigError(f"{shown_path(path)}: cannot be read ({exc.strerror or exc})") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not valid UTF-8 ({exc.reason})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: {exc}") from None
    for key, value in loaded.items():
        if isinstance(value, dict) and isinstance(data.get(key), dict):
            data[key] = {**data[key], **value}
        else:
            data[key] = value
    _validate(path, data)
    return Config(data, path)


def _validate(path: Path, data: dict) -> None:
    for key in ("people", "ignore"):
        if not isinstance(data[key], list) or not all(isinstance(x, str) for x in data[key]):
            raise ConfigError(f"{path}: `{key}` must be a list of strings")
    for key in ("plugins", "me", "channels"):
        if not isinstance(data.get(key), dict):
            raise ConfigError(f"{path}: `{key}` must be a table ([{key}])")
    disabled = data["plugins"].get("disabled", [])
    if not isinstance(disabled, list) or not all(isinstance(x, str) for x in disabled):
        raise ConfigError(f"{path}: `plugins.disabled` must be a list of plugin names")
    for channel, kinds in data["channels"].items():
        if not isinstance(kinds, list) or not all(isinstance(x, str) for x in kinds):
            raise ConfigError(f"{path}: `channels.{channel}` must be a list of interaction kinds, e.g. [\"brunch\"]")
    _validate_me(path, data["me"])
    from .dates import NEVER, parse_cadence

    if parse_cadence(str(data["default_cadence"])) in (None, NEVER):
        raise ConfigError(f"{path}: `default_cadence` {data['default_cadence']!r} is not a cadence such as 90d or quarterly")


def _validate_me(path: Path, me: dict) -> None:
    """`[me]` has a contact's fields: texts, lists of texts, and dates; `name` and `linkedin` are texts.

    Checked here, once, so an importer or the health report never meets `emails = 5`.
    """
    import datetime as _dt

    def where(key: str) -> str:  # the file is read again only to point at a line that has a problem
        return f"{path}:{Config(path=path).line_of('me', key) or 1}: `me.{key}`"

    for key, value in me.items():
        if key in ("name", "linkedin"):
            if not isinstance(value, str):
                raise ConfigError(f"{where(key)} must be a text in quotes, not {_toml_type(value)}")
            if key == "linkedin" and value.strip():
                from ..reading.fields import url_problem  # only here: its patterns cost every command's start

                problem = url_problem(value)
                if problem:
                    raise ConfigError(f"{where(key)} {value!r} is not a valid URL: {problem}")
        elif not (isinstance(value, (str, _dt.date)) or (isinstance(value, list) and all(isinstance(v, str) for v in value))):
            raise ConfigError(f"{where(key)} must be a text or a list of texts, such as [\"a\", \"b\"], not {_toml_type(value)}")


def _toml_type(value) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list holding something other than texts"
    return f"a {type(value).__name__}"


def shown_path(path: Path | str, limit: int = 120) -> str:
    """A path for a message, its middle cut out when it is very long (a 5,000-character --vault)."""
    text = str(path)
    return text if len(text) <= limit else f"{text[:limit // 2]}…{text[-limit // 2:]}"


def vault_dir_problem(root: Path) -> str | None:
    """Why `root` cannot be opened as a vault folder (missing, a file, unreadable, name too long), or None."""
    try:
        if not root.is_dir():
            return f"vault folder {shown_path(root)} does not exist" if not root.exists() else \
                f"{shown_path(root)} is not a folder"
        os.scandir(root).close()  # readable: listing it is what every command does first
        return None
    except OSError as exc:
        return f"vault folder {shown_path(root)} cannot be read ({exc.strerror or exc})"


def find_vault_root(start: Path) -> Path | None:
    """The nearest folder at or above `start` that holds `.netfiles/`."""
    start = start.resolve()
    if start.is_file() or not start.exists():
        start = start.parent
    for folder in (start, *start.parents):
        if (folder / CONFIG_DIR).is_dir():
            return folder
    return None


def locate_vault(explicit: str | None, argv_paths: Sequence[str] = (), cwd: Path | None = None) -> Path | None:
    """`--vault` first, then `NETFILES_VAULT`, then walking up from the current folder or a path argument."""
    explicit = explicit or os.environ.get("NETFILES_VAULT")
    if explicit:
        try:
            return Path(explicit).expanduser().resolve()
        except (OSError, RuntimeError):  # a symbolic link loop (RuntimeError before Python 3.13)
            return Path(explicit).expanduser().absolute()
    try:
        cwd = cwd or Path.cwd()
    except FileNotFoundError:  # the current folder was deleted: there is nothing to walk up from
        return None
    found = find_vault_root(cwd)
    if found:
        return found
    for arg in argv_paths:
        candidate = cwd / arg
        if candidate.exists():
            found = find_vault_root(candidate)
            if found:
                return found
    return None

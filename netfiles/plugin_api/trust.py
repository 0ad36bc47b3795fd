"""Which vault plugin files this machine allows to run, keyed by content hash.

A vault's `.netfiles/plugins/*.py` is code that arrived with the files (a git
pull, a shared folder), so it runs only once the user has read and allowed it.
The record lives outside the vault, in the user's config folder, and a file
whose content changed must be allowed again.
"""
from __future__ import annotations

import os
import stat
from pathlib import Path

#: A vault plugin larger than this is not read (a plugin is a page of code; /dev/zero is endless).
MAX_PLUGIN_BYTES = 1024 * 1024


class PluginSourceError(Exception):
    """A vault plugin file that is not read: not a regular file, too large, or not UTF-8. The message says which."""


def read_source(path: Path) -> bytes:
    """The bytes of a vault plugin file, read once; only a regular file of at most MAX_PLUGIN_BYTES.

    A FIFO would make every command wait forever and `/dev/zero` would fill the
    memory, and a symlink can point at either: the file is checked before it is
    opened, opened without blocking, and checked again once open (it may have
    been swapped in between), then read with a limit.
    """
    path = Path(path)
    try:
        st = os.stat(path)
        _require_regular(st, path)
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise PluginSourceError(f"cannot be read: {exc.strerror or exc}") from None
    try:
        _require_regular(os.fstat(fd), path)
        chunks, total = [], 0
        while total <= MAX_PLUGIN_BYTES:
            chunk = os.read(fd, MAX_PLUGIN_BYTES + 1 - total)
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except OSError as exc:
        raise PluginSourceError(f"cannot be read: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
    if total > MAX_PLUGIN_BYTES:
        raise PluginSourceError(f"is larger than {MAX_PLUGIN_BYTES // 1024} KiB, so it was not read")
    return b"".join(chunks)


def _require_regular(st: os.stat_result, path: Path) -> None:
    if not stat.S_ISREG(st.st_mode):
        kind = ("a FIFO" if stat.S_ISFIFO(st.st_mode) else "a device" if stat.S_ISCHR(st.st_mode) or
                stat.S_ISBLK(st.st_mode) else "a socket" if stat.S_ISSOCK(st.st_mode) else "a folder"
                if stat.S_ISDIR(st.st_mode) else "not a regular file")
        via = " (through a symlink)" if os.path.islink(path) else ""
        raise PluginSourceError(f"is {kind}{via}, not a regular file, so it was not read")
    if st.st_size > MAX_PLUGIN_BYTES:
        raise PluginSourceError(f"is larger than {MAX_PLUGIN_BYTES // 1024} KiB, so it was not read")


def decode_source(data: bytes) -> str:
    """The text of a plugin, as shown by `netfiles trust` and as run: UTF-8 only.

    Python would honour a `# coding:` line (UTF-7 can hide a line break inside
    what looks like a comment); compiling this text instead means what runs is
    exactly what was shown.
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PluginSourceError(f"is not UTF-8 (byte {exc.start}), so it was not read") from None


#: Line ends shown as such; every other control or format character is shown by name or code point.
_NAMES = {"\x1b": "ESC", "\r": "CR", "\b": "BS", "\x7f": "DEL", "\x00": "NUL", "\x07": "BEL", "\x0b": "VT",
          "\x0c": "FF", "\x85": "NEL", "\u2028": "LS", "\u2029": "PS", "\ufeff": "BOM", "\u200b": "ZWSP"}


def visible(text: str) -> tuple[str, int]:
    """The text with every character that a terminal would act on or hide shown as `<NAME>` or `<U+XXXX>`.

    Escape sequences, CR, backspace, bidi overrides (U+202A-U+202E, U+2066-U+2069)
    and other control and format characters can make a line look like another or
    vanish on screen. Newlines, tabs and CRLF line ends stay as they are; a lone CR,
    which ends a line for Python, is shown as `<CR>` and a line break.
    Returns the text and how many characters were made visible.
    """
    import unicodedata

    out, count = [], 0
    text = text.replace("\r\n", "\n")
    for char in text:
        if char == "\r":  # Python ends a line at a lone CR: show where, and start the line it hides
            count += 1
            out.append("<CR>\n")
        elif char in "\n\t" or unicodedata.category(char) not in ("Cc", "Cf", "Zl", "Zp", "Co", "Cs", "Cn"):
            out.append(char)
        else:
            count += 1
            out.append(f"<{_NAMES.get(char) or f'U+{ord(char):04X}'}>")
    return "".join(out), count


def trust_file() -> Path:
    """`NETFILES_TRUST_FILE`, else `$XDG_CONFIG_HOME/netfiles/trust.json` (default ~/.config)."""
    if os.environ.get("NETFILES_TRUST_FILE"):
        return Path(os.environ["NETFILES_TRUST_FILE"])
    base = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    return Path(base) / "netfiles" / "trust.json"


def file_hash(path: Path, data: bytes | None = None) -> str:
    """SHA-256 of the file's bytes (or of `data`, the bytes already read from it)."""
    import hashlib  # here, not at import: start-up loads this module, and only vault plugins need it

    return hashlib.sha256(read_source(path) if data is None else data).hexdigest()


def _load() -> dict[str, str]:
    import json

    try:
        data = json.loads(trust_file().read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def status(path: Path, data: bytes | None = None) -> str:
    """`allowed`, `changed` (allowed once, content differs now) or `unknown`.

    Pass `data`, the bytes about to be run, so what is checked is exactly what runs.
    """
    recorded = _load().get(str(Path(path).resolve()))
    if recorded is None:
        return "unknown"
    return "allowed" if recorded == file_hash(path, data) else "changed"


def allow(paths: list[Path]) -> None:
    """Record the current content of these files as allowed on this machine (read once, as `read_source` reads)."""
    allow_hashes({path: file_hash(path, read_source(path)) for path in paths})


def allow_hashes(hashes: dict[Path, str]) -> None:
    """Record exactly these contents (by hash) as allowed: the bytes the user was shown, not the file read again."""
    data = _load()
    for path, digest in hashes.items():
        data[str(Path(path).resolve())] = digest
    _save(data)


def revoke(paths: list[Path]) -> None:
    """Forget these files: they will not run until allowed again."""
    data = _load()
    for path in paths:
        data.pop(str(Path(path).resolve()), None)
    if trust_file().exists():
        _save(data)


def _save(data: dict[str, str]) -> None:
    """Replace the record atomically, so an interrupted write never loses what was allowed."""
    import json

    target = trust_file()
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(json.dumps(data, indent=2, sort_keys=True), encoding="utf-8")
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)

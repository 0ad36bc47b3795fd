"""Which vault plugin files this machine allows to run, keyed by content hash.

A vault's `.netfiles/plugins/*.py` is code that arrived with the files (a git
pull, a shared folder), so it runs only once the user has read and allowed it.
The record lives outside the vault, in the user's config folder, and a file
whose content changed must be allowed again.
"""
from __future__ import annotations

import os
from pathlib import Path


def trust_file() -> Path:
    """`NETFILES_TRUST_FILE`, else `$XDG_CONFIG_HOME/netfiles/trust.json` (default ~/.config)."""
    if os.environ.get("NETFILES_TRUST_FILE"):
        return Path(os.environ["NETFILES_TRUST_FILE"])
    base = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    return Path(base) / "netfiles" / "trust.json"


def file_hash(path: Path, data: bytes | None = None) -> str:
    """SHA-256 of the file's bytes (or of `data`, the bytes already read from it)."""
    import hashlib  # here, not at import: start-up loads this module, and only vault plugins need it

    return hashlib.sha256(Path(path).read_bytes() if data is None else data).hexdigest()


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
    """Record the current content of these files as allowed on this machine."""
    data = _load()
    for path in paths:
        data[str(Path(path).resolve())] = file_hash(path)
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

"""When a contact entered the vault: where a contact with no interaction starts counting from.

A LinkedIn "Connected On" date of 2004 says when you clicked a button, not
since when you have been neglecting someone; reminders count from when the
person entered your vault. In order:

1. `added` (or `created`) in the front matter, written by `netfiles add`;
2. the date of the commit that added the file, when the vault folder is the
   root of a git repository (one `git log` for the whole vault, cached);
3. the file's modification time.

A date after `today` is not used (as of `today` the entry is not known), so
results with `--today` in the past stay reproducible: tests write `added`.
"""
from __future__ import annotations

import datetime as _dt
import os

from ..model.dates import parse_iso_date

FIELDS = ("added", "created")
_GIT_CACHE_ATTR = "_netfiles_git_added"


def _field_date(contact) -> _dt.date | None:
    return contact.added


def added_date(front_matter: dict) -> _dt.date | None:
    """The `added` (or `created`) date written in a front matter; the index stores it for each contact."""
    fm = front_matter if isinstance(front_matter, dict) else {}
    for key in FIELDS:
        value = fm.get(key)
        if isinstance(value, _dt.datetime):
            return value.date()
        if isinstance(value, _dt.date):
            return value
        if isinstance(value, str) and parse_iso_date(value.strip()[:10]):
            return parse_iso_date(value.strip()[:10])
    return None


def git_added_dates(vault) -> dict[str, _dt.date]:
    """Vault-relative path -> date of the commit that first added it; empty when the vault is not a git root."""
    cached = getattr(vault, _GIT_CACHE_ATTR, None)
    if cached is not None:
        return cached
    found: dict[str, _dt.date] = {}
    if (vault.root / ".git").exists():
        import subprocess  # here: a vault outside git (and every other command) does without it

        try:
            out = subprocess.run(
                ["git", "-C", str(vault.root), "log", "--reverse", "--diff-filter=A", "--no-renames",
                 "--format=@%cs", "--name-only", "-z"],
                capture_output=True, timeout=20, check=False, env={**os.environ, "GIT_OPTIONAL_LOCKS": "0"},
            ).stdout.decode("utf-8", "replace")
        except (OSError, subprocess.TimeoutExpired):
            out = ""
        day = None
        for token in out.replace("\n", "\0").split("\0"):
            if token.startswith("@"):
                day = parse_iso_date(token[1:])
            elif token and day is not None:
                found.setdefault(token, day)
    setattr(vault, _GIT_CACHE_ATTR, found)
    return found


def entered_vault(vault, contact, today: _dt.date) -> tuple[_dt.date | None, str]:
    """(date, how it is known): "added field", "git", "file time", or (None, "unknown")."""
    git = git_added_dates(vault)
    for source in ("added field", "git", "file time"):  # the first one known answers; the file is read last
        if source == "added field":
            day = _field_date(contact)
        elif source == "git":
            day = git.get(contact.path)
        else:
            day = _file_date(vault, contact.path)
        if day is not None and day <= today:
            return day, source
        if day is not None:
            return None, "unknown"  # known, but after `today`: not in the vault yet as of then
    return None, "unknown"


def _file_date(vault, path: str) -> _dt.date | None:
    """The local day of the file's modification time (its whole second: a time a hair before midnight is that day)."""
    modified = vault.modified_ns(path)
    return None if modified is None else _dt.datetime.fromtimestamp(modified // 1_000_000_000).date()

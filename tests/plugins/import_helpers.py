"""Helpers shared by the importer tests: a command that must succeed, a vault's bytes, a contact's log."""
from __future__ import annotations

from pathlib import Path


def ok(result):
    """The click result of a command that must succeed (its output in the failure message otherwise)."""
    assert result.exit_code == 0, (result.output, result.stderr)
    return result


def snapshot(root: Path) -> dict:
    """Every file of a vault and its bytes, cache left out: equal snapshots mean nothing was written."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(Path(root).rglob("*"))
            if p.is_file() and ".netfiles/cache" not in p.relative_to(root).as_posix()}


def log(vault, name: str) -> list[str]:
    """The log lines of the contact file `people/NAME.md`."""
    text = (vault.path / "people" / f"{name}.md").read_text(encoding="utf-8")
    return [line for line in text.split("## Log\n", 1)[-1].splitlines() if line.startswith("- ")]

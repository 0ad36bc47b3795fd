"""Conflict markers left in a file after a merge (NF106), and a merge driver this clone lacks (NF107)."""
from __future__ import annotations

import re
from pathlib import Path

from ..model.diagnostics import Diagnostic

_START, _MIDDLE, _END = re.compile(r"<{7}(?: |$)"), re.compile(r"={7}$"), re.compile(r">{7}(?: |$)")


def conflict_marker_diagnostics(path: str, text: str) -> list[Diagnostic]:
    """NF106 at each `<<<<<<<` line that starts a complete `<<<<<<<` / `=======` / `>>>>>>>` block.

    A lone `=======` is a Markdown heading underline, so only the full triple counts.
    """
    if "<<<<<<<" not in text:
        return []
    found, start, middle = [], None, False
    for number, line in enumerate(text.splitlines(), 1):
        if _START.match(line):
            start, middle = number, False
        elif start is not None and _MIDDLE.match(line.rstrip()):
            middle = True
        elif start is not None and middle and _END.match(line):
            found.append(Diagnostic.core(path, start, 1, "NF106", "unresolved merge conflict: keep what is right "
                                         f"between lines {start} and {number}, then delete the <<<<<<< ======= "
                                         ">>>>>>> lines"))
            start = None
    return found


def merge_driver_diagnostics(vault_root: Path) -> list[Diagnostic]:
    """NF107 when .gitattributes assigns `merge=netfiles` but this clone has no such driver configured.

    Git then silently merges contact files line by line, the very conflicts the driver avoids.
    """
    attributes = _gitattributes_naming_driver(vault_root)
    if attributes is None:
        return []
    from ..cli.git_command import driver_configured, git_root

    repo = git_root(vault_root)
    if repo is None or driver_configured(repo):
        return []
    rel = attributes.relative_to(repo).as_posix() if attributes.is_relative_to(repo) else str(attributes)
    line = next(i for i, text in enumerate(attributes.read_text(encoding="utf-8").splitlines(), 1)
                if "merge=netfiles" in text)
    return [Diagnostic.core(rel, line, 1, "NF107", "this clone has no netfiles merge driver, so git merges contact "
                            "files line by line: run `netfiles git setup` once in this clone")]


def _gitattributes_naming_driver(folder: Path) -> Path | None:
    for candidate in (folder, *folder.parents):
        path = candidate / ".gitattributes"
        try:
            if "merge=netfiles" in path.read_text(encoding="utf-8", errors="replace"):
                return path
        except OSError:
            pass
        if (candidate / ".git").exists():
            return None
    return None

"""Listing the vault's Markdown files with their stat, skipping ignored folders and symlink loops."""
from __future__ import annotations

import fnmatch
import os
from pathlib import Path

from .config import CONFIG_DIR, Config


class VaultLayout:
    """Which files of a vault are contacts, which are skipped. Shared by the index and the watcher."""

    def __init__(self, root: Path, config: Config):
        self.root = root
        self.people = [p for p in config.people if p]
        self.ignore = config.ignore

    def is_ignored(self, rel: str) -> bool:
        """Hidden folders, `.netfiles/`, and any path part or relative path matching an `ignore` entry."""
        parts = rel.split("/")
        if parts[0] == CONFIG_DIR or any(p.startswith(".") for p in parts[:-1]):
            return True
        for pattern in self.ignore:
            pattern = pattern.strip("/")
            if "/" in pattern:
                if fnmatch.fnmatch(rel, pattern) or rel.startswith(pattern + "/"):
                    return True
            elif any(fnmatch.fnmatch(p, pattern) for p in parts):
                return True
        return False

    def is_contact(self, rel: str) -> bool:
        return any(rel.startswith(p + "/") for p in self.people) or "" in self.people

    def is_markdown(self, rel: str) -> bool:
        return rel.endswith(".md") and not self.is_ignored(rel)

    def relative(self, path: str | os.PathLike) -> str | None:
        """The vault-relative POSIX path of an absolute path, or None when it lies outside the vault."""
        try:
            rel = Path(os.path.abspath(path)).relative_to(self.root)
        except ValueError:
            return None
        return rel.as_posix()

    def walk(self) -> dict[str, tuple[int, int]]:
        """{relative path: (mtime_ns, size)} of every Markdown file that counts. Follows folder links once."""
        found: dict[str, tuple[int, int]] = {}
        seen_dirs: set[tuple[int, int]] = set()
        stack = [(str(self.root), "")]
        while stack:
            folder, prefix = stack.pop()
            try:
                st = os.stat(folder)
                if (st.st_dev, st.st_ino) in seen_dirs:
                    continue  # a symlink loop or a folder linked twice
                seen_dirs.add((st.st_dev, st.st_ino))
                entries = list(os.scandir(folder))
            except OSError:
                continue  # vanished or unreadable: nothing to index there
            for entry in entries:
                rel = prefix + entry.name
                try:
                    if entry.is_dir():
                        if entry.name.startswith(".") or self.is_ignored(rel + "/x"):
                            continue
                        stack.append((entry.path, rel + "/"))
                    elif entry.name.endswith(".md") and not entry.name.startswith("."):
                        if self.ignore and self.is_ignored(rel):
                            continue
                        st = entry.stat()
                        found[rel] = (st.st_mtime_ns, st.st_size)
                except OSError:
                    continue  # a broken link or a file deleted while listing
        return found

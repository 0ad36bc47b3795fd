"""Listing the vault's Markdown files with their stat, skipping ignored folders and symlink loops."""
from __future__ import annotations

import fnmatch
import os
import re
from pathlib import Path

from ..model.config import CONFIG_DIR, Config


def stamp(st: os.stat_result) -> tuple[int, int, int, int]:
    """What says a file may have changed: (mtime_ns, size, ctime_ns, inode), from one stat.

    mtime and size alone miss a same-size edit whose mtime was put back (`touch -r`,
    tools that restore times); the kernel sets ctime on every change and it cannot
    be set back, and a file replaced by a rename has a new inode.
    """
    return st.st_mtime_ns, st.st_size, st.st_ctime_ns, st.st_ino


class VaultLayout:
    """Which files of a vault are contacts, which are skipped. Shared by the index and the watcher."""

    def __init__(self, root: Path, config: Config):
        self.root = root
        self.people = [p for p in config.people if p]
        self.ignore = config.ignore
        self.skipped: list[str] = []  # Markdown files the last walk could not index: names that are not UTF-8
        self._name_match, self._path_match = _compile_ignore(self.ignore)

    def is_ignored(self, rel: str) -> bool:
        """Hidden folders, `.netfiles/`, and any path part or relative path matching an `ignore` entry."""
        parts = rel.split("/")
        if parts[0] == CONFIG_DIR or any(p.startswith(".") for p in parts[:-1]):
            return True
        if self._path_match(rel) or any(self._name_match(p) for p in parts):
            return True
        return False

    def is_contact(self, rel: str) -> bool:
        return any(rel.startswith(p + "/") for p in self.people) or "" in self.people

    def is_markdown(self, rel: str) -> bool:
        return rel.endswith(".md") and not self.is_ignored(rel) and _is_text(rel)

    def relative(self, path: str | os.PathLike) -> str | None:
        """The vault-relative POSIX path of an absolute path, or None when it lies outside the vault."""
        absolute = os.path.abspath(path)
        # the vault root is resolved; a path reached through a linked folder is resolved to compare (not its file)
        real = os.path.join(os.path.realpath(os.path.dirname(absolute)), os.path.basename(absolute))
        for candidate in (absolute, real):
            try:
                return Path(candidate).relative_to(self.root).as_posix()
            except ValueError:
                continue
        return None

    def walk(self) -> dict[str, tuple[int, int, int, int]]:
        """{relative path: `stamp`} of every Markdown file that counts. Follows folder links once."""
        found: dict[str, tuple[int, int, int, int]] = {}
        self.skipped = []
        seen_dirs: set[tuple[int, int]] = set()
        stack = [(str(self.root), "")]
        name_match, path_match = self._name_match, self._path_match  # `is_ignored` of a file in a folder let through
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
                name = entry.name
                rel = prefix + name
                try:
                    if name.endswith(".md") and not name.startswith(".") and not entry.is_dir():
                        if name_match(name) or path_match(rel):
                            continue
                        if not entry.is_file():
                            continue  # a FIFO or device named *.md: reading it could block forever
                        if not (rel.isascii() or _is_text(rel)):  # the index, JSON and terminals need names that are text
                            self.skipped.append(rel.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace"))
                            continue
                        found[rel] = stamp(entry.stat())
                    elif entry.is_dir():
                        if name.startswith(".") or self.is_ignored(rel + "/x"):
                            continue
                        stack.append((entry.path, rel + "/"))
                except OSError:
                    continue  # a broken link or a file deleted while listing
        return found


def _compile_ignore(patterns: list[str]):
    """The `ignore` entries as two compiled matchers, (name, relative path), built once per vault.

    Calling fnmatch for every pattern and every file cost more than listing the
    files themselves on a 10k vault; one regular expression per kind does the same
    test in a single call. A pattern with a `/` matches the relative path or any
    path below it, one without matches a single file or folder name.
    """
    names, paths = [], []
    for pattern in patterns:
        pattern = pattern.strip("/")
        if "/" in pattern:
            paths.append(fnmatch.translate(pattern))
            paths.append(re.escape(pattern + "/") + ".*")  # everything below it, as startswith(pattern + "/")
        else:
            names.append(fnmatch.translate(pattern))
    never = lambda text: None  # noqa: E731 - no patterns of this kind
    name_match = re.compile("|".join(f"(?:{p})" for p in names)).match if names else never
    path_match = re.compile("|".join(f"(?:{p})" for p in paths), re.S).match if paths else never
    return name_match, path_match


def _is_text(rel: str) -> bool:
    """False for a file name that is not valid UTF-8 (Python keeps its bytes as lone surrogates)."""
    try:
        rel.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True

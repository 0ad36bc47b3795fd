"""Installed plugins' entry points, read straight from the `*.dist-info` folders on `sys.path`.

`importlib.metadata.entry_points()` costs about 15 ms of every command's start
(it imports `email`, `zipfile`, `csv` and friends, and parses each package's
METADATA as an email message). In the usual case, a list of folders on
`sys.path` searched by Python's own path finder, this module reads the same
files the same way, in the same order, and gives the same entry points, each
with its distribution's name and version. Anything less usual (a zip or egg on
the path, another finder that lists distributions, a file importlib.metadata
would read differently) is handed to importlib.metadata itself, so the answer
never differs from it: only the common case is fast.
"""
from __future__ import annotations

import os
import sys
from typing import Any, Iterator, NamedTuple

_METADATA_SUFFIXES = (".dist-info", ".egg-info")


class _Unusual(Exception):
    """Something this reader does not copy from importlib.metadata: ask importlib.metadata."""


class InstalledEntryPoint(NamedTuple):  # a NamedTuple: a third of a dataclass's definition time, at every start
    """One entry point of an installed distribution (as `importlib.metadata.EntryPoint` with its `dist`)."""

    name: str
    value: str
    group: str
    dist_name: str
    dist_version: str

    def load(self) -> Any:
        """Import the module (and attribute) the entry point names, exactly as `EntryPoint.load` does."""
        import functools
        import importlib

        module, attr = _module_and_attribute(self.value)
        if module is None:  # malformed: let importlib.metadata fail as it always has
            from importlib.metadata import EntryPoint

            return EntryPoint(self.name, self.value, self.group).load()
        attrs = filter(None, (attr or "").split("."))
        return functools.reduce(getattr, attrs, importlib.import_module(module))


def _module_and_attribute(value: str) -> tuple[str | None, str | None]:
    """`module` and `attr` of "module:attr [extras]" as `EntryPoint.pattern` reads them; (None, None) if malformed.

    The usual "package.module" or "package.module:attr" is split without the pattern (whose compilation
    every command would pay for); dotted ASCII identifiers are a subset of what the pattern's `[\\w.]+` accepts.
    """
    module, colon, attr = value.partition(":")
    if value.isascii() and all(part.isidentifier() for part in module.split(".")) and (
            not colon or all(part.isidentifier() for part in attr.split("."))):
        return module, attr or None
    import re

    match = re.match(r"(?P<module>[\w.]+)\s*(:\s*(?P<attr>[\w.]+)\s*)?((?P<extras>\[.*\])\s*)?$", value)
    return (match.group("module"), match.group("attr")) if match else (None, None)


def installed_entry_points(group: str) -> list[InstalledEntryPoint]:
    """The entry points in `group` of every distribution importlib.metadata would find, in its order."""
    try:
        return list(_read_entry_points(group))
    except _Unusual:
        return _from_importlib_metadata(group)


def _from_importlib_metadata(group: str) -> list[InstalledEntryPoint]:
    from importlib.metadata import entry_points

    found = []
    for ep in entry_points(group=group):
        dist = ep.dist
        found.append(InstalledEntryPoint(ep.name, ep.value, ep.group, dist.name if dist else "",
                                         dist.version if dist else ""))
    return found


def _read_entry_points(group: str) -> Iterator[InstalledEntryPoint]:
    import importlib.machinery

    finders = [finder for finder in sys.meta_path if getattr(finder, "find_distributions", None)]
    if finders != [importlib.machinery.PathFinder]:
        raise _Unusual("another finder lists distributions")
    seen: set[str] = set()
    for root in list(sys.path):
        for normalized, folders in _metadata_folders(root).items():
            for folder in folders:  # importlib.metadata keeps the first distribution of each name
                if normalized in seen:
                    continue
                seen.add(normalized)
                yield from _folder_entry_points(folder, group)


def _metadata_folders(root: object) -> dict[str, list[str]]:
    """`*.dist-info` and `*.egg-info` entries of one `sys.path` folder by normalized name (importlib's `Lookup`)."""
    if not isinstance(root, str):
        raise _Unusual("a sys.path entry that is not a string")
    if os.path.basename(root).lower().endswith(".egg"):
        raise _Unusual("an egg on sys.path")
    try:
        children = os.listdir(root or ".")
    except Exception:
        if os.path.isfile(root):
            raise _Unusual("a zip file on sys.path") from None
        return {}
    by_name: dict[str, list[str]] = {}
    for child in children:
        low = child.lower()
        if low.endswith(_METADATA_SUFFIXES):
            if not child.endswith(_METADATA_SUFFIXES):
                raise _Unusual("a metadata folder with an upper-case suffix")
            name = _normalize(low.rpartition(".")[0].partition("-")[0])
            by_name.setdefault(name, []).append(os.path.join(root, child))
    return by_name


def _normalize(name: str) -> str:
    """PEP 503 normalization with dashes as underscores (importlib.metadata's `Prepared.normalize`)."""
    import re

    return re.sub(r"[-_.]+", "-", name).lower().replace("-", "_")


def _read_text(folder: str, filename: str) -> str | None:
    """A metadata file's text, or None where importlib.metadata's `read_text` gives None."""
    try:
        with open(os.path.join(folder, filename), encoding="utf-8") as handle:
            return handle.read()
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError, PermissionError):
        return None
    except (OSError, ValueError) as exc:  # undecodable, unreadable: importlib.metadata raises its own way
        raise _Unusual(str(exc)) from None


def _folder_entry_points(folder: str, group: str) -> Iterator[InstalledEntryPoint]:
    text = _read_text(folder, "entry_points.txt")
    if not text:
        return
    section = None
    found = []
    for line in map(str.strip, text.splitlines()):  # importlib.metadata's `Sectioned.section_pairs`
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line.strip("[]")
            continue
        if section is None:
            continue
        if "=" not in line:
            raise _Unusual("an entry point line without '='")
        name, value = line.split("=", 1)
        if section == group:
            found.append((name.strip(), value.strip()))
    if found:
        dist_name, dist_version = _name_and_version(folder)
        for name, value in found:
            yield InstalledEntryPoint(name, value, group, dist_name, dist_version)


def _name_and_version(folder: str) -> tuple[str, str]:
    """The `Name` and `Version` headers of the distribution's METADATA (or PKG-INFO), as `dist.name`/`.version`."""
    text = _read_text(folder, "METADATA") or _read_text(folder, "PKG-INFO")
    if not text:
        raise _Unusual("no METADATA")
    headers: dict[str, str] = {}
    for line in text.splitlines():
        if not line.strip():
            break  # the headers end at the first blank line
        key, colon, value = line.partition(":")
        if not colon or not key or any(not "!" <= char <= "~" for char in key):
            raise _Unusual("a folded or malformed header")  # the email parser's business
        headers.setdefault(key.lower(), value.lstrip(" \t"))
    if "name" not in headers or "version" not in headers:
        raise _Unusual("METADATA without Name or Version")
    return headers["name"], headers["version"]

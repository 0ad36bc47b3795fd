#!/usr/bin/env python3
"""The floor: the least work any indexer must do on a vault.

Walk the vault's Markdown files, read each one, cut out the front matter (the
block between a leading ``---`` line and the next ``---`` line) and parse it
with PyYAML's C loader, in one process. The benchmark targets for
``netfiles index`` and ``netfiles check`` are ratios of this time.

    python benchmarks/floor.py DIR [--repeat 3]
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

import yaml

try:
    _LOADER = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml
    _LOADER = None

SKIP_DIRS = {".git", ".netfiles", ".obsidian", ".trash"}


def markdown_files(root: Path) -> list[str]:
    """All *.md files under root, skipping dot folders such as .netfiles/ and .git/."""
    out = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS and not d.startswith("."))
        for f in filenames:
            if f.endswith(".md"):
                out.append(os.path.join(dirpath, f))
    return out


def split_front_matter(text: str) -> str | None:
    """The YAML text between a leading '---' line and the closing '---' line, or None."""
    if not text.startswith("---"):
        return None
    nl = text.find("\n")
    if nl < 0 or text[3:nl].strip():
        return None
    start = nl + 1
    idx = nl  # the newline that ends the opening line
    while True:
        idx = text.find("\n---", idx)
        if idx < 0:
            return None
        le = text.find("\n", idx + 1)
        if le < 0:
            le = len(text)
        if not text[idx + 4:le].strip():
            return text[start:idx + 1]
        idx += 1


def _one_pass(root: Path) -> tuple[int, int]:
    if _LOADER is None:
        raise RuntimeError("PyYAML has no C loader (libyaml); the floor would be meaningless")
    n = parsed = 0
    load = yaml.load
    for path in markdown_files(root):
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
        n += 1
        fm = split_front_matter(text)
        if fm is not None:
            load(fm, Loader=_LOADER)
            parsed += 1
    return n, parsed


def measure_floor(root, repeat: int = 3) -> float:
    """Seconds for the best of ``repeat`` passes, after one untimed warm-up pass
    (so the page cache is warm)."""
    root = Path(root)
    _one_pass(root)  # warm the page cache and the interpreter
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        _one_pass(root)
        best = min(best, time.perf_counter() - t0)
    return best


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Measure the read+parse floor of a vault.")
    ap.add_argument("dir", type=Path)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json", action="store_true", help="print the result as JSON")
    a = ap.parse_args(argv)
    n, parsed = _one_pass(a.dir)
    s = measure_floor(a.dir, a.repeat)
    if a.json:
        print(json.dumps({"seconds": s, "files": n, "with_front_matter": parsed, "repeat": a.repeat}))
        return 0
    print(f"floor: {s:.3f} s for {n} Markdown files ({parsed} with front matter), best of {a.repeat}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

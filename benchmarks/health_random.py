#!/usr/bin/env python3
"""`netfiles health` on a benchmark vault whose `knows` ties are rewired at random (issue 13, Speed).

    python benchmarks/generate.py /tmp/v10k --contacts 10000
    python benchmarks/health_random.py /tmp/v10k /tmp/v10k-random

Copies the generated vault, replaces every contact's `knows:` line by as many links to contacts
drawn uniformly at random (a random graph of the same size and number of ties, without the
generator's communities), indexes the copy, then times the floor (benchmarks/floor.py) and
`netfiles health --format json` three times (wall clock and CPU seconds): the first run computes the
groups, later runs read them from the index cache. Prints one JSON object.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
KNOWS = re.compile(r'^knows: \[(.*)\]$', re.M)
TODAY = "2026-11-21"


def randomize(vault: Path, seed: int) -> int:
    files = sorted((vault / "people").rglob("*.md"))
    stems = [f.stem for f in files]
    rng = random.Random(seed)
    rewired = 0
    for i, path in enumerate(files):
        text = path.read_text(encoding="utf-8")
        found = KNOWS.search(text)
        if not found:
            continue
        count = found.group(1).count("[[")
        targets = set()
        while len(targets) < count:
            j = rng.randrange(len(files))
            if j != i:
                targets.add(j)
        links = ", ".join(f'"[[{stems[j]}]]"' for j in sorted(targets))
        path.write_text(text[:found.start()] + f"knows: [{links}]" + text[found.end():], encoding="utf-8")
        rewired += count
    return rewired


def timed(cmd: list[str], cwd: Path) -> dict:
    """Wall-clock seconds and CPU seconds (user + system) of one run: on a loaded host the CPU time is steadier."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return {"wall": round(wall, 3), "cpu": round(cpu, 3)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("source", type=Path, help="a vault made by benchmarks/generate.py")
    ap.add_argument("target", type=Path, help="where to write the randomized copy (replaced)")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    shutil.rmtree(args.target, ignore_errors=True)
    shutil.copytree(args.source, args.target, ignore=shutil.ignore_patterns("cache"))
    links = randomize(args.target, args.seed)
    netfiles = [sys.executable, "-m", "netfiles", "--vault", str(args.target)]
    subprocess.run([*netfiles, "index"], check=True, stdout=subprocess.DEVNULL)
    floors = [timed([sys.executable, str(HERE / "floor.py"), str(args.target), "--json", "--repeat", "1"],
                    args.target) for _ in range(3)]
    runs = [timed([*netfiles, "health", "--today", TODAY, "--format", "json"], args.target) for _ in range(3)]
    report = json.loads(subprocess.run([*netfiles, "health", "--today", TODAY, "--format", "json"],
                                       check=True, capture_output=True, text=True).stdout)
    groups = report["structure"]["groups"]
    best = {k: min(r[k] for r in runs) for k in ("wall", "cpu")}
    floor = {k: min(r[k] for r in floors) for k in ("wall", "cpu")}
    print(json.dumps({"links": links, "floor": floor, "health_runs": runs, "health_first_run": runs[0],
                      "health_best_floor_ratio": {k: round(best[k] / floor[k], 2) for k in best},
                      "groups": groups}, indent=2))


if __name__ == "__main__":
    main()

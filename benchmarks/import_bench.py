#!/usr/bin/env python3
"""Time importing a four-year multi-source footprint (benchmarks/footprint.py).

    python benchmarks/import_bench.py [--people 900] [--runs 3] [--workdir DIR]

Each run writes a fresh footprint, then times, as subprocesses of the
`netfiles` on PATH: `import linkedin`, `import google-contacts`,
`import calendar`, `import mail` into an empty vault (the first import),
then the same four again (the re-import, which must change nothing).
Prints a Markdown table of the best and median wall-clock seconds and the
least CPU seconds (user + system, which a loaded machine does not inflate
as much); targets:
first import under 10 s in all, re-import under 3 s.
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from footprint import TODAY, write_footprint  # noqa: E402

IMPORTS = [
    ("linkedin", "linkedin"),
    ("google-contacts", "contacts.csv"),
    ("calendar", "calendar.ics", "--today", TODAY.isoformat()),
    ("mail", "Sent.mbox", "--today", TODAY.isoformat()),
]


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_all(out: Path) -> dict[str, tuple[float, float]]:
    """(wall-clock seconds, CPU seconds) of each import, as a fresh process."""
    times = {}
    env = dict(os.environ, NETFILES_VAULT=str(out / "vault"))
    for command, path, *rest in IMPORTS:
        start, cpu = time.perf_counter(), _cpu()
        done = subprocess.run(["netfiles", "import", command, str(out / path), *rest],
                              env=env, capture_output=True, text=True)
        times[command] = (time.perf_counter() - start, _cpu() - cpu)
        if done.returncode != 0:
            raise SystemExit(f"netfiles import {command} failed:\n{done.stderr}")
    return times


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=900)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "netfiles-import-bench")
    args = parser.parse_args(argv)
    first, again = [], []
    for run in range(args.runs):
        out = args.workdir / f"run{run}"
        shutil.rmtree(out, ignore_errors=True)
        write_footprint(out, args.people, seed=1)
        first.append(run_all(out))
        again.append(run_all(out))
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"{args.people} people, {args.runs} runs, load average {load:.1f} at the end\n")
    print("| import | first: best wall | first: median wall | first: CPU | re-import: best wall "
          "| re-import: median wall | re-import: CPU |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for command, *_ in [*IMPORTS, ("all",)]:
        def pick(rows, which):
            return [sum(v[which] for v in r.values()) if command == "all" else r[command][which] for r in rows]
        a, b = pick(first, 0), pick(again, 0)
        print(f"| {command} | {min(a):.2f} s | {statistics.median(a):.2f} s | {min(pick(first, 1)):.2f} s "
              f"| {min(b):.2f} s | {statistics.median(b):.2f} s | {min(pick(again, 1)):.2f} s |")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Time tie inference (`netfiles.find_ties`) on a generated vault with evidence log lines.

    python3 benchmarks/ties.py DIR [--contacts 10000] [--seed 1]

Writes DIR (deleted first if it holds a previous run): contacts in teams of 6, each with 6 log
lines naming 1 to 4 teammates (as the importers write them, `with [[A]], [[B]]`), one line in 20
naming someone outside the team, one in 10 a large meeting (`with 12 others`), and a dated note
per 20 contacts linking 3 to 5 people. Prints the time to index, to load contacts and to find ties,
and how many pairs and ties were found. Not a test: run it by hand, at 10k at most on a shared host.
"""
from __future__ import annotations

import argparse
import datetime as _dt
import random
import shutil
import time
from pathlib import Path


def generate(root: Path, n: int, seed: int) -> None:
    rng = random.Random(seed)
    if (root / ".netfiles").is_dir():
        shutil.rmtree(root)
    (root / ".netfiles").mkdir(parents=True)
    (root / "people").mkdir()
    (root / "daily").mkdir()
    names = [f"Person {i:05d}" for i in range(n)]
    start = _dt.date(2025, 1, 1)
    for i, name in enumerate(names):
        team = [names[j] for j in range(i - i % 6, min(n, i - i % 6 + 6)) if j != i]
        log = []
        for _ in range(6):
            day = start + _dt.timedelta(days=rng.randrange(700))
            who = rng.sample(team, min(len(team), rng.randint(1, 4)))
            if rng.random() < 0.05:
                who.append(rng.choice(names))
            others = " and 12 others" if rng.random() < 0.1 else ""
            kind = rng.choice(["meeting", "call", "email", "linkedin"])
            log.append(f"- {day.isoformat()} {kind}: with " + ", ".join(f"[[{w}]]" for w in who) + others)
        log.sort(reverse=True)
        text = f"---\nname: {name}\norganization: Org {i // 40}\n---\n# {name}\n\n## Log\n" + "\n".join(log) + "\n"
        (root / "people" / f"{name}.md").write_text(text, encoding="utf-8")
    for k in range(n // 20):
        day = start + _dt.timedelta(days=rng.randrange(700))
        who = rng.sample(names, rng.randint(3, 5))
        (root / "daily" / f"{day.isoformat()} meeting {k}.md").write_text(
            "Met " + ", ".join(f"[[{w}]]" for w in who) + ".\n", encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dir", type=Path)
    ap.add_argument("--contacts", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    import netfiles
    from netfiles.store.vault import Vault

    generate(args.dir, args.contacts, args.seed)
    t0 = time.perf_counter()
    vault = Vault(args.dir)
    vault.refresh()
    t1 = time.perf_counter()
    contacts = vault.contacts
    t2 = time.perf_counter()
    evidence = netfiles.tie_evidence(vault)
    t3 = time.perf_counter()
    ties = netfiles.find_ties(vault)
    t4 = time.perf_counter()
    inferred = sum(not t.written for t in ties)
    print(f"{len(contacts)} contacts, {len(vault.notes)} notes: index {t1 - t0:.2f} s, load contacts {t2 - t1:.2f} s, "
          f"tie_evidence {t3 - t2:.2f} s ({len(evidence)} pairs), find_ties {t4 - t3:.2f} s ({inferred} inferred ties)")


if __name__ == "__main__":
    main()

"""A realistic first-day vault: hundreds of LinkedIn-like connections nobody talks to, plus a few real friends.

Known truth, for tests:
- LINKEDIN: `n` connections (Connected On 2004..2024 as `met`, organization, role, industry, LinkedIn URL,
  no cadence, no interaction, `added` on the import day): all `wider`.
- INNER: 5 friends seen weekly (a coffee, often a call and a daily note the same day).
- CORE: 12 people seen about monthly to quarterly over the past year; 20 with a written cadence (2m), `met`
  in 2004, no log, added 60 + 10k days before the import day (all due by TODAY).
- DORMANT: 6 people seen every four weeks in 2019-2021 ("team lunch at Acme Bank", your organization) and
  silent since; the even ones moved to Stark Media (media) since.
- TODAY = 2026-11-21.
"""
from __future__ import annotations

import datetime as dt
import random

TODAY = dt.date(2026, 11, 21)
IMPORT_DAY = dt.date(2026, 11, 14)
ME = {"name": "Sam Owner", "organization": "Acme Bank", "industry": "finance"}

_FIRST = ["Ana", "Bo", "Carla", "Dev", "Eli", "Fatima", "Goran", "Hana", "Ivo", "Jia", "Kemal", "Lea", "Mo", "Nia",
          "Omar", "Pia", "Quinn", "Rui", "Sana", "Tariq", "Uma", "Vik", "Wen", "Xavi", "Yara", "Zeno"]
_LAST = ["Silva", "Chen", "Diaz", "Patel", "Okafor", "Novak", "Berg", "Sato", "Rossi", "Kim", "Haddad", "Meyer",
         "Nakamura", "Costa", "Ivanova", "Moreau", "Singh", "Larsen", "Mensah", "Schmidt"]
_ORGS = [("Acme Bank", "finance"), ("Globex", "tech"), ("Initech", "tech"), ("Umbrella Health", "health"),
         ("Stark Media", "media"), ("Wayne Capital", "finance"), ("Hooli", "tech"), ("Vandelay Imports", "retail")]
_ROLES = ["Software Engineer", "Recruiter", "VP Sales", "Data Analyst", "Head of Product", "Consultant"]

INNER = ["Inês Weekly", "Ken Weekly", "Lola Weekly", "Max Weekly", "Noor Weekly"]
CORE_LOGGED = [f"Core Person {i:02d}" for i in range(12)]
CORE_CADENCE = [f"Cadence Person {i:02d}" for i in range(20)]
DORMANT = [f"Old Friend {i}" for i in range(6)]


def _days_back(every: int, count: int, last_ago: int) -> list[dt.date]:
    return [TODAY - dt.timedelta(days=last_ago + every * k) for k in range(count)]


def build_first_day_vault(vault, n_linkedin: int = 800, seed: int = 7) -> None:
    """Fill a `netfiles.testing.VaultBuilder` with the footprint described in the module doc."""
    rng = random.Random(seed)
    vault.config(me=ME, default_cadence="90d")
    for i in range(n_linkedin):
        first, last = _FIRST[i % len(_FIRST)], _LAST[(i // len(_FIRST)) % len(_LAST)]
        org, industry = _ORGS[rng.randrange(len(_ORGS))]
        met = dt.date(2004, 1, 1) + dt.timedelta(days=rng.randrange(20 * 365))
        vault.add_contact(f"{first} {last} {i:03d}", folder="people/linkedin", organization=org, industry=industry,
                          role=rng.choice(_ROLES), met=met.isoformat(), added=IMPORT_DAY.isoformat(),
                          linkedin=f"https://www.linkedin.com/in/{first.lower()}-{last.lower()}-{i:03d}",
                          tags=["linkedin"])
    for k, name in enumerate(INNER):
        days = _days_back(7, 60, k)
        log = [f"{d.isoformat()} coffee: catch-up" for d in days] + [f"{d.isoformat()} call: same day" for d in days[::3]]
        vault.add_contact(name, organization="Globex", industry="tech", log=log, added="2020-01-01")
        for d in days[::5]:
            vault.add_note(f"daily/{d.isoformat()}-{k}.md", "met today", links=[name])
    for k, name in enumerate(CORE_LOGGED):
        every = 30 + 6 * k  # monthly to about quarterly
        days = _days_back(every, max(3, 365 // every), 3 + k)
        org, industry = _ORGS[k % len(_ORGS)]
        vault.add_contact(name, organization=org, industry=industry, added="2021-03-01",
                          log=[f"{d.isoformat()} meeting: project" for d in days])
    for k, name in enumerate(CORE_CADENCE):
        vault.add_contact(name, cadence="2m", met="2004-06-01", added=(IMPORT_DAY - dt.timedelta(days=60 + 10 * k)).isoformat(),
                          organization="Hooli", industry="tech")
    for k, name in enumerate(DORMANT):
        start = dt.date(2019, 3, 1) + dt.timedelta(days=11 * k)
        days = [start + dt.timedelta(days=28 * j) for j in range(24)]
        moved = k % 2 == 0
        vault.add_contact(name, organization="Stark Media" if moved else "Acme Bank",
                          industry="media" if moved else "finance", added="2019-01-01",
                          log=[f"{d.isoformat()} lunch: team lunch at Acme Bank" for d in days])

"""`netfiles health --since DATE`: then and now from `met` dates and logs (issue 13 item 13)."""
from __future__ import annotations

import datetime as dt
import json
import math

TODAY = dt.date(2026, 11, 21)
SINCE = dt.date(2025, 11, 21)


def strength(dates, day, half_life=180.0):
    """The documented inference (docs/health.md), written out: 1 + 4 (1 - exp(-score / k)), k = 1 / ln(4/3)."""
    score = sum(0.5 ** ((day - d).days / half_life) for d in dates if d <= day)
    return 1 + 4 * (1 - math.exp(-score * math.log(4 / 3)))


def vault_with_history(vault):
    vault.config(me={"name": "Owner", "industry": "tech"})
    monthly = [SINCE - dt.timedelta(days=30 * k) for k in range(12)]  # a year of monthly contact up to then
    vault.add_contact("Fader", met="2023-01-01", industry="tech",
                      log=[f"{d.isoformat()} call: catch-up" for d in monthly])
    vault.add_contact("Old", met="2024-01-01", industry="finance", log=["2025-06-01 coffee: hello"])
    vault.add_contact("New", met="2026-03-01", industry="health", log=["2026-11-01 call: hi"])
    vault.add_contact("Steady", met="2020-05-05", strength=5, industry="tech", log=["2026-10-01 lunch: yes"])
    vault.add_contact("Undated", industry="law")
    return monthly


def test_since_compares_then_and_now(netfiles_vault, netfiles_cli):
    monthly = vault_with_history(netfiles_vault)
    # Hand check of the premise: Fader was strong then and is weak now.
    assert strength(monthly, SINCE) >= 3.5 > strength(monthly, TODAY)
    result = netfiles_cli("health", "--today", TODAY.isoformat(), "--since", SINCE.isoformat(), "--format", "json")
    assert result.exit_code == 0, result.output
    change = json.loads(result.stdout)["change"]
    assert change["since"] == "2025-11-21"
    # Then: Fader, Old, Steady (met before), Undated (no date: both sides); New was met after.
    assert change["contacts"] == {"then": 4, "now": 5} and change["undated"] == 1
    assert change["gained"] == {"count": 1, "names": ["New"]}
    # In touch in the year before then, not since: Fader (monthly until then) and Old (2025-06-01).
    assert change["gone_quiet"] == {"count": 2, "names": ["Fader", "Old"]}
    assert change["faded_strong_ties"] == {"count": 1, "names": ["Fader"]}  # Steady's 5 is written: no date
    # Industry then: 4 known values, below min_known 5: not measured. Now: tech 2, finance, health, law 1 each
    # -> 1 - (4 + 1 + 1 + 1) / 25 = 0.72.
    assert change["diversity"]["industry"]["then"] is None
    assert abs(change["diversity"]["industry"]["now"] - 0.72) < 1e-12
    text = netfiles_cli("health", "--today", TODAY.isoformat(), "--since", SINCE.isoformat()).stdout
    assert "Change since 2025-11-21" in text and "Strong ties that faded: 1 (Fader)" in text
    assert "Gone quiet: 2 (Fader, Old)" in text
    html = netfiles_cli("health", "--today", TODAY.isoformat(), "--since", SINCE.isoformat(), "--format", "html")
    assert '<section id="change">' in html.stdout and "Since 2025-11-21" in html.stdout


def test_since_must_be_before_today(netfiles_vault, netfiles_cli):
    vault_with_history(netfiles_vault)
    result = netfiles_cli("health", "--today", TODAY.isoformat(), "--since", "2027-01-01")
    assert result.exit_code == 2 and "must be before today" in result.stderr
    bad = netfiles_cli("health", "--today", TODAY.isoformat(), "--since", "last year")
    assert bad.exit_code == 2 and "Traceback" not in bad.output


def test_without_since_there_is_no_change_section(netfiles_vault, netfiles_cli):
    vault_with_history(netfiles_vault)
    data = json.loads(netfiles_cli("health", "--today", TODAY.isoformat(), "--format", "json").stdout)
    assert "change" not in data

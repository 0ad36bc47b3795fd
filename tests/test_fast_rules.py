"""The fast paths of the strength and tier rules give exactly what the plain formulas give (issue 11)."""
from __future__ import annotations

import datetime as _dt

from hypothesis import given, settings, strategies as st

from netfiles.rules.strength import contact_days, days_score

_days = st.dates(min_value=_dt.date(1990, 1, 1), max_value=_dt.date(2030, 12, 31))
_datetimes = st.datetimes(min_value=_dt.datetime(1990, 1, 1), max_value=_dt.datetime(2030, 12, 31))


@settings(derandomize=True, max_examples=200, deadline=None)
@given(st.lists(st.one_of(_days, _datetimes), max_size=40), st.one_of(st.none(), _days))
def test_contact_days_are_the_distinct_days_up_to_today(dates, today):
    plain = {d.date() if isinstance(d, _dt.datetime) else d for d in dates}
    expected = sorted(d for d in plain if today is None or d <= today)
    assert contact_days(dates, today) == expected


@settings(derandomize=True, max_examples=200, deadline=None)
@given(st.lists(_days, max_size=40), _days, st.sampled_from([30.0, 90.0, 180.0, 365.5]))
def test_score_is_the_sum_of_each_days_weight_to_the_last_bit(dates, today, half_life):
    days = contact_days(dates, today)
    expected = sum(0.5 ** ((today.toordinal() - d.toordinal()) / half_life) for d in days)
    assert days_score(days, today, half_life) == expected
    assert days_score(days, today, half_life) == expected  # again, from the weights kept for that day


def test_each_contacts_stored_days_follow_its_log_lines_through_edits(netfiles_make_vault):
    """The dates read with each contact (its stored facts) are those of its log lines, before and after an edit."""
    from netfiles import load_vault
    from netfiles.testing import write_file

    def contact(log: str) -> str:
        return f"---\nname: Ana\n---\n\n## Log\n{log}"

    root = netfiles_make_vault({"people/ana.md": contact("- 2026-01-05 call: hello\n- 2025-12-01 coffee: met\n"),
                                "people/bo.md": "---\nname: Bo\n---\n"})
    vault = load_vault(root)

    def dates(vault) -> dict:
        return {c.path: c.dates for c in vault.contact_facts()}

    assert dates(vault) == {"people/ana.md": (_dt.date(2026, 1, 5), _dt.date(2025, 12, 1)), "people/bo.md": ()}
    write_file(root, "people/ana.md", contact("- 2026-02-01 lunch: again\n"))
    vault.refresh()
    assert dates(vault)["people/ana.md"] == (_dt.date(2026, 2, 1),)
    interactions = vault.index.db.execute("SELECT path, date FROM interactions ORDER BY date").fetchall()
    assert interactions == [("people/ana.md", "2026-02-01")]  # the log lines' rows say the same

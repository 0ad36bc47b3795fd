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

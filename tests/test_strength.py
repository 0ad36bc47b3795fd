"""Tie strength in the core: contact days count once, rhythms land on one side of "strong", written wins."""
from __future__ import annotations

import datetime as dt
import math

import pytest

import netfiles
from netfiles import contact_days, decay_score, inferred_strength, is_strong, peak_strength, tie_strength

TODAY = dt.date(2026, 6, 1)
# The curve of netfiles/rules/strength.py, recomputed here from its two anchors (one contact day today = 2.0,
# score 5.5 = 3.5): 1 + 4 * (1 - exp(-(s / a) ** b)).
B = math.log(math.log(8 / 3) / math.log(4 / 3)) / math.log(5.5)
A = math.log(4 / 3) ** (-1 / B)


def by_hand(score: float) -> float:
    return 1 + 4 * (1 - math.exp(-((score / A) ** B)))


def ago(*ages: int) -> list[dt.date]:
    return [TODAY - dt.timedelta(days=a) for a in ages]


def test_four_log_lines_on_one_day_are_one_contact_day():
    assert inferred_strength(ago(0, 0, 0, 0), TODAY) == pytest.approx(2.0)
    assert not is_strong(inferred_strength(ago(0, 0, 0, 0), TODAY))
    assert decay_score(ago(10, 10, 190), TODAY) == pytest.approx(0.5 ** (10 / 180) + 0.5 ** (190 / 180))
    assert contact_days(ago(3, 3, 1) + [TODAY + dt.timedelta(days=2)], TODAY) == ago(3, 1)


def test_hand_computed_values():
    assert inferred_strength([], TODAY) == 1.0
    assert inferred_strength(ago(0), TODAY) == pytest.approx(2.0)
    assert inferred_strength(ago(180), TODAY) == pytest.approx(by_hand(0.5))  # ~1.641
    assert inferred_strength(ago(180), TODAY) == pytest.approx(1.6412, abs=1e-4)
    weekly = inferred_strength(ago(*range(0, 3650, 7)), TODAY)
    assert weekly == pytest.approx(by_hand(sum(0.5 ** (a / 180) for a in range(0, 3650, 7))))
    assert 4.9 < weekly < 5


@pytest.mark.parametrize("offset", range(60))
def test_every_two_months_for_a_year_is_weak_whatever_day_it_starts(offset):
    # The last contact `offset` days ago, then every 60 days back over the past year (6 or 7 contact days).
    ages = [offset + 60 * k for k in range(7) if offset + 60 * k <= 365]
    value = inferred_strength(ago(*ages), TODAY)
    assert value == pytest.approx(by_hand(sum(0.5 ** (a / 180) for a in ages)))
    assert not is_strong(value)
    # kept up for ten years, still the same side
    assert not is_strong(inferred_strength(ago(*range(offset, 3650, 60)), TODAY))


@pytest.mark.parametrize("offset", range(30))
def test_monthly_for_a_year_is_strong_whatever_day_it_starts(offset):
    ages = [offset + 30 * k for k in range(13) if offset + 30 * k <= 365]
    assert is_strong(inferred_strength(ago(*ages), TODAY))


def test_peak_strength_remembers_a_strong_past():
    # monthly during 2020, silent since
    start = dt.date(2020, 1, 15)
    days = [start + dt.timedelta(days=30 * k) for k in range(12)]
    value, when = peak_strength(days, TODAY)
    assert when == days[-1]
    assert value == pytest.approx(by_hand(sum(0.5 ** (30 * k / 180) for k in range(12))))
    assert is_strong(value) and not is_strong(inferred_strength(days, TODAY))
    assert peak_strength([], TODAY) == (1.0, None)


def test_written_strength_always_wins(netfiles_vault):
    netfiles_vault.add_contact("Wanda", strength=2, log=[f"2026-05-{d:02d} call" for d in range(1, 29)])
    netfiles_vault.add_contact("Ivan", log=["2026-05-31 call", "2026-05-31 email: again"])
    vault = netfiles.load_vault(netfiles_vault.path)
    wanda, ivan = vault.find("Wanda"), vault.find("Ivan")
    assert tie_strength(wanda, TODAY) == (2.0, "written")
    assert tie_strength(ivan, TODAY).source == "inferred"
    assert tie_strength(ivan, TODAY).value == pytest.approx(by_hand(0.5 ** (1 / 180)))


def test_the_health_plugin_uses_the_core_rules():
    from netfiles_health import strength as health

    assert health.inferred_strength(ago(0, 0, 0, 0), TODAY) == inferred_strength(ago(0), TODAY)
    assert health.STRONG_THRESHOLD == netfiles.STRONG_THRESHOLD == 3.5
    assert health.decay_score(ago(5, 5), TODAY) == decay_score(ago(5), TODAY)


from hypothesis import given, settings, strategies as st  # noqa: E402

_AGES = st.lists(st.integers(min_value=-30, max_value=3000), max_size=40)


@settings(derandomize=True, max_examples=80, deadline=None)
@given(ages=_AGES, repeats=st.lists(st.integers(min_value=0, max_value=39), max_size=10))
def test_repeating_a_day_never_changes_the_strength(ages, repeats):
    days = ago(*ages)
    extra = [days[i % len(days)] for i in repeats] if days else []
    assert inferred_strength(days + extra, TODAY) == inferred_strength(days, TODAY)
    value = inferred_strength(days, TODAY)
    assert 1.0 <= value < 5.0
    peak, _ = peak_strength(days, TODAY)
    assert peak >= value - 1e-12  # the tie was never weaker at its strongest than it is now


@settings(derandomize=True, max_examples=60, deadline=None)
@given(ages=_AGES, new_age=st.integers(min_value=0, max_value=3000))
def test_a_new_contact_day_never_weakens_a_tie(ages, new_age):
    days = ago(*ages)
    assert inferred_strength(days + ago(new_age), TODAY) >= inferred_strength(days, TODAY)

"""The README's "Start your own" steps, as a new user types them."""
from __future__ import annotations

import datetime as dt

import pytest
from netfiles.testing import run_cli

DAY = dt.date(2026, 11, 2)


@pytest.fixture
def ana(netfiles_make_vault):
    vault = netfiles_make_vault()
    done = run_cli(vault, "add", "Ana Souza", "--alias", "Ana", "--org", "Acme Bank", "--email", "ana@example.org",
                   "--cadence", "2m")
    assert done.exit_code == 0, done.output
    return vault


def _log_lines(vault) -> list[str]:
    text = (vault / "people" / "Ana Souza.md").read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.startswith("- 2026")]


def test_add_alias_lets_log_find_the_contact_by_first_name(ana):
    done = run_cli(ana, "log", "ana", "sent the deck", "--kind", "email", "--date", DAY.isoformat())
    assert done.exit_code == 0, done.output
    assert _log_lines(ana) == ["- 2026-11-02 email: sent the deck"]


@pytest.mark.parametrize("args, expected", [
    (["coffee: talked about her move to risk #gave", "--kind", "coffee"], "- 2026-11-02 coffee: talked about her move to risk #gave"),
    (["coffee: talked about her move to risk"], "- 2026-11-02 coffee: talked about her move to risk"),
    (["Lunch: at the canteen"], "- 2026-11-02 lunch: at the canteen"),
    (["re: the budget", "--kind", "email"], "- 2026-11-02 email: re: the budget"),
    (["re: the budget"], "- 2026-11-02 note: re: the budget"),
    (["talked", "--kind", "call"], "- 2026-11-02 call: talked"),
])
def test_a_leading_kind_in_the_text_is_the_kind_never_doubled(ana, args, expected):
    done = run_cli(ana, "log", "Ana", *args, "--date", DAY.isoformat())
    assert done.exit_code == 0, done.output
    assert _log_lines(ana) == [expected]
    shown = run_cli(ana, "show", "ana", "--format", "json")
    assert shown.exit_code == 0

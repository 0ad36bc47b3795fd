"""Read commands that answer from the index's columns say what they would say over every loaded contact.

`orgs`, tiers and `ls --format json` read `ContactFacts` (the index's columns) and compute
each contact's tier evidence once; these tests hold them to the whole-vault answers.
"""
from __future__ import annotations

import datetime as _dt

from hypothesis import given, settings
from hypothesis import strategies as st

from netfiles import load_vault
from netfiles.model.contact import ContactFacts
from netfiles.rules.attributes import industry_map
from netfiles.rules.organizations import organization_summary
from netfiles.rules.strength import contact_days, decay_score, peak_strength, tie_strength
from netfiles.rules.tiers import TierSettings, contact_evidence, contact_tiers, evidence
from netfiles.testing import run_cli, write_file

TODAY = _dt.date(2026, 6, 1)


def _contact(name: str, extra: str = "", log: str = "") -> str:
    return f"---\nname: {name}\n{extra}---\n\n## Log\n{log}"


def _org_vault(netfiles_make_vault):
    return netfiles_make_vault({
        "people/a.md": _contact("Ana", "organization: Acme  Bank\nindustry: finance\n", "- 2026-05-01 call: hi\n"),
        "people/b.md": _contact("Bo", "organization: acme bank\n"),
        "people/c.md": _contact("Cy", "organization: 42\n"),
        "people/d.md": _contact("Di", "organization: '  '\nindustry: retail\n"),
        "people/e.md": _contact("Ed", "organization: [Two, Orgs]\n"),
        "people/f.md": _contact("Fe", "organization: Globex\n"),
        "notes/2026-05-02.md": "Lunch with [[Bo]].\n",
    })


def test_orgs_from_the_index_columns_is_orgs_over_loaded_contacts(netfiles_make_vault):
    root = _org_vault(netfiles_make_vault)
    write_file(root, ".netfiles/config.toml", '[industries]\n"Globex" = "energy"\n')
    vault = load_vault(root)
    industries, _ = industry_map(vault.config)
    summary = organization_summary(vault.contact_facts(), industries, 1)
    assert summary == organization_summary(vault.contacts, industries, 1)
    assert [(row["name"], row["contacts"]) for row in summary["organizations"]] == [
        ("Acme Bank", 2), ("42", 1), ("Globex", 1)]
    assert summary["industry_known"] == {"contacts": 3, "written": 2, "inferred": 1}
    assert run_cli(root, "orgs", "--format", "json").exit_code == 0


_days = st.lists(st.dates(min_value=_dt.date(2015, 1, 1), max_value=_dt.date(2027, 12, 31)), max_size=30)


@settings(derandomize=True, max_examples=200, deadline=None)
@given(_days, st.sampled_from([30.0, 90.0, 180.0, 365.5]))
def test_tier_evidence_from_found_days_is_the_strength_rule(dates, half_life):
    """Evidence reads a contact's days (each once, newest first, as the vault gives them) and passes them on:
    the same values as each rule on its own, which takes any dates."""
    contact = ContactFacts("people/x.md", "X", dates=tuple(sorted(set(dates), reverse=True)))
    settings_ = TierSettings(half_life_days=half_life)
    found = evidence(contact, TODAY, settings_)
    days = contact_days(dates, TODAY)
    assert found.strength == tie_strength(contact, TODAY, half_life).value
    assert found.strength == tie_strength(contact, TODAY, half_life, days).value
    if found.peak is not None:  # the peak is the rule's whenever it is given
        assert (found.peak, found.peak_day) == (peak_strength(dates, TODAY, half_life) if days else (1.0, None))
    if days and (TODAY - days[-1]).days >= settings_.dormant_days:  # given whenever it can make the contact dormant
        assert found.peak is not None
    assert found.last_contact == (days[-1] if days else None)
    assert decay_score(dates, TODAY, half_life) == sum(0.5 ** ((TODAY - d).days / half_life) for d in days)


def test_evidence_and_tiers_are_computed_once_per_vault_and_again_after_a_refresh(netfiles_make_vault):
    root = _org_vault(netfiles_make_vault)
    vault = load_vault(root)
    settings_ = TierSettings.from_config(vault.config)
    tiers = contact_tiers(vault, TODAY)
    assert contact_tiers(vault, TODAY) is tiers
    assert contact_evidence(vault, TODAY, settings_)["people/b.md"].last_contact == _dt.date(2026, 5, 2)
    write_file(root, "people/b.md", _contact("Bo", "organization: acme bank\n", "- 2026-05-20 call: again\n"))
    vault.refresh()
    assert contact_tiers(vault, TODAY) is not tiers
    assert contact_evidence(vault, TODAY, settings_)["people/b.md"].last_contact == _dt.date(2026, 5, 20)


_rows = st.lists(st.dictionaries(st.text(max_size=4), st.one_of(
    st.none(), st.text(max_size=6), st.floats(), st.integers(), st.lists(st.text(max_size=4), max_size=3))),
    max_size=600)


@settings(derandomize=True, max_examples=60, deadline=None)
@given(_rows)
def test_a_json_list_printed_row_by_row_is_the_json_of_the_whole(rows):
    """`ls --format json` writes its rows one at a time: the text is what printing the whole object gives."""
    import click
    from click.testing import CliRunner

    from netfiles.cli.output import print_json, print_json_list

    def printed(function) -> str:
        return CliRunner().invoke(click.command()(function)).output

    assert printed(lambda: print_json_list("contacts", iter(rows))) == printed(lambda: print_json({"contacts": rows}))

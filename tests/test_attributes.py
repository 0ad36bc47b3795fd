"""Seniority and function from job titles, industry from [industries], and `netfiles orgs` coverage (issue 12, §2)."""
from __future__ import annotations

import json

import pytest

import netfiles
from netfiles.rules.attributes import SENIORITY_LEVELS
from netfiles.store.vault import load_vault
from netfiles.testing import run_cli

# Real-world titles as people write them on LinkedIn, with the seniority and function a reader would give.
TITLES = [
    ("Head of Data", "director", "data"),
    ("VP, Engineering", "vp", "engineering"),
    ("Sr. Software Engineer II", "senior", "engineering"),
    ("Chief of Staff", "director", "operations"),
    ("Founder & CEO", "executive", "founder"),
    ("Intern - Marketing", "intern", "marketing"),
    ("Associate Director", "manager", None),
    ("Software Engineer", "mid", "engineering"),
    ("Software Engineer I", "junior", "engineering"),
    ("Senior Software Engineer", "senior", "engineering"),
    ("Staff Software Engineer", "lead", "engineering"),
    ("Principal Engineer", "lead", "engineering"),
    ("Engineering Manager", "manager", "engineering"),
    ("Director of Engineering", "director", "engineering"),
    ("Chief Technology Officer", "executive", "engineering"),
    ("CTO", "executive", "engineering"),
    ("CFO", "executive", "finance"),
    ("Chief Financial Officer", "executive", "finance"),
    ("COO", "executive", "operations"),
    ("CMO", "executive", "marketing"),
    ("CIO", "executive", "engineering"),
    ("Chief Executive Officer", "executive", "management"),
    ("Co-Founder & CTO", "executive", "founder"),
    ("Cofounder", "executive", "founder"),
    ("SVP Sales", "vp", "sales"),
    ("EVP, Operations", "vp", "operations"),
    ("Vice President of Marketing", "vp", "marketing"),
    ("Data Scientist", "mid", "data"),
    ("Senior Data Scientist", "senior", "data"),
    ("Machine Learning Engineer", "mid", "data"),
    ("Data Engineer", "mid", "data"),
    ("Jr. Data Analyst", "junior", "data"),
    ("Financial Analyst", "mid", "finance"),
    ("Product Manager", "mid", "product"),
    ("Senior Product Manager", "senior", "product"),
    ("Principal Product Manager", "lead", "product"),
    ("Associate Product Manager", "junior", "product"),
    ("Director of Product Management", "director", "product"),
    ("Head of Product", "director", "product"),
    ("Chief Product Officer", "executive", "product"),
    ("Product Designer", "mid", "design"),
    ("Senior UX Designer", "senior", "design"),
    ("Lead Designer", "lead", "design"),
    ("Technical Recruiter", "mid", "hr"),
    ("Talent Acquisition Partner", "mid", "hr"),
    ("HR Business Partner", "mid", "hr"),
    ("Head of People", "director", "hr"),
    ("Account Executive", "mid", "sales"),
    ("Senior Account Executive", "senior", "sales"),
    ("Sales Development Representative", "mid", "sales"),
    ("Chief Revenue Officer", "executive", "sales"),
    ("Marketing Manager", "mid", "marketing"),
    ("Sr. Manager, Marketing", "manager", "marketing"),
    ("Growth Marketing Lead", "lead", "marketing"),
    ("Tech Lead", "lead", "engineering"),
    ("Team Lead, Customer Support", "lead", "operations"),
    ("Junior Developer", "junior", "engineering"),
    ("Full-Stack Developer", "mid", "engineering"),
    ("Site Reliability Engineer", "mid", "engineering"),
    ("Solutions Architect", "lead", "engineering"),
    ("Professor of Economics", "senior", "education"),
    ("Assistant Professor", "senior", "education"),
    ("PhD Student", "intern", "research"),
    ("Research Scientist", "mid", "research"),
    ("Postdoctoral Researcher", "mid", "research"),
    ("General Counsel", "executive", "legal"),
    ("Attorney", "mid", "legal"),
    ("Staff Accountant", "junior", "finance"),
    ("Managing Director", "executive", "management"),
    ("Partner", "executive", "management"),
    ("Managing Partner", "executive", "management"),
    ("Executive Director", "director", "management"),
    ("Executive Assistant", "junior", "operations"),
    ("Operations Manager", "manager", "operations"),
    ("Project Manager", "mid", "operations"),
    ("Senior Consultant", "senior", "consulting"),
    ("Owner", "executive", "management"),
    ("Software Engineering Intern", "intern", "engineering"),
    ("Senior Director, Finance", "director", "finance"),
    ("AVP, Risk", "vp", "finance"),
    ("Self-employed", None, None),
    ("Freelance Photographer", None, None),
]


def test_the_table_has_enough_real_titles():
    assert len(TITLES) >= 60


@pytest.mark.parametrize("title, seniority, function", TITLES)
def test_title_rules(title, seniority, function):
    assert (netfiles.infer_seniority(title), netfiles.infer_function(title)) == (seniority, function)


def test_every_inferred_seniority_is_a_documented_level():
    assert {s for _, s, _ in TITLES if s} <= set(SENIORITY_LEVELS)
    assert list(SENIORITY_LEVELS) == ["intern", "junior", "mid", "senior", "lead", "manager", "director", "vp",
                                      "executive"]


def test_the_rules_and_the_docs_are_the_same_table():
    from pathlib import Path

    from netfiles.rules.attributes import FUNCTION_RULES, SENIORITY_RULES

    docs = (Path(__file__).resolve().parents[1] / "docs" / "attributes.md").read_text(encoding="utf-8")
    for pattern, value in SENIORITY_RULES + FUNCTION_RULES:
        assert f"`{pattern}`" in docs.replace("\\|", "|"), f"docs/attributes.md lacks the rule {pattern} -> {value}"


def person(name, **fields):
    front = "".join(f"{k}: {v}\n" for k, v in fields.items())
    return f"---\nname: {name}\n{front}---\n# {name}\n"


@pytest.fixture
def network(netfiles_make_vault):
    """10 contacts: 4 at Acme Bank (spelled three ways), 3 at Globex, 2 at Initech, 1 with no organization."""
    files = {
        "people/a1.md": person("A One", organization="Acme Bank", role="Head of Data"),
        "people/a2.md": person("A Two", organization="ACME  bank", role="Teller", seniority="junior"),
        "people/a3.md": person("A Three", organization="Acme Bank", role="VP, Engineering", function="data"),
        "people/a4.md": person("A Four", organization="acme bank", industry="banking"),
        "people/g1.md": person("G One", organization="Globex", role="Account Executive"),
        "people/g2.md": person("G Two", organization="Globex"),
        "people/g3.md": person("G Three", organization="Globex"),
        "people/i1.md": person("I One", organization="Initech"),
        "people/i2.md": person("I Two", organization="Initech"),
        "people/n1.md": person("N One", role="Student"),
    }
    return netfiles_make_vault(files, config='[industries]\n"acme bank " = "finance"\n"Initech" = "software"\n')


def test_written_fields_win_and_inferred_ones_are_labelled(network):
    vault = load_vault(network)
    industries, problems = netfiles.industry_map(vault.config)
    assert problems == []
    by_name = {c.name: netfiles.attributes_of(c, industries) for c in vault.contacts}
    one = by_name["A One"]
    assert {k: (a.value, a.status, a.source) for k, a in one.items()} == {
        "seniority": ("director", "inferred", "role"), "function": ("data", "inferred", "role"),
        "industry": ("finance", "inferred", "organization")}
    assert by_name["A Two"]["seniority"].status == "written" and by_name["A Two"]["seniority"].value == "junior"
    assert (by_name["A Three"]["function"].value, by_name["A Three"]["function"].status) == ("data", "written")
    assert (by_name["A Four"]["industry"].value, by_name["A Four"]["industry"].status) == ("banking", "written")
    assert "industry" not in by_name["G One"]  # Globex is not mapped


def test_attributes_command_marks_inferred_values(network):
    text = run_cli(network, "attributes", "A One").output
    assert "director (inferred)" in text and "finance (inferred)" in text
    data = json.loads(run_cli(network, "attributes", "--format", "json").output)
    assert data["coverage"]["industry"] == {"written": 1, "inferred": 5}
    assert data["coverage"]["seniority"] == {"written": 1, "inferred": 4}


def test_orgs_lists_organizations_by_size_with_the_share_the_top_cover(network):
    result = run_cli(network, "orgs", "--top", "2")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[1].split() == ["Acme", "Bank", "4", "40%", "40%", "finance"]
    assert lines[2].split() == ["Globex", "3", "30%", "70%", "unmapped"]
    assert lines[3].split() == ["Initech", "2", "20%", "90%", "software"]
    # 4 + 3 of 10 contacts; the one without an organization counts in the whole
    assert "The top 2 organizations cover 70% of your contacts (7 of 10); 1 have no organization." in result.output
    # A Four's written industry, and the 5 others at Acme Bank and Initech through the map
    assert "Industry known for 60% of your contacts (1 written, 5 inferred through [industries]); " \
           "2 of 3 organizations are mapped." in result.output


def test_orgs_json(network):
    data = json.loads(run_cli(network, "orgs", "--format", "json").output)
    assert [(o["name"], o["contacts"], o["industry"], o["cumulative"]) for o in data["organizations"]] == [
        ("Acme Bank", 4, "finance", 4), ("Globex", 3, None, 7), ("Initech", 2, "software", 9)]
    assert data["top"] == {"organizations": 3, "contacts": 9}
    assert (data["contacts"], data["with_organization"]) == (10, 9)


def test_orgs_rounds_shares_half_up_and_says_and_n_more(netfiles_make_vault):
    files = {f"people/p{i}.md": person(f"P {i}", organization=f"Org {i}") for i in range(8)}
    vault = netfiles_make_vault(files)
    result = run_cli(vault, "orgs", "--top", "1", "--limit", "3")
    assert "The top 1 organizations cover 13% of your contacts (1 of 8)" in result.output  # 12.5% -> 13%
    assert "and 5 more organizations (--all shows every one)" in result.output


def test_orgs_on_a_vault_without_organizations_says_what_to_add(netfiles_make_vault):
    vault = netfiles_make_vault({"people/a.md": person("A")})
    assert "None of your 1 contacts has an organization" in run_cli(vault, "orgs").output


def test_a_small_share_is_less_than_one_percent_not_zero(netfiles_make_vault):
    files = {f"people/p{i}.md": person(f"P {i}", organization="Big" if i else "Tiny") for i in range(201)}
    result = run_cli(netfiles_make_vault(files), "orgs")
    assert result.output.splitlines()[2].split() == ["Tiny", "1", "<1%", "100%", "unmapped"]

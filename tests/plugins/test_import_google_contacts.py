"""`netfiles import google-contacts`: Google Contacts' CSV export, current and older header styles."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
import yaml
from import_helpers import ok, snapshot

NEW_HEADER = ["First Name", "Middle Name", "Last Name", "Phonetic First Name", "Phonetic Middle Name",
              "Phonetic Last Name", "Name Prefix", "Name Suffix", "Nickname", "File As", "Organization Name",
              "Organization Title", "Organization Department", "Birthday", "Notes", "Photo", "Labels",
              "E-mail 1 - Label", "E-mail 1 - Value", "E-mail 2 - Label", "E-mail 2 - Value",
              "Phone 1 - Label", "Phone 1 - Value", "Phone 2 - Label", "Phone 2 - Value",
              "Address 1 - Label", "Address 1 - Formatted", "Address 1 - Street", "Address 1 - City",
              "Address 1 - PO Box", "Address 1 - Region", "Address 1 - Postal Code", "Address 1 - Country",
              "Address 1 - Extended Address", "Website 1 - Label", "Website 1 - Value"]
OLD_HEADER = ["Name", "Given Name", "Additional Name", "Family Name", "Yomi Name", "Given Name Yomi",
              "Additional Name Yomi", "Family Name Yomi", "Name Prefix", "Name Suffix", "Initials", "Nickname",
              "Short Name", "Maiden Name", "Birthday", "Gender", "Location", "Billing Information",
              "Directory Server", "Mileage", "Occupation", "Hobby", "Sensitivity", "Priority", "Subject", "Notes",
              "Language", "Photo", "Group Membership", "E-mail 1 - Type", "E-mail 1 - Value", "Phone 1 - Type",
              "Phone 1 - Value", "Organization 1 - Type", "Organization 1 - Name", "Organization 1 - Yomi Name",
              "Organization 1 - Title", "Organization 1 - Department", "Website 1 - Type", "Website 1 - Value"]


def csv_text(header, rows) -> str:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(column, "") for column in header])
    return "\ufeff" + out.getvalue()


NEW_ROWS = [
    {"First Name": "Christopher", "Last Name": "Lee", "Nickname": "Kit", "Organization Name": "Acme Bank",
     "Organization Title": "Head of Data", "Birthday": "--03-02", "Labels": "Friends ::: * myContacts ::: PyCon",
     "E-mail 1 - Label": "* Work", "E-mail 1 - Value": "chris.lee@acme.example",
     "E-mail 2 - Label": "Home", "E-mail 2 - Value": "kit@home.example ::: kit.lee@old.example",
     "Phone 1 - Label": "Mobile", "Phone 1 - Value": "+44 7700 900123 ::: +44 20 7946 0000",
     "Address 1 - City": "London", "Website 1 - Label": "Profile",
     "Website 1 - Value": "https://www.linkedin.com/in/christopher-lee-42/",
     "Notes": "Met at PyCon 2024.\n## Log\nLikes climbing."},
    {"First Name": "José", "Middle Name": "María", "Last Name": "Álvarez", "Birthday": "1985-11-30",
     "Labels": "* starred ::: * myContacts", "E-mail 1 - Value": "jose@alvarez.example"},
    {"First Name": "Sam", "Last Name": "Owner", "E-mail 1 - Value": "sam@owner.example"},
    {"Organization Name": "Plumbing Co", "Phone 1 - Value": "+1 555 0100"},
    {"First Name": "Bad", "Last Name": "Birthday", "Birthday": "March 2nd", "E-mail 1 - Value": "not-an-email"},
]


def front_matter(path) -> dict:
    return yaml.safe_load(Path(path).read_text(encoding="utf-8").split("---\n")[1])


@pytest.fixture
def vault(netfiles_vault):
    netfiles_vault.config(me={"name": "Sam Owner", "emails": ["sam@owner.example"]})
    return netfiles_vault


@pytest.fixture
def export(tmp_path) -> Path:
    path = tmp_path / "contacts.csv"
    path.write_bytes(csv_text(NEW_HEADER, NEW_ROWS).encode("utf-8"))
    return path


def test_every_field_of_the_current_export(vault, netfiles_cli, export):
    result = ok(netfiles_cli("import", "google-contacts", str(export)))
    chris = front_matter(vault.path / "people/Christopher Lee.md")
    assert chris["aliases"] == ["Kit"]
    assert chris["emails"] == ["chris.lee@acme.example", "kit@home.example", "kit.lee@old.example"]
    assert chris["phones"] == ["+44 7700 900123", "+44 20 7946 0000"]
    assert (chris["organization"], chris["role"], chris["location"]) == ("Acme Bank", "Head of Data", "London")
    assert str(chris["birthday"]) == "--03-02"
    assert chris["tags"] == ["Friends", "PyCon"]
    assert chris["linkedin"] == "https://www.linkedin.com/in/christopher-lee-42"
    body = (vault.path / "people/Christopher Lee.md").read_text(encoding="utf-8")
    assert "Met at PyCon 2024." in body and "\\## Log" in body  # the note cannot add a Log section
    jose = front_matter(vault.path / "people/José María Álvarez.md")
    assert jose["tags"] == ["starred"] and str(jose["birthday"]) == "1985-11-30"
    assert front_matter(vault.path / "people/Plumbing Co.md")["phones"] == ["+1 555 0100"]
    assert not (vault.path / "people/Sam Owner.md").exists()
    # Line 8: Christopher's note spans lines 2-4, so the fifth row starts on line 8.
    assert f"{export}:8: birthday 'March 2nd' is not YYYY-MM-DD or --MM-DD; left out" in result.stderr
    assert "'not-an-email' is not an email address" in result.stderr
    check = netfiles_cli("check", "--format", "json")
    assert [d for d in json.loads(check.stdout)["diagnostics"] if d["code"].startswith("NF")] == []


def test_older_header_style(vault, netfiles_cli, tmp_path):
    path = tmp_path / "google.csv"
    path.write_bytes(csv_text(OLD_HEADER, [{
        "Name": "Bo Chen", "Given Name": "Bo", "Family Name": "Chen", "Nickname": "Bobo",
        "Group Membership": "* My Contacts ::: Climbing", "E-mail 1 - Type": "* Home",
        "E-mail 1 - Value": "bo@chen.example", "Phone 1 - Value": "+49 30 1234567",
        "Organization 1 - Name": "Lab", "Organization 1 - Title": "Researcher", "Birthday": "1990-01-15"}]).encode())
    ok(netfiles_cli("import", "google-contacts", str(path)))
    bo = front_matter(vault.path / "people/Bo Chen.md")
    assert (bo["aliases"], bo["emails"], bo["tags"]) == (["Bobo"], ["bo@chen.example"], ["Climbing"])
    assert (bo["organization"], bo["role"]) == ("Lab", "Researcher")


def test_matching_fills_only_empty_fields_and_reimport_changes_nothing(vault, netfiles_cli, export):
    vault.add_contact("Jose Alvarez", emails=["jose@alvarez.example"], organization="Mine")
    ok(netfiles_cli("import", "google-contacts", str(export)))
    jose = front_matter(vault.path / "people/Jose Alvarez.md")
    assert jose["organization"] == "Mine" and str(jose["birthday"]) == "1985-11-30"
    assert not (vault.path / "people/José María Álvarez.md").exists()
    before = snapshot(vault.path)
    result = ok(netfiles_cli("import", "google-contacts", str(export)))
    assert "0 created, 0 updated" in result.stdout
    assert snapshot(vault.path) == before


def test_a_nickname_match_is_a_question_not_a_merge(vault, netfiles_cli, tmp_path):
    vault.add_contact("Chris Lee", organization="Acme Bank")
    path = tmp_path / "contacts.csv"
    path.write_bytes(csv_text(NEW_HEADER, NEW_ROWS[:1]).encode())
    result = ok(netfiles_cli("import", "google-contacts", str(path)))
    assert "Christopher Lee (chris.lee@acme.example) may be Chris Lee (people/Chris Lee.md)" in result.stdout
    assert not (vault.path / "people/Christopher Lee.md").exists()
    assert "emails" not in front_matter(vault.path / "people/Chris Lee.md")
    data = json.loads(ok(netfiles_cli("import", "google-contacts", str(path), "--format", "json")).stdout)
    assert len(data["uncertain"]) == 1


@pytest.mark.parametrize("text, line, message", [
    ("Name,Phone\r\nAna,123\r\n", 1, "not a Google Contacts CSV export"),
    ('First Name,Last Name\r\nAna,"Souza\r\n', 2, ""),
])
def test_malformed_files_are_refused_with_file_and_line(vault, netfiles_cli, tmp_path, text, line, message):
    path = tmp_path / "contacts.csv"
    path.write_text(text, encoding="utf-8", newline="")
    before = snapshot(vault.path)
    result = netfiles_cli("import", "google-contacts", str(path))
    assert result.exit_code != 0 and f"{path}:{line}: {message}" in result.output
    assert "Traceback" not in result.output
    assert snapshot(vault.path) == before

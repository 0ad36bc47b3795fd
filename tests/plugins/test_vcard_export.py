"""`netfiles export vcard` for address books (issue 14 "vCard and khard", issue 10 item 5): stable UIDs kept in
the files, every field a card can carry, cards changed in the address book never overwritten, and a round trip
through khard itself that loses nothing."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import vobject

from netfiles_import.exporters import card_filename
from netfiles_import.vcard import split_name

TODAY = "2026-11-21"


def ok(result):
    assert result.exit_code == 0, (result.output, result.stderr)
    return result


def cards_in(folder: Path) -> dict[str, vobject.base.Component]:
    """FN -> card, for the .vcf files of a vdir."""
    cards = [vobject.readOne(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.vcf"))]
    return {c.fn.value: c for c in cards}


def front_matter_uid(vault, rel: str) -> str:
    line = next(l for l in vault.read(rel).splitlines() if l.startswith("uid:"))
    return line.split(":", 1)[1].strip().strip("'\"")


@pytest.fixture
def vault(netfiles_vault):
    netfiles_vault.add_contact("Pieter de Vries", aliases=["PJ"], emails=["pieter@example.nl"],
                               location="Amsterdam", country="Netherlands", birthday="--04-12",
                               body="Met at PyData.\nLikes long walks.", log=["2026-11-02 coffee: hi"])
    netfiles_vault.add_contact("Nguyễn Thu Hà", emails=["ha@example.vn"], birthday="1990-06-30")
    netfiles_vault.add_contact("Chidi Okeke", emails=["chidi@afya.example"], organization="Afya Open Data",
                               cadence="1m")  # a written cadence: covered by reminders whatever the tier
    return netfiles_vault


# -- names -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name,expected", [
    ("Pieter de Vries", ("de Vries", "Pieter")),
    ("Ludwig Mies van der Rohe", ("van der Rohe", "Ludwig Mies")),
    ("Nguyễn Thu Hà", ("Nguyễn", "Thu Hà")),
    ("Ana María da Silva", ("da Silva", "Ana María")),
    ("Martin Luther King Jr.", ("King", "Martin Luther")),
    ("Cher", ("", "Cher")),
    ("王小明", ("", "王小明")),
])
def test_names_split_into_family_and_given_by_the_documented_rule(name, expected):
    family, given, _additional, _suffix = split_name(name)
    assert (family, given) == expected


def test_written_family_and_given_names_win(netfiles_vault, netfiles_cli, tmp_path):
    netfiles_vault.add_contact("Kim Min-jun", family_name="Kim", given_name="Min-jun")
    ok(netfiles_cli("export", "vcard", tmp_path / "cards"))
    card = cards_in(tmp_path / "cards")["Kim Min-jun"]
    assert (card.n.value.family, card.n.value.given) == ("Kim", "Min-jun")


# -- what a card carries -----------------------------------------------------------------------------

def test_a_card_carries_nickname_note_country_and_a_3_0_birthday(vault, netfiles_cli, tmp_path):
    ok(netfiles_cli("export", "vcard", tmp_path / "cards"))
    cards = cards_in(tmp_path / "cards")
    pieter = cards["Pieter de Vries"]
    assert pieter.version.value == "3.0"
    assert [n.value for n in pieter.contents["nickname"]] == ["PJ"]
    assert pieter.note.value == "Met at PyData.\nLikes long walks."  # the body, not the log
    assert pieter.adr.value.city == "Amsterdam" and pieter.adr.value.country == "Netherlands"
    assert pieter.bday.value == "1604-04-12" and pieter.bday.params["X-APPLE-OMIT-YEAR"] == ["1604"]
    assert "--" not in pieter.bday.value  # 3.0 has no year-less date form
    assert cards["Nguyễn Thu Hà"].bday.value == "1990-06-30"
    assert cards["Nguyễn Thu Hà"].n.value.family == "Nguyễn"


# -- UIDs --------------------------------------------------------------------------------------------

def test_the_uid_is_written_once_and_survives_a_changed_email(vault, netfiles_cli, tmp_path):
    out = tmp_path / "cards"
    result = ok(netfiles_cli("export", "vcard", out))
    assert "gave 3 contact(s) a stable uid" in result.stderr
    uid = front_matter_uid(vault, "people/Chidi Okeke.md")
    assert cards_in(out)["Chidi Okeke"].uid.value == uid
    text = vault.read("people/Chidi Okeke.md").replace("chidi@afya.example", "chidi@new.example")
    vault.write("people/Chidi Okeke.md", text)
    result = ok(netfiles_cli("export", "vcard", out))
    assert "gave" not in result.stderr
    cards = list(out.glob("*.vcf"))
    assert len(cards) == 3 and front_matter_uid(vault, "people/Chidi Okeke.md") == uid
    assert cards_in(out)["Chidi Okeke"].email.value == "chidi@new.example"
    result = ok(netfiles_cli("import", "vcard", out))  # the same person, not a second Chidi
    assert "0 created" in result.stdout and not (vault.path / "people" / "Chidi Okeke (Afya Open Data).md").exists()


def test_uids_that_differ_only_in_characters_unsafe_in_file_names_get_their_own_files(netfiles_vault,
                                                                                      netfiles_cli, tmp_path):
    for uid in ("a/b", "a:b", "A:B", "../x", "ab"):
        netfiles_vault.add_contact(f"Person {uid}", uid=uid, stem=f"p{abs(hash(uid))}")
    out = tmp_path / "cards"
    ok(netfiles_cli("export", "vcard", out))
    files = sorted(out.glob("*.vcf"))
    assert len(files) == 5 and len({p.name.casefold() for p in files}) == 5
    assert sorted(vobject.readOne(p.read_text(encoding="utf-8")).uid.value for p in files) == \
        sorted(["a/b", "a:b", "A:B", "../x", "ab"])
    assert all(p.parent == out for p in out.rglob("*.vcf"))
    assert card_filename("a/b") != card_filename("a:b") and card_filename("ab") == "ab.vcf"


def test_ics_uids_follow_the_contact_into_a_subfolder(vault, netfiles_cli, tmp_path):
    import icalendar

    def uids(path):
        return {str(t["SUMMARY"]): str(t["UID"]) for t in icalendar.Calendar.from_ical(path.read_bytes()).walk("VTODO")}

    ok(netfiles_cli("due", "--today", TODAY, "--ics", tmp_path / "a.ics"))
    (vault.path / "people" / "work").mkdir()
    (vault.path / "people" / "Chidi Okeke.md").rename(vault.path / "people" / "work" / "Chidi Okeke.md")
    ok(netfiles_cli("due", "--today", TODAY, "--ics", tmp_path / "b.ics"))
    first, second = uids(tmp_path / "a.ics"), uids(tmp_path / "b.ics")
    assert first == second and "Get in touch with Chidi Okeke" in first


# -- the vdir: never overwrite what the address book changed --------------------------------------

def test_a_card_changed_in_the_address_book_is_never_overwritten_and_gone_contacts_are_removed(
        vault, netfiles_cli, tmp_path):
    out = tmp_path / "cards"
    ok(netfiles_cli("export", "vcard", out))
    state = json.loads((out / ".netfiles-export.json").read_text(encoding="utf-8"))
    assert len(state["cards"]) == 3
    chidi = next(p for p in out.glob("*.vcf") if "FN:Chidi Okeke" in p.read_text(encoding="utf-8"))
    edited = chidi.read_bytes().replace(b"END:VCARD", b"NICKNAME:CK\r\nEND:VCARD")
    chidi.write_bytes(edited)
    vault.write("people/Chidi Okeke.md", vault.read("people/Chidi Okeke.md").replace("Afya Open Data", "Afya"))
    (vault.path / "people" / "Nguyễn Thu Hà.md").unlink()
    result = ok(netfiles_cli("export", "vcard", out))
    assert "changed in the address book since the last export: skipped" in result.stderr
    assert chidi.read_bytes() == edited  # the address book's edit is kept
    assert set(cards_in(out)) == {"Pieter de Vries", "Chidi Okeke"}  # Hà's card, unchanged, is removed
    # a card of a removed contact that was edited in the address book stays
    pieter = next(p for p in out.glob("*.vcf") if "FN:Pieter de Vries" in p.read_text(encoding="utf-8"))
    pieter.write_text(pieter.read_text(encoding="utf-8").replace("PJ", "Piet"), encoding="utf-8")
    (vault.path / "people" / "Pieter de Vries.md").unlink()
    result = ok(netfiles_cli("export", "vcard", out))
    assert pieter.exists() and "its contact is gone" in result.stderr


def test_a_vcf_file_holds_every_card(vault, netfiles_cli, tmp_path):
    ok(netfiles_cli("export", "vcard", tmp_path / "all.vcf"))
    cards = list(vobject.readComponents((tmp_path / "all.vcf").read_text(encoding="utf-8")))
    assert sorted(c.fn.value for c in cards) == ["Chidi Okeke", "Nguyễn Thu Hà", "Pieter de Vries"]
    stdout = ok(netfiles_cli("export", "vcard", "-")).stdout
    assert stdout.count("BEGIN:VCARD") == 3


# -- khard ---------------------------------------------------------------------------------------------

def _khard(config: Path, *args, input: str | None = None) -> str:
    khard = shutil.which("khard") or str(Path(sys.executable).with_name("khard"))
    if not Path(khard).exists():
        pytest.skip("khard is in the test extras: pip install -e '.[test]'")
    result = subprocess.run([khard, "-c", str(config), *args], input=input if input is not None else "",
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, (args, result.stdout[-2000:], result.stderr[-2000:])
    return result.stdout


def test_round_trip_through_khard_loses_nothing(vault, netfiles_cli, tmp_path):
    out = tmp_path / "contacts"
    ok(netfiles_cli("export", "vcard", out))
    config = tmp_path / "khard.conf"
    config.write_text(f"[addressbooks]\n[[netfiles]]\npath = {out}\n\n[general]\neditor = /bin/false\n"
                      "merge_editor = /bin/false\ndefault_action = list\n\n[contact table]\ndisplay = formatted_name\n\n"
                      "[vcard]\npreferred_version = 3.0\n",
                      encoding="utf-8")
    listed = {line.split("\t")[1]: line.split("\t")[0] for line in _khard(config, "list", "-p").splitlines()}
    assert set(listed) == {"Pieter de Vries", "Nguyễn Thu Hà", "Chidi Okeke"}
    shown = _khard(config, "show", f"uid:{listed['Pieter de Vries']}", "--format", "yaml")
    assert "Last name: de Vries" in shown and "Nickname: PJ" in shown

    # Edit Chidi in khard as a user would: a nickname, a note, a second email and phone, a new title.
    uid = listed["Chidi Okeke"]
    template = _khard(config, "show", f"uid:{uid}", "--format", "yaml")
    edited = (template.replace("Nickname:\n", "Nickname: CK\n", 1)
              .replace("Title:\n", "Title: Data Lead\n", 1)
              .replace("Note:\n", "Note: Call before noon\n", 1)
              .replace("    INTERNET: chidi@afya.example\n",
                       "    INTERNET:\n        - chidi@afya.example\n        - chidi@home.example\n", 1))
    edited = edited.replace("Phone:\n    cell:\n", "Phone:\n    cell: +234 801 555 0100\n", 1)
    (tmp_path / "chidi.yaml").write_text(edited, encoding="utf-8")
    _khard(config, "edit", f"uid:{uid}", "-i", str(tmp_path / "chidi.yaml"), input="y\n")
    card = cards_in(out)["Chidi Okeke"]
    assert "CK" in [n.value for n in card.contents["nickname"]] and card.title.value == "Data Lead"

    # netfiles does not overwrite khard's edit ...
    result = ok(netfiles_cli("export", "vcard", out))
    assert "changed in the address book since the last export: skipped" in result.stderr
    assert cards_in(out)["Chidi Okeke"].title.value == "Data Lead"

    # ... and importing it back keeps everything: filled where empty, reported where the file has a value.
    result = ok(netfiles_cli("import", "vcard", out))
    assert "0 created" in result.stdout
    text = vault.read("people/Chidi Okeke.md")
    assert "CK" in text and "Data Lead" in text and "+234 801 555 0100" in text  # were empty: filled
    assert "chidi@home.example" in text and "chidi@afya.example" in text  # a new address is added, none replaced
    assert "Call before noon" in text.split("## Log")[0]  # the note edited in khard joins the notes, above the log
    assert ok(netfiles_cli("check")).exit_code == 0

"""`netfiles import vcard` and `netfiles export vcard`: the same merge rules
as LinkedIn, UIDs that round-trip, and a vault that survives a trip through
a phone, Google Contacts or khard."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest
import vobject
import yaml

from linkedin_fixtures import write_connections_csv
from vcard_fixtures import MULTI

SAMPLE_VAULT = Path(__file__).resolve().parents[2] / "sample-vault"


def card(uid, fn, *lines):
    body = "".join(f"{line}\r\n" for line in lines)
    return f"BEGIN:VCARD\r\nVERSION:3.0\r\nUID:{uid}\r\nFN:{fn}\r\n{body}END:VCARD\r\n"


def front_matter(path) -> dict:
    return yaml.safe_load(Path(path).read_text(encoding="utf-8").split("---\n")[1])


def snapshot(root: Path) -> dict:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(Path(root).rglob("*"))
            if p.is_file() and ".netfiles/cache" not in p.relative_to(root).as_posix()}


def people(vault) -> list[str]:
    return sorted(p.relative_to(vault.path).as_posix() for p in vault.path.rglob("*.md"))


def ok(result):
    assert result.exit_code == 0, (result.output, result.stderr)
    return result


def last_line(result) -> str:
    return result.stdout.splitlines()[-1]


def assert_check_clean(netfiles_cli):
    result = netfiles_cli("check", "--format", "json")
    assert result.exit_code == 0, result.output
    assert [d for d in json.loads(result.stdout)["diagnostics"] if d["code"].startswith("NF")] == []


@pytest.fixture
def multi(tmp_path) -> Path:
    path = tmp_path / "contacts.vcf"
    path.write_bytes(MULTI.encode("utf-8"))
    return path


# --------------------------------------------------------------------------
# Import


def test_import_a_file_with_many_cards(netfiles_vault, netfiles_cli, multi):
    result = ok(netfiles_cli("import", "vcard", multi))
    assert last_line(result) == "3 created, 0 updated, 0 unchanged, 0 skipped."
    assert people(netfiles_vault) == ["people/Ana Souza.md", "people/Bo Chen.md", "people/Jürgen Müller.md"]
    assert front_matter(netfiles_vault.path / "people/Ana Souza.md") == {
        "name": "Ana Souza",
        "emails": ["ana@example.org", "ana@work.example"],
        "phones": ["+55 11 5555 0100"],
        "organization": "Acme, Inc.",
        "role": "Head of Data",
        "location": "São Paulo, SP",
        "country": "Brazil",
        "tags": ["mentor", "pycon-2024"],
        "linkedin": "https://www.linkedin.com/in/ana-souza",
        "birthday": date(1988, 3, 2),  # written unquoted, as Obsidian writes dates
        "urls": ["https://ana.example"],
        "vcard_uid": "ana-1",
    }
    assert "\n# Ana Souza\n\nMet at PyCon\nlikes tea\n\n## Log\n" in netfiles_vault.read("people/Ana Souza.md")
    bo = front_matter(netfiles_vault.path / "people/Bo Chen.md")
    assert bo["birthday"] == "--12-24" and bo["vcard_uid"] == "urn:uuid:bo-2"
    assert bo["linkedin"] == "https://www.linkedin.com/in/bo-chen"
    assert front_matter(netfiles_vault.path / "people/Jürgen Müller.md")["birthday"] == "--04-15"
    assert_check_clean(netfiles_cli)

    before = snapshot(netfiles_vault.path)
    assert last_line(ok(netfiles_cli("import", "vcard", multi))) == "0 created, 0 updated, 3 unchanged, 0 skipped."
    assert snapshot(netfiles_vault.path) == before


def test_import_a_vdir_like_khards(netfiles_vault, netfiles_cli, tmp_path):
    vdir = tmp_path / "contacts" / "default"
    vdir.mkdir(parents=True)
    (vdir / "a1.vcf").write_text(card("a1", "Ana Souza", "EMAIL:ana@example.org"), encoding="utf-8")
    (vdir / "b2.vcf").write_text(card("b2", "Bo Chen", "TEL:+1 555 0100"), encoding="utf-8")
    (vdir / ".hidden").mkdir()
    (vdir / ".hidden" / "x.vcf").write_text(card("x", "Hidden Person"), encoding="utf-8")
    (vdir / "notes.txt").write_text("not a card", encoding="utf-8")
    result = ok(netfiles_cli("import", "vcard", tmp_path / "contacts"))
    assert people(netfiles_vault) == ["people/Ana Souza.md", "people/Bo Chen.md"]
    assert last_line(result) == "2 created, 0 updated, 0 unchanged, 0 skipped."


def test_same_merge_rules_as_linkedin(netfiles_vault, netfiles_cli, tmp_path, multi):
    """A contact from LinkedIn, matched by URL: empty fields filled, the
    user's left alone, differences listed, tags untouched."""
    rows = [{"first": "Ana", "last": "Souza", "url": "https://www.linkedin.com/in/ana-souza", "email": "",
             "company": "Acme Bank", "position": "CDO", "connected": date(2024, 3, 12)}]
    ok(netfiles_cli("import", "linkedin", write_connections_csv(tmp_path / "Connections.csv", rows)))
    before = netfiles_vault.read("people/Ana Souza.md")
    result = ok(netfiles_cli("import", "vcard", multi))
    assert "updated people/Ana Souza.md" in result.stdout
    fm = front_matter(netfiles_vault.path / "people/Ana Souza.md")
    assert fm["organization"] == "Acme Bank" and fm["role"] == "CDO" and fm["tags"] == ["linkedin"]
    assert fm["phones"] == ["+55 11 5555 0100"] and fm["birthday"] == date(1988, 3, 2)
    assert fm["emails"] == ["ana@example.org", "ana@work.example"] and fm["vcard_uid"] == "ana-1"
    # the card's NOTE, which the file did not hold, joins its notes above the log (issue 14: carried both ways)
    assert "\nMet at PyCon\nlikes tea\n\n## Log\n" in netfiles_vault.read("people/Ana Souza.md")
    after = netfiles_vault.read("people/Ana Souza.md")
    import difflib

    removed = [d for d in difflib.ndiff(before.splitlines(), after.splitlines()) if d.startswith("- ")]
    assert removed == []  # every line the file had is still there, in order: only additions
    assert "  people/Ana Souza.md: organization is 'Acme Bank' here, the vCard says 'Acme, Inc.'" in result.stdout
    assert "  people/Ana Souza.md: role is 'CDO' here, the vCard says 'Head of Data'" in result.stdout
    assert_check_clean(netfiles_cli)


def test_cards_match_by_uid_before_anything_else(netfiles_vault, netfiles_cli, tmp_path):
    netfiles_vault.add_contact("Ana Maria Souza", stem="Ana", vcard_uid="ana-1", phones=["+55 11 5555 0100"])
    path = tmp_path / "one.vcf"
    path.write_text(card("ana-1", "Ana Souza", "TEL:+55 11 5555-0100", "TEL:+55 11 9999 0000"), encoding="utf-8")
    result = ok(netfiles_cli("import", "vcard", path))
    assert people(netfiles_vault) == ["people/Ana.md"]
    assert "people/Ana.md: name is 'Ana Maria Souza' here, the vCard says 'Ana Souza'" in result.stdout
    # a new number is added (issue 14: edits made in an address book come back), the same number
    # written differently is not added twice
    assert front_matter(netfiles_vault.path / "people/Ana.md")["phones"] == ["+55 11 5555 0100", "+55 11 9999 0000"]
    assert "5555-0100" not in result.stdout


def test_bad_cards_and_emails_are_notes_and_the_rest_imports(netfiles_vault, netfiles_cli, tmp_path):
    path = tmp_path / "mixed.vcf"
    path.write_text(
        card("ok-1", "Ana Souza", "EMAIL:not an email", "EMAIL:ana@example.org")
        + "BEGIN:VCARD\r\nVERSION:3.0\r\nEMAIL:nobody@example.org\r\nEND:VCARD\r\n"
        + "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Cut Short\r\n",
        encoding="utf-8")
    result = ok(netfiles_cli("import", "vcard", path))
    assert people(netfiles_vault) == ["people/Ana Souza.md"]
    assert front_matter(netfiles_vault.path / "people/Ana Souza.md")["emails"] == ["ana@example.org"]
    assert "note: mixed.vcf:1: 'not an email' is not an email address; left out" in result.stderr
    assert "note: mixed.vcf:8: vCard has no name (FN, N or ORG); skipped" in result.stderr
    assert "note: mixed.vcf:12: vCard has no END:VCARD; skipped" in result.stderr
    assert_check_clean(netfiles_cli)


def test_no_cards_is_a_clean_error(netfiles_vault, netfiles_cli, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    result = netfiles_cli("import", "vcard", empty)
    assert result.exit_code == 1 and "no .vcf files in" in result.stderr
    junk = tmp_path / "junk.vcf"
    junk.write_text("hello\n", encoding="utf-8")
    result = netfiles_cli("import", "vcard", junk)
    assert result.exit_code == 1 and "no readable vCard" in result.stderr and "Traceback" not in result.stderr


def test_the_vault_owners_own_card_is_skipped(netfiles_vault, netfiles_cli, tmp_path):
    netfiles_vault.config(me={"name": "Sam Owner", "emails": ["sam@example.org"]})
    path = tmp_path / "phone.vcf"
    path.write_text(card("me", "Sam O.", "EMAIL:SAM@example.org") + card("a", "Ana Souza"), encoding="utf-8")
    result = ok(netfiles_cli("import", "vcard", path))
    assert people(netfiles_vault) == ["people/Ana Souza.md"]
    assert last_line(result) == "1 created, 0 updated, 0 unchanged, 1 skipped."


def test_dry_run_writes_nothing(netfiles_vault, netfiles_cli, multi):
    before = snapshot(netfiles_vault.path)
    result = ok(netfiles_cli("import", "vcard", multi, "--dry-run"))
    assert snapshot(netfiles_vault.path) == before
    assert last_line(result).startswith("3 would be created")


# --------------------------------------------------------------------------
# Export and round trips


@pytest.fixture
def sample(tmp_path, monkeypatch):
    """A copy of the sample vault (47 contacts), run as the `netfiles` command would."""
    from netfiles.testing import run_cli

    monkeypatch.setenv("NETFILES_TRUST_FILE", str(tmp_path / "trust.json"))
    root = tmp_path / "sample"
    shutil.copytree(SAMPLE_VAULT, root, ignore=shutil.ignore_patterns("cache"))

    def run(*args, vault=root):
        return run_cli(vault, *args, catch_exceptions=True)

    run.root = root
    return run


def test_export_one_card_per_contact_with_stable_uids(sample, tmp_path):
    out = tmp_path / "cards"
    ok(sample("export", "vcard", out))
    files = sorted(out.glob("*.vcf"))
    assert len(files) == 47
    first = {p.name: p.read_bytes() for p in files}
    cards = {p.name: vobject.readOne(p.read_text(encoding="utf-8")) for p in files}
    assert all(name == f"{c.uid.value}.vcf" for name, c in cards.items())
    ana = next(c for c in cards.values() if c.fn.value == "Ana Souza")
    assert ana.email.value == "ana.souza@example.org" and ana.title.value == "Head of Data"
    assert ana.url.value == "https://www.linkedin.com/in/ana-souza-4821"

    ok(sample("export", "vcard", out))  # again: same files, same bytes
    assert {p.name: p.read_bytes() for p in out.glob("*.vcf")} == first


def test_export_then_import_into_the_same_vault_changes_nothing(sample, tmp_path):
    out = tmp_path / "cards"
    ok(sample("export", "vcard", out))
    before = snapshot(sample.root)
    result = ok(sample("import", "vcard", out))
    assert last_line(result) == "0 created, 0 updated, 47 unchanged, 0 skipped."
    assert "Left as you have them" not in result.stdout
    assert snapshot(sample.root) == before


def test_round_trip_through_an_empty_vault_gives_the_same_cards(sample, tmp_path):
    """Vault -> vCards -> new vault -> vCards: identical files (UIDs kept in `vcard_uid`)."""
    out, again = tmp_path / "cards", tmp_path / "again"
    ok(sample("export", "vcard", out))
    empty = tmp_path / "empty"
    (empty / ".netfiles").mkdir(parents=True)
    assert last_line(ok(sample("import", "vcard", out, vault=empty))) == "47 created, 0 updated, 0 unchanged, 0 skipped."
    ok(sample("export", "vcard", again, vault=empty))
    cards = lambda folder: {p.name: p.read_bytes() for p in folder.glob("*.vcf")}  # noqa: E731
    assert cards(again) == cards(out) and len(cards(out)) == 47
    result = sample("check", vault=empty)
    assert result.exit_code == 0, result.output


def test_a_card_edited_on_the_phone_fills_and_reports(sample, tmp_path):
    out = tmp_path / "cards"
    ok(sample("export", "vcard", out))
    path = next(p for p in out.iterdir() if "FN:Ana Souza" in p.read_text(encoding="utf-8"))
    text = path.read_text(encoding="utf-8").replace("TITLE:Head of Data", "TITLE:Chief Data Officer")
    path.write_text(text.replace("END:VCARD", "NICKNAME:Aninha\r\nTEL:+55 11 2222 3333\r\nEND:VCARD"),
                    encoding="utf-8")
    result = ok(sample("import", "vcard", out))
    assert last_line(result) == "0 created, 1 updated, 46 unchanged, 0 skipped."
    # a value you have is never overwritten: the changed role is reported for you to decide
    assert "people/Ana Souza.md: role is 'Head of Data' here, the vCard says 'Chief Data Officer'" in result.stdout
    # a new phone number is added to the list, one line in the file
    assert "+55 11 2222 3333" in front_matter(tmp_path / "sample" / "people/Ana Souza.md")["phones"]


def test_export_into_a_vcf_file_writes_every_card_in_it(sample, tmp_path):
    target = tmp_path / "contacts.vcf"
    ok(sample("export", "vcard", target))
    cards = list(vobject.readComponents(target.read_text(encoding="utf-8")))
    assert len(cards) == 47 and len({c.uid.value for c in cards}) == 47
    vdir = tmp_path / "cards"
    ok(sample("export", "vcard", vdir))
    assert sorted(c.uid.value for c in cards) == sorted(vobject.readOne(p.read_text(encoding="utf-8")).uid.value
                                                         for p in vdir.glob("*.vcf"))


def test_a_note_cannot_change_the_files_structure(netfiles_vault, netfiles_cli, tmp_path):
    path = tmp_path / "tricky.vcf"
    path.write_text(card("t1", "Tricky Note", "NOTE:Hello\\n## Log\\n- not a date\\n```\\n#tag"), encoding="utf-8")
    ok(netfiles_cli("import", "vcard", path))
    text = netfiles_vault.read("people/Tricky Note.md")
    assert "\n# Tricky Note\n\nHello\n\\## Log\n- not a date\n\\```\n\\#tag\n\n## Log\n" in text
    assert_check_clean(netfiles_cli)
    rows = [{"first": "Tricky", "last": "Note", "url": "https://www.linkedin.com/in/tricky", "email": "",
             "company": "", "position": "", "connected": date(2024, 3, 12)}]
    ok(netfiles_cli("import", "linkedin", write_connections_csv(tmp_path / "Connections.csv", rows)))
    assert netfiles_vault.read("people/Tricky Note.md").count("## Log") == 2  # the escaped one and the real one

"""Issue 14, plugin authors: a dry run of set_missing_fields, and a new contact with notes."""
from __future__ import annotations

import netfiles


def test_set_missing_fields_dry_run_says_what_it_would_set_and_writes_nothing(tmp_path):
    (tmp_path / ".netfiles").mkdir()
    path = tmp_path / "Ana.md"
    text = "---\nname: Ana\nmet:   # fill in later\nrole: CTO\n---\n# Ana\n"
    path.write_text(text)
    planned = netfiles.set_missing_fields(path, {"met": "2024-05-16", "role": "CEO", "country": "BR"}, dry_run=True)
    assert planned == ["met", "country"] and path.read_text() == text
    assert netfiles.set_missing_fields(path, {"met": "2024-05-16", "role": "CEO", "country": "BR"}) == planned
    assert "met: 2024-05-16   # fill in later" in path.read_text()


def test_create_contact_with_notes_puts_them_above_the_log(tmp_path):
    (tmp_path / ".netfiles").mkdir()
    path = netfiles.create_contact(tmp_path / "people", "Ana Souza", {"organization": "Acme"},
                                   body="Met at PyCon.\r\nLikes climbing.")
    text = path.read_text()
    assert text.endswith("# Ana Souza\n\nMet at PyCon.\nLikes climbing.\n\n## Log\n")
    record = netfiles.load_vault(tmp_path).contacts[0]
    assert record.name == "Ana Souza" and record.interactions == []

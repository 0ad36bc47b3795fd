"""writes.add_list_items and writes.update_contact: lists grow in the style they are written in, one write."""
from __future__ import annotations

import datetime as dt

import pytest

from netfiles.writing import writes


@pytest.mark.parametrize("before, after, added", [
    ("emails: [a@x.org]  # work\n", "emails: [a@x.org, b@y.org]  # work\n", ["b@y.org"]),
    ("emails:\n  - a@x.org\n", "emails:\n  - a@x.org\n  - b@y.org\n", ["b@y.org"]),
    ("emails: a@x.org\n", "emails: [a@x.org, b@y.org]\n", ["b@y.org"]),
    # no non-empty list to follow: Obsidian's style (issue 14), a block list
    ("emails: []\n", "emails:\n  - A@x.org\n  - b@y.org\n", ["A@x.org", "b@y.org"]),
    ("", "emails:\n  - A@x.org\n  - b@y.org\n", ["A@x.org", "b@y.org"]),
])
def test_add_list_items_keeps_the_list_style(tmp_path, before, after, added):
    path = tmp_path / "Ana.md"
    path.write_text(f"---\nname: Ana\n{before}role: x\n---\n# Ana\n", encoding="utf-8")
    assert writes.add_list_items(path, "emails", ["A@x.org", "b@y.org"]) == added  # a@x.org is already there
    expected = f"---\nname: Ana\n{after}role: x\n---\n# Ana\n" if before else \
        f"---\nname: Ana\nrole: x\n{after}---\n# Ana\n"
    assert path.read_text(encoding="utf-8") == expected


def test_update_contact_fills_extends_and_logs_in_one_write_keeping_crlf(tmp_path):
    path = tmp_path / "Ana.md"
    path.write_bytes(b"---\r\nname: Ana\r\nemails: [a@x.org]\r\n---\r\n# Ana\r\n\r\n## Log\r\n- 2026-01-01 call\r\n")
    changed = writes.update_contact(path, {"role": "CTO"}, {"emails": ["b@y.org"]},
                                    [(dt.date(2026, 3, 4), "meeting", "with [[Bo]]")])
    assert changed
    assert path.read_bytes() == (b"---\r\nname: Ana\r\nemails: [a@x.org, b@y.org]\r\nrole: CTO\r\n---\r\n# Ana\r\n\r\n"
                                 b"## Log\r\n- 2026-03-04 meeting: with [[Bo]]\r\n- 2026-01-01 call\r\n")
    before = path.read_bytes()
    assert not writes.update_contact(path, {"role": "CEO"}, {"emails": ["B@y.org"]}, [])
    assert path.read_bytes() == before


def test_a_file_changed_since_read_is_not_written(tmp_path):
    path = tmp_path / "Ana.md"
    path.write_text("---\nname: Ana\n---\n", encoding="utf-8")
    snapshot = writes.Snapshot.read(path)
    path.write_text("---\nname: Ana B\n---\n", encoding="utf-8")
    with pytest.raises(writes.FileChangedError):
        writes.update_contact(path, {"role": "CTO"}, snapshot=snapshot)
    assert path.read_text(encoding="utf-8") == "---\nname: Ana B\n---\n"

"""The parser's diagnostics are rows of their own table, and the whole-vault `check` result is kept as rows:
a warm `check` prints exactly what a cold one printed, in every format, without decoding any record."""
from __future__ import annotations

import shutil

import pytest

from netfiles import load_vault
from netfiles.reading.parse import parse_markdown
from netfiles.testing import run_cli

_FILES = {
    "people/Ana.md": "---\nname: Ana\nemails: [ana@example.org, not-an-email]\nstrength: 9\ncadence: soon\n"
                     "knows: [\"[[Nobody]]\"]\n---\n## Log\n- 2026-02-30 call: no such day\n- yesterday coffee\n",
    "people/Bo.md": "---\nname: Bo\nemails: [ana@example.org]\nlinkedin: not a url\ntier: best\n---\n",
    "people/Broken.md": "---\nname: [unclosed\n---\n",
    "people/Conflict.md": "---\nname: Cy\n---\n<<<<<<< ours\nx\n=======\ny\n>>>>>>> theirs\n",
    "notes/2026-01-02 bad date.md": "---\ndate: someday\n---\nMet [[Ana]].\n",
    "notes/2026-03-04.md": "Met [[Bo]] and [[Ghost]].\n",
}


def _cold_and_warm(root, *args):
    """`check ARGS` on a new index, then twice on the warm one (the second run answers from the kept result)."""
    shutil.rmtree(root / ".netfiles" / "cache", ignore_errors=True)
    runs = [run_cli(root, "check", *args) for _ in range(3)]
    assert {run.exit_code for run in runs} == {1}, runs[0].output
    return [(run.stdout, run.stderr) for run in runs]


@pytest.mark.parametrize("args", [(), ("--format", "json"), ("--format", "github"), ("--select", "NF2,NF3"),
                                  ("--ignore", "NF304", "--format", "json")])
def test_a_warm_check_prints_what_a_cold_check_printed(netfiles_make_vault, args):
    root = netfiles_make_vault(_FILES)
    cold, warm, kept = _cold_and_warm(root, *args)
    assert cold[0].strip() and cold == warm == kept


def test_the_table_holds_what_the_parser_found_and_the_records_do_not(netfiles_make_vault):
    root = netfiles_make_vault(_FILES)
    vault = load_vault(root)
    expected = []
    for rel in sorted(_FILES):
        record = parse_markdown(rel, (root / rel).read_bytes(), rel.startswith("people/"))
        expected += record["diagnostics"]
    assert {d["code"] for d in expected} >= {"NF101", "NF106", "NF202", "NF203", "NF204", "NF205", "NF206", "NF304"}
    assert [d.to_dict() for d in vault.file_diagnostics] == expected
    assert all("diagnostics" not in record for record in vault.records.values())
    assert vault.index.diagnostics(["people/Bo.md", "nowhere.md"]) == [
        d for d in vault.file_diagnostics if d.path == "people/Bo.md"]


def test_editing_a_file_replaces_its_rows_and_the_kept_result(netfiles_make_vault):
    root = netfiles_make_vault(_FILES)
    before = run_cli(root, "check").stdout
    assert "people/Broken.md:3:1: NF101" in before
    (root / "people" / "Broken.md").write_text("---\nname: Fixed\n---\n", encoding="utf-8")
    after = run_cli(root, "check")
    assert "people/Broken.md" not in after.stdout
    assert after.stdout == run_cli(root, "check").stdout
    vault = load_vault(root)
    assert not any(d.path == "people/Broken.md" for d in vault.file_diagnostics)
    (root / "people" / "Ana.md").unlink()
    assert not any(d.path == "people/Ana.md" for d in load_vault(root).file_diagnostics)


def test_a_result_kept_under_another_key_is_not_used(netfiles_make_vault):
    vault = load_vault(netfiles_make_vault(_FILES))
    found = vault.file_diagnostics
    vault.index.set_check_result("one", 6, found)
    assert vault.index.check_result("one") == (6, found)
    assert vault.index.check_result("two") is None
    vault.index.set_check_result("two", 1, [])
    assert vault.index.check_result("two") == (1, []) and vault.index.check_result("one") is None

"""Users' files are sacred: `netfiles log` is a one-line git diff, writes are atomic and refuse stale snapshots."""
from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

from netfiles import (FileChangedError, Snapshot, WriteError, append_log_line, create_contact, set_missing_fields,
                      write_atomic)
from netfiles.testing import run_cli

D = dt.date


def git(repo: Path, *args: str) -> str:
    if shutil.which("git") is None:
        pytest.skip("git is not installed (a fresh machine with only python3); this test reads git's diff")
    env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(repo), "GIT_AUTHOR_NAME": "t",
           "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    out = subprocess.run(["git", "-c", "core.autocrlf=false", "-c", "core.safecrlf=false", *args], cwd=repo,
                         env=env, check=True, capture_output=True).stdout
    return out.decode("utf-8")  # not text=True: that would turn the \r\n of CRLF files into \n


def committed(vault: Path) -> None:
    git(vault, "init", "-q")
    git(vault, "add", "-A")
    git(vault, "commit", "-q", "-m", "start")


def numstat(vault: Path) -> list[str]:
    return git(vault, "diff", "--numstat").splitlines()


def added_lines(vault: Path) -> list[str]:
    diff = git(vault, "diff", "-U0").split("\n")
    return [line[1:] for line in diff if line.startswith("+") and not line.startswith("+++")]


NEWEST_FIRST = """\
---
name: Ana Souza   # the name she uses
aliases: [Ana]
emails:  [ana@example.org]    # odd spacing kept
---
# Ana Souza

## Log
- 2026-11-02 coffee: talked about her move to risk #gave
- 2026-09-14 call: she reviewed my deck #got
- 2026-06-01 email: sent the conference photos
"""

OLDEST_FIRST = """\
---
name: Ana Souza
---
## Log
- 2026-06-01 email: sent the conference photos
- 2026-09-14 call: she reviewed my deck
  with a second line that belongs to it
- 2026-11-02 coffee: talked about her move to risk

## Notes
Not the log.
"""


def encode(text: str, newline: str = "\n", bom: bool = False) -> bytes:
    return (b"\xef\xbb\xbf" if bom else b"") + text.replace("\n", newline).encode("utf-8")


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["LF", "CRLF"])
@pytest.mark.parametrize("bom", [False, True], ids=["", "BOM"])
@pytest.mark.parametrize("template, date, anchor", [
    (NEWEST_FIRST, "2026-11-20", "- 2026-11-02 coffee"),  # newest: at the top
    (NEWEST_FIRST, "2026-10-01", "- 2026-09-14 call"),  # in the middle
    (NEWEST_FIRST, "2026-01-01", None),  # oldest: at the end of the file
    (OLDEST_FIRST, "2026-11-20", "\n## Notes"),  # newest: after the last item, before the next section
    (OLDEST_FIRST, "2026-10-01", "- 2026-11-02 coffee"),  # after the item and its continuation line
    (OLDEST_FIRST, "2026-01-01", "- 2026-06-01 email"),  # oldest: first
], ids=["newest-first-top", "newest-first-middle", "newest-first-end", "oldest-first-end", "oldest-first-middle",
        "oldest-first-top"])
def test_log_is_a_one_line_git_diff(netfiles_make_vault, newline, bom, template, date, anchor):
    v = netfiles_make_vault({"people/Ana Souza.md": encode(template, newline, bom)})
    committed(v)
    result = run_cli(v, "log", "ana souza", "lunch at the new place #got", "--kind", "Lunch", "--date", date)
    assert result.exit_code == 0, result.output
    entry = f"- {date} lunch: lunch at the new place #got"
    assert f"people/Ana Souza.md: {entry}" in result.stdout
    assert numstat(v) == ["1\t0\tpeople/Ana Souza.md"]
    assert added_lines(v) == [entry + newline[:-1]]
    # byte for byte: the old file with the entry inserted before the anchor line (or at the end)
    expected = template + entry + "\n" if anchor is None else template.replace(anchor, entry + "\n" + anchor, 1)
    assert (v / "people/Ana Souza.md").read_bytes() == encode(expected, newline, bom)
    # and the new line is read back as an interaction
    shown = json.loads(run_cli(v, "show", "Ana Souza", "--format", "json").stdout)
    new = [i for i in shown["interactions"] if i["date"] == date]
    assert [(i["kind"], i["text"], i["source"]) for i in new] == [("lunch", "lunch at the new place #got",
                                                                   "people/Ana Souza.md")]


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["LF", "CRLF"])
def test_log_creates_the_log_heading_when_missing(netfiles_make_vault, newline):
    v = netfiles_make_vault({"people/Bo.md": encode("---\nname: Bo Chen\n---\n# Bo\n\nMet at PyCon.\n", newline)})
    committed(v)
    result = run_cli(v, "log", "bo chen", "--kind", "call", "--date", "2026-03-04")
    assert result.exit_code == 0, result.output
    assert numstat(v) == ["3\t0\tpeople/Bo.md"]  # a blank line, the heading and the item; nothing else
    assert (v / "people/Bo.md").read_bytes() == encode(
        "---\nname: Bo Chen\n---\n# Bo\n\nMet at PyCon.\n\n## Log\n- 2026-03-04 call\n", newline)


def test_log_into_an_empty_log_section_that_is_not_last(netfiles_make_vault):
    v = netfiles_make_vault({"people/Bo.md": "# Bo\n\n### Log\n\n## About\nText\n"})
    committed(v)
    assert run_cli(v, "log", "Bo", "hello", "--date", "2026-03-04", "--kind", "email").exit_code == 0
    assert numstat(v) == ["1\t0\tpeople/Bo.md"]
    assert (v / "people/Bo.md").read_text() == "# Bo\n\n### Log\n- 2026-03-04 email: hello\n\n## About\nText\n"


def test_log_keeps_nested_details_with_their_item(netfiles_make_vault):
    # oldest first; the nested detail's own date must not make the log look unsorted
    text = "## Log\n- 2026-04-01 call: a\n- 2026-05-01 call: b\n  - 2026-03-01 what we said back then\n- 2026-06-01 call: c\n"
    v = netfiles_make_vault({"people/Bo.md": text})
    assert run_cli(v, "log", "Bo", "--date", "2026-07-01", "--kind", "email").exit_code == 0
    assert (v / "people/Bo.md").read_text() == text + "- 2026-07-01 email\n"
    assert run_cli(v, "log", "Bo", "--date", "2026-05-15", "--kind", "email").exit_code == 0
    assert (v / "people/Bo.md").read_text() == text.replace("- 2026-06-01", "- 2026-05-15 email\n- 2026-06-01") + \
        "- 2026-07-01 email\n"


def test_log_ignores_a_log_heading_in_a_code_block(netfiles_make_vault):
    v = netfiles_make_vault({"people/Bo.md": "# Bo\n```\n## Log\n```\n"})
    assert run_cli(v, "log", "Bo", "--date", "2026-03-04").exit_code == 0
    assert (v / "people/Bo.md").read_text() == "# Bo\n```\n## Log\n```\n\n## Log\n- 2026-03-04 note\n"


def test_log_file_without_final_newline(netfiles_make_vault):
    v = netfiles_make_vault({"people/Bo.md": "## Log\n- 2026-01-01 call"})
    assert run_cli(v, "log", "Bo", "--date", "2025-01-01", "--kind", "call").exit_code == 0
    assert (v / "people/Bo.md").read_text() == "## Log\n- 2026-01-01 call\n- 2025-01-01 call\n"


def test_log_line_separators_inside_a_line_are_not_line_breaks(netfiles_make_vault):
    # U+2028 and form feed are not line ends in Markdown files; str.splitlines() thinks they are.
    text = "## Log\n- 2026-01-02 call: first\u2028still first\n- 2026-01-01 call: x\x0cy\n"
    v = netfiles_make_vault({"people/Bo.md": text})
    assert run_cli(v, "log", "Bo", "--date", "2025-01-01", "--kind", "call").exit_code == 0
    assert (v / "people/Bo.md").read_text() == text + "- 2025-01-01 call\n"


def test_log_resolves_names_like_wikilinks(netfiles_make_vault):
    v = netfiles_make_vault({"people/work/ana-s.md": "---\nname: Ana Souza\naliases: [Nana]\n---\n## Log\n"})
    for name in ("ana-s", "ANA SOUZA", "nana", "[[Nana|x]]", "work/ana-s", "people/work/ana-s.md"):
        result = run_cli(v, "log", name, name, "--date", "2026-01-01")
        assert result.exit_code == 0, (name, result.output)
    assert (v / "people/work/ana-s.md").read_text().count("- 2026-01-01 note: ") == 6


def test_log_unknown_name_lists_candidates(netfiles_make_vault):
    v = netfiles_make_vault({"people/Ana Souza.md": "", "people/Anabel.md": "", "people/Bo.md": ""})
    result = run_cli(v, "log", "ana", "x", "--date", "2026-01-01")
    assert result.exit_code == 1
    assert "Ana Souza (people/Ana Souza.md)" in result.stderr and "Anabel (people/Anabel.md)" in result.stderr
    assert "Bo" not in result.stderr
    typo = run_cli(v, "log", "Ana Suza", "x", "--date", "2026-01-01")
    assert typo.exit_code == 1
    assert "Did you mean: Ana Souza" in typo.stderr
    nothing = run_cli(v, "log", "Zed", "x", "--date", "2026-01-01")
    assert nothing.exit_code == 1 and "no contact named 'Zed'" in nothing.stderr
    assert "Traceback" not in result.output + typo.output + nothing.output


def test_log_ambiguous_name_lists_candidates_and_writes_nothing(netfiles_make_vault):
    v = netfiles_make_vault({"people/a/Sam.md": "", "people/b/Sam.md": "---\nname: Sam B\n---\n"})
    result = run_cli(v, "log", "sam", "x", "--date", "2026-01-01")
    assert result.exit_code == 1
    assert "ambiguous" in result.stderr
    assert "people/a/Sam.md" in result.stderr and "people/b/Sam.md" in result.stderr
    assert "'a/Sam'" in result.stderr  # a way to say which one that is not ambiguous itself
    assert (v / "people/a/Sam.md").read_text() == ""
    assert run_cli(v, "log", "a/Sam", "x", "--date", "2026-01-01").exit_code == 0


def test_log_rejects_bad_kind_and_multiline_text(netfiles_make_vault):
    v = netfiles_make_vault({"people/Bo.md": "## Log\n"})
    assert run_cli(v, "log", "Bo", "x", "--kind", "two words", "--date", "2026-01-01").exit_code == 1
    assert run_cli(v, "log", "Bo", "a\nb", "--date", "2026-01-01").exit_code == 1
    bad_date = run_cli(v, "log", "Bo", "x", "--date", "2026-02-30")
    assert bad_date.exit_code == 2 and "YYYY-MM-DD" in bad_date.stderr
    assert (v / "people/Bo.md").read_text() == "## Log\n"


# Atomic writes --------------------------------------------------------------------------------------

def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def test_a_stale_snapshot_is_refused_and_nothing_is_written(tmp_path):
    path = tmp_path / "Ana.md"
    path.write_text("## Log\n- 2026-01-01 call\n")
    snapshot = Snapshot.read(path)
    path.write_text("## Log\n- 2026-01-01 call\n- 2025-01-01 edited in the editor meanwhile\n")
    with pytest.raises(FileChangedError):
        append_log_line(path, D(2026, 2, 1), "email", "x", snapshot=snapshot)
    assert path.read_text() == "## Log\n- 2026-01-01 call\n- 2025-01-01 edited in the editor meanwhile\n"
    with pytest.raises(FileChangedError):
        set_missing_fields(path, {"role": "CTO"}, snapshot=snapshot)
    with pytest.raises(FileChangedError):
        write_atomic(path, b"x", snapshot=snapshot)
    assert path.read_text().endswith("meanwhile\n")
    assert leftovers(tmp_path) == []
    path.unlink()
    with pytest.raises(FileChangedError):
        write_atomic(path, b"x", snapshot=snapshot)
    assert not path.exists() and leftovers(tmp_path) == []


def test_a_fresh_snapshot_is_written(tmp_path):
    path = tmp_path / "Ana.md"
    path.write_text("## Log\n")
    snapshot = Snapshot.read(path)
    assert append_log_line(path, D(2026, 2, 1), "email", snapshot=snapshot) == "- 2026-02-01 email"
    assert path.read_text() == "## Log\n- 2026-02-01 email\n"
    assert leftovers(tmp_path) == []


def test_writes_keep_the_file_mode(tmp_path):
    path = tmp_path / "Ana.md"
    path.write_text("## Log\n")
    path.chmod(0o640)
    append_log_line(path, D(2026, 2, 1), "call")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    set_missing_fields(path, {"role": "CTO"})
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert leftovers(tmp_path) == []


def test_writing_through_a_symlink_keeps_the_link(tmp_path):
    real = tmp_path / "elsewhere" / "Ana.md"
    real.parent.mkdir()
    real.write_text("## Log\n")
    link = tmp_path / "Ana.md"
    link.symlink_to(real)
    append_log_line(link, D(2026, 2, 1), "call")
    assert link.is_symlink()
    assert real.read_text() == "## Log\n- 2026-02-01 call\n"


def test_create_refuses_to_clobber(tmp_path):
    path = create_contact(tmp_path, "Ana Souza", {"role": "CTO"})
    assert path == tmp_path / "Ana Souza.md"
    before = path.read_bytes()
    with pytest.raises(WriteError):
        create_contact(tmp_path, "Ana Souza", {"role": "someone else"})
    with pytest.raises(WriteError):
        write_atomic(path, b"other", create=True)
    assert path.read_bytes() == before
    assert leftovers(tmp_path) == []


# set_missing_fields -----------------------------------------------------------------------------

def test_set_missing_fields_fills_only_what_is_absent_or_empty(tmp_path):
    path = tmp_path / "Ana.md"
    original = ("---\r\nname: Ana   # keep this comment\r\nrole:\r\n\"organization\": Acme\r\n"
                "tags:\r\n  - a\r\nemails: []\r\n---\r\n# Ana\r\n")
    path.write_bytes(b"\xef\xbb\xbf" + original.encode())
    done = set_missing_fields(path, {"name": "Other", "role": "CTO", "organization": "Other Inc",
                                     "tags": ["x"], "emails": ["a@x.org"], "country": "PT", "phones": []})
    assert sorted(done) == ["country", "emails", "role"]
    assert path.read_bytes() == b"\xef\xbb\xbf" + (
        "---\r\nname: Ana   # keep this comment\r\nrole: CTO\r\n\"organization\": Acme\r\n"
        "tags:\r\n  - a\r\nemails:\r\n  - a@x.org\r\ncountry: PT\r\n---\r\n# Ana\r\n").encode()  # block, as `tags` is
    assert set_missing_fields(path, {"role": "CEO"}) == []


def test_set_missing_fields_refuses_a_file_whose_front_matter_is_not_closed(tmp_path):
    path = tmp_path / "Ana.md"
    path.write_text("---\nname: Ana\n# Ana\n")
    with pytest.raises(WriteError):
        set_missing_fields(path, {"role": "CTO"})
    assert path.read_text() == "---\nname: Ana\n# Ana\n"


def test_set_missing_fields_without_front_matter(tmp_path):
    path = tmp_path / "Ana.md"
    path.write_text("# Ana\n")
    assert set_missing_fields(path, {"role": "CTO"}) == ["role"]
    assert path.read_text() == "---\nrole: CTO\n---\n# Ana\n"


def test_non_utf8_file_is_not_edited(tmp_path):
    path = tmp_path / "Ana.md"
    path.write_bytes(b"## Log\n\xff\n")
    with pytest.raises(WriteError):
        append_log_line(path, D(2026, 1, 1), "call")
    assert path.read_bytes() == b"## Log\n\xff\n"

"""Two clones of one vault meet in git: contact files merge by meaning through the netfiles merge driver."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netfiles.writing.gitmerge import merge_contact
from netfiles.reading.parse import parse_markdown

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

ANA = """\
---
name: Ana Souza
emails:
  - ana@example.org
tags:
  - mentor
role: Head of Data
organization: Acme Bank
---
# Ana Souza

Met at PyCon; she runs the data team.

## Log
- 2026-11-02 coffee: talked about her move to risk
- 2026-09-14 call: she reviewed my deck
"""
BO = "---\nname: Bo Chen\n---\n# Bo Chen\n\n## Log\n"


def run(cwd: Path, *argv: str, env: dict, check: bool = True) -> subprocess.CompletedProcess:
    done = subprocess.run(list(argv), cwd=cwd, env=env, capture_output=True, text=True, timeout=120)
    if check:
        assert done.returncode == 0, f"{' '.join(argv)}:\n{done.stdout}{done.stderr}"
    return done


@pytest.fixture
def env(tmp_path):
    (tmp_path / "gitconfig").write_text("[user]\n  name = Test\n  email = test@example.org\n[init]\n"
                                        "  defaultBranch = main\n[commit]\n  gpgsign = false\n[pull]\n  rebase = false\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "NETFILES_"))}
    env.update(GIT_CONFIG_GLOBAL=str(tmp_path / "gitconfig"), GIT_CONFIG_NOSYSTEM="1")
    return env


@pytest.fixture
def clones(tmp_path, env):
    """(laptop, phone): two clones of one vault, each set up with `netfiles git setup`."""
    origin = tmp_path / "origin.git"
    run(tmp_path, "git", "init", "-q", "--bare", str(origin), env=env)
    laptop = tmp_path / "laptop"
    run(tmp_path, "git", "clone", "-q", str(origin), str(laptop), env=env)
    run(laptop, "netfiles", "init", "--no-input", "--no-pre-commit", env=env)
    (laptop / "people" / "Ana Souza.md").write_text(ANA)
    (laptop / "people" / "Bo Chen.md").write_text(BO)
    setup = run(laptop, "netfiles", "git", "setup", env=env)
    assert "once in every other clone" in setup.stdout
    assert "people/**/*.md merge=netfiles" in (laptop / ".gitattributes").read_text()
    run(laptop, "git", "add", "-A", env=env)
    run(laptop, "git", "commit", "-qm", "vault", env=env)
    run(laptop, "git", "push", "-q", "origin", "main", env=env)
    phone = tmp_path / "phone"
    run(tmp_path, "git", "clone", "-q", str(origin), str(phone), env=env)
    run(phone, "netfiles", "git", "setup", env=env)
    return laptop, phone


def edit(clone: Path, rel: str, old: str, new: str, env: dict, message: str = "edit") -> None:
    path = clone / rel
    text = path.read_bytes().decode()
    assert old in text
    path.write_bytes(text.replace(old, new, 1).encode())
    run(clone, "git", "commit", "-qam", message, env=env)


def sync(laptop: Path, phone: Path, env: dict) -> subprocess.CompletedProcess:
    """Laptop pushes; the phone pulls (a real merge through the driver)."""
    run(laptop, "git", "push", "-q", "origin", "main", env=env)
    return run(phone, "git", "pull", "-q", "origin", "main", env=env, check=False)


def contact(clone: Path, rel: str = "people/Ana Souza.md") -> dict:
    return parse_markdown(rel, (clone / rel).read_bytes(), True)


def test_log_lines_on_both_sides_are_all_kept_in_date_order(clones, env):
    laptop, phone = clones
    edit(laptop, "people/Ana Souza.md", "## Log\n", "## Log\n- 2026-11-20 email: sent the photos\n", env)
    edit(phone, "people/Ana Souza.md", "## Log\n", "## Log\n- 2026-11-25 call: caught up\n", env)
    pulled = sync(laptop, phone, env)
    assert pulled.returncode == 0, pulled.stdout + pulled.stderr
    dates = [item[0] for item in contact(phone)["log"]]
    assert dates == ["2026-11-25", "2026-11-20", "2026-11-02", "2026-09-14"]
    assert run(phone, "netfiles", "check", env=env).returncode == 0


def test_a_tag_on_one_side_and_a_role_on_the_other_merge_without_conflict(clones, env):
    laptop, phone = clones
    edit(laptop, "people/Ana Souza.md", "  - mentor\n", "  - mentor\n  - pycon-2024\n", env)
    edit(phone, "people/Ana Souza.md", "role: Head of Data", "role: VP Data", env)
    assert sync(laptop, phone, env).returncode == 0
    merged = contact(phone)
    assert merged["tags"] == ["mentor", "pycon-2024"] and merged["role"] == "VP Data"
    assert "  - pycon-2024\n" in (phone / "people" / "Ana Souza.md").read_text()  # block style kept


def test_tags_added_on_both_sides_are_a_union_and_a_removal_is_honoured(clones, env):
    laptop, phone = clones
    edit(laptop, "people/Ana Souza.md", "  - mentor\n", "  - pycon-2024\n", env)  # mentor removed, pycon added
    edit(phone, "people/Ana Souza.md", "  - mentor\n", "  - mentor\n  - \"[[Bo Chen]]\"\n", env)
    assert sync(laptop, phone, env).returncode == 0
    assert contact(phone)["tags"] == ["[[Bo Chen]]", "pycon-2024"] or contact(phone)["tags"] == ["pycon-2024", "[[Bo Chen]]"]
    assert '  - "[[Bo Chen]]"\n' in (phone / "people" / "Ana Souza.md").read_text()


def test_the_same_key_changed_two_ways_conflicts_on_that_key_only(clones, env):
    laptop, phone = clones
    edit(laptop, "people/Ana Souza.md", "role: Head of Data", "role: Chief Data Officer", env)
    edit(laptop, "people/Ana Souza.md", "## Log\n", "## Log\n- 2026-11-20 email: congratulated her\n", env)
    edit(phone, "people/Ana Souza.md", "role: Head of Data", "role: VP Data", env)
    edit(phone, "people/Ana Souza.md", "organization: Acme Bank", "organization: Acme Bank plc", env)
    pulled = sync(laptop, phone, env)
    assert pulled.returncode != 0 and "CONFLICT" in pulled.stdout + pulled.stderr
    text = (phone / "people" / "Ana Souza.md").read_text()
    assert text.count("<<<<<<<") == 1
    block = text[text.index("<<<<<<<"):text.index(">>>>>>>")]
    assert "role: VP Data" in block and "role: Chief Data Officer" in block and "organization" not in block
    assert "organization: Acme Bank plc" in text and "- 2026-11-20 email: congratulated her" in text

    checked = run(phone, "netfiles", "check", env=env, check=False)
    assert checked.returncode == 1 and "people/Ana Souza.md:7:1: NF106" in checked.stdout
    resolved = text[:text.index("<<<<<<<")] + "role: Chief Data Officer\n" + text[text.index(">>>>>>> theirs\n") + 15:]
    (phone / "people" / "Ana Souza.md").write_text(resolved)
    assert run(phone, "netfiles", "check", env=env).returncode == 0
    run(phone, "git", "commit", "-qam", "resolved", env=env)
    assert contact(phone)["role"] == "Chief Data Officer"


def test_a_contact_renamed_on_one_side_and_edited_on_the_other(clones, env):
    laptop, phone = clones
    (laptop / "people" / "work").mkdir()
    run(laptop, "git", "mv", "people/Ana Souza.md", "people/work/Ana Souza.md", env=env)
    run(laptop, "git", "commit", "-qm", "move", env=env)
    edit(laptop, "people/work/Ana Souza.md", "## Log\n", "## Log\n- 2026-11-20 email: sent the photos\n", env)
    edit(phone, "people/Ana Souza.md", "## Log\n", "## Log\n- 2026-11-25 call: caught up\n", env)
    edit(phone, "people/Ana Souza.md", "  - mentor\n", "  - mentor\n  - pycon-2024\n", env)
    assert sync(laptop, phone, env).returncode == 0
    assert not (phone / "people" / "Ana Souza.md").exists()
    merged = contact(phone, "people/work/Ana Souza.md")
    assert [i[0] for i in merged["log"]][:2] == ["2026-11-25", "2026-11-20"] and "pycon-2024" in merged["tags"]


def test_crlf_files_stay_crlf(clones, env):
    laptop, phone = clones
    crlf = ANA.replace("\n", "\r\n")
    (laptop / "people" / "Ana Souza.md").write_bytes(crlf.encode())
    run(laptop, "git", "commit", "-qam", "crlf", env=env)
    run(laptop, "git", "push", "-q", "origin", "main", env=env)
    run(phone, "git", "pull", "-q", "origin", "main", env=env)
    edit(laptop, "people/Ana Souza.md", "## Log\r\n", "## Log\r\n- 2026-11-20 email: sent the photos\r\n", env)
    edit(phone, "people/Ana Souza.md", "role: Head of Data", "role: VP Data", env)
    assert sync(laptop, phone, env).returncode == 0
    data = (phone / "people" / "Ana Souza.md").read_bytes()
    assert data.count(b"\n") == data.count(b"\r\n") and b"role: VP Data\r\n" in data
    assert b"- 2026-11-20 email: sent the photos\r\n" in data


def test_check_warns_when_this_clone_lacks_the_driver(clones, env, tmp_path):
    laptop, _ = clones
    third = tmp_path / "third"
    run(tmp_path, "git", "clone", "-q", str(tmp_path / "origin.git"), str(third), env=env)
    checked = run(third, "netfiles", "check", env=env)
    assert ".gitattributes:2:1: NF107" in checked.stdout and "netfiles git setup" in checked.stdout
    run(third, "netfiles", "git", "setup", env=env)
    assert "NF107" not in run(third, "netfiles", "check", env=env).stdout
    assert (third / ".gitattributes").read_text() == (laptop / ".gitattributes").read_text()  # setup is idempotent


def test_markdown_heading_underlines_are_not_conflict_markers():
    text = "---\nname: A\n---\nTitle\n=======\n\nnot a conflict\n"
    assert not any(d["code"] == "NF106" for d in parse_markdown("people/A.md", text.encode(), True)["diagnostics"])


# Property: disjoint changes merge to both changes, whichever side is ours -------------------------

KEYS = ["role", "organization", "location", "industry", "country", "how_met"]
words = st.text(alphabet="abcdefghij ", min_size=1, max_size=12).map(str.strip).filter(bool)
dates = st.dates(min_value=__import__("datetime").date(2020, 1, 1), max_value=__import__("datetime").date(2026, 12, 1))


def render(fields: dict, tags: list[str], log: list[tuple], newline: str = "\n") -> bytes:
    lines = ["---", "name: Ana Souza"] + [f"{k}: {v}" for k, v in fields.items()]
    lines += ["tags:"] + [f"  - {t}" for t in tags] + ["---", "# Ana Souza", "", "Notes.", "", "## Log"]
    lines += [f"- {d.isoformat()} {kind}: {text}" for d, kind, text in sorted(log, reverse=True)]
    return (newline.join(lines) + newline).encode()


@settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(base_fields=st.dictionaries(st.sampled_from(KEYS), words, max_size=4),
       split=st.lists(st.booleans(), min_size=len(KEYS), max_size=len(KEYS)),
       ours_values=st.lists(words, min_size=len(KEYS), max_size=len(KEYS)),
       theirs_values=st.lists(words, min_size=len(KEYS), max_size=len(KEYS)),
       base_log=st.lists(st.tuples(dates, st.sampled_from(["call", "coffee"]), words), max_size=4, unique_by=lambda x: x[0]),
       ours_new=st.lists(st.tuples(dates, st.just("email"), words), max_size=3, unique_by=lambda x: x[0]),
       theirs_new=st.lists(st.tuples(dates, st.just("video"), words), max_size=3, unique_by=lambda x: x[0]),
       tags=st.tuples(st.lists(words, max_size=3, unique=True), st.lists(words, max_size=2, unique=True),
                      st.lists(words, max_size=2, unique=True)),
       newline=st.sampled_from(["\n", "\r\n"]))
def test_disjoint_changes_merge_to_both_changes_in_either_order(base_fields, split, ours_values, theirs_values,
                                                                  base_log, ours_new, theirs_new, tags, newline):
    ours_keys = {k for k, mine in zip(KEYS, split) if mine}
    ours_fields = dict(base_fields, **{k: v for k, v, mine in zip(KEYS, ours_values, split) if mine})
    theirs_fields = dict(base_fields, **{k: v for k, v, mine in zip(KEYS, theirs_values, split) if not mine})
    base_tags, ours_tags, theirs_tags = tags
    ours_tag_list = base_tags + [t for t in ours_tags if t not in base_tags]
    theirs_tag_list = base_tags + [t for t in theirs_tags if t not in base_tags]
    base = render(base_fields, base_tags, base_log, newline)
    ours = render(ours_fields, ours_tag_list, base_log + ours_new, newline)
    theirs = render(theirs_fields, theirs_tag_list, base_log + theirs_new, newline)

    expected_fields = dict(base_fields)
    expected_fields.update({k: v for k, v in ours_fields.items() if k in ours_keys})
    expected_fields.update({k: v for k, v in theirs_fields.items() if k not in ours_keys})
    expected_tags = set(base_tags) | set(ours_tags) | set(theirs_tags)
    expected_log = {(d.isoformat(), kind, text) for d, kind, text in base_log + ours_new + theirs_new}
    for a, b in ((ours, theirs), (theirs, ours)):
        result = merge_contact(base, a, b)
        assert result.conflicts == []
        record = parse_markdown("people/Ana Souza.md", result.text, True)
        assert record["diagnostics"] == []
        fm = yaml.safe_load(result.text.decode().replace("\r\n", "\n").split("---\n")[1])
        assert {k: v for k, v in fm.items() if k in KEYS} == expected_fields
        assert set(record["tags"]) == expected_tags
        assert {(d, kind, text) for d, kind, text, *_ in record["log"]} == expected_log
        dates_in_file = [item[0] for item in record["log"]]
        assert dates_in_file == sorted(dates_in_file, reverse=True)
        assert result.text.count(b"\n") == result.text.count(newline.encode())


def test_init_can_set_up_the_merge_driver(tmp_path, env):
    repo = tmp_path / "repo"
    repo.mkdir()
    run(repo, "git", "init", "-q", env=env)
    done = run(repo, "netfiles", "init", "--no-input", "--merge-driver", env=env)
    assert "merge.netfiles.driver set" in done.stdout
    assert "people/**/*.md merge=netfiles" in (repo / ".gitattributes").read_text()
    assert run(repo, "git", "config", "merge.netfiles.driver", env=env).stdout.strip() == "netfiles merge-file %O %A %B %P"
    outside = tmp_path / "plain"
    refused = run(tmp_path, "netfiles", "init", str(outside), "--no-input", "--merge-driver", env=env, check=False)
    assert refused.returncode == 2 and "git init" in refused.stderr

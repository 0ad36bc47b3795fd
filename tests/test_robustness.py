"""Bad files are diagnostics, never tracebacks: broken YAML and encodings, odd file types, races, fuzzed input."""
from __future__ import annotations

import json
import os
import random
import subprocess

import pytest

from netfiles import load_vault
from netfiles.model.config import load_config
from netfiles.model.diagnostics import CORE_CODES
from netfiles.store.index import Index, read_and_parse
from netfiles.reading.parse import MAX_FILE_BYTES, parse_markdown
from netfiles.reading.scan import VaultLayout
from netfiles.testing import run_cli, write_file

MESSY = {
    "people/invalid yaml.md": "---\nname: [Ana\n---\n## Log\n- 2026-01-01 call\n",
    "people/no such day.md": "---\nname: Dee\nmet: 2026-13-45\n---\n",
    "people/latin1.md": b"---\nname: Jos\xe9\n---\n",
    "people/bom.md": b"\xef\xbb\xbf---\r\nname: Bom\r\n---\r\n## Log\r\n- 2026-02-01 call\r\n",
    "people/empty.md": b"",
    "people/list.md": "---\n- a\n---\n",
    "people/binary.md": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
    "people/huge.md": b"---\nname: Huge\n---\n" + b"x" * (MAX_FILE_BYTES + 10),
    "people/self alias.md": "---\na: &x [*x]\n---\n",
    "people/knows bad.md": '---\nknows: {a: "[[Nobody]]"}\nstrength: high\n---\n',
    "daily/2026-13-01.md": "[[Dee]] on a day that does not exist: not a note\n",
    "daily/2026-03-01.md": b"[[Dee]] \xff\n",
    "notes/x.md": "---\ndate: someday\n---\n",
}


@pytest.fixture
def messy(netfiles_make_vault):
    v = netfiles_make_vault(MESSY)
    os.symlink("..", v / "people" / "loop")  # a folder link back up: a loop
    os.symlink("self.md", v / "people" / "self.md")  # a link to itself
    os.symlink("nowhere.md", v / "people" / "broken.md")
    (v / "people" / "folder.md").mkdir()  # a folder named like a file
    os.mkfifo(v / "people" / "pipe.md")  # reading it would block forever
    return v


def test_check_reports_every_defect(messy):
    result = run_cli(messy, "check", "--format", "json")
    assert result.exit_code == 1, result.output
    found = {(d["path"], d["code"]) for d in json.loads(result.stdout)["diagnostics"]}
    assert found >= {
        ("people/invalid yaml.md", "NF101"), ("people/no such day.md", "NF202"), ("people/latin1.md", "NF103"),
        ("people/list.md", "NF102"), ("people/binary.md", "NF103"), ("people/huge.md", "NF104"),
        ("people/self alias.md", "NF101"), ("people/knows bad.md", "NF201"), ("people/knows bad.md", "NF205"),
        ("daily/2026-03-01.md", "NF103"), ("notes/x.md", "NF202")}
    paths = {path for path, _ in found}
    assert not any(p.startswith("people/loop/") for p in paths)
    assert not paths & {"people/self.md", "people/broken.md", "people/pipe.md", "people/folder.md"}


def test_every_command_survives(messy):
    for args in (["ls"], ["ls", "--format", "csv"], ["show", "Bom", "--format", "json"], ["show", "Dee"],
                 ["report", "--today", "2026-06-01"], ["index"], ["index", "--rebuild"], ["check", "--format", "github"],
                 ["log", "Dee", "hello", "--date", "2026-03-02"]):
        result = run_cli(messy, *args)
        assert result.exit_code in (0, 1), (args, result.output)
        assert "internal error" not in result.output and "Traceback" not in result.output, args


def test_contacts_of_broken_files_still_exist(messy):
    names = [c["name"] for c in json.loads(run_cli(messy, "ls", "--format", "json").stdout)["contacts"]]
    # every file under people/ is a contact, even when it cannot be read; each is listed once despite the loop
    assert names == sorted(["binary", "Bom", "Dee", "empty", "huge", "invalid yaml", "knows bad", "latin1", "list",
                            "self alias"], key=str.casefold)
    bom = json.loads(run_cli(messy, "show", "Bom", "--format", "json").stdout)
    assert bom["last_contact"] == "2026-02-01"


def test_the_real_command_does_not_hang_or_crash(messy):
    done = subprocess.run(["netfiles", "check", "--format", "json"], cwd=messy, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert json.loads(done.stdout)["diagnostics"]


def test_a_file_name_that_is_not_utf8(netfiles_make_vault):
    v = netfiles_make_vault({"people/Ana.md": ""})
    with open(os.path.join(os.fsencode(v), b"people", b"Caf\xe9.md"), "wb") as handle:
        handle.write(b"---\nstrength: 9\n---\n")
    result = run_cli(v, "check")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "people/Caf\\xe9.md:0:0: NF103 file name is not valid UTF-8, so netfiles cannot index this file; rename it"]
    assert json.loads(run_cli(v, "ls", "--format", "json").stdout)["contacts"][0]["name"] == "Ana"


def test_a_file_that_cannot_be_read(tmp_path):
    (tmp_path / "people" / "dir.md").mkdir(parents=True)
    record = read_and_parse(str(tmp_path), "people/dir.md", True)
    assert record["kind"] == "contact" and record["name"] == "dir"
    assert [d["code"] for d in record["diagnostics"]] == ["NF104"]


def test_reading_a_file_that_vanished(tmp_path):
    assert read_and_parse(str(tmp_path), "people/gone.md", True) is None


class DeletingLayout(VaultLayout):
    """Lists the files, then someone deletes one before it is read: what a sync client or an editor may do."""

    victim = "people/Bo.md"

    def walk(self):
        found = super().walk()
        (self.root / self.victim).unlink()
        return found


def test_a_file_deleted_between_listing_and_reading(netfiles_make_vault):
    v = netfiles_make_vault({"people/Ana.md": "", "people/Bo.md": "---\nname: Bo\n---\n"})
    index = Index(v, load_config(v))
    index.layout = DeletingLayout(v, load_config(v))
    changes = index.refresh()
    assert changes.added == ["people/Ana.md"] and changes.removed == []
    assert [path for path, _ in index.records()] == ["people/Ana.md"]
    # a file the index knew, changed and then deleted before it is read, counts as removed
    write_file(v, "people/Bo.md", "---\nname: Bo\n---\n")
    index.layout = VaultLayout(v, load_config(v))
    assert index.refresh().added == ["people/Bo.md"]
    write_file(v, "people/Bo.md", "---\nname: Bo Chen\n---\n")
    os.utime(v / "people/Bo.md", ns=(1, 1))
    index.layout = DeletingLayout(v, load_config(v))
    changes = index.refresh()
    assert (changes.added, changes.changed, changes.removed) == ([], [], ["people/Bo.md"])
    assert [path for path, _ in index.records()] == ["people/Ana.md"]
    index.close()


def test_a_huge_file_is_not_parsed(netfiles_make_vault):
    v = netfiles_make_vault({"people/Huge.md": b"---\nname: Huge\nstrength: 9\n---\n" + b"x" * (MAX_FILE_BYTES + 1)})
    vault = load_vault(v)
    [contact] = vault.contacts
    assert contact.name == "Huge" and contact.strength is None
    assert [(d.code, d.severity) for d in vault.file_diagnostics] == [("NF104", "warning")]


# Fuzzing: whatever the bytes, the parser returns a record ----------------------------------------------

SEED_TEXT = """\
---
name: Ana Souza
aliases: [Ana]
emails: [ana@example.org]
met: 2024-05-16
birthday: --03-02
knows: ["[[Bo Chen]]", "[[Carla|C]]"]
strength: 4
cadence: 2m
linkedin: https://www.linkedin.com/in/ana
---
# Ana Souza

## Log
- 2026-11-02 coffee: talked about her move to risk #gave
- 2026-09-14 call: she reviewed my deck #got
  - a detail
```
- 2026-01-01 not the log
```
""".encode()

PIECES = [b"---\n", b"\r\n", b"\xef\xbb\xbf", b"\x00", b"\xff", b"[[", b"]]", b": ", b"- ", b"## Log\n", b"&a ", b"*a",
          b"!!binary ", b"2026-13-45", b"\t", b"{", b"}", b"'", b'"', b"#", b"\\", "\u2028".encode()]


def mutants(count: int, seed: int = 20261121):
    rng = random.Random(seed)
    for _ in range(count):
        data = bytearray(SEED_TEXT)
        for _ in range(rng.randint(1, 6)):
            where = rng.randrange(len(data) + 1)
            choice = rng.random()
            if choice < 0.4:
                data[where:where] = rng.choice(PIECES)
            elif choice < 0.7:
                del data[where:where + rng.randint(1, 20)]
            else:
                data[where:where + 1] = bytes([rng.randrange(256)])
        yield bytes(data)


@pytest.mark.parametrize("is_contact", [True, False], ids=["contact", "note"])
def test_fuzzed_files_never_raise(is_contact):
    for data in mutants(400):
        record = parse_markdown("people/Ana.md", data, is_contact)
        json.dumps(record)
        for d in record["diagnostics"]:
            assert d["code"] in CORE_CODES and d["line"] >= 0 and d["col"] >= 0

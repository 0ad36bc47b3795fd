"""The index is derived data (issue 10, items 17 and 18; issue 14, the cache's own .gitignore).

A damaged (corrupt pages, not a database), unreadable or read-only cache never
stops a command and never gives a stale answer: netfiles rebuilds it, or runs
without it in memory, with a one-line note on stderr. These tests damage a real
SQLite file and run the real `netfiles` command.
"""
from __future__ import annotations

import ctypes
import json
import os
import subprocess
from pathlib import Path

import pytest

CACHE = Path(".netfiles/cache/index.sqlite")
VALID = "---\nname: Ana Souza\nemails: [ana@example.org]\n---\n# Ana Souza\n"
INVALID = VALID.replace("ana@example.org", "ana-example.org")  # NF203, same size


def _drop_permission_override() -> None:
    """In the child, as root: give up CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH, so file modes count as for anyone."""
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2):
        if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def netfiles(vault: Path, *args: str, obey_modes: bool = False) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NETFILES_")}
    preexec = _drop_permission_override if obey_modes and os.geteuid() == 0 else None
    return subprocess.run(["netfiles", *args], cwd=vault, env=env, capture_output=True, text=True, timeout=120,
                          preexec_fn=preexec)


def codes(result: subprocess.CompletedProcess) -> list[tuple[str, str]]:
    assert result.returncode in (0, 1), result.stderr
    return sorted((d["path"], d["code"]) for d in json.loads(result.stdout)["diagnostics"])


def notes(result: subprocess.CompletedProcess) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("note:")]


@pytest.fixture
def vault(netfiles_make_vault):
    """Sixty contacts: enough for an index of many pages, so damage in its middle hits real data."""
    files = {f"people/Person {i:02}.md": f"---\nname: Person {i:02}\nemails: [p{i}@example.org]\n"
                                         f"knows: ['[[Person {(i + 1) % 60:02}]]']\n---\n# Person {i:02}\n" + "x" * 300
             for i in range(60)}
    files["people/Ana Souza.md"] = VALID
    return netfiles_make_vault(files)


def _clobber(path: Path, where: str) -> None:
    """Overwrite bytes of the database file, once everything is in it (no WAL left to mask the damage)."""
    import sqlite3

    db = sqlite3.connect(path)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    assert not Path(f"{path}-wal").exists()
    data = bytearray(path.read_bytes())
    page = 4096
    assert len(data) >= 4 * page, "the index should span several pages"
    if where == "header":
        data[:100] = b"\xa5" * 100
    elif where == "middle":
        start = (len(data) // page // 2) * page
        data[start:start + page] = bytes((i * 37 + 11) % 256 for i in range(page))
    else:  # every page but the first: nothing of the tables is left
        data[page:] = bytes(range(256)) * ((len(data) - page) // 256)
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("where", ["header", "middle", "all-but-header"])
def test_a_corrupt_cache_is_rebuilt_and_never_gives_a_stale_verdict(vault, where):
    assert codes(netfiles(vault, "check", "--select", "NF", "--format", "json")) == []  # builds the index and caches the verdict
    (vault / "people/Ana Souza.md").write_text(INVALID)
    _clobber(vault / CACHE, where)

    result = netfiles(vault, "check", "--select", "NF", "--format", "json")

    assert codes(result) == [("people/Ana Souza.md", "NF203")]
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    if where != "middle":  # a random page in the middle may be a free page nobody reads: then no note is due
        assert len(notes(result)) == 1 and "rebuilt" in notes(result)[0], result.stderr
    again = netfiles(vault, "check", "--select", "NF", "--format", "json")
    assert codes(again) == [("people/Ana Souza.md", "NF203")] and notes(again) == []


@pytest.mark.parametrize("command", [("ls", "--format", "json"), ("show", "Ana Souza", "--format", "json"),
                                     ("index",), ("check", "people/Ana Souza.md")])
def test_every_command_survives_a_corrupt_cache(vault, command):
    netfiles(vault, "index")
    _clobber(vault / CACHE, "all-but-header")
    result = netfiles(vault, *command)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and len(notes(result)) == 1, result.stderr
    if command[0] == "ls":
        assert len(json.loads(result.stdout)["contacts"]) == 61


def test_a_cache_that_is_a_folder_runs_in_memory(vault):
    """A cache path that cannot be a file (file/dir mismatch): netfiles works without a cache, and says so."""
    (vault / CACHE).mkdir(parents=True)
    result = netfiles(vault, "check", "--select", "NF", "--format", "json")
    assert codes(result) == []
    assert len(notes(result)) == 1 and "running without it" in notes(result)[0]
    (vault / "people/Ana Souza.md").write_text(INVALID)
    assert codes(netfiles(vault, "check", "--select", "NF", "--format", "json")) == [("people/Ana Souza.md", "NF203")]


def test_a_cache_folder_that_is_a_file_runs_in_memory(vault):
    (vault / ".netfiles/cache").write_text("not a folder\n")
    result = netfiles(vault, "ls", "--format", "json")
    assert result.returncode == 0 and len(json.loads(result.stdout)["contacts"]) == 61
    assert len(notes(result)) == 1 and "running without it" in notes(result)[0]


def test_an_unreadable_cache_is_replaced(vault):
    """chmod 000 on the cache file (as root, with the permission override dropped in the child)."""
    assert codes(netfiles(vault, "check", "--select", "NF", "--format", "json")) == []
    (vault / "people/Ana Souza.md").write_text(INVALID)
    (vault / CACHE).chmod(0)
    result = netfiles(vault, "check", "--select", "NF", "--format", "json", obey_modes=True)
    assert codes(result) == [("people/Ana Souza.md", "NF203")]
    assert len(notes(result)) == 1 and "rebuilt" in notes(result)[0], result.stderr
    assert (vault / CACHE).stat().st_mode & 0o777 != 0  # a new, usable file


def test_a_read_only_cache_folder_runs_in_memory(vault):
    assert codes(netfiles(vault, "check", "--select", "NF", "--format", "json")) == []
    (vault / "people/Ana Souza.md").write_text(INVALID)
    folder = (vault / CACHE).parent
    (vault / CACHE).chmod(0o444)
    folder.chmod(0o555)
    try:
        result = netfiles(vault, "check", "--select", "NF", "--format", "json", obey_modes=True)
    finally:
        folder.chmod(0o755)
    assert codes(result) == [("people/Ana Souza.md", "NF203")]
    assert len(notes(result)) == 1 and "running without it" in notes(result)[0], result.stderr


def test_touch_r_after_a_same_size_edit_is_seen_by_the_pre_commit_path(vault):
    """`check PATH` (what the hook runs) must see an edit whose mtime was put back (item 18)."""
    path = vault / "people/Ana Souza.md"
    assert codes(netfiles(vault, "check", "--select", "NF", "--format", "json", "people/Ana Souza.md")) == []
    before = path.stat()
    path.write_text(INVALID)  # in place: same inode, same size
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # touch -r
    assert (path.stat().st_mtime_ns, path.stat().st_size) == (before.st_mtime_ns, before.st_size)
    result = netfiles(vault, "check", "--select", "NF", "--format", "json", "people/Ana Souza.md")
    assert codes(result) == [("people/Ana Souza.md", "NF203")]
    assert netfiles(vault, "check", "people/Ana Souza.md").returncode == 1


@pytest.mark.git
def test_the_cache_folder_keeps_itself_out_of_git(netfiles_make_vault, tmp_path):
    """A vault not made by `netfiles init` (no .netfiles/.gitignore): `git add -A` still commits no cache file."""
    vault = netfiles_make_vault({"people/Ana Souza.md": VALID})
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "NETFILES_"))}
    env.update(GIT_CONFIG_GLOBAL=str(tmp_path / "gitconfig"), GIT_CONFIG_NOSYSTEM="1")
    (tmp_path / "gitconfig").touch()
    subprocess.run(["git", "init", "-q"], cwd=vault, env=env, check=True)
    for attempt in range(2):  # also after the cache folder was deleted and made again
        assert netfiles(vault, "ls").returncode == 0
        assert (vault / ".netfiles/cache/.gitignore").read_text().splitlines()[-1] == "*"
        subprocess.run(["git", "add", "-A"], cwd=vault, env=env, check=True)
        staged = subprocess.run(["git", "ls-files", "--cached"], cwd=vault, env=env, capture_output=True,
                                text=True, check=True).stdout.splitlines()
        assert staged == ["people/Ana Souza.md"]
        import shutil

        shutil.rmtree(vault / ".netfiles/cache")


def test_an_index_from_the_previous_schema_is_replaced(vault):
    """Schema 7 added ctime_ns and inode: a cache of schema 5 (other columns, old verdict) is rebuilt, not misread."""
    import sqlite3

    (vault / CACHE).parent.mkdir(parents=True)
    db = sqlite3.connect(vault / CACHE)
    db.executescript("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);"
                     "CREATE TABLE files (path TEXT PRIMARY KEY, mtime_ns INTEGER, size INTEGER, kind TEXT, record TEXT);"
                     "CREATE TABLE names (key TEXT, path TEXT); CREATE TABLE identities (key TEXT, path TEXT);"
                     "CREATE TABLE links (key TEXT, path TEXT);")
    db.execute("INSERT INTO meta VALUES ('fingerprint', ?)",
               (json.dumps(["5", ["people"], [".obsidian", ".git", ".trash", "templates"]]),))
    db.execute("INSERT INTO meta VALUES ('check_cache', ?)", (json.dumps({"key": "", "files_checked": 0,
                                                                          "diagnostics": []}),))
    db.commit()
    db.close()
    (vault / "people/Ana Souza.md").write_text(INVALID)
    result = netfiles(vault, "check", "--select", "NF", "--format", "json")
    assert codes(result) == [("people/Ana Souza.md", "NF203")] and notes(result) == []

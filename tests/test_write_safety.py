"""Issue 10, items 1, 4, 5, 6 and 7: writes are locked, refuse what they cannot do safely, and stay in the vault.

Real files, real processes (`netfiles log` run as the installed script), real permissions.
"""
from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from netfiles import FileChangedError, WriteError, append_log_line, create_contact, set_missing_fields, write_atomic
from netfiles.writing.writes import SETTLE_SECONDS, IndexedFile, remove_stale_temp_files
from netfiles.testing import run_cli

D = dt.date(2026, 3, 1)
ANA = "---\nname: Ana Souza\nemails: [ana@example.org]\n---\n# Ana Souza\n\nNotes I keep for years.\n\n## Log\n- 2026-01-02 call: first\n"


def netfiles_cmd(vault: Path, *args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    script = shutil.which("netfiles")
    assert script, "the netfiles script must be on PATH (the project's venv)"
    return subprocess.run([script, "--vault", str(vault), *args], capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, "NETFILES_VAULT": ""})


def interactions(vault: Path, name: str) -> list[dict]:
    import json

    result = run_cli(vault, "show", name, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["interactions"]


# 1. Locks and the in-place editor race ---------------------------------------------------------

@pytest.mark.slow
def test_parallel_log_processes_lose_no_line(netfiles_make_vault):
    v = netfiles_make_vault({"people/Ana Souza.md": ANA})
    assert run_cli(v, "index").exit_code == 0
    runs = 8
    procs = [subprocess.Popen([shutil.which("netfiles"), "--vault", str(v), "log", "Ana Souza", f"parallel {n}",
                               "--date", f"2026-02-{n + 1:02d}"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True) for n in range(runs)]
    outcomes = [(p.wait(timeout=120), p.stderr.read()) for p in procs]
    assert all(code == 0 for code, _ in outcomes), outcomes
    texts = {i["text"] for i in interactions(v, "Ana Souza")}
    assert {f"parallel {n}" for n in range(runs)} <= texts
    assert (v / "people/Ana Souza.md").read_text().startswith(ANA.split("## Log")[0])
    assert not list((v / "people").glob(".*netfiles-tmp"))
    # lock files live in the cache, never beside the note
    assert sorted(p.name for p in (v / "people").iterdir()) == ["Ana Souza.md"]
    assert list((v / ".netfiles/cache/locks").glob("*.lock"))


@pytest.mark.slow
def test_log_racing_an_editor_that_saves_in_place_never_leaves_just_a_log(netfiles_make_vault):
    """An editor holding the file open truncates then writes it, again and again (as the issue's repro)."""
    v = netfiles_make_vault({"people/Ana Souza.md": ANA})
    path = v / "people/Ana Souza.md"
    assert run_cli(v, "index").exit_code == 0
    stop = threading.Event()
    content = ANA.encode()

    def editor() -> None:
        with open(path, "r+b") as handle:  # one open file, as an editor saving in place keeps it
            while not stop.is_set():
                handle.seek(0)
                handle.truncate()
                time.sleep(0.02)  # the gap a reader can fall into: the file is empty
                handle.write(content)
                handle.flush()
                time.sleep(0.01)

    thread = threading.Thread(target=editor)
    thread.start()
    try:
        results = [netfiles_cmd(v, "log", "Ana Souza", f"race {n}", "--date", "2026-02-01") for n in range(6)]
    finally:
        stop.set()
        thread.join()
    for result in results:
        assert result.returncode in (0, 1), result.stderr
        if result.returncode == 1:
            assert "nothing was written" in result.stderr and "Traceback" not in result.stderr
    text = path.read_text()
    # whatever happened, the note is whole: front matter, notes and the old log line are there
    assert text.startswith(ANA.split("## Log")[0]) and "- 2026-01-02 call: first" in text


def test_an_empty_read_is_refused_when_the_index_saw_content(tmp_path):
    path = tmp_path / "Ana.md"
    path.write_text("")
    with pytest.raises(FileChangedError, match="empty now, but had content"):
        append_log_line(path, D, "call", "x", indexed=IndexedFile(front_matter=True, log=True))
    assert path.read_text() == ""


def test_a_read_without_the_front_matter_the_index_saw_is_refused(tmp_path):
    path = tmp_path / "Ana.md"
    path.write_text("# Ana, half saved\n")
    with pytest.raises(FileChangedError, match="no front matter now"):
        append_log_line(path, D, "call", "x", indexed=IndexedFile(front_matter=True))
    path.write_text("---\nname: Ana\n---\n# Ana\n")
    with pytest.raises(FileChangedError, match="no Log section now"):
        append_log_line(path, D, "call", "x", indexed=IndexedFile(front_matter=True, log=True))
    assert path.read_text() == "---\nname: Ana\n---\n# Ana\n"


def test_an_empty_file_being_written_while_netfiles_waits_is_refused(tmp_path):
    path = tmp_path / "Ana.md"
    path.write_text("")

    def save_later() -> None:
        time.sleep(SETTLE_SECONDS / 3)
        path.write_text(ANA)

    thread = threading.Thread(target=save_later)
    thread.start()
    with pytest.raises(FileChangedError, match="changed while netfiles waited"):
        append_log_line(path, D, "call", "x")
    thread.join()
    assert path.read_text() == ANA


def test_an_old_empty_file_gets_its_log(tmp_path):
    path = tmp_path / "Bo.md"
    path.write_text("")
    old = time.time() - 60
    os.utime(path, (old, old))
    started = time.monotonic()
    append_log_line(path, D, "call", "hello")
    assert time.monotonic() - started < SETTLE_SECONDS  # no wait for a file that has been empty a while
    assert path.read_text() == "## Log\n- 2026-03-01 call: hello\n"


def test_a_same_size_edit_with_the_mtime_put_back_is_still_seen(tmp_path):
    """The snapshot records ctime and inode too: `touch -r` cannot hide an edit."""
    from netfiles import Snapshot

    path = tmp_path / "Ana.md"
    path.write_text(ANA)
    snap = Snapshot.read(path)
    st = os.stat(path)
    time.sleep(0.01)
    path.write_text(ANA.replace("Notes", "NOTES"))  # same size
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    path.write_text(ANA)  # and even the same bytes again: a new ctime still says it was touched
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    with pytest.raises(FileChangedError):
        append_log_line(path, D, "call", "x", snapshot=snap)
    assert path.read_text() == ANA


# 4. Permissions, owners, hard links, special files ------------------------------------------------

def test_a_read_only_file_is_refused_with_a_clear_message(netfiles_make_vault):
    v = netfiles_make_vault({"people/Ana Souza.md": ANA})
    path = v / "people/Ana Souza.md"
    path.chmod(0o444)
    result = run_cli(v, "log", "Ana Souza", "x")
    assert result.exit_code == 1
    assert "read-only (mode 444)" in result.stderr and "nothing was written" in result.stderr
    assert path.read_text() == ANA and oct(path.stat().st_mode & 0o777) == "0o444"


def test_the_mode_is_kept(tmp_path):
    path = tmp_path / "Ana.md"
    path.write_text(ANA)
    path.chmod(0o640)
    append_log_line(path, D, "call", "x")
    assert path.stat().st_mode & 0o777 == 0o640


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="changing a file's owner needs root")
def test_as_root_a_file_owned_by_another_user_keeps_its_owner(tmp_path):
    path = tmp_path / "Ana.md"
    path.write_text(ANA)
    os.chown(path, 4321, 4322)
    append_log_line(path, D, "call", "x")
    st = path.stat()
    assert (st.st_uid, st.st_gid) == (4321, 4322)
    assert "- 2026-03-01 call: x" in path.read_text()


def test_a_file_with_hard_links_is_refused_and_the_link_stays(tmp_path):
    path = tmp_path / "Ana.md"
    path.write_text(ANA)
    other = tmp_path / "backup-of-ana.md"
    os.link(path, other)
    with pytest.raises(WriteError, match="2 hard links"):
        append_log_line(path, D, "call", "x")
    with pytest.raises(WriteError, match="hard links"):
        set_missing_fields(path, {"role": "CTO"})
    assert path.stat().st_ino == other.stat().st_ino and path.read_text() == ANA


def test_only_regular_files_are_written(tmp_path):
    fifo = tmp_path / "Ana.md"
    os.mkfifo(fifo)
    with pytest.raises(WriteError, match="not a regular file"):
        append_log_line(fifo, D, "call", "x")  # and it does not hang opening the FIFO
    with pytest.raises(WriteError, match="not a regular file"):
        write_atomic(fifo, b"data")
    assert fifo.is_fifo()


# 6. Nothing is written outside the vault ---------------------------------------------------------

@pytest.fixture
def outside(tmp_path) -> Path:
    target = tmp_path / "home" / ".bashrc"
    target.parent.mkdir()
    target.write_text("export PATH=/usr/bin\n")
    return target


def test_log_refuses_a_contact_that_links_outside_the_vault(netfiles_make_vault, outside):
    v = netfiles_make_vault()
    (v / "people/evil.md").symlink_to(outside)
    result = run_cli(v, "log", "evil", "hi")
    assert result.exit_code == 1
    assert "leads outside the vault" in result.stderr and "Traceback" not in result.output
    assert outside.read_text() == "export PATH=/usr/bin\n"


def test_every_public_write_refuses_a_target_outside_the_vault(netfiles_make_vault, outside, tmp_path):
    v = netfiles_make_vault()
    evil = v / "people/evil.md"
    evil.symlink_to(outside)
    for write in (lambda: append_log_line(evil, D, "call", "x"),
                  lambda: set_missing_fields(evil, {"role": "x"}),
                  lambda: write_atomic(evil, b"owned"),
                  lambda: append_log_line(evil, D, "call", "x", vault_root=v)):
        with pytest.raises(WriteError, match="outside the vault"):
            write()
    assert outside.read_text() == "export PATH=/usr/bin\n"
    # a linked folder pointing out: new files in it are refused too
    away = tmp_path / "away"
    away.mkdir()
    (v / "people/linked").symlink_to(away, target_is_directory=True)
    with pytest.raises(WriteError, match="outside the vault"):
        create_contact(v / "people/linked", "Bo", {})
    with pytest.raises(WriteError, match="outside the vault"):
        write_atomic(v / "people/linked/Bo.md", b"x", create=True)
    assert list(away.iterdir()) == []


def test_links_inside_the_vault_still_work(netfiles_make_vault, outside):
    v = netfiles_make_vault({"people/real/Ana.md": ANA})
    (v / "people/Ana.md").symlink_to(v / "people/real/Ana.md")
    append_log_line(v / "people/Ana.md", D, "call", "through the link")
    assert (v / "people/Ana.md").is_symlink()
    assert "through the link" in (v / "people/real/Ana.md").read_text()


def test_import_refuses_to_update_a_contact_linked_outside(netfiles_make_vault, outside, tmp_path):
    v = netfiles_make_vault()
    (v / "people/Ana Souza.md").symlink_to(outside)
    outside.write_text("---\nname: Ana Souza\n---\n")
    cards = tmp_path / "a.vcf"
    cards.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Souza\r\nN:Souza;Ana;;;\r\nTITLE:CTO\r\n"
                     "EMAIL:ana@example.org\r\nEND:VCARD\r\n")
    run_cli(v, "import", "vcard", cards)
    assert outside.read_text() == "---\nname: Ana Souza\n---\n"


# 7. People folders must be inside the vault -------------------------------------------------------

@pytest.mark.parametrize("folder", ["../outside", "people/../../outside"])
def test_a_people_folder_outside_the_vault_is_refused_naming_the_config_line(netfiles_make_vault, folder, tmp_path):
    v = netfiles_make_vault(config=f'# my vault\ndefault_cadence = "90d"\npeople = ["{folder}"]\n')
    result = run_cli(v, "add", "Ana Souza")
    assert result.exit_code == 1
    assert ".netfiles/config.toml line 3" in result.stderr and "outside the vault" in result.stderr
    assert "--folder" not in result.stderr  # it was never given
    assert not (tmp_path / "outside").exists()


def test_an_absolute_people_folder_is_read_inside_the_vault(netfiles_make_vault, tmp_path):
    v = netfiles_make_vault(config='people = ["/contacts"]\n')  # config.py reads people folders relative to the vault
    assert run_cli(v, "add", "Ana Souza").exit_code == 0
    assert (v / "contacts/Ana Souza.md").is_file()


def test_a_people_folder_linked_out_of_the_vault_is_refused(netfiles_make_vault, tmp_path):
    away = tmp_path / "away"
    away.mkdir()
    v = netfiles_make_vault(config='people = ["contacts"]\n')
    (v / "contacts").symlink_to(away, target_is_directory=True)
    cards = tmp_path / "a.vcf"
    cards.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Souza\r\nN:Souza;Ana;;;\r\nEND:VCARD\r\n")
    for args in (("add", "Ana Souza"), ("import", "vcard", cards)):
        result = run_cli(v, *args)
        assert result.exit_code != 0
        assert ".netfiles/config.toml line 1" in result.output + result.stderr, args
    assert list(away.iterdir()) == []


def test_folder_option_is_still_checked(netfiles_make_vault):
    v = netfiles_make_vault()
    result = run_cli(v, "add", "Ana", "--folder", "../../x")
    assert result.exit_code == 1 and "--folder" in result.stderr


# 5. Stale temporary files, names differing in case, Unicode line separators -----------------------

def test_stale_temp_files_of_dead_processes_are_removed_on_the_next_write(netfiles_make_vault):
    v = netfiles_make_vault({"people/Ana Souza.md": ANA})
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True).stdout.strip()
    stale = v / f"people/.Bo.md.{dead}.netfiles-tmp"
    stale.write_text("half an import")
    alive = v / f"people/.Carla.md.{os.getppid()}.netfiles-tmp"  # a running process: its file is left alone
    alive.write_text("in progress")
    foreign = v / "people/.notes.tmp"
    foreign.write_text("not ours")
    assert run_cli(v, "check").exit_code == 0  # never indexed: no diagnostics about them
    assert run_cli(v, "log", "Ana Souza", "x").exit_code == 0
    assert not stale.exists() and alive.exists() and foreign.exists()
    old = time.time() - 2 * 3600
    os.utime(alive, (old, old))
    assert remove_stale_temp_files(v / "people") == [alive]


def test_add_refuses_a_name_differing_only_in_case(netfiles_make_vault):
    v = netfiles_make_vault({"people/ana.md": "---\nname: ana\n---\n"})
    result = run_cli(v, "add", "Ana")
    assert result.exit_code == 1
    assert "ana.md" in result.stderr and "only in case" in result.stderr
    assert sorted(p.name for p in (v / "people").iterdir()) == ["ana.md"]


@pytest.mark.parametrize("separator", ["\u0085", "\u2028", "\u2029"])
def test_a_unicode_line_separator_in_a_name_is_kept_and_splits_no_line(netfiles_make_vault, separator):
    import json

    v = netfiles_make_vault()
    name = f"Ana{separator}Souza"
    assert run_cli(v, "add", name, "--knows", f"Bo{separator}Chen").exit_code == 0
    files = list((v / "people").glob("*.md"))
    text = files[0].read_text(encoding="utf-8")
    shown = json.loads(run_cli(v, "show", files[0].stem, "--format", "json").stdout)
    assert shown["name"] == name  # not "Ana Souza"
    assert shown["front_matter"]["knows"] == [f"[[Bo{separator}Chen]]"]
    front = text.split("---")[1]
    assert separator not in front  # escaped in the YAML, so no reader sees a line break there


@pytest.mark.git
def test_lock_files_never_show_up_in_git(netfiles_make_vault):
    v = netfiles_make_vault({"people/Ana Souza.md": ANA})
    env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(v), "GIT_AUTHOR_NAME": "t",
           "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    git = lambda *args: subprocess.run(["git", *args], cwd=v, env=env, check=True, capture_output=True, text=True).stdout
    git("init", "-q")
    git("add", "people")
    git("commit", "-q", "-m", "start")
    assert run_cli(v, "log", "Ana Souza", "x").exit_code == 0
    untracked = [line for line in git("status", "--porcelain", "--untracked-files=all").splitlines()
                 if "locks" in line or line.endswith(".lock")]
    assert untracked == []
    assert git("status", "--porcelain", "people").splitlines() == [" M \"people/Ana Souza.md\""]


def test_a_new_contact_never_goes_through_a_dangling_link(netfiles_make_vault, tmp_path):
    v = netfiles_make_vault()
    target = tmp_path / "elsewhere.md"
    (v / "people/Ana Souza.md").symlink_to(target)  # points nowhere (yet)
    result = run_cli(v, "add", "Ana Souza")
    assert result.exit_code == 1 and "already exists" in result.stderr
    assert not target.exists()


def test_a_leftover_temp_file_with_our_pid_does_not_block_the_write(tmp_path):
    path = tmp_path / "Ana.md"
    path.write_text(ANA)
    stale = tmp_path / f".Ana.md.{os.getpid()}.netfiles-tmp"  # an earlier process had our PID
    stale.write_text("left over")
    append_log_line(path, D, "call", "x")
    assert not stale.exists() and "- 2026-03-01 call: x" in path.read_text()


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root can write in a read-only folder")
def test_a_folder_netfiles_cannot_write_in_is_a_clear_refusal(tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    path = folder / "Ana.md"
    path.write_text(ANA)
    folder.chmod(0o555)
    try:
        with pytest.raises(WriteError, match="cannot write in"):
            append_log_line(path, D, "call", "x")
    finally:
        folder.chmod(0o755)
    assert path.read_text() == ANA

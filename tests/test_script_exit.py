"""The `netfiles` script ends its process without freeing every object (`netfiles.__main__._end_process`):
what a user sees of the ending must stay that of a normal exit: all output, the exit status, atexit handlers."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

CONTACTS = {f"people/Person {n:03d}.md": f"---\nname: Person {n:03d}\ntags: [t{n % 7}]\n---\n" for n in range(300)}


def _script(vault: Path, *args: str, **kwargs) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("NETFILES_VAULT",)}
    return subprocess.run([sys.executable, "-m", "netfiles", "--vault", str(vault), *args], env=env,
                          capture_output=True, timeout=120, **kwargs)


def test_everything_printed_reaches_a_file_and_the_status_is_kept(netfiles_make_vault):
    vault = netfiles_make_vault(CONTACTS)
    listed = _script(vault, "ls", "--format", "json")
    assert listed.returncode == 0, listed.stderr
    assert len(json.loads(listed.stdout)["contacts"]) == 300  # the last bytes were flushed
    assert _script(vault, "no-such-command").returncode == 2
    missing = _script(vault, "show", "Nobody At All")
    assert missing.returncode == 1 and b"Nobody At All" in missing.stderr


def test_a_reader_that_went_away_ends_it_quietly_with_status_1(netfiles_make_vault):
    """`netfiles ls --format json | head -c 10`: output to a pipe nobody reads any more."""
    vault = netfiles_make_vault(CONTACTS)
    env = {k: v for k, v in os.environ.items() if k != "NETFILES_VAULT"}
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before the first byte: every write fails, whatever the pipe holds
    try:
        done = subprocess.run([sys.executable, "-m", "netfiles", "--vault", str(vault), "ls", "--format", "json"],
                              stdout=write_end, stderr=subprocess.PIPE, env=env, timeout=120)
    finally:
        os.close(write_end)
    assert done.returncode == 1
    assert b"Traceback" not in done.stderr and b"Exception ignored" not in done.stderr
    assert b"lost sys.stderr" not in done.stderr, done.stderr


def test_atexit_handlers_still_run(netfiles_make_vault, tmp_path):
    """A plugin or library that registers an atexit handler while the command runs (to remove a temporary
    file, say) still sees it run."""
    vault = netfiles_make_vault(CONTACTS)
    marker = tmp_path / "atexit-ran"
    script = ("import atexit, pathlib, sys; import netfiles.cli.main as cli; command = cli.main\n"
              "def run(**options):\n    atexit.register(pathlib.Path(%r).write_text, 'yes'); command(**options)\n"
              "cli.main = run; sys.argv = ['netfiles', '--vault', %r, 'ls']\n"
              "import netfiles.__main__ as m; m.main()" % (str(marker), str(vault)))
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert marker.read_text() == "yes"


def test_the_index_is_closed_so_sqlite_leaves_no_write_ahead_log(netfiles_make_vault):
    """Ending without freeing must not mean ending without closing the database: the log of a first build is as
    large as the index, and a log left behind slowed every later write (`check PATH` on 100k: 0.5 s)."""
    vault = netfiles_make_vault(CONTACTS)
    for command in (["index"], ["due", "--today", "2026-11-21"], ["check"]):
        assert _script(vault, *command).returncode in (0, 1)
        leftovers = sorted(p.name for p in (vault / ".netfiles" / "cache").iterdir() if p.name.startswith("index."))
        assert leftovers == ["index.sqlite"], command

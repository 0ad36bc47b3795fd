"""What a user sees on a real terminal (a pseudo-terminal of a known size) against what a pipe gets.

On a terminal long tables stop after one screenful with "and N more", the header is bold and cells are cut to
the window; a pipe gets every row, byte for byte as before, with no escape codes.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import pytest

import netfiles
from pty_reader import read_terminal

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX only")

ANSI = re.compile(rb"\x1b\[[0-9;]*[A-Za-z]")
CONTACTS = 60


def contact(i: int, role: str = "Engineer") -> str:
    return (f"---\nname: Person {i:02d}\norganization: Org {i % 7}\nrole: {role}\ncadence: 1m\n"
            f"met: 2020-01-01\ntags: [t{i % 3}]\n---\n")


@pytest.fixture
def sixty(netfiles_make_vault):
    return netfiles_make_vault({f"people/p{i:02d}.md": contact(i) for i in range(CONTACTS)})


def on_terminal(vault, *args, rows: int = 20, cols: int = 120, until: bytes) -> bytes:
    """Run `netfiles --vault VAULT ARGS` with stdin, stdout and stderr on a pseudo-terminal of rows x cols;
    the screen's bytes once `until` is printed and the command has exited."""
    import fcntl
    import pty
    import struct
    import termios

    exe = shutil.which("netfiles")
    assert exe, "the netfiles script must be on PATH"
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "NO_COLOR", "FORCE_COLOR")}
    process = subprocess.Popen([exe, "--vault", str(vault), *args], stdin=slave, stdout=slave, stderr=slave,
                               env=env, start_new_session=True)
    os.close(slave)
    try:
        screen = read_terminal(master, until, 60)
        screen = read_terminal(master, b"\0", 10, screen)  # read to the end: stops when the command closes the terminal
    finally:
        os.close(master)
        assert process.wait(timeout=30) == 0
    return screen.replace(b"\r\n", b"\n")


def test_ls_on_a_terminal_prints_one_screenful_then_and_n_more(sixty):
    screen = on_terminal(sixty, "ls", rows=20, until=b"60 contacts")
    lines = ANSI.sub(b"", screen).decode().splitlines()
    assert lines[0].split() == ["Name", "Organization", "Role", "Tags", "Last", "contact"]
    listed = [line for line in lines if line.startswith("Person ")]
    assert listed == [line for line in lines[1:17]] and len(listed) == 16  # 20 rows less header and 3 summary lines
    assert lines[17] == "and 44 more contacts (--all shows every one)"
    assert lines[18] == "60 contacts"
    assert b"\x1b[1mName" in screen  # colour (a bold header) only on a terminal
    assert "┃" not in screen.decode()  # no box drawing


def test_ls_all_on_a_terminal_prints_every_contact(sixty):
    screen = ANSI.sub(b"", on_terminal(sixty, "ls", "--all", until=b"60 contacts")).decode()
    assert sum(line.startswith("Person ") for line in screen.splitlines()) == CONTACTS
    assert "more contacts" not in screen


def test_ls_in_a_pipe_prints_every_contact_without_escape_codes(sixty):
    result = subprocess.run(["netfiles", "--vault", str(sixty), "ls"], capture_output=True, check=True)
    lines = result.stdout.decode().splitlines()
    assert len(lines) == CONTACTS + 1 and lines[1].startswith("Person 00 ")
    assert b"\x1b" not in result.stdout and b"more" not in result.stdout
    assert result.stderr == b"60 contacts\n"


def test_due_on_a_terminal_prints_one_screenful_and_says_how_many_more(sixty):
    config = sixty / ".netfiles" / "config.toml"
    config.write_text("[reminders]\nper_week = 30\n")  # 4 weeks of 30: all 60 due contacts would be listed
    screen = on_terminal(sixty, "due", "--today", "2026-11-21", rows=15, until=b"contacts due")
    lines = ANSI.sub(b"", screen).decode().splitlines()
    assert sum(line.startswith("Person ") for line in lines) == 11
    assert "and 49 more on this list (--all shows every one)" in lines
    everyone = ANSI.sub(b"", on_terminal(sixty, "due", "--today", "2026-11-21", "--all",
                                         until=b"contacts due")).decode()
    assert sum(line.startswith("Person ") for line in everyone.splitlines()) == CONTACTS


def test_a_narrow_terminal_gets_cells_cut_to_fit_with_an_ellipsis(netfiles_make_vault):
    vault = netfiles_make_vault({f"people/p{i}.md": contact(i, role="Principal " + "Very Long Title " * 8) for i in range(3)})
    screen = ANSI.sub(b"", on_terminal(vault, "ls", cols=70, until=b"3 contacts")).decode()
    rows = [line for line in screen.splitlines() if line.startswith("Person ")]
    assert len(rows) == 3 and all(len(line) < 70 and "Principal Very" in line and "…" in line for line in rows)
    piped = subprocess.run(["netfiles", "--vault", str(vault), "ls"], capture_output=True, check=True, text=True)
    assert ("Principal " + "Very Long Title " * 8).strip() in piped.stdout  # a pipe gets every character


def test_a_value_with_a_newline_or_escape_stays_in_its_row(capsys):
    netfiles.print_table([{"name": "Ana\nFake Row", "role": "\x1b[31mred"}, {"name": "Bo", "role": ""}],
                         ["name", "role"])
    lines = capsys.readouterr().out.splitlines()
    assert lines == ["name           role", "Ana\\nFake Row  \\x1b[31mred", "Bo"]


def test_screenful_is_everything_in_a_pipe_and_what_was_asked_otherwise(capsys):
    assert netfiles.screenful(10_000) == 10_000  # pytest's stdout is not a terminal
    assert netfiles.screenful(10_000, limit=7) == 7
    assert netfiles.screenful(3, limit=7) == 3
    netfiles.print_table([{"n": i} for i in range(10)], ["n"], shown=4, what="numbers")
    assert capsys.readouterr().out.splitlines()[-2:] == ["3", "and 6 more numbers (--all shows every one)"]

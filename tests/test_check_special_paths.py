"""`netfiles check PATH` on a path that is there but is not a regular file says so (NF104, a warning) instead of
"All good: 0 files checked", which reads as if the file had been checked and found fine."""
from __future__ import annotations

import json
import os

import pytest

from netfiles.testing import run_cli


def checked(root, *paths):
    result = run_cli(root, "check", "--format", "json", *map(str, paths))
    return result, [(d["path"], d["code"], d["severity"], d["message"]) for d in json.loads(result.stdout)["diagnostics"]]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need a POSIX system")
def test_a_named_pipe_is_reported_as_skipped_and_never_opened(netfiles_vault):
    netfiles_vault.add_contact("Ana Souza")
    pipe = netfiles_vault.path / "people" / "pipe.md"
    os.mkfifo(pipe)  # opening it to read would block for ever
    result, diags = checked(netfiles_vault.path, pipe)
    assert result.exit_code == 0
    assert diags == [("people/pipe.md", "NF104", "warning",
                      "a named pipe, not a regular file: netfiles reads only regular files; skipped")]
    text = run_cli(netfiles_vault.path, "check", str(pipe))
    assert "people/pipe.md:0:0: NF104 a named pipe" in text.stdout
    assert "All good" not in text.output and "1 warning in 0 files checked" in text.stderr


def test_a_symbolic_link_to_nothing_and_a_loop_are_reported(netfiles_vault):
    netfiles_vault.add_contact("Ana Souza")
    people = netfiles_vault.path / "people"
    (people / "gone.md").symlink_to("Deleted Person.md")
    (people / "self.md").symlink_to("self.md")
    result, diags = checked(netfiles_vault.path, people / "gone.md", people / "self.md", people / "Ana Souza.md")
    assert result.exit_code == 0
    assert sorted((p, code, m.split(",")[0]) for p, code, _, m in diags) == [
        ("people/gone.md", "NF104", "a symbolic link to nothing"), ("people/self.md", "NF104", "a symbolic link loop")]
    summary = run_cli(netfiles_vault.path, "check", str(people / "Ana Souza.md"), str(people / "self.md")).stderr
    assert "1 warning in 1 file checked" in summary

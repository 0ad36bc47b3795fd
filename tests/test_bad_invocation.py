"""Issue 10 item 16: a bad --vault, an unreadable path or a bad config value is a clear message, never a traceback.

The permission cases need a process that cannot read what root can: as root, the
real `netfiles` runs under `setpriv` without the permission overrides.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from netfiles.cli.main import main
from netfiles.testing import run_cli

REPO = Path(__file__).resolve().parents[1]
LONG = "a" * 5000


def _main(capsys, *argv) -> tuple[int, str]:
    """Run the real entry point (which loads the vault's plugins before parsing) in this process."""
    with pytest.raises(SystemExit) as done:
        main(list(argv))
    captured = capsys.readouterr()
    code = done.value.code if isinstance(done.value.code, int) else (0 if done.value.code is None else 1)
    return code, captured.out + captured.err


@pytest.mark.parametrize("vault", [LONG, "/" + "/".join(["b" * 255] * 20), "x" * 300 + "/y"])
def test_a_vault_path_too_long_for_the_system(capsys, tmp_path, monkeypatch, vault):
    monkeypatch.chdir(tmp_path)
    assert _main(capsys, "--vault", vault, "--version")[0] == 0
    code, output = _main(capsys, "--vault", vault, "check")
    assert code == 2
    assert "File name too long" in output and "Traceback" not in output and "internal error" not in output
    assert len(output) < 400  # the path is shortened, not printed whole
    monkeypatch.setenv("NETFILES_VAULT", vault)
    assert _main(capsys, "ls")[0] == 2


def test_a_vault_that_is_a_symbolic_link_loop(capsys, tmp_path):
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    assert _main(capsys, "--vault", str(tmp_path / "loop"), "--version")[0] == 0
    code, output = _main(capsys, "--vault", str(tmp_path / "loop"), "check")
    assert code == 2 and "Traceback" not in output


@pytest.mark.parametrize("line, words", [
    ("emails = 5", ["config.toml:3: `me.emails`", "the number 5"]),
    ("emails = [1, 2]", ["config.toml:3: `me.emails`", "list holding something other than texts"]),
    ("linkedin = 5", ["config.toml:3: `me.linkedin` must be a text"]),
    ('linkedin = "http://[x"', ["config.toml:3: `me.linkedin`", "not a valid URL"]),
    ("industry = {a = 1}", ["config.toml:3: `me.industry`", "a table"]),
])
@pytest.mark.parametrize("command", [["import", "linkedin", "Connections.csv"], ["check"], ["health"]])
def test_a_bad_me_value_names_the_config_line(netfiles_make_vault, tmp_path, line, words, command):
    vault = netfiles_make_vault({"people/ana.md": "---\nname: Ana\n---\n"}, config=f'[me]\nname = "Sam"\n{line}\n')
    (vault / "Connections.csv").write_text("First Name,Last Name\nBo,Chen\n", encoding="utf-8")
    result = run_cli(vault, *[vault / a if a.endswith(".csv") else a for a in command])
    assert result.exit_code == 2, result.output
    assert ".netfiles/config.toml" in result.output and "Traceback" not in result.output
    for word in words:
        assert word in result.output


def test_good_me_values_are_accepted(netfiles_make_vault):
    vault = netfiles_make_vault({"people/ana.md": "---\nname: Ana\n---\n"},
                                config='[me]\nname = "Sam"\nemails = ["sam@example.org"]\nlocation = "Lisbon"\n'
                                       'industry = ["banking", "tech"]\nbirthday = 1990-01-02\nlinkedin = "linkedin.com/in/sam"\n')
    assert run_cli(vault, "check").exit_code == 0


def _as_nobody() -> list[str] | None:
    """The command prefix that runs netfiles obeying file modes, or None when there is no way.

    As root, `setpriv` drops the permission overrides (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH)
    from the bounding set: the same interpreter and libraries, but a mode-000 file is unreadable.
    """
    if os.geteuid() != 0:
        return [sys.executable, "-m", "netfiles"]
    if not shutil.which("setpriv"):
        return None
    return ["setpriv", "--bounding-set=-dac_override,-dac_read_search", sys.executable, "-m", "netfiles"]


@pytest.fixture
def shared_tmp():
    """A folder another user can enter (pytest's own tmp_path is private to root)."""
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="netfiles-perm-"))
    folder.chmod(0o755)
    yield folder
    for path in folder.rglob("*"):
        if not path.is_symlink():
            path.chmod(0o755 if path.is_dir() else 0o644)
    shutil.rmtree(folder)


def test_unreadable_vault_and_files(shared_tmp):
    prefix = _as_nobody()
    if prefix is None:
        pytest.skip("no way to run as a user who cannot read a file (root without setpriv)")
    vault = shared_tmp / "vault"
    (vault / ".netfiles").mkdir(parents=True)
    (vault / "people").mkdir()
    (vault / "people/ana.md").write_text("---\nname: Ana\n---\n", encoding="utf-8")
    (vault / "people/shut.md").write_text("---\nname: Shut\n---\n", encoding="utf-8")
    for path in (vault, vault / ".netfiles", vault / "people"):
        path.chmod(0o777)
    (vault / "people/ana.md").chmod(0o644)
    (vault / "people/shut.md").chmod(0o000)
    closed = shared_tmp / "closed"
    closed.mkdir(mode=0o000)
    closed.chmod(0o000)

    def run(*args, cwd=vault):
        done = subprocess.run([*prefix, *args], cwd=cwd, capture_output=True, text=True, timeout=60,
                              env={k: v for k, v in os.environ.items() if k != "NETFILES_VAULT"})
        assert "Traceback" not in done.stderr and "internal error" not in done.stderr, done.stderr
        return done

    assert run("--vault", str(closed), "--version").returncode == 0
    for vault_arg in (closed, closed / "inside"):
        done = run("--vault", str(vault_arg), "check")
        assert done.returncode == 2 and ("not readable" in done.stderr or "cannot be read" in done.stderr), done.stderr
    done = run("check", "people/shut.md")
    assert done.returncode == 2 and "people/shut.md" in done.stderr and "not readable" in done.stderr
    done = run("check")
    assert done.returncode == 0 and "people/shut.md:0:0: NF104 file cannot be read" in done.stdout

"""`netfiles trust` allows exactly what it showed, shows what a terminal would hide, and never hangs on a plugin file.

Issue 10, item 8. Real subprocesses of the `netfiles` command, a real pseudo-terminal
for the question, a real FIFO and a real symlink to /dev/zero, each with a timeout.
"""
from __future__ import annotations

import hashlib
import json
import os
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

PLUGIN = '''"""A vault plugin: `netfiles hello-local`."""
import pathlib

import netfiles

pathlib.Path(__file__).with_name("ran.marker").write_text("ran")


@netfiles.hookimpl
def netfiles_register_commands(cli):
    @cli.command(name="hello-local")
    def hello_local():
        """Say hello from the vault."""
        print("hello from the vault")
'''
EVIL = PLUGIN.replace("hello from the vault", "pwned")

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo") or not hasattr(os, "openpty"), reason="POSIX only")


@pytest.fixture
def env(tmp_path):
    found = {k: v for k, v in os.environ.items() if not k.startswith("NETFILES_")}
    found["NETFILES_TRUST_FILE"] = str(tmp_path / "trust.json")
    return found


@pytest.fixture
def vault(netfiles_make_vault):
    root = netfiles_make_vault({"people/Ana Souza.md": "---\nname: Ana Souza\n---\n"})
    (root / ".netfiles/plugins").mkdir()
    return root


def run(vault: Path, env: dict, *args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run(["netfiles", *args], cwd=vault, env=env, capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=timeout)


def recorded(env: dict) -> dict:
    path = Path(env["NETFILES_TRUST_FILE"])
    return json.loads(path.read_text()) if path.exists() else {}


def trust_on_a_terminal(vault: Path, env: dict, before_answer=lambda: None, reply: bytes = b"y\n"):
    """Run `netfiles trust` with a terminal as stdin; once the question is on screen, call `before_answer`, answer."""
    primary, secondary = os.openpty()
    proc = subprocess.Popen(["netfiles", "trust"], cwd=vault, env=env, stdin=secondary,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    shown = b""
    try:
        deadline = time.monotonic() + 60
        poller = select.poll()  # not select(): file descriptors above 1024 are fine
        poller.register(proc.stdout, select.POLLIN)
        while b"Allow these plugins" not in shown:
            assert time.monotonic() < deadline, f"no question within 60 s; output so far: {shown!r}"
            if poller.poll(1000):
                chunk = os.read(proc.stdout.fileno(), 65536)
                assert chunk, f"netfiles trust ended before asking: {shown!r}"
                shown += chunk
        before_answer()
        os.write(primary, reply)
        rest, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
        os.close(primary)
        os.close(secondary)
    return proc.returncode, shown + rest, err


def test_a_file_swapped_while_the_user_reads_is_not_allowed(vault, env):
    plugin = vault / ".netfiles/plugins/hello_local.py"
    plugin.write_text(PLUGIN)

    code, shown, err = trust_on_a_terminal(vault, env, before_answer=lambda: plugin.write_text(EVIL))

    assert code == 0, err
    assert b"hello from the vault" in shown and b"pwned" not in shown
    assert recorded(env) == {str(plugin.resolve()): hashlib.sha256(PLUGIN.encode()).hexdigest()}
    ran = run(vault, env, "hello-local")
    assert ran.returncode == 2 and "pwned" not in ran.stdout
    assert "changed since you allowed it" in ran.stderr
    assert not (plugin.parent / "ran.marker").exists()


def test_what_was_shown_is_what_runs(vault, env):
    plugin = vault / ".netfiles/plugins/hello_local.py"
    plugin.write_text(PLUGIN)
    code, _shown, err = trust_on_a_terminal(vault, env)
    assert code == 0, err
    assert run(vault, env, "hello-local").stdout == "hello from the vault\n"


HIDING = [
    pytest.param("# fine\x1b[2K\x1b[1Aimport os  # hidden by erasing the line\n", ["<ESC>[2K", "<ESC>[1A"], id="ESC"),
    pytest.param("x = 1  # harmless\rimport os; os.system('id')\n", ["<CR>\nimport os"], id="lone-CR"),
    pytest.param("x = 1 #\b\b\b\b\b\b\b\bimport os\n", ["<BS><BS>"], id="backspace"),
    pytest.param("access = 'user\u202e \u2066# admin\u2069 \u2066'\n", ["<U+202E>", "<U+2066>", "<U+2069>"], id="bidi"),
    pytest.param("ok = True\u2028import os\n", ["<LS>"], id="line-separator"),
    pytest.param("a\u200b = 1\n", ["<ZWSP>"], id="zero-width"),
]


@pytest.mark.parametrize("trick, expected", HIDING)
def test_control_characters_are_shown_not_obeyed(vault, env, trick, expected):
    plugin = vault / ".netfiles/plugins/tricky.py"
    plugin.write_bytes(("import netfiles\n" + trick).encode("utf-8"))

    code, shown, err = trust_on_a_terminal(vault, env, reply=b"n\n")

    assert code == 1 and b"nothing allowed" in err
    text = shown.decode("utf-8")
    for piece in expected:
        assert piece in text
    listing = text[text.index("--- tricky.py ---"):text.index("Allow these plugins")]
    assert not any(ch in listing for ch in "\x1b\r\b\u202e\u2066\u2069\u2028\u200b")
    assert "control or invisible character" in listing


def test_a_crlf_plugin_is_shown_plainly(vault, env):
    plugin = vault / ".netfiles/plugins/windows.py"
    plugin.write_bytes(b"import netfiles\r\nx = 1\r\n")
    code, shown, _err = trust_on_a_terminal(vault, env, reply=b"n\n")
    assert b"import netfiles\nx = 1\n" in shown and b"<CR>" not in shown


def test_a_coding_line_cannot_make_python_run_other_text_than_shown(vault, env):
    """UTF-7 would turn `+AAo-` inside a comment into a line break; the plugin runs as the UTF-8 text shown."""
    plugin = vault / ".netfiles/plugins/seven.py"
    marker = vault / "seven.marker"
    plugin.write_text(f"# -*- coding: utf-7 -*-\nimport netfiles\n# note +AAo-open({str(marker)!r}, 'w').write('x')\n")
    assert run(vault, env, "trust", "--yes").returncode == 0
    result = run(vault, env, "ls")
    assert result.returncode == 0, result.stderr
    assert not marker.exists()


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["fifo", "dev-zero", "symlink-to-fifo", "too-large"])
def test_special_plugin_files_never_hang_or_fill_memory(vault, env, tmp_path, kind):
    folder = vault / ".netfiles/plugins"
    plugin = folder / "special.py"
    if kind == "fifo":
        os.mkfifo(plugin)
    elif kind == "dev-zero":
        plugin.symlink_to("/dev/zero")
    elif kind == "symlink-to-fifo":
        os.mkfifo(tmp_path / "pipe")
        plugin.symlink_to(tmp_path / "pipe")
    else:
        plugin.write_bytes(b"#" * (1024 * 1024 + 1))
    reason = {"fifo": "is a FIFO", "dev-zero": "is a device (through a symlink)",
              "symlink-to-fifo": "is a FIFO (through a symlink)", "too-large": "is larger than 1024 KiB"}[kind]

    for args in (("--version",), ("ls", "--help"), ("init",)):
        quiet = run(vault, env, *args, timeout=30)
        assert quiet.returncode == 0 and "special.py" not in quiet.stderr, quiet.stderr
    assert run(vault, env, "--help", timeout=30).returncode == 0  # reads the plugin folder (may add commands)
    for args in (("ls",), ("check", "--select", "NF"), ("plugins",)):
        result = run(vault, env, *args, timeout=30)
        assert result.returncode == 0, result.stderr
        assert f"vault plugin .netfiles/plugins/special.py {reason}" in result.stderr
        assert "Traceback" not in result.stderr
    listed = run(vault, env, "trust", "--yes", timeout=30)
    assert f".netfiles/plugins/special.py  [refused]  {reason}" in listed.stdout
    assert recorded(env) == {}
    assert json.loads(run(vault, env, "plugins", "--format", "json").stdout)["plugins"][-1]["status"] == "refused"


def test_vault_plugins_are_not_read_for_version_or_core_help(vault, env):
    """An allowed plugin runs when its commands may be needed (`--help` lists them), not for `--version`."""
    plugin = vault / ".netfiles/plugins/hello_local.py"
    plugin.write_text(PLUGIN)
    assert run(vault, env, "trust", "--yes").returncode == 0
    marker = plugin.parent / "ran.marker"
    for args in (("--version",), ("ls", "--version"), ("ls", "--help"), ("check", "-h"), ("init",), ("trust",)):
        assert run(vault, env, *args).returncode == 0
        assert not marker.exists(), args
    helped = run(vault, env, "--help")
    assert "hello-local" in helped.stdout and marker.exists()

"""Small helpers for the core tests: build a vault in tmp_path and run the real CLI on it.

They are fixtures (named nf*) rather than importable functions, because tests/
is not a package and sub-folders have their own conftest.py.
"""
from __future__ import annotations

import json
import os
import shutil
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner


def pytest_configure(config):
    """Subprocesses run the `netfiles` of the interpreter running the tests (the quick start's .venv),
    whether or not that environment is activated. Tests marked `git` need the git command."""
    config.addinivalue_line("markers", "git: the test runs the git command (skipped where git is not installed)")
    scripts = str(Path(sys.executable).parent)
    if scripts not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = scripts + os.pathsep + os.environ.get("PATH", "")


def pytest_runtest_setup(item):
    if item.get_closest_marker("git") and shutil.which("git") is None:
        pytest.skip("git is not installed (a fresh machine with only python3); these tests run real git")


def _write(root: Path, rel: str, content: str | bytes) -> Path:
    path = Path(root) / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        content = textwrap.dedent(content).lstrip("\n").encode("utf-8")
    path.write_bytes(content)
    return path


def _run(vault: Path | None, *args, env: dict | None = None, **kwargs):
    from netfiles import create_cli, get_plugin_manager

    argv = (["--vault", str(vault)] if vault is not None else []) + [str(a) for a in args]
    cli = create_cli(get_plugin_manager(vault))
    return CliRunner().invoke(cli, argv, env=env, catch_exceptions=False, **kwargs)


@pytest.fixture
def nfwrite():
    """write(root, rel, content): text is dedented (so tests can indent it) and written as UTF-8; bytes as is."""
    return _write


@pytest.fixture
def nfvault(tmp_path: Path):
    """make(files={rel: content}, config=None, name="vault") -> a vault folder with `.netfiles/` and `people/`."""

    def make(files: dict | None = None, config: str | None = None, name: str = "vault") -> Path:
        root = tmp_path / name
        (root / ".netfiles").mkdir(parents=True, exist_ok=True)
        (root / "people").mkdir(exist_ok=True)
        if config is not None:
            _write(root, ".netfiles/config.toml", config)
        for rel, content in (files or {}).items():
            _write(root, rel, content)
        return root

    return make


@pytest.fixture
def nfrun():
    """run(vault, *args) -> click Result of `netfiles --vault VAULT ARGS...` (no --vault when vault is None)."""
    return _run


@pytest.fixture
def nfcheck():
    """check(vault, *args) -> the core diagnostics (dicts) of `netfiles check --format json`."""

    def check(vault: Path, *args) -> list[dict]:
        result = _run(vault, "check", "--format", "json", "--select", "NF", *args)
        assert result.exit_code in (0, 1), result.output
        return json.loads(result.stdout)["diagnostics"]

    return check


def read_terminal(fd: int, needle: bytes, timeout: float = 60.0, already: bytes = b"") -> bytes:
    """Read a pseudo-terminal until `needle` is in `already` plus what is read; returns both, `already` first.

    Uses poll, not select: a long test run can hold file descriptors above select's limit of 1024.
    """
    import select
    import time

    output, deadline = already, time.monotonic() + timeout
    poller = select.poll()
    poller.register(fd, select.POLLIN)
    while needle not in output:
        left = deadline - time.monotonic()
        if left <= 0:
            raise AssertionError(f"timed out waiting for {needle!r}; the screen so far ends {output[-500:]!r}")
        if poller.poll(min(left, 1.0) * 1000):
            try:
                chunk = os.read(fd, 4096)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            output += chunk
    return output


@pytest.fixture
def nfterminal():
    """read(fd, needle, timeout=60, already=b"") -> bytes: wait for text on a pseudo-terminal (see read_terminal)."""
    return read_terminal

"""What is private to this repository's tests: markers and the PATH of the `netfiles` script.

Vaults, files and command runs come from the public plugin fixtures and
functions in `netfiles.testing` (the same ones plugin authors use); the
pseudo-terminal reader is in `pty_reader.py`.
"""
from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest


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

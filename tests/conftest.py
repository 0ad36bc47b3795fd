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


RUN_SLOW = "--run-slow"


def pytest_addoption(parser):
    parser.addoption(RUN_SLOW, action="store_true",
                     help="also run the tests marked slow (the README's test command and .ci/run do)")


def pytest_configure(config):
    """Subprocesses run the `netfiles` of the interpreter running the tests (the quick start's .venv),
    whether or not that environment is activated. Tests marked `git` need the git command; tests
    marked `slow` run only with --run-slow, so a plain `pytest` is quick while iterating."""
    config.addinivalue_line("markers", "git: the test runs the git command (skipped where git is not installed)")
    config.addinivalue_line("markers", f"slow: takes tens of seconds; skipped unless pytest is given {RUN_SLOW}")
    scripts = str(Path(sys.executable).parent)
    if scripts not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = scripts + os.pathsep + os.environ.get("PATH", "")


def pytest_runtest_setup(item):
    if item.get_closest_marker("git") and shutil.which("git") is None:
        pytest.skip("git is not installed (a fresh machine with only python3); these tests run real git")


def pytest_collection_modifyitems(config, items):
    if config.getoption(RUN_SLOW):
        return
    skip = pytest.mark.skip(reason=f"slow: run with {RUN_SLOW} (the README's test command and .ci/run do)")
    for item in items:
        if item.get_closest_marker("slow"):
            item.add_marker(skip)

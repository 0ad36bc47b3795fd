"""A plain `pytest` skips the tests marked slow and says how to run them; `--run-slow` runs them.

`--run-slow` is part of the README's whole-suite command and of .ci/run.

The check runs a separate pytest on two tiny tests next to a copy of this suite's conftest.py.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

CONFTEST = Path(__file__).with_name("conftest.py")
TESTS = '''
import pytest


@pytest.mark.slow
def test_slow():
    pass


def test_fast():
    pass
'''


@pytest.fixture
def project(tmp_path) -> Path:
    shutil.copy(CONFTEST, tmp_path / "conftest.py")
    (tmp_path / "test_two.py").write_text(TESTS, encoding="utf-8")
    (tmp_path / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")  # this folder is the root, not the repo
    return tmp_path


def pytest_in(folder: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTEST_ADDOPTS", "NETFILES_VAULT")}
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider", *args], cwd=folder,
                          env=env, capture_output=True, text=True, timeout=120)


def test_slow_tests_are_skipped_by_default_with_the_way_to_run_them(project):
    run = pytest_in(project)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "1 passed, 1 skipped" in run.stdout
    assert "test_two.py:5: slow: run with --run-slow" in run.stdout  # the line of the decorated test


def test_run_slow_runs_them(project):
    run = pytest_in(project, "--run-slow")
    assert run.returncode == 0, run.stdout + run.stderr
    assert "2 passed" in run.stdout and "skipped" not in run.stdout, run.stdout

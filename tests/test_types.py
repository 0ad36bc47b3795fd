"""The code type-checks, and the built package says so (PEP 561), so plugin authors' checkers read our hints.

`.ci/run` runs the test suite, so these tests are how CI type-checks: mypy with the
`[tool.mypy]` configuration of pyproject.toml (the core and the bundled plugins).
"""
from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ["netfiles", "netfiles_health", "netfiles_import", "netfiles_reminders"]


def test_mypy_passes_with_the_project_configuration():
    pytest.importorskip("mypy", reason="mypy comes with the test extra: pip install -e '.[test]'")
    result = subprocess.run([sys.executable, "-m", "mypy", "--config-file", str(ROOT / "pyproject.toml")],
                            cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, f"mypy found problems:\n{result.stdout}{result.stderr}"
    assert "no issues found" in result.stdout


def test_type_checkers_see_exactly_the_public_names_where_they_live():
    """`netfiles/__init__.py` imports its public names lazily at run time and eagerly for type checkers;
    the two lists must agree, or a plugin's checker would miss a name (or accept one that fails at run time)."""
    import netfiles

    tree = ast.parse((ROOT / "netfiles" / "__init__.py").read_text(encoding="utf-8"))
    seen: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            for stmt in node.body:
                assert isinstance(stmt, ast.ImportFrom) and stmt.level == 1, ast.unparse(stmt)
                for alias in stmt.names:
                    assert alias.asname == alias.name, f"{alias.name} is not re-exported (`X as X`)"
                    seen[alias.name] = f"netfiles.{stmt.module}"
    lazy = netfiles._EXPORTS
    assert sorted(set(lazy) - set(seen)) == [], "public names type checkers cannot see"
    assert sorted(set(seen) - set(lazy)) == [], "names type checkers see that netfiles does not export"
    assert {name: module for name, module in seen.items() if lazy[name] != module} == {}


def test_the_wheel_ships_py_typed_in_every_package(tmp_path):
    """Build the real wheel (from a copy, so no build/ folder appears in the checkout) and look inside."""
    pytest.importorskip("setuptools", reason="setuptools (the build backend) comes with the test extra")
    source = tmp_path / "src"
    source.mkdir()
    skip = shutil.ignore_patterns("__pycache__", "*.pyc", ".mypy_cache")
    for folder in ("netfiles", "plugins", "docs"):
        shutil.copytree(ROOT / folder, source / folder, ignore=skip)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    out = tmp_path / "dist"
    build = "import sys; from setuptools import build_meta; print(build_meta.build_wheel(sys.argv[1]))"
    result = subprocess.run([sys.executable, "-c", build, str(out)], cwd=source, capture_output=True, text=True,
                            timeout=300, env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
    assert result.returncode == 0, result.stdout + result.stderr
    wheel = out / result.stdout.strip().splitlines()[-1]
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = [f"{package}/py.typed" for package in PACKAGES if f"{package}/py.typed" not in names]
    assert not missing, f"the wheel lacks {missing}"

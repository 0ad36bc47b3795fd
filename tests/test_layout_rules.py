"""Architecture rules, checked on the syntax tree of every module of netfiles and of the bundled plugins:
SQL only in the index module, the `.netfiles/` layout named in one place, no private attributes across modules."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import netfiles

REPO = Path(__file__).resolve().parents[1]
MODULES = sorted((REPO / "netfiles").rglob("*.py")) + sorted((REPO / "plugins").rglob("*.py"))
SQL = re.compile(r"^\s*(SELECT\s.*\sFROM\s|INSERT\s+(OR\s+\w+\s+)?INTO\s|UPDATE\s+\w+\s+SET\s|DELETE\s+FROM\s|"
                 r"CREATE\s+(TABLE|INDEX|VIEW)\s|DROP\s+(TABLE|INDEX)\s|PRAGMA\s)", re.S)
LAYOUT_PATH = re.compile(r"\.netfiles(/\S*)?")


def _name(path: Path) -> str:
    return path.relative_to(REPO).as_posix()


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"))


def raw_sql(tree: ast.Module) -> list[int]:
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
                node.func.attr in ("execute", "executemany", "executescript"):
            lines.append(node.lineno)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and SQL.match(node.value):
            lines.append(node.lineno)
    return lines


def layout_literals(tree: ast.Module) -> list[int]:
    """String constants that are a path into `.netfiles/` (prose that mentions it, for a user, is fine)."""
    return [node.lineno for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and LAYOUT_PATH.fullmatch(node.value)]


def foreign_privates(tree: ast.Module) -> list[str]:
    """`x._name` where `_name` is not defined in this module: another module's private attribute."""
    defined = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            defined.add(node.name)
        elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
            defined.add(node.attr)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            defined.add(node.id)
        elif isinstance(node, ast.alias):
            defined.add(node.asname or node.name)
    return [f"{node.lineno}: {ast.unparse(node)}" for node in ast.walk(tree)
            if isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.endswith("__")
            and node.attr not in defined and not (isinstance(node.value, ast.Name) and node.value.id in ("sys", "os"))]


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_no_raw_sql_outside_the_index_module(path):
    if path == REPO / "netfiles" / "store" / "index.py":
        return
    assert raw_sql(_tree(path)) == []


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_no_netfiles_folder_path_outside_the_vault_layout(path):
    if path == REPO / "netfiles" / "model" / "config.py":
        return
    assert layout_literals(_tree(path)) == []


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_no_private_attribute_of_another_module(path):
    assert foreign_privates(_tree(path)) == []


def test_the_rules_catch_what_they_are_for():
    assert raw_sql(ast.parse("rows = db.execute('SELECT path FROM files').fetchall()\n")) == [1, 1]
    assert raw_sql(ast.parse("QUERY = '''\n  SELECT value\n  FROM meta'''\n")) == [1]
    assert raw_sql(ast.parse("help = 'Create a vault, then select the people folder'\n")) == []
    assert sorted(layout_literals(ast.parse("lock = root / '.netfiles' / 'cache'\nx = '.netfiles/config.toml'\n"))) == [1, 2]
    assert layout_literals(ast.parse("message = 'add [me] to .netfiles/config.toml, then run it'\n")) == []
    assert foreign_privates(ast.parse("def f(vault):\n    return vault._records\n")) == ["2: vault._records"]
    assert foreign_privates(ast.parse("class A:\n    def __init__(self):\n        self._x = 1\n\n"
                                      "def f(a):\n    return a._x\n")) == []


def test_the_layout_names_every_place_netfiles_keeps_files(tmp_path):
    paths = netfiles.VaultPaths(tmp_path)
    assert [paths.relative(p) for p in (paths.config_file, paths.plugins_dir, paths.cache_dir, paths.index_file,
                                        paths.locks_dir, paths.gitignore)] == [
        netfiles.CONFIG_PATH, ".netfiles/plugins", ".netfiles/cache", ".netfiles/cache/index.sqlite",
        ".netfiles/cache/locks", ".netfiles/.gitignore"]

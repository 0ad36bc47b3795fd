"""`--vault DIR` (or NETFILES_VAULT) on a folder that is not a vault is refused, not scanned (issue 14).

Before, `netfiles --vault /tmp check` scanned every Markdown file under /tmp and
wrote a cache there. A vault has `.netfiles/`, or at least a `people/` folder.
"""
from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): (p.read_bytes() if p.is_file() else b"<dir>")
            for p in sorted(folder.rglob("*"))}


def netfiles(*args: str, cwd: Path, env_extra: dict | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NETFILES_")}
    env.update(env_extra or {})
    return subprocess.run(["netfiles", *args], cwd=cwd, env=env, capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=60)


@pytest.fixture
def not_a_vault(tmp_path: Path) -> Path:
    folder = tmp_path / "downloads"
    (folder / "notes").mkdir(parents=True)
    (folder / "notes/todo.md").write_text("---\nname: not a contact\nemails: [nope]\n---\n")
    (folder / "readme.md").write_text("# just a file\n")
    return folder


@pytest.mark.parametrize("args", [("check",), ("ls",), ("index",), ("log", "ana", "hi"), ("add", "Ana"),
                                  ("report",), ("show", "ana"), ("trust",)])
def test_a_folder_that_is_not_a_vault_is_refused(not_a_vault, tmp_path, args):
    before = snapshot(not_a_vault)
    for how in ("option", "environment"):
        if how == "option":
            result = netfiles("--vault", str(not_a_vault), *args, cwd=tmp_path)
        else:
            result = netfiles(*args, cwd=tmp_path, env_extra={"NETFILES_VAULT": str(not_a_vault)})
        assert result.returncode == 2, (how, result.stdout, result.stderr)
        assert f"{not_a_vault} is not a netfiles vault" in result.stderr
        assert f"netfiles init {not_a_vault}" in result.stderr
        assert snapshot(not_a_vault) == before  # no .netfiles/cache, nothing written


def test_a_folder_with_a_people_folder_is_a_vault(not_a_vault, tmp_path):
    (not_a_vault / "people").mkdir()
    (not_a_vault / "people/Ana Souza.md").write_text("---\nname: Ana Souza\n---\n")
    result = netfiles("--vault", str(not_a_vault), "ls", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Ana Souza" in result.stdout


def test_version_and_init_still_work_there(not_a_vault, tmp_path):
    assert netfiles("--vault", str(not_a_vault), "--version", cwd=tmp_path).returncode == 0
    made = netfiles("init", str(not_a_vault), cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    assert netfiles("--vault", str(not_a_vault), "check", "--select", "NF", cwd=tmp_path).returncode in (0, 1)

"""`python -m netfiles` run inside a vault must not import modules lying in the current folder (issue 10, item 9)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

TRAP = "import pathlib\npathlib.Path({marker!r}).write_text('imported')\nraise SystemExit('booby trap {name} ran')\n"


def _run_module(cwd: Path, *args: str, env_extra: dict | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONSAFEPATH", "NETFILES_VAULT")}
    env.update(env_extra or {})
    return subprocess.run([sys.executable, "-m", "netfiles", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("module", ["pluggy", "click", "sqlite3"])
@pytest.mark.parametrize("args", [("--version",), ("ls",)])
def test_a_module_in_the_vault_is_not_imported(netfiles_make_vault, tmp_path, module, args):
    vault = netfiles_make_vault({"people/Ana.md": "---\nname: Ana\n---\n"})
    marker = tmp_path / f"{module}-was-imported"
    (vault / f"{module}.py").write_text(TRAP.format(marker=str(marker), name=module))

    result = _run_module(vault, *args)

    assert not marker.exists(), result.stderr
    assert "booby trap" not in result.stderr
    assert result.returncode == 0, result.stderr
    if args == ("ls",):
        assert "Ana" in result.stdout


def test_only_the_entry_dash_m_added_is_dropped(netfiles_make_vault, tmp_path):
    """A folder the user put on PYTHONPATH on purpose stays; the current folder `-m` put first goes."""
    vault = netfiles_make_vault()
    extra = tmp_path / "extra"
    extra.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONSAFEPATH"}
    env["PYTHONPATH"] = str(extra)
    script = ("import os, sys; import netfiles.__main__ as m; sys.path.insert(0, os.getcwd()); "
              "m._drop_current_folder_entry(); print(os.getcwd() in sys.path, sys.path.count(%r))" % str(extra))
    out = subprocess.run([sys.executable, "-c", script], cwd=vault, env=env, capture_output=True, text=True,
                         timeout=60)
    assert out.stdout.split() == ["False", "1"], out.stderr

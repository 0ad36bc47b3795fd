"""`netfiles check` as a pre-commit hook, installed for real from this repository's working tree.

The working tree (tracked and untracked, not ignored: uncommitted work is what
is tested) is copied and committed to a scratch repository; a vault repository
then uses it as a pre-commit hook repository. pre-commit builds the hook's
virtualenv once (pip installs netfiles and its dependencies), into a
PRE_COMMIT_HOME shared by this module's tests.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

GOOD = textwrap.dedent("""\
    ---
    name: Ana Souza
    emails: [ana@example.org]
    knows: ["[[Bo Chen]]"]
    ---
    # Ana Souza

    ## Log
    - 2026-11-02 coffee: talked about her move to risk #gave
    """)
BAD = GOOD.replace("emails: [ana@example.org]", "emails: [ana@example.org")  # unclosed flow list: invalid YAML
BO = "---\nname: Bo Chen\n---\n# Bo Chen\n"


def git_env(home: Path, **extra) -> dict:
    """Deterministic git: fixed identity and dates, no user or system git config (HOME stays, for pip's cache)."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("GIT_", "PRE_COMMIT", "NETFILES_")) and k != "VIRTUAL_ENV"}
    gitconfig = home / "gitconfig"
    gitconfig.touch()
    env.update({
        "GIT_CONFIG_GLOBAL": str(gitconfig), "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org",
        "GIT_AUTHOR_DATE": "2026-11-21T12:00:00+00:00", "GIT_COMMITTER_DATE": "2026-11-21T12:00:00+00:00",
    })
    env.update(extra)
    return env


def git(cwd: Path, *args, env: dict, check: bool = True) -> subprocess.CompletedProcess:
    proc = subprocess.run(["git", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", *args], cwd=cwd,
                          env=env, capture_output=True, text=True)
    if check:
        assert proc.returncode == 0, f"git {' '.join(args)} failed:\n{proc.stdout}{proc.stderr}"
    return proc


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory):
    """A git repository holding a copy of this working tree, committed; and a pre-commit home shared by the module."""
    pytest.importorskip("pre_commit", reason="pre-commit is not installed (pip install -e '.[test]')")
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    base = tmp_path_factory.mktemp("precommit")
    home = base / "home"
    home.mkdir()
    env = git_env(home, NETFILES_TRUST_FILE=str(base / "trust.json"), PRE_COMMIT_HOME=str(base / "pre-commit-home"))

    listing = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=REPO,
                             capture_output=True, check=True).stdout.decode("utf-8").split("\0")
    src = base / "netfiles-src"
    for rel in filter(None, listing):
        source = REPO / rel
        if source.is_file():  # tracked files deleted in the working tree are left out, as they would be
            (src / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, src / rel)
    assert (src / ".pre-commit-hooks.yaml").is_file()
    git(src, "init", "-q", env=env)
    git(src, "add", "-A", env=env)
    git(src, "commit", "-q", "--no-verify", "-m", "working tree under test", env=env)
    rev = git(src, "rev-parse", "HEAD", env=env).stdout.strip()
    return {"path": src, "rev": rev, "env": env, "base": base}


def make_vault_repo(hook_repo, name: str, vault_subdir: str = "") -> tuple[Path, Path]:
    """A git repository with a vault (at its root or in a subfolder), the netfiles-check hook installed."""
    env = hook_repo["env"]
    repo = hook_repo["base"] / name
    vault = repo / vault_subdir if vault_subdir else repo
    (vault / ".netfiles").mkdir(parents=True)
    (vault / "people").mkdir()
    (vault / ".netfiles" / "config.toml").write_text('people = ["people"]\n', encoding="utf-8")
    (vault / ".netfiles" / ".gitignore").write_text("cache/\n", encoding="utf-8")
    (vault / "people" / "Bo Chen.md").write_text(BO, encoding="utf-8")
    (repo / ".pre-commit-config.yaml").write_text(textwrap.dedent(f"""\
        repos:
          - repo: {hook_repo['path'].as_posix()}
            rev: {hook_repo['rev']}
            hooks:
              - id: netfiles-check
        """) + (f"        files: ^{vault_subdir}/\n" if vault_subdir else ""), encoding="utf-8")
    (repo / "README.md").write_text("# My network\n", encoding="utf-8")
    git(repo, "init", "-q", env=env)
    install = subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=repo, env=env,
                             capture_output=True, text=True)
    assert install.returncode == 0, install.stdout + install.stderr
    return repo, vault


def commit(repo: Path, env: dict, message: str) -> subprocess.CompletedProcess:
    return git(repo, "commit", "-m", message, env=env, check=False)


def committed_files(repo: Path, env: dict) -> list[str]:
    proc = git(repo, "ls-tree", "-r", "--name-only", "HEAD", env=env, check=False)
    return proc.stdout.splitlines() if proc.returncode == 0 else []


@pytest.mark.slow
def test_commit_through_real_precommit_rejects_bad_contact_and_accepts_good_one(hook_repo):
    env = hook_repo["env"]
    repo, vault = make_vault_repo(hook_repo, "vault-at-root")
    git(repo, "add", "-A", env=env)
    started = time.monotonic()
    first = commit(repo, env, "start the vault")  # builds the hook environment (pip install of netfiles)
    built = time.monotonic() - started
    assert first.returncode == 0, first.stdout + first.stderr
    assert "netfiles check" in first.stderr and "Passed" in first.stderr  # git shows hook output on stderr

    ana = vault / "people" / "Ana Souza.md"
    ana.write_text(BAD, encoding="utf-8")
    git(repo, "add", "people/Ana Souza.md", env=env)
    rejected = commit(repo, env, "add Ana")
    output = rejected.stdout + rejected.stderr
    assert rejected.returncode != 0, output
    assert "netfiles check" in output and "Failed" in output
    assert "people/Ana Souza.md:" in output and "NF101" in output
    assert "people/Ana Souza.md" not in committed_files(repo, env)

    ana.write_text(GOOD, encoding="utf-8")
    git(repo, "add", "people/Ana Souza.md", env=env)
    accepted = commit(repo, env, "add Ana")
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    assert "Passed" in accepted.stderr
    assert "people/Ana Souza.md" in committed_files(repo, env)
    print(f"\npre-commit hook environment built and first commit made in {built:.1f} s")


@pytest.mark.slow
def test_commit_with_the_vault_in_a_subfolder(hook_repo):
    """pre-commit runs from the repository root and passes root-relative paths; the vault is found from them."""
    env = hook_repo["env"]
    repo, vault = make_vault_repo(hook_repo, "vault-in-subfolder", vault_subdir="notes")
    git(repo, "add", "-A", env=env)
    assert commit(repo, env, "start").returncode == 0

    (vault / "people" / "Ana Souza.md").write_text(GOOD.replace("[[Bo Chen]]", "[[Bo Chenn]]"), encoding="utf-8")
    (repo / "README.md").write_text("# My network\n\nNow with Ana.\n", encoding="utf-8")
    git(repo, "add", "-A", env=env)
    rejected = commit(repo, env, "add Ana")
    output = rejected.stdout + rejected.stderr
    assert rejected.returncode != 0, output
    assert "people/Ana Souza.md:" in output and "NF301" in output and "Bo Chenn" in output

    (vault / "people" / "Ana Souza.md").write_text(GOOD, encoding="utf-8")
    git(repo, "add", "-A", env=env)
    accepted = commit(repo, env, "add Ana")
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    assert "notes/people/Ana Souza.md" in committed_files(repo, env)


# the same path discovery, without pre-commit --------------------------------------------------------

def netfiles_in(cwd: Path, *args, tmp_path: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("NETFILES_VAULT", "NETFILES_DEBUG")}
    env["NETFILES_TRUST_FILE"] = str(tmp_path / "trust.json")
    return subprocess.run([sys.executable, "-m", "netfiles", *args], cwd=cwd, env=env, capture_output=True, text=True)


@pytest.fixture
def repo_with_vault_in_subfolder(tmp_path):
    repo = tmp_path / "repo"
    vault = repo / "notes"
    (vault / ".netfiles").mkdir(parents=True)
    (vault / "people").mkdir()
    (vault / "people" / "Bo Chen.md").write_text(BO, encoding="utf-8")
    (vault / "people" / "Ana Souza.md").write_text(GOOD, encoding="utf-8")
    (vault / "people" / "Bad.md").write_text(BAD, encoding="utf-8")
    (repo / "README.md").write_text("# My network\n", encoding="utf-8")
    return repo


def test_check_paths_from_the_repository_root(repo_with_vault_in_subfolder, tmp_path):
    repo = repo_with_vault_in_subfolder
    bad = netfiles_in(repo, "check", "notes/people/Bad.md", "notes/people/Ana Souza.md", tmp_path=tmp_path)
    assert bad.returncode == 1, bad.stderr
    assert bad.stdout.startswith("people/Bad.md:")  # paths in diagnostics are vault-relative
    assert "NF101" in bad.stdout
    assert "2 files checked" in bad.stderr

    good = netfiles_in(repo, "check", "notes/people/Ana Souza.md", tmp_path=tmp_path)
    assert good.returncode == 0, good.stdout + good.stderr
    assert good.stdout == ""

    # a file outside the vault among the paths (as pre-commit passes every staged Markdown file) is skipped,
    # whichever comes first
    mixed = netfiles_in(repo, "check", "README.md", "notes/people/Bad.md", tmp_path=tmp_path)
    assert mixed.returncode == 1, mixed.stderr
    assert "NF101" in mixed.stdout and "1 file checked" in mixed.stderr


def test_check_paths_from_the_vault_root(repo_with_vault_in_subfolder, tmp_path):
    vault = repo_with_vault_in_subfolder / "notes"
    bad = netfiles_in(vault, "check", "people/Bad.md", tmp_path=tmp_path)
    assert bad.returncode == 1
    assert bad.stdout.startswith("people/Bad.md:") and "NF101" in bad.stdout
    good = netfiles_in(vault, "check", "people/Ana Souza.md", "people/Bo Chen.md", tmp_path=tmp_path)
    assert good.returncode == 0, good.stdout + good.stderr


def test_check_paths_outside_any_vault_is_a_usage_problem(repo_with_vault_in_subfolder, tmp_path):
    result = netfiles_in(repo_with_vault_in_subfolder, "check", "README.md", tmp_path=tmp_path)
    assert result.returncode == 2
    assert "not inside a netfiles vault" in result.stderr


def test_hook_definition():
    yaml = pytest.importorskip("yaml")
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = {h["id"]: h for h in hooks}["netfiles-check"]
    assert hook["entry"] == "netfiles check"
    assert hook["language"] == "python"
    assert hook["types"] == ["markdown"]
    assert hook["pass_filenames"] is True
    assert hook["require_serial"] is True  # one process: the index is shared, and cross-file rules need the vault

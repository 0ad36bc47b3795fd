"""`netfiles init` as a new user meets it: a fresh folder, an existing Obsidian vault, a terminal, pre-commit."""
from __future__ import annotations

import os
import pty
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from netfiles.model.config import load_config
from pty_reader import read_terminal

BAD = "---\nname: Ana Souza\nemails: [ana@example.org\n---\n# Ana\n"
GOOD = "---\nname: Ana Souza\nemails: [ana@example.org]\n---\n# Ana\n"


def netfiles(*args, cwd: Path, env: dict | None = None, stdin=subprocess.DEVNULL) -> subprocess.CompletedProcess:
    return subprocess.run(["netfiles", *map(str, args)], cwd=cwd, env=env, stdin=stdin, capture_output=True,
                          text=True, timeout=120)


def git_env(tmp_path: Path) -> dict:
    (tmp_path / "gitconfig").write_text("[user]\n  name = Test\n  email = test@example.org\n"
                                        "[init]\n  defaultBranch = main\n[commit]\n  gpgsign = false\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT", "NETFILES_"))}
    env.update(GIT_CONFIG_GLOBAL=str(tmp_path / "gitconfig"), GIT_CONFIG_NOSYSTEM="1",
               PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"))
    return env


def test_init_in_an_obsidian_vault_keeps_its_settings_and_uses_its_people_folder(tmp_path):
    vault = tmp_path / "MyVault"
    (vault / ".obsidian").mkdir(parents=True)
    (vault / "People").mkdir()
    (vault / "People" / "Ana Souza.md").write_text(GOOD)
    settings = {"app.json": '{"alwaysUpdateLinks": true}', "templates.json": '{"folder": "Meta/Templates"}'}
    for name, text in settings.items():
        (vault / ".obsidian" / name).write_text(text)

    done = netfiles("init", "--no-input", cwd=vault)
    assert done.returncode == 0, done.stderr
    assert {p.name: p.read_text() for p in (vault / ".obsidian").iterdir()} == settings
    assert not (vault / "people").exists(), "a second people folder the user did not ask for"
    assert (vault / "Meta" / "Templates" / "contact.md").is_file()
    config = load_config(vault)
    assert config.people == ["People"] and "Meta/Templates" in config.ignore
    listed = netfiles("ls", "--format", "json", cwd=vault)
    assert listed.returncode == 0 and "Ana Souza" in listed.stdout


def test_init_people_option_names_the_folder(tmp_path):
    done = netfiles("init", str(tmp_path / "v"), "--people", "Contacts/Work", "--no-input", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "v" / "Contacts" / "Work").is_dir() and not (tmp_path / "v" / "people").exists()
    assert load_config(tmp_path / "v").people == ["Contacts/Work"]


def test_init_writes_the_owner_from_flags(tmp_path):
    done = netfiles("init", "v", "--name", "Zoë O'Hara \"ZO\"", "--email", "zoe@example.org", "--email",
                    "z@work.example", "--linkedin", "https://www.linkedin.com/in/zoe", "--no-input", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    me = load_config(tmp_path / "v").me
    assert me == {"name": "Zoë O'Hara \"ZO\"", "emails": ["zoe@example.org", "z@work.example"],
                  "linkedin": "https://www.linkedin.com/in/zoe"}
    bad = netfiles("init", "w", "--email", "not-an-email", "--no-input", cwd=tmp_path)
    assert bad.returncode == 2 and "not-an-email" in bad.stderr and not (tmp_path / "w").exists()


def test_init_asks_for_the_owner_on_a_terminal(tmp_path):
    """A real pseudo-terminal: init prompts for name and emails and writes them as [me]."""
    main, child = pty.openpty()
    proc = subprocess.Popen(["netfiles", "init", "v"], cwd=tmp_path, stdin=child, stdout=child, stderr=child,
                            close_fds=True)
    os.close(child)
    try:
        screen = read_terminal(main, b"Your name")
        os.write(main, b"Sam Owner\r")
        screen = read_terminal(main, b"email addresses", already=screen)
        os.write(main, b"sam@example.org, sam@work.example\r")
        screen = read_terminal(main, b"pre-commit", already=screen)
        assert proc.wait(timeout=60) == 0, screen
    finally:
        if proc.poll() is None:
            proc.kill()
        os.close(main)
    me = load_config(tmp_path / "v").me
    assert me == {"name": "Sam Owner", "emails": ["sam@example.org", "sam@work.example"]}


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_init_pre_commit_writes_a_local_hook_that_really_refuses_a_bad_contact(tmp_path):
    pytest.importorskip("pre_commit", reason="pre-commit is not installed (pip install -e '.[test]')")
    env = git_env(tmp_path)
    repo = tmp_path / "repo"
    repo.mkdir()
    subprocess.run(["git", "init", "-q"], cwd=repo, env=env, check=True)
    (repo / "README.md").write_text("# not part of the vault\n")
    done = netfiles("init", "notes", "--pre-commit", "--no-input", cwd=repo, env=env)
    assert done.returncode == 0, done.stderr
    config = (repo / ".pre-commit-config.yaml").read_text()
    assert "repo: local" in config and "files: ^notes/" in config and "https://" not in config
    install = subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=repo, env=env, capture_output=True,
                             text=True, timeout=120)
    assert install.returncode == 0, install.stdout + install.stderr

    (repo / "notes" / "people" / "Ana Souza.md").write_text(BAD)
    subprocess.run(["git", "add", "-A"], cwd=repo, env=env, check=True)
    refused = subprocess.run(["git", "commit", "-qm", "Ana"], cwd=repo, env=env, capture_output=True, text=True,
                             timeout=300)
    assert refused.returncode != 0
    shown = refused.stdout + refused.stderr  # git prints the hook's output on stderr
    assert "people/Ana Souza.md:4:1: NF101" in shown  # vault-relative, at the YAML error
    assert subprocess.run(["git", "rev-parse", "HEAD"], cwd=repo, env=env, capture_output=True).returncode != 0

    (repo / "notes" / "people" / "Ana Souza.md").write_text(GOOD)
    subprocess.run(["git", "add", "-A"], cwd=repo, env=env, check=True)
    accepted = subprocess.run(["git", "commit", "-qm", "Ana"], cwd=repo, env=env, capture_output=True, text=True,
                              timeout=300)
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    tracked = subprocess.run(["git", "ls-files"], cwd=repo, env=env, capture_output=True, text=True).stdout
    assert "cache" not in tracked, "the index must never be committed"


def test_init_never_overwrites_an_existing_pre_commit_config(tmp_path):
    (tmp_path / ".pre-commit-config.yaml").write_text("repos: []\n")
    done = netfiles("init", "--pre-commit", "--no-input", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / ".pre-commit-config.yaml").read_text() == "repos: []\n"
    assert "repo: local" in done.stdout

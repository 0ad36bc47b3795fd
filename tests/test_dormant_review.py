"""`netfiles dormant` and `netfiles review` on a first-day vault, and review through a real pseudo-terminal."""
from __future__ import annotations

import json
import os
import shutil
import sys
import time

import pytest

from netfiles.testing import VaultBuilder, run_cli
from tiers_fixtures import DORMANT, INNER, TODAY, build_first_day_vault
from pty_reader import read_terminal

ARGS = ("--today", TODAY.isoformat())


def run(root, *args, input=None):
    return run_cli(root, *args, input=input, catch_exceptions=True)


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    builder = VaultBuilder(tmp_path_factory.mktemp("firstday") / "vault")
    build_first_day_vault(builder, n_linkedin=300)
    return builder.path


@pytest.fixture
def vault_copy(template, tmp_path):
    target = tmp_path / "vault"
    shutil.copytree(template, target, ignore=shutil.ignore_patterns("cache"))
    return target


def test_dormant_finds_the_once_strong_silent_ties_most_novel_first(template):
    data = json.loads(run(template, "dormant", *ARGS, "--format", "json").stdout)
    names = [d["name"] for d in data["dormant"]]
    assert sorted(names) == sorted(DORMANT)
    movers = [n for n in DORMANT if int(n[-1]) % 2 == 0]
    assert names[:3] == sorted(movers, key=lambda n: names.index(n))  # the ones who moved come first
    first = data["dormant"][0]
    # [me] is Acme Bank / finance; movers are at Stark Media (media) and their log says "at Acme Bank"
    assert first["novelty"] == 3
    assert "organization Stark Media is not yours" in first["evidence"]
    assert "industry media is not yours" in first["evidence"]
    assert "moved since: the log names Acme Bank, now at Stark Media" in first["evidence"]
    assert first["silent_days"] >= 730 and first["peak_strength"] >= 3.5
    stayer = next(d for d in data["dormant"] if d["name"] == "Old Friend 1")
    assert stayer["novelty"] == 0 and stayer["evidence"] == []


def test_dormant_says_what_it_could_not_measure(netfiles_vault, netfiles_cli):
    netfiles_vault.add_contact("Old Pal", log=[f"2019-{m:02d}-10 coffee" for m in range(1, 13)])
    data = json.loads(netfiles_cli("dormant", "--today", "2026-01-01", "--format", "json").stdout)
    (tie,) = data["dormant"]
    assert tie["novelty"] == 0 and len(tie["not_measured"]) == 4
    table = netfiles_cli("dormant", "--today", "2026-01-01").stdout
    assert "not measured: organization vs yours" in table
    # a single coffee is never a strong tie, so never dormant
    netfiles_vault.add_contact("Once", log=["2019-05-01 coffee"])
    assert [d["name"] for d in json.loads(netfiles_cli("dormant", "--today", "2026-01-01", "--format",
                                                       "json").stdout)["dormant"]] == ["Old Pal"]


def test_review_queue_order(template):
    data = json.loads(run(template, "review", *ARGS, "--format", "json").stdout)
    queue = data["queue"]
    assert data["untriaged"] == len(queue) == 300 + 5 + 12 + 20 + 6
    sections = [c["section"] for c in queue]
    # strongest evidence, then dormant ties, then quiet groups, each as one block
    assert sections == sorted(sections, key=["evidence", "dormant", "quiet group"].index)
    assert [c["name"] for c in queue[:5]] == INNER
    dormant = [c["name"] for c in queue if c["section"] == "dormant"]
    assert sorted(dormant) == sorted(DORMANT)


def test_review_set_writes_one_line_and_resumes(vault_copy):
    before = (vault_copy / "people" / "Ken Weekly.md").read_text(encoding="utf-8")
    result = run(vault_copy, "review", "--set", "Ken Weekly", "tier=inner", "--set", "Ken Weekly", "tier=core")
    assert result.exit_code == 0, result.output
    after = (vault_copy / "people" / "Ken Weekly.md").read_text(encoding="utf-8")
    added = [line for line in after.splitlines() if line not in before.splitlines()]
    assert added == ["tier: core"]  # added once, then changed in place
    assert len(after.splitlines()) == len(before.splitlines()) + 1
    queue = json.loads(run(vault_copy, "review", *ARGS, "--format", "json").stdout)["queue"]
    assert "Ken Weekly" not in [c["name"] for c in queue]
    bad = run(vault_copy, "review", "--set", "Ken Weekly", "tier=vip")
    assert bad.exit_code == 2 and "invalid tier" in bad.output
    missing = run(vault_copy, "review", "--set", "Nobody At All", "tier=core")
    assert missing.exit_code == 1 and "no contact named" in missing.output


def test_review_interactive_loop_through_clirunner(vault_copy):
    # Inês: core; Ken: cadence 2w then tag "climbing" then inner; Lola: skip; then quit.
    result = run(vault_copy, "review", *ARGS, "--interactive", input="ck2w\ntclimbing\nisq")
    assert result.exit_code == 0, result.output
    assert "1/343  Inês Weekly" in result.output and "why now: evidence" in result.output
    assert "Set 2 tiers; 341 contacts still untriaged" in result.output
    people = vault_copy / "people"
    assert "tier: core" in (people / "Inês Weekly.md").read_text(encoding="utf-8")
    ken = (people / "Ken Weekly.md").read_text(encoding="utf-8")
    assert "cadence: 2w" in ken and "tier: inner" in ken and "tags:\n  - climbing\n" in ken  # Obsidian's block list
    assert "tier:" not in (people / "Lola Weekly.md").read_text(encoding="utf-8")
    # resumed: Lola (skipped) is now first
    again = run(vault_copy, "review", *ARGS, "--interactive", input="q")
    assert "1/341  Lola Weekly" in again.output


def test_review_without_a_terminal_prints_the_queue_and_and_n_more(template):
    result = run(template, "review", *ARGS)
    assert result.exit_code == 0
    assert "... and 323 more" in result.stderr
    assert len(result.stdout.strip().splitlines()) == 21  # header + 20


@pytest.mark.skipif(sys.platform == "win32", reason="pty is POSIX only")
def test_review_on_a_real_pseudo_terminal(vault_copy):
    import pty
    import shutil as _shutil

    exe = _shutil.which("netfiles")
    assert exe, "the netfiles script must be on PATH"
    pid, fd = pty.fork()
    if pid == 0:  # child: a real terminal on stdin and stdout
        os.execv(exe, [exe, "--vault", str(vault_copy), "review", *ARGS])
    output = b""
    deadline = time.monotonic() + 60

    def read_until(needle: bytes) -> None:
        """Read until `needle` appears in what is new since the last call."""
        nonlocal output, seen
        output = output[:seen] + read_terminal(fd, needle, max(deadline - time.monotonic(), 0.1), output[seen:])
        seen = output.index(needle, seen) + len(needle)

    def press(key: bytes) -> None:
        time.sleep(0.3)  # the prompt is printed just before the terminal enters raw mode, which flushes input
        os.write(fd, key)

    seen = 0
    try:
        read_until(b"[q]uit > ")
        press(b"c")
        read_until(b"2/343")
        read_until(b"[q]uit > ")
        press(b"q")
        read_until(b"still untriaged")
    finally:
        for _ in range(50):
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                break
            time.sleep(0.1)
        else:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
            raise AssertionError("review did not exit after q")
        os.close(fd)
    assert os.waitstatus_to_exitcode(status) == 0
    assert b"Set 1 tier; 342 contacts still untriaged" in output
    assert "tier: core" in (vault_copy / "people" / "Inês Weekly.md").read_text(encoding="utf-8")

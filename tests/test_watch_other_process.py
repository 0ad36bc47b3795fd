"""`netfiles watch` reports what changed since it last reported, even when another process refreshed the index first.

Issue 10, item 19: with `watch` running, an edit followed at once by `netfiles ls`
in another terminal used to show "indexed" and nothing else: `ls` had already
refreshed the shared index, so the watcher's "before" equalled its "after". Every
wait here polls for the expected event with a timeout; none asserts after a fixed sleep.
"""
from __future__ import annotations

import os
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from netfiles.plugin_api.plugins import get_plugin_manager
from netfiles.watch.watcher import Watcher

GOOD = "---\nname: Ana Souza\nmet: 2024-05-16\n---\n# Ana Souza\n"
BAD = GOOD.replace("2024-05-16", "2024-13-16")  # NF202, not a real date


@pytest.fixture
def vault(netfiles_make_vault) -> Path:
    return netfiles_make_vault({"people/Ana Souza.md": GOOD, "people/Bo Chen.md": "---\nname: Bo Chen\n---\n"})


def other_process(vault: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NETFILES_")}
    done = subprocess.run(["netfiles", *args], cwd=vault, env=env, capture_output=True, text=True, timeout=60,
                          stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stderr
    return done


def test_the_watcher_reports_against_its_memory_not_the_shared_index(vault):
    """The library: a batch processed after another process refreshed the index still reports new and resolved."""
    events: list[dict] = []
    # a long debounce: the observer's own batch waits, so the order is: edit, other refresh, this batch
    watcher = Watcher(vault, get_plugin_manager(vault, load_entry_points=False), on_event=events.append,
                      debounce=60, max_wait=60).start()
    try:
        (vault / "people/Ana Souza.md").write_text(BAD)
        assert "Ana Souza" in other_process(vault, "ls").stdout  # refreshes the shared index first
        result = watcher.process(["people/Ana Souza.md"])
        assert [(d.path, d.code) for d in result.new] == [("people/Ana Souza.md", "NF202")]
        assert result.resolved == []

        (vault / "people/Ana Souza.md").write_text(GOOD)
        other_process(vault, "check", "people/Ana Souza.md")  # the pre-commit path refreshes it too
        result = watcher.process(["people/Ana Souza.md"])
        assert result.new == []
        assert [(d.path, d.code) for d in result.resolved] == [("people/Ana Souza.md", "NF202")]

        result = watcher.process(["people/Ana Souza.md"])  # nothing changed since it last reported
        assert (result.new, result.resolved) == ([], [])
    finally:
        watcher.stop()


class WatchCommand:
    """`netfiles watch` in a subprocess; its lines are read on a thread and waited for with a timeout."""

    def __init__(self, vault: Path, *args: str):
        env = {k: v for k, v in os.environ.items() if not k.startswith("NETFILES_")}
        env["PYTHONUNBUFFERED"] = "1"
        self.proc = subprocess.Popen([sys.executable, "-m", "netfiles", "watch", *args], cwd=vault, env=env,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")
        self.lines: queue.Queue = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.proc.stdout:
            self.lines.put(line.rstrip("\n"))
        self.lines.put(None)

    def drain(self) -> list[str]:
        """The lines printed so far, without waiting."""
        got = []
        while True:
            try:
                line = self.lines.get_nowait()
            except queue.Empty:
                break
            if line is not None:
                got.append(line)
                self.seen.append(line)
        return got

    def wait_line(self, text: str, timeout: float = 30.0) -> str:
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                pytest.fail(f"no line with {text!r} within {timeout} s; got {self.seen}")
            try:
                line = self.lines.get(timeout=left)
            except queue.Empty:
                continue
            if line is None:
                pytest.fail(f"watch ended before printing {text!r}; got {self.seen}; {self.proc.stderr.read()}")
            self.seen.append(line)
            if text in line:
                return line

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()


@pytest.mark.slow
def test_watch_command_prints_the_new_problem_and_its_resolution_after_ls_ran_first(vault):
    # The debounce leaves `netfiles ls` time to refresh the index before the watcher's batch.
    watch = WatchCommand(vault, "--debounce", "4", "--max-wait", "8")
    try:
        watch.wait_line("watching")
        (vault / "people/Ana Souza.md").write_text(BAD)
        other_process(vault, "ls")
        assert not any(line.startswith("indexed") for line in watch.drain()), "the watcher went first: no race"
        assert watch.wait_line("NF202").startswith("people/Ana Souza.md:")

        (vault / "people/Ana Souza.md").write_text(GOOD)
        other_process(vault, "ls")
        assert watch.wait_line("resolved:").startswith("resolved: people/Ana Souza.md:")
        assert "NF202" in watch.seen[-1]
    finally:
        watch.stop()

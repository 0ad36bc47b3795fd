"""`netfiles watch`: real file system events (watchdog/inotify), a real index, real plugins, a real subprocess."""
from __future__ import annotations

import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from netfiles import hookimpl
from netfiles.plugin_api.plugins import get_plugin_manager
from netfiles.watch.watcher import Watcher, format_event

TIMEOUT = 20.0  # seconds to wait for an expected event (generous: the machine may be loaded); never a fixed sleep


# Helpers ------------------------------------------------------------------------------------------

class Recorder:
    """Collects watcher events and waits for the ones a test expects."""

    def __init__(self):
        self.events: list[dict] = []
        self.cond = threading.Condition()
        self.seen = 0  # events before this index were already looked at by a test

    def __call__(self, event: dict) -> None:
        with self.cond:
            self.events.append(event)
            self.cond.notify_all()

    def mark(self) -> None:
        with self.cond:
            self.seen = len(self.events)

    def new(self) -> list[dict]:
        with self.cond:
            return self.events[self.seen:]

    def wait(self, timeout: float = TIMEOUT, **fields) -> dict:
        """The first event since the mark with these fields; fails after `timeout`."""
        deadline = time.monotonic() + timeout
        with self.cond:
            while True:
                for event in self.events[self.seen:]:
                    if all(event.get(k) == v for k, v in fields.items()):
                        return event
                left = deadline - time.monotonic()
                if left <= 0:
                    pytest.fail(f"no event {fields} within {timeout} s; got {self.events[self.seen:]}")
                self.cond.wait(left)

    def lines(self) -> list[str]:
        return [format_event(e)[0] for e in self.new() if format_event(e)]


def wait_until(condition, timeout: float = TIMEOUT, what: str = "the condition") -> None:
    """Poll `condition()` until it is true; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"{what} did not hold within {timeout} s")
        time.sleep(0.02)


MARKER = "people/Zed Marker.md"


def everything_so_far_is_seen(vault: Path, watcher: Watcher, rec: Recorder) -> None:
    """Write an unrelated contact and wait until the watcher has indexed it and finished that batch.

    File events arrive in order, so by then every event from before it has been
    processed too: what has not happened yet will not happen. This replaces
    "sleep, then assert nothing else came".
    """
    write(vault / MARKER, contact("Zed Marker"))
    rec.wait(event="indexed", path=MARKER, change="added")
    watcher.process([])  # a round trip through the loop: the marker's batch has finished


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def contact(name: str | None = None, knows=(), emails=(), body: str = "") -> str:
    lines = ["---"]
    if name:
        lines.append(f"name: {name}")
    if knows:
        lines.append("knows: [" + ", ".join(f'"[[{k}]]"' for k in knows) + "]")
    if emails:
        lines.append("emails: [" + ", ".join(emails) + "]")
    lines += ["---", "", body, "## Log", "- 2026-01-05 coffee: first chat", ""]
    return "\n".join(lines)


def replace_like_an_editor(path: Path, text: str) -> None:
    """Obsidian / VS Code / `:w` with backupcopy=no: write a temp file beside it, then rename over."""
    tmp = path.with_name(f".{path.name}.tmp~")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


@pytest.fixture
def vault(tmp_path) -> Path:
    root = tmp_path / "vault"
    write(root / ".netfiles" / "config.toml", 'people = ["people"]\n')
    write(root / "people" / "Ana Souza.md", contact(emails=["ana@example.org"]))
    write(root / "people" / "Bo Chen.md", contact("Bo Chen", knows=["Ana Souza"]))
    write(root / "notes" / "ideas.md", "# ideas\n")
    return root


@pytest.fixture
def run_watcher(vault):
    """Start a Watcher on the vault (no installed plugins: only what the test registers)."""
    started = []

    def start(pm=None, **options):
        pm = pm or get_plugin_manager(vault, load_entry_points=False)
        recorder = Recorder()
        watcher = Watcher(vault, pm, on_event=recorder, **options).start()
        started.append(watcher)
        recorder.wait(event="watching")
        recorder.mark()
        return watcher, recorder

    yield start
    for watcher in started:
        watcher.stop()


# Library: create, edit, editors, renames, moves, deletes ------------------------------------------

def test_create_edit_delete_contact(vault, run_watcher):
    watcher, rec = run_watcher()
    new = vault / "people" / "Carla Diaz.md"
    write(new, contact("Carla Diaz"))
    rec.wait(event="indexed", path="people/Carla Diaz.md", change="added")
    rec.mark()
    with new.open("a", encoding="utf-8") as handle:
        handle.write("- 2026-02-01 call: caught up\n")
    rec.wait(event="indexed", path="people/Carla Diaz.md", change="changed")
    assert watcher.process(["people/Carla Diaz.md"]).changes.changed == ["people/Carla Diaz.md"]
    rec.mark()
    new.unlink()
    rec.wait(event="indexed", path="people/Carla Diaz.md", change="removed")
    assert "indexed people/Carla Diaz.md (removed)" in rec.lines()


def test_editor_writes_temp_file_then_renames(vault, run_watcher):
    watcher, rec = run_watcher()
    ana = vault / "people" / "Ana Souza.md"
    replace_like_an_editor(ana, contact(emails=["ana@example.org"], body="Moved to risk."))
    rec.wait(event="indexed", path="people/Ana Souza.md", change="changed")
    everything_so_far_is_seen(vault, watcher, rec)
    paths = {e["path"] for e in rec.new() if e["event"] == "indexed"}
    assert paths == {"people/Ana Souza.md", MARKER}  # the hidden temp file is never indexed


def test_vim_style_save_backup_and_swap_files(vault, run_watcher):
    watcher, rec = run_watcher()
    ana = vault / "people" / "Ana Souza.md"
    swap = vault / "people" / ".Ana Souza.md.swp"
    swap.write_bytes(b"b0VIM 9.0")
    backup = vault / "people" / "Ana Souza.md~"
    os.rename(ana, backup)  # vim's default: rename the original to a backup,
    write(ana, contact(emails=["ana@example.org"], body="Edited in vim."))  # write the new text,
    backup.unlink()  # then delete the backup
    swap.unlink()
    rec.wait(event="indexed", path="people/Ana Souza.md")
    everything_so_far_is_seen(vault, watcher, rec)
    assert {e["path"] for e in rec.new() if e["event"] == "indexed"} == {"people/Ana Souza.md", MARKER}
    assert [e for e in rec.new() if e["event"] == "indexed" and e["path"] != MARKER][-1]["change"] != "removed"
    assert watcher.process(["people/Ana Souza.md"]).changes.changed == ["people/Ana Souza.md"]
    assert "Edited in vim." in ana.read_text(encoding="utf-8")


def test_rename_breaks_a_link_and_renaming_back_resolves_it(vault, run_watcher):
    watcher, rec = run_watcher()
    people = vault / "people"
    os.rename(people / "Ana Souza.md", people / "Ana S.md")
    rec.wait(event="indexed", path="people/Ana Souza.md", change="removed")
    rec.wait(event="indexed", path="people/Ana S.md", change="added")
    broken = rec.wait(event="diagnostic", code="NF301", status="new")
    assert broken["path"] == "people/Bo Chen.md"  # the contact that knows her by file name
    assert any(line.startswith("people/Bo Chen.md:") and " NF301 " in line for line in rec.lines())
    rec.mark()
    os.rename(people / "Ana S.md", people / "Ana Souza.md")
    fixed = rec.wait(event="diagnostic", code="NF301", status="resolved")
    assert fixed["path"] == "people/Bo Chen.md"
    assert any(line.startswith("resolved: people/Bo Chen.md:") for line in rec.lines())


def test_moves_between_people_folders_and_out_to_notes(vault, run_watcher):
    watcher, rec = run_watcher()
    write(vault / "people" / "team-a" / "Dee Park.md", contact("Dee Park"))
    rec.wait(event="indexed", path="people/team-a/Dee Park.md", change="added")
    rec.mark()
    (vault / "people" / "team-b").mkdir()
    os.rename(vault / "people" / "team-a" / "Dee Park.md", vault / "people" / "team-b" / "Dee Park.md")
    rec.wait(event="indexed", path="people/team-a/Dee Park.md", change="removed")
    rec.wait(event="indexed", path="people/team-b/Dee Park.md", change="added")
    rec.mark()
    os.rename(vault / "people" / "team-b" / "Dee Park.md", vault / "notes" / "Dee Park.md")
    rec.wait(event="indexed", path="people/team-b/Dee Park.md", change="removed")
    rec.wait(event="indexed", path="notes/Dee Park.md", change="added")
    result = watcher.process(["notes/Dee Park.md"])
    assert result.changes.changed == ["notes/Dee Park.md"]


def test_folders_appear_and_vanish(vault, tmp_path, run_watcher):
    watcher, rec = run_watcher()
    outside = tmp_path / "incoming"
    for name in ("Eve Adams", "Finn Berg"):
        write(outside / f"{name}.md", contact(name))
    shutil.move(str(outside), str(vault / "people" / "imported"))  # a folder moved in
    rec.wait(event="indexed", path="people/imported/Eve Adams.md", change="added")
    rec.wait(event="indexed", path="people/imported/Finn Berg.md", change="added")
    rec.mark()
    shutil.rmtree(vault / "people" / "imported")  # a folder deleted
    rec.wait(event="indexed", path="people/imported/Eve Adams.md", change="removed")
    rec.wait(event="indexed", path="people/imported/Finn Berg.md", change="removed")
    rec.mark()
    # The whole people folder goes away (git checkout, sync tool) and comes back.
    shutil.move(str(vault / "people"), str(tmp_path / "people-aside"))
    rec.wait(event="indexed", path="people/Bo Chen.md", change="removed")
    rec.mark()
    shutil.move(str(tmp_path / "people-aside"), str(vault / "people"))
    rec.wait(event="indexed", path="people/Bo Chen.md", change="added")
    rec.wait(event="indexed", path="people/Ana Souza.md", change="added")
    rec.mark()
    write(vault / "people" / "Gus Hall.md", contact("Gus Hall"))  # and it is watched again
    rec.wait(event="indexed", path="people/Gus Hall.md", change="added")


def test_ignored_and_non_markdown_files_are_left_alone(vault, run_watcher):
    watcher, rec = run_watcher()
    write(vault / "templates" / "contact.md", contact("Template"))
    write(vault / ".obsidian" / "workspace.md", "{}")
    write(vault / "people" / "photo.png", "not markdown")
    write(vault / "people" / ".hidden.md", contact("Hidden"))
    write(vault / "people" / "Hana Ito.md", contact("Hana Ito"))  # a file that is watched
    rec.wait(event="indexed", path="people/Hana Ito.md")
    everything_so_far_is_seen(vault, watcher, rec)
    assert {e["path"] for e in rec.new() if e["event"] == "indexed"} == {"people/Hana Ito.md", MARKER}


def test_a_burst_of_writes_is_one_batch(vault, run_watcher):
    watcher, rec = run_watcher(debounce=0.3, max_wait=3.0)
    ana = vault / "people" / "Ana Souza.md"
    before = watcher.batches
    for number in range(20):
        with ana.open("a", encoding="utf-8") as handle:
            handle.write(f"- 2026-03-{number + 1:02d} email: note {number}\n")
    rec.wait(event="indexed", path="people/Ana Souza.md", change="changed")
    everything_so_far_is_seen(vault, watcher, rec)  # a second batch for the burst would have come before it
    assert watcher.batches == before + 2  # the burst's batch and the marker's
    assert [e["path"] for e in rec.new() if e["event"] == "indexed"] == ["people/Ana Souza.md", MARKER]
    assert "note 19" in ana.read_text(encoding="utf-8")


def test_a_continuous_burst_is_processed_at_least_every_max_wait(vault, run_watcher):
    watcher, rec = run_watcher(debounce=0.2, max_wait=0.4)
    ana = vault / "people" / "Ana Souza.md"
    before = watcher.batches
    deadline = time.monotonic() + TIMEOUT
    while watcher.batches - before < 2:  # batches come during the burst, not only after it
        if time.monotonic() > deadline:
            pytest.fail(f"{watcher.batches - before} batches during a burst of writes that never paused")
        with ana.open("a", encoding="utf-8") as handle:  # an event every 50 ms: never quiet for the debounce time
            handle.write("- 2026-03-01 email: again\n")
        time.sleep(0.05)


def test_half_written_invalid_yaml_then_fixed(vault, run_watcher):
    watcher, rec = run_watcher()
    ana = vault / "people" / "Ana Souza.md"
    ana.write_text("---\nname: Ana Souza\nemails: [ana@example.org\n", encoding="utf-8")  # save cut short
    problem = rec.wait(event="diagnostic", code="NF101", status="new")
    assert problem["path"] == "people/Ana Souza.md"
    rec.mark()
    replace_like_an_editor(ana, contact(emails=["ana@example.org"]))
    rec.wait(event="diagnostic", code="NF101", status="resolved", path="people/Ana Souza.md")


def test_shared_identity_is_reported_on_both_contacts_and_resolved(vault, run_watcher):
    watcher, rec = run_watcher()
    twin = vault / "people" / "Ana Souza (work).md"
    write(twin, contact("Ana Souza", emails=["ana@example.org"]))
    rec.wait(event="diagnostic", code="NF302", path="people/Ana Souza (work).md", status="new")
    rec.wait(event="diagnostic", code="NF302", path="people/Ana Souza.md", status="new")
    rec.mark()
    twin.unlink()
    rec.wait(event="diagnostic", code="NF302", path="people/Ana Souza.md", status="resolved")


def test_creating_the_missing_contact_resolves_broken_links(vault, run_watcher):
    write(vault / "people" / "Ivo Lang.md", contact("Ivo Lang", knows=["Jun Mori"]))
    watcher, rec = run_watcher()  # the broken link exists before watching starts
    write(vault / "people" / "Jun Mori.md", contact())
    fixed = rec.wait(event="diagnostic", code="NF301", status="resolved")
    assert fixed["path"] == "people/Ivo Lang.md"


# Plugins ------------------------------------------------------------------------------------------

class ChangeListener:
    def __init__(self):
        self.calls: list[tuple[list, list, list, str | None]] = []

    @hookimpl
    def netfiles_index_changed(self, vault, added, changed, removed):
        # The vault already reflects the change: a plugin can look the contact up right away.
        found = [vault.contact_at(p).name for p in added + changed if vault.contact_at(p)]
        self.calls.append((list(added), list(changed), list(removed), found[0] if found else None))


class Crasher:
    @hookimpl
    def netfiles_index_changed(self, added):
        raise RuntimeError("boom")


def test_plugin_hears_each_change_live(vault, run_watcher):
    pm = get_plugin_manager(vault, load_entry_points=False)
    listener = ChangeListener()
    pm.register(listener, name="listener")
    watcher, rec = run_watcher(pm=pm)
    # Starting indexed the vault: plugins heard of those files first.
    assert listener.calls == [(["notes/ideas.md", "people/Ana Souza.md", "people/Bo Chen.md"], [], [], "Ana Souza")]
    listener.calls.clear()
    write(vault / "people" / "Kim Lee.md", contact("Kim Lee"))
    rec.wait(event="indexed", path="people/Kim Lee.md")
    wait_until(lambda: listener.calls, what="the plugin hearing of Kim Lee")
    assert listener.calls[-1] == (["people/Kim Lee.md"], [], [], "Kim Lee")
    (vault / "people" / "Kim Lee.md").unlink()
    rec.wait(event="indexed", path="people/Kim Lee.md", change="removed")
    watcher.process([])  # a round trip through the loop: the hook of that batch has run
    assert listener.calls[-1][:3] == ([], [], ["people/Kim Lee.md"])


def test_a_crashing_plugin_is_nf001_and_the_watch_goes_on(vault, run_watcher):
    pm = get_plugin_manager(vault, load_entry_points=False)
    pm.register(Crasher(), name="crasher")
    watcher, rec = run_watcher(pm=pm)
    write(vault / "people" / "Lou Reed.md", contact("Lou Reed"))
    crash = rec.wait(event="diagnostic", code="NF001")
    assert "crasher" in crash["message"] and "boom" in crash["message"]
    assert any(" NF001 " in line for line in rec.lines())
    rec.mark()
    write(vault / "people" / "Max Roe.md", contact("Max Roe"))
    rec.wait(event="indexed", path="people/Max Roe.md", change="added")


# Synchronous use ----------------------------------------------------------------------------------

def test_process_without_a_running_loop(vault):
    watcher = Watcher(vault, get_plugin_manager(vault, load_entry_points=False))
    try:
        watcher.process(None)  # first use indexes everything
        (vault / "people" / "Ana Souza.md").unlink()
        result = watcher.process([vault / "people" / "Ana Souza.md", "people/Gone.md"])
        assert result.changes.removed == ["people/Ana Souza.md"]
        assert [(d.path, d.code) for d in result.new] == [("people/Bo Chen.md", "NF301")]
        assert watcher.process(["people/Never There.md"]).changes.removed == []
    finally:
        watcher.stop()


# The command ---------------------------------------------------------------------------------------

class Child:
    """`netfiles watch` in a subprocess, its stdout read line by line on a thread."""

    def __init__(self, vault: Path, *args: str):
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        env.pop("NETFILES_VAULT", None)
        self.proc = subprocess.Popen([sys.executable, "-m", "netfiles", "--vault", str(vault), "watch", *args],
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                                     encoding="utf-8")
        self.lines: queue.Queue = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.proc.stdout:
            self.lines.put(line.rstrip("\n"))
        self.lines.put(None)

    def wait_line(self, text: str, timeout: float = 10.0) -> str:
        deadline = time.monotonic() + timeout
        while True:
            try:
                line = self.lines.get(timeout=max(0.01, deadline - time.monotonic()))
            except queue.Empty:
                line = ""
            if line is None or time.monotonic() > deadline:
                self.proc.kill()
                pytest.fail(f"no line with {text!r}; got {self.seen}; stderr: {self.proc.stderr.read()}")
            self.seen.append(line)
            if text in line:
                return line

    def finish(self, sig) -> tuple[int, str]:
        self.proc.send_signal(sig)
        try:
            code = self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            raise
        return code, self.proc.stderr.read()


def test_cli_watch_prints_changes_and_stops_on_ctrl_c(vault):
    child = Child(vault)
    child.wait_line("watching")
    replace_like_an_editor(vault / "people" / "Ana Souza.md", contact(emails=["ana@example.org"], body="Hi"))
    assert child.wait_line("people/Ana Souza.md") == "indexed people/Ana Souza.md (changed)"
    os.rename(vault / "people" / "Ana Souza.md", vault / "people" / "Ana S.md")
    line = child.wait_line("NF301")
    assert line.startswith("people/Bo Chen.md:")
    code, stderr = child.finish(signal.SIGINT)
    assert code == 0, stderr
    assert child.wait_line("stopped") == "stopped"
    assert "Traceback" not in stderr


def test_cli_watch_json_lines_and_sigterm(vault):
    import json

    child = Child(vault, "--format", "json", "--debounce", "0.05")
    assert json.loads(child.wait_line("watching"))["vault"] == str(vault.resolve())
    write(vault / "people" / "Nia Obi.md", "---\nname: [Nia\n---\n")
    event = json.loads(child.wait_line('"indexed"'))
    assert event == {"event": "indexed", "path": "people/Nia Obi.md", "change": "added"}
    diag = json.loads(child.wait_line('"diagnostic"'))
    assert (diag["code"], diag["status"], diag["path"]) == ("NF101", "new", "people/Nia Obi.md")
    code, stderr = child.finish(signal.SIGTERM)
    assert code == 0, stderr
    assert json.loads(child.wait_line("stopped")) == {"event": "stopped"}

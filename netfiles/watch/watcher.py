"""`netfiles watch`: keep the index current while files change, and say what changed, live.

A watchdog observer (inotify on Linux) reports file system events from its own
thread; they go into a queue. One loop thread owns the vault and its SQLite
connection: it collects the changed vault-relative paths, waits until no event
came for `debounce` seconds (at most `max_wait` during a continuous burst), then
processes the batch:

1. finds the contacts the batch touches: the changed files themselves, the
   contacts whose `knows`/`introduced_by` links name any old or new name of a
   changed contact (index table `links`), and those sharing an email or
   LinkedIn URL with one (table `identities`);
2. refreshes the index for the changed paths only (`Index.refresh(only=...)`),
   reading each changed file again even if its mtime looks the same;
3. reports each indexed path, checks those files (after) and reports the
   diagnostics that appeared and those that went away since the watcher last
   reported on them (a batch of more than 500 files checks the whole vault).
   "Before" is the watcher's own memory (a whole-vault check at start, then
   each batch's result), not the index: another command may have refreshed the
   index first, and its `netfiles_index_changed` hook call then happened there;
4. calls the plugins' `netfiles_index_changed` hook (a raising plugin is NF001)
   for what this watcher's refresh found changed.

Folders created, deleted or moved (and a people folder vanishing and coming
back) make the batch include every file whose stat differs from the index: a
stat-only walk, cheap even on large vaults.

Events are plain dicts given to `on_event` (the command prints them as text or
JSON lines): `watching`, `indexed`, `diagnostic`, `error`, `note`, `stopped`.
"""
from __future__ import annotations

import os
import queue
import signal
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable

from ..model.config import CONFIG_DIR, CONFIG_FILE
from ..model.diagnostics import Diagnostic
from ..model.contact import IndexChanges

if TYPE_CHECKING:
    from watchdog.observers.api import BaseObserver

    from ..store.vault import Vault

EventCallback = Callable[[dict], None]

#: File system event types that may change a file's content or existence (not opened/closed-without-write/attrib).
_CONTENT_EVENTS = frozenset({"created", "modified", "moved", "deleted", "closed"})
#: The index reads this many files in one process at most per call, so it never forks while watchdog's threads run.
_REFRESH_CHUNK = 300
#: Batches larger than this (a folder moved, a branch checked out) are diffed by checking the whole vault once
#: before and once after, cheaper than finding and checking each touched contact on its own.
_WHOLE_VAULT_BATCH = 500
_IDLE_POLL = 0.2  # seconds between looks at the stop flag when nothing happens


@dataclass
class BatchResult:
    """What processing one batch did: index changes, diagnostics that appeared and went away, plugin failures."""

    changes: IndexChanges = field(default_factory=IndexChanges)
    new: list[Diagnostic] = field(default_factory=list)
    resolved: list[Diagnostic] = field(default_factory=list)
    plugin_problems: list[Diagnostic] = field(default_factory=list)
    checked: list[str] | None = field(default_factory=list)  # files whose diagnostics were compared; None: all


class _Dispatcher:
    """The observer's event handler: turns watchdog events into queue items, nothing more (it runs on watchdog's thread)."""

    def __init__(self, watcher: "Watcher"):
        self.watcher = watcher

    def dispatch(self, event) -> None:
        try:
            self.watcher._on_fs_event(event)
        except Exception as exc:  # never let the observer thread die
            self.watcher._queue.put(("error", f"{type(exc).__name__}: {exc}"))


class Watcher:
    """Watches one vault and keeps its index current.

    `start()` runs the loop in a background thread (tests), `run_forever()` in
    the calling thread until Ctrl-C or SIGTERM (the command). `process(paths)`
    handles a batch synchronously, with or without a running loop.
    """

    def __init__(self, vault_root: Path | str, pm=None, on_event: EventCallback | None = None,
                 debounce: float = 0.1, max_wait: float = 0.5):
        from ..model.config import load_config
        from ..reading.scan import VaultLayout

        self.root = Path(vault_root).resolve()
        self.config = load_config(self.root)  # ConfigError here, before anything starts
        self.layout = VaultLayout(self.root, self.config)
        self.pm = pm
        self.on_event = on_event
        self.debounce = max(0.0, float(debounce))
        self.max_wait = max(self.debounce, float(max_wait))
        self._queue: queue.Queue = queue.Queue()
        self._vault: Vault | None = None
        self._observer: BaseObserver | None = None
        self._thread: threading.Thread | None = None
        self._ready = threading.Event()
        self._start_error: BaseException | None = None
        self._stopping = False
        self._shown: dict[str, set[Diagnostic]] | None = None  # diagnostics by file, as last reported (or found at start)
        self.batches = 0  # batches processed, for tests and curiosity

    # Public API ----------------------------------------------------------------------------------

    def start(self, timeout: float = 60.0) -> "Watcher":
        """Start watching in a background thread; returns once the index is current and events are seen."""
        if self._thread is not None:
            return self
        self._stopping = False
        self._queue = queue.Queue()  # nothing left over from an earlier run, a "stop" least of all
        self._ready.clear()
        self._start_error = None
        self._thread = threading.Thread(target=self._thread_main, name="netfiles-watch", daemon=True)
        self._thread.start()
        if not self._ready.wait(timeout):
            raise TimeoutError("the watcher did not start in time")
        if self._start_error is not None:
            self._thread.join()
            self._thread = None
            raise self._start_error
        return self

    def stop(self, timeout: float = 10.0) -> None:
        """Stop the observer and the loop, close the index. Safe to call twice."""
        self._stopping = True
        self._queue.put(("stop",))
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout)
            self._thread = None
        elif self._thread is None:
            self._stop_observer()
            self._close_vault()

    close = stop

    def __enter__(self) -> "Watcher":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def run_forever(self) -> None:
        """Watch in this thread until Ctrl-C (SIGINT) or SIGTERM, then shut down cleanly."""
        restore = self._install_signal_handlers()
        try:
            self._begin()
            self._loop()
        except KeyboardInterrupt:  # a second Ctrl-C while busy: stop now, still cleanly
            pass
        finally:
            try:
                self._shutdown()
            finally:
                restore()

    def process(self, paths: Iterable[str | os.PathLike] | None = None) -> BatchResult:
        """Process one batch now and return what it did. None: every file whose stat differs from the index.

        Paths may be absolute or vault-relative; a folder stands for everything under it.
        With a running loop the batch is handed to the loop's thread (the one owning the index).
        """
        files, rescan = self._classify(paths)
        if self._thread is not None and self._thread.is_alive() and threading.current_thread() is not self._thread:
            done = threading.Event()
            box: dict[str, Any] = {}  # "result" or "error", put there by the loop's thread
            self._queue.put(("call", files, rescan, done, box))
            while not done.wait(0.1):
                if self._thread is None or not self._thread.is_alive():
                    raise RuntimeError("the watcher stopped before processing the batch")
            if "error" in box:
                raise box["error"]
            return box["result"]
        return self._process_batch(files, rescan)

    @property
    def vault(self) -> Vault:
        """The watcher's own Vault (opened on first use, in the thread that owns it)."""
        if self._vault is None:
            from ..store.vault import Vault

            self._vault = Vault(self.root, self.config)
        return self._vault

    # Loop ----------------------------------------------------------------------------------------

    def _thread_main(self) -> None:
        try:
            self._begin()
        except BaseException as exc:
            self._start_error = exc
            self._stop_observer()
            self._close_vault()
            self._ready.set()
            return
        try:
            self._loop()
        finally:
            self._shutdown()

    def _begin(self) -> None:
        """Index the vault, start the observer, catch up on what changed meanwhile, say `watching`."""
        vault = self.vault
        first = vault.refresh()  # may use worker processes: done before any watchdog thread exists
        self._start_observer()
        second = self._refresh_changed(lambda only: vault.index.refresh(only=only))  # changed meanwhile
        from ..rules.check import check_vault

        self._remember(check_vault(vault, self.pm, None).diagnostics, None)  # what later changes are compared with
        _forget_loaded(vault)
        changes = IndexChanges(sorted(set(first.added) | set(second.added)),
                               sorted(set(first.changed) | set(second.changed)),
                               sorted(set(first.removed) | set(second.removed)), first.unchanged)
        if changes:
            self._call_changed_hook(changes)
        self._emit({"event": "watching", "vault": str(self.root), "files": vault.index.count(),
                    "added": len(changes.added), "changed": len(changes.changed), "removed": len(changes.removed),
                    "observer": type(self._observer).__name__})
        self._ready.set()

    def _loop(self) -> None:
        """Collect paths until the batch is due (quiet for `debounce`, or `max_wait` after its first event)."""
        files: dict[str, None] = {}
        rescan = False
        due = 0.0
        first = 0.0
        while not self._stopping:
            pending = bool(files) or rescan
            timeout = max(0.0, due - time.monotonic()) if pending else _IDLE_POLL
            try:
                item = self._queue.get(timeout=timeout)
            except queue.Empty:
                item = None
            except KeyboardInterrupt:  # a second Ctrl-C, or SIGINT without our handler
                break
            if item is not None:
                tag = item[0]
                if tag == "stop":
                    break
                if tag == "call":
                    self._answer_call(*item[1:])
                elif tag in ("error", "note"):
                    self._emit({"event": tag, "message": item[1]})
                else:
                    now = time.monotonic()
                    if not pending:
                        first = now
                    due = min(now + self.debounce, first + self.max_wait)
                    if tag == "file":
                        files[item[1]] = None
                    else:
                        rescan = True
            if (files or rescan) and time.monotonic() >= due:
                batch, full = list(files), rescan
                files, rescan = {}, False
                try:
                    self._process_batch(batch, full)
                except Exception as exc:  # one bad batch must not end the watch
                    self._emit({"event": "error", "message": f"{type(exc).__name__}: {exc}"})

    def _answer_call(self, paths, rescan, done, box) -> None:
        try:
            box["result"] = self._process_batch(paths, rescan)
        except Exception as exc:
            box["error"] = exc
        done.set()

    def _shutdown(self) -> None:
        self._stop_observer()
        self._close_vault()
        self._emit({"event": "stopped"})

    # Observer ------------------------------------------------------------------------------------

    def _start_observer(self) -> None:
        import warnings

        from watchdog.events import (DirCreatedEvent, DirDeletedEvent, DirMovedEvent, FileClosedEvent,
                                     FileCreatedEvent, FileDeletedEvent, FileModifiedEvent, FileMovedEvent)
        from watchdog.observers import Observer

        # watchdog warns when a folder comes back with the same inode (moved out and in again); it copes.
        warnings.filterwarnings("ignore", message="Callback with id", category=RuntimeWarning)
        wanted = [FileCreatedEvent, FileModifiedEvent, FileMovedEvent, FileDeletedEvent, FileClosedEvent,
                  DirCreatedEvent, DirDeletedEvent, DirMovedEvent]
        handler = _Dispatcher(self)
        try:
            observer = Observer()
            self._schedule(observer, handler, wanted)
            observer.start()
        except OSError as exc:  # e.g. inotify instance or watch limits reached: fall back to polling
            from watchdog.observers.polling import PollingObserver

            self._emit({"event": "note", "message": f"cannot use native file events ({exc}); polling instead"})
            observer = PollingObserver(timeout=0.25)
            self._schedule(observer, handler, wanted)
            observer.start()
        self._observer = observer

    def _schedule(self, observer, handler, wanted) -> None:
        try:
            observer.schedule(handler, str(self.root), recursive=True, event_filter=wanted)
        except TypeError:  # watchdog before 4.0 has no event_filter; _on_fs_event filters anyway
            observer.schedule(handler, str(self.root), recursive=True)

    def _stop_observer(self) -> None:
        observer, self._observer = self._observer, None
        if observer is not None:
            try:
                observer.stop()
                observer.join(timeout=5)
            except Exception:
                pass

    def _on_fs_event(self, event) -> None:
        """Runs on watchdog's thread: keep only what may change the index, as vault-relative paths."""
        kind = event.event_type
        if kind not in _CONTENT_EVENTS or self._stopping:
            return
        raw_paths = [event.src_path]
        if kind == "moved":
            raw_paths.append(getattr(event, "dest_path", ""))
        for raw in raw_paths:
            if not raw:
                continue
            rel = self.layout.relative(os.fsdecode(raw))
            if rel is None:
                continue
            if event.is_directory:
                if rel == "." and kind in ("deleted", "moved"):
                    self._queue.put(("note", "the vault folder itself was deleted or moved away; "
                                             "nothing is watched any more (Ctrl-C, then start again)"))
                if kind != "modified" and (rel == "." or not self.layout.is_ignored(rel + "/x")):
                    self._queue.put(("dir", rel))
            elif rel == f"{CONFIG_DIR}/{CONFIG_FILE}":
                self._queue.put(("note", f"{rel} changed; restart `netfiles watch` to use the new settings"))
            elif self._counts(rel):
                self._queue.put(("file", rel))

    def _counts(self, rel: str) -> bool:
        """A Markdown file the index keeps (not hidden, not in an ignored folder)."""
        return not rel.rsplit("/", 1)[-1].startswith(".") and self.layout.is_markdown(rel)

    # Batches -------------------------------------------------------------------------------------

    def _classify(self, paths) -> tuple[list[str], bool]:
        if paths is None:
            return [], True
        files, rescan = [], False
        for path in paths:
            text = os.fspath(path)
            rel = self.layout.relative(text) if os.path.isabs(text) else Path(text).as_posix()
            if rel is None:
                continue
            if rel in (".", "") or os.path.isdir(self.root / rel) or not rel.endswith(".md"):
                rescan = True
            elif self._counts(rel):
                files.append(rel)
        return files, rescan

    def _process_batch(self, files: list[str], rescan: bool = False) -> BatchResult:
        from ..rules.check import check_vault

        vault = self.vault
        index = vault.index
        candidates = set(files)
        if rescan:
            candidates |= self._stale_paths()
        paths = sorted(p for p in candidates if self._counts(p))
        result = BatchResult()
        if not paths:
            return result
        self.batches += 1

        checked = None if len(paths) > _WHOLE_VAULT_BATCH else self._touched(paths)
        problems: list[Diagnostic] = []
        if self._shown is None:  # first batch of a watcher used without `start()`: the index as it stands now
            self._remember(check_vault(vault, self.pm, None).diagnostics, None)
        scope = None if checked is None else set(checked)
        before = {d for path, diags in (self._shown or {}).items() if scope is None or path in scope for d in diags}
        changes = self._refresh_changed(lambda only: index.refresh(only=only, force=only), paths)
        _forget_loaded(vault)
        vault.changes = changes
        result.changes, result.checked = changes, checked
        for rel, how in sorted([(p, "added") for p in changes.added] + [(p, "changed") for p in changes.changed]
                               + [(p, "removed") for p in changes.removed]):
            self._emit({"event": "indexed", "path": rel, "change": how})

        after = {d for d in check_vault(vault, self.pm, checked).diagnostics if scope is None or d.path in scope}
        self._remember(after, scope)
        result.new = sorted(after - before)
        result.resolved = sorted(before - after)
        for status, diags in (("new", result.new), ("resolved", result.resolved)):
            for d in diags:
                self._emit({"event": "diagnostic", "status": status, **d.to_dict()})
        if changes:
            problems = self._call_changed_hook(changes)
        result.plugin_problems = problems
        return result

    def _remember(self, diagnostics: Iterable[Diagnostic], scope: set[str] | None) -> None:
        """Keep the diagnostics of these files (of every file when `scope` is None) as the ones last reported.

        The next batch compares against this memory, not against the index: another
        command (`netfiles ls`, a pre-commit run) may have refreshed the index first,
        and then the index already holds the "after" state.
        """
        by_path: dict[str, set[Diagnostic]] = {}
        for d in diagnostics:
            by_path.setdefault(d.path, set()).add(d)
        if scope is None or self._shown is None:
            self._shown = by_path
            return
        for path in scope:
            if path in by_path:
                self._shown[path] = by_path[path]
            else:
                self._shown.pop(path, None)

    def _touched(self, paths: list[str]) -> list[str]:
        """The files and the contacts they touch: those linking to any old or new name of one, identity twins."""
        from ..store.index import identity_keys, name_keys, read_and_parse

        index = self.vault.index
        root = str(self.root)
        names: set[str] = set()
        identities: set[str] = set()
        for rel in paths:
            old = index.record(rel)  # as indexed: its old names
            new = read_and_parse(root, rel, self.layout.is_contact(rel)) if os.path.isfile(self.root / rel) else None
            for record in (old, new):
                if record and record.get("kind") == "contact":
                    names |= name_keys(rel, record)
                    identities.update(identity_keys(record))
        touched = set(paths) | set(index.paths_linking(names))
        for key in identities:
            touched.update(index.paths_with_identity(key))
        return sorted(touched)

    def _refresh_changed(self, refresh, paths: list[str] | None = None) -> IndexChanges:
        """Refresh in chunks the index reads in this process (no worker processes next to watchdog's threads)."""
        if paths is None:
            paths = sorted(self._stale_paths())
        total = IndexChanges()
        for start in range(0, len(paths), _REFRESH_CHUNK):
            part = refresh(paths[start:start + _REFRESH_CHUNK])
            total.added += part.added
            total.changed += part.changed
            total.removed += part.removed
            total.unchanged += part.unchanged
        return total

    def _stale_paths(self) -> set[str]:
        """Files whose stat differs from the index, and indexed files that are gone: a stat-only walk."""
        index = self.vault.index
        on_disk = self.layout.walk()
        known = index.stamps()
        stale = {rel for rel, stamp in on_disk.items() if known.get(rel) != stamp}
        stale.update(rel for rel in known if rel not in on_disk)
        return stale

    def _call_changed_hook(self, changes: IndexChanges) -> list[Diagnostic]:
        if self.pm is None:
            return []
        from ..plugin_api.plugins import call_hook

        problems: list[Diagnostic] = []
        call_hook(self.pm, "netfiles_index_changed", problems, vault=self.vault,
                  added=list(changes.added), changed=list(changes.changed), removed=list(changes.removed))
        for d in problems:
            self._emit({"event": "diagnostic", "status": "new", **d.to_dict()})
        return problems

    # Plumbing ------------------------------------------------------------------------------------

    def _emit(self, event: dict) -> None:
        if self.on_event is not None:
            try:
                self.on_event(event)
            except BrokenPipeError:  # the reader went away (`netfiles watch | head`): nobody to tell, stop
                self.on_event = None
                self._stopping = True
            except KeyboardInterrupt:
                raise
            except Exception as exc:
                print(f"netfiles watch: event callback failed: {type(exc).__name__}: {exc}", file=sys.stderr)

    def _close_vault(self) -> None:
        vault, self._vault = self._vault, None
        if vault is not None:
            try:
                vault.index.close()
            except Exception:
                pass  # a connection made in another thread; it closes when collected

    def _install_signal_handlers(self):
        """First Ctrl-C or SIGTERM: finish the current batch, then stop. A second Ctrl-C interrupts."""
        if threading.current_thread() is not threading.main_thread():
            return lambda: None
        previous = {}

        def handler(signum, frame):
            if self._stopping and signum == signal.SIGINT:
                raise KeyboardInterrupt
            self._stopping = True

        for sig in (signal.SIGINT, signal.SIGTERM):
            try:
                previous[sig] = signal.signal(sig, handler)
            except (ValueError, OSError):
                pass

        def restore():
            for sig, old in previous.items():
                try:
                    signal.signal(sig, old)
                except (ValueError, OSError):
                    pass

        return restore


def _forget_loaded(vault) -> None:
    """Drop whatever the vault read from the index (contacts, records, lookups), so lookups see the new index."""
    vault.forget()


# Output ------------------------------------------------------------------------------------------

def format_event(event: dict) -> tuple[str, bool] | None:
    """(text line, to stderr?) for one watcher event, or None for events the text output leaves out."""
    kind = event.get("event")
    if kind == "watching":
        since = ""
        if event.get("added") or event.get("changed") or event.get("removed"):
            since = f"; since last run {event['added']} added, {event['changed']} changed, {event['removed']} removed"
        return f"watching {event['vault']} ({event['files']} files indexed{since}; Ctrl-C to stop)", False
    if kind == "indexed":
        return f"indexed {event['path']} ({event['change']})", False
    if kind == "diagnostic":
        line = f"{event['path']}:{event['line']}:{event['col']}: {event['code']} {event['message']}"
        return ("resolved: " + line if event.get("status") == "resolved" else line), False
    if kind == "error":
        return f"netfiles watch: error: {event['message']}", True
    if kind == "note":
        return f"note: {event['message']}", True
    if kind == "stopped":
        return "stopped", False
    return None


def printer(output_format: str = "text") -> EventCallback:
    """The command's `on_event`: one flushed line per event, text or JSON."""
    import json

    def emit(event: dict) -> None:
        if output_format == "json":
            to_err = event.get("event") in ("error", "note")
            text = json.dumps(event, ensure_ascii=False)
        else:
            formatted = format_event(event)
            if formatted is None:
                return
            text, to_err = formatted
        stream = sys.stderr if to_err else sys.stdout
        try:
            stream.write(text + "\n")
            stream.flush()
        except BrokenPipeError:
            # Point the stream at /dev/null so that Python's own flush at exit does not complain again.
            os.dup2(os.open(os.devnull, os.O_WRONLY), stream.fileno())
            raise

    return emit

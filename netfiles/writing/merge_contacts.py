"""`netfiles merge A B`: two contact files that are the same person become one.

A keeps its values; B's emails, phones, aliases, tags, education and knows
are added to A's lists, B's name becomes an alias, fields only B has are
filled in, B's log lines and notes are added, links to B anywhere in the
vault are rewired to A (only the link text changes, one line at a time),
and B's file is removed.  The plan is made before anything is written, so
`--dry-run` shows exactly what a real run does.  Every write goes through
`netfiles.writing.writes`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..cli.app import NetfilesError, UsageProblem, pass_app
from ..model.config import CONFIG_DIR

if TYPE_CHECKING:
    from ..model.contact import Contact

LIST_KEYS = ("aliases", "emails", "phones", "tags", "education", "knows")
_SKIPPED_DIRS = {CONFIG_DIR, ".git", ".obsidian", ".trash"}
_LINK = re.compile(r"\[\[([^\[\]]+?)\]\]")


@dataclass
class MergePlan:
    keep: Contact  # A
    drop: Contact  # B
    add: dict = field(default_factory=dict)  # list key -> items to add to A
    fill: dict = field(default_factory=dict)  # scalar key -> value only B has
    differences: list = field(default_factory=list)
    log: list = field(default_factory=list)  # (date, kind, text) only B has
    notes: str = ""  # B's body text besides its title and log
    rewires: dict = field(default_factory=dict)  # path -> {line index: (old line, new line)}
    left: list = field(default_factory=list)  # links that were not rewired, and why

    def changes(self) -> list[str]:
        a, b = self.keep.path, self.drop.path
        lines = [f"{a}: add {key}: {', '.join(map(str, items))}" for key, items in self.add.items()]
        lines += [f"{a}: set {key}: {value}" for key, value in self.fill.items()]
        lines += [f"{a}: add log line - {d.isoformat()} {k}" + (f": {t}" if t else "") for d, k, t in self.log]
        if self.notes:
            lines.append(f"{a}: add B's notes ({len(self.notes.splitlines())} lines) under '## Notes from {Path(b).stem}'")
        for path, changes in sorted(self.rewires.items()):
            for index, (old, new) in sorted(changes.items()):
                lines.append(f"{path}:{index + 1}: {old.strip()}  ->  {new.strip()}")
        lines.append(f"remove {b}")
        return lines


def _as_list(value) -> list:
    if value in (None, ""):
        return []
    return value if isinstance(value, list) else [value]


def _fold(text) -> str:
    return " ".join(str(text).split()).casefold()


def _body(text: str) -> str:
    """A contact file's own notes: the body without front matter, its `# Title` and its Log section."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[0].strip() == "---":
        for i in range(1, len(lines)):
            if lines[i].strip() in ("---", "..."):
                lines = lines[i + 1:]
                break
    kept: list[str] = []
    skipping_level, title_done = 0, False
    for line in lines:
        heading = re.match(r"^(#{1,6})[ \t]+(.*?)[ \t#]*$", line)
        if heading:
            level = len(heading.group(1))
            if skipping_level and level > skipping_level:
                continue
            skipping_level = 0
            if heading.group(2).strip().lower() == "log":
                skipping_level = level
                continue
            if not title_done and level == 1 and not any(k.strip() for k in kept):
                title_done = True
                continue
        elif skipping_level:
            continue
        kept.append(line)
    return "\n".join(kept).strip("\n")


def _markdown_files(root: Path, ignore: list[str]):
    skip = _SKIPPED_DIRS | set(ignore or ())
    for path in sorted(root.rglob("*.md")):
        rel = path.relative_to(root)
        if not any(part in skip for part in rel.parts[:-1]):
            yield path, rel.as_posix()


def plan_merge(vault, keep, drop) -> MergePlan:
    """What merging `drop` (B) into `keep` (A) changes, without writing anything."""
    from ..reading.wikilinks import link_target

    plan = MergePlan(keep, drop)
    a, b = keep.front_matter, drop.front_matter
    for key in LIST_KEYS:
        have = {_fold(v) for v in _as_list(a.get(key))}
        extra = []
        wanted = list(_as_list(b.get(key)))
        if key == "aliases":
            wanted += [drop.name, Path(drop.path).stem]
            have |= {_fold(keep.name), _fold(Path(keep.path).stem)}
        for value in wanted:
            if key == "knows" and vault.resolve_paths(link_target(str(value))) in ([keep.path], [drop.path]):
                continue  # B knowing A is no tie of A's
            if _fold(value) not in have:
                have.add(_fold(value))
                extra.append(str(value))
        if extra:
            plan.add[key] = extra
    for key, value in b.items():
        if key in LIST_KEYS or key == "name" or value in (None, "", [], {}):
            continue
        mine = a.get(key)
        if mine in (None, "", [], {}):
            plan.fill[key] = value
        elif _fold(mine) != _fold(value):
            plan.differences.append(f"{key}: {mine!r} kept ({drop.path} says {value!r})")
    mine = {(i.date, i.kind, i.text) for i in keep.interactions if i.source == keep.path}
    for i in sorted(drop.interactions, key=lambda i: (i.date, i.kind, i.text)):
        if i.source == drop.path and (i.date, i.kind, i.text) not in mine:
            mine.add((i.date, i.kind, i.text))
            plan.log.append((i.date, i.kind, i.text))
    plan.notes = _body((vault.root / drop.path).read_text(encoding="utf-8"))
    stem = Path(keep.path).stem
    for path, rel in _markdown_files(vault.root, vault.config.data.get("ignore")):
        if rel == drop.path:
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        if "[[" not in text:
            continue
        for index, line in enumerate(re.findall(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$", text)):
            if "[[" not in line:
                continue

            def rewire(match):
                raw = match.group(1)
                target = link_target(raw)
                if vault.resolve_paths(target) != [drop.path]:
                    return match.group(0)
                if rel == keep.path:
                    plan.left.append(f"{rel}:{index + 1}: [[{raw}]] would link {keep.name} to themself; "
                                     "left for you to remove")
                    return match.group(0)
                rest = raw[len(raw.split("|", 1)[0].split("#", 1)[0]):]
                return f"[[{stem}{rest}]]"

            new = _LINK.sub(rewire, line)
            if new != line:
                plan.rewires.setdefault(rel, {})[index] = (line.rstrip("\r\n"), new.rstrip("\r\n"))
    return plan


def apply_merge(vault, plan: MergePlan, snapshots: dict) -> None:
    from . import writes

    path = vault.root / plan.keep.path
    snapshot = snapshots[plan.keep.path]
    for key, items in plan.add.items():
        writes.add_list_items(path, key, items, snapshot)
        snapshot = None
    if plan.fill:
        writes.set_missing_fields(path, plan.fill, snapshot)
        snapshot = None
    for day, kind, text in plan.log:
        writes.append_log_line(path, day, kind, text, snapshot)
        snapshot = None
    if plan.notes:
        writes.append_text(path, f"\n## Notes from {Path(plan.drop.path).stem}\n\n{plan.notes}", snapshot)
        snapshot = None
    for rel, changes in sorted(plan.rewires.items()):
        target = vault.root / rel
        writes.replace_lines(target, {i: new for i, (_old, new) in changes.items()},
                             snapshots.get(rel) or writes.Snapshot.read(target))
    writes.remove_file(vault.root / plan.drop.path, snapshots[plan.drop.path])


@click.command()
@click.argument("first")
@click.argument("second")
@click.option("--dry-run", is_flag=True, help="Show every change; write nothing.")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@pass_app
def merge(app, first, second, dry_run, output_format):
    """Join SECOND into FIRST: two contact files that are the same person.

    FIRST keeps its values where both have one (the differences are
    listed); SECOND's emails, phones, aliases, tags, education, knows, log
    lines and notes are added to it, and fields only SECOND has are filled
    in. SECOND's name becomes an alias. Links to SECOND in other files
    (`knows`, `introduced_by`, wikilinks in notes) are rewired to FIRST,
    one line each, and SECOND's file is removed. Run with --dry-run first.

    \b
    Examples:
      netfiles merge "Christopher Lee" "Chris Lee" --dry-run
      netfiles merge people/ana-souza.md people/ana-work.md
    """
    from . import writes
    from ..cli.output import print_json

    vault = app.vault
    keep, drop = _contact(vault, first), _contact(vault, second)
    if keep.path == drop.path:
        raise UsageProblem(f"{first!r} and {second!r} are the same file ({keep.path})")
    snapshots = {keep.path: writes.Snapshot.read(vault.root / keep.path),
                 drop.path: writes.Snapshot.read(vault.root / drop.path)}
    plan = plan_merge(vault, keep, drop)
    for rel in plan.rewires:
        snapshots.setdefault(rel, writes.Snapshot.read(vault.root / rel))
    if not dry_run:
        try:
            apply_merge(vault, plan, snapshots)
        except (writes.FileChangedError, writes.WriteError, OSError) as exc:
            raise NetfilesError(f"merge stopped: {exc}") from None
    if output_format == "json":
        print_json({"dry_run": dry_run, "kept": keep.path, "removed": drop.path, "changes": plan.changes(),
                    "differences": plan.differences, "not_rewired": plan.left})
        return
    verb = "would merge" if dry_run else "merged"
    click.echo(f"{verb} {drop.path} into {keep.path}:")
    for line in plan.changes():
        click.echo(f"  {line}")
    if plan.differences:
        click.echo(f"\nKept as in {keep.path}:")
        for line in plan.differences:
            click.echo(f"  {line}")
    for line in plan.left:
        click.echo(f"note: {line}", err=True)
    if dry_run:
        click.echo("\n(dry run: nothing written)")


def _contact(vault, name: str):
    from ..store.vault import ContactNotFound

    if name.endswith(".md"):
        found = vault.contact_at(Path(name).as_posix()) or vault.contact_at(
            Path(name).resolve().relative_to(vault.root.resolve()).as_posix()
            if Path(name).resolve().is_relative_to(vault.root.resolve()) else name)
        if found is not None:
            return found
    try:
        return vault.find(name)
    except ContactNotFound as exc:
        raise UsageProblem(str(exc)) from None

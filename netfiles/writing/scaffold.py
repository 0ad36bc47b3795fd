"""`netfiles init`: the files of a new vault, written only where nothing exists yet.

It also fits netfiles into a folder that is already an Obsidian vault: Obsidian's
settings are never touched, an existing contacts folder is used instead of a new
one, and the contact template goes where Obsidian looks for templates.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from ..model.config import CONFIG_PATH, VaultPaths
from .writes import write_atomic

CONFIG_TEMPLATE = """\
# netfiles settings. Every line is optional; the values are the defaults unless `netfiles init` was told otherwise.
# The file format and every setting: `netfiles help format` (docs/format.md).

# Folders whose Markdown files are contacts (nested folders are fine).
people = {people}

# Folders and files netfiles never reads (names or glob patterns).
ignore = {ignore}

# How often to keep in touch with a contact who has no `cadence` of their own:
# <n>d, <n>w, <n>m (30 days), <n>y, weekly, fortnightly, monthly, quarterly, yearly.
default_cadence = "90d"

[plugins]
# Plugins to switch off, by name (see `netfiles plugins`).
disabled = []

[me]
# You, the owner of this network, with the same fields as a contact. Importers recognise
# you by name, emails and LinkedIn URL (you are never made a contact); the health report
# compares your network with your own industry, location...
{me}# industry = "tech"
# function = "engineering"
# location = "Lisbon"
# country = "PT"
# seniority = "senior"

# [channels]
# Extra interaction kinds per channel (in-person, call, online), e.g.:
# in-person = ["brunch", "hike"]

# [reminders]
# per_week = 3          # how many people you can really get in touch with a week

# [ties]                # who knows whom, from shared meetings, mails and notes (netfiles help ties)
# min_evidence = 2      # occasions together before two contacts count as knowing each other
# max_group = 8         # larger meetings or mails say nothing about who knows whom

# [industries]          # organization = industry, for the health report (netfiles orgs lists them)
# "Acme Bank" = "finance"

# [health]
# pace_per_month = 8    # new contacts a month before netfiles warns of overload
"""

TEMPLATE = """\
---
name: "{{title}}"
aliases: []
emails: []
organization:
role:
industry:
location:
tags: []
met: {{date:YYYY-MM-DD}}
how_met:
knows: []
cadence: quarterly
---
# {{title}}

## Log
"""

#: The `repo: local` hook: runs the netfiles on the committer's PATH, so it works from any checkout
#: of netfiles without a published release (the remote form is in docs/pre-commit.md).
PRE_COMMIT_HOOK = """\
  - repo: local
    hooks:
      - id: netfiles-check
        name: netfiles check
        entry: netfiles check
        language: system
        types: [markdown]
        require_serial: true
"""

#: Folder names that already hold people in an existing notes vault, checked case-insensitively.
PEOPLE_FOLDER_NAMES = ("people", "contacts", "persons", "network", "crm")


@dataclass
class Owner:
    """The vault owner for `[me]`: who importers must never turn into a contact."""

    name: str = ""
    emails: list[str] = field(default_factory=list)
    linkedin: str = ""

    def toml_lines(self) -> str:
        lines = [f"name = {json.dumps(self.name, ensure_ascii=False)}\n" if self.name else '# name = "Sam Owner"\n']
        if self.emails:
            lines.append(f"emails = {json.dumps(self.emails, ensure_ascii=False)}\n")
        else:
            lines.append('# emails = ["sam@example.org"]\n')
        if self.linkedin:
            lines.append(f"linkedin = {json.dumps(self.linkedin, ensure_ascii=False)}\n")
        return "".join(lines)


@dataclass
class InitPlan:
    """What `init` will do in a folder, worked out before anything is written."""

    directory: Path
    people: str
    templates: str
    obsidian: bool
    existing_people: bool


def plan_init(directory: Path, people: str | None = None) -> InitPlan:
    """Choose the people and templates folders: what the user said, else what the vault already has."""
    directory = Path(directory)
    obsidian = (directory / ".obsidian").is_dir()
    templates = _obsidian_templates_folder(directory) if obsidian else None
    if people is None:
        people = _existing_people_folder(directory) or "people"
    people = people.strip("/") or "people"
    return InitPlan(directory, people, templates or "templates", obsidian, (directory / people).is_dir())


def _existing_people_folder(directory: Path) -> str | None:
    """A top-level folder that already holds contacts (People/, Contacts/...), so none is added beside it."""
    try:
        folders = sorted(p.name for p in directory.iterdir() if p.is_dir() and not p.name.startswith("."))
    except OSError:
        return None
    for wanted in PEOPLE_FOLDER_NAMES:
        for name in folders:
            if name.lower() == wanted:
                return name
    return None


def _obsidian_templates_folder(directory: Path) -> str | None:
    """The folder Obsidian's core Templates plugin uses (`.obsidian/templates.json`), when set."""
    try:
        data = json.loads((directory / ".obsidian" / "templates.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    folder = data.get("folder") if isinstance(data, dict) else None
    return folder.strip("/") if isinstance(folder, str) and folder.strip("/") else None


def config_text(plan: InitPlan, owner: Owner) -> str:
    ignore = [".obsidian", ".git", ".trash", plan.templates]
    return CONFIG_TEMPLATE.format(people=json.dumps([plan.people], ensure_ascii=False),
                                  ignore=json.dumps(ignore, ensure_ascii=False), me=owner.toml_lines())


def init_vault(directory: Path, people: str | None = None, owner: Owner | None = None) -> list[str]:
    """Create what is missing of a vault in `directory`; returns the paths created (relative)."""
    plan = plan_init(Path(directory), people)
    created = []
    files = {
        CONFIG_PATH: config_text(plan, owner or Owner()),
        VaultPaths(directory).relative(VaultPaths(directory).gitignore): "# The index is derived data; netfiles rebuilds it.\ncache/\n",
        f"{plan.templates}/contact.md": TEMPLATE,
    }
    for rel, text in files.items():
        path = plan.directory / rel
        if path.exists():
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, text.encode("utf-8"), create=True)
        created.append(rel)
    folder = plan.directory / plan.people
    if not folder.exists():
        folder.mkdir(parents=True)
        created.append(plan.people + "/")
    return created


def pre_commit_config(vault: Path, repo_root: Path | None) -> str:
    """A `.pre-commit-config.yaml` with the local netfiles hook, limited to the vault when it is a sub-folder."""
    hook = PRE_COMMIT_HOOK
    if repo_root is not None:
        rel = Path(vault).resolve().relative_to(Path(repo_root).resolve()).as_posix()
        if rel != ".":
            hook += f"        files: ^{rel}/\n"
    return "repos:\n" + hook


def write_pre_commit_config(vault: Path, repo_root: Path | None) -> Path | None:
    """Write `.pre-commit-config.yaml` at the repository root; None when one exists (never overwritten)."""
    target = Path(repo_root or vault) / ".pre-commit-config.yaml"
    if target.exists():
        return None
    write_atomic(target, pre_commit_config(vault, repo_root).encode("utf-8"), create=True)
    return target

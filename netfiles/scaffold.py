"""`netfiles init`: the files of a new vault, written only where nothing exists yet."""
from __future__ import annotations

from pathlib import Path

from .writes import write_atomic

CONFIG_TEMPLATE = """\
# netfiles settings. Every line is optional; these are the defaults.
# The file format and every setting: `netfiles help format` (docs/format.md).

# Folders whose Markdown files are contacts (nested folders are fine).
people = ["people"]

# Folders and files netfiles never reads (names or glob patterns).
ignore = [".obsidian", ".git", ".trash", "templates"]

# How often to keep in touch with a contact who has no `cadence` of their own:
# <n>d, <n>w, <n>m (30 days), <n>y, weekly, fortnightly, monthly, quarterly, yearly.
default_cadence = "90d"

[plugins]
# Plugins to switch off, by name (see `netfiles plugins`).
disabled = []

[me]
# You, the owner of this network, with the same fields as a contact.
# Used to measure how diverse your network is compared with yourself.
# name = "Sam Owner"
# industry = "tech"
# function = "engineering"
# location = "Lisbon"
# country = "PT"
# seniority = "senior"

# [channels]
# Extra interaction kinds per channel (in-person, call, online), e.g.:
# in-person = ["brunch", "hike"]

# [reminders]
# per_week = 3          # how many people you can really get in touch with a week

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

PRE_COMMIT_SNIPPET = """\
repos:
  - repo: https://github.com/netfiles/netfiles
    rev: v0.1.0
    hooks:
      - id: netfiles-check"""


def init_vault(directory: Path) -> list[str]:
    """Create what is missing of a vault in `directory`; returns the paths created (relative)."""
    directory = Path(directory)
    created = []
    files = {
        ".netfiles/config.toml": CONFIG_TEMPLATE,
        ".netfiles/.gitignore": "# The index is derived data; netfiles rebuilds it.\ncache/\n",
        "templates/contact.md": TEMPLATE,
    }
    for rel, text in files.items():
        path = directory / rel
        if path.exists():
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, text.encode("utf-8"), create=True)
        created.append(rel)
    people = directory / "people"
    if not people.exists():
        people.mkdir(parents=True)
        created.append("people/")
    return created

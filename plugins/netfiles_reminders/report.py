"""The "Keep in touch" section of `netfiles report`: the top of the due list and this week's suggestions."""
from __future__ import annotations

import datetime as _dt

import netfiles

from .schedule import CONTACT, describe_overdue, due_contacts
from .suggest import suggest

TOP = 5


def keep_in_touch_section(vault, today: _dt.date):
    items = due_contacts(vault, today)
    contacts = [i for i in items if i.kind == CONTACT]
    birthdays = [i for i in items if i.kind != CONTACT]
    picks = suggest(vault, today, 3)
    lines = [f"{len(contacts)} contact{'s' * (len(contacts) != 1)} due."]
    for item in contacts[:TOP]:
        lines.append(f"  {item.name}: {describe_overdue(item.overdue_days)} ({item.reason})")
    if len(contacts) > TOP:
        lines.append(f"  ... and {len(contacts) - TOP} more: run `netfiles due`.")
    for item in birthdays:
        lines.append(f"  {item.name}: {item.reason}")
    if picks:
        lines.append("This week:")
        lines.extend(f"  {p.name}: {p.reason}" for p in picks)
    data = {"due_count": len(contacts), "due": [i.to_dict() for i in contacts[:TOP]],
            "birthdays": [i.to_dict() for i in birthdays], "suggestions": [p.to_dict() for p in picks]}
    return netfiles.ReportSection("Keep in touch", "\n".join(lines), data, order=20)

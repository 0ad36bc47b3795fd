"""Spread the due contacts over the coming weeks, at most `per_week` a week: a rhythm, not a pile.

Weeks are ISO weeks (Monday to Sunday), starting with the week holding
`today`. Greedy, deterministic:

1. take every contact due by the end of the last week (`due_contacts` with
   the window reaching that Sunday; birthdays are not planned, they keep
   their own date in `due`);
2. in order of the week they fall due in (overdue ones: this week), then by
   urgency (`schedule.urgency_key`), put each into the earliest week, not
   before its due week, that has room;
3. once planned, a contact falls due again one cadence after the planned
   week (not before its due date), and is planned again if that is inside
   the horizon: a fortnightly contact takes two slots in four weeks (the
   planned day is the latest of the due date, the week's Monday and today);
4. what finds no room is the overflow: the promise the cadences make and the
   rhythm cannot keep.
"""
from __future__ import annotations

import datetime as _dt
import heapq
from dataclasses import dataclass, field

import netfiles

from .schedule import DueItem, due_contacts, format_days


@dataclass
class Week:
    start: _dt.date  # a Monday
    items: list[DueItem] = field(default_factory=list)

    @property
    def end(self) -> _dt.date:
        return netfiles.add_days(self.start, 6)

    @property
    def label(self) -> str:
        year, week, _day = self.start.isocalendar()
        return f"{year}-W{week:02d}"

    def to_dict(self) -> dict:
        return {"week": self.label, "start": self.start.isoformat(), "end": self.end.isoformat(),
                "contacts": [i.to_dict() for i in self.items]}


@dataclass
class Plan:
    today: _dt.date
    per_week: int
    weeks: list[Week]
    overflow: list[DueItem]

    @property
    def message(self) -> str:
        if not self.overflow:
            planned = sum(len(w.items) for w in self.weeks)
            return f"{planned} contacts planned, at most {self.per_week} a week."
        return (f"{len(self.overflow)} more than your rhythm allows in these weeks: consider longer cadences "
                f"(or raise reminders.per_week from {self.per_week}).")

    def to_dict(self) -> dict:
        return {"today": self.today.isoformat(), "per_week": self.per_week,
                "weeks": [w.to_dict() for w in self.weeks],
                "overflow": [i.to_dict() for i in self.overflow], "message": self.message}


def week_start(day: _dt.date) -> _dt.date:
    """The Monday of the ISO week holding `day`."""
    return netfiles.add_days(day, -day.weekday())


def plan_weeks(vault, today: _dt.date, weeks: int = 4, per_week: int = 3, tags=()) -> Plan:
    """Assign due contacts to `weeks` weeks from today's week, at most `per_week` each (see the module doc)."""
    if weeks < 1 or per_week < 1:
        raise ValueError("weeks and per_week must be at least 1")
    first = week_start(today)
    calendar = [Week(netfiles.add_days(first, 7 * k)) for k in range(weeks)]
    last_day = calendar[-1].end
    pending: list = []
    counter = 0

    def push(item: DueItem) -> None:
        nonlocal counter
        index = max((item.due_date - first).days // 7, 0)
        heapq.heappush(pending, (index, -item.urgency, -item.overdue_days, item.name.casefold(), item.path,
                                 counter, item))
        counter += 1

    for item in due_contacts(vault, today, within_days=(last_day - today).days, tags=tags, birthdays=False):
        push(item)
    overflow: list[DueItem] = []
    while pending:
        index, *_rest, item = heapq.heappop(pending)
        week = next((w for w in calendar[index:] if len(w.items) < per_week), None)
        if week is None:
            overflow.append(item)
            continue
        week.items.append(item)
        contacted = max(item.due_date, week.start, today)
        again = netfiles.add_days(contacted, item.cadence_days)
        if again <= last_day:
            push(DueItem(item.name, item.path, again, (today - again).days, item.last_contact, item.cadence_days,
                         item.kind, f"again: cadence {format_days(item.cadence_days)} after week {week.label}"))
    return Plan(today, per_week, calendar, overflow)

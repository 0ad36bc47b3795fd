"""This week's short list: a mix, not just the most overdue.

1. an overdue close tie: the most urgent due contact with a strong tie (3.5+)
   (or, when none is overdue, the close tie falling due soonest this week);
2. a dormant weak tie worth reviving: not a strong tie, no contact for more than
   a year (or none since you met, over a year ago), but some shared history;
3. someone from the group you see least: contacts grouped by
   `reminders.group_by` (default `industry`); the group whose latest contact
   is oldest, and in it the person you know best.

Strength is the written `strength` when set, else inferred from the log by
the core's rule (`netfiles.tie_strength`, docs/tiers.md); close means
`netfiles.is_strong`. Contacts with `cadence: never` or
snoozed past today are never suggested. Slots a rule cannot fill, and any
beyond three, go to the most urgent due contacts not yet picked. Everything is
sorted with names and paths as tie-breakers: the same vault and date always
give the same list.

Every rule reads the index's columns (`Vault.contact_facts`: fields and interaction
dates), not every contact in full: at 100,000 contacts that is a fifth of the memory.
Only the dormant tie's `how_met` is read from its file's record, and a `group_by`
field the columns do not hold is read one contact at a time (`Vault.each_contact`).
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

import netfiles

from .schedule import describe_overdue, due_contacts, due_date_of, format_days, last_contact_as_of
from .settings import group_by as group_by_setting

DORMANT_DAYS = 365
WEEK_DAYS = 6  # "this week": today .. today+6

CLOSE_TIE = "close-tie"
DORMANT_TIE = "dormant-tie"
QUIET_GROUP = "quiet-group"
DUE = "due"


@dataclass(frozen=True)
class Suggestion:
    name: str
    path: str
    pick: str  # close-tie, dormant-tie, quiet-group or due
    reason: str  # one line: why this person, this week
    last_contact: _dt.date | None
    due_date: _dt.date | None

    def to_dict(self) -> dict:
        return {"name": self.name, "path": self.path, "pick": self.pick, "reason": self.reason,
                "last_contact": self.last_contact.isoformat() if self.last_contact else None,
                "due_date": self.due_date.isoformat() if self.due_date else None}


def dates_as_of(contact, today: _dt.date) -> list[_dt.date]:
    """The dates of the contact's interactions on or before `today`, newest first (a `Contact` or its
    `ContactFacts`: both have `dates`)."""
    return [d for d in contact.dates if d <= today]


def tie_strength(contact, today: _dt.date) -> tuple[float, bool]:
    """(strength 1..5, whether it is the written one): `netfiles.tie_strength`, the core's one rule.

    Inferred from distinct contact days with decay (docs/tiers.md); a tie is
    close when `netfiles.is_strong` says so (3.5 and up: written 4 or 5, or
    about monthly contact).
    """
    found = netfiles.tie_strength(contact, today)
    return found.value, found.source == "written"


def _close(contact, today) -> bool:
    return netfiles.is_strong(tie_strength(contact, today)[0])


def _strength_text(contact, today) -> str:
    strength, written = tie_strength(contact, today)
    return f"strength {strength:.0f}" if written else f"strength {strength:.1f}, inferred from the log"


def eligible(vault, contact, today: _dt.date) -> bool:
    """Not opted out (`cadence: never`) and not snoozed past today."""
    if not vault.cadence_days(contact):
        return False
    return contact.snooze_until is None or contact.snooze_until <= today


def _ago(days: int) -> str:
    if days >= 365:
        years = f"{days / 365:.1f}".rstrip("0").rstrip(".")
        return f"{years} year{'s' * (years != '1')} ago"
    if days >= 60:
        return f"{days // 30} months ago"
    return f"{days} day{'s' * (days != 1)} ago"


def _overdue_text(item) -> str:
    return describe_overdue(item.overdue_days)


def _close_tie(vault, today, due, taken) -> Suggestion | None:
    """The most urgent close tie due by the end of the week (overdue ones first, by `urgency_key`)."""
    by_path = {c.path: c for c in vault.contact_facts()}
    for item in due:
        contact = by_path[item.path]
        if item.path in taken or not _close(contact, today):
            continue
        last = f"last contact {item.last_contact.isoformat()}" if item.last_contact else "no contact yet"
        reason = (f"close tie ({_strength_text(contact, today)}) {_overdue_text(item)}: {last}, "
                  f"cadence {format_days(item.cadence_days)}")
        return Suggestion(item.name, item.path, CLOSE_TIE, reason, item.last_contact, item.due_date)
    return None


def _know_best_key(contact, today):
    """Most shared history first, then the most recent contact, then the name: who you know best."""
    history = dates_as_of(contact, today)
    last = history[0] if history else contact.met
    return (-len(history), -(last.toordinal() if last else 0), contact.name.casefold(), contact.path)


def _dormant_tie(vault, today, due_dates, taken) -> Suggestion | None:
    """A weak tie silent for over a year (`met` counts as the last contact when nothing was logged)."""
    cutoff = netfiles.add_days(today, -DORMANT_DAYS)
    dormant, quiet = [], []
    for contact in vault.contact_facts():
        if contact.path in taken or not eligible(vault, contact, today) or _close(contact, today):
            continue
        history = dates_as_of(contact, today)
        since = history[0] if history else contact.met
        if since is None:
            continue  # no shared history: nothing to revive
        if since < cutoff:
            dormant.append(contact)
        elif history:
            quiet.append(contact)
    if dormant:
        contact = min(dormant, key=lambda c: _know_best_key(c, today))
        history = dates_as_of(contact, today)
        if history:
            last = history[0]
            times = f"{len(history)} interaction{'s' * (len(history) != 1)} in all"
            reason = (f"dormant weak tie: last contact {last.isoformat()} ({_ago((today - last).days)}), "
                      f"{times}; worth reviving")
        else:
            last = None
            how_met = _how_met(vault, contact.path)
            how = f" ({' '.join(str(how_met).split())})" if how_met else ""
            reason = (f"dormant weak tie: met {contact.met.isoformat()}{how}, {_ago((today - contact.met).days)}, "
                      f"and not in touch since; worth reviving")
        return Suggestion(contact.name, contact.path, DORMANT_TIE, reason, last, due_dates.get(contact.path))
    if quiet:  # nobody silent for a year: the weak tie silent longest
        contact = min(quiet, key=lambda c: (dates_as_of(c, today)[0], c.name.casefold(), c.path))
        last = dates_as_of(contact, today)[0]
        reason = (f"the weak tie you have heard from least recently: last contact {last.isoformat()} "
                  f"({_ago((today - last).days)})")
        return Suggestion(contact.name, contact.path, DORMANT_TIE, reason, last, due_dates.get(contact.path))
    return None


def _how_met(vault, path: str):
    """`how_met` as the file says it: not a column of the index, so read for the one contact that needs it."""
    contact = vault.contact_at(path)
    return contact.how_met if contact is not None else None


def _group_values(value) -> list[str]:
    """A field's value as the names of the groups it puts a contact in (a list gives one group per item)."""
    values = value if isinstance(value, (list, tuple)) else [value]
    return [str(v).strip() for v in values if v is not None and str(v).strip()]


# Fields the index keeps as columns, with the value `Contact.attribute` gives (`Vault.contact_fields`)
_COLUMNS = ("organization", "role", "industry", "location", "country")


def _values_by_path(vault, attribute: str) -> dict[str, list[str]]:
    """{path: groups} of every contact with a value of `attribute`: from the index's columns when it has them,
    else from each contact's file record in turn (any field a user may group by)."""
    if attribute in _COLUMNS:
        pairs = vault.contact_fields("path", attribute)
    elif attribute == "tags":
        pairs = ((c.path, c.tags) for c in vault.contact_facts())
    else:
        pairs = ((c.path, c.attribute(attribute)) for c in vault.each_contact())
    return {path: values for path, value in pairs if (values := _group_values(value))}


def groups_by_last_seen(vault, today: _dt.date, attribute: str) -> list[tuple[str, _dt.date | None, list]]:
    """(group, latest contact with any member, members), least seen first; members are `ContactFacts`.

    Groups of two or more people come before single-person groups; a group
    nobody in it has been in touch with comes first of all.
    """
    values = _values_by_path(vault, attribute)
    groups: dict[str, tuple[str, list]] = {}
    for contact in vault.contact_facts():
        for value in values.get(contact.path, ()):
            groups.setdefault(value.casefold(), (value, []))[1].append(contact)
    rows = []
    for _key, (label, members) in groups.items():
        dates = [d for d in (last_contact_as_of(c, today) for c in members) if d]
        rows.append((label, max(dates) if dates else None, members))
    rows.sort(key=lambda r: (len(r[2]) < 2, r[1] is not None, r[1] or _dt.date.min, r[0].casefold()))
    return rows


def _quiet_group(vault, today, due_dates, taken) -> Suggestion | None:
    attribute = group_by_setting(vault)
    for label, seen, members in groups_by_last_seen(vault, today, attribute):
        candidates = [c for c in members if c.path not in taken and eligible(vault, c, today)]
        if not candidates:
            continue
        contact = min(candidates, key=lambda c: _know_best_key(c, today))  # the person you know best there
        last = last_contact_as_of(contact, today)
        where = f"{attribute} {label!r}" if attribute != "tags" else f"tag #{label}"
        since = f"nobody there since {seen.isoformat()}" if seen else "no contact with anyone there yet"
        reason = f"from the group you see least ({where}: {since})"
        if last:
            reason += "; you know them best there"
        return Suggestion(contact.name, contact.path, QUIET_GROUP, reason, last, due_dates.get(contact.path))
    return None


def suggest(vault, today: _dt.date, n: int = 3) -> list[Suggestion]:
    """Up to `n` people to get in touch with this week, each with a one-line reason (see the module doc)."""
    due = due_contacts(vault, today, birthdays=False)
    this_week = due_contacts(vault, today, within_days=WEEK_DAYS, birthdays=False)
    due_dates = {c.path: due_date_of(vault, c, today) for c in vault.contact_facts()}
    picks: list[Suggestion] = []
    taken: set[str] = set()
    for rule in (lambda: _close_tie(vault, today, this_week, taken),
                 lambda: _dormant_tie(vault, today, due_dates, taken),
                 lambda: _quiet_group(vault, today, due_dates, taken)):
        if len(picks) >= n:
            break
        found = rule()
        if found is not None:
            picks.append(found)
            taken.add(found.path)
    for item in due:
        if len(picks) >= n:
            break
        if item.path in taken:
            continue
        last = f"last contact {item.last_contact.isoformat()}" if item.last_contact else "no contact yet"
        picks.append(Suggestion(item.name, item.path, DUE, f"{_overdue_text(item)}: {last}, cadence "
                                f"{format_days(item.cadence_days)}", item.last_contact, item.due_date))
        taken.add(item.path)
    return picks[:n]

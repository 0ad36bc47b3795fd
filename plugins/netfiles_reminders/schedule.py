"""Who is due: next contact dates from cadences, and birthdays in the coming week.

Pure functions of a Vault and a date, so tests, `netfiles report` and other
plugins call them directly; the commands only print what they return.

The rules (docs/reminders.md has the long version):

- Only what happened on or before `today` counts, so `--today` answers "as
  if it were that day": the last contact is the newest interaction dated
  `<= today`.
- Who: contacts with a written cadence, and contacts in the tiers of
  `reminders.tiers` (default inner and core, see docs/tiers.md). The wider
  network (LinkedIn connections you never talk to) gets no reminders.
- next date = last contact + cadence (the contact's own, else the vault's
  `default_cadence`); with no interaction, counted from the later of `met`
  and the day the contact entered the vault (`netfiles.entered_vault`), so
  a "Connected On" date of 2004 does not make anyone 8000 days overdue;
  with neither, today.
- `cadence: never` excludes the contact. `snooze_until` means "not before
  that day": the due date becomes the later of the next date and the snooze
  date, so a contact snoozed past today is never in `due` without
  `--within`, shows up only once the window reaches the snooze date, and
  counts as overdue from the snooze date, not from before it.
- Birthdays (`YYYY-MM-DD` or `--MM-DD`) are separate items of kind
  "birthday" when they fall in today .. today+6 (or the `--within` window
  when that is longer). 29 February is kept on 28 February in other years.
"""
from __future__ import annotations

import datetime as _dt
from typing import NamedTuple

import netfiles

CONTACT = "contact"
BIRTHDAY = "birthday"
BIRTHDAY_WINDOW_DAYS = 6  # today .. today+6: "the week they fall in"
# English names whatever the locale, so output is the same on every machine
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


class DueItem(NamedTuple):
    """One row of `netfiles due`: a contact to get in touch with, or a birthday.

    `overdue_days` is today - due_date: positive when late, 0 on the day,
    negative when it falls due later inside the `--within` window. A named tuple: `due`
    makes one per contact due, tens of thousands on a large vault, and a tuple is made
    several times faster.
    """

    name: str
    path: str
    due_date: _dt.date
    overdue_days: int
    last_contact: _dt.date | None
    cadence_days: int
    kind: str = CONTACT
    reason: str = ""

    @property
    def urgency(self) -> float:
        """Overdue days relative to the cadence: 1.0 means one whole cadence late."""
        return self.overdue_days / self.cadence_days if self.cadence_days else 0.0

    def to_dict(self) -> dict:
        return {"name": self.name, "path": self.path, "due_date": self.due_date.isoformat(),
                "overdue_days": self.overdue_days,
                "last_contact": self.last_contact.isoformat() if self.last_contact else None,
                "cadence_days": self.cadence_days, "kind": self.kind, "reason": self.reason}


def urgency_key(item: DueItem):
    """Most urgent first: overdue/cadence, then overdue days, then name (then path, to be total)."""
    return (-item.urgency, -item.overdue_days, item.name.casefold(), item.path)


def last_contact_as_of(contact, today: _dt.date) -> _dt.date | None:
    """The newest interaction dated on or before `today` (a Contact's or ContactFacts' `dates` are newest first)."""
    for date in contact.dates:
        if date <= today:
            return date
    return None


def next_contact_date(vault, contact, today: _dt.date) -> _dt.date | None:
    """When this contact next falls due, or None when it never does (`cadence: never`).

    Snoozes are not applied here; see `due_date_of`.
    """
    cadence = vault.cadence_days(contact)
    if not cadence:
        return None
    last = last_contact_as_of(contact, today)
    return _next_date(today, cadence, last, None if last is not None else counting_from(vault, contact, today)[0])


def _next_date(today: _dt.date, cadence: int, last: _dt.date | None, start: _dt.date | None) -> _dt.date:
    """The rule of `next_contact_date` once its parts are known: last contact + cadence, else the start
    (`counting_from`) + cadence, else today. `due` finds the parts once per contact and reuses them in the reason."""
    if last is not None:
        return netfiles.add_days(last, cadence)
    return today if start is None else netfiles.add_days(start, cadence)


def _snoozed(contact, when: _dt.date) -> _dt.date:
    """`when`, or `snooze_until` when that is later ("not before that day")."""
    if contact.snooze_until is not None and contact.snooze_until > when:
        return contact.snooze_until
    return when


def counting_from(vault, contact, today: _dt.date) -> tuple[_dt.date | None, str]:
    """Where a contact with no interaction counts from: the later of `met` and entering the vault."""
    entered, how = netfiles.entered_vault(vault, contact, today)
    met = contact.met  # a `met` after today means "not before then", like snooze_until
    if entered is not None and (met is None or entered > met):
        return entered, f"entered the vault on {entered.isoformat()} ({how})"
    if met is not None:
        return met, f"met on {met.isoformat()}"
    return None, ""


def covered_contacts(vault, today: _dt.date, tiers=None) -> list:
    """The contacts (`ContactFacts`, by path) that get reminders: a written cadence (not `never`), or a tier
    in `tiers` (default: the `reminders.tiers` setting)."""
    from .settings import covered_tiers

    wanted = covered_tiers(vault) if tiers is None else tuple(tiers)
    assigned = netfiles.tier_names(vault, today)
    return [c for c in vault.contact_facts()
            if vault.cadence_days(c) and (c.cadence_days or assigned[c.path] in wanted)]


def due_date_of(vault, contact, today: _dt.date) -> _dt.date | None:
    """The next date with the snooze applied: not before `snooze_until`."""
    when = next_contact_date(vault, contact, today)
    return None if when is None else _snoozed(contact, when)


def has_tags(contact, tags) -> bool:
    """Every wanted tag is on the contact (case-insensitive, a leading # ignored), as `netfiles ls --tag`."""
    own = {str(t).casefold().lstrip("#") for t in contact.tags}
    return all(str(t).casefold().lstrip("#") in own for t in tags)


def format_days(days: int) -> str:
    """A cadence for people: 365 -> '1y', 91 -> 'quarterly', 180 -> '6m', 14 -> '2w', 10 -> '10d'."""
    if days and days % 365 == 0:
        return f"{days // 365}y"
    if days == 91:
        return "quarterly"
    if days and days % 30 == 0:
        return f"{days // 30}m"
    if days and days % 7 == 0:
        return f"{days // 7}w"
    return f"{days}d"


def describe_overdue(days: int) -> str:
    """'12 days overdue', 'due today' or 'due in 3 days'."""
    if days > 0:
        return f"{days} day{'s' * (days != 1)} overdue"
    if days == 0:
        return "due today"
    return f"due in {-days} day{'s' * (days != -1)}"


def _contact_reason(contact, last, counted: tuple[_dt.date | None, str], cadence: int, due: _dt.date) -> str:
    """`counted` is `counting_from` of a contact with no last contact, else (None, "")."""
    every = f"cadence {format_days(cadence)}"
    start, how = counted
    if last is not None:
        why = f"last contact {last.isoformat()}, {every}"
    elif start is not None:
        why = f"no contact since you {how}, {every}"
    else:
        why = "no dates yet: no log, no dated note, no `met`"
    if contact.snooze_until is not None and contact.snooze_until == due:
        why += f"; snoozed until {contact.snooze_until.isoformat()}"
    return why


def due_contacts(vault, today: _dt.date, within_days: int = 0, tags=(), birthdays: bool = True) -> list[DueItem]:
    """Contacts whose due date is on or before today + `within_days`, most urgent first, then birthdays.

    Only contacts that get reminders (`covered_contacts`). Contact rows are
    sorted by `urgency_key`; birthday rows follow, by date and name. `tags`
    keeps only contacts having all of them.
    """
    horizon = netfiles.add_days(today, max(within_days, 0))
    items: list[DueItem] = []
    for contact in covered_contacts(vault, today):
        if tags and not has_tags(contact, tags):
            continue
        # `due_date_of`'s rule with its parts found once, as the reason needs them too
        cadence = vault.cadence_days(contact)  # not 0: `covered_contacts` leaves out `cadence: never`
        last = last_contact_as_of(contact, today)
        counted = counting_from(vault, contact, today) if last is None else (None, "")
        due = _snoozed(contact, _next_date(today, cadence, last, counted[0]))
        if due > horizon:
            continue
        items.append(DueItem(contact.name, contact.path, due, (today - due).days, last, cadence, CONTACT,
                             _contact_reason(contact, last, counted, cadence, due)))
    items.sort(key=urgency_key)
    if birthdays:
        window = max(within_days, BIRTHDAY_WINDOW_DAYS)
        items.extend(birthdays_between(vault, today, netfiles.add_days(today, window), tags))
    return items


# Birthdays ---------------------------------------------------------------------------------------

def birthday_in_year(month: int, day: int, year: int) -> _dt.date:
    """The day a birthday is kept in `year`: 29 February falls on 28 February outside leap years."""
    try:
        return _dt.date(year, month, day)
    except ValueError:  # only 29 February reaches here, birthdays are validated by the core
        return _dt.date(year, month, day - 1)


def next_birthday(birthday: str, today: _dt.date) -> tuple[_dt.date, int | None] | None:
    """The next occurrence on or after `today` and the age then (None without a birth year)."""
    parsed = netfiles.parse_birthday(str(birthday))
    if parsed is None:
        return None
    born, month, day = parsed
    for year in (today.year, today.year + 1):
        if year > _dt.MAXYEAR:
            break  # no next year after 9999
        when = birthday_in_year(month, day, year)
        if when >= today and (born is None or year > born):
            return when, (year - born if born is not None else None)
    return None


def birthdays_between(vault, start: _dt.date, end: _dt.date, tags=()) -> list[DueItem]:
    """Birthday items falling in start..end (inclusive), by date then name.

    Contacts with `cadence: never` opted out of reminders and get none; nor
    does someone snoozed past the birthday.
    """
    items = []
    for contact in vault.contact_facts():
        if not contact.birthday or (tags and not has_tags(contact, tags)):
            continue
        cadence = vault.cadence_days(contact)
        if not cadence:
            continue
        found = next_birthday(contact.birthday, start)
        if found is None or found[0] > end:
            continue
        when, age = found
        if contact.snooze_until is not None and contact.snooze_until > when:
            continue
        day = "today" if when == start else f"{_DAYS[when.weekday()]} {when.day} {_MONTHS[when.month - 1]}"
        reason = f"birthday {day}" + (f" (turns {age})" if age is not None else "")
        items.append(DueItem(contact.name, contact.path, when, (start - when).days,
                             last_contact_as_of(contact, start), cadence, BIRTHDAY, reason))
    items.sort(key=lambda i: (i.due_date, i.name.casefold(), i.path))
    return items

"""The thin commands `due`, `suggest` and `plan`: parse options, call the pure functions, print."""
from __future__ import annotations

from pathlib import Path

import click

import netfiles

FORMAT = click.Choice(["table", "json"])


def _when(item) -> str:
    if item.overdue_days > 0:
        return f"{item.overdue_days}d overdue"
    if item.overdue_days == 0:
        return "today"
    return f"in {-item.overdue_days}d"


def _due_rows(items) -> list[dict]:
    from .schedule import BIRTHDAY, format_days

    return [{"name": i.name, "kind": "birthday" if i.kind == BIRTHDAY else "keep in touch",
             "due_date": i.due_date.isoformat(), "when": _when(i),
             "last_contact": i.last_contact.isoformat() if i.last_contact else "never",
             "cadence": format_days(i.cadence_days), "reason": i.reason} for i in items]


@click.command()
@netfiles.today_option
@click.option("--within", "within_days", type=netfiles.DURATION, default=0,
              help="Also list what falls due in this coming period, e.g. 7d, 2w, 1m.")
@click.option("--tag", "tags", multiple=True, help="Only contacts with this tag (repeat: all of them).")
@click.option("--format", "output_format", type=FORMAT, default="table", show_default=True)
@click.option("--ics", "ics_path", type=click.Path(path_type=Path),
              help="Also write the list as an iCalendar file (RFC 5545) to subscribe to (- for standard output). "
                   "Entries are keyed by each contact's `uid`, written into its file once if missing.")
@click.option("--ics-component", type=click.Choice(["todo", "event"]), default="todo", show_default=True,
              help="VTODO items, or all-day VEVENTs for calendars that ignore to-dos (Google Calendar).")
@click.option("--all", "show_all", is_flag=True,
              help="List every due contact, not only reminders.due_weeks (4) weeks of reminders.per_week, "
                   "and on a terminal every row, not one screenful.")
@netfiles.pass_app
def due(app, today, within_days, tags, output_format, ics_path, ics_component, show_all):
    """Who to get in touch with now: next date = last contact + cadence.

    With no interaction the `met` date counts; with neither, the contact is
    due today. `cadence: never` opts out; `snooze_until` holds a contact back
    until that day. Birthdays in the coming week are listed after the rest.
    Most urgent first: days overdue relative to the cadence. Only contacts
    with a written cadence and the inner and core tiers get reminders
    (`reminders.tiers`), and at most four weeks of `reminders.per_week` are
    listed (`--all` for every one); the rest are counted, not printed.

    \b
    Examples:
      netfiles due
      netfiles due --within 2w --tag mentor
      netfiles due --today 2026-11-21 --format json
      netfiles due --ics ~/Calendars/netfiles.ics     # subscribe to it
    """
    from .schedule import due_contacts

    vault = app.vault
    day = app.today(today)
    items = due_contacts(vault, day, within_days=within_days, tags=tags)
    items, left_out, limit = _human_sized(vault, items, show_all)
    why = (f"{left_out} more due, left out: `due` lists at most {limit} (reminders.due_weeks x "
           f"reminders.per_week), most urgent first; see them with `netfiles due --all`, "
           f"or spread them with `netfiles plan`" if left_out else "")
    if ics_path is not None:
        netfiles.require_extra("netfiles due --ics", "reminders", "icalendar")  # before any uid is written
        from .ics import write_calendar

        netfiles.check_output(ics_path)  # a regular file or a new name: never a device, FIFO or folder
        assignment = netfiles.ensure_uids(vault, [vault.contact_at(p) for p in sorted({i.path for i in items})])
        for note in assignment.notes:
            click.echo(f"netfiles: {netfiles.printable(note)}", err=True)
        count = write_calendar(ics_path, items, day, ics_component, assignment.uids)
        more = f" ({left_out} more due left out; --all writes every one)" if left_out else ""
        click.echo(f"Wrote {count} reminder{'s' * (count != 1)} to {ics_path}{more}", err=True)
    if output_format == "json":
        netfiles.print_json({"due": [i.to_dict() for i in items], "left_out": left_out, "limit": limit,
                             "left_out_reason": why or None})
        return
    if not items:
        click.echo("Nobody is due: you are keeping in touch.", err=True)
        return
    netfiles.print_table(_due_rows(items), ["name", "kind", "due_date", "when", "last_contact", "cadence"],
                         ["Name", "Kind", "Due", "When", "Last contact", "Cadence"],
                         shown=netfiles.screenful(len(items), show_all), what="on this list")
    contacts = sum(1 for i in items if i.kind != "birthday")
    birthdays = len(items) - contacts
    summary = f"{contacts} contact{'s' * (contacts != 1)} due"
    if birthdays:
        summary += f", {birthdays} birthday{'s' * (birthdays != 1)}"
    click.echo(summary, err=True)
    if why:
        click.echo(why[:1].upper() + why[1:] + ".", err=True)


def _human_sized(vault, items, show_all: bool):
    """(contact rows up to due_weeks * per_week, then every birthday; how many contacts were left out; limit)."""
    from .schedule import CONTACT
    from .settings import due_weeks, per_week

    limit = due_weeks(vault) * per_week(vault)  # a bad setting is a SettingError: exit status 2
    contacts = [i for i in items if i.kind == CONTACT]
    others = [i for i in items if i.kind != CONTACT]
    if show_all or len(contacts) <= limit:
        return items, 0, limit
    return contacts[:limit] + others, len(contacts) - limit, limit


def and_more(names, shown: int = 10) -> str:
    """'A, B, C and 12 more': lists of names stay one readable line."""
    names = list(names)
    if len(names) <= shown:
        return ", ".join(names)
    return f"{', '.join(names[:shown])} and {len(names) - shown} more"


@click.command()
@click.option("--n", "count", type=click.IntRange(min=1), default=3, show_default=True,
              help="How many people to suggest.")
@netfiles.today_option
@click.option("--format", "output_format", type=FORMAT, default="table", show_default=True)
@netfiles.pass_app
def suggest(app, count, today, output_format):
    """This week's short list: an overdue close tie, a dormant weak tie, and someone from a group you see least.

    Each comes with one line saying why. The same vault and date always give
    the same list. Contacts with `cadence: never` or snoozed are left out.

    \b
    Examples:
      netfiles suggest
      netfiles suggest --n 5 --today 2026-11-21
      netfiles suggest --format json
    """
    from .suggest import suggest as make_suggestions

    vault = app.vault
    day = app.today(today)
    picks = make_suggestions(vault, day, count)
    if output_format == "json":
        netfiles.print_json({"today": day.isoformat(), "suggestions": [p.to_dict() for p in picks]})
        return
    if not picks:
        click.echo("No one to suggest: add contacts, or check `cadence: never` and snoozes.", err=True)
        return
    for number, pick in enumerate(picks, 1):
        click.echo(f"{number}. {pick.name} — {pick.reason}")


@click.command()
@click.option("--weeks", type=click.IntRange(min=1, max=52), default=4, show_default=True,
              help="How many weeks to plan, starting with this one (Monday to Sunday).")
@netfiles.today_option
@click.option("--tag", "tags", multiple=True, help="Only contacts with this tag (repeat: all of them).")
@click.option("--format", "output_format", type=FORMAT, default="table", show_default=True)
@netfiles.pass_app
def plan(app, weeks, today, tags, output_format):
    """Spread due contacts over the coming weeks, at most `reminders.per_week` a week (default 3).

    Overdue contacts come first, most urgent first; what does not fit is
    reported as overflow rather than piled on.

    \b
    Examples:
      netfiles plan
      netfiles plan --weeks 8 --today 2026-11-21
      netfiles plan --format json
    """
    from .plan import plan_weeks
    from .settings import per_week

    vault = app.vault
    result = plan_weeks(vault, app.today(today), weeks=weeks, per_week=per_week(vault), tags=tags)
    if output_format == "json":
        netfiles.print_json(result.to_dict())
        return
    rows = []
    for week in result.weeks:
        if not week.items:
            rows.append({"week": week.label, "start": week.start.isoformat(), "name": "-"})
        for position, item in enumerate(week.items):
            first = position == 0
            rows.append({"week": week.label if first else "", "start": week.start.isoformat() if first else "",
                         "name": item.name, "due_date": item.due_date.isoformat(), "reason": item.reason})
    netfiles.print_table(rows, ["week", "start", "name", "due_date", "reason"],
                         ["Week", "From", "Name", "Due", "Why"])
    if result.overflow:
        click.echo(f"\n{result.message}\nNot planned: {and_more(i.name for i in result.overflow)}")
    else:
        click.echo(f"\n{result.message}")


COMMANDS = (due, suggest, plan)

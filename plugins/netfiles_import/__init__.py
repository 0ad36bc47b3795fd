"""netfiles bundled plugin: import.

`netfiles import linkedin PATH` (LinkedIn's data export: the .zip, its
folder, or Connections.csv), `netfiles import vcard FILE_OR_DIR` (a .vcf or a
vdir), `netfiles import google-contacts FILE.csv`, `netfiles import calendar
FILE.ics`, `netfiles import mail MBOX_OR_MAILDIR`, `netfiles export vcard DIR`
and `netfiles export csv [FILE]`.

Only hook implementations live here; the work is in submodules imported
when a command runs (vobject only for vCards, icalendar only for calendars), so loading the plugin costs
nothing.  The merge rules are the core's (`netfiles.merge_people`), the parsers in linkedin.py and
vcard.py.
"""
from __future__ import annotations

import netfiles


def _run_linkedin(vault, path, dry_run=False, **options):
    from .importers import import_linkedin

    return import_linkedin(vault, path, dry_run=dry_run, **options)


def _run_vcard(vault, path, dry_run=False, **options):
    netfiles.require_extra("netfiles import vcard", "import", "vobject")
    from .importers import import_vcard

    return import_vcard(vault, path, dry_run=dry_run, **options)


def _run_calendar(vault, path, dry_run=False, **options):
    netfiles.require_extra("netfiles import calendar", "import", "icalendar", "recurring_ical_events")
    from .importers import import_calendar

    return import_calendar(vault, path, dry_run=dry_run, **options)


def _run_mail(vault, path, dry_run=False, **options):
    from .importers import import_mail

    return import_mail(vault, path, dry_run=dry_run, **options)


def _run_google(vault, path, dry_run=False, **options):
    from .importers import import_google_contacts

    return import_google_contacts(vault, path, dry_run=dry_run, **options)


def _evidence_options(click, what: str) -> list:
    return [
        click.Option(["--create-min"], type=click.IntRange(1), default=None, metavar="N",
                     help=f"Also make contacts of people who are not in the vault yet, when you had {what} "
                          "with them on at least N days (default: never; --dry-run lists them)."),
    ]


def _export_vcard(vault, output, **options):
    netfiles.require_extra("netfiles export vcard", "import", "vobject")
    from .exporters import export_vcard

    return export_vcard(vault, output, **options)


def _export_csv(vault, output, **options):
    from .exporters import export_csv

    return export_csv(vault, output, **options)


@netfiles.hookimpl
def netfiles_importers():
    import click

    return [
        netfiles.Importer(
            "linkedin",
            "Import LinkedIn connections, with messages and invitations as log lines.\n\n"
            "PATH is LinkedIn's data export: the .zip, the folder it unpacks to, or Connections.csv. "
            "Existing contacts match by LinkedIn URL, then email, then a unique name; their filled-in "
            "fields are never changed, only empty ones filled. Running it again changes nothing.",
            _run_linkedin,
            options=[
                click.Option(["--with-content"], is_flag=True,
                             help="Add the first line of the day's first message to each log line."),
                click.Option(["--include-others"], is_flag=True,
                             help="Also make contacts for people in messages or invitations who are not "
                                  "connections."),
            ],
            path_help="LinkedIn export (.zip, folder or Connections.csv)",
        ),
        netfiles.Importer(
            "vcard",
            "Import contacts from a .vcf file (one or many cards) or a folder of them (khard, vdirsyncer).\n\n"
            "Same merge rules as `import linkedin`; cards match first by their UID.",
            _run_vcard,
            path_help=".vcf file or folder of .vcf files",
        ),
        netfiles.Importer(
            "calendar",
            "Log meetings from an iCalendar (.ics) export of Google Calendar, Outlook or Apple Calendar.\n\n"
            "Each event with other people (not cancelled, not declined by you) becomes one log line per "
            "contact per day: `meeting`, or `call` when it has a Zoom/Meet/Teams/Webex link, naming the "
            "other contacts who were there (`with [[Bo Chen]]`). Recurring events count every occurrence up to "
            "--today. Titles and descriptions are left out unless --with-content. Your own addresses come from "
            "[me] emails in .netfiles/config.toml. People who are not contacts are counted, not created "
            "(see --create-min). Running it again changes nothing.\n\n"
            "\b\nExamples:\n  netfiles import calendar ~/Downloads/calendar.ics --dry-run\n"
            "  netfiles import calendar work.ics --create-min 3 --today 2026-03-31",
            _run_calendar,
            options=[
                click.Option(["--today"], type=netfiles.DATE, default=None,
                             help="Count events up to this date (default: today)."),
                click.Option(["--with-content"], is_flag=True, help="Add each event's title to its log line."),
                *_evidence_options(click, "meetings"),
            ],
            path_help="iCalendar file (.ics)",
        ),
        netfiles.Importer(
            "mail",
            "Log the emails you sent, from an mbox file (Gmail Takeout's \"Sent\" mbox) or a Maildir folder.\n\n"
            "Each mail from one of your [me] emails gives one `email` log line per To/Cc recipient per day, "
            "naming the other contacts on the mail (`with [[Bo Chen]]`). Only headers are read: bodies and "
            "subjects are never read or stored. Mailing lists and no-reply addresses are skipped. People who "
            "are not contacts are counted, not created (see --create-min). Running it again changes nothing.\n\n"
            "\b\nExamples:\n  netfiles import mail ~/Takeout/Mail/Sent.mbox --dry-run\n"
            "  netfiles import mail ~/Maildir --received --create-min 5",
            _run_mail,
            options=[
                click.Option(["--today"], type=netfiles.DATE, default=None,
                             help="Ignore mail dated after this date (default: today)."),
                click.Option(["--received"], is_flag=True,
                             help="Also count mail that others sent to you (not lists or automatic mail)."),
                *_evidence_options(click, "mail"),
            ],
            path_help="mbox file or Maildir folder",
        ),
        netfiles.Importer(
            "google-contacts",
            "Import Google Contacts' CSV export (contacts.google.com > Export > Google CSV).\n\n"
            "Names, nickname (as an alias), organization and title, birthday (also --MM-DD), every e-mail and "
            "phone, LinkedIn from the websites, labels as tags (without \"* myContacts\") and notes as the "
            "body of new files. Same merge rules as `import linkedin`: filled-in fields are never changed. "
            "Running it again changes nothing.\n\n"
            "\b\nExamples:\n  netfiles import google-contacts ~/Downloads/contacts.csv --dry-run",
            _run_google,
            path_help="Google Contacts CSV file",
        ),
    ]


@netfiles.hookimpl
def netfiles_exporters():
    import click

    return [
        netfiles.Exporter(
            "vcard",
            "Write the contacts as vCards (3.0) with stable UIDs: into OUTPUT as a folder of one .vcf per "
            "contact (a vdir, for khard and vdirsyncer), or as one file when OUTPUT ends in .vcf (for Google "
            "Contacts and phones), or to standard output for -.\n\n"
            "Each contact's UID is its `uid` field, written into the file once if missing. In a vdir, a card "
            "changed in the address book since netfiles wrote it is never overwritten (import it first), and "
            "cards of contacts that are gone are removed.\n\n"
            "\b\nExamples:\n  netfiles export vcard ~/.contacts/netfiles     # a vdir for khard\n"
            "  netfiles export vcard contacts.vcf                # one file for a phone",
            _export_vcard,
            output_required=True,
        ),
        netfiles.Exporter(
            "csv",
            "Write the contacts as CSV (UTF-8) to OUTPUT, or to standard output (no OUTPUT, or -). Cells a "
            "spreadsheet would run as formulas (starting with = + - @) are prefixed with ' unless --raw is "
            "given; values holding a line break are quoted.\n\n"
            "\b\nExamples:\n"
            "  netfiles export csv contacts.csv --bom          # for Excel\n"
            "  netfiles export csv --raw --columns name,phones | other-program",
            _export_csv,
            options=[click.Option(["--columns"], metavar="A,B,...",
                                  help="Columns to write (default: name, emails, phones, organization, role, "
                                       "... , path); any front matter key works."),
                     click.Option(["--bom"], is_flag=True,
                                  help="Start with a UTF-8 byte order mark, so Excel shows accents (São) right."),
                     click.Option(["--raw"], is_flag=True,
                                  help="Write values exactly as in the files, for programs rather than "
                                       "spreadsheets: no ' before = + - @ (so +55 11 ... stays as it is).")],
        ),
    ]

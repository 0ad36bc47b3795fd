"""netfiles bundled plugin: import.

`netfiles import linkedin PATH` (LinkedIn's data export: the .zip, its
folder, or Connections.csv), `netfiles import vcard FILE_OR_DIR` (a .vcf or a
vdir), `netfiles export vcard DIR` and `netfiles export csv [FILE]`.

Only hook implementations live here; the work is in submodules imported
when a command runs (vobject only for vCards), so loading the plugin costs
nothing.  The merge rules are the core's (`netfiles.merge_people`), the parsers in linkedin.py and
vcard.py.
"""
from __future__ import annotations

import netfiles


def _run_linkedin(vault, path, dry_run=False, **options):
    from .importers import import_linkedin

    return import_linkedin(vault, path, dry_run=dry_run, **options)


def _run_vcard(vault, path, dry_run=False, **options):
    from .importers import import_vcard

    return import_vcard(vault, path, dry_run=dry_run, **options)


def _export_vcard(vault, output, **options):
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
    ]


@netfiles.hookimpl
def netfiles_exporters():
    import click

    return [
        netfiles.Exporter(
            "vcard",
            "Write one .vcf per contact into OUTPUT (a folder), with stable UIDs, for phones, "
            "Google Contacts or khard.",
            _export_vcard,
            output_required=True,
        ),
        netfiles.Exporter(
            "csv",
            "Write the contacts as CSV to OUTPUT, or to standard output. Cells a spreadsheet would run "
            "as formulas (starting with = + - @) are prefixed with '.",
            _export_csv,
            options=[click.Option(["--columns"], metavar="A,B,...",
                                  help="Columns to write (default: name, emails, phones, organization, role, "
                                       "... , path); any front matter key works.")],
        ),
    ]

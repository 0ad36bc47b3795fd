"""netfiles bundled plugin: health.

Measures the owner's ego network with the standard definitions of network
science: Burt's structural holes, clusters and brokers, Blau and E-I
diversity, strong and weak ties, Dunbar layers, reciprocity, channels and
growth (docs/health.md). Adds:

- `netfiles health [--today D] [--format text|json|html] [--output FILE]`
- `netfiles intro TARGET [--n 3]`
- `netfiles export graph [OUTPUT] --format graphml|gexf|json [--with-me]`
- check rules NH001 (bad [health] setting), NH002 (unknown setting) and
  NH101 (a one-sided `knows` link that looks like a typo)
- a "Network health" section in `netfiles report`

Hook implementations only: the work happens in submodules, imported inside
the functions so that `netfiles --help` never loads networkx.
"""
from __future__ import annotations

from netfiles import hookimpl

#: What the `health` extra installs (`pip install 'netfiles[health]'`), by import name: networkx for paths and
#: graph files, numpy for its layouts, igraph for clustering. Every command of this plugin needs them.
NEEDS = ("networkx", "numpy", "igraph")


@hookimpl
def netfiles_register_commands(cli):
    from .commands import health, intro

    cli.add_command(health)
    cli.add_command(intro)


@hookimpl
def netfiles_exporters():
    from .export import graph_exporter

    return [graph_exporter()]


@hookimpl
def netfiles_check_vault(vault):
    from .checks import check_vault

    return check_vault(vault)


@hookimpl(tryfirst=True)  # the heaviest section first: the others then reuse the memory its network freed
def netfiles_report_sections(vault, today):
    from .commands import report_section

    return [report_section(vault, today)]

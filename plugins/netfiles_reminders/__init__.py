"""netfiles bundled plugin: reminders.

Keep in touch regularly, before you need anything, one person at a time:
`netfiles due`, `netfiles suggest`, `netfiles plan`, the check rules REM001
(cadences promise more contacts a week than `reminders.per_week`) and REM002
(unusable `reminders.per_week`), and a "Keep in touch" section in
`netfiles report`.

Only hook implementations live here; the work is in submodules, imported
when a hook runs, so loading the plugin costs nothing. The pure functions
for other code: `schedule.due_contacts`, `suggest.suggest`,
`plan.plan_weeks`, `capacity.capacity`, `schedule.birthdays_between`.
"""
from __future__ import annotations

import netfiles


@netfiles.hookimpl
def netfiles_register_commands(cli):
    from .commands import COMMANDS

    for command in COMMANDS:
        cli.add_command(command)


@netfiles.hookimpl
def netfiles_check_vault(vault):
    from .capacity import check_capacity

    return check_capacity(vault)


@netfiles.hookimpl
def netfiles_report_sections(vault, today):
    from .report import keep_in_touch_section

    return [keep_in_touch_section(vault, today)]

"""The `[reminders]` table of `.netfiles/config.toml`.

    [reminders]
    per_week = 3            # contacts a week you can keep up with (plan, REM001)
    group_by = "industry"   # the attribute that makes the groups of `suggest`
    tiers = ["inner", "core"]  # who gets reminders besides contacts with a written cadence
    due_weeks = 4           # `due` lists at most due_weeks * per_week contacts (`--all` for every one)
"""
from __future__ import annotations

import netfiles

CONFIG_PATH = netfiles.CONFIG_PATH
DEFAULT_PER_WEEK = 3
DEFAULT_GROUP_BY = "industry"
DEFAULT_TIERS = ("inner", "core")
DEFAULT_DUE_WEEKS = 4


# A `[reminders]` value that cannot be used: the library's own error (exit status 2 on the command line), so
# commands need not convert it; the message names the file and the key.
SettingError = netfiles.SettingError


def per_week(vault) -> int:
    """`reminders.per_week`, default 3; SettingError unless it is a positive integer."""
    value = vault.config.section("reminders").get("per_week", DEFAULT_PER_WEEK)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise SettingError(f"{CONFIG_PATH}: `reminders.per_week` must be a positive whole number "
                           f"of contacts a week, e.g. 3; it is {value!r}")
    return value


def group_by(vault) -> str:
    """`reminders.group_by`, the contact attribute (or `tags`) that groups people for `suggest`."""
    value = vault.config.section("reminders").get("group_by", DEFAULT_GROUP_BY)
    if not isinstance(value, str) or not value.strip():
        raise SettingError(f"{CONFIG_PATH}: `reminders.group_by` must be a field name such as "
                           f"industry, organization or tags; it is {value!r}")
    return value.strip()


def covered_tiers(vault) -> tuple[str, ...]:
    """`reminders.tiers`: the tiers (netfiles.TIERS) that get reminders; a written cadence always does."""
    value = vault.config.section("reminders").get("tiers", list(DEFAULT_TIERS))
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip().casefold() in netfiles.TIERS
                                              for v in value):
        raise SettingError(f"{CONFIG_PATH}: `reminders.tiers` must be a list of tiers from "
                           f"{', '.join(netfiles.TIERS)}; it is {value!r}")
    return tuple(v.strip().casefold() for v in value)


def due_weeks(vault) -> int:
    """`reminders.due_weeks`, default 4: `due` shows at most this many weeks of `per_week`."""
    value = vault.config.section("reminders").get("due_weeks", DEFAULT_DUE_WEEKS)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise SettingError(f"{CONFIG_PATH}: `reminders.due_weeks` must be a positive whole number of weeks; "
                           f"it is {value!r}")
    return value


def setting_line(vault, key: str) -> int:
    """The line of `key` in the `[reminders]` table of config.toml, 0 if not there."""
    return vault.config.line_of("reminders", key)

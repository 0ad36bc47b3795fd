"""The `[reminders]` table of `.netfiles/config.toml`.

    [reminders]
    per_week = 3            # contacts a week you can keep up with (plan, REM001)
    group_by = "industry"   # the attribute that makes the groups of `suggest`
"""
from __future__ import annotations


CONFIG_PATH = ".netfiles/config.toml"
DEFAULT_PER_WEEK = 3
DEFAULT_GROUP_BY = "industry"


class SettingError(ValueError):
    """A `[reminders]` value that cannot be used; the message names the file and the key."""


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


def setting_line(vault, key: str) -> int:
    """The line of `key` in the `[reminders]` table of config.toml, 0 if not there."""
    return vault.config.line_of("reminders", key)

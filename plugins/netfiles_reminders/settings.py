"""The `[reminders]` table of `.netfiles/config.toml`.

    [reminders]
    per_week = 3            # contacts a week you can keep up with (plan, REM001)
    group_by = "industry"   # the attribute that makes the groups of `suggest`
"""
from __future__ import annotations

import re

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
    """The 1-based line of `key = ...` inside the `[reminders]` table of the config file, 0 if not there."""
    path = vault.root / CONFIG_PATH
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return 0
    table = None
    for number, line in enumerate(lines, 1):
        stripped = line.strip()
        header = re.match(r"^\[\s*([^\]]+?)\s*\]", stripped)
        if header:
            table = header.group(1)
            continue
        if table == "reminders" and re.match(rf"^{re.escape(key)}\s*=", stripped):
            return number
        if table is None and re.match(rf"^reminders\.{re.escape(key)}\s*=", stripped):
            return number
    return 0

"""Fields that plugins give meaning to: declared with a type, checked by `netfiles check` like core fields.

A plugin returns `FieldSpec`s from the `netfiles_contact_fields` hook; every
contact that writes such a field gets the same diagnostics a core field would
(NF201 wrong type, NF202 invalid date, NF203 invalid email), at the field's line.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from .dates import parse_iso_date
from .diagnostics import Diagnostic

TYPES = ("string", "list", "integer", "number", "boolean", "date", "email", "url")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+$")
_URL = re.compile(r"^https?://[^\s/?#]+\.[^\s/?#]+(?:[/?#]\S*)?$", re.I)


@dataclass(frozen=True)
class FieldSpec:
    """A front matter field a plugin reads: its name, type, a help line and, optionally, the allowed values.

    `type` is one of string, list (of strings), integer, number, boolean, date
    (YYYY-MM-DD), email, url. `choices` limits a string (or each list item) to
    these values, compared case-insensitively.
    """

    name: str
    type: str
    help: str = ""
    choices: tuple[str, ...] = ()

    def __post_init__(self):
        if self.type not in TYPES:
            raise ValueError(f"FieldSpec {self.name!r}: type must be one of {', '.join(TYPES)}, not {self.type!r}")


def field_problems(spec: FieldSpec, value) -> list[tuple[str, str, str | None]]:
    """(code, message, text to point at) for each way `value` breaks `spec`; empty when it is fine."""
    key = spec.name
    if value is None:
        return []
    kind = spec.type
    if kind == "list":
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not all(isinstance(i, (str, int)) and not isinstance(i, bool) for i in items):
            return [("NF201", f"`{key}` must be a list of strings", None)]
        return _choice_problems(spec, [str(i) for i in items])
    if kind == "integer" and (isinstance(value, bool) or not isinstance(value, int)):
        return [("NF201", f"`{key}` must be a whole number, not {value!r}", None)]
    if kind == "number" and (isinstance(value, bool) or not isinstance(value, (int, float))):
        return [("NF201", f"`{key}` must be a number, not {value!r}", None)]
    if kind == "boolean" and not isinstance(value, bool):
        return [("NF201", f"`{key}` must be true or false, not {value!r}", None)]
    if kind in ("string", "date", "email", "url") and (isinstance(value, bool) or not isinstance(value, (str, int, float))):
        return [("NF201", f"`{key}` must be a single value, not {value!r}", None)]
    text = str(value)
    if kind == "date" and parse_iso_date(text[:10]) is None:
        return [("NF202", f"`{key}`: {text!r} is not a date (YYYY-MM-DD)", None)]
    if kind == "email" and not _EMAIL.match(text):
        return [("NF203", f"`{key}`: invalid email {text!r}: expected local@domain", text)]
    if kind == "url" and not _URL.match(text):
        return [("NF201", f"`{key}` must be a web address starting with https://, not {text!r}", None)]
    if kind == "string":
        return _choice_problems(spec, [text])
    return []


def _choice_problems(spec: FieldSpec, values: list[str]) -> list[tuple[str, str, str | None]]:
    if not spec.choices:
        return []
    allowed = {c.lower() for c in spec.choices}
    return [("NF201", f"`{spec.name}`: {v!r} is not one of {', '.join(spec.choices)}", v)
            for v in values if v.lower() not in allowed]


#: Fields the core reads and checks itself (docs/format.md, section 2): plugins cannot retype them.
CORE_FIELDS = frozenset({"name", "aliases", "emails", "phones", "tags", "education", "knows", "introduced_by", "met",
                         "birthday", "snooze_until", "cadence", "strength", "linkedin", "how_met", "organization",
                         "role", "industry", "function", "location", "country", "seniority"})


def check_declared_fields(vault, contact, specs: Iterable[FieldSpec]) -> list[Diagnostic]:
    """Diagnostics for the plugin-declared fields one contact writes, each at the field's line."""
    diags = []
    for spec in specs:
        if spec.name in CORE_FIELDS:
            continue
        for code, message, needle in field_problems(spec, contact.front_matter.get(spec.name)):
            line, col = vault.field_position(contact, spec.name, needle)
            diags.append(Diagnostic.core(contact.path, line, col, code, message))
    return diags

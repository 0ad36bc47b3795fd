"""Contact-level operations behind `add`, `ls` and `show`: creating, filtering and describing contacts."""
from __future__ import annotations

import operator
import re
from dataclasses import dataclass
from typing import Callable, Sequence

from ..model.errors import DuplicateContact, InvalidValue
from ..model.dates import parse_cadence


@dataclass(frozen=True)
class Condition:
    """One `--where` filter: `field=value`, `field!=value`, `field~=text` or bare `field` (present)."""

    field: str
    op: str  # "=", "!=", "~=", "present"
    value: str = ""


_CONDITION = re.compile(r"^([\w-]+)\s*(~=|!=|=)\s*(.*)$")


def parse_condition(text: str) -> Condition:
    match = _CONDITION.match(text.strip())
    if match:
        return Condition(match.group(1), match.group(2), match.group(3).strip())
    if re.fullmatch(r"[\w-]+", text.strip()):
        return Condition(text.strip(), "present")
    raise ValueError(f"--where {text!r}: use FIELD=VALUE, FIELD!=VALUE, FIELD~=TEXT or FIELD")


def _values(contact, field: str) -> list[str]:
    if field == "email":
        field = "emails"
    value = contact.attribute(field)
    if value is None or value == "" or value == []:
        return []
    if isinstance(value, list):
        return [str(v) for v in value]
    return [str(value)]


def matches(contact, condition: Condition) -> bool:
    """Case-insensitive; a list field matches when any of its items does."""
    values = [v.casefold() for v in _values(contact, condition.field)]
    wanted = condition.value.casefold()
    if condition.op == "present":
        return bool(values)
    if condition.op == "=":
        return wanted in values
    if condition.op == "!=":
        return wanted not in values
    return any(wanted in v for v in values)


def filter_contacts(contacts, tags=(), conditions=()) -> list:
    wanted_tags = [t.casefold().lstrip("#") for t in tags]
    if not wanted_tags and not conditions:
        return list(contacts)  # plain `ls`: no contact's tags need folding
    out = []
    for contact in contacts:
        own = {t.casefold().lstrip("#") for t in contact.tags}
        if all(t in own for t in wanted_tags) and all(matches(contact, c) for c in conditions):
            out.append(contact)
    return out


#: The columns of a contact's row in `ls`, in order: the same keys for table, JSON and CSV (`summary_columns`).
SUMMARY_COLUMNS = ("name", "path", "organization", "role", "industry", "location", "country", "emails", "tags",
                   "strength", "last_contact")


def summary_columns(contacts: Sequence) -> list[list]:
    """The values of `SUMMARY_COLUMNS` for many contacts (`Contact`s or their `ContactFacts`), JSON-safe, a list per
    column: each column is read in one call, as `print_json_columns` takes them (`ls --format json` writes
    100,000 contacts on a large vault). Every column but the last is the attribute of that name."""
    columns = [list(map(operator.attrgetter(name), contacts)) for name in SUMMARY_COLUMNS[:-1]]
    columns.append([day.isoformat() if day else None for day in map(operator.attrgetter("last_contact"), contacts)])
    return columns


def contact_summaries(contacts: Sequence) -> list[dict]:
    """The rows of `ls` as dicts (table and CSV): `SUMMARY_COLUMNS` and their `summary_columns`."""
    return [dict(zip(SUMMARY_COLUMNS, values)) for values in zip(*summary_columns(contacts))]


def merged_columns(first: Sequence[str], second: Sequence[str]) -> tuple[tuple[str, ...], Callable[[Sequence], tuple]]:
    """The keys of `{**dict(zip(first, a)), **dict(zip(second, b))}` in order, and a function giving that dict's
    values from `[*a, *b]`: rows (or columns) merged as dicts would be, without a dict per row."""
    both = (*first, *second)
    where = {key: i for i, key in enumerate(both)}  # the last value of a key wins, as in a dict merge
    columns = tuple(dict.fromkeys(both))  # each key where it first appears
    if len(columns) < 2:  # itemgetter of one index gives the value, not a tuple
        return columns, lambda values: tuple(values[where[key]] for key in columns)
    return columns, operator.itemgetter(*(where[key] for key in columns))


def known_people(vault, contact) -> list[str]:
    """Names of the contacts tied to this one by `knows`, whichever file says it."""
    return sorted({vault.contact_at(path).name for path in vault.tied_to(contact)}, key=str.casefold)


def contact_details(vault, contact) -> dict:
    """`show --format json`: front matter as written (dates as ISO), interactions and last contact."""
    return {"name": contact.name, "path": contact.path, "front_matter": contact.front_matter,
            "knows": known_people(vault, contact),
            "interactions": [i.to_dict() for i in contact.interactions],
            "last_contact": contact.last_contact.isoformat() if contact.last_contact else None,
            "cadence_days": vault.cadence_days(contact)}


def render_details(details: dict) -> str:
    lines = [details["name"], "=" * len(details["name"]), f"file: {details['path']}"]
    for key, value in details["front_matter"].items():
        if key == "name":
            continue
        shown = ", ".join(map(str, value)) if isinstance(value, list) else value
        lines.append(f"{key}: {shown}")
    if details["knows"]:
        lines.append("knows: " + ", ".join(details["knows"]))
    lines.append(f"last contact: {details['last_contact'] or 'never'}")
    lines.append("")
    lines.append(f"Interactions ({len(details['interactions'])}):")
    for item in details["interactions"]:
        text = f": {item['text']}" if item["text"] else ""
        lines.append(f"  {item['date']} {item['kind']}{text}  [{item['source']}]")
    return "\n".join(lines)


def new_contact(vault, name: str, fields: dict, folder: str = "") -> str:
    """Validate the values, refuse duplicates of an existing person, then write the file; its vault-relative path.

    Raises `InvalidValue`, `DuplicateContact` or `WriteError` (all `NetfilesError`), never a click exception.
    """
    from ..writing.filenames import safe_filename
    from ..writing.writes import create_contact

    if ".." in folder.replace("\\", "/").split("/"):
        raise InvalidValue("--folder must be a sub-folder of the people folder")
    for email in fields.get("emails") or []:
        if not re.match(r"^[^@\s]+@[^@\s]+$", email):
            raise InvalidValue(f"invalid email {email!r}: expected local@domain")
    if fields.get("cadence") and parse_cadence(fields["cadence"]) is None:
        raise InvalidValue(f"invalid cadence {fields['cadence']!r}: use 2w, 1m, quarterly, never...")
    for email in fields.get("emails") or []:
        owners = vault.index.paths_with_identity("email:" + email.lower())
        if owners:
            raise DuplicateContact(f"{email} already belongs to {owners[0]}; that person has a file already", owners[0])
    if fields.get("linkedin"):
        from ..reading.fields import normalize_linkedin  # here: `ls` and `show` (this module) do without it

        owners = vault.index.paths_with_identity("linkedin:" + normalize_linkedin(fields["linkedin"]))
        if owners:
            raise DuplicateContact(f"that LinkedIn profile already belongs to {owners[0]}", owners[0])
    people = vault.people_dir()  # WriteError for a configured people folder outside the vault, naming config.toml
    target = people / folder.strip("/") if folder else people
    if folder and vault.index.layout.relative(target) is None:
        raise InvalidValue("--folder must stay inside the vault")
    path = create_contact(target, name, fields, safe_filename(name), vault_root=vault.root)
    return path.relative_to(vault.root).as_posix()

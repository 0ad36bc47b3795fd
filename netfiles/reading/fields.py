"""Front matter fields of a contact, checked and turned into typed values (docs/format.md, section 2)."""
from __future__ import annotations

import datetime as _dt
import re

from ..model.dates import MAX_CADENCE_DAYS, parse_birthday, parse_cadence, parse_date_value
from ..model.diagnostics import Diagnostic
from .wikilinks import link_target
from .yamlload import InvalidDate

LIST_FIELDS = ("aliases", "emails", "phones", "tags", "education", "knows")
DATE_FIELDS = ("met", "birthday", "snooze_until")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+$")
_KEY_LINE = re.compile(r"^([^\s#'\"\-?][^:\n]*?)[ \t]*:(?:[ \t]|$)", re.M)
_KEY_PATTERNS: dict[str, re.Pattern] = {}  # `key:` at the start of a line, one compiled pattern per key name
_COUNTRY_HOST = re.compile(r"^[a-z]{1,3}\.linkedin\.com(?=/|$)")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")
_HOST_NAME = re.compile(r"[\w-]+(?:\.[\w-]+)*\.?")
# A web address every rule below accepts: http(s) or no scheme, an ASCII host name, no port or user, any path.
# Nearly every `linkedin` value is one, and answering it without `urlsplit` halves the cost of the rule.
SIMPLE_URL = re.compile(r"(?:https?://)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.?(?:/.*)?", re.S)


def url_problem(url: str) -> str | None:
    """Why `url` is not a usable web address (`https://host/path`; the scheme may be left out), or None.

    The one rule behind NF206 and the importers and exporters: whatever passes
    can be split, normalised and written as a URL without an exception.
    """
    from urllib.parse import urlsplit

    text = url.strip()
    if not text:
        return "it is empty"
    if " " in text or not text.isprintable():  # every other space character is unprintable: one C-level pass
        return "it contains spaces or control characters"
    if SIMPLE_URL.fullmatch(text):
        return None
    if not _SCHEME.match(text):
        text = "https://" + text.lstrip("/")
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number from 0 to 65535
    except ValueError as exc:  # "Invalid IPv6 URL" for `http://[...`
        return str(exc)
    if parts.scheme.lower() not in ("http", "https"):
        return f"{parts.scheme}: is not a web address (http or https)"
    host = parts.hostname or ""
    if not (_HOST_NAME.fullmatch(host) or (":" in host and "[" in parts.netloc)):
        return "it has no valid host name"
    return None


def normalize_linkedin(url: str) -> str:
    """Lower case, no query or fragment, no trailing slash, so one profile has one key.

    Percent-escapes are decoded (`jos%C3%A9` is `josé`) and country hosts fold
    into the main one (`uk.linkedin.com/in/x` is `linkedin.com/in/x`).
    """
    from urllib.parse import unquote

    url = unquote(str(url).strip().split("#", 1)[0].split("?", 1)[0]).lower().rstrip("/")
    for prefix in ("https://", "http://"):
        if url.startswith(prefix):
            url = url[len(prefix):]
    if url.startswith("www."):
        url = url[4:]
    url = _COUNTRY_HOST.sub("linkedin.com", url)  # uk., br., m. (mobile)
    return url


class FrontMatterLocator:
    """Finds the line and column of a key or a value in the raw YAML, for diagnostics."""

    def __init__(self, yaml_text: str, first_line: int):
        self.text = yaml_text
        self.first_line = first_line  # file line of the first YAML line
        self._keys: dict[str, int | None] = {}

    def _key_offset(self, key: str) -> int | None:
        """Offset of the first line that starts with `key:` (the key may be quoted), or None."""
        if key not in self._keys:
            self._keys[key] = self._find_key(key)
        return self._keys[key]

    def _find_key(self, key: str) -> int | None:
        """Look for one key only: candidate lines found with str.find, each confirmed by a pattern.

        Listing every key of every file with `_KEY_LINE` cost more than the rest of the
        field checks; a contact needs only a few keys located. The pattern is what
        `_KEY_LINE` accepts for a line whose stripped, unquoted key is `key`.
        """
        if not key or key[0] in "#'\"-?" or key[0].isspace():
            return None  # `_KEY_LINE` never reads such a key
        pattern = _KEY_PATTERNS.get(key)
        if pattern is None:
            pattern = _KEY_PATTERNS[key] = re.compile(re.escape(key) + r"['\"]*[ \t]*:(?:[ \t]|$)", re.M)
        text = self.text
        newline = -1  # the newline before the candidate line; -1 for the first line
        while True:
            if pattern.match(text, newline + 1):
                return newline + 1
            newline = text.find("\n" + key, newline + 1)
            if newline == -1:
                return None

    def _line_col(self, offset: int) -> tuple[int, int]:
        line_start = self.text.rfind("\n", 0, offset) + 1
        return self.first_line + self.text.count("\n", 0, offset), offset - line_start + 1

    def key(self, key: str) -> tuple[int, int]:
        offset = self._key_offset(key)
        return (0, 0) if offset is None else self._line_col(offset)

    def value(self, key: str, needle: str) -> tuple[int, int]:
        """Where `needle` appears in the value of `key`; the key's place when it cannot be found."""
        start = self._key_offset(key)
        if start is None:
            return 0, 0
        found = self.text.find(needle, start)
        if found == -1:
            return self._line_col(start)
        return self._line_col(found)


def _short(value, limit: int = 40) -> str:
    """A value quoted for a message, cut to `limit` characters."""
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + "…"


def _as_list(value) -> list | None:
    if value is None:
        return []
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return [value]
    if isinstance(value, list):
        return value
    return None


def normalize_contact(fm: dict, locate: FrontMatterLocator, path: str, stem: str):
    """Typed fields and diagnostics for one contact's front matter. Unknown fields are left alone."""
    diags: list[Diagnostic] = []
    out: dict = {}

    def report(key: str, code: str, message: str, needle: str | None = None):
        line, col = locate.value(key, needle) if needle else locate.key(key)
        diags.append(Diagnostic.core(path, line, col, code, message))

    name = fm.get("name")
    if name is None or (isinstance(name, str) and not name.strip()):
        out["name"] = stem
        if "name" in fm:
            report("name", "NF201", "`name` is empty; use the person's name or remove the field")
    elif isinstance(name, str):
        out["name"] = name.strip()
    else:
        out["name"] = stem
        report("name", "NF201", f"`name` must be a string, not {type(name).__name__}")

    for key in LIST_FIELDS:
        if key not in fm:
            out[key] = []
            continue
        items = _as_list(fm[key])
        if items is not None and all(type(i) is str for i in items):  # the usual case, checked in one pass
            out[key] = [text for text in map(str.strip, items) if text]
            continue
        if items is None or any(isinstance(i, (list, dict)) or i is None for i in items):
            hint = ""
            if key == "knows" and items and all(isinstance(i, list) for i in items):
                hint = f': quote wikilinks in YAML, e.g. {key}: ["[[Bo Chen]]"]'  # `[[Bo]]` unquoted is a nested list
            report(key, "NF201", f"`{key}` must be a list of strings{hint}")
            out[key] = [str(i) for i in (items or []) if isinstance(i, (str, int, float))]
            continue
        out[key] = [str(i).strip() for i in items if str(i).strip()]

    valid = [e for e in out["emails"] if _EMAIL.match(e)]
    if len(valid) < len(out["emails"]):
        for email in out["emails"]:
            if not _EMAIL.match(email):
                report("emails", "NF203", f"invalid email {email!r}: expected local@domain", needle=email)
    out["emails"] = [e.lower() for e in valid]
    # located by the email as written, so a mixed-case address gets its own column
    out["identity_lines"] = {"email:" + e.lower(): locate.value("emails", e) for e in valid}

    for key in DATE_FIELDS:
        out[key] = _date_field(fm, key, report, locate, path, diags)

    out["knows"] = [(link_target(t), *locate.value("knows", t)) for t in out["knows"]]
    intro = fm.get("introduced_by")
    out["introduced_by"] = []
    if intro is not None:
        items = _as_list(intro)
        if items is None or not all(isinstance(i, str) for i in items):
            report("introduced_by", "NF201", "`introduced_by` must be a wikilink in quotes, such as \"[[Bo Chen]]\"")
        else:
            out["introduced_by"] = [(link_target(t), *locate.value("introduced_by", t)) for t in items if t.strip()]

    out["cadence_days"] = None
    if fm.get("cadence") is not None:
        days = parse_cadence(str(fm["cadence"])) if isinstance(fm["cadence"], str) else None
        if days is None:
            report("cadence", "NF204", f"invalid cadence {_short(fm['cadence'])}: use <n>d, <n>w, <n>m, <n>y "
                   f"(at most {MAX_CADENCE_DAYS // 365}y), weekly, fortnightly, monthly, quarterly, yearly or never")
        out["cadence_days"] = days

    out["strength"] = None
    if "strength" in fm and fm["strength"] is not None:
        value = fm["strength"]
        if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 5:
            out["strength"] = value
        else:
            report("strength", "NF205", f"strength must be an integer from 1 to 5, not {value!r}")

    out["linkedin"] = None
    if fm.get("linkedin") is not None:
        problem = url_problem(fm["linkedin"]) if isinstance(fm["linkedin"], str) and fm["linkedin"].strip() else ""
        if problem:
            report("linkedin", "NF206", f"`linkedin`: {_short(fm['linkedin'])} is not a valid URL: {problem}")
        elif problem is None:
            out["linkedin"] = normalize_linkedin(fm["linkedin"])
            out["identity_lines"]["linkedin:" + out["linkedin"]] = locate.value("linkedin", fm["linkedin"])
        else:
            report("linkedin", "NF201", "`linkedin` must be a URL")

    for key in ("organization", "role", "industry", "function", "location", "country", "seniority", "how_met"):
        value = fm.get(key)
        if type(value) is str:  # the usual case
            out[key] = value.strip() or None
        elif isinstance(value, (list, dict)):
            report(key, "NF201", f"`{key}` must be a single value, not a {type(value).__name__}")
            out[key] = None
        else:
            out[key] = None if value is None or str(value).strip() == "" else str(value).strip()
    return out, diags


def _date_field(fm, key, report, locate, path, diags):
    value = fm.get(key)
    if value is None:
        return None
    if isinstance(value, InvalidDate):
        diags.append(Diagnostic.core(path, locate.first_line + value.line, locate.key(key)[1] or 1, "NF202",
                                     f"`{key}`: {str(value)!r} is not a real date"))
        return None
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, str):
        parsed = parse_date_value(value)
        if parsed:
            return parsed.isoformat()
        if key == "birthday" and parse_birthday(value):
            return value.strip()  # --MM-DD
    hint = "YYYY-MM-DD or --MM-DD" if key == "birthday" else "YYYY-MM-DD"
    report(key, "NF202", f"`{key}`: {_short(str(value))} is not a date ({hint})")
    return None

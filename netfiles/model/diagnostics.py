"""Diagnostics are values: parser, rules and plugins return them, one formatter prints them.

Modelled on beancount's errors-as-data and ruff's one-line output, so a bad
file never becomes a traceback and every problem names its file and line.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

ERROR = "error"
WARNING = "warning"

#: Core codes of docs/format.md, section 5 (plus NF104, documented in the README).
CORE_CODES: dict[str, tuple[str, str]] = {
    "NF001": (ERROR, "a plugin raised an exception"),
    "NF101": (ERROR, "front matter is not valid YAML"),
    "NF102": (ERROR, "front matter is not a mapping"),
    "NF103": (ERROR, "file is not valid UTF-8"),
    "NF104": (WARNING, "file too large to read; skipped"),
    "NF106": (ERROR, "unresolved merge conflict markers"),
    "NF107": (WARNING, "the netfiles merge driver is assigned but not configured in this clone"),
    "NF201": (ERROR, "field has the wrong type"),
    "NF202": (ERROR, "invalid date"),
    "NF203": (ERROR, "invalid email"),
    "NF204": (ERROR, "invalid cadence"),
    "NF205": (ERROR, "strength not an integer from 1 to 5"),
    "NF206": (ERROR, "invalid URL"),
    "NF207": (ERROR, "invalid tier"),
    "NF301": (ERROR, "broken wikilink in knows or introduced_by"),
    "NF302": (ERROR, "duplicate identity"),
    "NF303": (WARNING, "ambiguous wikilink"),
    "NF304": (ERROR, "log item with a missing or invalid date"),
}


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem at one place. `path` is vault-relative, POSIX style; line and col are 1-based, 0 when unknown."""

    path: str
    line: int
    col: int
    code: str
    severity: str
    message: str

    @classmethod
    def core(cls, path: str, line: int, col: int, code: str, message: str) -> "Diagnostic":
        """Build a diagnostic with a core code, taking its severity from the table."""
        return cls(path, line, col, code, CORE_CODES[code][0], message)

    def to_dict(self) -> dict:
        """The fields by name, in order (what `dataclasses.asdict` gives, without its deep copy of each value)."""
        return {"path": self.path, "line": self.line, "col": self.col, "code": self.code, "severity": self.severity,
                "message": self.message}

    @classmethod
    def from_dict(cls, data: dict) -> "Diagnostic":
        return cls(**{k: data[k] for k in ("path", "line", "col", "code", "severity", "message")})


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    return any(d.severity == ERROR for d in diagnostics)


def matches_codes(code: str, prefixes: Iterable[str]) -> bool:
    """Ruff-style selection: `NF3` selects NF301, NF302...; `ALL` selects everything."""
    return any(p == "ALL" or code.startswith(p) for p in prefixes)


def filter_diagnostics(diagnostics, select=None, ignore=None) -> list[Diagnostic]:
    kept = []
    for d in diagnostics:
        if select and not matches_codes(d.code, select):
            continue
        if ignore and matches_codes(d.code, ignore):
            continue
        kept.append(d)
    return kept


def printable(text: str) -> str:
    """`text` on one line with control characters shown as escapes (`\\n`, `\\x1b`, `\\u2028`), so a file name
    or value holding a newline or a terminal escape cannot fake or hide lines of output."""
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() else repr(char)[1:-1] for char in text)


def format_text(diagnostics: list[Diagnostic], color: bool = False) -> str:
    """`path:line:col: CODE message`, one per line, as docs/format.md, section 5 says (control characters escaped)."""
    lines = []
    for d in diagnostics:
        location = f"{printable(d.path)}:{d.line}:{d.col}:"
        code = printable(d.code)
        if color:
            location = f"\x1b[1m{location}\x1b[0m"
            code = f"\x1b[{31 if d.severity == ERROR else 33}m{code}\x1b[0m"
        lines.append(f"{location} {code} {printable(d.message)}")
    return "\n".join(lines)


def format_json(diagnostics: list[Diagnostic]) -> str:
    import json  # here: start-up loads this module, and most runs print text

    return json.dumps({"diagnostics": [d.to_dict() for d in diagnostics]}, indent=2, ensure_ascii=False,
                      allow_nan=False)


def format_github(diagnostics: list[Diagnostic]) -> str:
    """GitHub Actions workflow commands, so problems show inline on a pull request."""
    out = []
    for d in diagnostics:
        kind = "error" if d.severity == ERROR else "warning"
        message = d.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        path = _escape_property(d.path)
        out.append(f"::{kind} file={path},line={max(d.line, 1)},col={max(d.col, 1)},title={_escape_property(d.code)}::{message}")
    return "\n".join(out)


def _escape_property(value: str) -> str:
    """A workflow command property: `,` and `:` separate properties, so they are escaped too."""
    return (value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
            .replace(":", "%3A").replace(",", "%2C"))


def summary_line(diagnostics: list[Diagnostic], files_checked: int, plugins_not_run: Sequence[str] = ()) -> str:
    """The closing line of `check`; it names vault plugins that did not run, so "All good" never hides their rules."""
    errors = sum(d.severity == ERROR for d in diagnostics)
    warnings = len(diagnostics) - errors
    files = f"{files_checked} file{'s' * (files_checked != 1)} checked"
    if not diagnostics:
        line = f"All good: {files}."
    else:
        line = f"Found {errors} error{'s' * (errors != 1)} and {warnings} warning{'s' * (warnings != 1)} in {files}."
    if plugins_not_run:
        names = ", ".join(plugins_not_run)
        line += (f" {len(plugins_not_run)} vault plugin{'s' * (len(plugins_not_run) != 1)} not run ({names}):"
                 " not allowed on this machine, see `netfiles trust`.")
    return line


def shown_paths(paths: list[str], limit: int = 3) -> str:
    """Paths for a message, escaped so a control character cannot fake output; "and N more" past `limit`."""
    shown = ", ".join(printable(p) for p in paths[:limit])
    return shown + (f" and {len(paths) - limit} more" if len(paths) > limit else "")

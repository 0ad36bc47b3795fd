"""CSV output that is safe to open in a spreadsheet.

Imported data is written by other people: a LinkedIn headline such as
"=HYPERLINK(...)" or "+1 555" would be run as a formula by Excel or
LibreOffice.  Following the OWASP "CSV Injection" guidance, any cell that
starts with = + - @, a tab or a carriage return is prefixed with a single
quote, which spreadsheets show as text.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping, Sequence
from typing import IO, Any

__all__ = ["neutralize", "write_csv"]

# OWASP lists = + - @ TAB CR; LF is added because some spreadsheet imports
# treat a leading newline like CR.
_DANGEROUS_FIRST = ("=", "+", "-", "@", "\t", "\r", "\n")


def neutralize(value: str) -> str:
    """Return `value` made inert for spreadsheets: a leading apostrophe when
    it starts with a formula trigger, otherwise unchanged."""
    if value and value.startswith(_DANGEROUS_FIRST):
        return "'" + value
    return value


def _cell(value: Any) -> str:
    """Plain text for one cell: None is empty, lists are joined with "; "."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple, set)):
        return "; ".join(_cell(v) for v in value)
    return str(value)


def write_csv(
    rows: Iterable[Mapping[str, Any] | Sequence[Any]],
    fieldnames: Sequence[str],
    fileobj: IO[str],
) -> int:
    """Write a header and `rows` (mappings, or sequences in `fieldnames`
    order) to `fileobj`, neutralising every cell; returns the number of data
    rows written.

    Open the file with ``newline=""`` as the csv module requires; keys not
    in `fieldnames` are ignored, missing ones are empty.
    """
    writer = csv.writer(fileobj)
    writer.writerow([neutralize(_cell(name)) for name in fieldnames])
    count = 0
    for row in rows:
        if isinstance(row, Mapping):
            values = [row.get(name) for name in fieldnames]
        else:
            values = list(row)
        writer.writerow([neutralize(_cell(v)) for v in values])
        count += 1
    return count

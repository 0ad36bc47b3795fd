"""Properties of what netfiles prints and writes for other programs, for any text a vault may hold."""
from __future__ import annotations

import csv
import io
import json
import math

from hypothesis import given, settings
from hypothesis import strategies as st

import netfiles
from netfiles.model.diagnostics import Diagnostic, format_text

FORMULA_START = ("=", "+", "-", "@")
cells = st.one_of(st.none(), st.text(max_size=30), st.lists(st.text(max_size=10), max_size=3),
                  st.integers(), st.floats(allow_nan=False))


@settings(derandomize=True, max_examples=300, deadline=None)
@given(st.lists(st.lists(cells, min_size=3, max_size=3), max_size=8), st.booleans())
def test_csv_reads_back_one_row_per_contact_and_no_cell_starts_a_formula(rows, neutralise):
    columns = ["a", "b", "c"]
    buffer = io.StringIO()
    netfiles.write_csv([dict(zip(columns, row)) for row in rows], columns, buffer, neutralise=neutralise)
    read = list(csv.reader(io.StringIO(buffer.getvalue(), newline="")))
    assert read[0] == columns and len(read) == len(rows) + 1
    for row, back in zip(rows, read[1:]):
        for value, cell in zip(row, back):
            text = "" if value is None else "; ".join(map(str, value)) if isinstance(value, list) else str(value)
            if neutralise:
                assert not cell.startswith(FORMULA_START)
                assert cell in (text, "'" + text)
            else:
                assert cell == text


json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=10)),
    lambda children: st.one_of(st.lists(children, max_size=4), st.dictionaries(st.text(max_size=5), children, max_size=4)),
    max_leaves=20)


@settings(derandomize=True, max_examples=300, deadline=None)
@given(json_values)
def test_json_output_is_always_strict_json(value):
    def refuse(name):
        raise ValueError(name)

    back = json.loads(netfiles.to_json(value), parse_constant=refuse)
    if isinstance(value, float) and math.isfinite(value):
        assert back == value


any_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=10), st.dates()),
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.tuples(children, children), st.frozensets(st.integers(), max_size=3),
        st.dictionaries(st.one_of(st.text(max_size=5), st.integers(), st.none(), st.booleans()), children,
                        max_size=4)),
    max_leaves=25)


@settings(derandomize=True, max_examples=400, deadline=None)
@given(any_values)
def test_indented_json_is_the_standard_librarys_text_exactly(value):
    """`to_json` writes indented JSON itself, for speed; it must be what json.dumps would have written."""
    from netfiles.cli.output import json_safe

    assert netfiles.to_json(value) == json.dumps(json_safe(value), indent=2, ensure_ascii=False, default=str,
                                                 allow_nan=False)


@settings(derandomize=True, max_examples=300, deadline=None)
@given(st.text(max_size=40), st.text(max_size=40))
def test_one_diagnostic_is_one_line_of_text_whatever_the_path_and_message(path, message):
    text = format_text([Diagnostic(path, 1, 1, "NF201", "error", message)])
    assert "\n" not in text and "\r" not in text and all(c.isprintable() for c in text)

"""Issue 10, items 2 and 12 (headings): the writer and the parser read a file the same way (netfiles/reading/markdown.py).

`netfiles log` only writes lines the index then reads: a property test generates contact
files of every shape and checks the line added is the one interaction the parser gains,
and that nothing else in the file changed.
"""
from __future__ import annotations

import datetime as dt
import difflib
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netfiles import WriteError, append_log_line
from netfiles.reading.parse import parse_markdown
from netfiles.testing import check_diagnostics

D = dt.date


def record(data: bytes) -> dict:
    return parse_markdown("people/x.md", data, True)


def log_items(data: bytes) -> list[tuple]:
    return sorted((date, kind, text) for date, kind, text, *_ in record(data)["log"])


# The examples from the issue -------------------------------------------------------------------

def test_cr_only_front_matter_is_checked(netfiles_make_vault):
    v = netfiles_make_vault({"people/Ana.md": b"---\rname: Ana\remails: [bad-email]\r---\r# Ana\r## Log\r- 2026-01-01 call: hi\r"})
    codes = [(d["code"], d["line"]) for d in check_diagnostics(v)]
    assert ("NF203", 3) in codes, codes  # was ignored: the front matter of CR-only files was not read
    ana = record((v / "people/Ana.md").read_bytes())
    assert ana["fm"]["emails"] == ["bad-email"] and ana["log"][0][:3] == ["2026-01-01", "call", "hi"]


def test_log_keeps_cr_only_line_endings_and_the_parser_reads_the_line(tmp_path):
    path = tmp_path / "Ana.md"
    path.write_bytes(b"---\rname: Ana\r---\r# Ana\r\r## Log\r- 2026-01-01 call: hi\r")
    append_log_line(path, D(2026, 2, 1), "coffee", "new")
    data = path.read_bytes()
    assert data == b"---\rname: Ana\r---\r# Ana\r\r## Log\r- 2026-02-01 coffee: new\r- 2026-01-01 call: hi\r"
    assert log_items(data)[-1] == ("2026-02-01", "coffee", "new")


def test_log_after_an_unclosed_code_fence_is_refused_not_hidden(tmp_path):
    path = tmp_path / "Ana.md"
    original = "---\nname: Ana\n---\n# Ana\n\n```python\nprint('never closed')\n"
    path.write_text(original)
    with pytest.raises(WriteError, match="line 6 opens a code block"):
        append_log_line(path, D(2026, 2, 1), "call", "x")
    assert path.read_text() == original
    # a Log heading inside the unclosed fence is not a Log section, for either of them
    path.write_text(original + "## Log\n- 2026-01-01 call: hidden\n")
    assert record(path.read_bytes())["log"] == []
    with pytest.raises(WriteError, match="never closed"):
        append_log_line(path, D(2026, 2, 1), "call", "x")


def test_a_log_heading_nested_in_a_log_section_is_one_section(tmp_path):
    path = tmp_path / "Ana.md"
    path.write_text("# Ana\n## Log\n- 2026-01-05 call: a\n### Log\n- 2026-01-03 call: b\n### Older\n"
                    "- 2026-01-01 call: c\n## Next\n- 2026-01-09 call: not a log line\n")
    assert [i[2] for i in record(path.read_bytes())["log"]] == ["a", "b", "c"]
    append_log_line(path, D(2026, 1, 2), "email", "between")
    data = path.read_bytes()
    assert [i[2] for i in record(data)["log"]] == ["a", "b", "between", "c"]


def test_a_log_item_is_never_inserted_inside_a_fence_of_the_log(tmp_path):
    path = tmp_path / "Ana.md"
    path.write_text("## Log\n- 2026-01-05 call: a\n  ```\n  - 2026-01-04 not an item\n  ```\n"
                    "- 2026-01-01 call: c\n")
    append_log_line(path, D(2026, 1, 2), "email", "between")
    assert [i[2] for i in record(path.read_bytes())["log"]] == ["a", "between", "c"]


@pytest.mark.parametrize("line", ["# x" + " " * 100_000 + "x", "## Log" + " \t#" * 50_000 + "x",
                                  "# " + "#" * 100_000 + " x"])
def test_long_headings_parse_in_linear_time(line):
    data = ("---\nname: A\n---\n" + line + "\n## Log\n- 2026-01-01 call: hi\n").encode()
    started = time.perf_counter()
    rec = record(data)
    assert time.perf_counter() - started < 0.5  # was 18-20 s: `(.*?)[ \t#]*$` backtracked
    assert [i[2] for i in rec["log"]] == ["hi"]


def test_heading_text_drops_closing_hashes():
    from netfiles.reading.markdown import heading

    assert heading("## Log ##\r\n") == (2, "Log")
    assert heading("### Log\t# #") == (3, "Log")
    assert heading("####### Log") is None and heading("#Log") is None


def lines_of(data: bytes) -> list[str]:
    """Lines without their endings (a missing final newline is no line of its own)."""
    lines = data.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return lines[:-1] if lines[-1] == "" else lines


# The property: one added line, read by the parser, and nothing else changed -------------------

NEWLINES = st.sampled_from(["\n", "\r\n", "\r"])
FRONT = st.sampled_from(["", "---\nname: Ana\n---\n", "---\nname: Ana\ntags: [a]\nemails:\n  - a@x.org\n...\n",
                         "---\n---\n", "---\nname: Ana  # c\n---   \n"])
DATES = st.dates(min_value=D(2020, 1, 1), max_value=D(2027, 12, 31))
TEXT = st.text(alphabet=st.sampled_from(list("abc #`~-:\u0085\u2028") + ["é"]), max_size=12)


@st.composite
def log_block(draw) -> list[str]:
    level = draw(st.integers(1, 4))
    title = draw(st.sampled_from(["Log", "log", "LOG ##", "Log #"]))
    dates = draw(st.lists(DATES, max_size=4))
    order = draw(st.sampled_from(["newest", "oldest", "as drawn"]))
    if order != "as drawn":
        dates.sort(reverse=order == "newest")
    lines = ["#" * level + " " + title]
    if draw(st.booleans()):
        lines.append("")
    for day in dates:
        lines.append(f"- {day.isoformat()} {draw(st.sampled_from(['call', 'coffee', 'email']))}: "
                     f"{draw(TEXT).strip()}".rstrip())
        if draw(st.integers(0, 5)) == 0:
            lines.append("  - a detail")
    if draw(st.integers(0, 4)) == 0:
        lines += ["#" * (level + 1) + " Log", f"- {draw(DATES).isoformat()} call: nested"]
    return lines


@st.composite
def contact_file(draw) -> tuple[bytes, str]:
    front = draw(FRONT).split("\n")[:-1]
    body = ["# Ana", ""]
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(st.sampled_from(["text", "fence", "log", "heading", "unclosed fence"]))
        if kind == "text":
            body.append(draw(TEXT))
        elif kind == "fence":
            mark = draw(st.sampled_from(["```", "~~~"]))
            body += [mark + "js", "## Log", "- 2026-01-01 call: in a fence", mark]
        elif kind == "log":
            body += draw(log_block())
        elif kind == "heading":
            body.append("#" * draw(st.integers(1, 6)) + " " + draw(st.sampled_from(["Notes", "Log", "Work"])))
        else:
            body += ["```", "- 2026-01-01 call: unclosed"]
    lines = front + body
    newline = draw(NEWLINES)
    text = newline.join(lines)
    if draw(st.booleans()):
        text += newline  # else no final newline
    data = text.encode("utf-8")
    return (b"\xef\xbb\xbf" if draw(st.booleans()) else b"") + data, newline


@settings(derandomize=True, max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(file=contact_file(), day=DATES, text=TEXT)
def test_log_adds_exactly_one_interaction_and_changes_nothing_else(tmp_path, file, day, text):
    data, newline = file
    path = tmp_path / "Ana.md"
    path.write_bytes(data)
    before = record(data)
    try:
        entry = append_log_line(path, day, "coffee", text)
    except WriteError as exc:
        assert "never closed" in str(exc)  # the one refusal: a Log section would land inside a code fence
        assert path.read_bytes() == data
        return
    after_data = path.read_bytes()
    after = record(after_data)
    expected = (day.isoformat(), "coffee", text.strip())
    assert log_items(after_data) == sorted(log_items(data) + [expected])
    assert after["fm"] == before["fm"]
    # the diff: the new line, and at most a `## Log` heading (with a blank line before it) when there was none
    old_lines, new_lines = lines_of(data), lines_of(after_data)
    removed = [line for line in difflib.ndiff(old_lines, new_lines) if line.startswith("- ")]
    added = [line[2:] for line in difflib.ndiff(old_lines, new_lines) if line.startswith("+ ")]
    assert removed == []
    assert entry in added and set(added) <= {entry, "## Log", ""}
    assert len(added) <= 3 and (len(added) == 1 or "## Log" in added)
    assert after_data.startswith(b"\xef\xbb\xbf") == data.startswith(b"\xef\xbb\xbf")
    if b"\n" in data or b"\r" in data:  # the new line ends as the file's lines do
        assert (entry + newline).encode() in after_data


@settings(derandomize=True, max_examples=150, deadline=None)
@given(file=contact_file())
def test_a_file_reads_the_same_whatever_its_line_endings(file):
    data, newline = file
    text = data.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    records = [record(text.replace("\n", ending).encode()) for ending in ("\n", "\r\n", "\r")]
    assert records[1] == records[0] and records[2] == records[0]

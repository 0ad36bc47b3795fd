"""Issue 10, "Done when": a fuzz test of the parser and the commands on generated hostile vaults.

Hypothesis builds contact files and notes from pieces of YAML and Markdown that
have broken netfiles before (tags, anchors and aliases, deep nesting, bad and
extreme dates, huge numbers, control characters, invalid UTF-8, CR/LF mixes,
fences, headings, long flow lists). For every generated file the parser must
return a record with only known diagnostics; for every generated vault, `check`,
`due` and `ls --format json` must exit 0 or 1 (never 2, never a traceback),
within a deadline, and leave every byte of the vault as it was.
"""
from __future__ import annotations

import json
import random
import tempfile
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netfiles import create_cli, get_plugin_manager
from netfiles.model.diagnostics import CORE_CODES
from netfiles.reading.parse import parse_markdown

KEYS = ["name", "emails", "phones", "tags", "aliases", "knows", "introduced_by", "met", "birthday", "snooze_until",
        "cadence", "strength", "linkedin", "organization", "role", "location", "date", "x", "a b"] * 4 + ["<<", "? k"]
# Values that keep a document well-formed YAML (so that what comes after parsing is reached too) ...
SCALARS = [
    "Ana Souza", "'quoted'", '"dq \\u0041 \\t"', "ana@example.org", "not-an-email", '"[[Bo Chen]]"', "2026-05-16",
    "2026-13-45", "2024-05-16 10:30", "2026-12-01T09:00", "2026-12-01 09:00:00 +02:00", "9999-12-31", "0001-01-01",
    "--02-29", "--13-40", "99999999999999999999d", "3000y", "100y", "quarterly", "never", "0d", "-1w", "1e999", ".nan",
    "-.inf", "9" * 400, "0x_ff", "0o17", "1_000", "12:30:00", "~", "null", "yes", "No", "http://[oops",
    "linkedin.com/in/x", "https://www.linkedin.com:port/in/y", "tab\there", "'\u0085nel'", "3", "-7", "0",
]
# ... and values that break it in every way the reader and scanner know.
HOSTILE = ["\x07bell", "\u2028line sep", "\ufeffbom", "|", ">", "&a", "*a", "*missing", "!", "%", "@", "`", "{", "}",
           "[", "]", ",", ":", "#comment", "a #comment", "[[Bo Chen]]", '"bad \\q escape"', "'open", "- item"]
TAGS = ["!!bool", "!!int", "!!float", "!!timestamp", "!!binary", "!!str", "!!null", "!!set", "!!omap", "!!pairs",
        "!!map", "!!seq", "!!merge", "!!python/object/apply:os.system", "!!python/name:os.system", "!local", "!<x>"]
BODY_LINES = ["## Log", "# Log", "### log", "- 2026-01-05 call: fine", "- 2026-13-05 call: bad", "- not a date",
              "  - 2026-01-06 nested", "```", "~~~", "```python", "- [[Bo Chen]] #gave", "#" + " " * 200 + "x",
              "# heading", "---", "...", "text with [[Link]] and [[Broken", "- 9999-12-31 far", ""]
ENDINGS = ["\n", "\r\n", "\r"]
BAD_BYTES = [b"\xff", b"\xc3", b"\xed\xa0\x80", b"\x00", b"\xef\xbb\xbf", b"\x1b[31m"]


def scalar(rng: random.Random) -> str:
    return rng.choice(HOSTILE) if rng.random() < 0.05 else rng.choice(SCALARS)


def yaml_value(rng: random.Random, depth: int = 0) -> str:
    kind = rng.randint(0, 9 if depth < 3 else 3)
    if kind <= 3:
        return scalar(rng)
    if kind == 4:
        return f"{rng.choice(TAGS)} {scalar(rng)}"
    if kind == 5:
        return "[" + ", ".join(scalar(rng) for _ in range(rng.randint(0, 6))) + "]"
    if kind == 6:
        return "{" + ", ".join(f"k{i}: {yaml_value(rng, depth + 1)}" for i in range(rng.randint(0, 3))) + "}"
    if kind == 7:
        nesting = rng.randint(1, 80)
        return "[" * nesting + scalar(rng) + "]" * nesting
    if kind == 8:
        inner = rng.choice(["[*a, *a]", "[*b]", "{k: *a}", "!!pairs [k: *a]", "!!omap [k: *b]", "!!set {? *a}",
                            "{<<: *a}", "[x, y]"])
        return f"&{rng.choice('ab')} {inner}"
    return "[" + ", ".join(f"i{i}" for i in range(rng.randint(0, 3000))) + "]"


def front_matter(rng: random.Random) -> str:
    lines = []
    for _ in range(rng.randint(0, 8)):
        key = rng.choice(KEYS)
        shape = rng.randint(0, 5)
        if shape == 0:  # a block list
            lines.append(f"{key}:")
            indent = rng.choice(["", "  ", " "])
            lines += [f"{indent}- {scalar(rng)}" for _ in range(rng.randint(1, 4))]
        elif shape == 1:
            lines.append(f"{key}:   # fill in later")
        else:
            lines.append(f"{key}: {yaml_value(rng)}")
    return "\n".join(lines)


def markdown_file(rng: random.Random) -> bytes:
    """One generated file: maybe front matter (closed or not), then Markdown lines, in mixed line endings and bytes."""
    parts = []
    if rng.random() < 0.8:
        parts += ["---", front_matter(rng), rng.choice(["---", "...", "--- ", ""])]
    parts += rng.choices(BODY_LINES, k=rng.randint(0, 12))
    text = rng.choice(ENDINGS).join(parts)
    if rng.random() < 0.2:  # line endings mixed within one file
        text = text.replace("\n", rng.choice(ENDINGS), rng.randint(1, 5))
    data = text.encode("utf-8")
    if rng.random() < 0.25:
        for _ in range(rng.randint(1, 2)):
            where = rng.randint(0, len(data))
            data = data[:where] + rng.choice(BAD_BYTES) + data[where:]
    return data


# Hypothesis drives Python's Random (fixed seed, derandomized), which builds files a hundred times faster
# than drawing every piece from a strategy; failures print the file's bytes.
files = st.randoms(use_true_random=False).map(lambda rng: [markdown_file(rng) for _ in range(rng.randint(1, 40))])


@settings(max_examples=150, deadline=5000, derandomize=True, suppress_health_check=list(HealthCheck))
@given(batch=files, is_contact=st.booleans())
def test_the_parser_never_raises_on_generated_files(batch, is_contact):
    for data in batch:
        try:
            record = parse_markdown("people/Fuzz.md" if is_contact else "notes/fuzz.md", data, is_contact)
            json.dumps(record)  # stored in the index as JSON
        except Exception as exc:  # noqa: BLE001 - name the input that broke it
            raise AssertionError(f"parsing {data!r} raised {exc!r}") from exc
        for diagnostic in record["diagnostics"]:
            assert diagnostic["code"] in CORE_CODES and diagnostic["line"] >= 0 and diagnostic["col"] >= 0, data


def _snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and ".netfiles/cache" not in p.as_posix()}


@settings(max_examples=40, deadline=20_000, derandomize=True, suppress_health_check=list(HealthCheck))
@given(batch=files)
def test_commands_survive_generated_vaults_and_change_nothing(batch):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / ".netfiles").mkdir()
        for number, data in enumerate(batch):
            folder = "people" if number % 4 else "notes"
            path = root / folder / f"{'2026-05-16 ' if number % 8 == 0 else ''}f{number}.md"
            path.parent.mkdir(exist_ok=True)
            path.write_bytes(data)
        before = _snapshot(root)
        cli = create_cli(get_plugin_manager(root))
        for args in (["check", "--format", "json"], ["due", "--today", "2026-06-01", "--format", "json"],
                     ["ls", "--format", "json"], ["plan", "--today", "2026-06-01"]):
            result = CliRunner().invoke(cli, ["--vault", str(root), *args])
            assert result.exception is None or isinstance(result.exception, SystemExit), (args, result.exception)
            assert result.exit_code in (0, 1), (args, result.output, batch)
            assert "internal error" not in result.output and "Traceback" not in result.output
            if "json" in args:
                json.loads(result.stdout)
        assert _snapshot(root) == before

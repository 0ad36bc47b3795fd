"""The plain-subset YAML reader must give exactly what PyYAML gives, or step aside.

Front matter is read by `plainyaml.load_plain` when it can and by PyYAML when it
cannot; a user must never see a difference. These tests compare the two on
hand-picked edge cases, on generated documents and on mutated copies of the
sample vault's front matter.
"""
from __future__ import annotations

import random
from pathlib import Path

import pytest
import yaml

from netfiles.reading import yamlload
from netfiles.reading.parse import parse_markdown, split_front_matter
from netfiles.reading import plainyaml
from netfiles.reading.plainyaml import NOT_PLAIN, load_plain
from netfiles.reading.yamlload import InvalidDate

SAMPLE = Path(__file__).resolve().parent.parent / "sample-vault"


def _date_error(text, line):
    value = InvalidDate(text)
    value.line = line
    return value


def _pyyaml(text):
    """PyYAML's answer (with netfiles' date handling), or the exception type it raised."""
    try:
        return yaml.load(text, Loader=yamlload.loader_class())
    except Exception as exc:  # noqa: BLE001 - any failure means the plain reader must not answer
        return type(exc)


def _same(a, b) -> bool:
    """Equal, with the same types all the way down (True is not 1, a date is not its text)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(type(k) is type(j) for k, j in zip(a, b)) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    if isinstance(a, InvalidDate):
        return a == b and a.line == b.line
    return a == b


def _check(text):
    """Assert the plain reader agrees with PyYAML on `text`; True when it answered itself."""
    got = load_plain(text, _date_error)
    if got is NOT_PLAIN:
        return False
    expected = _pyyaml(text)
    assert _same(got, expected), f"{text!r}: plain reader gave {got!r}, PyYAML {expected!r}"
    return True


@pytest.mark.parametrize("text, expected", [
    ("name: Ana\nmet: 2024-03-01\nstrength: 4\n", {"name": "Ana", "met": "date", "strength": 4}),
    ("tags: [a, 'b c', \"[[D]]\"]\n", {"tags": ["a", "b c", "[[D]]"]}),
    ("knows:\n  - \"[[A]]\"\n  - B\n", {"knows": ["[[A]]", "B"]}),
    ("knows:\n- a\n- b\n", {"knows": ["a", "b"]}),
    ("x: yes\ny: Off\nz: ~\nw:\n", {"x": True, "y": False, "z": None, "w": None}),
    ("role: Head of People, EMEA\nurl: https://x.example/a?b=1\n", {"role": "Head of People, EMEA",
                                                                    "url": "https://x.example/a?b=1"}),
    ("# a comment\nname: O'Brien\n", {"name": "O'Brien"}),
    ("quote: 'it''s'\n", {"quote": "it's"}),
])
def test_plain_documents_are_read_directly_and_match_pyyaml(text, expected):
    got = load_plain(text, _date_error)
    assert got is not NOT_PLAIN
    assert list(got) == list(expected)
    assert _same(got, _pyyaml(text))


@pytest.mark.parametrize("text", [
    "on: x\n",                      # the key is the boolean True
    "name: Ana # comment\n",         # a comment after a value
    "name: &a Ana\nalias: *a\n",     # anchors and aliases
    "bio: |\n  two\n  lines\n",      # block scalars
    "name: Ana\n  continued\n",      # a multi-line plain scalar
    "x: 012\n", "x: 1_000\n", "x: 3.5\n", "x: 2026-01-05 10:00:00\n",
    "name: \"a\\tb\"\n",             # escapes in double quotes
    "name: Ana\r\nrole: CEO\r\n",    # CRLF
    "name:\tAna\n",                  # a tab
    "tags: [a, b,]\n",               # a trailing comma
    "tags: [a,\n  b]\n",             # a flow list over two lines
    "a: {b: c}\n",                   # nested mappings
    "knows:\n  - a\n   - b\n",       # uneven list indentation
    "- a\n- b\n",                    # not a mapping at all
    "",                              # empty
])
def test_anything_outside_the_subset_is_left_to_pyyaml(text):
    assert load_plain(text, _date_error) is NOT_PLAIN


def test_every_first_character_pyyaml_gives_a_type_is_handled():
    """If PyYAML's resolver learns a new implicit type, the plain reader must not take it for a string."""
    from yaml.resolver import Resolver

    typed = {first for first in Resolver.yaml_implicit_resolvers if first}
    assert typed <= plainyaml.WORD_START | plainyaml.NUMBER_START
    patterns = {tag.rsplit(":", 1)[1]: regexp for resolvers in Resolver.yaml_implicit_resolvers.values()
                for tag, regexp in resolvers}
    for name in ("float", "int", "timestamp"):
        ours = getattr(plainyaml, name.upper())
        assert (ours.pattern, ours.flags) == (patterns[name].pattern, patterns[name].flags)


@pytest.mark.parametrize("word", [case(w) for w in ("yes", "no", "true", "false", "on", "off", "null", "y", "n")
                                  for case in (str.lower, str.title, str.upper, lambda w: w[:-1] + w[-1].upper())])
def test_boolean_and_null_words_resolve_as_pyyaml_does(word):
    for text in (f"flag: {word}\n", f"flags: [{word}, x]\n", f"{word}: x\n"):
        assert _check(text) or text.startswith(word)  # a word key PyYAML types is left to PyYAML


def test_a_date_that_does_not_exist_keeps_its_text_and_line():
    value = load_plain("name: Ana\n\nmet: 2026-13-45\n", _date_error)["met"]
    assert isinstance(value, InvalidDate) and value == "2026-13-45" and value.line == 2
    assert _same(value, _pyyaml("name: Ana\n\nmet: 2026-13-45\n")["met"])


_ATOMS = [
    "a", "Zürich", "yes", "No", "ON", "off", "y", "n", "null", "~", "Null", "true", "FALSE", "0", "7", "012",
    "0x1f", "1_000", "3.5", ".5", "1e3", "-5", "+5", "2026-01-05", "2026-1-5", "2026-13-45", "0000-01-01",
    "2026-02-30", "2026-01-05T10:00:00", "1:20", "<<", "=", "a b", "a  b", "a: b", "a:b", "a #b", "a#b", "C#",
    "#c", "a,b", "a, b", "[x]", "[x, y]", "[ ]", "{a: b}", "&x a", "*x", "!!str 5", "| x", "> x", "'q'",
    "'it''s'", "''", '""', '"a b"', '"a\\nb"', '"a # b"', '"[[Bob]]"', "[[Bob]]", "'a", '"a', "a'", 'a"', "%x",
    "@x", "`x", "-x", "?x", ":x", "x:", "https://x.example/a?b=1", "O'Brien", "a]b", "a}b", "a\tb", "a\rb",
    "\u00a0a", "a\u2028b", "日本", "😀", "\x07", "a\\b", "- x", "x - y", "...", "---", " x", "x ", "tRUE",
    ".inf", "0b1", "190:20:30", "9" * 30,
]
_PLAIN_ATOMS = ["+41 22 555 01 01", "3M", "2nd floor", "1.5x", "Ana Lima", "Zürich", "yes", "null", "4", "2026-01-05", "2026-02-30", "O'Brien", "'q'", '"[[Bob]]"',
                "https://x.example/a?b=1", "C#", "a, b"]
_KEYS = ["name", "tags", "met", "knows", "strength", "a b", "yes", "on", "null", "Key-1", "_x", "é", "1a",
         "a:", "'q'", "k" * 1100, "<<", "~", "No"]


def _generated(rng: random.Random) -> str:
    def atom():
        return rng.choice(_PLAIN_ATOMS if rng.random() < 0.7 else _ATOMS)

    def value():
        roll = rng.random()
        if roll < 0.45:
            return " " + atom()
        if roll < 0.65:
            items = ", ".join(atom() for _ in range(rng.randint(0, 4)))
            return " [" + items + rng.choice(["]", "]", ",]", "] ", "] #c"])
        if roll < 0.85:
            indent = rng.choice(["", "  ", "    ", " "])
            lines = ""
            for _ in range(rng.randint(0, 4)):
                lines += "\n" + indent + ("" if rng.random() < 0.95 else " ") + rng.choice(["- ", "-  ", "-"])
                lines += atom() + rng.choice(["", "", "", "\n", "\n# c", "\n   more"])
            return lines
        return rng.choice(["", " "])

    lines = []
    for _ in range(rng.randint(0, 8)):
        roll = rng.random()
        if roll < 0.05:
            lines.append("# a comment")
        elif roll < 0.08:
            lines.append(rng.choice(_ATOMS))
        else:
            key = rng.choice(_KEYS) if rng.random() < 0.3 else rng.choice(["name", "tags", "knows"])
            lines.append(key + ":" + value())
    return "\n".join(lines) + rng.choice(["\n", "", "\n\n", "\r\n"])


def test_generated_documents_agree_with_pyyaml():
    rng = random.Random(20261122)
    answered = sum(_check(_generated(rng)) for _ in range(6000))
    assert answered > 500  # the comparison covered many documents the plain reader took on


def _sample_front_matter() -> list[str]:
    texts = []
    for path in sorted(SAMPLE.rglob("*.md")):
        yaml_text, *_ = split_front_matter(path.read_text(encoding="utf-8"))
        if yaml_text:
            texts.append(yaml_text)
    return texts


def test_mutated_sample_front_matter_agrees_with_pyyaml():
    sources = _sample_front_matter()
    assert sum(load_plain(text, _date_error) is not NOT_PLAIN for text in sources) >= len(sources) * 0.8
    rng = random.Random(7)
    pieces = list(" :-#[]{},'\"&*!|>%@`?\n\t~.0123456789yYnNaé") + [" #", ": ", "\n  ", "\n- ", "- ", "\\"]
    answered = 0
    for _ in range(6000):
        text = rng.choice(sources)
        for _ in range(rng.randint(1, 3)):
            at = rng.randrange(len(text) + 1)
            roll = rng.random()
            if roll < 0.5:
                text = text[:at] + rng.choice(pieces) + text[at:]
            elif roll < 0.8:
                text = text[:at] + text[at + 1:]
            else:
                text = text[:at] + rng.choice(pieces) + text[at + 1:]
        answered += _check(text)
    assert answered > 1000


def test_every_sample_contact_parses_to_the_same_record_either_way(monkeypatch):
    """Whole records, diagnostics included, are the same with and without the plain reader."""
    files = sorted(SAMPLE.rglob("*.md"))
    fast = [parse_markdown(p.relative_to(SAMPLE).as_posix(), p.read_bytes(), "people/" in p.as_posix())
            for p in files]
    monkeypatch.setattr(yamlload, "load_plain", lambda text, date_error: NOT_PLAIN)
    slow = [parse_markdown(p.relative_to(SAMPLE).as_posix(), p.read_bytes(), "people/" in p.as_posix())
            for p in files]
    assert fast == slow

"""The core helpers the import plugin relies on (and had duplicated before):
`netfiles.safe_filename`, `netfiles.normalize_linkedin`, `netfiles.neutralize`
/ `netfiles.write_csv`, and the fast path of front matter rendering."""

from __future__ import annotations

import csv
import datetime
import io
import random

import pytest
import yaml

import netfiles
from netfiles.reading.yamlload import dump_value
from netfiles_import.records import canonical_linkedin_url


# --------------------------------------------------------------------------
# safe_filename


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Ana Souza", "Ana Souza"),
        ("José García", "José García"),
        ("../../etc/passwd", "etc passwd"),
        ("..\\..\\windows\\system32", "windows system32"),
        ("CON", "CON (contact)"),
        ("con.txt", "con.txt (contact)"),
        ("COM¹", "COM¹ (contact)"),
        ("a:b|c", "a b c"),
        ("[[Ana]] #tag ^block", "Ana tag block"),
        ("", "Unnamed"),
        ("...", "Unnamed"),
        (".hidden", "hidden"),
        (". .. .x", "x"),
        ("a..b", "a.b"),
        ("Ana. ", "Ana"),
        ("tab\there\nnewline\x00nul\x85", "tab here newline nul"),
        ("evil\u202etxt.exe", "evil txt.exe"),
    ],
)
def test_safe_filename(name, expected):
    assert netfiles.safe_filename(name) == expected


@pytest.mark.parametrize(
    "name",
    ["../../etc/passwd", "CON", "a:b|c", "", "...", "x" * 500, "é" * 500, "🙂" * 300, "/", "\\\\server\\share",
     "e\u0301" * 150, "\u202e" * 3],
)
def test_safe_filename_properties(name):
    stem = netfiles.safe_filename(name)
    assert stem
    assert not set(stem) & set('\\/:*?"<>|#^[]')
    assert ".." not in stem
    assert stem == stem.strip() and not stem.endswith(".") and not stem.startswith(".")
    assert len(stem.encode("utf-8")) <= 200 + len(" (contact)")
    assert stem.split(".")[0].upper() not in {"CON", "PRN", "AUX", "NUL", "COM1", "LPT1"}
    assert all(ord(c) >= 32 for c in stem)


# --------------------------------------------------------------------------
# LinkedIn URLs: the identity key (core) and the written form (plugin)


@pytest.mark.parametrize(
    ("url", "key"),
    [
        ("https://www.linkedin.com/in/ana-souza", "linkedin.com/in/ana-souza"),
        ("https://uk.linkedin.com/in/Ana-Souza/", "linkedin.com/in/ana-souza"),
        ("http://br.linkedin.com/in/ana-souza?trk=abc#top", "linkedin.com/in/ana-souza"),
        ("https://m.linkedin.com/in/ana-souza", "linkedin.com/in/ana-souza"),
        ("linkedin.com/in/ana-souza", "linkedin.com/in/ana-souza"),
        ("https://www.linkedin.com/in/jos%C3%A9/", "linkedin.com/in/josé"),
        ("https://notlinkedin.com/in/x", "notlinkedin.com/in/x"),
    ],
)
def test_core_linkedin_key_folds_country_hosts(url, key):
    assert netfiles.normalize_linkedin(url) == key
    # What the importer writes into a file has the same key.
    assert netfiles.normalize_linkedin(canonical_linkedin_url(url)) == key


def test_country_hosts_are_one_identity_for_check(netfiles_vault, netfiles_cli):
    netfiles_vault.add_contact("Ana Souza", linkedin="https://uk.linkedin.com/in/ana-souza")
    netfiles_vault.add_contact("Ana S", linkedin="https://www.linkedin.com/in/Ana-Souza/")
    result = netfiles_cli("check")
    assert result.exit_code == 1 and "NF302" in result.stdout


# --------------------------------------------------------------------------
# CSV


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://evil.example","x")', '\'=HYPERLINK("http://evil.example","x")'),
        ("+1 555 0100", "'+1 555 0100"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Ana Souza", "Ana Souza"),
        ("a=b", "a=b"),
        ("", ""),
        (None, ""),
    ],
)
def test_neutralize(value, expected):
    assert netfiles.neutralize(value) == expected


def test_write_csv_neutralises_every_cell_and_counts_rows():
    buffer = io.StringIO()
    rows = [{"name": "Ana", "role": '=HYPERLINK("x")', "emails": ["a@x.org", "b@x.org"], "ignored": "z"},
            {"name": "@handle", "role": None}]
    assert netfiles.write_csv(rows, ["name", "role", "emails"], buffer) == 2
    assert list(csv.reader(io.StringIO(buffer.getvalue()))) == [
        ["name", "role", "emails"],
        ["Ana", "'=HYPERLINK(\"x\")", "a@x.org; b@x.org"],
        ["'@handle", "", ""],
    ]


# --------------------------------------------------------------------------
# Rendering front matter values: the fast path (netfiles/reading/yamlload.py) must write what PyYAML writes


def _pyyaml(value) -> str:
    text = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=10_000, sort_keys=False).strip()
    if text.endswith("\n..."):
        return text[: -len("\n...")]
    return text[:-3].strip() if text.endswith("...") else text


def test_rendered_values_are_what_pyyaml_writes():
    rng = random.Random(5)
    alphabet = list("abcAZ _.,&()/'+-:#?@%=!*[]{}|>\"`~\\é李0123456789") + ["\u0301", "\u00a0", "\u2028", "🙂"]
    values = ["yes", "No", "ON", "null", "y", "Acme, Inc.", "O'Brien", "Head of Data", "linkedin",
              "https://www.linkedin.com/in/josé", "https://x.org/a?b=c", "=HYPERLINK(\"x\")", "@handle",
              "+1 555", "-Growth-", "2024-03-01", "1e3", datetime.date(2024, 3, 1), ["mentor", "pycon-2024"],
              ["a, b"], [], ["linkedin"], 5, None, True]
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 9)))
        values += [text, "https://" + text, [text, "x"]]
    for value in values:
        if value in (None, "", []):
            continue  # writers leave empty values out
        # dump_value is the fast path behind values written in flow style (render_contact writes
        # Obsidian's style on top of it: block lists, quoted links, plain dates; tests/test_write_style.py)
        assert dump_value(value) == _pyyaml(value), value

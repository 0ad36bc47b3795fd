"""`ls --format json` writes its rows with `print_json_columns`, a writer for rows that share their keys, given a
chunk of columns at a time: its text must be the standard library's indented JSON exactly, for any values a row may
hold."""
from __future__ import annotations

import contextlib
import datetime
import io
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from netfiles.cli.contacts import SUMMARY_COLUMNS, contact_summaries, merged_columns
from netfiles.cli.output import json_safe, print_json_columns

# Text a vault may hold: quotes, backslashes, control characters (NUL and newlines among them), non-ASCII.
texts = st.text(st.one_of(st.characters(), st.sampled_from('"\\\n\r\t\x00\x1b\u2028é中😀[],:{}%')), max_size=12)
finite = st.one_of(st.floats(allow_nan=False, allow_infinity=False), st.sampled_from([-0.0, 0.0, 1e300, -1e-300,
                                                                                       2.0 ** 70, 1.82]))
scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.integers(min_value=2 ** 64), finite, texts)
lists = st.one_of(st.lists(texts, max_size=3), st.lists(texts, max_size=3).map(tuple),
                  st.lists(scalars, max_size=3))
json_values = st.one_of(scalars, lists)
odd_values = st.one_of(json_values, st.dates(), st.sampled_from([float("nan"), float("inf"), -float("inf")]),
                       st.dictionaries(texts, scalars, max_size=2), st.lists(st.lists(texts, max_size=2), max_size=2))


def tables(values):
    """Column names and rows of values, any kind in any column."""
    return st.lists(texts, min_size=1, max_size=5, unique=True).flatmap(
        lambda columns: st.tuples(st.just(columns), st.lists(st.tuples(*[values for _ in columns]), max_size=7)))


@st.composite
def uniform_tables(draw):
    """Columns that each hold one kind of value, as `ls` rows do: the writer's fast path."""
    columns = draw(st.lists(texts, min_size=1, max_size=5, unique=True))
    few = st.sampled_from([None, "finance", "São Paulo", 'say "hi"', "", "\x00\n"])  # repeated, as industries are
    kinds = [draw(st.sampled_from([st.lists(texts, max_size=3), st.one_of(st.none(), texts), few, finite,
                                   st.integers(), st.lists(scalars, max_size=3)])) for _ in columns]
    return columns, draw(st.lists(st.tuples(*kinds), max_size=12))


def printed(columns, rows, head=None, at_once=2000) -> str:
    """The text `print_json_columns` prints for `rows`, given as chunks of `at_once` rows, column by column."""
    chunks = (list(zip(*rows[start:start + at_once])) for start in range(0, len(rows), at_once))
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        print_json_columns("contacts", columns, chunks, head=head)
    return out.getvalue()


@settings(derandomize=True, max_examples=400, deadline=None)
@given(tables(json_values), st.sampled_from([1, 2, 5, 2000]))
def test_rows_are_written_as_json_dumps_writes_them(table, at_once):
    columns, rows = table
    expected = json.dumps({"contacts": [dict(zip(columns, row)) for row in rows]}, indent=2, ensure_ascii=False)
    assert printed(columns, rows, at_once=at_once) == expected + "\n"


@settings(derandomize=True, max_examples=200, deadline=None)
@given(uniform_tables(), st.sampled_from([1, 2, 5, 2000]))
def test_columns_of_one_kind_are_written_as_json_dumps_writes_them(table, at_once):
    """As in `ls`: text or null in one column, lists of text in another, chunks ending anywhere."""
    columns, rows = table
    expected = json.dumps({"contacts": [dict(zip(columns, row)) for row in rows]}, indent=2, ensure_ascii=False)
    assert printed(columns, rows, at_once=at_once) == expected + "\n"


@settings(derandomize=True, max_examples=200, deadline=None)
@given(tables(odd_values), st.dictionaries(texts, json_values, max_size=2), st.integers(1, 3))
def test_dates_and_non_finite_numbers_are_written_as_the_rest_of_netfiles_writes_them(table, head, at_once):
    """Dates as text and NaN/Infinity as YAML wrote them (`json_safe`), so the output stays strict JSON."""
    columns, rows = table
    data = {**head, "contacts": [dict(zip(columns, row)) for row in rows]}
    text = printed(columns, rows, head=head, at_once=at_once)
    assert text == json.dumps(json_safe(data), indent=2, ensure_ascii=False, default=str, allow_nan=False) + "\n"


@settings(derandomize=True, max_examples=200, deadline=None)
@given(st.lists(texts, max_size=4), st.lists(texts, max_size=4))
def test_merged_columns_are_a_dict_merge(first, second):
    a = [f"a{i}" for i in range(len(first))]
    b = [f"b{i}" for i in range(len(second))]
    columns, pick = merged_columns(first, second)
    merged = {**dict(zip(first, a)), **dict(zip(second, b))}
    assert dict(zip(columns, pick((*a, *b)))) == merged and list(columns) == list(merged)


def test_ls_json_gives_each_contact_its_row(netfiles_vault, netfiles_cli):
    """The rows of a small vault, as a program reading them sees them: summary fields, tiers' strength and last
    contact as of --today (a planned meeting after it does not count), and the tier with its source."""
    netfiles_vault.add_contact("Zoë \"Zed\" Ångström", emails=["zoe@example.org", "z@example.org"],
                               tags=["ml", "mentor"], organization="Banco \"Azul\" São Paulo", role="CTO",
                               industry="finance", location="São Paulo", country="BR", strength=4,
                               log=["2026-10-01 coffee: budget", "2026-12-24 call: planned"])
    netfiles_vault.add_contact("ana lima", tier="inner", log=["2025-01-05 note: met at a conference"])
    netfiles_vault.add_contact("Bo Chen")
    result = netfiles_cli("ls", "--format", "json", "--today", "2026-11-21")
    assert result.exit_code == 0, result.output
    text = result.stdout
    data = json.loads(text)
    assert text == json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    rows = data["contacts"]
    assert [row["name"] for row in rows] == ["ana lima", "Bo Chen", "Zoë \"Zed\" Ångström"]  # by name, any case
    assert all(list(row) == [*SUMMARY_COLUMNS, "strength_source", "tier", "tier_source", "tier_reason"]
               for row in rows)
    ana, bo, zoe = rows
    assert zoe["emails"] == ["zoe@example.org", "z@example.org"] and zoe["tags"] == ["ml", "mentor"]
    assert (zoe["organization"], zoe["location"], zoe["country"]) == ("Banco \"Azul\" São Paulo", "São Paulo", "BR")
    assert (zoe["strength"], zoe["strength_source"]) == (4, "written")
    assert zoe["last_contact"] == "2026-10-01"
    assert (ana["tier"], ana["tier_source"], ana["last_contact"]) == ("inner", "written", "2025-01-05")
    assert (bo["emails"], bo["tags"], bo["organization"], bo["last_contact"]) == ([], [], None, None)
    assert bo["strength_source"] == "inferred" and bo["tier"] == "wider"

    # `--where` reads each contact in full: the same rows
    where = netfiles_cli("ls", "--format", "json", "--today", "2026-11-21", "--where", "country=BR")
    assert json.loads(where.stdout) == {"contacts": [zoe]}
    assert netfiles_cli("ls", "--format", "json", "--tag", "nobody").stdout == '{\n  "contacts": []\n}\n'


def test_table_and_csv_rows_have_the_summary_columns(netfiles_vault):
    from netfiles.store.vault import Vault
    from netfiles.model.config import load_config

    netfiles_vault.add_contact("Ana Lima", emails=["ana@example.org"], log=["2026-03-02 call: hi"])
    vault = Vault(netfiles_vault.path, load_config(netfiles_vault.path))
    vault.refresh()
    for row in (*contact_summaries(vault.contact_facts()), *contact_summaries(list(vault.each_contact()))):
        assert list(row) == list(SUMMARY_COLUMNS)
        assert (row["name"], list(row["emails"]), row["last_contact"]) == ("Ana Lima", ["ana@example.org"],
                                                                          datetime.date(2026, 3, 2).isoformat())


def test_ls_by_last_contact_puts_the_most_recent_first_then_names_then_the_never_contacted(netfiles_vault,
                                                                                           netfiles_cli):
    for name, log in [("carla", ["2026-03-01 call: x"]), ("Bea", ["2026-05-02 call: x"]), ("Ana", []),
                      ("abel", ["2026-05-02 coffee: y"]), ("Dora", []), ("Ed", ["2025-12-31 call: x"])]:
        netfiles_vault.add_contact(name, log=log)
    for where in ((), ("--where", "name")):  # the index's facts, and contacts read in full
        result = netfiles_cli("ls", "--format", "json", "--sort", "last_contact", "--today", "2026-11-21", *where)
        assert [row["name"] for row in json.loads(result.stdout)["contacts"]] == [
            "abel", "Bea", "carla", "Ed", "Ana", "Dora"]

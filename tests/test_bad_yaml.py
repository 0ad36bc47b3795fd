"""Issue 10, items 10-12: one file's bad YAML is that file's NF101, never a crash, a hang or a blow-up.

Every YAML-reading path is covered: `check`, the pre-commit `check PATH`, `watch`
batches and the other commands; tags whose PyYAML constructors fail with
exceptions of any type; self-referencing and exponentially expanding anchors
under every collection tag; and inputs that made the plain reader quadratic.
"""
from __future__ import annotations

import json
import time

import pytest

from netfiles.reading import yamlload
from netfiles.reading.parse import parse_markdown
from netfiles.reading.plainyaml import NOT_PLAIN, load_plain
from netfiles.watch.watcher import Watcher
from netfiles.testing import run_cli, write_file

GOOD = "---\nname: Good Person\nemails: [good@example.org]\n---\n## Log\n- 2026-01-05 call: fine\n"

# PyYAML's constructors fail on these with KeyError, IndexError, AttributeError, ValueError, binascii.Error...
BAD_TAGS = ["!!bool maybe", "!!int ''", "!!timestamp x", "!!float x", "!!binary abc", "!!int 0xZZ",
            "!!python/object/apply:os.system ['true']", "!!python/name:os.system", "!!set [a]",
            "!!omap {a: 1}", "!!pairs [a]", "!!str {a: 1}", "!!merge x", "!<tag:yaml.org,2002:int> x"]


@pytest.mark.parametrize("tag", BAD_TAGS)
def test_a_bad_tag_is_nf101_for_that_file_only(netfiles_make_vault, tag):
    vault = netfiles_make_vault({"people/bad.md": f"---\nname: Bad\nvip: {tag}\n---\n", "people/good.md": GOOD})
    result = run_cli(vault, "check", "--format", "json")
    assert result.exit_code == 1, result.output
    found = json.loads(result.stdout)["diagnostics"]
    assert [(d["path"], d["code"], d["line"]) for d in found] == [("people/bad.md", "NF101", 3)]
    # the pre-commit hook's form, and the other commands, go on with the good file
    assert run_cli(vault, "check", vault / "people/bad.md", vault / "people/good.md").exit_code == 1
    names = [c["name"] for c in json.loads(run_cli(vault, "ls", "--format", "json").stdout)["contacts"]]
    assert "Good Person" in names
    assert run_cli(vault, "due", "--today", "2026-06-01").exit_code == 0


def test_the_message_names_the_tag_and_value(netfiles_make_vault):
    vault = netfiles_make_vault({"people/bad.md": "---\nname: Bad\nvip: !!bool maybe\n---\n"})
    assert "people/bad.md:3:6: NF101" in run_cli(vault, "check").output
    assert "'maybe' is not a valid !!bool value" in run_cli(vault, "check").output


def test_watch_reports_the_bad_file_and_keeps_the_rest_of_the_batch(netfiles_make_vault):
    vault = netfiles_make_vault({"people/good.md": GOOD})
    watcher = Watcher(vault)
    watcher.process(None)
    write_file(vault, "people/bad.md", "---\nname: Bad\nvip: !!int ''\n---\n")
    write_file(vault, "people/other.md", "---\nname: Other\nemails: [not-an-email]\n---\n")
    result = watcher.process(["people/bad.md", "people/other.md"])
    assert sorted(result.changes.added) == ["people/bad.md", "people/other.md"]
    assert sorted((d.path, d.code) for d in result.new) == [("people/bad.md", "NF101"), ("people/other.md", "NF203")]


def _laughs(tag: str, levels: int = 9, width: int = 10) -> str:
    """A "billion laughs" document: each level refers `width` times to the one before (width**levels values)."""
    def collection(items: list[str]) -> str:
        if tag in ("!!pairs", "!!omap"):
            return f"{tag} [" + ", ".join(f"k{i}: {v}" for i, v in enumerate(items)) + "]"
        if tag == "!!set":
            return "!!set {" + ", ".join(f"? {v}" for v in items) + "}"  # keys: every alias is one member
        if tag == "merge":
            return "{" + "<<: [" + ", ".join(items) + "], " + f"own{len(items)}: x}}"
        return "[" + ", ".join(items) + "]"

    lines = ["l0: &l0 " + collection([f"v{i}" for i in range(width)]).replace("<<: [", "m: [")]
    for level in range(1, levels + 1):
        lines.append(f"l{level}: &l{level} " + collection([f"*l{level - 1}"] * width))
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("tag", ["", "!!pairs", "!!omap", "!!set", "merge"])
def test_expanding_anchors_are_refused_fast_whatever_the_tag(tag):
    text = _laughs(tag)
    started = time.perf_counter()
    with pytest.raises(yamlload.FrontMatterYAMLError) as error:
        yamlload.load(text)
    assert time.perf_counter() - started < 1.0  # before the guard ran before construction: 22 s, then MemoryError
    assert "aliases are expanded" in error.value.problem or "refers to" in error.value.problem


@pytest.mark.parametrize("text", ["x: &a !!pairs [k: *a]\n", "x: &a !!omap [k: *a]\n", "x: &a !!set {? *a}\n",
                                  "x: &a [*a]\n", "x: &a {k: *a}\n", "x: &a {<<: *a}\n", "x: &a [{k: [*a]}]\n"])
def test_an_alias_inside_its_own_anchor_is_nf101(netfiles_make_vault, text):
    vault = netfiles_make_vault({"people/self.md": "---\nname: Self\n" + text + "---\n", "people/good.md": GOOD})
    result = run_cli(vault, "check", "--format", "json")
    assert result.exit_code == 1, result.output
    found = [(d["path"], d["code"], d["line"]) for d in json.loads(result.stdout)["diagnostics"]]
    assert found == [("people/self.md", "NF101", 3)]


def test_a_small_aliased_document_still_loads():
    text = "base: &b {org: Acme, tags: [a, b]}\nfirst: *b\nsecond: *b\npairs: !!pairs [a: *b, b: *b]\n"
    data = yamlload.load(text)
    assert data["first"] == data["second"] == {"org": "Acme", "tags": ["a", "b"]}
    assert data["pairs"] == [("a", data["base"]), ("b", data["base"])]


def test_deep_nesting_is_nf101_not_a_recursion_error(netfiles_make_vault):
    for depth in (60, 20_000):
        vault = netfiles_make_vault({"people/deep.md": "---\nx: " + "[" * depth + "]" * depth + "\n---\n"}, name=f"v{depth}")
        result = run_cli(vault, "check", "--format", "json")
        assert [d["code"] for d in json.loads(result.stdout)["diagnostics"]] == ["NF101"]


def test_a_huge_integer_is_nf101_at_its_line(netfiles_make_vault):
    vault = netfiles_make_vault({"people/n.md": "---\nname: N\nscore: " + "9" * 5000 + "\n---\n"})
    found = json.loads(run_cli(vault, "check", "--format", "json").stdout)["diagnostics"]
    assert [(d["code"], d["line"]) for d in found] == [("NF101", 3)]
    assert len(found[0]["message"]) < 200


# Item 12: the plain reader is linear in its input. Sizes are chosen so that the quadratic
# versions took minutes (46 s for 100,000 spaces, 54 s for 420,000 items) and the bounds
# leave a loaded CI machine twenty times the time the linear reader needs.

def test_a_long_run_of_spaces_in_a_flow_list_is_linear():
    text = "x: [a" + " " * 100_000 + ":]\n"
    started = time.perf_counter()
    assert load_plain(text) is NOT_PLAIN
    with pytest.raises(yamlload.FrontMatterYAMLError):
        yamlload.load(text)
    assert time.perf_counter() - started < 2.0


def test_a_long_flow_list_is_linear():
    items = [f"item{i}" for i in range(200_000)]
    text = "x: [" + ", ".join(items) + "]\n"
    started = time.perf_counter()
    assert load_plain(text) == {"x": items}
    assert time.perf_counter() - started < 5.0
    started = time.perf_counter()  # the same list with one float in it goes to PyYAML: linear there too
    record = parse_markdown("people/long.md", ("---\nx: [1.5, " + ", ".join(items) + "]\n---\n").encode(), True)
    assert [d["code"] for d in record["diagnostics"]] == ["NF101"]  # over 100,000 values
    assert time.perf_counter() - started < 10.0


@pytest.mark.parametrize("text", ["x: [a, b,]\n", "x: [a, b ,  ]\n", "x: [a,, b]\n", "x: ['a',]\n"])
def test_trailing_and_empty_commas_are_left_to_pyyaml(text):
    assert load_plain(text) is NOT_PLAIN


def test_spaces_around_flow_items_are_not_part_of_them():
    assert load_plain("x: [ a b  ,  'c' , \"d\"   ]\n") == {"x": ["a b", "c", "d"]}

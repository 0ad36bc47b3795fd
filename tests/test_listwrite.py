"""Adding one item to a list field in the file's own style (netfiles.add_list_item): one line changes, nothing else."""
from __future__ import annotations

import difflib

import pytest
from hypothesis import given, settings, strategies as st

from netfiles import add_list_item
from netfiles.reading import yamlload
from netfiles.writing.writes import planned_list_item
from netfiles.writing.writes import WriteError


def changed_lines(before: str, after: str) -> list[str]:
    return [line for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]


CASES = [
    # block list, double quotes, indented items: a new line like the last item
    ("---\nname: Ana\nknows:\n  - \"[[Bo Chen]]\"\n  - \"[[Carla Diaz]]\"\ntags: [x]\n---\nbody\n",
     ['+  - "[[Dan Eze]]"']),
    # block list, single quotes, not indented
    ("---\nname: Ana\nknows:\n- '[[Bo Chen]]'\n---\n", ["+- '[[Dan Eze]]'"]),
    # flow list with a comment: item appended, comment kept
    ("---\nname: Ana\nknows: [\"[[Bo Chen]]\"]  # from the offsite\n---\n",
     ['-knows: ["[[Bo Chen]]"]  # from the offsite', '+knows: ["[[Bo Chen]]", "[[Dan Eze]]"]  # from the offsite']),
    # plain names in a flow list stay as written; the new link is quoted (unquoted it would be a nested list)
    ("---\nname: Ana\nknows: [Bo Chen, Carla Diaz]\n---\n",
     ["-knows: [Bo Chen, Carla Diaz]", '+knows: [Bo Chen, Carla Diaz, "[[Dan Eze]]"]']),
    # a single value becomes a one-line flow list
    ("---\nname: Ana\nknows: \"[[Bo Chen]]\"\n---\n", ['-knows: "[[Bo Chen]]"', '+knows: ["[[Bo Chen]]", "[[Dan Eze]]"]']),
    # an empty value, or no key, in a file with no list to follow: Obsidian's block list (issue 14)
    ("---\nname: Ana\nknows: []\n---\n", ["-knows: []", "+knows:", '+  - "[[Dan Eze]]"']),
    ("---\nname: Ana\nknows:\n---\n", ['+  - "[[Dan Eze]]"']),
    ("---\nname: Ana\n# keep this comment\n---\n# Ana\n", ["+knows:", '+  - "[[Dan Eze]]"']),
    # ... and in a file whose lists are flow lists, a flow list
    ("---\nname: Ana\ntags: [a, b]\n---\n", ['+knows: ["[[Dan Eze]]"]']),
    # no front matter at all
    ("# Ana\n\nnotes\n", ["+---", "+knows:", '+  - "[[Dan Eze]]"', "+---"]),
]


@pytest.mark.parametrize("before, expected", CASES)
def test_one_item_is_added_in_the_style_of_the_file(tmp_path, before, expected):
    path = tmp_path / "Ana.md"
    path.write_text(before, encoding="utf-8")
    assert planned_list_item(path, "knows", "[[Dan Eze]]") is not None
    assert path.read_text(encoding="utf-8") == before  # planning writes nothing
    add_list_item(path, "knows", "[[Dan Eze]]")
    after = path.read_text(encoding="utf-8")
    assert changed_lines(before, after) == expected


def test_crlf_and_bom_are_kept(tmp_path):
    path = tmp_path / "Ana.md"
    path.write_bytes(b"\xef\xbb\xbf---\r\nname: Ana\r\nknows:\r\n  - \"[[Bo Chen]]\"\r\n---\r\n")
    add_list_item(path, "knows", "[[Dan Eze]]")
    assert path.read_bytes() == b"\xef\xbb\xbf---\r\nname: Ana\r\nknows:\r\n  - \"[[Bo Chen]]\"\r\n  - \"[[Dan Eze]]\"\r\n---\r\n"


def test_an_item_already_there_changes_nothing(tmp_path):
    path = tmp_path / "Ana.md"
    path.write_text("---\nknows: [\"[[Dan Eze]]\"]\n---\n", encoding="utf-8")
    assert add_list_item(path, "knows", "[[Dan Eze]]") is None


@pytest.mark.parametrize("text", [
    "---\nknows: [\"[[Bo Chen]]\",\n  \"[[Carla]]\"]\n---\n",  # a flow list across lines
    "---\nknows: {a: 1}\n---\n",  # a mapping
    "---\nknows: [oops\n---\n",  # invalid YAML
])
def test_forms_it_cannot_edit_are_refused_and_nothing_is_written(tmp_path, text):
    path = tmp_path / "Ana.md"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(WriteError):
        add_list_item(path, "knows", "[[Dan Eze]]")
    assert path.read_text(encoding="utf-8") == text


names = st.text(alphabet=st.characters(codec="utf-8", categories=("L", "N", "Zs", "P")), min_size=1, max_size=12) \
    .map(str.strip).filter(lambda s: s and "]" not in s and "[" not in s and "|" not in s and "#" not in s)
styles = st.sampled_from(["block", "block-indented", "flow", "none"])


@settings(derandomize=True, max_examples=60, deadline=None)
@given(existing=st.lists(names, max_size=4, unique=True), new=names, style=styles)
def test_the_list_read_back_is_the_old_list_plus_the_item(tmp_path_factory, existing, new, style):
    links = [f"[[{n}]]" for n in existing]
    item = f"[[{new}]]"
    if item in links:
        return
    if style == "none" or not links:
        field, links = "", []
    elif style == "flow":
        field = "knows: [" + ", ".join(yamlload.dump_value(link) for link in links) + "]\n"
    else:
        indent = "  " if style == "block-indented" else ""
        field = "knows:\n" + "".join(f"{indent}- {yamlload.dump_value(link)}\n" for link in links)
    text = f"---\nname: Ana\n{field}org: Acme # keep\n---\n# Ana\n"
    path = tmp_path_factory.mktemp("p") / "Ana.md"
    path.write_text(text, encoding="utf-8")
    add_list_item(path, "knows", item)
    after = path.read_text(encoding="utf-8")
    data = yamlload.load(after.split("---\n")[1])
    assert data["knows"] == links + [item]
    assert data["name"] == "Ana" and data["org"] == "Acme"
    added = [line for line in changed_lines(text, after) if line.startswith("+")]
    assert len(added) == (1 if links else 2)  # one item line; with no list yet, Obsidian's `knows:` line too
    assert "\norg: Acme # keep\n" in after and after.endswith("\n---\n# Ana\n")

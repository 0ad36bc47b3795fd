"""A refresh that finds nothing changed compares one byte string of every file's stamp, kept by the
previous refresh, instead of reading every stamp back from the index. Whatever happens between two
runs, the index must still see each change, as it did comparing stamp by stamp."""
from __future__ import annotations

import os

from netfiles import load_vault
from netfiles.testing import write_file


def _contact(name: str, org: str = "Acme") -> str:
    return f"---\nname: {name}\norganization: {org}\n---\n"


def _vault(netfiles_make_vault):
    return netfiles_make_vault({f"people/p{n}.md": _contact(f"Person {n}") for n in range(20)})


def _orgs(vault) -> dict[str, str | None]:
    return {path: org for path, org in vault.contact_fields("path", "organization")}


def test_a_same_size_edit_with_its_time_put_back_is_seen(netfiles_make_vault):
    root = _vault(netfiles_make_vault)
    vault = load_vault(root)
    assert vault.refresh().unchanged == 20  # the second refresh: the kept string matches
    path = root / "people/p3.md"
    before = path.stat()
    path.write_text(_contact("Person 3", "Zeta"))  # same size
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # as `touch -r` or a restoring tool does
    changes = vault.refresh()
    assert changes.changed == ["people/p3.md"]
    assert _orgs(vault)["people/p3.md"] == "Zeta"


def test_added_and_removed_files_are_seen(netfiles_make_vault):
    root = _vault(netfiles_make_vault)
    vault = load_vault(root)
    (root / "people/p0.md").unlink()
    write_file(root, "people/new.md", _contact("New One"))
    changes = vault.refresh()
    assert (changes.added, changes.removed) == (["people/new.md"], ["people/p0.md"])
    assert vault.refresh().unchanged == 20


def test_an_emptied_index_is_filled_again_though_no_file_changed(netfiles_make_vault):
    root = _vault(netfiles_make_vault)
    vault = load_vault(root)
    vault.index.rebuild()
    assert len(vault.refresh().added) == 20
    assert len(_orgs(vault)) == 20


def test_an_index_missing_a_file_behind_its_back_reads_it_again(netfiles_make_vault):
    """The count of files is checked too: an index changed by anything but a refresh is not trusted."""
    root = _vault(netfiles_make_vault)
    vault = load_vault(root)
    with vault.index.db:
        vault.index.db.execute("DELETE FROM files WHERE path='people/p5.md'")
    assert vault.refresh().added == ["people/p5.md"]


def test_a_wrong_kept_string_only_costs_a_stamp_by_stamp_comparison(netfiles_make_vault):
    """A file system that lists a folder in another order gives another string: nothing is read again."""
    root = _vault(netfiles_make_vault)
    vault = load_vault(root)
    vault.index.set_meta("stamps", b"not the stamps")
    changes = vault.refresh()
    assert changes.unchanged == 20 and not changes
    write_file(root, "people/p7.md", _contact("Person 7", "Other Org"))
    assert vault.refresh().changed == ["people/p7.md"]


def test_a_refresh_of_a_few_files_does_not_leave_a_string_that_hides_a_change(netfiles_make_vault):
    """The watcher and `check PATH` refresh single files; a full refresh afterwards still sees the rest."""
    root = _vault(netfiles_make_vault)
    vault = load_vault(root)
    write_file(root, "people/p1.md", _contact("Person 1", "One"))
    write_file(root, "people/p2.md", _contact("Person 2", "Two"))
    assert vault.refresh(only=["people/p1.md"]).changed == ["people/p1.md"]
    assert vault.refresh().changed == ["people/p2.md"]
    assert (_orgs(vault)["people/p1.md"], _orgs(vault)["people/p2.md"]) == ("One", "Two")

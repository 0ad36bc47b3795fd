"""`netfiles merge A B`: one person in two files becomes one file, every change shown first."""
from __future__ import annotations

import json
from pathlib import Path

import yaml


def snapshot(root: Path) -> dict:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(Path(root).rglob("*"))
            if p.is_file() and ".netfiles/cache" not in p.relative_to(root).as_posix()}


def front_matter(path) -> dict:
    return yaml.safe_load(Path(path).read_text(encoding="utf-8").split("---")[1])


def build(vault):
    vault.write("people/Christopher Lee.md", (
        "---\nname: Christopher Lee\nemails: [chris.lee@acme.example]  # work\norganization: Acme Bank\n"
        "tags:\n  - pycon\n---\n# Christopher Lee\n\n## Log\n- 2026-03-02 call\n"))
    vault.write("people/Chris Lee.md", (
        "---\nname: Chris Lee\nemails: [kit@home.example]\nphones: [\"+44 7700 900123\"]\n"
        "organization: Acme\nlocation: London\ntags: [climbing, pycon]\n---\n# Chris Lee\n\n"
        "Likes bouldering.\n\n## Log\n- 2026-03-02 call\n- 2026-02-10 coffee: the climbing gym\n"))
    vault.write("people/Bo Chen.md", (
        "---\r\nname: Bo Chen\r\nknows: [\"[[Chris Lee]]\", \"[[Dan Ortiz]]\"]\r\n"
        "introduced_by: \"[[Chris Lee|Chris]]\"\r\n---\r\n# Bo Chen\r\n\r\nMet through [[Chris Lee#Log]].\r\n"))
    vault.add_contact("Dan Ortiz")
    vault.write("notes/2026-03-04 lunch.md", "Lunch with [[Chris Lee]] and [[Bo Chen]].\n")


def test_dry_run_shows_every_change_and_writes_nothing(netfiles_vault, netfiles_cli):
    build(netfiles_vault)
    before = snapshot(netfiles_vault.path)
    result = netfiles_cli("merge", "Christopher Lee", "Chris Lee", "--dry-run")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "people/Christopher Lee.md: add emails: kit@home.example" in out
    assert "people/Christopher Lee.md: add aliases: Chris Lee" in out
    assert "people/Christopher Lee.md: add tags: climbing" in out
    assert "people/Christopher Lee.md: set location: London" in out
    assert "people/Christopher Lee.md: add log line - 2026-02-10 coffee: the climbing gym" in out
    assert "people/Bo Chen.md:3:" in out and "remove people/Chris Lee.md" in out
    assert "organization: 'Acme Bank' kept (people/Chris Lee.md says 'Acme')" in out
    assert snapshot(netfiles_vault.path) == before


def test_merge_unions_fills_rewires_and_removes(netfiles_vault, netfiles_cli):
    build(netfiles_vault)
    result = netfiles_cli("merge", "Christopher Lee", "people/Chris Lee.md")
    assert result.exit_code == 0, result.output
    root = netfiles_vault.path
    assert not (root / "people/Chris Lee.md").exists()
    text = (root / "people/Christopher Lee.md").read_text(encoding="utf-8")
    assert "emails: [chris.lee@acme.example, kit@home.example]  # work\n" in text  # comment kept
    assert "  - pycon\n  - climbing\n" in text  # block list stays a block list
    fm = front_matter(root / "people/Christopher Lee.md")
    assert fm["organization"] == "Acme Bank" and fm["location"] == "London"
    assert fm["aliases"] == ["Chris Lee"] and fm["phones"] == ["+44 7700 900123"]
    assert text.count("- 2026-03-02 call") == 1 and "- 2026-02-10 coffee: the climbing gym" in text
    assert "## Notes from Chris Lee\n\nLikes bouldering." in text
    bo = (root / "people/Bo Chen.md").read_bytes()
    assert bo == (b"---\r\nname: Bo Chen\r\nknows: [\"[[Christopher Lee]]\", \"[[Dan Ortiz]]\"]\r\n"
                  b"introduced_by: \"[[Christopher Lee|Chris]]\"\r\n---\r\n# Bo Chen\r\n\r\n"
                  b"Met through [[Christopher Lee#Log]].\r\n")
    assert (root / "notes/2026-03-04 lunch.md").read_text() == "Lunch with [[Christopher Lee]] and [[Bo Chen]].\n"
    check = netfiles_cli("check", "--format", "json")
    assert json.loads(check.stdout)["diagnostics"] == []


def test_unknown_or_same_contact_is_a_usage_error(netfiles_vault, netfiles_cli):
    build(netfiles_vault)
    assert netfiles_cli("merge", "Christopher Lee", "Nobody").exit_code == 2
    assert netfiles_cli("merge", "Christopher Lee", "people/Christopher Lee.md").exit_code == 2

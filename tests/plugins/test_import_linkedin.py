"""`netfiles import linkedin`: the merge rules, through the real command line
on real temporary vaults (fixtures from netfiles.testing, exports shaped like
LinkedIn's from linkedin_fixtures)."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest
import yaml

from linkedin_fixtures import (
    FORMULA_POSITIONS,
    generate_rows,
    make_export_zip,
    write_connections_csv,
    write_export,
    write_invitations_csv,
)

OWNER_URL = "https://www.linkedin.com/in/sam-owner"
NOON = 12  # message times at noon UTC fall on the same day in every time zone CI may use


def row(first, last, *, slug=None, email="", company="Acme", position="Engineer", connected=date(2024, 3, 12)):
    slug = slug or f"{first}-{last.split(',')[0]}".lower().replace(" ", "-")
    return {"first": first, "last": last, "url": f"https://www.linkedin.com/in/{slug}", "email": email,
            "company": company, "position": position, "connected": connected}


def url(slug):
    return f"https://www.linkedin.com/in/{slug}"


ANA = row("Ana", "Souza, PhD", email="ana@example.org", company="Acme, Inc.", position="Head of Data")
BO = row("Bo", "Chen", company='The "Best" Company', position="CTO")
CARLA = row("Carla", "Díaz", company="Foo, Bar & Baz", position="Partner", slug="carla-diaz")
PEOPLE = [ANA, BO, CARLA]


def msg(sender, sender_url, to, to_url, when, content="hello", conversation="c1"):
    return {"conversation_id": conversation, "from_name": sender, "from_url": sender_url, "to_names": [to],
            "to_urls": [to_url], "date": when, "content": content}


def noon(y, m, d):
    return datetime(y, m, d, NOON, 0)


def front_matter(path) -> dict:
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---\n")[1])


def snapshot(vault) -> dict:
    """Every file of the vault (bytes), except the derived index cache."""
    return {p.relative_to(vault.path).as_posix(): p.read_bytes() for p in sorted(vault.path.rglob("*"))
            if p.is_file() and ".netfiles/cache" not in p.relative_to(vault.path).as_posix()}


def people(vault) -> list[str]:
    return sorted(p.relative_to(vault.path).as_posix() for p in vault.path.rglob("*.md"))


def ok(result):
    assert result.exit_code == 0, (result.output, result.stderr)
    return result


def assert_check_clean(netfiles_cli):
    result = netfiles_cli("check", "--format", "json")
    assert result.exit_code == 0, result.output
    diagnostics = json.loads(result.stdout)["diagnostics"]
    assert [d for d in diagnostics if d["code"].startswith("NF")] == []


@pytest.fixture
def export(tmp_path):
    """An unpacked export with Profile.csv, messages, the ignored files and
    the (poisoned) address books."""
    return write_export(tmp_path / "export", PEOPLE, profile=("Sam", "Owner"),
                        profile_websites=f"[PERSONAL:{OWNER_URL}]", bom=True, crlf=True)


# --------------------------------------------------------------------------
# Creating


def test_import_creates_one_file_per_connection_with_the_mapping(netfiles_vault, netfiles_cli, export):
    result = ok(netfiles_cli("import", "linkedin", export))
    assert people(netfiles_vault) == ["people/Ana Souza.md", "people/Bo Chen.md", "people/Carla Díaz.md"]
    ana = front_matter(netfiles_vault.path / "people/Ana Souza.md")
    assert ana == {
        "name": "Ana Souza",  # ", PhD" cleaned
        "emails": ["ana@example.org"],
        "organization": "Acme, Inc.",
        "role": "Head of Data",
        "tags": ["linkedin"],
        "met": date(2024, 3, 12),
        "linkedin": "https://www.linkedin.com/in/ana-souza",
    }
    assert front_matter(netfiles_vault.path / "people/Bo Chen.md")["organization"] == 'The "Best" Company'
    text = (netfiles_vault.path / "people/Carla Díaz.md").read_text(encoding="utf-8")
    assert text.endswith("# Carla Díaz\n\n## Log\n")
    assert result.stdout.splitlines()[-1] == "3 created, 0 updated, 0 unchanged, 0 skipped."
    assert "created people/Ana Souza.md" in result.stdout
    assert_check_clean(netfiles_cli)


def test_other_files_get_one_note_and_address_books_are_never_read(netfiles_vault, netfiles_cli, export):
    result = ok(netfiles_cli("import", "linkedin", export))
    notes = [line for line in result.stderr.splitlines() if line.startswith("note: ")]
    assert "note: Skills.csv: ignored (not used by the importer)" in notes
    assert "note: Imported Contacts.csv: skipped (other people's address book, never read)" in notes
    assert sum("Rich_Media.csv" in n for n in notes) == 1
    assert "SECRET" not in result.output + result.stderr
    assert "neighbour@example.org" not in "".join(p.read_text(encoding="utf-8") for p in
                                                  (netfiles_vault.path / "people").glob("*.md"))


def test_a_lone_connections_csv_without_preamble(netfiles_vault, netfiles_cli, tmp_path):
    path = write_connections_csv(tmp_path / "Connections.csv", PEOPLE, preamble=False)
    ok(netfiles_cli("import", "linkedin", path))
    assert len(people(netfiles_vault)) == 3


def test_missing_columns_leave_fields_out(netfiles_vault, netfiles_cli, tmp_path):
    path = write_connections_csv(tmp_path / "Connections.csv", [row("Dan", "Ng", company="", position="")],
                                 with_url=False)
    ok(netfiles_cli("import", "linkedin", path))
    assert front_matter(netfiles_vault.path / "people/Dan Ng.md") == {
        "name": "Dan Ng", "tags": ["linkedin"], "met": date(2024, 3, 12)}
    assert_check_clean(netfiles_cli)


def test_not_an_export_is_a_clean_error(netfiles_vault, netfiles_cli, tmp_path):
    bogus = tmp_path / "notes.txt"
    bogus.write_text("hello\nworld\n", encoding="utf-8")
    result = netfiles_cli("import", "linkedin", bogus)
    assert result.exit_code == 1
    assert "linkedin import of" in result.stderr and "Connections.csv" in result.stderr
    assert "Traceback" not in result.output + result.stderr
    assert people(netfiles_vault) == []


def test_bad_rows_are_notes_with_file_and_line(netfiles_vault, netfiles_cli, tmp_path):
    rows = [row("Ana", "Souza"), {**row("Bo", "Chen"), "email": "not-an-email", "connected": "someday"}]
    path = write_connections_csv(tmp_path / "Connections.csv", rows)
    result = ok(netfiles_cli("import", "linkedin", path))
    assert "note: Connections.csv:6: not an email address: 'not-an-email'" in result.stderr
    assert "note: Connections.csv:6: unrecognised date in Connected On: 'someday'" in result.stderr
    assert "met" not in front_matter(netfiles_vault.path / "people/Bo Chen.md")
    assert_check_clean(netfiles_cli)


def test_json_summary(netfiles_vault, netfiles_cli, export):
    data = json.loads(ok(netfiles_cli("import", "linkedin", export, "--format", "json")).stdout)
    assert data["created"] == 3 and data["updated"] == 0 and data["dry_run"] is False
    assert data["created_files"] == ["people/Ana Souza.md", "people/Bo Chen.md", "people/Carla Díaz.md"]


# --------------------------------------------------------------------------
# Idempotence and dry runs


def test_reimport_changes_nothing_from_zip_or_folder(netfiles_vault, netfiles_cli, tmp_path):
    messages = [msg("Ana Souza", ANA["url"], "Sam Owner", OWNER_URL, noon(2025, 10, 6)),
                msg("Sam Owner", OWNER_URL, "Bo Chen", BO["url"], noon(2025, 10, 7), conversation="c2")]
    folder = write_export(tmp_path / "export", PEOPLE, messages=messages, profile=("Sam", "Owner"))
    archive = make_export_zip(folder, tmp_path / "export.zip")

    ok(netfiles_cli("import", "linkedin", archive))
    before = snapshot(netfiles_vault)
    for source in (folder, archive, folder / "Connections.csv"):
        result = ok(netfiles_cli("import", "linkedin", source))
        assert result.stdout.splitlines()[-1] == "0 created, 0 updated, 3 unchanged, 0 skipped."
        assert snapshot(netfiles_vault) == before


def test_dry_run_writes_nothing_and_says_what_would_happen(netfiles_vault, netfiles_cli, export):
    netfiles_vault.add_contact("Bo Chen", linkedin=BO["url"])  # matched, organization empty: would be filled
    before = snapshot(netfiles_vault)
    result = ok(netfiles_cli("import", "linkedin", export, "--dry-run"))
    assert snapshot(netfiles_vault) == before
    lines = result.stdout.splitlines()
    assert "would create people/Ana Souza.md" in lines
    assert "would update people/Bo Chen.md" in lines
    assert lines[-1] == ("2 would be created, 1 would be updated, 0 unchanged, 0 skipped. "
                         "(dry run: nothing written)")

    real = ok(netfiles_cli("import", "linkedin", export))
    assert real.stdout.splitlines()[:3] == [line.replace("would ", "").replace("create ", "created ")
                                            .replace("update ", "updated ") for line in lines[:3]]


def test_dry_run_names_the_contacts_it_would_leave_alone(netfiles_vault, netfiles_cli, export):
    ok(netfiles_cli("import", "linkedin", export))
    before = snapshot(netfiles_vault)
    result = ok(netfiles_cli("import", "linkedin", export, "--dry-run"))
    assert snapshot(netfiles_vault) == before
    left_alone = sorted(line for line in result.stdout.splitlines() if line.startswith("would leave alone "))
    assert left_alone == sorted(f"would leave alone {rel}" for rel in
                                json.loads(ok(netfiles_cli("import", "linkedin", export, "--dry-run", "--format", "json"))
                                           .stdout)["unchanged_files"])
    assert len(left_alone) == 3


# --------------------------------------------------------------------------
# Matching existing contacts


def test_match_by_url_fills_empty_fields_only_and_lists_differences(netfiles_vault, netfiles_cli, export):
    path = netfiles_vault.add_contact(
        "Ana Souza", linkedin="https://uk.linkedin.com/in/Ana-Souza/?trk=x", role="VP Data", organization="",
        tags=["mentor"], body="Met at PyCon.", log=["2025-01-02 coffee: catch-up"])
    before = path.read_text(encoding="utf-8")
    result = ok(netfiles_cli("import", "linkedin", export))
    after = path.read_text(encoding="utf-8")
    fm = front_matter(path)
    assert fm["role"] == "VP Data"  # the user's value stays
    assert fm["organization"] == "Acme, Inc."  # the empty one is filled
    assert fm["emails"] == ["ana@example.org"] and fm["met"] == date(2024, 3, 12)
    assert fm["tags"] == ["mentor"]  # no `linkedin` tag forced on a contact the user already had
    assert fm["linkedin"] == "https://uk.linkedin.com/in/Ana-Souza/?trk=x"
    # Only added lines: everything the user wrote is still there, in order.
    kept = [line for line in after.splitlines() if line in before.splitlines()]
    assert kept == before.splitlines()
    assert "updated people/Ana Souza.md" in result.stdout
    assert "  people/Ana Souza.md: role is 'VP Data' here, LinkedIn says 'Head of Data'" in result.stdout
    assert people(netfiles_vault) == ["people/Ana Souza.md", "people/Bo Chen.md", "people/Carla Díaz.md"]
    assert_check_clean(netfiles_cli)


def test_match_by_email_then_by_unique_name(netfiles_vault, netfiles_cli, export):
    netfiles_vault.add_contact("Ana S.", stem="Ana", emails=["ANA@example.org"])
    netfiles_vault.add_contact("Bo Chen", organization="Old Co")
    result = ok(netfiles_cli("import", "linkedin", export))
    assert people(netfiles_vault) == ["people/Ana.md", "people/Bo Chen.md", "people/Carla Díaz.md"]
    assert front_matter(netfiles_vault.path / "people/Ana.md")["linkedin"] == ANA["url"]
    assert front_matter(netfiles_vault.path / "people/Bo Chen.md")["linkedin"] == BO["url"]
    assert "people/Ana.md: name is 'Ana S.' here, LinkedIn says 'Ana Souza'" in result.stdout
    assert "people/Bo Chen.md: organization is 'Old Co' here, LinkedIn says 'The \"Best\" Company'" in result.stdout
    assert_check_clean(netfiles_cli)


def test_an_alias_counts_as_a_name(netfiles_vault, netfiles_cli, export):
    netfiles_vault.add_contact("Carla D.", stem="Carla", aliases=["Carla Díaz"])
    ok(netfiles_cli("import", "linkedin", export))
    assert "people/Carla Díaz.md" not in people(netfiles_vault)
    assert front_matter(netfiles_vault.path / "people/Carla.md")["linkedin"] == CARLA["url"]


def test_a_name_shared_by_two_contacts_is_not_used_to_match(netfiles_vault, netfiles_cli, export):
    a = netfiles_vault.add_contact("Bo Chen", stem="Bo Chen (Berlin)", location="Berlin")
    b = netfiles_vault.add_contact("Bo Chen", stem="Bo Chen (Lisbon)", location="Lisbon")
    before = (a.read_bytes(), b.read_bytes())
    result = ok(netfiles_cli("import", "linkedin", export))
    assert (a.read_bytes(), b.read_bytes()) == before
    assert "created people/Bo Chen.md" in result.stdout
    assert ("note: Bo Chen: 2 contacts have this name; made a new file rather than guess "
            "(give the right one this LinkedIn URL or email to link them)") in result.stderr


def test_a_different_profile_is_a_different_person(netfiles_vault, netfiles_cli, export):
    netfiles_vault.add_contact("Bo Chen", linkedin=url("another-bo"), organization="Initech")
    result = ok(netfiles_cli("import", "linkedin", export))
    assert "created people/Bo Chen (The Best Company).md" in result.stdout
    assert ("note: Bo Chen: people/Bo Chen.md has another LinkedIn profile; LinkedIn's Bo Chen is someone else "
            "(a new file)") in result.stderr
    assert front_matter(netfiles_vault.path / "people/Bo Chen.md")["linkedin"] == url("another-bo")
    result = netfiles_cli("check")
    assert result.exit_code == 0, result.output  # two people of one name: no error


def test_an_identity_owned_by_another_file_is_never_copied(netfiles_vault, netfiles_cli, export):
    netfiles_vault.add_contact("Ana Souza", linkedin=ANA["url"])
    netfiles_vault.add_contact("Ana Work", emails=["ana@example.org"])
    result = ok(netfiles_cli("import", "linkedin", export))
    assert "emails" not in front_matter(netfiles_vault.path / "people/Ana Souza.md")
    assert ("people/Ana Souza.md: LinkedIn gives the email ana@example.org, which is already in "
            "people/Ana Work.md") in result.stdout
    assert_check_clean(netfiles_cli)  # no NF302 duplicate identity


def test_messages_reach_an_existing_contact_who_is_not_a_connection(netfiles_vault, netfiles_cli, tmp_path):
    netfiles_vault.add_contact("Eve Stone", linkedin=url("eve-stone"))
    messages = [msg("Eve Stone", url("eve-stone"), "Sam Owner", OWNER_URL, noon(2025, 9, 1)),
                msg("Zoe Nobody", url("zoe-nobody"), "Sam Owner", OWNER_URL, noon(2025, 9, 2), conversation="c2")]
    folder = write_export(tmp_path / "export", PEOPLE, messages=messages, profile=("Sam", "Owner"), extras=False)
    result = ok(netfiles_cli("import", "linkedin", folder))
    assert "- 2025-09-01 linkedin: message" in netfiles_vault.read("people/Eve Stone.md")
    assert "people/Zoe Nobody.md" not in people(netfiles_vault)
    assert ("note: 1 people in messages or invitations are neither connections nor in the vault; "
            "not imported (--include-others adds them)") in result.stderr
    assert result.stdout.splitlines()[-1] == "3 created, 1 updated, 0 unchanged, 1 skipped."

    result = ok(netfiles_cli("import", "linkedin", folder, "--include-others"))
    assert "created people/Zoe Nobody.md" in result.stdout
    assert front_matter(netfiles_vault.path / "people/Zoe Nobody.md")["tags"] == ["linkedin"]


# --------------------------------------------------------------------------
# Same names, same people, unsafe names, formulas


def test_two_people_with_the_same_name_get_two_stable_files(netfiles_vault, netfiles_cli, tmp_path):
    rows = [row("Ana", "Souza", slug="ana-1", company="Acme Bank"),
            row("Ana", "Souza", slug="ana-2", company="Globex"),
            row("Ana", "Souza", slug="ana-3", company="Globex"),
            row("Ana", "Souza", slug="ana-4", company="")]
    path = write_connections_csv(tmp_path / "Connections.csv", rows)
    ok(netfiles_cli("import", "linkedin", path))
    files = ["people/Ana Souza.md", "people/Ana Souza (Globex).md", "people/Ana Souza (ana-3).md",
             "people/Ana Souza (ana-4).md"]
    assert people(netfiles_vault) == sorted(files)
    assert [front_matter(netfiles_vault.path / f)["linkedin"] for f in files] == [url(f"ana-{i}") for i in range(1, 5)]
    before = snapshot(netfiles_vault)
    ok(netfiles_cli("import", "linkedin", path))
    assert snapshot(netfiles_vault) == before
    assert netfiles_cli("check").exit_code == 0


def test_the_same_person_twice_in_one_export_is_one_file(netfiles_vault, netfiles_cli, tmp_path):
    rows = [row("Bo", "Chen", position="CTO"), {**row("Bo", "Chen", position="CEO"), "email": "bo@example.org"}]
    path = write_connections_csv(tmp_path / "Connections.csv", rows)
    result = ok(netfiles_cli("import", "linkedin", path))
    assert people(netfiles_vault) == ["people/Bo Chen.md"]
    fm = front_matter(netfiles_vault.path / "people/Bo Chen.md")
    assert fm["role"] == "CTO" and fm["emails"] == ["bo@example.org"]
    assert "people/Bo Chen.md: role is 'CTO' here, LinkedIn says 'CEO'" in result.stdout


@pytest.mark.parametrize(("first", "last", "stem"), [
    ("../../etc", "passwd", "etc passwd"),
    ("CON", "", "CON (contact)"),
    ("a/b", "c\\d", "a b c d"),
    ("Ana: the [[best]]", "#1", "Ana the best 1"),
    ("...", "", "Unnamed"),
])
def test_file_names_are_safe_and_stay_in_the_people_folder(netfiles_vault, netfiles_cli, tmp_path, first, last, stem):
    path = write_connections_csv(tmp_path / "Connections.csv", [row(first, last, slug="x")])
    ok(netfiles_cli("import", "linkedin", path))
    assert people(netfiles_vault) == [f"people/{stem}.md"]
    assert {p.name for p in tmp_path.iterdir()} <= {"Connections.csv", "vault", "netfiles-trust.json"}
    assert {p.relative_to(netfiles_vault.path).parts[0] for p in netfiles_vault.path.rglob("*")} <= {
        "people", ".netfiles"}
    assert front_matter(netfiles_vault.path / f"people/{stem}.md")["name"] == " ".join(
        w for w in f"{first} {last}".split())
    assert_check_clean(netfiles_cli)


def test_formula_like_values_stay_text_in_the_files(netfiles_vault, netfiles_cli, tmp_path):
    rows = [row(f"P{i}", "Person", company=value, position=value) for i, value in enumerate(FORMULA_POSITIONS)]
    path = write_connections_csv(tmp_path / "Connections.csv", rows)
    ok(netfiles_cli("import", "linkedin", path))
    for i, value in enumerate(FORMULA_POSITIONS):
        fm = front_matter(netfiles_vault.path / f"people/P{i} Person.md")
        assert fm["role"] == value and fm["organization"] == value
    assert_check_clean(netfiles_cli)
    shown = json.loads(ok(netfiles_cli("show", "P0 Person", "--format", "json")).stdout)
    assert shown["front_matter"]["role"] == FORMULA_POSITIONS[0]


# --------------------------------------------------------------------------
# Messages, invitations and the owner


def test_messages_give_one_log_line_per_person_per_day(netfiles_vault, netfiles_cli, tmp_path):
    messages = [
        msg("Ana Souza", ANA["url"], "Sam Owner", OWNER_URL, noon(2025, 10, 6), "First line\nsecond"),
        msg("Sam Owner", OWNER_URL, "Ana Souza", ANA["url"], datetime(2025, 10, 6, 14), "reply"),
        msg("Ana Souza", ANA["url"], "Sam Owner", OWNER_URL, noon(2025, 10, 9), "Thanks #gave [[Bo Chen]]"),
        msg("Bo Chen", BO["url"], "Sam Owner", OWNER_URL, noon(2025, 10, 8), "secret plans", conversation="c2"),
    ]
    folder = write_export(tmp_path / "export", PEOPLE, messages=messages, profile=("Sam", "Owner"), extras=False)
    ok(netfiles_cli("import", "linkedin", folder))
    ana = netfiles_vault.read("people/Ana Souza.md")
    assert ana.endswith("## Log\n- 2025-10-09 linkedin: message\n- 2025-10-06 linkedin: messages (2)\n")
    assert "secret plans" not in netfiles_vault.read("people/Bo Chen.md")  # no bodies without --with-content
    shown = json.loads(ok(netfiles_cli("show", "Ana Souza", "--format", "json")).stdout)
    assert shown["last_contact"] == "2025-10-09"

    # Again, now with content: the days are already logged, nothing is added.
    before = snapshot(netfiles_vault)
    ok(netfiles_cli("import", "linkedin", folder, "--with-content"))
    assert snapshot(netfiles_vault) == before

    # A new day of messages is one new line, placed by date.
    messages.append(msg("Sam Owner", OWNER_URL, "Ana Souza", ANA["url"], noon(2025, 11, 2), "See you <b>soon</b>"))
    folder = write_export(tmp_path / "export", PEOPLE, messages=messages, profile=("Sam", "Owner"), extras=False)
    result = ok(netfiles_cli("import", "linkedin", folder, "--with-content"))
    assert result.stdout.splitlines()[-1] == "0 created, 1 updated, 2 unchanged, 0 skipped."
    assert netfiles_vault.read("people/Ana Souza.md").endswith(
        "## Log\n- 2025-11-02 linkedin: message: See you soon\n- 2025-10-09 linkedin: message\n"
        "- 2025-10-06 linkedin: messages (2)\n")
    assert_check_clean(netfiles_cli)


def test_with_content_excerpts_cannot_add_links_or_tags(netfiles_vault, netfiles_cli, tmp_path):
    messages = [msg("Ana Souza", ANA["url"], "Sam Owner", OWNER_URL, noon(2025, 10, 9), "Thanks #gave [[Bo Chen]]")]
    folder = write_export(tmp_path / "export", PEOPLE, messages=messages, profile=("Sam", "Owner"), extras=False)
    ok(netfiles_cli("import", "linkedin", folder, "--with-content"))
    assert "- 2025-10-09 linkedin: message: Thanks gave [Bo Chen]\n" in netfiles_vault.read("people/Ana Souza.md")
    shown = json.loads(ok(netfiles_cli("show", "Ana Souza", "--format", "json")).stdout)
    assert [(i["text"], i["gave"]) for i in shown["interactions"]] == [("message: Thanks gave [Bo Chen]", False)]


def test_invitations_are_log_lines_saying_who_reached_out(netfiles_vault, netfiles_cli, tmp_path):
    folder = write_export(tmp_path / "export", PEOPLE, profile=("Sam", "Owner"),
                          profile_websites=f"[PERSONAL:{OWNER_URL}]", extras=False)
    write_invitations_csv(folder / "Invitations.csv", [
        {"from_name": "Sam Owner", "to_name": "Ana Souza", "sent_at": noon(2025, 10, 6), "direction": "OUTGOING",
         "inviter_url": OWNER_URL, "invitee_url": ANA["url"], "message": "Hi Ana"},
        {"from_name": "Bo Chen", "to_name": "Sam Owner", "sent_at": noon(2025, 10, 5), "direction": "INCOMING",
         "inviter_url": BO["url"], "invitee_url": OWNER_URL},
        {"from_name": "Sam Owner", "to_name": "Pending Person", "sent_at": noon(2025, 10, 4),
         "direction": "OUTGOING", "inviter_url": OWNER_URL, "invitee_url": url("pending")},
    ])
    ok(netfiles_cli("import", "linkedin", folder))
    assert "- 2025-10-06 linkedin: invitation sent\n" in netfiles_vault.read("people/Ana Souza.md")
    assert "- 2025-10-05 linkedin: invitation received\n" in netfiles_vault.read("people/Bo Chen.md")
    assert "Hi Ana" not in netfiles_vault.read("people/Ana Souza.md")
    assert "people/Pending Person.md" not in people(netfiles_vault)
    before = snapshot(netfiles_vault)
    ok(netfiles_cli("import", "linkedin", folder))
    assert snapshot(netfiles_vault) == before


def test_the_owner_is_never_a_contact(netfiles_vault, netfiles_cli, tmp_path):
    own_row = row("Sam", "Owner", slug="sam-owner")
    messages = [msg("Sam Owner", OWNER_URL, "Ana Souza", ANA["url"], noon(2025, 10, 6)),
                msg("Bo Chen", BO["url"], "Sam Owner", OWNER_URL, noon(2025, 10, 7), conversation="c2")]
    folder = write_export(tmp_path / "export", [*PEOPLE, own_row], messages=messages, extras=False)
    result = ok(netfiles_cli("import", "linkedin", folder, "--include-others"))
    assert people(netfiles_vault) == ["people/Ana Souza.md", "people/Bo Chen.md", "people/Carla Díaz.md"]
    assert f"note: export owner: Sam Owner ({OWNER_URL}); never imported as a contact" in result.stderr
    assert "Sam Owner" not in "".join(netfiles_vault.read(p) for p in people(netfiles_vault))


def test_the_vault_owner_from_config_is_never_a_contact(netfiles_vault, netfiles_cli, tmp_path):
    netfiles_vault.config(me={"name": "Carla Díaz", "linkedin": CARLA["url"]})
    path = write_connections_csv(tmp_path / "Connections.csv", PEOPLE)
    result = ok(netfiles_cli("import", "linkedin", path))
    assert people(netfiles_vault) == ["people/Ana Souza.md", "people/Bo Chen.md"]
    assert result.stdout.splitlines()[-1] == "2 created, 0 updated, 0 unchanged, 1 skipped."


# --------------------------------------------------------------------------
# The user edits imported contacts, then imports a newer export


def test_edits_made_between_two_imports_survive(netfiles_vault, netfiles_cli, tmp_path):
    first = write_export(tmp_path / "first", PEOPLE, profile=("Sam", "Owner"), extras=False, messages=[
        msg("Ana Souza", ANA["url"], "Sam Owner", OWNER_URL, noon(2025, 10, 6))])
    ok(netfiles_cli("import", "linkedin", first))

    # The user renames Ana's file, edits her role, adds an alias, notes and a
    # log line (with Windows line endings, as some editors save); empties
    # Bo's organization; deletes nothing.
    people_dir = netfiles_vault.path / "people"
    (people_dir / "Ana Souza.md").rename(people_dir / "Ana.md")
    ana = (people_dir / "Ana.md").read_text(encoding="utf-8")
    ana = ana.replace("role: Head of Data", "role: VP Data  # promoted in May")
    ana = ana.replace("name: Ana Souza\n", "name: Ana Souza\naliases: [Ana]\n")
    ana = ana.replace("# Ana Souza\n\n", "# Ana Souza\n\nMet at PyCon; ask about the risk team.\n\n")
    ana = ana.replace("## Log\n", "## Log\n- 2025-10-20 coffee: long chat #got\n")
    (people_dir / "Ana.md").write_bytes(ana.replace("\n", "\r\n").encode("utf-8"))
    bo = (people_dir / "Bo Chen.md").read_text(encoding="utf-8").replace(
        "organization: The \"Best\" Company", "organization:")
    (people_dir / "Bo Chen.md").write_text(bo, encoding="utf-8")
    edited = {p: (people_dir / p).read_bytes() for p in ("Ana.md", "Bo Chen.md", "Carla Díaz.md")}

    # A newer export: Ana has a new title and a new message day (and the old
    # one again), Bo an email, plus a new connection.
    ana_new = {**ANA, "position": "Chief Data Officer"}
    bo_new = {**BO, "email": "bo@example.org"}
    dan = row("Dan", "Ng")
    second = write_export(tmp_path / "second", [ana_new, bo_new, CARLA, dan], profile=("Sam", "Owner"),
                          extras=False, messages=[
                              msg("Ana Souza", ANA["url"], "Sam Owner", OWNER_URL, noon(2025, 10, 6)),
                              msg("Ana Souza", ANA["url"], "Sam Owner", OWNER_URL, noon(2025, 11, 3))])
    archive = make_export_zip(second, tmp_path / "second.zip")
    result = ok(netfiles_cli("import", "linkedin", archive))

    assert people(netfiles_vault) == ["people/Ana.md", "people/Bo Chen.md", "people/Carla Díaz.md",
                                      "people/Dan Ng.md"]
    assert result.stdout.splitlines()[-1] == "1 created, 2 updated, 1 unchanged, 0 skipped."
    assert ("people/Ana.md: role is 'VP Data' here, LinkedIn says 'Chief Data Officer'"
            in result.stdout)
    # Ana: exactly one line added (the new day), CRLF kept, everything else byte for byte.
    ana_after = (people_dir / "Ana.md").read_bytes()
    assert ana_after == edited["Ana.md"].replace(
        b"## Log\r\n", b"## Log\r\n- 2025-11-03 linkedin: message\r\n")
    # Bo: the emptied organization is filled again, the email added (both were empty).
    bo_after = (people_dir / "Bo Chen.md").read_text(encoding="utf-8")
    assert front_matter(people_dir / "Bo Chen.md")["organization"] == 'The "Best" Company'
    assert front_matter(people_dir / "Bo Chen.md")["emails"] == ["bo@example.org"]
    # `emails:` and its one `- item` line: block style, as the file's `tags` list is written
    assert len(bo_after.splitlines()) == len(edited["Bo Chen.md"].decode().splitlines()) + 2
    assert "emails:\n  - bo@example.org\n" in bo_after
    assert (people_dir / "Carla Díaz.md").read_bytes() == edited["Carla Díaz.md"]
    assert_check_clean(netfiles_cli)

    # And once more: nothing left to do.
    before = snapshot(netfiles_vault)
    result = ok(netfiles_cli("import", "linkedin", archive))
    assert result.stdout.splitlines()[-1] == "0 created, 0 updated, 4 unchanged, 0 skipped."
    assert snapshot(netfiles_vault) == before


# --------------------------------------------------------------------------
# Size


@pytest.mark.slow
def test_five_thousand_connections_import_and_reimport(netfiles_vault, netfiles_cli, tmp_path):
    rows = generate_rows(5000, seed=7)
    folder = write_export(tmp_path / "export", rows, extras=False, bom=True, crlf=True)
    archive = make_export_zip(folder, tmp_path / "export.zip")
    result = ok(netfiles_cli("import", "linkedin", archive))
    assert result.stdout.splitlines()[-1] == "5000 created, 0 updated, 0 unchanged, 0 skipped."
    assert len(people(netfiles_vault)) == 5000
    result = ok(netfiles_cli("import", "linkedin", folder))
    assert result.stdout.splitlines()[-1] == "0 created, 0 updated, 5000 unchanged, 0 skipped."


def test_a_contact_that_links_out_of_the_vault_is_not_written(netfiles_vault, netfiles_cli, tmp_path, export):
    outside = tmp_path / "elsewhere.md"
    outside.write_text(f"---\nname: Bo Chen\nlinkedin: {BO['url']}\n---\n# Bo Chen\n", encoding="utf-8")
    (netfiles_vault.path / "people" / "Bo Chen.md").symlink_to(outside)
    before = outside.read_bytes()
    result = ok(netfiles_cli("import", "linkedin", export))
    assert outside.read_bytes() == before
    assert "note: people/Bo Chen.md: not written: people/Bo Chen.md is outside the people folders" in result.stderr
    assert result.stdout.splitlines()[-1] == "2 created, 0 updated, 0 unchanged, 1 skipped."

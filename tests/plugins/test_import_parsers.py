"""Tests for the import plugin's pure parsing layer: records, LinkedIn
exports and vCards.  (File names and CSV neutralisation are the core's:
see test_import_core_api.py.)"""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
import vobject

from linkedin_fixtures import (
    ADDRESS_BOOK_FILES,
    FIRST_ROW_LINE,
    FORMULA_POSITIONS,
    IGNORED_FILES,
    POISON_BYTES,
    PREAMBLE_LINES,
    generate_rows,
    make_export_zip,
    write_connections_csv,
    write_export,
    write_invitations_csv,
    write_messages_csv,
    write_profile_csv,
)
from netfiles_import import linkedin
from vcard_fixtures import MULTI
from netfiles_import.linkedin import (
    ImportFormatError,
    parse_connected_on,
    parse_timestamp,
    read_export,
)
from netfiles_import.records import ContactRecord, canonical_linkedin_url, clean_name
from netfiles_import.vcard import read_vcards, record_to_vcard, stable_uid

UTC = timezone.utc
OWNER_URL = "https://www.linkedin.com/in/sam-owner"


def row(first, last, *, url=None, email="", company="Acme", position="Engineer", connected=date(2024, 3, 12)):
    slug = f"{first}-{last.split(',')[0]}".lower().replace(" ", "-")
    return {
        "first": first,
        "last": last,
        "url": url if url is not None else f"https://www.linkedin.com/in/{slug}",
        "email": email,
        "company": company,
        "position": position,
        "connected": connected,
    }


ANA = row("Ana", "Souza, PhD", email="ana@example.org", company="Acme, Inc.")
BO = row("Bo", "Chen", company='The "Best" Company')
CARLA = row("Carla", "Díaz", company="Foo, Bar & Baz")
PEOPLE = [ANA, BO, CARLA]


def msg(conversation, sender, sender_url, to, to_urls, when, content="hello"):
    return {
        "conversation_id": conversation,
        "from_name": sender,
        "from_url": sender_url,
        "to_names": to,
        "to_urls": to_urls,
        "date": when,
        "content": content,
    }


def by_name(export):
    return {r.name: r for r in export.records}


# ==========================================================================
# records.py


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [
        ("Ana", "Souza", "Ana Souza"),
        ("Ana", "Souza, PhD", "Ana Souza"),
        ("Ana", "Souza PhD", "Ana Souza"),
        ("Ana", "Souza, MBA, CFA", "Ana Souza"),
        ("Ana", "Souza, Ph.D.", "Ana Souza"),
        ("Ana", "Souza, PMP", "Ana Souza"),
        ("Ana", "Souza MBA, CFA", "Ana Souza"),
        ("John", "Smith, Jr.", "John Smith Jr."),
        ("John", "Smith Jr.", "John Smith Jr."),
        ("Bo", "Chen III", "Bo Chen III"),
        ("Bo", "Chen, III, PhD", "Bo Chen III"),
        ("  José  ", "  García   López ", "José García López"),
        ("Ana 🚀", "Souza", "Ana Souza"),
        ("Ana", "Souza (she/her)", "Ana Souza"),
        ("Jane", "Ma", "Jane Ma"),  # a surname, not "M.A."
        ("Marco", "Cima", "Marco Cima"),  # a surname, not CIMA
        ("李", "小龙", "李 小龙"),
        ("Ana", "", "Ana"),
        ("", "Souza", "Souza"),
        ("", "", ""),
    ],
)
def test_clean_name(first, last, expected):
    assert clean_name(first, last) == expected
    assert clean_name(expected, "") == expected  # idempotent


def test_clean_name_keeps_something():
    assert clean_name("🚀", "") == "🚀"
    assert clean_name("MBA", "") == "MBA"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.linkedin.com/in/ana-souza", "https://www.linkedin.com/in/ana-souza"),
        ("https://www.linkedin.com/in/Ana-Souza/", "https://www.linkedin.com/in/ana-souza"),
        ("http://linkedin.com/in/ana-souza?trk=abc#top", "https://www.linkedin.com/in/ana-souza"),
        ("linkedin.com/in/ana-souza", "https://www.linkedin.com/in/ana-souza"),
        ("www.linkedin.com/in/ana-souza/", "https://www.linkedin.com/in/ana-souza"),
        ("https://br.linkedin.com/in/ana-souza", "https://www.linkedin.com/in/ana-souza"),
        ("  https://WWW.LINKEDIN.COM/in/ANA-SOUZA  ", "https://www.linkedin.com/in/ana-souza"),
        ("https://www.linkedin.com/in/jos%C3%A9", "https://www.linkedin.com/in/josé"),
        ("", None),
        (None, None),
    ],
)
def test_canonical_linkedin_url(url, expected):
    assert canonical_linkedin_url(url) == expected


def test_contact_record_defaults_are_independent():
    a, b = ContactRecord("A"), ContactRecord("B")
    a.emails.append("a@example.org")
    a.extra["x"] = 1
    assert b.emails == [] and b.extra == {} and b.interactions == []


# ==========================================================================
# LinkedIn: Connections.csv


def test_connections_with_preamble(tmp_path):
    path = write_connections_csv(tmp_path / "Connections.csv", PEOPLE)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("Notes:\n\"When exporting your connection data")
    export = read_export(path)
    assert [r.name for r in export.records] == ["Ana Souza", "Bo Chen", "Carla Díaz"]
    ana = export.records[0]
    assert ana.organization == "Acme, Inc."
    assert ana.role == "Engineer"
    assert ana.emails == ["ana@example.org"]
    assert ana.linkedin == "https://www.linkedin.com/in/ana-souza"
    assert ana.met == date(2024, 3, 12)
    assert ana.tags == ["linkedin"]
    assert [r.source_line for r in export.records] == [FIRST_ROW_LINE, FIRST_ROW_LINE + 1, FIRST_ROW_LINE + 2]
    assert export.problems == []
    assert export.owner is None


@pytest.mark.parametrize("bom", [False, True])
@pytest.mark.parametrize("crlf", [False, True])
@pytest.mark.parametrize("preamble", [False, True])
def test_bom_crlf_preamble_combinations(tmp_path, bom, crlf, preamble):
    path = write_connections_csv(tmp_path / "Connections.csv", PEOPLE, bom=bom, crlf=crlf, preamble=preamble)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") == bom
    assert (b"\r\n" in raw) == crlf
    export = read_export(path)
    assert [r.name for r in export.records] == ["Ana Souza", "Bo Chen", "Carla Díaz"]
    first = FIRST_ROW_LINE if preamble else 2
    assert [r.source_line for r in export.records] == [first, first + 1, first + 2]
    assert export.records[0].organization == "Acme, Inc."


def test_header_found_wherever_it_is(tmp_path):
    """Extra junk lines, a multi-line quoted note and blank lines before the
    header: found by its column names, not by counting lines."""
    body = io.StringIO()
    csv.writer(body, lineterminator="\n").writerows(
        [["Bo", "Chen", "https://www.linkedin.com/in/bo", "", "Globex", "CTO", "1 Feb 2023"]]
    )
    text = (
        "Notes:\n"
        '"First line of the note,\nsecond line, with First Name and Last Name words\nthird"\n'
        "\n"
        "Exported by LinkedIn\n"
        "\n"
        "  first name , LAST NAME,Url,Email Address,Company,Position,Connected On\n"
        + body.getvalue()
    )
    path = tmp_path / "Connections.csv"
    path.write_text(text, encoding="utf-8")
    export = read_export(path)
    assert [(r.name, r.source_line, r.role) for r in export.records] == [("Bo Chen", 9, "CTO")]


def test_header_found_after_broken_preamble_quote(tmp_path):
    """An unbalanced quote in the preamble would swallow the whole file into
    one CSV field; the header is then found line by line."""
    text = 'Notes:\n"When exporting your connection data, you may notice\n\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\nBo,Chen,,,Globex,CTO,1 Feb 2023\n'
    path = tmp_path / "Connections.csv"
    path.write_text(text, encoding="utf-8")
    export = read_export(path)
    assert [(r.name, r.source_line) for r in export.records] == [("Bo Chen", 5)]


def test_missing_url_column(tmp_path):
    path = write_connections_csv(tmp_path / "Connections.csv", PEOPLE, with_url=False)
    assert "URL" not in path.read_text(encoding="utf-8").splitlines()[FIRST_ROW_LINE - 2]
    export = read_export(path)
    assert [r.linkedin for r in export.records] == [None, None, None]
    assert export.records[0].emails == ["ana@example.org"]
    assert export.records[0].met == date(2024, 3, 12)
    assert export.problems == []


@pytest.mark.parametrize(
    ("style", "written"),
    [("d Mon YYYY", "12 Mar 2024"), ("dd-Mon-yy", "12-Mar-24"), ("YYYY-MM-DD", "2024-03-12")],
)
def test_date_styles(tmp_path, style, written):
    path = write_connections_csv(tmp_path / "Connections.csv", PEOPLE, date_style=style)
    assert written in path.read_text(encoding="utf-8")
    export = read_export(path)
    assert {r.met for r in export.records} == {date(2024, 3, 12)}
    assert export.problems == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12 Mar 2024", date(2024, 3, 12)),
        ("1 Mar 2024", date(2024, 3, 1)),
        ("01-Jul-25", date(2025, 7, 1)),
        ("01-jul-2025", date(2025, 7, 1)),
        ("2024-03-12", date(2024, 3, 12)),
        ("12 Sept 2024", date(2024, 9, 12)),
        ("12 September 2024", date(2024, 9, 12)),
        ("Mar 12, 2024", date(2024, 3, 12)),
        ("3/12/2024", date(2024, 3, 12)),
        ("31 Feb 2024", None),
        ("12 Foo 2024", None),
        ("yesterday", None),
        ("", None),
    ],
)
def test_parse_connected_on(text, expected):
    assert parse_connected_on(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-10-06 23:49:02 UTC", datetime(2025, 10, 6, 23, 49, 2, tzinfo=UTC)),
        ("2025-10-06 23:49:02", datetime(2025, 10, 6, 23, 49, 2, tzinfo=UTC)),
        ("2025-10-06T23:49:02Z", datetime(2025, 10, 6, 23, 49, 2, tzinfo=UTC)),
        ("2025-10-06 23:49:02+02:00", datetime(2025, 10, 6, 21, 49, 2, tzinfo=UTC)),
        ("10/6/25, 11:49 PM", datetime(2025, 10, 6, 23, 49, tzinfo=UTC)),
        ("10/6/25, 12:05 AM", datetime(2025, 10, 6, 0, 5, tzinfo=UTC)),
        ("10/6/2025, 9:03 AM", datetime(2025, 10, 6, 9, 3, tzinfo=UTC)),
        ("2025-10-06", datetime(2025, 10, 6, tzinfo=UTC)),
        ("13/45/25, 1:00 PM", None),
        ("soon", None),
    ],
)
def test_parse_timestamp(text, expected):
    assert parse_timestamp(text) == expected


def test_quoted_commas_quotes_and_non_ascii(tmp_path):
    rows = [
        row("Zoë", "Østergaard", company='Smith & Sons, LLC "SSL"', position='Director, "Special" Projects'),
        row("Γιώργος", "Παπαδόπουλος", company="株式会社テスト"),
        row("Olúwaseun", "Adébáyọ̀", company="Banco São Paulo"),
    ]
    export = read_export(write_connections_csv(tmp_path / "Connections.csv", rows))
    first, second, third = export.records
    assert first.name == "Zoë Østergaard"
    assert first.organization == 'Smith & Sons, LLC "SSL"'
    assert first.role == 'Director, "Special" Projects'
    assert second.name == "Γιώργος Παπαδόπουλος" and second.organization == "株式会社テスト"
    assert third.name == clean_name("Olúwaseun", "Adébáyọ̀")
    assert export.problems == []


def test_suffix_cleaning_in_connections(tmp_path):
    rows = [row("Ana", "Souza, PhD"), row("Bo", "Chen MBA, CFA"), row("John", "Smith, Jr."), row("Li", "Wei, PMP")]
    export = read_export(write_connections_csv(tmp_path / "Connections.csv", rows))
    assert [r.name for r in export.records] == ["Ana Souza", "Bo Chen", "John Smith Jr.", "Li Wei"]


def test_no_email_rows_and_multiple_emails(tmp_path):
    rows = [row("Ana", "Souza"), row("Bo", "Chen", email="bo@example.org"), row("Carla", "Díaz", email="c@x.org; c2@x.org")]
    export = read_export(write_connections_csv(tmp_path / "Connections.csv", rows))
    assert [r.emails for r in export.records] == [[], ["bo@example.org"], ["c@x.org", "c2@x.org"]]


def test_formula_values_are_kept_raw_by_the_parser(tmp_path):
    rows = [row("Ana", f"Souza{i}", position=p) for i, p in enumerate(FORMULA_POSITIONS)]
    export = read_export(write_connections_csv(tmp_path / "Connections.csv", rows))
    assert [r.role for r in export.records] == FORMULA_POSITIONS


def test_rows_without_name_are_skipped_with_a_note(tmp_path):
    rows = [row("Ana", "Souza"), row("", "", url="https://www.linkedin.com/in/ghost"), row("Bo", "Chen"), row(" ", " ")]
    export = read_export(write_connections_csv(tmp_path / "Connections.csv", rows))
    assert [r.name for r in export.records] == ["Ana Souza", "Bo Chen"]
    notes = [n for n in export.notes if "no name" in n]
    assert notes == [f"Connections.csv: skipped 2 row(s) with no name (line {FIRST_ROW_LINE + 1}, {FIRST_ROW_LINE + 3})"]
    assert export.problems == []


def test_bad_rows_become_problems_not_exceptions(tmp_path):
    path = write_connections_csv(tmp_path / "Connections.csv", [row("Ana", "Souza")])
    with open(path, "a", encoding="utf-8", newline="") as fh:
        fh.write("Bo,Chen,https://www.linkedin.com/in/bo,,Acme, Inc.,CTO,1 Feb 2023,extra\n")  # unquoted comma
        fh.write("Carla,Díaz,https://www.linkedin.com/in/carla,not-an-email,Globex,CTO,someday\n")
        fh.write("Dan,Eve,ftp://nowhere,,Globex,CTO,1 Feb 2023\n")
        fh.write("Short,Row\n")
        fh.write("\n")
        fh.write("Fay,Gee,https://www.linkedin.com/in/fay,,Initech,CEO,2 Feb 2023\n")
    export = read_export(path)
    assert [r.name for r in export.records] == ["Ana Souza", "Carla Díaz", "Dan Eve", "Short Row", "Fay Gee"]
    carla = export.records[1]
    assert carla.emails == [] and carla.met is None
    assert export.records[2].linkedin is None
    assert export.records[4].source_line == FIRST_ROW_LINE + 6
    lines = {(p.line, p.message.split(":")[0].split(" (")[0]) for p in export.problems}
    assert (FIRST_ROW_LINE + 1, "row has 9 fields, expected 7") in lines
    assert (FIRST_ROW_LINE + 2, "not an email address") in lines
    assert (FIRST_ROW_LINE + 2, "unrecognised date in Connected On") in lines
    assert (FIRST_ROW_LINE + 3, "not a LinkedIn profile URL") in lines
    assert all(p.file == "Connections.csv" for p in export.problems)


def test_not_utf8_connections_are_read_as_cp1252(tmp_path):
    path = tmp_path / "Connections.csv"
    path.write_bytes(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
        "José,García,,,Café Ltd,Chef,12 Mar 2024\r\n".encode("cp1252")
    )
    export = read_export(path)
    assert export.records[0].name == "José García"
    assert export.records[0].organization == "Café Ltd"
    assert any("not UTF-8" in n for n in export.notes)


def test_utf16_connections(tmp_path):
    path = tmp_path / "Connections.csv"
    path.write_text("First Name,Last Name,Company\nZoë,Ørsted,Acme\n", encoding="utf-16")
    assert [r.name for r in read_export(path).records] == ["Zoë Ørsted"]


def test_duplicate_names_are_kept_apart(tmp_path):
    rows = [row("Ana", "Souza", url="https://www.linkedin.com/in/ana-1"), row("Ana", "Souza", url="https://www.linkedin.com/in/ana-2")]
    export = read_export(write_connections_csv(tmp_path / "Connections.csv", rows))
    assert [r.linkedin for r in export.records] == ["https://www.linkedin.com/in/ana-1", "https://www.linkedin.com/in/ana-2"]


def test_lone_file_with_another_name(tmp_path):
    path = write_connections_csv(tmp_path / "my linkedin (1).csv", PEOPLE)
    assert len(read_export(path).records) == 3


@pytest.mark.parametrize(
    "setup",
    ["empty-folder", "no-header", "address-book-alone", "missing", "only-messages"],
)
def test_import_format_errors(tmp_path, setup):
    if setup == "empty-folder":
        target = tmp_path
        (tmp_path / "Skills.csv").write_text("Name\nPython\n")
    elif setup == "no-header":
        target = tmp_path / "Connections.csv"
        target.write_text("Notes:\nnothing here\n\nName,Email\nAna,a@x.org\n")
    elif setup == "address-book-alone":
        target = tmp_path / "Imported Contacts.csv"
        target.write_bytes(POISON_BYTES)
    elif setup == "missing":
        target = tmp_path / "nope.zip"
    else:
        write_messages_csv(tmp_path / "messages.csv", [])
        target = tmp_path
    with pytest.raises(ImportFormatError) as info:
        read_export(target)
    assert str(info.value)


def test_bad_zip_is_a_format_error(tmp_path):
    path = tmp_path / "export.zip"
    path.write_bytes(b"PK\x03\x04 this is not really a zip")
    with pytest.raises(ImportFormatError):
        read_export(path)


# ==========================================================================
# LinkedIn: the whole export (folder and zip)


def full_export(folder, **options):
    rows = generate_rows(40, seed=7) + PEOPLE
    a, b = ANA["url"], BO["url"]
    messages = [
        msg("c1", "Sam Owner", OWNER_URL, ["Ana Souza"], [a], datetime(2025, 10, 6, 9, 0)),
        msg("c1", "Ana Souza", a, ["Sam Owner"], [OWNER_URL], datetime(2025, 10, 6, 9, 5)),
        msg("c2", "Bo Chen", b, ["Sam Owner"], [OWNER_URL], datetime(2025, 10, 7, 12, 0)),
    ]
    write_export(folder, rows, messages=messages, profile=("Sam", "Owner"), **options)
    return rows


def test_zip_and_folder_give_identical_records(tmp_path):
    folder = tmp_path / "export"
    full_export(folder)
    from_folder = read_export(folder, tz=UTC)
    nested = read_export(make_export_zip(folder, tmp_path / "nested.zip", nested_folder=True), tz=UTC)
    flat = read_export(make_export_zip(folder, tmp_path / "flat.zip", nested_folder=False), tz=UTC)
    assert len(from_folder.records) == 43
    assert nested.records == from_folder.records
    assert flat.records == from_folder.records
    assert nested.owner == flat.owner == from_folder.owner
    assert by_name(nested)["Ana Souza"].interactions  # messages were found inside the nested folder
    assert flat.notes == from_folder.notes
    strip = len("Basic_LinkedInDataExport_10-06-2025/")
    assert [n[strip:] if n.startswith("Basic_") else n for n in nested.notes] == from_folder.notes


def test_zip_with_custom_nested_folder_and_macos_junk(tmp_path):
    folder = tmp_path / "export"
    full_export(folder, extras=False)
    zip_path = make_export_zip(folder, tmp_path / "x.zip", nested_folder="Complete_LinkedInDataExport_01-01-2026")
    with zipfile.ZipFile(zip_path, "a") as zf:
        zf.writestr("__MACOSX/Complete_LinkedInDataExport_01-01-2026/._Connections.csv", b"\x00\x05\x16\x07junk")
    export = read_export(zip_path, tz=UTC)
    assert len(export.records) == 43
    assert any("__MACOSX" in n and "ignored" in n for n in export.notes)


def test_zip_is_not_extracted_to_disk(tmp_path):
    folder = tmp_path / "export"
    full_export(folder)
    zip_path = make_export_zip(folder, tmp_path / "x.zip")
    before = sorted(p.name for p in tmp_path.rglob("*"))
    read_export(zip_path)
    assert sorted(p.name for p in tmp_path.rglob("*")) == before


def test_ignored_files_get_one_note_each(tmp_path):
    folder = tmp_path / "export"
    full_export(folder)
    export = read_export(folder)
    for name in IGNORED_FILES:
        assert export.notes.count(f"{name}: ignored (not used by the importer)") == 1
    for name in ADDRESS_BOOK_FILES:
        assert export.notes.count(f"{name}: skipped (other people's address book, never read)") == 1
    assert not any("Connections.csv" in n or "messages.csv" in n or "Profile.csv" in n for n in export.notes)


@pytest.mark.parametrize("as_zip", [False, True])
def test_address_books_are_never_opened(tmp_path, monkeypatch, as_zip):
    folder = tmp_path / "export"
    full_export(folder)
    (folder / "Address Book Contacts").mkdir()
    (folder / "Address Book Contacts" / "phone.csv").write_bytes(POISON_BYTES)
    (folder / "contacts.vcf").write_bytes(POISON_BYTES)
    target = make_export_zip(folder, tmp_path / "x.zip") if as_zip else folder

    opened = []
    for cls in (linkedin._DirSource, linkedin._ZipSource):
        original = cls.open_binary

        def spy(self, member, _original=original):
            opened.append(member)
            return _original(self, member)

        monkeypatch.setattr(cls, "open_binary", spy)
    export = read_export(target)
    assert opened, "the spy saw nothing"
    assert not any(Path(m).name in ADDRESS_BOOK_FILES or "Address Book" in m or m.endswith(".vcf") for m in opened)
    skipped = [n for n in export.notes if "never read" in n]
    assert len(skipped) == len(ADDRESS_BOOK_FILES) + 2
    assert not any("SECRET" in str(x) or "neighbour" in str(x) for x in export.notes + export.problems)


def test_owner_from_messages_without_profile(tmp_path):
    """The owner is the URL in every conversation; never a record."""
    rows = PEOPLE + [row("Sam", "Owner", url=OWNER_URL)]  # own row, as some exports do
    a, b, c = ANA["url"], BO["url"], CARLA["url"]
    messages = [
        msg("c1", "Sam Owner", OWNER_URL, ["Ana Souza"], [a], datetime(2025, 1, 1, 10)),
        msg("c2", "Bo Chen", b, ["Sam Owner"], [OWNER_URL], datetime(2025, 1, 2, 10)),
        msg("c3", "Carla Díaz", c, ["Sam Owner"], [OWNER_URL], datetime(2025, 1, 3, 10)),
    ]
    write_export(tmp_path, rows, messages=messages, extras=False)
    export = read_export(tmp_path, tz=UTC)
    assert export.owner.url == OWNER_URL
    assert export.owner.name == "Sam Owner"
    assert "Sam Owner" not in by_name(export)
    assert all(r.linkedin != OWNER_URL for r in export.records + export.others)
    assert any("owner's own row" in n for n in export.notes)
    assert [i.date for i in by_name(export)["Carla Díaz"].interactions] == [date(2025, 1, 3)]


def test_owner_from_profile_websites(tmp_path):
    messages = [msg("c1", "Ana Souza", ANA["url"], ["Sam Owner"], [OWNER_URL], datetime(2025, 1, 1, 10))]
    write_export(tmp_path, PEOPLE, messages=messages, extras=False, profile=("Sam", "Owner"),
                 profile_websites=f"[PERSONAL:https://sam.example][OTHER:{OWNER_URL}/]")
    export = read_export(tmp_path, tz=UTC)
    assert export.owner.url == OWNER_URL and export.owner.name == "Sam Owner"
    assert [i.text for i in by_name(export)["Ana Souza"].interactions] == ["message"]


def test_owner_tie_broken_by_profile_name_or_connections(tmp_path):
    """One conversation: both URLs are in every conversation."""
    messages = [
        msg("c1", "Sam Owner", OWNER_URL, ["Ana Souza"], [ANA["url"]], datetime(2025, 1, 1, 10)),
        msg("c1", "Ana Souza", ANA["url"], ["Sam Owner"], [OWNER_URL], datetime(2025, 1, 1, 11)),
    ]
    write_export(tmp_path / "p", PEOPLE, messages=messages, extras=False, profile=("Sam", "Owner"))
    assert read_export(tmp_path / "p").owner.url == OWNER_URL
    write_export(tmp_path / "n", PEOPLE, messages=messages, extras=False)  # no profile: Ana is a connection
    assert read_export(tmp_path / "n").owner.url == OWNER_URL


def test_owner_unknown_means_no_message_interactions(tmp_path):
    stranger = "https://www.linkedin.com/in/stranger"
    messages = [
        msg("c1", "Zed", stranger, ["Yan"], ["https://www.linkedin.com/in/yan"], datetime(2025, 1, 1, 10)),
    ]
    write_export(tmp_path, PEOPLE, messages=messages, extras=False)
    export = read_export(tmp_path)
    assert export.owner is None
    assert all(not r.interactions for r in export.records) and export.others == []
    assert any("owner unknown" in n for n in export.notes)


def test_messages_one_interaction_per_person_per_day(tmp_path):
    a = ANA["url"]
    day1 = datetime(2025, 10, 6, 9, 0)
    messages = [
        msg("c1", "Sam Owner", OWNER_URL, ["Ana Souza"], [a], day1 + timedelta(hours=2), "Second msg"),
        msg("c1", "Ana Souza", a, ["Sam Owner"], [OWNER_URL], day1, "First line here\nand more <b>text</b>"),
        msg("c1", "Sam Owner", OWNER_URL, ["Ana Souza"], [a], day1 + timedelta(hours=5), "Third"),
        msg("c1", "Ana Souza", a, ["Sam Owner"], [OWNER_URL], datetime(2025, 10, 9, 8, 0), "Later #gave [[Bo Chen]]"),
    ]
    write_export(tmp_path, PEOPLE, messages=messages, extras=False, profile=("Sam", "Owner"))
    export = read_export(tmp_path, tz=UTC)
    ana = by_name(export)["Ana Souza"]
    assert [(i.date, i.kind, i.text) for i in ana.interactions] == [
        (date(2025, 10, 6), "linkedin", "messages (3)"),
        (date(2025, 10, 9), "linkedin", "message"),
    ]
    assert by_name(export)["Bo Chen"].interactions == []

    with_content = read_export(tmp_path, tz=UTC, with_content=True)
    texts = [i.text for i in by_name(with_content)["Ana Souza"].interactions]
    assert texts == ["messages (3): First line here", "message: Later gave [Bo Chen]"]


def test_message_days_follow_the_time_zone(tmp_path):
    late = datetime(2025, 10, 6, 23, 49, 2)
    messages = [msg("c1", "Ana Souza", ANA["url"], ["Sam Owner"], [OWNER_URL], late)]
    write_export(tmp_path, PEOPLE, messages=messages, extras=False, profile=("Sam", "Owner"))
    utc = read_export(tmp_path, tz=UTC)
    plus2 = read_export(tmp_path, tz=timezone(timedelta(hours=2)))
    assert by_name(utc)["Ana Souza"].interactions[0].date == date(2025, 10, 6)
    assert by_name(plus2)["Ana Souza"].interactions[0].date == date(2025, 10, 7)


def test_group_messages(tmp_path):
    a, b, c = ANA["url"], BO["url"], CARLA["url"]
    when = datetime(2025, 5, 5, 10)
    messages = [
        # the owner writes to a group: everyone in it gets an interaction
        msg("g1", "Sam Owner", OWNER_URL, ["Ana Souza", "Bo Chen"], [a, b], when),
        # Carla writes to the owner and Bo: only Carla, the sender, counts
        msg("g2", "Carla Díaz", c, ["Sam Owner", "Bo Chen"], [OWNER_URL, b], when + timedelta(days=1)),
    ]
    write_export(tmp_path, PEOPLE, messages=messages, extras=False, profile=("Sam", "Owner"))
    people = by_name(read_export(tmp_path, tz=UTC))
    assert [i.date for i in people["Ana Souza"].interactions] == [date(2025, 5, 5)]
    assert [i.date for i in people["Bo Chen"].interactions] == [date(2025, 5, 5)]
    assert [i.date for i in people["Carla Díaz"].interactions] == [date(2025, 5, 6)]


def test_recipient_urls_separated_by_spaces_or_commas(tmp_path):
    path = tmp_path / "messages.csv"
    write_messages_csv(path, [])
    with open(path, "a", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["g1", "", "Sam Owner", OWNER_URL, "Ana Souza, Bo Chen, Carla Díaz",
                    f"{ANA['url']} {BO['url']}/ ,  {CARLA['url']}?trk=x", "2025-05-05 10:00:00 UTC", "", "hi", "INBOX", ""])
    write_connections_csv(tmp_path / "Connections.csv", PEOPLE)
    write_profile_csv(tmp_path / "Profile.csv", "Sam", "Owner")
    people = by_name(read_export(tmp_path, tz=UTC))
    assert all(len(people[n].interactions) == 1 for n in ("Ana Souza", "Bo Chen", "Carla Díaz"))


def test_messages_attach_by_name_when_url_differs(tmp_path):
    """messages.csv sometimes has member-id URLs (ACoAA...) instead of slugs."""
    member_id = "https://www.linkedin.com/in/ACoAAB1234567890"
    messages = [
        msg("c1", "Bo Chen", member_id, ["Sam Owner"], [OWNER_URL], datetime(2025, 2, 2, 10)),
        msg("c2", "Sam Owner", OWNER_URL, ["Dee Nobody"], ["https://www.linkedin.com/in/dee"], datetime(2025, 2, 3, 10)),
    ]
    write_export(tmp_path, PEOPLE, messages=messages, extras=False, profile=("Sam", "Owner"))
    export = read_export(tmp_path, tz=UTC)
    assert [i.date for i in by_name(export)["Bo Chen"].interactions] == [date(2025, 2, 2)]
    assert [(o.name, o.linkedin) for o in export.others] == [("Dee Nobody", "https://www.linkedin.com/in/dee")]
    assert export.others[0].interactions[0].text == "message"


def test_name_only_recipient_joins_the_same_person_with_a_url(tmp_path):
    dee = "https://www.linkedin.com/in/dee"
    messages = [
        msg("c1", "Dee Nobody", dee, ["Sam Owner"], [OWNER_URL], datetime(2025, 2, 3, 10)),
        msg("c1", "Sam Owner", OWNER_URL, ["Dee Nobody"], [], datetime(2025, 2, 4, 10)),
    ]
    write_export(tmp_path, PEOPLE, messages=messages, extras=False, profile=("Sam", "Owner"))
    export = read_export(tmp_path, tz=UTC)
    assert [(o.name, o.linkedin, [i.date.day for i in o.interactions]) for o in export.others] == [
        ("Dee Nobody", dee, [3, 4])
    ]


def test_messages_for_ambiguous_names_are_not_guessed(tmp_path):
    rows = [row("Ana", "Souza", url="https://www.linkedin.com/in/ana-1"), row("Ana", "Souza", url="https://www.linkedin.com/in/ana-2")]
    messages = [msg("c1", "Ana Souza", "https://www.linkedin.com/in/ACoAAzzz", ["Sam Owner"], [OWNER_URL], datetime(2025, 2, 2, 10))]
    write_export(tmp_path, rows, messages=messages, extras=False, profile=("Sam", "Owner"))
    export = read_export(tmp_path, tz=UTC)
    assert all(not r.interactions for r in export.records)
    assert export.others == []
    assert any("more than one connection" in n for n in export.notes)


def test_bad_message_rows_are_problems(tmp_path):
    messages = [
        msg("c1", "Ana Souza", ANA["url"], ["Sam Owner"], [OWNER_URL], "not a date"),
        msg("c1", "Ana Souza", ANA["url"], ["Sam Owner"], [OWNER_URL], datetime(2025, 2, 2, 10)),
    ]
    write_export(tmp_path, PEOPLE, messages=messages, extras=False, profile=("Sam", "Owner"))
    export = read_export(tmp_path, tz=UTC)
    assert [(p.file, p.line) for p in export.problems] == [("messages.csv", 2)]
    assert len(by_name(export)["Ana Souza"].interactions) == 1


def test_messages_csv_problems_are_reported_once(tmp_path):
    write_export(tmp_path, PEOPLE, extras=False, profile=("Sam", "Owner"),
                 messages=[msg("c1", "Ana Souza", ANA["url"], ["Sam Owner"], [OWNER_URL], datetime(2025, 2, 2, 10))])
    with open(tmp_path / "messages.csv", "a", encoding="utf-8", newline="") as fh:
        fh.write("c2,,Bo Chen,x,Sam Owner,y,2025-02-03 10:00:00 UTC,,hi,INBOX,,too,many,fields\n")
    export = read_export(tmp_path, tz=UTC)
    assert [(p.file, p.line) for p in export.problems] == [("messages.csv", 3)]


def test_profile_summary_links_are_not_the_owner(tmp_path):
    path = write_profile_csv(tmp_path / "Profile.csv", "Sam", "Owner")
    text = path.read_text(encoding="utf-8").replace(",Engineer,,", ",Engineer,Mentored by https://www.linkedin.com/in/ana-souza,", 1)
    path.write_text(text, encoding="utf-8")
    write_connections_csv(tmp_path / "Connections.csv", PEOPLE)
    export = read_export(tmp_path)
    assert export.owner.name == "Sam Owner" and export.owner.url is None
    assert "Ana Souza" in by_name(export)


@pytest.mark.parametrize("date_style", ["us", "iso"])
def test_invitations_direction(tmp_path, date_style):
    invitations = [
        {"from_name": "Sam Owner", "to_name": "Ana Souza", "sent_at": datetime(2025, 10, 6, 23, 49),
         "direction": "OUTGOING", "inviter_url": OWNER_URL, "invitee_url": ANA["url"], "message": "Hi Ana"},
        {"from_name": "Bo Chen", "to_name": "Sam Owner", "sent_at": datetime(2025, 10, 5, 8, 1),
         "direction": "INCOMING", "inviter_url": BO["url"], "invitee_url": OWNER_URL},
        {"from_name": "Sam Owner", "to_name": "Pending Person", "sent_at": datetime(2025, 10, 4, 8, 1),
         "direction": "OUTGOING", "inviter_url": OWNER_URL, "invitee_url": "https://www.linkedin.com/in/pending"},
        {"from_name": "Sam Owner", "to_name": "Broken", "sent_at": datetime(2025, 10, 4, 8, 1),
         "direction": "SIDEWAYS", "inviter_url": "", "invitee_url": ""},
    ]
    write_export(tmp_path, PEOPLE, extras=False, profile=("Sam", "Owner"))
    write_invitations_csv(tmp_path / "Invitations.csv", invitations, date_style=date_style)
    export = read_export(tmp_path, tz=UTC)
    people = by_name(export)
    assert [(i.date, i.kind, i.text) for i in people["Ana Souza"].interactions] == [
        (date(2025, 10, 6), "linkedin", "invitation sent")
    ]
    assert people["Ana Souza"].extra["reached_out"] == "me"
    assert [i.text for i in people["Bo Chen"].interactions] == ["invitation received"]
    assert people["Bo Chen"].extra["reached_out"] == "them"
    assert "reached_out" not in people["Carla Díaz"].extra
    assert [(o.name, o.extra["reached_out"]) for o in export.others] == [("Pending Person", "me")]
    assert [(p.file, p.line) for p in export.problems] == [("Invitations.csv", 5)]
    assert "Hi Ana" not in str(export.records)
    assert by_name(read_export(tmp_path, tz=UTC, with_content=True))["Ana Souza"].interactions[0].text == (
        "invitation sent: Hi Ana"
    )


def test_generated_rows_are_realistic():
    rows = generate_rows(2000, seed=3)
    assert rows == generate_rows(2000, seed=3)
    names = [(r["first"], r["last"]) for r in rows]
    assert len(set(names)) < len(names)  # some duplicates
    assert len({r["url"] for r in rows}) == len(rows)
    with_email = sum(1 for r in rows if r["email"]) / len(rows)
    assert 0.10 < with_email < 0.20
    assert any("," in r["company"] for r in rows) and any('"' in r["company"] for r in rows)
    assert any(not r["first"].isascii() for r in rows)
    assert any(r["position"] in FORMULA_POSITIONS for r in rows)
    assert any(", PhD" in r["last"] or ", MBA" in r["last"] for r in rows)


def test_five_thousand_rows(tmp_path):
    rows = generate_rows(5000, seed=42)
    folder = tmp_path / "export"
    write_export(folder, rows, bom=True, crlf=True, date_style="dd-Mon-yy")
    export = read_export(make_export_zip(folder, tmp_path / "big.zip"))
    assert len(export.records) == 5000
    assert export.problems == []
    assert all(r.met is not None and r.linkedin for r in export.records)
    assert export.records[-1].source_line == FIRST_ROW_LINE + 4999
    assert sum(1 for r in export.records if r.emails) == sum(1 for r in rows if r["email"])
    for record, source in zip(export.records, rows):
        assert record.name == clean_name(source["first"], source["last"])
        assert record.organization == (source["company"] or None)


def test_preamble_constant_matches_real_layout():
    assert PREAMBLE_LINES[0] == "Notes:"
    assert PREAMBLE_LINES[1].startswith('"When exporting your connection data, you may notice that some of the email addresses are missing.')
    assert PREAMBLE_LINES[-1] == ""


# ==========================================================================
# vcard.py


def test_read_multi_card_file(tmp_path):
    path = tmp_path / "all.vcf"
    path.write_text(MULTI, encoding="utf-8", newline="")
    problems = []
    ana, jurgen, bo = read_vcards(path, problems)
    assert problems == []
    assert ana.name == "Ana Souza"
    assert ana.emails == ["ana@example.org", "ana@work.example"]
    assert ana.phones == ["+55 11 5555 0100"]
    assert ana.organization == "Acme, Inc."
    assert ana.role == "Head of Data"
    assert ana.birthday == "1988-03-02"
    assert ana.linkedin == "https://www.linkedin.com/in/ana-souza"
    assert ana.extra == {"urls": ["https://ana.example"], "note": "Met at PyCon\nlikes tea", "uid": "ana-1",
                         "country": "Brazil"}
    assert ana.tags == ["mentor", "pycon-2024"]
    assert ana.location == "São Paulo, SP" and ana.extra["country"] == "Brazil"
    assert ana.source_line == 1
    assert (jurgen.name, jurgen.phones, jurgen.birthday) == ("Jürgen Müller", ["+49 170 1234"], "--04-15")
    assert (bo.name, bo.birthday, bo.linkedin) == ("Bo Chen", "--12-24", "https://www.linkedin.com/in/bo-chen")


def test_read_vdir(tmp_path):
    book = tmp_path / "contacts" / "default"
    book.mkdir(parents=True)
    for i, name in enumerate(["Ana Souza", "Bo Chen", "Zoë Ørsted"]):
        (book / f"{i:02d}.vcf").write_text(f"BEGIN:VCARD\r\nVERSION:3.0\r\nUID:u{i}\r\nFN:{name}\r\nEND:VCARD\r\n", encoding="utf-8")
    (tmp_path / "contacts" / "work").mkdir()
    (tmp_path / "contacts" / "work" / "x.VCF").write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Carla Díaz\nEND:VCARD\n", encoding="utf-8")
    (tmp_path / "contacts" / ".git").mkdir()
    (tmp_path / "contacts" / ".git" / "old.vcf").write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Ghost\nEND:VCARD\n")
    (book / "notes.txt").write_text("not a card")
    problems = []
    records = read_vcards(tmp_path / "contacts", problems)
    assert sorted(r.name for r in records) == ["Ana Souza", "Bo Chen", "Carla Díaz", "Zoë Ørsted"]
    assert problems == []


@pytest.mark.parametrize(
    ("bday", "expected"),
    [
        ("BDAY:1988-03-02", "1988-03-02"),
        ("BDAY:19880302", "1988-03-02"),
        ("BDAY:1988-03-02T00:00:00Z", "1988-03-02"),
        ("BDAY:--0302", "--03-02"),
        ("BDAY:--03-02", "--03-02"),
        ("BDAY;VALUE=date:--0229", "--02-29"),
        ("BDAY;X-APPLE-OMIT-YEAR=1604:1604-03-02", "--03-02"),
        ("BDAY:1990-02-30", None),
        ("BDAY;VALUE=text:circa 1800", None),
    ],
)
def test_bday_forms(tmp_path, bday, expected):
    path = tmp_path / "one.vcf"
    path.write_text(f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana\r\n{bday}\r\nEND:VCARD\r\n", encoding="utf-8")
    problems = []
    (record,) = read_vcards(path, problems)
    assert record.birthday == expected
    assert bool(problems) == (expected is None)


def test_bad_cards_are_problems(tmp_path):
    path = tmp_path / "mixed.vcf"
    path.write_text(
        "BEGIN:VCARD\nVERSION:3.0\nFN:Good One\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nthis line is not a property\nFN:Broken\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nEMAIL:nobody@example.org\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:Cut Short\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:Good Two\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:No End\n",
        encoding="utf-8",
    )
    problems = []
    records = read_vcards(path, problems)
    assert [r.name for r in records] == ["Good One", "Good Two"]
    # broken property, no name, cut short by the next BEGIN, no END at all
    assert sorted(p.line for p in problems) == [5, 10, 14, 21]
    assert all(p.file == str(path) for p in problems)


def test_line_separator_inside_a_note(tmp_path):
    path = tmp_path / "one.vcf"
    path.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana\r\nNOTE:a\u2028b\r\nEND:VCARD\r\n", encoding="utf-8", newline="")
    problems = []
    (record,) = read_vcards(path, problems)
    assert record.extra["note"] == "a\u2028b" and problems == []


def test_unreadable_files_are_problems(tmp_path):
    (tmp_path / "empty.vcf").write_text("")
    (tmp_path / "latin1.vcf").write_bytes("BEGIN:VCARD\nVERSION:3.0\nFN:José\nEND:VCARD\n".encode("cp1252"))
    problems = []
    records = read_vcards(tmp_path, problems)
    assert [r.name for r in records] == ["José"]
    assert {Path(p.file).name for p in problems} == {"empty.vcf", "latin1.vcf"}


def full_record():
    return ContactRecord(
        name="Ana Souza",
        organization='Acme, Inc.; "Data"',
        role="Head of Data, LatAm",
        emails=["ana@example.org", "ana@work.example"],
        phones=["+55 11 5555 0100"],
        linkedin="https://www.linkedin.com/in/ana-souza",
        tags=["mentor", "pycon-2024", "a,b"],
        birthday="--03-02",
        location="São Paulo, BR",
        extra={"note": "Line one\nline two; with, punctuation", "urls": ["https://ana.example"]},
    )


@pytest.mark.parametrize(
    "record",
    [
        full_record(),
        ContactRecord(name="李 小龙", birthday="1990-12-31"),
        ContactRecord(name="John Smith Jr.", emails=["j@x.org"]),
        ContactRecord(name="Madonna"),
    ],
)
def test_vcard_round_trip(tmp_path, record):
    text = record_to_vcard(record, uid="fixed-uid-1")
    card = vobject.readOne(text)
    assert card.version.value == "3.0" and card.uid.value == "fixed-uid-1"
    assert card.fn.value == record.name and "n" in card.contents
    path = tmp_path / "x.vcf"
    path.write_text(text, encoding="utf-8", newline="")
    problems = []
    (back,) = read_vcards(path, problems)
    assert problems == []
    for name in ("name", "organization", "role", "emails", "phones", "linkedin", "tags", "birthday", "location"):
        assert getattr(back, name) == getattr(record, name), name
    assert back.extra == {**record.extra, "uid": "fixed-uid-1"}


def test_vcard_uid_is_stable():
    record = full_record()
    assert record_to_vcard(record) == record_to_vcard(full_record())
    assert stable_uid(record) == stable_uid(full_record())
    assert stable_uid(ContactRecord("A", linkedin="https://www.linkedin.com/in/a")) != stable_uid(ContactRecord("A"))
    assert stable_uid(ContactRecord("A", extra={"uid": "kept"})) == "kept"
    assert f"UID:{stable_uid(record)}" in record_to_vcard(record)


def test_vcard_is_readable_like_khard_reads_it(tmp_path):
    """khard parses with vobject.readOne and needs VERSION, FN and N.  A
    birthday without a year is a valid vCard 3.0 date (3.0 has no --MM-DD)
    marked as year-less the way Apple marks it."""
    text = record_to_vcard(full_record(), uid="u1")
    card = vobject.readOne(text)
    assert {"version", "fn", "n", "uid"} <= set(card.contents)
    assert card.n.value.given == "Ana" and card.n.value.family == "Souza"
    assert card.version.value == "3.0" and datetime.strptime(card.bday.value, "%Y-%m-%d")
    assert card.bday.params["X-APPLE-OMIT-YEAR"] == ["1604"] and card.bday.value == "1604-03-02"
    assert text.endswith("END:VCARD\r\n")

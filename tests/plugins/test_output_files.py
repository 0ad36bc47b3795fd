"""Files netfiles writes for other programs (issue 10 items 4, 16 and 20; issue 14): where exports may write,
strict JSON, escaped `check` output, and CSV that a spreadsheet cannot turn into a formula."""
from __future__ import annotations

import csv
import io
import json
import os
import stat

import pytest

TODAY = "2026-11-21"
# Every command that writes a file for another program: (arguments before OUTPUT, arguments after).
WRITERS = [
    (("export", "csv"), ()),
    (("export", "graph"), ("--format", "graphml", "--today", TODAY)),
    (("export", "vcard"), ()),
    (("health", "--today", TODAY, "--output"), ()),
    (("due", "--today", TODAY, "--ics"), ()),
]


@pytest.fixture
def vault(netfiles_vault):
    netfiles_vault.add_contact("Ana Souza", emails=["ana@example.org"], organization="Acme", knows=["Bo Chen"])
    netfiles_vault.add_contact("Bo Chen", strength=3)
    return netfiles_vault


def strict_json(text: str):
    """json.loads that refuses NaN and Infinity, as RFC 8259 and most parsers outside Python do."""
    def refuse(name):
        raise ValueError(f"not JSON: {name}")

    return json.loads(text, parse_constant=refuse)


# -- where an export may write ---------------------------------------------------------------------

@pytest.mark.parametrize("before,after", WRITERS, ids=lambda v: "-".join(v) if v else "")
def test_a_fifo_is_refused_and_left_as_it_is(vault, netfiles_cli, tmp_path, before, after):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    result = netfiles_cli(*before, fifo, *after)
    assert result.exit_code == 2, result.output
    assert "named pipe" in result.stderr and "Traceback" not in result.output
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


@pytest.mark.parametrize("before,after", WRITERS, ids=lambda v: "-".join(v) if v else "")
def test_a_missing_folder_is_refused_with_a_clear_message(vault, netfiles_cli, tmp_path, before, after):
    target = tmp_path / "no" / "such" / ("out.vcf" if "vcard" in before else "out")
    result = netfiles_cli(*before, target, *after)
    assert result.exit_code == 2, result.output
    assert "does not exist" in result.stderr and "Traceback" not in result.output
    assert not (tmp_path / "no").exists()


@pytest.mark.parametrize("before,after", [w for w in WRITERS if "vcard" not in w[0]],
                         ids=lambda v: "-".join(v) if v else "")
def test_a_folder_is_refused(vault, netfiles_cli, tmp_path, before, after):
    (tmp_path / "dir").mkdir()
    result = netfiles_cli(*before, tmp_path / "dir", *after)
    assert result.exit_code == 2, result.output
    assert "is a folder" in result.stderr or "is a directory" in result.stderr  # netfiles', or click's own check
    assert (tmp_path / "dir").is_dir() and not list((tmp_path / "dir").iterdir())


def test_a_device_node_is_refused(vault, netfiles_cli, tmp_path):
    """`--ics /dev/full` as root replaced the device; a node made here stands in for it (harmless if replaced)."""
    device = tmp_path / "full"
    try:
        os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 7))
    except PermissionError:
        pytest.skip("making a device node needs root")
    for args in (("due", "--today", TODAY, "--ics", device), ("export", "csv", device)):
        result = netfiles_cli(*args)
        assert result.exit_code == 2 and "a device" in result.stderr, result.output
        assert stat.S_ISCHR(os.lstat(device).st_mode)
    link = tmp_path / "link.ics"
    link.symlink_to(device)
    assert netfiles_cli("due", "--today", TODAY, "--ics", link).exit_code == 2
    assert stat.S_ISCHR(os.lstat(device).st_mode)


def test_a_regular_file_is_replaced_and_a_link_to_one_written_through(vault, netfiles_cli, tmp_path):
    out = tmp_path / "contacts.csv"
    out.write_text("old\n")
    os.chmod(out, 0o640)
    assert netfiles_cli("export", "csv", out).exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("name,") and stat.S_IMODE(out.stat().st_mode) == 0o640
    link = tmp_path / "latest.csv"
    link.symlink_to(out)
    out.write_text("old\n")
    assert netfiles_cli("export", "csv", link).exit_code == 0
    assert link.is_symlink() and out.read_text(encoding="utf-8").startswith("name,")


def test_dash_means_standard_output(vault, netfiles_cli):
    result = netfiles_cli("export", "csv", "-")
    assert result.exit_code == 0 and result.stdout.startswith("name,") and not os.path.exists("-")
    result = netfiles_cli("export", "graph", "-", "--format", "json", "--today", TODAY)
    assert strict_json(result.stdout)["nodes"] and not os.path.exists("-")


# -- JSON is JSON ----------------------------------------------------------------------------------

def test_json_outputs_never_hold_nan_or_infinity(netfiles_vault, netfiles_cli):
    netfiles_vault.write("people/odd.md", "---\nscore: .nan\nreach: .inf\nfloor: -.inf\nstrength: .nan\n"
                                          "organization: Acme\n---\n# Odd\n")
    shown = strict_json(netfiles_cli("show", "odd", "--format", "json").stdout)
    assert shown["front_matter"]["score"] == ".nan" and shown["front_matter"]["reach"] == ".inf"
    assert shown["front_matter"]["floor"] == "-.inf"
    for args in (("ls", "--format", "json"), ("check", "--format", "json", "--exit-zero"),
                 ("due", "--today", TODAY, "--format", "json"), ("health", "--today", TODAY, "--format", "json"),
                 ("export", "graph", "--format", "json", "--today", TODAY)):
        result = netfiles_cli(*args)
        assert result.exit_code == 0, (args, result.output)
        strict_json(result.stdout)


# -- check's text output ---------------------------------------------------------------------------

def test_a_newline_in_a_file_name_cannot_fake_lines_of_check_output(netfiles_vault, netfiles_cli):
    fake = "x.md:1:1: NF999 all fine\nreal"
    netfiles_vault.write(f"people/{fake}.md", "---\nemails: [not-an-email]\n---\n# X\n")
    netfiles_vault.write("people/esc\x1b[2Kape.md", "---\nemails: [also-bad]\n---\n# Y\n")
    result = netfiles_cli("check")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 2 and all(" NF203 " in line for line in lines), lines
    assert "people/x.md:1:1: NF999 all fine\\nreal.md:" in result.stdout
    assert "\x1b" not in result.stdout and "people/esc\\x1b[2Kape.md:" in result.stdout


def test_check_of_a_path_outside_the_vault_says_so(vault, netfiles_cli, tmp_path):
    outside = tmp_path / "elsewhere.md"
    outside.write_text("---\nemails: [bad]\n---\n")
    result = netfiles_cli("check", outside)
    assert result.exit_code == 2 and "outside the vault" in result.stderr and "All good" not in result.output
    # pre-commit in a repository whose vault is a subfolder passes other files too: those are left out, said so
    result = netfiles_cli("check", outside, vault.path / "people" / "Ana Souza.md")
    assert result.exit_code == 0 and "1 file checked" in result.stderr and "outside the vault" in result.stderr


# -- CSV ---------------------------------------------------------------------------------------------

ATTACKS = ["Acme\r=cmd|' /C calc'!A0", "Acme\n+1+1", "Acme\r\n@SUM(1)", "=HYPERLINK(\"x\")", "-2+3", "x\r=bare\r-2",
           "plain", "São Paulo", "tab\t=x"]


def test_csv_values_with_line_breaks_stay_in_their_cell_and_formulas_are_neutralised(netfiles_vault, netfiles_cli):
    for i, attack in enumerate(ATTACKS):
        netfiles_vault.add_contact(f"P{i}", organization=attack, role=attack)
    text = netfiles_cli("export", "csv", "--columns", "name,organization,role").stdout
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == ["name", "organization", "role"] and len(rows) == len(ATTACKS) + 1
    for i, row in enumerate(rows[1:]):
        assert row[0] == f"P{i}"
        # the file holds the value; the cell shows it, with a ' in front when it would start a formula
        value = ATTACKS[i].replace("\r\n", "\n")  # YAML reads a CRLF inside a quoted value as LF
        assert row[1] in (value, "'" + value) and row[1] == row[2]
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@")), cell
    # a spreadsheet splitting rows at a bare CR would see a new row: every CR and LF in a value is inside quotes
    quoted = False
    for char in text[:-1]:
        if char == '"':
            quoted = not quoted
        elif char == "\r":
            assert quoted
    assert text.count("\n") - sum(cell.count("\n") for row in rows for cell in row) == len(rows)


def test_csv_bom_for_excel_and_raw_values_for_programs(netfiles_vault, netfiles_cli, tmp_path):
    netfiles_vault.add_contact("João", phones=["+55 11 5555 0100"], location="São Paulo", role="=SUM(1)")
    out = tmp_path / "excel.csv"
    assert netfiles_cli("export", "csv", out, "--bom", "--columns", "name,phones,location").exit_code == 0
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfname,") and "São Paulo".encode() in data
    assert list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))[0]["phones"] == "'+55 11 5555 0100"
    raw = netfiles_cli("export", "csv", "--raw", "--columns", "name,phones,role").stdout
    assert list(csv.DictReader(io.StringIO(raw))) == [{"name": "João", "phones": "+55 11 5555 0100",
                                                       "role": "=SUM(1)"}]
    help_text = netfiles_cli("export", "csv", "--help").stdout
    assert "--bom" in help_text and "--raw" in help_text

"""Issue 10 items 14 and 15: a LinkedIn import survives bad URLs and refuses zip bombs quickly.

The bombs are generated here, small on disk (a few KB to 1 MB) and large once
expanded, through the real command line; each must end in one clear message
naming the archive member, fast and without reading the expansion.
"""
from __future__ import annotations

import json
import os
import time
import zipfile

import pytest

from linkedin_fixtures import write_connections_csv

import netfiles_import.linkedin as linkedin

HEADER = b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
ROW = b"Ana,Souza,https://www.linkedin.com/in/ana-souza,,Acme,Engineer,12 Mar 2024\n"


def _zip_member(path, name: str, chunks) -> None:
    """A zip with one member written chunk by chunk, so even a large member costs no memory to make."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        with archive.open(name, "w", force_zip64=True) as member:
            for chunk in chunks:
                member.write(chunk)


def _refused(netfiles_cli, source, *words):
    started = time.perf_counter()
    result = netfiles_cli("import", "linkedin", source, catch_exceptions=True)
    elapsed = time.perf_counter() - started
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 1, result.output
    message = result.stderr
    assert "Traceback" not in message and "internal error" not in message
    for word in words:
        assert word in message, message
    assert elapsed < 5.0
    return message


def test_a_highly_compressed_member_is_refused_before_reading(netfiles_vault, netfiles_cli, tmp_path):
    bomb = tmp_path / "bomb.zip"  # 24 MiB of rows in about 25 KB: the 350 KB / 1.2 GB bomb in small
    _zip_member(bomb, "Basic_LinkedInDataExport/Connections.csv", [HEADER] + [ROW * 10_000] * 32)
    assert bomb.stat().st_size < 100_000
    _refused(netfiles_cli, bomb, "Connections.csv", "zip bomb")
    assert list((netfiles_vault.path / "people").glob("*.md")) == []


def test_one_endless_line_is_refused_by_its_ratio(netfiles_vault, netfiles_cli, tmp_path):
    bomb = tmp_path / "line.zip"  # 32 MiB in a single line
    _zip_member(bomb, "Connections.csv", [HEADER] + [b"x" * (1 << 20)] * 32)
    _refused(netfiles_cli, bomb, "Connections.csv")


def test_a_long_line_that_compresses_normally_is_refused_at_its_line(netfiles_vault, netfiles_cli, tmp_path):
    archive = tmp_path / "long.zip"  # random text hardly compresses: the ratio check lets it through
    line = os.urandom(768 * 1024).hex().encode()  # 1.5 MiB, over MAX_LINE_BYTES
    _zip_member(archive, "export/Connections.csv", [HEADER, ROW, line, b"\n"])
    _refused(netfiles_cli, archive, "export/Connections.csv", "line 3", "longer than 1 MiB")


def test_an_unpacked_export_has_the_same_limits(netfiles_vault, netfiles_cli, tmp_path):
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "Connections.csv").write_bytes(HEADER + ROW + b"y" * (MAX_LINE := linkedin.MAX_LINE_BYTES + 10) + b"\n")
    assert MAX_LINE > linkedin.MAX_LINE_BYTES
    _refused(netfiles_cli, folder, "Connections.csv", "line 3")


def test_member_size_is_counted_on_the_bytes_read(netfiles_vault, netfiles_cli, tmp_path, monkeypatch):
    monkeypatch.setattr(linkedin, "MAX_MEMBER_BYTES", 1024 * 1024)  # the real limit (256 MiB) is too big to make here
    big = tmp_path / "Connections.csv"
    big.write_bytes(HEADER + ROW * (2 * 1024 * 1024 // len(ROW)))
    _refused(netfiles_cli, big, "Connections.csv", "larger than 1 MiB")
    archive = tmp_path / "big.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_STORED) as out:
        out.write(big, "Connections.csv")
    _refused(netfiles_cli, archive, "Connections.csv", "over the 1 MiB limit")


def test_an_ordinary_export_is_still_read(netfiles_vault, netfiles_cli, tmp_path):
    archive = tmp_path / "ok.zip"
    _zip_member(archive, "Connections.csv", [HEADER, ROW])
    result = netfiles_cli("import", "linkedin", archive)
    assert result.exit_code == 0, result.output
    assert (netfiles_vault.path / "people/Ana Souza.md").exists()


# Item 14: a bad URL skips its row (file and line named); a bad `linkedin` value is NF206 and exports survive it

def test_a_row_with_an_invalid_url_is_skipped_with_its_line(netfiles_vault, netfiles_cli, tmp_path):
    rows = [{"first": "Ana", "last": "Souza", "url": "https://www.linkedin.com/in/ana"},
            {"first": "Bad", "last": "Url", "url": "http://[linkedin.com/in/bad"},
            {"first": "Bo", "last": "Chen", "url": "https://www.linkedin.com/in/bo"}]
    source = write_connections_csv(tmp_path / "Connections.csv", rows, preamble=False)
    result = netfiles_cli("import", "linkedin", source)
    assert result.exit_code == 0, result.output
    assert "Connections.csv:3: invalid URL 'http://[linkedin.com/in/bad'; row skipped" in result.stderr
    names = sorted(p.name for p in (netfiles_vault.path / "people").glob("*.md"))
    assert names == ["Ana Souza.md", "Bo Chen.md"]


@pytest.mark.parametrize("value", ["http://[oops", "https://www.linkedin.com:port/in/x", "not a url at all",
                                   "ftp://linkedin.com/in/x", "https://", "https://bad host.com/in/x"])
def test_an_invalid_linkedin_value_is_nf206_and_exports_survive(netfiles_vault, netfiles_cli, tmp_path, value):
    netfiles_vault.write("people/Lin.md", f"---\nname: Lin\nemails: [lin@example.org]\nlinkedin: '{value}'\n---\n")
    netfiles_vault.write("people/Ok.md", "---\nname: Ok\nlinkedin: linkedin.com/in/ok\n---\n")
    result = netfiles_cli("check", "--format", "json")
    assert result.exit_code == 1
    found = [(d["path"], d["line"], d["code"], d["severity"]) for d in json.loads(result.stdout)["diagnostics"]]
    assert found == [("people/Lin.md", 4, "NF206", "error")]
    assert netfiles_cli("export", "csv", tmp_path / "out.csv").exit_code == 0
    assert "Lin" in (tmp_path / "out.csv").read_text(encoding="utf-8")
    assert netfiles_cli("export", "vcard", tmp_path / "cards").exit_code == 0
    assert len(list((tmp_path / "cards").glob("*.vcf"))) == 2
    assert netfiles_cli("show", "Lin").exit_code == 0


@pytest.mark.parametrize("value", ["http://[oops", "https://x:99999999/in/a", "%ff%fe", "\x00\u2028", "[::1]",
                                   "https://[::1]:80/in/x", "//", "", " ", "http://" + "a" * 10_000])
def test_linkedin_helpers_never_raise(value):
    import netfiles
    from netfiles_import.records import canonical_linkedin_url

    assert isinstance(netfiles.normalize_linkedin(value), str)
    result = canonical_linkedin_url(value)
    assert result is None or result.startswith("https://")
    assert (netfiles.url_problem(value) is None) == (result is not None) or not value.strip()

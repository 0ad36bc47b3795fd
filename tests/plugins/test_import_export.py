"""`netfiles export csv`: spreadsheet-safe CSV of the vault; exports never
change the vault."""

from __future__ import annotations

import csv
import io
from datetime import date

from linkedin_fixtures import FORMULA_POSITIONS, write_connections_csv


def ok(result):
    assert result.exit_code == 0, (result.output, result.stderr)
    return result


def snapshot(root) -> dict:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and ".netfiles/cache" not in p.relative_to(root).as_posix()}


def rows_of(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_export_neutralises_formulas_that_the_files_keep_as_text(netfiles_vault, netfiles_cli, tmp_path):
    rows = [{"first": "Zoë", "last": f"Person{i}", "url": f"https://www.linkedin.com/in/p{i}", "email": "",
             "company": "Acme, Inc.", "position": value, "connected": date(2024, 3, 12)}
            for i, value in enumerate(FORMULA_POSITIONS)]
    ok(netfiles_cli("import", "linkedin", write_connections_csv(tmp_path / "Connections.csv", rows)))
    before = snapshot(netfiles_vault.path)

    result = ok(netfiles_cli("export", "csv"))
    assert snapshot(netfiles_vault.path) == before
    exported = rows_of(result.stdout)
    assert [r["role"] for r in exported] == ["'" + v for v in FORMULA_POSITIONS]
    assert exported[0]["role"] == '\'=HYPERLINK("http://evil.example/","click me")'
    assert [r["name"] for r in exported] == [f"Zoë Person{i}" for i in range(len(FORMULA_POSITIONS))]
    assert exported[0]["organization"] == "Acme, Inc."
    assert exported[0]["linkedin"] == "https://www.linkedin.com/in/p0"
    assert exported[0]["met"] == "2024-03-12" and exported[0]["tags"] == "linkedin"
    assert exported[0]["path"] == "people/Zoë Person0.md"
    # The files themselves keep the exact text.
    assert 'role: =HYPERLINK("http://evil.example/","click me")' in netfiles_vault.read("people/Zoë Person0.md")


def test_csv_export_to_a_file_with_chosen_columns(netfiles_vault, netfiles_cli, tmp_path):
    netfiles_vault.add_contact("Ana Souza", emails=["ana@example.org", "a.souza@work.example"],
                               phones=["+55 11 5555 0100"], strength=4, team="@data",
                               log=["2026-11-02 coffee: hi", "2026-09-14 call"])
    netfiles_vault.add_contact("Bo Chen", knows=["Ana Souza"])
    out = tmp_path / "contacts.csv"
    result = ok(netfiles_cli("export", "csv", out, "--columns", "name,emails,phones,strength,last_contact,team,knows"))
    assert result.stdout == ""
    assert rows_of(out.read_text(encoding="utf-8")) == [
        {"name": "Ana Souza", "emails": "ana@example.org; a.souza@work.example", "phones": "'+55 11 5555 0100",
         "strength": "4", "last_contact": "2026-11-02", "team": "'@data", "knows": ""},
        {"name": "Bo Chen", "emails": "", "phones": "", "strength": "", "last_contact": "", "team": "",
         "knows": "Ana Souza"},
    ]

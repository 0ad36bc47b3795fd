"""Every core code of FORMAT.md section 5, at the right line and column, as `netfiles check` prints it."""
from __future__ import annotations

import json
import subprocess

import pytest

import netfiles
from netfiles.testing import check_diagnostics, run_cli


def lines_of(result, code: str) -> list[str]:
    """The `path:line:col: CODE message` lines of one code in the text output."""
    return [line for line in result.stdout.splitlines() if f" {code} " in line]


def where(result, code: str) -> list[str]:
    """`path:line:col` of each diagnostic with this code."""
    return [line.split(f": {code} ")[0] for line in lines_of(result, code)]


def test_nf101_invalid_yaml_at_the_yaml_error_line(netfiles_make_vault):
    v = netfiles_make_vault({"people/Ana.md": """\
        ---
        name: Ana
          role: CTO
        ---
        """})
    result = run_cli(v, "check")
    assert result.exit_code == 1
    # the YAML error is on file line 3, at the second ':'
    assert where(result, "NF101") == ["people/Ana.md:3:7"]


def test_nf101_unclosed_front_matter(netfiles_make_vault):
    v = netfiles_make_vault({"people/Ana.md": "---\nname: Ana\n# Ana\n"})
    result = run_cli(v, "check")
    assert where(result, "NF101") == ["people/Ana.md:1:1"]
    assert "never closed" in result.stdout


def test_nf102_front_matter_that_is_a_list(netfiles_make_vault):
    v = netfiles_make_vault({"people/Ana.md": "---\n- name\n- Ana\n---\n# Ana\n"})
    result = run_cli(v, "check")
    assert result.exit_code == 1
    assert where(result, "NF102") == ["people/Ana.md:2:1"]
    assert "list" in lines_of(result, "NF102")[0]


def test_nf103_not_utf8_names_the_line_and_column_of_the_bad_byte(netfiles_make_vault):
    v = netfiles_make_vault({"people/Ana.md": b"---\nname: Ana\nrole: Caf\xe9 owner\n---\n"})
    result = run_cli(v, "check")
    assert result.exit_code == 1
    assert where(result, "NF103") == ["people/Ana.md:3:10"]  # "role: Caf" is 9 characters
    assert "0xe9" in result.stdout


def test_nf201_wrong_types(netfiles_make_vault):
    v = netfiles_make_vault({"people/Ana.md": """\
        ---
        name: Ana
        tags: {mentor: yes}
        organization: [Acme, Bank]
        ---
        """})
    result = run_cli(v, "check")
    assert result.exit_code == 1
    assert where(result, "NF201") == ["people/Ana.md:3:1", "people/Ana.md:4:1"]


def test_nf201_unquoted_wikilinks_say_how_to_fix_them(netfiles_make_vault):
    v = netfiles_make_vault({"people/Ana.md": "---\nknows: [[Bo]]\n---\n", "people/Bo.md": ""})
    result = run_cli(v, "check")
    assert where(result, "NF201") == ["people/Ana.md:2:1"]
    assert 'knows: ["[[' in lines_of(result, "NF201")[0]


def test_nf202_a_yaml_date_that_does_not_exist_is_reported_not_a_crash(netfiles_make_vault):
    # PyYAML raises ValueError on 2026-13-45; the other fields must still be read.
    v = netfiles_make_vault({"people/Ana.md": """\
        ---
        name: Ana Souza
        role: CTO
        met: 2026-13-45
        ---
        """})
    result = run_cli(v, "check")
    assert result.exit_code == 1
    assert where(result, "NF202") == ["people/Ana.md:4:1"]
    shown = json.loads(run_cli(v, "show", "Ana Souza", "--format", "json").stdout)
    assert shown["front_matter"]["role"] == "CTO"
    assert shown["front_matter"]["met"] == "2026-13-45"


@pytest.mark.parametrize("field, value", [("met", "2026-02-30"), ("snooze_until", "soon"),
                                          ("birthday", "--02-30"), ("met", '"2026-1-5"')])
def test_nf202_invalid_dates(netfiles_make_vault, field, value):
    v = netfiles_make_vault({"people/Ana.md": f"---\nname: Ana\n\n{field}: {value}\n---\n"})
    result = run_cli(v, "check")
    assert result.exit_code == 1
    assert where(result, "NF202") == ["people/Ana.md:4:1"]


def test_nf202_valid_dates_are_fine(netfiles_make_vault):
    v = netfiles_make_vault({"people/Ana.md": "---\nmet: 2024-05-16\nbirthday: --02-29\nsnooze_until: '2026-12-01'\n---\n"})
    assert check_diagnostics(v) == []


def test_nf202_note_date(netfiles_make_vault):
    v = netfiles_make_vault({"notes/meeting.md": "---\ntitle: x\ndate: 2026-04-31\n---\n"})
    result = run_cli(v, "check")
    assert where(result, "NF202") == ["notes/meeting.md:3:1"]


def test_nf203_invalid_email_at_the_value(netfiles_make_vault):
    text = "---\nname: Ana\nemails: [ana@example.org, not-an-email]\n---\n"
    v = netfiles_make_vault({"people/Ana.md": text})
    result = run_cli(v, "check")
    assert result.exit_code == 1
    col = text.splitlines()[2].index("not-an-email") + 1
    assert where(result, "NF203") == [f"people/Ana.md:3:{col}"]


def test_nf204_invalid_cadence(netfiles_make_vault):
    v = netfiles_make_vault({"people/Ana.md": "---\nname: Ana\ncadence: sometimes\n---\n",
                             "people/Bo.md": "---\ncadence: 0d\n---\n",
                             "people/Cy.md": "---\ncadence: fortnightly\n---\n",
                             "people/Di.md": "---\ncadence: never\n---\n"})
    result = run_cli(v, "check")
    assert where(result, "NF204") == ["people/Ana.md:3:1", "people/Bo.md:2:1"]


@pytest.mark.parametrize("value", ["0", "6", "4.5", '"4"', "true"])
def test_nf205_strength_out_of_range_or_not_an_integer(netfiles_make_vault, value):
    v = netfiles_make_vault({"people/Ana.md": f"---\nname: Ana\nstrength: {value}\n---\n"})
    result = run_cli(v, "check")
    assert result.exit_code == 1
    assert where(result, "NF205") == ["people/Ana.md:3:1"]


def test_nf301_broken_links_in_knows_and_introduced_by(netfiles_make_vault):
    text = '---\nname: Ana\nknows: ["[[Bo]]", "[[Nobody|N]]"]\nintroduced_by: "[[Ghost#x]]"\n---\n[[Also Nobody]] in the body is fine\n'
    v = netfiles_make_vault({"people/Ana.md": text, "people/Bo.md": ""})
    result = run_cli(v, "check")
    assert result.exit_code == 1
    lines = text.splitlines()
    assert where(result, "NF301") == [f"people/Ana.md:3:{lines[2].index('[[Nobody') + 1}",
                                      f"people/Ana.md:4:{lines[3].index('[[Ghost') + 1}"]
    assert "[[Nobody]]" in result.stdout and "[[Ghost]]" in result.stdout


def test_nf301_block_style_list(netfiles_make_vault):
    v = netfiles_make_vault({"people/Ana.md": '---\nknows:\n  - "[[Bo]]"\n  - "[[Nobody]]"\n---\n', "people/Bo.md": ""})
    assert where(run_cli(v, "check"), "NF301") == ["people/Ana.md:4:6"]


def test_nf302_same_email_in_two_files_is_reported_in_both(netfiles_make_vault):
    v = netfiles_make_vault({"people/Ana.md": "---\nemails: [ana@example.org]\n---\n",
                             "people/Ana S.md": "---\nname: Ana S\nemails: [other@x.org, ANA@Example.org]\n---\n"})
    result = run_cli(v, "check")
    assert result.exit_code == 1
    assert where(result, "NF302") == ["people/Ana S.md:3:23", "people/Ana.md:2:10"]
    assert "people/Ana.md" in lines_of(result, "NF302")[0] and "people/Ana S.md" in lines_of(result, "NF302")[1]


@pytest.mark.parametrize("other", ["linkedin.com/in/ana-souza", "https://www.LinkedIn.com/in/Ana-Souza/",
                                   "http://linkedin.com/in/ana-souza?trk=profile", "https://linkedin.com/in/ana-souza/#about"])
def test_nf302_same_linkedin_after_normalising(netfiles_make_vault, other):
    v = netfiles_make_vault({"people/Ana.md": "---\nlinkedin: https://www.linkedin.com/in/ana-souza\n---\n",
                             "people/Twin.md": f"---\nname: Twin\nlinkedin: {other}\n---\n"})
    result = run_cli(v, "check")
    assert result.exit_code == 1
    assert where(result, "NF302") == ["people/Ana.md:2:11", "people/Twin.md:3:11"]


def test_nf302_different_profiles_are_not_duplicates(netfiles_make_vault):
    v = netfiles_make_vault({"people/Ana.md": "---\nlinkedin: https://www.linkedin.com/in/ana-souza\nemails: [a@x.org]\n---\n",
                             "people/Bo.md": "---\nlinkedin: https://www.linkedin.com/in/ana-souza-2\nemails: [a@y.org]\n---\n"})
    assert check_diagnostics(v) == []


def test_nf303_ambiguous_link_is_a_warning_and_exit_zero(netfiles_make_vault):
    v = netfiles_make_vault({"people/work/Sam.md": "---\nname: Sam Lee\n---\n",
                             "people/Samuel.md": "---\naliases: [Sam]\n---\n",
                             "people/Ana.md": '---\nknows: ["[[Sam]]", "[[work/Sam]]"]\n---\n'})
    result = run_cli(v, "check")
    assert result.exit_code == 0, result.output
    assert where(result, "NF303") == ["people/Ana.md:2:10"]
    assert "people/Samuel.md" in result.stdout and "people/work/Sam.md" in result.stdout
    data = json.loads(run_cli(v, "check", "--format", "json").stdout)
    assert {d["severity"] for d in data["diagnostics"] if d["code"] == "NF303"} == {"warning"}


def test_nf304_log_items_without_a_valid_date(netfiles_make_vault):
    v = netfiles_make_vault({"people/Ana.md": """\
        ---
        name: Ana
        ---
        # Ana

        - not in the log, so not an interaction

        ## Log
        - 2026-02-30 call: no such day
        - called her about the job
        * 2026-01-05 coffee: fine
          - a detail of the coffee, not an item of its own
        -   2025-12-01

        ## Notes
        - 2026-99-99 outside the log again
        """})
    result = run_cli(v, "check")
    assert result.exit_code == 1
    assert where(result, "NF304") == ["people/Ana.md:9:3", "people/Ana.md:10:3"]
    assert "'2026-02-30'" in lines_of(result, "NF304")[0]


def test_nf001_a_plugin_that_raises_becomes_a_diagnostic(netfiles_make_vault):
    class Broken:
        @netfiles.hookimpl
        def netfiles_check_contact(self, contact):
            raise RuntimeError("boom")

    v = netfiles_make_vault({"people/Ana.md": "---\nname: Ana\n---\n", "people/Bo.md": "---\nstrength: 9\n---\n"})
    pm = netfiles.get_plugin_manager(v)
    pm.register(Broken(), name="broken")
    result = run_cli(v, "check", pm=pm, catch_exceptions=True)
    assert result.exit_code == 1
    assert where(result, "NF001") == ["people/Ana.md:0:0", "people/Bo.md:0:0"]
    assert "'broken'" in result.stdout and "RuntimeError: boom" in result.stdout
    assert where(result, "NF205") == ["people/Bo.md:2:1"]  # the check went on without it


def test_clean_vault_exit_zero_and_summary(netfiles_make_vault):
    v = netfiles_make_vault({"people/Ana.md": '---\nname: Ana\nknows: ["[[Bo]]"]\n---\n', "people/Bo.md": ""})
    result = run_cli(v, "check")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "All good: 2 files checked." in result.stderr


def test_summary_counts(netfiles_make_vault):
    v = netfiles_make_vault({"people/Ana.md": "---\nstrength: 9\n---\n"})
    result = run_cli(v, "check")
    assert "Found 1 error and 0 warnings in 1 file checked." in result.stderr


# Output formats and selection ----------------------------------------------------------------------

@pytest.fixture
def messy(netfiles_make_vault):
    return netfiles_make_vault({"people/Ana.md": '---\nstrength: 9\nknows: ["[[Sam]]", "[[Nobody]]"]\n---\n',
                                "people/work/Sam.md": "", "people/Samuel.md": "---\naliases: [Sam]\n---\n"})


def test_json_shape_is_exactly_as_documented(messy):
    result = run_cli(messy, "check", "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert list(data) == ["diagnostics"]
    assert {d["code"] for d in data["diagnostics"]} >= {"NF205", "NF301", "NF303"}
    for d in data["diagnostics"]:
        assert set(d) == {"path", "line", "col", "code", "severity", "message"}
        assert d["severity"] in ("error", "warning")
        assert isinstance(d["line"], int) and isinstance(d["col"], int)


def test_github_format(messy):
    result = run_cli(messy, "check", "--format", "github", "--select", "NF")
    assert result.exit_code == 1
    out = result.stdout.splitlines()
    assert out[0].startswith("::error file=people/Ana.md,line=2,col=1,title=NF205::strength must be")
    assert any(line.startswith("::warning file=people/Ana.md,line=3,") and "title=NF303" in line for line in out)


def test_github_format_escapes_commas_and_colons_in_paths(netfiles_make_vault):
    v = netfiles_make_vault({"people/Souza, Ana: 2.md": "---\nstrength: 9\n---\n"})
    result = run_cli(v, "check", "--format", "github", "--select", "NF")
    assert result.stdout.startswith("::error file=people/Souza%2C Ana%3A 2.md,line=2,col=1,title=NF205::")


def test_select_and_ignore(messy):
    result = run_cli(messy, "check", "--select", "NF3", "--ignore", "NF303")
    assert result.exit_code == 1
    codes = [line.split()[1] for line in result.stdout.splitlines()]
    assert codes == ["NF301"]
    only_warning = run_cli(messy, "check", "--select", "NF303")
    assert only_warning.exit_code == 0
    assert [line.split()[1] for line in only_warning.stdout.splitlines()] == ["NF303"]
    combined = run_cli(messy, "check", "--select", "NF205,NF301")
    assert sorted(line.split()[1] for line in combined.stdout.splitlines()) == ["NF205", "NF301"]


def test_exit_zero(messy):
    result = run_cli(messy, "check", "--exit-zero")
    assert result.exit_code == 0
    assert " NF205 " in result.stdout


def test_exit_status_of_the_real_command(netfiles_make_vault):
    v = netfiles_make_vault({"people/Ana.md": "---\nname: Ana\n---\n"})
    clean = subprocess.run(["netfiles", "check"], cwd=v, capture_output=True, text=True, timeout=60)
    assert (clean.returncode, clean.stdout) == (0, "")
    (v / "people/Bo.md").write_text("---\nstrength: 0\n---\n")
    dirty = subprocess.run(["netfiles", "check", "--select", "NF"], cwd=v, capture_output=True, text=True, timeout=60)
    assert dirty.returncode == 1
    assert dirty.stdout == "people/Bo.md:2:1: NF205 strength must be an integer from 1 to 5, not 0\n"
    usage = subprocess.run(["netfiles", "check", "--format", "xml"], cwd=v, capture_output=True, text=True, timeout=60)
    assert usage.returncode == 2

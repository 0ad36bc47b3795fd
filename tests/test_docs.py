"""The documentation a user meets: every link resolves inside the repository, and help points at shipped docs."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from netfiles.cli.main import create_cli

REPO = Path(__file__).resolve().parents[1]
PAGES = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
LINK = re.compile(r"(?<!\!)\[[^\]\n]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")


def relative_links(page: Path) -> list[str]:
    """Markdown links of a page that point at files (not web pages, not anchors within the page)."""
    text = re.sub(r"```.*?```", "", page.read_text(encoding="utf-8"), flags=re.S)  # code blocks are examples
    return [t for t in LINK.findall(text) if not re.match(r"^[a-z][a-z0-9+.-]*:", t) and not t.startswith("#")]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_link_resolves_inside_the_repository(page):
    links = relative_links(page)
    for target in links:
        path = (page.parent / target.split("#", 1)[0]).resolve()
        assert path.is_relative_to(REPO), f"{page.name} links outside the repository: {target}"
        assert path.exists(), f"{page.name} links to a missing file: {target}"


def test_the_link_check_sees_links():
    """The pattern finds the README's links to docs (a check that finds nothing would pass anything)."""
    targets = relative_links(REPO / "README.md")
    assert "docs/format.md" in targets and len(targets) >= 5


def test_readme_links_the_format_spec_and_not_a_path_outside():
    text = (REPO / "README.md").read_text(encoding="utf-8")
    assert "(docs/format.md)" in text
    assert "../shared" not in text and "FORMAT.md" not in text


def _all_commands(group, prefix=()):
    for name, command in sorted(group.commands.items()):
        yield (*prefix, name), command
        if hasattr(command, "commands"):
            yield from _all_commands(command, (*prefix, name))


def test_help_points_to_shipped_docs_not_to_repository_files(tmp_path):
    cli = create_cli()
    runner = CliRunner()
    seen = 0
    for argv, _ in _all_commands(cli):
        result = runner.invoke(cli, [*argv, "--help"])
        assert result.exit_code == 0, (argv, result.output)
        assert "FORMAT.md" not in result.output and "docs/" not in result.output, (argv, result.output)
        seen += 1
    assert seen >= 10
    main_help = runner.invoke(cli, ["--help"]).output
    assert "netfiles help format" in main_help


def test_help_topics_print_the_shipped_pages():
    runner = CliRunner()
    cli = create_cli()
    listing = runner.invoke(cli, ["help"])
    assert listing.exit_code == 0 and "format" in listing.output and "health" in listing.output
    page = runner.invoke(cli, ["help", "format"])
    assert page.exit_code == 0
    assert page.output == (REPO / "docs" / "format.md").read_text(encoding="utf-8")
    missing = runner.invoke(cli, ["help", "no-such-topic"])
    assert missing.exit_code == 2 and "format" in missing.output


def test_format_spec_lists_every_core_diagnostic_code():
    from netfiles.model.diagnostics import CORE_CODES

    spec = (REPO / "docs" / "format.md").read_text(encoding="utf-8")
    for code in CORE_CODES:
        assert f"| {code} |" in spec, f"docs/format.md does not document {code}"


def test_config_template_points_to_the_format_help():
    from netfiles.writing.scaffold import CONFIG_TEMPLATE

    assert "netfiles help format" in CONFIG_TEMPLATE and "github.com/ (" not in CONFIG_TEMPLATE


def _quick_start_commands() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    block = text.split("## Quick start", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    return [line for line in block.splitlines() if line.strip() and not line.startswith("#")]


def test_ci_runs_exactly_the_quick_start_test_command():
    install_and_run, test = _quick_start_commands()
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert test in ci
    assert "--run-slow" in test.split()  # CI and "the whole test suite" include the tests marked slow
    assert "python3 -m venv .venv" in install_and_run  # PEP 668: never pip into the system Python


def test_quick_start_main_job_works_as_written(tmp_path):
    """Command 1 after its install step, with the netfiles of this environment standing in for .venv/bin."""
    import shutil
    import subprocess

    install_and_run, _ = _quick_start_commands()
    steps = install_and_run.split(" && ")
    runs = [s for s in steps if s.startswith(".venv/bin/netfiles ")]
    assert len(runs) == 2 and all("sample-vault" in s for s in runs)
    shutil.copytree(REPO / "sample-vault", tmp_path / "sample-vault", ignore=shutil.ignore_patterns("cache"))
    for step in runs:
        argv = ["netfiles", *step.split()[1:]]
        done = subprocess.run(argv, cwd=tmp_path, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, (step, done.stdout, done.stderr)
        assert "Traceback" not in done.stderr


def test_api_reference_is_generated_from_the_current_code():
    import runpy

    render = runpy.run_path(str(REPO / "docs" / "gen_api.py"))["render"]
    current = (REPO / "docs" / "api.md").read_text(encoding="utf-8")
    assert current == render(), "docs/api.md is stale: run `python3 docs/gen_api.py > docs/api.md`"
    import netfiles

    for name in ("Contact", "Vault", "Diagnostic", "FieldSpec", "set_missing_fields", "netfiles_vault"):
        assert f"### `{name}" in current
    assert all(f"`{name}" in current for name in netfiles.__all__ if name != "__version__")

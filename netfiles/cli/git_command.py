"""`netfiles git setup` and `netfiles merge-file`: contact files merged by meaning when clones meet."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import click

from .app import NetfilesError, UsageProblem, pass_app

DRIVER = "netfiles merge-file %O %A %B %P"
DRIVER_NAME = "netfiles: merge contact files by meaning"
ATTRIBUTES_HEADER = "# netfiles: merge contact files by meaning (netfiles git setup; netfiles help git)"


def register(cli: click.Group) -> None:
    cli.add_command(git_group)
    cli.add_command(merge_file)


@click.group(name="git")
def git_group():
    """Git integration: the merge driver that merges contact files by meaning.

    \b
    Examples:
      netfiles git setup        once per clone (laptop, desktop, each teammate)
    """


@git_group.command(name="setup")
@click.option("--attributes-only", is_flag=True, help="Write .gitattributes only (e.g. for a repository you share).")
@pass_app
def setup(app, attributes_only):
    """Assign the netfiles merge driver to the people folders, and register it in this clone.

    Writes lines to .gitattributes at the repository root (commit them: they
    travel with the repository) and runs `git config merge.netfiles.driver`
    and `merge.netfiles.name` in this clone. Git keeps that configuration per
    clone and never copies it: run `netfiles git setup` once in each clone, or
    git silently falls back to its line-by-line merge (`netfiles check` warns).

    \b
    Example:
      netfiles git setup && git add .gitattributes && git commit -m "netfiles merge driver"
    """
    from ..writing.writes import write_atomic

    vault = app.vault
    repo = git_root(vault.root)
    if repo is None:
        raise UsageProblem(f"{vault.root} is not in a git repository; run `git init` first")
    attributes = repo / ".gitattributes"
    existing = attributes.read_text(encoding="utf-8") if attributes.exists() else ""
    wanted = attribute_lines(vault.root, repo, vault.config.people)
    missing = [line for line in wanted if line not in existing.splitlines()]
    if missing:
        text = existing + ("" if not existing or existing.endswith("\n") else "\n")
        text += "\n".join([ATTRIBUTES_HEADER] * (ATTRIBUTES_HEADER not in existing) + missing) + "\n"
        write_atomic(attributes, text.encode("utf-8"), create=not attributes.exists())
        click.echo(f"{attributes.relative_to(repo)}: added {', '.join(missing)} (commit this file)")
    else:
        click.echo(".gitattributes already assigns the netfiles merge driver to the people folders")
    if attributes_only:
        return
    for key, value in (("merge.netfiles.name", DRIVER_NAME), ("merge.netfiles.driver", DRIVER)):
        done = subprocess.run(["git", "config", key, value], cwd=repo, capture_output=True, text=True)
        if done.returncode != 0:
            raise NetfilesError(f"git config {key} failed: {done.stderr.strip()}")
    click.echo("this clone: merge.netfiles.driver set. Git keeps this per clone: run `netfiles git setup` "
               "once in every other clone too.")


@click.command(name="merge-file", context_settings={"ignore_unknown_options": True})
@click.argument("base", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("ours", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("theirs", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("path", required=False, default="")
def merge_file(base: Path, ours: Path, theirs: Path, path: str):
    """Git's merge driver: merge BASE, OURS and THEIRS of one contact file into OURS.

    Git runs it as `netfiles merge-file %O %A %B %P` (see `netfiles git setup`).
    Front matter merges key by key, list fields as sets, the log as a set of
    lines in date order, the rest of the body like git does. What truly
    conflicts gets standard conflict markers and exit status 1, so git reports
    a conflict as usual and nothing is lost.
    """
    from ..writing.gitmerge import merge_contact

    try:
        result = merge_contact(base.read_bytes(), ours.read_bytes(), theirs.read_bytes())
    except OSError as exc:
        raise UsageProblem(f"cannot read a version of {path or ours}: {exc.strerror or exc}") from None
    ours.write_bytes(result.text)
    if result.conflicts:
        what = ", ".join(result.conflicts)
        click.echo(f"netfiles merge-file: {path or ours}: conflict in {what}; resolve the marked lines", err=True)
        sys.exit(1)


def attribute_lines(vault_root: Path, repo: Path, people: list[str]) -> list[str]:
    """`.gitattributes` lines giving every people folder's Markdown files the netfiles driver."""
    prefix = Path(vault_root).resolve().relative_to(Path(repo).resolve()).as_posix()
    lines = []
    for folder in people or ["people"]:
        rel = "/".join(p for p in (prefix, folder.strip("/")) if p and p != ".")
        lines.append(f"{rel + '/' if rel else ''}**/*.md merge=netfiles")
    return lines


def git_root(folder: Path) -> Path | None:
    """The root of the git repository holding `folder`, or None (no git, or not a repository)."""
    try:
        done = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=folder, capture_output=True, text=True,
                              timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    return Path(done.stdout.strip()) if done.returncode == 0 and done.stdout.strip() else None


def driver_configured(repo: Path) -> bool:
    """Whether this clone has `merge.netfiles.driver` (git falls back to a text merge without it)."""
    done = subprocess.run(["git", "config", "--get", "merge.netfiles.driver"], cwd=repo, capture_output=True,
                          text=True, timeout=10)
    return done.returncode == 0 and bool(done.stdout.strip())

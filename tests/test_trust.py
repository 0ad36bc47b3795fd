"""A vault's own plugins (.netfiles/plugins/*.py) run only once allowed on this machine, and again after each change.

Every test points NETFILES_TRUST_FILE into tmp_path (the netfiles_vault
fixture does it for in-process runs, run_netfiles for subprocesses), so the
user's own ~/.config is never read or written.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from netfiles.plugin_api import trust

HELLO_LOCAL = textwrap.dedent('''\
    """A vault plugin: `netfiles hello-local` and the rule LOC001 (contacts without tags)."""
    import netfiles


    @netfiles.hookimpl
    def netfiles_register_commands(cli):
        import click

        @cli.command(name="hello-local")
        @netfiles.pass_app
        def hello_local(app):
            """Say hello from the vault."""
            click.echo(f"hello from the vault, {len(app.vault.contacts)} contacts")


    @netfiles.hookimpl
    def netfiles_check_contact(contact):
        if not contact.tags:
            return [netfiles.Diagnostic(contact.path, 1, 1, "LOC001", netfiles.WARNING, "no tags")]
        return []
    ''')


def make_vault(vault):
    vault.add_contact("Ana Souza", tags=["mentor"])
    vault.add_contact("Bo Chen")
    vault.add_plugin("hello_local", HELLO_LOCAL)
    return vault


def plugin_row(netfiles_cli, name="hello_local") -> dict:
    result = netfiles_cli("plugins", "--format", "json")
    assert result.exit_code == 0, result.output
    return {r["name"]: r for r in json.loads(result.stdout)["plugins"]}[name]


def local_codes(netfiles_cli) -> list[tuple[str, str]]:
    result = netfiles_cli("check", "--format", "json", "--select", "LOC")
    assert result.exit_code == 0, result.output
    return [(d["path"], d["code"]) for d in json.loads(result.stdout)["diagnostics"]]


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and "cache" not in p.relative_to(folder).parts}


def test_untrusted_then_allowed_then_changed_then_allowed_again(netfiles_vault, netfiles_cli, tmp_path):
    make_vault(netfiles_vault)
    trust_file = tmp_path / "netfiles-trust.json"

    # 1. not allowed yet: it does not run, and stderr says how to allow it
    refused = netfiles_cli("hello-local")
    assert refused.exit_code == 2
    assert "No such command 'hello-local'" in refused.stderr
    assert "vault plugin .netfiles/plugins/hello_local.py is not allowed on this machine yet" in refused.stderr
    assert "run `netfiles trust`" in refused.stderr
    assert local_codes(netfiles_cli) == []
    checked = netfiles_cli("check")
    assert "is not allowed on this machine yet" in checked.stderr
    row = plugin_row(netfiles_cli)
    assert (row["source"], row["status"], row["location"], row["hooks"]) == (
        "vault", "untrusted", ".netfiles/plugins/hello_local.py", [])

    # 2. `netfiles trust` shows the file and, without a terminal to ask on, allows nothing without --yes
    shown = netfiles_cli("trust")
    assert shown.exit_code == 1
    assert ".netfiles/plugins/hello_local.py  [unknown]  sha256 " in shown.stdout
    assert "netfiles trust --yes" in shown.stderr
    assert not trust_file.exists()

    before = files_of(netfiles_vault.path)
    allowed = netfiles_cli("trust", "--yes")
    assert allowed.exit_code == 0, allowed.output
    assert "Allowed 1 plugin file on this machine." in allowed.stdout
    # the record lives outside the vault, keyed by the file's content hash; the vault is untouched
    assert files_of(netfiles_vault.path) == before
    plugin_path = netfiles_vault.path / ".netfiles/plugins/hello_local.py"
    assert json.loads(trust_file.read_text()) == {str(plugin_path.resolve()): trust.file_hash(plugin_path)}

    # 3. allowed: the command and the rule exist
    ran = netfiles_cli("hello-local")
    assert ran.exit_code == 0, ran.output
    assert ran.stdout == "hello from the vault, 2 contacts\n"
    assert "note:" not in ran.stderr
    assert local_codes(netfiles_cli) == [("people/Bo Chen.md", "LOC001")]
    row = plugin_row(netfiles_cli)
    assert (row["status"], row["hooks"]) == ("loaded", ["netfiles_check_contact", "netfiles_register_commands"])
    assert "[allowed]" in netfiles_cli("trust").stdout

    # 4. edited (say by a `git pull`): refused again, with a message saying to run `netfiles trust` again
    netfiles_vault.add_plugin("hello_local", HELLO_LOCAL.replace("hello from the vault", "pwned"))
    changed = netfiles_cli("hello-local")
    assert changed.exit_code == 2
    assert "vault plugin .netfiles/plugins/hello_local.py changed since you allowed it" in changed.stderr
    assert "run `netfiles trust` again" in changed.stderr
    assert "pwned" not in changed.output
    assert local_codes(netfiles_cli) == []
    assert plugin_row(netfiles_cli)["status"] == "changed"
    assert "[changed]" in netfiles_cli("trust").stdout

    # 5. allowed again: the new version runs
    assert netfiles_cli("trust", "--yes").exit_code == 0
    assert netfiles_cli("hello-local").stdout == "pwned, 2 contacts\n"

    # 6. revoked: refused once more
    revoked = netfiles_cli("trust", "--revoke")
    assert "Permission withdrawn" in revoked.stdout
    assert plugin_row(netfiles_cli)["status"] == "untrusted"
    assert netfiles_cli("hello-local").exit_code == 2


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal (POSIX)")
def test_trust_on_a_terminal_shows_each_file_and_asks(netfiles_vault, tmp_path):
    """On a terminal, `netfiles trust` prints each pending file and asks; "n" allows nothing, "y" allows."""
    make_vault(netfiles_vault)
    env = {k: v for k, v in os.environ.items() if k not in ("NETFILES_VAULT", "NETFILES_DEBUG")}
    env["NETFILES_TRUST_FILE"] = str(tmp_path / "tty-trust.json")

    def answer(reply: str) -> subprocess.CompletedProcess:
        primary, secondary = os.openpty()  # stdin is a terminal, as when a person runs it
        try:
            os.write(primary, reply.encode() + b"\n")
            return subprocess.run([sys.executable, "-m", "netfiles", "trust"], cwd=netfiles_vault.path, env=env,
                                  stdin=secondary, capture_output=True, text=True, timeout=60)
        finally:
            os.close(primary)
            os.close(secondary)

    declined = answer("n")
    assert "--- hello_local.py ---" in declined.stdout and "def hello_local(app):" in declined.stdout
    assert "Allow these plugins to run on this machine?" in declined.stdout
    assert declined.returncode == 1
    assert "nothing allowed" in declined.stderr
    assert not (tmp_path / "tty-trust.json").exists()
    accepted = answer("y")
    assert accepted.returncode == 0, accepted.stderr
    assert "Allowed 1 plugin file on this machine." in accepted.stdout
    plugin = netfiles_vault.path / ".netfiles/plugins/hello_local.py"
    assert trust.status(plugin) == "unknown"  # this test's own record is a different file
    assert json.loads((tmp_path / "tty-trust.json").read_text()) == {str(plugin.resolve()): trust.file_hash(plugin)}


def test_vault_plugin_in_the_real_command(netfiles_vault, tmp_path):
    make_vault(netfiles_vault)
    env = {k: v for k, v in os.environ.items() if k not in ("NETFILES_VAULT", "NETFILES_DEBUG")}
    env["NETFILES_TRUST_FILE"] = str(tmp_path / "real-trust.json")

    def run(*args):
        return subprocess.run([sys.executable, "-m", "netfiles", *args], cwd=netfiles_vault.path, env=env,
                              capture_output=True, text=True, stdin=subprocess.DEVNULL)

    before = run("hello-local")
    assert before.returncode == 2
    assert "is not allowed on this machine yet" in before.stderr
    assert run("trust", "--yes").returncode == 0
    after = run("hello-local")
    assert after.returncode == 0, after.stderr
    assert after.stdout == "hello from the vault, 2 contacts\n"
    check = run("check", "--select", "LOC")
    assert check.stdout == "people/Bo Chen.md:1:1: LOC001 no tags\n"
    (netfiles_vault.path / ".netfiles/plugins/hello_local.py").write_text(HELLO_LOCAL + "\n# one more line\n")
    edited = run("hello-local")
    assert edited.returncode == 2
    assert "changed since you allowed it" in edited.stderr and "run `netfiles trust` again" in edited.stderr


def test_disabled_vault_plugin_does_not_run_even_when_allowed(netfiles_vault, netfiles_cli):
    make_vault(netfiles_vault)
    netfiles_vault.allow_plugins()
    netfiles_vault.config(plugins={"disabled": ["hello_local"]})
    assert netfiles_cli("hello-local").exit_code == 2
    assert local_codes(netfiles_cli) == []
    row = plugin_row(netfiles_cli)
    assert (row["status"], row["hooks"]) == ("disabled", [])


def test_allowed_vault_plugin_that_fails_becomes_nf001(netfiles_vault, netfiles_cli):
    netfiles_vault.add_contact("Bo Chen")
    netfiles_vault.add_plugin("shaky", "import netfiles\nraise SystemExit('shaky needs configuration')\n")
    netfiles_vault.add_plugin("hello_local", HELLO_LOCAL)
    netfiles_vault.allow_plugins()

    result = netfiles_cli("check", "--format", "json")
    assert result.exit_code == 1
    diags = json.loads(result.stdout)["diagnostics"]
    crash = [d for d in diags if d["code"] == "NF001"]
    assert [(d["path"], d["message"].split(":")[0]) for d in crash] == [
        (".netfiles/plugins/shaky.py", "plugin 'shaky' failed in loading")]
    assert "shaky needs configuration" in crash[0]["message"]
    assert ("people/Bo Chen.md", "LOC001") in [(d["path"], d["code"]) for d in diags]  # its neighbour still runs
    assert netfiles_cli("hello-local").exit_code == 0
    assert plugin_row(netfiles_cli, "shaky")["status"] == "failed"


def test_a_vault_plugin_cannot_replace_an_installed_one(netfiles_vault, netfiles_cli):
    netfiles_vault.add_plugin("reminders", "import netfiles\n")
    netfiles_vault.allow_plugins()
    listed = json.loads(netfiles_cli("plugins", "--format", "json").stdout)["plugins"]
    rows = [r for r in listed if r["name"] == "reminders"]
    assert [(r["source"], r["status"]) for r in rows] == [("bundled", "loaded"), ("vault", "failed")]
    assert rows[0]["hooks"] and rows[1]["hooks"] == []  # the bundled plugin's hooks are not the vault file's
    assert "another plugin is already named 'reminders' (bundled netfiles_reminders)" in rows[1]["message"]
    assert netfiles_cli("due", "--help").exit_code == 0
    check = netfiles_cli("check", "--select", "NF001")
    assert check.stdout.startswith(".netfiles/plugins/reminders.py:0:0: NF001 plugin 'reminders' not loaded: another")


def test_vault_without_plugins(netfiles_vault, netfiles_cli):
    result = netfiles_cli("trust")
    assert result.exit_code == 0
    assert "no plugins of its own" in result.stdout


# the trust record itself ------------------------------------------------------------------------------

def test_trust_record_states(tmp_path, monkeypatch):
    monkeypatch.setenv("NETFILES_TRUST_FILE", str(tmp_path / "deep" / "trust.json"))
    plugin = tmp_path / "p.py"
    plugin.write_text("x = 1\n")
    assert trust.status(plugin) == "unknown"
    trust.allow([plugin])
    assert trust.status(plugin) == "allowed"
    # what is checked is exactly what runs: bytes read once, hashed and executed
    assert trust.status(plugin, b"x = 1\n") == "allowed"
    assert trust.status(plugin, b"x = 2\n") == "changed"
    plugin.write_text("x = 2\n")
    assert trust.status(plugin) == "changed"
    trust.revoke([plugin])
    assert trust.status(plugin) == "unknown"
    assert [p.name for p in (tmp_path / "deep").iterdir()] == ["trust.json"]  # no temporary file left behind


def test_trust_file_location(tmp_path, monkeypatch):
    monkeypatch.delenv("NETFILES_TRUST_FILE", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    assert trust.trust_file() == tmp_path / "xdg" / "netfiles" / "trust.json"
    monkeypatch.setenv("NETFILES_TRUST_FILE", str(tmp_path / "t.json"))
    assert trust.trust_file() == tmp_path / "t.json"


def test_unreadable_trust_record_allows_nothing(tmp_path, monkeypatch):
    record = tmp_path / "trust.json"
    monkeypatch.setenv("NETFILES_TRUST_FILE", str(record))
    plugin = tmp_path / "p.py"
    plugin.write_text("x = 1\n")
    for junk in ("{not json", "[1, 2]", ""):
        record.write_text(junk)
        assert trust.status(plugin) == "unknown"
    trust.allow([plugin])  # a broken record is replaced, not a crash
    assert trust.status(plugin) == "allowed"

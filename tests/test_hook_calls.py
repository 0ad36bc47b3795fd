"""Hooks are plain pluggy calls: plugins may wrap them (`wrapper=True`), trace them and declare `firstresult`
specs, and a plugin that raises still becomes NF001 while the other plugins' results arrive."""
from __future__ import annotations

import json

import pluggy

import netfiles
from netfiles.plugin_api.plugins import call_hook


def check_json(netfiles_cli, *args):
    result = netfiles_cli("check", "--format", "json", *args)
    return result, json.loads(result.stdout)["diagnostics"]


def two_contacts(vault):
    vault.add_contact("Ana Souza", emails=["ana@example.org"])
    vault.add_contact("Bo Chen", emails=["bo@example.org"])


class Rule:
    @netfiles.hookimpl
    def netfiles_check_contact(self, contact):
        return [netfiles.Diagnostic(contact.path, 1, 1, "RULE001", netfiles.WARNING, f"{contact.name} seen")]


class Crash:
    @netfiles.hookimpl
    def netfiles_check_contact(self, contact):
        raise KeyError("no such field")


class Downgrade:
    """A wrapper around every other plugin's rule: it sees their results and rewrites them."""

    @netfiles.hookimpl(wrapper=True)
    def netfiles_check_contact(self, contact):
        results = yield
        return [[netfiles.Diagnostic(d.path, d.line, d.col, "WRAP" + d.code[-3:], netfiles.WARNING,
                                     f"{d.message} (wrapped)") for d in result] for result in results]


class BrokenWrapper:
    @netfiles.hookimpl(wrapper=True)
    def netfiles_check_contact(self, contact):
        yield
        raise RuntimeError("wrapper broke after the call")


def test_a_wrapper_hook_works_and_is_no_plugin_failure(netfiles_vault, netfiles_pm, netfiles_cli):
    two_contacts(netfiles_vault)
    netfiles_pm.register(Rule(), name="rule")
    netfiles_pm.register(Downgrade(), name="downgrade")
    result, diags = check_json(netfiles_cli)
    assert result.exit_code == 0
    assert not [d for d in diags if d["code"] == "NF001"]
    assert sorted((d["path"], d["code"], d["message"]) for d in diags if d["code"] != "NF103") == [
        ("people/Ana Souza.md", "WRAP001", "Ana Souza seen (wrapped)"),
        ("people/Bo Chen.md", "WRAP001", "Bo Chen seen (wrapped)")]


def test_a_crash_next_to_a_wrapper_is_nf001_and_the_others_results_still_arrive(netfiles_vault, netfiles_pm,
                                                                                 netfiles_cli):
    two_contacts(netfiles_vault)
    netfiles_pm.register(Rule(), name="rule")
    netfiles_pm.register(Crash(), name="crash")
    netfiles_pm.register(Downgrade(), name="downgrade")
    result, diags = check_json(netfiles_cli)
    assert result.exit_code == 1
    crashes = [d for d in diags if d["code"] == "NF001"]
    assert [(d["path"], d["message"].split(":")[0]) for d in crashes] == [
        ("people/Ana Souza.md", "plugin 'crash' failed in netfiles_check_contact"),
        ("people/Bo Chen.md", "plugin 'crash' failed in netfiles_check_contact")]
    assert all("KeyError" in d["message"] for d in crashes)
    # the rule registered before the crashing plugin still ran, and the wrapper saw its results
    assert {d["path"] for d in diags if d["code"] == "WRAP001"} == {"people/Ana Souza.md", "people/Bo Chen.md"}


def test_a_wrapper_that_raises_is_nf001_naming_it_and_the_command_goes_on(netfiles_vault, netfiles_pm, netfiles_cli):
    two_contacts(netfiles_vault)
    netfiles_pm.register(Rule(), name="rule")
    netfiles_pm.register(BrokenWrapper(), name="brokenwrap")
    result, diags = check_json(netfiles_cli)
    assert result.exit_code == 1
    crashes = [d for d in diags if d["code"] == "NF001"]
    assert {d["path"] for d in crashes} == {"people/Ana Souza.md", "people/Bo Chen.md"}
    assert all(d["message"].startswith("plugin 'brokenwrap' failed in netfiles_check_contact: RuntimeError: wrapper "
                                       "broke") for d in crashes)
    assert "Traceback" not in result.output


def test_hook_calls_can_be_traced(netfiles_vault, netfiles_pm):
    two_contacts(netfiles_vault)
    netfiles_pm.register(Rule(), name="rule")
    seen = []
    netfiles_pm.add_hookcall_monitoring(lambda name, impls, kwargs: seen.append((name, kwargs["contact"].name))
                                        if name == "netfiles_check_contact" else None,
                                        lambda outcome, name, impls, kwargs: None)
    netfiles.check_vault(netfiles_vault.load(), netfiles_pm.pm)
    assert sorted(seen) == [("netfiles_check_contact", "Ana Souza"), ("netfiles_check_contact", "Bo Chen")]


class Specs:
    """A plugin's own hook, answered by the first implementation with an answer."""

    @pluggy.HookspecMarker("netfiles")(firstresult=True)
    def netfiles_example_greeting(self, who):
        """The greeting for `who`."""


class Greeter:
    @netfiles.hookimpl
    def netfiles_example_greeting(self, who):
        return f"hello {who}"


class CrashingGreeter:
    @netfiles.hookimpl
    def netfiles_example_greeting(self, who):
        raise ValueError("no greeting today")


def test_a_firstresult_hook_gives_one_answer_and_a_crash_passes_the_question_on():
    pm = netfiles.get_plugin_manager(None, load_entry_points=False)
    pm.add_hookspecs(Specs)
    pm.register(Greeter(), name="greeter")
    pm.register(CrashingGreeter(), name="crasher")  # registered last: asked first
    sink = []
    assert call_hook(pm, "netfiles_example_greeting", sink, path="people/Ana.md", who="Ana") == "hello Ana"
    assert [(d.path, d.code, d.message.split(":")[0]) for d in sink] == [
        ("people/Ana.md", "NF001", "plugin 'crasher' failed in netfiles_example_greeting")]
    # a direct pluggy call gives the same answer; the failure is kept on the manager, never raised
    assert pm.hook.netfiles_example_greeting(who="Bo") == "hello Bo"
    assert [d.message.split(":")[0] for d in pm.hook_diagnostics] == [
        "plugin 'crasher' failed in netfiles_example_greeting"]

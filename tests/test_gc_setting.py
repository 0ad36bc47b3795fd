"""The `netfiles` command runs short commands without the cyclic garbage collector, and leaves the setting alone for
anyone calling it in-process; `watch`, which runs for hours, keeps the collector on."""
from __future__ import annotations

import gc

import pytest

import netfiles
from netfiles.cli.main import _no_cyclic_collection


def test_main_called_in_process_gives_back_the_collector(netfiles_vault):
    netfiles_vault.add_contact("Ana Souza")
    assert gc.isenabled()
    with pytest.raises(SystemExit) as exited:
        netfiles.main(["--vault", str(netfiles_vault.path), "ls", "--format", "json"])
    assert exited.value.code == 0
    assert gc.isenabled()


def test_short_commands_run_without_the_collector_and_watch_with_it():
    with _no_cyclic_collection(["--vault", "v", "due"]):
        assert not gc.isenabled()
    assert gc.isenabled()
    with _no_cyclic_collection(["--vault", "v", "watch"]):
        assert gc.isenabled()


def test_a_caller_that_switched_the_collector_off_keeps_it_off():
    gc.disable()
    try:
        with _no_cyclic_collection(["watch"]):
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_script_leaves_the_collector_off_as_its_process_ends(netfiles_vault):
    """The `netfiles` script ends the process with the command: switching the collector back on would only make
    it walk every object once more. `watch` still runs with it."""
    netfiles_vault.add_contact("Ana Souza")
    try:
        with pytest.raises(SystemExit):
            netfiles.main(["--vault", str(netfiles_vault.path), "ls"], ending_process=True)
        assert not gc.isenabled()
    finally:
        gc.enable()
    with _no_cyclic_collection(["watch"], restore=False):
        assert gc.isenabled()

"""The contract between the core and plugins: a public API that resolves, documented hooks, no private imports."""
from __future__ import annotations

import ast
import inspect
from pathlib import Path

import pytest

import netfiles
from netfiles import hookspecs

PLUGINS = Path(__file__).resolve().parents[1] / "plugins"


@pytest.mark.parametrize("name", netfiles.__all__)
def test_every_public_name_resolves(name):
    assert getattr(netfiles, name) is not None


def test_unknown_names_are_an_attribute_error():
    with pytest.raises(AttributeError):
        netfiles.no_such_thing  # noqa: B018


def test_every_hook_is_documented_and_uses_the_netfiles_prefix():
    specs = [f for name, f in inspect.getmembers(hookspecs, inspect.isfunction) if name.startswith("netfiles_")]
    assert len(specs) >= 7
    for spec in specs:
        assert spec.__doc__ and len(spec.__doc__.strip()) > 40, f"{spec.__name__} needs a docstring"


def test_bundled_plugins_import_only_public_names_of_netfiles():
    offences = []
    for path in sorted(PLUGINS.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "netfiles":
                if node.module != "netfiles":
                    offences.append(f"{path.name}: from {node.module} import ...")
                else:
                    offences += [f"{path.name}: {a.name}" for a in node.names if a.name not in netfiles.__all__]
            elif isinstance(node, ast.Import):
                offences += [f"{path.name}: import {a.name}" for a in node.names if a.name.startswith("netfiles.")]
    assert offences == []


STRENGTH_AND_TIERS = ["TieStrength", "tie_strength", "written_strength", "inferred_strength", "decay_score",
                      "peak_strength", "contact_days", "strength_from_score", "is_strong", "STRONG_THRESHOLD",
                      "STRENGTH_SATURATION", "DEFAULT_HALF_LIFE_DAYS", "TIERS", "Tier", "TierSettings",
                      "contact_tiers", "written_tier", "entered_vault"]


@pytest.mark.parametrize("name", STRENGTH_AND_TIERS)
def test_strength_and_tier_names_are_public_and_documented(name):
    assert name in netfiles.__all__
    docs = Path(__file__).resolve().parents[1] / "docs"
    assert name in (docs / "tiers.md").read_text(encoding="utf-8") + (docs / "plugins.md").read_text(encoding="utf-8")

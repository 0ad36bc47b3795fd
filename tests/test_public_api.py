"""The contract between the core and plugins: a public API that resolves, documented hooks, no private imports."""
from __future__ import annotations

import ast
import inspect
from pathlib import Path

import pytest

import netfiles
from netfiles.plugin_api import hookspecs

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


def public_api_offences(source: str, where: str = "<source>") -> list[str]:
    """What in a plugin's source reaches past the public API of `netfiles`, found in its syntax tree.

    Caught: importing a submodule (`from netfiles.store.vault import Vault`, `import netfiles.store.index`), a name
    that is not in `netfiles.__all__` (`from netfiles import vault`, `netfiles.store.vault.Index`), importing a
    submodule by its name as text (`importlib.import_module("netfiles.store.index")`, `__import__`), and a
    private attribute (`vault._records`, `getattr(vault, "_records")`) of anything but the plugin's own
    objects (`self`, `cls`) and modules (relative imports).
    """
    public = set(netfiles.__all__)
    tree = ast.parse(source)
    aliases: set[str] = set()  # names bound to the netfiles package
    own: set[str] = {"self", "cls"}  # the plugin's own objects and modules
    offences = []

    def offence(node, text):
        offences.append(f"{where}:{node.lineno}: {text}")

    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                if a.name == "netfiles":
                    aliases.add(a.asname or "netfiles")
                elif a.name.startswith("netfiles."):
                    offence(node, f"import {a.name}")
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                own.update(a.asname or a.name for a in node.names)
            elif node.module == "netfiles":
                offences += [f"{where}:{node.lineno}: from netfiles import {a.name}" for a in node.names
                             if a.name not in public]
            elif node.module and node.module.startswith("netfiles."):
                offence(node, f"from {node.module} import ...")
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            base = node.value
            if isinstance(base, ast.Name) and base.id in aliases and node.attr not in public | {"__version__"}:
                offence(node, f"{base.id}.{node.attr}")
            elif node.attr.startswith("_") and not node.attr.endswith("__") and not (
                    isinstance(base, ast.Name) and base.id in own):
                offence(node, f"{ast.unparse(base)}.{node.attr}")
        elif isinstance(node, ast.Call):
            name = ast.unparse(node.func)
            texts = [a.value if isinstance(a, ast.Constant) else None for a in node.args]
            if name.endswith(("import_module", "__import__")) and str(texts[:1]).startswith("['netfiles."):
                offence(node, f"{name}({texts[0]!r})")
            elif name in ("getattr", "setattr", "hasattr") and len(texts) > 1 and isinstance(texts[1], str) \
                    and texts[1].startswith("_") and not texts[1].endswith("__"):
                offence(node, f"{name}(..., {texts[1]!r})")
    return offences


def test_bundled_plugins_use_only_the_public_api_of_netfiles():
    offences = []
    for path in sorted(PLUGINS.rglob("*.py")):
        offences += public_api_offences(path.read_text(encoding="utf-8"), str(path.relative_to(PLUGINS)))
    assert offences == []


@pytest.mark.parametrize("source, caught", [
    ("import netfiles\nINDEX = netfiles.store.vault.Index\n", "netfiles.store"),
    ("import netfiles as nf\nnf.index.Index(root)\n", "nf.index"),
    ("import importlib\nindex = importlib.import_module('netfiles.store.index')\n", "import_module('netfiles.store.index')"),
    ("from importlib import import_module\nimport_module('netfiles.store.vault')\n", "import_module('netfiles.store.vault')"),
    ("vault_module = __import__('netfiles.store.vault')\n", "__import__('netfiles.store.vault')"),
    ("def rule(vault):\n    return vault._records\n", "vault._records"),
    ("def rule(vault):\n    return vault.index._db\n", "vault.index._db"),
    ("def rule(vault):\n    return getattr(vault, '_records')\n", "getattr(..., '_records')"),
    ("from netfiles.store.vault import Vault\n", "from netfiles.store.vault import"),
    ("import netfiles.store.index\n", "import netfiles.store.index"),
    ("from netfiles import vault\n", "from netfiles import vault"),
])
def test_each_way_past_the_public_api_is_caught(source, caught):
    found = public_api_offences(source)
    assert len(found) == 1 and caught in found[0], found


def test_the_public_api_and_a_plugins_own_privates_pass():
    source = (
        "import netfiles\nimport netfiles as nf\nfrom netfiles import Vault, hookimpl\nfrom . import groups\n"
        "from .settings import _defaults\n\n"
        "class Rule:\n    def __init__(self):\n        self._seen = set()\n\n"
        "    def check(self, vault: Vault):\n        return netfiles.check_vault(vault), nf.Diagnostic, "
        "groups._to_json(1), _defaults, self._seen, vault.__class__\n")
    assert public_api_offences(source) == []


STRENGTH_AND_TIERS = ["TieStrength", "tie_strength", "written_strength", "inferred_strength", "decay_score",
                      "peak_strength", "contact_days", "strength_from_score", "is_strong", "STRONG_THRESHOLD",
                      "STRENGTH_SATURATION", "DEFAULT_HALF_LIFE_DAYS", "TIERS", "Tier", "TierSettings",
                      "contact_tiers", "written_tier", "entered_vault"]


@pytest.mark.parametrize("name", STRENGTH_AND_TIERS)
def test_strength_and_tier_names_are_public_and_documented(name):
    assert name in netfiles.__all__
    docs = Path(__file__).resolve().parents[1] / "docs"
    assert name in (docs / "tiers.md").read_text(encoding="utf-8") + (docs / "plugins.md").read_text(encoding="utf-8")

"""`netfiles check` as a library call: parser diagnostics, cross-file rules and plugin rules, together."""
from __future__ import annotations

import json
from dataclasses import dataclass, field

from .conflicts import merge_driver_diagnostics
from .diagnostics import Diagnostic
from .fieldspecs import check_declared_fields
from .plugins import collect
from .index import name_keys
from .rules import identity_diagnostics, identity_owners, link_diagnostics
from .tiers import tier_diagnostics
from .wikilinks import fold


@dataclass
class CheckResult:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files_checked: int = 0


def check_vault(vault, pm=None, paths: list[str] | None = None) -> CheckResult:
    """Check the whole vault, or only `paths` (vault-relative) and the cross-file rules that concern them.

    With paths, other files are not loaded: links and identities are looked up
    in the index, which keeps a pre-commit run fast on large vaults.
    """
    result = _check_files(vault, pm, paths)
    result.diagnostics += merge_driver_diagnostics(vault.root)  # depends on git config, not on the files: never cached
    return result


def _check_files(vault, pm, paths: list[str] | None) -> CheckResult:
    if paths is None:
        key = _cache_key(vault, pm)
        cached = vault.index.get_meta("check_cache") if key else None
        if cached:
            data = json.loads(cached)
            if data.get("key") == key:
                return CheckResult([Diagnostic.from_dict(d) for d in data["diagnostics"]], data["files_checked"])
        result = _check(vault, pm, None)
        if key:
            vault.index.set_meta("check_cache", json.dumps(
                {"key": key, "files_checked": result.files_checked, "diagnostics": [d.to_dict() for d in result.diagnostics]}))
        return result
    return _check(vault, pm, paths)


def _cache_key(vault, pm) -> str | None:
    """What a whole-vault result depends on: the files (index generation), the config, and the plugins' code.

    None (no caching) when a plugin has no source file to stamp, e.g. one registered by hand in a test.
    """
    import os

    from . import __version__
    from .scan import stamp

    parts = [__version__, str(vault.index.generation())]
    config = vault.root / ".netfiles" / "config.toml"
    plugins = list(pm.get_plugins()) if pm else []
    if any(not getattr(p, "__file__", None) for p in plugins):
        return None
    plugin_files = sorted({str(f) for p in plugins for f in _source_files(p.__file__)})
    for path in [config, *plugin_files]:
        try:
            parts.append(f"{path}:" + ":".join(map(str, stamp(os.stat(path)))))
        except (TypeError, OSError):
            parts.append(f"{path}:-")
    if pm is not None:
        parts.append(",".join(sorted(name for name, _ in pm.list_name_plugin())))
    return "|".join(parts)


def _source_files(module_file: str) -> list:
    """A plugin's source: every module of its package, so editing a submodule invalidates the cache too."""
    from pathlib import Path

    path = Path(module_file)
    return sorted(path.parent.glob("*.py")) if path.name == "__init__.py" else [path]


def _incoming_link_diagnostics(vault, names: set[str], checked: set[str]) -> list[Diagnostic]:
    """Links in other files to a name the checked contacts answer to: a new alias can make them ambiguous."""
    diags = []
    for rel in vault.index.paths_linking(names):
        record = vault.index.record(rel)
        if rel in checked or record is None:
            continue
        concerned = {field: [link for link in record.get(field, ()) if fold(link[0].rsplit("/", 1)[-1]) in names]
                     for field in ("knows", "introduced_by")}
        diags.extend(link_diagnostics(vault, rel, concerned))
    return diags


def _check(vault, pm, paths):
    result = CheckResult()
    diags = result.diagnostics
    if paths is None:
        records = vault.records
        owners = identity_owners(records)
        for rel, record in records.items():
            diags.extend(Diagnostic.from_dict(d) for d in record.get("diagnostics", ()))
            if record["kind"] == "contact":
                diags.extend(link_diagnostics(vault, rel, record))
                diags.extend(identity_diagnostics(vault, rel, record, owners))
                diags.extend(tier_diagnostics(vault, rel, record))
        result.files_checked = len(records)
        if pm is not None:
            specs = collect(pm, "netfiles_contact_fields", diags)
            for contact in vault.contacts:
                diags.extend(collect(pm, "netfiles_check_contact", diags, path=contact.path, contact=contact, vault=vault))
                diags.extend(check_declared_fields(vault, contact, specs))
            diags.extend(collect(pm, "netfiles_check_vault", diags, vault=vault))
        diags.extend(_settings_diagnostics(vault.config))
    else:
        names: set[str] = set()  # what links to the checked contacts say
        specs = collect(pm, "netfiles_contact_fields", diags) if pm is not None else []
        for rel in dict.fromkeys(paths):
            record = vault.index.record(rel)
            if record is None:
                continue  # not a Markdown file of the vault (ignored folder, other file type)
            result.files_checked += 1
            diags.extend(Diagnostic.from_dict(d) for d in record.get("diagnostics", ()))
            if record["kind"] != "contact":
                continue
            names |= name_keys(rel, record)
            diags.extend(link_diagnostics(vault, rel, record))
            diags.extend(identity_diagnostics(vault, rel, record))
            diags.extend(tier_diagnostics(vault, rel, record))
            if pm is not None:
                contact = vault.contact_at(rel)
                diags.extend(collect(pm, "netfiles_check_contact", diags, path=rel, contact=contact, vault=vault))
                diags.extend(check_declared_fields(vault, contact, specs))
        diags.extend(_incoming_link_diagnostics(vault, names, set(paths)))
    result.diagnostics = sorted(set(diags), key=lambda d: (d.path, d.line, d.col, d.code, d.message))
    return result


def _settings_diagnostics(config) -> list[Diagnostic]:
    """TIE001/TIE002: problems in the [ties] and [industries] tables of config.toml."""
    from .attributes import industry_map
    from .ties import tie_settings

    return tie_settings(config)[1] + industry_map(config)[1]

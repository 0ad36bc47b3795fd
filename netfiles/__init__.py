"""netfiles: your professional network as plain files.

The public API for plugins and scripts. Names are imported lazily, so
`import netfiles` (and the CLI start-up) stays fast.
"""
from __future__ import annotations

__version__ = "0.1.0"

_EXPORTS = {
    "hookimpl": "netfiles.plugins",
    "get_plugin_manager": "netfiles.plugins",
    "call_hook": "netfiles.plugins",
    "create_cli": "netfiles.cli",
    "main": "netfiles.cli",
    "App": "netfiles.app",
    "pass_app": "netfiles.app",
    "today_option": "netfiles.app",
    "DATE": "netfiles.app",
    "DURATION": "netfiles.app",
    "NetfilesError": "netfiles.app",
    "UsageProblem": "netfiles.app",
    "Diagnostic": "netfiles.diagnostics",
    "printable": "netfiles.diagnostics",
    "ERROR": "netfiles.diagnostics",
    "WARNING": "netfiles.diagnostics",
    "Contact": "netfiles.model",
    "Interaction": "netfiles.model",
    "Note": "netfiles.model",
    "Link": "netfiles.model",
    "ATTRIBUTES": "netfiles.model",
    "Vault": "netfiles.vault",
    "load_vault": "netfiles.vault",
    "ContactNotFound": "netfiles.vault",
    "AmbiguousName": "netfiles.vault",
    "NoSuchContact": "netfiles.vault",
    "FieldSpec": "netfiles.fieldspecs",
    "check_vault": "netfiles.check",
    "Importer": "netfiles.extensions",
    "Exporter": "netfiles.extensions",
    "ImportReport": "netfiles.extensions",
    "ReportSection": "netfiles.extensions",
    "parse_cadence": "netfiles.dates",
    "parse_iso_date": "netfiles.dates",
    "parse_birthday": "netfiles.dates",
    "parse_duration": "netfiles.dates",
    "parse_date_value": "netfiles.dates",
    "add_days": "netfiles.dates",
    "NEVER": "netfiles.dates",
    "normalize_linkedin": "netfiles.fields",
    "url_problem": "netfiles.fields",
    "find_links": "netfiles.wikilinks",
    "link_target": "netfiles.wikilinks",
    "safe_filename": "netfiles.filenames",
    "contact_uid": "netfiles.uids",
    "ensure_uids": "netfiles.uids",
    "UidAssignment": "netfiles.uids",
    "write_atomic": "netfiles.writes",
    "append_log_line": "netfiles.writes",
    "set_missing_fields": "netfiles.writes",
    "create_contact": "netfiles.writes",
    "render_contact": "netfiles.writes",
    "Snapshot": "netfiles.writes",
    "FileChangedError": "netfiles.writes",
    "WriteError": "netfiles.writes",
    "find_ties": "netfiles.ties",
    "tie_evidence": "netfiles.ties",
    "tie_pairs": "netfiles.ties",
    "tie_settings": "netfiles.ties",
    "Tie": "netfiles.ties",
    "Evidence": "netfiles.ties",
    "TieSettings": "netfiles.ties",
    "infer_seniority": "netfiles.attributes",
    "infer_function": "netfiles.attributes",
    "attributes_of": "netfiles.attributes",
    "industry_map": "netfiles.attributes",
    "org_industry": "netfiles.attributes",
    "SENIORITY_LEVELS": "netfiles.attributes",
    "organization_summary": "netfiles.organizations",
    "add_list_item": "netfiles.listwrite",
    "neutralize": "netfiles.output",
    "write_csv": "netfiles.output",
    "print_json": "netfiles.output",
    "to_json": "netfiles.output",
    "check_output": "netfiles.output",
    "write_output": "netfiles.output",
    "print_table": "netfiles.output",
    "Progress": "netfiles.output",
    "use_color": "netfiles.output",
    "TieStrength": "netfiles.strength",
    "tie_strength": "netfiles.strength",
    "written_strength": "netfiles.strength",
    "inferred_strength": "netfiles.strength",
    "decay_score": "netfiles.strength",
    "peak_strength": "netfiles.strength",
    "contact_days": "netfiles.strength",
    "strength_from_score": "netfiles.strength",
    "is_strong": "netfiles.strength",
    "STRONG_THRESHOLD": "netfiles.strength",
    "STRENGTH_SATURATION": "netfiles.strength",
    "DEFAULT_HALF_LIFE_DAYS": "netfiles.strength",
    "TIERS": "netfiles.tiers",
    "Tier": "netfiles.tiers",
    "TierSettings": "netfiles.tiers",
    "contact_tiers": "netfiles.tiers",
    "written_tier": "netfiles.tiers",
    "entered_vault": "netfiles.entered",
}

__all__ = sorted(_EXPORTS) + ["__version__"]


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'netfiles' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value

"""netfiles: your professional network as plain files.

The public API for plugins and scripts. Names are imported lazily, so
`import netfiles` (and the CLI start-up) stays fast.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

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
    "NetfilesError": "netfiles.errors",
    "UsageProblem": "netfiles.errors",
    "SettingError": "netfiles.errors",
    "InvalidValue": "netfiles.errors",
    "DuplicateContact": "netfiles.errors",
    "ConfigError": "netfiles.config",
    "CONFIG_PATH": "netfiles.config",
    "VaultPaths": "netfiles.config",
    "Diagnostic": "netfiles.diagnostics",
    "printable": "netfiles.diagnostics",
    "ERROR": "netfiles.diagnostics",
    "WARNING": "netfiles.diagnostics",
    "Contact": "netfiles.model",
    "ContactFacts": "netfiles.model",
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
    "ContactRecord": "netfiles.identity",
    "InteractionRecord": "netfiles.identity",
    "ImportProblem": "netfiles.identity",
    "Incoming": "netfiles.identity",
    "Owner": "netfiles.identity",
    "merge_people": "netfiles.identity",
    "name_key": "netfiles.identity",
    "nickname_variants": "netfiles.identity",
    "valid_emails": "netfiles.identity",
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
    "IndexedFile": "netfiles.writes",
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
    "add_list_item": "netfiles.writes",
    "neutralize": "netfiles.output",
    "write_csv": "netfiles.output",
    "print_json": "netfiles.output",
    "to_json": "netfiles.output",
    "check_output": "netfiles.output",
    "write_output": "netfiles.output",
    "print_table": "netfiles.output",
    "require_extra": "netfiles.extras",
    "missing_modules": "netfiles.extras",
    "MissingExtra": "netfiles.extras",
    "screenful": "netfiles.output",
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

# What type checkers see (`X as X` marks a re-export); at run time `__getattr__` imports each name on first use.
if TYPE_CHECKING:
    from .app import (
        App as App, DATE as DATE, DURATION as DURATION, pass_app as pass_app, today_option as today_option,
    )
    from .attributes import (
        attributes_of as attributes_of, industry_map as industry_map, infer_function as infer_function,
        infer_seniority as infer_seniority, org_industry as org_industry, SENIORITY_LEVELS as SENIORITY_LEVELS,
    )
    from .check import check_vault as check_vault
    from .cli import create_cli as create_cli, main as main
    from .config import CONFIG_PATH as CONFIG_PATH, ConfigError as ConfigError, VaultPaths as VaultPaths
    from .dates import (
        add_days as add_days, NEVER as NEVER, parse_birthday as parse_birthday, parse_cadence as parse_cadence,
        parse_date_value as parse_date_value, parse_duration as parse_duration,
        parse_iso_date as parse_iso_date,
    )
    from .diagnostics import Diagnostic as Diagnostic, ERROR as ERROR, printable as printable, WARNING as WARNING
    from .entered import entered_vault as entered_vault
    from .errors import (
        DuplicateContact as DuplicateContact, InvalidValue as InvalidValue, NetfilesError as NetfilesError,
        SettingError as SettingError, UsageProblem as UsageProblem,
    )
    from .extensions import (
        Exporter as Exporter, Importer as Importer, ImportReport as ImportReport,
        ReportSection as ReportSection,
    )
    from .extras import (
        MissingExtra as MissingExtra, missing_modules as missing_modules, require_extra as require_extra,
    )
    from .fields import normalize_linkedin as normalize_linkedin, url_problem as url_problem
    from .fieldspecs import FieldSpec as FieldSpec
    from .filenames import safe_filename as safe_filename
    from .identity import (
        ContactRecord as ContactRecord, ImportProblem as ImportProblem, Incoming as Incoming,
        InteractionRecord as InteractionRecord, merge_people as merge_people, name_key as name_key,
        nickname_variants as nickname_variants, Owner as Owner, valid_emails as valid_emails,
    )
    from .model import (
        ATTRIBUTES as ATTRIBUTES, Contact as Contact, ContactFacts as ContactFacts, Interaction as Interaction,
        Link as Link, Note as Note,
    )
    from .organizations import organization_summary as organization_summary
    from .output import (
        check_output as check_output, neutralize as neutralize, print_json as print_json,
        print_table as print_table, Progress as Progress, screenful as screenful, to_json as to_json,
        use_color as use_color,
        write_csv as write_csv, write_output as write_output,
    )
    from .plugins import call_hook as call_hook, get_plugin_manager as get_plugin_manager, hookimpl as hookimpl
    from .strength import (
        contact_days as contact_days, decay_score as decay_score,
        DEFAULT_HALF_LIFE_DAYS as DEFAULT_HALF_LIFE_DAYS, inferred_strength as inferred_strength,
        is_strong as is_strong, peak_strength as peak_strength, strength_from_score as strength_from_score,
        STRENGTH_SATURATION as STRENGTH_SATURATION, STRONG_THRESHOLD as STRONG_THRESHOLD,
        tie_strength as tie_strength, TieStrength as TieStrength, written_strength as written_strength,
    )
    from .tiers import (
        contact_tiers as contact_tiers, Tier as Tier, TIERS as TIERS, TierSettings as TierSettings,
        written_tier as written_tier,
    )
    from .ties import (
        Evidence as Evidence, find_ties as find_ties, Tie as Tie, tie_evidence as tie_evidence,
        tie_pairs as tie_pairs, tie_settings as tie_settings, TieSettings as TieSettings,
    )
    from .uids import contact_uid as contact_uid, ensure_uids as ensure_uids, UidAssignment as UidAssignment
    from .vault import (
        AmbiguousName as AmbiguousName, ContactNotFound as ContactNotFound, load_vault as load_vault,
        NoSuchContact as NoSuchContact, Vault as Vault,
    )
    from .wikilinks import find_links as find_links, link_target as link_target
    from .writes import (
        add_list_item as add_list_item, append_log_line as append_log_line, create_contact as create_contact,
        FileChangedError as FileChangedError, IndexedFile as IndexedFile, render_contact as render_contact,
        set_missing_fields as set_missing_fields, Snapshot as Snapshot, write_atomic as write_atomic,
        WriteError as WriteError,
    )

__all__ = sorted(_EXPORTS) + ["__version__"]


if not TYPE_CHECKING:  # hidden from type checkers, so a misspelt or unexported `netfiles.X` is an error there

    def __getattr__(name: str):
        module = _EXPORTS.get(name)
        if module is None:
            raise AttributeError(f"module 'netfiles' has no attribute {name!r}")
        import importlib

        value = getattr(importlib.import_module(module), name)
        globals()[name] = value
        return value

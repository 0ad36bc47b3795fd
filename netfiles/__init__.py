"""netfiles: your professional network as plain files.

The public API for plugins and scripts. Names are imported lazily, so
`import netfiles` (and the CLI start-up) stays fast.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"

_EXPORTS = {
    "hookimpl": "netfiles.plugin_api.plugins",
    "get_plugin_manager": "netfiles.plugin_api.plugins",
    "call_hook": "netfiles.plugin_api.plugins",
    "create_cli": "netfiles.cli.main",
    "main": "netfiles.cli.main",
    "App": "netfiles.cli.app",
    "pass_app": "netfiles.cli.app",
    "today_option": "netfiles.cli.app",
    "DATE": "netfiles.cli.app",
    "DURATION": "netfiles.cli.app",
    "NetfilesError": "netfiles.model.errors",
    "UsageProblem": "netfiles.model.errors",
    "SettingError": "netfiles.model.errors",
    "InvalidValue": "netfiles.model.errors",
    "DuplicateContact": "netfiles.model.errors",
    "ConfigError": "netfiles.model.config",
    "CONFIG_PATH": "netfiles.model.config",
    "VaultPaths": "netfiles.model.config",
    "Diagnostic": "netfiles.model.diagnostics",
    "printable": "netfiles.model.diagnostics",
    "ERROR": "netfiles.model.diagnostics",
    "WARNING": "netfiles.model.diagnostics",
    "Contact": "netfiles.model.contact",
    "ContactFacts": "netfiles.model.contact",
    "Interaction": "netfiles.model.contact",
    "Note": "netfiles.model.contact",
    "Link": "netfiles.model.contact",
    "ATTRIBUTES": "netfiles.model.contact",
    "Vault": "netfiles.store.vault",
    "load_vault": "netfiles.store.vault",
    "ContactNotFound": "netfiles.store.vault",
    "AmbiguousName": "netfiles.store.vault",
    "NoSuchContact": "netfiles.store.vault",
    "FieldSpec": "netfiles.model.fieldspecs",
    "check_vault": "netfiles.rules.check",
    "Importer": "netfiles.plugin_api.extensions",
    "Exporter": "netfiles.plugin_api.extensions",
    "ImportReport": "netfiles.plugin_api.extensions",
    "ReportSection": "netfiles.plugin_api.extensions",
    "ContactRecord": "netfiles.rules.identity",
    "InteractionRecord": "netfiles.rules.identity",
    "ImportProblem": "netfiles.rules.identity",
    "Incoming": "netfiles.rules.identity",
    "Owner": "netfiles.rules.identity",
    "merge_people": "netfiles.rules.identity",
    "name_key": "netfiles.rules.identity",
    "nickname_variants": "netfiles.rules.identity",
    "valid_emails": "netfiles.rules.identity",
    "parse_cadence": "netfiles.model.dates",
    "parse_iso_date": "netfiles.model.dates",
    "parse_birthday": "netfiles.model.dates",
    "parse_duration": "netfiles.model.dates",
    "parse_date_value": "netfiles.model.dates",
    "add_days": "netfiles.model.dates",
    "NEVER": "netfiles.model.dates",
    "normalize_linkedin": "netfiles.reading.fields",
    "url_problem": "netfiles.reading.fields",
    "find_links": "netfiles.reading.wikilinks",
    "link_target": "netfiles.reading.wikilinks",
    "safe_filename": "netfiles.writing.filenames",
    "contact_uid": "netfiles.writing.uids",
    "ensure_uids": "netfiles.writing.uids",
    "UidAssignment": "netfiles.writing.uids",
    "write_atomic": "netfiles.writing.writes",
    "append_log_line": "netfiles.writing.writes",
    "set_missing_fields": "netfiles.writing.writes",
    "create_contact": "netfiles.writing.writes",
    "render_contact": "netfiles.writing.writes",
    "Snapshot": "netfiles.writing.writes",
    "IndexedFile": "netfiles.writing.writes",
    "FileChangedError": "netfiles.writing.writes",
    "WriteError": "netfiles.writing.writes",
    "find_ties": "netfiles.rules.ties",
    "tie_evidence": "netfiles.rules.ties",
    "tie_pairs": "netfiles.rules.ties",
    "tie_settings": "netfiles.rules.ties",
    "Tie": "netfiles.rules.ties",
    "Evidence": "netfiles.rules.ties",
    "TieSettings": "netfiles.rules.ties",
    "infer_seniority": "netfiles.rules.attributes",
    "infer_function": "netfiles.rules.attributes",
    "attributes_of": "netfiles.rules.attributes",
    "industry_map": "netfiles.rules.attributes",
    "org_industry": "netfiles.rules.attributes",
    "SENIORITY_LEVELS": "netfiles.rules.attributes",
    "organization_summary": "netfiles.rules.organizations",
    "add_list_item": "netfiles.writing.writes",
    "neutralize": "netfiles.cli.output",
    "write_csv": "netfiles.cli.output",
    "print_json": "netfiles.cli.output",
    "to_json": "netfiles.cli.output",
    "check_output": "netfiles.cli.output",
    "write_output": "netfiles.cli.output",
    "print_table": "netfiles.cli.output",
    "require_extra": "netfiles.plugin_api.extras",
    "missing_modules": "netfiles.plugin_api.extras",
    "MissingExtra": "netfiles.plugin_api.extras",
    "screenful": "netfiles.cli.output",
    "Progress": "netfiles.cli.output",
    "use_color": "netfiles.cli.output",
    "TieStrength": "netfiles.rules.strength",
    "tie_strength": "netfiles.rules.strength",
    "written_strength": "netfiles.rules.strength",
    "inferred_strength": "netfiles.rules.strength",
    "decay_score": "netfiles.rules.strength",
    "peak_strength": "netfiles.rules.strength",
    "contact_days": "netfiles.rules.strength",
    "strength_from_score": "netfiles.rules.strength",
    "is_strong": "netfiles.rules.strength",
    "STRONG_THRESHOLD": "netfiles.rules.strength",
    "STRENGTH_SATURATION": "netfiles.rules.strength",
    "DEFAULT_HALF_LIFE_DAYS": "netfiles.rules.strength",
    "TIERS": "netfiles.rules.tiers",
    "Tier": "netfiles.rules.tiers",
    "TierSettings": "netfiles.rules.tiers",
    "contact_tiers": "netfiles.rules.tiers",
    "tier_names": "netfiles.rules.tiers",
    "written_tier": "netfiles.rules.tiers",
    "entered_vault": "netfiles.rules.entered",
}

# What type checkers see (`X as X` marks a re-export); at run time `__getattr__` imports each name on first use.
if TYPE_CHECKING:
    from .cli.app import (
        App as App, DATE as DATE, DURATION as DURATION, pass_app as pass_app, today_option as today_option,
    )
    from .rules.attributes import (
        attributes_of as attributes_of, industry_map as industry_map, infer_function as infer_function,
        infer_seniority as infer_seniority, org_industry as org_industry, SENIORITY_LEVELS as SENIORITY_LEVELS,
    )
    from .rules.check import check_vault as check_vault
    from .cli.main import create_cli as create_cli, main as main
    from .model.config import CONFIG_PATH as CONFIG_PATH, ConfigError as ConfigError, VaultPaths as VaultPaths
    from .model.dates import (
        add_days as add_days, NEVER as NEVER, parse_birthday as parse_birthday, parse_cadence as parse_cadence,
        parse_date_value as parse_date_value, parse_duration as parse_duration,
        parse_iso_date as parse_iso_date,
    )
    from .model.diagnostics import Diagnostic as Diagnostic, ERROR as ERROR, printable as printable, WARNING as WARNING
    from .rules.entered import entered_vault as entered_vault
    from .model.errors import (
        DuplicateContact as DuplicateContact, InvalidValue as InvalidValue, NetfilesError as NetfilesError,
        SettingError as SettingError, UsageProblem as UsageProblem,
    )
    from .plugin_api.extensions import (
        Exporter as Exporter, Importer as Importer, ImportReport as ImportReport,
        ReportSection as ReportSection,
    )
    from .plugin_api.extras import (
        MissingExtra as MissingExtra, missing_modules as missing_modules, require_extra as require_extra,
    )
    from .reading.fields import normalize_linkedin as normalize_linkedin, url_problem as url_problem
    from .model.fieldspecs import FieldSpec as FieldSpec
    from .writing.filenames import safe_filename as safe_filename
    from .rules.identity import (
        ContactRecord as ContactRecord, ImportProblem as ImportProblem, Incoming as Incoming,
        InteractionRecord as InteractionRecord, merge_people as merge_people, name_key as name_key,
        nickname_variants as nickname_variants, Owner as Owner, valid_emails as valid_emails,
    )
    from .model.contact import (
        ATTRIBUTES as ATTRIBUTES, Contact as Contact, ContactFacts as ContactFacts, Interaction as Interaction,
        Link as Link, Note as Note,
    )
    from .rules.organizations import organization_summary as organization_summary
    from .cli.output import (
        check_output as check_output, neutralize as neutralize, print_json as print_json,
        print_table as print_table, Progress as Progress, screenful as screenful, to_json as to_json,
        use_color as use_color,
        write_csv as write_csv, write_output as write_output,
    )
    from .plugin_api.plugins import call_hook as call_hook, get_plugin_manager as get_plugin_manager, hookimpl as hookimpl
    from .rules.strength import (
        contact_days as contact_days, decay_score as decay_score,
        DEFAULT_HALF_LIFE_DAYS as DEFAULT_HALF_LIFE_DAYS, inferred_strength as inferred_strength,
        is_strong as is_strong, peak_strength as peak_strength, strength_from_score as strength_from_score,
        STRENGTH_SATURATION as STRENGTH_SATURATION, STRONG_THRESHOLD as STRONG_THRESHOLD,
        tie_strength as tie_strength, TieStrength as TieStrength, written_strength as written_strength,
    )
    from .rules.tiers import (
        contact_tiers as contact_tiers, Tier as Tier, TIERS as TIERS, TierSettings as TierSettings,
        tier_names as tier_names, written_tier as written_tier,
    )
    from .rules.ties import (
        Evidence as Evidence, find_ties as find_ties, Tie as Tie, tie_evidence as tie_evidence,
        tie_pairs as tie_pairs, tie_settings as tie_settings, TieSettings as TieSettings,
    )
    from .writing.uids import contact_uid as contact_uid, ensure_uids as ensure_uids, UidAssignment as UidAssignment
    from .store.vault import (
        AmbiguousName as AmbiguousName, ContactNotFound as ContactNotFound, load_vault as load_vault,
        NoSuchContact as NoSuchContact, Vault as Vault,
    )
    from .reading.wikilinks import find_links as find_links, link_target as link_target
    from .writing.writes import (
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

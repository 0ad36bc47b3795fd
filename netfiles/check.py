"""`netfiles check` as a library call: parser diagnostics, cross-file rules and plugin rules, together."""
from __future__ import annotations

from dataclasses import dataclass, field

from .diagnostics import Diagnostic
from .plugins import collect
from .rules import identity_diagnostics, identity_owners, link_diagnostics


@dataclass
class CheckResult:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files_checked: int = 0


def check_vault(vault, pm=None, paths: list[str] | None = None) -> CheckResult:
    """Check the whole vault, or only `paths` (vault-relative) and the cross-file rules that concern them.

    With paths, other files are not loaded: links and identities are looked up
    in the index, which keeps a pre-commit run fast on large vaults.
    """
    result = CheckResult()
    diags = result.diagnostics
    if paths is None:
        records = vault._records
        owners = identity_owners(records)
        for rel, record in records.items():
            diags.extend(Diagnostic.from_dict(d) for d in record.get("diagnostics", ()))
            if record["kind"] == "contact":
                diags.extend(link_diagnostics(vault, rel, record))
                diags.extend(identity_diagnostics(vault, rel, record, owners))
        result.files_checked = len(records)
        if pm is not None:
            for contact in vault.contacts:
                diags.extend(collect(pm, "netfiles_check_contact", diags, path=contact.path, contact=contact, vault=vault))
            diags.extend(collect(pm, "netfiles_check_vault", diags, vault=vault))
    else:
        for rel in dict.fromkeys(paths):
            record = vault.index.record(rel)
            if record is None:
                continue  # not a Markdown file of the vault (ignored folder, other file type)
            result.files_checked += 1
            diags.extend(Diagnostic.from_dict(d) for d in record.get("diagnostics", ()))
            if record["kind"] != "contact":
                continue
            diags.extend(link_diagnostics(vault, rel, record))
            diags.extend(identity_diagnostics(vault, rel, record))
            if pm is not None:
                contact = vault.contact_at(rel)
                diags.extend(collect(pm, "netfiles_check_contact", diags, path=rel, contact=contact, vault=vault))
    result.diagnostics = sorted(set(diags), key=lambda d: (d.path, d.line, d.col, d.code, d.message))
    return result

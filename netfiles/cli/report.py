"""The core section of `netfiles report`: what the vault holds."""
from __future__ import annotations

import datetime as _dt

from ..plugin_api.extensions import ReportSection


def vault_section(vault, today: _dt.date) -> ReportSection:
    contacts = vault.contacts
    interactions = [i for c in contacts for i in c.interactions]
    last_year = [i for i in interactions if (today - i.date).days <= 365]
    problems = sum(1 for d in vault.file_diagnostics if d.severity == "error")
    data = {"contacts": len(contacts), "notes": len(vault.notes), "ties": len(vault.ties()),
            "interactions": len(interactions), "interactions_last_year": len(last_year), "file_errors": problems}
    text = (f"{data['contacts']} contacts, {data['ties']} ties between them, {data['notes']} dated notes.\n"
            f"{data['interactions']} interactions recorded, {data['interactions_last_year']} in the last 12 months.")
    if problems:
        text += f"\n{problems} file errors: run `netfiles check`."
    return ReportSection("Vault", text, data, order=0)

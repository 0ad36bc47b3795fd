"""Organizations by number of contacts, and how much of the network an industry map covers (`netfiles orgs`)."""
from __future__ import annotations

from collections import Counter
from typing import Any

from .attributes import org_industry


def organization_summary(contacts, industries: dict[str, str], top: int = 20) -> dict:
    """Organizations, largest first (case and spacing folded; shown as most often written), with cumulative
    counts, what share the `top` largest cover, and for how many contacts the industry is known."""
    groups: dict[str, list] = {}
    for contact in contacts:
        if contact.organization and str(contact.organization).strip():
            groups.setdefault(" ".join(str(contact.organization).casefold().split()), []).append(contact)
    rows: list[dict[str, Any]] = []
    for members in groups.values():
        spelling = Counter(" ".join(str(c.organization).split()) for c in members).most_common()
        name = min(spelling, key=lambda s: (-s[1], s[0]))[0]
        rows.append({"name": name, "contacts": len(members), "industry": org_industry(name, industries)})
    rows.sort(key=lambda r: (-r["contacts"], r["name"].casefold()))
    running = 0
    for row in rows:
        running += row["contacts"]
        row["cumulative"] = running
        row["mapped"] = row["industry"] is not None
    written = sum(1 for c in contacts if c.industry)
    inferred = sum(1 for c in contacts if not c.industry and org_industry(c.organization, industries))
    covered = rows[:top]
    return {
        "contacts": len(contacts),
        "with_organization": sum(r["contacts"] for r in rows),
        "organizations": rows,
        "mapped_organizations": sum(r["mapped"] for r in rows),
        "top": {"organizations": len(covered), "contacts": sum(r["contacts"] for r in covered)},
        "industry_known": {"contacts": written + inferred, "written": written, "inferred": inferred},
    }

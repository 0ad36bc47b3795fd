"""`netfiles health --since DATE`: the network then and now, from `met` dates and logs.

Then is rebuilt from the same files as they speak of that date: the contacts met by then (a contact
with no `met` date counts from its first interaction; with neither it cannot be placed and is counted
apart), tie strengths inferred from interactions up to then (a written `strength` has no date, so it
counts on both sides), and the same `knows` ties among the contacts of then (ties carry no date; the
report says so). Compared: contacts gained, contacts gone quiet (in touch in the year before then,
not since), strong ties that faded below the strong threshold (Burt 2000 on the decay of ties),
diversity (Blau per attribute) and closure (density, constraint's position) then and now.
"""
from __future__ import annotations

import datetime as _dt

import netfiles

from .network import EgoNetwork, display_names, tie_strength

NAMES_SHOWN = 10


def _entered(contact) -> _dt.date | None:
    if contact.met is not None:
        return contact.met
    dates = [i.date for i in contact.interactions]
    return min(dates) if dates else None


def network_then(network: EgoNetwork, since: _dt.date) -> tuple[EgoNetwork, int]:
    """(the ego network as of `since`, contacts that cannot be dated)."""
    undated = 0
    contacts = []
    for contact in network.contacts:
        entered = _entered(contact)
        if entered is None:
            undated += 1
            contacts.append(contact)  # no date at all: assumed present on both sides, counted apart
        elif entered <= since:
            contacts.append(contact)
    strengths, manual = {}, set()
    for contact in contacts:
        value, is_manual = tie_strength(contact, since, network.settings.half_life_days)
        strengths[contact.path] = value
        if is_manual:
            manual.add(contact.path)
    kept = {c.path for c in contacts}
    ties = [(a, b) for a, b in network.ties if a in kept and b in kept]
    return EgoNetwork(today=since, settings=network.settings, me=network.me, contacts=contacts,
                      names=display_names(contacts), strengths=strengths, manual=manual, ties=ties,
                      by_path={c.path: c for c in contacts}), undated


def _listing(network: EgoNetwork, paths: list[str]) -> dict:
    shown = sorted((network.name(p) for p in paths), key=str.casefold)
    return {"count": len(paths), "names": shown[:NAMES_SHOWN]}


def compare(now: dict, then: dict, network: EgoNetwork, earlier: EgoNetwork, since: _dt.date, undated: int) -> dict:
    """The `change` section of the report: `now` and `then` are full reports of the two networks."""
    threshold = network.settings.strong_threshold
    before = {c.path for c in earlier.contacts}
    gained = [p for p in network.paths if p not in before]
    year_before = netfiles.add_days(since, -365)
    quiet, faded = [], []
    for contact in network.contacts:
        dates = [i.date for i in contact.interactions if i.date <= network.today]
        if any(year_before < d <= since for d in dates) and not any(d > since for d in dates):
            quiet.append(contact.path)
        if contact.path in before and contact.path not in network.manual:
            if earlier.strengths[contact.path] >= threshold > network.strengths[contact.path]:
                faded.append(contact.path)
    diversity = {name: {"then": then["diversity"]["blau"][name]["value"], "now": now["diversity"]["blau"][name]["value"]}
                 for name in now["diversity"]["blau"]}
    closure = {key: {"then": then["structure"][key], "now": now["structure"][key]}
               for key in ("density", "constraint", "constraint_position", "efficiency")}
    return {
        "since": since.isoformat(), "contacts": {"then": len(earlier.contacts), "now": len(network.contacts)},
        "undated": undated, "gained": _listing(network, gained), "gone_quiet": _listing(network, quiet),
        "faded_strong_ties": _listing(network, faded), "strong": {"then": then["ties"]["strong"],
                                                                 "now": now["ties"]["strong"]},
        "diversity": diversity, "closure": closure,
        "ties_note": "`knows` ties carry no date: the ties of then are today's ties among the contacts of then",
    }


def change_lines(change: dict) -> list[tuple[str, str]]:
    """(line, advice) pairs for the text and HTML reports."""
    def names(part: dict) -> str:
        more = part["count"] - len(part["names"])
        return ", ".join(part["names"]) + (f" and {more} more" if more > 0 else "")

    c = change
    out = [(f"Contacts: {c['contacts']['then']} then, {c['contacts']['now']} now; {c['gained']['count']} gained"
            + (f" ({names(c['gained'])})" if c["gained"]["count"] else ""),
            f"{c['undated']} contacts have neither a `met` date nor a log line and count on both sides."
            if c["undated"] else "every contact is placed by its `met` date or first interaction.")]
    out.append((f"Gone quiet: {c['gone_quiet']['count']}" + (f" ({names(c['gone_quiet'])})"
                                                             if c["gone_quiet"]["count"] else ""),
                "in touch in the year before, not since: worth a message before the tie decays."
                if c["gone_quiet"]["count"] else "nobody you were in touch with the year before has gone quiet."))
    out.append((f"Strong ties that faded: {c['faded_strong_ties']['count']}"
                + (f" ({names(c['faded_strong_ties'])})" if c["faded_strong_ties"]["count"] else "")
                + f"; strong ties {c['strong']['then']} then, {c['strong']['now']} now",
                "ties decay without contact, fastest in their first years (Burt 2000)."
                if c["faded_strong_ties"]["count"] else "no inferred strong tie fell below the threshold."))
    parts = [f"{name} {_pair(v)}" for name, v in c["diversity"].items() if v["then"] is not None or v["now"] is not None]
    if parts:
        out.append(("Diversity (Blau) then -> now: " + ", ".join(parts), "higher is more varied."))
    closure = c["closure"]
    if closure["density"]["now"] is not None or closure["density"]["then"] is not None:
        out.append((f"Closure then -> now: density {_pair(closure['density'])}, constraint position "
                    f"{_pair(closure['constraint_position'])}", c["ties_note"] + "."))
    return out


def _pair(value: dict) -> str:
    def one(x):
        return "not measured" if x is None else f"{x:.2f}"
    return f"{one(value['then'])} -> {one(value['now'])}"

"""`netfiles intro TARGET`: who can introduce you to a person or to a group.

A person (a contact): every contact is already tied to you, so the question
is who can give you a *warm* way in. Paths run from you through your contacts'
`knows` ties to the target, never over your own direct tie to the target.
A path is as good as the product of its ties' strengths, each on the 1..5
scale divided by 5: your tie to the introducer, then each `knows` tie, which
weighs the mean of your tie strengths (the vault does not record how strong
those are: a typical tie, the same weight as in Burt's measures). So a
strength-1 introducer (0.2) never beats a strength-5 one who knows the target
through one more person. The best path per introducer is found with
Dijkstra's algorithm on the costs -ln(strength / 5) (networkx); on equal
products a direct introducer comes before a roundabout one.

A group (`tag:mentor` or a tag, an organization, `FIELD=VALUE` such as
`industry=health`): introducers are your contacts *outside* the group who
know at least one member, ranked by the share of known attributes in which
they differ from `[me]` (2 of 2 before 3 of 6), then by the strength of your
tie, then by how many members they know: "ask existing contacts who differ
the most from ourselves to introduce us" (contacts unlike you know the
people you don't).

The network is read one contact at a time, in the pass that finds the ties, keeping of each
contact only what these rules ask (`IntroContact`): about a fifth of the memory of holding
every contact on a large vault.
"""
from __future__ import annotations

import datetime as _dt
import difflib
import math
from typing import Sequence, cast

import netfiles

from .network import EgoNetwork, items_of, network_of

ME = "\x00me"  # node id of the owner in the path graph: cannot clash with a contact path


class IntroError(Exception):
    """The target names nothing, or more than one thing; the message lists close names."""


def _cost(strength: float) -> float:
    """-ln(strength / 5): adding costs multiplies strengths, so the cheapest path has the largest product."""
    return -math.log(min(max(strength, 1.0), 5.0) / 5.0)


def knows_strength(network: EgoNetwork) -> float:
    """The weight of a `knows` tie: the mean of your tie strengths, as in Burt's measures (report.structure)."""
    values = network.strengths.values()
    return sum(values) / len(values) if values else 3.0


class IntroContact:
    """What `intro` reads of a contact: its name, aliases, tie strength evidence, and the fields it compares
    (`[health] attributes`, tags, organization and the target's field), as `Contact.attribute` gives them
    (lists as tuples). Equal texts and dates of all contacts are one object each (`_Shared`)."""

    __slots__ = ("path", "name", "aliases", "strength", "dates", "_fields", "_values")

    def __init__(self, contact: netfiles.Contact, fields: dict[str, int], shared: "_Shared"):
        self.path, self.name, self.aliases = contact.path, contact.name, shared(contact.aliases)
        self.strength, self.dates = contact.strength, shared(contact.dates)
        self._fields = fields  # field -> position in `_values`, one dict for every contact
        self._values = tuple([shared(contact.attribute(field)) for field in fields])

    def attribute(self, name: str):
        return self._values[self._fields[name]]  # KeyError for a field not gathered: never a silent None

    @property
    def tags(self) -> tuple:
        return self.attribute("tags")

    @property
    def organization(self) -> str | None:
        return self.attribute("organization")


class _Shared(dict):
    """One object per distinct text or date kept by `IntroContact`s; a list becomes a tuple of shared items."""

    def __missing__(self, value):
        self[value] = value
        return value

    def __call__(self, value):
        if isinstance(value, (list, tuple)):
            return tuple([self(item) for item in value])
        if isinstance(value, (str, _dt.date)):
            return self[value]
        return value


def target_field(target: str) -> str | None:
    """The field a `FIELD=VALUE` target names (`tag` and `tags` are `tags`), else None."""
    text = target.strip()
    if "=" not in text:
        return None
    field = text.split("=", 1)[0].strip().lower()
    return "tags" if field in ("tag", "tags") else field


def intro_network(vault, today: _dt.date, settings, target: str) -> EgoNetwork:
    """The ego network of `intro`: every contact as an `IntroContact`, gathered in the one pass over the vault
    that finds the ties (`netfiles.find_ties(names_only=True)`), so no contact is held in full."""
    field = target_field(target)
    names = dict.fromkeys([*settings.attributes, "tags", "organization", *([] if field is None else [field])])
    fields = {name: position for position, name in enumerate(names)}
    shared = _Shared()
    contacts: list[IntroContact] = []
    found = netfiles.find_ties(vault, ordered=False, names_only=True,
                               each=lambda contact: contacts.append(IntroContact(contact, fields, shared)))
    return network_of(vault, today, settings, contacts, found)


def _group_match(network: EgoNetwork, field: str, value: str) -> list[str]:
    wanted = value.casefold().strip()
    return [c.path for c in network.contacts
            if any(item.casefold() == wanted for item in items_of(c.attribute(field)))]


def _close_names(network: EgoNetwork, text: str, extra: Sequence[str] = ()) -> list[str]:
    pool = set(extra)
    for c in network.contacts:
        pool.update([c.name, *c.aliases, *c.tags])
        if c.organization:
            pool.add(str(c.organization))
    lowered = {p.casefold(): p for p in pool if p}
    needle = text.casefold()
    close = difflib.get_close_matches(needle, list(lowered), n=6, cutoff=0.6)
    contains = sorted(p for k, p in lowered.items() if needle and needle in k and k not in close)
    return list(dict.fromkeys([lowered[k] for k in close] + contains))[:8]


def resolve_target(vault, network: EgoNetwork, target: str) -> tuple[str, str, list[str]]:
    """(kind, label, matching contact paths): kind is contact, tag, organization or attribute."""
    text = target.strip()
    if not text:
        raise IntroError("name a contact, a tag (tag:mentor), an organization or FIELD=VALUE (industry=health)")
    field = target_field(text)
    if field is not None:
        value = text.split("=", 1)[1].strip()
        found = _group_match(network, field, value)
        if not found:
            seen = sorted({i for c in network.contacts for i in items_of(c.attribute(field))}, key=str.casefold)
            hint = difflib.get_close_matches(value, seen, n=5, cutoff=0.5) or seen[:8]
            raise IntroError(f"no contact has {field}={value}."
                             + (f" Values of {field} in the vault include: {', '.join(hint)}." if hint
                                else f" No contact has a `{field}` at all."))
        return "attribute", f"{field}={value}", found
    if text.startswith(("tag:", "#")):
        tag = text.split(":", 1)[1] if text.startswith("tag:") else text[1:]
        found = _group_match(network, "tags", tag)
        if not found:
            tags = sorted({t for c in network.contacts for t in c.tags}, key=str.casefold)
            hint = difflib.get_close_matches(tag, tags, n=5, cutoff=0.5)
            raise IntroError(f"no contact has the tag {tag!r}." + (f" Did you mean: {', '.join(hint)}?" if hint else ""))
        return "tag", f"tag:{tag}", found
    contacts = vault.resolve(text)
    if len(contacts) == 1:
        return "contact", contacts[0].name, [contacts[0].path]
    if len(contacts) > 1:
        listing = ", ".join(f"{c.name} ({c.path})" for c in contacts)
        raise IntroError(f"{text!r} is ambiguous: it names {listing}. Use the file name.")
    found = _group_match(network, "tags", text)
    if found:
        return "tag", f"tag:{text}", found
    found = _group_match(network, "organization", text)
    if found:
        return "organization", text, found
    close = _close_names(network, text)
    raise IntroError(f"nothing in the vault is called {text!r} (contact names, aliases, tags and organizations "
                     "were searched)." + (f" Did you mean: {', '.join(close)}?" if close else "")
                     + " For a field, use FIELD=VALUE, e.g. industry=health.")


def _strength_words(network: EgoNetwork, path: str) -> str:
    value = network.strengths[path]
    kind = "strong" if value >= network.settings.strong_threshold else "weak"
    return f"{kind} tie, strength {value:.1f}"


def differences(network: EgoNetwork, path: str) -> tuple[int, int, list[str]]:
    """(attributes that differ from [me], attributes known on both sides, "field: value" of the differences)."""
    contact = network.by_path[path]
    differ = compared = 0
    what = []
    for field in network.settings.attributes:
        mine = {i.casefold() for i in items_of(network.me.get(field))}
        theirs = items_of(contact.attribute(field))
        if not mine or not theirs:
            continue
        compared += 1
        if not mine & {i.casefold() for i in theirs}:
            differ += 1
            what.append(f"{field} {', '.join(theirs)}")
    return differ, compared, what


def find_introducers(vault, target: str, count: int, today, settings) -> dict:
    network = intro_network(vault, today, settings, target)
    kind, label, found = resolve_target(vault, network, target)
    if kind == "contact":
        return _contact_intro(network, found[0], count)
    return _group_intro(network, kind, label, found, count)


def _contact_intro(network: EgoNetwork, target: str, count: int) -> dict:
    import networkx as nx

    contact = network.by_path[target]
    graph: nx.Graph[str] = nx.Graph()
    graph.add_nodes_from(network.paths)
    cost = _cost(knows_strength(network))
    graph.add_edges_from(network.ties)  # every tie costs the same: given by a function, not stored on 200,000 edges
    # Without a target it returns (distances, paths); the networkx stubs do not overload on `target` yet.
    distance, paths = cast("tuple[dict[str, float], dict[str, list[str]]]",
                           nx.single_source_dijkstra(graph, target, weight=lambda _a, _b, _data: cost))
    options = []
    for path, inner in distance.items():
        if path == target:
            continue
        total = _cost(network.strengths[path]) + inner
        options.append((round(total, 12), len(paths[path]), network.name(path).casefold(), path))
    options.sort()
    introducers = []
    for total, _hops, _key, path in options[:count]:
        chain = list(reversed(paths[path]))  # introducer ... target
        names = [network.name(p) for p in chain]
        if len(chain) == 2:
            why = f"knows {network.name(target)} directly; your {_strength_words(network, path)}"
        else:
            why = f"knows {network.name(target)} through {', '.join(names[1:-1])}; your {_strength_words(network, path)}"
        introducers.append({"name": network.name(path), "strength": float(network.strengths[path]),
                            "strong": network.strengths[path] >= network.settings.strong_threshold,
                            "path": [network.me_name or "you", *names], "score": math.exp(-total),
                            "why": why})
    last = contact.dates[0].isoformat() if contact.dates else None
    message = (f"{network.name(target)} is already your contact ({_strength_words(network, target)}"
               + (f", last contact {last}" if last else ", no interaction logged") + ").")
    if introducers:
        message += " For a warm re-introduction, ask:"
    else:
        message += " Nobody else in your vault is recorded as knowing them (add `knows` links)."
    return {"target": network.name(target), "kind": "contact", "matches": [network.name(target)],
            "already_contact": True, "target_strength": float(network.strengths[target]), "last_contact": last,
            "introducers": introducers, "message": message}


def _group_intro(network: EgoNetwork, kind: str, label: str, members: list[str], count: int) -> dict:
    member_set = set(members)
    adjacency = network.adjacency()
    rows = []
    has_me = bool(network.me)
    for path in network.paths:
        if path in member_set:
            continue  # a member is not a way into their own group
        known = sorted(adjacency[path] & member_set - {path}, key=lambda p: (-network.strengths[p], network.name(p)))
        if not known:
            continue
        differ, compared, what = differences(network, path) if has_me else (0, 0, [])
        share = differ / compared if compared else 0.0
        rows.append((-share, -network.strengths[path], -len(known), network.name(path).casefold(), path, known,
                     differ, compared, what))
    rows.sort()
    introducers = []
    for _a, _b, _c, _d, path, known, differ, compared, what in rows[:count]:
        parts = []
        if has_me and compared:
            parts.append(f"differs from you in {differ} of {compared} attributes"
                         + (f" ({'; '.join(what[:3])})" if what else ""))
        parts.append(f"knows {len(known)} of them: {', '.join(network.name(p) for p in known[:3])}"
                     + (" ..." if len(known) > 3 else ""))
        parts.append(f"your {_strength_words(network, path)}")
        introducers.append({"name": network.name(path), "strength": float(network.strengths[path]),
                            "strong": network.strengths[path] >= network.settings.strong_threshold,
                            "differences": differ if has_me else None, "compared": compared if has_me else None,
                            "difference_share": differ / compared if has_me and compared else None,
                            "knows": [network.name(p) for p in known],
                            "path": [network.me_name or "you", network.name(path)],
                            "why": "; ".join(parts)})
    shown = sorted((network.name(p) for p in members), key=str.casefold)
    phrase = {"organization": f"at {label}", "tag": f"tagged {label[4:]}"}.get(kind, f"with {label}")
    message = (f"You already know {len(members)} contact{'s' * (len(members) != 1)} {phrase}: "
               f"{', '.join(shown[:8])}{' ...' if len(shown) > 8 else ''}.")
    if introducers:
        message += " To meet more of them, ask the contacts who differ most from you:" if has_me else \
            " To meet more of them, ask (add [me] to rank by how much they differ from you):"
    else:
        message += " Nobody in your vault is recorded as knowing them (add `knows` links)."
    return {"target": label, "kind": kind, "matches": shown, "already_contact": False,
            "introducers": introducers, "message": message}


def render_intro(result: dict) -> str:
    lines = [result["message"]]
    for number, item in enumerate(result["introducers"], 1):
        lines.append(f"  {number}. {item['name']}: {item['why']}")
        if len(item["path"]) > 2:  # a group introducer's path is just you -> them; `why` says whom they know
            lines.append(f"     path: {' -> '.join(item['path'])}")
    return "\n".join(lines) + "\n"

"""Check rules of the health plugin (code prefix NH).

| code  | severity | meaning |
| ----- | -------- | ------- |
| NH001 | error    | a `[health]` setting has a bad value (the health report refuses to run) |
| NH002 | warning  | an unknown setting in `[health]` (probably a typo) |
| NH101 | warning  | a one-sided `knows` link that looks like a typo for the contact who claims the tie |

NH101: A's file says it knows B; B's file does not name A back, but names
someone else whose name is close to A's (a broken link, or a contact who does
not name B back either). "Jon Smith" in B's file when "John Smith" says he
knows B is probably a typo. `knows` is undirected, so a tie recorded on one
side only is normal and never reported on its own.
"""
from __future__ import annotations

from difflib import SequenceMatcher
from typing import NamedTuple

from netfiles import CONFIG_PATH, Diagnostic, WARNING, ERROR

SIMILARITY = 0.8


def check_vault(vault) -> list[Diagnostic]:
    from .settings import config_line, settings_of

    diags = []
    _settings, problems = settings_of(vault)
    for p in problems:
        code = "NH001" if p.severity == "error" else "NH002"
        severity = ERROR if p.severity == "error" else WARNING
        line = config_line(vault, p.key)
        diags.append(Diagnostic(CONFIG_PATH, line, 1 if line else 0, code, severity, p.message))
    diags.extend(typo_ties(vault))
    return diags


class _Person(NamedTuple):
    """What NH101 needs of a contact: a few fields, not the whole contact."""

    path: str
    name: str
    keys: tuple[str, ...]  # name, stem and aliases, casefolded
    knows: tuple


def _keys(contact) -> list[str]:
    return list(dict.fromkeys(k.casefold() for k in (contact.name, contact.stem, *contact.aliases)))


def _similar(text: str, keys: tuple[str, ...]) -> bool:
    text = text.casefold()
    for key in keys:
        if key == text:
            return False
        matcher = SequenceMatcher(None, text, key)
        if matcher.real_quick_ratio() >= SIMILARITY and matcher.quick_ratio() >= SIMILARITY \
                and matcher.ratio() >= SIMILARITY:
            return True
    return False


def typo_ties(vault) -> list[Diagnostic]:
    # What the rule needs of each contact, read one contact at a time (holding every contact took a gigabyte
    # at 100,000), and each contact's knows links, resolved: (link, resolved path or None, whether it exists).
    contacts = [_Person(c.path, c.name, tuple(_keys(c)), tuple(c.knows)) for c in vault.each_contact()]
    by_path = {c.path: c for c in contacts}
    resolved = {}
    for contact in contacts:
        links = []
        for link in contact.knows:
            found = [by_path[p] for p in vault.resolve_paths(link.target) if p in by_path]
            links.append((link, found[0] if len(found) == 1 else None, bool(found)))
        resolved[contact.path] = links
    claims = {c.path: {t.path for _, t, _ in resolved[c.path] if t is not None} for c in contacts}
    diags = []
    seen = set()
    for a in contacts:
        for _link, b, _ in resolved[a.path]:
            if b is None or b is a or a.path in claims[b.path]:
                continue  # broken (NF301 reports it), self, or named back: fine
            for link, other, exists in resolved[b.path]:
                if other is a:
                    continue
                if other is not None and b.path in claims[other.path]:
                    continue  # a confirmed tie on both sides
                if exists and other is None:
                    continue  # ambiguous: NF303 reports it
                if _similar(link.target.split("/")[-1], a.keys) and (b.path, link.line, link.col) not in seen:
                    seen.add((b.path, link.line, link.col))
                    what = "is a broken link" if other is None else f"is {other.name} ({other.path})"
                    diags.append(Diagnostic(
                        b.path, link.line, link.col, "NH101", WARNING,
                        f"knows [[{link.target}]], which {what}, while {a.name} ({a.path}) says they know "
                        f"{b.name}: did you mean [[{a.name}]]?"))
    return sorted(diags)

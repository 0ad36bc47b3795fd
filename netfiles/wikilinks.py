"""Wikilinks (`[[Target]]`, `[[Target|shown]]`, `[[folder/Target]]`, `[[Target#Heading]]`) and their resolution."""
from __future__ import annotations

import re

LINK = re.compile(r"\[\[([^\[\]]+?)\]\]")


def link_target(raw: str) -> str:
    """The target of one link text, without brackets, alias, heading or `.md`: `[[a/B#h|x]]` -> `a/B`."""
    text = raw.strip()
    if text.startswith("[[") and text.endswith("]]"):
        text = text[2:-2]
    text = text.split("|", 1)[0].split("#", 1)[0].strip()
    if text.lower().endswith(".md"):
        text = text[:-3]
    return text


def find_links(text: str) -> list[str]:
    """Targets of every wikilink in a piece of Markdown, in order of appearance."""
    return [t for t in (link_target(m.group(1)) for m in LINK.finditer(text)) if t]


def find_links_with_pos(text: str):
    """Yield (target, offset) for each wikilink, so callers can report a line and column."""
    for match in LINK.finditer(text):
        target = link_target(match.group(1))
        if target:
            yield target, match.start()


class Resolver:
    """Maps link targets to contacts, case-insensitively, by file stem, `name` or alias (FORMAT.md section 3)."""

    def __init__(self, contacts):
        self._by_key: dict[str, list] = {}
        self._contacts = contacts
        for contact in contacts:
            keys = {contact.stem.casefold(), contact.name.casefold()}
            keys.update(a.casefold() for a in contact.aliases)
            for key in keys:
                self._by_key.setdefault(key, []).append(contact)

    def resolve(self, target: str) -> list:
        """All contacts a target names: one is a match, none is broken, more than one is ambiguous."""
        target = link_target(target)
        if "/" in target:
            suffix = "/" + target.casefold()
            found = [c for c in self._contacts if ("/" + c.path[:-3].casefold()).endswith(suffix)]
            if found:
                return found
            target = target.rsplit("/", 1)[1]
        return list(self._by_key.get(target.casefold(), ()))

    def candidates(self, text: str, limit: int = 8) -> list:
        """Contacts whose name, stem or alias contains the text: suggestions for an unknown name."""
        needle = text.casefold()
        seen, found = set(), []
        for key, contacts in self._by_key.items():
            if needle in key:
                for c in contacts:
                    if c.path not in seen:
                        seen.add(c.path)
                        found.append(c)
        return sorted(found, key=lambda c: c.name.casefold())[:limit]

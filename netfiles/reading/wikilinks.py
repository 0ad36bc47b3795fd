"""Wikilinks (`[[Target]]`, `[[Target|shown]]`, `[[folder/Target]]`, `[[Target#Heading]]`) and their resolution."""
from __future__ import annotations

import re
import unicodedata

LINK = re.compile(r"\[\[([^\[\]]+?)\]\]")


def fold(text: str) -> str:
    """The form names are compared in: case-insensitive, and the same whether an accent is one character
    or two (macOS may store `João.md` decomposed while the link in the text is composed)."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", text).casefold())


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


def resolve_target(target: str, paths_ending, named) -> list:
    """The one resolution rule (docs/format.md, section 3), over any lookup of contacts.

    A `folder/Name` target names the contacts whose path ends with it (`paths_ending(target)`),
    else, like every other target, those answering to its last part (`named(name)`: stem,
    `name` or alias, compared folded). One found is a match, none broken, more ambiguous.
    """
    target = link_target(target)
    if "/" in target:
        found = paths_ending(target)
        if found:
            return found
        target = target.rsplit("/", 1)[1]
    return named(target)


def path_ends_with(path: str, target: str) -> bool:
    """True when a contact's path (with `.md`) ends with a `folder/Name` target, compared folded."""
    return ("/" + fold(path[:-3])).endswith("/" + fold(target))


class Resolver:
    """Maps link targets to contacts, case-insensitively, by file stem, `name` or alias (docs/format.md, section 3)."""

    def __init__(self, contacts):
        self._by_key: dict[str, list] = {}
        self._contacts = contacts
        for contact in contacts:
            keys = {fold(contact.stem), fold(contact.name)}
            keys.update(fold(a) for a in contact.aliases)
            for key in keys:
                self._by_key.setdefault(key, []).append(contact)

    def resolve(self, target: str) -> list:
        """All contacts a target names: one is a match, none is broken, more than one is ambiguous."""
        return resolve_target(target, lambda t: [c for c in self._contacts if path_ends_with(c.path, t)],
                              lambda name: list(self._by_key.get(fold(name), ())))

    def candidates(self, text: str, limit: int = 8) -> list:
        """Contacts whose name, stem or alias contains the text: suggestions for an unknown name."""
        needle = fold(text)
        seen, found = set(), []
        for key, contacts in self._by_key.items():
            if needle in key:
                for c in contacts:
                    if c.path not in seen:
                        seen.add(c.path)
                        found.append(c)
        if not found:  # a typo: names that look alike
            import difflib

            for key in difflib.get_close_matches(needle, list(self._by_key), n=limit, cutoff=0.75):
                for c in self._by_key[key]:
                    if c.path not in seen:
                        seen.add(c.path)
                        found.append(c)
        return sorted(found, key=lambda c: c.name.casefold())[:limit]

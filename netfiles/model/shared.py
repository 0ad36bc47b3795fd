"""One object per distinct value while many contacts are built, so equal texts and dates are stored once.

Decoding 100,000 index records makes a fresh string for every key, tag, organization, kind and
date of every contact, and the typed fields of a `Contact` repeat the texts of its front matter.
Built through one `SharedValues`, all of them point at one object per distinct value: a whole
vault in memory takes about half the space (docs/index.md, section Memory). Only immutable
values (str, dates) are shared; lists and dicts stay one per contact, so changing one contact
never changes another.
"""
from __future__ import annotations

import datetime as _dt


class SharedValues(dict):
    """{value: the one object kept for it}; `shared(value)` gives that object, keeping the first seen."""

    def __missing__(self, value):
        self[value] = value
        return value

    def shared(self, value):
        """The value with every string in it (dict keys and values, list items) replaced by the kept one."""
        kind = type(value)
        if kind is str:
            return self[value]
        if kind is list:
            return [self.shared(item) for item in value]
        if kind is dict:
            return {self[key] if type(key) is str else key: self.shared(item) for key, item in value.items()}
        return value

    def day(self, text: str) -> _dt.date:
        """The date of an ISO text, parsed once per distinct text."""
        key = ("date", text)
        found = self.get(key)
        if found is None:
            found = self[key] = _dt.date.fromisoformat(text)
        return found

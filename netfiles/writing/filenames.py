"""Safe, readable file names for new contacts: nothing Obsidian, Windows or a path could trip on."""
from __future__ import annotations

import re
import unicodedata

# Path separators, characters Windows or Obsidian links reject, control characters (C0 and C1),
# and bidi overrides that could make "evil\u202etxt.md" read as something else.
_FORBIDDEN = re.compile('[\\\\/:*?"<>|#^\\[\\]\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]')
_RESERVED = {"con", "prn", "aux", "nul", *(f"{p}{n}" for p in ("com", "lpt") for n in "0123456789¹²³")}
MAX_STEM = 100
MAX_STEM_BYTES = 200  # file systems stop at 255 bytes; leave room for ".md" and a suffix


def safe_filename(name: str) -> str:
    """A file stem for a contact named `name`: no separators, no `..`, no reserved names, never empty."""
    text = unicodedata.normalize("NFC", str(name or ""))
    text = _FORBIDDEN.sub(" ", text)
    text = re.sub(r"\.{2,}", ".", text)  # no ".." anywhere
    text = re.sub(r"\s+", " ", text).strip().lstrip(". ")  # no hidden files
    text = _shorten(text).rstrip(" .")  # Windows drops trailing dots and spaces
    if not text:
        text = "Unnamed"
    if text.split(".")[0].strip().lower() in _RESERVED:
        text = f"{text} (contact)"
    return text


def _shorten(text: str) -> str:
    text = text[:MAX_STEM]
    while len(text.encode("utf-8")) > MAX_STEM_BYTES:
        text = text[:-1]
    while text and unicodedata.category(text[-1]) in ("Mn", "Me", "Cf"):  # no half of a combined character
        text = text[:-1]
    return text

"""Safe, readable file names for new contacts: nothing Obsidian, Windows or a path could trip on."""
from __future__ import annotations

import re
import unicodedata

_FORBIDDEN = re.compile(r'[\\/:*?"<>|#^\[\]\x00-\x1f\x7f]')
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}
MAX_STEM = 100


def safe_filename(name: str) -> str:
    """A file stem for a contact named `name`: no separators, no `..`, no reserved names, never empty."""
    text = unicodedata.normalize("NFC", str(name))
    text = _FORBIDDEN.sub(" ", text)
    text = re.sub(r"\s+", " ", text).strip().strip(".").strip()
    text = text[:MAX_STEM].rstrip(" .")
    if not text or set(text) <= {"."}:
        text = "Unnamed"
    if text.split(".")[0].strip().lower() in _RESERVED:
        text = f"{text} (contact)"
    return text

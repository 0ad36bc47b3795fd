"""The small normalising helpers the importers share (names, LinkedIn URLs).

Importers turn foreign data (LinkedIn exports, vCards, calendars, mail) into
the core's `netfiles.ContactRecord`s, and `netfiles.merge_people` decides how
to merge them into Markdown files.  File names come from the
core's `netfiles.safe_filename`, identity keys from `netfiles.normalize_linkedin`.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import unquote, urlsplit, urlunsplit

import netfiles

__all__ = [
    "ContactRecord",
    "InteractionRecord",
    "Problem",
    "clean_name",
    "canonical_linkedin_url",
]


# The records themselves are the core's (the identity engine's), kept here
# under their old names for the parsers.
ContactRecord = netfiles.ContactRecord
InteractionRecord = netfiles.InteractionRecord
Problem = netfiles.ImportProblem


# --------------------------------------------------------------------------
# Names

# Credentials are dropped: they are not part of how people are addressed
# and they make the same person look different across sources.  Compared
# case-insensitively with dots removed ("Ph.D." == "phd").
_CREDENTIALS = {
    "phd", "dphil", "edd", "mba", "emba", "cfa", "cpa", "pmp", "capm", "csm",
    "cspo", "safe", "cissp", "cism", "cisa", "ceh", "oscp", "frm", "caia",
    "acca", "aca", "fca", "cima", "cma", "shrm-cp", "shrm-scp", "phr", "sphr",
    "pe", "peng", "leed", "leed ap", "ap", "md", "do", "dds", "dmd", "rn",
    "np", "pa-c", "jd", "llm", "esq", "msc", "ms", "ma", "meng", "mphil",
    "mpa", "mph", "bsc", "bs", "ba", "beng", "bcom", "mcom", "dr", "prof",
    "fcca", "cfp", "chfc", "clu", "itil", "ccna", "ccnp", "ccie", "mcse",
    "aws", "gcp", "six sigma", "lssbb", "lssgb", "cscp", "cpim", "cips",
    "mcips", "fhea", "frsa", "obe", "mbe", "cbe",
}
# Credentials that are also common surnames ("Ma", "Do", "Pe") are only
# dropped after a comma, never as a bare trailing word.
_AMBIGUOUS_BARE = {
    "ma", "ms", "md", "do", "ba", "bs", "pe", "ap", "np", "rn", "jd", "pa-c",
    "aws", "gcp", "dr", "prof", "safe", "aca", "cma", "leed", "itil",
}
# Credentials usually written in title case ("Esq", "Msc"): accepted as
# bare trailing words even though they look like a capitalised surname.
_TITLECASE_CREDENTIALS = {"esq", "phd", "msc", "bsc", "meng", "mphil", "llm", "peng", "dphil", "edd"}
# Generational suffixes are part of the name and are kept.
_GENERATIONAL = {"jr", "sr", "ii", "iii", "iv", "v", "vi"}

_PRONOUNS_RE = re.compile(
    r"\(\s*(?:she|he|they|ze|xe|her|him|them)\s*(?:/\s*\w+\s*)+\)", re.IGNORECASE
)
_SPACE_RE = re.compile(r"\s+")


def _key(token: str) -> str:
    return token.strip().strip(".").replace(".", "").lower()


def _is_credential(segment: str, *, bare: bool) -> bool:
    """True when every word of `segment` is a credential ("MBA", "PhD CFA",
    "MBA/CFA")."""
    words = [w for w in re.split(r"[\s/&+]+", segment) if w]
    if not words:
        return False
    if not bare and _key(segment) in _CREDENTIALS:  # "LEED AP", "Six Sigma"
        return True
    for word in words:
        k = _key(word)
        if k not in _CREDENTIALS:
            return False
        if bare and (k in _AMBIGUOUS_BARE or _looks_like_surname(word)):
            return False
    return True


def _looks_like_surname(word: str) -> bool:
    """"Cima" and "Obe" are surnames; "CIMA" and "OBE" are credentials."""
    word = word.strip(".,")
    return word.isalpha() and word.istitle() and _key(word) not in _TITLECASE_CREDENTIALS


def _is_decoration(ch: str) -> bool:
    """Emoji and pictographs people put in display names ("Ana 🚀")."""
    cat = unicodedata.category(ch)
    return cat in ("So", "Sk", "Cs", "Co") or ch in "\u200d\ufe0f\ufe0e\u20e3"


def _strip_decorations(text: str) -> str:
    words = text.split()
    kept = [w for w in words if not all(_is_decoration(c) for c in w)]
    # Emoji glued to a word ("Ana🚀") is trimmed from the word's ends only.
    kept = [_trim_decorations(w) for w in kept]
    kept = [w for w in kept if w]
    return " ".join(kept) if kept else text


def _trim_decorations(word: str) -> str:
    start, end = 0, len(word)
    while start < end and _is_decoration(word[start]):
        start += 1
    while end > start and _is_decoration(word[end - 1]):
        end -= 1
    return word[start:end]


def clean_name(first: str | None, last: str | None = "") -> str:
    """Join first and last name and drop the noise LinkedIn names carry.

    Credentials ("PhD", "MBA", "CFA", "PMP", ...) are dropped, generational
    suffixes ("Jr.", "III") are kept (as "Ana Souza Jr.", without the comma),
    pronoun tags like "(she/her)" and emoji-only decorations go, and
    whitespace is collapsed.  The result is idempotent: cleaning a clean
    name returns it unchanged.  If cleaning would leave nothing, the
    whitespace-collapsed original is returned.
    """
    raw = " ".join(p for p in ((first or "").strip(), (last or "").strip()) if p)
    raw = unicodedata.normalize("NFC", raw)
    raw = "".join(c for c in raw if unicodedata.category(c) != "Cc")
    raw = _SPACE_RE.sub(" ", raw).strip()
    if not raw:
        return ""
    text = _PRONOUNS_RE.sub(" ", raw)
    text = _strip_decorations(text)

    # Comma-separated tail: "Ana Souza, PhD, MBA" / "Ana Souza, Jr."
    parts = [p.strip() for p in text.split(",")]
    head, suffixes = parts[0], []
    for part in parts[1:]:
        if not part or _is_credential(part, bare=False):
            continue
        if _key(part) in _GENERATIONAL:
            suffixes.append(part.rstrip(".") + "." if _key(part) in ("jr", "sr") else part)
        else:
            # Not a suffix at all ("Souza, Ana" or a company): keep as written.
            head = f"{head}, {part}"

    # Bare trailing credentials: "Ana Souza PhD", "Ana Souza MBA CFA".
    words = head.split()
    while len(words) > 1 and _is_credential(words[-1].strip(","), bare=True):
        words.pop()
    # Keep a bare generational suffix in place ("Ana Souza Jr.").
    head = " ".join(words).rstrip(",").strip()

    result = _SPACE_RE.sub(" ", " ".join([head, *suffixes])).strip()
    return result or raw


# --------------------------------------------------------------------------
# LinkedIn URLs

_LINKEDIN_HOST_RE = re.compile(r"^(?:[a-z0-9-]+\.)?linkedin\.com$")


def canonical_linkedin_url(url: str | None) -> str | None:
    """The profile URL to WRITE into a contact file: https, lower case, no
    query or fragment, no trailing slash, percent-escapes decoded.

    For matching people, use the core's `netfiles.normalize_linkedin` on
    this (or any) form: it gives the identity key ("linkedin.com/in/x")
    that `netfiles check` compares (NF302).

    Host: "linkedin.com", "www.linkedin.com" and country hosts such as
    "uk.linkedin.com" all become "www.linkedin.com" -- the form LinkedIn
    itself writes in its exports and the one users copy from the browser,
    so the result compares equal to hand-written URLs under the vault's
    simpler rule (lower case, no query, no trailing slash).  A bare
    "linkedin.com/in/x" without a scheme is accepted.  Non-LinkedIn URLs
    get the same treatment except the host rewrite.  Blank input, and text
    that is not a valid URL (`netfiles.url_problem`, such as `http://[...`),
    give None: this never raises.
    """
    if url is None:
        return None
    text = url.strip()
    if not text or netfiles.url_problem(text):
        return None
    if not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", text):
        text = "https://" + text.lstrip("/")
    parts = urlsplit(text)
    host = (parts.hostname or "").lower()
    if _LINKEDIN_HOST_RE.match(host):
        host = "www.linkedin.com"
    elif parts.port:
        host = f"{host}:{parts.port}"
    path = unquote(parts.path).lower().rstrip("/")
    return urlunsplit(("https", host, path, "", ""))

"""`netfiles help TOPIC`: the documentation that ships with netfiles, readable without the repository.

A wheel carries `docs/*.md` as the package data `netfiles/docs/`; a source
checkout or an editable install reads the repository's own `docs/` folder.
Either way a user reads the same text the repository links to.
"""
from __future__ import annotations

from pathlib import Path

#: Topic names and what each covers, for `netfiles help` without a topic.
TOPICS = {
    "format": "the file format: vault, contact fields, wikilinks, interactions, diagnostic codes",
    "safety": "what netfiles promises about your files, the index and plugins you did not write",
    "reminders": "due, suggest, plan: who to get in touch with and when",
    "health": "every network measure, its formula, cut-offs and sources",
    "import": "importing and exporting contacts",
    "plugins": "writing plugins: hooks, packaging, testing",
    "api": "reference of every public name for plugin authors (Contact, Vault, Diagnostic...)",
    "pre-commit": "checking every commit",
    "watch": "keeping the index current as files change",
    "tiers": "inner, core, dormant and wider: tie strength, tiers, review and dormant ties",
    "ties": "who knows whom: written and inferred ties, with their evidence",
    "attributes": "seniority, function and industry inferred from job titles and organizations",
    "git": "syncing a vault between devices: the merge driver for contact files",
    "benchmarks": "speed and memory at 1k, 10k and 100k contacts",
}


def docs_folder() -> Path | None:
    """Where the Markdown documentation is: installed package data, else the source checkout's docs/."""
    installed = Path(__file__).resolve().parents[1] / "docs"
    if installed.is_dir():
        return installed
    checkout = Path(__file__).resolve().parents[2] / "docs"
    return checkout if checkout.is_dir() else None


def available_topics() -> dict[str, str]:
    """The known topics whose page exists, plus any other page in the docs folder (plugins may add pages)."""
    folder = docs_folder()
    if folder is None:
        return {}
    pages = {p.stem for p in folder.glob("*.md")}
    found = {name: text for name, text in TOPICS.items() if name in pages}
    found.update({name: "" for name in sorted(pages - set(TOPICS))})
    return found


def topic_text(name: str) -> str | None:
    """The page of one topic, or None when there is no such page."""
    folder = docs_folder()
    if folder is None or not name.replace("-", "").isalnum():
        return None
    page = folder / f"{name}.md"
    return page.read_text(encoding="utf-8") if page.is_file() else None

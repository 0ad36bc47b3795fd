"""Cross-file rules of docs/format.md: links in `knows`/`introduced_by` resolve (NF301, NF303), identities are unique (NF302)."""
from __future__ import annotations

from ..model.diagnostics import Diagnostic
from ..store.index import identity_keys


def link_diagnostics(vault, path: str, record: dict) -> list[Diagnostic]:
    """Broken and ambiguous wikilinks in one contact's `knows` and `introduced_by`."""
    diags = []
    for field in ("knows", "introduced_by"):
        for target, line, col in record.get(field, ()):
            found = vault.resolve_paths(target)
            if not found:
                diags.append(Diagnostic.core(path, line, col, "NF301",
                                             f"`{field}` links to [[{target}]], but no contact has that name, file name or alias"))
            elif len(found) > 1:
                names = ", ".join(sorted(found))
                diags.append(Diagnostic.core(path, line, col, "NF303",
                                             f"`{field}` link [[{target}]] is ambiguous: it matches {names}"))
    return diags


def identity_diagnostics(vault, path: str, record: dict, owners: dict[str, list[str]] | None = None) -> list[Diagnostic]:
    """The same email or LinkedIn URL in another contact file: two files for one person."""
    diags = []
    lines = record.get("identity_lines", {})
    for key in identity_keys(record):
        # `owners`: the keys of more than one file (`Index.shared_identities`); any other is this file's alone
        paths = owners.get(key, ()) if owners is not None else vault.index.paths_with_identity(key)
        others = sorted(set(paths) - {path})
        if others:
            kind, value = key.split(":", 1)
            line, col = lines.get(key, (0, 0))
            what = "email" if kind == "email" else "LinkedIn URL"
            diags.append(Diagnostic.core(path, line, col, "NF302",
                                         f"duplicate identity: {what} {value} is also in {', '.join(others)}"))
    return diags

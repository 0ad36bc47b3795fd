"""Write docs/api.md, the API reference for plugin authors, from the public names' docstrings.

    python3 docs/gen_api.py > docs/api.md

tests/test_docs.py fails when docs/api.md is not what this prints, so the reference never
drifts from the code. Only the public names of `netfiles` (netfiles.__all__) are listed.
"""
from __future__ import annotations

import dataclasses
import inspect
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import netfiles  # noqa: E402

HEADER = """\
# API reference

Generated from the docstrings by `python3 docs/gen_api.py > docs/api.md`; a test keeps the two
equal. These are the public names of `netfiles` (plugins import nothing else): everything a plugin
or script may rely on. The hooks themselves are described in [plugins.md](plugins.md).

"""

#: Sections in reading order; any public name not listed lands in "Other names".
GROUPS = {
    "Plugins and the command line": ["hookimpl", "get_plugin_manager", "call_hook", "create_cli", "main", "App",
                                     "pass_app", "today_option", "DATE", "DURATION"],
    "Errors": ["NetfilesError", "UsageProblem", "SettingError", "ConfigError", "InvalidValue", "DuplicateContact",
               "WriteError", "FileChangedError", "ContactNotFound", "AmbiguousName", "NoSuchContact"],
    "The vault and its contacts": ["load_vault", "Vault", "Contact", "Interaction", "Note", "Link", "ATTRIBUTES"],
    "Diagnostics and checks": ["Diagnostic", "ERROR", "WARNING", "check_vault", "FieldSpec"],
    "Writing files": ["write_atomic", "append_log_line", "set_missing_fields", "create_contact", "render_contact",
                      "Snapshot", "safe_filename"],
    "Importers, exporters and report sections": ["Importer", "Exporter", "ImportReport", "ReportSection"],
    "Dates, fields and links": ["parse_cadence", "parse_iso_date", "parse_birthday", "parse_duration", "NEVER",
                                "normalize_linkedin", "find_links", "link_target"],
    "Output": ["neutralize", "write_csv", "print_json", "print_table", "Progress", "use_color"],
}


def _doc(obj) -> str:
    text = inspect.getdoc(obj) or ""
    return text.strip()


def _signature(obj) -> str:
    try:
        return str(inspect.signature(obj))
    except (TypeError, ValueError):
        return ""


def _own_members(cls) -> list[tuple[str, object]]:
    """Public methods and properties defined by the class itself (not by object or a library base)."""
    members = []
    for name, value in vars(cls).items():
        if name.startswith("_"):
            continue
        if isinstance(value, (property, staticmethod, classmethod)) or inspect.isfunction(value):
            members.append((name, value))
        elif type(value).__name__ == "cached_property":
            members.append((name, value))
    return members


def describe_class(name: str, cls) -> list[str]:
    lines = [f"### `{name}`", ""]
    if _doc(cls):
        lines += [_doc(cls), ""]
    if dataclasses.is_dataclass(cls):
        lines.append("| field | type |")
        lines.append("| --- | --- |")
        for f in dataclasses.fields(cls):
            kind = f.type if isinstance(f.type, str) else getattr(f.type, "__name__", str(f.type))
            lines.append(f"| `{f.name}` | `{kind}` |")
        lines.append("")
    for member, value in _own_members(cls):
        target = value.fget if isinstance(value, property) else getattr(value, "func", value)
        if isinstance(value, (staticmethod, classmethod)):
            target = value.__func__
        is_attribute = isinstance(value, property) or type(value).__name__ == "cached_property"
        heading = f"- `{member}`" if is_attribute else f"- `{member}{_signature(target).replace('(self, ', '(').replace('(self)', '()')}`"
        summary = _doc(target).split("\n\n", 1)[0].replace("\n", " ")
        lines.append(f"{heading}: {summary}" if summary else heading)
    if lines[-1] != "":
        lines.append("")
    return lines


def describe(name: str) -> list[str]:
    obj = getattr(netfiles, name)
    if inspect.isclass(obj):
        return describe_class(name, obj)
    if callable(obj) and (inspect.isfunction(obj) or inspect.isbuiltin(obj)):
        lines = [f"### `{name}{_signature(obj)}`", ""]
        return lines + ([_doc(obj), ""] if _doc(obj) else [])
    return [f"### `{name}`", "", f"A constant: `{obj!r}`." if not callable(obj) else _doc(obj) or "", ""]


def fixtures() -> list[str]:
    """The pytest fixtures of `netfiles.testing` (pytest11 entry point), with their docstrings."""
    import netfiles.testing as testing

    lines = ["## pytest fixtures for plugin tests", "",
             "Installed with netfiles through the `pytest11` entry point, so a plugin's tests use them without",
             "imports.", ""]
    for name, value in vars(testing).items():
        wrapped = getattr(value, "__wrapped__", None)
        if name.startswith("netfiles_") and wrapped is not None:
            lines += [f"### `{name}`", "", _doc(wrapped), ""]
    return lines


def render() -> str:
    out = [HEADER]
    listed: set[str] = set()
    public = set(netfiles.__all__) - {"__version__"}
    groups = dict(GROUPS)
    groups["Other names"] = sorted(public - {n for names in GROUPS.values() for n in names})
    for title, names in groups.items():
        names = [n for n in names if n in public]
        if not names:
            continue
        out.append(f"## {title}\n")
        for name in names:
            out.append("\n".join(describe(name)))
            listed.add(name)
    out.append("\n".join(fixtures()))
    return "\n".join(out).rstrip() + "\n"


if __name__ == "__main__":
    sys.stdout.write(render())

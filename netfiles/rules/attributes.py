"""Seniority and function inferred from job titles, and industry from the organization (issue 12, section 2).

The rules are one table each (`SENIORITY_RULES`, `FUNCTION_RULES`), documented in
docs/attributes.md: a title is lower-cased, `&`/`+` read as "and", and punctuation
becomes spaces ("Sr. Software Engineer, II" -> "sr software engineer ii"); then
the first rule whose pattern matches (whole words) gives the value. A title no
rule matches has no inferred value: netfiles never guesses beyond the table.

Written `seniority`, `function` and `industry` fields always win; `attributes_of`
says for each value whether it was written or inferred. Industry is inferred
only through the `[industries]` map of config.toml (`"Acme Bank" = "finance"`),
matched case- and whitespace-insensitively.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..model.config import CONFIG_PATH
from ..model.diagnostics import WARNING, Diagnostic

#: From most junior to most senior.
SENIORITY_LEVELS = ("intern", "junior", "mid", "senior", "lead", "manager", "director", "vp", "executive")

#: (pattern over the normalised title, seniority). First match wins, so specific phrases come first.
SENIORITY_RULES: tuple[tuple[str, str], ...] = (
    (r"chief of staff", "director"),
    (r"intern|internship|trainee|apprentice|working student|student|phd candidate|undergraduate", "intern"),
    (r"co ?founder|founder|founding partner", "executive"),
    (r"executive vice president|senior vice president|evp|svp|vp|vice president|avp|assistant vice president",
     "vp"),
    (r"chief|ceo|cto|cfo|coo|cmo|cio|ciso|cpo|cro|cdo|president|owner|managing director|managing partner|"
     r"general partner|general counsel|^partner", "executive"),
    (r"associate director|assistant director|deputy director", "manager"),
    (r"head|director|general manager|gm|dean", "director"),
    (r"professor", "senior"),
    (r"(?:senior|sr|snr) manager|manager of|managers?|mgr|supervisor", "manager"),
    (r"staff accountant|staff auditor", "junior"),
    (r"lead|principal|staff|distinguished|fellow|architect", "lead"),
    (r"senior|sr|snr|iii|iv", "senior"),
    (r"junior|jr|entry level|graduate|associate|assistant|i", "junior"),
)

#: Titles with "manager" that name an individual contributor's job, not a manager of people.
IC_MANAGER = r"(?:product|project|program|programme|account|community|office|marketing|social media|brand|" \
             r"content|partner|customer success|success|relationship|case|event|events) (?:manager|mgr)"

#: (pattern over the normalised title, function). First match wins.
FUNCTION_RULES: tuple[tuple[str, str], ...] = (
    (r"co ?founder|founder", "founder"),
    (r"chief of staff", "operations"),
    (r"legal|lawyer|attorney|counsel|paralegal|solicitor|barrister|compliance", "legal"),
    (r"recruiter|recruiting|recruitment|talent|human resources|hr|hrbp|people operations|people partner|"
     r"people", "hr"),
    (r"cfo|finance|financial|accountant|accounting|controller|treasury|treasurer|audit|auditor|tax|investment|"
     r"investor|banker|actuary|underwriter|risk", "finance"),
    (r"data|machine learning|ml|ai|analytics|business intelligence|bi|statistician", "data"),
    (r"designer|design|ux|ui|user experience|creative|art director|illustrator", "design"),
    (r"cmo|marketing|marketer|brand|growth|communications|pr|public relations|content|seo|social media|"
     r"copywriter", "marketing"),
    (r"cro|sales|account executive|ae|account manager|business development|bdr|sdr|customer success|"
     r"partnerships|revenue", "sales"),
    (r"cpo|product", "product"),
    (r"research|researcher|scientist|postdoc|postdoctoral|phd", "research"),
    (r"professor|lecturer|teacher|student|tutor|instructor|dean|educator", "education"),
    (r"cto|cio|ciso|engineer|engineering|developer|software|programmer|sre|devops|architect|technology|"
     r"information technology|information officer|technical|tech|it|qa|frontend|backend|full stack|security", "engineering"),
    (r"coo|operations|operating|ops|logistics|supply chain|procurement|project manager|program manager|"
     r"programme manager|office manager|administrator|assistant|admin|customer support|support|"
     r"customer service", "operations"),
    (r"ceo|chief executive|president|general manager|managing director|executive director|managing partner|general partner|owner|^partner", "management"),
    (r"consultant|consulting|advisor|adviser", "consulting"),
    (r"analyst", "data"),
)

_SENIORITY = [(re.compile(rf"\b(?:{p})\b"), v) for p, v in SENIORITY_RULES]
_FUNCTION = [(re.compile(rf"\b(?:{p})\b"), v) for p, v in FUNCTION_RULES]
_IC_MANAGER = re.compile(rf"\b{IC_MANAGER}\b")
_SENIOR = re.compile(r"\b(?:senior|sr|snr)\b")


def normalize_title(title: str) -> str:
    """`Sr. Software Engineer, II` -> `sr software engineer ii`: lower case, `&`/`+` as "and", no punctuation."""
    text = title.casefold().replace("&", " and ").replace("+", " and ")
    text = re.sub(r"\bco-", "co", text)
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def infer_seniority(title: str | None) -> str | None:
    """The seniority level a job title states, by `SENIORITY_RULES`; None when no rule matches."""
    if not title:
        return None
    text = normalize_title(title)
    if _IC_MANAGER.search(text) and not re.search(r"\b(?:head|director|chief|vp|vice president|founder|"
                                                   r"managers|manager of)\b", text):
        # "Product Manager" leads no team: an individual contributor, senior when it says so
        if re.search(r"\b(?:lead|principal|staff|group)\b", text):
            return "lead"
        if _SENIOR.search(text):
            return "senior"
        return "junior" if re.search(r"\b(?:associate|junior|jr)\b", text) else "mid"
    for pattern, value in _SENIORITY:
        if pattern.search(text):
            return value
    return "mid" if infer_function(title) else None


def infer_function(title: str | None) -> str | None:
    """The function (engineering, sales, ...) a job title names, by `FUNCTION_RULES`; None when no rule matches."""
    if not title:
        return None
    text = normalize_title(title)
    for pattern, value in _FUNCTION:
        if pattern.search(text):
            return value
    return None


def _org_key(name: str) -> str:
    return " ".join(str(name).casefold().split())


def industry_map(config) -> tuple[dict[str, str], list[Diagnostic]]:
    """`[industries]` as {folded organization: industry}, and TIE002 for entries that are not text."""
    table = config.data.get("industries", {})
    if not isinstance(table, dict):
        return {}, [Diagnostic(CONFIG_PATH, 0, 0, "TIE002", WARNING,
                               '`industries` must be a table: [industries] then "Acme Bank" = "finance"')]
    found, diags = {}, []
    for org, industry in table.items():
        if not isinstance(industry, str) or not industry.strip():
            line = config.line_of("industries", org) or config.line_of("industries", f'"{org}"')
            diags.append(Diagnostic(CONFIG_PATH, line, 1, "TIE002", WARNING,
                                    f"[industries] {org!r} must map to an industry name such as \"finance\", "
                                    f"not {industry!r}; ignored"))
            continue
        found[_org_key(org)] = industry.strip()
    return found, diags


def org_industry(organization: str | None, industries: dict[str, str]) -> str | None:
    """The industry `[industries]` maps an organization to (case and spacing ignored), else None."""
    return industries.get(_org_key(organization)) if organization else None


@dataclass(frozen=True)
class Attribute:
    """A value and where it comes from: "written" in the file, or "inferred" (and from what)."""

    value: str
    status: str  # "written" or "inferred"
    source: str  # the field it was written in or inferred from: "seniority", "role", "organization"

    def to_dict(self) -> dict:
        return {"value": self.value, "status": self.status, "source": self.source}


def attributes_of(contact, industries: dict[str, str] | None = None) -> dict[str, Attribute]:
    """Seniority, function and industry of a contact: written fields win, else what the title or map gives."""
    found: dict[str, Attribute] = {}
    inferred = {"seniority": (infer_seniority, "role"), "function": (infer_function, "role")}
    for name, (infer, source) in inferred.items():
        written = getattr(contact, name)
        if written:
            found[name] = Attribute(str(written), "written", name)
        else:
            value = infer(contact.role)
            if value:
                found[name] = Attribute(value, "inferred", source)
    if contact.industry:
        found["industry"] = Attribute(str(contact.industry), "written", "industry")
    else:
        value = org_industry(contact.organization, industries or {})
        if value:
            found["industry"] = Attribute(value, "inferred", "organization")
    return found

#!/usr/bin/env python3
"""Generate a deterministic synthetic netfiles vault for benchmarks.

    python benchmarks/generate.py DIR --contacts 10000 [--seed 1] [--force]

The vault follows /work/shared/FORMAT.md (v1):

- ``.netfiles/config.toml`` with a ``[me]`` table;
- ``people/NNN/Firstname Lastname NNNNN.md``: ``n`` contacts, ~1000 per
  sub-folder, unique names, unique emails and LinkedIn URLs, ``knows`` links
  that all resolve (clustered in communities of ~50 with a few cross links),
  and a ``## Log`` section with 0-12 dated items over the two years before
  2026-11-21;
- ``daily/YYYY-MM-DD[ meeting K].md``: ``n // 20`` dated notes that link to a
  few contacts (about half of them with a ``date`` front matter).

Everything is derived from ``random.Random(seed)`` and never from set/dict
iteration of strings, so the output is byte-identical for the same
``(n, seed)`` whatever PYTHONHASHSEED is.
"""
from __future__ import annotations

import argparse
import datetime as _dt
import os
import random
import shutil
import sys
import time
import unicodedata
from pathlib import Path

GENERATOR_VERSION = 1

TODAY = _dt.date(2026, 11, 21)
LOG_START = TODAY - _dt.timedelta(days=730)  # two years before "today"
COMMUNITY_SIZE = 50
FOLDER_SIZE = 1000

FIRST_NAMES = [
    "Ana", "Bo", "Carla", "David", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jonas",
    "Kwame", "Lena", "Mateo", "Nadia", "Oscar", "Priya", "Quentin", "Rosa", "Sven", "Tara",
    "Uma", "Victor", "Wen", "Ximena", "Yusuf", "Zoë", "Aaron", "Beatriz", "Chen", "Dmitri",
    "Esther", "Felipe", "Gabriela", "Hassan", "Ingrid", "Javier", "Keiko", "Lucas", "Mei",
    "Nikolai", "Olga", "Pablo", "Rahul", "Sofia", "Tomás", "Ursula", "Valentina", "William",
    "Yara", "Zaid", "Amara", "Bruno", "Chiara", "Diego", "Emma", "Fatima", "Giulia", "Henrik",
    "Isabel", "Jae", "Karin", "Liam", "Maya", "Noah", "Olivia", "Pedro", "Rania", "Samuel",
    "Thandiwe", "Ugo", "Vera", "Wanjiru", "Xavier", "Yuki", "Zofia", "Adebayo", "Björn",
    "Camille", "Darius", "Eun-ji", "Florian", "Gustavo", "Hana", "Ivan", "Julia", "Kofi",
    "Laila", "Marco", "Nora", "Omar", "Paula", "Raúl", "Sara", "Theo", "Ulrike", "Vikram",
    "Wei", "Yasmin", "Zanele", "André", "Bianca", "Cyrus", "Daniela", "Émile", "Freya",
    "Gideon", "Helena", "Iker", "Jasmine", "Kenji", "Lucía", "Mohammed", "Nina", "Otto",
    "Renata", "Stefan", "Tanvi", "Umar", "Vanessa", "Wojciech", "Ayesha", "Ben", "Clara",
]

LAST_NAMES = [
    "Souza", "Chen", "Diaz", "Müller", "Okafor", "Tanaka", "Novak", "Kowalski", "Haddad",
    "Silva", "Johansson", "García", "Nguyen", "Patel", "Kim", "Rossi", "Dubois", "Schmidt",
    "Ivanova", "Mensah", "O'Brien", "Andersson", "Yamamoto", "Fernández", "Cohen", "Ali",
    "Smith", "Brown", "Wilson", "Martin", "Lopez", "Gonzalez", "Rodriguez", "Hernández",
    "Moreau", "Lefebvre", "Bauer", "Fischer", "Weber", "Wagner", "Becker", "Hoffmann",
    "Sato", "Suzuki", "Watanabe", "Park", "Lee", "Choi", "Wang", "Li", "Zhang", "Liu",
    "Singh", "Kumar", "Sharma", "Gupta", "Das", "Reddy", "Iyer", "Khan", "Ahmed", "Hussain",
    "Mwangi", "Otieno", "Adeyemi", "Nwosu", "Abebe", "Dlamini", "Nkosi", "Petrov",
    "Popescu", "Horvat", "Nowak", "Lindqvist", "Virtanen", "Jensen", "Hansen", "Nielsen",
    "de Vries", "Jansen", "Bakker", "Visser", "Costa", "Ferreira", "Oliveira", "Pereira",
    "Almeida", "Romano", "Ricci", "Greco", "Bruno", "Murphy", "Kelly", "Walsh", "Byrne",
    "Taylor", "Thomas", "Evans", "Roberts", "Clarke", "Young", "Hall", "Allen", "Wright",
    "Scott", "Baker", "Adams", "Nelson", "Carter", "Mitchell", "Perez", "Campbell", "Ortiz",
    "Ramos", "Castro", "Vargas", "Morales", "Jiménez", "Ruiz", "Álvarez", "Torres", "D'Souza",
]

INDUSTRIES = [
    "finance", "software", "healthcare", "education", "retail", "manufacturing",
    "energy", "media", "consulting", "government", "nonprofit", "telecom",
]
INDUSTRY_SUFFIX = {
    "finance": ["Bank", "Capital", "Partners", "Financial"],
    "software": ["Labs", "Software", "Systems", "Cloud"],
    "healthcare": ["Health", "Clinics", "Medical", "Bio"],
    "education": ["University", "Academy", "Learning", "College"],
    "retail": ["Stores", "Market", "Retail", "Goods"],
    "manufacturing": ["Industries", "Works", "Manufacturing", "Motors"],
    "energy": ["Energy", "Power", "Solar", "Grid"],
    "media": ["Media", "Studios", "News", "Publishing"],
    "consulting": ["Consulting", "Advisors", "Group", "Associates"],
    "government": ["Ministry", "Agency", "City Council", "Office"],
    "nonprofit": ["Foundation", "Trust", "Initiative", "Alliance"],
    "telecom": ["Telecom", "Networks", "Mobile", "Connect"],
}
ORG_ROOTS = [
    "Acme", "Northwind", "Globex", "Initech", "Umbrella", "Stark", "Wayne", "Hooli",
    "Vandelay", "Soylent", "Tyrell", "Cyberdyne", "Wonka", "Gringotts", "Oceanic",
    "Blue Harbor", "Red Rock", "Silver Pine", "Golden Gate", "Evergreen", "Summit",
    "Horizon", "Atlas", "Zenith", "Nimbus", "Polaris", "Orion", "Cobalt", "Juniper",
    "Maple", "Cedar", "Granite", "Beacon", "Lighthouse", "Meridian", "Quantum",
]
FUNCTIONS = [
    "engineering", "data", "product", "design", "sales", "marketing", "finance",
    "operations", "hr", "legal", "research", "executive",
]
FUNCTION_TITLE = {
    "engineering": "Engineer", "data": "Data Scientist", "product": "Product Manager",
    "design": "Designer", "sales": "Account Executive", "marketing": "Marketing Manager",
    "finance": "Financial Analyst", "operations": "Operations Manager",
    "hr": "People Partner", "legal": "Counsel", "research": "Researcher",
    "executive": "Chief of Staff",
}
FUNCTION_AREA = {
    "engineering": "Engineering", "data": "Data", "product": "Product", "design": "Design",
    "sales": "Sales", "marketing": "Marketing", "finance": "Finance",
    "operations": "Operations", "hr": "People", "legal": "Legal", "research": "Research",
    "executive": "Strategy",
}
SENIORITIES = [
    "intern", "junior", "mid", "senior", "lead", "manager", "director", "executive", "founder",
]
SENIORITY_WEIGHTS = [2, 10, 25, 25, 12, 12, 8, 5, 1]
LOCATIONS = [
    ("São Paulo", "BR"), ("Berlin", "DE"), ("London", "GB"), ("New York", "US"),
    ("San Francisco", "US"), ("Lisbon", "PT"), ("Bangalore", "IN"), ("Tokyo", "JP"),
    ("Toronto", "CA"), ("Paris", "FR"), ("Amsterdam", "NL"), ("Nairobi", "KE"),
    ("Lagos", "NG"), ("Singapore", "SG"), ("Sydney", "AU"), ("Mexico City", "MX"),
    ("Zürich", "CH"), ("Stockholm", "SE"), ("Seoul", "KR"), ("Dublin", "IE"),
    ("Austin", "US"), ("Munich", "DE"), ("Madrid", "ES"), ("Warsaw", "PL"),
]
TAGS = [
    "mentor", "pycon-2024", "pycon-2025", "investor", "recruiter", "alumni", "friend",
    "former-colleague", "client", "speaker", "open-source", "meetup", "advisor", "hiring",
    "conference-2025", "board", "podcast", "community", "founder-circle", "book-club",
]
EDUCATION = [
    "USP", "MIT", "Stanford", "TU Berlin", "ETH Zürich", "IIT Bombay", "University of Tokyo",
    "Oxford", "Sorbonne", "University of Nairobi", "KTH", "Seoul National University",
    "University of Toronto", "UNAM", "Trinity College Dublin", "TU Delft",
]
HOW_MET = [
    "PyCon hallway track", "intro from a former colleague", "meetup talk", "LinkedIn message",
    "worked together on a project", "university alumni event", "conference dinner",
    "open-source contribution", "panel at a fintech summit", "friend of a friend",
]
CADENCES = ["2w", "30d", "monthly", "6w", "2m", "quarterly", "90d", "6m", "yearly", "1y", "never"]
CADENCE_WEIGHTS = [3, 4, 10, 4, 8, 15, 8, 8, 8, 3, 2]
KINDS = [
    "coffee", "call", "email", "lunch", "video", "message", "linkedin", "meeting",
    "dinner", "conference", "event", "chat", "visit",
]
KIND_WEIGHTS = [14, 14, 18, 6, 8, 10, 6, 8, 3, 2, 3, 6, 2]
LOG_TEXTS = [
    "talked about her move to risk", "caught up on the new role", "swapped notes on hiring",
    "discussed the migration plan", "sent the conference photos", "reviewed the pitch deck",
    "asked about the data team", "shared a job opening", "followed up on the intro",
    "talked about remote work", "planned a joint talk", "asked for feedback on the draft",
    "congratulated on the promotion", "sent a book recommendation", "compared notes on pricing",
    "discussed the open-source roadmap", "talked about moving cities", "quick hello",
    "introduced to a recruiter", "brainstormed side projects",
]
NOTE_SENTENCES = [
    "Met through work years ago and stayed in touch.",
    "Very knowledgeable about data platforms and hiring.",
    "Prefers short async messages over calls.",
    "Interested in mentoring early-career engineers.",
    "Currently exploring a move into product.",
    "Great person to ask about the local startup scene.",
    "Runs a small meetup on weekends.",
    "Has a strong network in the banking sector.",
    "Mentioned wanting to write a book someday.",
    "Enjoys trail running and specialty coffee.",
    "Happy to review talk proposals.",
    "Was an early employee at a successful startup.",
]
DAILY_SENTENCES = [
    "Good conversation, follow up next month.",
    "Talked about the reorg and open roles.",
    "Shared slides afterwards.",
    "Agreed to meet again at the next conference.",
    "Quick sync, nothing urgent.",
    "Introduced them to each other.",
]


def _slug(s: str, sep: str = "") -> str:
    """ASCII lower-case slug: 'Zoë O'Brien' -> 'zoeobrien'."""
    t = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode("ascii").lower()
    out = []
    for ch in t:
        if ch.isalnum():
            out.append(ch)
        elif ch in " -" and sep:
            out.append(sep)
    return "".join(out)


def _yaml_dq(s: str) -> str:
    """A double-quoted YAML scalar."""
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _flow_list(items: list[str]) -> str:
    """A YAML flow sequence of plain-safe items (our vocabulary is plain-safe)."""
    return "[" + ", ".join(items) + "]"


def _weighted(rng: random.Random, items, weights):
    # Precomputed cumulative weights keep this fast in the hot loop.
    return rng.choices(items, cum_weights=weights, k=1)[0]


def _cum(weights):
    out, acc = [], 0
    for w in weights:
        acc += w
        out.append(acc)
    return out


def contact_stem(first: str, last: str, num: int, width: int) -> str:
    return f"{first} {last} {num:0{width}d}"


def generate_vault(root: Path, n: int, seed: int = 1, *, overwrite: bool = False) -> dict:
    """Write a deterministic synthetic vault of ``n`` contacts into ``root``.

    Returns a small summary: {"contacts", "daily_notes", "files", "bytes",
    "links", "log_items", "seconds"}.
    """
    t0 = time.perf_counter()
    root = Path(root)
    if root.exists() and any(root.iterdir()):
        if not overwrite:
            raise FileExistsError(f"{root} exists and is not empty (use overwrite=True / --force)")
        shutil.rmtree(root)
    root.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    width = max(5, len(str(max(n - 1, 0))))

    # --- config -----------------------------------------------------------
    nf = root / ".netfiles"
    nf.mkdir(exist_ok=True)
    (nf / "config.toml").write_text(
        'people = ["people"]\n'
        'ignore = [".obsidian", ".git", ".trash", "templates"]\n'
        'default_cadence = "90d"\n'
        "\n"
        "[plugins]\n"
        "disabled = []\n"
        "\n"
        "[me]\n"
        'name = "Sam Owner"\n'
        'industry = "software"\n'
        'location = "Berlin"\n'
        'country = "DE"\n'
        'function = "engineering"\n'
        'seniority = "senior"\n',
        encoding="utf-8",
    )
    (nf / ".gitignore").write_text("cache/\n", encoding="utf-8")

    # --- identities -------------------------------------------------------
    first_slugs = [_slug(f) for f in FIRST_NAMES]
    last_slugs = [_slug(l) for l in LAST_NAMES]
    nf_, nl_ = len(FIRST_NAMES), len(LAST_NAMES)
    fi = [rng.randrange(nf_) for _ in range(n)]
    li = [rng.randrange(nl_) for _ in range(n)]
    stems = [contact_stem(FIRST_NAMES[fi[i]], LAST_NAMES[li[i]], i, width) for i in range(n)]

    # Community profile: shared org/industry/location/function -> homophily.
    n_comm = max(1, (n + COMMUNITY_SIZE - 1) // COMMUNITY_SIZE)
    comm_profile = []
    for _ in range(n_comm):
        ind = rng.choice(INDUSTRIES)
        org = f"{rng.choice(ORG_ROOTS)} {rng.choice(INDUSTRY_SUFFIX[ind])}"
        comm_profile.append((ind, org, rng.randrange(len(LOCATIONS)), rng.choice(FUNCTIONS)))

    sen_cum = _cum(SENIORITY_WEIGHTS)
    cad_cum = _cum(CADENCE_WEIGHTS)
    kind_cum = _cum(KIND_WEIGHTS)
    day_iso = [(LOG_START + _dt.timedelta(days=d)).isoformat() for d in range(730)]
    met_base = _dt.date(2012, 1, 1).toordinal()
    knows_count_cum = _cum([20, 20, 18, 15, 12, 9, 6])  # 0..6 links

    people = root / "people"
    n_links = n_log = total_bytes = 0
    made_dirs: set[int] = set()

    for i in range(n):
        comm = i // COMMUNITY_SIZE
        ind, org, loc_i, func = comm_profile[comm]
        if rng.random() < 0.35:
            ind = rng.choice(INDUSTRIES)
            org = f"{rng.choice(ORG_ROOTS)} {rng.choice(INDUSTRY_SUFFIX[ind])}"
        if rng.random() < 0.3:
            loc_i = rng.randrange(len(LOCATIONS))
        if rng.random() < 0.4:
            func = rng.choice(FUNCTIONS)
        location, country = LOCATIONS[loc_i]
        seniority = _weighted(rng, SENIORITIES, sen_cum)
        first, last = FIRST_NAMES[fi[i]], LAST_NAMES[li[i]]
        fs, ls = first_slugs[fi[i]], last_slugs[li[i]]
        num = f"{i:0{width}d}"
        name = stems[i]
        org_slug = _slug(org)

        if seniority in ("director", "executive", "founder"):
            role = {"director": f"Director of {FUNCTION_AREA[func]}",
                    "executive": f"VP {FUNCTION_AREA[func]}",
                    "founder": "Co-founder"}[seniority]
        elif seniority in ("lead", "manager"):
            role = f"Head of {FUNCTION_AREA[func]}" if seniority == "manager" else f"Lead {FUNCTION_TITLE[func]}"
        else:
            role = f"{seniority.capitalize()} {FUNCTION_TITLE[func]}"

        fm = ["---", f"name: {name}"]
        if rng.random() < 0.1:
            fm.append(f"aliases: [{first} {last[0]}. {num}]")
        emails = [f"{fs}.{ls}.{num}@{org_slug}.example.com"]
        if rng.random() < 0.25:
            emails.append(f"{fs}{num}@mail.example.org")
        fm.append(f"emails: {_flow_list(emails)}")
        if rng.random() < 0.3:
            fm.append(f'phones: ["+{rng.randint(1, 99)} {rng.randint(10, 99)} 5555 {rng.randint(0, 9999):04d}"]')
        fm.append(f"organization: {org}")
        fm.append(f"role: {role}")
        fm.append(f"industry: {ind}")
        fm.append(f"function: {func}")
        fm.append(f"location: {location}")
        fm.append(f"country: {country}")
        fm.append(f"seniority: {seniority}")
        if rng.random() < 0.2:
            fm.append(f"education: [{rng.choice(EDUCATION)}]")
        k = rng.randint(0, 3)
        if k:
            fm.append(f"tags: {_flow_list(rng.sample(TAGS, k))}")
        met = _dt.date.fromordinal(met_base + rng.randrange(0, (LOG_START.toordinal() - met_base)))
        fm.append(f"met: {met.isoformat()}")
        if rng.random() < 0.2:
            fm.append(f"how_met: {rng.choice(HOW_MET)}")

        # knows: mostly within the community, a few cross links.
        lo = comm * COMMUNITY_SIZE
        hi = min(n, lo + COMMUNITY_SIZE)
        n_knows = _weighted(rng, range(7), knows_count_cum) if n > 1 else 0
        targets: list[int] = []
        for _ in range(n_knows):
            if rng.random() < 0.9 and hi - lo > 1:
                j = rng.randrange(lo, hi)
            else:
                j = rng.randrange(n)
            if j != i and j not in targets:
                targets.append(j)
        if rng.random() < 0.1 and hi - lo > 1:
            j = rng.randrange(lo, hi)
            if j != i:
                fm.append(f'introduced_by: "[[{stems[j]}]]"')
                n_links += 1
        if targets:
            links = []
            for j in targets:
                if rng.random() < 0.1:
                    links.append(_yaml_dq(f"[[{stems[j]}|{FIRST_NAMES[fi[j]]}]]"))
                else:
                    links.append(_yaml_dq(f"[[{stems[j]}]]"))
            fm.append(f"knows: [{', '.join(links)}]")
            n_links += len(targets)
        if rng.random() < 0.3:
            fm.append(f"strength: {rng.randint(1, 5)}")
        if rng.random() < 0.5:
            fm.append(f"cadence: {_weighted(rng, CADENCES, cad_cum)}")
        slash = "/" if rng.random() < 0.1 else ""
        fm.append(f"linkedin: https://www.linkedin.com/in/{fs}-{ls}-{num}{slash}")
        r = rng.random()
        if r < 0.1:
            fm.append(f"birthday: {rng.randint(1955, 2002)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}")
        elif r < 0.15:
            fm.append(f'birthday: "--{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"')
        if rng.random() < 0.02:
            fm.append(f"snooze_until: {(TODAY + _dt.timedelta(days=rng.randint(1, 120))).isoformat()}")
        fm.append("---")

        body = [f"# {name}", ""]
        notes = " ".join(rng.sample(NOTE_SENTENCES, rng.randint(1, 3)))
        if rng.random() < 0.2 and hi - lo > 1:
            j = rng.randrange(lo, hi)
            if j != i:
                notes += f" Works closely with [[{stems[j]}]]."
        body.append(notes)
        body.append("")
        body.append("## Log")
        n_items = rng.choice((0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 6, 7, 8, 9, 10, 11, 12))
        if n_items:
            days = sorted(rng.sample(range(730), n_items), reverse=True)
            for d in days:
                kind = _weighted(rng, KINDS, kind_cum)
                text = rng.choice(LOG_TEXTS)
                r = rng.random()
                if r < 0.15:
                    text += " #gave"
                elif r < 0.3:
                    text += " #got"
                body.append(f"- {day_iso[d]} {kind}: {text}")
            n_log += n_items

        content = "\n".join(fm) + "\n" + "\n".join(body) + "\n"
        folder_i = i // FOLDER_SIZE
        folder = people / f"{folder_i:03d}"
        if folder_i not in made_dirs:
            folder.mkdir(parents=True, exist_ok=True)
            made_dirs.add(folder_i)
        data = content.encode("utf-8")
        with open(folder / f"{name}.md", "wb") as fh:
            fh.write(data)
        total_bytes += len(data)

    # --- daily notes ------------------------------------------------------
    n_daily = n // 20
    daily = root / "daily"
    if n_daily:
        daily.mkdir(exist_ok=True)
    per_day = [0] * 730
    for _ in range(n_daily):
        d = rng.randrange(730)
        per_day[d] += 1
        iso = day_iso[d]
        fname = f"{iso}.md" if per_day[d] == 1 else f"{iso} meeting {per_day[d]}.md"
        k = rng.randint(1, 4)
        c0 = rng.randrange(n) if n else 0
        comm = c0 // COMMUNITY_SIZE
        lo, hi = comm * COMMUNITY_SIZE, min(n, comm * COMMUNITY_SIZE + COMMUNITY_SIZE)
        linked = [c0]
        for _ in range(k - 1):
            j = rng.randrange(lo, hi)
            if j not in linked:
                linked.append(j)
        parts = []
        if rng.random() < 0.5:
            parts.append(f"---\ndate: {iso}\ntags: [daily]\n---\n")
        parts.append(f"# {iso}\n\n")
        for j in linked:
            parts.append(f"- Met [[{stems[j]}]]. {rng.choice(DAILY_SENTENCES)}\n")
        n_links += len(linked)
        data = "".join(parts).encode("utf-8")
        with open(daily / fname, "wb") as fh:
            fh.write(data)
        total_bytes += len(data)

    return {
        "contacts": n,
        "daily_notes": n_daily,
        "files": n + n_daily,
        "bytes": total_bytes,
        "links": n_links,
        "log_items": n_log,
        "seed": seed,
        "generator_version": GENERATOR_VERSION,
        "seconds": time.perf_counter() - t0,
    }


def validate_vault(root: Path) -> list[str]:
    """Independent check that a generated vault follows FORMAT.md: every front
    matter parses to a mapping, names are unique, emails and normalised LinkedIn
    URLs are unique, every wikilink resolves to exactly one contact, dates and
    log items are valid. Returns a list of problems (empty when valid)."""
    import re

    import yaml

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from floor import markdown_files, split_front_matter  # same folder

    link_re = re.compile(r"\[\[([^\]|#]+)(?:#[^\]|]*)?(?:\|[^\]]*)?\]\]")
    log_re = re.compile(r"^- (\d{4}-\d{2}-\d{2}) [A-Za-z]+(: .*)?$")
    email_re = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
    cadence_re = re.compile(r"^(\d+[dwmy]|weekly|fortnightly|monthly|quarterly|yearly|never)$")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    root = Path(root)
    problems: list[str] = []
    keys: dict[str, list[str]] = {}
    emails: dict[str, str] = {}
    linkedins: dict[str, str] = {}
    pending: list[tuple[str, str]] = []
    for p in markdown_files(root):
        rel = os.path.relpath(p, root)
        text = Path(p).read_text(encoding="utf-8")
        fm_text = split_front_matter(text)
        fm = yaml.load(fm_text, Loader=loader) if fm_text is not None else {}
        if not isinstance(fm, dict):
            problems.append(f"{rel}: front matter is not a mapping")
            continue
        is_contact = rel.startswith("people" + os.sep)
        if is_contact:
            stem = Path(p).stem
            for k in {str(k).lower() for k in [stem, fm.get("name", stem)] + list(fm.get("aliases", []))}:
                keys.setdefault(k, []).append(rel)
            for e in fm.get("emails", []):
                if not email_re.match(e):
                    problems.append(f"{rel}: bad email {e!r}")
                if e.lower() in emails:
                    problems.append(f"{rel}: duplicate email {e} (also {emails[e.lower()]})")
                emails[e.lower()] = rel
            li = fm.get("linkedin")
            if li:
                norm = li.lower().split("?")[0].rstrip("/")
                if norm in linkedins:
                    problems.append(f"{rel}: duplicate linkedin {li}")
                linkedins[norm] = rel
            for f in ("met", "snooze_until"):
                if f in fm and not isinstance(fm[f], _dt.date):
                    problems.append(f"{rel}: {f} is not a date: {fm[f]!r}")
            if "birthday" in fm and not (isinstance(fm["birthday"], _dt.date)
                                         or re.match(r"^--\d{2}-\d{2}$", str(fm["birthday"]))):
                problems.append(f"{rel}: bad birthday {fm['birthday']!r}")
            if "cadence" in fm and not cadence_re.match(str(fm["cadence"])):
                problems.append(f"{rel}: bad cadence {fm['cadence']!r}")
            if "strength" in fm and fm["strength"] not in (1, 2, 3, 4, 5):
                problems.append(f"{rel}: bad strength {fm['strength']!r}")
            for link in list(fm.get("knows", [])) + ([fm["introduced_by"]] if "introduced_by" in fm else []):
                m = link_re.fullmatch(link)
                if not m:
                    problems.append(f"{rel}: not a wikilink {link!r}")
                else:
                    pending.append((rel, m.group(1)))
            body = text.split("\n## Log\n", 1)
            if len(body) != 2:
                problems.append(f"{rel}: no ## Log section")
            else:
                for line in body[1].splitlines():
                    if not line.strip():
                        continue
                    m = log_re.match(line)
                    if not m:
                        problems.append(f"{rel}: bad log line {line!r}")
                        continue
                    try:
                        d = _dt.date.fromisoformat(m.group(1))
                    except ValueError:
                        problems.append(f"{rel}: invalid log date {line!r}")
                        continue
                    if not (LOG_START <= d < TODAY):
                        problems.append(f"{rel}: log date out of range {line!r}")
        body_start = 0 if fm_text is None else text.index("\n---", len(fm_text)) + 4
        for m in link_re.finditer(text[body_start:]):
            pending.append((rel, m.group(1)))
    for rel, target in pending:
        hits = keys.get(target.strip().lower(), [])
        if len(hits) != 1:
            problems.append(f"{rel}: link [[{target}]] resolves to {len(hits)} contacts")
    return problems


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dir", type=Path, help="vault folder to create")
    ap.add_argument("--contacts", "-n", type=int, help="number of contacts")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--force", action="store_true", help="delete DIR first if it is not empty")
    ap.add_argument("--json", action="store_true", help="print the summary as JSON")
    ap.add_argument("--validate", action="store_true",
                    help="only check an existing vault against FORMAT.md and report problems")
    a = ap.parse_args(argv)
    if a.validate:
        problems = validate_vault(a.dir)
        for p in problems[:50]:
            print(p)
        print(f"{len(problems)} problem(s)")
        return 1 if problems else 0
    if a.contacts is None:
        ap.error("--contacts is required")
    try:
        s = generate_vault(a.dir, a.contacts, a.seed, overwrite=a.force)
    except FileExistsError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    if a.json:
        import json
        print(json.dumps(s))
        return 0
    print(
        f"generated {s['contacts']} contacts + {s['daily_notes']} daily notes "
        f"({s['bytes'] / 1e6:.1f} MB, {s['links']} links, {s['log_items']} log items) "
        f"in {a.dir} in {s['seconds']:.2f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

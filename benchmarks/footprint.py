#!/usr/bin/env python3
"""A realistic four-year, multi-source footprint of one person's network, with its truth.

    python benchmarks/footprint.py DIR [--people 900] [--seed 1]

writes, for an owner "Sam Owner" (sam@owner.example, sam.owner@home.example):

- ``linkedin/`` as LinkedIn's export unpacks: ``Connections.csv`` (with its
  preamble), ``messages.csv`` (~1,500 messages, some group conversations)
  and ``Profile.csv``;
- ``Sent.mbox``: ~2,000 mails the owner sent (Gmail Takeout style headers,
  RFC 2047 names, To and Cc);
- ``calendar.ics``: ~400 VEVENTs in a Google Calendar export (VTIMEZONE,
  weekly 1:1 series with RRULE/EXDATE, video calls, cancelled and declined
  events, all-day events);
- ``contacts.csv``: ~200 rows of Google Contacts' CSV export;
- ``truth.json``: who everyone is across sources, the 50 closest (by the
  rates their interactions were drawn with), who knows whom (same team),
  and who is dormant (close once, silent for the last two years);
- ``vault/``: an empty vault whose config names the owner.

The same person appears differently across sources, as in life: LinkedIn
has "José Álvarez" with a profile URL and rarely an email, Google Contacts
"Jose Alvarez" (accents dropped) with a nickname and both addresses, the
calendar the work address, mail mostly the personal one, sometimes under a
nickname ("Pepe Álvarez") or with no name at all.  Counts scale with
``--people`` (900 gives the sizes above).  Deterministic for a seed.
"""
from __future__ import annotations

import argparse
import csv
import datetime as _dt
import json
import random
import unicodedata
from email.utils import format_datetime, formataddr
from pathlib import Path

TODAY = _dt.date(2026, 11, 21)
START = TODAY - _dt.timedelta(days=4 * 365)
DORMANT_UNTIL = TODAY - _dt.timedelta(days=2 * 365 + 60)  # dormant people: nothing after this
OWNER = {"name": "Sam Owner", "emails": ["sam@owner.example", "sam.owner@home.example"],
         "linkedin": "https://www.linkedin.com/in/sam-owner-1"}

FIRST = [("Christopher", "Chris"), ("José", "Pepe"), ("Alexander", "Alex"), ("Elizabeth", "Liz"),
         ("William", "Will"), ("Katherine", "Kate"), ("Michael", "Mike"), ("Jennifer", "Jen"),
         ("Robert", "Rob"), ("Margaret", "Maggie"), ("Nicholas", "Nick"), ("Rebecca", "Becky"),
         ("Daniel", "Dan"), ("Samantha", "Sammy"), ("Matthew", "Matt"), ("Patricia", "Trish"),
         ("Thomas", "Tom"), ("Victoria", "Vicky"), ("Benjamin", "Ben"), ("Jessica", "Jess"),
         ("Ana", None), ("Bo", None), ("Carla", None), ("Zoë", None), ("Søren", None), ("Björn", None),
         ("Chloé", None), ("François", None), ("Mónica", None), ("Łukasz", None), ("Aiko", None),
         ("Priya", None), ("Wei", None), ("Fatima", None), ("Olusegun", None), ("Ingrid", None),
         ("Mateo", None), ("Noémie", None), ("Raúl", None), ("Dário", None)]
LAST = ["Souza", "Chen", "Díaz", "Álvarez", "Müller", "Novák", "Okafor", "Lee", "Smith", "García", "Rossi",
        "Nakamura", "Kowalski", "Haddad", "Johansson", "O'Brien", "Fernández", "Dubois", "Patel", "Kim",
        "Nguyen", "Schmidt", "Costa", "Ibáñez", "Larsen", "Moreau", "Silva", "Tanaka", "Weber", "Yılmaz",
        "Brown", "Jones", "Martín", "Pereira", "Santos", "Wójcik", "Horváth", "Lindqvist", "Mbeki", "Cohen"]
ORGS = ["Acme Bank", "Globex", "Initech", "Umbrella Health", "Stark Energy", "Wayne Logistics", "Hooli",
        "Vandelay Imports", "Soylent Foods", "Tyrell Robotics", "Cyberdyne", "Aperture Labs", "Wonka Retail",
        "Oscorp", "Pied Piper", "Massive Dynamic", "Gringotts", "Monarch Media", "Nakatomi Trading", "Blue Sun"]
ROLES = ["Software Engineer", "Senior Engineer", "Head of Data", "VP Engineering", "Product Manager",
         "Designer", "Recruiter", "Data Scientist", "Director of Sales", "CTO", "Founder", "Analyst",
         "Marketing Lead", "Engineering Manager", "Intern", "Chief Financial Officer"]
_TRANSLITERATE = str.maketrans({"Ł": "L", "ł": "l", "ø": "o", "Ø": "O", "ı": "i", "ß": "ss", "'": ""})
TEAM_SIZE = 12


def ascii_fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.translate(_TRANSLITERATE))
    return "".join(c for c in text if not unicodedata.combining(c))


def _slug(text: str) -> str:
    return "".join(c for c in ascii_fold(text).lower() if c.isalnum())


def make_people(n: int, rng: random.Random) -> list[dict]:
    names = [(f, nick, last) for f, nick in FIRST for last in LAST]
    rng.shuffle(names)
    if n > len(names):
        raise SystemExit(f"at most {len(names)} people")
    people = []
    order = list(range(n))
    rng.shuffle(order)  # rank by closeness: order[i] is person i's rank
    n_close = min(50, n // 4)
    n_dormant = max(3, n // 25)
    for i, (first, nick, last) in enumerate(names[:n]):
        team = i // TEAM_SIZE
        org = ORGS[team % len(ORGS)]
        domain = _slug(org) + ".example"
        rank = order[i]
        if rank < n_close:
            weight, status = 12.0 / (1 + rank / 10), "close"
        elif rank < n_close + n_dormant:
            weight, status = 6.0, "dormant"
        elif rank < n // 2:
            weight, status = 0.6, "regular"
        else:
            weight, status = 0.08, "wider"
        person = {
            "id": i, "first": first, "nick": nick, "last": last, "name": f"{first} {last}",
            "team": team, "organization": org, "role": ROLES[rng.randrange(len(ROLES))],
            "work": f"{_slug(first)}.{_slug(last)}@{domain}",
            "personal": f"{_slug(nick or first)}{_slug(last)}{rng.randint(1, 99)}@{rng.choice(['mail.example', 'post.example'])}",
            "linkedin": f"https://www.linkedin.com/in/{_slug(first)}-{_slug(last)}-{rng.randint(100, 999)}",
            "weight": weight, "status": status, "rank": rank, "sources": [],
        }
        people.append(person)
    return people


def _active(person: dict, day: _dt.date) -> bool:
    return person["status"] != "dormant" or day <= DORMANT_UNTIL


def _day(rng: random.Random) -> _dt.date:
    return START + _dt.timedelta(days=rng.randrange((TODAY - START).days))


def _pick(rng: random.Random, people: list[dict], day: _dt.date) -> dict:
    while True:
        person = rng.choices(people, weights=[p["weight"] for p in people])[0]
        if _active(person, day):
            return person


def _teammates(rng: random.Random, by_team: dict, person: dict, day: _dt.date, k: int) -> list[dict]:
    mates = [p for p in by_team[person["team"]] if p is not person and _active(p, day)]
    return rng.sample(mates, min(k, len(mates)))


def _mark(person: dict, source: str) -> None:
    if source not in person["sources"]:
        person["sources"].append(source)


# --- sources ---------------------------------------------------------------------------------------


def write_linkedin(out: Path, people: list[dict], rng: random.Random, by_team: dict, n_messages: int) -> None:
    folder = out / "linkedin"
    folder.mkdir(parents=True, exist_ok=True)
    connected = [p for p in people if p["rank"] < len(people) * 0.8 or rng.random() < 0.5]
    with open(folder / "Connections.csv", "w", encoding="utf-8", newline="") as fh:
        fh.write('Notes:\n"When exporting your connection data, you may notice that some of the email addresses are '
                 'missing."\n\n')
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"])
        for p in connected:
            day = START - _dt.timedelta(days=rng.randrange(3650))
            last = p["last"] + (", PhD" if rng.random() < 0.03 else "")
            writer.writerow([p["first"], last, p["linkedin"], p["work"] if rng.random() < 0.1 else "",
                             p["organization"], p["role"], day.strftime("%d %b %Y")])
            p["connected"] = True
            _mark(p, "linkedin")
    with open(folder / "Profile.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["First Name", "Last Name", "Headline", "Industry"])
        writer.writerow(["Sam", "Owner", "Builder", "Software"])
    connected_set = [p for p in people if p.get("connected")]
    by_team_connected: dict = {}
    for p in connected_set:
        by_team_connected.setdefault(p["team"], []).append(p)
    rows, conversation = [], 0
    while len(rows) < n_messages:
        conversation += 1
        day = _day(rng)
        person = _pick(rng, connected_set, day)
        group = [person]
        if rng.random() < 0.1:
            group += _teammates(rng, by_team_connected, person, day, rng.randint(1, 2))
        moment = _dt.datetime.combine(day, _dt.time(9)) + _dt.timedelta(minutes=rng.randrange(600))
        for k in range(rng.randint(1, 4)):
            if k % 2 == 0:
                sender, recipients = None, group
            else:
                sender = group[rng.randrange(len(group))]
                recipients = [None] + [g for g in group if g is not sender]
            frm = "Sam Owner" if sender is None else sender["name"]
            frm_url = OWNER["linkedin"] if sender is None else sender["linkedin"]
            to_names = ", ".join("Sam Owner" if r is None else r["name"] for r in recipients)
            to_urls = ",".join(OWNER["linkedin"] if r is None else r["linkedin"] for r in recipients)
            rows.append([f"conv-{conversation}", "", frm, frm_url, to_names, to_urls,
                         (moment + _dt.timedelta(minutes=7 * k)).strftime("%Y-%m-%d %H:%M:%S UTC"),
                         "", "Hi! Great to hear from you.", "INBOX", ""])
    with open(folder / "messages.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO",
                         "RECIPIENT PROFILE URLS", "DATE", "SUBJECT", "CONTENT", "FOLDER", "ATTACHMENTS"])
        writer.writerows(rows[:n_messages])


def _address(rng: random.Random, person: dict, personal_bias: float) -> tuple[str, str]:
    address = person["personal"] if rng.random() < personal_bias else person["work"]
    roll = rng.random()
    if roll < 0.6:
        name = person["name"]
    elif roll < 0.8 and person["nick"]:
        name = f"{person['nick']} {person['last']}"
    else:
        name = ""
    return name, address


def write_mbox(out: Path, people: list[dict], rng: random.Random, by_team: dict, n_mails: int) -> None:
    chunks = []
    for i in range(n_mails):
        day = _day(rng)
        person = _pick(rng, people, day)
        cc = _teammates(rng, by_team, person, day, rng.randint(1, 3)) if rng.random() < 0.25 else []
        to = [_address(rng, person, 0.6 if person["status"] in ("close", "dormant") else 0.2)]
        ccs = [_address(rng, p, 0.2) for p in cc]
        for p in [person, *cc]:
            _mark(p, "mail")
        moment = _dt.datetime.combine(day, _dt.time(8), tzinfo=_dt.timezone.utc) + _dt.timedelta(minutes=rng.randrange(720))
        headers = [
            f"X-GM-THRID: {1700000000000000000 + i}",
            "X-Gmail-Labels: Sent",
            f"Date: {format_datetime(moment)}",
            f"From: {formataddr((OWNER['name'], OWNER['emails'][i % 2]))}",
            "To: " + ", ".join(formataddr(a, charset="utf-8") for a in to),
        ]
        if ccs:
            headers.append("Cc: " + ", ".join(formataddr(a, charset="utf-8") for a in ccs))
        headers += [f"Subject: Re: catching up {i}", f"Message-ID: <{i}.footprint@owner.example>",
                    "MIME-Version: 1.0", 'Content-Type: text/plain; charset="UTF-8"']
        chunks.append(f"From {1700000000000000000 + i}@xxx {moment.strftime('%a %b %d %H:%M:%S +0000 %Y')}\n"
                      + "\n".join(headers) + "\n\nHello,\n\nthe body, which netfiles never reads.\n\n")
    (out / "Sent.mbox").write_text("".join(chunks), encoding="utf-8")


VTIMEZONE = """BEGIN:VTIMEZONE
TZID:Europe/Lisbon
X-LIC-LOCATION:Europe/Lisbon
BEGIN:DAYLIGHT
TZOFFSETFROM:+0000
TZOFFSETTO:+0100
TZNAME:WEST
DTSTART:19700329T010000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
END:DAYLIGHT
BEGIN:STANDARD
TZOFFSETFROM:+0100
TZOFFSETTO:+0000
TZNAME:WET
DTSTART:19701025T020000
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
END:STANDARD
END:VTIMEZONE"""


def _fold(line: str) -> str:
    """RFC 5545 folding at 75 octets (here: characters, all these lines' long parts are ASCII)."""
    out = []
    while len(line) > 75:
        out.append(line[:75])
        line = " " + line[75:]
    out.append(line)
    return "\r\n".join(out)


def _attendee(person: dict, status: str = "ACCEPTED") -> str:
    return _fold(f'ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT={status};CN="{person["name"]}";'
                 f"X-NUM-GUESTS=0:mailto:{person['work']}")


def write_calendar(out: Path, people: list[dict], rng: random.Random, by_team: dict, n_events: int) -> None:
    lines = ["BEGIN:VCALENDAR", "PRODID:-//Google Inc//Google Calendar 70.9054//EN", "VERSION:2.0",
             "CALSCALE:GREGORIAN", "METHOD:PUBLISH", f"X-WR-CALNAME:{OWNER['emails'][0]}",
             "X-WR-TIMEZONE:Europe/Lisbon", *VTIMEZONE.split("\n")]
    me = f"ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT={{}};CN=Sam Owner;X-NUM-GUESTS=0:mailto:{OWNER['emails'][0]}"
    close = sorted((p for p in people if p["status"] == "close"), key=lambda p: p["rank"])
    series = min(len(close), max(2, n_events // 13))
    for i in range(n_events):
        uid = f"ev{i}-footprint@google.com"
        if i < series:  # a weekly or fortnightly 1:1 with a close person
            person = close[i]
            start = TODAY - _dt.timedelta(days=rng.randrange(30, 700))
            count = rng.randint(6, 20)
            interval = rng.choice([1, 2])
            attendees = [person]
            extra = [f"RRULE:FREQ=WEEKLY;INTERVAL={interval};COUNT={count}",
                     f"EXDATE;TZID=Europe/Lisbon:{(start + _dt.timedelta(weeks=interval * 2)).strftime('%Y%m%d')}T100000",
                     "X-GOOGLE-CONFERENCE:https://meet.google.com/abc-defg-hij"]
            day, status, mine = start, "CONFIRMED", "ACCEPTED"
        else:
            day = _day(rng)
            person = _pick(rng, people, day)
            attendees = [person] + (_teammates(rng, by_team, person, day, rng.randint(1, 4))
                                    if rng.random() < 0.4 else [])
            extra = ["LOCATION:https://us02web.zoom.us/j/8123456789"] if rng.random() < 0.3 else ["LOCATION:Café Central"]
            status = "CANCELLED" if rng.random() < 0.03 else "CONFIRMED"
            mine = "DECLINED" if rng.random() < 0.03 else "ACCEPTED"
        for p in attendees:
            _mark(p, "calendar")
        stamp = day.strftime("%Y%m%d")
        if i >= series and rng.random() < 0.05:
            when = [f"DTSTART;VALUE=DATE:{stamp}", f"DTEND;VALUE=DATE:{(day + _dt.timedelta(days=1)).strftime('%Y%m%d')}"]
        else:
            when = [f"DTSTART;TZID=Europe/Lisbon:{stamp}T100000", f"DTEND;TZID=Europe/Lisbon:{stamp}T110000"]
        lines += ["BEGIN:VEVENT", *when, "DTSTAMP:20261101T120000Z",
                  f"ORGANIZER;CN=Sam Owner:mailto:{OWNER['emails'][0]}", f"UID:{uid}",
                  *(_attendee(p) for p in attendees), me.format(mine), *extra,
                  f"STATUS:{status}", f"SUMMARY:Catch-up {i}", "TRANSP:OPAQUE", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    (out / "calendar.ics").write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8"))


GOOGLE_HEADER = ["First Name", "Middle Name", "Last Name", "Nickname", "File As", "Organization Name",
                 "Organization Title", "Birthday", "Notes", "Labels", "E-mail 1 - Label", "E-mail 1 - Value",
                 "E-mail 2 - Label", "E-mail 2 - Value", "Phone 1 - Label", "Phone 1 - Value"]


def write_google(out: Path, people: list[dict], rng: random.Random, n_rows: int) -> None:
    chosen = sorted(people, key=lambda p: p["rank"])[:n_rows]
    with open(out / "contacts.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\r\n")
        writer.writerow(GOOGLE_HEADER)
        for p in sorted(chosen, key=lambda p: p["id"]):
            fold = rng.random() < 0.3
            first = ascii_fold(p["first"]) if fold else p["first"]
            last = ascii_fold(p["last"]) if fold else p["last"]
            birthday = f"--{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}" if rng.random() < 0.4 else ""
            writer.writerow([first, "", last, p["nick"] or "", "", p["organization"], p["role"], birthday, "",
                             "* myContacts ::: " + ("Friends" if p["status"] == "close" else "Work"),
                             "* Home", f"{p['personal']} ::: {p['work']}", "", "",
                             "Mobile", f"+351 91{p['id']:07d}"])
            _mark(p, "google")


def write_footprint(out: Path, people: int = 900, seed: int = 1) -> dict:
    """Write the footprint into `out` and return the truth (also in truth.json)."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    persons = make_people(people, rng)
    by_team: dict = {}
    for p in persons:
        by_team.setdefault(p["team"], []).append(p)
    scale = people / 900
    write_linkedin(out, persons, rng, by_team, round(1500 * scale))
    write_mbox(out, persons, rng, by_team, round(2000 * scale))
    write_calendar(out, persons, rng, by_team, round(400 * scale))
    write_google(out, persons, rng, round(200 * scale))
    vault = out / "vault"
    (vault / ".netfiles").mkdir(parents=True, exist_ok=True)
    (vault / "people").mkdir(exist_ok=True)
    emails = ", ".join(f'"{e}"' for e in OWNER["emails"])
    (vault / ".netfiles" / "config.toml").write_text(
        f'[me]\nname = "{OWNER["name"]}"\nemails = [{emails}]\nlinkedin = "{OWNER["linkedin"]}"\n', encoding="utf-8")
    truth = {
        "today": TODAY.isoformat(),
        "owner": OWNER,
        "people": [{k: p[k] for k in ("id", "name", "nick", "organization", "team", "work", "personal", "linkedin",
                                      "status", "rank", "sources")} for p in persons],
        "close": [p["id"] for p in sorted(persons, key=lambda p: p["rank"]) if p["status"] == "close"],
        "dormant": [p["id"] for p in persons if p["status"] == "dormant"],
        "knows": [[a["id"], b["id"]] for team in by_team.values() for i, a in enumerate(team) for b in team[i + 1:]],
    }
    (out / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8")
    return truth


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--people", type=int, default=900)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    truth = write_footprint(args.out, args.people, args.seed)
    print(f"wrote {args.out}: {len(truth['people'])} people, {len(truth['close'])} close, "
          f"{len(truth['dormant'])} dormant, {len(truth['knows'])} true ties")


if __name__ == "__main__":
    main()

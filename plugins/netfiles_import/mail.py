"""`netfiles import mail PATH`: who you wrote to (and, with --received, who wrote to you).

Only headers are parsed (`email.parser.BytesHeaderParser`), never a body:
an mbox is split at its "From " lines here, so each message's line number
is known for messages about it and its body is skipped line by line
without being kept; a Maildir is read with the stdlib `mailbox` module, one
message file's headers at a time.  Addresses are split by
`email.utils.getaddresses` (a quoted name may hold a comma) and RFC 2047
names decoded.  Mailing lists, bulk mail and auto-replies are skipped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from email.header import decode_header, make_header
from email.parser import BytesHeaderParser
from email.utils import getaddresses, parsedate_to_datetime
from pathlib import Path
from typing import Iterator

import netfiles

from .evidence import Evidence

MAX_HEADER_BYTES = 256 * 1024  # a header block larger than this is not mail (a binary file, a broken mbox)


class MailError(ValueError):
    """The path is not an mbox or a Maildir; the message names the file and line."""


@dataclass
class MailCounts:
    messages: int = 0
    sent: int = 0
    received: int = 0
    lists: int = 0
    drafts: int = 0
    after_today: int = 0
    problems: list = field(default_factory=list)


def _mbox_headers(path: Path) -> Iterator[tuple[int, bytes]]:
    """(line number of the "From " line, header bytes) for each message of an mbox."""
    with path.open("rb") as handle:
        first = handle.readline()
        if not first:
            return
        if not first.startswith(b"From "):
            raise MailError(f"{path}:1: not an mbox file (its first line should start with 'From ')")
        header: list[bytes] = []
        number, start, size, in_header = 1, 1, 0, True
        for line in handle:
            number += 1
            if line.startswith(b"From "):  # as the stdlib's mailbox.mbox: bodies escape theirs as ">From "
                yield start, b"".join(header)
                start, header, size, in_header = number, [], 0, True
            elif in_header:
                if line in (b"\n", b"\r\n"):
                    in_header = False
                else:
                    header.append(line)
                    size += len(line)
                    if size > MAX_HEADER_BYTES:
                        raise MailError(f"{path}:{start}: a header block of more than {MAX_HEADER_BYTES // 1024} KB; "
                                        "not an mbox of mail")
        yield start, b"".join(header)


def _maildir_headers(path: Path) -> Iterator[tuple[str, bytes]]:
    import mailbox

    box = mailbox.Maildir(str(path), factory=None, create=False)
    for key in sorted(box.iterkeys()):
        with box.get_file(key) as handle:
            lines = []
            for line in handle:
                if line in (b"\n", b"\r\n"):
                    break
                lines.append(line)
                if sum(map(len, lines)) > MAX_HEADER_BYTES:
                    raise MailError(f"{path}/{key}: a header block of more than {MAX_HEADER_BYTES // 1024} KB; "
                                    "not mail")
        yield key, b"".join(lines)


def _decode(text: str) -> str:
    try:
        return " ".join(str(make_header(decode_header(text))).split())
    except (ValueError, LookupError, UnicodeError):
        return " ".join(text.split())


def _addresses(message, *names: str) -> list[tuple[str, str]]:
    values = [str(v) for name in names for v in (message.get_all(name) or [])]
    return [(address.strip().lower(), _decode(display)) for display, address in getaddresses(values) if "@" in address]


def _is_list_mail(message) -> bool:
    if message.get("List-Id") or message.get("List-Unsubscribe") or message.get("List-Post"):
        return True
    if str(message.get("Precedence", "")).strip().lower() in ("bulk", "list", "junk"):
        return True
    return str(message.get("Auto-Submitted", "no")).strip().lower() not in ("", "no")


def read_mail(path: Path, owner: "netfiles.Owner", today: date, received: bool = False,
              evidence: Evidence | None = None) -> tuple[Evidence, MailCounts]:
    """Emails exchanged with the owner, by person, from an mbox file or a Maildir folder."""
    if path.is_dir():
        if not all((path / sub).is_dir() for sub in ("cur", "new")):
            raise MailError(f"{path}: a folder, but not a Maildir (no cur/ and new/ inside)")
        messages: Iterator = ((f"{path}/{key}", data) for key, data in _maildir_headers(path))
    else:
        messages = ((f"{path}:{line}", data) for line, data in _mbox_headers(path))
    evidence = evidence or Evidence(owner, "mails")
    counts = MailCounts()
    parser = BytesHeaderParser()
    for where, data in messages:
        counts.messages += 1
        message = parser.parsebytes(data)
        labels = str(message.get("X-Gmail-Labels", "")).lower()
        if "draft" in labels.split(","):
            counts.drafts += 1
            continue
        try:
            moment = parsedate_to_datetime(str(message.get("Date", "")))
        except (TypeError, ValueError, IndexError):
            moment = None
        if moment is None:
            counts.problems.append(f"{where}: no readable Date header ({message.get('Date')!r}); message skipped")
            continue
        day = moment.date()
        if day > today:
            counts.after_today += 1
            continue
        senders = _addresses(message, "From")
        recipients = _addresses(message, "To", "Cc")
        if senders and owner.has_email(senders[0][0]):
            counts.sent += 1
            evidence.add(day, "email", recipients)
        elif received and any(owner.has_email(a) for a, _ in recipients):
            if _is_list_mail(message):
                counts.lists += 1
                continue
            counts.received += 1
            evidence.add(day, "email", senders[:1] + recipients, log_only={a for a, _ in senders[:1]})
    return evidence, counts

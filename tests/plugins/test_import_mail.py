"""`netfiles import mail`: sent mail (Gmail Takeout mbox or a Maildir) becomes email log lines; headers only."""

from __future__ import annotations

import json
import mailbox
from pathlib import Path

import pytest
from import_helpers import ok, snapshot, log

TODAY = "2026-03-31"


def message(frm, to, date, *, cc=None, subject="SECRET-SUBJECT", labels="Sent", extra=""):
    cc_line = f"Cc: {cc}\r\n" if cc else ""
    return (f"X-GM-THRID: 1790000000000000001\r\nX-Gmail-Labels: {labels}\r\n"
            f"MIME-Version: 1.0\r\nDate: {date}\r\nFrom: {frm}\r\nTo: {to}\r\n{cc_line}{extra}"
            f"Subject: {subject}\r\nContent-Type: text/plain; charset=\"UTF-8\"\r\n\r\n"
            "Hi,\r\n\r\nSECRET-BODY-TEXT\r\n>From the desk of Sam\r\n\r\n")


SAM = "Sam Owner <sam@owner.example>"
MESSAGES = [
    message(SAM, '"Díaz, Carla" <carla@diaz.example>, Bo Chen <bo@chen.example>', "Wed, 04 Mar 2026 10:00:00 +0000"),
    message(SAM, "carla@diaz.example", "Wed, 04 Mar 2026 18:00:00 +0000"),
    message(SAM, "=?UTF-8?Q?Ana_Souza?= <ana@acme.example>", "Thu, 05 Mar 2026 09:00:00 -0500",
            cc="=?UTF-8?B?RGFuIE9ydGl6?= <DAN@ortiz.example>, =?UTF-8?Q?Eve_Str=C3=A4nger?= <eve@startup.example>"),
    message(SAM, "GitHub <noreply@github.com>", "Thu, 05 Mar 2026 10:00:00 +0000"),
    message(SAM, "Bo Chen <bo@chen.example>", "Fri, 06 Mar 2026 10:00:00 +0000", labels="Draft"),
    message(SAM, "eve@startup.example", "Mon, 09 Mar 2026 10:00:00 +0000"),
    message("Ana Souza <ana@acme.example>", SAM, "Tue, 10 Mar 2026 10:00:00 +0000", labels="Inbox"),
    message("Bo Chen <bo@chen.example>", "team@lists.example", "Tue, 10 Mar 2026 11:00:00 +0000",
            labels="Inbox", extra="List-Id: <team.lists.example>\r\n"),
    message(SAM, ", ".join(f"P{i} <p{i}@big.example>" for i in range(1, 11)), "Wed, 11 Mar 2026 10:00:00 +0000"),
    message(SAM, "Bo Chen <bo@chen.example>", "Wed, 01 Apr 2026 10:00:00 +0000"),
]


def mbox_text(messages) -> str:
    return "".join(f"From 17900000000{i:08d}@xxx Wed Mar 04 10:00:00 +0000 2026\r\n{m}"
                   for i, m in enumerate(messages))


@pytest.fixture
def vault(netfiles_vault):
    netfiles_vault.config(me={"name": "Sam Owner", "emails": ["sam@owner.example", "sam@home.example"]})
    for name, email in (("Ana Souza", "ana@acme.example"), ("Bo Chen", "bo@chen.example"),
                        ("Carla Díaz", "carla@diaz.example"), ("Dan Ortiz", "dan@ortiz.example")):
        netfiles_vault.add_contact(name, emails=[email])
    for i in (1, 2):
        netfiles_vault.add_contact(f"P{i}", emails=[f"p{i}@big.example"])
    return netfiles_vault


@pytest.fixture
def sent(tmp_path) -> Path:
    path = tmp_path / "Sent.mbox"
    path.write_bytes(mbox_text(MESSAGES).encode("utf-8"))
    return path


def run(netfiles_cli, path, *args):
    return netfiles_cli("import", "mail", str(path), "--today", TODAY, *args)


def test_sent_mail_gives_one_line_per_recipient_per_day_with_the_other_contacts(vault, netfiles_cli, sent):
    result = ok(run(netfiles_cli, sent))
    assert log(vault, "Carla Díaz") == ["- 2026-03-04 email: with [[Bo Chen]]"]
    assert log(vault, "Bo Chen") == ["- 2026-03-04 email: with [[Carla Díaz]]"]  # not the draft, not April
    assert log(vault, "Ana Souza") == ["- 2026-03-05 email: with [[Dan Ortiz]]"]  # not the mail she sent
    assert log(vault, "Dan Ortiz") == ["- 2026-03-05 email: with [[Ana Souza]]"]  # upper-case address matched
    assert log(vault, "P1") == ["- 2026-03-11 email: with 9 others"]
    assert "1 no-reply, notification or mailing-list addresses ignored" in result.stderr
    assert "1 drafts skipped" in result.stderr


def test_bodies_and_subjects_are_never_stored(vault, netfiles_cli, sent):
    ok(run(netfiles_cli, sent, "--received", "--create-min", "1"))
    for path in vault.path.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert b"SECRET-BODY-TEXT" not in data and b"SECRET-SUBJECT" not in data, path


def test_received_counts_mail_to_me_but_not_lists(vault, netfiles_cli, sent):
    ok(run(netfiles_cli, sent, "--received"))
    assert log(vault, "Ana Souza") == ["- 2026-03-10 email", "- 2026-03-05 email: with [[Dan Ortiz]]"]
    assert "- 2026-03-10 email" not in log(vault, "Bo Chen")  # list mail


def test_strangers_are_counted_then_created_with_their_decoded_name(vault, netfiles_cli, sent):
    result = ok(run(netfiles_cli, sent, "--dry-run", "--format", "json"))
    skipped = json.loads(result.stdout)["skipped_people"]
    assert "Eve Stränger: eve@startup.example, 2 day(s) of mails, not a contact" in skipped
    assert len(skipped) == 9  # Eve and P3..P10
    text = ok(run(netfiles_cli, sent, "--dry-run")).stdout
    assert "Eve Stränger: eve@startup.example" in text
    ok(run(netfiles_cli, sent, "--create-min", "2"))
    assert log(vault, "Eve Stränger") == ["- 2026-03-09 email", "- 2026-03-05 email: with [[Ana Souza]], [[Dan Ortiz]]"]
    assert not (vault.path / "people" / "P3.md").exists()


def test_reimport_changes_nothing(vault, netfiles_cli, sent):
    ok(run(netfiles_cli, sent, "--received", "--create-min", "2"))
    before = snapshot(vault.path)
    result = ok(run(netfiles_cli, sent, "--received", "--create-min", "2"))
    assert "0 created, 0 updated" in result.stdout
    assert snapshot(vault.path) == before


def test_maildir(vault, netfiles_cli, tmp_path):
    box = mailbox.Maildir(str(tmp_path / "Maildir"), create=True)
    for text in MESSAGES[:3]:
        box.add(mailbox.MaildirMessage(text.encode("utf-8")))
    box.close()
    ok(run(netfiles_cli, tmp_path / "Maildir"))
    assert log(vault, "Carla Díaz") == ["- 2026-03-04 email: with [[Bo Chen]]"]
    assert log(vault, "Dan Ortiz") == ["- 2026-03-05 email: with [[Ana Souza]]"]


def test_not_an_mbox_is_refused_with_file_and_line(vault, netfiles_cli, tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("Hello,\nthis is not mail\n", encoding="utf-8")
    before = snapshot(vault.path)
    result = run(netfiles_cli, path)
    assert result.exit_code != 0
    assert f"{path}:1: not an mbox file" in result.output and "Traceback" not in result.output
    assert snapshot(vault.path) == before


def test_a_message_without_a_date_is_named_by_line_and_the_rest_imported(vault, netfiles_cli, tmp_path):
    broken = MESSAGES[0].replace("Date: Wed, 04 Mar 2026 10:00:00 +0000\r\n", "Date: someday\r\n")
    path = tmp_path / "Sent.mbox"
    text = mbox_text([MESSAGES[2], broken])
    path.write_bytes(text.encode("utf-8"))
    line = text.split("\r\n").index("From 1790000000000000001@xxx Wed Mar 04 10:00:00 +0000 2026") + 1
    result = ok(run(netfiles_cli, path))
    assert f"{path}:{line}: no readable Date header ('someday'); message skipped" in result.stderr
    assert log(vault, "Dan Ortiz") == ["- 2026-03-05 email: with [[Ana Souza]]"]


def test_binary_junk_is_refused(vault, netfiles_cli, tmp_path):
    path = tmp_path / "junk.mbox"
    path.write_bytes(b"From x\n" + b"A" * (300 * 1024) + b"\n")
    result = run(netfiles_cli, path)
    assert result.exit_code != 0 and f"{path}:1:" in result.output

"""Mail, replies: what counts as a reply (pure), what it changes in the queue, and checks of
a real IMAP server (Dovecot on loopback, see mail_servers.py) and of a Maildir that change
nothing in the mailbox."""

from __future__ import annotations

import imaplib
import mailbox
import tomllib
from datetime import UTC, date, datetime
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

import orjson
import pytest

from infoint_tui.cli import main
from infoint_tui.config import Config
from infoint_tui.domain.due_kinds import DueKind
from infoint_tui.domain.mail_replies import Interest, MailMessage, match_replies, record
from infoint_tui.domain.models import AttemptKind, Campaign, Degree, Objective, ObjectiveKind, Outreach, Person, Route
from infoint_tui.domain.policy import due_items
from infoint_tui.mail.incoming import concerns, first_lines, mail_message
from infoint_tui.mail.settings import mail_settings
from infoint_tui.usecases.agenda import review
from infoint_tui.usecases.mail_check import check_now
from tests.conftest import TODAY
from tests.mail_servers import Dovecot, dovecot  # noqa: F401 (the fixture)
from tests.support import until

REQUEST_ID = "<request-ada@infoint.example>"
ASK_ID = "<ask-max@infoint.example>"
ME = "dana@example.org"


def raw_mail(
    sender: str = "Ada Park <ada@example.com>",
    *,
    replying_to: str | None = REQUEST_ID,
    body: str = "Happy to talk. Would Tuesday at 10 suit you?\n\nOn Mon, Dana wrote:\n> Hello Ada",
    subject: str = "Re: A question about design research",
    sent: datetime = datetime(2026, 11, 25, 9, 30, tzinfo=UTC),
    message_id: str = "<reply-1@example.com>",
    **headers: str,
) -> bytes:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = ME
    message["Subject"] = subject
    message["Date"] = format_datetime(sent)
    message["Message-ID"] = message_id
    if replying_to:
        message["In-Reply-To"] = replying_to
        message["References"] = replying_to
    for name, value in headers.items():
        message[name.replace("_", "-")] = value
    message.set_content(body)
    return message.as_bytes()


def campaign() -> Campaign:
    """Ada, asked directly on 16 Nov (follow-up due 23 Nov); Sam, through Max, whom we asked for an introduction."""
    result = Campaign()
    result.objectives[1] = Objective(ObjectiveKind.ROLE, "design research", id=1)
    result.people[1] = Person("Ada Park", email="Ada@Example.com", degree=Degree.FIRST, id=1)
    result.people[2] = Person("Max Ode", email="max@example.net", degree=Degree.FIRST, id=2)
    result.people[3] = Person("Sam Lee", email="sam@example.net", degree=Degree.SECOND, introducer_id=2, id=3)
    ada = Outreach(1, 1, Route.DIRECT, date(2026, 11, 16), id=1)
    ada.log(AttemptKind.REQUEST, date(2026, 11, 16), message_id=REQUEST_ID)
    sam = Outreach(3, 1, Route.INTRO, date(2026, 11, 10), id=2)
    sam.log(AttemptKind.INTRO_ASKED, date(2026, 11, 10), message_id=ASK_ID)
    result.outreach = {1: ada, 2: sam}
    return result


def message(raw: bytes) -> MailMessage:
    return mail_message(raw, TODAY)


def found(held: Campaign, *raws: bytes) -> list[tuple[int, AttemptKind]]:
    """Match the messages, log them as the check does, and say what was logged on which outreach."""
    logged = []
    for match in match_replies(held, [message(raw) for raw in raws], [ME]):
        record(held.outreach[match.outreach_id], match)
        logged.append((match.outreach_id, held.outreach[match.outreach_id].attempts[-1].kind))
    return logged


def kinds_due(held: Campaign) -> dict[int | None, DueKind]:
    return {item.outreach_id: item.kind for item in due_items(held, TODAY) if item.outreach_id}


# --- what counts as a reply ----------------------------------------------------------------


def test_a_reply_naming_the_request_stops_the_follow_up_and_heads_the_queue() -> None:
    held = campaign()
    assert kinds_due(held)[1] == DueKind.FOLLOW_UP
    assert found(held, raw_mail()) == [(1, AttemptKind.MAIL_REPLY)]
    reply = held.outreach[1].attempts[-1]
    assert reply.note == "Happy to talk. Would Tuesday at 10 suit you?"  # the quoted request left out
    assert (reply.sender, reply.on, reply.message_id) == ("Ada Park", date(2026, 11, 25), "reply-1@example.com")
    items = review(held, datetime.combine(TODAY, datetime.min.time()))
    assert items[0].kind == DueKind.READ_REPLY and items[0].outreach_id == 1
    assert items[0].detail.startswith("reply from Ada Park: read and record")
    assert DueKind.FOLLOW_UP not in {item.kind for item in items if item.outreach_id == 1}
    assert held.outreach[1].stage == "replied"


def test_recording_the_answer_clears_the_reply_item() -> None:
    held = campaign()
    found(held, raw_mail())
    held.outreach[1].log(AttemptKind.REPLY_YES, date(2026, 11, 25))
    assert kinds_due(held)[1] == DueKind.BOOK


def test_references_alone_name_the_thread() -> None:
    raw = raw_mail(replying_to=None, References=f"<other@x> {REQUEST_ID}")
    assert found(campaign(), raw) == [(1, AttemptKind.MAIL_REPLY)]


def test_a_copied_request_is_answered_from_the_person_s_address_after_it_was_sent() -> None:
    held = campaign()
    held.outreach[1].attempts[0].message_id = None  # sent by copy and paste
    before = raw_mail(replying_to=None, sent=datetime(2026, 11, 12, tzinfo=UTC))
    stranger = raw_mail("Bo <bo@example.com>", replying_to=None, message_id="<x@y>")
    assert found(held, before, stranger) == []
    assert found(held, raw_mail("ADA@example.com", replying_to=None)) == [(1, AttemptKind.MAIL_REPLY)]


def test_a_reply_from_the_introducer_stops_the_nudge() -> None:
    held = campaign()
    assert kinds_due(held)[2] == DueKind.NUDGE_INTRO
    assert found(held, raw_mail("Max Ode <max@example.net>", replying_to=None, message_id="<m@x>")) == [
        (2, AttemptKind.MAIL_REPLY)
    ]
    assert kinds_due(held)[2] == DueKind.READ_REPLY
    held.outreach[2].log(AttemptKind.INTRO_MADE, TODAY)
    assert kinds_due(held)[2] == DueKind.REQUEST


@pytest.mark.parametrize(
    "headers",
    [
        {"Auto_Submitted": "auto-replied"},
        {"X_Autoreply": "yes"},
        {"Precedence": "auto_reply"},
        {"Precedence": "bulk"},
        {"subject": "Out of Office: back on 1 December"},
        {"subject": "Automatic reply: A question"},
    ],
)
def test_an_automatic_reply_is_shown_but_no_reply(headers: dict[str, str]) -> None:
    held = campaign()
    raw = raw_mail(body="I am away until 1 December.", **headers)
    assert found(held, raw) == [(1, AttemptKind.AUTO_REPLY)]
    follow_up = next(item for item in due_items(held, TODAY) if item.outreach_id == 1)
    assert follow_up.kind == DueKind.FOLLOW_UP
    assert "auto-reply 25 Nov: I am away until 1 December." in follow_up.detail


def test_auto_submitted_no_is_a_person_writing() -> None:
    assert not message(raw_mail(Auto_Submitted="no")).automatic
    assert not message(raw_mail(subject="Re: your question about out of office rules")).automatic


def test_our_own_messages_and_replies_already_recorded_are_not_matched_again() -> None:
    held = campaign()
    own_follow_up = raw_mail(f"Dana <{ME}>", message_id="<follow@infoint>")
    assert found(held, own_follow_up) == []
    found(held, raw_mail())
    held.outreach[1].log(AttemptKind.FOLLOW_UP, TODAY, message_id="<follow@infoint>")
    assert found(held, raw_mail()) == []  # the same reply, seen again by a later check


def test_first_lines_skip_quotes_and_signature() -> None:
    text = "\n  Thanks Dana!\n> quoted\nSure, call me.\n-- \nAda\nmore"
    assert first_lines(text) == ("Thanks Dana!", "Sure, call me.")


def test_the_check_screens_on_the_header_bytes_for_the_awaited() -> None:
    interest = Interest(frozenset({"request-ada@infoint.example"}), frozenset({"max@example.net"}), frozenset(), TODAY)
    folded = b"From: Bo <bo@example.com>\nReferences: <a@x>\n <request-ada@infoint.example>\nSubject: x\n\n"
    assert concerns(interest, folded)
    assert concerns(interest, b"From: =?utf-8?q?Max_=C3=96de?= <Max@Example.net>\n\n")
    assert not concerns(interest, b"From: Bo <bo@example.com>\nIn-Reply-To: <other@x>\n\n")


def test_the_check_s_report_as_text() -> None:
    from infoint_tui.usecases.mail_check import CheckReport, Found, report_text

    found = Found("Ada Park", "design research", "Ada Park", date(2026, 11, 25), "Happy to talk.", False, True)
    assert report_text(CheckReport([found], [])).splitlines() == [
        "Ada Park · design research · from Ada Park on Wed 25 Nov 2026",
        "  “Happy to talk.”",
        "  its follow-ups stop; “reply from Ada Park: read and record” heads the queue",
    ]
    assert report_text(CheckReport([], [])) == "No new replies."


def test_folder_names_go_to_imap_in_modified_utf7() -> None:
    from infoint_tui.mail.imap import _quoted

    assert _quoted("[Gmail]/Envoyés") == '"[Gmail]/Envoy&AOk-s"'
    assert _quoted("~peter/mail/台北/日本語") == '"~peter/mail/&U,BTFw-/&ZeVnLIqe-"'  # RFC 3501's example
    assert _quoted('Q&A "x"') == '"Q&-A \\"x\\""'


def test_check_minutes_is_a_number_of_minutes() -> None:
    from infoint_tui.mail.settings import MailSettingsError
    from infoint_tui.usecases.mail_check import check_minutes

    assert check_minutes(Config(Path("c.toml"))) == 5
    assert check_minutes(Config(Path("c.toml"), document={"mail": {"check_minutes": 15}})) == 15
    with pytest.raises(MailSettingsError, match=r"mail\.check_minutes must be a number of minutes from 1 to 1440"):
        check_minutes(Config(Path("c.toml"), document={"mail": {"check_minutes": "often"}}))


# --- real mailboxes --------------------------------------------------------------------------


@pytest.fixture
def stored(tmp_path: Path):
    """The campaign above in a data file, opened as the app or `infoint` opens it."""
    from infoint_tui.store.repository import Repository

    path = Path(tmp_path / "private" / "infoint.json")
    repository = Repository.open(path)
    held = campaign()
    with repository.batch():
        repository.add_many([*held.objectives.values(), *held.people.values()])
        repository.add_many(held.outreach.values())
    yield repository
    repository.close()


def settings(text: str):
    return mail_settings(Config(Path("config.toml"), document=tomllib.loads(f'[mail]\nfrom = "{ME}"\n{text}')))


def test_imap_reply_found_and_the_mailbox_unchanged(stored, dovecot: Dovecot, monkeypatch) -> None:  # noqa: F811
    folder = dovecot.new_folder()
    dovecot.deliver(folder, raw_mail("Bo <bo@example.com>", replying_to=None, message_id="<noise@x>"))
    dovecot.deliver(folder, raw_mail())
    before = dovecot.state(folder)
    report = check_now(stored, settings(dovecot.settings_toml(folder)), TODAY)
    assert report.problems == []
    assert [(f.person, f.first_line, f.automatic) for f in report.found] == [
        ("Ada Park", "Happy to talk. Would Tuesday at 10 suit you?", False)
    ]
    assert dovecot.state(folder) == before  # no flag set (\Seen, \Recent kept), nothing moved or deleted
    assert review(stored.campaign, datetime.combine(TODAY, datetime.min.time()))[0].kind == DueKind.READ_REPLY
    assert kinds_due(stored.campaign)[1] == DueKind.READ_REPLY
    # A later check asks for newer messages only, fetches none when there are none, and
    # finds the same reply no second time.
    seen = stored.mail_seen()
    assert [entry["uid"] for entry in seen.values()] == [2]
    commands = []
    uid = imaplib.IMAP4.uid
    monkeypatch.setattr(imaplib.IMAP4, "uid", lambda self, *args: commands.append(args[:3]) or uid(self, *args))
    assert check_now(stored, settings(dovecot.settings_toml(folder)), TODAY).found == []
    assert commands == [("SEARCH", "UID", "3:*")]


def test_imap_out_of_office_over_starttls_does_not_count(stored, dovecot: Dovecot) -> None:  # noqa: F811
    folder = dovecot.new_folder()
    dovecot.deliver(folder, raw_mail(subject="Out of office", body="Back on Monday.", Auto_Submitted="auto-replied"))
    report = check_now(stored, settings(dovecot.settings_toml(folder, security="starttls")), TODAY)
    assert [(f.automatic, f.first_line) for f in report.found] == [(True, "Back on Monday.")]
    assert kinds_due(stored.campaign)[1] == DueKind.FOLLOW_UP


def test_an_untrusted_certificate_is_refused(stored, dovecot: Dovecot) -> None:  # noqa: F811
    folder = dovecot.new_folder()
    dovecot.deliver(folder, raw_mail())
    report = check_now(stored, settings(dovecot.settings_toml(folder, trusted=False)), TODAY)
    assert report.found == []
    assert len(report.problems) == 1 and "cannot be trusted" in report.problems[0]


def test_no_encryption_only_to_this_computer(stored, dovecot: Dovecot) -> None:  # noqa: F811
    folder = dovecot.new_folder()
    dovecot.deliver(folder, raw_mail())
    plain = dovecot.settings_toml(folder, security="none", trusted=False)
    assert [f.person for f in check_now(stored, settings(plain), TODAY).found] == ["Ada Park"]
    elsewhere = plain.replace('host = "127.0.0.1"', 'host = "imap.example.org"')
    report = check_now(stored, settings(elsewhere), TODAY)
    assert len(report.problems) == 1 and "unencrypted" in report.problems[0]


def test_a_password_beyond_ascii_logs_in(dovecot: Dovecot) -> None:  # noqa: F811
    from infoint_tui.mail.imap import examine, logged_in
    from infoint_tui.mail.settings import PasswordSource, ServerSettings
    from tests.mail_servers import ACCENTED_PASSWORD, ACCENTED_USER

    server = ServerSettings(
        "127.0.0.1",
        dovecot.tls_port,
        "tls",
        ACCENTED_USER,
        PasswordSource(f"printf %s {ACCENTED_PASSWORD}"),
        dovecot.ca_file,
    )
    with logged_in(server) as connection:
        assert examine(connection, "INBOX")[1] == 0


def delivered(folder: Path, raw: bytes, sent: datetime, subfolder: str = "new", flags: str = "") -> Path:
    """A message file as a mail program delivers it: named for the second it came (its Date here)."""
    for sub in ("tmp", "new", "cur"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    path = folder / subfolder / f"{int(sent.timestamp())}.M{len(raw)}P1.test{flags}"
    path.write_bytes(raw)
    return path


def test_maildir_reply_found_nothing_moved_and_later_checks_read_only_new_files(
    stored, tmp_path: Path, monkeypatch
) -> None:
    from infoint_tui.mail import maildir

    folder = tmp_path / "Mail"
    delivered(folder, raw_mail(), datetime(2026, 11, 25, 9, 30, tzinfo=UTC))
    noise = raw_mail("Bo <bo@example.com>", replying_to=None, message_id="<noise@x>")
    delivered(folder, noise, datetime(2026, 11, 24, tzinfo=UTC), "cur", ":2,S")  # read in mutt: in cur/
    delivered(folder, noise, datetime(2026, 11, 1, tzinfo=UTC))  # before the request: never opened
    files = sorted(p.relative_to(tmp_path) for p in folder.rglob("*"))
    opened: list[str] = []
    head = maildir._head
    monkeypatch.setattr(maildir, "_head", lambda path: opened.append(Path(path).parent.name) or head(path))
    box = settings(f'[mail.maildir]\npath = "{folder}"')
    report = check_now(stored, box, TODAY)
    assert [(f.person, f.automatic) for f in report.found] == [("Ada Park", False)]
    assert sorted(opened) == ["cur", "new"]
    assert sorted(p.relative_to(tmp_path) for p in folder.rglob("*")) == files  # nothing renamed or moved
    assert kinds_due(stored.campaign)[1] == DueKind.READ_REPLY
    opened.clear()
    assert check_now(stored, box, TODAY).found == [] and opened == []
    delivered(folder, noise, datetime.now(UTC))
    assert check_now(stored, box, TODAY).found == [] and opened == ["new"]


def test_a_data_file_held_by_the_app_is_reported_on_and_left_unchanged(stored, tmp_path: Path) -> None:
    from infoint_tui.store.repository import Repository

    box = mailbox.Maildir(tmp_path / "Mail", create=True)
    box.add(mailbox.MaildirMessage(raw_mail()))
    before = stored.path.read_bytes()
    reader = Repository.open(stored.path, read_only=True)  # as `infoint mail check` beside the app
    report = check_now(reader, settings(f'[mail.maildir]\npath = "{tmp_path / "Mail"}"'), TODAY)
    assert [(f.person, f.recorded) for f in report.found] == [("Ada Park", False)]
    assert "open in another infoint" in report.found[0].changed
    assert stored.path.read_bytes() == before


def test_mail_check_and_mail_test_on_the_command_line(stored, dovecot: Dovecot, tmp_path: Path, capsys) -> None:  # noqa: F811
    folder = dovecot.new_folder()
    dovecot.deliver(folder, raw_mail())
    stored.close()  # `infoint` opens the file itself
    config = tmp_path / "private" / "config.toml"
    config.write_text(
        f'[mail]\nfrom = "{ME}"\n{dovecot.settings_toml(folder)}'
        f'[mail.smtp]\nhost = "127.0.0.1"\nport = {dovecot.port}\nsecurity = "none"\n'
        f'[mail.maildir]\npath = "{tmp_path / "nowhere"}"\n'
    )
    assert main(["mail", "check", "--json"]) == 1  # the Maildir is missing: said, the IMAP reply still recorded
    out, err = capsys.readouterr()
    document = orjson.loads(out)
    assert [(f["person"], f["outreach"], f["date"]) for f in document["found"]] == [
        ("Ada Park", "design research", "2026-11-25")
    ]
    assert "not a Maildir" in err
    assert main(["mail", "test"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("FAIL  SMTP 127.0.0.1")  # an IMAP port: no SMTP there
    assert lines[1:3] == [
        f"ok    IMAP 127.0.0.1:{dovecot.tls_port} (tls): logged in as dana.",
        f"ok    IMAP 127.0.0.1:{dovecot.tls_port} (tls): the folder '{folder}' opens read-only (1 message).",
    ]
    assert lines[3].startswith("FAIL  Maildir:")


# --- in the app ----------------------------------------------------------------------------


async def test_the_app_checks_after_start_and_the_reply_is_recorded_as_today(stored, tmp_path: Path) -> None:
    from infoint_tui.tui.app import InfointApp
    from infoint_tui.tui.screens.queue import QueueScreen

    box = mailbox.Maildir(tmp_path / "Mail", create=True)
    box.add(mailbox.MaildirMessage(raw_mail()))
    config = Config(tmp_path / "config.toml", document=tomllib.loads(f'[mail.maildir]\npath = "{tmp_path / "Mail"}"'))
    app = InfointApp(stored, config=config, build_ahead=False)
    async with app.run_test(size=(100, 30)) as pilot:
        queue = app.screen
        assert isinstance(queue, QueueScreen)
        await until(pilot, lambda: queue.items[0].kind == DueKind.READ_REPLY, "the reply heading the queue")
        assert (queue.items[0].kind, queue.items[0].person) == (DueKind.READ_REPLY, "Ada Park")
        # The highlight stays where it was when the reply came in; the reply is one row up.
        await pilot.press("up")
        assert queue.selected() == queue.items[0]
        await pilot.press("d", "y")  # their answer: yes
        await pilot.press("y")  # "Record that Ada Park said yes?" (on the reply's day)
        await pilot.press("escape")  # the booking form: later
        await pilot.pause()
    ada = stored.campaign.outreach[1]
    assert [(a.kind, a.on) for a in ada.attempts][-2:] == [
        (AttemptKind.MAIL_REPLY, date(2026, 11, 25)),
        (AttemptKind.REPLY_YES, date(2026, 11, 25)),
    ]
    assert kinds_due(stored.campaign)[1] == DueKind.BOOK


def test_a_message_the_email_package_cannot_parse_hides_no_other_reply(tmp_path: Path) -> None:
    broken = b"From: Ana <ana@example.org>\nMessage-ID: <\nSubject: Re: chat\n\nYes happy to talk\n"
    good = b"From: Bo <bo@example.org>\nMessage-ID: <ok@example.org>\nSubject: Re: chat\n\nSure\n"
    assert mail_message(broken, TODAY) is None
    message = mail_message(good, TODAY)
    assert message is not None and message.first_lines == ("Sure",)


def test_a_reply_put_off_waits_with_the_upcoming_items() -> None:
    from infoint_tui.domain.policy import DueItem, Status, agenda

    def item(kind: DueKind, status: Status, key: str) -> DueItem:
        return DueItem(kind, 1, "Ana", "Acme", TODAY, status, "", key)

    snoozed = item(DueKind.READ_REPLY, Status.UPCOMING, "snoozed")
    fresh = item(DueKind.READ_REPLY, Status.TODAY, "fresh")
    today = item(DueKind.FOLLOW_UP, Status.TODAY, "today")
    ordered = [entry.key for entry in agenda([snoozed, today, fresh], TODAY, 7)]
    assert ordered == ["fresh", "today", "snoozed"]

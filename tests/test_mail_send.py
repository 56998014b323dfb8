"""Mail, sending: the [mail] settings, the password's source, and messages that really go
out to an SMTP server on loopback (aiosmtpd) that records what it receives."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import os
import socket
import ssl
import sys
import threading
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import orjson
import pytest
import trustme
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from textual.widgets import Static

from infoint_tui.cli import main
from infoint_tui.config import Config
from infoint_tui.domain.models import Attempt, AttemptKind, Degree, Outreach, Route
from infoint_tui.domain.policy import DueItem, DueKind, due_items
from infoint_tui.mail.message import Envelope
from infoint_tui.mail.password import PasswordError, read_password, refuse_plain_password
from infoint_tui.mail.settings import (
    ImapSettings,
    MailSettings,
    MailSettingsError,
    PasswordSource,
    ServerSettings,
    mail_settings,
)
from infoint_tui.store.repository import Repository
from infoint_tui.tui.screens.queue import QueueScreen
from infoint_tui.tui.screens.settings import SettingsScreen
from infoint_tui.tui.screens.settings_mail import mail_fields, mail_problem, with_mail
from infoint_tui.tui.widgets.message import Draft, MessageScreen
from infoint_tui.usecases.agenda import agenda_json
from infoint_tui.usecases.due_actions import message_for
from infoint_tui.usecases.mailing import NotSendable, Outgoing, outgoing_for, send
from tests.conftest import TODAY
from tests.outreach_support import expect, highlight, pasted, show_queue, small_campaign, text_of  # noqa: F401
from tests.support import until

ISSUE_EXAMPLE = """
[mail]
send = "smtp"
from = "Dana Reyes <dana@example.org>"

[mail.smtp]
host = "smtp.fastmail.com"
port = 587
security = "starttls"
user = "dana@example.org"
password_command = "pass show mail/fastmail"

[mail.command]
run = "msmtp -t"

[mail.imap]
host = "imap.fastmail.com"
port = 993
security = "tls"
user = "dana@example.org"
password_command = "pass show mail/fastmail"
folders = ["INBOX"]

[mail.maildir]
path = "~/Mail/INBOX"
"""


def settings_of(text: str, path: Path = Path("config.toml")) -> object:
    return mail_settings(Config(path, document=tomllib.loads(text)))


def test_the_issue_s_example_file_reads_as_written() -> None:
    mail = mail_settings(Config(Path("config.toml"), document=tomllib.loads(ISSUE_EXAMPLE)))
    assert (mail.send, mail.sender, mail.command) == ("smtp", "Dana Reyes <dana@example.org>", "msmtp -t")
    assert mail.smtp == ServerSettings(
        "smtp.fastmail.com", 587, "starttls", "dana@example.org", PasswordSource("pass show mail/fastmail")
    )
    assert mail.imap is not None and mail.imap.folders == ("INBOX",) and mail.imap.server.port == 993
    assert mail.maildir == Path.home() / "Mail" / "INBOX"


def test_no_mail_table_means_copy_only() -> None:
    mail = mail_settings(Config(Path("config.toml")))
    assert (mail.send, mail.smtp, mail.imap, mail.maildir) == ("none", None, None, None)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ('[mail]\nsend = "pigeon"', 'mail.send must be "smtp" or "command" or "none"'),
        ('[mail]\nsend = "smtp"\nfrom = "a@b.org"', '[mail.smtp] must be present when mail.send is "smtp"'),
        ('[mail]\nfrom = "Dana"', "mail.from must be an address"),
        ('[mail.smtp]\nhost = "h"\nport = "587"', "mail.smtp.port must be a whole number"),
        ('[mail.smtp]\nhost = "h"\nsecurity = "ssl"', 'mail.smtp.security must be "starttls" or "tls" or "none"'),
        ('[mail.smtp]\nhost = "h"\npassword_command = "p"\npassword_keyring = true', "one source only"),
        ('[mail.imap]\nhost = "h"\nfolders = "INBOX"', "mail.imap.folders must be a list"),
        ("[mail.maildir]\n", "mail.maildir.path must be text"),
    ],
)
def test_a_wrong_setting_is_named_in_one_sentence(text: str, names: str) -> None:
    with pytest.raises(MailSettingsError) as raised:
        settings_of(text, Path("/home/dana/.config/infoint/config.toml"))
    message = str(raised.value)
    assert message.startswith("In the settings file /home/dana/.config/infoint/config.toml, ")
    assert names in message and message.endswith(".") and "\n" not in message


def server(command: str | None = None, security: str = "starttls", host: str = "smtp.example.org") -> ServerSettings:
    return ServerSettings(host, 587, security, "dana", PasswordSource(command))  # type: ignore[arg-type]


def script(tmp_path: Path, body: str) -> str:
    path = tmp_path / "password.py"
    path.write_text(body)
    return f"{sys.executable} {path}"


def test_the_password_is_the_first_line_the_command_prints(tmp_path: Path) -> None:
    command = script(tmp_path, "print('s3cret word')\nprint('login: dana')\n")
    assert read_password(server(command)) == "s3cret word"
    assert read_password(server(None)) is None


@pytest.mark.parametrize(
    ("body", "says"),
    [
        ("import sys\nprint('hunter2')\nsys.exit(3)\n", "failed with exit status 3"),
        ("print('')\n", "printed no password"),
    ],
)
def test_a_failing_password_command_says_so_without_its_output(tmp_path: Path, body: str, says: str) -> None:
    with pytest.raises(PasswordError) as raised:
        read_password(server(script(tmp_path, body)))
    assert says in str(raised.value) and "hunter2" not in str(raised.value)


def test_a_missing_password_command_is_one_sentence() -> None:
    with pytest.raises(PasswordError, match=r"could not be run: No such file or directory\.$"):
        read_password(server("/nonexistent/pass show mail"))


def test_a_password_is_refused_unencrypted_except_to_loopback() -> None:
    with pytest.raises(PasswordError, match="unencrypted"):
        refuse_plain_password(server("pass show mail", security="none"))
    for host in ("localhost", "127.0.0.1", "::1"):
        refuse_plain_password(server("pass show mail", security="none", host=host))
    refuse_plain_password(server("pass show mail", security="tls"))
    refuse_plain_password(server(None, security="none"))  # no password, nothing to leak


def test_an_attempt_keeps_its_message_id() -> None:
    attempt = Attempt(AttemptKind.REQUEST, TODAY, message_id="<177.1@example.org>")
    assert Attempt.from_doc(attempt.to_doc()) == attempt
    assert Attempt.from_doc({"kind": "request", "on": "2026-11-26"}).message_id is None


# --- a real SMTP server on loopback -------------------------------------------------------------


@dataclass
class Received:
    """What the server was handed: the envelope's recipients and the message as parsed."""

    rcpt_tos: list[str]
    message: EmailMessage

    @property
    def body(self) -> str:
        return self.message.get_content().replace("\r\n", "\n")  # lines end in CRLF on the wire


@dataclass
class Server:
    port: int
    received: list[Received] = field(default_factory=list)
    #: The password the server takes from "dana"; None: no login offered.
    password: str | None = None
    #: Set to make the server refuse the next messages at once (as a bounce at once does).
    refuse: bool = False
    #: The user names that logged in with the right password.
    logins: list[str] = field(default_factory=list)
    #: Set: the server takes the message only once it is set, as a slow server does.
    hold: threading.Event | None = None

    async def handle_DATA(self, server, session, envelope) -> str:
        if self.hold is not None:
            await asyncio.to_thread(self.hold.wait)
        if self.refuse:
            return "554 5.7.1 Message rejected as spam"
        parsed = message_from_bytes(envelope.original_content, policy=policy.default)
        self.received.append(Received(list(envelope.rcpt_tos), parsed))
        return "250 OK"

    def authenticate(self, server, session, envelope, mechanism, auth_data) -> AuthResult:
        ok = isinstance(auth_data, LoginPassword) and (auth_data.login, auth_data.password) == (
            b"dana",
            (self.password or "").encode(),
        )
        if ok:
            self.logins.append("dana")
        return AuthResult(success=ok, handled=False)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def smtp_server(tls: ssl.SSLContext | None = None, security: str = "tls") -> Iterator[Server]:
    """A server on a free loopback port; with `tls`, TLS from the start or after STARTTLS (`security`)."""
    server = Server(free_port())
    encryption = {"ssl_context": tls} if security == "tls" else {"tls_context": tls, "require_starttls": True}
    controller = Controller(
        server,
        hostname="127.0.0.1",
        port=server.port,
        authenticator=server.authenticate,
        auth_require_tls=False,  # loopback: the one place infoint sends a password unencrypted
        **encryption,
    )
    controller.start()
    try:
        yield server
    finally:
        controller.stop()


@pytest.fixture
def smtp() -> Iterator[Server]:
    with smtp_server() as server:
        yield server


SECRET = "pw-7f3a9c1e-unique-to-this-test"


@pytest.fixture
def password_command(tmp_path: Path) -> str:
    """A password command, as `pass show mail` is, printing SECRET; kept outside the folders infoint writes."""
    folder = tmp_path / "bin"
    folder.mkdir()
    return script(folder, f"print({SECRET!r})\n")


@pytest.fixture
def data_file(tmp_path: Path) -> Path:
    """Ana Silva, asked nothing yet: her request is due today."""
    path = tmp_path / "data" / "infoint.json"
    path.parent.mkdir()
    repo = Repository.open(path)
    try:
        ids = small_campaign(repo, degree=Degree.COLD)
        repo.add(Outreach(ids["target"], ids["objective"], Route.COLD, created=TODAY))
    finally:
        repo.close()
    return path


def configure(text: str) -> Path:
    """Write the settings file the tests' environment points at (INFOINT_CONFIG)."""
    path = Path(os.environ["INFOINT_CONFIG"])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def smtp_config(port: int, *, security: str = "none", extra: str = "") -> str:
    return (
        f'[mail]\nsend = "smtp"\nfrom = "Alex Morgan <alex@example.com>"\n'
        f'[mail.smtp]\nhost = "127.0.0.1"\nport = {port}\nsecurity = "{security}"\n{extra}'
    )


def request_id(path: Path) -> str:
    repo = Repository.open(path, read_only=True)
    [item] = [i for i in due_items(repo.campaign, TODAY) if i.kind == DueKind.REQUEST]
    return item.key


def attempts(path: Path) -> list[dict]:
    [outreach] = orjson.loads(path.read_bytes())["outreach"].values()
    return outreach["attempts"]


def run(*args: str) -> int:
    return main([*args])


def test_infoint_send_sends_the_request_and_records_it_with_its_message_id(
    smtp: Server, data_file: Path, password_command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    smtp.password = SECRET
    configure(smtp_config(smtp.port, extra=f'user = "dana"\npassword_command = "{password_command}"\n'))
    assert run("send", request_id(data_file), "--db", str(data_file)) == 0
    [got] = smtp.received
    assert smtp.logins == ["dana"]  # with the password the command printed
    message = got.message
    assert message["To"] == "Ana Silva <ana@example.com>" and got.rcpt_tos == ["ana@example.com"]
    assert message["From"] == "Alex Morgan <alex@example.com>" and message["Cc"] is None
    assert message["Subject"] == "A short request about your work at Acme Health"
    assert got.body.startswith("Hi Ana,\n\nI came across your profile while researching Acme Health")
    assert message["Message-ID"].endswith("@example.com>")
    [request] = attempts(data_file)
    assert (request["kind"], request["on"], request["message_id"]) == ("request", "2026-11-26", message["Message-ID"])
    printed = capsys.readouterr()
    assert "Sent to Ana Silva <ana@example.com>" in printed.out
    assert "Recorded that the request to Ana Silva went out." in printed.out
    # The password reached the server, and nothing infoint wrote or printed: nor an export.
    assert SECRET not in printed.out + printed.err
    assert run("export", "json", "--out", str(tmp_path / "data" / "export.json"), "--db", str(data_file)) == 0
    written = [p for folder in (tmp_path / "data", tmp_path / "private") for p in folder.rglob("*") if p.is_file()]
    assert {Path(os.environ["INFOINT_CONFIG"]), data_file, tmp_path / "data" / "export.json"} <= set(written)
    assert [p for p in written if SECRET.encode() in p.read_bytes()] == []


@pytest.mark.parametrize(
    ("setting", "says"),
    [
        ('user = "dana"\npassword_command = "{command}"\n', "refused the login for dana (535 "),
        ("", "could not reach the mail server 127.0.0.1 (port {closed}) (Connection refused): nothing was sent."),
    ],
    ids=["refused login", "no route"],
)
def test_a_failed_send_is_one_sentence_and_records_nothing(
    smtp: Server, data_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], setting: str, says: str
) -> None:
    smtp.password = "another password"
    closed = free_port()  # nothing listens there
    port = closed if "closed" in says else smtp.port
    command = script(tmp_path, "print('wrong password')\n")
    configure(smtp_config(port, extra=setting.format(command=command)))
    before = data_file.read_bytes()
    assert run("send", request_id(data_file), "--db", str(data_file)) == 1
    [line] = capsys.readouterr().err.splitlines()
    assert says.format(closed=closed) in line and line.startswith("infoint: ")
    assert smtp.received == [] and data_file.read_bytes() == before


def test_a_message_the_server_refuses_at_once_is_not_recorded(
    smtp: Server, data_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    smtp.refuse = True
    configure(smtp_config(smtp.port))
    assert run("send", request_id(data_file), "--db", str(data_file)) == 1
    assert "refused the message (554 5.7.1 Message rejected as spam)" in capsys.readouterr().err
    assert attempts(data_file) == []


@pytest.fixture(scope="module")
def certificate_authority() -> trustme.CA:
    return trustme.CA()


@pytest.mark.parametrize("security", ["tls", "starttls"])
def test_a_self_signed_certificate_is_refused_unless_trusted(
    certificate_authority: trustme.CA,
    data_file: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    security: str,
) -> None:
    tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    certificate_authority.issue_cert("127.0.0.1").configure_cert(tls)
    trusted = tmp_path / "ca.pem"
    certificate_authority.cert_pem.write_to_path(str(trusted))
    with smtp_server(tls, security) as server:
        configure(smtp_config(server.port, security=security))
        assert run("send", request_id(data_file), "--db", str(data_file)) == 1
        said = capsys.readouterr().err
        assert "The certificate of 127.0.0.1 could not be verified (" in said and "trust_file" in said
        assert server.received == [] and attempts(data_file) == []
        configure(smtp_config(server.port, security=security, extra=f'trust_file = "{trusted}"\n'))
        assert run("send", request_id(data_file), "--db", str(data_file)) == 0
        assert len(server.received) == 1 and len(attempts(data_file)) == 1


COMMAND_CONFIG = '[mail]\nsend = "command"\nfrom = "Alex Morgan <alex@example.com>"\n[mail.command]\nrun = "{run}"\n'


def test_the_command_method_pipes_the_message_to_a_sendmail(data_file: Path, tmp_path: Path) -> None:
    handed = tmp_path / "handed.eml"
    sendmail = script(tmp_path, f"import sys\nopen({str(handed)!r}, 'wb').write(sys.stdin.buffer.read())\n")
    configure(COMMAND_CONFIG.format(run=f"{sendmail} -t"))
    assert run("send", request_id(data_file), "--db", str(data_file)) == 0
    message = message_from_bytes(handed.read_bytes(), policy=policy.default)
    assert (message["To"], message["Subject"]) == (
        "Ana Silva <ana@example.com>",
        "A short request about your work at Acme Health",
    )
    assert attempts(data_file)[0]["message_id"] == message["Message-ID"]


def test_a_failing_command_says_what_it_said(
    data_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sendmail = script(tmp_path, "import sys\nsys.stderr.write('msmtp: authentication failed\\n')\nsys.exit(77)\n")
    configure(COMMAND_CONFIG.format(run=sendmail))
    assert run("send", request_id(data_file), "--db", str(data_file)) == 1
    assert capsys.readouterr().err.endswith("failed with exit status 77: msmtp: authentication failed.\n")
    assert attempts(data_file) == []


def test_a_dry_run_prints_the_message_and_sends_nothing(
    smtp: Server, data_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    configure(smtp_config(smtp.port))
    before = data_file.read_bytes()
    assert run("send", request_id(data_file), "--dry-run", "--db", str(data_file)) == 0
    printed = capsys.readouterr()
    headers, _, body = printed.out.partition("\n\n")
    assert "From: Alex Morgan <alex@example.com>\nTo: Ana Silva <ana@example.com>\n" in headers
    assert "Subject: A short request about your work at Acme Health\n" in headers and "Message-ID: <" in headers
    assert body.startswith("Hi Ana,\n\nI came across your profile") and "Dry run: nothing was sent." in printed.err
    assert smtp.received == [] and data_file.read_bytes() == before


def test_a_text_with_problems_is_sent_only_with_force(
    smtp: Server, data_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = Repository.open(data_file)
    repo.save_profile(dataclasses.replace(repo.campaign.profile, pitch="I'm a servise designer."))
    repo.close()
    configure(smtp_config(smtp.port))
    item = request_id(data_file)
    assert run("send", item, "--db", str(data_file)) == 1
    said = capsys.readouterr().err
    assert f"{item}: " in said and "servise" in said and "or add --force." in said
    assert smtp.received == []
    assert run("send", item, "--force", "--db", str(data_file)) == 0
    assert "servise designer" in smtp.received[0].body


@pytest.mark.parametrize("where", ["before", "after"])
def test_config_may_stand_before_or_after_the_command(
    smtp: Server, data_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], where: str
) -> None:
    configure('[mail]\nsend = "pigeon"\n')  # the default file, which --config overrides
    chosen = tmp_path / "elsewhere.toml"
    chosen.write_text(smtp_config(smtp.port))
    option = ["--config", str(chosen)]
    command = ["send", request_id(data_file), "--dry-run", "--db", str(data_file)]
    assert run(*(option + command if where == "before" else command + option)) == 0
    assert "To: Ana Silva <ana@example.com>" in capsys.readouterr().out


def test_the_keyring_without_its_library_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "keyring", None)  # as where it is not installed
    server = ServerSettings("smtp.example.org", 587, "starttls", "dana", PasswordSource(keyring=True))
    with pytest.raises(PasswordError, match=r"the keyring library is not installed \(pip install keyring\)\.$"):
        read_password(server)


def test_an_unknown_id_points_to_today_json(data_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    configure(smtp_config(25))
    assert run("send", "request:outreach:99", "--db", str(data_file)) == 2
    assert "infoint today --json" in capsys.readouterr().err


# --- who a message goes to, and the thread it continues --------------------------------------


SMTP_SETTINGS = MailSettings(send="smtp", sender="Alex Morgan <alex@example.com>")


def outgoing_of(
    repo: Repository, kind: DueKind, *steps: tuple[AttemptKind, str, str | None]
) -> tuple[DueItem, Outgoing]:
    """Ana, introduced by Maria, with `steps` (kind, day, Message-ID) logged: the item of `kind` and how it would go."""
    ids = small_campaign(repo, degree=Degree.SECOND)
    outreach = repo.add(Outreach(ids["target"], ids["objective"], Route.INTRO, created=date(2026, 11, 10)))

    def log(copy: Outreach) -> None:
        for step, on, message_id in steps:
            copy.log(step, date.fromisoformat(on), message_id=message_id)

    repo.edit(outreach, log)
    [item] = [i for i in due_items(repo.campaign, TODAY) if i.kind == kind]
    message = message_for(repo.campaign, item)
    assert message is not None
    return item, outgoing_for(repo.campaign, item, message, SMTP_SETTINGS)


def test_asking_for_an_introduction_goes_to_the_mutual(empty_repo: Repository) -> None:
    item, outgoing = outgoing_of(empty_repo, DueKind.ASK_INTRO)
    assert outgoing.envelope == Envelope("Alex Morgan <alex@example.com>", ("Maria Lopez <maria@example.com>",))


def test_the_request_after_an_introduction_copies_the_mutual_and_continues_the_thread(empty_repo: Repository) -> None:
    steps = [
        (AttemptKind.INTRO_ASKED, "2026-11-10", "<ask.1@example.com>"),
        (AttemptKind.INTRO_MADE, "2026-11-20", None),
    ]
    item, outgoing = outgoing_of(empty_repo, DueKind.REQUEST, *steps)
    assert item.template == "request_introduced"
    assert outgoing.envelope.to == ("Ana Silva <ana@example.com>",)
    assert outgoing.envelope.cc == ("Maria Lopez <maria@example.com>",)
    message = outgoing.message("Following Maria's introduction", "Hi Ana", datetime(2026, 11, 26, 9, tzinfo=UTC))
    assert (message["Cc"], message["In-Reply-To"]) == ("Maria Lopez <maria@example.com>", "<ask.1@example.com>")


def test_a_follow_up_replies_to_the_request_it_follows(empty_repo: Repository) -> None:
    steps = [
        (AttemptKind.INTRO_ASKED, "2026-11-10", None),
        (AttemptKind.INTRO_MADE, "2026-11-12", None),
        (AttemptKind.REQUEST, "2026-11-19", "<request.1@example.com>"),
    ]
    item, outgoing = outgoing_of(empty_repo, DueKind.FOLLOW_UP, *steps)
    assert outgoing.envelope.references == ("<request.1@example.com>",) and outgoing.envelope.cc == ()


def test_a_person_without_an_address_cannot_be_sent_to(empty_repo: Repository) -> None:
    ids = small_campaign(empty_repo, degree=Degree.COLD)
    ana = empty_repo.campaign.people[ids["target"]]
    empty_repo.save(dataclasses.replace(ana, email=""))
    empty_repo.add(Outreach(ids["target"], ids["objective"], Route.COLD, created=TODAY))
    [item] = [i for i in due_items(empty_repo.campaign, TODAY) if i.kind == DueKind.REQUEST]
    message = message_for(empty_repo.campaign, item)
    assert message is not None
    with pytest.raises(
        NotSendable, match=r"^Ana Silva has no e-mail address on file: add one on the Targets screen\.$"
    ):
        outgoing_for(empty_repo.campaign, item, message, SMTP_SETTINGS)


def test_a_failed_copy_to_sent_is_said_but_the_message_counts_as_sent(smtp: Server) -> None:
    imap = ImapSettings(ServerSettings("127.0.0.1", free_port(), "none", None, PasswordSource()), sent_folder="Sent")
    settings = dataclasses.replace(
        SMTP_SETTINGS, smtp=ServerSettings("127.0.0.1", smtp.port, "none", None, PasswordSource()), imap=imap
    )
    outgoing = Outgoing(settings, Envelope(settings.sender or "", ("Ana Silva <ana@example.com>",)))
    message = outgoing.message("Hello", "Hi Ana", datetime(2026, 11, 26, 9, tzinfo=UTC))
    delivery = send(outgoing, message)
    assert len(smtp.received) == 1 and delivery.message_id == message["Message-ID"]
    assert delivery.note.startswith("The message was sent, but no copy was kept in Sent on 127.0.0.1 (")


def test_today_json_ids_are_stable_and_name_one_item_each(demo_file: Path) -> None:
    def ids() -> list[str]:
        repo = Repository.open(demo_file, read_only=True)
        return [item["id"] for item in orjson.loads(agenda_json(repo.campaign, datetime(2026, 11, 26, 9)))["items"]]

    first = ids()
    assert len(set(first)) == len(first) and all(i.count(":") >= 2 for i in first)
    assert ids() == first


# --- from the text check ------------------------------------------------------------------------


async def test_the_text_check_sends_once_per_press_and_keeps_the_text_when_refused(
    smtp: Server, empty_repo: Repository, make_app, tmp_path: Path, notices
) -> None:
    ids = small_campaign(empty_repo, degree=Degree.COLD)
    outreach = empty_repo.add(Outreach(ids["target"], ids["objective"], Route.COLD, created=TODAY))
    smtp.refuse = True
    config = Config(tmp_path / "config.toml", document=tomllib.loads(smtp_config(smtp.port)))
    app = make_app(empty_repo, config=config)
    async with app.run_test(size=(80, 24)) as pilot:
        queue = await show_queue(pilot)
        await highlight(pilot, queue, DueKind.REQUEST, "Ana Silva")
        await pilot.press("c")
        preview = await expect(pilot, MessageScreen)
        await pilot.press("end", *" PS")  # the user's own words go out with it
        await pilot.press("ctrl+o")
        status = preview.query_one("#message-status", Static)
        await until(pilot, lambda: "refused the message" in text_of(status), "the refusal")
        assert app.screen is preview and preview.body.startswith("Hi Ana, PS\n") and smtp.received == []
        assert empty_repo.campaign.outreach[outreach.id].attempts == []
        smtp.refuse = False
        await pilot.press("ctrl+o", "ctrl+o")
        await until(pilot, lambda: isinstance(app.screen, QueueScreen), "the queue again")
        [got] = smtp.received
        assert got.body.startswith("Hi Ana, PS\n")
        [request] = empty_repo.campaign.outreach[outreach.id].attempts
        assert (request.kind, request.on, request.message_id) == (AttemptKind.REQUEST, TODAY, got.message["Message-ID"])
        assert DueKind.REQUEST not in {item.kind for item in app.screen.items if item.person == "Ana Silva"}
    said = "Sent to Ana Silva <ana@example.com>. Recorded that the request to Ana Silva went out."
    assert said in [notice.message for notice in notices]


def test_the_send_key_shows_only_where_sending_is_set_up() -> None:
    draft = Draft("Request to Ana Silva", "Hello", "Hi Ana")
    assert MessageScreen(draft).check_action("send", ()) is False  # mail.send = "none": copy only
    # Set up, but not for this text: the key is there, and says why when pressed.
    assert MessageScreen(draft, NotSendable("This text is a letter.")).check_action("send", ()) is True


# --- the Settings screen's mail part ---------------------------------------------------------


def test_the_mail_form_shows_the_file_and_writes_it_back_in_the_issue_s_shape() -> None:
    config = Config(Path("config.toml"), document=tomllib.loads(ISSUE_EXAMPLE) | {"ui": {"theme": "nord"}})
    config.document["mail"]["smtp"]["trust_file"] = "~/certs/mine.pem"  # not on the form: kept
    values = {field.name: field.value for field in mail_fields(config)}
    assert values["mail_smtp_port"] == "587" and values["mail_imap_folders"] == "INBOX"
    assert values["mail_smtp_password_keyring"] == "no" and values["mail_maildir_path"] == "~/Mail/INBOX"
    assert with_mail(config.document, values) == config.document
    values |= {"mail_maildir_path": "", "mail_imap_password_command": "", "mail_imap_password_keyring": "yes"}
    document = with_mail(config.document, values)
    assert "maildir" not in document["mail"] and document["ui"] == {"theme": "nord"}
    assert document["mail"]["imap"]["password_keyring"] is True and "password_command" not in document["mail"]["imap"]
    assert document["mail"]["smtp"]["trust_file"] == "~/certs/mine.pem"
    assert mail_problem(config, document) is None
    values["mail_mail_from"] = "Dana"
    assert mail_problem(config, with_mail(config.document, values)) == (
        'In the settings file config.toml, mail.from must be an address, such as "Dana Reyes <dana@example.org>".'
    )


async def test_the_settings_screen_writes_the_mail_part_to_a_private_settings_file(
    empty_repo: Repository, make_app, tmp_path: Path
) -> None:
    path = tmp_path / "private" / "config.toml"
    app = make_app(empty_repo, config=Config(path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f8")
        screen = await expect(pilot, SettingsScreen)
        mail = screen.forms[2]
        mail.set_values(
            mail.values()
            | {"mail_mail_send": "command", "mail_mail_from": "Alex Morgan <alex@example.com>"}
            | {"mail_command_run": "msmtp -t", "mail_maildir_path": "~/Mail/INBOX"}
        )
        await pilot.pause()
        await pilot.press("ctrl+s")
        await until(pilot, path.exists, "the settings file")
    assert path.stat().st_mode & 0o777 == 0o600
    assert tomllib.loads(path.read_text())["mail"] == {
        "send": "command",
        "from": "Alex Morgan <alex@example.com>",
        "command": {"run": "msmtp -t"},
        "maildir": {"path": "~/Mail/INBOX"},
    }
    assert mail_settings(app.config).command == "msmtp -t"  # what the next Send uses


def test_a_read_only_data_file_sends_nothing_it_could_not_record(smtp: Server, data_file: Path) -> None:
    from types import SimpleNamespace

    from infoint_tui.tui.flows.sending import outgoing_of

    config = Config(Path("config.toml"), document=tomllib.loads(smtp_config(smtp.port)))
    campaign = Repository.open(data_file, read_only=True).campaign
    [item] = [i for i in due_items(campaign, TODAY) if i.kind == DueKind.REQUEST]
    message = message_for(campaign, item)
    assert message is not None
    for read_only, expected in [(False, Outgoing), (True, NotSendable)]:
        app = SimpleNamespace(config=config)
        screen = SimpleNamespace(infoint=app, repo=SimpleNamespace(read_only=read_only), campaign=campaign)
        assert isinstance(outgoing_of(screen, item, message), expected)


def test_without_mail_from_the_profile_says_who_it_is_from(empty_repo: Repository) -> None:
    ids = small_campaign(empty_repo, degree=Degree.COLD)
    empty_repo.add(Outreach(ids["target"], ids["objective"], Route.COLD, created=TODAY))
    [item] = [i for i in due_items(empty_repo.campaign, TODAY) if i.kind == DueKind.REQUEST]
    message = message_for(empty_repo.campaign, item)
    assert message is not None
    no_from = dataclasses.replace(SMTP_SETTINGS, sender=None)
    empty_repo.save_profile(dataclasses.replace(empty_repo.campaign.profile, name="Alex Morgan", email=""))
    with pytest.raises(NotSendable, match="add your e-mail to your profile"):
        outgoing_for(empty_repo.campaign, item, message, no_from)
    empty_repo.save_profile(dataclasses.replace(empty_repo.campaign.profile, email="alex@example.com"))
    outgoing = outgoing_for(empty_repo.campaign, item, message, no_from)
    assert outgoing.envelope.sender == "Alex Morgan <alex@example.com>"

"""Mail, sending: the [mail] settings, the password's source, and messages that really go
out to an SMTP server on loopback (aiosmtpd) that records what it receives."""

from __future__ import annotations

import contextlib
import os
import socket
import ssl
import sys
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import orjson
import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from infoint_tui.cli import main
from infoint_tui.config import Config
from infoint_tui.domain.models import Attempt, AttemptKind, Degree, Outreach, Route
from infoint_tui.domain.policy import DueKind, due_items
from infoint_tui.mail.password import PasswordError, read_password, refuse_plain_password
from infoint_tui.mail.settings import MailSettingsError, PasswordSource, ServerSettings, mail_settings
from infoint_tui.store.repository import Repository
from tests.conftest import TODAY
from tests.outreach_support import small_campaign

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
        ('[mail]\nsend = "command"\n[mail.command]\nrun = "msmtp -t"', "mail.from must be text"),
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

    async def handle_DATA(self, server, session, envelope) -> str:
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
        return AuthResult(success=ok, handled=False)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def smtp_server(password: str | None = None, tls: ssl.SSLContext | None = None) -> Iterator[Server]:
    server = Server(free_port(), password=password)
    controller = Controller(
        server,
        hostname="127.0.0.1",
        port=server.port,
        ssl_context=tls,
        authenticator=server.authenticate,
        auth_require_tls=False,  # loopback: the one place infoint sends a password unencrypted
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
    # The password reached the server, and nothing infoint wrote or printed.
    assert SECRET not in printed.out + printed.err
    written = [p for folder in (tmp_path / "data", tmp_path / "private") for p in folder.rglob("*") if p.is_file()]
    assert Path(os.environ["INFOINT_CONFIG"]) in written and data_file in written
    assert [p for p in written if SECRET.encode() in p.read_bytes()] == []

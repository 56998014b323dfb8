"""Mail, sending: the [mail] settings, the password's source, and messages that really go
out to an SMTP server on loopback (aiosmtpd) that records what it receives."""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

import pytest

from infoint_tui.config import Config
from infoint_tui.domain.models import Attempt, AttemptKind
from infoint_tui.mail.password import PasswordError, read_password, refuse_plain_password
from infoint_tui.mail.settings import MailSettingsError, PasswordSource, ServerSettings, mail_settings
from tests.conftest import TODAY

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

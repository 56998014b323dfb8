"""The `[mail]` part of the settings file, read into frozen dataclasses and checked.

The file's shape is documented in the README ("Mail"); keys match what mbsync, msmtp and
aerc users already write, so that scripts can produce it. Passwords are never in the file:
only the command that prints one, or a flag to ask the system keyring.
"""

from __future__ import annotations

from dataclasses import dataclass
from email.utils import parseaddr
from pathlib import Path
from typing import Any, Literal, cast, get_args

from infoint_tui.config import Config

Security = Literal["starttls", "tls", "none"]
SendMethod = Literal["smtp", "command", "none"]

#: The usual port of each security, for a server table that names none.
SMTP_PORTS: dict[Security, int] = {"starttls": 587, "tls": 465, "none": 25}
IMAP_PORTS: dict[Security, int] = {"starttls": 143, "tls": 993, "none": 143}


@dataclass(frozen=True, slots=True)
class PasswordSource:
    command: str | None = None  # password_command
    keyring: bool = False  # password_keyring

    @property
    def given(self) -> bool:
        return self.command is not None or self.keyring


@dataclass(frozen=True, slots=True)
class ServerSettings:
    host: str
    port: int
    security: Security
    user: str | None
    password: PasswordSource
    #: A certificate (PEM) to trust besides the system's, for a server with its own (trust_file).
    trust_file: Path | None = None


@dataclass(frozen=True, slots=True)
class ImapSettings:
    server: ServerSettings
    folders: tuple[str, ...] = ("INBOX",)
    #: Where a copy of each message sent is appended; None: no copy (sent_folder).
    sent_folder: str | None = None


@dataclass(frozen=True, slots=True)
class MailSettings:
    send: SendMethod = "none"
    sender: str | None = None  # the [mail] from
    smtp: ServerSettings | None = None
    command: str | None = None  # [mail.command] run
    imap: ImapSettings | None = None
    maildir: Path | None = None  # expanded ~


class MailSettingsError(Exception):
    """The mail settings cannot be used as they are; the message is one sentence for the user."""


def mail_settings(config: Config) -> MailSettings:
    """The `[mail]` tables of `config`, checked; raises MailSettingsError."""
    return _Reader(config.path).mail(config.document.get("mail", {}))


class _Reader:
    """Reads one file's mail tables, naming the file and the key in every complaint."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, key: str, must: str) -> MailSettingsError:
        return MailSettingsError(f"In the settings file {self.path}, {key} must be {must}.")

    def table(self, parent: dict[str, Any], name: str, key: str) -> dict[str, Any] | None:
        value = parent.get(name)
        if value is None:
            return None
        if not isinstance(value, dict):
            raise self.fail(key, "a table")
        return value

    def text(self, table: dict[str, Any], name: str, key: str, required: bool = False) -> str | None:
        value = table.get(name)
        if value is None and not required:
            return None
        if not isinstance(value, str) or not value.strip():
            raise self.fail(key, "text that is not empty")
        return value.strip()

    def choice(self, table: dict[str, Any], name: str, key: str, choices: tuple[str, ...], default: str) -> str:
        value = table.get(name, default)
        if value not in choices:
            raise self.fail(key, " or ".join(f'"{choice}"' for choice in choices))
        return cast(str, value)

    def mail(self, mail: Any) -> MailSettings:
        if not isinstance(mail, dict):
            raise self.fail("[mail]", "a table")
        send = cast(SendMethod, self.choice(mail, "send", "mail.send", get_args(SendMethod), "none"))
        sender = self.text(mail, "from", "mail.from", required=False)  # else the profile's name and e-mail
        if sender is not None and "@" not in parseaddr(sender)[1]:
            raise self.fail("mail.from", 'an address, such as "Dana Reyes <dana@example.org>"')
        smtp = self.table(mail, "smtp", "[mail.smtp]")
        command = self.table(mail, "command", "[mail.command]")
        imap = self.table(mail, "imap", "[mail.imap]")
        maildir = self.table(mail, "maildir", "[mail.maildir]")
        if send == "smtp" and smtp is None:
            raise self.fail("[mail.smtp]", 'present when mail.send is "smtp"')
        if send == "command" and command is None:
            raise self.fail("[mail.command]", 'present when mail.send is "command"')
        return MailSettings(
            send=send,
            sender=sender,
            smtp=None if smtp is None else self.server(smtp, "mail.smtp", SMTP_PORTS),
            command=None if command is None else self.text(command, "run", "mail.command.run", required=True),
            imap=None if imap is None else self.imap(imap),
            maildir=None if maildir is None else self.maildir(maildir),
        )

    def server(self, table: dict[str, Any], key: str, ports: dict[Security, int]) -> ServerSettings:
        host = cast(str, self.text(table, "host", f"{key}.host", required=True))
        security = cast(Security, self.choice(table, "security", f"{key}.security", get_args(Security), "tls"))
        port = table.get("port", ports[security])
        if type(port) is not int or not 0 < port < 65536:
            raise self.fail(f"{key}.port", "a whole number from 1 to 65535")
        command = self.text(table, "password_command", f"{key}.password_command")
        keyring = table.get("password_keyring", False)
        if type(keyring) is not bool:
            raise self.fail(f"{key}.password_keyring", "true or false")
        if command is not None and keyring:
            raise self.fail(f"{key}.password_command", "left out when password_keyring is true (one source only)")
        trust_file = self.text(table, "trust_file", f"{key}.trust_file")
        return ServerSettings(
            host=host,
            port=port,
            security=security,
            user=self.text(table, "user", f"{key}.user"),
            password=PasswordSource(command, keyring),
            trust_file=None if trust_file is None else Path(trust_file).expanduser(),
        )

    def imap(self, table: dict[str, Any]) -> ImapSettings:
        folders = table.get("folders", ["INBOX"])
        if not isinstance(folders, list) or not folders or not all(isinstance(f, str) and f for f in folders):
            raise self.fail("mail.imap.folders", 'a list of folder names, such as ["INBOX"]')
        return ImapSettings(
            self.server(table, "mail.imap", IMAP_PORTS),
            tuple(folders),
            self.text(table, "sent_folder", "mail.imap.sent_folder"),
        )

    def maildir(self, table: dict[str, Any]) -> Path:
        return Path(cast(str, self.text(table, "path", "mail.maildir.path", required=True))).expanduser()

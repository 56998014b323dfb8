"""The Settings screen's mail part: how messages are sent and where replies are read.

Kept in the settings file's `[mail]` tables (README, "Mail"), never in the data file. The
fields map one to one onto the file's keys; keys the form does not show (`trust_file`, or a
newer infoint's) are kept as they are. A password is never typed here: only the command
that prints it, or the choice of the system keyring.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any, Literal

from infoint_tui.config import Config
from infoint_tui.domain import validation
from infoint_tui.mail.settings import MailSettingsError, mail_settings
from infoint_tui.tui.widgets.form import Field

SEND_METHODS = [
    ("Copy only: infoint sends nothing", "none"),
    ("Through an SMTP server", "smtp"),
    ("Through a command, such as msmtp -t", "command"),
]
SECURITY = [
    ("STARTTLS", "starttls"),
    ("TLS from the start", "tls"),
    ("None: to this computer only", "none"),
]
YES_NO = [("No", "no"), ("Yes", "yes")]

Kind = Literal["text", "port", "yes/no", "list"]


@dataclass(frozen=True, slots=True)
class Key:
    """One key of the file as one field of the form."""

    table: str  # "" for [mail] itself, else the part after "mail."
    key: str
    label: str
    kind: Kind = "text"
    default: str = ""
    help: str = ""
    placeholder: str = ""
    #: (label, value) pairs for a drop-down list.
    choices: list[tuple[str, str]] | None = None

    @property
    def name(self) -> str:
        return f"mail_{self.table or 'mail'}_{self.key}"

    def field(self, document: dict[str, Any]) -> Field:
        value = _table(document, self.table).get(self.key)
        return Field(
            self.name,
            self.label,
            self.default if value is None else _text(value),
            check=_port if self.kind == "port" else None,
            choices=YES_NO if self.kind == "yes/no" else self.choices,
            placeholder=self.placeholder,
            help=self.help,
        )

    def value(self, text: str) -> Any:
        """What the file holds for the field's `text`; None: the key is left out."""
        text = text.strip()
        if self.kind == "yes/no":
            return True if text == "yes" else None
        if self.kind == "port":
            return int(text) if text else None
        if self.kind == "list":
            return [part.strip() for part in text.split(",") if part.strip()] or None
        return text or None


def _server_keys(table: str, host: str, security: str) -> list[Key]:
    """The fields of one server table, each label naming the server's kind (SMTP, IMAP)."""
    kind = table.upper()
    return [
        Key(table, "host", f"{kind} server", placeholder=host),
        Key(table, "port", f"{kind} port", "port", help="Empty: the usual port for the security chosen"),
        Key(table, "security", f"{kind} security", default=security, choices=SECURITY),
        Key(table, "user", f"{kind} user name", placeholder="dana@example.org"),
        Key(
            table,
            "password_command",
            f"{kind} password command",
            help="Prints the password, as in mbsync or aerc; infoint never stores it",
            placeholder="pass show mail/fastmail",
        ),
        Key(table, "password_keyring", f"{kind} keyring", "yes/no", "no", "Yes: the password is in the system keyring"),
    ]


KEYS = [
    Key("", "send", "Send mail", default="none", choices=SEND_METHODS),
    Key("", "from", "From", placeholder="Dana Reyes <dana@example.org>", help="Blank: your profile's name and e-mail"),
    *_server_keys("smtp", "smtp.fastmail.com", "starttls"),
    Key(
        "command",
        "run",
        "Send command",
        placeholder="msmtp -t",
        help="Run without a shell; it reads the whole message on its input",
    ),
    *_server_keys("imap", "imap.fastmail.com", "tls"),
    Key("imap", "folders", "Folders to read", "list", placeholder="INBOX", help="Comma-separated; read only"),
    Key("imap", "sent_folder", "Keep a copy in", placeholder="Sent", help="Empty: no copy of what infoint sends"),
    Key("maildir", "path", "Maildir", placeholder="~/Mail/INBOX", help="Read only; instead of or beside IMAP"),
]
#: The key without which a table means nothing: left empty, the table goes.
ANCHORS = {"smtp": "host", "command": "run", "imap": "host", "maildir": "path"}


def mail_fields(config: Config) -> list[Field]:
    return [key.field(config.document) for key in KEYS]


def with_mail(document: dict[str, Any], values: dict[str, str]) -> dict[str, Any]:
    """A copy of the settings `document` with its [mail] tables as the form's `values` say."""
    mail = copy.deepcopy(_table(document, ""))
    for key in KEYS:
        table = mail if not key.table else mail.setdefault(key.table, {})
        value = key.value(values[key.name])
        if value is None:
            table.pop(key.key, None)
        else:
            table[key.key] = value
    for table, anchor in ANCHORS.items():
        if not isinstance(mail.get(table), dict) or anchor not in mail[table]:
            mail.pop(table, None)
    result = {name: value for name, value in document.items() if name != "mail"}
    return result | ({"mail": mail} if mail else {})


def mail_problem(config: Config, document: dict[str, Any]) -> str | None:
    """Why the mail settings in `document` cannot be used, in one sentence; None when they can."""
    try:
        mail_settings(Config(config.path, document=document))
    except MailSettingsError as error:
        return str(error)
    return None


def _table(document: dict[str, Any], name: str) -> dict[str, Any]:
    mail = document.get("mail")
    mail = mail if isinstance(mail, dict) else {}
    table = mail.get(name) if name else mail
    return table if isinstance(table, dict) else {}


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(str(part) for part in value)
    return str(value)


def _port(text: str) -> str | None:
    return validation.whole_number(text, 1, 65535) if text.strip() else None

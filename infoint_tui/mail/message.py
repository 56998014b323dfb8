"""The e-mail itself: headers and body of one outgoing message, as the standard library builds it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid, parseaddr


@dataclass(frozen=True, slots=True)
class Envelope:
    """Who a message is from and goes to ("Name <address>" each), and the thread it continues."""

    sender: str
    to: tuple[str, ...]
    cc: tuple[str, ...] = ()
    #: Message-IDs sent before in the same outreach, oldest first: the message replies in that thread.
    references: tuple[str, ...] = ()

    @property
    def recipients(self) -> str:
        return ", ".join((*self.to, *self.cc))


def new_message_id(sender: str) -> str:
    """A fresh Message-ID in the sender's own domain, as mail programs make them."""
    domain = parseaddr(sender)[1].rpartition("@")[2]
    return make_msgid(domain=domain or None)


def build_message(envelope: Envelope, subject: str, body: str, message_id: str, sent: datetime) -> EmailMessage:
    message = EmailMessage()
    message["From"] = envelope.sender
    message["To"] = ", ".join(envelope.to)
    if envelope.cc:
        message["Cc"] = ", ".join(envelope.cc)
    message["Subject"] = subject
    message["Date"] = format_datetime(sent)
    message["Message-ID"] = message_id
    if envelope.references:
        message["In-Reply-To"] = envelope.references[-1]
        message["References"] = " ".join(envelope.references)
    message.set_content(body)
    return message


def readable(message: EmailMessage) -> str:
    """The message as it goes out, headers then body, decoded for a person to read."""
    headers = [f"{name}: {value}" for name, value in message.items() if name.lower() != "content-transfer-encoding"]
    return "\n".join(headers) + "\n\n" + message.get_content()

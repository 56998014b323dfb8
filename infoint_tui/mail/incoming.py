"""One message as found in a mailbox (headers and the start of the body) -> a MailMessage.

Readers hand over the raw bytes of the headers, and of the first few kilobytes of the body
for the messages worth it: a mailbox of 10,000 is screened on its headers alone.
"""

from __future__ import annotations

import email.parser
import email.policy
import re
from datetime import date
from email.message import EmailMessage, Message
from email.utils import parseaddr, parsedate_to_datetime

from infoint_tui.domain.mail_replies import Interest, MailMessage, bare_id
from infoint_tui.domain.text import clean_line

#: The headers the screen reads (IMAP fetches only these of every new message).
HEADERS = ("From", "In-Reply-To", "References")
#: How much of the body is read: the first lines are within it.
BODY_BYTES = 4096
#: Lines kept of a reply, each cut to this many characters.
FIRST_LINES, LINE_CHARS = 3, 160

_IDS = re.compile(r"<([^<>\s]+)>")
_BRACKETED = re.compile(r"<([^<>\s\"]+@[^<>\s\"]+)>")
_BARE = re.compile(r"[^<>\s\"(),;:]+@[^<>\s\"(),;:]+")
#: How mail programs begin the subject of an automatic answer, in the languages met most.
_AUTOMATIC_SUBJECT = re.compile(
    r"^\s*(out of (the )?office|automatic reply|auto[- ]?reply|autoreply|on vacation|abwesenheit|absence|"
    r"réponse automatique|respuesta automática|fuera de la oficina)",
    re.IGNORECASE,
)
#: Where the quoted message starts in a reply: "On Tue, Ada wrote:", a forwarded block, a signature.
_QUOTE_START = re.compile(r"^(on .+ wrote:|le .+ a écrit|am .+ schrieb|-----\s*original message|--\s*$|_{5,})", re.I)

_PARSER = email.parser.BytesParser(policy=email.policy.default)
#: HEADERS with their folded lines: a regular expression is ten times quicker than the email
#: package on a mailbox where almost nothing concerns the campaign.
_SCREENED = re.compile(rb"^(from|in-reply-to|references):[ \t]*((?:.*)(?:\r?\n[ \t].*)*)", re.IGNORECASE | re.MULTILINE)


def concerns(interest: Interest, headers: bytes) -> bool:
    """Whether the message (its header bytes) may answer an outreach: worth reading its body."""
    sender, named = "", []
    for name, value in _SCREENED.findall(headers):
        text = value.decode("ascii", errors="replace")
        if name.lower() == b"from":
            sender = _address(text)
        else:
            named.append(text)
    return interest.concerns(sender, _IDS.findall(" ".join(named)))


def _address(sender: str) -> str:
    """The address in a From header: the usual "Name <address>" or a bare address at once, any
    other by parseaddr (which costs as much as all the rest of the screen)."""
    bracketed = _BRACKETED.findall(sender)
    if len(bracketed) == 1:
        return bracketed[0].casefold()
    bare = sender.strip()
    if _BARE.fullmatch(bare):
        return bare.casefold()
    return parseaddr(sender)[1].strip().casefold()


def answered_ids(headers: Message) -> frozenset[str]:
    named = " ".join(str(headers.get(name, "")) for name in ("In-Reply-To", "References"))
    return frozenset(_IDS.findall(named))


def mail_message(raw: bytes, found_on: date) -> MailMessage | None:
    """The message from its headers and the start of its body (`found_on` when it has no
    readable Date); None for one the email package cannot make sense of."""
    try:
        return _mail_message(raw, found_on)
    except Exception:  # noqa: BLE001 - its header parsers raise many kinds on malformed mail
        return None  # one broken message must not hide every reply after it


def _mail_message(raw: bytes, found_on: date) -> MailMessage:
    message = _PARSER.parsebytes(raw)
    assert isinstance(message, EmailMessage)  # the default policy makes them
    name, address = _sender(message)
    message_id = bare_id(str(message.get("Message-ID", "")))
    subject = clean_line(str(message.get("Subject", "")))
    return MailMessage(
        message_id=message_id or f"no-id:{address}:{message.get('Date', '')}:{subject}",
        sender_name=name,
        sender_address=address,
        sent=_day(message, found_on),
        subject=subject,
        answers=answered_ids(message),
        automatic=is_automatic(message),
        first_lines=first_lines(_text(message)),
    )


def is_automatic(message: Message) -> bool:
    """RFC 3834's Auto-Submitted, the headers older vacation programs add, or a subject that says so."""
    submitted = str(message.get("Auto-Submitted", "no")).strip().casefold()
    precedence = str(message.get("Precedence", "")).strip().casefold()
    return (
        submitted not in ("", "no")
        or "X-Autoreply" in message
        or "X-Autorespond" in message
        or precedence in ("auto_reply", "bulk", "junk")
        or bool(_AUTOMATIC_SUBJECT.search(str(message.get("Subject", ""))))
    )


def first_lines(text: str) -> tuple[str, ...]:
    """The reply's own first lines: the quoted message and the signature left out."""
    lines = []
    for line in text.splitlines():
        line = line.strip()
        if _QUOTE_START.match(line):
            break
        if line and not line.startswith(">"):
            lines.append(clean_line(line)[:LINE_CHARS])
        if len(lines) == FIRST_LINES:
            break
    return tuple(lines)


def _sender(message: EmailMessage) -> tuple[str, str]:
    name, address = parseaddr(str(message.get("From", "")))
    return clean_line(name), address.strip().casefold()


def _day(message: EmailMessage, found_on: date) -> date:
    try:
        return parsedate_to_datetime(str(message["Date"])).astimezone().date()
    except (TypeError, ValueError, IndexError, OverflowError):
        return found_on


def _text(message: EmailMessage) -> str:
    """The plain text of the (cut) message, else its HTML without tags."""
    try:
        part = message.get_body(preferencelist=("plain", "html"))
        if part is None:
            return ""
        content = part.get_content()
    except (LookupError, ValueError, KeyError, AssertionError):  # a charset or encoding cut or unknown
        return ""
    if not isinstance(content, str):
        return ""
    if part.get_content_subtype() == "html":
        content = re.sub(r"<(br|p|div)\b[^>]*>", "\n", content, flags=re.I)
        content = re.sub(r"<[^>]*>", " ", content)
    return content

"""Sending a due item's text as an e-mail: to whom, the check before, and what is recorded.

Shared by the text check's Send and `infoint send`. Everything read from the campaign is
read first (`outgoing_for`), so that `send` touches no record and can run in a thread.
Once the server has the message, the attempt is recorded as "copied and marked sent" does
it, on today, with the Message-ID that replies will name and the Subject a follow-up
answers: a follow-up to a request infoint sent is a reply in its thread ("Re: ...",
In-Reply-To and References naming it), as a mail program would send it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from email.errors import HeaderParseError
from email.headerregistry import Address
from email.message import EmailMessage

from infoint_tui.domain.due_kinds import DueKind
from infoint_tui.domain.message_check import Made, Part, check_part, names_in
from infoint_tui.domain.models import Attempt, AttemptKind, Campaign, Model, Person, Profile
from infoint_tui.domain.policy import DueItem
from infoint_tui.mail.message import Envelope, build_message, new_message_id
from infoint_tui.mail.settings import MailSettings
from infoint_tui.usecases.due_actions import Message, done_change, outreach_of

#: Templates written as the answer to an introduction ("I'll take it from here"): the mutual
#: who made it is in Cc, as in a reply to all.
CC_MUTUAL = frozenset({"request_introduced"})
#: What each channel other than e-mail is, to say why it cannot be sent.
CHANNELS = {"linkedin": "a LinkedIn note", "voicemail": "a voicemail script", "letter": "a letter"}
#: The items that follow up our own message, and the attempts that sent it: sent by infoint,
#: it is answered in its thread, "Re: <its subject>".
FOLLOWS_UP = {
    DueKind.FOLLOW_UP: frozenset({AttemptKind.REQUEST, AttemptKind.FOLLOW_UP}),
    DueKind.NUDGE_INTRO: frozenset({AttemptKind.INTRO_ASKED}),
}
_ALREADY_A_REPLY = re.compile(r"^\s*re\s*:", re.IGNORECASE)


class NotSendable(Exception):
    """This text cannot go out as e-mail; one sentence saying why and what to do."""


@dataclass(frozen=True, slots=True)
class Outgoing:
    """What sending one item's text needs, read from the campaign and the settings."""

    settings: MailSettings
    envelope: Envelope
    #: The subject of a reply in the thread ("Re: ..."), which replaces the template's; None: the template's.
    subject: str | None = None

    def message(self, subject: str, body: str, now: datetime) -> EmailMessage:
        return build_message(self.envelope, subject, body, new_message_id(self.envelope.sender), now)


@dataclass(frozen=True, slots=True)
class Delivery:
    message_id: str
    #: Who it went to, "Name <address>, ...", to say so.
    recipients: str
    subject: str
    #: Something to know although the message went out (its copy in Sent failed), or "".
    note: str = ""


def outgoing_for(campaign: Campaign, item: DueItem, message: Message, settings: MailSettings) -> Outgoing:
    """How the item's `message` would go out; raises NotSendable."""
    if settings.send == "none":
        raise NotSendable('Sending is turned off (mail.send is "none" in the settings): copy the text instead.')
    sender = settings.sender or _own_address(campaign.profile)
    channel = message.template.channel
    if channel != "email":
        raise NotSendable(f"This text is {CHANNELS.get(channel, channel)}, not an e-mail: copy it instead.")
    person = campaign.people[item.person_id]
    mutual = campaign.introducer_of(person)
    to_mutual = item.kind in (DueKind.ASK_INTRO, DueKind.NUDGE_INTRO)
    if to_mutual and mutual is None:
        raise NotSendable(f"No mutual contact is on file for {person.name}: add one on the Targets screen.")
    to = _address(mutual if to_mutual and mutual else person)
    cc = (_address(mutual),) if mutual and message.template.key in CC_MUTUAL and mutual.email else ()
    outreach = outreach_of(campaign, item)
    attempts = outreach.attempts if outreach else []
    # Our messages and their answers, not an out-of-office: the thread a mail program would continue.
    thread = tuple(a.message_id for a in attempts if a.message_id and a.kind != AttemptKind.AUTO_REPLY)
    return Outgoing(settings, Envelope(sender, (to,), cc, thread), _reply_subject(attempts, item.kind))


def _reply_subject(attempts: Sequence[Attempt], kind: DueKind) -> str | None:
    """ "Re: <subject>" of the message this item follows up, when infoint sent it; else None."""
    follows = FOLLOWS_UP.get(kind, frozenset())
    last = next((attempt for attempt in reversed(attempts) if attempt.kind in follows), None)
    if last is None or not last.message_id or not last.subject:
        return None
    return last.subject if _ALREADY_A_REPLY.match(last.subject) else f"Re: {last.subject}"


def _own_address(profile: Profile) -> str:
    """Who the mail is from when the settings do not say: the profile's name and e-mail."""
    if not profile.email.strip():
        raise NotSendable("Say who the mail is from: add your e-mail to your profile (Settings), or set mail.from.")
    try:
        return str(Address(display_name=profile.name, addr_spec=profile.email.strip()))
    except (ValueError, HeaderParseError):
        raise NotSendable(f"Your profile's e-mail ({profile.email}) is not an address mail can be sent from.") from None


def _address(person: Person) -> str:
    if not person.email.strip():
        raise NotSendable(f"{person.name} has no e-mail address on file: add one on the Targets screen.")
    try:
        return str(Address(display_name=person.name, addr_spec=person.email.strip()))
    except (ValueError, HeaderParseError):
        raise NotSendable(
            f"{person.name}'s e-mail address ({person.email}) is not one a mail server takes: correct it on Targets."
        ) from None


def send(outgoing: Outgoing, message: EmailMessage) -> Delivery:
    """Hand the message to the server, then keep a copy in Sent if asked; raises SendError."""
    from infoint_tui.mail.send import deliver, keep_in_sent  # smtplib, imaplib and ssl: only to send

    deliver(outgoing.settings, message)
    imap = outgoing.settings.imap
    note = keep_in_sent(imap, imap.sent_folder, message) if imap and imap.sent_folder else ""
    return Delivery(message["Message-ID"], outgoing.envelope.recipients, str(message["Subject"]), note)


def sent_change(campaign: Campaign, item: DueItem, on: date, delivery: Delivery) -> Model | None:
    """The record with the item done, as marking it sent does, keeping the Message-ID and Subject."""
    return done_change(campaign, item, on, message_id=delivery.message_id, subject=delivery.subject)


def text_problems(campaign: Campaign, message: Message, subject: str, body: str) -> list[str]:
    """The text check's findings, one sentence each, for those who send without the screen."""
    made = Made(message.template, message.context)
    names, own = names_in(campaign), campaign.profile.words
    parts: tuple[tuple[Part, str], ...] = (("subject", subject), ("body", body))
    return [
        ("Subject: " if part == "subject" else "") + problem.message
        for part, text in parts
        for problem in check_part(text, made=made, part=part, names=names, own_words=own)
    ]

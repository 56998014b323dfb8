"""Which e-mails found in the mailbox answer an outreach ("stop on reply"). Pure: no I/O.

A message answers an outreach that waits on the other person when its In-Reply-To or
References names a Message-ID infoint recorded on one of its attempts, or, for requests sent
by copy-and-paste, when it comes from the awaited address (the person's, or the mutual's while
the introduction is asked for) on or after the day we wrote. Automatic answers (out of
office) are kept apart: shown, never taken for the answer.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from infoint_tui.domain.models import CONTACT_ATTEMPTS, Attempt, AttemptKind, Campaign, Outreach

#: Attempts that are no step of the conversation: looking back for who spoke last skips them.
_NO_STEP = frozenset({AttemptKind.SNOOZED, AttemptKind.AUTO_REPLY})
#: Attempts that hold a message found in the mailbox.
FOUND = frozenset({AttemptKind.MAIL_REPLY, AttemptKind.AUTO_REPLY})


def bare_id(message_id: str) -> str:
    """A Message-ID without its angle brackets and spaces, as messages name it in References."""
    return message_id.strip().strip("<>").strip()


@dataclass(frozen=True, slots=True)
class MailMessage:
    """What the check needs of one message: its headers and its first lines."""

    message_id: str  # bare (see bare_id)
    sender_name: str
    sender_address: str  # casefolded
    sent: date
    subject: str
    #: The bare ids In-Reply-To and References name.
    answers: frozenset[str]
    #: Auto-Submitted, X-Autoreply, Precedence: auto_reply/bulk, or an out-of-office subject.
    automatic: bool
    first_lines: tuple[str, ...]

    @property
    def sender(self) -> str:
        return self.sender_name or self.sender_address


@dataclass(frozen=True, slots=True)
class Waiting:
    """An outreach waiting on someone's answer."""

    outreach: Outreach
    #: The address the answer may come from, casefolded ("" when none is on file).
    address: str
    #: The day we wrote first in this exchange: a message from that address before it is no answer.
    since: date

    @property
    def sent_ids(self) -> frozenset[str]:
        return frozenset(bare_id(a.message_id) for a in self.outreach.attempts if a.message_id and a.kind not in FOUND)

    @property
    def found_ids(self) -> frozenset[str]:
        return frozenset(bare_id(a.message_id) for a in self.outreach.attempts if a.message_id and a.kind in FOUND)


def waiting(campaign: Campaign) -> Iterator[Waiting]:
    """Every open outreach whose last step was ours: a request, follow-up, call or ask for an introduction."""
    for outreach in campaign.outreach.values():
        person = campaign.people.get(outreach.person_id)
        if person is None or person.archived or not outreach.is_open:
            continue
        steps = [attempt for attempt in outreach.current_round if attempt.kind not in _NO_STEP]
        if not steps or steps[-1].kind not in CONTACT_ATTEMPTS | {AttemptKind.INTRO_ASKED}:
            continue
        # Our unanswered steps since the other side last spoke: the exchange this answer ends.
        ours = []
        for attempt in reversed(steps):
            if attempt.kind not in CONTACT_ATTEMPTS | {AttemptKind.INTRO_ASKED}:
                break
            ours.append(attempt.on)
        # Asked for an introduction, the answer is the mutual's.
        awaited = campaign.introducer_of(person) if steps[-1].kind == AttemptKind.INTRO_ASKED else person
        address = awaited.email.strip().casefold() if awaited else ""
        yield Waiting(outreach, address, min(ours))


@dataclass(frozen=True, slots=True)
class Interest:
    """What makes a message worth reading whole, known before the mailbox is read (so that a
    reader on another thread needs no campaign)."""

    #: The ids of the messages infoint sent that still wait for an answer.
    sent_ids: frozenset[str]
    #: The addresses answers are awaited from.
    addresses: frozenset[str]
    #: The user's own addresses: their own messages (a Sent copy) are no answer.
    own: frozenset[str]
    #: The earliest day an answer can come; None when nothing waits for one.
    since: date | None

    def concerns(self, sender_address: str, answers: Iterable[str]) -> bool:
        if sender_address in self.own:
            return False
        return sender_address in self.addresses or not self.sent_ids.isdisjoint(answers)


def interest(campaign: Campaign, own_addresses: Iterable[str]) -> Interest:
    awaited = list(waiting(campaign))
    return Interest(
        sent_ids=frozenset().union(*(w.sent_ids for w in awaited)),
        addresses=frozenset(w.address for w in awaited if w.address),
        own=frozenset(address.strip().casefold() for address in own_addresses if address.strip()),
        since=min((w.since for w in awaited), default=None),
    )


@dataclass(frozen=True, slots=True)
class Match:
    outreach_id: int
    message: MailMessage
    #: The day to record it on: its Date, but never before the step it answers (a skewed clock).
    on: date


def match_replies(campaign: Campaign, messages: Iterable[MailMessage], own_addresses: Iterable[str]) -> list[Match]:
    """The messages that answer a waiting outreach, oldest first; one already recorded on
    that outreach is not matched again."""
    own = {address.strip().casefold() for address in own_addresses}
    awaited = list(waiting(campaign))
    matches = []
    for message in sorted(messages, key=lambda m: m.sent):
        if message.sender_address in own:
            continue
        for wait in awaited:
            if message.message_id in wait.found_ids | wait.sent_ids:
                continue
            by_thread = not wait.sent_ids.isdisjoint(message.answers)
            by_address = bool(wait.address) and message.sender_address == wait.address and message.sent >= wait.since
            if by_thread or by_address:
                matches.append(Match(wait.outreach.id, message, max(message.sent, wait.since)))
    return matches


def record(outreach: Outreach, match: Match) -> None:
    """Log the message found on (a copy of) the outreach: a reply to read, or an automatic one
    to show. Its first lines only: the mailbox keeps the message."""
    message = match.message
    kind = AttemptKind.AUTO_REPLY if message.automatic else AttemptKind.MAIL_REPLY
    note = "\n".join(message.first_lines)
    outreach.attempts.append(Attempt(kind, match.on, note, message_id=message.message_id, sender=message.sender))

"""Sending the text a due item calls for: preview it, then record that it went out.

Copied, the user says when it went out; sent as e-mail from the preview, it went out today,
and is recorded the same way with its Message-ID.

The coroutines here wait on dialogs: await them from a worker (`@work`, `run_worker`).
"""

from __future__ import annotations

import dataclasses
from datetime import date
from enum import Enum
from typing import TYPE_CHECKING

from infoint_tui import clock
from infoint_tui.domain.due_kinds import KINDS, DueKind
from infoint_tui.domain.models import CallOutcome, Model
from infoint_tui.domain.policy import DueItem
from infoint_tui.mail.settings import MailSettingsError, mail_settings
from infoint_tui.tui import notice
from infoint_tui.tui.widgets.choice import Choice, ChoiceScreen
from infoint_tui.tui.widgets.confirm import ConfirmScreen
from infoint_tui.tui.widgets.day_question import DayScreen
from infoint_tui.tui.widgets.message import MessageScreen, draft
from infoint_tui.usecases.due_actions import (
    Message,
    day_problem,
    done_change,
    done_label,
    done_question,
    earliest_day,
    interview_of,
    message_for,
)
from infoint_tui.usecases.mailing import Delivery, NotSendable, Outgoing, outgoing_for, sent_change

CALL_OUTCOMES = [
    Choice("v", "I left a voicemail", CallOutcome.VOICEMAIL),
    Choice("s", "I spoke to them: record their answer next", CallOutcome.SPOKE),
    Choice("a", "No answer, and no voicemail left", CallOutcome.NO_ANSWER),
]

if TYPE_CHECKING:
    from infoint_tui.tui.screens.base import BaseScreen


class Sent(Enum):
    DROPPED = "closed without copying"
    COPIED = "copied, not recorded as sent"
    RECORDED = "recorded"


async def preview(screen: BaseScreen, message: Message) -> bool:
    """Show the message to check and copy; True once it was copied."""
    shown = draft(message.template, message.context, message.title, message.detail)
    outcome = await screen.app.push_screen_wait(MessageScreen(shown))
    return outcome.copied


async def ask(screen: BaseScreen, question: str, detail: str = "", yes: str = "Record it", no: str = "Not yet") -> bool:
    return await screen.app.push_screen_wait(ConfirmScreen(question, detail, yes=yes, no=no))


def save(screen: BaseScreen, record: Model, undo: str) -> bool:
    """Store the changed record as one undoable step, labelled `undo`."""
    return screen.change(screen.repo.save, record, undo=undo)


async def send_item(screen: BaseScreen, item: DueItem) -> Sent:
    """The item's text in the preview; once copied, ask whether it went out and record it;
    once sent from there, record it."""
    message = message_for(screen.campaign, item)
    if message is None:
        screen.notify("This item has no text to send.", timeout=notice.SHORT)
        return Sent.DROPPED
    outgoing = outgoing_of(screen, item, message)
    detail = message.detail
    if isinstance(outgoing, Outgoing) and outgoing.envelope.cc:
        detail += f" · Cc {', '.join(outgoing.envelope.cc)}"
    shown = draft(message.template, message.context, message.title, detail)
    if isinstance(outgoing, Outgoing) and outgoing.subject:  # a reply in the thread of the message it follows
        shown = dataclasses.replace(shown, subject=outgoing.subject)
    outcome = await screen.app.push_screen_wait(MessageScreen(shown, outgoing))
    if outcome.sent is not None:
        return Sent.RECORDED if await record_sent(screen, item, outcome.sent) else Sent.COPIED
    if not outcome.copied:
        return Sent.DROPPED
    return Sent.RECORDED if await record_done(screen, item) else Sent.COPIED


def outgoing_of(screen: BaseScreen, item: DueItem, message: Message) -> Outgoing | NotSendable | None:
    """How the preview can send the text: None when sending is off, else how, or why not."""
    try:
        settings = mail_settings(screen.infoint.config)
    except MailSettingsError as error:
        return NotSendable(str(error))
    if settings.send == "none":
        return None
    if screen.repo.read_only:  # sent but never recorded, the queue would propose it again
        return NotSendable("The data file is open read-only here, so a message sent now could not be recorded.")
    try:
        return outgoing_for(screen.campaign, item, message, settings)
    except NotSendable as why:
        return why


async def record_sent(screen: BaseScreen, item: DueItem, delivery: Delivery) -> bool:
    """The server took the message today: record it as marking it sent does."""
    if delivery.note:
        screen.notify(delivery.note, severity="warning", timeout=notice.LONG)
    record = sent_change(screen.campaign, item, clock.today(), delivery)
    if record is None:
        screen.notify(f"Sent to {delivery.recipients}.", timeout=notice.SHORT)
        return False
    if not await apply_done(screen, item, record):
        screen.notify("It was sent, but not recorded: record it with d once the data file can be written.")
        return False
    screen.notify(f"Sent to {delivery.recipients}. {done_label(screen.campaign, item)}.", timeout=notice.SHORT)
    return True


async def ask_day(
    screen: BaseScreen, question: str, earliest: tuple[date, str] | None, detail: str = "", no: str = "Not yet"
) -> date | None:
    """Whether it happened, and the day: today, yesterday or one typed (never ahead of the
    clock, nor before `earliest`); None when it did not."""
    today = clock.today()
    return await screen.app.push_screen_wait(
        DayScreen(question, today, lambda day: day_problem(day, today, earliest), detail, no=no)
    )


async def record_done(screen: BaseScreen, item: DueItem) -> bool:
    """Ask, then record the item as done on the day given; a call first says how it went
    (and after speaking to them, their answer), a thank-you then offers the card."""
    question = done_question(screen.campaign, item)
    if question is None or not screen.writable():
        return False
    outcome = None
    if item.kind == DueKind.CALL:
        how = ChoiceScreen(f"How did the call to {item.person} go?", CALL_OUTCOMES)
        outcome = await screen.app.push_screen_wait(how)
        if outcome is None:
            return False
    if item.kind == DueKind.ACTION:  # an action item keeps no date: only whether it is done
        on: date | None = clock.today() if await ask(screen, question) else None
    else:
        on = await ask_day(screen, question, earliest_day(screen.campaign, item))
    if on is None:
        return False
    record = done_change(screen.campaign, item, on, outcome)
    return record is not None and await apply_done(screen, item, record, outcome, on)


async def apply_done(
    screen: BaseScreen, item: DueItem, record: Model, outcome: CallOutcome | None = None, on: date | None = None
) -> bool:
    """Save the record with the item done, then what follows: the card after a thank-you,
    their answer after a call in which you spoke."""
    if not save(screen, record, done_label(screen.campaign, item)):
        return False
    if KINDS[item.kind].offers_card:
        await offer_card(screen, item)
    if outcome is CallOutcome.SPOKE and item.outreach_id is not None:
        from infoint_tui.tui.flows.outreach import record_reply  # it sends through this module

        await record_reply(screen, item.outreach_id, heard_on=on)
    return True


async def offer_card(screen: BaseScreen, item: DueItem) -> None:
    interview = interview_of(screen.campaign, item)
    if interview is None or interview.note_mailed is not None:
        return
    person = screen.campaign.people[item.person_id]
    where = person.postal_address or "no postal address on file yet (add one on the Targets screen)"
    if await ask(
        screen, f"Also send {person.name} a handwritten card?", f"Mail to: {where}", yes="Write the card", no="No card"
    ):
        await send_card(screen, item)


async def send_card(screen: BaseScreen, item: DueItem) -> bool:
    """The handwritten thank-you card: its text to copy, with the postal address, then 'mailed'."""
    message = message_for(screen.campaign, item, template="thank_note")
    interview = interview_of(screen.campaign, item)
    if message is None or interview is None:
        return False
    message = dataclasses.replace(message, title=f"Handwritten card for {item.person}")
    if not await preview(screen, message) or not screen.writable():
        return False
    if not await ask(screen, f"Record that the card to {item.person} was mailed today?"):
        return False
    mailed = dataclasses.replace(interview, note_mailed=clock.today())
    return save(screen, mailed, f"Recorded the card to {item.person} as mailed")

"""Every kind of due item in one table: what it is called, what marking it done means, and
what it offers. The policy, the actions on an item, the queue and `infoint today` all read it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

from infoint_tui.domain.models import AttemptKind


class DueKind(StrEnum):
    REQUEST = "request"  # send the first request (or, after an introduction, the request naming the mutual)
    ASK_INTRO = "ask_intro"  # ask the mutual to forward an introduction
    NUDGE_INTRO = "nudge_intro"  # the mutual has not introduced us yet
    FOLLOW_UP = "follow_up"
    CALL = "call"  # one phone call / voicemail: always the last attempt
    ASSUMED_NO = "assumed_no"  # every attempt made, no reply: close, suggest the next person
    BOOK = "book"  # they said yes: book a time that suits them
    PREPARE = "prepare"  # fewer than N questions chosen for a booked interview
    INTERVIEW = "interview"  # the interview itself (today, or past and not marked held)
    THANK = "thank"  # thank the interviewer within 48 h
    THANK_INTRODUCER = "thank_introducer"
    ACTION = "action"  # an action item from an interview
    KEEP_POSTED = "keep_posted"  # progress update to a connector
    READ_REPLY = "read_reply"  # an e-mail reply was found: read it and record their answer


@dataclass(frozen=True, slots=True)
class KindInfo:
    #: The short name in the queue and in `infoint today`: "follow up".
    label: str
    #: What `d` does, for the queue's card (the footer can only say "Done").
    done_hint: str
    #: The record the item belongs to, where its snooze is kept.
    record: Literal["outreach", "interview", "person"]
    #: "Record that ...?" once done, with {person}, {mutual} and {detail}; None when "done"
    #: opens a dialog instead (booking, preparing, holding the interview).
    done: str | None = None
    #: The attempt logged on the outreach when the step is done.
    attempt: AttemptKind | None = None
    #: The template that fits, "" when no text is sent. A request's depends on its route
    #: (see policy).
    template: str = ""
    #: The title of the message preview, with {person} and {mutual}.
    title: str = ""
    #: Sends the first words to someone (or to the mutual who introduces them).
    opening: bool = False
    #: Still waiting on the other person: `r` records their answer.
    awaits_reply: bool = False
    #: Offers the handwritten thank-you card (`n`).
    offers_card: bool = False
    #: Heads the queue, before anything late: someone is waiting for an answer.
    first: bool = False


KINDS: dict[DueKind, KindInfo] = {
    DueKind.REQUEST: KindInfo(
        "send request",
        "d records the request as sent",
        "outreach",
        done="the request to {person} went out",
        attempt=AttemptKind.REQUEST,
        title="Request to {person}",
        opening=True,
    ),
    DueKind.ASK_INTRO: KindInfo(
        "ask for intro",
        "d records that you asked for the introduction",
        "outreach",
        done="you asked {mutual} to introduce you to {person}",
        attempt=AttemptKind.INTRO_ASKED,
        template="intro_ask",
        title="Ask {mutual} to introduce you to {person}",
        opening=True,
    ),
    DueKind.NUDGE_INTRO: KindInfo(
        "nudge mutual",
        "d records the reminder; r when the introduction is made",
        "outreach",
        # Asking again restarts the nudge clock.
        done="you reminded {mutual} about {person}",
        attempt=AttemptKind.INTRO_ASKED,
        template="intro_nudge",
        title="Remind {mutual} about {person}",
        opening=True,
        awaits_reply=True,
    ),
    DueKind.FOLLOW_UP: KindInfo(
        "follow up",
        "d records the follow-up as sent",
        "outreach",
        done="the follow-up to {person} went out",
        attempt=AttemptKind.FOLLOW_UP,
        template="follow_up",
        title="Follow-up to {person}",
        awaits_reply=True,
    ),
    DueKind.CALL: KindInfo(
        "phone call",
        "d records how the call went (voicemail, spoke, no answer)",
        "outreach",
        done="you called {person}",
        attempt=AttemptKind.CALL,
        template="voicemail",
        title="Voicemail for {person}",
        awaits_reply=True,
    ),
    DueKind.ASSUMED_NO: KindInfo(
        "assume no",
        "d closes it and suggests the next person at the company",
        "outreach",
        done='{person} never replied: close this outreach as "assumed no"',
        awaits_reply=True,
    ),
    DueKind.BOOK: KindInfo(
        "book a time",
        "d books the time that suits them",
        "outreach",
        template="book_time",
        title="Booking a time with {person}",
    ),
    DueKind.PREPARE: KindInfo("prepare", "d opens the questions to choose", "interview"),
    DueKind.INTERVIEW: KindInfo("interview", "d marks it held and asks what you learned", "interview"),
    DueKind.THANK: KindInfo(
        "thank-you",
        "d records the thank-you e-mail; n the handwritten card",
        "interview",
        done="your thank-you e-mail to {person} went out",
        template="thank_interviewer",
        title="Thank-you to {person}",
        offers_card=True,
    ),
    DueKind.THANK_INTRODUCER: KindInfo(
        "thank mutual",
        "d records the thank-you",
        "interview",
        done="your thank-you to {person} went out",
        template="thank_introducer",
        title="Thank-you to {person}",
    ),
    DueKind.ACTION: KindInfo("action item", "d marks it done", "interview", done="this is done: {detail}"),
    DueKind.KEEP_POSTED: KindInfo(
        "keep posted",
        "d records the update",
        "person",
        done="you sent {person} an update",
        template="keep_posted",
        title="Update for {person}",
    ),
    DueKind.READ_REPLY: KindInfo(
        "read reply",
        "d or r records their answer: yes, no, not now, someone else",
        "outreach",
        awaits_reply=True,
        first=True,
    ),
}

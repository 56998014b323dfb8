"""Acting on a due item: the message it calls for, and what "done" and "snooze" change.

No Textual here. Changes are made to a copy of the record, which the caller saves through
the repository: a refused save then leaves the campaign in memory as it was.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from infoint_tui.domain.defaults import template_for
from infoint_tui.domain.due_kinds import KINDS, DueKind
from infoint_tui.domain.models import (
    AttemptKind,
    CallOutcome,
    Campaign,
    Interview,
    Model,
    Objective,
    Outreach,
    Person,
    Template,
)
from infoint_tui.domain.policy import DueItem, suggested_in
from infoint_tui.domain.templates import context_for, latest_interview_with

M = TypeVar("M", bound=Model)

ASSUMED_NO_NOTE = "assumed no"


@dataclass(frozen=True, slots=True)
class Message:
    """A template with its values, ready for the preview."""

    template: Template
    context: dict[str, str]
    title: str
    #: Where it goes: an address, or the number to dial.
    detail: str


def outreach_of(campaign: Campaign, item: DueItem) -> Outreach | None:
    return campaign.outreach.get(item.outreach_id) if item.outreach_id is not None else None


def interview_of(campaign: Campaign, item: DueItem) -> Interview | None:
    return campaign.interviews.get(item.interview_id) if item.interview_id is not None else None


def objective_of(campaign: Campaign, item: DueItem) -> Objective | None:
    record = interview_of(campaign, item) or outreach_of(campaign, item)
    return campaign.objectives.get(record.objective_id) if record and record.objective_id else None


def _mutual(campaign: Campaign, person: Person) -> str:
    introducer = campaign.introducer_of(person)
    return introducer.name if introducer else "your mutual contact"


def _wording(text: str, campaign: Campaign, item: DueItem) -> str:
    person = campaign.people[item.person_id]
    return text.format(person=item.person, mutual=_mutual(campaign, person), detail=item.detail)


def done_question(campaign: Campaign, item: DueItem) -> str | None:
    """The yes/no question before marking the item done; None when "done" needs more."""
    wording = KINDS[item.kind].done
    return None if wording is None else f"Record that {_wording(wording, campaign, item)}?"


def done_label(campaign: Campaign, item: DueItem) -> str:
    """What marking the item done did, for undo: "Recorded that the request to Ada Park went out"."""
    wording = KINDS[item.kind].done or "{person}'s " + KINDS[item.kind].label + " is done"
    return f"Recorded that {_wording(wording, campaign, item)}"


def message_for(campaign: Campaign, item: DueItem, template: str = "") -> Message | None:
    """The text the item asks to send (or the `template` given), or None when it needs none."""
    key = template or item.template
    if not key:
        return None
    person = campaign.people[item.person_id]
    interview = interview_of(campaign, item)
    if item.kind == DueKind.KEEP_POSTED:
        interview = latest_interview_with(campaign, person)
    elif item.kind == DueKind.ASK_INTRO and (outreach := outreach_of(campaign, item)):
        interview = suggested_in(campaign, outreach)  # the text thanks the mutual for that call
    # The item's own objective; an update's is that of the latest interview.
    objective = objective_of(campaign, item) or (
        campaign.objectives.get(interview.objective_id) if interview and interview.objective_id else None
    )
    context = context_for(campaign, person, objective=objective, interview=interview)
    chosen = template_for(campaign, key)
    title = _wording(KINDS[item.kind].title, campaign, item)
    return Message(chosen, context, title, address(campaign, person, item.kind, chosen.channel))


def address(campaign: Campaign, person: Person, kind: DueKind, channel: str = "email") -> str:
    """Where the message goes: the mutual's e-mail for introductions, a number for calls,
    the profile for a LinkedIn message."""
    if channel == "letter":
        return f"Mail to {person.name}: {person.postal_address or 'no postal address on file'}"
    if channel == "linkedin":
        return f"Message {person.name} on LinkedIn: {person.profile_url or 'no profile address on file'}"
    if kind in (DueKind.ASK_INTRO, DueKind.NUDGE_INTRO):
        mutual = campaign.introducer_of(person)
        if mutual is None:
            return "To your mutual contact"
        return f"To {mutual.name}: {mutual.email or 'no e-mail on file'}"
    if kind == DueKind.CALL:
        return f"Call {person.name}: {person.phone or 'no phone number on file'}"
    return f"To {person.name}: {person.email or 'no e-mail on file'}"


#: What each step of an outreach's log is, in a sentence about its date.
STEP_NAMES = {
    AttemptKind.REQUEST: "the request",
    AttemptKind.INTRO_ASKED: "asking for the introduction",
    AttemptKind.INTRO_MADE: "the introduction",
    AttemptKind.FOLLOW_UP: "the follow-up",
    AttemptKind.CALL: "the call",
    AttemptKind.REPLY_YES: "their yes",
    AttemptKind.REPLY_NO: "their no",
    AttemptKind.REPLY_LATER: "their reply",
    AttemptKind.REFERRED: "their reply",
    AttemptKind.CLOSED: "closing it",
    AttemptKind.MAIL_REPLY: "their e-mail",
}


def earliest_day(campaign: Campaign, item: DueItem) -> tuple[date, str] | None:
    """The first day the item can have been done on, and what happened that day: the
    latest step with the person ("the request"), or the interview; None without a bound."""
    outreach = outreach_of(campaign, item)
    if item.kind in (DueKind.THANK, DueKind.THANK_INTRODUCER):
        interview = interview_of(campaign, item)
        return (interview.when.date(), "the interview") if interview else None
    if outreach is None:
        return None
    return earliest_for(outreach)


def earliest_for(outreach: Outreach) -> tuple[date, str] | None:
    """The latest step logged on the outreach (a snooze is no step), with its name."""
    steps = [attempt for attempt in outreach.attempts if attempt.kind in STEP_NAMES]
    latest = max(steps, key=lambda attempt: attempt.on, default=None)
    return (latest.on, STEP_NAMES[latest.kind]) if latest else None


def day_problem(day: date, today: date, earliest: tuple[date, str] | None) -> str | None:
    """Why `day` cannot be the day something happened, in one sentence; None if it can."""
    if day > today:
        return f"{day:%a %-d %b %Y} has not come yet: record what happened on the day it happened."
    if earliest is not None and day < earliest[0]:
        on, what = earliest
        return f"That is before {what} on {on:%a %-d %b %Y}: give that day or a later one."
    return None


def done_change(
    campaign: Campaign,
    item: DueItem,
    on: date,
    outcome: CallOutcome | None = None,
    message_id: str | None = None,
    subject: str = "",
) -> Model | None:
    """A copy of the record with the item done on `on` (a call with its `outcome`, an e-mail
    infoint sent with its `message_id` and `subject`), or None when "done" needs a form instead."""
    attempt = KINDS[item.kind].attempt
    if attempt is not None or item.kind == DueKind.ASSUMED_NO:
        outreach = _copy(outreach_of(campaign, item))
        if attempt is None:
            outreach.log(AttemptKind.CLOSED, on, ASSUMED_NO_NOTE)
        else:
            outreach.log(attempt, on, outcome=outcome, message_id=message_id, subject=subject)
        return outreach
    if item.kind == DueKind.KEEP_POSTED:
        person = _copy(campaign.people.get(item.person_id))
        person.updates.append(on)
        return person
    if KINDS[item.kind].done is None:
        return None  # booking, preparing and holding an interview each have their own dialog
    interview = _copy(interview_of(campaign, item))
    if item.kind == DueKind.THANK:
        interview.thanked = on
    elif item.kind == DueKind.THANK_INTRODUCER:
        interview.introducer_thanked = on
    else:
        interview.action_items[action_index(item)].done = True
    return interview


def snooze_change(campaign: Campaign, item: DueItem, today: date, until: date) -> Model:
    """A copy of the record with the item put off until `until`."""
    if KINDS[item.kind].record == "person":
        person = _copy(campaign.people.get(item.person_id))
        person.snoozed[item.kind.value] = until
        return person
    if item.kind == DueKind.ACTION:
        # Per item, not per interview: its own due date moves (never earlier).
        interview = _copy(interview_of(campaign, item))
        interview.action_items[action_index(item)].due = max(until, item.due)
        return interview
    if KINDS[item.kind].record == "interview":
        interview = _copy(interview_of(campaign, item))
        interview.snoozed[item.kind.value] = until
        return interview
    outreach = _copy(outreach_of(campaign, item))
    outreach.log(AttemptKind.SNOOZED, today, until=until)
    return outreach


def action_index(item: DueItem) -> int:
    """Action items are keyed "action:interview:<id>:<index>"."""
    return int(item.key.rsplit(":", 1)[1])


def _copy(record: M | None) -> M:
    if record is None:
        raise LookupError("the record behind this item no longer exists")
    return copy.deepcopy(record)

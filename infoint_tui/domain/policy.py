"""The follow-up rules (DESIGN section 4): campaign + settings + today -> due items.

One pure function, `due_items`, feeds both the queue screen and `infoint today`; `agenda`
trims its answer to the days ahead. Nothing here reads the real clock or stores state: the
next step of an outreach is worked out from its attempt log on every call.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from functools import partial
from typing import Any, NamedTuple

from infoint_tui.domain.due_kinds import KINDS
from infoint_tui.domain.due_kinds import DueKind as DueKind  # DueItem.kind: part of the policy's answer
from infoint_tui.domain.due_text import hours_left as hours_left  # part of the policy's answer
from infoint_tui.domain.models import (
    CONTACT_ATTEMPTS,
    REFERRED_BY,
    AttemptKind,
    Campaign,
    Degree,
    Interview,
    Outreach,
    Person,
    Route,
    Settings,
)
from infoint_tui.domain.wording import count


class Status(StrEnum):
    OVERDUE = "overdue"
    TODAY = "today"
    UPCOMING = "upcoming"


@dataclass(frozen=True, slots=True)
class DueItem:
    kind: DueKind
    person_id: int
    person: str
    company: str
    due: date
    status: Status
    #: Key of the template that fits (see domain.defaults), or "" when no text is sent.
    template: str
    #: Stable identity of the item, e.g. "follow_up:outreach:12"; used for snoozing.
    key: str
    outreach_id: int | None = None
    interview_id: int | None = None
    #: For thank-yous: the 48-hour deadline, whose day is `due`.
    deadline: datetime | None = None
    #: A short human detail: "attempt 2 of 3", "14:30 by phone", "3 of 5 questions".
    detail: str = ""

    def to_json(self) -> dict[str, str]:
        return {
            "kind": self.kind.value,
            "person": self.person,
            "company": self.company,
            "due": self.due.isoformat(),
            "status": self.status.value,
            "template": self.template,
        }


# --- public entry points -----------------------------------------------------------------


#: A moment the rules compared `now` with, and whether `now` had reached it.
Asked = tuple[datetime, bool]


def due_items(
    campaign: Campaign, today: date, now: datetime | None = None, *, asked: list[Asked] | None = None
) -> list[DueItem]:
    """Everything the user owes someone, sorted by due date then person.

    `now` (by default the start of `today`) says whether a call is over yet, and whether a
    thank-you's deadline has passed. Hours left on a deadline go stale within the hour, so
    screens ask `hours_left(item, now)` when they draw instead of reading them from the item.
    `asked`, if given, receives every comparison of `now` made: the answer is the same at
    any other moment of `today` that compares the same way with each.
    """
    review = _Review(campaign, today, now or datetime.combine(today, time.min), [] if asked is None else asked)
    items = [
        *_outreach_items(review),
        *(item for interview in campaign.interviews.values() for item in _interview_items(review, interview)),
        *_keep_posted_items(review),
    ]
    return sorted(items, key=lambda item: (item.due, item.person.casefold()))


_STATUS_ORDER = {Status.OVERDUE: 0, Status.TODAY: 1, Status.UPCOMING: 2}


def heads_queue(item: DueItem) -> bool:
    """A reply to read goes above everything, unless the user put it off."""
    return KINDS[item.kind].first and item.status != Status.UPCOMING


def agenda(items: Iterable[DueItem], today: date, days: int) -> list[DueItem]:
    """Replies to read first, then overdue, today, and what falls due within `days` days:
    the morning review's list."""
    horizon = today + timedelta(days=days)
    kept = [item for item in items if item.due <= horizon]
    return sorted(
        kept,
        key=lambda item: (
            not heads_queue(item),
            _STATUS_ORDER[item.status],
            item.due,
            item.deadline or datetime.combine(item.due, time.max),  # the nearest deadline first
            item.person.casefold(),
        ),
    )


def open_outreach(campaign: Campaign, person_id: int) -> Outreach | None:
    """The person's latest outreach still under way, if any."""
    mine = [o for o in campaign.outreach.values() if o.person_id == person_id and o.is_open]
    return max(mine, key=lambda o: (o.created, o.id), default=None)


_DEGREE_ORDER = {Degree.FIRST: 0, Degree.SECOND: 1, Degree.COLD: 2}


def next_target(campaign: Campaign, company_id: int | None, exclude_person_id: int | None) -> Person | None:
    """Who to approach at a company once someone there is assumed a "no".

    Only people never approached (no outreach, no interview) and not archived; the warmest
    degree first, since a 1st-degree contact is the likeliest "yes", then by name.
    """
    if company_id is None:
        return None
    approached = {outreach.person_id for outreach in campaign.outreach.values()}
    approached |= {interview.person_id for interview in campaign.interviews.values()}
    candidates = [
        person
        for person in campaign.people.values()
        if person.company_id == company_id
        and person.id != exclude_person_id
        and person.id not in approached
        and not person.archived
    ]
    return min(candidates, key=lambda p: (_DEGREE_ORDER[p.degree], p.name.casefold(), p.id), default=None)


# --- shared plumbing ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Review:
    """The fixed inputs of one run of the rules, and the one place a DueItem is made."""

    campaign: Campaign
    today: date
    now: datetime
    asked: list[Asked] = field(default_factory=list)

    def reached(self, moment: datetime) -> bool:
        """Whether `now` is `moment` or later; every such question is noted in `asked`."""
        answer = self.now >= moment
        self.asked.append((moment, answer))
        return answer

    @property
    def settings(self) -> Settings:
        return self.campaign.settings

    def item(
        self,
        kind: DueKind,
        person: Person,
        due: date,
        key: str,
        *,
        snoozed_until: date | None = None,
        template: str | None = None,
        detail: str = "",
        outreach_id: int | None = None,
        interview_id: int | None = None,
        deadline: datetime | None = None,
        opens: datetime | None = None,
    ) -> DueItem:
        """`opens` and `deadline` bound an item due by the hour: before `opens` it is to come,
        after `deadline` late, and due at once in between (unless snoozed)."""
        status = None
        if snoozed_until is not None and snoozed_until > self.today:
            deadline = None  # put off by the user: the day they chose is what counts now, not the hours
        if deadline is not None:
            status = self._hourly_status(opens, deadline)
        # A snooze only ever postpones: a step that is already later keeps its own date.
        if snoozed_until is not None:
            due = max(due, snoozed_until)
        company = self.campaign.company_of(person)
        return DueItem(
            kind=kind,
            person_id=person.id,
            person=person.name,
            company=company.name if company else "",
            due=due,
            status=status or _status(due, self.today),
            template=KINDS[kind].template if template is None else template,
            key=key,
            outreach_id=outreach_id,
            interview_id=interview_id,
            deadline=deadline,
            detail=detail,
        )

    def _hourly_status(self, opens: datetime | None, deadline: datetime) -> Status:
        if opens is not None and not self.reached(opens):
            return Status.UPCOMING
        # Late once past the deadline: from its next microsecond, the finest step of a datetime.
        return Status.OVERDUE if self.reached(deadline + timedelta(microseconds=1)) else Status.TODAY


def _status(due: date, today: date) -> Status:
    if due < today:
        return Status.OVERDUE
    return Status.TODAY if due == today else Status.UPCOMING


def _days(n: int) -> timedelta:
    return timedelta(days=n)


# --- outreach: request, follow-up, call, give up; introductions; booking ------------------


class _Step(NamedTuple):
    """The pending step of one outreach, before it becomes a DueItem."""

    kind: DueKind
    due: date
    detail: str
    #: None: the kind's own template (see due_kinds); a request's depends on its route.
    template: str | None = None


_REQUEST_TEMPLATES = {
    Route.DIRECT: "request_direct",
    Route.CONNECTION: "request_connection",
    Route.MENTION: "request_mention",
    Route.COLD: "request_cold",
    # Once the mutual has introduced us, the request replies to that introduction.
    Route.INTRO: "request_introduced",
}

_REQUEST_DETAILS = {
    Route.DIRECT: "direct",
    Route.CONNECTION: "LinkedIn connection",
    Route.MENTION: "mention {mutual}",
    Route.COLD: "cold",
    Route.INTRO: "introduced by {mutual}",
}


def _outreach_items(review: _Review) -> Iterator[DueItem]:
    booked = {i.outreach_id for i in review.campaign.interviews.values() if i.outreach_id is not None}
    for outreach in review.campaign.outreach.values():
        person = review.campaign.people.get(outreach.person_id)
        if person is None or person.archived or not outreach.is_open:
            continue  # an archived person is out of the pipeline: no more asking them
        step = _outreach_step(review, outreach, person, booked)
        if step is None:
            continue
        yield review.item(
            step.kind,
            person,
            step.due,
            f"{step.kind}:outreach:{outreach.id}",
            snoozed_until=_snoozed_until(outreach),
            template=step.template,
            detail=step.detail + _auto_reply_note(outreach),
            outreach_id=outreach.id,
        )


def _outreach_step(review: _Review, outreach: Outreach, person: Person, booked: set[int]) -> _Step | None:
    introducer = review.campaign.introducer_of(person)
    mutual = introducer.name if introducer else "your mutual contact"
    reply = outreach.pending_reply
    if reply is not None:  # stops the follow-ups (or the nudge) until it is recorded
        first_line = reply.note.partition("\n")[0]
        return _Step(DueKind.READ_REPLY, reply.on, f"reply from {reply.sender}: read and record · “{first_line}”")
    said_yes = _last_on(outreach, AttemptKind.REPLY_YES)
    if said_yes is not None:
        # Once the interview is booked, its own items take over.
        return None if outreach.id in booked else _Step(DueKind.BOOK, said_yes, "said yes")
    if _waiting_for_introduction(outreach):
        asked = _last_on(outreach, AttemptKind.INTRO_ASKED)
        if asked is None:
            return _ask_for_introduction(review, outreach, mutual)
        nudge_on = asked + _days(review.settings.intro_nudge_days)
        return _Step(DueKind.NUDGE_INTRO, nudge_on, f"remind {mutual} about the introduction")
    return _contact_step(outreach, review.settings, mutual)


def _ask_for_introduction(review: _Review, outreach: Outreach, mutual: str) -> _Step | None:
    """Ask the mutual at once; after a call in which they suggested the person, once they
    have been thanked for it (a thank-you first, then the favour)."""
    call = suggested_in(review.campaign, outreach)
    if call is None:
        return _Step(DueKind.ASK_INTRO, outreach.created, f"ask {mutual} to introduce you")
    if call.thanked is None:
        return None
    detail = f"ask {mutual} for the introduction suggested in your call on {call.when:%a %-d %b}"
    return _Step(DueKind.ASK_INTRO, max(call.thanked, outreach.created), detail)


def suggested_in(campaign: Campaign, outreach: Outreach) -> Interview | None:
    """The call in which the person of `outreach` was suggested, for a referral (see
    interviewing.add_referral): their introducer's latest interview by the day it began."""
    person = campaign.people.get(outreach.person_id)
    if person is None or person.introducer_id is None or not person.source.startswith(REFERRED_BY):
        return None
    calls = [
        interview
        for interview in campaign.interviews.values()
        if interview.person_id == person.introducer_id and interview.when.date() <= outreach.created
    ]
    return max(calls, key=lambda interview: (interview.when, interview.id), default=None)


def _waiting_for_introduction(outreach: Outreach) -> bool:
    # Contacting the person directly ends the wait, even without an introduction.
    return (
        outreach.route == Route.INTRO
        and not outreach.has(AttemptKind.INTRO_MADE, AttemptKind.REPLY_LATER)
        and outreach.contact_attempts == 0
    )


def attempt_kind(number: int, max_attempts: int) -> DueKind:
    """What contact attempt `number` (counted from 1) is: the request opens, the phone call
    is always the last, and follow-ups fill the attempts between. With a single attempt
    the request is the only one."""
    if number == 1:
        return DueKind.REQUEST
    return DueKind.CALL if number == max_attempts else DueKind.FOLLOW_UP


def _contact_step(outreach: Outreach, settings: Settings, mutual: str) -> _Step:
    # After "not now, ask me in March" the attempts start again: the first, asking again,
    # falls due in that month.
    later = outreach.last(AttemptKind.REPLY_LATER)
    contacts = [attempt.on for attempt in outreach.current_round if attempt.kind in CONTACT_ATTEMPTS]
    sent = len(contacts)
    if later is not None and sent == 0:
        back = later.until or later.on
        return _Step(DueKind.FOLLOW_UP, back, f"asked to hear again in {back:%B}")
    if sent == 0:
        start = _last_on(outreach, AttemptKind.INTRO_MADE) or outreach.created
        detail = _REQUEST_DETAILS[outreach.route].format(mutual=mutual)
        return _Step(DueKind.REQUEST, start, detail, _REQUEST_TEMPLATES[outreach.route])
    last = max(contacts)
    if sent >= settings.max_attempts:
        return _Step(DueKind.ASSUMED_NO, last + _days(settings.give_up_days), f"{count(sent, 'attempt')}, no reply")
    kind = attempt_kind(sent + 1, settings.max_attempts)
    wait = settings.call_days if kind == DueKind.CALL else settings.follow_up_days
    return _Step(kind, last + _days(wait), f"attempt {sent + 1} of {settings.max_attempts}")


def _last_on(outreach: Outreach, *kinds: AttemptKind) -> date | None:
    """The latest date of those attempts (by date, so a back-dated entry cannot rewind it)."""
    return max((attempt.on for attempt in outreach.attempts if attempt.kind in kinds), default=None)


def _auto_reply_note(outreach: Outreach) -> str:
    """ " · auto-reply 27 Nov: I am away until…" when one came after the last step, else ""."""
    for attempt in reversed(outreach.attempts):
        if attempt.kind == AttemptKind.AUTO_REPLY:
            return f" · auto-reply {attempt.on:%-d %b}: {attempt.note.partition(chr(10))[0]}"
        if attempt.kind != AttemptKind.SNOOZED:
            return ""
    return ""


def _snoozed_until(outreach: Outreach) -> date | None:
    """The most recent snooze, unless a real step was logged after it.

    A snooze postpones the step pending when it was made; recording the next attempt
    starts a new step, which the old snooze must not hold back. An automatic reply is no step.
    """
    for attempt in reversed(outreach.attempts):
        if attempt.kind == AttemptKind.AUTO_REPLY:
            continue
        if attempt.kind != AttemptKind.SNOOZED:
            return None
        if attempt.until is not None:
            return attempt.until
    return None


# --- interviews: prepare, the day itself, thank-yous, action items ------------------------


def _interview_items(review: _Review, interview: Interview) -> Iterator[DueItem]:
    person = review.campaign.people.get(interview.person_id)
    if person is None:
        return
    if interview.held:
        yield from _after_interview(review, interview, person)
    else:
        yield from _before_interview(review, interview, person)


def _interview_item(
    review: _Review, interview: Interview, kind: DueKind, person: Person, due: date, key: str = "", **extra: Any
) -> DueItem:
    return review.item(
        kind,
        person,
        due,
        key or f"{kind}:interview:{interview.id}",
        snoozed_until=interview.snoozed.get(kind.value),
        interview_id=interview.id,
        outreach_id=interview.outreach_id,
        **extra,
    )


def _before_interview(review: _Review, interview: Interview, person: Person) -> Iterator[DueItem]:
    day = interview.when.date()
    chosen, wanted = len(interview.questions), review.settings.prep_min_questions
    prep = f"{chosen} of {wanted} questions"
    if day > review.today:
        if chosen < wanted:
            prep_on = day - _days(review.settings.prep_days_before)
            if interview.booked is not None:  # booked for tomorrow: due today, not late at once
                prep_on = max(prep_on, interview.booked)
            yield _interview_item(review, interview, DueKind.PREPARE, person, prep_on, detail=prep)
        return
    detail = f"{interview.when:%H:%M} {interview.mode.phrase}"
    if day < review.today or review.reached(interview.ends):
        detail += ", not marked held"
    elif chosen < wanted:
        detail += f", {prep}"  # on the day, the prep state travels with the interview
    yield _interview_item(review, interview, DueKind.INTERVIEW, person, day, detail=detail)


def _after_interview(review: _Review, interview: Interview, person: Person) -> Iterator[DueItem]:
    day = interview.when.date()
    # Due from the end of the call (marked held sooner, they wait for it) until 48 hours after
    # it began: a call that started late, by its clock, has its thanks due that much later.
    began = interview.began
    deadline = began + timedelta(hours=review.settings.thank_you_hours)
    thank_you = partial(
        _interview_item, review, interview, due=deadline.date(), deadline=deadline, opens=interview.ends
    )
    if interview.thanked is None:
        yield thank_you(DueKind.THANK, person, detail=f"for the call on {began:%a %-d %b, %H:%M}")
    introducer = review.campaign.introducer_of(person)
    if introducer is not None and interview.introducer_thanked is None:
        yield thank_you(DueKind.THANK_INTRODUCER, introducer, detail=f"introduced {person.name}")
    for index, action in enumerate(interview.action_items):
        if action.done:
            continue
        due = action.due or day + _days(review.settings.action_days)
        key = f"{DueKind.ACTION}:interview:{interview.id}:{index}"
        yield _interview_item(review, interview, DueKind.ACTION, person, due, key, detail=action.text)


# --- keeping connectors posted ------------------------------------------------------------


def _keep_posted_items(review: _Review) -> Iterator[DueItem]:
    if not review.settings.campaign_active:
        return
    for person_id, last in last_in_touch(review.campaign).items():
        person = review.campaign.people[person_id]
        yield review.item(
            DueKind.KEEP_POSTED,
            person,
            last + _days(review.settings.keep_posted_days),
            f"{DueKind.KEEP_POSTED}:person:{person.id}",
            snoozed_until=person.snoozed.get(DueKind.KEEP_POSTED.value),
            detail=f"last in touch {last.isoformat()}",
        )


def last_in_touch(campaign: Campaign) -> dict[int, date]:
    """Person id -> the last day they heard from the user as a connector (thanks or updates)."""
    return {
        person_id: max([thanked, *campaign.people[person_id].updates])
        for person_id, thanked in _last_thanked(campaign).items()
        if person_id in campaign.people
    }


def _last_thanked(campaign: Campaign) -> dict[int, date]:
    """Person id -> the latest day they were thanked, as interviewer or as introducer."""
    latest: dict[int, date] = {}

    def note(person_id: int | None, on: date | None) -> None:
        if person_id is not None and on is not None:
            latest[person_id] = max(on, latest.get(person_id, on))

    for interview in campaign.interviews.values():
        note(interview.person_id, interview.thanked)
        interviewee = campaign.people.get(interview.person_id)
        if interviewee is not None:
            note(interviewee.introducer_id, interview.introducer_thanked)
    return latest

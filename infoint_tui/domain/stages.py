"""Where each person stands in the campaign, and the next day something is due for them.

Worked out from their outreach (its attempt log) and their interviews, with the dates of the
follow-up policy itself (`policy.due_items`), so a stage never disagrees with the queue: a
person is "waiting" exactly until their follow-up comes into the queue. One pass over the
campaign; the Targets screen works it out once per change of the data, never per row.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from infoint_tui.domain.models import CONTACT_ATTEMPTS, AttemptKind, Campaign, Interview, Outreach
from infoint_tui.domain.policy import DueItem, DueKind, Status, due_items


class Stage(StrEnum):
    """In the order of a campaign (the order of the "stage" sort); the values are what a
    filter's `stage:` term names."""

    NOT_ASKED = "not-asked"
    WAITING = "waiting"
    DUE = "due"
    YES = "yes"
    HELD = "held"
    THANKED = "thanked"
    NO = "no"
    ASSUMED_NO = "assumed-no"


NAMES = {
    Stage.NOT_ASKED: "not asked",
    Stage.WAITING: "waiting since",
    Stage.DUE: "follow-up due",
    Stage.YES: "yes / booked",
    Stage.HELD: "held",
    Stage.THANKED: "thanked",
    Stage.NO: "no",
    Stage.ASSUMED_NO: "assumed no",
}
#: When several threads (outreach for two objectives, an interview) say different things, the
#: first of these wins: what went furthest, then what is still under way, then what ended.
_PRECEDENCE = [
    Stage.THANKED,
    Stage.HELD,
    Stage.YES,
    Stage.DUE,
    Stage.WAITING,
    Stage.NOT_ASKED,
    Stage.NO,
    Stage.ASSUMED_NO,
]
_RANK = {stage: rank for rank, stage in enumerate(_PRECEDENCE)}
#: Stage -> its place in a campaign, for sorting.
ORDER = {stage: place for place, stage in enumerate(Stage)}
#: The policy's steps that wait on the other person: before their day, the person is waiting.
_WAITS = frozenset({DueKind.FOLLOW_UP, DueKind.CALL, DueKind.NUDGE_INTRO, DueKind.ASSUMED_NO, DueKind.READ_REPLY})


@dataclass(frozen=True, slots=True)
class Standing:
    stage: Stage
    #: For WAITING: the day of the attempt they have not answered yet.
    since: date | None = None
    #: The earliest day something is due for them (None: nothing is).
    next_on: date | None = None
    #: For YES: an interview is booked.
    booked: bool = False

    @property
    def label(self) -> str:
        """'waiting since 12 Nov', 'booked', 'follow-up due'."""
        if self.stage == Stage.WAITING and self.since is not None:
            return f"waiting since {self.since:%-d %b}"
        if self.stage == Stage.YES:
            return "booked" if self.booked else "said yes"
        return NAMES[self.stage]


NOT_ASKED = Standing(Stage.NOT_ASKED)


def standings(campaign: Campaign, today: date) -> dict[int, Standing]:
    """Person id -> their standing on `today`, for everyone in the campaign."""
    items = due_items(campaign, today)
    next_on: dict[int, date] = {}
    steps: dict[int, DueItem] = {}  # outreach id -> its pending step
    for item in items:
        if item.person_id not in next_on or item.due < next_on[item.person_id]:
            next_on[item.person_id] = item.due
        if item.outreach_id is not None and item.interview_id is None:
            steps[item.outreach_id] = item
    threads: dict[int, list[Standing]] = {}
    for outreach in campaign.outreach.values():
        threads.setdefault(outreach.person_id, []).append(_outreach_standing(outreach, steps.get(outreach.id)))
    for person_id, interview in _latest_interviews(campaign.interviews.values()).items():
        threads.setdefault(person_id, []).append(_interview_standing(interview))
    # Most people have nothing under way: they share one standing, made in C.
    result = dict.fromkeys(campaign.people, NOT_ASKED)
    for person_id in (threads.keys() | next_on.keys()) & result.keys():
        found = threads.get(person_id)
        # A yes with its interview booked says more than the yes alone; of two waits, the longer.
        stage = min(found, key=lambda s: (_RANK[s.stage], not s.booked, s.since or date.max)) if found else NOT_ASKED
        result[person_id] = Standing(stage.stage, stage.since, next_on.get(person_id), stage.booked)
    return result


def _outreach_standing(outreach: Outreach, step: DueItem | None) -> Standing:
    if outreach.has(AttemptKind.REPLY_NO, AttemptKind.REFERRED):
        return Standing(Stage.NO)  # a referral is their way of saying not them
    if outreach.has(AttemptKind.CLOSED):
        return Standing(Stage.ASSUMED_NO)  # closed when every attempt went unanswered
    if outreach.has(AttemptKind.REPLY_YES):
        return Standing(Stage.YES)
    later = outreach.last(AttemptKind.REPLY_LATER)
    if step is None or step.kind not in _WAITS:
        # "Not now": waiting for the month they named. Else the request (or the ask for
        # an introduction) is still to be sent.
        return Standing(Stage.WAITING, since=later.on) if later else NOT_ASKED
    if step.status == Status.UPCOMING:
        kinds = (AttemptKind.INTRO_ASKED,) if step.kind == DueKind.NUDGE_INTRO else tuple(CONTACT_ATTEMPTS)
        asked = [a.on for a in outreach.current_round if a.kind in kinds]
        return Standing(Stage.WAITING, since=max(asked) if asked else later.on if later else None)
    return Standing(Stage.ASSUMED_NO if step.kind == DueKind.ASSUMED_NO else Stage.DUE)


def _latest_interviews(interviews: Iterable[Interview]) -> dict[int, Interview]:
    """Person id -> their latest interview: an earlier one no longer says where they stand."""
    latest: dict[int, Interview] = {}
    for interview in interviews:
        kept = latest.get(interview.person_id)
        if kept is None or interview.when > kept.when:
            latest[interview.person_id] = interview
    return latest


def _interview_standing(interview: Interview) -> Standing:
    if not interview.held:
        return Standing(Stage.YES, booked=True)
    return Standing(Stage.THANKED if interview.thanked is not None else Stage.HELD)


#: What a filter's `stage:` term may say for each stage, besides the start of these.
_FILTER_WORDS = {stage: (stage.value,) for stage in Stage} | {
    Stage.DUE: ("due", "follow-up-due"),
    Stage.YES: ("yes", "booked"),
}


def stages_named(word: str) -> frozenset[Stage]:
    """The stages `stage:word` means: the one of that value, else those with a word that starts
    with it ("wait", "follow", "book"); none when it names no stage ("no" is "no", not "not asked")."""
    word = word.casefold()
    exact = frozenset(stage for stage in Stage if stage.value == word)
    return exact or frozenset(stage for stage, words in _FILTER_WORDS.items() if any(w.startswith(word) for w in words))

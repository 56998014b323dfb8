"""The follow-up rules, row by row (DESIGN section 4), on fixed dates: never the real clock."""

from __future__ import annotations

import itertools
import subprocess
import sys
from datetime import date, datetime, timedelta

import pytest

from infoint_tui.domain.models import (
    ActionItem,
    AttemptKind,
    Campaign,
    Company,
    Degree,
    Interview,
    Mode,
    Outreach,
    Person,
    PreparedQuestion,
    Route,
    Settings,
)
from infoint_tui.domain.policy import (
    DueItem,
    DueKind,
    Status,
    agenda,
    due_items,
    hours_left,
    next_target,
)

A = AttemptKind
K = DueKind
START = date(2026, 3, 2)  # a Monday; every outreach below is created on it unless told


def day(n: int) -> date:
    return START + timedelta(days=n)


def at(n: int, hour: int = 14, minute: int = 30) -> datetime:
    return datetime.combine(day(n), datetime.min.time()).replace(hour=hour, minute=minute)


class Build:
    """A campaign in a few lines. Ids come from one counter, so no two records share one."""

    def __init__(self, **settings: object) -> None:
        self.campaign = Campaign(settings=Settings(**settings))  # type: ignore[arg-type]
        self._ids = itertools.count(1)

    def company(self, name: str = "Acme") -> Company:
        company = Company(name, id=next(self._ids))
        self.campaign.companies[company.id] = company
        return company

    def person(
        self,
        name: str,
        company: Company | None = None,
        degree: Degree = Degree.COLD,
        introducer: Person | None = None,
    ) -> Person:
        person = Person(
            name,
            company_id=company.id if company else None,
            degree=degree,
            introducer_id=introducer.id if introducer else None,
            id=next(self._ids),
        )
        self.campaign.people[person.id] = person
        return person

    def outreach(self, person: Person, *log: tuple, route: Route = Route.COLD, created: date = START) -> Outreach:
        """`log` entries are (kind, on) or (SNOOZED, on, until)."""
        outreach = Outreach(person.id, objective_id=1, route=route, created=created, id=next(self._ids))
        for entry in log:
            outreach.log(entry[0], entry[1], until=entry[2] if len(entry) > 2 else None)
        self.campaign.outreach[outreach.id] = outreach
        return outreach

    def interview(
        self,
        person: Person,
        when: datetime,
        questions: int = 0,
        outreach: Outreach | None = None,
        **fields: object,
    ) -> Interview:
        interview = Interview(
            person.id,
            when,
            outreach_id=outreach.id if outreach else None,
            questions=[PreparedQuestion(f"Question {n}?") for n in range(questions)],
            id=next(self._ids),
            **fields,  # type: ignore[arg-type]
        )
        self.campaign.interviews[interview.id] = interview
        return interview


def only(campaign: Campaign, today: date = START) -> DueItem:
    items = due_items(campaign, today)
    assert len(items) == 1, items
    return items[0]


def of_kind(campaign: Campaign, kind: DueKind, today: date = START) -> list[DueItem]:
    return [item for item in due_items(campaign, today) if item.kind == kind]


def brief(items: list[DueItem]) -> list[tuple[DueKind, str, date, Status]]:
    return [(item.kind, item.person, item.due, item.status) for item in items]


@pytest.fixture
def b() -> Build:
    return Build()


# --- requests ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("route", "template", "detail"),
    [
        (Route.DIRECT, "request_direct", "direct"),
        (Route.MENTION, "request_mention", "mention Maria Lopez"),
        (Route.COLD, "request_cold", "cold"),
    ],
)
def test_a_new_outreach_asks_for_the_request_of_its_route(b: Build, route: Route, template: str, detail: str) -> None:
    maria = b.person("Maria Lopez")
    ana = b.person("Ana Silva", b.company("Acme"), Degree.SECOND, introducer=maria)
    outreach = b.outreach(ana, route=route)

    assert only(b.campaign) == DueItem(
        kind=K.REQUEST,
        person_id=ana.id,
        person="Ana Silva",
        company="Acme",
        due=START,
        status=Status.TODAY,
        template=template,
        key=f"request:outreach:{outreach.id}",
        outreach_id=outreach.id,
        detail=detail,
    )


@pytest.mark.parametrize(
    ("today", "status"), [(day(-1), Status.UPCOMING), (START, Status.TODAY), (day(1), Status.OVERDUE)]
)
def test_the_request_is_due_the_day_the_outreach_is_created(b: Build, today: date, status: Status) -> None:
    b.outreach(b.person("Ana Silva"))

    item = only(b.campaign, today)

    assert (item.kind, item.due, item.status) == (K.REQUEST, START, status)


def test_a_person_without_a_company_shows_an_empty_company(b: Build) -> None:
    lost = b.person("Ana Silva", Company("Gone Ltd", id=99))  # the company record was deleted
    b.outreach(lost)
    b.outreach(b.person("Bo Chen"))

    assert [item.company for item in due_items(b.campaign, START)] == ["", ""]


# --- follow-up, call, assumed no ---------------------------------------------------------------

LADDER = [
    pytest.param([], K.REQUEST, START, "request_cold", "cold", id="nothing sent"),
    pytest.param([(A.REQUEST, day(0))], K.FOLLOW_UP, day(7), "follow_up", "attempt 2 of 3", id="request sent"),
    pytest.param(
        [(A.REQUEST, day(0)), (A.FOLLOW_UP, day(9))],
        K.CALL,
        day(16),
        "voicemail",
        "attempt 3 of 3",
        id="follow-up sent",
    ),
    pytest.param(
        [(A.REQUEST, day(0)), (A.FOLLOW_UP, day(9)), (A.CALL, day(20))],
        K.ASSUMED_NO,
        day(27),
        "",
        "3 attempts, no reply",
        id="called",
    ),
]


@pytest.mark.parametrize(("log", "kind", "due", "template", "detail"), LADDER)
def test_each_contact_attempt_moves_the_outreach_one_step(
    b: Build, log: list, kind: DueKind, due: date, template: str, detail: str
) -> None:
    outreach = b.outreach(b.person("Ana Silva"), *log)

    item = only(b.campaign)

    assert (item.kind, item.due, item.template, item.detail) == (kind, due, template, detail)
    assert item.key == f"{kind.value}:outreach:{outreach.id}"


@pytest.mark.parametrize(
    "log",
    [
        [(A.REQUEST, START)],
        [(A.REQUEST, day(-7)), (A.FOLLOW_UP, START)],
        [(A.REQUEST, day(-14)), (A.FOLLOW_UP, day(-7)), (A.CALL, START)],
    ],
    ids=["follow-up", "call", "assumed no"],
)
@pytest.mark.parametrize(("days_later", "status"), [(6, Status.UPCOMING), (7, Status.TODAY), (8, Status.OVERDUE)])
def test_each_next_step_falls_due_exactly_seven_days_after_the_last_attempt(
    b: Build, log: list, days_later: int, status: Status
) -> None:
    b.outreach(b.person("Ana Silva"), *log)

    item = only(b.campaign, day(days_later))

    assert (item.due, item.status) == (day(7), status)


def test_recording_the_attempt_that_was_due_replaces_it_with_the_next_step(b: Build) -> None:
    outreach = b.outreach(b.person("Ana Silva"), (A.REQUEST, START))
    assert only(b.campaign, day(8)).kind == K.FOLLOW_UP

    outreach.log(A.FOLLOW_UP, day(8))

    item = only(b.campaign, day(8))
    assert (item.kind, item.due, item.status) == (K.CALL, day(15), Status.UPCOMING)


def test_intervals_come_from_the_settings() -> None:
    b = Build(follow_up_days=3, call_days=4, give_up_days=10)
    ana, bo, cy = b.person("Ana"), b.person("Bo"), b.person("Cy")
    b.outreach(ana, (A.REQUEST, START))
    b.outreach(bo, (A.REQUEST, START), (A.FOLLOW_UP, day(1)))
    b.outreach(cy, (A.REQUEST, START), (A.FOLLOW_UP, day(1)), (A.CALL, day(2)))

    assert [(item.person, item.kind, item.due) for item in due_items(b.campaign, START)] == [
        ("Ana", K.FOLLOW_UP, day(3)),
        ("Bo", K.CALL, day(5)),
        ("Cy", K.ASSUMED_NO, day(12)),
    ]


@pytest.mark.parametrize(
    ("max_attempts", "sent", "kind", "detail"),
    [
        (5, 3, K.FOLLOW_UP, "attempt 4 of 5"),
        (5, 4, K.CALL, "attempt 5 of 5"),
        (5, 5, K.ASSUMED_NO, "5 attempts, no reply"),
        (2, 2, K.ASSUMED_NO, "2 attempts, no reply"),
        (3, 4, K.ASSUMED_NO, "4 attempts, no reply"),
    ],
)
def test_follow_ups_fill_the_attempts_before_the_call_which_is_the_last(
    max_attempts: int, sent: int, kind: DueKind, detail: str
) -> None:
    b = Build(max_attempts=max_attempts)
    kinds = [A.REQUEST, A.FOLLOW_UP, A.FOLLOW_UP, A.FOLLOW_UP, A.CALL]
    b.outreach(b.person("Ana"), *[(kinds[n], day(n)) for n in range(sent)])

    item = only(b.campaign)

    assert (item.kind, item.due, item.detail) == (kind, day(sent - 1 + 7), detail)


# --- snoozing an outreach ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("until", "due"),
    [(day(12), day(12)), (day(5), day(7))],
    ids=["later than due: postpones", "earlier than due: no effect"],
)
def test_a_snooze_postpones_the_pending_step_but_never_brings_it_forward(b: Build, until: date, due: date) -> None:
    b.outreach(b.person("Ana"), (A.REQUEST, START), (A.SNOOZED, day(3), until))

    item = only(b.campaign, day(8))

    assert (item.kind, item.due) == (K.FOLLOW_UP, due)


def test_a_snoozed_step_shows_as_upcoming_until_the_snooze_ends(b: Build) -> None:
    b.outreach(b.person("Ana"), (A.REQUEST, START), (A.SNOOZED, day(8), day(10)))

    statuses = [only(b.campaign, day(n)).status for n in (9, 10, 11)]

    assert statuses == [Status.UPCOMING, Status.TODAY, Status.OVERDUE]


def test_a_snooze_is_superseded_by_a_later_attempt(b: Build) -> None:
    b.outreach(b.person("Ana"), (A.REQUEST, START), (A.SNOOZED, day(7), day(30)), (A.FOLLOW_UP, day(8)))

    item = only(b.campaign, day(8))

    assert (item.kind, item.due) == (K.CALL, day(15))


def test_the_latest_snooze_wins(b: Build) -> None:
    b.outreach(b.person("Ana"), (A.REQUEST, START), (A.SNOOZED, day(7), day(30)), (A.SNOOZED, day(8), day(12)))

    assert only(b.campaign, day(8)).due == day(12)


def test_a_snooze_also_postpones_booking_and_introductions(b: Build) -> None:
    maria = b.person("Maria Lopez")
    ana = b.person("Ana", degree=Degree.SECOND, introducer=maria)
    b.outreach(ana, (A.REQUEST, START), (A.REPLY_YES, day(2)), (A.SNOOZED, day(2), day(5)))
    bo = b.person("Bo", degree=Degree.SECOND, introducer=maria)
    b.outreach(bo, (A.SNOOZED, START, day(4)), route=Route.INTRO)

    dues = [(item.kind, item.due) for item in due_items(b.campaign, START)]

    assert dues == [(K.ASK_INTRO, day(4)), (K.BOOK, day(5))]


# --- replies --------------------------------------------------------------------------------------


def test_a_yes_asks_to_book_a_time_at_once(b: Build) -> None:
    ana = b.person("Ana Silva", b.company("Acme"))
    outreach = b.outreach(ana, (A.REQUEST, START), (A.REPLY_YES, day(3)))

    assert only(b.campaign, day(3)) == DueItem(
        kind=K.BOOK,
        person_id=ana.id,
        person="Ana Silva",
        company="Acme",
        due=day(3),
        status=Status.TODAY,
        template="book_time",
        key=f"book:outreach:{outreach.id}",
        outreach_id=outreach.id,
        detail="said yes",
    )


def test_booking_the_interview_replaces_the_book_item_with_interview_items(b: Build) -> None:
    ana = b.person("Ana")
    outreach = b.outreach(ana, (A.REQUEST, START), (A.REPLY_YES, day(3)))
    assert only(b.campaign, day(3)).kind == K.BOOK

    interview = b.interview(ana, at(10), outreach=outreach)

    item = only(b.campaign, day(3))
    assert (item.kind, item.key, item.outreach_id) == (K.PREPARE, f"prepare:interview:{interview.id}", outreach.id)


def test_an_interview_not_linked_to_the_outreach_does_not_count_as_booked(b: Build) -> None:
    ana = b.person("Ana")
    b.outreach(ana, (A.REQUEST, START), (A.REPLY_YES, day(3)))
    b.interview(ana, at(10), questions=5)  # an earlier, unrelated conversation

    assert [item.kind for item in due_items(b.campaign, day(3))] == [K.BOOK]


@pytest.mark.parametrize(
    "log",
    [
        [(A.REQUEST, START), (A.REPLY_NO, day(2))],
        [(A.REQUEST, START), (A.CLOSED, day(2))],
        [(A.CLOSED, START)],
        [(A.REQUEST, START), (A.REPLY_YES, day(2)), (A.CLOSED, day(3))],
        [(A.REQUEST, START), (A.FOLLOW_UP, day(7)), (A.CALL, day(14)), (A.CLOSED, day(21))],
    ],
    ids=["reply no", "closed", "closed before any request", "closed after a yes", "closed after three attempts"],
)
def test_a_no_or_a_closed_outreach_owes_nothing(b: Build, log: list) -> None:
    b.outreach(b.person("Ana"), *log)

    assert due_items(b.campaign, day(30)) == []


def test_nothing_is_due_for_a_person_who_no_longer_exists(b: Build) -> None:
    ghost = Person("Ghost", id=99)
    b.outreach(ghost, (A.REQUEST, START))
    b.interview(ghost, at(0), held=True)

    assert due_items(b.campaign, START) == []


# --- introductions ------------------------------------------------------------------------------


@pytest.fixture
def intro(b: Build) -> tuple[Build, Person, Person, Outreach]:
    maria = b.person("Maria Lopez", b.company("Globex"), Degree.FIRST)
    ana = b.person("Ana Silva", b.company("Acme"), Degree.SECOND, introducer=maria)
    return b, maria, ana, b.outreach(ana, route=Route.INTRO)


def test_an_introduction_route_starts_by_asking_the_mutual(intro) -> None:
    b, maria, ana, outreach = intro

    assert only(b.campaign) == DueItem(
        kind=K.ASK_INTRO,
        person_id=ana.id,
        person="Ana Silva",
        company="Acme",
        due=START,
        status=Status.TODAY,
        template="intro_ask",
        key=f"ask_intro:outreach:{outreach.id}",
        outreach_id=outreach.id,
        detail="ask Maria Lopez to introduce you",
    )


def test_an_introduction_asked_is_nudged_a_week_later(intro) -> None:
    b, maria, ana, outreach = intro
    outreach.log(A.INTRO_ASKED, day(1))

    item = only(b.campaign, day(8))

    assert (item.kind, item.person, item.due, item.status, item.template, item.detail) == (
        K.NUDGE_INTRO,
        "Ana Silva",
        day(8),
        Status.TODAY,
        "intro_nudge",
        "remind Maria Lopez about the introduction",
    )


def test_asking_again_restarts_the_nudge_clock() -> None:
    b = Build(intro_nudge_days=5)
    maria = b.person("Maria Lopez")
    ana = b.person("Ana", degree=Degree.SECOND, introducer=maria)
    b.outreach(ana, (A.INTRO_ASKED, day(1)), (A.INTRO_ASKED, day(9)), route=Route.INTRO)

    assert only(b.campaign, day(9)).due == day(14)


def test_once_introduced_the_reply_to_the_introduction_is_due_that_day(intro) -> None:
    b, maria, ana, outreach = intro
    outreach.log(A.INTRO_ASKED, day(1))
    outreach.log(A.INTRO_MADE, day(10))

    item = only(b.campaign, day(10))

    assert (item.kind, item.due, item.status, item.template, item.detail) == (
        K.REQUEST,
        day(10),
        Status.TODAY,
        "request_introduced",
        "introduced by Maria Lopez",
    )


def test_after_the_introduced_request_the_usual_follow_up_applies(intro) -> None:
    b, maria, ana, outreach = intro
    for kind, on in [(A.INTRO_ASKED, day(1)), (A.INTRO_MADE, day(10)), (A.REQUEST, day(11))]:
        outreach.log(kind, on)

    item = only(b.campaign, day(11))

    assert (item.kind, item.due) == (K.FOLLOW_UP, day(18))


def test_writing_directly_ends_the_wait_for_an_introduction(intro) -> None:
    b, maria, ana, outreach = intro
    outreach.log(A.INTRO_ASKED, day(1))
    outreach.log(A.REQUEST, day(3))

    item = only(b.campaign, day(3))

    assert (item.kind, item.due) == (K.FOLLOW_UP, day(10))


def test_an_introduction_whose_mutual_was_deleted_still_reads_well(b: Build) -> None:
    ana = b.person("Ana", degree=Degree.SECOND)
    ana.introducer_id = 99
    b.outreach(ana, route=Route.INTRO)

    assert only(b.campaign).detail == "ask your mutual contact to introduce you"


# --- before the interview -----------------------------------------------------------------------


def test_prepare_questions_two_days_before_when_fewer_than_five(b: Build) -> None:
    ana = b.person("Ana Silva", b.company("Acme"))
    interview = b.interview(ana, at(10), questions=3)

    assert only(b.campaign) == DueItem(
        kind=K.PREPARE,
        person_id=ana.id,
        person="Ana Silva",
        company="Acme",
        due=day(8),
        status=Status.UPCOMING,
        template="",
        key=f"prepare:interview:{interview.id}",
        interview_id=interview.id,
        detail="3 of 5 questions",
    )


@pytest.mark.parametrize(("questions", "expected"), [(0, [K.PREPARE]), (4, [K.PREPARE]), (5, []), (7, [])])
def test_the_prepare_item_disappears_at_five_questions(b: Build, questions: int, expected: list) -> None:
    b.interview(b.person("Ana"), at(10), questions=questions)

    assert [item.kind for item in due_items(b.campaign, START)] == expected


def test_prepare_is_overdue_once_its_day_has_passed_while_the_interview_is_still_ahead(b: Build) -> None:
    b.interview(b.person("Ana"), at(10), questions=1)

    item = only(b.campaign, day(9))

    assert (item.kind, item.due, item.status) == (K.PREPARE, day(8), Status.OVERDUE)


def test_prepare_follows_the_settings() -> None:
    b = Build(prep_days_before=4, prep_min_questions=3)
    b.interview(b.person("Ana"), at(10), questions=2)
    b.interview(b.person("Bo"), at(10), questions=3)

    item = only(b.campaign)

    assert (item.person, item.due, item.detail) == ("Ana", day(6), "2 of 3 questions")


@pytest.mark.parametrize(
    ("mode", "questions", "detail"),
    [
        (Mode.PHONE, 5, "14:30 by phone"),
        (Mode.VIDEO, 5, "14:30 by video"),
        (Mode.IN_PERSON, 5, "14:30 in person"),
        (Mode.PHONE, 2, "14:30 by phone, 2 of 5 questions"),
    ],
)
def test_on_the_day_the_interview_itself_is_due_with_its_time_and_mode(
    b: Build, mode: Mode, questions: int, detail: str
) -> None:
    ana = b.person("Ana")
    interview = b.interview(ana, at(10), questions=questions, mode=mode)

    item = only(b.campaign, day(10))

    assert (item.kind, item.due, item.status, item.detail, item.key, item.template) == (
        K.INTERVIEW,
        day(10),
        Status.TODAY,
        detail,
        f"interview:interview:{interview.id}",
        "",
    )


def test_an_interview_past_and_not_marked_held_is_overdue(b: Build) -> None:
    b.interview(b.person("Ana"), at(10), questions=5)

    item = only(b.campaign, day(12))

    assert (item.kind, item.due, item.status, item.detail) == (
        K.INTERVIEW,
        day(10),
        Status.OVERDUE,
        "14:30 by phone, not marked held",
    )


def test_moving_an_interview_moves_its_items(b: Build) -> None:
    interview = b.interview(b.person("Ana"), at(10, 9, 15), questions=2)
    assert brief(due_items(b.campaign, day(10))) == [(K.INTERVIEW, "Ana", day(10), Status.TODAY)]

    interview.when = at(20, 16, 0)

    assert brief(due_items(b.campaign, day(10))) == [(K.PREPARE, "Ana", day(18), Status.UPCOMING)]
    assert only(b.campaign, day(20)).detail == "16:00 by phone, 2 of 5 questions"


# --- after the interview: thank-yous ----------------------------------------------------------------


@pytest.fixture
def held(b: Build) -> tuple[Build, Person, Person, Interview]:
    """Ana, introduced by Maria, interviewed on day 10 at 14:30 and marked held."""
    maria = b.person("Maria Lopez", b.company("Globex"), Degree.FIRST)
    ana = b.person("Ana Silva", b.company("Acme"), Degree.SECOND, introducer=maria)
    outreach = b.outreach(ana, (A.REQUEST, START), (A.REPLY_YES, day(2)))
    return b, maria, ana, b.interview(ana, at(10), questions=5, outreach=outreach, held=True)


def test_a_held_interview_asks_to_thank_the_interviewer_and_the_introducer_within_48_hours(held) -> None:
    b, maria, ana, interview = held
    deadline = datetime(2026, 3, 14, 14, 30)

    assert due_items(b.campaign, day(10), now=at(10, 15, 0)) == [
        DueItem(
            kind=K.THANK,
            person_id=ana.id,
            person="Ana Silva",
            company="Acme",
            due=day(12),
            status=Status.TODAY,
            template="thank_interviewer",
            key=f"thank:interview:{interview.id}",
            outreach_id=interview.outreach_id,
            interview_id=interview.id,
            deadline=deadline,
            detail="for the call on Thu 12 Mar, 14:30",
        ),
        DueItem(
            kind=K.THANK_INTRODUCER,
            person_id=maria.id,
            person="Maria Lopez",
            company="Globex",
            due=day(12),
            status=Status.TODAY,
            template="thank_introducer",
            key=f"thank_introducer:interview:{interview.id}",
            outreach_id=interview.outreach_id,
            interview_id=interview.id,
            deadline=deadline,
            detail="introduced Ana Silva",
        ),
    ]


def test_between_the_end_of_the_call_and_the_deadline_the_hour_changes_nothing(held) -> None:
    b, *_ = held

    assert due_items(b.campaign, day(11), now=at(11, 23, 59)) == due_items(b.campaign, day(11))


def test_a_thank_you_is_due_while_its_48_hours_run_and_late_after(held) -> None:
    b, *_ = held

    assert [item.status for item in due_items(b.campaign, day(11))] == [Status.TODAY, Status.TODAY]
    assert [item.status for item in due_items(b.campaign, day(12))] == [Status.TODAY, Status.TODAY]
    assert [item.status for item in due_items(b.campaign, day(13))] == [Status.OVERDUE, Status.OVERDUE]


def test_the_thank_you_deadline_follows_the_settings() -> None:
    b = Build(thank_you_hours=24)
    b.interview(b.person("Ana"), at(10), held=True)

    assert only(b.campaign, day(10)).deadline == datetime(2026, 3, 13, 14, 30)


def test_each_thank_you_goes_once_it_is_recorded(held) -> None:
    b, maria, ana, interview = held

    interview.thanked = day(11)
    assert [(item.kind, item.person) for item in due_items(b.campaign, day(11))] == [
        (K.THANK_INTRODUCER, "Maria Lopez"),
        (K.KEEP_POSTED, "Ana Silva"),  # thanking her starts keeping her posted
    ]

    interview.introducer_thanked = day(11)
    assert of_kind(b.campaign, K.THANK_INTRODUCER, day(11)) == []


def test_no_introducer_to_thank_when_there_is_none_or_it_was_deleted(b: Build) -> None:
    b.interview(b.person("Ana"), at(10), held=True)
    orphan = b.person("Bo", degree=Degree.SECOND)
    orphan.introducer_id = 99
    b.interview(orphan, at(10), held=True)

    assert [(item.kind, item.person) for item in due_items(b.campaign, day(10))] == [
        (K.THANK, "Ana"),
        (K.THANK, "Bo"),
    ]


def test_an_interview_not_yet_held_asks_for_no_thank_you(b: Build) -> None:
    maria = b.person("Maria")
    b.interview(b.person("Ana", introducer=maria), at(10), questions=5)

    assert [item.kind for item in due_items(b.campaign, day(10))] == [K.INTERVIEW]


# --- hours_left ------------------------------------------------------------------------------------


def test_hours_left_counts_to_the_deadline_and_goes_negative_after_it(held) -> None:
    b, *_ = held
    thank = of_kind(b.campaign, K.THANK, day(11))[0]

    assert hours_left(thank, at(11, 9, 0)) == 29.5
    assert hours_left(thank, at(12, 14, 30)) == 0.0
    assert hours_left(thank, at(13, 9, 0)) == -18.5


def test_hours_left_is_none_without_a_deadline(b: Build) -> None:
    b.outreach(b.person("Ana"))

    assert hours_left(only(b.campaign), at(0)) is None


# --- action items -------------------------------------------------------------------------------------


def test_each_open_action_item_of_a_held_interview_is_due(b: Build) -> None:
    ana = b.person("Ana Silva")
    interview = b.interview(
        ana,
        at(10),
        held=True,
        thanked=day(10),
        action_items=[
            ActionItem("Read the annual report"),
            ActionItem("Already done", done=True),
            ActionItem("Send my CV to Bo", due=day(15)),
        ],
    )

    actions = of_kind(b.campaign, K.ACTION, day(10))

    assert [(item.key, item.due, item.detail, item.template, item.interview_id) for item in actions] == [
        (f"action:interview:{interview.id}:0", day(12), "Read the annual report", "", interview.id),
        (f"action:interview:{interview.id}:2", day(15), "Send my CV to Bo", "", interview.id),
    ]


def test_action_items_wait_for_the_interview_to_be_held_and_follow_the_settings() -> None:
    b = Build(action_days=5)
    interview = b.interview(b.person("Ana"), at(10), questions=5, action_items=[ActionItem("Call Bo")])
    assert of_kind(b.campaign, K.ACTION, day(10)) == []

    interview.held = True

    assert [item.due for item in of_kind(b.campaign, K.ACTION, day(10))] == [day(15)]


# --- snoozing interview and person items ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "held", "today", "due"),
    [
        (K.PREPARE, False, START, day(8)),
        (K.INTERVIEW, False, day(11), day(10)),
        (K.THANK, True, day(10), day(12)),  # its deadline's day
        (K.ACTION, True, day(10), day(12)),
    ],
)
def test_an_interview_snooze_postpones_only_its_own_kind(
    b: Build, kind: DueKind, held: bool, today: date, due: date
) -> None:
    maria = b.person("Maria")
    ana = b.person("Ana", introducer=maria)
    interview = b.interview(ana, at(10), questions=2, held=held, action_items=[ActionItem("Call Bo")])
    unsnoozed = {item.kind: item.due for item in due_items(b.campaign, today)}
    assert unsnoozed[kind] == due

    interview.snoozed[kind.value] = day(13)
    assert {item.kind: item.due for item in due_items(b.campaign, today)} == unsnoozed | {kind: day(13)}

    interview.snoozed[kind.value] = day(1)  # a snooze never brings an item forward
    assert {item.kind: item.due for item in due_items(b.campaign, today)} == unsnoozed


# --- keeping connectors posted ------------------------------------------------------------------------


@pytest.mark.parametrize(("days_later", "status"), [(29, Status.UPCOMING), (30, Status.TODAY), (31, Status.OVERDUE)])
def test_a_thanked_interviewer_is_kept_posted_every_30_days(b: Build, days_later: int, status: Status) -> None:
    ana = b.person("Ana Silva", b.company("Acme"))
    b.interview(ana, at(10), held=True, thanked=day(11))

    assert only(b.campaign, day(11 + days_later)) == DueItem(
        kind=K.KEEP_POSTED,
        person_id=ana.id,
        person="Ana Silva",
        company="Acme",
        due=day(41),
        status=status,
        template="keep_posted",
        key=f"keep_posted:person:{ana.id}",
        detail="last in touch 2026-03-13",
    )


def test_a_thanked_introducer_is_kept_posted(held) -> None:
    b, maria, ana, interview = held
    interview.thanked = day(10)
    interview.introducer_thanked = day(12)

    assert brief(of_kind(b.campaign, K.KEEP_POSTED, day(10))) == [
        (K.KEEP_POSTED, "Ana Silva", day(40), Status.UPCOMING),
        (K.KEEP_POSTED, "Maria Lopez", day(42), Status.UPCOMING),
    ]


def test_one_keep_posted_item_per_person_from_their_latest_thank_you(held) -> None:
    b, maria, ana, interview = held
    interview.introducer_thanked = day(11)
    b.interview(maria, at(20), held=True, thanked=day(21))  # Maria was also interviewed herself
    bo = b.person("Bo", degree=Degree.SECOND, introducer=maria)
    b.interview(bo, at(15), held=True, introducer_thanked=day(16))  # recorded later, but an earlier date

    assert [(item.person, item.due) for item in of_kind(b.campaign, K.KEEP_POSTED, day(21))] == [
        ("Maria Lopez", day(51))
    ]


def test_an_update_restarts_the_keep_posted_clock_and_older_updates_do_not(b: Build) -> None:
    ana = b.person("Ana")
    b.interview(ana, at(10), held=True, thanked=day(11))
    ana.updates = [day(2)]
    assert only(b.campaign, day(11)).due == day(41)

    ana.updates.append(day(40))

    item = only(b.campaign, day(40))
    assert (item.due, item.detail) == (day(70), "last in touch 2026-04-11")


def test_keep_posted_stops_when_the_campaign_is_over() -> None:
    b = Build(campaign_active=False)
    ana = b.person("Ana", introducer=b.person("Maria"))
    b.interview(ana, at(10), held=True, thanked=day(11), introducer_thanked=day(11))

    assert due_items(b.campaign, day(60)) == []


def test_keep_posted_follows_the_settings_and_the_persons_snooze() -> None:
    b = Build(keep_posted_days=14)
    ana, bo = b.person("Ana"), b.person("Bo")
    b.interview(ana, at(10), held=True, thanked=day(10))
    b.interview(bo, at(10), held=True, thanked=day(10))
    bo.snoozed["keep_posted"] = day(30)

    dues = [(item.person, item.due) for item in due_items(b.campaign, day(24))]

    assert dues == [("Ana", day(24)), ("Bo", day(30))]


# --- the whole list, the agenda, the JSON -------------------------------------------------------------


def test_items_are_sorted_by_due_date_then_person(b: Build) -> None:
    b.outreach(b.person("zoe"), (A.REQUEST, day(-10)))  # follow-up due day -3
    b.outreach(b.person("Bea"))  # request today
    b.outreach(b.person("adam"))  # request today: names sort ignoring case
    b.interview(b.person("Carl"), at(3), questions=0)  # prepare day 1
    b.outreach(b.person("Ada"), (A.REQUEST, day(-6)))  # follow-up day 1

    assert [(item.person, item.due) for item in due_items(b.campaign, START)] == [
        ("zoe", day(-3)),
        ("adam", START),
        ("Bea", START),
        ("Ada", day(1)),
        ("Carl", day(1)),
    ]


def _item(person: str, due: date, status: Status) -> DueItem:
    return DueItem(K.REQUEST, 1, person, "", due, status, "request_cold", f"request:outreach:{person}")


def test_the_agenda_keeps_overdue_today_and_the_next_days_in_order() -> None:
    items = [
        _item("Eve", day(8), Status.UPCOMING),
        _item("Dan", day(7), Status.UPCOMING),
        _item("Cy", day(1), Status.UPCOMING),
        _item("Bo", START, Status.TODAY),
        _item("al", START, Status.TODAY),
        _item("Zed", day(-1), Status.OVERDUE),
        _item("Ann", day(-30), Status.OVERDUE),
    ]

    assert [item.person for item in agenda(items, START, 7)] == ["Ann", "Zed", "al", "Bo", "Cy", "Dan"]
    assert [item.person for item in agenda(items, START, 0)] == ["Ann", "Zed", "al", "Bo"]


def test_the_agenda_uses_the_configured_window_over_real_items() -> None:
    b = Build(agenda_days=3)
    b.outreach(b.person("Ana"), (A.REQUEST, day(-4)))  # follow-up day 3: inside
    b.outreach(b.person("Bo"), (A.REQUEST, day(-3)))  # follow-up day 4: outside

    items = due_items(b.campaign, START)

    assert [item.person for item in agenda(items, START, b.campaign.settings.agenda_days)] == ["Ana"]


def test_to_json_shape(b: Build) -> None:
    b.outreach(b.person("Ana Silva", b.company("Acme")), (A.REQUEST, START))

    assert only(b.campaign, day(9)).to_json() == {
        "kind": "follow_up",
        "person": "Ana Silva",
        "company": "Acme",
        "due": "2026-03-09",
        "status": "overdue",
        "template": "follow_up",
    }


def test_the_policy_is_pure_python() -> None:
    probe = "import sys, infoint_tui.domain.policy; print(sorted({'textual', 'tinydb'} & set(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)

    assert result.stdout.strip() == "[]"


# --- next target ---------------------------------------------------------------------------------------


@pytest.fixture
def company_people(b: Build) -> tuple[Build, Company, dict[str, Person]]:
    acme, other = b.company("Acme"), b.company("Globex")
    people = {
        "asked": b.person("Aaron Asked", acme, Degree.FIRST),
        "interviewed": b.person("Abe Met", acme, Degree.FIRST),
        "elsewhere": b.person("Abby Else", other, Degree.FIRST),
        "first": b.person("Zoe First", acme, Degree.FIRST),
        "second": b.person("Yan Second", acme, Degree.SECOND),
        "cold b": b.person("Bea Cold", acme, Degree.COLD),
        "cold a": b.person("al Cold", acme, Degree.COLD),
    }
    b.outreach(people["asked"], (A.REQUEST, START), route=Route.DIRECT)
    b.interview(people["interviewed"], at(-5), held=True)
    return b, acme, people


@pytest.mark.parametrize(
    ("removed", "expected"),
    [
        ([], "Zoe First"),
        (["first"], "Yan Second"),
        (["first", "second"], "al Cold"),
        (["first", "second", "cold a"], "Bea Cold"),
    ],
    ids=["1st degree first", "then 2nd", "then cold, by name ignoring case", "the last one left"],
)
def test_next_target_prefers_the_warmest_untouched_person(company_people, removed: list, expected: str) -> None:
    b, acme, people = company_people
    for name in removed:
        del b.campaign.people[people[name].id]

    target = next_target(b.campaign, acme.id, exclude_person_id=people["asked"].id)

    assert target is not None and target.name == expected


def test_next_target_skips_the_excluded_person(company_people) -> None:
    b, acme, people = company_people

    assert next_target(b.campaign, acme.id, exclude_person_id=people["first"].id).name == "Yan Second"


def test_next_target_is_none_when_nobody_is_left_or_there_is_no_company(b: Build) -> None:
    acme = b.company("Acme")
    ana = b.person("Ana", acme)
    b.outreach(ana, (A.REQUEST, START))
    b.person("Bo")  # no company

    assert next_target(b.campaign, acme.id, ana.id) is None
    assert next_target(b.campaign, None, ana.id) is None

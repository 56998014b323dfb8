"""Recording what happened: on another day than today, replies beyond yes and no, how a call
went, and a call's missing number (issue 13, "Recording what happened", all but undo)."""

from __future__ import annotations

import dataclasses
import io
import json
import shutil
from datetime import date, timedelta

import pytest
from rich.console import Console

from infoint_tui import clock
from infoint_tui.domain.models import (
    Attempt,
    AttemptKind,
    CallOutcome,
    Campaign,
    Degree,
    Objective,
    ObjectiveKind,
    Outreach,
    Person,
    Route,
)
from infoint_tui.domain.policy import DueKind, Status, due_items
from infoint_tui.store.repository import Repository
from infoint_tui.tui.screens.queue import QueueScreen
from infoint_tui.tui.screens.targets.detail import _outreach as outreach_log
from infoint_tui.tui.widgets.choice import ChoiceScreen
from infoint_tui.tui.widgets.confirm import ConfirmScreen
from infoint_tui.tui.widgets.day_question import DayScreen
from infoint_tui.tui.widgets.form import FormScreen
from infoint_tui.tui.widgets.message import MessageScreen
from infoint_tui.usecases.due_actions import day_problem, done_change, earliest_for
from infoint_tui.usecases.replies import months_ahead, record_referral, referral_draft
from tests.conftest import DATA, TODAY
from tests.outreach_support import (
    day,
    expect,
    fill,
    highlight,
    pasted,  # noqa: F401 - fixture
    show_queue,
    small_campaign,
    text_of,
    until,
)

pytestmark = pytest.mark.usefixtures("pasted")

A = AttemptKind
K = DueKind
YESTERDAY = TODAY - timedelta(days=1)


def asked(repo, sent: str = "2026-11-19", degree: Degree = Degree.COLD, *steps: tuple[AttemptKind, str]) -> dict:
    """The small campaign with Ana asked on `sent` (and `steps` after): the follow-up is due
    on 26 November, today."""
    ids = small_campaign(repo, degree=degree)
    outreach = repo.add(Outreach(ids["target"], ids["objective"], Route.COLD, created=day(sent)))

    def log(copy: Outreach) -> None:
        for kind, on in [(A.REQUEST, sent), *steps]:
            copy.log(kind, day(on))

    repo.edit(outreach, log)
    return ids | {"outreach": outreach.id}


def stored_attempts(repo, outreach_id: int) -> list[dict]:
    """The attempts as the data file holds them, read back from the disk."""
    repo.flush()
    return json.loads(repo.path.read_bytes())["outreach"][str(outreach_id)]["attempts"]


def stored(repo, table: str) -> dict[str, dict]:
    repo.flush()
    return json.loads(repo.path.read_bytes())[table]


async def on_queue(pilot, kind: DueKind, person: str = "Ana Silva") -> QueueScreen:
    screen = await show_queue(pilot)
    await highlight(pilot, screen, kind, person)
    return screen


# --- the day a thing happened ----------------------------------------------------------------


def test_a_day_ahead_of_the_clock_or_before_the_last_step_is_refused_with_the_reason() -> None:
    earliest = (day("2026-11-19"), "the request")
    assert day_problem(TODAY, TODAY, earliest) is None
    assert day_problem(day("2026-11-19"), TODAY, earliest) is None
    assert day_problem(day("2026-11-27"), TODAY, earliest) == (
        "Fri 27 Nov 2026 has not come yet: record what happened on the day it happened."
    )
    assert day_problem(day("2026-11-18"), TODAY, earliest) == (
        "That is before the request on Thu 19 Nov 2026: give that day or a later one."
    )
    assert day_problem(day("2020-01-01"), TODAY, None) is None  # a first request has no bound


def test_the_policy_counts_from_the_day_recorded_not_from_today() -> None:
    campaign = Campaign(people={1: Person("Ana Silva", id=1)})
    campaign.outreach[1] = Outreach(1, 1, Route.COLD, created=day("2026-11-20"), id=1)
    [request] = due_items(campaign, TODAY)
    campaign.outreach[1] = done_change(campaign, request, day("2026-11-20"))
    [follow_up] = due_items(campaign, TODAY)
    assert (follow_up.kind, follow_up.due) == (K.FOLLOW_UP, day("2026-11-27"))


async def test_sent_yesterday_is_recorded_yesterday_and_the_follow_up_counts_from_it(make_app, empty_repo) -> None:
    ids = asked(empty_repo)
    app = make_app(empty_repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await on_queue(pilot, K.FOLLOW_UP)
        await pilot.press("d")
        question = await expect(pilot, DayScreen)
        assert question.question == "Record that the follow-up to Ana Silva went out?"
        await pilot.press("e")
        await until(pilot, lambda: isinstance(app.screen, QueueScreen))
    assert stored_attempts(empty_repo, ids["outreach"])[-1] == {
        "kind": "follow_up",
        "on": "2026-11-25",
        "note": "",
        "until": None,
        "outcome": None,
        "message_id": None,
        "sender": "",
        "subject": "",
    }
    [call] = [item for item in due_items(empty_repo.campaign, TODAY) if item.person == "Ana Silva"]
    assert (call.kind, call.due) == (K.CALL, day("2026-12-02"))  # 7 days after yesterday


async def test_a_typed_day_is_checked_before_it_is_taken(make_app, empty_repo) -> None:
    ids = asked(empty_repo)
    app = make_app(empty_repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await on_queue(pilot, K.FOLLOW_UP)
        await pilot.press("d")
        dialog = await expect(pilot, DayScreen)
        problem = dialog.query_one("#day-problem")
        await pilot.press("a", *"last week", "enter")
        assert text_of(problem) == "Write a day as YYYY-MM-DD, like 2026-11-26."
        await pilot.press("ctrl+u", *"2026-02-30", "enter")
        assert text_of(problem) == "That day does not exist; check the month and the day."
        await pilot.press("ctrl+u", *"2026-12-24", "enter")
        assert text_of(problem) == "Thu 24 Dec 2026 has not come yet: record what happened on the day it happened."
        await pilot.press("ctrl+u", *"2026-11-18", "enter")
        assert text_of(problem) == "That is before the request on Thu 19 Nov 2026: give that day or a later one."
        assert app.screen is dialog
        assert [a["kind"] for a in stored_attempts(empty_repo, ids["outreach"])] == ["request"]  # nothing yet
        await pilot.press("ctrl+u", *"2026-11-23", "enter")
        await until(pilot, lambda: isinstance(app.screen, QueueScreen))
    assert [(a["kind"], a["on"]) for a in stored_attempts(empty_repo, ids["outreach"])] == [
        ("request", "2026-11-19"),
        ("follow_up", "2026-11-23"),
    ]


async def test_yesterday_is_refused_when_the_request_went_out_today(make_app, empty_repo) -> None:
    ids = asked(empty_repo, "2026-11-26")
    clock.fix("2026-12-03")
    app = make_app(empty_repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await on_queue(pilot, K.FOLLOW_UP)
        await pilot.press("r", "y")
        dialog = await expect(pilot, DayScreen)
        await pilot.press("a", *"2026-11-25", "enter")
        assert "before the request on Thu 26 Nov 2026" in text_of(dialog.query_one("#day-problem"))
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, QueueScreen))
    assert [a["kind"] for a in stored_attempts(empty_repo, ids["outreach"])] == ["request"]


# --- replies -----------------------------------------------------------------------------------


async def test_a_yes_that_came_yesterday_makes_booking_due_yesterday(make_app, empty_repo) -> None:
    ids = asked(empty_repo)
    app = make_app(empty_repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await on_queue(pilot, K.FOLLOW_UP)
        await pilot.press("r", "y")
        question = await expect(pilot, DayScreen)
        assert (question.question, question.detail) == ("Record that Ana Silva said yes?", "When did the reply come?")
        await pilot.press("e")
        await expect(pilot, FormScreen)
        await pilot.press("escape")
        screen = await show_queue(pilot)
        book = next(item for item in screen.items if item.person == "Ana Silva")
        assert (book.kind, book.due, book.status) == (K.BOOK, YESTERDAY, Status.OVERDUE)
    last = stored_attempts(empty_repo, ids["outreach"])[-1]
    assert (last["kind"], last["on"]) == ("reply_yes", "2026-11-25")


def test_months_ahead_start_with_the_next_month_and_cross_the_year() -> None:
    assert months_ahead(TODAY, 3) == [day("2026-12-01"), day("2027-01-01"), day("2027-02-01")]


def test_not_now_waits_until_the_month_then_the_attempts_start_again() -> None:
    campaign = Campaign(people={1: Person("Ana Silva", id=1)})
    outreach = Outreach(1, 1, Route.COLD, created=day("2026-11-02"), id=1)
    for kind, on in [(A.REQUEST, "2026-11-02"), (A.FOLLOW_UP, "2026-11-09")]:
        outreach.log(kind, day(on))
    outreach.log(A.REPLY_LATER, day("2026-11-12"), until=day("2027-02-01"))
    campaign.outreach[1] = outreach
    [item] = due_items(campaign, TODAY)
    assert (item.kind, item.due, item.status) == (K.FOLLOW_UP, day("2027-02-01"), Status.UPCOMING)
    assert item.detail == "asked to hear again in February"
    assert outreach.stage == "not now"
    assert due_items(campaign, day("2027-02-01"))[0].status == Status.TODAY
    outreach.log(A.FOLLOW_UP, day("2027-02-01"))
    [second] = due_items(campaign, day("2027-02-01"))
    # Asking again is the first attempt of a new round: a follow-up, not yet the call.
    assert (second.kind, second.due, second.detail) == (K.FOLLOW_UP, day("2027-02-08"), "attempt 2 of 3")


async def test_not_now_ask_me_in_march_snoozes_the_outreach_until_march(make_app, empty_repo, notices) -> None:
    ids = asked(empty_repo)
    app = make_app(empty_repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await on_queue(pilot, K.FOLLOW_UP)
        await pilot.press("r", "l")
        months = await expect(pilot, ChoiceScreen)
        assert [choice.label for choice in months.choices][:4] == [
            "December 2026",
            "January 2027",
            "February 2027",
            "March 2027",
        ]
        await pilot.press("4")
        question = await expect(pilot, DayScreen)
        assert question.question == "Record that Ana Silva asked you to ask again in March 2027?"
        await pilot.press("y")
        await until(pilot, lambda: any("comes back to the queue on Mon 1 March 2027" in n.message for n in notices))
        screen = await show_queue(pilot)
        assert "Ana Silva" not in [item.person for item in screen.items]  # no follow-ups meanwhile
        screen = await show_queue(pilot, "2027-03-01")
        back = next(item for item in screen.items if item.person == "Ana Silva")
        assert (back.kind, back.status) == (K.FOLLOW_UP, Status.TODAY)
    assert stored_attempts(empty_repo, ids["outreach"])[-1] == {
        "kind": "reply_later",
        "on": "2026-11-26",
        "note": "",
        "until": "2027-03-01",
        "outcome": None,
        "message_id": None,
        "sender": "",
        "subject": "",
    }


def test_a_referral_is_a_second_degree_target_through_the_replier(empty_repo) -> None:
    ids = asked(empty_repo)
    outreach = empty_repo.campaign.outreach[ids["outreach"]]
    ana = empty_repo.campaign.people[ids["target"]]
    draft = referral_draft(ana)
    assert (draft.degree, draft.introducer_id, draft.company_id) == (Degree.SECOND, ana.id, ana.company_id)
    draft.name = "Chen Wei"
    chen = record_referral(empty_repo, outreach, draft, None, TODAY)
    assert empty_repo.campaign.people[ids["target"]].degree == Degree.FIRST  # Ana knows us now
    closed = empty_repo.campaign.outreach[ids["outreach"]]
    assert (closed.attempts[-1].kind, closed.attempts[-1].note, closed.stage, closed.is_open) == (
        A.REFERRED,
        "Chen Wei",
        "referred",
        False,
    )
    assert stored(empty_repo, "people")[str(chen.id)]["source"] == "referred by Ana Silva"


async def test_referred_me_to_someone_adds_them_and_offers_the_request(make_app, empty_repo) -> None:
    ids = asked(empty_repo)
    app = make_app(empty_repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await on_queue(pilot, K.FOLLOW_UP)
        await pilot.press("r", "f")
        await expect(pilot, DayScreen)
        await pilot.press("e")
        form = await expect(pilot, FormScreen)
        assert form.form_title == "Someone Ana referred you to"
        assert form.form.values()["company"] == "Acme Health"  # the replier's, until changed
        assert form.form.values()["introducer"] == "Ana Silva · Acme Health"
        await fill(pilot, {"name": "Chen Wei", "company": "Initech", "email": "chen@example.com"})
        await pilot.press("ctrl+s")
        offer = await expect(pilot, ConfirmScreen)
        assert offer.question == "Request an interview with Chen Wei now?"
        await pilot.press("y")
        route = await expect(pilot, ChoiceScreen)  # through Ana, or naming her
        assert route.question == "How to reach Chen Wei"
        await pilot.press("m")
        preview = await expect(pilot, MessageScreen)
        assert "Ana" in preview.body and "digital healthcare" in preview.body
    people = stored(empty_repo, "people")
    chen_id, chen = next((key, p) for key, p in people.items() if p["name"] == "Chen Wei")
    assert (chen["degree"], chen["introducer_id"], chen["email"]) == ("2nd", ids["target"], "chen@example.com")
    companies = stored(empty_repo, "companies")
    assert companies[str(chen["company_id"])]["name"] == "Initech"
    assert people[str(ids["target"])]["degree"] == "1st"
    assert stored_attempts(empty_repo, ids["outreach"])[-1] == {
        "kind": "referred",
        "on": "2026-11-25",
        "note": "Chen Wei",
        "until": None,
        "outcome": None,
        "message_id": None,
        "sender": "",
        "subject": "",
    }
    new = [o for o in stored(empty_repo, "outreach").values() if o["person_id"] == int(chen_id)]
    assert [(o["objective_id"], o["route"]) for o in new] == [(ids["objective"], "mention")]


async def test_no_asks_first_then_offers_a_courteous_close_and_the_next_person(make_app, empty_repo) -> None:
    ids = asked(empty_repo)
    app = make_app(empty_repo)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await on_queue(pilot, K.FOLLOW_UP)
        await pilot.press("r", "n")
        question = await expect(pilot, DayScreen)
        assert question.question == "Record that Ana Silva declined?"
        await pilot.press("n")  # asked first: a slip of the finger records nothing
        await until(pilot, lambda: isinstance(app.screen, QueueScreen))
        assert stored_attempts(empty_repo, ids["outreach"])[-1]["kind"] == "request"
        await highlight(pilot, screen, K.FOLLOW_UP, "Ana Silva")
        await pilot.press("r", "n")
        await expect(pilot, DayScreen)
        await pilot.press("y")
        offer = await expect(pilot, ConfirmScreen)
        assert offer.question == "Send Ana Silva a short closing note?"
        await pilot.press("y")
        note = await expect(pilot, MessageScreen)
        assert note.subject == "Thank you for letting me know"
        assert note.body.startswith("Hi Ana,") and "no hard feelings" in note.body
        assert "Acme Health" in note.body and note.body.rstrip().endswith("Alex Morgan")
        await pilot.press("ctrl+y", "escape")
        following = await expect(pilot, ConfirmScreen)
        assert following.question == "Next at Acme Health: Ben Okafor?"
        await pilot.press("n")
    assert stored_attempts(empty_repo, ids["outreach"])[-1]["kind"] == "reply_no"
    assert not empty_repo.campaign.outreach[ids["outreach"]].is_open


# --- calls -------------------------------------------------------------------------------------


def called(repo) -> dict:
    return asked(repo, "2026-11-12", Degree.COLD, (A.FOLLOW_UP, "2026-11-19"))


@pytest.mark.parametrize(("key", "outcome"), [("v", CallOutcome.VOICEMAIL), ("a", CallOutcome.NO_ANSWER)])
async def test_a_call_records_how_it_went(make_app, empty_repo, key, outcome) -> None:
    ids = called(empty_repo)
    app = make_app(empty_repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await on_queue(pilot, K.CALL)
        await pilot.press("d")
        how = await expect(pilot, ChoiceScreen)
        assert [c.label for c in how.choices] == [
            "I left a voicemail",
            "I spoke to them: record their answer next",
            "No answer, and no voicemail left",
        ]
        await pilot.press(key)
        await expect(pilot, DayScreen)
        await pilot.press("y")
        screen = await show_queue(pilot, "2026-12-03")
        # The call was the last attempt: a week on, assume no.
        assert [i.kind for i in screen.items if i.person == "Ana Silva"] == [K.ASSUMED_NO]
    assert stored_attempts(empty_repo, ids["outreach"])[-1] == {
        "kind": "call",
        "on": "2026-11-26",
        "note": "",
        "until": None,
        "outcome": outcome.value,
        "message_id": None,
        "sender": "",
        "subject": "",
    }


async def test_spoke_to_them_leads_to_their_answer_on_the_day_of_the_call(make_app, empty_repo) -> None:
    ids = called(empty_repo)
    app = make_app(empty_repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await on_queue(pilot, K.CALL)
        await pilot.press("d", "s")
        await expect(pilot, DayScreen)
        await pilot.press("e")
        answer = await expect(pilot, ChoiceScreen)
        assert answer.question == "What happened with Ana Silva?"
        await pilot.press("y")
        confirm = await expect(pilot, ConfirmScreen)  # the day is the call's: only a yes or no
        assert confirm.question == "Record that Ana Silva said yes?"
        await pilot.press("y")
        await expect(pilot, FormScreen)
        await pilot.press("escape")
    assert [(a["kind"], a["on"], a["outcome"]) for a in stored_attempts(empty_repo, ids["outreach"])[-2:]] == [
        ("call", "2026-11-25", "spoke"),
        ("reply_yes", "2026-11-25", None),
    ]


async def test_o_on_a_call_without_a_number_opens_the_phone_field_and_returns_ready(
    make_app, empty_repo, notices
) -> None:
    ids = called(empty_repo)
    ana = empty_repo.campaign.people[ids["target"]]
    empty_repo.save(dataclasses.replace(ana, phone=""))
    app = make_app(empty_repo)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await on_queue(pilot, K.CALL)
        assert "(no number on file: o to add one)" in text_of(screen.query_one("#queue-card"))
        await pilot.press("o")
        form = await expect(pilot, FormScreen)
        await until(pilot, lambda: app.focused is form.form.row("phone").control, "the phone field focused")
        await pilot.press(*"+44 20 7000 0099", "ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, QueueScreen))
        assert app.current_mode == "queue"
        assert screen.selected() is not None and screen.selected().kind == K.CALL
        assert "Call +44 20 7000 0099" in text_of(screen.query_one("#queue-card"))
        assert any("The call is ready: Ana Silva, +44 20 7000 0099" in n.message for n in notices)
    assert stored(empty_repo, "people")[str(ids["target"])]["phone"] == "+44 20 7000 0099"


async def test_o_on_a_call_with_a_number_still_opens_the_targets_screen(make_app, empty_repo) -> None:
    called(empty_repo)
    app = make_app(empty_repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await on_queue(pilot, K.CALL)
        await pilot.press("o")
        await until(pilot, lambda: app.current_mode == "targets", "the Targets screen")


# --- old data files ----------------------------------------------------------------------------


def test_attempts_stored_before_call_outcomes_read_as_calls_without_one() -> None:
    attempt = Attempt.from_doc({"kind": "call", "on": "2026-11-16", "note": "", "until": None})
    assert (attempt.kind, attempt.outcome) == (A.CALL, None)


def test_a_data_file_from_before_these_fields_opens_and_keeps_its_steps(tmp_path) -> None:
    path = tmp_path / "old.json"
    shutil.copy(DATA / "infoint-before-call-outcomes.json", path)
    repo = Repository.open(path)
    try:
        ana, ben = repo.campaign.outreach[1], repo.campaign.outreach[2]
        assert [(a.kind, a.outcome) for a in ana.attempts][-1] == (A.CALL, None)
        assert earliest_for(ana) == (day("2026-11-16"), "the call")
        assert earliest_for(ben) == (day("2026-11-20"), "the request")  # a snooze is no step
        items = {item.person: item for item in due_items(repo.campaign, TODAY)}
        assert (items["Ana Silva"].kind, items["Ana Silva"].due) == (K.ASSUMED_NO, day("2026-11-23"))
        assert (items["Ben Okafor"].kind, items["Ben Okafor"].due) == (K.FOLLOW_UP, day("2026-11-30"))
        repo.edit(ana, lambda copy: copy.log(A.CLOSED, TODAY, "assumed no"))
        repo.flush()
    finally:
        repo.close()
    saved = json.loads(path.read_bytes())["outreach"]["1"]["attempts"]
    assert saved[2] == {
        "kind": "call",
        "on": "2026-11-16",
        "note": "",
        "until": None,
        "outcome": None,
        "message_id": None,
        "sender": "",
        "subject": "",
    }
    assert saved[-1]["kind"] == "closed"


def test_the_reply_kinds_are_read_back_from_a_file(tmp_path) -> None:
    path = tmp_path / "new.json"
    repo = Repository.open(path)
    try:
        person = repo.add(Person("Ana Silva"))
        objective = repo.add(Objective(ObjectiveKind.ROLE, "research leadership"))
        outreach = repo.add(Outreach(person.id, objective.id, Route.COLD, created=TODAY))
        repo.edit(outreach, lambda copy: copy.log(A.REPLY_LATER, TODAY, until=date(2027, 3, 1)))
        repo.flush()
    finally:
        repo.close()
    again = Repository.open(path, read_only=True)
    try:
        [attempt] = again.campaign.outreach[outreach.id].attempts
        assert (attempt.kind, attempt.until) == (A.REPLY_LATER, date(2027, 3, 1))
    finally:
        again.close()


def test_the_persons_log_says_how_calls_went_and_what_they_replied() -> None:
    campaign = Campaign(people={1: Person("Ana Silva", id=1)})
    outreach = Outreach(1, 1, Route.COLD, created=day("2026-11-02"), id=1)
    outreach.log(A.CALL, day("2026-11-16"), outcome=CallOutcome.NO_ANSWER)
    outreach.log(A.CALL, day("2026-11-17"))  # stored before outcomes were kept
    outreach.log(A.REPLY_LATER, day("2026-11-18"), until=day("2027-03-01"))
    outreach.log(A.REFERRED, day("2026-11-19"), "Chen Wei")
    console = Console(width=100, file=io.StringIO(), record=True)
    console.print(outreach_log(campaign, outreach))
    lines = [" ".join(line.split()) for line in console.export_text().splitlines()]
    assert lines[1:] == [
        "16 Nov 2026 phone call (no answer)",
        "17 Nov 2026 phone call",
        "18 Nov 2026 said not now (ask again in March 2027)",
        "19 Nov 2026 referred you to someone else (Chen Wei)",
    ]

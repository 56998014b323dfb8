"""The queue on the demo campaign (26 November 2026): what it lists, and every key on it."""

from __future__ import annotations

import io
import json
from contextlib import asynccontextmanager, redirect_stdout
from datetime import timedelta

import pytest
from icalendar import Calendar

from infoint_tui import cli, clock
from infoint_tui.domain.models import AttemptKind, Degree, Interview, Outreach, Route
from infoint_tui.domain.policy import DueKind, Status
from infoint_tui.tui.screens.interviews import InterviewsScreen
from infoint_tui.tui.screens.queue import QueueScreen
from infoint_tui.tui.screens.targets.screen import TargetsScreen
from infoint_tui.tui.widgets.choice import ChoiceScreen
from infoint_tui.tui.widgets.confirm import ConfirmScreen
from infoint_tui.tui.widgets.day_question import DayScreen
from infoint_tui.tui.widgets.form import FormScreen
from infoint_tui.tui.widgets.message import MessageScreen
from tests.conftest import TODAY
from tests.outreach_support import (
    expect,
    fill,
    headings,
    highlight,
    listed,
    pasted,  # noqa: F401 - fixture
    show_queue,
    text_of,
    until,
)

pytestmark = pytest.mark.usefixtures("pasted")

K = DueKind
A = AttemptKind


@pytest.fixture
def queue(make_app):
    """Open the app on the queue at 80x24: `async with queue(K.CALL, "Tomás Tanaka") as (app,
    pilot, screen)` starts with that item highlighted; with no item, on the list as it comes;
    `repository=` opens another campaign than the demo."""

    @asynccontextmanager
    async def open_on(kind: DueKind | None = None, person: str | None = None, *, repository=None):
        app = make_app(repository)
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await show_queue(pilot)
            if kind is not None:
                await highlight(pilot, screen, kind, person)
            yield app, pilot, screen

    return open_on


def person_named(repo, name: str):
    return next(p for p in repo.campaign.people.values() if p.name == name)


def interview_of(repo, name: str) -> Interview:
    person = person_named(repo, name)
    return next(i for i in repo.campaign.interviews.values() if i.person_id == person.id)


def outreach_of(repo, name: str) -> Outreach:
    person = person_named(repo, name)
    return max((o for o in repo.campaign.outreach.values() if o.person_id == person.id), key=lambda o: o.id)


async def answer_yes(pilot) -> None:
    await expect(pilot, ConfirmScreen)
    await pilot.press("y")
    await pilot.pause()


async def answer_today(pilot) -> None:
    """Record it as done today (y in the dialog that asks which day)."""
    await expect(pilot, DayScreen)
    await pilot.press("y")
    await pilot.pause()


def footer_keys(screen: QueueScreen) -> set[str]:
    return {key for key, binding in screen.active_bindings.items() if binding.enabled and binding.binding.show}


# --- what it lists ----------------------------------------------------------------------


async def test_the_queue_and_infoint_today_agree(queue, repo) -> None:
    out = io.StringIO()
    with redirect_stdout(out):
        assert cli.main(["today", "--json", "--db", str(repo.path), "--today", TODAY.isoformat()]) == 0
    clock.fix(None)
    document = json.loads(out.getvalue())
    async with queue() as (app, pilot, screen):
        shown = [item.to_json() for item in listed(screen)]
        counts = [(status, sum(1 for i in document["items"] if i["status"] == status)) for status in Status]
        assert headings(screen) == [f"{status.capitalize()} ({n})" for status, n in counts if n]
    assert document["date"] == "2026-11-26"
    assert shown == [{key: item[key] for key in shown[0]} for item in document["items"]]  # the JSON adds more
    assert len(shown) == 25


async def test_each_row_shows_kind_person_company_due_day_and_time_left(queue) -> None:
    async with queue() as (app, pilot, screen):
        rows = {str(option.prompt) for option in screen.query_one("#queue-items").options if option.id}
        assert "thank-you     Mei Sato             Pied Piper      Fri 27 Nov  26 h left" in rows  # its deadline
        assert "follow up     Sofia García         Tyrell          Thu 26 Nov  today" in rows
        assert "keep posted   Olu Nakamura         Umbrella Health Sun 22 Nov  4 days late" in rows


async def test_an_empty_queue_says_what_to_do(queue, empty_repo) -> None:
    async with queue(repository=empty_repo) as (app, pilot, screen):
        assert listed(screen) == []
        assert "Nothing is due" in text_of(screen.query_one("#queue-card"))
        assert footer_keys(screen) & {"c", "d", "s", "r", "o"} == set()


async def test_the_keys_offered_fit_the_highlighted_item(queue) -> None:
    async with queue(K.FOLLOW_UP, "Sofia García") as (app, pilot, screen):
        assert {"c", "d", "s", "r", "o"} <= footer_keys(screen) and "n" not in footer_keys(screen)
        await highlight(pilot, screen, K.ASSUMED_NO, "Farah Rossi")
        assert "c" not in footer_keys(screen) and "r" in footer_keys(screen)
        await highlight(pilot, screen, K.THANK, "Mei Sato")
        assert {"c", "d", "n"} <= footer_keys(screen) and "r" not in footer_keys(screen)
        assert "d records the thank-you e-mail" in text_of(screen.query_one("#queue-card"))


async def test_the_palette_lists_the_queue_actions(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)):
        titles = {command.title for command in app.get_system_commands(app.screen)}
    assert {"Copy the text for this item", "Mark this item done", "Snooze this item", "Record a reply"} <= titles


# --- c: the text to copy ---------------------------------------------------------------


async def test_c_copies_the_follow_up_and_records_it_once_sent(queue, repo) -> None:
    async with queue(K.FOLLOW_UP, "Sofia García") as (app, pilot, screen):
        await pilot.press("c")
        preview = await expect(pilot, MessageScreen)
        assert preview.subject == "Following up: 20 minutes to learn about your work"
        await pilot.press("ctrl+y")
        assert app.clipboard.startswith("Hi Sofia,")
        await pilot.press("escape")
        await answer_today(pilot)
        assert K.FOLLOW_UP not in [i.kind for i in listed(screen) if i.person == "Sofia García"]
    assert outreach_of(repo, "Sofia García").attempts[-1].kind == A.FOLLOW_UP
    assert outreach_of(repo, "Sofia García").attempts[-1].on == TODAY


async def test_c_on_a_call_shows_the_voicemail_script(queue) -> None:
    async with queue(K.CALL, "Tomás Tanaka") as (app, pilot, screen):
        await pilot.press("c")
        preview = await expect(pilot, MessageScreen)
        assert preview.body.count("plus four four, two zero, seven nine four six, zero nine five eight") == 2
        assert not preview.has_subject


async def test_not_sent_yet_records_nothing(queue, repo) -> None:
    before = list(outreach_of(repo, "Sofia García").attempts)
    async with queue(K.FOLLOW_UP, "Sofia García") as (app, pilot, screen):
        await pilot.press("c")
        await expect(pilot, MessageScreen)
        await pilot.press("ctrl+y", "escape")
        await expect(pilot, DayScreen)
        await pilot.press("n")
        await pilot.pause()
    assert outreach_of(repo, "Sofia García").attempts == before


# --- d: done ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "name", "attempt"),
    [
        (K.REQUEST, "Ravi Dubois", A.REQUEST),
        (K.CALL, "Tomás Tanaka", A.CALL),
        (K.FOLLOW_UP, "Hana Müller", A.FOLLOW_UP),
    ],
)
async def test_d_records_the_attempt_of_an_outreach_step(queue, repo, kind, name, attempt) -> None:
    async with queue(kind, name) as (app, pilot, screen):
        await pilot.press("d")
        if kind == K.CALL:  # a call says how it went first (tests/test_recording.py)
            await expect(pilot, ChoiceScreen)
            await pilot.press("v")
        question = await expect(pilot, DayScreen)
        assert name in question.question
        await answer_today(pilot)
    last = outreach_of(repo, name).attempts[-1]
    assert (last.kind, last.on) == (attempt, TODAY)


async def test_d_records_asking_and_nudging_the_mutual_contact(queue, repo) -> None:
    target = next(
        p
        for p in repo.campaign.people.values()
        if p.degree == Degree.SECOND
        and p.introducer_id
        and not any(o.person_id == p.id for o in repo.campaign.outreach.values())
    )
    outreach = repo.add(Outreach(target.id, 1, Route.INTRO, created=TODAY))
    async with queue(K.ASK_INTRO, target.name) as (app, pilot, screen):
        await pilot.press("d")
        await answer_today(pilot)
        assert repo.campaign.outreach[outreach.id].attempts[-1].kind == A.INTRO_ASKED
        screen = await show_queue(pilot, (TODAY + timedelta(days=7)).isoformat())
        await highlight(pilot, screen, K.NUDGE_INTRO, target.name)
        await pilot.press("d")
        await answer_today(pilot)
    assert [(a.kind, a.on) for a in repo.campaign.outreach[outreach.id].attempts] == [
        (A.INTRO_ASKED, TODAY),
        (A.INTRO_ASKED, TODAY + timedelta(days=7)),
    ]


async def test_d_on_a_thank_you_records_it_then_offers_the_handwritten_card(queue, repo) -> None:
    interview = interview_of(repo, "Mei Sato")
    async with queue(K.THANK, "Mei Sato") as (app, pilot, screen):
        await pilot.press("d")
        await answer_today(pilot)
        offer = await expect(pilot, ConfirmScreen)
        assert offer.detail == "Mail to: no postal address on file yet (add one on the Targets screen)"
        await pilot.press("y")
        card = await expect(pilot, MessageScreen)
        assert card.message.title == "Handwritten card for Mei Sato"
        assert card.body.startswith("Dear Mei,")
        await pilot.press("ctrl+y", "escape")
        await answer_yes(pilot)
    thanked = repo.campaign.interviews[interview.id]
    assert (thanked.thanked, thanked.note_mailed) == (TODAY, TODAY)


async def test_n_writes_the_card_before_the_e_mail_is_recorded(queue, repo) -> None:
    interview = interview_of(repo, "Mei Sato")
    async with queue(K.THANK, "Mei Sato") as (app, pilot, screen):
        await pilot.press("n")
        card = await expect(pilot, MessageScreen)
        assert "Mail to Mei Sato" in text_of(card.query_one("#message-detail"))
        await pilot.press("ctrl+y", "escape")
        await answer_yes(pilot)
        assert next(i.kind for i in listed(screen) if i.person == "Mei Sato") == K.THANK
    assert repo.campaign.interviews[interview.id].note_mailed == TODAY
    assert repo.campaign.interviews[interview.id].thanked is None


async def test_d_on_an_action_item_and_a_keep_posted(queue, repo) -> None:
    interview = interview_of(repo, "Mei Sato")
    async with queue(K.ACTION, "Mei Sato") as (app, pilot, screen):
        await pilot.press("d")
        await answer_yes(pilot)
        await highlight(pilot, screen, K.KEEP_POSTED, "Olu Nakamura")
        await pilot.press("d")
        await answer_today(pilot)
    assert repo.campaign.interviews[interview.id].action_items[0].done
    assert person_named(repo, "Olu Nakamura").updates == [TODAY]


async def test_d_on_a_yes_books_a_time(queue, repo, tmp_path) -> None:
    outreach = outreach_of(repo, "Lucía Mensah")
    async with queue(K.BOOK, "Lucía Mensah") as (app, pilot, screen):
        await pilot.press("d")
        form = await expect(pilot, FormScreen)
        assert form.form_title == "Book a time with Lucía Mensah"
        await fill(pilot, {"day": "2026-12-02", "time": "25:00"})
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert form.form.row("time").problem == "Write a time as HH:MM, like 14:30."
        await fill(pilot, {"time": "09:15", "where": "Globex, 2 Canal St"})
        await pilot.press("ctrl+s")
        await until(pilot, lambda: not isinstance(app.screen, FormScreen))
        assert K.BOOK not in [i.kind for i in listed(screen) if i.person == "Lucía Mensah"]
    booked = [i for i in repo.campaign.interviews.values() if i.outreach_id == outreach.id]
    assert [(i.when.isoformat(), i.where, i.objective_id) for i in booked] == [
        ("2026-12-02T09:15:00", "Globex, 2 Canal St", outreach.objective_id)
    ]
    # ... and `infoint export ics` puts it in the calendar.
    repo.flush()
    calendar = tmp_path / "interviews.ics"
    assert cli.main(["export", "ics", "--db", str(repo.path), "--out", str(calendar)]) == 0
    events = {str(e["location"]): e for e in Calendar.from_ical(calendar.read_bytes()).walk("VEVENT")}
    start = events["Globex, 2 Canal St"].decoded("dtstart")  # in the system's time zone
    assert start.replace(tzinfo=None).isoformat() == "2026-12-02T09:15:00" and start.tzinfo is not None
    assert "Lucía Mensah" in str(events["Globex, 2 Canal St"]["summary"])


async def test_d_on_prepare_and_on_an_interview_open_their_own_dialogs(queue) -> None:
    from infoint_tui.tui.screens.interviews import PrepareScreen

    async with queue(K.INTERVIEW, "Dmitri Ruiz") as (app, pilot, screen):
        await pilot.press("d")
        form = await expect(pilot, FormScreen)
        assert form.form_title == "End the interview with Dmitri Ruiz"
        await pilot.press("escape")
        await highlight(pilot, screen, K.PREPARE, "Amara Dubois")
        await pilot.press("d")
        await expect(pilot, PrepareScreen)
        assert app.current_mode == "interviews"
        assert isinstance(app.screen_stack[-2], InterviewsScreen)


async def test_d_on_assumed_no_closes_it_and_offers_the_next_person(queue, repo) -> None:
    bjorn = person_named(repo, "Björn O'Brien")
    async with queue(K.ASSUMED_NO, "Björn O'Brien") as (app, pilot, screen):
        assert "Next at Globex: Aiko Núñez (1st degree)" in text_of(screen.query_one("#queue-card"))
        await pilot.press("d")
        await answer_today(pilot)
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen) and "Next at" in app.screen.question)
        assert app.screen.question == "Next at Globex: Aiko Núñez?"
        await pilot.press("y")
        preview = await expect(pilot, MessageScreen)  # same objective: nothing to choose
        assert "the day-to-day work of a UX researcher" in preview.body
        await pilot.press("ctrl+y", "escape")
        await answer_today(pilot)
    closed = [o for o in repo.campaign.outreach.values() if o.person_id == bjorn.id][-1]
    assert (closed.attempts[-1].kind, closed.attempts[-1].note) == (A.CLOSED, "assumed no")
    asked = outreach_of(repo, "Aiko Núñez")  # 1st degree, found on LinkedIn
    assert (asked.objective_id, asked.route, [a.kind for a in asked.attempts]) == (
        closed.objective_id,
        Route.CONNECTION,
        [A.REQUEST],
    )


async def test_assumed_no_with_nobody_left_at_the_company_says_so(queue, repo, notices) -> None:
    async with queue(K.ASSUMED_NO, "Farah Rossi") as (app, pilot, screen):
        await pilot.press("d")
        await answer_today(pilot)
        await until(pilot, lambda: any("Nobody else at Wayne Enterprises" in n.message for n in notices))
    assert not outreach_of(repo, "Farah Rossi").is_open


# --- s: snooze ------------------------------------------------------------------------------


@pytest.mark.parametrize(("key", "days"), [("1", 1), ("3", 3), ("w", 7)])
async def test_s_snoozes_an_outreach_step_in_its_log(queue, repo, key, days) -> None:
    async with queue(K.REQUEST, "Mateo Haddad") as (app, pilot, screen):
        await pilot.press("s")
        await expect(pilot, ChoiceScreen)
        await pilot.press(key)
        await pilot.pause()
        item = next(i for i in listed(screen) if i.person == "Mateo Haddad")
        assert (item.status, item.due) == (Status.UPCOMING, TODAY + timedelta(days=days))
    last = outreach_of(repo, "Mateo Haddad").attempts[-1]
    assert (last.kind, last.on, last.until) == (A.SNOOZED, TODAY, TODAY + timedelta(days=days))


async def test_s_snoozes_interview_and_person_items_in_their_own_records(queue, repo) -> None:
    interview = interview_of(repo, "Mei Sato")
    async with queue() as (app, pilot, screen):
        for kind, name in [(K.THANK, "Mei Sato"), (K.KEEP_POSTED, "Olu Nakamura"), (K.ACTION, "Mei Sato")]:
            await highlight(pilot, screen, kind, name)
            await pilot.press("s")
            await expect(pilot, ChoiceScreen)
            await pilot.press("w")
            await until(pilot, lambda: isinstance(app.screen, QueueScreen))
    week = TODAY + timedelta(days=7)
    assert repo.campaign.interviews[interview.id].snoozed == {"thank": week}
    assert repo.campaign.interviews[interview.id].action_items[0].due == week
    assert person_named(repo, "Olu Nakamura").snoozed == {"keep_posted": week}


async def test_escape_leaves_the_snooze_undone(queue, repo) -> None:
    before = list(outreach_of(repo, "Mateo Haddad").attempts)
    async with queue(K.REQUEST, "Mateo Haddad") as (app, pilot, screen):
        await pilot.press("s")
        await expect(pilot, ChoiceScreen)
        await pilot.press("escape")
        await pilot.pause()
    assert outreach_of(repo, "Mateo Haddad").attempts == before


# --- r: replies -----------------------------------------------------------------------------


async def test_r_no_closes_the_outreach(queue, repo) -> None:
    async with queue(K.FOLLOW_UP, "Hana Müller") as (app, pilot, screen):
        await pilot.press("r")
        choice = await expect(pilot, ChoiceScreen)
        assert [c.key for c in choice.choices] == ["y", "n", "l", "f"]  # no introduction to wait for
        await pilot.press("n")
        await answer_today(pilot)
        await expect(pilot, ConfirmScreen)  # the closing note (tests/test_recording.py)
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, QueueScreen))
        assert "Hana Müller" not in [i.person for i in listed(screen)]
    assert outreach_of(repo, "Hana Müller").attempts[-1].kind == A.REPLY_NO
    assert not outreach_of(repo, "Hana Müller").is_open


async def test_r_yes_books_at_once_and_a_cancelled_booking_leaves_book_a_time(queue, repo) -> None:
    async with queue(K.FOLLOW_UP, "Jonas Khan") as (app, pilot, screen):
        await pilot.press("r")
        await expect(pilot, ChoiceScreen)
        await pilot.press("y")
        await answer_today(pilot)
        await expect(pilot, FormScreen)
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, QueueScreen))
        assert [i.kind for i in listed(screen) if i.person == "Jonas Khan"] == [K.BOOK]
    assert outreach_of(repo, "Jonas Khan").attempts[-1].kind == A.REPLY_YES


# --- o: open the person ----------------------------------------------------------------------


async def test_o_opens_the_person_on_the_targets_screen(queue, repo) -> None:
    async with queue(K.FOLLOW_UP, "Sofia García") as (app, pilot, screen):
        await pilot.press("o")
        targets = await expect(pilot, TargetsScreen)
        await pilot.pause()
        assert "Sofia García" in text_of(targets.query_one("#targets-card"))


# --- how it looks -----------------------------------------------------------------------------


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_snapshot(snap_compare, make_app, size) -> None:
    assert snap_compare(make_app(), terminal_size=size)


def test_snapshot_voicemail_card(snap_compare, make_app) -> None:
    assert snap_compare(make_app(), press=["down"] * 19, terminal_size=(80, 24))


def test_snapshot_preview_of_a_follow_up(snap_compare, make_app) -> None:
    assert snap_compare(make_app(), press=[*["down"] * 14, "c"], terminal_size=(80, 24))

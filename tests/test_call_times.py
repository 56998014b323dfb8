"""When things fall due around the call itself (issue 14): the thank-you counts 48 hours from
the call as it began, preparing a call booked for tomorrow is due today rather than late at
once (booked or moved so), and a call of today that is over is listed with those not marked
held."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, timedelta

from textual.widgets import OptionList

from infoint_tui import clock
from infoint_tui.domain.models import AttemptKind, Campaign, Interview, Person
from infoint_tui.domain.policy import DueKind, Status, due_items
from infoint_tui.tui.flows.outreach import book_time
from infoint_tui.tui.widgets.card import Card
from infoint_tui.usecases.interviewing import interview_groups
from tests.outreach_support import highlight, show_queue, text_of
from tests.support import until
from tests.test_live_call import fill

BOOKED_AT = datetime(2026, 11, 26, 14, 30)


def one_call(**changes: object) -> Campaign:
    interview = dataclasses.replace(Interview(1, BOOKED_AT, id=3), **changes)
    return Campaign(people={1: Person("Ana Silva", id=1)}, interviews={3: interview})


def thank_you(campaign: Campaign, now: datetime):
    (item,) = [i for i in due_items(campaign, now.date(), now) if i.kind == DueKind.THANK]
    return item


def test_the_thank_you_counts_48_hours_from_the_call_as_its_clock_began() -> None:
    late = one_call(held=True, started=datetime(2026, 11, 26, 14, 50))
    item = thank_you(late, datetime(2026, 11, 28, 14, 40))
    assert item.deadline == datetime(2026, 11, 28, 14, 50)
    assert item.status == Status.TODAY  # 14:30 two days on is not late for a call begun at 14:50
    assert item.detail == "for the call on Thu 26 Nov, 14:50"
    # Over only 30 minutes after it began: until then the thanks wait.
    assert thank_you(late, datetime(2026, 11, 26, 15, 10)).status == Status.UPCOMING
    assert thank_you(late, datetime(2026, 11, 26, 15, 20)).status == Status.TODAY


def test_a_clock_started_before_the_call_or_after_its_length_leaves_the_booked_time() -> None:
    # Days ahead, that morning, and notes first written up once the 30 minutes were over.
    for started in (datetime(2026, 11, 20, 9, 0), datetime(2026, 11, 26, 9, 0), datetime(2026, 11, 26, 15, 0)):
        early = one_call(held=True, started=started)
        item = thank_you(early, datetime(2026, 11, 27, 9, 0))
        assert (item.deadline, item.detail) == (datetime(2026, 11, 28, 14, 30), "for the call on Thu 26 Nov, 14:30")
        assert early.interviews[3].ends == datetime(2026, 11, 26, 15, 0)


async def test_the_queue_row_and_card_give_the_deadline_of_a_call_begun_late(make_app, repo) -> None:
    held = next(i for i in repo.campaign.interviews.values() if i.held and i.thanked is None)
    began = held.when + timedelta(minutes=25)
    repo.save(dataclasses.replace(held, started=began))
    person = repo.campaign.people[held.person_id].name
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await show_queue(pilot)
        item = await highlight(pilot, screen, DueKind.THANK, person)
        options = screen.query_one("#queue-items", OptionList)
        row = str(options.get_option_at_index(options.highlighted).prompt)
        card = text_of(screen.query_one("#queue-card", Card))
    deadline = began + timedelta(hours=48)
    assert item.deadline == deadline
    hours = f"{(deadline - clock.now()).total_seconds() / 3600:.0f} h left"
    assert row.endswith(f"{deadline:%a %d %b}  {hours}")
    assert f"Due {deadline:%a %-d %b %H:%M} ({hours}) · for the call on {began:%a %-d %b, %H:%M}" in card


def test_preparing_a_call_booked_for_tomorrow_is_due_today_not_late() -> None:
    tomorrow = datetime(2026, 11, 27, 10, 0)
    now = datetime(2026, 11, 26, 9, 0)
    (prepare,) = due_items(one_call(when=tomorrow, booked=now.date()), now.date(), now)
    assert (prepare.kind, prepare.due, prepare.status) == (DueKind.PREPARE, now.date(), Status.TODAY)
    # Booked in good time, it is due two days before, as always.
    (early,) = due_items(one_call(when=tomorrow, booked=date(2026, 11, 1)), now.date(), now)
    assert (early.due, early.status) == (date(2026, 11, 25), Status.OVERDUE)


async def test_booking_after_a_yes_for_tomorrow_leaves_nothing_overdue(make_app, repo) -> None:
    booked = {i.outreach_id for i in repo.campaign.interviews.values()}
    said_yes = next(o for o in repo.campaign.outreach.values() if o.has(AttemptKind.REPLY_YES) and o.id not in booked)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.screen.run_worker(book_time(app.screen, said_yes.id))
        await fill(pilot, "2026-11-27", "10:00", "phone", "", "30")
        await until(pilot, lambda: len(repo.campaign.interviews) == len(booked) + 1, "the booked interview")
    interview = next(i for i in repo.campaign.interviews.values() if i.outreach_id == said_yes.id)
    assert interview.booked == clock.today()
    (prepare,) = [i for i in due_items(repo.campaign, clock.today()) if i.interview_id == interview.id]
    assert (prepare.kind, prepare.status) == (DueKind.PREPARE, Status.TODAY)


def test_a_call_of_today_that_is_over_is_not_marked_held_yet() -> None:
    campaign = one_call()
    groups = dict(interview_groups(campaign, datetime(2026, 11, 26, 14, 59)))
    assert [len(groups[h]) for h in ("Today", "Not marked held yet")] == [1, 0]
    groups = dict(interview_groups(campaign, datetime(2026, 11, 26, 15, 0)))  # 30 minutes on
    assert [len(groups[h]) for h in ("Today", "Not marked held yet")] == [0, 1]


async def test_the_interviews_screen_moves_a_call_once_over_to_not_marked_held(make_app, repo) -> None:
    today = sorted(
        (i for i in repo.campaign.interviews.values() if i.when.date() == clock.today() and not i.held),
        key=lambda i: i.when,
    )
    first, second = today[0], today[1]
    clock.fix(f"{first.ends:%Y-%m-%dT%H:%M}")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f6")
        await until(pilot, lambda: app.screen.query("#interviews-list"))
        options = app.screen.query_one("#interviews-list", OptionList)
        lines = [str(options.get_option_at_index(n).prompt) for n in range(options.option_count)]
    names = [repo.campaign.people[i.person_id].name for i in (first, second)]
    headings = ("Today", "Not marked held yet")
    at = {heading: n for n, line in enumerate(lines) for heading in headings if line.startswith(heading)}
    assert lines[at["Today"]] == "Today (1)" and names[1] in lines[at["Today"] + 1]
    assert lines[at["Not marked held yet"]] == "Not marked held yet (1)"
    assert names[0] in lines[at["Not marked held yet"] + 1]
    assert lines[at["Not marked held yet"] + 1].startswith(f"{first.when:%H:%M}")


async def test_moving_a_call_to_tomorrow_leaves_its_preparing_due_today(make_app, repo) -> None:
    from tests.test_interviews_screen import highlight, open_interviews, upcoming

    interview = upcoming(repo)
    later = next(i for i in repo.campaign.interviews.values() if not i.held and i.when > interview.when)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_interviews(app, pilot)
        await highlight(pilot, screen, later)
        await pilot.press("r")
        await fill(pilot, "2026-11-27", "11:00")
        await until(pilot, lambda: repo.campaign.interviews[later.id].when == datetime(2026, 11, 27, 11, 0))
    moved = repo.campaign.interviews[later.id]
    assert moved.booked == clock.today()
    (prepare,) = [i for i in due_items(repo.campaign, clock.today()) if i.interview_id == later.id]
    assert (prepare.kind, prepare.status) == (DueKind.PREPARE, Status.TODAY)

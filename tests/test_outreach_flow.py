"""Requesting interviews and seeing them through, driven by keys with the clock moved day by day."""

from __future__ import annotations

import pytest
from icalendar import Calendar

from infoint_tui import clock
from infoint_tui.domain.models import AttemptKind, Degree, Objective, ObjectiveKind, Route
from infoint_tui.domain.policy import DueKind, hours_left
from infoint_tui.exchange.ics import to_ics
from infoint_tui.tui.flows.outreach import request_interview
from infoint_tui.tui.screens.objectives import ObjectivesScreen
from infoint_tui.tui.widgets.choice import ChoiceScreen
from infoint_tui.tui.widgets.confirm import ConfirmScreen
from infoint_tui.tui.widgets.day_question import DayScreen
from infoint_tui.tui.widgets.form import FormScreen
from infoint_tui.tui.widgets.message import Copied, MessageScreen
from tests.outreach_support import (
    day,
    expect,
    fill,
    highlight,
    listed,
    pasted,  # noqa: F401 - fixture
    show_queue,
    sit_at_the_machine,
    small_campaign,
    text_of,
    until,
)

pytestmark = pytest.mark.usefixtures("pasted")

A = AttemptKind
K = DueKind


def attempts(repo, person_id: int) -> list[tuple[AttemptKind, str]]:
    outreach = [o for o in repo.campaign.outreach.values() if o.person_id == person_id]
    assert len(outreach) == 1, outreach
    return [(a.kind, a.on.isoformat()) for a in outreach[0].attempts]


def kinds_for(screen, person: str) -> list[DueKind]:
    return [item.kind for item in listed(screen) if item.person == person]


async def start_request(pilot, person_id: int) -> None:
    screen = pilot.app.screen
    screen.run_worker(request_interview(screen, person_id), exclusive=True, group="test-request")
    await pilot.pause()


async def copy_and_confirm(pilot, *, insist: bool = False) -> Copied:
    """In the preview: copy (twice when it warns), close, and say it went out."""
    preview = await expect(pilot, MessageScreen)
    await pilot.press("ctrl+y")
    if insist:
        await pilot.press("ctrl+y")
    shown = Copied(pilot.app.clipboard == preview.body, preview.subject, preview.body)
    await pilot.press("escape")
    await expect(pilot, DayScreen)
    await pilot.press("y")
    await pilot.pause()
    assert shown.copied
    return shown


# --- requesting ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("degree", "template_subject", "attempt"),
    [
        (Degree.FIRST, "Could I borrow 20 minutes of your time?", A.REQUEST),
        (Degree.COLD, "A short request about your work at Acme Health", A.REQUEST),
    ],
)
async def test_a_request_goes_the_way_the_degree_allows(
    make_app, empty_repo, degree, template_subject, attempt
) -> None:
    ids = small_campaign(empty_repo, degree=degree)
    clock.fix("2026-12-01")
    app = make_app(empty_repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_request(pilot, ids["target"])
        preview = await expect(pilot, MessageScreen)
        assert preview.subject == template_subject
        assert "digital healthcare" in preview.body
        await copy_and_confirm(pilot)
    assert attempts(empty_repo, ids["target"]) == [(attempt, "2026-12-01")]
    outreach = next(iter(empty_repo.campaign.outreach.values()))
    assert outreach.objective_id == ids["objective"]
    assert outreach.route == {Degree.FIRST: Route.DIRECT, Degree.COLD: Route.COLD}[degree]


@pytest.mark.parametrize(
    ("key", "route", "subject", "attempt"),
    [
        ("i", Route.INTRO, "Would you introduce me to Ana Silva?", A.INTRO_ASKED),
        ("m", Route.MENTION, "A request from a connection of Maria Lopez", A.REQUEST),
    ],
)
async def test_a_second_degree_contact_is_reached_through_the_mutual_or_by_naming_them(
    make_app, empty_repo, key, route, subject, attempt
) -> None:
    ids = small_campaign(empty_repo)
    clock.fix("2026-12-01")
    app = make_app(empty_repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_request(pilot, ids["target"])
        await expect(pilot, ChoiceScreen)
        await pilot.press(key)
        preview = await expect(pilot, MessageScreen)
        assert preview.subject == subject
        if route == Route.INTRO:
            assert "To Maria Lopez: maria@example.com" in text_of(preview.query_one("#message-detail"))
        await copy_and_confirm(pilot)
    assert attempts(empty_repo, ids["target"]) == [(attempt, "2026-12-01")]
    assert next(iter(empty_repo.campaign.outreach.values())).route == route


async def test_the_objective_is_chosen_when_there_are_several(make_app, empty_repo) -> None:
    ids = small_campaign(empty_repo, degree=Degree.FIRST)
    second = empty_repo.add(Objective(ObjectiveKind.ROLE, "the day-to-day work of a research lead"))
    app = make_app(empty_repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_request(pilot, ids["target"])
        await expect(pilot, ChoiceScreen)
        await pilot.press("2")
        preview = await expect(pilot, MessageScreen)
        assert "the day-to-day work of a research lead" in preview.body
        await copy_and_confirm(pilot)
    assert next(iter(empty_repo.campaign.outreach.values())).objective_id == second.id


async def test_without_an_objective_it_offers_to_create_one(make_app, empty_repo) -> None:
    ids = small_campaign(empty_repo, degree=Degree.FIRST)
    objective = empty_repo.campaign.objectives[ids["objective"]]
    empty_repo.save(Objective(objective.kind, objective.text, active=False, id=objective.id))
    app = make_app(empty_repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_request(pilot, ids["target"])
        question = await expect(pilot, ConfirmScreen)
        assert "there is none yet" in question.question
        await pilot.press("y")
        await until(
            pilot,
            lambda: isinstance(app.screen, FormScreen) and app.current_mode == "objectives",
            "the new-objective form",
        )
        assert isinstance(app.screen_stack[-2], ObjectivesScreen)
    assert empty_repo.campaign.outreach == {}


async def test_closing_the_preview_without_copying_leaves_nothing_behind(make_app, empty_repo) -> None:
    ids = small_campaign(empty_repo, degree=Degree.FIRST)
    app = make_app(empty_repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_request(pilot, ids["target"])
        await expect(pilot, MessageScreen)
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, MessageScreen))
    assert empty_repo.campaign.outreach == {}


async def test_copied_but_not_sent_yet_waits_in_the_queue(make_app, empty_repo, notices) -> None:
    ids = small_campaign(empty_repo, degree=Degree.FIRST)
    clock.fix("2026-12-01")
    app = make_app(empty_repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_request(pilot, ids["target"])
        await expect(pilot, MessageScreen)
        await pilot.press("ctrl+y", "escape")
        await expect(pilot, DayScreen)
        await pilot.press("n")
        screen = await show_queue(pilot)
        assert kinds_for(screen, "Ana Silva") == [K.REQUEST]
        assert any("waits in the queue" in n.message for n in notices)
    assert attempts(empty_repo, ids["target"]) == []


async def test_a_person_already_asked_is_not_asked_twice(make_app, empty_repo, notices) -> None:
    ids = small_campaign(empty_repo, degree=Degree.FIRST)
    app = make_app(empty_repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_request(pilot, ids["target"])
        await copy_and_confirm(pilot)
        await start_request(pilot, ids["target"])
        await until(pilot, lambda: any("has been asked already" in n.message for n in notices))
        assert not isinstance(app.screen, MessageScreen)
    assert len(empty_repo.campaign.outreach) == 1


# --- the clipboard, as the user sees it ---------------------------------------------------


async def test_at_the_machine_a_working_clipboard_is_reported_without_the_hint(
    make_app,
    empty_repo,
    pasted,  # noqa: F811 - the fixture imported above
    monkeypatch,
) -> None:
    sit_at_the_machine(monkeypatch)
    ids = small_campaign(empty_repo, degree=Degree.FIRST)
    app = make_app(empty_repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_request(pilot, ids["target"])
        preview = await expect(pilot, MessageScreen)
        await pilot.press("ctrl+y")
        await pilot.pause()
        status = text_of(preview.query_one("#message-status"))
        assert pasted == [preview.body] and app.clipboard == preview.body
        assert status.startswith("Copied") and "this computer's clipboard" in status
        assert "set-clipboard" not in status


async def test_a_failing_local_clipboard_still_sends_osc_52_and_says_how_to_fix_it(
    make_app, empty_repo, monkeypatch
) -> None:
    import pyperclip

    sit_at_the_machine(monkeypatch)

    def refuse(text: str) -> None:
        raise pyperclip.PyperclipException("Pyperclip could not find a copy/paste mechanism for your system.")

    monkeypatch.setattr(pyperclip, "copy", refuse)
    ids = small_campaign(empty_repo, degree=Degree.FIRST)
    app = make_app(empty_repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_request(pilot, ids["target"])
        preview = await expect(pilot, MessageScreen)
        await pilot.press("ctrl+y")
        await pilot.pause()
        status = text_of(preview.query_one("#message-status"))
        assert app.clipboard == preview.body
        assert "refused them (Pyperclip could not find a copy/paste mechanism for your system)" in status
        assert "set -g set-clipboard on" in status


async def test_over_ssh_only_osc_52_is_used(make_app, empty_repo, pasted) -> None:  # noqa: F811
    ids = small_campaign(empty_repo, degree=Degree.FIRST)
    app = make_app(empty_repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_request(pilot, ids["target"])
        preview = await expect(pilot, MessageScreen)
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert pasted == []
        assert app.clipboard == preview.body
        assert "OSC 52" in text_of(preview.query_one("#message-status"))


# --- whole campaigns ------------------------------------------------------------------------


async def test_a_whole_campaign_for_a_second_degree_contact(make_app, empty_repo) -> None:
    ids = small_campaign(empty_repo)
    ana, maria = "Ana Silva", "Maria Lopez"
    clock.fix("2026-12-01")
    app = make_app(empty_repo)
    async with app.run_test(size=(80, 24)) as pilot:
        # Day 1: ask Maria, the mutual contact, to forward an introduction.
        await start_request(pilot, ids["target"])
        await expect(pilot, ChoiceScreen)
        await pilot.press("i")
        await copy_and_confirm(pilot)
        assert attempts(empty_repo, ids["target"]) == [(A.INTRO_ASKED, "2026-12-01")]
        screen = await show_queue(pilot)
        assert kinds_for(screen, ana) == [K.NUDGE_INTRO]  # upcoming, a week out

        # Day 8: no introduction yet; the queue says to nudge Maria, and the nudge goes out.
        screen = await show_queue(pilot, "2026-12-08")
        item = await highlight(pilot, screen, K.NUDGE_INTRO, ana)
        assert item.due == day("2026-12-08")
        await pilot.press("c")
        preview = await copy_and_confirm(pilot)
        assert preview.subject == "Re: Would you introduce me to Ana Silva?"
        assert attempts(empty_repo, ids["target"])[-1] == (A.INTRO_ASKED, "2026-12-08")

        # Day 10: Maria made the introduction; the reply to it, thanking her, goes to Ana at once.
        screen = await show_queue(pilot, "2026-12-10")
        await highlight(pilot, screen, K.NUDGE_INTRO, ana)
        await pilot.press("r")
        await expect(pilot, ChoiceScreen)
        await pilot.press("i")
        await expect(pilot, DayScreen)
        await pilot.press("y")
        await expect(pilot, ConfirmScreen)
        await pilot.press("y")
        preview = await copy_and_confirm(pilot)
        assert preview.subject == "Following Maria's introduction"
        assert attempts(empty_repo, ids["target"])[-2:] == [(A.INTRO_MADE, "2026-12-10"), (A.REQUEST, "2026-12-10")]

        # Day 12: Ana says yes; a time that suits her is booked.
        screen = await show_queue(pilot, "2026-12-12")
        assert kinds_for(screen, ana) == [K.FOLLOW_UP]
        await highlight(pilot, screen, K.FOLLOW_UP, ana)
        await pilot.press("r")
        await expect(pilot, ChoiceScreen)
        await pilot.press("y")
        await expect(pilot, DayScreen)
        await pilot.press("y")
        await expect(pilot, FormScreen)
        await fill(pilot, {"day": "2026-12-15", "time": "14:30", "where": "+44 20 7000 0001"})
        await pilot.press("ctrl+s")
        await until(pilot, lambda: len(empty_repo.campaign.interviews) == 1, "the booked interview")
        interview = next(iter(empty_repo.campaign.interviews.values()))
        assert interview.when.isoformat() == "2026-12-15T14:30:00"
        assert (interview.outreach_id, interview.objective_id) == (
            next(iter(empty_repo.campaign.outreach)),
            ids["objective"],
        )
        assert attempts(empty_repo, ids["target"])[-1] == (A.REPLY_YES, "2026-12-12")
        events = Calendar.from_ical(to_ics(empty_repo.campaign)).walk("VEVENT")
        assert [str(e["location"]) for e in events] == ["+44 20 7000 0001"]

        # Day 15: the interview itself; marking it held asks what was discussed.
        screen = await show_queue(pilot, "2026-12-15T09:00")
        await highlight(pilot, screen, K.INTERVIEW, ana)
        await pilot.press("d")
        await expect(pilot, FormScreen)
        await fill(pilot, {"discussed": "how research shapes the roadmap"})
        await pilot.press("ctrl+s")
        await until(pilot, lambda: interview.held or empty_repo.campaign.interviews[interview.id].held)

        # Day 16: both thank-yous, within 48 hours of the call.
        screen = await show_queue(pilot, "2026-12-16")
        thank = await highlight(pilot, screen, K.THANK, ana)
        assert hours_left(thank, clock.now()) == 29.5  # from 09:00 to 14:30 the day after
        await pilot.press("c")
        preview = await copy_and_confirm(pilot, insist=True)  # no action items yet: one blank left
        assert "our talk about how research shapes the roadmap" in preview.body
        question = await expect(pilot, ConfirmScreen)
        assert "1 High Street, London" in question.detail  # the card goes by post
        await pilot.press("n")
        await highlight(pilot, screen, K.THANK_INTRODUCER, maria)
        await pilot.press("d")
        await expect(pilot, DayScreen)
        await pilot.press("y")
        await pilot.pause()
        held = empty_repo.campaign.interviews[interview.id]
        assert (held.thanked, held.introducer_thanked) == (day("2026-12-16"), day("2026-12-16"))
        screen = await show_queue(pilot)
        assert kinds_for(screen, ana) == [] and kinds_for(screen, maria) == []

        # Thirty days later: keep both posted; Maria's update goes out.
        screen = await show_queue(pilot, "2027-01-15")
        assert sorted(item.person for item in listed(screen) if item.kind == K.KEEP_POSTED) == [ana, maria]
        await highlight(pilot, screen, K.KEEP_POSTED, maria)
        await pilot.press("c")
        preview = await copy_and_confirm(pilot, insist=True)
        assert preview.subject == "A quick update from Alex"
        assert empty_repo.campaign.people[ids["mutual"]].updates == [day("2027-01-15")]
        screen = await show_queue(pilot)
        assert [item.person for item in listed(screen) if item.kind == K.KEEP_POSTED] == [ana]


async def test_three_attempts_without_a_reply_then_the_next_person_at_the_company(make_app, empty_repo) -> None:
    ids = small_campaign(empty_repo, degree=Degree.COLD)
    ana = "Ana Silva"
    clock.fix("2026-12-01")
    app = make_app(empty_repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_request(pilot, ids["target"])
        await copy_and_confirm(pilot)

        screen = await show_queue(pilot, "2026-12-08")
        await highlight(pilot, screen, K.FOLLOW_UP, ana)
        await pilot.press("d")
        await expect(pilot, DayScreen)
        await pilot.press("y")
        await pilot.pause()

        screen = await show_queue(pilot, "2026-12-15")
        await highlight(pilot, screen, K.CALL, ana)
        card = text_of(screen.query_one("#queue-card"))
        assert "Call +44 20 7000 0001" in card
        assert card.count("this is Alex Morgan") == 2  # the name, said twice
        assert card.count("plus four four, two zero, seven nine four six, zero nine five eight") == 2
        await pilot.press("d")
        await expect(pilot, ChoiceScreen)  # how the call went
        await pilot.press("v")
        await expect(pilot, DayScreen)
        await pilot.press("y")
        await pilot.pause()
        assert [kind for kind, _ in attempts(empty_repo, ids["target"])] == [A.REQUEST, A.FOLLOW_UP, A.CALL]

        screen = await show_queue(pilot, "2026-12-22")
        await highlight(pilot, screen, K.ASSUMED_NO, ana)
        assert "Next at Acme Health: Ben Okafor" in text_of(screen.query_one("#queue-card"))
        await pilot.press("d")
        await expect(pilot, DayScreen)
        await pilot.press("y")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen) and "Next at" in app.screen.question)
        assert app.screen.question == "Next at Acme Health: Ben Okafor?"
        await pilot.press("y")
        preview = await copy_and_confirm(pilot)
        assert preview.body.startswith("Hi Ben,")
    closed = next(o for o in empty_repo.campaign.outreach.values() if o.person_id == ids["target"])
    assert (closed.attempts[-1].kind, closed.attempts[-1].note) == (A.CLOSED, "assumed no")
    assert attempts(empty_repo, ids["colleague"]) == [(A.REQUEST, "2026-12-22")]


async def test_r_on_the_targets_screen_requests_an_interview_with_the_highlighted_person(make_app, empty_repo) -> None:
    ids = small_campaign(empty_repo, degree=Degree.FIRST)
    clock.fix("2026-12-01")
    app = make_app(empty_repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.open_on("targets", f"show_person({ids['target']})")
        await pilot.pause()
        await pilot.press("r")
        await copy_and_confirm(pilot)
    assert attempts(empty_repo, ids["target"]) == [(A.REQUEST, "2026-12-01")]

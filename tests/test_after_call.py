"""After the call (issue 14): optional template parts, the thank-you's deadline, the referral's
ask for an introduction, and the Markdown file of an interview."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from pathlib import Path

import orjson
import pytest
from textual.widgets import OptionList, Static

from infoint_tui.domain.defaults import DEFAULT_TEMPLATES
from infoint_tui.domain.models import ActionItem, Campaign, Interview, Objective, ObjectiveKind, Person, Profile
from infoint_tui.domain.policy import DueItem, DueKind, Status, due_items
from infoint_tui.domain.templates import Rendered, context_for, render, render_template
from infoint_tui.tui.widgets.card import Card
from tests.conftest import TODAY

# --- optional parts of a template ------------------------------------------------------------


def interview_campaign(*actions: ActionItem) -> Campaign:
    interview = Interview(
        1,
        datetime(2026, 11, 26, 14, 30),
        objective_id=2,
        discussed="how the team plans its research",
        action_items=list(actions),
        held=True,
        id=3,
    )
    return Campaign(
        objectives={2: Objective(ObjectiveKind.ROLE, "what researchers do", id=2)},
        people={1: Person("Ana Silva", id=1)},
        interviews={3: interview},
        profile=Profile("Alex Morgan"),
    )


def thank_you(campaign: Campaign) -> str:
    values = context_for(campaign, campaign.people[1], interview=campaign.interviews[3])
    message = render_template(DEFAULT_TEMPLATES["thank_interviewer"], values)
    assert message.unfilled == [] and message.unknown == []
    return message.body.text


def test_the_thank_you_lists_the_action_items_when_there_are_some() -> None:
    text = thank_you(interview_campaign(ActionItem("Read the book", done=True), ActionItem("Join the meetup")))
    assert (
        "picture of what researchers do.\n\n"
        "Here is where I stand on the suggestions you made:\n"
        "- Read the book (done)\n- Join the meetup (in progress)\n\n"
        "I'll keep you posted"
    ) in text
    assert "[[" not in text and "]]" not in text


def test_the_thank_you_without_action_items_leaves_their_paragraph_out_whole() -> None:
    text = thank_you(interview_campaign())
    assert "{action_items}" not in text and "where I stand" not in text
    assert "picture of what researchers do.\n\nI'll keep you posted" in text


@pytest.mark.parametrize(
    ("template", "text"),
    [
        ("A.\n\n[[B {takeaways}.]]\n\nC.", "A.\n\nC."),  # a paragraph goes with its blank line
        ("Hi,\n[[Ref: {takeaways}]]\nBye.", "Hi,\nBye."),  # a line goes with its line break
        ("Hi,\n[[Ref: {takeaways}]]\n\nBye.", "Hi,\n\nBye."),  # the paragraph's break stays
        ("A.\n\n[[B {takeaways}.]]", "A."),  # at the end, the breaks before it go
        ("Thanks[[ for {takeaways}]].", "Thanks."),  # within a line only the part goes
        ("[[{nmae}]] and [[no blanks]]", "{nmae} and no blanks"),  # a typo is shown, not hidden
        ("a [[ b ]", "a [[ b ]"),  # unmatched brackets are ordinary text
    ],
)
def test_an_optional_part_is_left_out_when_a_placeholder_in_it_has_no_value(template: str, text: str) -> None:
    assert render(template, {}).text == text


def template_stretches(rendered: Rendered, template: str) -> list[str]:
    """The template's own stretches of the text, each checked to be where it says it came from."""
    stretches = []
    for piece in rendered.pieces:
        shown = rendered.text[piece.start : piece.end]
        if not piece.placeholder:
            assert template[piece.offset : piece.offset + len(shown)] == shown
            stretches.append(shown)
    return stretches


def test_a_kept_optional_part_still_says_which_stretches_were_generated() -> None:
    template = "Hi {first_name},\n\n[[We spoke on {interview_date}.]]\n\n[[Notes: {takeaways}]]\n\nBye"
    rendered = render(template, {"first_name": "Ana", "interview_date": "Thursday 26 November"})
    assert rendered.text == "Hi Ana,\n\nWe spoke on Thursday 26 November.\n\nBye"
    assert [(p.placeholder, rendered.text[p.start : p.end]) for p in rendered.pieces if p.placeholder] == [
        ("first_name", "Ana"),
        ("interview_date", "Thursday 26 November"),
    ]
    assert "".join(template_stretches(rendered, template)) == "Hi ,\n\nWe spoke on .\n\nBye"


def test_the_defaults_with_action_items_make_them_optional() -> None:
    for key in ("thank_interviewer", "thank_introducer", "keep_posted"):
        rendered = render(DEFAULT_TEMPLATES[key].body, {})
        assert "action_items" not in rendered.unfilled, key


def test_a_stored_copy_of_an_old_default_is_migrated_to_the_optional_paragraph(tmp_path: Path) -> None:
    from infoint_tui.store.migrations import CURRENT_SCHEMA
    from infoint_tui.store.repository import Repository

    new = DEFAULT_TEMPLATES["thank_interviewer"]
    old_body = new.body.replace("[[", "").replace("]]", "")
    edited = old_body.replace("Warm regards", "All the best")  # the user's own edit keeps its words
    path = tmp_path / "infoint.json"
    note = DEFAULT_TEMPLATES["thank_note"]
    stored = {"thank_interviewer": {**new.to_doc(), "body": edited}, "thank_note": note.to_doc()}
    path.write_bytes(orjson.dumps({"meta": {"1": {"schema": 1}}, "templates": {"1": stored}}))
    repo = Repository.open(path, background=False)
    try:
        assert repo.campaign.templates["thank_interviewer"].body == new.body.replace("Warm regards", "All the best")
        assert repo.campaign.templates["thank_note"] == note
    finally:
        repo.close()
    assert orjson.loads(path.read_bytes())["meta"]["1"]["schema"] == CURRENT_SCHEMA == 2


# --- the thank-you's deadline and the clock --------------------------------------------------


def test_a_fixed_day_without_a_time_reads_the_real_time_of_day(monkeypatch: pytest.MonkeyPatch) -> None:
    from infoint_tui import clock

    monkeypatch.setattr(clock, "wall_clock", lambda: datetime(2031, 5, 5, 16, 45))
    assert clock.now() == datetime(2026, 11, 26, 16, 45)  # INFOINT_TODAY, from conftest
    clock.fix("2026-12-03")
    assert clock.now() == datetime(2026, 12, 3, 16, 45)
    clock.fix("2026-12-03T10:30")
    assert clock.now() == datetime(2026, 12, 3, 10, 30)


def call_today(*, held: bool, length: int = 30) -> Campaign:
    campaign = interview_campaign()
    interview = campaign.interviews[3]
    interview.held, interview.minutes = held, length
    return campaign


@pytest.mark.parametrize(
    ("now", "length", "status"),
    [
        (datetime(2026, 11, 26, 14, 45), 30, Status.UPCOMING),  # marked held, but the call is not over
        (datetime(2026, 11, 26, 14, 50), 20, Status.TODAY),  # a 20-minute call is
        (datetime(2026, 11, 26, 15, 0), 30, Status.TODAY),
        (datetime(2026, 11, 28, 14, 30), 30, Status.TODAY),  # the deadline itself
        (datetime(2026, 11, 28, 14, 31), 30, Status.OVERDUE),
    ],
)
def test_the_thank_you_is_due_from_the_end_of_the_call_to_48_hours_after_its_time(
    now: datetime, length: int, status: Status
) -> None:
    (thank,) = [item for item in due_items(call_today(held=True, length=length), now.date(), now)]
    assert (thank.kind, thank.due, thank.deadline) == (
        DueKind.THANK,
        date(2026, 11, 28),
        datetime(2026, 11, 28, 14, 30),
    )
    assert thank.status == status
    assert thank.detail == "for the call on Thu 26 Nov, 14:30"


def test_a_call_not_marked_held_says_so_once_it_is_over() -> None:
    campaign = call_today(held=False)
    details = [due_items(campaign, TODAY, datetime(2026, 11, 26, hour, 0))[0].detail for hour in (14, 15)]
    assert details == ["14:30 by phone, 0 of 5 questions", "14:30 by phone, not marked held"]


async def test_the_queue_row_and_its_card_give_the_same_deadline(make_app) -> None:
    from tests.outreach_support import highlight, show_queue, text_of

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await show_queue(pilot)
        person = next(item.person for item in screen.items if item.kind == DueKind.THANK)
        item = await highlight(pilot, screen, DueKind.THANK, person)
        options = screen.query_one("#queue-items", OptionList)
        row = str(options.get_option_at_index(options.highlighted).prompt)
        card = text_of(screen.query_one("#queue-card", Card))
    # Held yesterday at 11:00 (the demo), seen at 09:00: due tomorrow at 11:00.
    assert item.deadline == datetime(2026, 11, 27, 11, 0)
    assert row.endswith("Fri 27 Nov  26 h left")
    assert "Due Fri 27 Nov 11:00 (26 h left) · for the call on Wed 25 Nov, 11:00" in card


# --- the referral's ask for an introduction ----------------------------------------------------


def test_a_referral_is_asked_for_once_the_interviewer_is_thanked_and_the_text_names_the_call(empty_repo) -> None:
    from infoint_tui.usecases.due_actions import message_for
    from infoint_tui.usecases.interviewing import add_referral

    repo = empty_repo
    objective = repo.add(Objective(ObjectiveKind.ROLE, "what researchers do"))
    ana = repo.add(Person("Ana Silva", email="ana@example.com"))
    interview = repo.add(Interview(ana.id, datetime(2026, 11, 26, 14, 30), objective_id=objective.id, held=True))
    bo = add_referral(repo, interview, TODAY, name="Bo Li", company="Tyrell")

    def asks(on: date) -> list[DueItem]:
        return [item for item in due_items(repo.campaign, on) if item.person_id == bo.id]

    assert asks(TODAY) == [] and asks(date(2026, 12, 10)) == []  # not before the thank-you
    thanked = date(2026, 11, 27)
    repo.save(dataclasses.replace(repo.campaign.interviews[interview.id], thanked=thanked))
    (ask,) = asks(thanked)
    assert (ask.kind, ask.due, ask.status) == (DueKind.ASK_INTRO, thanked, Status.TODAY)
    assert ask.detail == "ask Ana Silva for the introduction suggested in your call on Thu 26 Nov"
    message = message_for(repo.campaign, ask)
    assert message is not None
    rendered = render_template(message.template, message.context)
    assert rendered.body.text.startswith(
        "Hi Ana,\n\nThank you again for our call on Thursday 26 November, and for suggesting I talk to Bo Li.\n\n"
    )
    assert "experience of Bo Li at Tyrell." in rendered.body.text  # no title known: left out


def test_an_introduction_asked_without_a_call_has_no_thanks_for_one() -> None:
    values = {"introducer_first_name": "Liam", "name": "Bo Li", "objective": "research"}
    text = render(DEFAULT_TEMPLATES["intro_ask"].body, values).text
    assert text.startswith("Hi Liam,\n\nI'm trying to learn more about research, and I'd be grateful to hear")
    assert "experience of Bo Li.\n\n" in text and "[[" not in text


def test_a_thank_you_put_off_is_due_on_the_day_chosen_without_hours() -> None:
    campaign = call_today(held=True)
    campaign.interviews[3].snoozed[DueKind.THANK.value] = date(2026, 12, 5)
    now = datetime(2026, 11, 27, 9, 0)
    (thank,) = due_items(campaign, now.date(), now)
    assert (thank.due, thank.deadline, thank.status) == (date(2026, 12, 5), None, Status.UPCOMING)


async def test_the_templates_screen_says_how_an_optional_part_is_written(make_app) -> None:
    from tests.outreach_support import text_of
    from tests.support import until

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f5")
        await until(pilot, lambda: app.screen.query("#templates-placeholders"))
        listing = text_of(app.screen.query_one("#templates-placeholders Static", Static))
    assert "Optional parts A part between [[ and ]] is left out when one of its placeholders has no value" in listing
    assert "[[Where I stand: {action_items}]] disappears when there are no action items." in listing

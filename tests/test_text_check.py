"""The text check never makes a message worse: generated values are left alone, suggestions are
several and ranked, every fix is checked again, and a problem from the template or the profile
is fixed where it comes from."""

from __future__ import annotations

import dataclasses

import pytest

from infoint_tui.domain.defaults import DEFAULT_TEMPLATES, template_for
from infoint_tui.domain.message_check import Made, check_part, fixed_at_source, follow, remade
from infoint_tui.domain.models import Campaign, Person, Profile, Template
from infoint_tui.domain.spelling import check
from infoint_tui.domain.templates import context_for, render
from infoint_tui.tui.screens.templates import TemplatesScreen
from infoint_tui.tui.widgets import message as message_widget
from infoint_tui.tui.widgets.choice import ChoiceScreen
from infoint_tui.tui.widgets.confirm import ConfirmScreen
from infoint_tui.tui.widgets.message import Draft, MessageScreen, ProblemList, draft
from tests.outreach_support import expect, pasted, text_of, until  # noqa: F401 - fixture

pytestmark = pytest.mark.usefixtures("pasted")

PHONE = "+1 415 555 0142"
SPOKEN = "plus one, four one five, five five five, zero one four two"
VOICEMAIL = DEFAULT_TEMPLATES["voicemail"]


def voicemail_context(**values: str) -> dict[str, str]:
    campaign = Campaign()
    campaign.profile = Profile(name="Alex Morgan", phone=PHONE, pitch="I design services.")
    campaign.people[1] = Person(name="Ravi Qwzxon", id=1)
    return context_for(campaign, campaign.people[1]) | values


def problems_in(made: Made, part: str = "body", text: str | None = None) -> list:
    """The problems of one part of a message, as made or as edited to `text`."""
    return check_part(getattr(made.render(), part).text if text is None else text, made=made, part=part)


# Generated text ----------------------------------------------------------------------------


def test_the_voicemail_script_with_a_spelled_number_is_not_flagged() -> None:
    made = Made(VOICEMAIL, voicemail_context(objective="digital healthcare", company="Zyphlex"))
    body = made.render().body.text
    assert body.count(SPOKEN) == 2
    # "Ravi" and "Zyphlex" are not dictionary words, and no list of names was given: only
    # knowing that placeholders put them there keeps them from being flagged.
    assert problems_in(made) == []
    assert [issue.word for issue in check(body)] == ["Ravi", "Zyphlex"]


@pytest.mark.parametrize("text", ["five five five", "one one two", "0142 0142", "nine nine, nine nine"])
def test_numbers_in_any_form_are_never_doubled_words(text: str) -> None:
    assert check(text) == []


def test_generated_text_stays_unjudged_after_an_edit_elsewhere() -> None:
    made = Made(Template("t", "T", "", "Hi {first_name}, call {my_phone_slow}."), voicemail_context())
    rendered = made.render().body
    edited = "Well, " + rendered.text.replace("call", "pleese call")
    [issue] = problems_in(made, text=edited)
    assert (issue.issue.word, issue.source) == ("pleese", None)  # typed here: no source to fix


def test_pieces_follow_the_edits() -> None:
    rendered = render("Hi {first_name}, bye", {"first_name": "Ana"})
    assert rendered.text == "Hi Ana, bye"
    moved = follow(rendered.pieces, rendered.text, "Oh. Hi Ana, bye")
    assert [("Oh. Hi Ana, bye"[p.start : p.end], p.placeholder, p.offset) for p in moved] == [
        ("Hi ", "", 0),
        ("Ana", "first_name", 0),
        (", bye", "", 15),
    ]


# Suggestions and words -------------------------------------------------------------------


def test_wel_offers_several_suggestions_including_well() -> None:
    [issue] = check("I wel see.")
    assert len(issue.suggestions) >= 3
    assert "well" in issue.suggestions[:3]
    assert "we'll" in issue.suggestions
    assert issue.suggestion == issue.suggestions[0]
    assert issue.message.startswith('"wel" may be misspelled; did you mean ')


def test_closer_suggestions_come_before_more_common_ones() -> None:
    [issue] = check("a receve")
    assert issue.suggestions[0] == "receive"  # one edit away; "reserve" and the like are two


@pytest.mark.parametrize("text", ["a health-tech startup", "a well-known co-founder", "an e-mail about fintech"])
def test_hyphenated_words_count_as_words(text: str) -> None:
    assert check(text) == []


def test_a_wrong_part_of_a_compound_is_flagged_alone() -> None:
    text = "a helth-tech startup"
    [issue] = check(text)
    assert text[issue.start : issue.end] == "helth"
    assert "health" in issue.suggestions


# Problems that come from the template or the profile -----------------------------------


def test_a_template_misspelling_says_where_it_comes_from_and_is_fixed_there() -> None:
    template = Template("request_cold", "Cold request", "A wel-timed note", "Hi {first_name},\nI wel call.")
    made = Made(template, voicemail_context())
    [subject_problem] = problems_in(made, "subject")
    [found] = problems_in(made)
    assert found.issue.word == "wel"
    assert found.message.endswith("From the template \u201cCold request\u201d.")
    fixed = fixed_at_source(made, Profile(), found, "will")
    assert isinstance(fixed, Template)
    assert (fixed.subject, fixed.body) == (template.subject, "Hi {first_name},\nI will call.")
    assert fixed_at_source(made, Profile(), subject_problem, "well") == dataclasses.replace(
        template, subject="A well-timed note"
    )
    assert remade(made, fixed).render().body.text == "Hi Ravi,\nI will call."


def test_a_source_is_found_after_the_user_typed_before_it() -> None:
    template = Template("t", "T", "", "Dear {first_name}, I recieve news.")
    made = Made(template, voicemail_context())
    text = "Hello! " + made.render().body.text
    [found] = problems_in(made, text=text)
    assert found.source is not None
    fixed = fixed_at_source(made, Profile(), found, "receive")
    assert fixed == dataclasses.replace(template, body="Dear {first_name}, I receive news.")


def test_a_pitch_misspelling_comes_from_the_profile() -> None:
    made = Made(Template("t", "T", "", "Hello. {my_pitch} Bye."), voicemail_context(my_pitch="I desing services."))
    [found] = problems_in(made)
    assert found.message.endswith("From your profile's pitch.")
    profile = Profile(name="Alex", pitch="I desing services.")
    fixed = fixed_at_source(made, profile, found, "design")
    assert fixed == dataclasses.replace(profile, pitch="I design services.")
    assert remade(made, fixed).render().body.text == "Hello. I design services. Bye."
    assert fixed_at_source(made, Profile(pitch="Since changed."), found, "design") is None


# In the message preview ------------------------------------------------------------------


async def open_preview(app, pilot, message: Draft) -> MessageScreen:
    app.push_screen(MessageScreen(message))
    await until(pilot, lambda: isinstance(app.screen, MessageScreen))
    return app.screen


def problems(preview: MessageScreen) -> list[str]:
    return [str(option.prompt) for option in preview.query_one(ProblemList).options]


async def choose(pilot, suggestion: str) -> None:
    """In the suggestions dialog, press the key of `suggestion`."""
    await until(pilot, lambda: isinstance(pilot.app.screen, ChoiceScreen))
    choices = pilot.app.screen.choices
    assert suggestion in [choice.value for choice in choices]
    await pilot.press(next(choice.key for choice in choices if choice.value == suggestion))


def a_person(repo) -> Person:
    return next(p for p in repo.campaign.people.values() if repo.campaign.company_of(p))


async def test_the_voicemail_keeps_its_number_when_a_problem_is_fixed(make_app, repo) -> None:
    app = make_app()
    repo.save_profile(dataclasses.replace(repo.campaign.profile, phone=PHONE))
    voicemail = dataclasses.replace(VOICEMAIL, body=VOICEMAIL.body + " I hope to recieve your call.")
    objective = next(iter(repo.campaign.objectives.values()))
    message = draft(voicemail, context_for(repo.campaign, a_person(repo), objective=objective), "Voicemail")
    async with app.run_test(size=(80, 24)) as pilot:
        preview = await open_preview(app, pilot, message)
        assert problems(preview) == [
            '"recieve" may be misspelled; did you mean "receive", "relieve" or "believe"? '
            "From the template \u201cVoicemail script (speak slowly)\u201d."
        ]
        preview.query_one(ProblemList).focus()
        await pilot.press("enter")
        await choose(pilot, "receive")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("n")  # only here
        await until(pilot, lambda: "receive your call" in preview.body)
        assert preview.body.count(SPOKEN) == 2
        assert preview.body == message.body.replace("recieve", "receive")
        assert problems(preview) == []
        assert text_of(preview.query_one("#message-status")) == "No problems found."
    assert "voicemail" not in repo.campaign.templates  # "only here" left the template alone


async def test_after_a_fix_the_check_runs_again_and_finds_the_next_problem(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        preview = await open_preview(app, pilot, Draft("Note", "", "It is wel well known.", channel="letter"))
        assert len(problems(preview)) == 1
        preview.query_one(ProblemList).focus()
        await pilot.press("enter")
        await choose(pilot, "well")
        await until(pilot, lambda: preview.body == "It is well well known.")
        assert problems(preview) == ['"well" is repeated.']  # the fix made a new problem: found at once
        await pilot.press("enter")  # one suggestion: put in place at once
        await until(pilot, lambda: preview.body == "It is well known.")
        assert problems(preview) == []


async def test_health_tech_is_not_flagged_in_the_preview(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        preview = await open_preview(app, pilot, Draft("Note", "", "I admire your health-tech work.", "letter"))
        assert problems(preview) == []


async def test_a_template_misspelling_is_fixed_in_the_stored_template(make_app, repo) -> None:
    app = make_app()
    cold = template_for(repo.campaign, "request_cold")
    repo.save_template(dataclasses.replace(cold, body=cold.body.replace("Thank you", "Thank you, wiht gratitude")))
    person = a_person(repo)
    message = draft(template_for(repo.campaign, "request_cold"), context_for(repo.campaign, person), "Cold")
    async with app.run_test(size=(80, 24)) as pilot:
        preview = await open_preview(app, pilot, message)
        [problem] = [p for p in problems(preview) if "wiht" in p]
        assert problem.endswith(f"From the template \u201c{cold.name}\u201d.")
        problem_list = preview.query_one(ProblemList)
        problem_list.focus()
        problem_list.highlighted = problems(preview).index(problem)
        await pilot.press("enter")
        await choose(pilot, "with")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await until(pilot, lambda: "with gratitude" in preview.body)
        assert not any("wiht" in p for p in problems(preview))
    stored = repo.campaign.templates["request_cold"]
    assert "Thank you, with gratitude" in stored.body and "wiht" not in stored.body
    repo.flush()
    assert "with gratitude" in repo.storage.read()["templates"]["1"]["request_cold"]["body"]


async def test_a_pitch_misspelling_is_fixed_in_the_profile(make_app, repo) -> None:
    app = make_app()
    repo.save_profile(dataclasses.replace(repo.campaign.profile, pitch="I'm a servise designer."))
    message = draft(template_for(repo.campaign, "request_cold"), context_for(repo.campaign, a_person(repo)), "Cold")
    async with app.run_test(size=(80, 24)) as pilot:
        preview = await open_preview(app, pilot, message)
        [problem] = [p for p in problems(preview) if "servise" in p]
        assert problem.endswith("From your profile's pitch.")
        problem_list = preview.query_one(ProblemList)
        problem_list.focus()
        problem_list.highlighted = problems(preview).index(problem)
        await pilot.press("enter")
        await choose(pilot, "service")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await until(pilot, lambda: "a service designer" in preview.body)
    assert repo.campaign.profile.pitch == "I'm a service designer."


async def test_a_fix_never_lands_on_text_typed_since_the_check(make_app, monkeypatch, notices) -> None:
    monkeypatch.setattr(message_widget, "RECHECK_DELAY", 3600)  # the check after typing has not run yet
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        preview = await open_preview(app, pilot, Draft("Note", "", "I wel see.", channel="letter"))
        preview.body_area.insert("Oh, ", (0, 0))
        preview.query_one(ProblemList).focus()
        await pilot.press("enter")
        await until(pilot, lambda: any("text changed" in notice.message for notice in notices))
        assert preview.body == "Oh, I wel see."
        assert isinstance(app.screen, MessageScreen)
        [problem] = preview.problems
        assert preview.body[problem.issue.start : problem.issue.end] == "wel"  # checked again


async def test_a_fix_made_from_the_templates_screen_reaches_its_editor(make_app, repo) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f5")
        screen = await expect(pilot, TemplatesScreen)
        screen.body_area.focus()
        await pilot.press("ctrl+home", *"Helo. ")  # typed in the editor, not saved yet
        await pilot.press("ctrl+y")
        preview = await expect(pilot, MessageScreen)
        [problem] = [p for p in problems(preview) if '"Helo"' in p]
        assert problem.endswith(f"From the template \u201c{DEFAULT_TEMPLATES['request_direct'].name}\u201d.")
        problem_list = preview.query_one(ProblemList)
        problem_list.focus()
        problem_list.highlighted = problems(preview).index(problem)
        await pilot.press("enter")
        await choose(pilot, "Hello")
        await expect(pilot, ConfirmScreen)
        await pilot.press("y")
        await until(pilot, lambda: preview.body.startswith("Hello. "))
        await pilot.press("escape")
        await expect(pilot, TemplatesScreen)
        assert screen.body_area.text.startswith("Hello. Hi {first_name},")
        assert not screen.dirty
    assert repo.campaign.templates["request_direct"].body.startswith("Hello. Hi {first_name},")

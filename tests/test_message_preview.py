"""The message preview on its own: problems shown and fixed, the copy gate, the count, the result."""

from __future__ import annotations

import pytest

from infoint_tui.tui.widgets.choice import ChoiceScreen
from infoint_tui.tui.widgets.confirm import ConfirmScreen
from infoint_tui.tui.widgets.message import Copied, Draft, MessageScreen, ProblemList
from tests.outreach_support import pasted, text_of, until  # noqa: F401 - fixture

pytestmark = pytest.mark.usefixtures("pasted")

TYPOS = Draft(
    "A test",
    "Folow-up",
    "Hi {first_name},\nI would realy like to to talk about {nmae}.\nAlex",
    detail="To Ana: ana@example.com",
)


async def open_preview(app, pilot, message: Draft, results: list[Copied]) -> MessageScreen:
    app.push_screen(MessageScreen(message), results.append)
    await until(pilot, lambda: isinstance(app.screen, MessageScreen))
    return app.screen


def problems(preview: MessageScreen) -> list[str]:
    return [str(option.prompt) for option in preview.query_one(ProblemList).options]


def status(preview: MessageScreen) -> str:
    return text_of(preview.query_one("#message-status"))


async def test_every_kind_of_problem_is_listed_and_marked(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        preview = await open_preview(app, pilot, TYPOS, [])
        assert problems(preview) == [
            'Subject: "Folow" may be misspelled; did you mean "Follow", "Flow" or "Food"?',
            "The blank {first_name} has not been filled in.",
            '"realy" may be misspelled; did you mean "really", "real" or "ready"?',
            '"to" is repeated.',
            "{nmae} is not a known placeholder.",
        ]
        assert status(preview) == (
            "5 problems: 2 misspelled words, 1 doubled word, 1 unfilled placeholder, "
            "1 unknown placeholder. Tab to the list: Enter fixes one, a adds a word "
            "to yours."
        )
        area = preview.body_area
        marked = [line.plain[span.start : span.end] for line in map(area.get_line, range(3)) for span in line.spans]
        assert marked == ["{first_name}", "realy", "to to", "{nmae}"]


async def test_names_and_own_words_are_never_flagged(make_app, repo) -> None:
    app = make_app()
    draft = Draft(
        "Names", "", "Zoë Løvland at Northwind and Wayne Enterprises told me about infoint.", channel="linkedin"
    )
    async with app.run_test(size=(80, 24)) as pilot:
        preview = await open_preview(app, pilot, draft, [])
        assert problems(preview) == []
        assert status(preview) == "No problems found."
        assert "infoint" in repo.campaign.profile.words  # the demo user's own word


async def test_the_first_copy_warns_and_the_second_insists(make_app) -> None:
    app = make_app()
    results: list[Copied] = []
    async with app.run_test(size=(80, 24)) as pilot:
        preview = await open_preview(app, pilot, TYPOS, results)
        await pilot.press("ctrl+y")
        assert status(preview) == "5 problems: press ctrl+y again to copy anyway"
        assert app.clipboard == ""
        await pilot.press("ctrl+y")
        assert app.clipboard == TYPOS.body
        assert status(preview).startswith(
            f"Sent {len(TYPOS.body)} characters to your terminal's clipboard (OSC 52). If it did not arrive:"
        )
        await pilot.press("escape")
        await pilot.pause()
    assert results == [Copied(True, TYPOS.subject, TYPOS.body)]


async def test_an_edit_after_the_warning_warns_again(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        preview = await open_preview(app, pilot, TYPOS, [])
        await pilot.press("ctrl+y", "end", "!", "ctrl+y")
        assert app.clipboard == ""
        assert status(preview) == "5 problems: press ctrl+y again to copy anyway"


async def test_enter_on_a_problem_puts_the_suggestion_in_place(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        preview = await open_preview(app, pilot, TYPOS, [])
        preview.query_one(ProblemList).focus()
        await pilot.press("enter")  # the subject's misspelling: its suggestions are offered
        await until(pilot, lambda: isinstance(app.screen, ChoiceScreen))
        await pilot.press("enter")  # the likeliest, first
        await until(pilot, lambda: isinstance(app.screen, MessageScreen))
        await pilot.press("down", "enter")  # "realy" (the blank before it has no suggestion)
        await until(pilot, lambda: isinstance(app.screen, ChoiceScreen))
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, MessageScreen))
        assert preview.subject == "Follow-up"
        await pilot.press("enter")  # the highlight stays in place: now on "to to"
        assert preview.body == "Hi {first_name},\nI would really like to talk about {nmae}.\nAlex"
        assert problems(preview) == [
            "The blank {first_name} has not been filled in.",
            "{nmae} is not a known placeholder.",
        ]


async def test_a_flagged_word_can_join_my_words(make_app, repo) -> None:
    app = make_app()
    draft = Draft("Jargon", "", "We discussed servicescapes at length.", channel="letter")
    async with app.run_test(size=(80, 24)) as pilot:
        preview = await open_preview(app, pilot, draft, [])
        assert len(problems(preview)) == 1
        preview.query_one(ProblemList).focus()
        await pilot.press("a")
        assert problems(preview) == []
        assert preview.body_area.has_focus
        await pilot.press("ctrl+y")
        assert app.clipboard == draft.body  # no warning left
    assert repo.campaign.profile.words[-1] == "servicescapes"


async def test_linkedin_notes_count_against_300_and_a_longer_one_is_a_problem(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        preview = await open_preview(app, pilot, Draft("Note", "", "Hello there. " * 24, "linkedin"), [])
        count = preview.query_one("#message-count")
        assert text_of(count) == "312 of 300 characters (LinkedIn's limit for a note)"
        assert count.has_class("-over")
        assert status(preview) == "1 problem: 12 characters over LinkedIn's limit"
        await pilot.press("ctrl+y")
        assert app.clipboard == ""
        assert status(preview) == "1 problem: press ctrl+y again to copy anyway"
        await pilot.press("end", *["backspace"] * 13)
        assert text_of(count) == "299 of 300 characters (LinkedIn's limit for a note)"
        await pilot.press("ctrl+y")
        assert app.clipboard == preview.body


async def test_ctrl_t_copies_the_subject(make_app) -> None:
    app = make_app()
    draft = Draft("Mail", "Thank you, Ana", "Hi Ana,\nThanks.\nAlex")
    results: list[Copied] = []
    async with app.run_test(size=(80, 24)) as pilot:
        preview = await open_preview(app, pilot, draft, results)
        await pilot.press("ctrl+t")
        assert app.clipboard == "Thank you, Ana"
        assert status(preview).startswith("Subject: Sent 14 characters")
        await pilot.press("escape")
        await pilot.pause()
    assert results == [Copied(False, "Thank you, Ana", "Hi Ana,\nThanks.\nAlex")]


async def test_closing_with_uncopied_edits_asks_first(make_app) -> None:
    app = make_app()
    draft = Draft("Mail", "Hello", "Hi Ana,\nThanks.\nAlex")
    results: list[Copied] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await open_preview(app, pilot, draft, results)
        await pilot.press("end", "!", "escape")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, MessageScreen))
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await until(pilot, lambda: bool(results))
    assert results == [Copied(False, "Hello", "Hi Ana,!\nThanks.\nAlex")]

"""Requests and the forms around them, as a job seeker meets them: objective numbers that stay
put, a warning for another company's objective, drop-down letters, the reply to an
introduction, text fields that keep their text and undo, and escape that asks first."""

from __future__ import annotations

import pytest
from textual.widgets import Input, OptionList, Static, TextArea

from infoint_tui import clock
from infoint_tui.domain.defaults import DEFAULT_TEMPLATES
from infoint_tui.domain.models import Company, Degree, Objective, ObjectiveKind, Person
from infoint_tui.domain.objectives import about_another_company
from infoint_tui.domain.templates import render_template
from infoint_tui.tui.flows.outreach import record_reply
from infoint_tui.tui.widgets.choice import ChoiceScreen
from infoint_tui.tui.widgets.confirm import ConfirmScreen
from infoint_tui.tui.widgets.day_question import DayScreen
from infoint_tui.tui.widgets.dropdown import Dropdown
from infoint_tui.tui.widgets.form import Field, FormScreen
from infoint_tui.tui.widgets.message import MessageScreen
from infoint_tui.tui.widgets.text_fields import TextInput
from tests.outreach_support import expect, pasted, small_campaign, text_of  # noqa: F401 - fixture
from tests.test_form import UNANSWERED, Host
from tests.test_outreach_flow import copy_and_confirm, start_request

pytestmark = pytest.mark.usefixtures("pasted")


def options_shown(screen: ChoiceScreen) -> list[str]:
    return [str(option.prompt) for option in screen.query_one("#choice-list", OptionList).options]


# --- the objective picker -------------------------------------------------------------------


async def test_a_digit_picks_the_same_objective_in_every_request(make_app, empty_repo) -> None:
    ids = small_campaign(empty_repo, degree=Degree.FIRST)
    role = empty_repo.add(Objective(ObjectiveKind.ROLE, "the day-to-day work of a research lead"))
    async with make_app(empty_repo).run_test(size=(80, 24)) as pilot:
        await start_request(pilot, ids["target"])
        picker = await expect(pilot, ChoiceScreen)
        assert "(last used)" not in " ".join(options_shown(picker))
        await pilot.press("2")
        await copy_and_confirm(pilot)

        await start_request(pilot, ids["colleague"])
        picker = await expect(pilot, ChoiceScreen)
        first, second = options_shown(picker)
        assert first.startswith(" 1  digital healthcare") and "(last used)" not in first
        assert second.startswith(" 2  the day-to-day work") and second.endswith("(last used)")
        assert picker.query_one("#choice-list", OptionList).highlighted == 1  # Enter takes the last used
        await pilot.press("2")
        preview = await expect(pilot, MessageScreen)
        assert "the day-to-day work of a research lead" in preview.body
        await copy_and_confirm(pilot)
    assert {o.person_id: o.objective_id for o in empty_repo.campaign.outreach.values()} == {
        ids["target"]: role.id,
        ids["colleague"]: role.id,
    }


async def test_a_company_objective_for_someone_at_another_company_is_marked(make_app, empty_repo) -> None:
    ids = small_campaign(empty_repo, degree=Degree.FIRST)  # Ana Silva works at Acme Health
    empty_repo.add(Objective(ObjectiveKind.COMPANY, "what working at Globex is really like"))
    empty_repo.add(Objective(ObjectiveKind.COMPANY, "how Acme Health runs its research"))
    async with make_app(empty_repo).run_test(size=(80, 24)) as pilot:
        await start_request(pilot, ids["target"])
        picker = await expect(pilot, ChoiceScreen)
        assert text_of(picker.query_one("#choice-detail", Static)) == (
            "Careful: Ana Silva works at Acme Health, and the marked objective is about another company."
        )
        industry, globex, acme = options_shown(picker)
        assert globex.endswith("Globex is really like  (another company)")
        assert "(another company)" not in industry + acme
        await pilot.press("escape")
        await pilot.pause()
    assert empty_repo.campaign.outreach == {}


async def test_a_single_objective_about_another_company_is_shown_before_it_is_used(make_app, empty_repo) -> None:
    ids = small_campaign(empty_repo, degree=Degree.FIRST)
    only = empty_repo.campaign.objectives[ids["objective"]]
    empty_repo.edit(only, lambda o: setattr(o, "active", False))
    empty_repo.add(Objective(ObjectiveKind.COMPANY, "what working at Globex is really like"))
    async with make_app(empty_repo).run_test(size=(80, 24)) as pilot:
        await start_request(pilot, ids["target"])
        picker = await expect(pilot, ChoiceScreen)
        assert "Careful: Ana Silva works at Acme Health" in text_of(picker.query_one("#choice-detail", Static))
        await pilot.press("1")
        await expect(pilot, MessageScreen)


def test_a_company_is_named_by_its_name_or_alias_as_whole_words() -> None:
    acme = Company("Acme Health", aliases=["Acme Hospitals"], id=1)
    grid = Company("Grid", id=2)
    person = Person("Ana Silva", company_id=1, id=5)

    def elsewhere(text: str, kind: ObjectiveKind = ObjectiveKind.COMPANY) -> str | None:
        from infoint_tui.domain.models import Campaign

        campaign = Campaign(companies={1: acme, 2: grid}, people={5: person})
        found = about_another_company(campaign, Objective(kind, text), person)
        return found.name if found else None

    assert elsewhere("life at the Grid's head office") == "Grid"
    assert elsewhere("the gridiron of hospital software") is None
    assert elsewhere("how Grid and Acme Hospitals work together") is None  # one of them is theirs
    assert elsewhere("life at the Grid", ObjectiveKind.INDUSTRY) is None


# --- drop-downs -----------------------------------------------------------------------------


async def test_c_reaches_company_in_about_closed_or_open(make_app) -> None:
    async with make_app().run_test(size=(80, 24)) as pilot:
        for keys in (["c"], ["enter", "c", "enter"]):
            await pilot.press("f4", "n")
            form = await expect(pilot, FormScreen)
            about = form.query_one("#field-kind", Dropdown)
            assert pilot.app.focused is about
            await pilot.press(*keys)
            await pilot.pause()
            assert about.value == "company", keys
            assert not about.expanded
            await pilot.press("escape", "y")  # the choice is a change: discard it
            await pilot.pause()


async def test_the_same_letter_again_moves_to_the_next_option_starting_with_it() -> None:
    choices = [("Call", "call"), ("Coffee", "coffee"), ("Video", "video")]
    app = Host(FormScreen("Meeting", [Field("how", "How", "video", choices=choices)]))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        how = app.screen.query_one(Dropdown)
        await pilot.press("c")
        assert how.value == "call"
        await pilot.press("c")
        assert how.value == "coffee"
        await pilot.press("c")
        assert how.value == "call"


# --- the request after an introduction ----------------------------------------------------


async def test_an_introduced_person_is_written_a_reply_that_thanks_the_mutual(make_app, empty_repo) -> None:
    ids = small_campaign(empty_repo)
    clock.fix("2026-12-01")
    async with make_app(empty_repo).run_test(size=(80, 24)) as pilot:
        await start_request(pilot, ids["target"])
        await expect(pilot, ChoiceScreen)
        await pilot.press("i")
        asked = await copy_and_confirm(pilot)
        assert "kindly offered" not in asked.body

        screen = pilot.app.screen
        outreach = next(iter(empty_repo.campaign.outreach.values()))
        screen.run_worker(record_reply(screen, outreach.id), exclusive=True, group="test-reply")
        await expect(pilot, ChoiceScreen)
        await pilot.press("i")  # Maria introduced us
        await expect(pilot, DayScreen)
        await pilot.press("y")  # today
        await expect(pilot, ConfirmScreen)
        await pilot.press("y")  # write the request now
        preview = await expect(pilot, MessageScreen)
        assert preview.subject == "Following Maria's introduction"
        assert preview.body.startswith("Thank you for the introduction, Maria.")
        assert "Hi Ana," in preview.body
        assert "mutual connection" not in preview.body  # not the cold text naming her


def test_the_ask_for_an_introduction_never_says_the_mutual_offered() -> None:
    body = DEFAULT_TEMPLATES["intro_ask"].body
    assert "offered" not in body
    rendered = render_template(DEFAULT_TEMPLATES["intro_ask"], {"introducer_first_name": "Maria"}).body.text
    assert "We both know Maria" in rendered


# --- text fields ----------------------------------------------------------------------------


def two_fields() -> FormScreen:
    return FormScreen("Person", [Field("name", "Name", "Ana"), Field("notes", "Notes", "first line", multiline=True)])


async def test_focusing_a_filled_field_then_typing_adds_to_its_text() -> None:
    app = Host(FormScreen("Person", [Field("name", "Name", "Ana"), Field("title", "Title", "Lead")]))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("s")  # the first field, focused as the dialog opens
        await pilot.press("tab", "s")
        await pilot.press("shift+tab", "h")
        assert app.screen.query_one("#field-name", Input).value == "Anash"
        assert app.screen.query_one("#field-title", Input).value == "Leads"


async def test_every_text_field_of_every_screen_keeps_its_text_on_focus(make_app) -> None:
    async with make_app().run_test(size=(120, 40)) as pilot:
        for key in ("f2", "f3", "f4", "f5", "f6", "f7", "f8"):
            await pilot.press(key)
            await pilot.pause()
            for field in pilot.app.screen.query(Input):
                assert isinstance(field, TextInput) and not field.select_on_focus, (key, field)


async def test_ctrl_z_undoes_in_an_input_and_a_text_area_and_ctrl_y_redoes() -> None:
    app = Host(two_fields())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        name = app.screen.query_one("#field-name", Input)
        await pilot.press(*" Silva")
        await pilot.press("ctrl+z")
        assert (name.value, name.cursor_position) == ("Ana", 3)  # the word typed goes in one step
        await pilot.press("ctrl+y")
        assert name.value == "Ana Silva"
        await pilot.press("ctrl+u")  # one key wipes the line...
        assert name.value == ""
        await pilot.press("ctrl+z")  # ...and one brings it back
        assert name.value == "Ana Silva"
        await pilot.press("ctrl+z", "ctrl+z", "ctrl+z")  # no further back than the start
        assert name.value == "Ana"

        await pilot.press("tab")
        notes = app.screen.query_one("#field-notes", TextArea)
        await pilot.press("end", *" and more")
        assert notes.text == "first line and more"
        await pilot.press("ctrl+z")
        assert notes.text == "first line"
        await pilot.press("ctrl+y")
        assert notes.text == "first line and more"


# --- escape on a form -------------------------------------------------------------------------


async def test_escape_with_changes_asks_keep_keeps_the_text_and_discard_closes() -> None:
    app = Host(two_fields())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press(*" Silva", "escape")
        await expect(pilot, ConfirmScreen)
        assert "Keep editing (n)" in str(app.screen.query_one("#confirm-no").label)
        await pilot.press("enter")  # a hurried Enter keeps editing, as n does
        form = await expect(pilot, FormScreen)
        assert form.query_one("#field-name", Input).value == "Ana Silva"
        assert app.result is UNANSWERED

        await pilot.press("escape")
        await expect(pilot, ConfirmScreen)
        assert "Discard (y)" in str(app.screen.query_one("#confirm-yes").label)
        await pilot.press("y")
        await pilot.pause()
    assert app.result is None


async def test_escape_without_changes_closes_at_once() -> None:
    app = Host(two_fields())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("x", "backspace", "escape")  # changed, then back as it was
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmScreen)
    assert app.result is None

"""The Templates screen: edit, keep, reset, and preview for a chosen person, by keys."""

from __future__ import annotations

import pytest
from textual.command import CommandList, CommandPalette
from textual.widgets import Input, OptionList

from infoint_tui.domain.defaults import DEFAULT_TEMPLATES
from infoint_tui.domain.templates import PLACEHOLDERS
from infoint_tui.tui.screens.templates import TemplatesScreen
from infoint_tui.tui.widgets.confirm import ConfirmScreen
from infoint_tui.tui.widgets.message import MessageScreen
from tests.outreach_support import expect, pasted, text_of, until  # noqa: F401 - fixture

pytestmark = pytest.mark.usefixtures("pasted")


async def open_templates(pilot) -> TemplatesScreen:
    await pilot.press("f5")
    screen = await expect(pilot, TemplatesScreen)
    assert isinstance(screen, TemplatesScreen)
    return screen


async def choose(pilot, screen: TemplatesScreen, key: str) -> None:
    listing = screen.query_one("#templates-list", OptionList)
    listing.focus()
    await pilot.press("home", *["down"] * list(DEFAULT_TEMPLATES).index(key))
    assert screen.key == key


def first_hit(app) -> str:
    """The top line of the command palette's hits, once there are any."""
    hits = app.screen.query_one(CommandList)
    return str(hits.get_option_at_index(0).prompt) if hits.option_count else ""


def preview(screen: TemplatesScreen) -> str:
    return text_of(screen.query_one("#templates-preview"))


def blanks(screen: TemplatesScreen) -> str:
    return text_of(screen.query_one("#templates-blanks"))


def head(screen: TemplatesScreen) -> str:
    return text_of(screen.query_one("#templates-preview-head"))


async def test_it_lists_every_template_and_previews_for_the_first_person_approached(make_app, repo) -> None:
    first = repo.campaign.people[min(repo.campaign.outreach.values(), key=lambda o: o.id).person_id]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_templates(pilot)
        names = [str(o.prompt) for o in screen.query_one("#templates-list", OptionList).options]
        assert names == [t.name for t in DEFAULT_TEMPLATES.values()]
        assert head(screen).startswith(f"Preview for {first.name} · ")
        assert preview(screen).startswith(f"Subject: Could I borrow 20 minutes of your time? Hi {first.first_name},")


async def test_the_preview_follows_every_keystroke_and_names_the_blanks(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_templates(pilot)
        screen.body_area.focus()
        await pilot.press("ctrl+home", *"{nmae} {discussed} ")
        assert preview(screen).split("? ", 1)[1].startswith("{nmae} {discussed} Hi ")
        assert blanks(screen) == "No value: {discussed} Not placeholders: {nmae}"
        marked = [screen.body_area.get_line(0).plain[s.start : s.end] for s in screen.body_area.get_line(0).spans]
        assert "{nmae}" in marked and "{discussed}" in marked


async def test_ctrl_s_keeps_my_version_and_the_list_says_edited(make_app, repo) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_templates(pilot)
        await choose(pilot, screen, "follow_up")
        screen.query_one("#templates-subject", Input).focus()
        await pilot.press("end", *" (short)", "ctrl+s")
        await pilot.pause()
        option = screen.query_one("#templates-list", OptionList).get_option("follow_up")
        assert str(option.prompt).endswith(" · edited")
    saved = repo.campaign.templates["follow_up"]
    assert saved.subject == "Following up: 20 minutes to learn about your work (short)"
    assert saved.body == DEFAULT_TEMPLATES["follow_up"].body


async def test_moving_to_another_template_keeps_what_was_typed(make_app, repo) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_templates(pilot)
        screen.body_area.focus()
        await pilot.press("ctrl+home", *"Hello! ")
        await choose(pilot, screen, "voicemail")
        assert not screen.query_one("#templates-subject-line").display  # a voicemail has no subject
    assert repo.campaign.templates["request_direct"].body.startswith("Hello! Hi {first_name},")


async def test_ctrl_r_puts_back_the_default_after_asking(make_app, repo) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_templates(pilot)
        screen.body_area.focus()
        await pilot.press("ctrl+home", *"Hello! ", "ctrl+s", "ctrl+r")
        question = await expect(pilot, ConfirmScreen)
        assert question.question == "Put back the default wording of “Request: someone I know”?"
        await pilot.press("n")
        await expect(pilot, TemplatesScreen)
        assert "request_direct" in repo.campaign.templates
        await pilot.press("ctrl+r")
        await expect(pilot, ConfirmScreen)
        await pilot.press("y")
        await until(pilot, lambda: "request_direct" not in repo.campaign.templates)
        assert screen.body_area.text == DEFAULT_TEMPLATES["request_direct"].body


async def test_ctrl_o_previews_for_someone_else(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_templates(pilot)
        await pilot.press("ctrl+o")
        await expect(pilot, CommandPalette)
        await pilot.press(*"Zoë Løv")
        await until(pilot, lambda: first_hit(app).startswith("Zoë Løvland"), "the search result")
        await pilot.press("enter")
        await expect(pilot, TemplatesScreen)
        assert head(screen).startswith("Preview for Zoë Løvland")
        assert "Hi Zoë," in preview(screen)


async def test_linkedin_notes_count_against_300(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_templates(pilot)
        await choose(pilot, screen, "request_linkedin")
        assert " of 300 characters" in head(screen)
        screen.body_area.focus()
        await pilot.press("ctrl+end")
        screen.body_area.insert("x" * 120)  # pasted: the count is the point, not the typing
        await pilot.pause()
        count = int(head(screen).split(" · ")[1].split()[0])
        assert count > 300
        style = screen.query_one("#templates-preview-head").content.spans[-1].style
        assert "red" in str(style)


async def test_ctrl_g_puts_a_placeholder_at_the_cursor(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_templates(pilot)
        screen.body_area.focus()
        await pilot.press("ctrl+home", "ctrl+g")
        await expect(pilot, CommandPalette)
        await pilot.press(*"my_pitch")
        await until(pilot, lambda: first_hit(app).startswith("{my_pitch}"), "the placeholders")
        await pilot.press("enter")
        await expect(pilot, TemplatesScreen)
        assert screen.body_area.text.startswith("{my_pitch}Hi {first_name},")


async def test_ctrl_y_opens_the_filled_in_text_to_check_and_copy(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_templates(pilot)
        await choose(pilot, screen, "thank_interviewer")
        await pilot.press("ctrl+y")
        message = await expect(pilot, MessageScreen)
        assert message.message.title.startswith("Thank-you: the person I interviewed, for ")
        assert "{discussed}" in message.body  # nobody interviewed yet: the blank stays, and is flagged
        await pilot.press("ctrl+y")
        assert app.clipboard == ""
        assert "press ctrl+y again" in text_of(message.query_one("#message-status"))


async def test_the_placeholders_are_listed_beside_the_editor_when_wide(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await open_templates(pilot)
        listing = screen.query_one("#templates-placeholders")
        assert listing.display and listing.region.width > 0
        await pilot.resize_terminal(80, 24)
        # Textual lays a resized screen out on a later refresh, not within the resize
        await until(pilot, lambda: listing.region.width == 0, "the listing folded away at 80 columns")
        table = text_of(listing.query_one("Static"))
        assert all(f"{{{name}}}" in table for name in PLACEHOLDERS)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_snapshot(snap_compare, make_app, size) -> None:
    assert snap_compare(make_app(), press=["f5", "down"], terminal_size=size)

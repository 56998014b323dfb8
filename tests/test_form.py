"""The form dialog and the yes/no question, driven by keys as a user would."""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.widgets import Input, Select, Static, TextArea

from infoint_tui.domain import validation as v
from infoint_tui.tui.widgets.confirm import ConfirmScreen
from infoint_tui.tui.widgets.form import Field, FormScreen
from tests.support import until

UNANSWERED = object()


class Host(App):
    """Shows one dialog and keeps what it returned."""

    def __init__(self, dialog) -> None:
        super().__init__()
        self.dialog = dialog
        self.result: Any = UNANSWERED

    def on_mount(self) -> None:
        self.push_screen(self.dialog, self._keep)

    def _keep(self, result: Any) -> None:
        self.result = result


def person_form(**kwargs: Any) -> FormScreen:
    return FormScreen(
        "New person",
        [
            Field("name", "Name", check=v.required),
            Field("degree", "Degree", choices=[("1st", "1st"), ("2nd", "2nd"), ("Cold", "cold")], value="cold"),
            Field("email", "E-mail", check=v.email, help="Optional."),
            Field("notes", "Notes", multiline=True),
            Field("years", "Years", value="3", check=lambda text: v.whole_number(text, 0, 60)),
        ],
        **kwargs,
    )


def message(app: App, name: str) -> str:
    widget = app.screen.query_one(f"#row-{name} .form-message", Static)
    return str(widget.render()) if widget.display else ""


async def test_typing_and_tabbing_fill_the_fields_and_ctrl_s_returns_them() -> None:
    app = Host(person_form())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()  # the dialog is up and focused
        await pilot.press(*"  Ana López ", "tab")
        assert app.focused is app.screen.query_one("#field-degree", Select)
        await pilot.press("enter", "up", "enter", "tab")  # open the list, pick the one above "cold"
        await pilot.press(*"ana@example.com", "tab", *"met at the fair", "enter", *"twice", "tab")
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.result == {
        "name": "Ana López",
        "degree": "2nd",
        "email": "ana@example.com",
        "notes": "met at the fair\ntwice",
        "years": "3",
    }


async def test_a_bad_field_says_why_when_left_and_the_message_goes_once_fixed() -> None:
    app = Host(person_form())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()  # the dialog is up and focused
        await pilot.press("tab", "tab")
        assert message(app, "email") == "Optional."  # help, before anything is wrong
        await pilot.press(*"ana@example", "tab")
        # Checked once the focus has landed, after the next refresh
        await until(pilot, lambda: message(app, "email") != "Optional.", "the e-mail checked")
        assert message(app, "email") == "Write an e-mail like ana@example.com."
        assert app.screen.query_one("#row-email").has_class("-bad")
        assert message(app, "name") == "This cannot be left empty."  # left empty earlier
        await pilot.press("shift+tab", "end", *".com")
        assert message(app, "email") == "Optional."
        assert not app.screen.query_one("#row-email").has_class("-bad")


async def test_nothing_is_returned_while_anything_is_invalid() -> None:
    app = Host(person_form())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()  # the dialog is up and focused
        await pilot.press("tab", "tab", "tab", "tab", *"lots")  # after the 3: "3lots"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.result is UNANSWERED
        assert isinstance(app.screen, FormScreen)
        assert message(app, "name") == "This cannot be left empty."
        assert message(app, "years") == "Write a whole number from 0 to 60."
        assert app.focused is app.screen.query_one("#field-name", Input)  # the first bad field
        await pilot.press(*"Ana", "ctrl+s")
        await pilot.pause()
        assert app.result is UNANSWERED  # years is still wrong
        assert app.focused is app.screen.query_one("#field-years", Input)
        await pilot.press("ctrl+u", "4", "enter")  # Enter in the last field saves
        await pilot.pause()
    assert app.result is not UNANSWERED
    assert app.result["name"] == "Ana" and app.result["years"] == "4"


async def test_enter_before_the_last_field_moves_on_without_saving() -> None:
    app = Host(person_form())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()  # the dialog is up and focused
        await pilot.press(*"Ana", "enter")
        await pilot.pause()
        assert app.result is UNANSWERED
        assert app.focused is app.screen.query_one("#field-degree", Select)


async def test_cross_field_rules_show_on_their_field() -> None:
    def no_self_introduction(values: dict[str, str]) -> dict[str, str]:
        return {"email": "Someone else must introduce you."} if values["name"] == "Me" else {}

    app = Host(person_form(check_all=no_self_introduction))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()  # the dialog is up and focused
        await pilot.press(*"Me", "ctrl+s")
        await pilot.pause()
        assert app.result is UNANSWERED
        assert message(app, "email") == "Someone else must introduce you."
        assert app.focused is app.screen.query_one("#field-email", Input)


async def test_escape_returns_none_once_the_typed_text_is_discarded() -> None:
    app = Host(person_form())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()  # the dialog is up and focused
        await pilot.press(*"Ana", "escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
    assert app.result is None


async def test_a_blank_choice_must_be_made_when_required() -> None:
    form = FormScreen("Objective", [Field("kind", "Kind", choices=[("Role", "role")], check=v.required)])
    app = Host(form)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()  # the dialog is up and focused
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.result is UNANSWERED
        assert message(app, "kind") == "This cannot be left empty."
        await pilot.press("enter", "down", "enter", "ctrl+s")
        await pilot.pause()
    assert app.result == {"kind": "role"}


async def test_a_long_form_scrolls_to_the_field_in_focus() -> None:
    fields = [Field(f"f{n}", f"Field {n}", check=v.required) for n in range(20)]
    app = Host(FormScreen("Long", fields))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()  # the dialog is up and focused
        await pilot.press("ctrl+s")  # everything is empty: focus goes to f0
        for _ in range(19):
            await pilot.press(*"x", "tab")
        await pilot.pause()
        last = app.screen.query_one("#field-f19", Input)
        assert app.focused is last
        assert last.region.height == 1 and app.screen.region.contains_region(last.region)
        await pilot.press("x", "enter")
        await pilot.pause()
    assert app.result == {f"f{n}": "x" for n in range(20)}


async def test_multiline_values_are_stripped_and_keep_inner_lines() -> None:
    app = Host(FormScreen("Note", [Field("notes", "Notes", value="  first\nsecond  \n", multiline=True)]))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()  # the dialog is up and focused
        assert isinstance(app.focused, TextArea)
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.result == {"notes": "first\nsecond"}


async def test_confirm_keys() -> None:
    for keys, expected in [
        (["y"], True),
        (["enter"], True),
        (["n"], False),
        (["escape"], False),
        (["tab", "enter"], False),
    ]:
        app = Host(ConfirmScreen("Delete Ana?", "Also goes: 2 outreach."))
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()  # the dialog is up and focused
            text = " ".join(str(w.render()) for w in app.screen.query(Static))
            assert "Delete Ana?" in text and "Also goes: 2 outreach." in text
            await pilot.press(*keys)
            await pilot.pause()
        assert app.result is expected, keys


async def test_dialogs_survive_a_tiny_terminal() -> None:
    app = Host(person_form())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()  # the dialog is up and focused
        await pilot.resize_terminal(20, 6)
        await pilot.pause()
        await pilot.press(*"Ana", "ctrl+s")
        await pilot.pause()
    assert app.result["name"] == "Ana"

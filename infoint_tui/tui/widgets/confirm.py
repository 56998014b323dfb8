"""A yes/no question before something that cannot be undone."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Button, Static

from infoint_tui.tui.widgets.dialog import Dialog


class ConfirmScreen(Dialog[bool]):
    """Returns True for yes (y, or Enter on the focused yes button), False for no (n, escape)."""

    DEFAULT_CSS = """
    ConfirmScreen > .dialog-box { max-width: 64; border: round $error; }
    ConfirmScreen #confirm-question { text-style: bold; }
    ConfirmScreen #confirm-detail { color: $text-muted; margin: 1 0 0 0; }
    ConfirmScreen #confirm-buttons { height: auto; margin: 1 0 0 0; align-horizontal: right; }
    ConfirmScreen Button { margin: 0 0 0 2; }
    """

    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="confirm_yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm_no"),
    ]

    def __init__(
        self, question: str, detail: str = "", yes: str = "Delete", no: str = "Cancel", *, enter_says_yes: bool = True
    ) -> None:
        super().__init__()
        self.question = question
        self.detail = detail
        self.yes = yes
        self.no = no
        self.enter_says_yes = enter_says_yes

    def compose(self) -> ComposeResult:
        with self.box("confirm-box"):
            yield Static(self.question, id="confirm-question", markup=False)
            if self.detail:
                yield Static(self.detail, id="confirm-detail", markup=False)
            with Horizontal(id="confirm-buttons"):
                yield Button(f"{self.yes} (y)", variant="error", compact=True, id="confirm-yes")
                yield Button(f"{self.no} (n)", compact=True, id="confirm-no")

    def on_mount(self) -> None:
        self.query_one("#confirm-yes" if self.enter_says_yes else "#confirm-no", Button).focus()

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "confirm-yes")


async def discard_changes(app: App[Any], question: str, detail: str) -> bool:
    """Asked before a dialog with unsaved changes closes (await it from a worker): True to
    throw them away (y), False to keep editing (n, escape, or Enter: a hurried key keeps them)."""
    return await app.push_screen_wait(
        ConfirmScreen(question, detail, yes="Discard", no="Keep editing", enter_says_yes=False)
    )

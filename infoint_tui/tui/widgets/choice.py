"""Pick one of a few answers with a single key (or the arrows and Enter); escape cancels."""

from __future__ import annotations

from typing import Generic, NamedTuple, TypeVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from infoint_tui.tui.widgets.dialog import Dialog

T = TypeVar("T")


class Choice(NamedTuple, Generic[T]):
    key: str
    label: str | Text
    value: T


class ChoiceScreen(Dialog[T | None]):
    DEFAULT_CSS = """
    ChoiceScreen > .dialog-box { max-width: 72; }
    ChoiceScreen #choice-detail { color: $text-muted; margin: 0 0 1 0; }
    ChoiceScreen #choice-list { height: auto; max-height: 12; border: none; padding: 0; }
    """
    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, question: str, choices: list[Choice[T]], detail: str = "", highlighted: int = 0) -> None:
        """`highlighted` is the choice Enter takes at first."""
        super().__init__()
        self.question = question
        self.choices = choices
        self.detail = detail
        self.highlighted = highlighted

    def compose(self) -> ComposeResult:
        with self.box("choice-box", self.question, "key or ↑↓ Enter · esc Cancel"):
            if self.detail:
                yield Static(self.detail, id="choice-detail", markup=False)
            yield OptionList(
                *(Option(Text.assemble((f" {c.key} ", "bold reverse"), " ", c.label)) for c in self.choices),
                id="choice-list",
            )

    def on_mount(self) -> None:
        self.query_one("#choice-list", OptionList).highlighted = self.highlighted

    def on_key(self, event: events.Key) -> None:
        chosen = next((c for c in self.choices if c.key == event.character), None)
        if chosen is not None:
            event.stop()
            self.dismiss(chosen.value)

    @on(OptionList.OptionSelected, "#choice-list")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.choices[event.option_index].value)

"""Pick one of many by typing part of its name; the likeliest ones are offered first.

The list shows a few dozen rows at most, so it opens at once over thousands of records:
what is not shown is one typed word away (rapidfuzz ranks every name in C).
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Generic, TypeVar

from rapidfuzz import fuzz, process
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from infoint_tui.domain.text import fold
from infoint_tui.tui.widgets.dialog import Dialog
from infoint_tui.tui.widgets.text_fields import TextInput

K = TypeVar("K", bound=Hashable)

#: Rows listed at once; typing finds the others.
SHOWN = 40
FILTER_CUTOFF = 50


class PickScreen(Dialog[K | None], Generic[K]):
    """Returns the key of the picked label (Enter, or a click), or None (escape)."""

    DEFAULT_CSS = """
    PickScreen > .dialog-box { max-width: 72; }
    PickScreen #pick-detail { color: $text-muted; margin: 0 0 1 0; }
    PickScreen #pick-list { height: auto; max-height: 12; border: none; padding: 0; margin: 1 0 0 0; }
    """
    BINDINGS = [
        Binding("escape", "dismiss(None)", "Cancel"),
        Binding("down", "move('down')", "Next", show=False),
        Binding("up", "move('up')", "Previous", show=False),
    ]

    def __init__(
        self, question: str, labels: dict[K, str], first: list[K], *, first_note: str, detail: str = ""
    ) -> None:
        """`first` are listed before the rest (while nothing is typed), each with `first_note`."""
        super().__init__()
        self.question = question
        self.labels = labels
        self.first = [key for key in first if key in labels]
        self.first_note = first_note
        self.detail = detail
        self._folded = {key: fold(label) for key, label in labels.items()}
        self._shown: list[K] = []

    def compose(self) -> ComposeResult:
        with self.box("pick-box", self.question, "type to find · ↑↓ Enter · esc Cancel"):
            if self.detail:
                yield Static(self.detail, id="pick-detail", markup=False)
            yield TextInput(placeholder="part of the name", compact=True, id="pick-filter")
            yield OptionList(id="pick-list")

    def on_mount(self) -> None:
        self._show("")

    @on(Input.Changed, "#pick-filter")
    def _filter(self, event: Input.Changed) -> None:
        self._show(event.value)

    def _show(self, query: str) -> None:
        if query.strip():
            found = process.extract(
                fold(query), self._folded, scorer=fuzz.WRatio, limit=SHOWN, score_cutoff=FILTER_CUTOFF
            )
            self._shown = [key for _, _, key in found]
        else:
            first = set(self.first)
            rest = sorted((key for key in self.labels if key not in first), key=self._folded.__getitem__)
            self._shown = [*self.first, *rest][:SHOWN]
        options = self.query_one("#pick-list", OptionList)
        options.clear_options()
        options.add_options(Option(self._label(key)) for key in self._shown)
        if not self._shown:
            options.add_option(Option(Text("Nothing matches: type less of the name.", style="italic"), disabled=True))
        options.highlighted = 0 if self._shown else None

    def _label(self, key: K) -> Text:
        note = f"  {self.first_note}" if key in self.first else ""
        return Text.assemble(self.labels[key], (note, "italic dim"))

    def action_move(self, direction: str) -> None:
        options = self.query_one("#pick-list", OptionList)
        if direction == "down":
            options.action_cursor_down()
        else:
            options.action_cursor_up()

    @on(Input.Submitted, "#pick-filter")
    def _submitted(self) -> None:
        highlighted = self.query_one("#pick-list", OptionList).highlighted
        if highlighted is not None and highlighted < len(self._shown):
            self.dismiss(self._shown[highlighted])

    @on(OptionList.OptionSelected, "#pick-list")
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        if event.option_index < len(self._shown):
            self.dismiss(self._shown[event.option_index])

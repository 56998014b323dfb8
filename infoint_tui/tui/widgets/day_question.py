"""Did it happen, and on which day? Today, yesterday, or a day typed in."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Button, Input, Static

from infoint_tui.domain import validation
from infoint_tui.tui.widgets.dialog import Dialog

#: Why a day cannot be the one (in one sentence), or None when it can.
DayCheck = Callable[[date], "str | None"]


class DayScreen(Dialog[date | None]):
    """Returns the day it happened: y today, e yesterday, a another day typed as YYYY-MM-DD
    (Enter takes it); n or escape returns None. A day `check` refuses is said, not taken."""

    DEFAULT_CSS = """
    DayScreen > .dialog-box { max-width: 72; }
    DayScreen #day-question { text-style: bold; }
    DayScreen #day-detail { color: $text-muted; margin: 1 0 0 0; }
    DayScreen #day-buttons { height: auto; margin: 1 0 0 0; }
    DayScreen Button { margin: 0 2 0 0; width: auto; min-width: 0; }
    DayScreen #day-input { display: none; margin: 1 0 0 0; background: $boost; }
    DayScreen #day-input.-shown { display: block; }
    DayScreen #day-problem { color: $text-error; height: auto; }
    """
    BINDINGS = [
        Binding("y", "pick(0)", "Today", id="day_today"),
        Binding("e", "pick(1)", "Yesterday", id="day_yesterday"),
        Binding("a", "another_day", "Another day", id="day_other"),
        Binding("n,escape", "dismiss(None)", "Cancel", id="day_cancel"),
    ]

    def __init__(self, question: str, today: date, check: DayCheck, detail: str = "", no: str = "Not yet") -> None:
        super().__init__()
        self.question = question
        self.today = today
        self.check = check
        self.detail = detail
        self.no = no

    def compose(self) -> ComposeResult:
        with self.box(
            "day-box", f"Today is {self.today:%a %-d %b %Y}", f"y today · e yesterday · a another day · n {self.no}"
        ):
            yield Static(self.question, id="day-question", markup=False)
            if self.detail:
                yield Static(self.detail, id="day-detail", markup=False)
            with Horizontal(id="day-buttons"):
                yield Button("Today (y)", variant="primary", compact=True, id="day-0")
                yield Button("Yesterday (e)", compact=True, id="day-1")
                yield Button("Another day (a)", compact=True, id="day-other")
                yield Button(f"{self.no} (n)", compact=True, id="day-cancel")
            yield Input(placeholder="YYYY-MM-DD, then Enter", compact=True, id="day-input")
            yield Static("", id="day-problem", markup=False)

    def on_mount(self) -> None:
        self.query_one("#day-0", Button).focus()

    def action_pick(self, days_ago: int) -> None:
        self._take(self.today - timedelta(days=days_ago))

    def action_another_day(self) -> None:
        field = self.query_one("#day-input", Input)
        field.add_class("-shown")
        field.focus()

    def _take(self, day: date) -> None:
        problem = self.check(day)
        if problem is None:
            self.dismiss(day)
        else:
            self.query_one("#day-problem", Static).update(problem)

    @on(Input.Submitted, "#day-input")
    def _typed(self, event: Input.Submitted) -> None:
        # An empty field is no day either: the same sentence says what to write.
        problem = validation.day(event.value.strip() or "-")
        if problem is not None:
            self.query_one("#day-problem", Static).update(problem)
            return
        self._take(date.fromisoformat(event.value.strip()))

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "day-other":
            self.action_another_day()
        elif event.button.id == "day-cancel":
            self.dismiss(None)
        else:
            self.action_pick(int((event.button.id or "day-0").removeprefix("day-")))

"""The morning review: what is due, overdue first."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from infoint_tui import clock
from infoint_tui.agenda import HEADINGS, KIND_LABELS, review, when_text
from infoint_tui.domain.policy import DueItem, Status
from infoint_tui.tui.screens.base import BaseScreen

STATUS_STYLES = {Status.OVERDUE: "bold red", Status.TODAY: "bold", Status.UPCOMING: "dim"}


class QueueScreen(BaseScreen):
    MODE = "queue"
    TITLE = "Queue"
    HELP = "What is due today, what is late, and what comes in the next days."

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="queue"):
            yield OptionList(id="queue-items")
            with VerticalScroll(id="queue-detail"):
                yield Static(id="queue-card")

    def on_mount(self) -> None:
        self.watch(self.infoint, "data_version", lambda _: self.refresh_data(), init=False)

    def refresh_data(self) -> None:
        now = clock.now()
        self.items = review(self.campaign, now)
        options = self.query_one("#queue-items", OptionList)
        highlighted = options.highlighted
        options.clear_options()
        for status, heading in HEADINGS.items():
            group = [item for item in self.items if item.status == status]
            options.add_option(Option(Text(f"{heading} ({len(group)})", style="bold underline"), disabled=True))
            for item in group:
                options.add_option(Option(self._line(item, now), id=item.key))
        if self.items:
            options.highlighted = highlighted if highlighted is not None else 1
        else:
            self.query_one("#queue-card", Static).update("Nothing is due. Add targets (F3) and send requests.")

    def _line(self, item: DueItem, now) -> Text:  # noqa: ANN001
        return Text.assemble(
            (f"{KIND_LABELS[item.kind]:<14}", STATUS_STYLES[item.status]),
            f"{item.person:<22.22} ",
            (when_text(item, now), "italic"),
        )

    def selected(self) -> DueItem | None:
        options = self.query_one("#queue-items", OptionList)
        if options.highlighted is None:
            return None
        key = options.get_option_at_index(options.highlighted).id
        return next((item for item in self.items if item.key == key), None)

    @on(OptionList.OptionHighlighted, "#queue-items")
    def show_card(self) -> None:
        item = self.selected()
        if item is None:
            return
        lines = [
            Text(f"{KIND_LABELS[item.kind]}: {item.person}", style="bold"),
            Text(item.company or "no company"),
            Text(f"due {item.due:%A %-d %B} ({when_text(item, clock.now())})"),
        ]
        if item.detail:
            lines.append(Text(item.detail, style="italic"))
        self.query_one("#queue-card", Static).update(Text("\n").join(lines))

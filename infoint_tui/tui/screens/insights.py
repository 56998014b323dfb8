"""What the campaign is teaching: lessons per objective, which routes pay off, whom to update."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from infoint_tui import clock
from infoint_tui.domain.insights import (
    ROUTES,
    Funnel,
    ObjectiveInsight,
    connectors_due,
    funnels,
    objective_insights,
)
from infoint_tui.domain.models import Verdict
from infoint_tui.domain.wording import count
from infoint_tui.tui.messages import RECORDS
from infoint_tui.tui.screens.base import BaseScreen

BAR = "█"
TRACK = "░"
#: The yes-rate bars take what the funnel's other columns (74 cells) leave, within bounds.
BESIDE_BARS = 74
BAR_MIN, BAR_MAX = 4, 30


def bar(share: float, width: int) -> Text:
    """A horizontal bar for a share between 0 and 1, legible without colour."""
    filled = round(max(0.0, min(1.0, share)) * width)
    return Text.assemble((BAR * filled, "bold"), (TRACK * (width - filled), "dim"))


def funnel_table(rows: list[Funnel], bar_width: int) -> Table:
    table = Table(title="Which routes pay off", title_justify="left", expand=True, box=None, padding=(0, 1))
    table.add_column("Route", no_wrap=True, min_width=15)
    for heading in ("Asked", "Replied", "Yes", "Held", "Thanked"):
        table.add_column(heading, justify="right", no_wrap=True, min_width=len(heading))
    table.add_column("Yes rate", no_wrap=True)
    table.add_column("Reply in", justify="right", no_wrap=True, min_width=8)
    for funnel in rows:
        rate = funnel.rate("yes")
        days = funnel.median_days_to_reply
        table.add_row(
            ROUTES[funnel.route],
            str(funnel.requests),
            str(funnel.replies),
            str(funnel.yes),
            str(funnel.held),
            str(funnel.thanked),
            bar(rate or 0, bar_width) + Text(f" {rate:.0%}" if rate is not None else " —"),
            f"{days:g} d" if days is not None else "—",
        )
    return table


def objective_block(insight: ObjectiveInsight) -> Group:
    objective = insight.objective
    heading = Text.assemble(
        (f"{objective.kind.value.title()}: ", "bold"),
        (objective.text, "bold"),
        ("  (archived)" if not objective.active else "", "dim"),
    )
    summary = Text(
        f"{count(len(insight.lessons), 'interview')} held · "
        f"{insight.count(Verdict.SOLIDIFIED)} solidified the plan · "
        f"{insight.count(Verdict.CHALLENGED)} challenged it · "
        f"{count(insight.open_actions, 'open action item')}",
        style="italic",
    )
    lines: list[Text] = [heading, summary]
    open_first = sorted(insight.lessons, key=lambda lesson: not lesson.open_actions)
    for lesson in open_first:
        verdict = lesson.verdict.value or "unsure"
        lines.append(Text(f"  {lesson.day:%d %b} {lesson.person} ({verdict})", style="bold"))
        for action in lesson.open_actions:
            lines.append(Text(f"    ☐ {action}"))
        if lesson.takeaways:
            lines.append(Text(f"    {lesson.takeaways}", style="dim"))
    if not insight.lessons:
        lines.append(Text("  No interview held for this yet.", style="dim"))
    return Group(*lines, Text(""))


class InsightsScreen(BaseScreen):
    MODE = "insights"
    TITLE = "Insights"
    SHOWS = RECORDS
    CSS_PATH = "insights.tcss"
    HELP = (
        "What each objective has taught you so far, which ways of asking get a yes, "
        "and which connectors are waiting for news."
    )
    BINDINGS = [Binding("r", "refresh", "Refresh", tooltip="Recount everything")]

    def __init__(self) -> None:
        super().__init__()
        #: The width the funnel's bars were drawn at (a resize to another redraws).
        self._drawn_bars: int | None = None

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="insights"):
            yield Static(id="insights-funnel")
            yield Static(id="insights-connectors")
            yield Static(id="insights-objectives")

    def on_resize(self) -> None:
        if self._bar_width() != self._drawn_bars:
            self.refresh_data()

    def action_refresh(self) -> None:
        self.refresh_data()

    def _bar_width(self) -> int:
        # Built ahead, it is drawn before its first layout: the terminal's width is its own.
        return max(BAR_MIN, min(BAR_MAX, (self.size.width or self.app.size.width) - BESIDE_BARS))

    def refresh_data(self) -> None:
        self._drawn_bars = bar_width = self._bar_width()
        self.query_one("#insights-funnel", Static).update(funnel_table(funnels(self.campaign), bar_width))
        self.query_one("#insights-connectors", Static).update(self._connectors())
        insights = objective_insights(self.campaign)
        body = Group(Text("What each objective taught", style="bold underline"), *map(objective_block, insights))
        self.query_one("#insights-objectives", Static).update(
            body if insights else Text("No objectives yet: add one on the Objectives screen (F4).", style="dim")
        )

    def _connectors(self) -> Table | Text:
        today = clock.today()
        due = [
            c
            for c in connectors_due(self.campaign, today)
            if (c.due - today).days <= self.campaign.settings.agenda_days
        ]
        if not due:
            return Text("No connector is waiting for news.", style="dim")
        table = Table(title="Connectors to keep posted", title_justify="left", expand=True, box=None, padding=(0, 1))
        table.add_column("Person", no_wrap=True, ratio=2)
        table.add_column("Company", no_wrap=True, ratio=2)
        table.add_column("Last contact", no_wrap=True)
        table.add_column("Due", no_wrap=True)
        for connector in due:
            late = connector.due < today
            table.add_row(
                connector.person,
                connector.company,
                f"{connector.last_contact:%d %b %Y}",
                Text(f"{connector.due:%d %b}", style="bold red" if late else ""),
            )
        return table

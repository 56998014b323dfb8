"""The morning review: what is due, overdue first, each item one or two keys from done.

The queue is the first screen, so the flows and dialogs that only its actions need are
imported in those actions, after start-up (DESIGN section 7). Until the data file is read
it shows the app's snapshot of its rows (see queue_rows), and the records are not imported.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from itertools import islice
from typing import TYPE_CHECKING

from rich.console import Group
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from infoint_tui import clock
from infoint_tui.domain.due_text import HEADINGS, REPLIES_HEADING, day_text, when_text
from infoint_tui.tui import notice
from infoint_tui.tui.access import changes_data
from infoint_tui.tui.messages import DataChanged
from infoint_tui.tui.screens.base import UNDO, BaseScreen
from infoint_tui.tui.screens.queue_rows import Columns, QueueRow, card_top
from infoint_tui.tui.widgets.card import Card
from infoint_tui.tui.widgets.chrome import TopBar

if TYPE_CHECKING:
    from infoint_tui.domain.models import Person
    from infoint_tui.domain.policy import DueItem

#: Wide enough for the card beside the list rather than under it.
WIDE = 110
SNOOZES = [("1", "1 day", 1), ("3", "3 days", 3), ("w", "1 week", 7)]


class QueueScreen(BaseScreen):
    MODE = "queue"
    TITLE = "Queue"
    CSS_PATH = "queue.tcss"
    HELP = (
        "What is due today, what is late, and what comes in the next days. The card under the "
        "list says what d does for the highlighted item. With mail set up (Settings), the text "
        "check sends the text with ctrl+o, and a reply found in your mailbox heads the list."
    )
    BINDINGS = [
        Binding(
            "c",
            "copy_message",
            "Copy text",
            id="queue_copy",
            tooltip="Check the text this item calls for, then copy or send it",
        ),
        Binding("d", "done", "Done", id="queue_done", tooltip="Record it done (the card says what that means)"),
        Binding("s", "snooze", "Snooze", id="queue_snooze", tooltip="Put it off for a day, three days or a week"),
        Binding("r", "reply", "Reply", id="queue_reply", tooltip="Their answer: yes, no, not now, someone else"),
        Binding("n", "card", "Card", id="queue_card", tooltip="The handwritten thank-you card"),
        Binding(
            "o",
            "open_person",
            "Open",
            id="queue_open",
            tooltip="Open the person, or add a call's missing number",
        ),
        *UNDO,
    ]
    PALETTE = [
        (
            "Copy the text for this item",
            "Check and copy the message the highlighted queue item calls for",
            "copy_message",
        ),
        ("Mark this item done", "Record the highlighted queue item as done", "done"),
        ("Snooze this item", "Put the highlighted queue item off", "snooze"),
        (
            "Record a reply",
            "Yes, no, not now, someone else or an introduction, for the highlighted queue item",
            "reply",
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        #: What the list shows, in the order of `review`.
        self.rows: list[QueueRow] = []
        #: The due items behind the rows: none until the data file is read.
        self.items: list[DueItem] = []
        #: How the rows are laid out, for the list's width.
        self.columns = Columns.fitting(80)
        #: What the time-dependent text of the list was drawn as (None: the data changed since).
        self._drawn_as: tuple[str, list[str]] | None = None
        #: The options still to add to the list drawn from the snapshot.
        self._filling: Iterator[Option] | None = None

    def compose_body(self) -> ComposeResult:
        with Container(id="queue"):
            yield OptionList(id="queue-items")
            yield Card(id="queue-card")

    def on_resize(self) -> None:
        self.query_one("#queue").set_class(self.size.width >= WIDE, "-wide")
        self.call_after_refresh(self._fit_columns)  # once the list has its new width

    def _fit_columns(self) -> None:
        """Lay the rows out again when the list's width calls for other columns."""
        if Columns.fitting(self._list_width()) != self.columns:
            self.refresh_data()

    def _list_width(self) -> int:
        # Before its first layout the list has no width yet: the terminal's is the best guess,
        # so that the first rows are rarely laid out twice.
        return self.query_one("#queue-items", OptionList).scrollable_content_region.width or self.app.size.width

    # Drawing -----------------------------------------------------------------------------

    def out_of_date(self) -> bool:
        # Kept as it is while the data and the time-dependent text are: at 30,000 people a
        # rebuild takes more than a frame.
        return self._drawn_as != self._time_text(clock.now())

    def on_data_changed(self, message: DataChanged) -> None:
        # Before the base class's handler (Textual calls both), which redraws if on view.
        if message.kinds & self.SHOWS:
            self._drawn_as = None

    def _time_text(self, now: datetime) -> tuple[str, list[str]]:
        """The day, and the hours left before each deadline, as the list says them."""
        return day_text(now), [when_text(row, now) for row in self.rows if row.deadline is not None]

    def refresh_data(self) -> None:
        """Rebuild the list, keeping the highlight on the same item (or the same place)."""
        now = clock.now()
        self.query_one(TopBar).detail = day_text(now)
        self.columns = Columns.fitting(self._list_width())
        options = self.query_one("#queue-items", OptionList)
        kept = self.selected_row()
        place = options.highlighted
        self._read_rows()
        self._drawn_as = self._time_text(now)
        options.clear_options()
        entries = self._options(now)
        if self.infoint.loaded:
            options.add_options(entries)
            self._filling = None
        else:
            # From the snapshot, a screenful first: the rest once the first frame is out.
            options.add_options(islice(entries, self.app.size.height))
            self._filling = entries
            self.call_after_refresh(self._fill, entries)
        if not self.rows:
            self._show(None)
            return
        keys = [option.id for option in options.options]
        if kept is not None and kept.key in keys:
            options.highlighted = keys.index(kept.key)
        else:
            later = [i for i, key in enumerate(keys) if key is not None and i >= (place or 0)]
            options.highlighted = later[0] if later else max(i for i, key in enumerate(keys) if key)
        self._show(self.selected_row())

    def _options(self, now: datetime) -> Iterator[Option]:
        for heading in (REPLIES_HEADING, *HEADINGS.values()):
            group = [row for row in self.rows if row.group == heading]
            if group:
                yield Option(Content.styled(f"{heading} ({len(group)})", "bold underline"), disabled=True)
                yield from (Option(self.columns.row(row, now), id=row.key) for row in group)

    def _fill(self, entries: Iterator[Option]) -> None:
        if self._filling is entries:  # not redrawn since
            self.query_one("#queue-items", OptionList).add_options(entries)
            self._filling = None

    def _read_rows(self) -> None:
        """The rows from the data, or from the snapshot until the data file is read."""
        if not self.infoint.loaded:
            self.rows = self.infoint.snapshot.rows if self.infoint.snapshot else []
            return
        from infoint_tui.usecases.agenda import review

        self.items = review(self.campaign, clock.now())
        self.rows = [QueueRow.of(item) for item in self.items]

    def selected_row(self) -> QueueRow | None:
        options = self.query_one("#queue-items", OptionList)
        if options.highlighted is None or options.highlighted >= options.option_count:
            return None
        key = options.get_option_at_index(options.highlighted).id
        return next((row for row in self.rows if row.key == key), None)

    def selected(self) -> DueItem | None:
        """The highlighted due item (None until the data file is read)."""
        row = self.selected_row()
        return next((item for item in self.items if item.key == row.key), None) if row else None

    @on(OptionList.OptionHighlighted, "#queue-items")
    def _highlighted(self) -> None:
        self._show(self.selected_row())

    def _show(self, row: QueueRow | None) -> None:
        shown = (
            Group(*card_top(row, clock.now()), *self._card_body(row))
            if row
            else Text("Nothing is due. Add people on the Targets screen (F3) and request interviews.")
        )
        self.query_one("#queue-card", Card).update(shown)
        self.refresh_bindings()

    def _card_body(self, row: QueueRow) -> list[Text]:
        snapshot = self.infoint.snapshot
        if self.infoint.loaded:
            from infoint_tui.tui.screens.queue_card import card_body

            item = self.selected()
            return card_body(self.campaign, item) if item else []
        if snapshot and snapshot.rows and snapshot.rows[0].key == row.key:
            return [Text(text, style=style) for text, style in snapshot.card]
        return []

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action not in ("copy_message", "done", "snooze", "reply", "card", "open_person"):
            return True
        row = self.selected_row() if self.is_mounted else None
        return row is not None and action in row.actions

    # Acting ------------------------------------------------------------------------------

    @work(exclusive=True, group="queue")
    async def action_copy_message(self) -> None:
        from infoint_tui.tui.flows.sending import send_item

        if (item := self.selected()) is not None:
            await send_item(self, item)

    @changes_data
    @work(exclusive=True, group="queue")
    async def action_done(self) -> None:
        from infoint_tui.domain.due_kinds import DueKind
        from infoint_tui.tui.flows.outreach import book_time, offer_next_target
        from infoint_tui.tui.flows.sending import record_done
        from infoint_tui.tui.screens.interview_forms import end_dialog

        item = self.selected()
        if item is None:
            return
        if item.kind == DueKind.READ_REPLY:
            await self._record_answer(item)
        elif item.kind == DueKind.BOOK and item.outreach_id is not None:
            await book_time(self, item.outreach_id)
        elif item.kind == DueKind.PREPARE:
            await self.infoint.open_on("interviews", f"prepare({item.interview_id})")
        elif item.kind == DueKind.INTERVIEW:
            interview = self.campaign.interviews.get(item.interview_id or 0)
            if interview is not None:
                end_dialog(self.infoint, interview)  # the queue redraws on the change itself
        elif await record_done(self, item) and item.kind == DueKind.ASSUMED_NO and item.outreach_id:
            await offer_next_target(self, self.campaign.outreach[item.outreach_id])

    @changes_data
    @work(exclusive=True, group="queue")
    async def action_snooze(self) -> None:
        from infoint_tui.domain.due_kinds import KINDS
        from infoint_tui.tui.flows.sending import save
        from infoint_tui.tui.widgets.choice import Choice, ChoiceScreen
        from infoint_tui.usecases.due_actions import snooze_change

        item = self.selected()
        if item is None:
            return
        today = clock.today()
        choices = [
            Choice(key, f"{label}: back on {today + timedelta(days=days):%a %-d %b}", today + timedelta(days=days))
            for key, label, days in SNOOZES
        ]
        title = f"Snooze: {KINDS[item.kind].label}, {item.person}"
        until = await self.app.push_screen_wait(ChoiceScreen(title, choices))
        if until is None:
            return
        snoozed = snooze_change(self.campaign, item, today, until)
        if save(self, snoozed, f"Snoozed “{KINDS[item.kind].label}” for {item.person}"):
            self.notify(f"Snoozed: back in the queue on {until:%a %-d %b}.", timeout=notice.SHORT)

    @changes_data
    @work(exclusive=True, group="queue")
    async def action_reply(self) -> None:
        if (item := self.selected()) is not None:
            await self._record_answer(item)

    async def _record_answer(self, item: DueItem) -> None:
        from infoint_tui.domain.due_kinds import DueKind
        from infoint_tui.tui.flows.outreach import record_reply

        if item.outreach_id is not None:
            # A reply found in the mailbox came on its day: only the answer is asked.
            heard_on = item.due if item.kind == DueKind.READ_REPLY else None
            await record_reply(self, item.outreach_id, heard_on)

    @work(exclusive=True, group="queue")
    async def action_card(self) -> None:
        from infoint_tui.domain.due_kinds import KINDS
        from infoint_tui.tui.flows.sending import send_card

        item = self.selected()
        if item is not None and KINDS[item.kind].offers_card:
            await send_card(self, item)

    async def action_open_person(self) -> None:
        from infoint_tui.domain.due_kinds import DueKind

        item = self.selected()
        if item is None:
            return
        person = self.campaign.people.get(item.person_id)
        if item.kind == DueKind.CALL and person is not None and not person.phone:
            self._add_phone(item, person)
        else:
            await self.infoint.open_on("targets", f"show_person({item.person_id})")

    def _add_phone(self, item: DueItem, person: Person) -> None:
        """A call with no number: the person's form, at the phone field; saved, the queue
        shows the call again with its number."""
        from infoint_tui.tui.screens.targets.person_form import PersonForm
        from infoint_tui.usecases.people import store_person

        form = PersonForm(self.campaign, person)
        dialog = form.screen()
        dialog.start_at = "phone"

        def saved(values: dict[str, str] | None) -> None:
            undo = f"Changed {person.name}"
            if values is not None and self.change(store_person, self.repo, *form.person(values), undo=undo):
                number = self.campaign.people[person.id].phone
                if number:
                    self.notify(f"The call is ready: {person.name}, {number}. d records it.", timeout=notice.SHORT)

        self.app.push_screen(dialog, saved)

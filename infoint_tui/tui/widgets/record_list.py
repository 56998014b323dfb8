"""A list of records drawn with Textual's line API: only the rows on screen are formatted.

The list holds record ids and a function that formats one id as one line (a Strip) for a
given width. Scrolling, resizing and moving the cursor ask for the visible lines only, and
the lines drawn are cached, so 30,000 rows cost no more than 20 (toolong's way of
showing huge logs: `ScrollView` + `render_line`). Records may be selected, to act on several
at once: a selected row is marked in its first cell, which every row leaves blank for it.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass

from rich.segment import Segment
from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip

from infoint_tui.tui.widgets.sized_scroll import SizedScrollView

#: (record id, width in cells) -> that record's line.
RowFormatter = Callable[[int, int], Strip]
MARK = "✓"


class RecordList(SizedScrollView, can_focus=True, inherit_bindings=False):
    BINDINGS = [
        Binding("up", "cursor(-1)", "Previous", show=False),
        Binding("down", "cursor(1)", "Next", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "first", "First", show=False),
        Binding("end", "last", "Last", show=False),
        Binding("enter", "choose", "Open", show=False),
    ]
    COMPONENT_CLASSES = {"record-list--cursor", "record-list--empty", "record-list--selected"}
    DEFAULT_CSS = """
    RecordList {
        height: 1fr;
        overflow-x: hidden;
        overflow-y: auto;
        & > .record-list--cursor {
            color: $block-cursor-blurred-foreground;
            background: $block-cursor-blurred-background;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus > .record-list--cursor {
            color: $block-cursor-foreground;
            background: $block-cursor-background;
            text-style: $block-cursor-text-style;
        }
        & > .record-list--empty {
            color: $text-muted;
            text-style: italic;
        }
        & > .record-list--selected {
            background: $accent 25%;
            text-style: bold;
        }
    }
    """

    #: Position of the cursor in `ids` (0 when the list is empty).
    cursor: reactive[int] = reactive(0, repaint=False, init=False)

    @dataclass
    class Highlighted(Message):
        """The cursor is on another record (None: the list is empty)."""

        record_list: RecordList
        record_id: int | None

        @property
        def control(self) -> RecordList:
            return self.record_list

        def can_replace(self, message: Message) -> bool:
            # A held-down arrow key: only the row the cursor stops on needs a detail pane.
            return isinstance(message, RecordList.Highlighted) and message.record_list is self.record_list

    @dataclass
    class Chosen(Message):
        """Enter was pressed on a record."""

        record_list: RecordList
        record_id: int

        @property
        def control(self) -> RecordList:
            return self.record_list

    def __init__(
        self,
        format_row: RowFormatter,
        *,
        empty_text: str = "Nothing here.",
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.format_row = format_row
        self.empty_text = empty_text
        self.ids: Sequence[int] = ()
        #: The records selected, shown or not (a filter may hide some for a while).
        self.selected: set[int] = set()
        self._lines: LRUCache[tuple[int, int, bool, bool, bool], Strip] = LRUCache(maxsize=256)

    # Content -------------------------------------------------------------------------

    def set_rows(
        self,
        ids: Sequence[int],
        *,
        keep: int | None = None,
        format_row: RowFormatter | None = None,
        empty_text: str | None = None,
    ) -> None:
        """Show these records, the cursor on the top one or on `keep`.

        When `keep` is no longer shown (it was deleted), the cursor stays where it was.
        """
        self.ids = ids
        if format_row is not None:
            self.format_row = format_row
        if empty_text is not None:
            self.empty_text = empty_text
        self._lines.clear()
        self.scroll_over(Size(0, len(ids)))
        self.set_reactive(RecordList.cursor, self.validate_cursor(self._position_of(keep)))
        self._scroll_to_cursor()
        self.refresh()
        self.post_message(self.Highlighted(self, self.highlighted_id))

    @property
    def highlighted_id(self) -> int | None:
        return self.ids[self.cursor] if self.ids else None

    def move_to(self, record_id: int) -> bool:
        """Jump to a record, shown mid-list with its neighbours; False if it is not in the list."""
        try:
            self.cursor = self.ids.index(record_id)
        except ValueError:
            return False
        self._scroll_to_cursor(center=True)
        return True

    # Selection -----------------------------------------------------------------------

    def toggle_selected(self) -> None:
        """Select the highlighted record, or leave it out again."""
        record_id = self.highlighted_id
        if record_id is not None:
            self.selected ^= {record_id}
            self.refresh_line(self.cursor)

    def select(self, ids: Iterable[int]) -> None:
        self.selected.update(ids)
        self.refresh()

    def keep_selected(self, known: Collection[int]) -> None:
        """Forget the selected records that are gone (deleted)."""
        if self.selected:  # else nothing to forget: not a pass over 100,000 records
            self.selected.intersection_update(known)
            self.refresh()

    def clear_selection(self) -> None:
        self.selected.clear()
        self.refresh()

    def _position_of(self, record_id: int | None) -> int:
        if record_id is None:
            return 0
        try:
            return self.ids.index(record_id)
        except ValueError:
            return self.cursor

    # Cursor --------------------------------------------------------------------------

    def validate_cursor(self, cursor: int) -> int:
        return max(0, min(cursor, len(self.ids) - 1))

    def watch_cursor(self, old: int, new: int) -> None:
        self.refresh_line(old)
        self.refresh_line(new)
        self._scroll_to_cursor()
        self.post_message(self.Highlighted(self, self.highlighted_id))

    def _scroll_to_cursor(self, center: bool = False) -> None:
        self.scroll_to_region(
            Region(0, self.cursor, 1, 1), animate=False, force=True, immediate=True, x_axis=False, center=center
        )

    def action_cursor(self, step: int) -> None:
        self.cursor += step

    def action_page(self, direction: int) -> None:
        self.cursor += direction * max(1, self.scrollable_content_region.height - 1)

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = len(self.ids) - 1

    def action_choose(self) -> None:
        if self.ids:
            self.post_message(self.Chosen(self, self.ids[self.cursor]))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is not None and self.ids:
            self.cursor = self.scroll_offset.y + offset.y

    # Drawing -------------------------------------------------------------------------

    def on_resize(self) -> None:
        self._lines.clear()
        self._scroll_to_cursor()

    def on_focus(self) -> None:
        self.refresh_line(self.cursor)  # the cursor's colour follows focus

    def on_blur(self) -> None:
        self.refresh_line(self.cursor)

    def notify_style_update(self) -> None:
        self._lines.clear()
        super().notify_style_update()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = self.scroll_offset.y + y
        if not self.ids:
            if index == 0:
                style = self.get_component_rich_style("record-list--empty")
                return Strip([Segment(f" {self.empty_text}", style)]).crop_extend(0, width, style)
            return Strip.blank(width)
        if index >= len(self.ids):
            return Strip.blank(width)
        record_id = self.ids[index]
        on_cursor = index == self.cursor
        selected = record_id in self.selected
        key = (record_id, width, on_cursor, on_cursor and self.has_focus, selected)
        if key not in self._lines:
            strip = self.format_row(record_id, width).crop_extend(0, width, None)
            if selected:
                style = self.get_component_rich_style("record-list--selected")
                strip = Strip.join([Strip([Segment(MARK)]), strip.crop(1)]).apply_style(style)
            if on_cursor:
                strip = strip.apply_style(self.get_component_rich_style("record-list--cursor"))
            self._lines[key] = strip
        return self._lines[key]

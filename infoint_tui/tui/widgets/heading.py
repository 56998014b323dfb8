"""A one-line heading: text on the left, a note on the right.

Updated on every keystroke of a filter, so a change only repaints the line: a Static would
lay the whole screen out again each time.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.app import RenderResult
from textual.reactive import reactive
from textual.widget import Widget


class Heading(Widget):
    COMPONENT_CLASSES = {"heading--title", "heading--note"}
    DEFAULT_CSS = """
    Heading { height: 1; width: 1fr; padding: 0 1; }
    Heading > .heading--title { color: $text-accent; text-style: bold; }
    Heading > .heading--note { color: $text-muted; }
    """

    title: reactive[str] = reactive("")
    note: reactive[str] = reactive("")

    def render(self) -> RenderResult:
        title = Text(self.title, style=self.get_component_rich_style("heading--title"), no_wrap=True)
        gap = self.content_size.width - title.cell_len - cell_len(self.note)
        if gap < 1:
            return title  # the note gives way
        return title + " " * gap + Text(self.note, style=self.get_component_rich_style("heading--note"))

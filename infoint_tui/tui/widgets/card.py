"""A detail pane: rich content drawn once for each width it is shown at, scrolled in place."""

from __future__ import annotations

from rich.console import RenderableType
from rich.style import Style
from rich.text import Text
from textual.geometry import Size
from textual.strip import Strip

from infoint_tui.tui.widgets.sized_scroll import SizedScrollView


class Card(SizedScrollView):
    """What a screen says about the highlighted record, in its detail pane.

    A Static draws its content anew at each refresh, and once more to measure its height; a
    person's card (a dozen rich tables) then costs more than the rest of the frame. This one
    keeps the lines it drew until its content or width changes. It scrolls itself rather
    than growing inside a scrolling container: a new card (each highlight, each save) then
    repaints the pane alone, where a taller or shorter child laid out the whole screen twice.
    """

    DEFAULT_CSS = "Card { overflow-x: hidden; }"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        #: What it shows; text given as a string is shown as it is, never read as markup.
        self.content: RenderableType = ""
        self._drawn: tuple[tuple[int, Style], list[Strip]] | None = None

    def update(self, content: RenderableType) -> None:
        self.content = content
        self._drawn = None
        self._measure()
        self.refresh()

    def on_resize(self) -> None:
        self._measure()

    def _measure(self) -> None:
        """Make the scrollable height the number of lines drawn at the width shown."""
        width = None
        while width != self.scrollable_content_region.width:
            # At most twice: a scrollbar that comes narrows the lines, which only adds some.
            width = self.scrollable_content_region.width
            self.scroll_over(Size(width, len(self._lines(width))))

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        lines = self._lines(width)
        y += self.scroll_offset.y
        return lines[y] if y < len(lines) else Strip.blank(width, self.rich_style)

    def _lines(self, width: int) -> list[Strip]:
        if width <= 0:
            return []
        drawn_for = (width, self.rich_style)
        if self._drawn is None or self._drawn[0] != drawn_for:
            content = Text(self.content) if isinstance(self.content, str) else self.content
            options = self.app.console_options.update(width=width, highlight=False)
            lines = self.app.console.render_lines(content, options, style=self.rich_style)
            self._drawn = (drawn_for, [Strip(line, width) for line in lines])
        return self._drawn[1]

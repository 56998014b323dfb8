"""A detail pane's text: rich content drawn once for each width it is shown at."""

from __future__ import annotations

from rich.console import RenderableType
from rich.style import Style
from rich.text import Text
from textual.geometry import Size
from textual.strip import Strip
from textual.widget import Widget


class Card(Widget):
    """What a screen says about the highlighted record, in its detail pane.

    A Static draws its content anew at each refresh, and once more to measure its height; a
    person's card (a dozen rich tables) then costs more than the rest of the frame, at every
    highlight and save. This one keeps the lines it drew until its content or width changes.
    """

    DEFAULT_CSS = "Card { height: auto; }"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        #: What it shows; text given as a string is shown as it is, never read as markup.
        self.content: RenderableType = ""
        self._drawn: tuple[tuple[int, Style], list[Strip]] | None = None

    def update(self, content: RenderableType) -> None:
        self.content = content
        self._drawn = None
        self.refresh(layout=True)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._lines(width))

    def render_line(self, y: int) -> Strip:
        lines = self._lines(self.size.width)
        return lines[y] if y < len(lines) else Strip.blank(self.size.width, self.rich_style)

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

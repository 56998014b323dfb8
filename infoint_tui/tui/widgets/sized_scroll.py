"""A line-API widget that knows how much it scrolls over, and says so without a layout."""

from __future__ import annotations

from textual.geometry import Size
from textual.scroll_view import ScrollView


class SizedScrollView(ScrollView):
    """A ScrollView whose content (rows, lines of a card) changes size while the widget does not.

    Setting `virtual_size` asks Textual to lay the whole screen out again; a new size given to
    `scroll_over` only updates the scroll bars, and a scroll bar coming or going is the one
    change that still reflows the screen (Textual does that itself).
    """

    def scroll_over(self, size: Size) -> None:
        self.set_reactive(ScrollView.virtual_size, size)
        self._scroll_update(size)

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True) -> bool:
        # A layout hands a ScrollView the size of its region as its virtual size, never equal to
        # its own: taken as a change, it refreshed the scroll bars after every layout's frame,
        # which cost the next frame too.
        return super()._size_updated(size, self.virtual_size, container_size, layout)

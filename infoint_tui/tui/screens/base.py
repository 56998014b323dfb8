"""What every top-level screen shares: its frame and its way to the data."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.events import ScreenResume
from textual.screen import Screen

from infoint_tui import clock
from infoint_tui.tui.access import DataAccess
from infoint_tui.tui.messages import EVERY_KIND, DataChanged, RecordKind
from infoint_tui.tui.widgets.chrome import KeptFooter, NavBar, TopBar

#: For the list screens, where no text is typed: in a text field ctrl+z undoes the typing.
UNDO = [
    Binding("u", "app.undo", "Undo", show=False, id="undo", tooltip="Undo the last change (ctrl+p names it)"),
    Binding("U", "app.redo", "Redo", show=False, id="redo", tooltip="Make the last change undone again"),
]


class BaseScreen(DataAccess, Screen):
    """A top-level screen: top bar, body, navigation line, footer.

    Subclasses yield their body from `compose_body` and redraw from the data in
    `refresh_data`, which runs while the screen is on view after a change to what it
    `SHOWS`, and when it is shown if such a change came while it was hidden, or if what else
    it was drawn for (`drawn_for`: the day) has changed since.
    """

    MODE = ""
    TITLE = ""
    #: The kinds of records drawn here.
    SHOWS: frozenset[RecordKind] = EVERY_KIND

    def __init__(self) -> None:
        super().__init__()
        # Textual restyles the whole app (every screen) on a new screen's first show, and on
        # each show of a screen it never marked as styled, unless it is told the screen's
        # styles are current: they are, as its widgets are styled when mounted, and its style
        # sheet was read ahead (`tui.ahead`) or is read then, with a restyle of its own.
        self._css_update_count = self.app._css_update_count
        #: What the screen was last drawn for (`drawn_for`); None until drawn, and once what
        #: it shows has changed while it was hidden.
        self._drawn_for: object = None

    def compose(self) -> ComposeResult:
        yield TopBar(self.TITLE)
        yield from self.compose_body()
        with Vertical(id="chrome-bottom"):
            yield NavBar(self.MODE)
            yield KeptFooter()

    def compose_body(self) -> ComposeResult:
        yield from ()

    def refresh_data(self) -> None:
        """Redraw from `self.campaign`."""

    def drawn_for(self) -> object:
        """What the screen's drawing depends on besides the data it shows: the day, unless
        the screen says more (say, the interviews over by now)."""
        return clock.today()

    def out_of_date(self) -> bool:
        """Whether a screen shown again redraws: a redraw costs more than a frame at 30,000
        people on some screens, and nothing it shows may have changed."""
        return self._drawn_for != self.drawn_for()

    def on_mount(self) -> None:
        # Built ahead, unseen (`tui.ahead`): drawn now, so that its first show has nothing to
        # do. Composed ahead as the app quit, it has no widgets to draw into.
        if not self.is_current and self.children:
            self._draw_if_out_of_date()

    def _draw_if_out_of_date(self) -> None:
        if self.out_of_date():
            self.refresh_data()
            self._drawn_for = self.drawn_for()

    def _on_screen_resume(self, event: ScreenResume) -> None:
        # Textual runs this before Screen's own handler, which restyles every widget of the
        # screen on each show. Once the screen is mounted (shown before, or built ahead), its
        # widgets are styled, and nothing of their styles changes while it is hidden: a class
        # set then restyles at once, and a new theme counts as a CSS update, which makes the
        # app restyle everything as the screen is shown again.
        if self.is_mounted and self._css_update_count == self.app._css_update_count:
            event.refresh_styles = False
        self._draw_if_out_of_date()

    def on_data_changed(self, message: DataChanged) -> None:
        # A hidden screen redraws when it is shown again.
        if message.kinds & self.SHOWS:
            if self.is_current:
                self.refresh_data()
            else:
                self._drawn_for = None

    def change(self, action: Callable[..., Any], *args: Any, undo: str | None = None) -> bool:
        """Run one repository change, undoable as `undo` says; on refusal say why and return False."""
        return self.infoint.change(action, *args, undo=undo)

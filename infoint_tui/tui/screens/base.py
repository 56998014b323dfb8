"""What every top-level screen shares: its frame and its way to the data."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer

from infoint_tui.domain.models import Campaign
from infoint_tui.store.errors import DataFileError
from infoint_tui.tui.widgets.chrome import NavBar, TopBar

if TYPE_CHECKING:
    from infoint_tui.store.repository import Repository
    from infoint_tui.tui.app import InfointApp


class BaseScreen(Screen):
    """A top-level screen: top bar, body, navigation line, footer.

    Subclasses yield their body from `compose_body` and redraw from the data in
    `refresh_data`, which runs when the screen is shown and after data changes.
    """

    MODE = ""
    TITLE = ""

    @property
    def infoint(self) -> InfointApp:
        return self.app  # type: ignore[return-value]

    @property
    def repo(self) -> Repository:
        return self.infoint.repo

    @property
    def campaign(self) -> Campaign:
        return self.infoint.repo.campaign

    def compose(self) -> ComposeResult:
        yield TopBar(self.TITLE)
        yield from self.compose_body()
        with Vertical(id="chrome-bottom"):
            yield NavBar(self.MODE)
            yield Footer()

    def compose_body(self) -> ComposeResult:
        yield from ()

    def refresh_data(self) -> None:
        """Redraw from `self.campaign`."""

    def on_screen_resume(self) -> None:
        self.refresh_data()

    def change(self, action: Callable[..., Any], *args: Any) -> bool:
        """Run one repository change; on refusal say why and return False."""
        return self.infoint.change(action, *args)

"""Every key of the screen underneath, and the ones that work everywhere."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

GENERAL = [
    ("ctrl+p", "Command palette: every screen, every action, any person or company by name"),
    ("tab / shift+tab", "Move between panes and fields"),
    ("escape", "Close a dialog, or leave a field"),
    ("ctrl+q", "Save and quit"),
]


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,f1,q", "dismiss", "Close")]

    def __init__(self, beneath: Screen) -> None:
        super().__init__()
        self.beneath = beneath

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body"):
            yield Static(self._keys_table(), id="help-keys")

    def _keys_table(self) -> Table:
        title = getattr(self.beneath, "TITLE", "") or "This screen"
        table = Table(title=f"Keys: {title}", expand=True, show_header=False, box=None, padding=(0, 1))
        table.add_column(style="bold", no_wrap=True)
        table.add_column(ratio=1)
        seen: set[str] = set()
        for key, description in self._screen_keys():
            if key not in seen:
                seen.add(key)
                table.add_row(key, description)
        table.add_row("", "")
        table.add_row(Text("Everywhere", style="bold underline"), "")
        for key, description in GENERAL:
            table.add_row(key, description)
        explain = getattr(self.beneath, "HELP", "")
        if explain:
            table.add_row("", "")
            table.add_row("", Text(explain, style="italic"))
        return table

    def _screen_keys(self) -> list[tuple[str, str]]:
        """Keys bound on the focused widget, the screen and the app, as the footer sees them."""
        rows = []
        for key, active in self.beneath.active_bindings.items():
            binding = active.binding
            if binding.system or not binding.description:
                continue
            label = self.app.get_key_display(binding)
            rows.append((label, binding.tooltip or binding.description))
        return rows

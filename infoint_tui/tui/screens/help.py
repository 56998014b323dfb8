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


#: What every Textual screen binds (focus moves, copy): movement keys, not this screen's own.
TEXTUAL_SCREEN_ACTIONS = {binding.action for binding in Screen.BINDINGS if isinstance(binding, Binding)}


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
        table = Table(
            title=f"Keys: {title}", title_justify="left", expand=True, show_header=False, box=None, padding=(0, 1)
        )
        table.add_column(style="bold", no_wrap=True)
        table.add_column(ratio=1)
        explain = getattr(self.beneath, "HELP", "")
        if explain:
            table.add_row("", Text(explain, style="italic"))
        screen_keys, app_keys, widget_keys = self._keys_by_source()
        for heading, rows in (
            ("On this screen", screen_keys),
            ("Everywhere", [*app_keys, *GENERAL]),
            ("Moving around", widget_keys),
        ):
            if rows:
                table.add_row("", "")
                table.add_row(Text(heading, style="bold underline"), "")
                for key, description in rows:
                    table.add_row(key, description)
        return table

    def _keys_by_source(self) -> tuple[list[tuple[str, str]], ...]:
        """The keys that work now, split by who defines them: the screen first, since those are
        what the user came for, then the app's, then the focused widget's own movement keys."""
        groups: tuple[list[tuple[str, str]], ...] = ([], [], [])
        seen: set[str] = set()
        app_ids = {binding.id for binding in self.app.BINDINGS if isinstance(binding, Binding)}
        for active in self.beneath.active_bindings.values():
            binding = active.binding
            label = self.app.get_key_display(binding)
            if binding.system or not binding.description or label in seen:
                continue
            seen.add(label)
            own = active.node is self.beneath and binding.action not in TEXTUAL_SCREEN_ACTIONS
            # A screen may bind an app key afresh (the live view, to keep it out of its footer).
            everywhere = active.node is self.app or (binding.id is not None and binding.id in app_ids)
            group = 1 if everywhere else 0 if own else 2
            groups[group].append((label, binding.tooltip or binding.description))
        return groups

"""The line heading a form while the data file is read-only: seen before anything is typed."""

from __future__ import annotations

from textual.widgets import Static

from infoint_tui.tui.access import READ_ONLY_FORM, read_only


class ReadOnlyLine(Static):
    """Shown only when the app's data file is open read-only."""

    DEFAULT_CSS = "ReadOnlyLine { color: $text-warning; text-style: bold; }"

    def __init__(self) -> None:
        super().__init__(READ_ONLY_FORM, markup=False, classes="read-only-line")

    def on_mount(self) -> None:
        self.display = read_only(self.app)

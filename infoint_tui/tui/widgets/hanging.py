"""A list line whose long text wraps under itself, not under its mark (a number, a tick)."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text


def hanging(mark: Text, text: Text, mark_width: int) -> Table:
    """`mark` in a column of its own, `text` wrapping in the rest of the width."""
    line = Table.grid()
    line.add_column(width=mark_width, no_wrap=True)
    line.add_column(ratio=1)
    line.add_row(mark, text)
    return line

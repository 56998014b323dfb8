"""Text fitted to a column of the terminal, for the TUI's lists and the CLI's agenda."""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size


def fit(text: str, width: int) -> str:
    """Exactly `width` terminal cells (a CJK character or most emoji take two): padded, or
    cut with an ellipsis."""
    if width <= 0:
        return ""
    if cell_len(text) > width:
        return set_cell_size(text, width - 1) + "…"
    return set_cell_size(text, width)

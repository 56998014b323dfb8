"""Text fitted to a column of the terminal, for the TUI's lists and the CLI's agenda."""

from __future__ import annotations


def fit(text: str, width: int) -> str:
    """Exactly `width` terminal cells (a CJK character or most emoji take two): padded, or
    cut with an ellipsis."""
    if width <= 0:
        return ""
    if text.isascii() and text.isprintable():  # one cell a character: `infoint today` needs no width tables
        return text[: width - 1] + "…" if len(text) > width else text.ljust(width)
    from rich.cells import cell_len, set_cell_size

    if cell_len(text) > width:
        cut = set_cell_size(text, width - 1)
        if cut and text[len(cut) - 1] != cut[-1]:  # a wide character did not fit: a space stands in its half
            return cut[:-1] + "… "
        return cut + "…"
    return set_cell_size(text, width)

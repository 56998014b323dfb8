"""Text fitted to a column of the terminal, for the TUI's lists and the CLI's agenda."""

from __future__ import annotations

#: Below it, every printable character takes one cell: ASCII and the Latin letters of most
#: European names (Zoë, Núñez, Dvořák, Łukasz). Combining accents start here.
ONE_CELL_BELOW = "\u0300"
#: Punctuation that infoint writes (the ellipsis of a cut) or that names hold, one cell each
#: too: the ellipsis, dashes, curly quotes, a bullet, an arrow.
ONE_CELL_PUNCTUATION = frozenset("\u2026\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u2192")


def fit(text: str, width: int) -> str:
    """Exactly `width` terminal cells (a CJK character or most emoji take two): padded, or
    cut with an ellipsis."""
    if width <= 0:
        return ""
    if _one_cell_each(text):  # told without the width tables, which `infoint today` then never loads
        return text[: width - 1] + "…" if len(text) > width else text.ljust(width)
    from rich.cells import cell_len, set_cell_size

    if cell_len(text) > width:
        cut = set_cell_size(text, width - 1)
        if cut and text[len(cut) - 1] != cut[-1]:  # a wide character did not fit: a space stands in its half
            return cut[:-1] + "… "
        return cut + "…"
    return set_cell_size(text, width)


def _one_cell_each(text: str) -> bool:
    return text.isprintable() and all(
        character < ONE_CELL_BELOW or character in ONE_CELL_PUNCTUATION for character in text
    )

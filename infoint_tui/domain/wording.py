"""Counted nouns, the same way in every screen, report and message: '1 person', '2 people'.

Fitting text to a column lives in `infoint_tui.cells`: it measures terminal cells with
rich, which the domain does not load.
"""

from __future__ import annotations


def count(n: int, one: str, many: str | None = None) -> str:
    """'1 person', '2 people', '1,204 targets': `many` defaults to `one` + "s"."""
    return f"{n:,} {one if n == 1 else many or one + 's'}"


def listed(parts: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return ", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else "".join(parts)

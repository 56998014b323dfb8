"""Dates in a column of a file, as LinkedIn writes them and as Excel rewrites them on saving.

LinkedIn writes '21 Jan 2013'. Excel re-saves such a cell in its own format: '21-Jan-13',
'1/21/2013' in the US (month first), '21/01/2013' in most other countries, '21.01.2013' in
some, '2013-01-21' in others. Slashed dates are read month first, as Excel writes them in
the US, unless a date in the same column can only be day first (a first number above 12):
one column comes from one Excel, so it has one order.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date
from functools import cached_property

# Month names by hand: strptime's %b follows the locale, the files do not.
_MONTHS = {
    name: n
    for n, name in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)
}
_NAMED = re.compile(r"(\d{1,2})[ -]([A-Za-z]{3})[ -](\d{4}|\d{2})")  # 21 Jan 2013, 21-Jan-13
_SLASHED = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})")  # 1/21/2013 or 21/01/2013
_DOTTED = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})")  # 21.01.2013
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")  # 2013-01-21


class DateReader:
    """Reads the dates of one column: '' is no date; a bad one raises ValueError.

    `column` gives all the column's texts; it is called only once a slashed date is met
    (LinkedIn writes none).
    """

    def __init__(self, column: Callable[[], Iterable[str]]) -> None:
        self._column = column
        self._known: dict[str, date] = {}  # a file repeats its days: 30,000 rows hold some 6,000

    def __call__(self, text: str) -> date | None:
        if not text:
            return None
        if text not in self._known:
            try:
                self._known[text] = self._date(text)
            except (ValueError, KeyError):
                raise ValueError(self._why(text)) from None
        return self._known[text]

    @cached_property
    def day_first(self) -> bool:
        """Whether this column's slashed dates put the day first."""
        slashed = (_SLASHED.fullmatch(text) for text in self._column() if "/" in text)
        return any(match and int(match[1]) > 12 for match in slashed)

    def _date(self, text: str) -> date:
        if match := _NAMED.fullmatch(text):
            day, month, year = match.groups()
            return date(_year(year), _MONTHS[month.casefold()], int(day))
        if match := _SLASHED.fullmatch(text):
            first, second, year = match.groups()
            day, month = (first, second) if self.day_first else (second, first)
            return date(_year(year), int(month), int(day))
        if match := _DOTTED.fullmatch(text):
            day, month, year = match.groups()
            return date(_year(year), int(month), int(day))
        if match := _ISO.fullmatch(text):
            return date(*map(int, match.groups()))
        raise ValueError(text)

    def _why(self, text: str) -> str:
        if _SLASHED.fullmatch(text):
            order = "day/month/year" if self.day_first else "month/day/year"
            return f"{text!r} is not a date in this file's order, {order}"
        return f"{text!r} is not a date like 21 Jan 2013"


def _year(text: str) -> int:
    # Excel's two-digit years; LinkedIn began in 2003, so a connection's year is this century.
    return int(text) + 2000 if len(text) == 2 else int(text)

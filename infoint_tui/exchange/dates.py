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

# Month names by hand: strptime's %b follows the locale, the files do not.
_MONTHS = {name: n for n, name in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}
_NAMED = re.compile(r"(\d{1,2})[ -]([A-Za-z]{3})[ -](\d{4}|\d{2})")  # 21 Jan 2013, 21-Jan-13
_SLASHED = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})")  # 1/21/2013 or 21/01/2013
_DOTTED = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})")  # 21.01.2013
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")  # 2013-01-21

DateReader = Callable[[str], date | None]


def date_reader(column: Iterable[str]) -> DateReader:
    """A reader for the dates of this column: '' is no date; a bad one raises ValueError."""
    slashed = (_SLASHED.fullmatch(text) for text in column if "/" in text)
    day_first = any(match and int(match[1]) > 12 for match in slashed)

    def read(text: str) -> date | None:
        if not text:
            return None
        try:
            return _date(text, day_first)
        except (ValueError, KeyError):
            order = "day/month/year" if day_first else "month/day/year"
            if _SLASHED.fullmatch(text):
                raise ValueError(f"{text!r} is not a date in this file's order, {order}") from None
            raise ValueError(f"{text!r} is not a date like 21 Jan 2013") from None

    return read


def _date(text: str, day_first: bool) -> date:
    if match := _NAMED.fullmatch(text):
        day, month, year = match.groups()
        return date(_year(year), _MONTHS[month.casefold()], int(day))
    if match := _SLASHED.fullmatch(text):
        first, second, year = match.groups()
        day, month = (first, second) if day_first else (second, first)
        return date(_year(year), int(month), int(day))
    if match := _DOTTED.fullmatch(text):
        day, month, year = match.groups()
        return date(_year(year), int(month), int(day))
    if match := _ISO.fullmatch(text):
        return date(*map(int, match.groups()))
    raise ValueError(text)


def _year(text: str) -> int:
    # Excel's two-digit years; LinkedIn began in 2003, so a connection's year is this century.
    return int(text) + 2000 if len(text) == 2 else int(text)

"""The day a to-do is due, read from its own words: "send my CV by Friday", "next week".

Words are read relative to the day of the call. A weekday is the next one after that day
(said on a Friday, "by Friday" is a week later); a date without a year is the next one on or
after it. Words that name no day give None: the policy's default then applies.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

# English, whatever the locale: the words are the user's, not the system's.
_DAY_NAMES = {
    name: n for n, name in enumerate(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))
}
_DAY_ABBREVIATIONS = {name[:3]: n for name, n in _DAY_NAMES.items()}
_WEEKDAYS = _DAY_NAMES | _DAY_ABBREVIATIONS
_MONTH_NAMES = (
    *("january", "february", "march", "april", "may", "june"),
    *("july", "august", "september", "october", "november", "december"),
)
_MONTHS = {name: n for n, name in enumerate(_MONTH_NAMES, 1)} | {name[:3]: n for n, name in enumerate(_MONTH_NAMES, 1)}
_MONTHS["sept"] = 9
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "ten": 10}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_WEEKDAY = "|".join(sorted(_WEEKDAYS, key=len, reverse=True))
_DAY_NAME = "|".join(_DAY_NAMES)
_DAY_ABBREVIATION = "|".join(_DAY_ABBREVIATIONS)

_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_DAY_MONTH = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH})\b\.?(?:\s+(\d{{4}}))?")
_MONTH_DAY = re.compile(rf"\b({_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}}))?")
_IN = re.compile(r"\bin\s+(\d+|" + "|".join(_NUMBERS) + r")\s+(day|week)s?\b")
_NEXT_WEEKDAY = re.compile(rf"\bnext\s+({_WEEKDAY})\b")
# "sat" or "wed" alone may be other words: an abbreviation counts only after "by", "on"...
_WEEKDAY_ALONE = re.compile(rf"\b({_DAY_NAME})\b|\b(?:by|on|before|until|till)\s+({_DAY_ABBREVIATION})\b")
_PHRASES = (
    (re.compile(r"\b(today|tonight)\b"), lambda on: on),
    (re.compile(r"\btomorrow\b"), lambda on: on + timedelta(days=1)),
    # The end of the working week: this week's Friday, or next week's when said at the weekend.
    (re.compile(r"\b(end of (the|this) week|this week)\b"), lambda on: _next_weekday(on - timedelta(days=1), 4)),
    (re.compile(r"\bnext week\b"), lambda on: _next_weekday(on, 0) + timedelta(days=4)),
    (re.compile(r"\b(end of (the|this) month|this month)\b"), lambda on: _month_end(on)),
    (re.compile(r"\bnext month\b"), lambda on: _month_end(_month_end(on) + timedelta(days=1))),
)


def due_from_words(text: str, on: date) -> date | None:
    """The day `text` names as its deadline, counted from `on` (the day of the call); None
    when it names none."""
    words = text.casefold()
    if match := _ISO.search(words):
        return _date(int(match[1]), int(match[2]), int(match[3]))
    if match := _DAY_MONTH.search(words):
        return _next_date(on, _MONTHS[match[2]], int(match[1]), match[3])
    if match := _MONTH_DAY.search(words):
        return _next_date(on, _MONTHS[match[1]], int(match[2]), match[3])
    if match := _IN.search(words):
        amount = _NUMBERS.get(match[1]) or int(match[1])
        try:
            return on + timedelta(days=amount * (7 if match[2] == "week" else 1))
        except OverflowError:  # "in 9999999 days" names no day a calendar has
            return None
    if match := _NEXT_WEEKDAY.search(words):
        # "next Tuesday": the Tuesday of next week.
        return _next_weekday(_next_weekday(on, 6), _WEEKDAYS[match[1]])
    for pattern, day in _PHRASES:
        if pattern.search(words):
            return day(on)
    if match := _WEEKDAY_ALONE.search(words):
        return _next_weekday(on, _WEEKDAYS[match[1] or match[2]])
    return None


def _next_weekday(after: date, weekday: int) -> date:
    """The first day after `after` that falls on `weekday` (0 is Monday)."""
    return after + timedelta(days=(weekday - after.weekday() - 1) % 7 + 1)


def _month_end(on: date) -> date:
    return on.replace(day=calendar.monthrange(on.year, on.month)[1])


def _next_date(on: date, month: int, day: int, year: str | None) -> date | None:
    if year:
        return _date(int(year), month, day)
    this_year = _date(on.year, month, day)
    return this_year if this_year is None or this_year >= on else _date(on.year + 1, month, day)


def _date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:  # 31 June: no day at all
        return None

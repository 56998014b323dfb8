"""The one source of "now": the real clock, or a fixed day from --today / INFOINT_TODAY.

A fixed day may carry a time (2026-11-26T10:30). Without one the clock reads that day at the
real time of day, the time the user sees on their own clock, so that hours left before a
deadline and whether a call is over agree with what they see.
"""

from __future__ import annotations

import os
from datetime import date, datetime, time

ENV_VAR = "INFOINT_TODAY"

_fixed: str | None = None


def wall_clock() -> datetime:
    """What the machine's clock says, to the minute."""
    return datetime.now().replace(second=0, microsecond=0)


def parse_day(text: str, at: time | None = None) -> datetime:
    """Parse YYYY-MM-DD or YYYY-MM-DDTHH:MM, a day without a time taking `at` (else the wall
    clock's time of day); raise ValueError with a readable message."""
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"{text!r} is not a date: write it as YYYY-MM-DD, e.g. 2026-11-26.") from None
    if "T" not in text and " " not in text.strip():
        moment = datetime.combine(moment.date(), at or wall_clock().time())
    return moment.replace(tzinfo=None)


def fix(text: str | None) -> None:
    """Pin the clock to a day (None: back to the real clock); raise ValueError if it is none."""
    global _fixed
    if text:
        parse_day(text)
    _fixed = text or None


def now() -> datetime:
    fixed = _fixed or os.environ.get(ENV_VAR)
    return parse_day(fixed) if fixed else wall_clock()


def today() -> date:
    return now().date()

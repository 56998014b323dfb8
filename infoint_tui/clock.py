"""The one source of "now": the real clock, or a fixed day from --today / INFOINT_TODAY.

A fixed day may carry a time (2026-11-26T10:30); without one the clock reads 09:00 that
day, the hour of a morning review, so that "hours left" is the same on every run.
"""

from __future__ import annotations

import os
from datetime import date, datetime, time

ENV_VAR = "INFOINT_TODAY"
MORNING = time(9, 0)

_fixed: datetime | None = None


def parse_day(text: str) -> datetime:
    """Parse YYYY-MM-DD or YYYY-MM-DDTHH:MM; raise ValueError with a readable message."""
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"{text!r} is not a date: write it as YYYY-MM-DD, e.g. 2026-11-26.") from None
    if "T" not in text and " " not in text.strip():
        moment = datetime.combine(moment.date(), MORNING)
    return moment.replace(tzinfo=None)


def fix(text: str | None) -> None:
    """Pin the clock to a day (None: back to the real clock)."""
    global _fixed
    _fixed = parse_day(text) if text else None


def now() -> datetime:
    if _fixed is not None:
        return _fixed
    if os.environ.get(ENV_VAR):
        return parse_day(os.environ[ENV_VAR])
    return datetime.now().replace(second=0, microsecond=0)


def today() -> date:
    return now().date()

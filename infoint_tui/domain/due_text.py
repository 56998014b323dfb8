"""How a due item's day is said, light enough for the first frame (no records loaded).

The Queue draws its first rows from the snapshot with these before the campaign is read;
the policy, `infoint today` and the live Queue say it the same way.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Protocol

from infoint_tui.domain.wording import count

#: The groups of the morning review, by status, in order.
HEADINGS = {"overdue": "Overdue", "today": "Today", "upcoming": "Upcoming"}
#: The group above them all: replies found in the mailbox, to read and record.
REPLIES_HEADING = "Replies to read"


class Dated(Protocol):
    """A due item, or its row in a snapshot."""

    @property
    def due(self) -> date: ...

    @property
    def deadline(self) -> datetime | None: ...


def hours_left(item: Dated, now: datetime) -> float | None:
    """Hours until the item's deadline (negative once it has passed); None without one."""
    return None if item.deadline is None else (item.deadline - now).total_seconds() / 3600


def day_text(now: datetime) -> str:
    """The day the review is for, as its headline and the Queue's header say it."""
    return f"{now:%A %-d %B %Y}"


def when_text(item: Dated, now: datetime) -> str:
    """'3 days late', 'today', 'in 2 days', or hours left before a thank-you deadline."""
    hours = hours_left(item, now)
    if hours is not None:
        return f"{hours:.0f} h left" if hours >= 0 else f"{-hours:.0f} h late"
    days = (item.due - now.date()).days
    if days < 0:
        return f"{count(-days, 'day')} late"
    if days == 0:
        return "today"
    return f"in {count(days, 'day')}"

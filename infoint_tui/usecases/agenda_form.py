"""The morning review's two forms, text and JSON, drawn from its document (see agenda.py).

The document holds everything the review says except what moves with the clock: how long
until each item is due ("in 2 days", "5 h left"), worked out here for the moment given.
So `infoint today` can answer from the document kept in the snapshot beside the data file,
with no records loaded; this module imports none of them.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any, NamedTuple

from infoint_tui.cells import fit
from infoint_tui.domain.due_text import HEADINGS, REPLIES_HEADING, day_text, when_text
from infoint_tui.domain.wording import count

#: The review of one day, as agenda.review_document makes it.
Document = dict[str, Any]

#: Every line of the text fits a terminal this wide.
WIDTH = 80
#: The columns of an item's line, in cells: what, who, where they work.
KIND_WIDTH, PERSON_WIDTH, COMPANY_WIDTH = 13, 20, 16


class _Dated(NamedTuple):
    due: date
    deadline: datetime | None


def holds_at(document: Document, now: datetime) -> bool:
    """Whether the document is the review at `now`: its day, and every moment the rules
    compared the clock with falls the same side of `now`."""
    return document["date"] == now.date().isoformat() and all(
        (now >= datetime.fromisoformat(moment)) == reached for moment, reached in document["asked"]
    )


def _when(item: dict[str, Any], now: datetime) -> str:
    deadline = item["deadline"]
    dated = _Dated(date.fromisoformat(item["out"]["due"]), datetime.fromisoformat(deadline) if deadline else None)
    return when_text(dated, now)


def _items(document: Document, now: datetime) -> list[dict[str, Any]]:
    """The items as the JSON shows them, with how long until each is due."""
    return [item["out"] | {"when": _when(item, now)} for item in document["items"]]


def _due_now(items: list[dict[str, Any]]) -> tuple[int, int]:
    return sum(item["status"] == "overdue" for item in items), sum(item["status"] == "today" for item in items)


def agenda_json(document: Document, now: datetime) -> str:
    items = _items(document, now)
    shown = {
        "date": now.date().isoformat(),
        "now": now.isoformat(timespec="minutes"),
        "days": document["days"],
        "due_now": sum(_due_now(items)),
        "items": items,
        "interviews": document["interviews"],
    }
    return json.dumps(shown, indent=2, ensure_ascii=False)


def agenda_text(document: Document, now: datetime) -> str:
    """The review in lines of at most WIDTH cells, its columns aligned by cells."""
    items, days, interviews = _items(document, now), document["days"], document["interviews"]
    overdue, today = _due_now(items)
    upcoming = len(items) - overdue - today
    due = f"{overdue + today} due now ({overdue} overdue, {today} today)" if overdue + today else "nothing due now"
    ahead = f"Next {count(days, 'day')}: {upcoming} more due, "
    lines = [f"{day_text(now)}: {due}", ahead + f"{count(len(interviews), 'interview')} booked."]
    heads = [item["heads"] for item in document["items"]]
    rest = [item for item, first in zip(items, heads, strict=True) if not first]
    # Replies to read (whatever their day) head the review, then overdue, today and upcoming.
    groups = [(REPLIES_HEADING, "", [item for item, first in zip(items, heads, strict=True) if first])]
    groups += [
        (heading, status, [item for item in rest if item["status"] == status]) for status, heading in HEADINGS.items()
    ]
    for heading, status, group in groups:
        if not group:
            continue
        suffix = f", next {count(days, 'day')}" if status == "upcoming" else ""
        lines += ["", f"{heading}{suffix} ({len(group)})"]
        for item in group:
            lines += _item_lines(item)
    if interviews:
        lines += ["", f"Interviews, next {count(days, 'day')} ({len(interviews)})"]
        for booked in interviews:
            at = f"  {datetime.fromisoformat(booked['at']):%a %d %b %H:%M}  "
            columns = (
                f"{at}{fit(booked['person'], PERSON_WIDTH)} {fit(booked['company'], COMPANY_WIDTH)} {booked['how']}"
            )
            notes = ([booked["where"]] if booked["where"] else []) + _contact(booked) + _objective(booked)
            lines += _with_notes(columns, notes, len(at))
    return "\n".join(fit(line, WIDTH).rstrip() for line in lines)


def _item_lines(item: dict[str, Any]) -> list[str]:
    columns = (
        f"  {fit(item['label'], KIND_WIDTH)} {fit(item['person'], PERSON_WIDTH)} "
        f"{fit(item['company'], COMPANY_WIDTH)} {date.fromisoformat(item['due']):%a %d %b}  {item['when']}"
    )
    notes = ([item["detail"]] if item["detail"] else []) + _contact(item) + _objective(item)
    return _with_notes(columns, notes, KIND_WIDTH + 3)


def _contact(shown: dict[str, Any]) -> list[str]:
    """How to reach the person, and how we know them."""
    through = [f"through {shown['introducer']}"] if shown["introducer"] else []
    return through + [part for part in (shown["email"], shown["phone"]) if part]


def _objective(shown: dict[str, Any]) -> list[str]:
    return [f"to learn about {shown['objective']}"] if shown["objective"] else []


def _with_notes(columns: str, notes: list[str], indent: int) -> list[str]:
    """The line of columns, then the notes on one line under the person's name."""
    return [columns, " " * indent + " · ".join(notes)] if notes else [columns]

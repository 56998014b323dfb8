"""The Queue's rows: what a row shows and allows, drawn the same from the live data and
from the snapshot the first frame reads (store/snapshot.py), so that nothing moves when
the one replaces the other. Light on purpose: the first frame imports no records, and its
values are NamedTuples, which Python makes several times faster than frozen dataclasses.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any, NamedTuple

from rich.text import Text
from textual.content import Content

from infoint_tui.cells import fit
from infoint_tui.domain.due_text import HEADINGS, REPLIES_HEADING, when_text

if TYPE_CHECKING:
    from infoint_tui.domain.policy import DueItem

STATUS_STYLES = {"overdue": "bold ansi_red", "today": "bold", "upcoming": "dim"}
#: The columns of a row that never change, in cells: the kind, the due day, the time left.
KIND_WIDTH, DUE_WIDTH, WHEN_WIDTH = 13, 10, 11
#: A list at least this wide (100 columns less the scrollbar) has room for wider names and
#: the item's detail ("attempt 2 of 3").
ROOMY = 96
#: Narrower than this (80 columns less the scrollbar), the names give up cells.
SNUG = 78
#: The actions every item allows; the others depend on its kind (`QueueRow.of`).
ALWAYS = ("done", "snooze", "open_person")


class QueueRow(NamedTuple):
    """One due item as the Queue lists it."""

    key: str
    status: str
    label: str
    person: str
    company: str
    due: date
    deadline: datetime | None
    detail: str
    #: The Queue's actions that apply to it: "done", "reply", "copy_message", ...
    actions: tuple[str, ...]
    #: The heading it is listed under: replies to read first, then by status.
    group: str

    @classmethod
    def of(cls, item: DueItem) -> QueueRow:
        from infoint_tui.domain.due_kinds import KINDS
        from infoint_tui.domain.policy import heads_queue

        kind = KINDS[item.kind]
        optional = {"copy_message": bool(item.template), "reply": kind.awaits_reply, "card": kind.offers_card}
        actions = ALWAYS + tuple(action for action, allowed in optional.items() if allowed)
        group = REPLIES_HEADING if heads_queue(item) else HEADINGS[item.status]
        return cls(
            item.key,
            item.status,
            kind.label,
            item.person,
            item.company,
            item.due,
            item.deadline,
            item.detail,
            actions,
            group,
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "status": self.status,
            "label": self.label,
            "person": self.person,
            "company": self.company,
            "due": self.due.isoformat(),
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "detail": self.detail,
            "actions": list(self.actions),
            "group": self.group,
        }

    @classmethod
    def from_json(cls, doc: dict[str, Any]) -> QueueRow:
        deadline = doc["deadline"]
        return cls(
            doc["key"],
            doc["status"],
            doc["label"],
            doc["person"],
            doc["company"],
            date.fromisoformat(doc["due"]),
            datetime.fromisoformat(deadline) if deadline else None,
            doc["detail"],
            tuple(doc["actions"]),
            doc["group"],
        )


class Columns(NamedTuple):
    """The widths of the person and company columns, and whether the detail has room."""

    person: int
    company: int
    detail: bool = False

    @classmethod
    def fitting(cls, width: int) -> Columns:
        """Columns for a list `width` cells wide: the kind, due day and time left always
        whole; names wider when there is room, narrower (never gone) when there is not."""
        if width >= ROOMY:
            return cls(22, 18, detail=True)
        if width >= SNUG:
            return cls(20, 15)
        names = max(width - (KIND_WIDTH + DUE_WIDTH + WHEN_WIDTH + 5), 10)
        return cls(names * 3 // 5, names - names * 3 // 5)

    def row(self, row: QueueRow, now: datetime) -> Content:
        # Content, the list's own form: from rich Text, each of hundreds of rows is converted.
        when = when_text(row, now)
        detail = self.detail and row.detail
        return Content.assemble(
            (fit(row.label, KIND_WIDTH) + " ", STATUS_STYLES[row.status]),
            fit(row.person, self.person) + " ",
            (fit(row.company, self.company) + " ", "dim"),
            f"{row.due:%a %d %b}  ",
            (fit(when, WHEN_WIDTH) + "  " if detail else when, "italic"),
            (row.detail if detail else "", "dim"),
        )


class QueueSnapshot(NamedTuple):
    """The Queue as the snapshot keeps it: its rows, and the card of the first one."""

    rows: list[QueueRow]
    #: The first row's card under its top lines (`card_top`): each line's text and style.
    card: list[tuple[str, str]]

    def to_json(self) -> dict[str, Any]:
        return {"rows": [row.to_json() for row in self.rows], "card": self.card}

    @classmethod
    def from_json(cls, doc: dict[str, Any]) -> QueueSnapshot:
        return cls([QueueRow.from_json(row) for row in doc["rows"]], [(text, style) for text, style in doc["card"]])


def card_top(row: QueueRow, now: datetime) -> list[Text]:
    """The card's first lines: the item, whom it is with, when it is due."""
    head = Text.assemble((f"{row.label.capitalize()}: ", "bold"), (row.person, "bold"))
    if row.company:
        head.append(f" · {row.company}")
    # The list shows the day; a deadline on that day has its hour too.
    due = f"{row.due:%a %-d %b}"
    if row.deadline is not None and row.deadline.date() == row.due:
        due += f" {row.deadline:%H:%M}"
    return [head, Text(f"Due {due} ({when_text(row, now)})" + (f" · {row.detail}" if row.detail else ""))]

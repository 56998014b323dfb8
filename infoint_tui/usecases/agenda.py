"""The morning review as plain text or JSON (`infoint today`); no Textual here."""

from __future__ import annotations

from datetime import datetime

import orjson

from infoint_tui.domain.models import Campaign
from infoint_tui.domain.policy import DueItem, DueKind, Status, agenda, due_items, hours_left

KIND_LABELS: dict[DueKind, str] = {
    DueKind.REQUEST: "send request",
    DueKind.ASK_INTRO: "ask for intro",
    DueKind.NUDGE_INTRO: "nudge mutual",
    DueKind.FOLLOW_UP: "follow up",
    DueKind.CALL: "phone call",
    DueKind.ASSUMED_NO: "assume no",
    DueKind.BOOK: "book a time",
    DueKind.PREPARE: "prepare",
    DueKind.INTERVIEW: "interview",
    DueKind.THANK: "thank-you",
    DueKind.THANK_INTRODUCER: "thank mutual",
    DueKind.ACTION: "action item",
    DueKind.KEEP_POSTED: "keep posted",
}

HEADINGS = {Status.OVERDUE: "Overdue", Status.TODAY: "Today", Status.UPCOMING: "Upcoming"}


def review(campaign: Campaign, now: datetime) -> list[DueItem]:
    """The items of the morning review: overdue, today, and the next few days."""
    today = now.date()
    return agenda(due_items(campaign, today, now), today, campaign.settings.agenda_days)


def when_text(item: DueItem, now: datetime) -> str:
    """'3 days late', 'today', 'in 2 days', or hours left before a thank-you deadline."""
    hours = hours_left(item, now)
    if hours is not None:
        return f"{hours:.0f} h left" if hours >= 0 else f"{-hours:.0f} h past deadline"
    days = (item.due - now.date()).days
    if days < 0:
        return f"{-days} day{'s' if days != -1 else ''} late"
    if days == 0:
        return "today"
    return f"in {days} day{'s' if days != 1 else ''}"


def agenda_text(campaign: Campaign, now: datetime) -> str:
    items = review(campaign, now)
    lines = [f"{now:%A %-d %B %Y}: {len(items) or 'nothing'} due"]
    for status, heading in HEADINGS.items():
        group = [item for item in items if item.status == status]
        if not group:
            continue
        suffix = f", next {campaign.settings.agenda_days} days" if status == Status.UPCOMING else ""
        lines += ["", f"{heading}{suffix} ({len(group)})"]
        for item in group:
            who = f"{item.person} ({item.company})" if item.company else item.person
            lines.append(
                f"  {KIND_LABELS[item.kind]:<14} {who:<40.40} {item.due:%a %d %b}  {when_text(item, now)}"
                + (f"  {item.detail}" if item.detail else "")
            )
    return "\n".join(lines)


def agenda_json(campaign: Campaign, now: datetime) -> str:
    items = review(campaign, now)
    document = {"date": now.date().isoformat(), "items": [item.to_json() for item in items]}
    return orjson.dumps(document, option=orjson.OPT_INDENT_2).decode()

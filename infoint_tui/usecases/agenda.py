"""The morning review as plain text or JSON (`infoint today`); no Textual here."""

from __future__ import annotations

from datetime import datetime

import orjson

from infoint_tui.cells import fit
from infoint_tui.domain.due_kinds import KINDS
from infoint_tui.domain.models import Campaign
from infoint_tui.domain.policy import DueItem, Status, agenda, due_items, hours_left
from infoint_tui.domain.wording import count

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
        return f"{count(-days, 'day')} late"
    if days == 0:
        return "today"
    return f"in {count(days, 'day')}"


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
                f"  {fit(KINDS[item.kind].label, 14)} {fit(who, 40)} {item.due:%a %d %b}  {when_text(item, now)}"
                + (f"  {item.detail}" if item.detail else "")
            )
    return "\n".join(lines)


def agenda_json(campaign: Campaign, now: datetime) -> str:
    items = review(campaign, now)
    document = {"date": now.date().isoformat(), "items": [item.to_json() for item in items]}
    return orjson.dumps(document, option=orjson.OPT_INDENT_2).decode()

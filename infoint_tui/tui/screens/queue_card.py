"""The card beside the queue: everything needed to act on the highlighted item."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from rich.text import Text

from infoint_tui.domain.due_kinds import KINDS, DueKind
from infoint_tui.domain.models import Campaign
from infoint_tui.domain.policy import DueItem, next_target
from infoint_tui.domain.templates import render_template
from infoint_tui.domain.wording import count
from infoint_tui.tui.screens.queue_rows import QueueRow, QueueSnapshot
from infoint_tui.usecases.agenda import review
from infoint_tui.usecases.due_actions import interview_of, message_for, objective_of, outreach_of


def card_body(campaign: Campaign, item: DueItem) -> list[Text]:
    """The card under its top lines (`card_top`): what acting on the item needs."""
    lines: list[Text] = []
    if (objective := objective_of(campaign, item)) is not None:
        lines.append(Text(f"To learn about {objective.text}", style="italic"))
    lines += _specifics(campaign, item)
    lines.append(Text(KINDS[item.kind].done_hint, style="dim"))
    return lines


def queue_snapshot(campaign: Campaign, now: datetime) -> dict[str, Any]:
    """What the Queue's first frame shows before the data file is read (see QueueSnapshot)."""
    items = review(campaign, now)
    card = [(line.plain, str(line.style)) for line in card_body(campaign, items[0])] if items else []
    return QueueSnapshot([QueueRow.of(item) for item in items], card).to_json()


def _specifics(campaign: Campaign, item: DueItem) -> list[Text]:
    person = campaign.people[item.person_id]
    if item.kind == DueKind.CALL:
        return [
            Text(f"Call {person.phone or '(no number on file: o to add one)'}", style="bold"),
            *_voicemail(campaign, item),
        ]
    if item.kind == DueKind.ASSUMED_NO:
        outreach = outreach_of(campaign, item)
        following = next_target(campaign, person.company_id, person.id)
        attempts = outreach.attempts_this_round if outreach else campaign.settings.max_attempts
        lines: list[Text] = [Text(f"No reply after {count(attempts, 'attempt')}.")]
        if following is not None:
            lines.append(Text(f"Next at {item.company}: {following.name} ({following.degree} degree)"))
        return lines
    if item.kind == DueKind.THANK:
        interview = interview_of(campaign, item)
        card_state = f"mailed {interview.note_mailed:%-d %b}" if interview and interview.note_mailed else "not sent"
        return [Text(f"Handwritten card: {card_state}; address: {person.postal_address or 'none on file'}")]
    if item.kind in (DueKind.BOOK, DueKind.INTERVIEW, DueKind.PREPARE):
        interview = interview_of(campaign, item)
        if interview is not None and interview.where:
            return [Text(f"Where: {interview.where}")]
        return [Text(f"Phone: {person.phone}")] if person.phone else []
    if item.kind == DueKind.READ_REPLY:
        outreach = outreach_of(campaign, item)
        reply = outreach.pending_reply if outreach else None
        if reply is None:
            return []
        return [
            Text(f"{reply.sender} wrote on {reply.on:%a %-d %b}; the whole message is in your mailbox:", style="bold"),
            *(Text(f"  {line}") for line in reply.note.splitlines()),
        ]
    if item.kind in (DueKind.ASK_INTRO, DueKind.NUDGE_INTRO):
        mutual = campaign.introducer_of(person)
        return [Text(f"Through {mutual.name} ({mutual.email or 'no e-mail on file'})")] if mutual else []
    return [Text(f"E-mail: {person.email}")] if person.email else []


def _voicemail(campaign: Campaign, item: DueItem) -> list[Text]:
    """The script to read if the call goes to voicemail: name and number said twice, slowly."""
    message = message_for(campaign, item)
    if message is None:
        return []
    script = render_template(message.template, message.context).body.text
    return [Text("If it goes to voicemail, say slowly:", style="bold"), Text(script)]

"""The card beside the queue: everything needed to act on the highlighted item."""

from __future__ import annotations

from datetime import datetime

from rich.console import Group, RenderableType
from rich.text import Text

from infoint_tui.domain.models import Campaign
from infoint_tui.domain.policy import DueItem, DueKind, next_target
from infoint_tui.domain.templates import render_template
from infoint_tui.usecases.agenda import KIND_LABELS, when_text
from infoint_tui.usecases.due_actions import interview_of, message_for, objective_of, outreach_of

#: What `d` does, per kind (the footer can only say "Done").
DONE_HINTS = {
    DueKind.REQUEST: "d records the request as sent",
    DueKind.ASK_INTRO: "d records that you asked for the introduction",
    DueKind.NUDGE_INTRO: "d records the reminder; r when the introduction is made",
    DueKind.FOLLOW_UP: "d records the follow-up as sent",
    DueKind.CALL: "d records the call",
    DueKind.ASSUMED_NO: "d closes it and suggests the next person at the company",
    DueKind.BOOK: "d books the time that suits them",
    DueKind.PREPARE: "d opens the questions to choose",
    DueKind.INTERVIEW: "d marks it held and asks what you learned",
    DueKind.THANK: "d records the thank-you e-mail; n the handwritten card",
    DueKind.THANK_INTRODUCER: "d records the thank-you",
    DueKind.ACTION: "d marks it done",
    DueKind.KEEP_POSTED: "d records the update",
}


def card(campaign: Campaign, item: DueItem, now: datetime) -> RenderableType:
    head = Text.assemble((f"{KIND_LABELS[item.kind].capitalize()}: ", "bold"), (item.person, "bold"))
    if item.company:
        head.append(f" · {item.company}")
    lines: list[RenderableType] = [
        head,
        Text(f"Due {item.due:%a %-d %b} ({when_text(item, now)})" + (f" · {item.detail}" if item.detail else "")),
    ]
    if (objective := objective_of(campaign, item)) is not None:
        lines.append(Text(f"To learn about {objective.text}", style="italic"))
    lines += _specifics(campaign, item)
    lines.append(Text(DONE_HINTS[item.kind], style="dim"))
    return Group(*lines)


def _specifics(campaign: Campaign, item: DueItem) -> list[RenderableType]:
    person = campaign.people[item.person_id]
    if item.kind == DueKind.CALL:
        return [Text(f"Call {person.phone or '(no number on file: o to add one)'}", style="bold"),
                *_voicemail(campaign, item)]
    if item.kind == DueKind.ASSUMED_NO:
        outreach = outreach_of(campaign, item)
        following = next_target(campaign, person.company_id, person.id)
        lines: list[RenderableType] = [Text(f"No reply after {outreach.contact_attempts if outreach else 3} attempts.")]
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
    if item.kind in (DueKind.ASK_INTRO, DueKind.NUDGE_INTRO):
        mutual = campaign.introducer_of(person)
        return [Text(f"Through {mutual.name} ({mutual.email or 'no e-mail on file'})")] if mutual else []
    return [Text(f"E-mail: {person.email}")] if person.email else []


def _voicemail(campaign: Campaign, item: DueItem) -> list[RenderableType]:
    """The script to read if the call goes to voicemail: name and number said twice, slowly."""
    message = message_for(campaign, item)
    if message is None:
        return []
    script = render_template(message.template, message.context).body.text
    return [Text("If it goes to voicemail, say slowly:", style="bold"), Text(script)]

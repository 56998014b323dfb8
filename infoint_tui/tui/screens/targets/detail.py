"""What the detail pane of the Targets screen says about one person or one company."""

from __future__ import annotations

from datetime import date

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from infoint_tui.domain.models import Attempt, AttemptKind, CallOutcome, Campaign, Company, Degree, Outreach, Person
from infoint_tui.domain.stages import Standing
from infoint_tui.domain.target_search import ARCHIVED_TERM, Links, fold, tag_words
from infoint_tui.tui.screens.targets.rows import DEGREE_LABELS

ATTEMPT_LABELS = {
    AttemptKind.REQUEST: "request sent",
    AttemptKind.INTRO_ASKED: "introduction asked",
    AttemptKind.INTRO_MADE: "introduced",
    AttemptKind.FOLLOW_UP: "follow-up sent",
    AttemptKind.CALL: "phone call",
    AttemptKind.REPLY_YES: "said yes",
    AttemptKind.REPLY_NO: "said no",
    AttemptKind.REPLY_LATER: "said not now",
    AttemptKind.REFERRED: "referred you to someone else",
    AttemptKind.SNOOZED: "put off",
    AttemptKind.CLOSED: "closed",
    AttemptKind.MAIL_REPLY: "e-mail reply found",
    AttemptKind.AUTO_REPLY: "automatic reply found",
}
#: How a call went, after "phone call".
CALL_OUTCOMES = {
    CallOutcome.VOICEMAIL: "voicemail left",
    CallOutcome.SPOKE: "spoke",
    CallOutcome.NO_ANSWER: "no answer",
}
#: A company with more people than this lists the first ones and counts the rest.
STAFF_SHOWN = 100
#: Likewise for the people someone introduced.
NAMES_SHOWN = 12
DEGREE_WORDS = {
    Degree.FIRST: "1st degree: you know them",
    Degree.SECOND: "2nd degree: through a mutual contact",
    Degree.COLD: "cold: no connection yet",
}


def _day(on: date) -> str:
    return f"{on:%a %-d %b %Y}"


def _fields(rows: list[tuple[str, str]]) -> Table:
    """Label and value side by side; empty values are left out."""
    table = Table.grid(padding=(0, 1))
    table.add_column(style="dim", no_wrap=True)
    table.add_column(overflow="fold")
    for label, value in rows:
        if value:
            table.add_row(label, value)
    return table


def _heading(text: str) -> Text:
    return Text(f"\n{text}", style="bold underline")


def _names(campaign: Campaign, ids: list[int]) -> str:
    names = [campaign.people[pid].name for pid in ids if pid in campaign.people]
    more = f" and {len(names) - NAMES_SHOWN} more" if len(names) > NAMES_SHOWN else ""
    return ", ".join(names[:NAMES_SHOWN]) + more


def person_detail(campaign: Campaign, links: Links, person: Person, standing: Standing) -> RenderableType:
    company = campaign.company_of(person)
    introducer = campaign.introducer_of(person)
    role = " at ".join(part for part in (person.title, company.name if company else "") if part)
    parts: list[RenderableType] = [Text(person.name, style="bold")]
    if role:
        parts.append(Text(role))
    parts.append(Text(DEGREE_WORDS[person.degree], style="italic"))
    parts.append(Text())
    parts.append(
        _fields(
            [
                ("Stage", standing.label),
                ("Next due", _day(standing.next_on) if standing.next_on else "nothing"),
                ("Archived", f"yes: listed only when the filter says {ARCHIVED_TERM}" if person.archived else ""),
                ("Introducer", introducer.name if introducer else ""),
                ("Introduced", _names(campaign, links.introduced.get(person.id, []))),
                ("Company", company.name if company else ""),
                ("Title", person.title),
                ("E-mail", person.email),
                ("Phone", person.phone),
                ("Profile", person.profile_url),
                ("Location", person.location),
                ("Address", person.postal_address),
                ("Tags", tag_words(person.tags)),
                ("Source", person.source),
                ("Connected", _day(person.connected_on) if person.connected_on else ""),
            ]
        )
    )
    outreach = links.outreach.get(person.id, [])
    parts.append(_heading(f"Outreach ({len(outreach)})"))
    parts += [_outreach(campaign, item) for item in outreach] or [Text("none yet", style="dim")]
    interviews = sorted(links.interviews.get(person.id, []), key=lambda i: i.when)
    parts.append(_heading(f"Interviews ({len(interviews)})"))
    for interview in interviews:
        state = "held" if interview.held else "booked"
        parts.append(
            Text.assemble(
                f"{_day(interview.when.date())} {interview.when:%H:%M}  ",
                (state, "bold" if interview.held else "italic"),
                (f"  {interview.mode}", "dim"),
            )
        )
    if not interviews:
        parts.append(Text("none yet", style="dim"))
    if person.notes:
        parts += [_heading("Notes"), Text(person.notes)]
    return Group(*parts)


def _outreach(campaign: Campaign, outreach: Outreach) -> RenderableType:
    objective = campaign.objectives.get(outreach.objective_id)
    head = Text.assemble((outreach.stage, "bold"), f" · {objective.text if objective else 'no objective'}")
    log = Table.grid(padding=(0, 1))
    log.add_column(style="dim", no_wrap=True)
    log.add_column()
    for attempt in outreach.attempts:
        log.add_row(f"  {attempt.on:%-d %b %Y}", ATTEMPT_LABELS[attempt.kind] + _particulars(attempt))
    return Group(head, log) if outreach.attempts else Group(head, Text("  nothing sent yet", style="dim"))


def company_detail(campaign: Campaign, links: Links, company: Company) -> RenderableType:
    about = " · ".join(part for part in (company.industry, company.size, company.location) if part)
    parts: list[RenderableType] = [Text(company.name, style="bold")]
    if about:
        parts.append(Text(about))
    parts.append(Text())
    parts.append(
        _fields(
            [
                ("Industry", company.industry),
                ("Size", company.size),
                ("Location", company.location),
                ("Website", company.website),
                ("Source", company.source),
                ("Tags", tag_words(company.tags)),
            ]
        )
    )
    staff = sorted(
        (campaign.people[pid] for pid in links.staff.get(company.id, []) if pid in campaign.people),
        key=lambda person: fold(person.name),
    )
    parts.append(_heading(f"People ({len(staff)})"))
    for person in staff[:STAFF_SHOWN]:
        line = Text.assemble(
            (f"{DEGREE_LABELS[person.degree]:<5}", "dim"),
            person.name,
            (f"  {person.title}" if person.title else "", "dim"),
        )
        line.no_wrap, line.overflow = True, "ellipsis"
        parts.append(line)
    if len(staff) > STAFF_SHOWN:
        parts.append(Text(f"… and {len(staff) - STAFF_SHOWN} more: filter the people list by this name", style="dim"))
    if not staff:
        parts.append(Text("nobody yet: press p, then n to add someone here", style="dim"))
    if company.notes:
        parts += [_heading("Notes"), Text(company.notes)]
    return Group(*parts)


def _particulars(attempt: Attempt) -> str:
    """What the log line adds to the kind: how a call went, until when, the note."""
    parts = [
        CALL_OUTCOMES[attempt.outcome] if attempt.outcome else "",
        f"ask again in {attempt.until:%B %Y}" if attempt.kind == AttemptKind.REPLY_LATER and attempt.until else "",
        attempt.note,
    ]
    shown = "; ".join(part for part in parts if part)
    return f" ({shown})" if shown else ""

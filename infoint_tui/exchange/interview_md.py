"""One interview as a Markdown file a person can read, print or keep with their notes."""

from __future__ import annotations

import unicodedata

from infoint_tui.domain.models import ActionItem, Campaign, Interview, PreparedQuestion, Verdict

_VERDICTS = {
    Verdict.SOLIDIFIED: "it solidified my plan",
    Verdict.CHALLENGED: "it challenged my plan",
    Verdict.UNSURE: "not decided yet",
}
_NONE = "_None._"
_SLUG_MAX = 60  # keeps the whole name far below file-system limits


def interview_title(campaign: Campaign, interview: Interview) -> str:
    """'Informational interview: Ana Ruiz (Acme Robotics)', also the calendar entry's title."""
    person = campaign.people[interview.person_id]
    company = campaign.company_of(person)
    return f"Informational interview: {person.name}" + (f" ({company.name})" if company else "")


def interview_markdown(campaign: Campaign, interview: Interview) -> str:
    person = campaign.people[interview.person_id]
    company = campaign.company_of(person)
    objective = campaign.objectives.get(interview.objective_id) if interview.objective_id else None
    where = f" — {interview.where}" if interview.where else ""
    lines = [
        f"# {interview_title(campaign, interview)}",
        "",
        f"- **Person:** {person.name}" + (f", {person.title}" if person.title else ""),
        f"- **Company:** {company.name if company else '—'}",
        f"- **Objective:** {f'{objective.text} ({objective.kind})' if objective else '—'}",
        f"- **When:** {interview.when:%A %d %B %Y, %H:%M}",
        f"- **Mode:** {interview.mode}{where}",
        f"- **Held:** {'yes' if interview.held else 'not yet'}",
        "",
        "## Questions",
        "",
        *(_checklist(interview.questions) or [_NONE]),
        *_section("Notes", interview.notes),
        "## Action items",
        "",
        *(_checklist(interview.action_items) or [_NONE]),
        *_section("Discussed (for the thank-you)", interview.discussed),
        *_section("Takeaways", interview.takeaways),
        f"**Verdict:** {_VERDICTS[interview.verdict]}",
    ]
    return "\n".join(lines) + "\n"


def markdown_filename(campaign: Campaign, interview: Interview) -> str:
    """'2026-11-26-ana-ruiz.md': the day, then the person's name as a safe slug."""
    slug = _slug(campaign.people[interview.person_id].name) or f"interview-{interview.id}"
    return f"{interview.when:%Y-%m-%d}-{slug}.md"


def _checklist(items: list[PreparedQuestion] | list[ActionItem]) -> list[str]:
    lines = []
    for item in items:
        done = item.asked if isinstance(item, PreparedQuestion) else item.done
        due = f" (due {item.due.isoformat()})" if isinstance(item, ActionItem) and item.due else ""
        lines.append(f"- [{'x' if done else ' '}] {item.text}{due}")
    return lines


def _section(heading: str, text: str) -> list[str]:
    return ["", f"## {heading}", "", text.strip() or _NONE, ""]


def _slug(name: str) -> str:
    """Lowercase letters and digits joined by '-': accents dropped, other scripts kept.

    Only letters and digits survive, so no slash, dot or control character reaches the
    file name, whatever the person's name holds.
    """
    bare = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    words = "".join(c if c.isalnum() else " " for c in bare.casefold()).split()
    return "-".join(words)[:_SLUG_MAX].strip("-")

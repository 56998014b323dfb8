"""One interview as a Markdown file a person can read, print or keep with their notes.

The outline (headings and list items) is ours alone, whatever the user typed: one-line
values are escaped, so `<script>`, `*` or `[ ]` show as typed; free text (notes, takeaways)
goes into code fences longer than any run of backticks inside it, so an unclosed fence or
a `- [ ]` line stays text. The notes' own headings (the live view writes one per question
asked) are kept as headings, nested below their section's.
"""

from __future__ import annotations

import re
import unicodedata

from infoint_tui.domain.models import (
    REFERRED_BY,
    ActionItem,
    Campaign,
    Interview,
    Person,
    PreparedQuestion,
    Verdict,
)

_VERDICTS = {
    Verdict.SOLIDIFIED: "it solidified my plan",
    Verdict.CHALLENGED: "it challenged my plan",
    Verdict.UNSURE: "not decided yet",
}
_NONE = "_None._"
_SECTION = 2  # the level of "## Notes" and its siblings
_SLUG_MAX = 60  # keeps the whole name far below file-system limits

# Characters that could start markup inside a line; a backslash makes each one literal.
_MARKUP = re.compile(r"([\\`*_\[\]<>#&~])")
# A line-start marker that, at the start of a list item, would open a block inside it.
_LEADING_MARKER = re.compile(r"^(?:\d{1,9}[.)]|[-+=])")
# The notes' own ATX headings, and the fences of their own code (inside which '#' is code).
_HEADING = re.compile(r" {0,3}(#{1,6})(?:[ \t]+(.*?))??(?:[ \t]+#+)?[ \t]*")
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")


def interview_title(campaign: Campaign, interview: Interview) -> str:
    """'Informational interview: Ana Ruiz (Acme Robotics)', also the calendar entry's title."""
    person = campaign.people[interview.person_id]
    company = campaign.company_of(person)
    return f"Informational interview: {person.name}" + (f" ({company.name})" if company else "")


def interview_markdown(campaign: Campaign, interview: Interview) -> str:
    person = campaign.people[interview.person_id]
    company = campaign.company_of(person)
    introducer = campaign.introducer_of(person)
    objective = campaign.objectives.get(interview.objective_id) if interview.objective_id else None
    where = f" — {_inline(interview.where)}" if interview.where else ""
    lines = [
        f"# {_inline(interview_title(campaign, interview))}",
        "",
        f"- **Person:** {_inline(person.name)}" + (f", {_inline(person.title)}" if person.title else ""),
        f"- **Company:** {_inline(company.name) if company else '—'}",
        f"- **Introduced by:** {_inline(introducer.name) if introducer else '—'}",
        f"- **Objective:** {f'{_inline(objective.text)} ({objective.kind})' if objective else '—'}",
        f"- **When:** {interview.when:%A %d %B %Y, %H:%M}",
        f"- **Mode:** {interview.mode}{where}",
        f"- **Held:** {'yes' if interview.held else 'not yet'}",
        *_section("Questions", _checklist(interview.questions)),
        *_section("Notes", _free_text(interview.notes)),
        *_section("Action items", _checklist(interview.action_items)),
        *_section("Referrals", [_referral(campaign, p) for p in referrals(campaign, interview)]),
        *_section("Discussed (for the thank-you)", _free_text(interview.discussed)),
        *_section("Takeaways", _free_text(interview.takeaways)),
        "",
        f"**Verdict:** {_VERDICTS[interview.verdict]}",
    ]
    return "\n".join(lines) + "\n"


def referrals(campaign: Campaign, interview: Interview) -> list[Person]:
    """The people the interviewee suggested, added from an interview (see add_referral)."""
    return [
        p
        for p in campaign.people.values()
        if p.introducer_id == interview.person_id and p.source.startswith(REFERRED_BY)
    ]


def markdown_filename(campaign: Campaign, interview: Interview) -> str:
    """'2026-11-26-ana-ruiz.md': the day, then the person's name as a safe slug."""
    slug = _slug(campaign.people[interview.person_id].name) or f"interview-{interview.id}"
    return f"{interview.when:%Y-%m-%d}-{slug}.md"


def _section(heading: str, body: list[str]) -> list[str]:
    return ["", f"{'#' * _SECTION} {heading}", "", *(body or [_NONE])]


def _checklist(items: list[PreparedQuestion] | list[ActionItem]) -> list[str]:
    lines = []
    for item in items:
        if isinstance(item, PreparedQuestion):
            done, extra = item.asked, " (follow-up)" if item.follow_up else ""
        else:
            done, extra = item.done, f" (due {item.due.isoformat()})" if item.due else ""
        lines.append(f"- [{'x' if done else ' '}] {_inline(item.text)}{extra}")
    return lines


def _referral(campaign: Campaign, person: Person) -> str:
    company = campaign.company_of(person)
    details = ", ".join(_inline(part) for part in (company.name if company else "", person.email, person.phone) if part)
    return f"- {_inline(person.name)}" + (f" ({details})" if details else "")


def _inline(text: str) -> str:
    """One line of user text, shown as typed: markup escaped, line breaks made spaces."""
    line = _MARKUP.sub(r"\\\1", _printable(" ".join(text.split())))
    return _LEADING_MARKER.sub(lambda marker: f"{marker[0][:-1]}\\{marker[0][-1]}", line)


def _free_text(text: str) -> list[str]:
    """Free text as fenced blocks, its own headings kept but nested below the section's."""
    parts: list[tuple[int, str, list[str]]] = [(0, "", [])]  # (heading level or 0, heading, lines)
    fence = ""  # the text's own open code fence, if any
    for line in (_printable(line) for line in text.splitlines()):
        heading = None if fence else _HEADING.fullmatch(line)
        if heading:
            parts.append((len(heading[1]), heading[2] or "", []))
            continue
        parts[-1][2].append(line)
        if mark := _FENCE.match(line):
            run = mark[1]
            if not fence:
                fence = run
            elif run[0] == fence[0] and len(run) >= len(fence) and line.strip() == run:
                fence = ""
    top = min((level for level, _, _ in parts if level), default=1)
    out: list[str] = []
    for level, title, body in parts:
        if level:
            out += [f"{'#' * min(6, _SECTION + 1 + level - top)} {_inline(title)}", ""]
        out += _fenced(body)
    return out[:-1] if out and not out[-1] else out


def _fenced(lines: list[str]) -> list[str]:
    text = "\n".join(lines).strip("\n")
    if not text.strip():
        return []
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return [fence, *text.split("\n"), fence, ""]


def _printable(text: str) -> str:
    """Without control characters (a tab is kept): they are not the user's words."""
    return "".join(c for c in text if c == "\t" or unicodedata.category(c) != "Cc")


def _slug(name: str) -> str:
    """Lowercase letters and digits joined by '-': accents dropped, other scripts kept.

    Only letters and digits survive, so no slash, dot or control character reaches the
    file name, whatever the person's name holds.
    """
    bare = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    words = "".join(c if c.isalnum() else " " for c in bare.casefold()).split()
    return "-".join(words)[:_SLUG_MAX].strip("-")

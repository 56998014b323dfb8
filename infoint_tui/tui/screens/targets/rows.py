"""One line per person or company in the target lists, fitted to the list's width."""

from __future__ import annotations

from collections.abc import Callable

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from infoint_tui.cells import fit
from infoint_tui.domain.models import Campaign, Degree
from infoint_tui.domain.target_search import Links

DEGREE_LABELS = {Degree.FIRST: "1st", Degree.SECOND: "2nd", Degree.COLD: "cold"}
DEGREE_STYLES = {Degree.FIRST: Style(bold=True), Degree.SECOND: Style(), Degree.COLD: Style(dim=True)}
DIM = Style(dim=True)
#: From this width a person's row also shows their title.
WIDE = 56


def person_row(campaign: Campaign) -> Callable[[int, int], Strip]:
    def row(person_id: int, width: int) -> Strip:
        person = campaign.people[person_id]
        company = campaign.company_of(person)
        wide = width >= WIDE
        rest = width - (8 if wide else 7)  # margin, degree column, gaps
        name_width = max(8, rest * 2 // 5 if wide else rest * 11 // 20)
        company_width = max(0, (rest - name_width) // 2 if wide else rest - name_width)
        segments = [
            Segment(" "),
            Segment(fit(DEGREE_LABELS[person.degree], 4), DEGREE_STYLES[person.degree]),
            Segment(" " + fit(person.name, name_width)),
            Segment(" " + fit(company.name if company else "", company_width), DIM),
        ]
        if wide:
            segments.append(Segment(" " + fit(person.title, rest - name_width - company_width), DIM))
        return Strip(segments)

    return row


def company_row(campaign: Campaign, links: Links) -> Callable[[int, int], Strip]:
    def row(company_id: int, width: int) -> Strip:
        company = campaign.companies[company_id]
        count = len(links.staff.get(company_id, ()))
        rest = width - 9  # margin, gaps, head count
        name_width = max(8, rest * 3 // 5)
        return Strip(
            [
                Segment(" " + fit(company.name, name_width)),
                Segment(" " + fit(company.industry, rest - name_width), DIM),
                Segment(f" {count:>5} ", DIM if not count else Style()),
            ]
        )

    return row

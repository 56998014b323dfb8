"""One line per person or company in the target lists, fitted to the list's width.

A person's row ends with their stage and the next day something is due for them, both read
from the standings worked out once per change of the data (`domain.stages`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from infoint_tui.cells import fit
from infoint_tui.domain.models import Campaign, Degree
from infoint_tui.domain.stages import Stage, Standing
from infoint_tui.domain.target_search import Links

DEGREE_LABELS = {Degree.FIRST: "1st", Degree.SECOND: "2nd", Degree.COLD: "cold"}
DEGREE_STYLES = {Degree.FIRST: Style(bold=True), Degree.SECOND: Style(), Degree.COLD: Style(dim=True)}
DIM = Style(dim=True)
BOLD = Style(bold=True)
#: From this width a person's row names the stage in full ("waiting since 12 Nov").
WIDE = 56
#: From this width it also shows their title.
WIDEST = 90
#: The stage in a narrow row, ten cells at most; the detail pane says the rest.
SHORT_STAGES = {
    Stage.NOT_ASKED: "not asked",
    Stage.WAITING: "waiting",
    Stage.DUE: "follow-up",
    Stage.HELD: "held",
    Stage.THANKED: "thanked",
    Stage.NO: "no",
    Stage.ASSUMED_NO: "assumed no",
}
STAGE_STYLES = {Stage.DUE: BOLD, Stage.NO: DIM, Stage.ASSUMED_NO: DIM}
NEXT_WIDTH = 6  # "26 Nov"


def stage_text(standing: Standing, width: int) -> str:
    if width >= len("waiting since 12 Nov") or standing.stage == Stage.YES:
        return standing.label
    return SHORT_STAGES[standing.stage]


def person_row(campaign: Campaign, standings: Mapping[int, Standing], today: date) -> Callable[[int, int], Strip]:
    def row(person_id: int, width: int) -> Strip:
        person = campaign.people[person_id]
        company = campaign.company_of(person)
        standing = standings[person_id]
        stage_width = 20 if width >= WIDE else 10
        with_title = width >= WIDEST
        # What the margins (the left one holds the selection's mark), degree, gaps, stage and
        # next date leave to the name, company and title.
        rest = width - 10 - NEXT_WIDTH - stage_width - with_title
        name_width = max(8, rest * 2 // 5 if with_title else rest * 11 // 20)
        company_width = max(0, (rest - name_width) // 2 if with_title else rest - name_width)
        segments = [
            Segment(" "),
            Segment(fit(DEGREE_LABELS[person.degree], 4), DEGREE_STYLES[person.degree]),
            Segment(" " + fit(person.name, name_width)),
            Segment(" " + fit(company.name if company else "", company_width), DIM),
        ]
        if with_title:
            segments.append(Segment(" " + fit(person.title, rest - name_width - company_width), DIM))
        next_on = standing.next_on
        segments += [
            Segment(" " + fit(stage_text(standing, stage_width), stage_width), STAGE_STYLES.get(standing.stage)),
            Segment(
                " " + (f"{next_on:%-d %b}" if next_on else "").rjust(NEXT_WIDTH),
                BOLD if next_on is not None and next_on <= today else None,
            ),
        ]
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

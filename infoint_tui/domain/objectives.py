"""How far each objective has got: the people approached for it, requests made, interviews."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from infoint_tui.domain.models import AttemptKind, Campaign, Company, Objective, ObjectiveKind, Person
from infoint_tui.domain.text import fold
from infoint_tui.domain.wording import count


@dataclass
class Tally:
    """How far one objective has got."""

    people: set[int] = field(default_factory=set)
    requests: int = 0
    held: int = 0
    booked: int = 0

    def summary(self) -> str:
        return (
            f"{count(len(self.people), 'target')} · {count(self.requests, 'request')} · "
            f"interviews: {self.held} held, {self.booked} booked"
        )


def tallies(campaign: Campaign) -> dict[int, Tally]:
    """Objective id -> its targets (people approached for it), requests made (at least one
    contact attempt, or an introduction asked for) and interviews, in one pass."""
    counts = {objective_id: Tally() for objective_id in campaign.objectives}
    for outreach in campaign.outreach.values():
        if (counted := counts.get(outreach.objective_id)) is not None:
            counted.people.add(outreach.person_id)
            counted.requests += bool(outreach.contact_attempts or outreach.has(AttemptKind.INTRO_ASKED))
    for interview in campaign.interviews.values():
        if interview.objective_id is not None and (counted := counts.get(interview.objective_id)) is not None:
            if interview.held:
                counted.held += 1
            else:
                counted.booked += 1
    return counts


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", fold(text)))


def companies_named(campaign: Campaign, objective: Objective) -> list[Company]:
    """The companies a company objective names (by name or alias, as whole words)."""
    if objective.kind != ObjectiveKind.COMPANY:
        return []
    text = f" {_words(objective.text)} "
    return [
        company
        for company in campaign.companies.values()
        if any(words and f" {words} " in text for words in map(_words, (company.name, *company.aliases)))
    ]


def about_another_company(campaign: Campaign, objective: Objective, person: Person) -> Company | None:
    """The company the objective is about when `person` works at another one: asking them
    about it would puzzle them. None when it fits, or when either company is unknown."""
    named = companies_named(campaign, objective)
    works_at = campaign.company_of(person)
    if works_at is None or not named or any(company.id == works_at.id for company in named):
        return None
    return named[0]

"""How far each objective has got: the people approached for it, requests made, interviews."""

from __future__ import annotations

from dataclasses import dataclass, field

from infoint_tui.domain.models import AttemptKind, Campaign
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

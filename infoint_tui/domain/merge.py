"""What merging one company into another does, worked out before anything is touched.

Merging Northwind into Northwind Health moves Northwind's people to Northwind Health (their
outreach and interviews belong to them, so they follow), gives Northwind Health the details
it lacks, and removes Northwind. Objectives name no company record, so none changes. The
screens show the plan's sentence and ask first; the repository carries it out in one write.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from infoint_tui.domain.models import Campaign, Company, Person
from infoint_tui.domain.wording import count, listed

#: Details the kept company takes from the other one where it has none of its own.
FILLED = ("industry", "size", "location", "website", "source")


@dataclass(frozen=True)
class MergePlan:
    #: The company that stays, with what it gains.
    keep: Company
    absorb: Company
    #: The absorbed company's people, now at the kept one.
    people: list[Person]
    outreach: int
    interviews: int
    #: The details the kept company takes from the other: "industry", "notes", "tags"...
    gained: list[str]

    def describe(self) -> str:
        """'3 people and 2 outreach move to Northwind Health; Northwind is removed.'"""
        moving = [
            count(len(self.people), "person", "people"),
            count(self.outreach, "outreach", "outreach"),
            count(self.interviews, "interview"),
        ]
        moving = [part for part in moving if not part.startswith("0 ")]
        verb = "moves" if moving == ["1 person"] else "move"
        moves = f"{listed(moving)} {verb}" if moving else "Nobody moves"
        text = f"{moves} to {self.keep.name}; {self.absorb.name} is removed."
        if self.gained:
            text += f" {self.keep.name} takes {self.absorb.name}'s {listed(self.gained)}."
        return text


def merge_plan(campaign: Campaign, keep: Company, absorb: Company) -> MergePlan:
    if keep.id == absorb.id:
        raise ValueError(f"{keep.name} cannot be merged into itself.")
    people = [dataclasses.replace(p, company_id=keep.id) for p in campaign.people.values() if p.company_id == absorb.id]
    moved = {person.id for person in people}
    changes: dict[str, object] = {
        name: getattr(absorb, name) for name in FILLED if not getattr(keep, name) and getattr(absorb, name)
    }
    if absorb.notes and absorb.notes not in keep.notes:
        changes["notes"] = f"{keep.notes}\n\n{absorb.notes}" if keep.notes else absorb.notes
    # Not a detail the user is told of: what lets a later import of the old name find it.
    aliases = list(dict.fromkeys(name for name in [*keep.aliases, absorb.name, *absorb.aliases] if name != keep.name))
    if set(absorb.tags) - set(keep.tags):
        changes["tags"] = list(dict.fromkeys([*keep.tags, *absorb.tags]))
    return MergePlan(
        keep=dataclasses.replace(keep, aliases=aliases, **changes),  # type: ignore[arg-type]
        absorb=absorb,
        people=people,
        outreach=sum(1 for o in campaign.outreach.values() if o.person_id in moved),
        interviews=sum(1 for i in campaign.interviews.values() if i.person_id in moved),
        gained=list(changes),
    )

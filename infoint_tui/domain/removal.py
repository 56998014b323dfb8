"""What else goes when a record is deleted, worked out before anything is touched.

The screens show the plan ("deleting Ana also deletes 2 outreach and 1 interview") and
ask first; the repository carries it out in one write.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection
from dataclasses import dataclass, field

from infoint_tui.domain.models import Campaign, Company, Interview, Model, Objective, Outreach, Person
from infoint_tui.domain.wording import count


@dataclass
class RemovalPlan:
    #: The records asked for first, then what goes with them.
    removed: list[Model] = field(default_factory=list)
    #: Records that stay but lose a reference to something removed.
    changed: list[Model] = field(default_factory=list)
    #: How many of `removed` were asked for.
    chosen: int = 1

    def describe(self) -> str:
        """'1 outreach, 2 interviews' for what goes beyond the records asked for."""
        counts: dict[str, int] = {}
        for item in self.removed[self.chosen :]:
            label = _LABELS[type(item)]
            counts[label] = counts.get(label, 0) + 1
        parts = [count(n, label, _PLURALS[label]) for label, n in counts.items()]
        if self.changed:
            parts.append(f"{count(len(self.changed), 'other record')} unlinked")
        return ", ".join(parts)


_LABELS = {Objective: "objective", Company: "company", Person: "person", Outreach: "outreach", Interview: "interview"}
_PLURALS = {
    "objective": "objectives",
    "company": "companies",
    "person": "people",
    "outreach": "outreach",
    "interview": "interviews",
}


def people_removal_plan(campaign: Campaign, people: Collection[Person]) -> RemovalPlan:
    """Deleting several people at once: one pass over the campaign, however many they are."""
    ids = {person.id for person in people}
    plan = RemovalPlan(removed=list(people), chosen=len(people))
    plan.removed += [o for o in campaign.outreach.values() if o.person_id in ids]
    plan.removed += [i for i in campaign.interviews.values() if i.person_id in ids]
    plan.changed += [
        dataclasses.replace(p, introducer_id=None)
        for p in campaign.people.values()
        if p.introducer_id in ids and p.id not in ids  # whom they introduced, unless deleted too
    ]
    plan.changed += [
        dataclasses.replace(i, referrals=[r for r in i.referrals if r not in ids])
        for i in campaign.interviews.values()
        if i.person_id not in ids and not ids.isdisjoint(i.referrals)  # the calls that suggested them
    ]
    return plan


def removal_plan(campaign: Campaign, item: Model) -> RemovalPlan:
    if isinstance(item, Person):
        return people_removal_plan(campaign, [item])
    plan = RemovalPlan(removed=[item])
    if isinstance(item, Company):
        # People stay (their notes are the user's words); they just lose the company.
        plan.changed += [
            dataclasses.replace(p, company_id=None) for p in campaign.people.values() if p.company_id == item.id
        ]
    elif isinstance(item, Objective):
        outreach = [o for o in campaign.outreach.values() if o.objective_id == item.id]
        plan.removed += outreach
        gone = {o.id for o in outreach}
        plan.changed += [
            dataclasses.replace(i, objective_id=None, outreach_id=None)
            for i in campaign.interviews.values()
            if i.objective_id == item.id or i.outreach_id in gone
        ]
    elif isinstance(item, Outreach):
        plan.changed += [
            dataclasses.replace(i, outreach_id=None) for i in campaign.interviews.values() if i.outreach_id == item.id
        ]
    return plan

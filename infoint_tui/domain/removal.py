"""What else goes when a record is deleted, worked out before anything is touched.

The screens show the plan ("deleting Ana also deletes 2 outreach and 1 interview") and
ask first; the repository carries it out in one write.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from infoint_tui.domain.models import Campaign, Company, Interview, Model, Objective, Outreach, Person
from infoint_tui.domain.wording import count


@dataclass
class RemovalPlan:
    removed: list[Model] = field(default_factory=list)
    #: Records that stay but lose a reference to something removed.
    changed: list[Model] = field(default_factory=list)

    def describe(self) -> str:
        """'1 outreach, 2 interviews' for what goes beyond the record itself."""
        counts: dict[str, int] = {}
        for item in self.removed[1:]:
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


def removal_plan(campaign: Campaign, item: Model) -> RemovalPlan:
    plan = RemovalPlan(removed=[item])
    if isinstance(item, Person):
        plan.removed += [o for o in campaign.outreach.values() if o.person_id == item.id]
        plan.removed += [i for i in campaign.interviews.values() if i.person_id == item.id]
        plan.changed += [
            dataclasses.replace(p, introducer_id=None) for p in campaign.people.values() if p.introducer_id == item.id
        ]
    elif isinstance(item, Company):
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

"""What a reply changes: "not now" until a month, a referral to someone else, and the
courteous close after a "no". No Textual here; changes go through the repository.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import TYPE_CHECKING

from infoint_tui.domain.defaults import template_for
from infoint_tui.domain.due_kinds import DueKind
from infoint_tui.domain.models import REFERRED_BY, AttemptKind, Campaign, Company, Degree, Outreach, Person
from infoint_tui.domain.templates import context_for
from infoint_tui.usecases.due_actions import Message, address
from infoint_tui.usecases.people import store_person

if TYPE_CHECKING:
    from infoint_tui.store.repository import Repository

#: "Record that ...?" for each reply, with {person} and {mutual}.
REPLY_QUESTIONS = {
    AttemptKind.REPLY_YES: "Record that {person} said yes?",
    AttemptKind.REPLY_NO: "Record that {person} declined?",
    AttemptKind.REPLY_LATER: "Record that {person} asked you to ask again in {month}?",
    AttemptKind.REFERRED: "Record that {person} referred you to someone else?",
    AttemptKind.INTRO_MADE: "Record that {mutual} introduced you to {person}?",
}
#: How many months ahead "not now, ask me in <month>" offers.
MONTHS_AHEAD = 12


def months_ahead(today: date, count: int = MONTHS_AHEAD) -> list[date]:
    """The first days of the `count` months after this one."""
    firsts = []
    year, month = today.year, today.month
    for _ in range(count):
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        firsts.append(date(year, month, 1))
    return firsts


def referral_draft(replier: Person) -> Person:
    """The person a replier pointed to, before the user names them: 2nd degree through the
    replier, at the replier's company until told otherwise."""
    return Person(
        "",
        company_id=replier.company_id,
        degree=Degree.SECOND,
        introducer_id=replier.id,
        source=f"{REFERRED_BY}{replier.name}",
    )


def record_referral(
    repo: Repository, outreach: Outreach, person: Person, new_company: Company | None, on: date
) -> Person:
    """Add the referred person (and their new company), log the referral on the outreach,
    which it ends, and make the replier 1st degree: they know us now. One write."""
    replier = repo.campaign.people[outreach.person_id]
    with repo.batch():
        store_person(repo, person, new_company)
        if replier.degree != Degree.FIRST:
            repo.save(dataclasses.replace(replier, degree=Degree.FIRST))
        repo.edit(outreach, lambda copy: copy.log(AttemptKind.REFERRED, on, person.name))
    return person


def closing_message(campaign: Campaign, outreach: Outreach) -> Message:
    """The short, courteous note after a "no": thanks, no hard feelings."""
    person = campaign.people[outreach.person_id]
    objective = campaign.objectives.get(outreach.objective_id)
    template = template_for(campaign, "close_declined")
    context = context_for(campaign, person, objective=objective)
    return Message(template, context, f"Closing note to {person.name}", address(campaign, person, DueKind.FOLLOW_UP))

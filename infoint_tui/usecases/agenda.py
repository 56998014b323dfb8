"""The morning review (`infoint today`) worked out from the campaign; no Textual here.

`review_document` holds what both forms show (agenda_form draws them), so the JSON
carries everything the text says, and the writer can keep it in the snapshot beside the
data file for `infoint today` to answer from without reading the records.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from infoint_tui.domain.due_kinds import KINDS, DueKind
from infoint_tui.domain.models import Campaign, Person
from infoint_tui.domain.policy import Asked, DueItem, agenda, due_items, heads_queue
from infoint_tui.usecases import agenda_form
from infoint_tui.usecases.agenda_form import Document
from infoint_tui.usecases.due_actions import objective_of, outreach_of

#: The items that are a contact attempt: their number goes with them.
ATTEMPTS = (DueKind.REQUEST, DueKind.FOLLOW_UP, DueKind.CALL)


def review(campaign: Campaign, now: datetime, *, asked: list[Asked] | None = None) -> list[DueItem]:
    """The items of the morning review: overdue, today, and the next few days (`asked`:
    see policy.due_items)."""
    today = now.date()
    return agenda(due_items(campaign, today, now, asked=asked), today, campaign.settings.agenda_days)


@dataclass(frozen=True, slots=True)
class Contact:
    """How to reach the person an item or interview is with, and how we know them."""

    email: str
    phone: str
    introducer: str

    @classmethod
    def of(cls, campaign: Campaign, person: Person) -> Contact:
        introducer = campaign.introducer_of(person)
        return cls(person.email, person.phone, introducer.name if introducer else "")


@dataclass(frozen=True, slots=True)
class Entry:
    """One due item with what the review says about it."""

    item: DueItem
    attempt: int | None
    contact: Contact
    objective: str

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.item.key,  # what `infoint send ID` takes: the same item keeps it from day to day
            **self.item.to_json(),
            "label": KINDS[self.item.kind].label,
            "when": "",  # how long until it is due: agenda_form says it for the moment shown
            "detail": self.item.detail,
            "attempt": self.attempt,
            "email": self.contact.email,
            "phone": self.contact.phone,
            "introducer": self.contact.introducer,
            "objective": self.objective,
        }

    def to_document(self) -> dict[str, object]:
        deadline = self.item.deadline
        return {
            "out": self.to_json(),
            "deadline": deadline.isoformat() if deadline else None,
            "heads": heads_queue(self.item),
        }


@dataclass(frozen=True, slots=True)
class Booked:
    """An interview booked within the days ahead, not yet held."""

    person: str
    company: str
    at: datetime
    how: str
    where: str
    contact: Contact
    objective: str

    def to_json(self) -> dict[str, object]:
        return {
            "person": self.person,
            "company": self.company,
            "at": self.at.isoformat(timespec="minutes"),
            "how": self.how,
            "where": self.where,
            "email": self.contact.email,
            "phone": self.contact.phone,
            "introducer": self.contact.introducer,
            "objective": self.objective,
        }


def review_document(campaign: Campaign, now: datetime) -> Document:
    """The review at `now`, for agenda_form to show at this or any moment it `holds_at`."""
    asked: list[Asked] = []
    entries = [_entry(campaign, item) for item in review(campaign, now, asked=asked)]
    return {
        "date": now.date().isoformat(),
        "asked": [[moment.isoformat(), reached] for moment, reached in sorted(set(asked))],
        "days": campaign.settings.agenda_days,
        "items": [entry.to_document() for entry in entries],
        "interviews": [booked.to_json() for booked in _booked(campaign, now.date())],
    }


def _entry(campaign: Campaign, item: DueItem) -> Entry:
    outreach = outreach_of(campaign, item)
    attempt = outreach.attempts_this_round + 1 if outreach and item.kind in ATTEMPTS else None
    objective = objective_of(campaign, item)
    contact = Contact.of(campaign, campaign.people[item.person_id])
    return Entry(item, attempt, contact, objective.text if objective else "")


def _booked(campaign: Campaign, today: date) -> list[Booked]:
    horizon = today + timedelta(days=campaign.settings.agenda_days)
    booked = []
    for interview in campaign.interviews.values():
        if interview.held or not today <= interview.when.date() <= horizon:
            continue
        person = campaign.people[interview.person_id]
        company = campaign.companies.get(person.company_id) if person.company_id else None
        objective = campaign.objectives.get(interview.objective_id) if interview.objective_id else None
        booked.append(
            Booked(
                person.name,
                company.name if company else "",
                interview.when,
                interview.mode.phrase,
                interview.where,
                Contact.of(campaign, person),
                objective.text if objective else "",
            )
        )
    return sorted(booked, key=lambda one: (one.at, one.person.casefold()))


def agenda_text(campaign: Campaign, now: datetime) -> str:
    return agenda_form.agenda_text(review_document(campaign, now), now)


def agenda_json(campaign: Campaign, now: datetime) -> str:
    return agenda_form.agenda_json(review_document(campaign, now), now)

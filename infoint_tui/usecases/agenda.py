"""The morning review as plain text or JSON (`infoint today`); no Textual here.

One `Morning` holds what both forms show, so the JSON carries everything the text says.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

import orjson

from infoint_tui.cells import fit
from infoint_tui.domain.due_kinds import KINDS, DueKind
from infoint_tui.domain.due_text import HEADINGS as HEADINGS
from infoint_tui.domain.due_text import REPLIES_HEADING as REPLIES_HEADING
from infoint_tui.domain.due_text import day_text as day_text
from infoint_tui.domain.due_text import when_text as when_text
from infoint_tui.domain.models import Campaign, Person
from infoint_tui.domain.policy import DueItem, Status, agenda, due_items, heads_queue
from infoint_tui.domain.wording import count
from infoint_tui.usecases.due_actions import objective_of, outreach_of

#: Every line of the text fits a terminal this wide.
WIDTH = 80
#: The columns of an item's line, in cells: what, who, where they work.
KIND_WIDTH, PERSON_WIDTH, COMPANY_WIDTH = 13, 20, 16
#: The items that are a contact attempt: their number goes with them.
ATTEMPTS = (DueKind.REQUEST, DueKind.FOLLOW_UP, DueKind.CALL)


def sections(items: list[DueItem]) -> list[tuple[str, Status | None, list[DueItem]]]:
    """The review's groups, those with items, in order: replies to read (whatever their
    day), then overdue, today and upcoming. (heading, status or None, items)."""
    first = [item for item in items if heads_queue(item)]
    rest = [item for item in items if not heads_queue(item)]
    groups: list[tuple[str, Status | None, list[DueItem]]] = [(REPLIES_HEADING, None, first)]
    for status, heading in HEADINGS.items():
        groups.append((heading, Status(status), [item for item in rest if item.status == status]))
    return [group for group in groups if group[2]]


def review(campaign: Campaign, now: datetime) -> list[DueItem]:
    """The items of the morning review: overdue, today, and the next few days."""
    today = now.date()
    return agenda(due_items(campaign, today, now), today, campaign.settings.agenda_days)


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

    def parts(self) -> list[str]:
        through = [f"through {self.introducer}"] if self.introducer else []
        return through + [part for part in (self.email, self.phone) if part]


@dataclass(frozen=True, slots=True)
class Entry:
    """One due item with what the review says about it."""

    item: DueItem
    when: str
    attempt: int | None
    contact: Contact
    objective: str

    def notes(self) -> list[str]:
        """The second line of the item in the text: detail, contact, objective."""
        objective = [f"to learn about {self.objective}"] if self.objective else []
        return [part for part in (self.item.detail,) if part] + self.contact.parts() + objective

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.item.key,  # what `infoint send ID` takes: the same item keeps it from day to day
            **self.item.to_json(),
            "label": KINDS[self.item.kind].label,
            "when": self.when,
            "detail": self.item.detail,
            "attempt": self.attempt,
            "email": self.contact.email,
            "phone": self.contact.phone,
            "introducer": self.contact.introducer,
            "objective": self.objective,
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

    def notes(self) -> list[str]:
        objective = [f"to learn about {self.objective}"] if self.objective else []
        return ([self.where] if self.where else []) + self.contact.parts() + objective

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


@dataclass(frozen=True, slots=True)
class Morning:
    """The whole review of one morning."""

    now: datetime
    days: int
    entries: list[Entry]
    interviews: list[Booked]

    def group(self, status: str) -> list[Entry]:
        return [entry for entry in self.entries if entry.item.status == status]

    @property
    def due_now(self) -> int:
        return len(self.group(Status.OVERDUE)) + len(self.group(Status.TODAY))


def morning(campaign: Campaign, now: datetime) -> Morning:
    entries = [_entry(campaign, item, now) for item in review(campaign, now)]
    return Morning(now, campaign.settings.agenda_days, entries, _booked(campaign, now.date()))


def _entry(campaign: Campaign, item: DueItem, now: datetime) -> Entry:
    outreach = outreach_of(campaign, item)
    attempt = outreach.attempts_this_round + 1 if outreach and item.kind in ATTEMPTS else None
    objective = objective_of(campaign, item)
    contact = Contact.of(campaign, campaign.people[item.person_id])
    return Entry(item, when_text(item, now), attempt, contact, objective.text if objective else "")


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


# --- the two forms ----------------------------------------------------------------------


def agenda_text(campaign: Campaign, now: datetime) -> str:
    """The review in lines of at most WIDTH cells, its columns aligned by cells."""
    day = morning(campaign, now)
    overdue, today = len(day.group(Status.OVERDUE)), len(day.group(Status.TODAY))
    due = f"{day.due_now} due now ({overdue} overdue, {today} today)" if day.due_now else "nothing due now"
    ahead = f"Next {count(day.days, 'day')}: {len(day.group(Status.UPCOMING))} more due, "
    lines = [f"{day_text(now)}: {due}", ahead + f"{count(len(day.interviews), 'interview')} booked."]
    entries = {id(entry.item): entry for entry in day.entries}
    for heading, status, group in sections([entry.item for entry in day.entries]):
        suffix = f", next {count(day.days, 'day')}" if status == Status.UPCOMING else ""
        lines += ["", f"{heading}{suffix} ({len(group)})"]
        for item in group:
            lines += _entry_lines(entries[id(item)])
    if day.interviews:
        lines += ["", f"Interviews, next {count(day.days, 'day')} ({len(day.interviews)})"]
        for booked in day.interviews:
            at = f"  {booked.at:%a %d %b %H:%M}  "
            columns = f"{at}{fit(booked.person, PERSON_WIDTH)} {fit(booked.company, COMPANY_WIDTH)} {booked.how}"
            lines += _with_notes(columns, booked.notes(), len(at))
    return "\n".join(fit(line, WIDTH).rstrip() for line in lines)


def _entry_lines(entry: Entry) -> list[str]:
    item = entry.item
    columns = (
        f"  {fit(KINDS[item.kind].label, KIND_WIDTH)} {fit(item.person, PERSON_WIDTH)} "
        f"{fit(item.company, COMPANY_WIDTH)} {item.due:%a %d %b}  {entry.when}"
    )
    return _with_notes(columns, entry.notes(), KIND_WIDTH + 3)


def _with_notes(columns: str, notes: list[str], indent: int) -> list[str]:
    """The line of columns, then the notes on one line under the person's name."""
    return [columns, " " * indent + " · ".join(notes)] if notes else [columns]


def agenda_json(campaign: Campaign, now: datetime) -> str:
    day = morning(campaign, now)
    document = {
        "date": now.date().isoformat(),
        "now": now.isoformat(timespec="minutes"),
        "days": day.days,
        "due_now": day.due_now,
        "items": [entry.to_json() for entry in day.entries],
        "interviews": [booked.to_json() for booked in day.interviews],
    }
    return orjson.dumps(document, option=orjson.OPT_INDENT_2).decode()

"""The form that adds or edits a person: its fields, its checks, and the person it yields."""

from __future__ import annotations

import dataclasses
from collections import Counter

from infoint_tui.domain import validation
from infoint_tui.domain.models import Campaign, Company, Degree, Person
from infoint_tui.tui.screens.form_parts import Named, SuggestingFormScreen, parse_tags
from infoint_tui.tui.widgets.form import Field

DEGREE_CHOICES = [
    ("1st: I know them", Degree.FIRST.value),
    ("2nd: someone I know knows them", Degree.SECOND.value),
    ("cold: no connection", Degree.COLD.value),
]
NEEDS_INTRODUCER = "A 2nd-degree contact comes through someone you know: name them here."
NO_INTRODUCER = "Only a 2nd-degree contact has an introducer: clear this, or set the degree to 2nd."


class PersonForm:
    """One person's form. `screen()` asks; `person(values)` reads the answer."""

    def __init__(self, campaign: Campaign, person: Person | None = None) -> None:
        self.campaign = campaign
        self.original = person
        self.companies = Named({cid: company.name for cid, company in campaign.companies.items()})
        people = self._possible_introducers()
        self.introducers = Named(self._labels(people), aliases={p.id: p.name for p in people})

    def _possible_introducers(self) -> list[Person]:
        """1st-degree people, and the current introducer whatever their degree now."""
        own_id = self.original.id if self.original else 0
        current = self.original.introducer_id if self.original else None
        return [
            p for p in self.campaign.people.values() if (p.degree == Degree.FIRST or p.id == current) and p.id != own_id
        ]

    def _labels(self, people: list[Person]) -> dict[int, str]:
        """'Name · Company', told apart by number where that is not enough."""
        labels = {}
        for person in people:
            company = self.campaign.company_of(person)
            labels[person.id] = f"{person.name} · {company.name}" if company else person.name
        seen = Counter(labels.values())
        return {pid: f"{label} · no. {pid}" if seen[label] > 1 else label for pid, label in labels.items()}

    def screen(self) -> SuggestingFormScreen:
        title = f"Edit {self.original.name}" if self.original else "New person"
        return SuggestingFormScreen(
            title,
            self.fields(),
            check_all=self.check_all,
            suggestions={"company": self.companies.suggestions(), "introducer": self.introducers.suggestions()},
        )

    def fields(self) -> list[Field]:
        p = self.original or Person(name="")
        company = self.campaign.company_of(p)
        introducer = self.introducers.labels.get(p.introducer_id or 0, "")
        return [
            Field("name", "Name", p.name, check=validation.required, placeholder="Ana Ruiz"),
            Field("degree", "Degree", p.degree.value, choices=DEGREE_CHOICES),
            Field(
                "introducer",
                "Introduced by",
                introducer,
                check=self._check_introducer,
                placeholder="a 1st-degree contact",
                help="For 2nd degree: type, → completes.",
            ),
            Field(
                "company",
                "Company",
                company.name if company else "",
                placeholder="Northwind",
                help="Type, → completes; a new name is added.",
            ),
            Field("title", "Title", p.title, placeholder="UX Researcher"),
            Field("email", "E-mail", p.email, check=validation.email, placeholder="ana@example.com"),
            Field("phone", "Phone", p.phone, check=validation.phone, placeholder="+44 20 7946 0000"),
            Field(
                "profile_url",
                "Profile URL",
                p.profile_url,
                check=validation.url,
                placeholder="https://www.linkedin.com/in/...",
            ),
            Field("location", "Location", p.location, placeholder="Berlin"),
            Field(
                "postal_address",
                "Postal address",
                p.postal_address,
                multiline=True,
                help="For a handwritten thank-you note.",
            ),
            Field(
                "tags",
                "Tags",
                ", ".join(p.tags),
                placeholder="mentor, alumni",
                help="Commas between tags; filter with #tag.",
            ),
            Field("source", "Found through", p.source, placeholder="LinkedIn, a meetup, the news..."),
            Field("notes", "Notes", p.notes, multiline=True),
        ]

    def _check_introducer(self, text: str) -> str | None:
        if not text.strip():
            return None
        found = self.introducers.find(text)
        if not found:
            return "No 1st-degree contact has that name: type its start and press → to take one."
        if len(found) > 1:
            return "Several contacts share that name: type on and press → to take the full one."
        return None

    def check_all(self, values: dict[str, str]) -> dict[str, str]:
        second = values["degree"] == Degree.SECOND.value
        if second and not values["introducer"]:
            return {"introducer": NEEDS_INTRODUCER}
        if values["introducer"] and not second:
            return {"introducer": NO_INTRODUCER}
        return {}

    def person(self, values: dict[str, str]) -> tuple[Person, Company | None]:
        """The person as filled in, and the company to add first when the name is new."""
        new_company = None
        company_id = None
        if values["company"]:
            known = self.companies.find(values["company"])
            if known:
                company_id = min(known)
            else:
                new_company = Company(name=values["company"], source=values["source"])
        introducer = self.introducers.find(values["introducer"]) if values["introducer"] else []
        original = self.original or Person(name="")
        person = dataclasses.replace(
            original,
            name=values["name"],
            degree=Degree(values["degree"]),
            introducer_id=introducer[0] if introducer else None,
            company_id=company_id,
            title=values["title"],
            email=values["email"],
            phone=values["phone"],
            profile_url=values["profile_url"],
            location=values["location"],
            postal_address=values["postal_address"],
            tags=parse_tags(values["tags"]),
            source=values["source"],
            notes=values["notes"],
            # An address book's structured name was for the old name.
            name_parts=original.name_parts if values["name"] == original.name else [],
        )
        return person, new_company

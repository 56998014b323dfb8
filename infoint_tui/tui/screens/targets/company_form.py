"""The form that adds or edits a company: its fields, its checks, and the company it yields."""

from __future__ import annotations

import dataclasses

from infoint_tui.domain import validation
from infoint_tui.domain.models import Campaign, Company
from infoint_tui.domain.target_search import fold
from infoint_tui.tui.screens.form_parts import parse_tags
from infoint_tui.tui.widgets.form import Field, FormScreen


class CompanyForm:
    """One company's form. `screen()` asks; `company(values)` reads the answer."""

    def __init__(self, campaign: Campaign, company: Company | None = None) -> None:
        self.original = company
        own_id = company.id if company else 0
        self.taken = {fold(c.name): c.name for c in campaign.companies.values() if c.id != own_id}

    def screen(self) -> FormScreen:
        title = f"Edit {self.original.name}" if self.original else "New company"
        return FormScreen(title, self.fields())

    def fields(self) -> list[Field]:
        c = self.original or Company(name="")
        return [
            Field("name", "Name", c.name, check=self._check_name, placeholder="Northwind"),
            Field("industry", "Industry", c.industry, placeholder="Healthcare"),
            Field("size", "Size", c.size, placeholder="small, medium, large, or a head count"),
            Field("location", "Location", c.location, placeholder="Berlin"),
            Field("website", "Website", c.website, check=validation.url, placeholder="https://example.com"),
            Field("source", "Found through", c.source, placeholder="LinkedIn, the company site, the news..."),
            Field(
                "tags",
                "Tags",
                ", ".join(c.tags),
                placeholder="hiring, research",
                help="Commas between tags; filter with #tag.",
            ),
            Field("notes", "Notes", c.notes, multiline=True),
        ]

    def _check_name(self, text: str) -> str | None:
        problem = validation.required(text)
        if problem is None and fold(text.strip()) in self.taken:
            problem = f"There is already a company called {self.taken[fold(text.strip())]}."
        return problem

    def company(self, values: dict[str, str]) -> Company:
        return dataclasses.replace(
            self.original or Company(name=""),
            name=values["name"],
            industry=values["industry"],
            size=values["size"],
            location=values["location"],
            website=values["website"],
            source=values["source"],
            tags=parse_tags(values["tags"]),
            notes=values["notes"],
        )

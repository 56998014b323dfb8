"""What an import would do, worked out before anything is stored.

Imports are all-or-nothing: a plan with rejected rows must not be applied (`apply` refuses),
so the user fixes the file and imports again rather than ending up with half of it. A
lenient import (vCard's default) lists what it left out in `skipped` instead: those lines
are reported but do not stop the rest.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Any, Protocol

from infoint_tui.domain.companies import likely_duplicates
from infoint_tui.domain.models import Company, Person
from infoint_tui.domain.wording import count


class ImportProblem(Exception):
    """The file cannot be imported at all; the message is one sentence for the user."""


class Repo(Protocol):
    def add_many(self, items: list[Any]) -> Any: ...
    def batch(self) -> AbstractContextManager[Any]: ...


@dataclass(frozen=True, slots=True)
class Rejected:
    line: int  # 1-based physical line in the file
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}"


@dataclass(slots=True)
class ImportPlan:
    #: New companies only; existing ones are reused.
    companies: list[Company] = field(default_factory=list)
    #: New people only.
    people: list[Person] = field(default_factory=list)
    #: The company of each new person (same order as `people`): new companies have no id
    #: until they are stored, so the link is made by `apply`.
    people_companies: list[Company | None] = field(default_factory=list)
    #: Rows or cards naming someone the campaign (or the file, earlier) already has.
    duplicates: int = 0
    rejected: list[Rejected] = field(default_factory=list)
    #: What a lenient import left out (a card, or a bad value in one), each with its line.
    skipped: list[Rejected] = field(default_factory=list)
    #: Rows (or cards) read, blank lines not counted.
    rows: int = 0
    #: Rows that name nobody (LinkedIn writes some with only a date or a company): left out,
    #: counted, never a reason to reject the file.
    empty: int = 0
    #: How the file's bytes were read, when it is worth saying (not UTF-8).
    encoding: str = ""
    #: What a row is called in messages: "row" for CSV, "card" for vCard.
    unit: str = "row"
    #: The campaign's companies, which new ones may turn out to be (see `likely_matches`).
    known_companies: list[Company] = field(default_factory=list)

    def summary(self) -> str:
        """One line, e.g. '24 people and 11 companies to add; 2 already there; 0 rows rejected'."""
        parts = [
            f"{count(len(self.people), 'person', 'people')} and "
            f"{count(len(self.companies), 'company', 'companies')} to add",
            f"{self.duplicates} already there",
        ]
        if self.empty:
            parts.append(f"{count(self.empty, f'empty {self.unit}')} skipped")
        parts.append(f"{self._rejected()} rejected")
        if self.rejected:
            parts[-1] += " (nothing is imported while any is rejected)"
        if self.skipped:
            parts.append(f"{len(self.skipped)} skipped")
        if self.encoding:
            parts.append(f"read as {self.encoding}")
        return "; ".join(parts)

    def report(self) -> str:
        """The summary, then one line per rejected row and per thing skipped."""
        return "\n".join([self.summary(), *map(str, self.rejected), *map(str, self.skipped)])

    def likely_matches(self) -> list[tuple[Company, Company]]:
        """Each new company that looks like a known one (or another new one), with that one.

        Matched once per distinct new name, the names most people use first: for a new pair,
        the company with more people is the one to keep.
        """
        staff = self._staff()
        return likely_duplicates(sorted(self.companies, key=lambda c: -staff[id(c)]), self.known_companies)

    def use_existing(self, pairs: Iterable[tuple[Company, Company]]) -> None:
        """For each (new, other) pair, give the new company's people the other one instead."""
        instead = {id(new): other for new, other in pairs}
        self.companies = [c for c in self.companies if id(c) not in instead]
        self.people_companies = [None if c is None else instead.get(id(c), c) for c in self.people_companies]

    def describe_matches(self, pairs: Iterable[tuple[Company, Company]]) -> list[str]:
        """'Northwind (new, 12 people) → Northwind Health (already there)', per pair."""
        staff = self._staff()
        return [
            f"{new.name} ({self._about(new, staff)}) → {other.name} ({self._about(other, staff)})"
            for new, other in pairs
        ]

    def _staff(self) -> Counter[int]:
        """New people per company, by the company's identity (new companies have no id yet)."""
        return Counter(id(company) for company in self.people_companies if company is not None)

    def _about(self, company: Company, staff: Counter[int]) -> str:
        if company.id:
            return "already there"
        return f"new, {count(staff[id(company)], 'person', 'people')}"

    def apply(self, repo: Repo) -> None:
        """Store the new companies, link the new people to them, store the people: one write."""
        if self.rejected:
            raise ImportProblem(f"Nothing imported: {self._rejected()} rejected; fix the file and import it again.")
        with repo.batch():
            repo.add_many(self.companies)
            for person, company in zip(self.people, self.people_companies, strict=True):
                if company is not None:
                    person.company_id = company.id
            repo.add_many(self.people)

    def _rejected(self) -> str:
        return count(len(self.rejected), self.unit)

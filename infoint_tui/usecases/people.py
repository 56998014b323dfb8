"""Storing a person as a form gives them: with the company the form named, when it is new."""

from __future__ import annotations

from typing import TYPE_CHECKING

from infoint_tui.domain.models import Company, Person

if TYPE_CHECKING:
    from infoint_tui.store.repository import Repository


def store_person(repo: Repository, person: Person, new_company: Company | None) -> Person:
    """Add or save the person, adding the new company first: one write."""
    with repo.batch():
        if new_company is not None:
            repo.add(new_company)
            person.company_id = new_company.id
        return repo.save(person) if person.id else repo.add(person)

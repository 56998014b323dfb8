"""Sorts incoming people into new and already there, the same way for every format.

Everyone known (in the campaign, or added earlier in the same file) is remembered under
every key they have: e-mail, profile URL, and name + company. A newcomer is looked up by
the strongest keys it has: e-mail and URL if it has either, name + company only when it has
neither (two people may share a name; they never share an address). Name + company also
decides between someone with a profile URL and someone without one: LinkedIn's exports
before 2021 had no URL column, so a newer export names the same people with one. Lookups
are dict hits, so a 30,000-row file costs one pass.
"""

from __future__ import annotations

from infoint_tui.domain.models import Campaign, Company, Person
from infoint_tui.exchange import fields
from infoint_tui.exchange.plan import ImportPlan, Rejected

Key = tuple[str, str]


class PlanBuilder:
    def __init__(self, campaign: Campaign, *, source: str, unit: str = "row") -> None:
        self.plan = ImportPlan(unit=unit, known_companies=list(campaign.companies.values()))
        self._source = source
        self._companies = {_company_key(c.name): c for c in campaign.companies.values()}
        self._seen: set[Key] = set()
        #: The name + company keys of people with a profile URL (True) and without one (False).
        self._names: dict[bool, set[Key]] = {True: set(), False: set()}
        for person in campaign.people.values():
            company = campaign.company_of(person)
            url = _url_key(person.profile_url)
            self._remember(_all_keys(person, company.name if company else "", url), bool(url))

    def reject(self, line: int, reason: str) -> None:
        self.plan.rejected.append(Rejected(line, reason))

    def offer(self, person: Person, company_name: str) -> None:
        """Add the person (and their company, if new) unless they are already known.

        The importer has already put `person.profile_url` in its one spelling.
        """
        keys = _all_keys(person, company_name, person.profile_url)
        strongest = keys[:-1] or keys  # the name key is last
        has_url = bool(person.profile_url)
        if not self._seen.isdisjoint(strongest) or keys[-1] in self._names[not has_url]:
            self.plan.duplicates += 1
            return
        self._remember(keys, has_url)
        self.plan.people.append(person)
        self.plan.people_companies.append(self._company(company_name))

    def _remember(self, keys: list[Key], has_url: bool) -> None:
        self._seen.update(keys)
        self._names[has_url].add(keys[-1])

    def _company(self, name: str) -> Company | None:
        name = fields.name(name)
        if not name:
            return None
        key = _company_key(name)
        if key not in self._companies:
            company = Company(name=name, source=self._source)
            self._companies[key] = company
            self.plan.companies.append(company)
        return self._companies[key]


def _company_key(name: str) -> str:
    return fields.name(name).casefold()


def _all_keys(person: Person, company_name: str, url: str) -> list[Key]:
    keys = []
    if person.email:
        keys.append(("email", person.email.casefold()))
    if url:
        keys.append(("url", url))
    keys.append(("name", f"{fields.name(person.name)}\n{_company_key(company_name)}"))
    return keys


def _url_key(url: str) -> str:
    try:
        return fields.profile_url(url)
    except ValueError:  # a stored address typed by hand may not parse; compare it as is
        return url.strip()

"""Sorts incoming people into new and already there, the same way for every format.

Everyone known (in the campaign, or added earlier in the same file) is remembered under
every key they have: e-mail, profile URL, and name + company. A newcomer is looked up by
the strongest keys it has: e-mail and URL if it has either, name + company only when it has
neither (two people may share a name; they never share an address). Name + company also
decides between someone with a profile URL and someone without one: LinkedIn's exports
before 2021 had no URL column, so a newer export names the same people with one. Lookups
are dict hits, so a 30,000-row file costs one pass.

Every row of every format passes through here, so this is also where text from the file is
cleaned of control characters (`domain.text`), where the limits stop a runaway or hostile
file, and where progress is reported (`reporting_progress`).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from operator import attrgetter

from infoint_tui.domain.models import Campaign, Company, Person, clean_texts, text_fields
from infoint_tui.domain.text import clean_line
from infoint_tui.exchange import fields
from infoint_tui.exchange.plan import ImportPlan, ImportProblem, Rejected

Key = tuple[str, str]
#: Limits far beyond any real export (LinkedIn keeps at most 30,000 connections) that stop a
#: runaway or hostile file before it fills the memory. The README states them.
MAX_ROWS = 100_000
MAX_NAME = 200
MAX_FIELD = 10_000
PROGRESS_EVERY = 5_000
#: Called with (rows read, what a row is called) every PROGRESS_EVERY rows.
Progress = Callable[[int, str], None]

_progress: ContextVar[Progress | None] = ContextVar("import_progress", default=None)
_person_texts = attrgetter(*text_fields(Person))


@contextlib.contextmanager
def reporting_progress(report: Progress) -> Iterator[None]:
    """Have every import read inside (on this thread) report its progress to `report`."""
    token = _progress.set(report)
    try:
        yield
    finally:
        _progress.reset(token)


class PlanBuilder:
    def __init__(self, campaign: Campaign, *, source: str, unit: str = "row") -> None:
        self.plan = ImportPlan(unit=unit, known_companies=list(campaign.companies.values()))
        self._source = source
        self._report = _progress.get()
        self._reported = 0
        # Under its old names too: people imported again from a company since merged go to it.
        self._companies = {_company_key(name): c for c in campaign.companies.values() for name in (*c.aliases, c.name)}
        self._seen: set[Key] = set()
        #: The name + company keys of people with a profile URL (True) and without one (False).
        self._names: dict[bool, set[Key]] = {True: set(), False: set()}
        for person in campaign.people.values():
            company = campaign.company_of(person)
            url = _url_key(person.profile_url)
            for company_name in (company.name, *company.aliases) if company else ("",):
                self._remember(_all_keys(person, company_name, url), bool(url))

    def reject(self, line: int, reason: str) -> None:
        self._row_read()
        self.plan.rejected.append(Rejected(line, clean_line(reason)))  # a reason may quote the file

    def offer(self, person: Person, company_name: str) -> None:
        """Add the person (and their company, if new) unless they are already known.

        The importer has already put `person.profile_url` in its one spelling.
        """
        self._row_read()
        texts = (*_person_texts(person), *person.tags, company_name)
        joined = "".join(texts)  # one test for all of them, in C: this runs 30,000 times
        if len(joined) > MAX_FIELD or len(person.name) > MAX_NAME or len(company_name) > MAX_NAME:
            self._refuse_too_long(person.name, company_name, texts)
        if not joined.isprintable():  # rare: a line break in an address, or worse
            clean_texts(person)
            company_name = clean_line(company_name)
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

    def _row_read(self) -> None:
        """Every row ends in `offer` or `reject`: count it against the limit, report progress."""
        rows, unit = self.plan.rows, self.plan.unit
        if rows > MAX_ROWS:
            raise ImportProblem(
                f"The file holds more than {MAX_ROWS:,} {unit}s, more than an import reads (LinkedIn "
                "keeps at most 30,000 connections): check that it is the right file, or split it."
            )
        if self._report is not None and rows - self._reported >= PROGRESS_EVERY:
            self._reported = rows
            self._report(rows, unit)

    def _refuse_too_long(self, name: str, company_name: str, texts: tuple[str, ...]) -> None:
        """ImportProblem if one of the texts of a row is longer than any real export holds."""
        row = f"{self.plan.unit.capitalize()} {self.plan.rows:,} of the file"
        for what, text in (("a name", name), ("a company name", company_name)):
            if len(text) > MAX_NAME:
                raise ImportProblem(
                    f"{row} has {what} of {len(text):,} characters, more than the {MAX_NAME} "
                    "an import takes: check that it is the right file."
                )
        longest = max(texts, key=len)
        if len(longest) > MAX_FIELD:
            raise ImportProblem(
                f"{row} has a field of {len(longest):,} characters, more than the "
                f"{MAX_FIELD:,} an import takes: check that it is the right file."
            )

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

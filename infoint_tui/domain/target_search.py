"""Filtering and sorting the target lists, fast enough to run on every keystroke.

Each record gets one lowercase, accent-free "haystack" string (name, company, title,
place, `#tags`), built once per change of the data and kept in the order of each sort, so
a filter is a pass over plain strings that returns ids already sorted.

A query is words; every word must appear in the haystack (in any order). Records where
each word starts a word come first ("ana" finds Ana before a Manager), each group in the
chosen sort order. `#word` finds tags beginning with it. A word of four letters or more
that appears nowhere among the remaining records is matched approximately instead
(rapidfuzz, in C), so a typo still finds "Lindqvist". Measured at 30,000 people
(benchmarks/bench_targets.py): a few milliseconds per keystroke for the exact pass, over
haystacks laid side by side in memory; the approximate one costs more and runs only on a miss.

Among people, `stage:due` keeps those at a stage (see `domain.stages`), and archived people
are left out unless `is:archived` asks for them (`PeopleScopes`): the index narrows to such a
set of ids once, then filters within it.

`TargetLists` holds all of it for one version of the campaign: the app builds it off the UI
thread before the Targets screen is first shown, and a saved person is brought up to date in
place (`person_saved`) instead of building everything again.
"""

from __future__ import annotations

import bisect
import operator
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Generic, TypeVar

from rapidfuzz import fuzz, process

from infoint_tui.domain.models import Campaign, Company, Degree, Interview, Outreach, Person
from infoint_tui.domain.stages import ORDER, Stage, Standing, stages_named, standings
from infoint_tui.domain.text import fold

R = TypeVar("R")

#: Shorter words are only ever matched exactly: one wrong letter in three is another word.
FUZZY_MIN_LENGTH = 4
FUZZY_CUTOFF = 80
#: At most this many spellings are taken as close to a misspelt word.
FUZZY_WORDS = 8
LAST = "\uffff"  # sorts after any name: records without a company go last

PERSON_SORTS = ("name", "company", "degree", "newest first", "stage", "next date")
COMPANY_SORTS = ("name", "industry", "most people", "newest first")
DEGREE_ORDER = {Degree.FIRST: 0, Degree.SECOND: 1, Degree.COLD: 2}


def tag_words(tags: Iterable[str]) -> str:
    return " ".join(f"#{tag}" for tag in tags)


def _side_by_side(hays: list[str]) -> list[str]:
    """Copies of one-line haystacks, made one after the other in memory (a join and a split, in
    C). A filter then reads memory in order: at 30,000 records its pass takes a quarter of the
    time it takes over strings scattered wherever they were made."""
    copies = "\n".join(hays).split("\n")
    return copies if len(copies) == len(hays) else hays  # a line break in one: kept as they are


def _ids_side_by_side(ids: list[int]) -> list[int]:
    """The same ids as new numbers made one after the other in memory. A list a filter returns
    is young, and each garbage collection that finds it young reads every number it holds: at
    100,000 people one took ~8 ms over the numbers scattered through the parsed file, ~1.5 ms
    over these, paid by the UI thread at each person saved and each filter cleared."""
    return [record_id + 0 for record_id in ids]  # `+ 0` makes a new int (above the cached 256)


@dataclass(frozen=True, slots=True)
class Matches:
    ids: list[int]
    #: Some word matched only approximately (no record contains it as typed).
    approximate: bool = False


@dataclass
class RecordIndex(Generic[R]):
    """Sort orders and haystacks of one kind of record, each made on first use."""

    records: dict[int, R]
    haystack: Callable[[R], str]
    #: Sort name -> key of a record id (ties keep the order of ids, so orders are stable).
    sorts: dict[str, Callable[[int], Any]]
    #: Record id -> its folded name, which the sort keys read: kept up to date by `refresh`.
    names: dict[int, str] = field(default_factory=dict)
    name: Callable[[R], str] = str
    _orders: dict[str, list[int]] = field(default_factory=dict, init=False)
    _hays: dict[int, str] = field(default_factory=dict, init=False)
    _sorted_hays: dict[str, list[str]] = field(default_factory=dict, init=False)
    #: (sort, a set of ids) -> the positions in that order of the ids in the set.
    _within: dict[tuple[str, frozenset[int]], list[int]] = field(default_factory=dict, init=False)
    #: Every distinct word of the haystacks, for approximate matching.
    _vocabulary: list[str] = field(default_factory=list, init=False)

    def order(self, sort: str) -> list[int]:
        if sort not in self._orders:
            # Sorting is stable: ids first, then the key, with no tuple built per record.
            self._orders[sort] = _ids_side_by_side(sorted(sorted(self.records), key=self.sorts[sort]))
        return self._orders[sort]

    def prepare(self, sort: str) -> None:
        """Do now the work the first filter would do (at 30,000 people, a few frames)."""
        self._haystacks(sort)
        self._words()

    def filter(self, query: str, sort: str, among: frozenset[int] | None = None) -> Matches:
        """The records that match, in the order of `sort`; only those `among` when given (keep
        passing the same set: its positions are worked out once)."""
        ids = self.order(sort)
        words = fold(query).split()
        if among is not None and len(among) == len(self.records):
            among = None  # everyone: no narrowing to do
        positions: list[int] | range = range(len(ids)) if among is None else self._positions(sort, among)
        if not words:
            # A copy: the order itself changes when a record is refreshed.
            return Matches(list(ids) if among is None else [ids[i] for i in positions])
        hays = self._haystacks(sort)
        approximate = False
        for word in words:
            hits = [i for i in positions if word in hays[i]]
            if not hits and len(word) >= FUZZY_MIN_LENGTH and not word.startswith("#"):
                hits = self._close(word, positions, hays)
                approximate = approximate or bool(hits)
            positions = hits
        strong = positions
        for word in words:
            starts = " " + word
            strong = [i for i in strong if starts in hays[i]]
        if len(strong) == len(positions):
            return Matches([ids[i] for i in positions], approximate)
        chosen = set(strong)
        return Matches([ids[i] for i in strong] + [ids[i] for i in positions if i not in chosen], approximate)

    def refresh(self, record_id: int) -> None:
        """One record was changed (not added or removed): give it its new haystack and its new
        place in every order made so far, without going over the others."""
        record = self.records[record_id]
        if record_id in self.names:
            self.names[record_id] = fold(self.name(record))
        if self._hays:
            hay = self._hays[record_id] = " " + fold(self.haystack(record))
            for term in hay.split():
                at = bisect.bisect_left(self._vocabulary, term)
                if self._vocabulary and (at == len(self._vocabulary) or self._vocabulary[at] != term):
                    self._vocabulary.insert(at, term)  # old words stay: a close match finds none
        for sort, order in self._orders.items():
            at = order.index(record_id)
            del order[at]
            key = self.sorts[sort]
            new_at = bisect.bisect_left(order, (key(record_id), record_id), key=lambda rid: (key(rid), rid))
            order.insert(new_at, record_id)
            if sort in self._sorted_hays:
                hays = self._sorted_hays[sort]
                del hays[at]
                hays.insert(new_at, self._hays[record_id])
        self._within.clear()  # positions moved

    def forget_order(self, sort: str) -> None:
        """The keys of this sort changed for many records: sort again when next asked."""
        self._orders.pop(sort, None)
        self._sorted_hays.pop(sort, None)
        self._within = {key: value for key, value in self._within.items() if key[0] != sort}

    def _positions(self, sort: str, among: frozenset[int]) -> list[int]:
        if (sort, among) not in self._within:
            self._within[sort, among] = [i for i, rid in enumerate(self.order(sort)) if rid in among]
        return self._within[sort, among]

    def _haystacks(self, sort: str) -> list[str]:
        if not self._hays:
            # The leading space lets "starts a word" be a plain substring test.
            self._hays = {rid: " " + fold(self.haystack(record)) for rid, record in self.records.items()}
        if sort not in self._sorted_hays:
            self._sorted_hays[sort] = _side_by_side([self._hays[rid] for rid in self.order(sort)])
        return self._sorted_hays[sort]

    def _close(self, word: str, positions: list[int] | range, hays: list[str]) -> list[int]:
        """Records with a word spelt nearly like `word`. The distinct words of the campaign
        are compared, far fewer and shorter than the haystacks."""
        found = process.extract(word, self._words(), scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=FUZZY_WORDS)
        if not found:
            return []
        if len(found) == 1:  # most often: a plain test is twice as fast as the pattern
            starts = " " + found[0][0]
            return [i for i in positions if starts in hays[i]]
        pattern = re.compile(" (?:" + "|".join(re.escape(close) for close, _, _ in found) + ")")
        return [i for i in positions if pattern.search(hays[i])]

    def _words(self) -> list[str]:
        if not self._vocabulary:
            self._vocabulary = sorted({term for hay in self._hays.values() for term in hay.split()})
        return self._vocabulary


@dataclass
class Links:
    """Who points at whom, for the detail pane: one pass over the campaign."""

    introduced: dict[int, list[int]] = field(default_factory=dict)
    staff: dict[int, list[int]] = field(default_factory=dict)
    outreach: dict[int, list[Outreach]] = field(default_factory=dict)
    interviews: dict[int, list[Interview]] = field(default_factory=dict)

    @classmethod
    def of(cls, campaign: Campaign) -> Links:
        links = cls()
        for person in campaign.people.values():
            if person.introducer_id:
                links.introduced.setdefault(person.introducer_id, []).append(person.id)
            if person.company_id:
                links.staff.setdefault(person.company_id, []).append(person.id)
        for outreach in campaign.outreach.values():
            links.outreach.setdefault(outreach.person_id, []).append(outreach)
        for interview in campaign.interviews.values():
            links.interviews.setdefault(interview.person_id, []).append(interview)
        return links

    def person_moved(self, before: Person, after: Person) -> None:
        """The person's company or introducer changed: move them in the lists of who is where."""
        for links, old, new in (
            (self.staff, before.company_id, after.company_id),
            (self.introduced, before.introducer_id, after.introducer_id),
        ):
            if old:
                links[old].remove(before.id)
            if new:
                bisect.insort(links.setdefault(new, []), after.id)


def people_index(
    campaign: Campaign, links: Links, standings: Mapping[int, Standing] | None = None
) -> RecordIndex[Person]:
    """With `standings` (`stages.standings`), people also sort by stage and by next date."""
    people, companies = campaign.people, campaign.companies
    names = {pid: fold(person.name) for pid, person in people.items()}
    company_names: dict[int | None, str] = {cid: fold(company.name) for cid, company in companies.items()}

    def company_name(person: Person) -> str:
        return companies[person.company_id].name if person.company_id in companies else ""

    def haystack(person: Person) -> str:
        return " ".join((person.name, company_name(person), person.title, person.location, tag_words(person.tags)))

    sorts: dict[str, Callable[[int], Any]] = {
        "name": names.__getitem__,
        "company": lambda pid: (company_names.get(people[pid].company_id, LAST), names[pid]),
        "degree": lambda pid: (DEGREE_ORDER[people[pid].degree], names[pid]),
        "newest first": operator.neg,
    }
    if standings is not None:

        def next_on(pid: int) -> date:
            return standings[pid].next_on or date.max  # nothing due: last

        sorts["stage"] = lambda pid: (ORDER[standings[pid].stage], next_on(pid), names[pid])
        sorts["next date"] = lambda pid: (next_on(pid), names[pid])
    return RecordIndex(people, haystack, sorts, names, lambda person: person.name)


def companies_index(campaign: Campaign, links: Links) -> RecordIndex[Company]:
    companies = campaign.companies
    names = {cid: fold(company.name) for cid, company in companies.items()}

    def haystack(company: Company) -> str:
        return " ".join((company.name, company.industry, company.location, tag_words(company.tags)))

    return RecordIndex(
        companies,
        haystack,
        {
            "name": names.__getitem__,
            "industry": lambda cid: (fold(companies[cid].industry) or LAST, names[cid]),
            "most people": lambda cid: (-len(links.staff.get(cid, ())), names[cid]),
            "newest first": operator.neg,
        },
        names,
        lambda company: company.name,
    )


STAGE_TERM = "stage:"
ARCHIVED_TERM = "is:archived"


@dataclass(frozen=True, slots=True)
class Scope:
    """What the terms of a query ask for, and the rest of it."""

    words: str
    #: The records the query looks among (None: every one).
    among: frozenset[int] | None = None
    #: A `stage:` word that names no stage ("" when each names one).
    unknown_stage: str = ""


@dataclass
class PeopleScopes:
    """The `stage:` and `is:archived` terms of a people filter, over one version of the data.

    Each set of people is made once and then handed out again, so that the index keeps the
    positions it worked out for it: a keystroke costs no pass over everyone.
    """

    standings: Mapping[int, Standing]
    archived: frozenset[int]
    _made: dict[tuple[bool, frozenset[Stage]], frozenset[int]] = field(default_factory=dict, init=False)

    @classmethod
    def of(cls, campaign: Campaign, standings: Mapping[int, Standing]) -> PeopleScopes:
        return cls(standings, frozenset(pid for pid, person in campaign.people.items() if person.archived))

    def scope(self, query: str) -> Scope:
        words: list[str] = []
        stages: set[Stage] = set()
        archived, unknown = False, ""
        for word in query.split():
            term = word.casefold()
            if term.startswith(STAGE_TERM):
                stage_word = term.removeprefix(STAGE_TERM)
                named = stages_named(stage_word) if stage_word else frozenset()  # "stage:" as it is typed
                stages |= named
                if stage_word and not named:
                    unknown = unknown or word[len(STAGE_TERM) :]
            elif term.startswith("is:") and ARCHIVED_TERM.startswith(term):
                archived = archived or term != "is:"
            else:
                words.append(word)
        if unknown:
            return Scope(" ".join(words), frozenset(), unknown)
        return Scope(" ".join(words), self._people(archived, frozenset(stages)))

    def _people(self, archived: bool, stages: frozenset[Stage]) -> frozenset[int] | None:
        if not stages and not archived and not self.archived:
            return None  # nobody is left out
        key = (archived, stages)
        if key not in self._made:
            self._made[key] = frozenset(
                pid
                for pid, standing in self.standings.items()
                if (pid in self.archived) == archived and (not stages or standing.stage in stages)
            )
        return self._made[key]


#: A person's fields the follow-up policy reads: a change to one can change a stage.
_DUE_FIELDS = ("degree", "introducer_id", "source", "updates", "snoozed")


@dataclass
class TargetLists:
    """What the Targets lists are filtered, sorted and drawn from, for one version of the data."""

    campaign: Campaign
    today: date
    links: Links
    standings: dict[int, Standing]
    people: RecordIndex[Person]
    companies: RecordIndex[Company]
    scopes: PeopleScopes

    @classmethod
    def build(cls, campaign: Campaign, today: date, sort: str = PERSON_SORTS[0]) -> TargetLists:
        """Everything, with the haystacks of `sort` made: a keystroke then only filters."""
        links = Links.of(campaign)
        stages = standings(campaign, today)
        lists = cls(
            campaign,
            today,
            links,
            stages,
            people_index(campaign, links, stages),
            companies_index(campaign, links),
            PeopleScopes.of(campaign, stages),
        )
        lists.people.prepare(sort)
        lists.companies.prepare(COMPANY_SORTS[0])
        return lists

    def person_saved(self, before: Person) -> bool:
        """Bring the lists up to date with the saved person who was `before`; False when the
        change reaches further than their own row (built again then)."""
        after = self.campaign.people.get(before.id)
        if after is None or before.id not in self.standings or after.archived != before.archived:
            return False  # added, removed, or moved in or out of the archive: stages and scopes change
        if any(getattr(before, name) != getattr(after, name) for name in _DUE_FIELDS):
            return False  # their due items (or their introducer's) change: so do the stages
        if (after.company_id, after.introducer_id) != (before.company_id, before.introducer_id):
            self.links.person_moved(before, after)
            self.companies.forget_order("most people")
        self.people.refresh(after.id)
        return True

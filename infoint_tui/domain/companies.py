"""Which companies are likely one and the same: "Northwind" from LinkedIn, "Northwind Health"
typed by hand, "Globex, Inc." from an address book.

Names are compared in a plain form: no case, no accents, no punctuation, no legal suffix.
Two names are likely the same when those forms are equal, when one is the other's first
words ("northwind" and "northwind health"), or when they differ by a typo or word order
(rapidfuzz's token_sort_ratio). token_set_ratio would score any subset as a perfect match,
so "Health" would look like "Northwind Health": subsets count only as first words.

Only names whose words, sorted, start with the same two letters are scored, so matching
thousands of new names against thousands of known ones stays a matter of milliseconds.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence

from rapidfuzz import fuzz, process

from infoint_tui.domain.models import Company
from infoint_tui.domain.text import fold

#: Words that say what kind of company it is in law, not which one (dropped from the end).
LEGAL_SUFFIXES = frozenset(
    {
        "inc",
        "incorporated",
        "llc",
        "llp",
        "ltd",
        "limited",
        "corp",
        "corporation",
        "co",
        "company",
        "plc",
        "gmbh",
        "ag",
        "kg",
        "sa",
        "sas",
        "sarl",
        "srl",
        "spa",
        "bv",
        "nv",
        "pty",
        "pte",
    }
)
#: token_sort_ratio at or above which two names are taken as one with a typo: one wrong
#: letter in a nine-letter name scores 88.9, "Northwind" and "Northwood" 77.8.
SIMILARITY = 88

_TRAILING = LEGAL_SUFFIXES | {"and"}  # "GmbH & Co. KG" leaves an "and" behind
_JOINED = re.compile(r"[.'’]")  # "S.A." is "sa", "McDonald's" is "mcdonalds"
_APART = re.compile(r"[^\w]+|_")


def name_words(name: str) -> tuple[str, ...]:
    """'Müller & Söhne GmbH' -> ('muller', 'and', 'sohne'): the words that tell companies apart."""
    plain = fold(name).replace("&", " and ")
    words = _APART.sub(" ", _JOINED.sub("", plain)).split()
    while len(words) > 1 and words[-1] in _TRAILING:
        words.pop()
    return tuple(words)


def same_name(a: str, b: str) -> bool:
    """Whether two names differ only in case, accents, punctuation or a legal suffix."""
    return name_words(a) == name_words(b)


class CompanyMatcher:
    """Companies indexed by their names' plain forms, to find the ones a name likely means."""

    def __init__(self, companies: Iterable[Company] = ()) -> None:
        self._by_words: dict[tuple[str, ...], list[Company]] = {}
        #: Every shorter run of first words -> the companies whose name begins with it.
        self._by_first_words: dict[tuple[str, ...], list[Company]] = {}
        #: First two letters of a name's words in sorted order -> those sorted words, for the
        #: typo score, and (the numbers in the name, the company) in the same order.
        self._sorted_by_start: dict[str, list[str]] = {}
        self._companies_by_start: dict[str, list[tuple[set[str], Company]]] = {}
        for company in companies:
            self.add(company)

    def add(self, company: Company) -> None:
        words = name_words(company.name)
        if not words:
            return
        self._by_words.setdefault(words, []).append(company)
        for end in range(1, len(words)):
            self._by_first_words.setdefault(words[:end], []).append(company)
        sorted_words = " ".join(sorted(words))
        self._sorted_by_start.setdefault(sorted_words[:2], []).append(sorted_words)
        self._companies_by_start.setdefault(sorted_words[:2], []).append((_numbers(words), company))

    def matches(self, name: str) -> list[Company]:
        """The companies `name` likely means, likeliest first: same name, first words, typo."""
        return list({id(company): company for company in self._candidates(name)}.values())

    def best(self, name: str) -> Company | None:
        """The likeliest company `name` means; typos are scored only when no name is the same."""
        return next(self._candidates(name), None)

    def _candidates(self, name: str) -> Iterator[Company]:
        words = name_words(name)
        if not words:
            return
        yield from self._by_words.get(words, [])
        yield from self._by_first_words.get(words, [])  # longer names that begin with this one
        for end in range(len(words) - 1, 0, -1):  # shorter names this one begins with
            yield from self._by_words.get(words[:end], [])
        yield from self._similar(words)

    def _similar(self, words: tuple[str, ...]) -> list[Company]:
        """Names a typo or the order of words away; ratio over sorted words is token_sort_ratio."""
        sorted_words = " ".join(sorted(words))
        scored = process.extract(
            sorted_words,
            self._sorted_by_start.get(sorted_words[:2], []),
            scorer=fuzz.ratio,
            score_cutoff=SIMILARITY,
            limit=None,
        )  # best first
        numbers = _numbers(words)  # "Studio 54" is not "Studio 57"
        companies = self._companies_by_start.get(sorted_words[:2], [])
        return [companies[index][1] for _, _, index in scored if companies[index][0] == numbers]


def _numbers(words: tuple[str, ...]) -> set[str]:
    return {word for word in words if not word.isalpha()}  # words hold letters and digits only


def likely_same(name: str, companies: Iterable[Company]) -> list[Company]:
    """The companies that `name` likely means, likeliest first (see the module docstring)."""
    return CompanyMatcher(companies).matches(name)


def likely_duplicates(new: Sequence[Company], known: Iterable[Company]) -> list[tuple[Company, Company]]:
    """Each new company that looks like a known one, or like another new one, with that one.

    A known company is preferred; otherwise an earlier new one, so list `new` with the
    likeliest right spelling first (the one most people use). A company another is paired
    with is never itself paired away, so using each pair's second company needs no chains.
    """
    known_names = CompanyMatcher(known)
    earlier = CompanyMatcher()
    pairs = []
    for company in new:
        match = known_names.best(company.name) or earlier.best(company.name)
        if match is None:
            earlier.add(company)
        else:
            pairs.append((company, match))
    return pairs

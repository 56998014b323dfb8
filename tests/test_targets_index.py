"""Filtering and sorting the target lists, checked against the campaign itself."""

from __future__ import annotations

import pytest

from infoint_tui.demo import demo_campaign
from infoint_tui.domain.models import Campaign, Company, Degree, Person
from infoint_tui.domain.target_search import Links, companies_index, fold, people_index
from tests.conftest import TODAY


@pytest.fixture(scope="module")
def campaign() -> Campaign:
    return demo_campaign(600, TODAY)


def words_of(campaign: Campaign, person: Person) -> str:
    company = campaign.company_of(person)
    parts = [
        person.name,
        company.name if company else "",
        person.title,
        person.location,
        *(f"#{tag}" for tag in person.tags),
    ]
    return fold(" ".join(parts))


def expected(campaign: Campaign, query: str, order: list[int]) -> list[int]:
    """Every word inside; those where every word starts a word first."""
    words = fold(query).split()
    hits = [pid for pid in order if all(w in words_of(campaign, campaign.people[pid]) for w in words)]

    def starts(pid: int) -> bool:
        text = " " + words_of(campaign, campaign.people[pid])
        return all(" " + w in text for w in words)

    return [pid for pid in hits if starts(pid)] + [pid for pid in hits if not starts(pid)]


@pytest.mark.parametrize(
    "query", ["ana", "ANA ber", "umbrella research", "#ment", "#mentor design", "berlin staff", "o'brien", "zzz"]
)
def test_filter_finds_exactly_the_records_with_every_word(campaign: Campaign, query: str) -> None:
    index = people_index(campaign, Links.of(campaign))
    found = index.filter(query, "name")
    assert found.ids == expected(campaign, query, index.order("name"))
    assert not found.approximate


def test_words_that_start_with_the_query_come_before_words_that_contain_it(campaign: Campaign) -> None:
    found = people_index(campaign, Links.of(campaign)).filter("ana", "name").ids
    inside = [i for i, pid in enumerate(found) if " ana" not in " " + words_of(campaign, campaign.people[pid])]
    named = [i for i, pid in enumerate(found) if campaign.people[pid].name.startswith("Ana ")]
    assert inside and named and max(named) < min(inside)  # Ana Ruiz before a Product Manager


def test_accents_and_case_do_not_matter(campaign: Campaign) -> None:
    index = people_index(campaign, Links.of(campaign))
    zoe = {pid for pid, person in campaign.people.items() if person.name.startswith("Zoë")}
    assert zoe and set(index.filter("zoe", "name").ids) == zoe == set(index.filter("ZOË", "name").ids)


def test_a_misspelt_long_word_finds_close_matches(campaign: Campaign) -> None:
    index = people_index(campaign, Links.of(campaign))
    found = index.filter("lindqvst", "name")
    assert found.approximate
    assert set(found.ids) == {pid for pid, p in campaign.people.items() if "Lindqvist" in p.name}
    assert index.filter("lnd", "name").ids == []  # short words are matched exactly only
    assert index.filter("#mentr", "name").ids == []  # and so are tags


def test_sorts(campaign: Campaign) -> None:
    index = people_index(campaign, Links.of(campaign))
    people = campaign.people
    names = [fold(people[pid].name) for pid in index.order("name")]
    assert names == sorted(names)
    degrees = [people[pid].degree for pid in index.order("degree")]
    assert degrees == sorted(degrees, key=[Degree.FIRST, Degree.SECOND, Degree.COLD].index)
    companies = [fold(campaign.companies[people[pid].company_id].name) for pid in index.order("company")]
    assert companies == sorted(companies)
    assert index.order("newest first") == sorted(people, reverse=True)
    assert index.filter("ana", "degree").ids == expected(campaign, "ana", index.order("degree"))


def test_people_without_a_company_sort_last_by_company() -> None:
    campaign = Campaign(
        companies={1: Company("Zeta", id=1)}, people={1: Person("Ann", id=1), 2: Person("Bob", company_id=1, id=2)}
    )
    assert people_index(campaign, Links.of(campaign)).order("company") == [2, 1]


def test_companies_filter_on_name_industry_place_and_tags(campaign: Campaign) -> None:
    links = Links.of(campaign)
    index = companies_index(campaign, links)
    health = {cid for cid, c in campaign.companies.items() if c.industry == "Healthcare"}
    assert set(index.filter("health", "name").ids) >= health
    by_size = index.order("most people")
    counts = [len(links.staff.get(cid, [])) for cid in by_size]
    assert counts == sorted(counts, reverse=True)


def test_links_know_who_introduced_whom_and_who_works_where(campaign: Campaign) -> None:
    links = Links.of(campaign)
    for pid, person in campaign.people.items():
        if person.introducer_id:
            assert pid in links.introduced[person.introducer_id]
        assert pid in links.staff[person.company_id]
    assert sum(map(len, links.outreach.values())) == len(campaign.outreach)


def test_a_line_break_in_a_haystack_does_not_shift_the_others(campaign: Campaign) -> None:
    # The haystacks are copied side by side through one joined string: a break inside one
    # must not split it in two and give every later record its neighbour's words.
    index = people_index(campaign, Links.of(campaign))
    first = index.order("name")[0]
    person = campaign.people[first]
    index.haystack = lambda record: "Zebediah\nQuist" if record is person else words_of(campaign, record)
    found = index.filter("ana", "name")
    assert found.ids == [pid for pid in expected(campaign, "ana", index.order("name")) if pid != first]
    assert index.filter("quist", "name").ids == [first]

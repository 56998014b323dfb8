"""Two companies that are one: likely matches, the merge and its plan, on Targets, on import."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import orjson
import pytest
from textual.pilot import Pilot
from textual.widgets import OptionList, SelectionList, Static

from infoint_tui.cli import main
from infoint_tui.domain.companies import likely_duplicates, likely_same, name_words, same_name
from infoint_tui.domain.merge import merge_plan
from infoint_tui.domain.models import (
    AttemptKind,
    Campaign,
    Company,
    Degree,
    Interview,
    Objective,
    ObjectiveKind,
    Outreach,
    Person,
    Route,
)
from infoint_tui.domain.policy import DueKind, due_items, next_target
from infoint_tui.exchange.linkedin import read_linkedin
from infoint_tui.store.errors import ReadOnlyError
from infoint_tui.store.repository import Repository
from infoint_tui.tui.screens.targets.import_dialog import ImportScreen
from infoint_tui.tui.screens.targets.screen import TargetsScreen
from infoint_tui.tui.widgets.confirm import ConfirmScreen
from infoint_tui.tui.widgets.pick import PickScreen
from tests.conftest import DATA, TODAY
from tests.support import until
from tests.test_targets_screen import card, open_targets, start_import, text_of

CONNECTIONS = DATA / "linkedin-Connections.csv"  # has "Northwind" (2 people) and "Tyrell Corporation" (2)

# Likely the same -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Acme", "Acme Inc."),
        ("Globex, Inc.", "GLOBEX"),
        ("Müller GmbH", "muller"),
        ("Soylent Corp", "Soylent Corporation"),
        ("Ernst & Young LLP", "Ernst and Young"),
        ("S.A. Foods plc", "SA Foods"),
        ("Northwind", "Northwind Health"),  # one name the other's first words
        ("Northwnd Health", "Northwind Health"),  # a typo
        ("Health Partners Umbrella", "Umbrella Health Partners"),  # the same words in another order
    ],
)
def test_likely_the_same(a: str, b: str) -> None:
    assert [c.name for c in likely_same(a, [Company(b)])] == [b]
    assert [c.name for c in likely_same(b, [Company(a)])] == [a]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Apple", "Applied Materials"),
        ("Health", "Northwind Health"),  # a last word in common is not a first one
        ("Northwind", "Northwood"),
        ("Studio 54", "Studio 57"),
        ("Acme", "Initech"),
        ("Co", "Costco"),
    ],
)
def test_not_the_same(a: str, b: str) -> None:
    assert likely_same(a, [Company(b)]) == []
    assert likely_same(b, [Company(a)]) == []


def test_plain_names_drop_case_accents_punctuation_and_legal_suffixes() -> None:
    assert name_words("Müller & Söhne GmbH & Co. KG") == ("muller", "and", "sohne")
    assert name_words("J.P. Morgan Chase & Co.") == ("jp", "morgan", "chase")
    assert name_words("Inc.") == ("inc",)  # a name is never left empty
    assert same_name("Globex, Inc.", "globex") and not same_name("Northwind", "Northwind Health")


def test_the_same_name_comes_first_then_first_words_then_typos() -> None:
    typo, longer, same = Company("Northwnd"), Company("Northwind Health"), Company("NORTHWIND LTD")
    assert likely_same("Northwind", [typo, longer, Company("Tyrell"), same]) == [same, longer, typo]


def test_a_new_company_pairs_with_a_known_one_first_then_with_an_earlier_new_one() -> None:
    known = Company("Northwind Health", id=1)
    northwind, globex, globex_inc, tyrell = (Company(n) for n in ("Northwind", "Globex", "Globex, Inc.", "Tyrell"))
    pairs = likely_duplicates([northwind, globex, globex_inc, tyrell], [known])
    assert pairs == [(northwind, known), (globex_inc, globex)]


# The merge plan --------------------------------------------------------------------------


def campaign_of_two() -> Campaign:
    """Northwind Health typed by hand (1 person); Northwind from LinkedIn (3 people)."""
    campaign = Campaign()
    campaign.objectives[1] = Objective(ObjectiveKind.COMPANY, "What it is like to work at Northwind", id=1)
    campaign.companies[1] = Company(
        "Northwind Health", industry="Healthcare", notes="Hiring in spring.", tags=["hiring"], id=1
    )
    campaign.companies[2] = Company(
        "Northwind",
        industry="Software",
        location="Berlin",
        website="https://northwind.example.com",
        source="LinkedIn",
        notes="Met Ben at a meetup.",
        tags=["hiring", "research"],
        id=2,
    )
    campaign.companies[3] = Company("Tyrell", id=3)
    for pid, name, cid in [
        (1, "Ana Ruiz", 1),
        (2, "Ben Okafor", 2),
        (3, "Chidi Sato", 2),
        (4, "Dana Chen", 2),
        (5, "Eli Tanaka", 3),
    ]:
        campaign.people[pid] = Person(name, company_id=cid, degree=Degree.FIRST, id=pid)
    for oid, pid in [(1, 1), (2, 2), (3, 3)]:
        campaign.outreach[oid] = Outreach(pid, 1, Route.DIRECT, TODAY, id=oid)
    campaign.interviews[1] = Interview(2, datetime(2026, 12, 1, 14, 30), id=1)
    return campaign


def test_a_merge_moves_the_people_fills_the_gaps_and_says_so() -> None:
    campaign = campaign_of_two()
    keep, absorb = campaign.companies[1], campaign.companies[2]
    plan = merge_plan(campaign, keep, absorb)
    assert plan.describe() == (
        "3 people, 2 outreach and 1 interview move to Northwind Health; Northwind is "
        "removed. Northwind Health takes Northwind's location, website, source, notes "
        "and tags."
    )
    assert [(p.name, p.company_id) for p in plan.people] == [("Ben Okafor", 1), ("Chidi Sato", 1), ("Dana Chen", 1)]
    assert plan.keep.industry == "Healthcare"  # its own details stay
    assert plan.keep.location == "Berlin" and plan.keep.website == "https://northwind.example.com"
    assert plan.keep.notes == "Hiring in spring.\n\nMet Ben at a meetup."
    assert plan.keep.tags == ["hiring", "research"]
    assert campaign.people[2].company_id == 2 and keep.location == ""  # nothing changed yet


def test_merging_an_empty_company_moves_nobody_and_a_company_is_not_merged_into_itself() -> None:
    campaign = campaign_of_two()
    plan = merge_plan(campaign, campaign.companies[3], Company("Tyrell Corp", id=9))
    assert plan.describe() == "Nobody moves to Tyrell; Tyrell Corp is removed."
    with pytest.raises(ValueError, match="cannot be merged into itself"):
        merge_plan(campaign, campaign.companies[1], campaign.companies[1])


# The repository --------------------------------------------------------------------------


def stored(campaign: Campaign, path: Path) -> Path:
    repo = Repository.open(path)
    with repo.batch():
        for table in ("objectives", "companies", "people", "outreach", "interviews"):
            for item in getattr(campaign, table).values():
                repo.save(item)
    repo.close()
    return path


def test_the_repository_merges_in_one_write(tmp_path: Path) -> None:
    path = stored(campaign_of_two(), tmp_path / "data.json")
    repo = Repository.open(path)
    writes: list[str | None] = []
    repo.add_listener(lambda saved_at, error: writes.append(error))
    repo.merge_companies(repo.campaign.companies[1], repo.campaign.companies[2])
    assert writes == [None]
    repo.close()
    campaign = Repository.open(path, read_only=True).campaign
    assert sorted(campaign.companies) == [1, 3]
    assert [p.company_id for p in campaign.people.values()] == [1, 1, 1, 1, 3]
    assert campaign.companies[1].website == "https://northwind.example.com"
    assert len(campaign.outreach) == 3 and len(campaign.interviews) == 1  # they follow their people


def test_a_read_only_file_refuses_the_merge_and_memory_stays_as_it_was(tmp_path: Path) -> None:
    path = stored(campaign_of_two(), tmp_path / "data.json")
    on_disk = path.read_bytes()
    repo = Repository.open(path, read_only=True)
    before = orjson.dumps(repo.storage.read())
    people = {pid: p.to_doc() for pid, p in repo.campaign.people.items()}
    companies = {cid: c.to_doc() for cid, c in repo.campaign.companies.items()}
    with pytest.raises(ReadOnlyError, match="read-only"):
        repo.merge_companies(repo.campaign.companies[1], repo.campaign.companies[2])
    assert {pid: p.to_doc() for pid, p in repo.campaign.people.items()} == people
    assert {cid: c.to_doc() for cid, c in repo.campaign.companies.items()} == companies
    assert orjson.dumps(repo.storage.read()) == before
    assert path.read_bytes() == on_disk


# "Next person at the company" ------------------------------------------------------------


def test_the_next_person_at_the_company_is_found_among_everyone_after_a_merge(tmp_path: Path) -> None:
    campaign = campaign_of_two()
    campaign.outreach, campaign.interviews = {}, {}  # only Ana has been approached
    ana = Outreach(1, 1, Route.DIRECT, TODAY - timedelta(days=40), id=1)
    for days_ago, kind in [(40, AttemptKind.REQUEST), (30, AttemptKind.FOLLOW_UP), (20, AttemptKind.CALL)]:
        ana.log(kind, TODAY - timedelta(days=days_ago))
    campaign.outreach[1] = ana
    repo = Repository.open(stored(campaign, tmp_path / "data.json"))
    assert [item.kind for item in due_items(repo.campaign, TODAY)] == [DueKind.ASSUMED_NO]
    assert next_target(repo.campaign, 1, exclude_person_id=1) is None  # Northwind Health had only Ana
    repo.merge_companies(repo.campaign.companies[1], repo.campaign.companies[2])
    following = next_target(repo.campaign, 1, exclude_person_id=1)
    assert following is not None and following.name == "Ben Okafor"
    repo.close()


# On the Targets screen -------------------------------------------------------------------


@pytest.fixture
def two_companies(tmp_path: Path):
    repo = Repository.open(stored(campaign_of_two(), tmp_path / "two.json"), background=True)
    yield repo
    repo.close()


def options_of(screen: PickScreen) -> list[str]:
    options = screen.query_one(OptionList)
    return [str(options.get_option_at_index(n).prompt) for n in range(options.option_count)]


async def open_merge(pilot: Pilot) -> PickScreen:
    screen = await open_targets(pilot)
    await pilot.press("c")  # the companies, by name: Northwind first
    await pilot.pause()
    assert screen.highlighted().name == "Northwind"
    await pilot.press("m")
    await pilot.pause()
    picker = pilot.app.screen
    assert isinstance(picker, PickScreen)
    return picker


async def test_merge_into_the_likely_match_from_the_keyboard(make_app, two_companies) -> None:
    app = make_app(two_companies)
    async with app.run_test(size=(80, 24)) as pilot:
        picker = await open_merge(pilot)
        assert picker.question == "Merge Northwind into…"
        assert options_of(picker) == ["Northwind Health · 1 person  likely the same", "Tyrell · 1 person"]
        await pilot.press("enter")
        await pilot.pause()
        confirm = app.screen
        assert isinstance(confirm, ConfirmScreen)
        assert confirm.question == "Merge Northwind into Northwind Health?"
        assert confirm.detail.startswith(
            "3 people, 2 outreach and 1 interview move to Northwind Health; Northwind is removed."
        )
        await pilot.press("y")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TargetsScreen)
        assert sorted(c.name for c in two_companies.campaign.companies.values()) == ["Northwind Health", "Tyrell"]
        assert screen.highlighted().name == "Northwind Health"
        assert "People (4)" in card(screen) and "Ben Okafor" in card(screen)


async def test_merge_into_any_company_found_by_typing_or_cancel(make_app, two_companies) -> None:
    app = make_app(two_companies)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_merge(pilot)
        await pilot.press(*"tyrel")  # a letter short still finds it
        await pilot.pause()
        assert options_of(app.screen)[0] == "Tyrell · 1 person"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.question == "Merge Northwind into Tyrell?"
        await pilot.press("n")  # changed their mind
        await pilot.pause()
        assert isinstance(app.screen, TargetsScreen)
        assert len(two_companies.campaign.companies) == 3

        await pilot.press("m", "down", "escape")
        await pilot.pause()
        assert isinstance(app.screen, TargetsScreen) and len(two_companies.campaign.companies) == 3


async def test_a_read_only_file_refuses_the_merge_and_says_so(make_app, two_companies, notices) -> None:
    reader, reason = Repository.open_or_read_only(two_companies.path)
    app = make_app(reader, read_only_reason=reason)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_targets(pilot)
        await pilot.press("c", "m")  # said at once: no company to pick, no question it cannot carry out
        await pilot.pause()
        assert app.screen is screen
        assert len(reader.campaign.companies) == 3 and reader.campaign.people[2].company_id == 2
        assert any(n.title == "Read-only" for n in notices)


async def test_merge_is_for_companies_only_and_in_the_help(make_app, two_companies) -> None:
    app = make_app(two_companies)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_targets(pilot)
        await pilot.press("m")  # on the people list: nothing to merge
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("c", "f1")
        await pilot.pause()
        help_text = " ".join(text_of(app.screen.query_one("#help-keys", Static)).split())
        assert "m Merge the highlighted company into another: its people" in help_text


async def test_the_palette_shows_the_companies_to_merge(make_app, two_companies, notices) -> None:
    app = make_app(two_companies)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p", *"Merge companies")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.current_mode == "targets" and app.screen.kind == "companies"
        assert any("then press m" in n.message for n in notices)


# On import -------------------------------------------------------------------------------


@pytest.fixture
def typed_by_hand(tmp_path: Path) -> Path:
    """Companies typed before LinkedIn's export came in."""
    campaign = Campaign(companies={1: Company("Northwind Health", id=1), 2: Company("Tyrell", id=2)})
    return stored(campaign, tmp_path / "data.json")


def test_the_import_plan_finds_likely_matches_and_uses_the_ones_chosen(typed_by_hand: Path) -> None:
    campaign = Repository.open(typed_by_hand, read_only=True).campaign
    plan = read_linkedin(CONNECTIONS, campaign)
    likely = plan.likely_matches()
    assert plan.describe_matches(likely) == [
        "Tyrell Corporation (new, 2 people) → Tyrell (already there)",
        "Northwind (new, 2 people) → Northwind Health (already there)",
    ]
    plan.use_existing(likely[1:])
    names = [c.name for c in plan.companies]
    assert "Northwind" not in names and "Tyrell Corporation" in names
    assert [c.name for c in plan.people_companies if c is not None].count("Northwind Health") == 2


def test_infoint_import_names_the_likely_matches(typed_by_hand: Path, capsys) -> None:
    assert main(["--db", str(typed_by_hand), "import", "linkedin", str(CONNECTIONS)]) == 0
    out = capsys.readouterr().out
    assert "2 new companies look like another company:\n" in out
    assert "  Northwind (new, 2 people) → Northwind Health (already there)\n" in out
    assert "merge them in the app: on Targets press c for the companies, then m" in out
    names = [c.name for c in Repository.open(typed_by_hand, read_only=True).campaign.companies.values()]
    assert "Northwind" in names  # listed, not merged


def test_infoint_import_merge_likely_uses_the_company_already_there(typed_by_hand: Path, capsys) -> None:
    assert main(["--db", str(typed_by_hand), "import", "linkedin", str(CONNECTIONS), "--merge-likely"]) == 0
    out = capsys.readouterr().out
    assert "2 new companies look like another company, so their people went to that one instead:" in out
    campaign = Repository.open(typed_by_hand, read_only=True).campaign
    names = [c.name for c in campaign.companies.values()]
    assert "Northwind" not in names and "Tyrell Corporation" not in names
    ravi = next(p for p in campaign.people.values() if p.name == "Ravi Núñez")
    assert campaign.company_of(ravi).name == "Northwind Health"


async def test_the_import_dialog_lets_each_likely_match_use_the_existing_company(make_app, typed_by_hand) -> None:
    repo = Repository.open(typed_by_hand, background=True)
    app = make_app(repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_targets(pilot)
        await start_import(pilot, "i", CONNECTIONS)
        dialog = app.screen
        assert isinstance(dialog, ImportScreen)
        assert "2 new companies look like another" in text_of(dialog.query_one("#import-likely-note", Static))
        choices = dialog.query_one(SelectionList)
        prompts = [str(choices.get_option_at_index(n).prompt) for n in range(choices.option_count)]
        assert prompts == [
            "Tyrell Corporation (new, 2 people) → Tyrell (already there)",
            "Northwind (new, 2 people) → Northwind Health (already there)",
        ]
        assert choices.selected == [0]  # only a suffix apart: ticked; first words only: not
        await pilot.press("shift+tab")  # from the Import button to the list
        await pilot.press("space", "down", "space")  # untick Tyrell, tick Northwind
        await pilot.pause()
        assert choices.selected == [1]
        await pilot.press("tab", "enter")  # Import
        await until(pilot, lambda: app.screen is not dialog, "the import done and its dialog closed")
        names = [c.name for c in repo.campaign.companies.values()]
        assert "Northwind" not in names and "Tyrell Corporation" in names
        ravi = next(p for p in repo.campaign.people.values() if p.name == "Ravi Núñez")
        assert repo.campaign.company_of(ravi).name == "Northwind Health"
    repo.close()


def test_importing_again_after_a_merge_adds_nobody_and_no_company(typed_by_hand: Path, tmp_path: Path) -> None:
    # An export from before 2021: no URL and no e-mail, so only name + company say who is who.
    old_export = tmp_path / "Connections.csv"
    old_export.write_text(
        "First Name,Last Name,Email Address,Company,Position,Connected On\nAda,Quist,,Northwind,Analyst,3 Mar 2019\n",
        encoding="utf-8",
    )
    assert main(["--db", str(typed_by_hand), "import", "linkedin", str(old_export)]) == 0
    repo = Repository.open(typed_by_hand)
    by_name = {c.name: c for c in repo.campaign.companies.values()}
    repo.merge_companies(by_name["Northwind Health"], by_name["Northwind"])
    assert repo.campaign.companies[by_name["Northwind Health"].id].aliases == ["Northwind"]
    again = read_linkedin(old_export, repo.campaign)
    assert (again.people, again.companies, again.duplicates) == ([], [], 1)
    repo.close()

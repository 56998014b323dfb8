"""The Targets screen, driven by keys: lists, filter, sort, detail, forms, delete, import."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console
from textual.pilot import Pilot
from textual.widgets import Input, Static

from infoint_tui.domain.models import Degree, Person
from infoint_tui.domain.target_search import fold
from infoint_tui.tui.screens.targets import screen as targets
from infoint_tui.tui.screens.targets.import_dialog import ImportScreen
from infoint_tui.tui.screens.targets.person_form import NEEDS_INTRODUCER
from infoint_tui.tui.screens.targets.screen import TargetsScreen
from infoint_tui.tui.widgets.card import Card
from infoint_tui.tui.widgets.confirm import ConfirmScreen
from infoint_tui.tui.widgets.form import FormScreen
from infoint_tui.tui.widgets.heading import Heading
from infoint_tui.tui.widgets.path_prompt import PathPrompt
from tests.conftest import DATA, TODAY
from tests.support import until
from tests.test_targets_index import expected, words_of

# Helpers ---------------------------------------------------------------------------------


async def open_targets(pilot: Pilot) -> TargetsScreen:
    await pilot.press("f3")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, TargetsScreen)
    return screen


def text_of(static: Static | Card) -> str:
    console = Console(width=100, file=io.StringIO(), record=True)
    console.print(static.content)
    return console.export_text()


def card(screen: TargetsScreen) -> str:
    """The detail pane's text, runs of spaces made one."""
    return "\n".join(" ".join(line.split()) for line in text_of(screen.query_one("#targets-card", Card)).splitlines())


def text_of_list(screen: TargetsScreen) -> str:
    records = screen.list_of()
    return "\n".join(line.text for line in records.render_lines(records.size.region))


def heading(screen: TargetsScreen) -> str:
    line = screen.query_one(Heading)
    return f"{line.title} {line.note}"


def name_order(people: dict[int, Person]) -> list[int]:
    return sorted(people, key=lambda pid: (fold(people[pid].name), pid))


async def type_into(pilot: Pilot, field: str, text: str) -> None:
    """Replace a form field's text, as a user would: go there, clear it, type."""
    form = pilot.app.screen
    assert isinstance(form, FormScreen)
    form.form.row(field).control.focus()
    await pilot.press("end", "ctrl+u", *text)
    await pilot.app.workers.wait_for_complete()  # completions are looked up in a worker
    await pilot.pause()


async def choose_degree(pilot: Pilot, degree: Degree) -> None:
    select = pilot.app.screen.form.row("degree").control
    select.focus()
    await pilot.press("enter")
    await pilot.pause()
    index = [Degree.FIRST, Degree.SECOND, Degree.COLD].index(degree)
    await pilot.press("home", *["down"] * index, "enter")
    await pilot.pause()
    assert select.value == degree.value


def message(pilot: Pilot, field: str) -> str:
    row = pilot.app.screen.form.row(field)
    return row.problem or ""


async def save_form(pilot: Pilot) -> None:
    await pilot.press("ctrl+s")
    await pilot.pause()


# Lists, detail, filter, sort -------------------------------------------------------------


async def test_opens_on_the_people_by_name_with_the_first_one_in_detail(make_app, repo) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_targets(pilot)
        people = screen.list_of()
        assert list(people.ids) == name_order(repo.campaign.people)
        assert app.focused is people
        assert "People 60" in heading(screen) and "sort: name" in heading(screen)
        first = repo.campaign.people[people.ids[0]]
        assert card(screen).startswith(first.name)


async def test_moving_through_the_list_shows_each_one_in_detail(make_app, repo) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_targets(pilot)
        order = name_order(repo.campaign.people)
        await pilot.press("down", "down")
        await pilot.pause()
        assert screen.list_of().highlighted_id == order[2]
        assert card(screen).startswith(repo.campaign.people[order[2]].name)
        await pilot.press("end")
        await pilot.pause()
        assert card(screen).startswith(repo.campaign.people[order[-1]].name)
        await pilot.press("pageup", "home")
        await pilot.pause()
        assert screen.list_of().highlighted_id == order[0]


async def test_person_detail_says_everything_about_them(make_app, repo) -> None:
    campaign = repo.campaign
    held = next(i for i in campaign.interviews.values() if i.held and campaign.people[i.person_id].introducer_id)
    person = campaign.people[held.person_id]
    person.phone, person.postal_address, person.notes = "+44 20 7946 0001", "1 High Street", "Met at a meetup."
    introducer = campaign.people[person.introducer_id]
    introduced = [p for p in campaign.people.values() if p.introducer_id == introducer.id]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_targets(pilot)
        await screen.run_action(f"show_person({person.id})")
        await pilot.pause()
        text = card(screen)
        company = campaign.company_of(person)
        for expected_text in [
            person.name,
            "2nd degree",
            f"Introducer {introducer.name}",
            company.name,
            person.title,
            person.profile_url,
            person.location,
            person.phone,
            "1 High Street",
            "Met at a meetup.",
            "Outreach (1)",
            "Interviews (1)",
            f"{held.when:%-d %b %Y} {held.when:%H:%M} held",
        ]:
            assert expected_text in text, expected_text
        outreach = campaign.outreach[held.outreach_id]
        assert outreach.stage in text
        for attempt in outreach.attempts:
            assert f"{attempt.on:%-d %b %Y}" in text
        assert "request sent" in text and "said yes" in text
        for tag in person.tags:
            assert f"#{tag}" in text
        await screen.run_action(f"show_person({introducer.id})")
        await pilot.pause()
        assert "Introduced" in card(screen)
        assert all(p.name in card(screen).replace("\n", " ") for p in introduced[:2])


async def test_filter_as_you_type_and_escape_back_to_the_list(make_app, repo) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_targets(pilot)
        order = name_order(repo.campaign.people)
        await pilot.press("slash")
        assert app.focused is screen.filter_input
        typed = ""
        for key in "ana b":
            await pilot.press(key if key != " " else "space")
            await pilot.pause()
            typed += key
            assert list(screen.list_of().ids) == expected(repo.campaign, typed, order), typed
        assert screen.filter_input.value == "ana b"
        shown = len(screen.list_of().ids)
        assert 0 < shown < 60 and f"People {shown} of 60" in heading(screen)
        await pilot.press("escape")
        assert app.focused is screen.list_of()
        await pilot.press("slash")  # the filter's text is selected: typing would replace it
        await pilot.press("end", "backspace", "backspace", "enter")
        assert app.focused is screen.list_of()
        assert list(screen.list_of().ids) == expected(repo.campaign, "ana", order)
        await pilot.press("down")
        chosen = screen.list_of().highlighted_id
        await pilot.press("escape")  # on the list: the whole list again, still on the same one
        assert screen.filter_input.value == "" and list(screen.list_of().ids) == order
        assert screen.list_of().highlighted_id == chosen


async def test_filter_by_tag_and_say_when_nothing_matches(make_app, repo) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_targets(pilot)
        await pilot.press("slash", *"#mentor")
        mentors = {pid for pid, p in repo.campaign.people.items() if "mentor" in p.tags}
        assert mentors and set(screen.list_of().ids) == mentors
        await pilot.press(*" qqqq")
        await pilot.pause()
        assert screen.list_of().ids == []
        assert "Nobody matches “#mentor qqqq”." in text_of_list(screen)
        assert "Nothing matches the filter" in card(screen)


async def test_sort_key_cycles_name_company_degree_newest(make_app, repo) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_targets(pilot)
        people, companies = repo.campaign.people, repo.campaign.companies
        await pilot.press("s")
        assert "sort: company" in heading(screen)
        by_company = sorted(people, key=lambda p: (fold(companies[people[p].company_id].name), fold(people[p].name), p))
        assert list(screen.list_of().ids) == by_company
        await pilot.press("s")
        degrees = [people[pid].degree for pid in screen.list_of().ids]
        assert degrees == sorted(degrees, key=[Degree.FIRST, Degree.SECOND, Degree.COLD].index)
        await pilot.press("s")
        assert "sort: newest first" in heading(screen)
        assert list(screen.list_of().ids) == sorted(people, reverse=True)
        await pilot.press("s", "s", "s")  # stage and next date (tests/test_pipeline.py), then round again
        assert list(screen.list_of().ids) == name_order(people)


async def test_companies_list_and_detail_and_back_to_people(make_app, repo) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_targets(pilot)
        await pilot.press("slash", *"ana", "escape", "c")
        await pilot.pause()
        companies = repo.campaign.companies
        assert screen.kind == "companies" and app.focused is screen.list_of("companies")
        assert not screen.list_of("people").display
        assert sorted(companies, key=lambda c: fold(companies[c].name)) == list(screen.list_of().ids)
        assert screen.filter_input.value == ""  # each list keeps its own filter
        company = companies[screen.list_of().highlighted_id]
        staff = [p for p in repo.campaign.people.values() if p.company_id == company.id]
        text = card(screen)
        assert f"People ({len(staff)})" in text and all(p.name in text for p in staff)
        assert company.website in text
        await pilot.press("p")
        assert screen.kind == "people" and screen.filter_input.value == "ana"


async def test_tiny_and_huge_terminals_and_an_empty_campaign(make_app, empty_repo) -> None:
    app = make_app(empty_repo)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_targets(pilot)
        assert screen.list_of().ids == [] and "none yet" in text_of_list(screen)
        assert "Add people with n" in card(screen)
        for size in [(20, 6), (200, 60), (80, 24)]:
            await pilot.resize_terminal(*size)
            await pilot.pause()
        await pilot.press("down", "e", "d", "s", "c")
        await pilot.pause()
        assert app.screen is screen and screen.kind == "companies"


# Adding, editing, deleting ---------------------------------------------------------------


async def test_new_person_is_checked_and_nothing_invalid_is_saved(make_app, repo) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_targets(pilot)
        before = len(repo.campaign.people)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        await save_form(pilot)
        assert "cannot be left empty" in message(pilot, "name")
        await type_into(pilot, "name", "Zed Okoro")
        await type_into(pilot, "email", "zed-at-example")
        await type_into(pilot, "profile_url", "linkedin.com/zed")
        await type_into(pilot, "phone", "12")
        await save_form(pilot)
        assert isinstance(app.screen, FormScreen)
        assert "e-mail like" in message(pilot, "email")
        assert "web address" in message(pilot, "profile_url")
        assert "at least" in message(pilot, "phone")
        assert len(repo.campaign.people) == before
        await type_into(pilot, "email", "zed@example.com")
        await type_into(pilot, "profile_url", "https://www.linkedin.com/in/zed")
        await type_into(pilot, "phone", "+44 20 7946 0002")
        await type_into(pilot, "tags", "#mentor, alumni , mentor")
        await save_form(pilot)
        assert app.screen is screen
        assert len(repo.campaign.people) == before + 1
        zed = next(p for p in repo.campaign.people.values() if p.name == "Zed Okoro")
        assert (zed.email, zed.tags, zed.degree) == ("zed@example.com", ["mentor", "alumni"], Degree.COLD)
        assert screen.list_of().highlighted_id == zed.id
        assert card(screen).startswith("Zed Okoro")


async def test_a_second_degree_contact_needs_an_introducer(make_app, repo) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_targets(pilot)
        before = len(repo.campaign.people)
        await pilot.press("n")
        await type_into(pilot, "name", "Uma Second")
        await choose_degree(pilot, Degree.SECOND)
        await save_form(pilot)
        assert message(pilot, "introducer") == NEEDS_INTRODUCER
        await type_into(pilot, "introducer", "Nobody We Know")
        await save_form(pilot)
        assert "No 1st-degree contact" in message(pilot, "introducer")
        assert len(repo.campaign.people) == before
        first = next(p for p in repo.campaign.people.values() if p.degree == Degree.FIRST)
        await type_into(pilot, "introducer", first.name[:-1])
        await pilot.press("right")  # take the suggestion
        await pilot.pause()
        await save_form(pilot)
        uma = next(p for p in repo.campaign.people.values() if p.name == "Uma Second")
        assert uma.degree == Degree.SECOND
        assert repo.campaign.people[uma.introducer_id].name == first.name
        assert repo.campaign.people[uma.introducer_id].degree == Degree.FIRST


async def test_an_introducer_is_found_by_plain_name_unless_namesakes_share_it(make_app, repo) -> None:
    from infoint_tui.domain.models import Company

    north = repo.add(Company("North Star"))
    twins = [repo.add(Person("Sam Twin", degree=Degree.FIRST, company_id=north.id)) for _ in range(2)]
    solo = repo.add(Person("Una Solo", degree=Degree.FIRST, company_id=north.id))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_targets(pilot)
        await pilot.press("n")
        await type_into(pilot, "name", "Vic Second")
        await choose_degree(pilot, Degree.SECOND)
        await type_into(pilot, "introducer", "sam twin")
        await save_form(pilot)
        assert "Several contacts share that name" in message(pilot, "introducer")
        await type_into(pilot, "introducer", "Sam Twin")
        await pilot.press("right")  # the suggestion tells the twins apart by number
        await pilot.pause()
        await save_form(pilot)
        vic = next(p for p in repo.campaign.people.values() if p.name == "Vic Second")
        assert vic.introducer_id == twins[0].id
        await pilot.press("e")
        assert app.screen.form.values()["introducer"] == f"Sam Twin · North Star · no. {twins[0].id}"
        await type_into(pilot, "introducer", "una solo")
        await save_form(pilot)
        assert repo.campaign.people[vic.id].introducer_id == solo.id


async def test_the_company_is_picked_by_name_or_created(make_app, repo) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_targets(pilot)
        companies = len(repo.campaign.companies)
        await pilot.press("n")
        await type_into(pilot, "name", "Ann Known")
        await type_into(pilot, "company", "NORTHWIND")
        await save_form(pilot)
        ann = next(p for p in repo.campaign.people.values() if p.name == "Ann Known")
        assert repo.campaign.companies[ann.company_id].name == "Northwind"
        assert len(repo.campaign.companies) == companies
        await pilot.press("n")
        await type_into(pilot, "name", "Ben New")
        await type_into(pilot, "company", "Brand New Co")
        await save_form(pilot)
        ben = next(p for p in repo.campaign.people.values() if p.name == "Ben New")
        assert repo.campaign.companies[ben.company_id].name == "Brand New Co"
        assert len(repo.campaign.companies) == companies + 1


async def test_edit_a_person(make_app, repo) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_targets(pilot)
        person = repo.campaign.people[screen.list_of().highlighted_id]
        outreach = len(repo.campaign.outreach)
        await pilot.press("e")
        assert app.screen.form.values()["name"] == person.name
        await type_into(pilot, "title", "Chief Listener")
        await save_form(pilot)
        edited = repo.campaign.people[person.id]
        assert edited.title == "Chief Listener" and edited.name == person.name
        assert edited.profile_url == person.profile_url and len(repo.campaign.outreach) == outreach
        assert "Chief Listener" in card(screen)
        await pilot.press("enter")  # Enter edits too
        assert isinstance(app.screen, FormScreen)
        await type_into(pilot, "email", "bad address")
        await pilot.press("escape")
        await pilot.pause()
        assert repo.campaign.people[person.id].email == person.email


async def test_delete_a_person_asks_first_and_takes_their_outreach(make_app, repo) -> None:
    campaign = repo.campaign
    interview = next(iter(campaign.interviews.values()))
    victim = campaign.people[interview.person_id]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_targets(pilot)
        await screen.run_action(f"show_person({victim.id})")
        position = screen.list_of().cursor
        after = screen.list_of().ids[position + 1]
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "1 outreach" in app.screen.detail and "interview" in app.screen.detail
        await pilot.press("n")
        await pilot.pause()
        assert victim.id in campaign.people
        await pilot.press("delete", "y")
        await pilot.pause()
        assert victim.id not in campaign.people
        assert not any(o.person_id == victim.id for o in campaign.outreach.values())
        assert not any(i.person_id == victim.id for i in campaign.interviews.values())
        assert screen.list_of().highlighted_id == after  # the next one takes its place
        assert victim.id not in screen.list_of().ids


async def test_deleting_an_introducer_unlinks_whom_they_introduced(make_app, repo) -> None:
    campaign = repo.campaign
    introducer = next(campaign.people[p.introducer_id] for p in campaign.people.values() if p.introducer_id)
    introduced = [p.id for p in campaign.people.values() if p.introducer_id == introducer.id]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_targets(pilot)
        await screen.run_action(f"show_person({introducer.id})")
        await pilot.press("d")
        await pilot.pause()
        assert f"{len(introduced)} other record" in app.screen.detail
        await pilot.press("y")
        await pilot.pause()
        assert all(campaign.people[pid].introducer_id is None for pid in introduced)


async def test_new_company_is_checked_and_unique(make_app, repo) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_targets(pilot)
        before = len(repo.campaign.companies)
        await pilot.press("c", "n")
        await pilot.pause()
        await save_form(pilot)
        assert "cannot be left empty" in message(pilot, "name")
        await type_into(pilot, "name", "northwind")
        await type_into(pilot, "website", "not a site")
        await save_form(pilot)
        assert message(pilot, "name") == "There is already a company called Northwind."
        assert "web address" in message(pilot, "website")
        assert len(repo.campaign.companies) == before
        await type_into(pilot, "name", "Quiet Harbour")
        await type_into(pilot, "website", "https://quietharbour.example.com")
        await type_into(pilot, "industry", "Healthcare")
        await type_into(pilot, "tags", "hiring, research")
        await save_form(pilot)
        company = next(c for c in repo.campaign.companies.values() if c.name == "Quiet Harbour")
        assert (company.industry, company.tags) == ("Healthcare", ["hiring", "research"])
        assert screen.kind == "companies" and screen.list_of().highlighted_id == company.id
        assert "nobody yet" in card(screen)


async def test_edit_and_delete_a_company_keeps_its_people(make_app, repo) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_targets(pilot)
        await pilot.press("c")
        company_id = screen.list_of().highlighted_id
        staff = [p.id for p in repo.campaign.people.values() if p.company_id == company_id]
        await pilot.press("e")
        await type_into(pilot, "location", "Lisbon")
        await save_form(pilot)
        assert repo.campaign.companies[company_id].location == "Lisbon"
        await pilot.press("d")
        await pilot.pause()
        assert f"{len(staff)} other records unlinked" in app.screen.detail
        assert "people stay" in app.screen.detail
        await pilot.press("y")
        await pilot.pause()
        assert company_id not in repo.campaign.companies
        assert all(repo.campaign.people[pid].company_id is None for pid in staff)


async def test_read_only_data_refuses_changes_and_says_so(make_app, repo, notices) -> None:
    from infoint_tui.store.repository import Repository

    reader, reason = Repository.open_or_read_only(repo.path)
    app = make_app(reader, read_only_reason=reason)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_targets(pilot)
        await pilot.press("n")
        await type_into(pilot, "name", "Ro Reader")
        await save_form(pilot)
        assert not any(p.name == "Ro Reader" for p in reader.campaign.people.values())
        assert any(n.title == "Not changed" for n in notices)


# From elsewhere: the palette ---------------------------------------------------------------


async def test_palette_finds_a_person_by_name_and_shows_them_here(make_app, repo) -> None:
    names = [p.name for p in repo.campaign.people.values()]
    person = next(p for p in repo.campaign.people.values() if names.count(p.name) == 1)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.current_mode == "queue"
        await pilot.press("ctrl+p", *person.name)
        await app.workers.wait_for_complete()  # the palette gathers hits in a worker
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.current_mode == "targets"
        assert app.screen.list_of().highlighted_id == person.id
        assert card(app.screen).startswith(person.name)


async def test_show_person_clears_a_filter_that_hides_them(make_app, repo) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_targets(pilot)
        await pilot.press("slash", *"zzzz", "escape")
        hidden = next(iter(repo.campaign.people))
        await app.open_on("targets", f"show_person({hidden})")
        await pilot.pause()
        assert screen.filter_input.value == "" and screen.list_of().highlighted_id == hidden
        company = next(iter(repo.campaign.companies))
        await app.open_on("targets", f"show_company({company})")
        assert screen.kind == "companies" and screen.list_of().highlighted_id == company


async def test_palette_new_person_opens_the_form_here(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p", *"New person")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.current_mode == "targets"
        assert isinstance(app.screen, FormScreen) and app.screen.form_title == "New person"


# Importing ---------------------------------------------------------------------------------


async def start_import(pilot: Pilot, key: str, path: Path | str) -> None:
    await pilot.press(key)
    await pilot.pause()
    assert isinstance(pilot.app.screen, PathPrompt)
    await pilot.press(*str(path), "enter")
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def import_text(pilot: Pilot) -> str:
    screen = pilot.app.screen
    assert isinstance(screen, ImportScreen)
    summary, lines = screen.query_one("#import-summary", Static), screen.query_one("#import-lines", Static)
    return f"{text_of(summary)}\n{text_of(lines)}"


async def test_import_linkedin_connections_then_again_adds_nobody(make_app, repo, notices) -> None:
    sample = DATA / "linkedin-Connections.csv"
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_targets(pilot)
        before = len(repo.campaign.people)
        await start_import(pilot, "i", sample)
        assert "24 people" in import_text(pilot) and "to add" in import_text(pilot)
        assert len(repo.campaign.people) == before  # nothing until confirmed
        await pilot.press("enter")  # on the Import button
        await until(pilot, lambda: len(repo.campaign.people) == before + 24, "the import")
        assert app.screen is screen
        assert any("Added 24 people" in n.message for n in notices)
        assert len(screen.list_of().ids) == before + 24
        ravi = next(p for p in repo.campaign.people.values() if p.profile_url.endswith("ravi-nunez-00001"))
        assert repo.campaign.companies[ravi.company_id].name == "Northwind" and ravi.degree == Degree.FIRST

        await start_import(pilot, "i", sample)
        assert "Nobody new" in import_text(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen and len(repo.campaign.people) == before + 24


async def test_import_of_a_bad_csv_lists_its_lines_and_adds_nobody(make_app, repo, tmp_path) -> None:
    lines = (DATA / "linkedin-Connections.csv").read_text(encoding="utf-8-sig").splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("First Name"))
    lines.insert(header + 3, "Only,Three,Fields")
    lines.insert(header + 6, "Ada,Lovelace,https://www.linkedin.com/in/ada,,Analytical,Engineer,yesterday")
    bad = tmp_path / "Connections.csv"
    bad.write_text("\n".join(lines), encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_targets(pilot)
        before = len(repo.campaign.people)
        await start_import(pilot, "i", bad)
        text = import_text(pilot)
        assert f"line {header + 4}: 3 fields" in text
        assert f"line {header + 7}:" in text and "yesterday" in text
        assert "Nothing was imported" in text
        assert not pilot.app.screen.query_one("#import-yes").display
        await pilot.press("escape")
        await pilot.pause()
        assert len(repo.campaign.people) == before


async def test_import_path_must_name_a_file(make_app, tmp_path) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_targets(pilot)
        await pilot.press("i", *str(tmp_path / "missing.csv"), "enter")
        await pilot.pause()
        assert isinstance(app.screen, PathPrompt)
        assert "There is no file at" in text_of(app.screen.query_one("#path-problem", Static))
        await pilot.press("end", "ctrl+u", *str(tmp_path), "enter")
        await pilot.pause()
        assert "is a folder" in text_of(app.screen.query_one("#path-problem", Static))
        await pilot.press("escape")
        assert isinstance(app.screen, TargetsScreen)


async def test_import_path_expands_home_and_completes(make_app, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    (tmp_path / "contacts-2026.vcf").write_bytes((DATA / "contacts.vcf").read_bytes())
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_targets(pilot)
        await pilot.press("v", *"~/cont")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.press("right")  # take the completion
        assert app.screen.query_one(Input).value == "~/contacts-2026.vcf"
        await pilot.press("enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "3 people" in import_text(pilot)


async def test_import_vcard_contacts(make_app, repo) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_targets(pilot)
        before = len(repo.campaign.people)
        await start_import(pilot, "v", DATA / "contacts.vcf")
        await pilot.press("enter")
        await until(pilot, lambda: len(repo.campaign.people) == before + 3, "three people imported")


# Scale ------------------------------------------------------------------------------------


@pytest.fixture
def big_repo(tmp_path: Path):
    from infoint_tui.demo import write_demo
    from infoint_tui.store.repository import Repository

    path = tmp_path / "big.json"
    write_demo(path, 30_000, TODAY)
    repository = Repository.open(path, background=True)
    yield repository
    repository.close()


async def test_thirty_thousand_people_open_and_filter_drawing_only_visible_rows(
    make_app, big_repo, monkeypatch
) -> None:
    drawn: list[int] = []
    original = targets.person_row
    monkeypatch.setattr(targets, "person_row", lambda *given: _counted(original(*given), drawn))
    app = make_app(big_repo)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_targets(pilot)
        people = screen.list_of()
        visible = people.scrollable_content_region.height
        assert people.virtual_size.height == 30_000 and len(people.ids) == 30_000
        assert 0 < len(set(drawn)) <= visible
        await pilot.press("slash", *"zo")
        await pilot.pause()
        drawn.clear()
        await pilot.press("e")
        await pilot.pause()
        campaign = big_repo.campaign
        assert set(people.ids) == {pid for pid, p in campaign.people.items() if "zoe" in words_of(campaign, p)}
        assert f"People {len(people.ids):,} of 30,000" in heading(screen)
        assert 0 < len(set(drawn)) <= visible and set(drawn) <= set(people.ids[:visible])
        await pilot.press("escape", "end")
        await pilot.pause()
        assert people.highlighted_id == people.ids[-1]


def _counted(row, drawn: list[int]):
    def draw(person_id: int, width: int):
        drawn.append(person_id)
        return row(person_id, width)

    return draw


# Snapshots --------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_snapshot(snap_compare, repo, size) -> None:
    from infoint_tui.tui.app import InfointApp

    assert snap_compare(InfointApp(repo), press=["f3"], terminal_size=size)


def test_snapshot_filtered_companies(snap_compare, repo) -> None:
    from infoint_tui.tui.app import InfointApp

    assert snap_compare(InfointApp(repo), press=["f3", "c", "slash", *"health"], terminal_size=(80, 24))


def test_snapshot_person_form(snap_compare, repo) -> None:
    from infoint_tui.tui.app import InfointApp

    assert snap_compare(InfointApp(repo), press=["f3", "n", "ctrl+s"], terminal_size=(80, 24))

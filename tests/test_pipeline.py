"""The pipeline on the Targets screen: each person's stage and next date, filtering and sorting
by them, and acting on a selection of people (tag, archive, snooze, delete) in one write."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, timedelta

import orjson
import pytest
from textual.command import CommandInput, CommandPalette
from textual.pilot import Pilot

from infoint_tui.domain.models import (
    AttemptKind,
    Campaign,
    Company,
    Interview,
    Objective,
    ObjectiveKind,
    Outreach,
    Person,
    Route,
)
from infoint_tui.domain.policy import due_items, next_target
from infoint_tui.domain.stages import ORDER, Stage, Standing, stages_named, standings
from infoint_tui.domain.target_search import Links, PeopleScopes, people_index
from infoint_tui.tui.screens.targets.rows import SHORT_STAGES
from infoint_tui.tui.screens.targets.screen import TargetsScreen
from infoint_tui.tui.widgets.choice import ChoiceScreen
from infoint_tui.tui.widgets.confirm import ConfirmScreen
from infoint_tui.tui.widgets.form import FormScreen
from tests.conftest import TODAY
from tests.support import until
from tests.test_targets_screen import card, heading, open_targets, text_of_list


def ago(days: int) -> date:
    return TODAY - timedelta(days=days)


# Stages, from campaigns built here ---------------------------------------------------------


class Built:
    """A campaign made one person at a time, each with the story their stage comes from."""

    def __init__(self) -> None:
        self.campaign = Campaign(objectives={1: Objective(ObjectiveKind.ROLE, "what a UX researcher does", id=1)})

    def person(self, name: str, introducer_id: int | None = None) -> Person:
        person = Person(name, id=len(self.campaign.people) + 1, introducer_id=introducer_id)
        self.campaign.people[person.id] = person
        return person

    def outreach(self, person: Person, *log: tuple[AttemptKind, date], route: Route = Route.DIRECT) -> Outreach:
        outreach = Outreach(person.id, 1, route, ago(40), id=len(self.campaign.outreach) + 1)
        for kind, on in log:
            outreach.log(kind, on)
        self.campaign.outreach[outreach.id] = outreach
        return outreach

    def interview(self, person: Person, when: datetime, **fields: object) -> Interview:
        interview = Interview(person.id, when, objective_id=1, id=len(self.campaign.interviews) + 1, **fields)  # type: ignore[arg-type]
        self.campaign.interviews[interview.id] = interview
        return interview

    def standing(self, person: Person) -> Standing:
        return standings(self.campaign, TODAY)[person.id]


REQUEST, FOLLOW_UP, CALL = AttemptKind.REQUEST, AttemptKind.FOLLOW_UP, AttemptKind.CALL


def test_nobody_asked_yet_and_a_request_still_to_send_are_not_asked() -> None:
    built = Built()
    idle, planned = built.person("Ida Idle"), built.person("Pia Planned")
    built.outreach(planned)
    assert built.standing(idle) == Standing(Stage.NOT_ASKED)
    assert built.standing(planned) == Standing(Stage.NOT_ASKED, next_on=ago(40))  # the request is due
    assert built.standing(idle).label == "not asked"


def test_after_a_request_they_are_waiting_until_the_follow_up_falls_due() -> None:
    built = Built()
    waiting, late = built.person("Wim Waiting"), built.person("Lea Late")
    built.outreach(waiting, (REQUEST, ago(3)))
    built.outreach(late, (REQUEST, ago(9)))
    assert built.standing(waiting) == Standing(Stage.WAITING, since=ago(3), next_on=ago(3) + timedelta(days=7))
    assert built.standing(waiting).label == f"waiting since {ago(3):%-d %b}"
    assert built.standing(late) == Standing(Stage.DUE, next_on=ago(2))
    assert built.standing(late).label == "follow-up due"


def test_a_snooze_keeps_them_waiting_until_it_ends() -> None:
    built = Built()
    person = built.person("Sam Snoozed")
    outreach = built.outreach(person, (REQUEST, ago(10)))
    outreach.log(AttemptKind.SNOOZED, ago(1), until=TODAY + timedelta(days=4))
    assert built.standing(person) == Standing(Stage.WAITING, since=ago(10), next_on=TODAY + timedelta(days=4))


def test_an_introduction_asked_of_the_mutual_waits_then_is_due() -> None:
    built = Built()
    mutual = built.person("Mo Mutual")
    fresh, stale = built.person("Fay Fresh", mutual.id), built.person("Stu Stale", mutual.id)
    built.outreach(fresh, (AttemptKind.INTRO_ASKED, ago(2)), route=Route.INTRO)
    built.outreach(stale, (AttemptKind.INTRO_ASKED, ago(8)), route=Route.INTRO)
    assert built.standing(fresh).stage == Stage.WAITING and built.standing(fresh).since == ago(2)
    assert built.standing(stale) == Standing(Stage.DUE, next_on=ago(1))


def test_every_attempt_made_waits_then_is_assumed_no() -> None:
    built = Built()
    calling, given_up, closed = built.person("Cal Called"), built.person("Gil Given"), built.person("Cleo Closed")
    built.outreach(calling, (REQUEST, ago(20)), (FOLLOW_UP, ago(13)), (CALL, ago(3)))
    built.outreach(given_up, (REQUEST, ago(30)), (FOLLOW_UP, ago(23)), (CALL, ago(9)))
    built.outreach(closed, (REQUEST, ago(40)), (FOLLOW_UP, ago(33)), (CALL, ago(20)), (AttemptKind.CLOSED, ago(12)))
    assert built.standing(calling) == Standing(Stage.WAITING, since=ago(3), next_on=ago(3) + timedelta(days=7))
    assert built.standing(given_up) == Standing(Stage.ASSUMED_NO, next_on=ago(2))  # "mark assumed no" is due
    assert built.standing(closed) == Standing(Stage.ASSUMED_NO)


def test_yes_booked_held_thanked_and_no() -> None:
    built = Built()
    yes, booked, held, thanked, no = (
        built.person(n) for n in ("Yu Yes", "Bo Booked", "Hal Held", "Tam Thanked", "Nel No")
    )
    built.outreach(yes, (REQUEST, ago(5)), (AttemptKind.REPLY_YES, ago(1)))
    asked = built.outreach(booked, (REQUEST, ago(9)), (AttemptKind.REPLY_YES, ago(4)))
    built.interview(booked, datetime(2026, 12, 3, 14, 30), outreach_id=asked.id)
    built.interview(held, datetime(2026, 11, 25, 10, 0), held=True)
    built.interview(thanked, datetime(2026, 11, 20, 10, 0), held=True, thanked=date(2026, 11, 21))
    built.outreach(no, (REQUEST, ago(6)), (AttemptKind.REPLY_NO, ago(2)))
    assert built.standing(yes) == Standing(Stage.YES, next_on=ago(1)) and built.standing(yes).label == "said yes"
    booked_standing = built.standing(booked)
    assert booked_standing.stage == Stage.YES and booked_standing.booked and booked_standing.label == "booked"
    assert booked_standing.next_on == date(2026, 12, 1)  # prepare questions two days before
    assert built.standing(held) == Standing(Stage.HELD, next_on=date(2026, 11, 27))  # the thank-you's deadline
    assert built.standing(thanked) == Standing(Stage.THANKED, next_on=date(2026, 12, 21))  # keep them posted
    assert built.standing(no) == Standing(Stage.NO)


def test_what_is_still_under_way_outranks_what_ended_and_the_latest_interview_counts() -> None:
    built = Built()
    again, rebooked = built.person("Ada Again"), built.person("Rex Rebooked")
    built.outreach(again, (REQUEST, ago(30)), (AttemptKind.REPLY_NO, ago(25)))
    built.outreach(again, (REQUEST, ago(2)))
    built.interview(rebooked, datetime(2026, 11, 2, 9, 0), held=True, thanked=date(2026, 11, 3))
    built.interview(rebooked, datetime(2026, 12, 8, 9, 0))
    assert built.standing(again).stage == Stage.WAITING
    assert built.standing(rebooked).stage == Stage.YES and built.standing(rebooked).booked


@pytest.mark.parametrize(
    ("word", "named"),
    [
        ("due", {Stage.DUE}),
        ("follow", {Stage.DUE}),
        ("no", {Stage.NO}),
        ("not", {Stage.NOT_ASKED}),
        ("book", {Stage.YES}),
        ("WAIT", {Stage.WAITING}),
        ("zzz", set()),
    ],
)
def test_stage_words_of_the_filter(word: str, named: set[Stage]) -> None:
    assert stages_named(word) == named


def test_the_index_sorts_by_stage_and_next_date_and_narrows_to_a_stage(repo) -> None:
    campaign = repo.campaign
    stages = standings(campaign, TODAY)
    index = people_index(campaign, Links.of(campaign), stages)
    by_stage = index.order("stage")
    assert [ORDER[stages[pid].stage] for pid in by_stage] == sorted(ORDER[s.stage] for s in stages.values())
    dates = [stages[pid].next_on or date.max for pid in index.order("next date")]
    assert dates == sorted(dates)
    scope = PeopleScopes.of(campaign, stages).scope("stage:waiting ana")
    assert scope.words == "ana"
    waiting = {pid for pid, s in stages.items() if s.stage == Stage.WAITING}
    assert waiting and set(index.filter("", "name", scope.among).ids) == waiting


# The screen -------------------------------------------------------------------------------


def stored(repo) -> dict:
    repo.flush()
    return orjson.loads(repo.path.read_bytes())


def people_at(repo, stage: Stage) -> set[int]:
    return {pid for pid, s in standings(repo.campaign, TODAY).items() if s.stage == stage}


async def select_first(pilot: Pilot, screen: TargetsScreen, n: int) -> list[int]:
    await pilot.press("home", *["space"] * n)
    await pilot.pause()
    chosen = list(screen.list_of().ids[:n])
    assert screen.list_of().selected == set(chosen)
    return chosen


async def test_each_row_shows_the_stage_and_the_next_date(make_app, repo) -> None:
    stages = standings(repo.campaign, TODAY)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_targets(pilot)
        shown = text_of_list(screen).splitlines()
        for line, pid in zip(shown, screen.list_of().ids, strict=False):
            next_on = stages[pid].next_on
            assert line.rstrip().endswith(f" {next_on:%-d %b}" if next_on else f" {SHORT_STAGES[stages[pid].stage]}")
        waiting = next(pid for pid in screen.list_of().ids[: len(shown)] if stages[pid].stage == Stage.WAITING)
        row = shown[list(screen.list_of().ids).index(waiting)]
        assert "waiting" in row and f"{stages[waiting].next_on:%-d %b}" in row
        await screen.run_action(f"show_person({waiting})")
        assert f"Stage waiting since {stages[waiting].since:%-d %b}" in card(screen)
        await pilot.resize_terminal(120, 40)
        in_full = f"waiting since {stages[waiting].since:%-d %b}"  # in full when there is room
        await until(pilot, lambda: in_full in text_of_list(screen), "the stage in full at 120 columns")


async def test_filter_by_stage_and_say_which_stages_there_are(make_app, repo) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_targets(pilot)
        await pilot.press("slash", *"stage:due")
        await pilot.pause()
        due = people_at(repo, Stage.DUE)
        assert due and set(screen.list_of().ids) == due
        assert f"People {len(due)} of 60" in heading(screen)
        await pilot.press("ctrl+u", *"stage:zzz")
        await pilot.pause()
        assert screen.list_of().ids == []
        assert "No stage is called “zzz”." in text_of_list(screen)
        assert "The stages are not-asked, waiting, due, yes, held, thanked, no and assumed-no." in card(screen)


async def test_sort_by_stage_then_next_date(make_app, repo) -> None:
    stages = standings(repo.campaign, TODAY)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_targets(pilot)
        await pilot.press("s", "s", "s", "s")
        assert "sort: stage" in heading(screen)
        order = [ORDER[stages[pid].stage] for pid in screen.list_of().ids]
        assert order == sorted(order) and len(set(order)) > 3
        await pilot.press("s")
        assert "sort: next date" in heading(screen)
        dates = [stages[pid].next_on or date.max for pid in screen.list_of().ids]
        assert dates == sorted(dates) and dates[0] < TODAY


async def test_space_selects_and_moves_on_star_selects_everyone_shown_escape_unselects(make_app, repo) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_targets(pilot)
        people = screen.list_of()
        await pilot.press("space", "space", "up", "space")
        assert people.selected == {people.ids[0]} and people.highlighted_id == people.ids[2]
        assert "1 selected" in heading(screen)
        assert text_of_list(screen).splitlines()[0].startswith("✓")
        await pilot.press("slash", *"stage:no", "enter", "asterisk")
        await pilot.pause()
        assert set(people.ids) <= people.selected and "selected" in heading(screen)
        await pilot.press("asterisk")  # everyone shown is selected: again unselects them
        assert not set(people.ids) & people.selected
        await pilot.press("escape", "escape")  # the filter, then the selection
        assert people.selected == set() and "selected" not in heading(screen)


async def test_tag_the_selected_people_in_one_write(make_app, repo) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_targets(pilot)
        chosen = await select_first(pilot, screen, 3)
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen) and app.screen.form_title == "Tag 3 people"
        await pilot.press("enter")  # nothing typed: refused
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        await pilot.press(*"vip, #ux", "enter")
        await pilot.pause()
        assert app.screen is screen
        for pid in chosen:
            assert repo.campaign.people[pid].tags[-2:] == ["vip", "ux"]
            assert stored(repo)["people"][str(pid)]["tags"][-2:] == ["vip", "ux"]
        assert screen.list_of().selected == set(chosen)  # still selected, for another action


async def test_archive_hides_them_until_the_filter_asks_and_restore_brings_them_back(make_app, repo) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_targets(pilot)
        chosen = await select_first(pilot, screen, 2)
        await pilot.press("a")
        await pilot.pause()
        assert all(repo.campaign.people[pid].archived for pid in chosen)
        assert all(stored(repo)["people"][str(pid)]["archived"] is True for pid in chosen)
        assert not set(chosen) & set(screen.list_of().ids) and "People 58 of 60" in heading(screen)
        await pilot.press("slash", *"is:archived", "enter")
        await pilot.pause()
        assert set(screen.list_of().ids) == set(chosen)
        assert "Archived yes" in card(screen)
        await pilot.press("space", "space", "a")
        await pilot.pause()
        assert not any(repo.campaign.people[pid].archived for pid in chosen)
        assert screen.list_of().ids == []
        await pilot.press("escape")
        assert "People 60" in heading(screen) and set(chosen) <= set(screen.list_of().ids)


async def test_snooze_puts_off_the_outreach_of_everyone_selected(make_app, repo) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_targets(pilot)
        await pilot.press("slash", *"stage:due", "enter", "asterisk")
        await pilot.pause()
        due = set(screen.list_of().ids)
        await pilot.press("z")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("2")
        await pilot.pause()
        until = TODAY + timedelta(days=14)
        for outreach in repo.campaign.outreach.values():
            if outreach.person_id in due and outreach.is_open:
                assert outreach.attempts[-1].kind == AttemptKind.SNOOZED and outreach.attempts[-1].until == until
                logged = stored(repo)["outreach"][str(outreach.id)]["attempts"][-1]
                assert logged == {
                    "kind": "snoozed",
                    "on": TODAY.isoformat(),
                    "note": "",
                    "until": until.isoformat(),
                    "outcome": None,
                    "message_id": None,
                    "sender": "",
                    "subject": "",
                }
        assert screen.list_of().ids == []  # waiting now, no longer due
        assert people_at(repo, Stage.WAITING) >= due


async def test_delete_asks_first_says_how_many_and_what_goes_with_them(make_app, repo) -> None:
    campaign = repo.campaign
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_targets(pilot)
        await pilot.press("slash", *"stage:held", "enter", "asterisk")
        await pilot.pause()
        chosen = sorted(screen.list_of().selected)
        assert len(chosen) >= 2
        outreach = [o.id for o in campaign.outreach.values() if o.person_id in chosen]
        interviews = [i.id for i in campaign.interviews.values() if i.person_id in chosen]
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert app.screen.question == f"Delete {len(chosen)} people?"
        assert f"{len(outreach)} outreach" in app.screen.detail and f"{len(interviews)} interview" in app.screen.detail
        await pilot.press("n")
        await pilot.pause()
        assert all(pid in campaign.people for pid in chosen)
        await pilot.press("d", "y")
        await pilot.pause()
        data = stored(repo)
        assert not any(pid in campaign.people or str(pid) in data["people"] for pid in chosen)
        assert not any(str(oid) in data.get("outreach", {}) for oid in outreach)
        assert not any(str(iid) in data.get("interviews", {}) for iid in interviews)
        assert screen.list_of().selected == set() and screen.list_of().ids == []


def test_deleting_an_introducer_with_whom_they_introduced_keeps_neither(repo) -> None:
    campaign = repo.campaign
    introduced = next(p for p in campaign.people.values() if p.introducer_id)
    introducer = campaign.people[introduced.introducer_id]
    repo.remove_people([introducer, introduced])
    assert introducer.id not in campaign.people and introduced.id not in campaign.people
    data = stored(repo)
    assert str(introduced.id) not in data["people"] and str(introducer.id) not in data["people"]


async def test_a_read_only_file_refuses_a_bulk_change_whole(make_app, repo, notices) -> None:
    from infoint_tui.store.repository import Repository

    reader, reason = Repository.open_or_read_only(repo.path)
    app = make_app(reader, read_only_reason=reason)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_targets(pilot)
        chosen = await select_first(pilot, screen, 3)
        await pilot.press("a")
        await pilot.pause()
        assert not any(reader.campaign.people[pid].archived for pid in chosen)
        assert any(n.title == "Not changed" for n in notices)
        assert screen.list_of().selected == set(chosen)


async def palette(pilot: Pilot, title: str) -> None:
    """Run the palette entry `title`: its whole title goes in at once, as if pasted, since
    typing it key by key would search all the entries once a letter."""
    await pilot.press("ctrl+p")
    await until(pilot, lambda: isinstance(pilot.app.screen, CommandPalette), "the palette")
    pilot.app.screen.query_one(CommandInput).value = title
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()


async def test_palette_entries_filter_sort_select_and_act(make_app, repo) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await palette(pilot, "People at stage: follow-up due")
        screen = app.screen
        assert isinstance(screen, TargetsScreen) and screen.filter_input.value == "stage:due"
        assert set(screen.list_of().ids) == people_at(repo, Stage.DUE)
        await palette(pilot, "Sort people by next date")
        assert "sort: next date" in heading(screen)
        await palette(pilot, "Sort people by stage")
        assert "sort: stage" in heading(screen)
        await palette(pilot, "Select everyone shown")
        assert screen.list_of().selected == people_at(repo, Stage.DUE)
        await palette(pilot, "Tag the selected people")
        assert isinstance(app.screen, FormScreen)
        await pilot.press("escape")
        await pilot.pause()
        await palette(pilot, "Snooze the selected people's outreach")
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("escape")
        await pilot.pause()
        await palette(pilot, "Delete the selected people")
        assert isinstance(app.screen, ConfirmScreen) and app.screen.question.startswith("Delete ")
        await pilot.press("n")
        await pilot.pause()
        chosen = set(screen.list_of().selected)
        await palette(pilot, "Archive the selected people")
        assert all(repo.campaign.people[pid].archived for pid in chosen)
        await palette(pilot, "Show archived people")
        assert screen.filter_input.value == "is:archived" and set(screen.list_of().ids) == chosen
        await palette(pilot, "Select everyone shown")
        await palette(pilot, "Restore the selected people")
        assert not any(repo.campaign.people[pid].archived for pid in chosen)


async def test_without_a_selection_the_highlighted_person_is_the_one_acted_on(make_app, repo, notices) -> None:
    nobody_asked = next(
        pid for pid in repo.campaign.people if not any(o.person_id == pid for o in repo.campaign.outreach.values())
    )
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_targets(pilot)
        await screen.run_action(f"show_person({nobody_asked})")
        await pilot.press("z")
        await pilot.pause()
        name = repo.campaign.people[nobody_asked].name
        assert notices[-1].message == f"Nothing to put off: no outreach is under way with {name}."
        await pilot.press("a")
        await pilot.pause()
        assert repo.campaign.people[nobody_asked].archived
        assert notices[-1].message == f"Archived {name}: the filter is:archived shows them."


async def test_showing_an_archived_person_lists_the_archived(make_app, repo) -> None:
    person = next(iter(repo.campaign.people.values()))
    repo.save_many([dataclasses.replace(person, archived=True)])
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_targets(pilot)
        assert person.id not in screen.list_of().ids
        await app.open_on("targets", f"show_person({person.id})")
        await pilot.pause()
        assert screen.filter_input.value == "is:archived" and screen.list_of().highlighted_id == person.id


def test_an_archived_person_is_never_asked_again_nor_offered_as_the_next_at_their_company() -> None:
    built = Built()
    built.campaign.companies[1] = Company("Northwind", id=1)
    waiting, left_out = built.person("Wen Waiting"), built.person("Ari Archived")
    for person in (waiting, left_out):
        built.campaign.people[person.id] = dataclasses.replace(person, company_id=1)
    built.outreach(waiting, (REQUEST, ago(8)))
    built.outreach(left_out, (REQUEST, ago(8)))
    built.campaign.people[left_out.id] = dataclasses.replace(built.campaign.people[left_out.id], archived=True)

    assert [(item.kind, item.person) for item in due_items(built.campaign, TODAY)] == [("follow_up", "Wen Waiting")]
    newcomer = built.person("Nia New")
    built.campaign.people[newcomer.id] = dataclasses.replace(newcomer, company_id=1, archived=True)
    assert next_target(built.campaign, 1, waiting.id) is None


def test_a_referral_is_their_no_and_not_now_waits_for_the_month_they_named() -> None:
    built = Built()
    referrer, later, later_at_once = built.person("Rae Referred"), built.person("Lou Later"), built.person("Nat Now")
    built.outreach(referrer, (REQUEST, ago(10)), (AttemptKind.REFERRED, ago(3)))
    waiting = built.outreach(later, (REQUEST, ago(20)), (FOLLOW_UP, ago(13)))
    waiting.log(AttemptKind.REPLY_LATER, ago(5), until=TODAY + timedelta(days=20))
    built.outreach(later_at_once).log(AttemptKind.REPLY_LATER, ago(2), until=TODAY + timedelta(days=9))

    assert built.standing(referrer).stage == Stage.NO
    assert built.standing(later) == Standing(Stage.WAITING, since=ago(5), next_on=TODAY + timedelta(days=20))
    assert built.standing(later_at_once).stage == Stage.WAITING  # said before any request was logged
    assert waiting.attempts_this_round == 0 and waiting.contact_attempts == 2

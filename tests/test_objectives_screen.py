"""The Objectives screen: the list and its counts, and every change made through keys."""

from __future__ import annotations

from datetime import date, datetime

import orjson
from textual.widgets import OptionList, Static

from infoint_tui.domain import objectives
from infoint_tui.domain.models import (
    AttemptKind,
    Campaign,
    Interview,
    Objective,
    ObjectiveKind,
    Outreach,
    Route,
)
from infoint_tui.domain.removal import removal_plan
from infoint_tui.tui.screens.objectives import ObjectivesScreen
from infoint_tui.tui.widgets.confirm import ConfirmScreen
from infoint_tui.tui.widgets.form import FormScreen


def stored(repo) -> dict:
    """The data file as written (after waiting for the writer)."""
    repo.flush()
    return orjson.loads(repo.path.read_bytes())


def listed(app) -> list[str]:
    """The text of each entry of the list, in order."""
    options = app.screen.query_one("#objectives-list", OptionList)
    lines = []
    for index in range(options.option_count):
        table = options.get_option_at_index(index).prompt
        cells = [str(cell) for column in table.columns for cell in column.cells]
        lines.append(" ".join(cells))
    return lines


def highlighted(app) -> Objective:
    objective = app.screen.selected()
    assert objective is not None
    return objective


async def open_objectives(app, pilot) -> None:
    await pilot.press("f4")
    await pilot.pause()
    assert isinstance(app.screen, ObjectivesScreen)


def test_counts_follow_their_definitions(repo) -> None:
    campaign = repo.campaign
    tallies = objectives.tallies(campaign)
    assert set(tallies) == set(campaign.objectives)
    for objective_id, counted in tallies.items():
        outreach = [o for o in campaign.outreach.values() if o.objective_id == objective_id]
        interviews = [i for i in campaign.interviews.values() if i.objective_id == objective_id]
        assert counted.people == {o.person_id for o in outreach}
        assert counted.requests == sum(1 for o in outreach if o.contact_attempts or o.has(AttemptKind.INTRO_ASKED))
        assert (counted.held, counted.booked) == (sum(i.held for i in interviews), sum(not i.held for i in interviews))
    # The demo gives every count something to count, so a wrong rule shows.
    assert all(t.people and t.requests for t in tallies.values())
    assert sum(t.held for t in tallies.values()) and sum(t.booked for t in tallies.values())
    assert any(len(t.people) != t.requests for t in tallies.values())


def test_counts_on_the_edge_cases() -> None:
    day = date(2026, 11, 1)
    campaign = Campaign(
        objectives={1: Objective(ObjectiveKind.ROLE, "x", id=1), 2: Objective(ObjectiveKind.COMPANY, "y", id=2)}
    )

    def outreach(oid: int, person: int, objective: int, *kinds: AttemptKind) -> None:
        item = Outreach(person, objective, Route.COLD, day, id=oid)
        for kind in kinds:
            item.log(kind, day)
        campaign.outreach[oid] = item

    outreach(1, 10, 1, AttemptKind.REQUEST)
    outreach(2, 10, 1, AttemptKind.REQUEST, AttemptKind.REPLY_NO)  # the same person again
    outreach(3, 11, 1, AttemptKind.INTRO_ASKED)  # asking the mutual counts as a request
    outreach(4, 12, 1, AttemptKind.INTRO_MADE)  # introduced, but nothing asked of them yet
    outreach(5, 13, 1)  # only planned
    outreach(6, 14, 99, AttemptKind.REQUEST)  # an objective that no longer exists
    for iid, objective, held in [(1, 1, True), (2, 1, False), (3, None, True), (4, 2, False)]:
        campaign.interviews[iid] = Interview(10, datetime(2026, 11, 2, 10), objective_id=objective, held=held, id=iid)

    tallies = objectives.tallies(campaign)
    assert set(tallies) == {1, 2}
    assert (tallies[1].people, tallies[1].requests, tallies[1].held, tallies[1].booked) == ({10, 11, 12, 13}, 3, 1, 1)
    assert (tallies[2].people, tallies[2].requests, tallies[2].held, tallies[2].booked) == (set(), 0, 0, 1)


async def test_the_list_shows_each_objective_with_its_counts(make_app, repo) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_objectives(app, pilot)
        tallies = objectives.tallies(repo.campaign)
        entries = listed(app)
        assert len(entries) == len(repo.campaign.objectives)
        for entry, objective in zip(
            entries, sorted(repo.campaign.objectives.values(), key=lambda o: o.id), strict=True
        ):
            counted = tallies[objective.id]
            assert objective.kind.value in entry and objective.text in entry
            assert f"{len(counted.people)} targets · {counted.requests} requests" in entry
            assert f"interviews: {counted.held} held, {counted.booked} booked" in entry


async def test_add_an_objective_with_keys(make_app, repo) -> None:
    app = make_app()
    before = set(repo.campaign.objectives)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_objectives(app, pilot)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        await pilot.press("enter", "down", "down", "down", "enter")  # below the blank: industry, company, role
        await pilot.press("tab", *"what a service designer does all day", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ObjectivesScreen)
        (new_id,) = set(repo.campaign.objectives) - before
        assert repo.campaign.objectives[new_id] == Objective(
            ObjectiveKind.ROLE, "what a service designer does all day", id=new_id
        )
        assert highlighted(app).id == new_id
        assert "0 targets · 0 requests · interviews: 0 held, 0 booked" in listed(app)[-1]
    assert stored(repo)["objectives"][str(new_id)] == {
        "kind": "role",
        "text": "what a service designer does all day",
        "active": True,
    }


async def test_invalid_objective_shows_why_and_saves_nothing(make_app, repo) -> None:
    app = make_app()
    before = stored(repo)["objectives"]
    async with app.run_test(size=(80, 24)) as pilot:
        await open_objectives(app, pilot)
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("tab", *"the retail industry.", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        messages = {str(w.render()) for w in app.screen.query(".form-message") if w.display}
        assert "This cannot be left empty." in messages  # no kind chosen
        assert "Leave out the final punctuation: this text goes inside a sentence." in messages
        await pilot.press("escape", "y")  # y: discard what was typed
        await pilot.pause()
        assert isinstance(app.screen, ObjectivesScreen)
    assert stored(repo)["objectives"] == before
    assert len(repo.campaign.objectives) == len(before)


async def test_edit_the_highlighted_objective_with_e_or_enter(make_app, repo) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_objectives(app, pilot)
        await pilot.press("down")
        target = highlighted(app)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        assert app.screen.form.values() == {"kind": target.kind.value, "text": target.text}
        await pilot.press("tab", "end", *" in small teams", "ctrl+s")
        await pilot.pause()
        assert repo.campaign.objectives[target.id].text == target.text + " in small teams"
        assert highlighted(app).id == target.id
        await pilot.press("enter")  # Enter opens the same form
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        await pilot.press("escape")
    assert stored(repo)["objectives"][str(target.id)]["text"] == target.text + " in small teams"


async def test_archive_dims_and_moves_last_then_restore(make_app, repo) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_objectives(app, pilot)
        first = highlighted(app)
        await pilot.press("a")
        await pilot.pause()
        assert repo.campaign.objectives[first.id].active is False
        assert stored(repo)["objectives"][str(first.id)]["active"] is False
        assert "archived" in listed(app)[-1] and first.text in listed(app)[-1]
        assert highlighted(app).id == first.id  # the highlight follows it
        await pilot.press("a")
        await pilot.pause()
        assert repo.campaign.objectives[first.id].active is True
        assert first.text in listed(app)[0] and "archived" not in " ".join(listed(app))
    assert stored(repo)["objectives"][str(first.id)]["active"] is True


async def test_delete_says_what_goes_and_asks_first(make_app, repo) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_objectives(app, pilot)
        await pilot.press("down")
        doomed = highlighted(app)
        await pilot.press("down")
        following = highlighted(app)
        await pilot.press("up")
        plan = removal_plan(repo.campaign, doomed)
        assert len(plan.removed) > 1  # it has outreach, so the question must mention it
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        text = " ".join(str(w.render()) for w in app.screen.query(Static))
        assert doomed.text in text and plan.describe() in text
        await pilot.press("n")
        await pilot.pause()
        assert doomed.id in repo.campaign.objectives
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert doomed.id not in repo.campaign.objectives
        assert not [o for o in repo.campaign.outreach.values() if o.objective_id == doomed.id]
        assert len(listed(app)) == len(repo.campaign.objectives)
        assert highlighted(app).id == following.id  # the next one takes its place
    data = stored(repo)
    assert str(doomed.id) not in data["objectives"]
    assert not [o for o in data["outreach"].values() if o["objective_id"] == doomed.id]


async def test_empty_campaign_says_what_to_do_and_keys_do_not_crash(make_app, empty_repo) -> None:
    app = make_app(empty_repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_objectives(app, pilot)
        empty = app.screen.query_one("#objectives-empty", Static)
        assert empty.display and "Press n" in str(empty.render())
        await pilot.press("e", "a", "d")
        await pilot.pause()
        assert isinstance(app.screen, ObjectivesScreen)
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("enter", "down", "enter", "tab", *"fintech", "enter")
        await pilot.pause()
        assert [o.text for o in empty_repo.campaign.objectives.values()] == ["fintech"]
        assert not empty.display


async def test_palette_entries_run_their_actions(make_app, repo) -> None:
    app = make_app()
    actions = {action for _, _, action in ObjectivesScreen.PALETTE}
    assert all(callable(getattr(ObjectivesScreen, f"action_{action}", None)) for action in actions)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.open_on("objectives", "new_objective")
        await pilot.pause()
        assert app.current_mode == "objectives" and isinstance(app.screen, FormScreen)
        assert app.screen.form_title == "New objective"


async def test_read_only_refuses_and_says_so(make_app, repo, notices) -> None:
    from infoint_tui.store.repository import Repository

    reader, reason = Repository.open_or_read_only(repo.path)
    app = make_app(reader, read_only_reason=reason)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_objectives(app, pilot)
        first = highlighted(app)
        await pilot.press("a")
        await pilot.pause()
        assert reader.campaign.objectives[first.id].active is True
        assert any(n.title == "Not changed" for n in notices)


async def test_survives_a_tiny_terminal(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_objectives(app, pilot)
        await pilot.resize_terminal(20, 6)
        await pilot.press("n")
        await pilot.pause()
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)

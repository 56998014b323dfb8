"""Undo: the last changes of the session put back exactly, through the one path for changes.

In the store, each kind of change is undone to the very records (and data) held before it;
then in the app, `u` on a list screen and the palette entry "Undo: <label>" do it for the user.
"""

from __future__ import annotations

import copy
import errno
import os
from dataclasses import replace
from functools import partial
from pathlib import Path

import orjson
import pytest
from textual.command import CommandList

from infoint_tui.domain.models import AttemptKind, Company, Objective, ObjectiveKind, Outreach, Person, Route
from infoint_tui.domain.policy import DueKind as K
from infoint_tui.store import storage as storage_module
from infoint_tui.store.errors import ReadOnlyError, SaveError
from infoint_tui.store.history import UNDO_LIMIT
from infoint_tui.store.repository import Repository
from infoint_tui.tui.screens.objectives import ObjectivesScreen
from infoint_tui.tui.screens.targets.screen import TargetsScreen
from infoint_tui.tui.widgets.choice import ChoiceScreen
from infoint_tui.tui.widgets.confirm import ConfirmScreen
from infoint_tui.tui.widgets.day_question import DayScreen
from tests.conftest import TODAY
from tests.outreach_support import expect, highlight, listed, show_queue
from tests.support import until


class Before:
    """The repository's campaign in memory, its data and its file, to compare with after an undo."""

    def __init__(self, repo: Repository) -> None:
        if not repo.read_only:
            assert repo.campaign_id  # given once for good (calendars know it): never undone
        repo.flush()
        self.repo = repo
        self.campaign = copy.deepcopy(repo.campaign)
        self.data = copy.deepcopy(repo.storage.read())
        self.file = orjson.loads(repo.path.read_bytes())

    def check(self) -> None:
        self.repo.flush()
        assert self.repo.campaign == self.campaign
        assert self.repo.storage.read() == self.data
        assert orjson.loads(self.repo.path.read_bytes()) == self.file


def person_with_outreach(repo: Repository) -> Person:
    """A person with outreach, an interview and someone they introduced: a delete takes all that."""
    return next(
        p
        for p in repo.campaign.people.values()
        if any(o.person_id == p.id for o in repo.campaign.outreach.values())
        and any(i.person_id == p.id for i in repo.campaign.interviews.values())
        and any(other.introducer_id == p.id for other in repo.campaign.people.values())
    )


# Each kind of change, undone ---------------------------------------------------------------


def test_a_wrong_no_is_undone_to_the_outreach_as_it_was(repo: Repository) -> None:
    outreach = next(o for o in repo.campaign.outreach.values() if o.is_open)
    before = Before(repo)
    with repo.undoable(f"Recorded a no from person {outreach.person_id}"):
        repo.edit(outreach, lambda copy: copy.log(AttemptKind.REPLY_NO, TODAY))
    assert repo.campaign.outreach[outreach.id] != before.campaign.outreach[outreach.id]
    assert repo.undo() == f"Recorded a no from person {outreach.person_id}"
    before.check()
    assert repo.campaign.outreach[outreach.id] is outreach  # the very record held before


def test_records_the_step_created_are_removed(repo: Repository) -> None:
    before = Before(repo)
    with repo.undoable("Added Zoë Lindqvist"), repo.batch():
        company = repo.add(Company("Initech"))
        person = repo.add(Person("Zoë Lindqvist", company_id=company.id))
        repo.add_many([Outreach(person.id, 1, Route.COLD, TODAY)])
    repo.undo()
    before.check()
    assert person.id not in repo.campaign.people and company.id not in repo.campaign.companies


def test_a_deleted_person_comes_back_with_their_ids_and_links(repo: Repository) -> None:
    person = person_with_outreach(repo)
    before = Before(repo)
    with repo.undoable(f"Deleted {person.name}"):
        repo.remove(person)
    assert person.id not in repo.campaign.people
    assert not any(p.introducer_id == person.id for p in repo.campaign.people.values())
    repo.undo()
    before.check()
    assert any(o.person_id == person.id for o in repo.campaign.outreach.values())


def test_a_deleted_objective_and_a_merge_are_undone(repo: Repository) -> None:
    objective = next(
        o
        for o in repo.campaign.objectives.values()
        if any(r.objective_id == o.id for r in repo.campaign.outreach.values())
    )
    keep, absorb, *_ = (
        c for c in repo.campaign.companies.values() if any(p.company_id == c.id for p in repo.campaign.people.values())
    )
    before = Before(repo)
    with repo.undoable("Deleted the objective"):
        repo.remove(objective)
    with repo.undoable("Merged"):
        repo.merge_companies(keep, absorb)
    assert repo.undo() == "Merged"
    assert absorb.id in repo.campaign.companies and objective.id not in repo.campaign.objectives
    assert repo.undo() == "Deleted the objective"
    before.check()


def test_undo_is_last_first_and_nothing_left_says_so(repo: Repository) -> None:
    person = repo.campaign.people[1]
    with repo.undoable("First"):
        repo.save(replace(person, notes="first"))
    with repo.undoable("Second"):
        repo.save(replace(repo.campaign.people[1], notes="second"))
    assert repo.undo() == "Second" and repo.campaign.people[1].notes == "first"
    assert repo.undo() == "First" and repo.campaign.people[1] is person
    assert repo.undo() is None


def test_changes_outside_a_step_are_not_undone_and_forget_the_steps_they_contradict(repo: Repository) -> None:
    with repo.undoable("Changed the first person"):
        repo.save(replace(repo.campaign.people[1], notes="in a step"))
    with repo.undoable("Changed the second person"):
        repo.save(replace(repo.campaign.people[2], notes="in a step"))
    with repo.undoable("Changed the third person"):
        repo.save(replace(repo.campaign.people[3], notes="in a step"))
    repo.save(replace(repo.campaign.people[2], notes="typed aside"))  # not a step
    assert len(repo.history) == 1 and repo.undo() == "Changed the third person"
    assert repo.campaign.people[2].notes == "typed aside"
    assert repo.undo() is None


def test_redo_makes_an_undone_step_again_until_a_new_step_is_made(repo: Repository) -> None:
    person = person_with_outreach(repo)
    with repo.undoable(f"Deleted {person.name}"):
        repo.remove(person)
    with repo.undoable("Added Zoë"):
        zoe = repo.add(Person("Zoë Lindqvist"))
    after = Before(repo)
    assert repo.undo() == "Added Zoë" and repo.undo() == f"Deleted {person.name}"
    assert repo.redo() == f"Deleted {person.name}" and repo.redo() == "Added Zoë"
    after.check()
    assert repo.campaign.people[zoe.id] is zoe and repo.redo() is None
    repo.undo()
    with repo.undoable("Changed the first person"):
        repo.save(replace(repo.campaign.people[1], notes="new"))
    assert repo.history.redoable is None


def test_a_change_outside_a_step_to_what_a_redo_would_change_forgets_the_redo(repo: Repository) -> None:
    with repo.undoable("Changed the first person"):
        repo.save(replace(repo.campaign.people[1], notes="in a step"))
    repo.undo()
    repo.save(replace(repo.campaign.people[2], notes="typed aside"))
    assert repo.history.redoable is not None
    repo.save(replace(repo.campaign.people[1], notes="typed aside"))
    assert repo.history.redoable is None


def test_a_refused_change_leaves_no_step(repo: Repository) -> None:
    repo.close()
    with pytest.raises(ReadOnlyError), repo.undoable("Never made"):
        repo.save(replace(repo.campaign.people[1], notes="refused"))
    assert len(repo.history) == 0


def test_a_read_only_refusal_keeps_the_step_and_memory(repo: Repository) -> None:
    with repo.undoable("Changed Ana"):
        repo.save(replace(repo.campaign.people[1], notes="kept"))
    repo.storage.read_only = True  # as a file opened read-only
    changed = Before(repo)
    with pytest.raises(ReadOnlyError, match="not saved"):
        repo.undo()
    changed.check()
    assert repo.history.last is not None and repo.history.last.label == "Changed Ana"
    repo.storage.read_only = False
    assert repo.undo() == "Changed Ana" and repo.campaign.people[1].notes != "kept"


def test_an_undo_the_disk_refuses_is_kept_in_memory_and_written_later(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As for any change: a failed write says "not saved" and keeps the change to retry."""
    path = tmp_path / "data.json"
    repo = Repository.open(path)
    with repo.undoable("Added Ana"):
        repo.add(Person("Ana"))
    with monkeypatch.context() as patch:
        patch.setattr(storage_module.os, "replace", partial(_refuse, errno.ENOSPC))
        with pytest.raises(SaveError, match="is full"):
            repo.undo()
        assert not repo.campaign.people and len(repo.history) == 0
        assert "Ana" in path.read_text()
    repo.flush()
    assert "Ana" not in path.read_text()
    repo.close()


def _refuse(code: int, *args: object) -> None:
    raise OSError(code, os.strerror(code))


def test_the_history_keeps_the_last_steps_only(repo: Repository) -> None:
    for n in range(UNDO_LIMIT + 5):
        with repo.undoable(f"Objective {n}"):
            repo.add(Objective(ObjectiveKind.ROLE, f"objective {n}"))
    labels = []
    while (label := repo.undo()) is not None:
        labels.append(label)
    assert labels == [f"Objective {n}" for n in reversed(range(5, UNDO_LIMIT + 5))]
    assert sum(o.text.startswith("objective ") for o in repo.campaign.objectives.values()) == 5


# In the app: u on the list screens, and the palette ------------------------------------------


def outreach_of(repo: Repository, name: str) -> Outreach:
    person = next(p for p in repo.campaign.people.values() if p.name == name)
    return next(o for o in repo.campaign.outreach.values() if o.person_id == person.id)


def stored_outreach(repo: Repository, outreach_id: int) -> dict:
    repo.flush()
    return orjson.loads(repo.path.read_bytes())["outreach"][str(outreach_id)]


async def test_u_puts_back_a_wrong_no_in_the_queue_and_the_file(make_app, repo, notices) -> None:
    before = outreach_of(repo, "Hana Müller")
    on_file = stored_outreach(repo, before.id)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await show_queue(pilot)
        await highlight(pilot, screen, K.FOLLOW_UP, "Hana Müller")
        await pilot.press("r")
        await expect(pilot, ChoiceScreen)
        await pilot.press("n")
        await expect(pilot, DayScreen)
        await pilot.press("y")  # it came today
        await expect(pilot, ConfirmScreen)  # a closing note?
        await pilot.press("n")
        await until(pilot, lambda: pilot.app.screen is screen, "back on the queue")
        await until(pilot, lambda: "Hana Müller" not in [i.person for i in listed(screen)], "the no recorded")
        assert stored_outreach(repo, before.id) != on_file
        await pilot.press("u")
        await until(pilot, lambda: "Hana Müller" in [i.person for i in listed(screen)], "the item back")
        assert [i.kind for i in listed(screen) if i.person == "Hana Müller"] == [K.FOLLOW_UP]
        assert repo.campaign.outreach[before.id] == before
        assert stored_outreach(repo, before.id) == on_file
        assert notices[-1].message == "Undone: Recorded a no from Hana Müller."
        await pilot.press("u")
        await pilot.pause()
        assert notices[-1].message == "There is nothing to undo."


async def test_u_brings_back_a_deleted_person_with_their_outreach(make_app, repo, notices) -> None:
    victim = person_with_outreach(repo)
    taken = {o.id: o for o in repo.campaign.outreach.values() if o.person_id == victim.id}
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f3")
        screen = await expect(pilot, TargetsScreen)
        await screen.run_action(f"show_person({victim.id})")
        await pilot.press("d")
        await expect(pilot, ConfirmScreen)
        await pilot.press("y")
        await until(pilot, lambda: victim.id not in screen.list_of().ids, "the person deleted")
        await pilot.press("u")
        await until(pilot, lambda: victim.id in screen.list_of().ids, "the person back in the list")
        assert notices[-1].message == f"Undone: Deleted {victim.name}."
        await pilot.press("U")
        await until(pilot, lambda: victim.id not in screen.list_of().ids, "the person deleted again")
        assert notices[-1].message == f"Redone: Deleted {victim.name}."
        await pilot.press("u")
        await until(pilot, lambda: victim.id in screen.list_of().ids, "the person back again")
    assert repo.campaign.people[victim.id] == victim
    assert {o.id: o for o in repo.campaign.outreach.values() if o.person_id == victim.id} == taken
    repo.flush()
    stored = orjson.loads(repo.path.read_bytes())
    assert str(victim.id) in stored["people"] and {str(i) for i in taken} <= stored["outreach"].keys()


async def test_the_palette_offers_the_last_change_by_its_label(make_app, repo, notices) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        assert not any(c.title.startswith("Undo") for c in app.get_system_commands(app.screen))
        await pilot.press("f4")
        screen = await expect(pilot, ObjectivesScreen)
        objective = screen.selected()
        assert objective is not None and objective.active
        await pilot.press("a")
        await until(pilot, lambda: not repo.campaign.objectives[objective.id].active, "the objective archived")
        await pilot.press("ctrl+p", *"Undo")
        await app.workers.wait_for_complete()
        await pilot.pause()
        offered = [str(option.prompt).splitlines()[0] for option in app.screen.query_one(CommandList).options]
        assert offered[0] == f"Undo: Archived the objective “{objective.text}”"
        await pilot.press("enter")
        await until(pilot, lambda: repo.campaign.objectives[objective.id].active, "the objective active again")
        assert notices[-1].message == f"Undone: Archived the objective “{objective.text}”."
        assert [c.title for c in app.get_system_commands(app.screen)][:1] == [
            f"Redo: Archived the objective “{objective.text}”"
        ]


async def test_u_takes_back_a_mis_recorded_sent_and_a_snooze(make_app, repo, notices) -> None:
    before = outreach_of(repo, "Sofia García")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await show_queue(pilot)
        await highlight(pilot, screen, K.FOLLOW_UP, "Sofia García")
        await pilot.press("d")
        await expect(pilot, DayScreen)
        await pilot.press("y")
        await until(pilot, lambda: repo.campaign.outreach[before.id] != before, "the follow-up recorded")
        await pilot.press("u")
        await until(pilot, lambda: repo.campaign.outreach[before.id] == before, "the follow-up not sent again")
        assert notices[-1].message == "Undone: Recorded that the follow-up to Sofia García went out."
        await highlight(pilot, screen, K.FOLLOW_UP, "Sofia García")
        await pilot.press("s")
        await expect(pilot, ChoiceScreen)
        await pilot.press("w")
        await until(pilot, lambda: repo.campaign.outreach[before.id] != before, "the follow-up snoozed")
        await pilot.press("u")
        await until(pilot, lambda: repo.campaign.outreach[before.id] == before, "the snooze taken back")
        assert notices[-1].message == "Undone: Snoozed “follow up” for Sofia García."


@pytest.mark.parametrize("mode", ["queue", "targets", "objectives", "interviews"])
async def test_u_on_each_list_screen_says_when_there_is_nothing_to_undo(make_app, notices, mode) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await app.switch_mode(mode)
        await pilot.pause()
        await pilot.press("u")
        await until(pilot, lambda: bool(notices), "a notice")
    assert notices[-1].message == "There is nothing to undo."

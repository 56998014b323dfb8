"""One path for every change: checked, then made to memory and the file together.

Each kind of change, tried while another instance holds the file (so this one is read-only),
is refused with ReadOnlyError and leaves the campaign in memory and the data exactly as
they were; the screens then say "not changed" and still show what is stored. A change that
is let through replaces only its own documents, never the whole table.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date, datetime, timedelta

import orjson
import pytest
from textual.widgets import OptionList

from infoint_tui.domain.models import (
    AttemptKind,
    Company,
    Interview,
    Model,
    Objective,
    ObjectiveKind,
    Outreach,
    Person,
    Profile,
    Question,
    Route,
    Settings,
    Template,
    Verdict,
)
from infoint_tui.domain.policy import due_items
from infoint_tui.store.errors import ReadOnlyError
from infoint_tui.store.repository import Repository
from infoint_tui.tui.screens.interview_forms import read_reschedule
from infoint_tui.tui.screens.interviews import InterviewsScreen
from infoint_tui.tui.widgets.form import FormScreen
from infoint_tui.usecases.due_actions import done_change, snooze_change
from infoint_tui.usecases.interviewing import add_question, add_referral, end_interview
from tests.conftest import TODAY


@pytest.fixture
def reader(repo: Repository) -> Iterator[Repository]:
    """The demo file opened a second time, while `repo` holds it: read-only."""
    repo.save_template(Template("thank", "Thank-you", "Thanks", "My own words"))  # one to reset
    repo.flush()
    second, reason = Repository.open_or_read_only(repo.path)
    assert second.read_only and reason
    yield second
    second.close()


class Unchanged:
    """What a repository holds in memory and in its data, to compare with afterwards."""

    def __init__(self, repo: Repository) -> None:
        self.repo = repo
        self.campaign = copy.deepcopy(repo.campaign)
        self.data = orjson.dumps(repo.storage.read())

    def check(self) -> None:
        assert self.repo.campaign == self.campaign
        assert orjson.dumps(self.repo.storage.read()) == self.data


def refused(repo: Repository, change: Callable[[], object]) -> None:
    unchanged = Unchanged(repo)
    with pytest.raises(ReadOnlyError, match="not saved"):
        change()
    unchanged.check()


def first(repo: Repository, model: type[Model]) -> Model:
    index = {
        Objective: repo.campaign.objectives,
        Company: repo.campaign.companies,
        Person: repo.campaign.people,
        Outreach: repo.campaign.outreach,
        Interview: repo.campaign.interviews,
        Question: repo.campaign.questions,
    }[model]
    return next(iter(index.values()))


def upcoming(repo: Repository) -> Interview:
    return min(
        (i for i in repo.campaign.interviews.values() if not i.held and i.when.date() > TODAY),
        key=lambda i: (i.when, i.id),
    )


# Every kind of change, refused ------------------------------------------------------------

NEW = {
    Objective: lambda: Objective(ObjectiveKind.ROLE, "what a service designer does all day"),
    Company: lambda: Company("Initech"),
    Person: lambda: Person("Zoë Lindqvist"),
    Outreach: lambda: Outreach(1, 1, Route.COLD, TODAY),
    Interview: lambda: Interview(1, datetime(2026, 12, 1, 10, 0)),
    Question: lambda: Question("What surprised you in your first year?"),
}

CHANGED = {
    Objective: lambda o: replace(o, text="something else", active=not o.active),
    Company: lambda c: replace(c, name="Renamed Ltd", tags=["renamed"]),
    Person: lambda p: replace(p, name="Renamed Person", notes="new notes"),
    Outreach: lambda o: replace(o, route=Route.COLD),
    Interview: lambda i: replace(i, notes="new notes", when=datetime(2027, 1, 4, 9, 0)),
    Question: lambda q: replace(q, text="A different question?"),
}


@pytest.mark.parametrize("model", NEW, ids=lambda m: m.__name__)
def test_add_is_refused_and_gives_no_id(reader: Repository, model: type[Model]) -> None:
    record = NEW[model]()
    refused(reader, lambda: reader.add(record))
    assert record.id == 0
    refused(reader, lambda: reader.add_many([NEW[model](), NEW[model]()]))


@pytest.mark.parametrize("model", CHANGED, ids=lambda m: m.__name__)
def test_a_save_of_each_kind_of_record_is_refused(reader: Repository, model: type[Model]) -> None:
    held = first(reader, model)
    refused(reader, lambda: reader.save(CHANGED[model](held)))


def test_edit_changes_only_a_copy_so_a_refusal_leaves_the_record_as_it_was(reader: Repository) -> None:
    outreach = first(reader, Outreach)
    attempts = list(outreach.attempts)
    refused(reader, lambda: reader.edit(outreach, lambda copy: copy.log(AttemptKind.CALL, TODAY)))
    assert outreach.attempts == attempts


def test_remove_is_refused_with_all_it_would_take(reader: Repository) -> None:
    campaign = reader.campaign
    person = next(
        p
        for p in campaign.people.values()
        if any(i.person_id == p.id for i in campaign.interviews.values())
        and any(o.person_id == p.id for o in campaign.outreach.values())
    )
    refused(reader, lambda: reader.remove(person))
    refused(reader, lambda: reader.remove(first(reader, Objective)))  # unlinks interviews
    refused(reader, lambda: reader.remove(first(reader, Company)))  # unlinks people


def test_logging_an_attempt_or_acting_on_any_due_item_is_refused(reader: Repository) -> None:
    items = due_items(reader.campaign, TODAY)
    changes = [done_change(reader.campaign, item, TODAY) for item in items]
    changes += [snooze_change(reader.campaign, item, TODAY, TODAY + timedelta(days=4)) for item in items]
    kinds = {type(change) for change in changes if change is not None}
    assert kinds == {Outreach, Person, Interview}  # attempts logged, updates sent, thank-yous
    for change in changes:
        if change is not None:
            refused(reader, lambda change=change: reader.save(change))


def test_moving_and_ending_an_interview_are_refused(reader: Repository) -> None:
    interview = upcoming(reader)
    moved = replace(
        interview,
        **read_reschedule({"day": "2026-12-24", "time": "9:15", "mode": "video", "where": "a link", "minutes": "20"}),
    )
    refused(reader, lambda: reader.save(moved))
    refused(
        reader,
        lambda: end_interview(reader, interview, discussed="the roadmap", takeaways="much", verdict=Verdict.SOLIDIFIED),
    )


def test_a_question_or_a_referral_is_refused_before_any_part_of_it(reader: Repository) -> None:
    interview = upcoming(reader)
    refused(reader, lambda: add_question(reader, interview, "What would you cut from your week?", "role"))
    refused(reader, lambda: add_referral(reader, interview, TODAY, name="Bo Li", company="A New Company Ltd"))


@pytest.mark.parametrize(
    "change",
    [
        lambda repo: repo.save_profile(Profile(name="Someone Else", words=["mine"])),
        lambda repo: repo.save_settings(Settings(follow_up_days=3)),
        lambda repo: repo.save_template(Template("follow_up", "Follow-up", "Again", "Another try")),
        lambda repo: repo.reset_template("thank"),
    ],
    ids=["profile", "settings", "template", "template reset"],
)
def test_profile_settings_and_template_changes_are_refused(reader: Repository, change) -> None:
    assert "thank" in reader.campaign.templates
    refused(reader, lambda: change(reader))


def test_a_closed_repository_refuses_a_save_and_keeps_memory_as_it_was(repo: Repository) -> None:
    person = first(repo, Person)
    repo.close()
    unchanged = Unchanged(repo)
    with pytest.raises(ReadOnlyError, match="closed"):
        repo.save(replace(person, name="Too Late"))
    unchanged.check()


# On screen: the list still shows what is stored --------------------------------------------


def line_of(screen: InterviewsScreen, interview: Interview) -> str:
    options = screen.query_one("#interviews-list", OptionList)
    return str(options.get_option_at_index(options.get_option_index(str(interview.id))).prompt)


async def open_on(app, pilot, interview: Interview) -> InterviewsScreen:
    await pilot.press("f6")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, InterviewsScreen)
    options = screen.query_one("#interviews-list", OptionList)
    options.highlighted = options.get_option_index(str(interview.id))
    await pilot.pause()
    return screen


async def test_moving_an_interview_while_another_instance_holds_the_file_keeps_the_old_day(
    make_app, reader: Repository, notices
) -> None:
    interview = upcoming(reader)
    old_day = f"{interview.when:%a %d %b}"
    app = make_app(reader, read_only_reason="Another infoint holds the file.")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_on(app, pilot, interview)
        assert old_day in line_of(screen, interview)
        await pilot.press("r")
        form = app.screen
        assert isinstance(form, FormScreen)
        form.form.row("day").control.value = "2026-12-24"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        assert any(n.title == "Not changed" and "not saved" in n.message for n in notices)
        assert old_day in line_of(screen, interview)
        assert f"{date(2026, 12, 24):%a %d %b}" not in line_of(screen, interview)
    assert reader.campaign.interviews[interview.id] == interview


async def test_ending_an_interview_while_read_only_leaves_it_booked(make_app, reader: Repository, notices) -> None:
    interview = upcoming(reader)
    app = make_app(reader)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_on(app, pilot, interview)
        await pilot.press("e")
        assert isinstance(app.screen, FormScreen)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        assert any(n.title == "Not changed" for n in notices)
        assert "thank" not in line_of(screen, interview)
    assert not reader.campaign.interviews[interview.id].held


# A change let through ------------------------------------------------------------------------


def test_a_save_swaps_in_the_copy_and_touches_only_its_own_document(repo: Repository) -> None:
    people = repo.storage.read()["people"]
    others = {key: doc for key, doc in people.items() if key != "1"}
    held = repo.campaign.people[1]
    saved = repo.save(replace(held, notes="new notes"))
    assert repo.campaign.people[1] is saved and held.notes != "new notes"
    assert repo.storage.read()["people"] is people  # the table is not rebuilt
    assert all(people[key] is doc for key, doc in others.items())
    assert people["1"]["notes"] == "new notes"
    repo.flush()
    assert orjson.loads(repo.path.read_bytes())["people"]["1"]["notes"] == "new notes"


def test_new_records_take_the_next_ids_without_reusing_any(repo: Repository) -> None:
    highest = max(repo.campaign.people)
    first_new, second_new = repo.add(Person("Ana Ruiz")), repo.add_many([Person("Bo Li")])[0]
    assert (first_new.id, second_new.id) == (highest + 1, highest + 2)
    repo.remove(first_new)
    assert repo.add(Person("Cy Okafor")).id == highest + 3
    repo.flush()
    stored = orjson.loads(repo.path.read_bytes())["people"]
    assert {str(highest + 2), str(highest + 3)} <= stored.keys() and str(highest + 1) not in stored

"""Screens kept fast at any size (issue 15): the Targets lists built ahead on a thread give what
a list built on the spot gives, a saved person is brought up to date in place (their row and
nothing else rebuilt), screens kept alive between visits still show every change, and the
footer is built again only when the keys it shows change; a detail card is drawn once for what
it shows, and a new one is painted in its pane without laying out the screen."""

from __future__ import annotations

import dataclasses
import gc
import threading
import warnings
from datetime import timedelta

import pytest
from rich.text import Text
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input

from infoint_tui import clock
from infoint_tui.demo import demo_campaign
from infoint_tui.domain.models import Campaign, Person
from infoint_tui.domain.stages import standings
from infoint_tui.domain.target_search import COMPANY_SORTS, PERSON_SORTS, TargetLists
from infoint_tui.tui.ahead import Ahead
from infoint_tui.tui.screens import PLACES
from infoint_tui.tui.screens.queue import QueueScreen
from infoint_tui.tui.screens.targets.screen import TargetsScreen
from infoint_tui.tui.widgets.card import Card
from infoint_tui.tui.widgets.chrome import KeptFooter
from tests.conftest import TODAY
from tests.support import until
from tests.test_targets_screen import card, open_targets, save_form, text_of_list, type_into

QUERIES = ["", "ana", "#ment", "berlin staff", "lindqvst", "zzz"]


@pytest.fixture
def campaign() -> Campaign:
    return demo_campaign(300, TODAY)


def same_results(kept: TargetLists, fresh: TargetLists) -> None:
    for sort in PERSON_SORTS:
        for query in QUERIES:
            assert kept.people.filter(query, sort) == fresh.people.filter(query, sort), (sort, query)
    for sort in COMPANY_SORTS:
        assert kept.companies.filter("", sort) == fresh.companies.filter("", sort), sort
    assert kept.links == fresh.links


class PostBox:
    """Stands in for the app: what the thread hands the UI thread is kept, not run."""

    def __init__(self) -> None:
        self.posted: list[object] = []

    def post_message(self, message: object) -> bool:
        self.posted.append(message)
        return True


def test_the_lists_built_ahead_on_a_thread_filter_and_sort_as_lists_built_on_the_spot(campaign: Campaign) -> None:
    ahead, app = Ahead(), PostBox()
    ahead.start(app, campaign, 3, TODAY)  # type: ignore[arg-type]
    kept = ahead.target_lists(3, TODAY)
    assert kept is not None and app.posted  # the style sheets are left to the UI thread
    same_results(kept, TargetLists.build(campaign, TODAY))
    assert ahead.target_lists(3, TODAY) is None  # handed over once


def test_lists_built_ahead_for_other_data_or_another_day_are_not_used(campaign: Campaign) -> None:
    for version, day in [(4, TODAY), (3, TODAY + timedelta(days=1))]:
        ahead = Ahead()
        ahead.start(PostBox(), campaign, 3, TODAY)  # type: ignore[arg-type]
        assert ahead.target_lists(version, day) is None


def saved(campaign: Campaign, person: Person, **changes: object) -> Person:
    """As the repository saves: a changed copy in place of the held record."""
    campaign.people[person.id] = dataclasses.replace(person, **changes)
    return person


def test_a_saved_person_is_updated_in_place_as_if_everything_were_built_again(campaign: Campaign) -> None:
    kept = TargetLists.build(campaign, TODAY)
    for sort in PERSON_SORTS:
        kept.people.filter("ana", sort)  # every order made before the change
    people = list(campaign.people.values())
    someone_at_a_company = next(p for p in people[2:] if p.company_id)
    other_company = next(p.company_id for p in people if p.company_id not in (None, someone_at_a_company.company_id))
    changes: list[tuple[Person, dict[str, object]]] = [
        (people[0], {"name": "Aaron Zzyzx", "title": "Head of Listening", "tags": ["quietly"]}),
        (people[1], {"name": "Ömer Aaberg"}),  # sorts first, accent and all
        (someone_at_a_company, {"company_id": other_company}),  # moves: head counts change
    ]
    for person, change in changes:
        assert kept.person_saved(saved(campaign, person, **change))
    same_results(kept, TargetLists.build(campaign, TODAY))
    assert kept.people.filter("zzyzx", "name").ids == [people[0].id]
    assert kept.people.filter("listning", "name").approximate  # a new word is found misspelt too
    assert kept.people.filter("#quietly", "name").ids == [people[0].id]


def test_a_change_beyond_the_persons_row_is_left_to_a_rebuild(campaign: Campaign) -> None:
    kept = TargetLists.build(campaign, TODAY)
    person = next(iter(campaign.people.values()))
    assert not kept.person_saved(saved(campaign, person, archived=True))  # the archive filter changes
    # A "keep posted" update or a snooze moves their next date: their stage is made again.
    assert not kept.person_saved(saved(campaign, person, updates=[TODAY]))
    assert not kept.person_saved(saved(campaign, person, snoozed={"keep_posted": TODAY}))
    del campaign.people[person.id]
    assert not kept.person_saved(person)


# In the app ------------------------------------------------------------------------------


async def test_a_person_saved_on_targets_changes_their_row_and_no_other_work(make_app, repo) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_targets(pilot)
        lists = screen.lists
        person = repo.campaign.people[screen.list_of().highlighted_id]
        await pilot.press("e")
        await type_into(pilot, "name", "Zyta Zwick")
        await save_form(pilot)
        assert screen.lists is lists  # not built again
        assert screen.list_of().highlighted_id == person.id
        assert screen.list_of().ids[-1] == person.id  # sorted by name: last now
        assert "Zyta Zwick" in text_of_list(screen) and card(screen).startswith("Zyta Zwick")
        assert lists.people.filter("zwick", "name").ids == [person.id]
        assert screen.list_of().cursor == len(screen.list_of().ids) - 1


async def test_screens_kept_between_visits_show_changes_made_elsewhere(make_app, repo) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        queue = app.screen
        assert isinstance(queue, QueueScreen)
        item = queue.selected()
        assert item is not None
        screen = await open_targets(pilot)
        lists = screen.lists
        await pilot.press("f2")
        await pilot.pause()
        assert app.screen is queue
        # Changed from the Queue (not undoable: what it touched is not named): Targets redraws.
        person = repo.campaign.people[item.person_id]
        app.change(repo.save, dataclasses.replace(person, title="Keeper of Lists"))
        await pilot.press("f3")
        await pilot.pause()
        assert app.screen is screen and screen.lists is not lists
        assert screen.list_of().move_to(person.id)
        await pilot.pause()
        assert "Keeper of Lists" in card(screen)
        # Renamed on Targets: the Queue, kept since, names them anew.
        await pilot.press("e")
        await type_into(pilot, "name", "Quentin Renamed")
        await save_form(pilot)
        await pilot.press("f2")
        await pilot.pause()
        assert app.screen is queue and queue.selected() is not None
        assert any(queued.person == "Quentin Renamed" for queued in queue.items)


async def test_the_targets_screen_is_built_ahead_from_the_lists_built_on_the_thread(
    make_app, repo, monkeypatch
) -> None:
    building = TargetLists.build
    built_on: list[str] = []

    def build(campaign: Campaign, today) -> TargetLists:
        built_on.append(threading.current_thread().name)
        return building(campaign, today)

    monkeypatch.setattr(TargetLists, "build", build)
    app = make_app(build_ahead=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.ahead.finished.wait()
        assert isinstance(app.screen, QueueScreen)
        (ahead,) = app._screen_stacks["targets"]  # composed, unseen, while the Queue is read
        assert isinstance(ahead, TargetsScreen) and ahead.is_mounted
        screen = await open_targets(pilot)
        assert screen is ahead
        assert built_on == ["infoint-ahead"]  # once, on the thread: not again as the screen composed
        assert set(screen.lists.standings) == set(repo.campaign.people)
        assert screen.lists.standings == standings(repo.campaign, TODAY)
        assert screen.list_of().highlighted_id is not None and card(screen)


async def test_quitting_while_the_targets_screen_is_built_ahead_quits_quietly(make_app, monkeypatch) -> None:
    compose_body = TargetsScreen.compose_body
    composed: list[TargetsScreen] = []

    def quit_meanwhile(screen: TargetsScreen):
        screen.app.exit()  # as ctrl+q just after the start: Textual then mounts none of its widgets
        composed.append(screen)
        yield from compose_body(screen)

    monkeypatch.setattr(TargetsScreen, "compose_body", quit_meanwhile)
    app = make_app(build_ahead=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: bool(composed), "the Targets screen composed ahead")
    assert app.return_code == 0  # no traceback from a screen mounted without its widgets


async def test_screens_to_build_ahead_as_the_app_quits_leave_no_warning_at_exit(make_app) -> None:
    app = make_app(build_ahead=True)
    with warnings.catch_warnings(record=True) as warned:
        warnings.simplefilter("always")
        async with app.run_test(size=(80, 24)):
            await app.ahead.finished.wait()
            app.exit()
            app.ahead._start_building_screens(app)  # what the thread asks once its lists are built
        gc.collect()  # a coroutine made for work never run says so as it is freed
    assert [str(warning.message) for warning in warned] == []


def footer_keys(screen: Screen) -> list[Widget]:
    return list(screen.query_one(KeptFooter).query("FooterKey"))


def descriptions(keys: list[Widget]) -> list[str]:
    return [getattr(key, "description", "") for key in keys]


async def test_the_footer_is_built_again_only_when_its_keys_change(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_targets(pilot)
        await pilot.press("f2", "f3")  # once there and back: the list has filled, its keys are settled
        await pilot.pause()
        keys = footer_keys(screen)
        await pilot.press("f2", "f3")
        await pilot.pause()
        assert footer_keys(screen) == keys  # the very same widgets
        assert "Filter" in descriptions(keys) and "Clear filter" in descriptions(keys)
        await pilot.press("slash")  # other keys while in the filter: built again
        # Textual rebuilds a footer after the next refresh, not within the key press
        await until(pilot, lambda: "Back to the list" in descriptions(footer_keys(screen)), "the footer's new keys")


class CountedRenders:
    """A rich renderable that counts how often it is drawn: a card longer than its pane, as a
    person's is at 80x24 (a shorter one would be drawn again once its scroll bar goes)."""

    def __init__(self) -> None:
        self.renders = 0

    def __rich_console__(self, console, options):
        self.renders += 1
        yield Text("Ana Adeyemi, Service Designer at Initech, met at a meetup in Berlin last spring")
        yield from (Text(f"line {number}") for number in range(40))


async def test_a_card_is_drawn_once_for_each_content_and_width(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_targets(pilot)
        shown = screen.query_one("#targets-card", Card)
        content = CountedRenders()
        shown.update(content)
        await pilot.pause()
        assert content.renders == 1  # measured and drawn from the same lines
        shown.refresh()
        screen.refresh(layout=True)
        await pilot.pause()
        assert content.renders == 1
        narrow = shown.size.width
        await pilot.resize_terminal(120, 30)
        await until(pilot, lambda: content.renders == 2, "the card drawn at its new width")
        assert shown.size.width > narrow
        assert shown.render_line(0).text.startswith("Ana Adeyemi, Service Designer")


async def test_a_new_card_repaints_its_pane_and_lays_out_nothing(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_targets(pilot)
        shown = screen.query_one("#targets-card", Card)
        await pilot.press("down")  # the Queue's list has given up the focus (which lays out once)
        await pilot.pause()
        laid_out = []
        lay_out = screen._refresh_layout
        screen._refresh_layout = lambda *args, **kwargs: (laid_out.append(args), lay_out(*args, **kwargs))
        heights = set()
        for _ in range(6):
            await pilot.press("down")
            await pilot.pause()
            heights.add(shown.virtual_size.height)
        assert len(heights) > 1 and not laid_out  # cards of other heights, each painted in place
        shown.update(Text("Short."))  # its scroll bar goes: the pane is laid out for that alone
        await pilot.pause()
        assert shown.max_scroll_y == 0 and not shown.show_vertical_scrollbar and laid_out


async def test_a_long_card_scrolls_to_its_last_line_at_the_width_left_by_its_scroll_bar(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_targets(pilot)
        shown = screen.query_one("#targets-card", Card)
        shown.update(Text("Short."))
        await pilot.pause()
        wide = shown.scrollable_content_region.width
        # Lines that fit the pane's width exactly wrap once the scroll bar takes a column.
        shown.update(Text("\n".join("x" * wide for _ in range(30))))
        await pilot.pause()
        assert shown.show_vertical_scrollbar and shown.scrollable_content_region.width == wide - 1
        assert shown.virtual_size.height == 60
        shown.scroll_end(animate=False, immediate=True)
        await pilot.pause()
        assert shown.render_line(shown.scrollable_content_region.height - 1).text.strip() == "x"


async def test_a_layout_leaves_the_scroll_bars_of_a_list_and_a_card_alone(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_targets(pilot)
        await pilot.press("down")  # the Queue's list has given up the focus
        await pilot.pause()
        refreshed = []
        for scrolling in (screen.list_of("people"), screen.query_one("#targets-card", Card)):
            bar = scrolling.vertical_scrollbar
            assert scrolling.show_vertical_scrollbar
            bar.refresh = lambda *args, bar=bar, refresh=bar.refresh, **kwargs: (refreshed.append(bar), refresh())
        screen.query_one("#targets-heading").refresh(layout=True)  # as a heading grown longer asks
        await pilot.pause()
        # Refreshed during the layout, they were drawn in a frame of their own after it.
        assert refreshed == []


async def test_typing_in_a_field_repaints_it_and_lays_out_nothing(make_app) -> None:
    from tests.test_settings_screen import open_settings, replace_text

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_settings(app, pilot)
        await replace_text(app, pilot, "pitch", "I")  # "not saved yet" comes: that lays out once
        laid_out = []
        lay_out = screen._refresh_layout
        screen._refresh_layout = lambda *args, **kwargs: (laid_out.append(args), lay_out(*args, **kwargs))
        words = " teach science and am moving into user research, one conversation at a time."
        await pilot.press(*words)
        field = screen.query_one("#field-pitch", Input)
        assert not laid_out
        assert field.value == "I" + words
        # Wider than the field: it has scrolled to its end, where the cursor is.
        assert field.scroll_x == len(field.value) + 1 - field.size.width > 0


async def test_every_screen_is_built_ahead_and_redrawn_only_once_what_it_shows_has_changed(
    make_app, monkeypatch
) -> None:
    drawn: list[str] = []
    for place in PLACES:
        screen_class = place.load()

        def refresh_data(screen, *args, _draw=screen_class.refresh_data, **kwargs) -> None:
            drawn.append(screen.MODE)
            _draw(screen, *args, **kwargs)

        monkeypatch.setattr(screen_class, "refresh_data", refresh_data)
    app = make_app(build_ahead=True)
    keys = [place.key for place in PLACES[1:]] + ["f2"]
    async with app.run_test(size=(80, 24)) as pilot:
        await app.ahead.finished.wait()
        await pilot.pause()
        built = {mode: stack[0] for mode, stack in app._screen_stacks.items() if stack}
        assert set(built) == {place.mode for place in PLACES}
        assert set(drawn) == set(built)  # each drawn as it was built, unseen
        drawn.clear()
        for key in keys:  # the first show of each, then each again
            await pilot.press(key)
        for key in keys:
            await pilot.press(key)
        assert drawn == []
        clock.fix((TODAY + timedelta(days=1)).isoformat())  # the next morning: every screen redraws once
        for key in keys + keys:
            await pilot.press(key)
        assert sorted(drawn) == sorted(place.mode for place in PLACES)

"""Moving between screens kept from an earlier visit (issue 15): drawn at the next frame, not
restyled, with a footer whose keys come and go without being built again; what they show is
still current."""

from __future__ import annotations

from textual.color import Color

from infoint_tui.tui.screens.queue import QueueScreen
from infoint_tui.tui.widgets.chrome import TopBar
from infoint_tui.tui.widgets.heading import Heading
from tests.support import until
from tests.test_screen_speed import footer_keys
from tests.test_targets_screen import open_targets


def shown_descriptions(screen) -> list[str]:
    return [key.description for key in footer_keys(screen) if key.display]


def clear_filter_enabled(screen) -> bool:
    (key,) = [key for key in footer_keys(screen) if key.display and key.description == "Clear filter"]
    return not key.has_class("-disabled")


async def test_a_screen_kept_from_a_visit_is_shown_without_textuals_pause(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.switch_mode("targets")  # a screen not built yet: Textual hides its composing
        assert app._batch_count == 1
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        app.switch_mode("targets")  # built: nothing to hide, the next frame shows it
        assert app._batch_count == 0
        await pilot.pause()
        assert app.screen.MODE == "targets"


async def test_a_screen_shown_again_is_not_restyled(make_app, monkeypatch) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_targets(pilot)
        await pilot.press("f2")
        await pilot.pause()
        restyled: list[object] = []
        update_nodes = app.stylesheet.update_nodes

        def counted(nodes, animate=False):
            nodes = list(nodes)
            restyled.extend(nodes)
            update_nodes(nodes, animate)

        monkeypatch.setattr(app.stylesheet, "update_nodes", counted)
        await pilot.press("f3")
        await pilot.pause()
        assert app.screen.MODE == "targets"
        assert len(restyled) < 5, restyled  # not the screen's every widget


async def test_a_theme_chosen_elsewhere_shows_on_a_kept_screen(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        targets = await open_targets(pilot)
        await pilot.press("f2")
        await pilot.pause()
        before = targets.query_one(TopBar).styles.background
        app.theme = "textual-light" if app.theme != "textual-light" else "nord"
        await pilot.pause()
        assert isinstance(app.screen, QueueScreen)
        await pilot.press("f3")
        await pilot.pause()
        after = targets.query_one(TopBar).styles.background
        assert after != before
        assert after == Color.parse(app.get_css_variables()["panel"])


async def test_clear_filter_is_dimmed_without_a_filter_and_the_footer_is_not_rebuilt(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:  # wide enough for the key to be seen
        screen = await open_targets(pilot)
        assert not clear_filter_enabled(screen)  # shown dimmed: no filter to clear
        await pilot.press("slash", *"ana")
        assert "esc: all" not in str(screen.query_one(Heading).note)  # in the field, esc leaves it
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        keys = footer_keys(screen)
        assert clear_filter_enabled(screen)
        assert "esc: all" in str(screen.query_one(Heading).note)
        await pilot.press("escape")  # the filter cleared: its key is dimmed again
        await pilot.pause()
        assert footer_keys(screen) == keys  # the very same widgets, none hidden
        assert not clear_filter_enabled(screen)
        assert "Filter" in shown_descriptions(screen)
        assert "esc: all" not in str(screen.query_one(Heading).note)
        await pilot.press("slash", "b", "enter")  # and lit (the filter's keys were new: built again)
        await pilot.pause()
        await pilot.pause()
        assert clear_filter_enabled(screen)
        assert "Back to the list" not in shown_descriptions(screen)


async def test_a_key_out_of_sight_is_dimmed_once_it_comes_into_sight(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_targets(pilot)
        await pilot.press("slash", *"ana", "enter")

        def clear_filter_keys() -> list:
            return [key for key in footer_keys(screen) if key.description == "Clear filter"]

        await until(pilot, lambda: bool(clear_filter_keys()), "the footer built again with Clear filter")
        (key,) = clear_filter_keys()
        palette = screen.query_one(".-command-palette")
        assert key.region.x >= palette.region.x  # under the palette's key, at 80 columns
        restyled = []
        key.set_class = lambda *args: restyled.append(args)  # type: ignore[method-assign]
        await pilot.press("escape")
        await pilot.pause()
        assert restyled == []  # not a frame drawn for a change no one can see
        del key.set_class
        await pilot.resize_terminal(120, 30)
        await until(pilot, lambda: key.region.x < palette.region.x, "the footer laid out at 120 columns")
        assert not clear_filter_enabled(screen)

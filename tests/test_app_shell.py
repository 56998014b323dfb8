"""The shell: screens reachable by key and palette, help, save status, read-only."""

from __future__ import annotations

from infoint_tui.tui.screens import PLACES
from infoint_tui.tui.screens.help import HelpScreen
from tests.conftest import screen_text


async def test_opens_on_the_queue(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.current_mode == "queue"
        assert app.screen.TITLE == "Queue"


async def test_every_screen_has_its_key(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        for place in PLACES:
            await pilot.press(place.key)
            await pilot.pause()
            assert app.current_mode == place.mode
            assert place.title == app.screen.TITLE


async def test_help_lists_the_keys_of_the_screen_beneath(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert "Keys: Queue" in screen_text(app)
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_survives_tiny_and_huge_terminals(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        for size in [(20, 6), (200, 60), (80, 24)]:
            await pilot.resize_terminal(*size)
            await pilot.pause()
        assert app.is_running


async def test_read_only_says_so(make_app, repo, tmp_path, notices) -> None:
    from infoint_tui.store.repository import Repository

    reader, reason = Repository.open_or_read_only(repo.path)
    assert reason is not None
    app = make_app(reader, read_only_reason=reason)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.save_status == ("read-only", True)
        assert any("another infoint" in n.message for n in notices)

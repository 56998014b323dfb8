"""How the app is wired: typed change messages, the queue's copy key beside Textual's, the
settings file (theme and keymap), and failures that are logged and shown, never lost."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest
from textual.message import Message
from textual.selection import Selection

from infoint_tui import cli
from infoint_tui.config import Config, load_config
from infoint_tui.domain.defaults import DEFAULT_TEMPLATES
from infoint_tui.domain.models import Template
from infoint_tui.domain.policy import DueKind
from infoint_tui.store.log import log_path
from infoint_tui.store.repository import Repository
from infoint_tui.tui.messages import DataChanged
from infoint_tui.tui.screens.base import BaseScreen
from infoint_tui.tui.screens.objectives import ObjectivesScreen
from infoint_tui.tui.screens.queue import QueueScreen
from infoint_tui.tui.screens.targets.screen import TargetsScreen
from infoint_tui.tui.widgets.chrome import NavBar
from infoint_tui.tui.widgets.message import MessageScreen
from tests.conftest import screen_text
from tests.outreach_support import expect, highlight, pasted, until  # noqa: F401 - fixture

pytestmark = pytest.mark.usefixtures("pasted")


def count_redraws(screens: list[BaseScreen]) -> Counter[str]:
    """Count each screen's `refresh_data` calls from now on, by the screen's mode."""
    drawn: Counter[str] = Counter()
    for screen in screens:

        def counted(*args: object, screen: BaseScreen = screen, draw=screen.refresh_data) -> None:
            drawn[screen.MODE] += 1
            draw(*args)

        screen.refresh_data = counted  # type: ignore[method-assign]
    return drawn


# 1. Typed change messages ----------------------------------------------------------------


async def test_a_change_tells_every_screen_what_it_touched_and_only_those_on_view_that_show_it_redraw(
    make_app,
) -> None:
    received: list[frozenset[str]] = []

    def hook(message: Message) -> None:
        if isinstance(message, DataChanged):
            received.append(message.kinds)

    app = make_app()
    async with app.run_test(size=(100, 30), message_hook=hook) as pilot:
        for key in ("f3", "f5", "f8", "f4"):  # every one built, the Objectives screen on view
            await pilot.press(key)
        objectives = await expect(pilot, ObjectivesScreen)
        screens = [s for s in app._every_screen() if isinstance(s, BaseScreen)]
        assert {s.MODE for s in screens} == {"queue", "targets", "templates", "settings", "objectives"}
        drawn = count_redraws(screens)

        template = _a_default_template()
        assert app.change(app.repo.save_template, replace(template, body=template.body + " Thanks."))
        await pilot.pause()
        assert set(received) == {frozenset({"templates"})}
        assert len(received) == len(screens)  # hidden screens hear of it too
        assert drawn == Counter()  # the objectives on view do not show templates; the rest are hidden

        objective = next(iter(app.repo.campaign.objectives.values()))
        assert app.change(app.repo.save, replace(objective, text="Learn how product teams hire"))
        await pilot.pause()
        assert drawn == Counter({"objectives": 1})
        assert "Learn how product teams hire" in screen_text(app)
        assert objectives.is_current


def _a_default_template() -> Template:
    return replace(next(iter(DEFAULT_TEMPLATES.values())))


async def test_a_hidden_screen_is_rebuilt_when_shown_only_if_a_change_touched_what_it_shows(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f3", "f2")
        targets = next(s for s in app._every_screen() if isinstance(s, TargetsScreen))
        rebuilt = Counter[str]()
        rebuild = targets._rebuild
        targets._rebuild = lambda: (rebuilt.update(["targets"]), rebuild())[1]  # type: ignore[method-assign]

        template = _a_default_template()
        assert app.change(app.repo.save_template, replace(template, body="Hello {first_name}."))
        await pilot.press("f3")
        await pilot.pause()
        assert rebuilt["targets"] == 0

        await pilot.press("f2")
        person = next(iter(app.repo.campaign.people.values()))
        assert app.change(app.repo.save, replace(person, name="Zoë Quartermaine"))
        await pilot.press("f3")
        await pilot.pause()
        assert rebuilt["targets"] == 1
        targets.action_show_person(person.id)
        await pilot.pause()
        assert "Zoë Quartermaine" in screen_text(app)


# 2. The queue's copy key and Textual's ----------------------------------------------------


async def test_ctrl_c_on_the_queue_copies_the_selected_text_as_everywhere_in_textual(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await expect(pilot, QueueScreen)
        # An item with nothing to copy: the queue's own copy is off, Textual's must still work.
        item = next(i for i in screen.items if not i.template)
        await highlight(pilot, screen, item.kind, item.person)
        screen.selections = {screen.query_one(NavBar): Selection(None, None)}  # as a mouse drag would
        await pilot.press("ctrl+c")
        await pilot.pause()
        # While the queue's own action was named copy_text, it took Textual's place: nothing copied.
        assert app.clipboard.startswith("F2 Queue  F3 Targets")
        assert app.screen is screen


async def test_c_still_opens_the_text_to_copy_under_its_own_action_name(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await expect(pilot, QueueScreen)
        await highlight(pilot, screen, DueKind.FOLLOW_UP, "Sofia García")
        binding = next(b for b in QueueScreen.BINDINGS if getattr(b, "id", None) == "queue_copy")
        assert (binding.key, binding.action) == ("c", "copy_message")
        await pilot.press("c")
        await expect(pilot, MessageScreen)


# 4. The settings file ----------------------------------------------------------------------


async def test_a_keymap_in_the_settings_file_moves_a_key(make_app, tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[keymap]\nqueue_copy = "ctrl+g"\n', encoding="utf-8")
    app = make_app(config=load_config(path))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await expect(pilot, QueueScreen)
        await highlight(pilot, screen, DueKind.FOLLOW_UP, "Sofia García")
        await pilot.press("c")
        await pilot.pause()
        assert app.screen is screen  # c no longer copies
        await pilot.press("ctrl+g")
        await expect(pilot, MessageScreen)


async def test_a_theme_chosen_is_kept_in_the_settings_file_and_used_on_the_next_start(
    make_app,
    tmp_path: Path,
) -> None:
    path = tmp_path / "settings" / "config.toml"
    app = make_app(config=load_config(path))
    async with app.run_test() as pilot:
        assert app.theme == "textual-dark"
        app.theme = "nord"  # what the palette's "Change theme" does
        await until(pilot, path.exists, "the settings file written")
    assert load_config(path).theme == "nord"
    assert 'theme = "nord"' in path.read_text(encoding="utf-8")

    again = make_app(config=load_config(path))
    async with again.run_test():
        assert again.theme == "nord"


async def test_a_theme_that_cannot_be_kept_is_still_used_and_said(make_app, tmp_path: Path, notices) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    app = make_app(config=Config(blocker / "config.toml"))
    async with app.run_test() as pilot:
        app.theme = "nord"
        await until(pilot, lambda: any("could not be kept" in n.message for n in notices), "the warning")
        assert app.theme == "nord"


def test_a_settings_file_that_is_not_toml_is_one_sentence_and_exit_1(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "config.toml"
    bad.write_text("[ui\ntheme = nord\n", encoding="utf-8")
    assert cli.main(["--config", str(bad)]) == 1
    assert cli.main(["interview", "--config", str(bad)]) == 1  # after the subcommand too
    out, err = capsys.readouterr()
    lines = err.splitlines()
    assert out == "" and len(lines) == 2 and lines[0] == lines[1]
    assert lines[0].startswith(f"infoint: The settings file {bad} is not valid TOML (")
    assert lines[0].endswith("fix it or move it aside.")


def test_infoint_config_names_the_settings_file(tmp_path: Path, capsys, monkeypatch) -> None:
    bad = tmp_path / "elsewhere.toml"
    bad.write_text("[ui]\ntheme = 3\n", encoding="utf-8")
    monkeypatch.setenv("INFOINT_CONFIG", str(bad))
    assert cli.main([]) == 1
    assert capsys.readouterr().err.strip() == (
        f'infoint: In the settings file {bad}, ui.theme must be text, such as "textual-dark".'
    )


# 5. Failures never vanish ------------------------------------------------------------------


async def test_a_daily_backup_that_fails_is_logged_and_shown(
    demo_file: Path, make_app, tmp_path: Path, notices
) -> None:
    data = tmp_path / "blocked" / "demo.json"
    data.parent.mkdir()
    data.write_bytes(demo_file.read_bytes())
    (data.parent / "backups").write_text("a file where the folder should be", encoding="utf-8")
    repo = Repository.open(data, background=True)
    try:
        app = make_app(repo)
        async with app.run_test(size=(120, 30)) as pilot:
            await until(pilot, lambda: bool(repo.storage.problems), "the backup thread's report")
            await until(
                pilot,
                lambda: any(n.message.startswith("Today's backup of demo.json") for n in notices),
                "the notification",
            )
    finally:
        repo.close()
    logged = log_path().read_text(encoding="utf-8")
    assert "Today's backup of demo.json could not be made in" in logged
    assert "your data itself is saved." in logged
    assert log_path().is_relative_to(tmp_path)  # the test's own state folder


def test_a_status_listener_that_fails_is_logged_and_saving_goes_on(demo_file: Path) -> None:
    repo = Repository.open(demo_file)
    heard: list[str] = []
    try:
        repo.add_problem_listener(heard.append)

        def broken(saved_at: object, error: object) -> None:
            raise RuntimeError("the screen is gone")

        repo.add_listener(broken)
        person = next(iter(repo.campaign.people.values()))
        repo.save(replace(person, name="Ana Saved"))
    finally:
        repo.close()
    assert "Ana Saved" in demo_file.read_text(encoding="utf-8")
    assert heard and "the screen is gone" in heard[0]
    assert "the screen is gone" in log_path().read_text(encoding="utf-8")


async def test_a_theme_the_app_does_not_know_starts_on_the_default_and_says_so(
    make_app, tmp_path: Path, notices
) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[ui]\ntheme = "solarised-mauve"\n', encoding="utf-8")
    app = make_app(config=load_config(path))
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.theme == "textual-dark"
        assert any("“solarised-mauve”" in n.message for n in notices)
    assert "solarised-mauve" in path.read_text(encoding="utf-8")  # left for the user to fix

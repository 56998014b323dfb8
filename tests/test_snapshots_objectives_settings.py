"""How the Objectives and Settings screens look (and their dialogs), at 80x24 and 120x40.

Update the pictures with `pytest tests/test_snapshots_objectives_settings.py --snapshot-update`
after a deliberate change, and look at them before committing.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from textual.widgets import Input, TextArea

from infoint_tui.demo import write_demo
from infoint_tui.store.repository import Repository
from infoint_tui.tui.app import InfointApp
from infoint_tui.tui.screens.settings import SettingsScreen, file_text

DAY = date(2026, 11, 26)
#: Shown instead of the test's temporary folder, which changes every run.
USUAL_PATH = Path("/home/alex/.local/share/infoint/infoint.json")
SIZES = [(80, 24), (120, 40)]


@pytest.fixture
def demo_app(tmp_path: Path):
    write_demo(tmp_path / "demo" / "demo.json", 60, DAY)
    repo = Repository.open(tmp_path / "demo" / "demo.json")
    yield InfointApp(repo, build_ahead=False)
    repo.close()


def keys(*steps: tuple[str, ...]):
    """Press each group of keys, letting the screen settle after each (opening a screen or
    a dialog takes a moment on a busy machine); then hold the cursors still for the picture."""

    async def run(pilot) -> None:
        for group in steps:
            await pilot.press(*group)
            await pilot.pause()
        screen = pilot.app.screen
        for widget in [*screen.query(Input), *screen.query(TextArea)]:
            widget.cursor_blink = False
        if isinstance(screen, SettingsScreen):
            screen.query_one("#settings-file").update(file_text(USUAL_PATH, read_only=False))
        await pilot.pause()

    return run


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_objectives(snap_compare, demo_app, size) -> None:
    assert snap_compare(demo_app, terminal_size=size, run_before=keys(("f4",), ("down",)))


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_settings(snap_compare, demo_app, size) -> None:
    assert snap_compare(demo_app, terminal_size=size, run_before=keys(("f8",)))


def test_settings_with_bad_fields(snap_compare, demo_app) -> None:
    clear = "ctrl+u"  # a field keeps its text when focused: clear it to type over it
    typing = ("tab", clear, *"12", "tab", clear, *"alex.example.com", "tab", "tab", "tab", clear, "0", "ctrl+s")
    assert snap_compare(demo_app, run_before=keys(("f8",), typing))


def test_new_objective_form_with_a_message(snap_compare, demo_app) -> None:
    assert snap_compare(demo_app, run_before=keys(("f4",), ("n",), ("tab", *"retail.", "ctrl+s")))


def test_delete_question(snap_compare, demo_app) -> None:
    assert snap_compare(demo_app, run_before=keys(("f4",), ("d",)))

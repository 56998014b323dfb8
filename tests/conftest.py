"""Shared fixtures: a fixed day, a private data file, demo campaigns, the app under test.

A developer's own data file, settings, failure log, clock and clipboard never reach a test:
INFOINT_DB, INFOINT_CONFIG, INFOINT_STATE and INFOINT_TODAY are set, and the clipboard is
stubbed, for every test. A fixed day without a time takes the wall clock's time of day: in a
test the wall clock reads 09:00 on TODAY, the hour of a morning review.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

import pytest

os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")

import textual._wait
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from infoint_tui import clock
from infoint_tui.store.log import forget_log

# Pilot sleeps in slices of SLEEP_GRANULARITY after every key until the process looks idle:
# 40 ms a key at least. A finer slice stops that, and each press then waits instead for what
# the keys set off to be handled (every message queue of the screen emptied, as `pause` does).
# The idle test keeps its proportion: under 5% busy over a slice.
textual._wait.SLEEP_GRANULARITY = 1 / 500
textual._wait.SLEEP_IDLE = textual._wait.SLEEP_GRANULARITY / 20
_press = Pilot.press


async def _press_and_settle(self: Pilot, *keys: str) -> None:
    await _press(self, *keys)
    await self._wait_for_screen()


Pilot.press = _press_and_settle  # type: ignore[method-assign]

# A blinking cursor makes a screenshot depend on how long the machine took to get there:
# the cursor stays drawn, as it is in every screenshot taken within half a second.
Input._toggle_cursor = lambda self: None  # type: ignore[method-assign]
TextArea._toggle_cursor_blink_visible = lambda self: None  # type: ignore[method-assign]

TODAY = date(2026, 11, 26)
#: The wall clock of every test (see `clock.wall_clock`).
MORNING = datetime.combine(TODAY, time(9, 0))
#: Fixture files, kept with the tests (see data/README.md).
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(autouse=True)
def private_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("INFOINT_DB", str(tmp_path / "private" / "infoint.json"))
    monkeypatch.setenv("INFOINT_TODAY", TODAY.isoformat())
    monkeypatch.setattr(clock, "wall_clock", lambda: MORNING)
    # Nor their settings file or failure log.
    monkeypatch.setenv("INFOINT_CONFIG", str(tmp_path / "private" / "config.toml"))
    monkeypatch.setenv("INFOINT_STATE", str(tmp_path / "private" / "state"))
    # As if over SSH, with pyperclip stubbed: no test reaches the developer's clipboard.
    import pyperclip

    monkeypatch.setenv("SSH_CONNECTION", "10.0.0.2 50000 10.0.0.1 22")
    monkeypatch.setattr(pyperclip, "copy", lambda text: None)
    clock.fix(None)
    yield
    clock.fix(None)
    forget_log()  # the next test's failures go to its own folder


@dataclass(frozen=True)
class Notice:
    message: str
    title: str
    severity: str


@pytest.fixture
def notices(monkeypatch: pytest.MonkeyPatch) -> list[Notice]:
    """Every notification the app shows, in order: recorded on its way through the public
    `App.notify` (screens and widgets notify through it too), then shown as usual."""
    from textual.app import App

    shown: list[Notice] = []
    show = App.notify

    def record(app, message, *, title="", severity="information", **options):
        shown.append(Notice(message, title, severity))
        return show(app, message, title=title, severity=severity, **options)

    monkeypatch.setattr(App, "notify", record)
    return shown


@pytest.fixture
def demo_file(tmp_path: Path) -> Path:
    from infoint_tui.demo import write_demo

    path = tmp_path / "demo.json"
    write_demo(path, 60, TODAY)
    return path


@pytest.fixture
def repo(demo_file: Path) -> Iterator:
    from infoint_tui.store.repository import Repository

    repository = Repository.open(demo_file, background=True)
    yield repository
    repository.close()


@pytest.fixture
def empty_repo(tmp_path: Path) -> Iterator:
    from infoint_tui.store.repository import Repository

    repository = Repository.open(tmp_path / "empty.json", background=True)
    yield repository
    repository.close()


@pytest.fixture
def make_app(repo):
    """Build the app on the demo campaign (call with another repo to change that).

    Screens are built as they are first shown, unless a test asks for `build_ahead=True`:
    built ahead, they would compete with the test's keys for the UI thread (tests of that
    work ask for it)."""
    from infoint_tui.tui.app import InfointApp

    def build(repository=None, build_ahead=False, **kwargs):
        return InfointApp(repository or repo, build_ahead=build_ahead, **kwargs)

    return build


def screen_text(app) -> str:
    """What the terminal shows, as plain text (from Textual's own screenshot)."""
    import html
    import re

    svg = app.export_screenshot()
    body = svg[svg.index('<g class="terminal-') :] if '<g class="terminal-' in svg else svg
    return html.unescape(re.sub(r"<[^>]+>", "", body)).replace("\xa0", " ")

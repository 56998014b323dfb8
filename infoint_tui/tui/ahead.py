"""Work done ahead, once the first screen is drawn, so that every other screen opens within a frame.

- Each screen's style sheet is read and parsed. Textual otherwise reads it on the screen's
  first show and then parses every style sheet of the app again, and restyles every widget.
- The screens' modules are imported, and the Targets lists (search index, sort orders and
  stages of 30,000 people) built, on a thread: the user is reading the Queue meanwhile.
  The lists are kept for the version of the data they were built from; a change made while
  they are built makes them useless, and the screen builds its own.
- Then the Targets screen itself is built from them, unseen (`QuickSwitchApp.build_mode`), a
  widget at a time between the user's keys, and after it every other screen, each drawn
  from the data as it is built (`BaseScreen.on_mount`): a function key only shows it.
"""

from __future__ import annotations

import asyncio
import inspect
import threading
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events

from infoint_tui.store.long_lived import long_lived
from infoint_tui.tui.screens import PLACES

if TYPE_CHECKING:
    from textual.app import App
    from textual.worker import WorkType

    from infoint_tui.domain.models import Campaign
    from infoint_tui.domain.target_search import TargetLists
    from infoint_tui.tui.switching import QuickSwitchApp


class Ahead:
    def __init__(self) -> None:
        self._lists: tuple[int, TargetLists] | None = None
        self._version: int | None = None
        self._thread: threading.Thread | None = None
        #: Set once everything is built, on the UI thread.
        self.finished = asyncio.Event()

    def start(self, app: QuickSwitchApp, campaign: Campaign, version: int, today: date) -> None:
        self._version = version
        self._thread = threading.Thread(
            target=self._build, args=(app, campaign, version, today), name="infoint-ahead", daemon=True
        )
        self._thread.start()

    def _build(self, app: QuickSwitchApp, campaign: Campaign, version: int, today: date) -> None:
        for place in PLACES:
            place.load()
        # The style sheet is the UI thread's; a message, as waiting on it could hold up F3's wait here.
        app.post_message(events.Callback(partial(read_style_sheets, app)))
        from infoint_tui.domain.target_search import TargetLists

        try:
            with long_lived():  # as long as this version of the data
                lists = TargetLists.build(campaign, today)
        except (RuntimeError, KeyError):  # the campaign changed under it: the screen builds its own
            app.post_message(events.Callback(self.finished.set))
            return
        self._lists = (version, lists)
        app.post_message(events.Callback(partial(self._start_building_screens, app)))

    def _start_building_screens(self, app: QuickSwitchApp) -> None:
        async def build_screens() -> None:
            for place in PLACES[1:]:  # Targets first, from the lists just built
                await app.build_mode(place.mode)
            self.finished.set()

        # The function, not a coroutine made now: a worker the app never runs (it is quitting)
        # would leave that coroutine unawaited, and Python says so on the terminal at exit.
        work: WorkType[None] = build_screens  # typed: Textual's union would take it as Never
        app.run_worker(work, group="ahead")

    def target_lists(self, version: int, today: date) -> TargetLists | None:
        """The Targets lists built ahead for this version of the data and day, once; None if
        there are none. Waits for them when they are under way: that is sooner than anew."""
        if self._thread is not None and self._version == version:
            self._thread.join()
        made, self._lists = self._lists, None
        if made is None or made[0] != version or made[1].today != today:
            return None
        return made[1]


def read_style_sheets(app: App) -> None:
    """Add every screen's style sheet to the app's, parsing only what is new."""
    stylesheet = app.stylesheet
    added = False
    for place in PLACES:
        screen = place.load()
        paths = screen.CSS_PATH if isinstance(screen.CSS_PATH, list) else [screen.CSS_PATH] if screen.CSS_PATH else []
        for path in paths:
            # Resolved as Textual does: beside the module that names it.
            full = (Path(inspect.getfile(screen)).parent / path).resolve()
            if not stylesheet.has_source(str(full)):
                stylesheet.read(full)
                added = True
    if added:
        # Only what is new is parsed. No widget shown now is restyled: each sheet's rules name
        # its own screen's widgets (by id), which are styled as they are mounted.
        stylesheet.parse()

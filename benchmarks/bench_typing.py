"""Typing into the live interview notes, autosave on, with 30,000 people in the file
(DESIGN section 7: no slower than a bare TextArea, ratio <= 1.1).

Both apps run headless at 80x24 and get the same keystrokes, sent as the terminal driver
sends them, one every PACE seconds (faster than anyone types, slow enough that each key is
drawn on its own), in lines of about a sentence, as notes are typed. A key's time runs from
sending it to the first frame drawn after the editor took it: what the person typing waits
for. The typing never pauses: the autosave stores the notes every quarter second and the
writer thread writes the 16 MB file about twice a second, as it would during a call. The CPU
time of the whole process (every thread) is shown beside it.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from collections.abc import Awaitable, Callable

from common import PEOPLE, TODAY, Row, at_most, scratch_copy, shown
from textual import events
from textual.app import App, ComposeResult
from textual.pilot import Pilot
from textual.widgets import TextArea

from infoint_tui import clock
from infoint_tui.store.repository import Repository

WORDS = [
    "they",
    "said",
    "research",
    "reaches",
    "the",
    "roadmap",
    "through",
    "a",
    "weekly",
    "meeting",
    "with",
    "product",
    "and",
    "design",
]
LINE = 72  # notes come in short paragraphs: Enter after about a sentence
NAMES = {" ": "space", "\n": "enter"}
SENT_AS = {"space": " ", "enter": "\r"}
CHARACTERS = 1_500
PACE = 0.01
RUNS = 3


def keys(count: int) -> list[str]:
    text, line = "", ""
    while len(text) + len(line) < count:
        line += WORDS[(len(text) + len(line)) % len(WORDS)] + " "
        if len(line) > LINE:
            text, line = text + line.rstrip() + "\n", ""
    return [NAMES.get(ch, ch) for ch in (text + line)[:count]]


class BareTextArea(App):
    def compose(self) -> ComposeResult:
        yield TextArea(soft_wrap=True)


class Typed(list):
    """Seconds from sending each key to the frame that shows it, and the CPU seconds of it all."""

    cpu: float = 0.0


async def _type(app: App, ready: Callable[[Pilot], Awaitable[None]], typed: list[str]) -> Typed:
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        editor = app.focused
        assert isinstance(editor, TextArea)
        editor.cursor_blink = False  # only typing draws frames
        driver = app._driver
        assert driver is not None
        frames: list[float] = []
        display = app._display

        def drawn(screen, renderable) -> None:
            display(screen, renderable)
            if renderable is not None:
                frames.append(time.perf_counter())

        app._display = drawn  # type: ignore[method-assign]
        taken = Typed()
        cpu = time.process_time()
        for key in typed:
            event = events.Key(key, SENT_AS.get(key, key))
            event.set_sender(app)
            before, drawn_so_far = editor.cursor_location, len(frames)
            start = time.perf_counter()
            driver.send_message(event)
            while editor.cursor_location == before or len(frames) == drawn_so_far:
                await asyncio.sleep(0)
            taken.append(frames[drawn_so_far] - start)
            await asyncio.sleep(PACE)
        taken.cpu = time.process_time() - cpu
        return taken


async def _bare_ready(pilot: Pilot) -> None:
    pilot.app.query_one(TextArea).focus()
    await pilot.pause()


async def _live_ready(pilot: Pilot) -> None:
    from infoint_tui.tui.screens.live import LiveInterviewScreen
    from infoint_tui.tui.widgets.choice import ChoiceScreen

    deadline = time.monotonic() + 30
    while not isinstance(pilot.app.screen, LiveInterviewScreen):
        if time.monotonic() > deadline:
            raise RuntimeError("the live view did not open")
        if isinstance(pilot.app.screen, ChoiceScreen):  # two calls booked at one time: the first
            await pilot.press("1")
        await pilot.pause(0.05)
    await pilot.pause()


def _ours(typed: list[str]) -> tuple[Typed, int]:
    """The live view's keystrokes, and how many times the file was written meanwhile."""
    from infoint_tui.tui.app import InfointApp

    repo = Repository.open(scratch_copy("typing"), background=True)
    writes = []
    repo.add_listener(lambda saved_at, error: writes.append(error))
    try:
        app = InfointApp(repo, start=("interviews", "start_today"))
        taken = asyncio.run(_type(app, _live_ready, typed))
    finally:
        repo.close()
    return taken, writes.count(None)


def _bare(typed: list[str]) -> Typed:
    return asyncio.run(_type(BareTextArea(), _bare_ready, typed))


def run() -> list[Row]:
    clock.fix(TODAY.isoformat())
    typed = keys(CHARACTERS)
    ours_runs, bare_runs, writes = [], [], 0
    for _ in range(RUNS):  # alternated, so that drift in the machine touches both alike
        taken, written = _ours(typed)
        ours_runs.append(taken)
        writes = max(writes, written)
        bare_runs.append(_bare(typed))
    ours = min(ours_runs, key=sum)
    bare = min(bare_runs, key=sum)
    return [
        at_most(
            f"{CHARACTERS:,} keys typed into notes, autosave on ({PEOPLE:,} people, {writes} writes)",
            sum(ours),
            sum(bare),
            1.1,
        ),
        shown("  one key, median", statistics.median(ours), statistics.median(bare)),
        shown("  one key, slowest", max(ours), max(bare)),
        shown("  CPU of the whole process (all threads)", ours.cpu, bare.cpu),
    ]


if __name__ == "__main__":
    from common import table

    print(table(run()))

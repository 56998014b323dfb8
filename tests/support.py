"""Waiting on a condition in Pilot tests, never for a fixed time."""

from __future__ import annotations

import time
from collections.abc import Callable

from textual.pilot import Pilot


async def until(
    pilot: Pilot, condition: Callable[[], bool], what: str = "the expected state", *, seconds: float = 5.0
) -> None:
    """Let the app work (workers, timers, the writer thread) until `condition()` holds, or fail
    after `seconds`: each `pilot.pause()` waits until the app is idle, then looks again."""
    deadline = time.monotonic() + seconds
    await pilot.pause()  # at least once: a screen just pushed has not mounted its widgets yet
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"never reached {what}; on screen: {type(pilot.app.screen).__name__}")
        await pilot.pause()

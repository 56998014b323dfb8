"""When to save text that is being typed: soon after the typing pauses, and regularly while
it does not, so that a crash or a dropped SSH link costs at most a few seconds of words.

The save itself is the owner's (a cheap in-memory change; the file is written on the
storage's own thread). Keystrokes only note the time: one timer, paused while nothing is
pending, decides when to call it.
"""

from __future__ import annotations

from collections.abc import Callable
from time import monotonic

from textual.message_pump import MessagePump

#: A pause in typing this long saves; with the tick, within a second of the last key.
QUIET_SECONDS = 0.8
#: Continuous typing is saved at least this often.
LONGEST_SECONDS = 5.0
TICK_SECONDS = 0.2


class Autosave:
    def __init__(self, owner: MessagePump, save: Callable[[], None]) -> None:
        self._save = save
        self._first = self._last = 0.0
        self.pending = False
        self._timer = owner.set_interval(TICK_SECONDS, self._tick, pause=True)

    def touched(self) -> None:
        """The text changed (called on every keystroke: keep it cheap)."""
        self._last = monotonic()
        if not self.pending:
            self.pending = True
            self._first = self._last
            self._timer.resume()

    def save_now(self) -> None:
        self.pending = False
        self._timer.pause()
        self._save()

    def _tick(self) -> None:
        now = monotonic()
        if now - self._last >= QUIET_SECONDS or now - self._first >= LONGEST_SECONDS:
            self.save_now()

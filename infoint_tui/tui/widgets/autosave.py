"""When to save text that is being typed: a moment after every change, pauses or not, so
that a crash or a dropped SSH link costs at most about the last second of words.

The save itself is the owner's: a cheap in-memory change, written to the file by the
storage's own thread at its own pace. Keystrokes only mark the text changed; one timer,
paused while nothing is pending, saves within SAVE_SECONDS of a change and at most that
often, so a burst of keys costs one save.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.message_pump import MessagePump

#: Words typed are in memory (and so in the writer's next write) this soon.
SAVE_SECONDS = 0.25


class Autosave:
    def __init__(self, owner: MessagePump, save: Callable[[], None]) -> None:
        self._save = save
        self.pending = False
        self._timer = owner.set_interval(SAVE_SECONDS, self.save_now, pause=True)

    def touched(self) -> None:
        """The text changed (called on every keystroke: keep it cheap)."""
        if not self.pending:
            self.pending = True
            self._timer.resume()

    def save_now(self) -> None:
        self.pending = False
        self._timer.pause()
        self._save()

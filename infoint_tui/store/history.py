"""The undo history: the last changes of the session, each with the records as they were before.

A step holds the before-image of every record it touched (None for one it created). The
held records are never edited in place (see the repository), so a before-image is the very
record that was held, not a copy. Undo is strictly last-first: the step undone is always
the newest, so no later change to its records is ever thrown away.

An undone step can be redone until a new step is made. A change made outside any step
(notes typed in the live view) is not undoable; the steps it would contradict, and all
older ones, are forgotten, so that the rule still holds (and every redo with them).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field

from infoint_tui.domain.models import Model

#: Steps kept for the session; older ones are forgotten.
UNDO_LIMIT = 20
#: A record by its model and id.
Key = tuple[type[Model], int]


@dataclass
class Step:
    """One undoable change, with the short label the app shows ("Deleted Cedar Labs")."""

    label: str
    #: Each record touched, as it was before the step; None when the step created it.
    before: dict[Key, Model | None] = field(default_factory=dict)

    def touched(self, key: Key, before: Model | None) -> None:
        self.before.setdefault(key, before)  # the first image is the one before the step


class History:
    def __init__(self, limit: int = UNDO_LIMIT) -> None:
        self._steps: deque[Step] = deque(maxlen=limit)
        self._undone: list[Step] = []  # each the inverse of a step undone, newest last

    def __len__(self) -> int:
        return len(self._steps)

    @property
    def last(self) -> Step | None:
        """The step `undo` would undo."""
        return self._steps[-1] if self._steps else None

    @property
    def redoable(self) -> Step | None:
        """The step `redo` would make again."""
        return self._undone[-1] if self._undone else None

    def push(self, step: Step) -> None:
        """A new step: what was undone can no longer be redone."""
        self._steps.append(step)
        self._undone.clear()

    def undone(self, inverse: Step) -> None:
        """The last step was undone; `inverse` makes it again."""
        self._steps.pop()
        self._undone.append(inverse)

    def redone(self, inverse: Step) -> None:
        """The last step undone was made again; `inverse` undoes it."""
        self._undone.pop()
        self._steps.append(inverse)

    def clear(self) -> None:
        self._steps.clear()
        self._undone.clear()

    def forget_touching(self, keys: Iterable[Key]) -> None:
        """Records changed outside any step: forget the newest step that touched one, and all before it."""
        changed = set(keys)
        if any(not changed.isdisjoint(step.before) for step in self._undone):
            self._undone.clear()
        for newest_first, step in enumerate(reversed(self._steps)):
            if not changed.isdisjoint(step.before):
                for _ in range(len(self._steps) - newest_first):
                    self._steps.popleft()
                return

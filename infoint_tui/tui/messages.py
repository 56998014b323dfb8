"""The messages the app sends its screens (handled with `on_...` or `@on`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, get_args

from textual.message import Message

if TYPE_CHECKING:  # the records' module loads with the data file, after the first frame
    from infoint_tui.domain.models import Model

#: What a change can touch: the repository's tables, as it names them.
RecordKind = Literal[
    "people", "companies", "outreach", "interviews", "objectives", "questions", "templates", "profile", "settings"
]
EVERY_KIND: frozenset[RecordKind] = frozenset(get_args(RecordKind))
#: The campaign's records proper, which most screens draw together.
RECORDS: frozenset[RecordKind] = frozenset({"people", "companies", "outreach", "interviews", "objectives"})


@dataclass
class DataChanged(Message, bubble=False):
    """A change was stored: records of these kinds are not what they were."""

    kinds: frozenset[RecordKind]
    #: Each record it touched, by model and id, as it was before (None: created), when the
    #: change knows (an undoable one); None when it does not.
    touched: Mapping[tuple[type[Model], int], Model | None] | None = None

    def can_replace(self, message: Message) -> bool:
        # Two changes waiting in a screen's queue need one redraw, if the later covers both;
        # the records they touched are then no longer known.
        if isinstance(message, DataChanged) and self.kinds <= message.kinds:
            message.touched = None
            return True
        return False


@dataclass
class SaveStatusChanged(Message):
    """The data file was written, or could not be: (text, is_a_problem) for the top bars."""

    status: tuple[str, bool]


@dataclass
class ProblemFound(Message):
    """A failure that did not stop the work (a backup), from any thread: tell the user."""

    problem: str

"""The app's text fields: focusing one never selects its text, and ctrl+z undoes in each.

Textual's Input selects all of its text on focus, so the first key typed wipes it; a
TextInput puts the cursor after the text instead. Input has no undo in Textual 8.2.8
(TextArea has: ctrl+z, and ctrl+y to redo), so TextInput keeps a history of its own, one
step per word typed or per other change. Both take ctrl+shift+z to redo as well, where the
terminal reports it; a screen that binds ctrl+y with priority (copying) keeps that key.
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.reactive import Reactive
from textual.widgets import Input, TextArea

#: Steps of undo an Input keeps.
UNDO_DEPTH = 100


class TextInput(Input):
    #: The width of the text, which Input sets on every key. As Textual's own reactive, each
    #: change laid the whole screen out again (20-50 ms a key on Settings); an Input shows no
    #: scroll bars, so a repaint is all it needs.
    virtual_size = Reactive(Size(0, 0), layout=False)

    BINDINGS = [
        Binding("ctrl+z", "undo", "Undo", show=False),
        Binding("ctrl+y,ctrl+shift+z", "redo", "Redo", show=False),
    ]

    def __init__(self, *args: Any, select_on_focus: bool = False, **kwargs: Any) -> None:
        self._undo: list[str] = []  # the values before each change, latest last
        self._redo: list[str] = []
        #: Where the last typed character ended while a word is being typed: the next joins its step.
        self._typing_at: int | None = None
        self._stepping = True  # the value given here is where the history starts
        super().__init__(*args, select_on_focus=select_on_focus, **kwargs)
        self._stepping = False

    def on_focus(self, event: events.Focus) -> None:
        if not event.from_app_focus:
            self.cursor_position = len(self.value)  # a click then puts it where it points

    def watch_value(self, old: str, new: str) -> None:
        if self._stepping:
            return
        start = _common_prefix(old, new)
        typed = len(new) == len(old) + 1 and new[start + 1 :] == old[start:]
        if not (typed and start == self._typing_at and not new[start].isspace()):
            self._undo = [*self._undo[-UNDO_DEPTH + 1 :], old]
        self._typing_at = start + 1 if typed else None
        self._redo.clear()

    def action_undo(self) -> None:
        self._step(self._undo, self._redo)

    def action_redo(self) -> None:
        self._step(self._redo, self._undo)

    def _step(self, back_to: list[str], keep_in: list[str]) -> None:
        if not back_to:
            return
        current, value = self.value, back_to.pop()
        keep_in.append(current)
        self._typing_at = None
        self._stepping = True
        try:
            self.value = value
        finally:
            self._stepping = False
        # The cursor goes to the end of what changed back, where the user was working.
        start = _common_prefix(current, value)
        self.cursor_position = len(value) - _common_prefix(current[start:][::-1], value[start:][::-1])


def _common_prefix(a: str, b: str) -> int:
    return next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))


class TextBox(TextArea):
    BINDINGS = [Binding("ctrl+shift+z", "redo", "Redo", show=False)]

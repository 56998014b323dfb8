"""The app's drop-down list: a letter picks the option whose label starts with it.

Textual's Select searches its open list for the typed text anywhere in a label, preferring
the earliest place and then the earliest option; its blank entry (the prompt, such as
"Choose one") comes first, so `c` lands on the prompt rather than on "Company". Here the
letters must start the label, the blank never matches, and they work on the closed list
too: each press of the same letter moves to the next option that starts with it.
"""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.widgets import Select
from textual.widgets._select import SelectCurrent, SelectOverlay

from infoint_tui.domain.text import fold


class _Overlay(SelectOverlay):
    def _find_search_match(self, query: str) -> int | None:
        select = self.parent
        return select.starting_with(query) if isinstance(select, Dropdown) else None


class Dropdown(Select[str]):
    def compose(self) -> ComposeResult:
        # As Select composes, with the overlay that searches label starts.
        yield SelectCurrent(self.prompt)
        yield _Overlay(type_to_search=self._type_to_search).data_bind(compact=Select.compact)

    def starting_with(self, letters: str, after: int = -1) -> int | None:
        """The first option after index `after` (wrapping round) whose label starts with
        `letters`, case and accents aside; never the blank one."""
        wanted = fold(letters)
        count = len(self._options)
        for step in range(1, count + 1):
            index = (after + step) % count
            label, value = self._options[index]
            if value != Select.NULL and fold(str(label)).startswith(wanted):
                return index
        return None

    def check_consume_key(self, key: str, character: str | None = None) -> bool:
        return _picks(character)

    def on_key(self, event: events.Key) -> None:
        if self.expanded or not _picks(event.character):
            return
        assert event.character is not None
        event.stop()
        event.prevent_default()
        current = next((i for i, (_, value) in enumerate(self._options) if value == self.value), -1)
        index = self.starting_with(event.character, after=current)
        if index is not None:
            self.value = self._options[index][1]


def _picks(character: str | None) -> bool:
    """A letter, digit or sign picks an option; space still opens the list."""
    return character is not None and character.isprintable() and not character.isspace()

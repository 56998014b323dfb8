"""Pieces the person and company forms share: tags, records found by name, completions."""

from __future__ import annotations

from typing import Any

from textual.suggester import SuggestFromList
from textual.widgets import Input

from infoint_tui.domain.target_search import fold
from infoint_tui.tui.widgets.form import FormScreen


def parse_tags(text: str) -> list[str]:
    """'mentor, #alumni,, mentor' -> ['mentor', 'alumni']: trimmed, no '#', no repeats."""
    tags = (tag.strip().lstrip("#").strip() for tag in text.split(","))
    return list(dict.fromkeys(tag for tag in tags if tag))


class Named:
    """Records the user picks by typing a label; case and accents do not matter."""

    def __init__(self, labels: dict[int, str], aliases: dict[int, str] | None = None) -> None:
        """`labels` are suggested; `aliases` (a shorter name) are accepted as well."""
        self.labels = labels
        self._ids: dict[str, set[int]] = {}
        for names in (labels, aliases or {}):
            for record_id, name in names.items():
                self._ids.setdefault(fold(name), set()).add(record_id)

    def find(self, text: str) -> list[int]:
        return sorted(self._ids.get(fold(text.strip()), ()))

    def suggestions(self) -> list[str]:
        return sorted(self.labels.values(), key=fold)


class SuggestingFormScreen(FormScreen):
    """A form whose text fields complete what is typed (→ takes the completion)."""

    def __init__(self, *args: Any, suggestions: dict[str, list[str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.suggestions = suggestions

    def on_mount(self) -> None:
        for name, options in self.suggestions.items():
            control = self.form.row(name).control
            if isinstance(control, Input):
                control.suggester = SuggestFromList(options, case_sensitive=False)

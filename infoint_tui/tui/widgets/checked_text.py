"""A TextArea that marks problems in its text: blanks, unknown placeholders, misspellings."""

from __future__ import annotations

from rich.text import Text

from infoint_tui.domain.spelling import Issue
from infoint_tui.tui.widgets.text_fields import TextBox

_CLASS_OF = {"unfilled": "blank", "unknown": "unknown", "misspelled": "misspelled", "doubled": "doubled"}


class CheckedTextArea(TextBox):
    """The marks are styles laid over the lines as they are drawn (TextArea.get_line's
    documented use); `mark` replaces them after each check."""

    COMPONENT_CLASSES = {"checked--blank", "checked--unknown", "checked--misspelled", "checked--doubled"}
    DEFAULT_CSS = """
    CheckedTextArea > .checked--blank { background: $warning 45%; text-style: bold; }
    CheckedTextArea > .checked--unknown { background: $error 50%; text-style: bold; }
    CheckedTextArea > .checked--misspelled { color: $text-error; text-style: bold underline; }
    CheckedTextArea > .checked--doubled { color: $text-warning; text-style: underline; }
    """

    def __init__(self, text: str, **kwargs: object) -> None:
        super().__init__(text, **kwargs)  # type: ignore[arg-type]
        self._marks: dict[int, list[tuple[int, int, str]]] = {}

    def mark(self, issues: list[Issue]) -> None:
        """Show these issues (offsets into `text`), an issue across lines marked on each."""
        marks: dict[int, list[tuple[int, int, str]]] = {}
        line_start = 0
        for row, line in enumerate(self.text.split("\n")):
            line_end = line_start + len(line)
            for issue in issues:
                start, end = max(issue.start, line_start), min(issue.end, line_end)
                if start < end:
                    marks.setdefault(row, []).append((start - line_start, end - line_start, issue.kind))
            line_start = line_end + 1
        self._marks = marks
        self.notify_style_update()  # drops the rendered-line cache
        self.refresh()

    def get_line(self, line_index: int) -> Text:
        line = super().get_line(line_index)
        for start, end, kind in self._marks.get(line_index, ()):
            line.stylize(self.get_component_rich_style(f"checked--{_CLASS_OF[kind]}"), start, end)
        return line

"""The prepared questions beside the notes: glanced at, never focused.

Focus stays in the notes; the screen moves the highlight (the current question) with its
own keys, and a click on a question makes it the current one.
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.widgets import OptionList

from infoint_tui.domain.models import PreparedQuestion
from infoint_tui.tui.widgets.hanging import hanging

ASKED = "✓ "
OPEN = "○ "


class Checklist(OptionList, can_focus=False):
    def show(self, questions: list[PreparedQuestion], current: int) -> None:
        self.clear_options()
        self.add_options(_line(question) for question in questions)
        if questions:
            self.highlighted = current


def _line(question: PreparedQuestion) -> Table:
    if question.asked:
        return hanging(Text(ASKED, style="bold green"), Text(question.text, style="dim"), len(ASKED))
    return hanging(Text(OPEN, style="bold"), Text(question.text), len(OPEN))

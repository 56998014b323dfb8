"""The prepared questions beside the notes: glanced at, never focused.

Focus stays in the notes; the screen moves the highlight (the current question) with its
own keys, and a click on a question makes it the current one. Questions of the bank may
follow the chosen ones, marked as such, to be picked during the call.
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.widgets import OptionList

from infoint_tui.domain.models import PreparedQuestion
from infoint_tui.tui.widgets.hanging import hanging

ASKED = "✓ "
OPEN = "○ "
FOLLOW_UP = "↳ "
IN_BANK = "+ "


class Checklist(OptionList, can_focus=False):
    def show(self, questions: list[PreparedQuestion], current: int, bank: list[str] | None = None) -> None:
        self.clear_options()
        self.add_options(_line(question) for question in questions)
        self.add_options(mark_row(Text(IN_BANK, style="bold"), Text(text, style="italic")) for text in bank or ())
        if self.option_count:
            self.highlighted = current


def _line(question: PreparedQuestion) -> Table:
    if question.asked:
        return mark_row(Text(ASKED, style="bold green"), Text(question.text, style="dim"))
    return mark_row(Text(FOLLOW_UP if question.follow_up else OPEN, style="bold"), Text(question.text))


def mark_row(mark: Text, text: Text) -> Table:
    """A line of a list with a two-cell mark before it, such as ✓ or ○."""
    return hanging(mark, text, len(ASKED))

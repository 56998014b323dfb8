"""The one look of every dialog: a bordered box centred over the dimmed screen."""

from __future__ import annotations

from typing import TypeVar

from textual.containers import Vertical
from textual.screen import ModalScreen

Result = TypeVar("Result")


class Dialog(ModalScreen[Result]):
    """A modal screen whose content sits in `box(...)`; subclasses set only its width, or
    what else differs, with `MyDialog > .dialog-box { ... }`."""

    DEFAULT_CSS = """
    Dialog { align: center middle; }
    Dialog > .dialog-box {
        width: 90%; max-width: 84; height: auto; max-height: 100%;
        border: round $accent; border-title-color: $text-accent; border-title-style: bold;
        border-subtitle-color: $text-muted; background: $surface; padding: 0 1;
    }
    """

    @staticmethod
    def box(id: str, title: str | None = None, keys: str | None = None) -> Vertical:
        """The dialog's box, titled, with the keys that work in it along the bottom border."""
        box = Vertical(id=id, classes="dialog-box")
        box.border_title = title
        box.border_subtitle = keys
        return box

"""Ask for the path of an existing file; `~` works and names complete as they are typed."""

from __future__ import annotations

import os
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.suggester import Suggester
from textual.widgets import Input, Static

from infoint_tui.domain.text import clean_line
from infoint_tui.tui.widgets.dialog import Dialog
from infoint_tui.tui.widgets.text_fields import TextInput


def expand(text: str) -> Path:
    return Path(os.path.expandvars(text.strip())).expanduser()


def file_problem(path: Path) -> str | None:
    """One sentence when there is no readable file at `path`."""
    if not path.exists():
        return f"There is no file at {path}."
    if path.is_dir():
        return f"{path} is a folder: add the file's name after it."
    if not os.access(path, os.R_OK):
        return f"{path} cannot be read: check its permissions."
    return None


class PathSuggester(Suggester):
    """Completes the last part of a path from the folder it is in, as a shell's tab does."""

    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=True)

    async def get_suggestion(self, value: str) -> str | None:
        head, _, start = value.rpartition("/")
        folder = expand(head + "/") if head or value.startswith("/") else Path.cwd()
        try:
            # A name holding control characters is never offered: it would be drawn as it is.
            names = sorted(
                entry.name + ("/" if entry.is_dir() else "")
                for entry in os.scandir(folder)
                if entry.name.startswith(start)
                and (start.startswith(".") or entry.name[0] != ".")
                and clean_line(entry.name) == entry.name
            )
        except OSError:
            return None
        return value + names[0][len(start) :] if names else None


class PathPrompt(Dialog[Path | None]):
    """Returns the path of an existing file, or None when cancelled."""

    DEFAULT_CSS = """
    PathPrompt #path-help { color: $text-muted; margin: 0 0 1 0; }
    PathPrompt #path-input { background: $boost; }
    PathPrompt #path-problem { color: $text-error; height: auto; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, help: str, placeholder: str = "") -> None:
        super().__init__()
        self.prompt_title = title
        self.help = help
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        with self.box("path-box", self.prompt_title, "enter Open · → completes · esc Cancel"):
            yield Static(self.help, id="path-help", markup=False)
            yield TextInput(placeholder=self.placeholder, suggester=PathSuggester(), compact=True, id="path-input")
            yield Static("", id="path-problem", markup=False)

    @on(Input.Submitted)
    def _open(self, event: Input.Submitted) -> None:
        if not event.value.strip():
            return
        path = expand(event.value)
        problem = file_problem(path)
        self.query_one("#path-problem", Static).update(problem or "")
        if problem is None:
            self.dismiss(path)

    def action_cancel(self) -> None:
        self.dismiss(None)

"""Long notes in the user's own editor: $VISUAL, $EDITOR, else vi or nano.

The app hands the terminal over (App.suspend) and takes it back when the editor exits.
The text travels through a private temporary file, removed afterwards.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import tempfile
from pathlib import Path

from textual.app import App, SuspendNotSupported

from infoint_tui.domain.text import clean_block

FALLBACKS = ("vi", "nano")


class EditorProblem(Exception):
    """The editor could not be used; the message says why and what to do."""


def editor_command() -> list[str]:
    for variable in ("VISUAL", "EDITOR"):
        value = os.environ.get(variable, "").strip()
        if value:
            command = shlex.split(value)
            if shutil.which(command[0]) is None:
                raise EditorProblem(
                    f"The editor {command[0]!r} set in ${variable} was not found: "
                    f"set ${variable} to an installed one, e.g. export {variable}=nano."
                )
            return command
    for fallback in FALLBACKS:
        if shutil.which(fallback):
            return [fallback]
    raise EditorProblem("No text editor was found: set $EDITOR to one, e.g. export EDITOR=nano.")


def edit_text(app: App, text: str, suffix: str = ".md") -> str:
    """The text as the user left it in their editor; EditorProblem if that failed."""
    command = editor_command()
    handle, name = tempfile.mkstemp(prefix="infoint-", suffix=suffix)  # readable by the owner only
    path = Path(name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
        try:
            with app.suspend():
                status = subprocess.run([*command, str(path)], check=False).returncode
        except SuspendNotSupported:
            raise EditorProblem("This terminal cannot hand over to an editor; type the notes here.") from None
        except OSError as error:
            raise EditorProblem(f"{command[0]} could not be started ({error.strerror}).") from None
        if status != 0:
            raise EditorProblem(f"{command[0]} exited with status {status}; the notes were left as they were.")
        return clean_block(path.read_text(encoding="utf-8"))  # a file: data, never terminal control
    finally:
        path.unlink(missing_ok=True)

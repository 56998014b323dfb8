"""Exports onto the disk: each file whole or not at all, private, never over another file.

An export holds the whole campaign (or someone's interview notes), so it gets the data
file's care: store.storage's atomic write, mode 0600. A file already there is replaced only
when the caller says so; interview files take the next free name instead.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from infoint_tui.domain.models import Campaign, Interview
from infoint_tui.exchange.interview_md import interview_markdown, markdown_filename
from infoint_tui.store.storage import write_atomically

PRIVATE_FOLDER = 0o700


class OutputProblem(Exception):
    """The place to write to cannot be used as given; the message is one sentence."""


def interviews_folder(data_file: Path) -> Path:
    """Where interview files go unless the user says otherwise: beside the data file, so in
    the user data folder by default (never wherever the app happened to be started)."""
    return data_file.parent / "interviews"


def write_export(path: Path, payload: bytes, *, replace: bool = False) -> None:
    """Write one export file; OutputProblem when `path` is not a place for a new file."""
    path = path.expanduser()
    if path.is_dir():
        raise OutputProblem(f"{path} is a folder; give the name of a file to write inside it.")
    if not path.parent.is_dir():
        raise OutputProblem(f"The folder {path.parent} does not exist; create it first, or choose another place.")
    if path.exists() and not replace:
        raise OutputProblem(
            f"{path} already exists and was left as it is; choose another name, or replace it with --force."
        )
    write_atomically(path, payload)


def write_interviews(campaign: Campaign, interviews: Iterable[Interview], folder: Path) -> list[Path]:
    """One Markdown file per interview in `folder` (created if missing), in time order; a
    name already taken gets -2, -3 (two interviews with one person on one day, or an
    export made again). Returns the files written."""
    folder = folder.expanduser().resolve()
    if folder.exists() and not folder.is_dir():
        raise OutputProblem(f"{folder} is a file, not a folder; choose a folder for the interview files.")
    try:
        folder.mkdir(mode=PRIVATE_FOLDER, parents=True, exist_ok=True)
    except OSError as error:
        raise OutputProblem(f"The folder {folder} cannot be created ({error.strerror}); choose another.") from None
    written = []
    for interview in sorted(interviews, key=lambda i: (i.when, i.id)):
        path = _free_name(folder, markdown_filename(campaign, interview))
        write_atomically(path, interview_markdown(campaign, interview).encode())
        written.append(path)
    return written


def _free_name(folder: Path, name: str) -> Path:
    stem, suffix = name.rsplit(".", 1)
    path, n = folder / name, 2
    while path.exists() or path.is_symlink():
        path, n = folder / f"{stem}-{n}.{suffix}", n + 1
    return path

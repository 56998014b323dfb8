"""Small files of what is due, kept beside the data file, for an instant start.

`data.json.snapshot` holds what the writer computed from the data for the app's first frame
(the Queue's items), with the day it was computed for and the data file's identity (inode,
size, modification time in nanoseconds) just after the write it describes.
`data.json.reviews` holds the morning review `infoint today` prints, for today and the next
few days (the first look of a morning comes after the app closed the evening before). Each
is read only while the identity still matches (and the snapshot only on its day): a data
file written since by anyone, and it is ignored, so it can be stale but never shown as if
current. They are caches: losing them costs a slower start, never data.

Only the process holding the writer lock writes them: after a quiet moment following a
save (never while the user is typing a burst), and when the file is closed.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from infoint_tui import clock
from infoint_tui.store.errors import SaveError

if TYPE_CHECKING:
    import threading

    from infoint_tui.domain.models import Campaign
    from infoint_tui.store.repository import Repository

#: Bumped whenever the content's layout changes: an older file is then ignored.
FORMAT = 3
#: After the last save, this long without another before the snapshot is brought up to date.
QUIET_SECONDS = 2.0

Content = dict[str, Any]
#: What a kept file holds, computed from the campaign at a moment of its day.
MakeContent = Callable[["Campaign", datetime], Content]
#: Where a kept file lies, beside the data file at the path given.
KeptPath = Callable[[Path], Path]


def snapshot_path(data_path: Path) -> Path:
    return data_path.with_name(data_path.name + ".snapshot")


def reviews_path(data_path: Path) -> Path:
    return data_path.with_name(data_path.name + ".reviews")


def file_identity(path: Path) -> list[int] | None:
    """What changes whenever the file is written (it is replaced whole): None if it is not there."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return [info.st_ino, info.st_size, info.st_mtime_ns]


def read_snapshot(data_path: Path, today: date) -> Content | None:
    """The content of the snapshot if it describes the data file as it is now, for `today`."""
    snapshot = _read_kept(snapshot_path(data_path), data_path)
    return snapshot["content"] if snapshot is not None and snapshot.get("day") == today.isoformat() else None


def read_review(data_path: Path, day: date) -> Content | None:
    """The morning review of `day` kept beside the data file, if it describes the file as it is."""
    reviews = _read_kept(reviews_path(data_path), data_path)
    review = reviews["content"].get(day.isoformat()) if reviews is not None else None
    return review if isinstance(review, dict) else None


def _read_kept(kept: Path, data_path: Path) -> Content | None:
    try:
        # The standard library's parser: importing orjson would cost `infoint today` more than this small read.
        document = json.loads(kept.read_bytes())
    except (OSError, ValueError, RecursionError):
        return None
    current = (
        isinstance(document, dict)
        and document.get("format") == FORMAT
        and document.get("file") == file_identity(data_path)
        and isinstance(document.get("content"), dict)
    )
    return document if current else None


def write_kept(kept: Path, data_path: Path, content: Content, today: date) -> None:
    """Describe the data file as it is now (call only when it holds exactly what `content` shows).

    Raises SaveError when the file cannot be written.
    """
    import orjson

    from infoint_tui.store.storage import write_atomically  # not for reading: the first frame reads

    document = {"format": FORMAT, "day": today.isoformat(), "file": file_identity(data_path), "content": content}
    write_atomically(kept, orjson.dumps(document))


class SnapshotKeeper:
    """Keeps the files beside one open repository up to date, on a thread of its own: each
    kept file's path, and what it holds."""

    def __init__(self, repo: Repository, kept: dict[KeptPath, MakeContent]) -> None:
        self.repo = repo
        self.kept = kept
        import threading  # here: `infoint today` reads snapshots, and keeps none

        self._timer: threading.Timer | None = None
        self._timer_lock = threading.Lock()
        repo.add_listener(self._saved)

    def _saved(self, _saved_at: object, error: str | None) -> None:
        """After each write attempt: once saves pause, describe the file as written."""
        if error is not None:
            return
        import threading

        with self._timer_lock:
            if self._timer is not None:
                self._timer.cancel()
            self._timer = threading.Timer(QUIET_SECONDS, self.write_now)
            self._timer.daemon = True
            self._timer.start()

    def write_now(self) -> None:
        """Write the kept files if the data file holds everything in memory; else a later save will.

        Their content is worked out with the data left free for changes (at 30,000 people, a
        tenth of a second the user's saves need not wait), and written only if none came.
        """
        storage, data_path = self.repo.storage, self.repo.path
        with storage.mutex:
            if storage.read_only or storage.closed or storage.dirty:
                return  # closed: the lock is gone, and with it the right to describe the file
            changes = storage.changes
        now = clock.now()
        try:
            contents = {path_of(data_path): make(self.repo.campaign, now) for path_of, make in self.kept.items()}
        except (RuntimeError, KeyError):  # the campaign changed under it: the next quiet moment writes them
            return
        with storage.mutex:  # no change can come between the file, its identity and the content
            if storage.closed or storage.changes != changes:
                return
            for kept, content in contents.items():
                with contextlib.suppress(OSError, SaveError):  # a cache: a start without it is slower, no worse
                    write_kept(kept, data_path, content, now.date())

    def close(self) -> None:
        """The final kept files: call once nothing changes any more, before the repository closes."""
        with self._timer_lock:
            if self._timer is not None:
                self._timer.cancel()
        with contextlib.suppress(SaveError):  # closing the repository retries, and reports it
            self.repo.flush()
        self.write_now()

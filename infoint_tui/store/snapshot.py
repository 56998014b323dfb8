"""A small snapshot of what is due, kept beside the data file, for an instant start.

`data.json.snapshot` holds what the writer computed from the data (the Queue's items, the
morning review) with the day it was computed for and the data file's identity (inode, size,
modification time in nanoseconds) just after the write it describes. It is read only when
both still match: another day, or a data file written since by anyone, and it is ignored,
so it can be stale but never shown as if current. It is a cache: losing it costs a slower
start, never data.

Only the process holding the writer lock writes it: after a quiet moment following a
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

#: Bumped whenever the content's layout changes: an older snapshot is then ignored.
FORMAT = 2
#: After the last save, this long without another before the snapshot is brought up to date.
QUIET_SECONDS = 2.0

Content = dict[str, Any]
#: What the snapshot holds, computed from the campaign at a moment of its day.
MakeContent = Callable[["Campaign", datetime], Content]


def snapshot_path(data_path: Path) -> Path:
    return data_path.with_name(data_path.name + ".snapshot")


def file_identity(path: Path) -> list[int] | None:
    """What changes whenever the file is written (it is replaced whole): None if it is not there."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return [info.st_ino, info.st_size, info.st_mtime_ns]


def read_snapshot(data_path: Path, today: date) -> Content | None:
    """The content of the snapshot if it describes the data file as it is now, for `today`."""
    try:
        # The standard library's parser: importing orjson would cost `infoint today` more than this small read.
        snapshot = json.loads(snapshot_path(data_path).read_bytes())
    except (OSError, ValueError, RecursionError):
        return None
    current = (
        isinstance(snapshot, dict)
        and snapshot.get("format") == FORMAT
        and snapshot.get("day") == today.isoformat()
        and snapshot.get("file") == file_identity(data_path)
        and isinstance(snapshot.get("content"), dict)
    )
    return snapshot["content"] if current else None


def write_snapshot(data_path: Path, content: Content, today: date) -> None:
    """Describe the data file as it is now (call only when it holds exactly what `content` shows).

    Raises SaveError when the snapshot cannot be written.
    """
    import orjson

    from infoint_tui.store.storage import write_atomically  # not for reading: the first frame reads

    document = {"format": FORMAT, "day": today.isoformat(), "file": file_identity(data_path), "content": content}
    write_atomically(snapshot_path(data_path), orjson.dumps(document))


class SnapshotKeeper:
    """Keeps the snapshot of one open repository up to date, on a thread of its own."""

    def __init__(self, repo: Repository, make_content: MakeContent) -> None:
        self.repo = repo
        self.make_content = make_content
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
        """Write the snapshot if the file holds everything in memory; else a later save will."""
        storage = self.repo.storage
        with storage.mutex:  # no change can come between the file, its identity and the content
            if storage.read_only or storage.closed or storage.dirty:
                return  # closed: the lock is gone, and with it the right to describe the file
            with contextlib.suppress(OSError, SaveError):  # a cache: a start without it is slower, no worse
                now = clock.now()
                write_snapshot(self.repo.path, self.make_content(self.repo.campaign, now), now.date())

    def close(self) -> None:
        """The final snapshot: call once nothing changes any more, before the repository closes."""
        with self._timer_lock:
            if self._timer is not None:
                self._timer.cancel()
        with contextlib.suppress(SaveError):  # closing the repository retries, and reports it
            self.repo.flush()
        self.write_now()

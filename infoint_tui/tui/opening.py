"""Opening the data file for the app: at once, or on a thread after the first frame.

With a current snapshot (store/snapshot.py) the app draws the Queue from it and only then
asks for the file to be read; meanwhile the keys typed wait (TypeAheadApp.hold_keys).
Nothing here imports the records: that happens on the thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future
from datetime import datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from infoint_tui.tui.screens.queue_rows import QueueSnapshot

#: The days after today whose review is kept: from a Friday evening, Monday morning's.
REVIEW_DAYS = 3

if TYPE_CHECKING:
    from infoint_tui.domain.models import Campaign
    from infoint_tui.store.repository import Repository
    from infoint_tui.store.snapshot import KeptPath, MakeContent, SnapshotKeeper


class Opened(NamedTuple):  # not a dataclass: imported before the first frame, and quicker to make
    repo: Repository
    #: When read-only, the sentence that says why.
    read_only_reason: str | None
    #: Keeps the snapshot up to date, when this process may write the file.
    keeper: SnapshotKeeper | None

    def close(self) -> None:
        """The final snapshot, then the file let go (SaveError when the last write fails)."""
        if self.keeper is not None:
            self.keeper.close()
        self.repo.close()


def open_data_file(path: Path) -> Opened:
    """Open for writing (read-only when another process writes it), keeping its snapshot."""
    from infoint_tui.store.repository import Repository

    repo, read_only_reason = Repository.open_or_read_only(path, background=True)
    return Opened(repo, read_only_reason, None if repo.read_only else keeper_of(repo))


def keeper_of(repo: Repository) -> SnapshotKeeper:
    """What is kept beside the data file: the Queue the app's first frame draws while the file
    loads, and the reviews `infoint today` prints."""
    from infoint_tui.store.snapshot import SnapshotKeeper, reviews_path, snapshot_path
    from infoint_tui.tui.screens.queue_card import queue_snapshot

    kept: dict[KeptPath, MakeContent] = {snapshot_path: queue_snapshot, reviews_path: reviews_ahead}
    return SnapshotKeeper(repo, kept)


def reviews_ahead(campaign: Campaign, now: datetime) -> dict[str, Any]:
    """The morning review `infoint today` prints (agenda_form), by day: today's at `now`, and
    each of the next REVIEW_DAYS as it stands when that day begins (a review holds until a
    moment it compared the clock with, such as a call's end, is passed)."""
    from infoint_tui.usecases.agenda import review_document

    days = [now, *(datetime.combine(now.date() + timedelta(days=ahead), time()) for ahead in range(1, REVIEW_DAYS + 1))]
    return {moment.date().isoformat(): review_document(campaign, moment) for moment in days}


class Opening:
    """A data file to open on a thread, once `start` is called; `snapshot` is its Queue meanwhile."""

    def __init__(self, path: Path, snapshot: QueueSnapshot) -> None:
        self.path = path
        self.snapshot = snapshot
        self._future: Future[Opened] = Future()
        self._started = False

    def start(self, done: Callable[[], object]) -> None:
        """Open the file on a thread; `done` is called there once it is open (or failed)."""
        self._started = True

        def run() -> None:
            try:
                self._future.set_result(open_data_file(self.path))
            except BaseException as error:  # noqa: BLE001 - handed to whoever asks for the result
                self._future.set_exception(error)
            done()

        threading.Thread(target=run, name="infoint-open", daemon=True).start()

    def result(self) -> Opened | None:
        """The open file, waiting for it (None if it was never asked for); raises what opening raised."""
        return self._future.result() if self._started else None

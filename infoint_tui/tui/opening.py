"""Opening the data file for the app: at once, or on a thread after the first frame.

With a current snapshot (store/snapshot.py) the app draws the Queue from it and only then
asks for the file to be read; meanwhile the keys typed wait (TypeAheadApp.hold_keys).
Nothing here imports the records: that happens on the thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from infoint_tui.tui.screens.queue_rows import QueueSnapshot

if TYPE_CHECKING:
    from datetime import datetime

    from infoint_tui.domain.models import Campaign
    from infoint_tui.store.repository import Repository
    from infoint_tui.store.snapshot import SnapshotKeeper


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
    from infoint_tui.store.snapshot import SnapshotKeeper

    repo, read_only_reason = Repository.open_or_read_only(path, background=True)
    keeper = None if repo.read_only else SnapshotKeeper(repo, snapshot_content)
    return Opened(repo, read_only_reason, keeper)


def snapshot_content(campaign: Campaign, now: datetime) -> dict[str, Any]:
    """What the snapshot keeps: the Queue's first frame (QueueSnapshot), and under "review"
    the morning review that `infoint today` prints (agenda_form)."""
    from infoint_tui.tui.screens.queue_card import queue_snapshot
    from infoint_tui.usecases.agenda import review_document

    return queue_snapshot(campaign, now) | {"review": review_document(campaign, now)}


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

"""A TinyDB storage a user can trust with their notes.

Stock `JSONStorage` rewrites the file in place and re-parses it on every query. This one:
- keeps the data in memory; while the process holds the writer lock its copy is the truth;
- writes atomically and durably: temp file in the same folder, fsync, `os.replace`, fsync
  of the folder, so the file on disk is always a whole old or a whole new version;
- serialises with orjson, keys sorted and indented, so the file diffs well under git;
- in background mode, writes on its own thread (never the UI thread), coalescing bursts,
  and retries a failed write until it succeeds, reporting every outcome to a listener.
"""

from __future__ import annotations

import contextlib
import errno
import os
import threading
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage

from infoint_tui.store.errors import ReadOnlyError, SaveError

Data = dict[str, dict[str, Any]]
#: Called after every write attempt: (time of the last good save, error sentence or None).
StatusListener = Callable[[datetime | None, str | None], None]

RETRY_SECONDS = 2.0


def serialise(data: Data) -> bytes:
    return orjson.dumps(data, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS | orjson.OPT_APPEND_NEWLINE)


def write_atomically(path: Path, payload: bytes) -> None:
    """Replace `path` with `payload` so that a crash leaves either version whole."""
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            view = memoryview(payload)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, path)
    except OSError as error:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise SaveError(describe_os_error(error, path)) from error
    _fsync_folder(path.parent)


def _fsync_folder(folder: Path) -> None:
    # Makes the rename itself durable; some file systems refuse, which is harmless.
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def describe_os_error(error: OSError, path: Path) -> str:
    if error.errno == errno.ENOSPC:
        return f"not saved: the disk holding {path.parent} is full"
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"not saved: {path.parent} cannot be written to"
    return f"not saved: {error.strerror or error} ({path})"


class DurableStorage(Storage):
    def __init__(self, path: Path, data: Data, *, read_only: bool = False, background: bool = False) -> None:
        self.path = path
        self.read_only = read_only
        #: Held by every reader and writer of `_data`; TinyDB itself is not thread-safe.
        self.mutex = threading.RLock()
        self._data = data
        self._changes = 0  # bumped by every write(); compared with _saved to know if dirty
        self._saved = 0
        self._batch_depth = 0
        self._io = threading.Lock()  # one file write at a time
        self._listeners: list[StatusListener] = []
        self.saved_at: datetime | None = None
        self.error: str | None = None
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        if background and not read_only:
            self._thread = threading.Thread(target=self._run, name="infoint-writer", daemon=True)
            self._thread.start()

    # TinyDB's storage interface -------------------------------------------------------

    def read(self) -> Data:
        return self._data

    def write(self, data: Data) -> None:
        if self.read_only:
            raise ReadOnlyError(f"{self.path} is open read-only; this change was not saved.")
        with self.mutex:
            self._data = data
            self._changes += 1
        if self._batch_depth:
            return
        if self._thread is not None:
            self._wake.set()
        else:
            self.flush()

    def close(self) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=10)
            self._thread = None

    # Ours ------------------------------------------------------------------------------

    @property
    def dirty(self) -> bool:
        return self._saved != self._changes

    def add_listener(self, listener: StatusListener) -> None:
        self._listeners.append(listener)

    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        """Group several changes into one write."""
        with self.mutex:
            self._batch_depth += 1
            try:
                yield
            finally:
                self._batch_depth -= 1
        if not self._batch_depth and self.dirty:
            if self._thread is not None:
                self._wake.set()
            else:
                self.flush()

    def flush(self) -> None:
        """Write now if anything changed; raise SaveError if it cannot be written."""
        if self.read_only:
            return
        with self._io:
            with self.mutex:
                if not self.dirty:
                    return
                changes = self._changes
                payload = serialise(self._data)
            try:
                write_atomically(self.path, payload)
            except SaveError as error:
                self._report(error=str(error))
                raise
            self._saved = changes
            self._report(error=None, saved_at=datetime.now())

    def _report(self, error: str | None, saved_at: datetime | None = None) -> None:
        self.error = error
        if saved_at is not None:
            self.saved_at = saved_at
        for listener in self._listeners:
            listener(self.saved_at, self.error)

    def _run(self) -> None:
        while True:
            self._wake.wait()
            self._wake.clear()
            if self._stop.is_set() and not self.dirty:
                return
            try:
                self.flush()
            except SaveError:
                # Keep the change in memory and try again; the listener shows "not saved".
                if self._stop.wait(RETRY_SECONDS):
                    return  # closing: the owner makes a last synchronous attempt
                self._wake.set()
            if self._stop.is_set() and not self.dirty:
                return

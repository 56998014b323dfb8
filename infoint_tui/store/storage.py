"""A TinyDB storage a user can trust with their notes.

Stock `JSONStorage` rewrites the file in place and re-parses it on every query. This one:
- keeps the data in memory; while the process holds the writer lock its copy is the truth;
- writes atomically and durably: temp file in the same folder, fsync, `os.replace`, fsync
  of the folder, so the file on disk is always a whole old or a whole new version;
- serialises with orjson, keys sorted and indented, so the file diffs well under git; only
  the tables a change touched are serialised again, a thousand records at a time, and the
  others' text is copied from the file written last, held open: typing notes into a 16 MB
  campaign serialises the interviews, not the 30,000 people, and no table's text is kept
  in memory (it would cost as much again as the records);
- in background mode, writes on its own thread (never the UI thread): a lone change at
  once, a burst (typing with autosave) begun at most every PACE_SECONDS, so a large file is
  not rewritten many times a second and a crash loses at most about the last second; retries
  a failed write until it succeeds, reporting every outcome to the listeners.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import threading
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from time import monotonic
from typing import Any

import orjson
from tinydb.storages import Storage

from infoint_tui.store.errors import ReadOnlyError, SaveError
from infoint_tui.store.log import record_failure
from infoint_tui.store.long_lived import uncollected

Data = dict[str, dict[str, Any]]
#: Called after every write attempt: (time of the last good save, error sentence or None).
StatusListener = Callable[[datetime | None, str | None], None]
#: Hears, on any thread, one sentence for a failure that did not stop the work (a backup).
ProblemListener = Callable[[str], object]

RETRY_SECONDS = 2.0
PACE_SECONDS = 0.5
PRIVATE = 0o600  # the data file, its backups and its lock: the owner's eyes only


_LAYOUT = orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS


def serialise(data: Data) -> bytes:
    return orjson.dumps(data, option=_LAYOUT | orjson.OPT_APPEND_NEWLINE)


#: Records serialised at a time: a table's text is written as it is made, never held whole.
CHUNK = 1_000


def _table_pieces(table: dict[str, Any]) -> Iterator[bytes]:
    """A table as `serialise` lays it out inside the document (one level deeper), in pieces."""
    if not table:
        yield b"{}"
        return
    keys = sorted(table)  # as OPT_SORT_KEYS orders them: the ids are ASCII digits
    for start in range(0, len(keys), CHUNK):
        chunk = {key: table[key] for key in keys[start : start + CHUNK]}
        members = orjson.dumps(chunk, option=_LAYOUT)[1:-2]  # without its braces: b'\n  "1": {...}'
        yield (b"," if start else b"{") + members.replace(b"\n", b"\n  ")
    yield b"\n  }"


class Payload:
    """The file's bytes, written piece by piece by `write_atomically`, byte for byte what
    `serialise` makes: each table serialised, or, given as None, copied from `last`.

    It keeps the new file open (`kept`) and where each table's text lies in it, for the next.
    """

    def __init__(self, tables: dict[str, dict[str, Any] | None], last: WrittenFile | None) -> None:
        self.tables, self.last = tables, last  # None: the table is as `last` holds it
        self.kept: WrittenFile | None = None

    def write_to(self, fd: int) -> None:
        spans: dict[str, tuple[int, int]] = {}
        at = _write_all(fd, b"{\n" if self.tables else b"{}")
        for n, name in enumerate(sorted(self.tables)):
            at += _write_all(fd, (b",\n  " if n else b"  ") + orjson.dumps(name) + b": ")
            start, table = at, self.tables[name]
            if table is None:
                assert self.last is not None, "a table is reused only from a file written before"
                at += self.last.copy(name, fd)
            else:
                for piece in _table_pieces(table):
                    at += _write_all(fd, piece)
            spans[name] = (start, at - start)
        _write_all(fd, b"\n}\n" if self.tables else b"\n")
        self.kept = WrittenFile(os.dup(fd), spans)

    def discard(self) -> None:
        """Let go of the new file (the write failed after it was made)."""
        if self.kept is not None:
            self.kept.close()
            self.kept = None


class WrittenFile:
    """A file this process wrote, still open: where each table's text lies in it."""

    def __init__(self, fd: int, spans: dict[str, tuple[int, int]]) -> None:
        self.fd, self.spans = fd, spans
        self._stamp: tuple[int, int] | None = None

    def seal(self) -> None:
        """Note its size and time once written: a change by anyone else after that shows."""
        status = os.fstat(self.fd)
        self._stamp = (status.st_size, status.st_mtime_ns)

    @property
    def untouched(self) -> bool:
        """True unless someone wrote into the file since (an editor saving in place)."""
        status = os.fstat(self.fd)
        return self._stamp == (status.st_size, status.st_mtime_ns)

    def copy(self, name: str, out: int) -> int:
        """Copy table `name`'s text into `out`; the number of bytes copied."""
        offset, length = self.spans[name]
        end = offset + length
        while offset < end:
            piece = os.pread(self.fd, min(1 << 20, end - offset), offset)
            if not piece:
                raise OSError(errno.EIO, "the file written last ended early")
            offset += _write_all(out, piece)
        return length

    def close(self) -> None:
        with contextlib.suppress(OSError):
            os.close(self.fd)


def _write_all(fd: int, data: bytes) -> int:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]
    return len(data)


def read_only_mode(path: Path) -> int | None:
    """The mode of `path` if the user made it read-only (chmod 444), else None.

    `os.replace` would replace it all the same (only the folder's mode counts), so this is
    asked before. Root passes `os.access` for any file; the missing write bits still say the
    user wants the file kept as it is.
    """
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        return None  # no file yet (or none to see): nothing to keep
    return None if mode & 0o222 and os.access(path, os.W_OK) else mode


def write_atomically(path: Path, payload: bytes | Payload) -> None:
    """Replace `path` with `payload` so that a crash leaves either version whole.

    Raises SaveError ("not saved: ...") when the disk refuses or the user made `path`
    read-only; no temp file is left behind.
    """
    if (mode := read_only_mode(path)) is not None:
        raise SaveError(f"not saved: {path} is read-only (chmod {mode:o})")
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        fd = os.open(temp, os.O_RDWR | os.O_CREAT | os.O_TRUNC, PRIVATE)  # read too: see Payload
        try:
            os.chmod(temp, PRIVATE)  # whatever the umask, or the mode of a stale temp file
            if isinstance(payload, Payload):
                payload.write_to(fd)
            else:
                _write_all(fd, payload)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, path)
    except BaseException as error:  # also an interrupt: never leave a stray temp file
        with contextlib.suppress(OSError):
            temp.unlink()
        if isinstance(error, OSError):
            raise SaveError(describe_os_error(error, path)) from error
        raise
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
    if error.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):  # full, or over quota
        return f"not saved: the disk holding {path.parent} is full"
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"not saved: {path.parent} cannot be written to"
    return f"not saved: {error.strerror or error} ({path})"


class DurableStorage(Storage):
    def __init__(self, path: Path, data: Data, *, read_only: bool = False, background: bool = False) -> None:
        self.path = path
        self.read_only = read_only
        self.closed = False
        #: Held by every reader and writer of `_data`; TinyDB itself is not thread-safe.
        self.mutex = threading.RLock()
        self._data = data
        self._last: WrittenFile | None = None  # the file written last, whose tables' texts are reused
        self._stale: set[str] | None = None  # the tables whose text must be redone; None: all
        self._changes = 0  # bumped by every write(); compared with _saved to know if dirty
        self._saved = 0
        self._batch_depth = 0
        self._io = threading.Lock()  # one file write at a time, in the order of the changes
        self._listeners: list[StatusListener] = []
        self._problem_listeners: list[ProblemListener] = []
        #: Every problem reported so far, for a listener that comes late (the app, after a
        #: backup made on another thread at start-up failed).
        self.problems: list[str] = []
        self._problems_lock = threading.Lock()
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

    def write(self, data: Data, touched: str | None = None) -> None:
        """Take `data` as the new truth; `touched` names the one table changed, if only one was."""
        self.check_writable()
        with self.mutex:
            self._data = data
            if touched is None:
                self._stale = None
            elif self._stale is not None:
                self._stale.add(touched)
            self._changes += 1
            if self._batch_depth:
                return
        self._written()

    def close(self) -> None:
        """Stop the writer thread and write what is pending (SaveError if it cannot be).

        Afterwards every change is refused: without the lock, writing would be unsafe.
        """
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=10)
            self._thread = None
        try:
            self.flush()
        finally:
            self.closed = True
            self._forget_last()

    # Ours ------------------------------------------------------------------------------

    @property
    def dirty(self) -> bool:
        return self._saved != self._changes

    @property
    def changes(self) -> int:
        """How many changes were taken so far: while it stays the same, so does the data."""
        return self._changes

    def check_writable(self) -> None:
        """Raise ReadOnlyError unless changes may be made (call before touching the data)."""
        if self.read_only:
            raise ReadOnlyError(f"{self.path} is open read-only; this change was not saved.")
        if self.closed:
            raise ReadOnlyError(f"{self.path} has been closed; this change was not saved.")

    def add_listener(self, listener: StatusListener) -> None:
        self._listeners.append(listener)

    def add_problem_listener(self, listener: ProblemListener) -> None:
        """Tell `listener` of every problem reported, those before now included."""
        with self._problems_lock:
            self._problem_listeners.append(listener)
            earlier = list(self.problems)
        for problem in earlier:
            listener(problem)

    def report_problem(self, problem: str) -> None:
        """A failure that must not vanish: into the log, and to the listeners."""
        record_failure(problem)
        with self._problems_lock:
            self.problems.append(problem)
            listeners = tuple(self._problem_listeners)
        for listener in listeners:
            try:
                listener(problem)
            except Exception as error:  # noqa: BLE001 - the problem is in the log already
                record_failure(f"Could not show a problem ({error!r}).")

    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        """Group several changes into one write, made once the outermost batch ends.

        The mutex is held throughout, so no write ever contains half a batch.
        """
        with self.mutex:
            self._batch_depth += 1
            try:
                yield
            finally:
                self._batch_depth -= 1
        if not self._batch_depth and self.dirty:
            self._written()

    def _written(self) -> None:
        if self._thread is not None:
            self._wake.set()
        else:
            self.flush()

    def flush(self) -> None:
        """Write now if anything changed; raise SaveError if it cannot be written.

        Listeners hear the outcome after the locks are released: a listener that waits on
        another thread (the UI) must never hold up a flush that thread is waiting for.
        """
        if self.read_only or self.closed:
            return
        try:
            with self._io, uncollected():  # the copies of whole tables live only as long as this
                if not self._write_pending():
                    return
        except SaveError as error:
            self._report(error=str(error))
            raise
        self._report(error=None, saved_at=datetime.now())

    def _write_pending(self) -> bool:
        """Write the file if dirty; True when something was written.

        The mutex is held only to take the changed tables: a shallow copy of each is theirs
        as they are now, for a stored record is replaced, never changed (`InPlaceTable.put`).
        """
        with self.mutex:
            if not self.dirty:
                return False
            changes, stale, self._stale = self._changes, self._stale, set()
            last = self._last if stale is not None and self._last is not None and self._last.untouched else None
            reused = set() if last is None or stale is None else last.spans.keys() - stale
            tables = {name: None if name in reused else dict(table) for name, table in self._data.items()}
        payload = Payload(tables, last)
        try:
            write_atomically(self.path, payload)
            if payload.kept is not None:
                payload.kept.seal()
        except BaseException as error:
            payload.discard()
            with self.mutex:  # done again next time, in full: the file written last may be the fault
                self._stale = None
            self._forget_last()
            if isinstance(error, TypeError):  # a value JSON cannot hold: a bug, but say so
                raise SaveError(f"not saved: {error}") from error
            raise
        self._forget_last()
        self._last, self._saved = payload.kept, changes
        return True

    def _forget_last(self) -> None:
        if self._last is not None:
            self._last.close()
            self._last = None

    def _report(self, error: str | None, saved_at: datetime | None = None) -> None:
        self.error = error
        if saved_at is not None:
            self.saved_at = saved_at
        for listener in tuple(self._listeners):
            # Listeners only display the outcome; one that fails (an app shutting down)
            # must not stop the saving. The outcome stays readable in saved_at / error.
            try:
                listener(self.saved_at, self.error)
            except Exception as failure:  # noqa: BLE001 - reported, and the saving goes on
                self.report_problem(f"After saving {self.path}, showing the outcome failed: {failure!r}.")

    def _run(self) -> None:
        while True:
            self._wake.wait()
            self._wake.clear()
            started = monotonic()
            try:
                self.flush()
                # Changes made meanwhile gather into the next write, begun PACE_SECONDS after
                # this one began; the writer rests at least as long as it worked, so that a
                # huge file is not being written all the time.
                took = monotonic() - started
                pause = max(PACE_SECONDS - took, took)
            except SaveError:
                # The change stays in memory and the listeners show "not saved"; retry.
                self._wake.set()
                pause = RETRY_SECONDS
            if self._stop.wait(pause):
                return  # closing: close() writes what is pending itself

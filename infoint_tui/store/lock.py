"""One writer per data file: an OS lock on `<db>.lock`, held for the life of the process.

The kernel drops the lock when the process dies, however it dies, so a crash never leaves
a stale lock behind (and the lock file itself is never deleted, which would let two
processes lock two different files). The lock file names its holder (pid and host) for
the message a second instance shows.
"""

from __future__ import annotations

import contextlib
import errno
import os
from pathlib import Path

from infoint_tui.store.errors import DataFileError, LockedError

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]
    import msvcrt

PRIVATE = 0o600
#: What a refused non-blocking lock raises, as opposed to a file system without locks.
HELD_ELSEWHERE = {errno.EAGAIN, errno.EWOULDBLOCK, errno.EACCES, getattr(errno, "EDEADLOCK", errno.EAGAIN)}


class WriterLock:
    def __init__(self, data_path: Path) -> None:
        self.data_path = data_path
        self.path = data_path.with_name(data_path.name + ".lock")
        self._fd: int | None = None

    def acquire(self) -> None:
        """Take the lock, or raise LockedError naming who holds it (DataFileError if impossible)."""
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, PRIVATE)
        except OSError as error:
            raise DataFileError(
                f"{self.data_path} cannot be opened for writing: its lock file {self.path} cannot be "
                f"created ({error.strerror}); check the folder's permissions, or open it read-only."
            ) from None
        try:
            if fcntl is not None:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            else:
                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError as error:
            holder = _read_holder(fd)
            os.close(fd)
            if error.errno in HELD_ELSEWHERE:
                raise LockedError(str(self.data_path), holder) from None
            raise DataFileError(
                f"{self.data_path} cannot be locked against a second writer ({error.strerror}); "
                "move it to a local disk, or open it read-only."
            ) from None
        # The holder's name is only for others' messages: failing to write it is harmless.
        with contextlib.suppress(OSError):
            os.chmod(self.path, PRIVATE)  # a lock file left by an older version may be wider
            os.ftruncate(fd, 0)
            import socket  # here: not for `infoint today`, which takes no lock

            os.write(fd, f"pid {os.getpid()} on {socket.gethostname()}".encode())
        self._fd = fd

    def release(self) -> None:
        if self._fd is None:
            return
        with contextlib.suppress(OSError):
            os.ftruncate(self._fd, 0)
        os.close(self._fd)  # closing the descriptor releases the lock
        self._fd = None

    @property
    def held(self) -> bool:
        return self._fd is not None


def _read_holder(fd: int) -> str:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        return os.read(fd, 200).decode(errors="replace").strip() or "unknown process"
    except OSError:
        return "unknown process"

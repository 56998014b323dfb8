"""What can go wrong with the data file, each as one sentence a person can act on."""

from __future__ import annotations


class DataFileError(Exception):
    """The data file cannot be used as it is; the message says why and what to do."""


class LockedError(DataFileError):
    """Another infoint is writing to this file."""

    def __init__(self, path: str, holder: str) -> None:
        self.holder = holder
        super().__init__(
            f"{path} is open in another infoint ({holder}); "
            "close that one first, or open this one read-only."
        )


class ReadOnlyError(DataFileError):
    """A change was attempted on a file opened read-only."""


class SaveError(DataFileError):
    """Writing the data file failed; the change is still held in memory."""

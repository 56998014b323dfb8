"""What can go wrong with the data file, each as one sentence a person can act on."""

from __future__ import annotations


class DataFileError(Exception):
    """The data file cannot be used as it is; the message says why and what to do."""


class LockedError(DataFileError):
    """Another infoint is writing to this file."""

    def __init__(self, path: str, holder: str) -> None:
        self.path, self.holder = path, holder
        super().__init__(
            f"{path} is open in another infoint ({holder}); close that one first, or open this one read-only."
        )

    def read_only_here(self) -> str:
        """What an instance that opened the file read-only instead says about it."""
        return (
            f"{self.path} is open in another infoint ({self.holder}), so this one only reads it: "
            "what you see here is not updated, and nothing can be changed."
        )


class ReadOnlyError(DataFileError):
    """A change was attempted on a file opened read-only."""


class SaveError(DataFileError):
    """Writing the data file failed; the change is still held in memory."""


class ReadOnlyFileError(DataFileError):
    """The user made the data file read-only (chmod 444): infoint never replaces it."""

    def __init__(self, path: object, mode: int, outcome: str = "nothing was changed", then: str = "first") -> None:
        self.path, self.mode = path, mode
        super().__init__(
            f"{path} is read-only (chmod {mode:o}); {outcome}: make it writable (chmod u+w {path}) {then}."
        )

    def saying(self, outcome: str, then: str) -> ReadOnlyFileError:
        """The same refusal, worded for what it stopped."""
        return ReadOnlyFileError(self.path, self.mode, outcome, then)

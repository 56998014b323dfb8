"""The failure log: what went wrong with no one there to tell, or in passing.

`infoint.log` in the user state folder (INFOINT_STATE names another folder), opened on the
first failure only, so a run where nothing fails never creates it.
"""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path

STATE_ENV_VAR = "INFOINT_STATE"
_logger = logging.getLogger("infoint")
_logger.propagate = False  # the user's terminal belongs to the app
_setup = threading.Lock()


def log_path() -> Path:
    folder = os.environ.get(STATE_ENV_VAR)
    if folder:
        return Path(folder).expanduser() / "infoint.log"
    from platformdirs import user_state_path  # only needed when something failed

    return user_state_path("infoint", appauthor=False) / "infoint.log"


def record_failure(message: str) -> bool:
    """Add an entry to the log; False when the log cannot be written (it is then given up on)."""
    with _setup:
        if not _logger.handlers:
            try:
                path = log_path()
                path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
                # Made here, private: entries can hold the user's notes.
                os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600))
                handler: logging.Handler = logging.FileHandler(path, encoding="utf-8")
            except OSError:
                handler = logging.NullHandler()  # the notification or stderr still tells the user
            handler.setFormatter(logging.Formatter("%(asctime)s %(message)s"))
            _logger.addHandler(handler)
            _logger.setLevel(logging.WARNING)
        written = isinstance(_logger.handlers[0], logging.FileHandler)
    _logger.error(message)
    return written


def forget_log() -> None:
    """Close the log, so the next failure opens it afresh (tests point INFOINT_STATE elsewhere)."""
    with _setup:
        for handler in list(_logger.handlers):
            _logger.removeHandler(handler)
            handler.close()

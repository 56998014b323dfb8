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


def record_failure(message: str) -> None:
    """Add one line to the log; a log that cannot be written is given up on, silently."""
    with _setup:
        if not _logger.handlers:
            try:
                path = log_path()
                path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
                handler: logging.Handler = logging.FileHandler(path, encoding="utf-8", delay=True)
            except OSError:
                handler = logging.NullHandler()  # the notification still tells the user
            handler.setFormatter(logging.Formatter("%(asctime)s %(message)s"))
            _logger.addHandler(handler)
            _logger.setLevel(logging.WARNING)
    _logger.error(message)


def forget_log() -> None:
    """Close the log, so the next failure opens it afresh (tests point INFOINT_STATE elsewhere)."""
    with _setup:
        for handler in list(_logger.handlers):
            _logger.removeHandler(handler)
            handler.close()

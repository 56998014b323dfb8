"""Where the data file lives: --db, else INFOINT_DB, else the platform's user data folder."""

from __future__ import annotations

import os
from pathlib import Path

ENV_VAR = "INFOINT_DB"


def default_path() -> Path:
    from platformdirs import user_data_path  # only needed when no path is given

    return user_data_path("infoint", appauthor=False) / "infoint.json"


def resolve(explicit: str | None) -> Path:
    chosen = explicit or os.environ.get(ENV_VAR)
    return Path(chosen).expanduser() if chosen else default_path()

"""What the data file lacks: the records whose version in memory it does not hold.

Asked once, when infoint ends with its last write failed (a full disk), to say what was not
saved. Reads the file afresh; a file that cannot be read lacks everything.
"""

from __future__ import annotations

from pathlib import Path

import orjson

from infoint_tui.store.storage import Data


def unsaved_records(path: Path, data: Data) -> dict[str, set[str]]:
    """Per table, the ids of the records changed, added or removed since the file was written."""
    try:
        on_disk = orjson.loads(path.read_bytes())
    except (OSError, orjson.JSONDecodeError):
        on_disk = {}
    if not isinstance(on_disk, dict):
        on_disk = {}
    unsaved = {}
    for table in data.keys() | on_disk.keys():
        ours, written = data.get(table, {}), on_disk.get(table)
        if not isinstance(written, dict):
            written = {}
        keys = {key for key in ours.keys() | written.keys() if ours.get(key) != written.get(key)}
        if keys:
            unsaved[table] = keys
    return unsaved

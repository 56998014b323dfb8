"""Forward migrations of the data file, one function per schema step.

A file without a schema stamp (schema 0) is what stock TinyDB writes: the same tables,
no `meta`. Each step takes the raw data of version N and returns version N+1.
"""

from __future__ import annotations

from collections.abc import Callable

from infoint_tui.store.storage import Data

CURRENT_SCHEMA = 1


def _stamp_schema(data: Data) -> Data:
    """0 -> 1: add the schema stamp; people without a degree are cold contacts."""
    for person in data.get("people", {}).values():
        person.setdefault("degree", "cold")
    data["meta"] = {"1": {"schema": 1}}
    return data


STEPS: dict[int, Callable[[Data], Data]] = {0: _stamp_schema}


def migrate(data: Data, version: int) -> Data:
    while version < CURRENT_SCHEMA:
        data = STEPS[version](data)
        version += 1
    data["meta"]["1"]["schema"] = CURRENT_SCHEMA
    return data

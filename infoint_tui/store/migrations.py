"""Forward migrations of the data file, one function per schema step.

A file without a schema stamp (schema 0) is what stock TinyDB writes: the same tables,
no `meta`. Each step takes the raw data of version N and returns version N+1.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from infoint_tui.store.storage import Data

CURRENT_SCHEMA = 2


def _stamp_schema(data: Data) -> Data:
    """0 -> 1: add the schema stamp; people without a degree are cold contacts."""
    for person in data.get("people", {}).values():
        person.setdefault("degree", "cold")
    data["meta"] = {"1": {"schema": 1}}
    return data


# A paragraph that ends in a line holding only {action_items}: the defaults' list of action
# items, with the line that leads into it.
_ACTION_ITEMS_PARAGRAPH = re.compile(r"(?:(?<=\n\n)|^)((?:[^\n]+\n)*\{action_items\})(?=\n\n|$)")


def _optional_action_items(data: Data) -> Data:
    """1 -> 2: templates gained optional parts (`[[...]]`). Stored templates written before
    them (copies of the defaults, or edits that kept their shape) list the action items in a
    paragraph of their own, which showed a bare `{action_items}` when there were none: that
    paragraph becomes optional, as in the defaults."""
    for template in data.get("templates", {}).get("1", {}).values():
        body = template.get("body") if isinstance(template, dict) else None  # an odd one is judged later
        if isinstance(body, str) and "[[" not in body:
            template["body"] = _ACTION_ITEMS_PARAGRAPH.sub(r"[[\1]]", body)
    return data


STEPS: dict[int, Callable[[Data], Data]] = {0: _stamp_schema, 1: _optional_action_items}


def migrate(data: Data, version: int) -> Data:
    while version < CURRENT_SCHEMA:
        data = STEPS[version](data)
        version += 1
    data["meta"]["1"]["schema"] = CURRENT_SCHEMA
    return data

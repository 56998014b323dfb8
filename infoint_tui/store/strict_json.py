"""JSON read as strictly as orjson reads it, in the memory of the standard library's parser.

`orjson.loads` builds a tree of the whole document before the Python objects: at 30,000
people a passing 40 MB on top of the records, the peak of a whole session. The standard
library builds the objects straight from the text. What orjson refuses and the standard
library would take is refused here too, so that anything read can be written back: NaN and
the infinities, numbers beyond 64 bits, lone surrogates, nesting deep enough to overflow.
"""

from __future__ import annotations

import json
import re
from typing import Any, NoReturn

import orjson

_INT_RANGE = range(-(2**63), 2**64)  # what orjson writes: i64 and u64
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


class NotJSON(ValueError):
    """Why a text is not JSON infoint can keep, as the words inside a sentence's brackets."""


def loads(text: str | bytes, *, lean: bool = True) -> Any:
    """The value `text` holds; NotJSON when orjson would refuse it or could not write it back.
    Not `lean`, or given as bytes (UTF-8, which orjson checks), orjson itself reads it:
    faster, for a short read that writes nothing back."""
    # A surrogate escape is rare (orjson writes characters, not escapes): orjson judges it.
    if not lean or isinstance(text, bytes) or _SURROGATE_ESCAPE.search(text):
        try:
            return orjson.loads(text)
        except orjson.JSONDecodeError as error:
            raise NotJSON(f"{error.msg} at line {error.lineno}") from None
    try:
        return json.loads(text, parse_constant=_constant, parse_float=_finite, parse_int=_whole)
    except json.JSONDecodeError as error:
        raise NotJSON(f"{error.msg} at line {error.lineno}") from None
    except RecursionError:
        raise NotJSON("nested too deeply") from None


def _constant(name: str) -> NoReturn:
    raise NotJSON(f"{name} is not a number JSON allows")


def _finite(literal: str) -> float:
    value = float(literal)
    if value in (float("inf"), float("-inf")):
        raise NotJSON(f"the number {literal[:30]} is too large")
    return value


def _whole(literal: str) -> int:
    try:
        value = int(literal)
    except ValueError:  # beyond Python's own limit on digits
        value = _INT_RANGE.stop
    if value not in _INT_RANGE:
        raise NotJSON(f"the whole number {literal[:30]} is too large")
    return value

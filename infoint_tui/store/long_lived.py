"""Objects that live as long as the data they come from, kept out of the collector's walks."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def long_lived() -> Iterator[None]:
    """Build without the cyclic garbage collector, then keep what was built out of its scans.

    30,000 people are about a million objects that live as long as the process and hold no
    cycles; the Targets lists built from them, a few hundred thousand more. Left to the
    collector, they are rescanned again and again while built (a third of the load time),
    then at every full collection (a ~50 ms pause in the app) and at exit. Frozen, they are
    still freed as usual once nothing refers to them. Garbage is collected first, or it would
    be frozen too and never collected (cycles left by an earlier app in the same process).
    """
    was_enabled = gc.isenabled()
    gc.collect()
    gc.disable()
    try:
        yield
        gc.freeze()
    finally:
        if was_enabled:
            gc.enable()

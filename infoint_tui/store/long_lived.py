"""Keeping the garbage collector from walking the data: objects that live as long as it,
and copies of it that live only as long as a write."""

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
    gc.collect()
    with uncollected():
        yield
        gc.freeze()


@contextlib.contextmanager
def uncollected() -> Iterator[None]:
    """No collection meanwhile, on any thread: for objects that will soon be freed, such as
    the writer's copy of a table. Each collection that found it young would walk every one of
    its records (at 100,000 people ~15 ms, paid by whichever thread happened to allocate: most
    often the UI's, in the middle of a frame); freed first, it is never walked at all."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()

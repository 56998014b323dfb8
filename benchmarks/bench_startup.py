"""Start-up to the first drawn screen, the Queue, with 30,000 and 100,000 people (issue 15:
at most 1.15x a bare Textual app showing the same widgets with no data).

Every start-up is a fresh process (cold imports count) in an 80x24 pseudo-terminal, on
Textual's own terminal driver, timed from just before the process is spawned to the arrival
of the signal it sends on its first frame that shows the queue list (startup_probe.py).
Ours is the `infoint --db FILE` command line on a private copy of the demo file (and of
the 60-person demo, for information); the baseline is a bare Textual app with the Queue
screen's widgets and style sheets, its list holding as many rows as are visible. Both load
from bytecode, as installed (common.py compiles infoint). The start-ups alternate, after one
untimed start of each (file in the page cache, the day's backup written, and the snapshot
of what is due that infoint keeps beside the file written at its close: the first frame is
drawn from it while the file loads).
The CPU time of the process up to that frame is shown too: it is steadier than the wall
time on a busy machine.
"""

from __future__ import annotations

import os
import statistics
import sys
from pathlib import Path

from common import PEOPLE, TODAY, Row, at_most, first_frame, repeats, scratch_copy, shown

PROBE = Path(__file__).resolve().with_name("startup_probe.py")
COLUMNS, LINES = 80, 24
#: Rows of the queue list at 80x24: all but the top bar, the card (9) and the bottom two lines.
VISIBLE_ROWS = LINES - 1 - 9 - 2
TIMEOUT = 60.0
ENV = {**os.environ, "TERM": "xterm-256color", "COLORTERM": "truecolor", "INFOINT_TODAY": TODAY.isoformat()}


def start_once(*args: str) -> tuple[float, float]:
    """Seconds from spawning the probe with `args` to its first frame of the queue, and the
    CPU seconds the process had used by then."""
    started = first_frame([sys.executable, str(PROBE), *args], ENV, (COLUMNS, LINES), TIMEOUT, grace=TIMEOUT)
    if started.exit_code != 0:
        raise RuntimeError(f"start-up of {args} did not end well (exit {started.exit_code})")
    return started.seconds, started.cpu


def median_starts(runs: int, *sides: tuple[str, ...]) -> list[tuple[float, float]]:
    """Median start-up (wall, CPU) of each side, alternated run by run so that drift in the
    machine touches all alike."""
    for side in sides:
        start_once(*side)
    runs_by_side = zip(*([start_once(*side) for side in sides] for _ in range(runs)), strict=True)
    return [
        (statistics.median(wall for wall, _ in taken), statistics.median(cpu for _, cpu in taken))
        for taken in runs_by_side
    ]


LARGE = 100_000


def run() -> list[Row]:
    full = ("ours", "--db", str(scratch_copy("startup")))
    large = ("ours", "--db", str(scratch_copy("startup-100k", LARGE)))
    small = ("ours", "--db", str(scratch_copy("startup-60", 60)))
    bare = ("bare", str(VISIBLE_ROWS))
    starts = median_starts(repeats(15), full, large, small, bare)
    (ours, ours_cpu), (ours_large, large_cpu), (ours_small, _), (base, base_cpu) = starts
    return [
        at_most(f"start-up to the Queue drawn ({PEOPLE:,} people) vs bare Textual", ours, base, 1.15),
        shown("  CPU of that start-up", ours_cpu, base_cpu, ratio="ours/base"),
        at_most(f"start-up to the Queue drawn ({LARGE:,} people) vs bare Textual", ours_large, base, 1.15),
        shown("  CPU of that start-up", large_cpu, base_cpu, ratio="ours/base"),
        shown("  the same start-up, 60-person demo", ours_small, base, ratio="ours/base"),
    ]


if __name__ == "__main__":
    from common import table

    print(table(run()))

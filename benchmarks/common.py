"""Shared by the benchmarks: the 30,000-person demo file, timing, and the results table.

Every benchmark module `bench_*.py` has `run() -> list[Row]`; `run.py` prints them all in
one table. Figures are ratios against a baseline measured in the same run, on the same
machine, so they mean something on any machine (DESIGN section 7).
"""

from __future__ import annotations

import compileall
import math
import shutil
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import infoint_tui.demo

OUT = Path(__file__).resolve().parent / "out"  # gitignored
TODAY = date(2026, 11, 26)
PEOPLE = 30_000  # LinkedIn's cap on connections
#: Set by `run.py --quick`: fewer repetitions, for a rough look.
QUICK = False

# A process the benchmarks start loads infoint from bytecode, as an installed infoint does
# (pip compiles it, as it compiled Textual). Written here, not left to the first start: an
# environment with PYTHONDONTWRITEBYTECODE would have every start compile infoint anew while
# Textual loads compiled, which measures the compiler.
compileall.compile_dir(Path(infoint_tui.demo.__file__).parent, quiet=1)


def demo_file(size: int = PEOPLE) -> Path:
    """The demo campaign of `size` people, written once (again if demo.py changed since)."""
    path = OUT / f"demo-{size}.json"
    generator = Path(infoint_tui.demo.__file__)
    if not path.exists() or path.stat().st_mtime < generator.stat().st_mtime:
        infoint_tui.demo.write_demo(path, size, TODAY)
    return path


def scratch_copy(name: str, size: int = PEOPLE) -> Path:
    """A private copy of the demo file, in its own folder, for a benchmark that writes."""
    folder = OUT / name
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return Path(shutil.copy(demo_file(size), folder / "data.json"))


def repeats(runs: int) -> int:
    """How many times to repeat a measure: `runs`, or about a third of it when quick."""
    return max(1, runs // 3) if QUICK else runs


def timings(action: Callable[[], object], runs: int, setup: Callable[[], object] | None = None) -> list[float]:
    """Seconds taken by each of `runs` calls of `action` (`setup` runs untimed before each)."""
    taken = []
    for _ in range(repeats(runs)):
        if setup is not None:
            setup()
        start = time.perf_counter()
        action()
        taken.append(time.perf_counter() - start)
    return taken


def best_of(action: Callable[[], object], runs: int, setup: Callable[[], object] | None = None) -> float:
    return min(timings(action, runs, setup))


def median_of(action: Callable[[], object], runs: int, setup: Callable[[], object] | None = None) -> float:
    return statistics.median(timings(action, runs, setup))


@dataclass(frozen=True)
class Row:
    measure: str
    ours: float  # seconds, or `unit`
    baseline: float  # seconds, or `unit`
    #: "faster": the ratio is baseline / ours, and must be at least `target`;
    #: "at most": the ratio is ours / baseline, and may be at most `target`.
    goal: str
    target: float | None = None  # None: shown for information
    unit: str = "s"  # or what the figures count instead of time, "MB" say

    @property
    def ratio(self) -> float:
        top, bottom = (self.baseline, self.ours) if self.goal == "faster" else (self.ours, self.baseline)
        return top / bottom if bottom else math.inf  # a figure of zero (nothing measured) still prints

    @property
    def target_text(self) -> str:
        formula = "base/ours" if self.goal == "faster" else "ours/base"
        if self.target is None:
            return f"({formula}, information)"
        return f"{formula} {'>=' if self.goal == 'faster' else '<='} {self.target:g}"

    @property
    def met(self) -> bool | None:
        if self.target is None:
            return None
        return self.ratio >= self.target if self.goal == "faster" else self.ratio <= self.target

    @property
    def ok(self) -> str:
        return {True: "ok", False: "MISSED", None: ""}[self.met]


def faster(measure: str, ours: float, baseline: float, by_at_least: float) -> Row:
    return Row(measure, ours, baseline, "faster", by_at_least)


def at_most(measure: str, ours: float, baseline: float, times: float) -> Row:
    return Row(measure, ours, baseline, "at most", times)


def shown(measure: str, ours: float, baseline: float, ratio: str = "base/ours") -> Row:
    """A row without a target; `ratio` says which way round the ratio is taken."""
    return Row(measure, ours, baseline, "faster" if ratio == "base/ours" else "at most")


def table(rows: list[Row]) -> str:
    header = ("measure", "ours", "baseline", "ratio", "target", "ok")
    cells = [header] + [
        (
            row.measure,
            _amount(row.ours, row.unit),
            _amount(row.baseline, row.unit),
            f"{row.ratio:.2f}x",
            row.target_text,
            row.ok,
        )
        for row in rows
    ]
    widths = [max(len(line[i]) for line in cells) for i in range(len(header))]
    lines = [" | ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)) for line in cells]
    lines.insert(1, "-+-".join("-" * width for width in widths))
    return "\n".join(lines)


def _amount(value: float, unit: str) -> str:
    return _ms(value) if unit == "s" else f"{value:.1f} {unit}"


def markdown(rows: list[Row]) -> str:
    """The table as Markdown, for the README."""
    header = ("measure", "ours", "baseline", "ratio", "target", "ok")
    cells = [header, ("---",) * len(header)] + [
        (
            row.measure.strip(),
            _amount(row.ours, row.unit),
            _amount(row.baseline, row.unit),
            f"{row.ratio:.2f}x",
            row.target_text,
            row.ok,
        )
        for row in rows
    ]
    return "\n".join("| " + " | ".join(line) + " |" for line in cells)


def _ms(seconds: float) -> str:
    if seconds < 0.001:  # a change in memory: microseconds
        return f"{seconds * 1e6:.0f} µs"
    return f"{seconds * 1000:.1f} ms"


@dataclass(frozen=True)
class Started:
    """One start-up timed by `first_frame`."""

    seconds: float  # from spawning the process to its first frame
    cpu: float  # the CPU seconds the process had used by then, as its probe reported them
    exit_code: int | None  # None: it had not quit a few seconds after, and was killed


def first_frame(
    argv: list[str], env: dict[str, str], size: tuple[int, int] = (80, 24), timeout: float = 60.0, grace: float = 5.0
) -> Started:
    """Start `argv` in a pseudo-terminal of `size` (columns, lines), as a terminal would, and
    time it to the first line it writes down the file descriptor it is handed as its first
    argument: startup_probe.py and peers_probe.py write there, on their first frame, the CPU
    seconds used so far. The process is left `grace` seconds to quit on its own, then killed:
    a peer may not quit as asked."""
    import fcntl
    import os
    import pty
    import select
    import struct
    import subprocess
    import termios

    master, terminal = pty.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
    ready, ready_end = os.pipe()
    start = time.perf_counter()
    process = subprocess.Popen(
        [argv[0], argv[1], str(ready_end), *argv[2:]],
        stdin=terminal,
        stdout=terminal,
        stderr=terminal,
        pass_fds=(ready_end,),
        env=env,
        start_new_session=True,
    )
    os.close(terminal)
    os.close(ready_end)
    taken, cpu, screen, quit_by = None, b"", b"", start + timeout
    try:
        open_ends = [master, ready]
        # Drain the terminal as a terminal would, or the app blocks on a full buffer.
        while open_ends and time.perf_counter() < quit_by:
            for end in select.select(open_ends, [], [], 0.5)[0]:
                try:
                    data = os.read(end, 1 << 16)
                except OSError:  # EIO: the terminal's other side closed
                    data = b""
                if end == ready:
                    if data and taken is None:
                        taken = time.perf_counter() - start
                        quit_by = min(quit_by, time.perf_counter() + grace)
                    cpu += data
                else:
                    screen = (screen + data)[-4000:]
                if not data:
                    open_ends.remove(end)
    finally:
        try:  # its ends may close a moment before it has quit
            process.wait(timeout=max(0.0, quit_by - time.perf_counter()))
            killed = False
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            killed = True
        os.close(master)
        os.close(ready)
    if taken is None:
        raise RuntimeError(f"{argv[2:]} drew no frame (exit {process.returncode}): {screen[-600:]!r}")
    return Started(taken, float(cpu.split()[0]), None if killed else process.returncode)

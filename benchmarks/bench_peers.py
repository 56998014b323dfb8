"""infoint's first frame beside other Textual apps' (issue 15): dooit (a to-do list),
harlequin (a SQL IDE) and frogmouth (a Markdown browser), each against the same bare
Textual app, in one run, their start-ups interleaved.

Each start is a fresh process in an 80x24 pseudo-terminal, timed as bench_startup.py times
infoint: from spawning it to the signal its probe sends on the first frame drawn
(startup_probe.py for infoint, on the filled Queue of the 30,000-person file; peers_probe.py
for the others, on whatever they draw first). The peers are installed with pip into their
own venv, benchmarks/out/peers-venv (made on the first run, never committed), which also
runs the bare app, so both sides of each ratio start the same Python and Textual.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
from pathlib import Path

from bench_startup import ENV, PROBE, VISIBLE_ROWS
from common import OUT, PEOPLE, Row, first_frame, repeats, scratch_copy, shown

HERE = Path(__file__).resolve().parent
PEERS_PROBE = HERE / "peers_probe.py"
VENV = OUT / "peers-venv"
PYTHON = VENV / "bin" / "python"
#: The versions measured; pip installs them once.
PEERS = {"dooit": "dooit==3.3.4", "harlequin": "harlequin==2.17.0", "frogmouth": "frogmouth==0.8.0"}
RUNS = 5


def peers_venv() -> Path:
    """The peers' Python, with the peers installed (the first time: a minute or two)."""
    if not PYTHON.exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        subprocess.run([str(PYTHON), "-m", "pip", "install", "-q", *PEERS.values()], check=True)
    return PYTHON


def _env() -> dict[str, str]:
    """A home of their own, so a peer's first-run files land in benchmarks/out."""
    home = OUT / "peers-home"
    home.mkdir(parents=True, exist_ok=True)
    return {
        **ENV,
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "PYTHONPATH": str(HERE),  # peers_probe imports startup_probe
    }


def _sides(python: Path) -> dict[str, list[str]]:
    peer = [str(python), str(PEERS_PROBE)]
    return {
        "bare": [*peer, "bare", str(VISIBLE_ROWS)],
        "infoint": [sys.executable, str(PROBE), "ours", "--db", str(scratch_copy("peers"))],
        "dooit": [*peer, "dooit"],
        "harlequin": [*peer, "harlequin"],
        "frogmouth": [*peer, "frogmouth", str(HERE.parent / "README.md")],
    }


def run() -> list[Row]:
    env = _env()
    sides = _sides(peers_venv())
    starting: dict[str, list[str]] = {}
    for name, argv in sides.items():  # one untimed start each: bytecode, page cache, first-run files
        try:
            first_frame(argv, env)
            starting[name] = argv
        except (RuntimeError, OSError) as error:
            print(f"{name} could not start in a terminal, so it is left out: {error}")
    taken: dict[str, list[float]] = {name: [] for name in starting}
    for _ in range(repeats(RUNS)):
        for name, argv in starting.items():
            taken[name].append(first_frame(argv, env).seconds)
    median = {name: statistics.median(times) for name, times in taken.items()}
    if "bare" not in median:
        return []
    labels = {"infoint": f"infoint ({PEOPLE:,} people)"} | {name: f"{name} ({PEERS[name]})" for name in PEERS}
    return [
        shown(f"first frame: {labels[name]} vs the same bare Textual app", median[name], median["bare"], "ours/base")
        for name in labels
        if name in median
    ]


if __name__ == "__main__":
    from common import table

    print(table(run()))

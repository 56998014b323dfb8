"""Memory: the peak resident size of a session's data work, against a bare `json.load`.

Each figure is the peak RSS of a fresh process as it reports it itself (`VmHWM`: the
`ru_maxrss` a parent reads counts the parent's own size at the fork, and run.py is large by
then), so nothing one measure leaves behind counts in the next. Ours opens the file as the app does, saves a person
and an interview note, and writes the file after each (the second write keeps the
people's text as it was); the baseline only `json.load`s the same file. Per person: the
peak above that of an empty campaign, divided by the people; it must stay level from
10,000 to 100,000 people (linear growth). For information: the peak of the app itself,
started by `startup_probe.py` as a terminal would start it, quitting after its first frame.

    python bench_memory.py probe PATH    # one session on PATH
    python bench_memory.py app PATH      # the app on PATH to its first frame; prints its peak in KB
"""

from __future__ import annotations

import dataclasses
import resource
import subprocess
import sys
from pathlib import Path

from common import OUT, PEOPLE, Row, at_most, demo_file, scratch_copy, shown

SIZES = (10_000, PEOPLE, 100_000)
RUNS = 3  # the smallest of a few: another process's load changes the peak a little
#: The line each probe ends with: its own peak resident size, in KB.
REPORT_PEAK = "print(next(int(line.split()[1]) for line in open('/proc/self/status') if line.startswith('VmHWM:')))"
BARE = "import json, sys; json.load(open(sys.argv[1])); " + REPORT_PEAK


def session(path: Path) -> None:
    """What a short session does with the data: open, change a person and a note, save."""
    from infoint_tui.store.repository import Repository

    repo = Repository.open(path)
    try:
        campaign = repo.campaign
        if campaign.people:
            person = next(iter(campaign.people.values()))
            repo.save(dataclasses.replace(person, notes=person.notes + " Met at the conference."))
            repo.flush()
        if campaign.interviews:
            interview = next(iter(campaign.interviews.values()))
            repo.save(dataclasses.replace(interview, notes=interview.notes + " One more thought."))
            repo.flush()
    finally:
        repo.close()


def peak_kb(*args: str) -> int:
    """The peak RSS of a fresh process running `args`, in KB (the least of RUNS)."""
    peaks = []
    for _ in range(RUNS):
        done = subprocess.run(args, capture_output=True, text=True, check=False)
        if done.returncode:
            raise SystemExit(f"{args} failed ({done.returncode}): {done.stderr.strip()}")
        peaks.append(int(done.stdout.split()[-1]))
    return min(peaks)


def ours_kb(size: int) -> int:
    return peak_kb(sys.executable, __file__, "probe", str(scratch_copy(f"memory-{size}", size)))


def app_kb(path: Path) -> int:
    """The app's peak RSS up to its first frame, in KB: its probe is this process's only child."""
    from bench_startup import start_once

    start_once("ours", "--db", str(path))
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss


def empty_kb() -> int:
    from infoint_tui.store.reading import fresh_data
    from infoint_tui.store.storage import serialise, write_atomically

    path = OUT / "memory-empty" / "data.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, serialise(fresh_data()))
    return peak_kb(sys.executable, __file__, "probe", str(path))


def run() -> list[Row]:
    bare = peak_kb(sys.executable, "-c", BARE, str(demo_file(PEOPLE)))
    empty = empty_kb()
    peaks = {size: ours_kb(size) for size in SIZES}
    per_person = {size: (peak - empty) / size for size, peak in peaks.items()}
    first = SIZES[0]
    app = peak_kb(sys.executable, __file__, "app", str(scratch_copy("memory-app", PEOPLE)))
    rows = [
        at_most(f"peak RSS, open and save ({PEOPLE:,})", peaks[PEOPLE] / 1024, bare / 1024, times=1.2),
        shown(f"peak RSS, the app to its first frame ({PEOPLE:,})", app / 1024, bare / 1024, "ours/base"),
    ]
    for size in SIZES:
        measure = f"KB per person at {size:,} (base: at {first:,})"
        against = per_person[first]
        rows.append(
            at_most(measure, per_person[size], against, 1.15)
            if size != first
            else shown(measure, against, against, "ours/base")
        )
    return [dataclasses.replace(row, unit="KB" if "per person" in row.measure else "MB") for row in rows]


if __name__ == "__main__":
    if sys.argv[1:2] == ["probe"]:
        session(Path(sys.argv[2]))
        exec(REPORT_PEAK)  # the very line the baseline ends with: both read their peak alike
    elif sys.argv[1:2] == ["app"]:
        print(app_kb(Path(sys.argv[2])))
    else:
        from common import table

        print(table(run()))

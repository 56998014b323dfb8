"""The data file at 30,000 people: a save, a query, and `infoint today` (DESIGN section 7).

Baselines: stock TinyDB on `JSONStorage` doing the same thing to a copy of the same file,
a bare interpreter that only parses the file, and the same save in a small campaign.
"""

from __future__ import annotations

import compileall
import contextlib
import dataclasses
import itertools
import math
import os
import statistics
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

from common import (
    PEOPLE,
    TODAY,
    Row,
    at_most,
    demo_file,
    faster,
    median_of,
    repeats,
    scratch_copy,
    shown,
    timings,
)
from tinydb import Query, TinyDB
from tinydb.storages import JSONStorage

import infoint_tui
from infoint_tui import clock
from infoint_tui.store.repository import Repository
from infoint_tui.tui.opening import open_data_file

NEEDLES = ["lindq", "zoë", "o'bri", "okafor", "mei ", "núñez", "sven", "rossi"]  # as typed in a filter


def save_one_note() -> Row:
    """One interview note edit, written durably (ours: save + flush; stock: update)."""
    repo = Repository.open(scratch_copy("save-ours"))
    interview = repo.campaign.interviews[1]

    def ours() -> None:
        nonlocal interview
        interview = repo.save(dataclasses.replace(interview, notes=interview.notes + " One more thought."))
        repo.flush()

    ours_time = median_of(ours, 15)
    repo.close()

    db = TinyDB(scratch_copy("save-stock"), storage=JSONStorage)
    table = db.table("interviews")
    notes = table.get(doc_id=1)["notes"]

    def stock() -> None:
        nonlocal notes
        notes += " One more thought."
        table.update({"notes": notes}, doc_ids=[1])

    stock_time = median_of(stock, 7)
    db.close()
    return faster(f"save one note ({PEOPLE:,} people)", ours_time, stock_time, by_at_least=5)


#: The campaign a save in a large one is compared with: what a save costs when size is no matter.
SMALL = 1_000


def save_one_person(size: int) -> Row:
    """A person edited and saved, as the UI thread pays for it, against the same save among
    1,000 people: it must not grow with the file (DESIGN: never a rebuild of a whole table).
    The two saves alternate, so that the machine's changes of pace fall on both alike."""
    with _saving(size) as big, _saving(SMALL) as small:
        for save in (big, small):
            timings(save, 200)  # untimed: the first saves of a process are slower at any size
        taken: dict[Callable[[], None], list[float]] = {big: [], small: []}
        for _ in range(repeats(501)):
            for save, times in taken.items():
                times += timings(save, 1)
    return at_most(
        f"person save at {size:,} people", statistics.median(taken[big]), statistics.median(taken[small]), 1.5
    )


@contextlib.contextmanager
def _saving(size: int) -> Iterator[Callable[[], None]]:
    """A save of one person's edit in a data file of `size` people."""
    repo = Repository.open(scratch_copy(f"person-save-{size}", size))
    person = repo.campaign.people[1]
    edits = itertools.count()

    def save() -> None:
        repo.save(dataclasses.replace(person, notes=f"Edit {next(edits)}"))

    try:
        # The file is written once, after the timing: in the app the writer thread writes it.
        with repo.batch():
            yield save
    finally:
        repo.close()


def find_people() -> Row:
    """People whose name contains a string (ours: the in-memory campaign; stock: a search)."""
    repo = Repository.open(demo_file(), read_only=True)
    turn = iter(range(10**9))

    def ours() -> list:
        needle = NEEDLES[next(turn) % len(NEEDLES)]
        return [person for person in repo.campaign.people.values() if needle in person.name.lower()]

    ours_time = median_of(ours, 31)

    db = TinyDB(demo_file(), storage=JSONStorage, access_mode="r")
    table = db.table("people", cache_size=0)  # each keystroke is a new query anyway

    def stock() -> list:
        needle = NEEDLES[next(turn) % len(NEEDLES)]
        return table.search(Query().name.test(lambda name: needle in name.lower()))

    stock_time = median_of(stock, 7)
    db.close()
    return shown(f"find people by name ({PEOPLE:,})", ours_time, stock_time)


#: The moment `infoint today` is asked, and the app closed before it: the same morning.
MORNING = f"{TODAY.isoformat()}T09:00"
EVENING_BEFORE = f"{TODAY - timedelta(days=1)}T18:30"


#: The baseline `infoint today` is measured against.
BARE = "a bare json.load"


def infoint_today(size: int) -> list[Row]:
    """`infoint today` as a shell runs it, against a bare parse of the same file: on a file the
    app closed this morning, on one it closed the evening before (the first look of a day:
    both answered from the reviews kept beside the file), and on one with nothing kept (a
    file written since by another program): then the records the review needs are read."""
    script = Path(sys.executable).with_name("infoint")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "infoint_tui"]
    env = {**os.environ, "INFOINT_TODAY": MORNING}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(args, check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)

    # Compiled as an installation has it: with PYTHONDONTWRITEBYTECODE set, each run would compile afresh.
    compileall.compile_dir(Path(infoint_tui.__file__).parent, quiet=1)
    kept, evening = scratch_copy(f"today-snapshot-{size}", size), scratch_copy(f"today-evening-{size}", size)
    none = scratch_copy(f"today-none-{size}", size)
    for path, closed_at in ((kept, MORNING), (evening, EVENING_BEFORE)):
        clock.fix(closed_at)
        open_data_file(path).close()  # as the app leaves it: the kept files written on closing
    clock.fix(None)
    for path, from_snapshot in ((kept, True), (evening, True), (none, False)):  # each row measures what it says
        imports = run(sys.executable, "-X", "importtime", "-m", "infoint_tui", "today", "--db", str(path)).stderr
        if ("infoint_tui.store.reading" not in imports) != from_snapshot:
            raise RuntimeError(f"infoint today on {path} did {'not ' * from_snapshot}read the records")
    cases = {"closed this morning": kept, "closed the evening before": evening, "nothing kept": none}
    sides = {name: [*command, "today", "--db", str(path)] for name, path in cases.items()}
    sides[BARE] = [sys.executable, "-c", "import json,sys; json.load(open(sys.argv[1]))", str(none)]
    best = dict.fromkeys(sides, math.inf)
    for _ in range(repeats(7)):  # alternated, so that the machine's changes of pace fall on each alike
        for name, args in sides.items():
            best[name] = min(best[name], *timings(lambda args=args: run(*args), 1))
    return [at_most(f"infoint today, {name} ({size:,})", best[name], best[BARE], times=1.5) for name in cases]


def run() -> list[Row]:
    return [
        save_one_note(),
        save_one_person(PEOPLE),
        save_one_person(100_000),
        find_people(),
        *infoint_today(PEOPLE),
        *infoint_today(1_000),
    ]

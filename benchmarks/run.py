"""Run every benchmark and print one table: each figure of DESIGN section 7 as a ratio
against its baseline, measured in this run, with its target and whether it was met.

    .venv/bin/python benchmarks/run.py              # all of them (about 4 minutes)
    .venv/bin/python benchmarks/run.py --quick      # a third of the repetitions, a rough look
    .venv/bin/python benchmarks/run.py startup      # only bench_startup.py
    .venv/bin/python benchmarks/run.py --readme     # all, and the table into README.md

Exit status 1 when a target is missed, so CI can show it; nothing here is a test.
"""

from __future__ import annotations

import argparse
import importlib
import os
import platform
import re
import sys
import time
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path

import common
from common import Row, markdown, table

HERE = Path(__file__).resolve().parent
README = HERE.parent / "README.md"
#: Where the README's table goes: between these two lines, which stay.
README_START, README_END = "<!-- performance table: benchmarks/run.py --readme -->", "<!-- end of the table -->"
#: In the order of DESIGN section 7's list; any other bench_*.py module runs after these.
ORDER = ["store", "startup", "peers", "targets", "import", "typing", "memory"]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.partition("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a third of the repetitions (bench_typing keeps its own)")
    parser.add_argument("--readme", action="store_true", help="also write the table into README.md")
    parser.add_argument("only", nargs="*", metavar="NAME", help="benchmarks to run (default: all)")
    args = parser.parse_args(argv)
    common.QUICK = args.quick
    found = [path.stem.removeprefix("bench_") for path in HERE.glob("bench_*.py")]
    names = [name for name in ORDER if name in found] + sorted(set(found) - set(ORDER))
    rows: list[Row] = []
    for name in names:
        if args.only and name not in args.only:
            continue
        print(f"running bench_{name} ...", end=" ", file=sys.stderr, flush=True)
        start = time.monotonic()
        rows += importlib.import_module(f"bench_{name}").run()
        print(f"{time.monotonic() - start:.0f} s", file=sys.stderr, flush=True)
    print(table(rows))
    if args.readme:
        write_readme(rows, quick=args.quick)
    return 1 if any(row.met is False for row in rows) else 0


def machine() -> str:
    return (
        f"{os.cpu_count()} cores ({platform.machine()}, {platform.system()}), Python {platform.python_version()}, "
        f"Textual {version('textual')}"
    )


def write_readme(rows: list[Row], *, quick: bool) -> None:
    """Put the table, with the date and the machine, between the README's two marker lines."""
    text = README.read_text(encoding="utf-8")
    when = f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC" + (" (--quick)" if quick else "")
    block = f"{README_START}\nMeasured {when} on {machine()}:\n\n{markdown(rows)}\n{README_END}"
    pattern = re.compile(re.escape(README_START) + ".*?" + re.escape(README_END), re.DOTALL)
    if not pattern.search(text):
        raise SystemExit(f"{README} has no line {README_START!r} to put the table after.")
    README.write_text(pattern.sub(lambda _: block, text), encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

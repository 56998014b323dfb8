"""Run every benchmark (each `bench_*.py` module's `run()`) and print one table.

    .venv/bin/python benchmarks/run.py            # all of them
    .venv/bin/python benchmarks/run.py store      # only bench_store.py

Exit status 1 when a target is missed, so CI can show it; nothing here is a test.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

from common import Row, table

HERE = Path(__file__).resolve().parent


def main(only: list[str]) -> int:
    rows: list[Row] = []
    for module_path in sorted(HERE.glob("bench_*.py")):
        name = module_path.stem
        if only and name.removeprefix("bench_") not in only:
            continue
        print(f"running {name} ...", file=sys.stderr, flush=True)
        rows += importlib.import_module(name).run()
    print(table(rows))
    return 1 if any(row.ok == "NO" for row in rows) else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

"""Layers (DESIGN section 2): everything but the TUI loads without Textual, in a fresh interpreter.

Modules are found by walking the packages, so a module added later is checked too.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import orjson

from infoint_tui.demo import write_demo

TODAY = date(2026, 11, 26)

IMPORT_ALL = """
import importlib, pkgutil, sys
import orjson

names = list(sys.argv[2:])
for package in sys.argv[1].split(","):
    module = importlib.import_module(package)
    names += [info.name for info in pkgutil.walk_packages(module.__path__, package + ".")]
for name in names:
    importlib.import_module(name)
loaded = sorted(sys.modules)
print(orjson.dumps({"imported": names, "loaded": loaded}).decode())
"""


def fresh_import(packages: list[str], modules: list[str] = ()) -> tuple[list[str], set[str]]:
    """Import packages (and all their modules) and modules in a new interpreter."""
    done = subprocess.run(
        [sys.executable, "-c", IMPORT_ALL, ",".join(packages), *modules],
        capture_output=True,
        check=True,
        timeout=60,
    )
    report = orjson.loads(done.stdout)
    return report["imported"], set(report["loaded"])


def top_level(loaded: set[str]) -> set[str]:
    return {name.partition(".")[0] for name in loaded}


def test_everything_below_the_tui_loads_without_textual() -> None:
    imported, loaded = fresh_import(
        ["infoint_tui.domain", "infoint_tui.store", "infoint_tui.exchange", "infoint_tui.mail"],
        [
            "infoint_tui.cli",
            "infoint_tui.clock",
            "infoint_tui.demo",
            "infoint_tui.usecases.agenda",
            "infoint_tui.usecases.stats",
            "infoint_tui.usecases.due_actions",
            "infoint_tui.usecases.interviewing",
        ],
    )
    for expected in [
        "domain.models",
        "domain.policy",
        "domain.templates",
        "domain.defaults",
        "domain.spelling",
        "domain.removal",
        "domain.insights",
        "domain.validation",
        "store.storage",
        "store.lock",
        "store.repository",
        "store.reading",
        "store.migrations",
        "store.errors",
        "store.location",
    ]:
        assert f"infoint_tui.{expected}" in imported
    assert any(name.startswith("infoint_tui.exchange.") for name in imported)
    assert "textual" not in top_level(loaded)
    assert "infoint_tui.tui" not in loaded


def test_the_domain_knows_neither_textual_nor_tinydb_nor_the_store() -> None:
    imported, loaded = fresh_import(["infoint_tui.domain"])
    assert "infoint_tui.domain.policy" in imported
    assert not top_level(loaded) & {"textual", "tinydb", "rich"}
    assert not {name for name in loaded if name.startswith(("infoint_tui.store", "infoint_tui.tui"))}


def test_infoint_today_does_not_import_textual(tmp_path: Path) -> None:
    path = tmp_path / "demo.json"
    write_demo(path, 60, TODAY)
    env = {**os.environ, "INFOINT_DB": str(path), "INFOINT_TODAY": TODAY.isoformat(), "PYTHONPROFILEIMPORTTIME": "1"}
    for extra in ([], ["--json"]):
        done = subprocess.run(
            [sys.executable, "-m", "infoint_tui", "today", *extra], capture_output=True, text=True, env=env, timeout=60
        )
        assert done.returncode == 0, done.stderr
        imported = [
            line.rpartition("|")[2].strip() for line in done.stderr.splitlines() if line.startswith("import time:")
        ]
        assert "infoint_tui.usecases.agenda" in imported  # the report really lists our imports
        assert not [name for name in imported if name.partition(".")[0] == "textual"]

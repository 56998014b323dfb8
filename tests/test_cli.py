"""The `infoint` command as a shell sees it: arguments, exit status, stdout and stderr."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import orjson
import pytest

TODAY = "2026-11-26"
_script = Path(sys.executable).with_name("infoint")
INFOINT = [str(_script)] if _script.exists() else [sys.executable, "-m", "infoint_tui"]


def infoint(*args: str, tmp_path: Path, today: str | None = TODAY) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "INFOINT_DB": str(tmp_path / "never-used.json")}
    env.pop("INFOINT_TODAY", None)
    if today is not None:
        env["INFOINT_TODAY"] = today
    return subprocess.run([*INFOINT, *args], capture_output=True, text=True, env=env, timeout=60)


@pytest.fixture
def demo(tmp_path: Path) -> str:
    out = tmp_path / "demo.json"
    assert infoint("demo", "--size", "50", "--out", str(out), tmp_path=tmp_path).returncode == 0
    return str(out)


def one_sentence(stderr: str) -> str:
    assert "Traceback" not in stderr
    message = stderr.strip()
    assert message and "\n" not in message
    return message


def test_db_goes_before_or_after_the_subcommand(tmp_path: Path, demo: str) -> None:
    before = infoint("--db", demo, "today", tmp_path=tmp_path)
    after = infoint("today", "--db", demo, tmp_path=tmp_path)
    assert before.returncode == after.returncode == 0
    assert before.stdout == after.stdout
    assert before.stdout.startswith("Thursday 26 November 2026: ")


def test_the_today_flag_and_the_environment_agree(tmp_path: Path, demo: str) -> None:
    from_env = infoint("today", "--db", demo, tmp_path=tmp_path, today=TODAY)
    from_flag = infoint("today", "--db", demo, "--today", TODAY, tmp_path=tmp_path, today="2020-01-01")
    flag_first = infoint("--today", TODAY, "today", "--db", demo, tmp_path=tmp_path, today=None)
    next_day = infoint("today", "--db", demo, tmp_path=tmp_path, today="2026-11-27")
    assert from_env.returncode == from_flag.returncode == flag_first.returncode == 0
    assert from_env.stdout == from_flag.stdout == flag_first.stdout
    assert next_day.stdout != from_env.stdout


@pytest.mark.parametrize("where", ["flag", "environment"])
def test_an_impossible_day_is_a_usage_error(tmp_path: Path, demo: str, where: str) -> None:
    if where == "flag":
        done = infoint("today", "--db", demo, "--today", "2026-13-45", tmp_path=tmp_path)
    else:
        done = infoint("today", "--db", demo, tmp_path=tmp_path, today="2026-13-45")
    assert done.returncode == 2
    assert done.stdout == ""
    assert "2026-13-45" in one_sentence(done.stderr)


def test_an_unknown_subcommand_is_a_usage_error(tmp_path: Path) -> None:
    done = infoint("tomorrow", tmp_path=tmp_path)
    assert done.returncode == 2
    assert "tomorrow" in done.stderr and "Traceback" not in done.stderr


def test_today_without_a_data_file_says_so(tmp_path: Path) -> None:
    absent = tmp_path / "absent.json"
    done = infoint("today", "--db", str(absent), tmp_path=tmp_path)
    assert done.returncode == 1
    assert str(absent) in one_sentence(done.stderr)
    assert not absent.exists()


def test_the_demo_is_the_same_file_every_time(tmp_path: Path) -> None:
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    for out in (first, second):
        done = infoint("demo", "--size", "50", "--out", str(out), "--today", TODAY, tmp_path=tmp_path, today=None)
        assert done.returncode == 0, done.stderr
    assert first.read_bytes() == second.read_bytes()
    assert len(orjson.loads(first.read_bytes())["people"]) == 50


def test_today_json_has_the_documented_shape(tmp_path: Path, demo: str) -> None:
    done = infoint("today", "--json", "--db", demo, tmp_path=tmp_path)
    assert done.returncode == 0, done.stderr
    document = orjson.loads(done.stdout)
    assert set(document) == {"date", "now", "days", "due_now", "items", "interviews"}
    assert document["date"] == TODAY
    assert document["items"]
    for item in document["items"]:
        assert set(item) == {
            *("id", "kind", "person", "company", "due", "status", "template", "label", "when", "detail"),
            *("attempt", "email", "phone", "introducer", "objective"),
        }
        assert item["status"] in {"overdue", "today", "upcoming"}
        assert item["person"] and isinstance(item["company"], str) and isinstance(item["template"], str)
        date.fromisoformat(item["due"])
    statuses = {item["status"] for item in document["items"]}
    assert statuses == {"overdue", "today", "upcoming"}  # the demo shows every status on its day

"""Faults with real processes: bad files through the command, two writers, kill -9 mid-burst.

Children run with sys.executable and a private INFOINT_DB / INFOINT_TODAY, so a developer's
own data is never touched. A child that must reach a state says so on stdout ("ready");
the parent reads that line against a deadline instead of sleeping.
"""

from __future__ import annotations

import os
import select
import signal
import socket
import stat
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import orjson
import pytest

from infoint_tui.demo import write_demo
from infoint_tui.domain.models import Person
from infoint_tui.store.errors import LockedError, ReadOnlyError
from infoint_tui.store.migrations import CURRENT_SCHEMA
from infoint_tui.store.reading import backups_folder
from infoint_tui.store.repository import Repository

TODAY = date(2026, 11, 26)
DEADLINE_SECONDS = 20
_script = Path(sys.executable).with_name("infoint")
INFOINT = [str(_script)] if _script.exists() else [sys.executable, "-m", "infoint_tui"]


def child_env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "INFOINT_DB": str(tmp_path / "never-used.json"), "INFOINT_TODAY": TODAY.isoformat()}


class Child:
    """A Python child process whose stdout lines are read against a deadline."""

    def __init__(self, script: str, *args: str, env: dict[str, str]) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-c", script, *args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )
        self._buffer = b""

    def line(self, deadline: float) -> str:
        while b"\n" not in self._buffer:
            remaining = deadline - time.monotonic()
            assert remaining > 0, "the child did not answer in time"
            if select.select([self.proc.stdout], [], [], remaining)[0]:
                chunk = os.read(self.proc.stdout.fileno(), 1 << 16)  # type: ignore[union-attr]
                assert chunk, f"the child ended: {self.proc.stderr.read().decode()}"  # type: ignore[union-attr]
                self._buffer += chunk
        line, self._buffer = self._buffer.split(b"\n", 1)
        return line.decode()

    def expect(self, word: str) -> str:
        deadline = time.monotonic() + DEADLINE_SECONDS
        while not (line := self.line(deadline)).startswith(word):
            pass
        return line

    def send(self, line: str) -> None:
        self.proc.stdin.write(line.encode() + b"\n")  # type: ignore[union-attr]
        self.proc.stdin.flush()  # type: ignore[union-attr]

    def finish(self) -> int:
        _, errors = self.proc.communicate(timeout=DEADLINE_SECONDS)
        assert not errors, errors.decode()
        return self.proc.returncode

    def kill(self) -> None:
        self.proc.kill()
        self.proc.communicate(timeout=DEADLINE_SECONDS)


# Bad files through the command ------------------------------------------------------------

BAD = {
    "invalid JSON": b'{"people": {"1": {"name": "Ana"}',
    "a list": b"[1, 2]",
    "a wrong shape": b'{"people": [1, 2]}',
    "a bad date": orjson.dumps(
        {"meta": {"1": {"schema": 1}}, "interviews": {"1": {"person_id": 1, "when": "2026-13-45T10:00"}}}
    ),
    "a newer schema": orjson.dumps({"meta": {"1": {"schema": CURRENT_SCHEMA + 1}}}),
}


@pytest.mark.parametrize("content", [*BAD, "truncated"])
def test_infoint_today_refuses_a_bad_file_in_one_sentence(tmp_path: Path, demo_file: Path, content: str) -> None:
    path = tmp_path / "bad.json"
    whole = demo_file.read_bytes()
    path.write_bytes(whole[: len(whole) * 2 // 3] if content == "truncated" else BAD[content])
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    before = (path.read_bytes(), path.stat().st_mtime_ns)

    done = subprocess.run(
        [*INFOINT, "today", "--db", str(path)],
        capture_output=True,
        text=True,
        env=child_env(tmp_path),
        timeout=DEADLINE_SECONDS,
    )

    assert done.returncode == 1
    assert done.stdout == ""
    assert "Traceback" not in done.stderr
    message = done.stderr.strip()
    assert "\n" not in message and str(path) in message and message.endswith(".")
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


# Two processes, one file -------------------------------------------------------------------

HOLDER = """
import sys
from infoint_tui.domain.models import Person
from infoint_tui.store.repository import Repository

repo = Repository.open(sys.argv[1])
print("ready", flush=True)
for line in sys.stdin:
    command, _, name = line.strip().partition(" ")
    if command != "add":
        break
    repo.add(Person(name))
    print("added", flush=True)
repo.close()
"""


def test_a_second_process_is_refused_or_read_only_and_nothing_is_lost(tmp_path: Path, demo_file: Path) -> None:
    people_before = orjson.loads(demo_file.read_bytes())["people"]
    child = Child(HOLDER, str(demo_file), env=child_env(tmp_path))
    try:
        child.expect("ready")

        with pytest.raises(LockedError) as refused:
            Repository.open(demo_file)
        assert f"pid {child.proc.pid} on {socket.gethostname()}" in str(refused.value)

        second, reason = Repository.open_or_read_only(demo_file)
        assert second.read_only and f"pid {child.proc.pid}" in (reason or "")
        with pytest.raises(ReadOnlyError):
            second.add(Person("Written by the reader"))

        child.send("add Zoë Writer")
        child.expect("added")
        child.send("quit")
        assert child.finish() == 0
    finally:
        if child.proc.poll() is None:
            child.kill()

    people_after = orjson.loads(demo_file.read_bytes())["people"]
    names = [person["name"] for person in people_after.values()]
    assert {key: people_after[key] for key in people_before} == people_before
    assert names.count("Zoë Writer") == 1 and "Written by the reader" not in names
    reopened = Repository.open(demo_file)  # the child's lock went with it
    assert len(reopened.campaign.people) == len(people_before) + 1
    reopened.close()


# kill -9 in the middle of a burst of saves --------------------------------------------------

TYPIST = """
import sys
import orjson
from infoint_tui.store.repository import Repository

path = sys.argv[1]
repo = Repository.open(path, background=True)
interview = repo.campaign.interviews[1]
interview.notes = ""

def confirmed(saved_at, error):
    # Runs on the writer thread right after a write: count the notes that reached the disk.
    if error is None:
        with open(path, "rb") as file:
            notes = orjson.loads(file.read())["interviews"]["1"]["notes"]
        print("confirmed", notes.count("\\n"), flush=True)

repo.add_listener(confirmed)
print("ready", flush=True)
typed = 0
while True:
    typed += 1
    interview.notes += f"note {typed}\\n"
    repo.save(interview)
"""


def test_kill_9_during_a_burst_of_saves_loses_only_the_unconfirmed_tail(tmp_path: Path) -> None:
    path = tmp_path / "notes.json"
    write_demo(path, 300, TODAY)
    child = Child(TYPIST, str(path), env=child_env(tmp_path))
    try:
        child.expect("ready")
        confirmations = []
        while len(confirmations) < 3 or confirmations[-1] < 200:
            confirmations.append(int(child.expect("confirmed").split()[1]))
        os.kill(child.proc.pid, signal.SIGKILL)
    finally:
        child.kill()
    assert child.proc.returncode == -signal.SIGKILL

    notes = orjson.loads(path.read_bytes())["interviews"]["1"]["notes"]
    kept = notes.count("\n")
    assert kept >= confirmations[-1]
    assert notes == "".join(f"note {n}\n" for n in range(1, kept + 1))  # whole, in order
    repo = Repository.open(path)  # the kernel released the dead child's lock
    assert repo.campaign.interviews[1].notes == notes
    repo.close()
    assert not list(tmp_path.glob(".*.tmp"))


# Privacy in a real process with a permissive umask -----------------------------------------

WRITER = """
import sys
from infoint_tui.domain.models import Person
from infoint_tui.store.repository import Repository

repo = Repository.open(sys.argv[1])
repo.add(Person("Ana"))
repo.close()
"""


def test_files_are_private_whatever_the_umask(tmp_path: Path) -> None:
    env = child_env(tmp_path)
    data = tmp_path / "data.json"
    demo = tmp_path / "demo.json"
    subprocess.run(
        [sys.executable, "-c", WRITER, str(data)], env=env, umask=0o022, check=True, timeout=DEADLINE_SECONDS
    )
    subprocess.run(
        [*INFOINT, "demo", "--size", "5", "--out", str(demo)],
        env=env,
        umask=0o022,
        check=True,
        capture_output=True,
        timeout=DEADLINE_SECONDS,
    )
    private = [data, tmp_path / "data.json.lock", demo, *backups_folder(data).iterdir()]
    assert len(private) == 4
    assert {path.name: stat.S_IMODE(path.stat().st_mode) for path in private} == {path.name: 0o600 for path in private}

"""The real program in a real terminal (tmux): words typed into the live view survive
kill -9 (once the autosave has landed), a hang-up and a terminate (saved on the way out).

Nothing here sleeps for a fixed time: every wait polls the screen, the data file or the
process, with a deadline.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import orjson
import pytest

from tests.conftest import TODAY

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")

DEADLINE = 20.0


def wait_for(condition: Callable[[], bool], what: str, seconds: float = DEADLINE) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


class Terminal:
    """One tmux server of our own (private socket in a folder of its own), running one
    program at 80x24."""

    def __init__(self, name: str, command: list[str], env: dict[str, str]) -> None:
        self.socket = name
        # A short private folder: socket paths are limited to about 100 characters.
        self.folder = tempfile.mkdtemp(prefix="infoint-tmux-")
        line = " ".join(f"{key}={value}" for key, value in env.items())
        # exec: the pane's process is the program itself, so its pid is the pane's.
        script = f"exec env {line} " + " ".join(command)
        self.tmux("new-session", "-d", "-s", name, "-x", "80", "-y", "24", script)
        self.pid = int(self.tmux("display-message", "-p", "-t", name, "#{pane_pid}").strip())

    def tmux(self, *args: str, check: bool = True) -> str:
        return subprocess.run(["tmux", "-L", self.socket, "-f", "/dev/null", *args], check=check,
                              capture_output=True, text=True, env={**os.environ, "TMUX_TMPDIR": self.folder}).stdout

    def screen(self) -> str:
        try:
            return self.tmux("capture-pane", "-p", "-t", self.socket)
        except subprocess.CalledProcessError:
            return ""

    def type(self, text: str) -> None:
        self.tmux("send-keys", "-t", self.socket, "-l", text)

    def alive(self) -> bool:
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return False
        # A zombie waiting for tmux to reap it is gone as far as we care.
        status = Path(f"/proc/{self.pid}/status")
        return not (status.exists() and "zombie" in status.read_text())

    def close(self) -> None:
        self.tmux("kill-server", check=False)
        shutil.rmtree(self.folder, ignore_errors=True)


@pytest.fixture
def live_program(tmp_path: Path) -> Iterator[tuple[Terminal, Path]]:
    from infoint_tui.demo import write_demo

    db = tmp_path / "campaign.json"
    write_demo(db, 60, TODAY)
    env = {"INFOINT_TODAY": TODAY.isoformat(), "TERM": "xterm-256color", "TEXTUAL_ANIMATIONS": "none",
           "HOME": str(tmp_path)}
    command = [sys.executable, "-m", "infoint_tui", "interview", "--db", str(db)]
    terminal = Terminal(f"infoint-test-{os.getpid()}-{time.monotonic_ns()}", command, env)
    try:
        wait_for(lambda: "Ask" in terminal.screen() and "Next" in terminal.screen(), "the live view")
        yield terminal, db
    finally:
        terminal.close()


def notes_in_file(db: Path) -> str:
    """Every interview's notes in the data file (which must be whole, valid JSON)."""
    data = orjson.loads(db.read_bytes())
    return "\n".join(doc.get("notes", "") for doc in data["interviews"].values())


def typed_and_shown(terminal: Terminal, words: str) -> None:
    terminal.type(words)
    wait_for(lambda: words in terminal.screen(), "the words on screen")


def test_kill_9_after_the_autosave_loses_nothing(live_program: tuple[Terminal, Path]) -> None:
    terminal, db = live_program
    words = "Budget cuts slowed hiring"
    typed_and_shown(terminal, words)
    wait_for(lambda: words in notes_in_file(db), "the autosave to reach the file", seconds=5)
    os.kill(terminal.pid, signal.SIGKILL)
    wait_for(lambda: not terminal.alive(), "the program to die")
    assert words in notes_in_file(db)


def test_a_hang_up_right_after_typing_saves_before_leaving(live_program: tuple[Terminal, Path]) -> None:
    terminal, db = live_program
    words = "They meet product weekly"
    typed_and_shown(terminal, words)
    terminal.tmux("kill-session", "-t", terminal.socket)  # the SSH link drops: the pane gets SIGHUP
    wait_for(lambda: not terminal.alive(), "the program to leave after the hang-up")
    assert words in notes_in_file(db)


def test_terminate_right_after_typing_saves_then_exits(live_program: tuple[Terminal, Path]) -> None:
    terminal, db = live_program
    words = "Ask about the research guild"
    typed_and_shown(terminal, words)
    os.kill(terminal.pid, signal.SIGTERM)
    wait_for(lambda: not terminal.alive(), "the program to exit on SIGTERM")
    assert words in notes_in_file(db)

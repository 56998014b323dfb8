"""The real program in a real terminal (tmux): words typed into the live view survive
kill -9 (once the autosave has landed), a hang-up and a terminate (saved on the way out).

Nothing here sleeps for a fixed time: every wait polls the screen, the data file or the
process, with a deadline.
"""

from __future__ import annotations

import os
import shutil
import signal
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import orjson
import pytest
from terminal import Terminal, wait_for

from tests.conftest import TODAY

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


@pytest.fixture
def live_program(tmp_path: Path) -> Iterator[tuple[Terminal, Path]]:
    from infoint_tui.demo import write_demo

    db = tmp_path / "campaign.json"
    write_demo(db, 60, TODAY)
    env = {
        "INFOINT_TODAY": TODAY.isoformat(),
        "TERM": "xterm-256color",
        "TEXTUAL_ANIMATIONS": "none",
        "HOME": str(tmp_path),
    }
    command = [sys.executable, "-m", "infoint_tui", "interview", "--db", str(db)]
    terminal = Terminal(f"infoint-test-{os.getpid()}-{time.monotonic_ns()}", command, env)
    try:
        wait_for(lambda: "Ask" in terminal.screen() and "Question" in terminal.screen(), "the live view")
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

"""Keys typed while infoint starts are read as typed (infoint_tui/tui/early_keys.py).

Until the terminal is raw its line discipline rewrites what arrives: Enter becomes a line
feed, ctrl+s stops the output. Here a pseudo-terminal stands in for the user's: what is
written to its master end is what the user typed, what the program reads comes out of the
other end.
"""

from __future__ import annotations

import os
import sys
import termios
from collections.abc import Iterator
from pathlib import Path

import pytest

from infoint_tui.tui import early_keys
from tests.conftest import TODAY
from tests.terminal import Terminal, wait_for

TYPED = b"\r\x13x"  # Enter, ctrl+s, a letter


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[int, int]]:
    """(the user's end, the program's end), the program's end as infoint's stdin."""
    user, program = os.openpty()
    stdin = os.fdopen(program, "rb", buffering=0)
    monkeypatch.setattr(sys, "stdin", stdin)
    yield user, program
    stdin.close()
    os.close(user)


def typed_through(user: int, program: int) -> bytes:
    os.write(user, TYPED)
    return os.read(program, 100)


def test_keys_typed_while_infoint_starts_arrive_as_typed(terminal: tuple[int, int]) -> None:
    user, program = terminal
    before = termios.tcgetattr(program)
    with early_keys.raw_until_textual():
        assert typed_through(user, program) == TYPED
    assert termios.tcgetattr(program) == before


def test_the_terminal_is_given_back_as_it_was_before_textual_takes_it(terminal: tuple[int, int]) -> None:
    user, program = terminal
    before = termios.tcgetattr(program)
    with early_keys.raw_until_textual():
        early_keys.hand_over()
        assert termios.tcgetattr(program) == before
        os.write(user, TYPED + b"\n")
        assert os.read(program, 100) == b"\n"  # cooked again: Enter a line feed, ctrl+s taken
    assert termios.tcgetattr(program) == before


def test_without_a_terminal_nothing_changes(monkeypatch: pytest.MonkeyPatch) -> None:
    reading, writing = os.pipe()
    with os.fdopen(reading, "rb") as pipe:
        monkeypatch.setattr(sys, "stdin", pipe)
        with early_keys.raw_until_textual():
            pass
    os.close(writing)


def test_enter_typed_before_the_first_frame_is_enter(tmp_path: Path) -> None:
    """The burst goes in as infoint is started: Python is still starting, so the terminal is
    not raw yet and Enter arrives as a line feed. Were it read as ctrl+j, the filter would
    keep the focus and take the "e"; as Enter, it hands the focus to the list, and "e"
    edits the person highlighted there."""
    from infoint_tui.demo import write_demo

    path = tmp_path / "demo.json"
    write_demo(path, 60, TODAY)
    env = {"INFOINT_TODAY": TODAY.isoformat(), "HOME": str(tmp_path), "TERM": "xterm-256color"}
    terminal = Terminal("infoint-early-keys", [str(Path(sys.executable).with_name("infoint")), "--db", str(path)], env)
    try:
        terminal.press("F3", "/", "zo", "Enter", "e")
        terminal.wait_for_text("Edit ")
        terminal.press("Escape", "C-q")
        wait_for(lambda: terminal.exit_status() is not None, "infoint to quit")
        assert terminal.exit_status() == 0
    finally:
        terminal.close()

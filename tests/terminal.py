"""A real terminal for the real program: one tmux server of our own, 80x24.

Shared by the tests that drive infoint as a user would. Nothing here sleeps for a fixed
time: every wait polls, with a deadline.
"""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

DEADLINE = 20.0

# set-clipboard: the program's OSC 52 copies land in tmux's paste buffer, where a test can
# read them. remain-on-exit: the pane outlives the program, so its output and exit status
# can still be read.
CONFIG = "set -g set-clipboard on\nset -g remain-on-exit on\n"


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
        self.config = Path(self.folder, "tmux.conf")
        self.config.write_text(CONFIG)
        # exec: the pane's process is the program itself, so its pid is the pane's.
        script = "exec " + shlex.join(["env", *(f"{key}={value}" for key, value in env.items()), *command])
        self.tmux("new-session", "-d", "-s", name, "-x", "80", "-y", "24", script)
        self.pid = int(self.tmux("display-message", "-p", "-t", name, "#{pane_pid}").strip())
        self.server_pid = int(self.tmux("display-message", "-p", "#{pid}").strip())

    def tmux(self, *args: str, check: bool = True) -> str:
        return subprocess.run(
            ["tmux", "-L", self.socket, "-f", str(self.config), *args],
            check=check,
            capture_output=True,
            text=True,
            env={**os.environ, "TMUX_TMPDIR": self.folder},
        ).stdout

    def screen(self) -> str:
        try:
            return self.tmux("capture-pane", "-p", "-t", self.socket)
        except subprocess.CalledProcessError:
            return ""

    def transcript(self) -> str:
        """Everything the program printed, lines scrolled off the top included, lines the
        80 columns wrapped joined again."""
        joined = self.tmux("capture-pane", "-p", "-J", "-S", "-", "-t", self.socket)
        return "\n".join(line.rstrip() for line in joined.splitlines())  # -J keeps trailing blanks

    def wait_for_text(self, text: str, seconds: float = DEADLINE) -> str:
        """Wait until `text` is on screen; return the screen. A timeout shows the screen."""
        shown = ""

        def showing() -> bool:
            nonlocal shown
            shown = self.screen()
            return text in shown

        try:
            wait_for(showing, f"{text!r} on screen", seconds)
        except AssertionError as timeout:
            raise AssertionError(f"{timeout}; the screen shows:\n{shown}") from None
        return shown

    def type(self, text: str) -> None:
        self.tmux("send-keys", "-t", self.socket, "-l", text)

    def press(self, *keys: str) -> None:
        """Named keys, in tmux's words: Down, Enter, End, C-y, F9..."""
        self.tmux("send-keys", "-t", self.socket, *keys)

    def clipboard(self) -> str:
        """tmux's newest paste buffer, where OSC 52 copies land ('' before the first)."""
        return self.tmux("show-buffer", check=False)

    def exit_status(self) -> int | None:
        """The program's exit status once it has ended, None while it runs."""
        dead, _, status = (
            self.tmux("display-message", "-p", "-t", self.socket, "#{pane_dead} #{pane_dead_status}")
            .strip()
            .partition(" ")
        )
        if dead == "1" and not status:
            # The pane has closed but tmux has not reaped the program: its SIGCHLD can be lost
            # to libutempter's own handler (tmux issue #311). Another one makes tmux reap it.
            os.kill(self.server_pid, signal.SIGCHLD)
        return int(status) if status else None

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

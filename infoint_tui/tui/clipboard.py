"""Putting text on the user's clipboard, wherever the user sits (DESIGN section 6).

Two routes, neither able to confirm that the text reached the user:
- OSC 52, an escape sequence the terminal turns into a clipboard write. It is the only
  route that crosses SSH, but tmux and some terminals drop it unless told otherwise.
- pyperclip, which reaches the clipboard of the machine the program runs on: the user's
  own only when they sit at it. It calls a helper program (xclip, pbcopy...), so it runs
  in a thread with a time limit: a helper stuck on a dead display must not hold the UI.

No Textual here: the app is anything with `copy_to_clipboard` (Textual's OSC 52 writer).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import sys
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from infoint_tui.domain.wording import count

HINT = "If it did not arrive: in tmux add `set -g set-clipboard on`; your terminal must allow OSC 52."
LOCAL_TIMEOUT = 1.5  # seconds; a working helper answers in milliseconds


class Terminal(Protocol):
    def copy_to_clipboard(self, text: str) -> None: ...


class Local(StrEnum):
    """What became of the copy to this machine's own clipboard."""

    COPIED = "copied"
    SKIPPED = "skipped"  # over SSH or without a display: this clipboard is not the user's
    FAILED = "failed"
    TIMED_OUT = "timed out"


@dataclass(frozen=True, slots=True)
class CopyResult:
    text: str
    local: Local
    #: Why the local copy failed, in the clipboard tool's words.
    reason: str = ""

    @property
    def sure(self) -> bool:
        """Only a local copy that succeeded is known to have arrived."""
        return self.local is Local.COPIED

    @property
    def hint(self) -> str:
        return "" if self.sure else HINT

    def summary(self) -> str:
        size = count(len(self.text), "character")
        if self.local is Local.COPIED:
            return f"Copied {size} to this computer's clipboard (and sent them to the terminal)."
        sent = f"Sent {size} to your terminal's clipboard (OSC 52)"
        if self.local is Local.FAILED:
            return f"{sent}; this computer's clipboard refused them ({self.reason})."
        if self.local is Local.TIMED_OUT:
            return f"{sent}; this computer's clipboard tool did not answer."
        return f"{sent}."


def local_clipboard_is_users(env: Mapping[str, str] | None = None, platform: str = sys.platform) -> bool:
    """False over SSH, and on a Linux/BSD machine without a graphical display."""
    env = os.environ if env is None else env
    if env.get("SSH_CONNECTION") or env.get("SSH_TTY") or env.get("SSH_CLIENT"):
        return False
    if platform in ("darwin", "win32", "cygwin"):
        return True
    return bool(env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"))


async def copy(
    terminal: Terminal, text: str, *, env: Mapping[str, str] | None = None, timeout: float = LOCAL_TIMEOUT
) -> CopyResult:
    """Send `text` by OSC 52 always, and to the local clipboard when it is the user's."""
    terminal.copy_to_clipboard(text)
    if not local_clipboard_is_users(env):
        return CopyResult(text, Local.SKIPPED)
    local, reason = await _copy_locally(text, timeout)
    return CopyResult(text, local, reason)


async def _copy_locally(text: str, timeout: float) -> tuple[Local, str]:
    loop = asyncio.get_running_loop()
    done: asyncio.Future[tuple[Local, str]] = loop.create_future()

    def settle(outcome: tuple[Local, str]) -> None:
        if not done.done():  # too late once the time limit has passed
            done.set_result(outcome)

    def work() -> None:
        try:
            import pyperclip

            pyperclip.copy(text)
            outcome = (Local.COPIED, "")
        except Exception as error:  # noqa: BLE001 - any failure of a helper program is reported, never raised
            outcome = (Local.FAILED, _first_sentence(error))
        with contextlib.suppress(RuntimeError):  # the app closed while the helper was still running
            loop.call_soon_threadsafe(settle, outcome)

    # A daemon thread, not the loop's executor: a helper that never returns must not
    # keep the program from exiting.
    threading.Thread(target=work, name="clipboard", daemon=True).start()
    finished, _ = await asyncio.wait({done}, timeout=timeout)
    return done.result() if finished else (Local.TIMED_OUT, "")


def _first_sentence(error: Exception) -> str:
    """pyperclip's messages run on with a web address; the first sentence says enough."""
    message = str(error).strip()
    return message.split(". ")[0].split("\n")[0].rstrip(".") if message else type(error).__name__

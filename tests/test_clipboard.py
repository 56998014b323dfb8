"""The copy strategy: OSC 52 always, the local clipboard only where it is the user's."""

from __future__ import annotations

import threading

import pyperclip
import pytest
from textual.app import App

from infoint_tui.tui import clipboard
from infoint_tui.tui.clipboard import HINT, Local

LOCAL = {"DISPLAY": ":0"}
OVER_SSH = {"DISPLAY": ":0", "SSH_CONNECTION": "10.0.0.2 50000 10.0.0.1 22"}


class FakeTerminal:
    def __init__(self) -> None:
        self.sent: list[str] = []

    def copy_to_clipboard(self, text: str) -> None:
        self.sent.append(text)


@pytest.fixture
def pasted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What reached this machine's clipboard (a stand-in for pyperclip's helper program)."""
    received: list[str] = []
    monkeypatch.setattr(pyperclip, "copy", received.append)
    return received


async def test_the_text_goes_to_the_terminal_through_textuals_osc_52_copy(pasted) -> None:
    """Textual's `App.copy_to_clipboard` writes the OSC 52 sequence and keeps the text as
    `app.clipboard`: that it holds the text shows the copy went that way."""
    app = App()
    async with app.run_test() as pilot:
        result = await clipboard.copy(app, "Hi Zoë,\nthanks!", env=OVER_SSH)
        await pilot.pause()
    assert app.clipboard == "Hi Zoë,\nthanks!"
    assert pasted == []
    assert result.local is Local.SKIPPED


async def test_locally_both_routes_are_used_and_success_needs_no_hint(pasted) -> None:
    terminal = FakeTerminal()
    result = await clipboard.copy(terminal, "hello", env=LOCAL)
    assert terminal.sent == ["hello"]
    assert pasted == ["hello"]
    assert result.local is Local.COPIED and result.sure
    assert result.hint == ""
    assert result.summary() == "Copied 5 characters to this computer's clipboard (and sent them to the terminal)."


async def test_a_refusing_local_clipboard_is_reported_and_osc_52_still_goes(monkeypatch) -> None:
    def refuse(text: str) -> None:
        raise pyperclip.PyperclipException(
            "Pyperclip could not find a copy/paste mechanism for your system. For more information, "
            "please visit https://pyperclip.readthedocs.io"
        )

    monkeypatch.setattr(pyperclip, "copy", refuse)
    terminal = FakeTerminal()
    result = await clipboard.copy(terminal, "hello", env=LOCAL)
    assert terminal.sent == ["hello"]
    assert result.local is Local.FAILED and not result.sure
    assert result.reason == "Pyperclip could not find a copy/paste mechanism for your system"
    assert "refused them (Pyperclip could not find" in result.summary()
    assert result.hint == HINT


async def test_a_hung_clipboard_tool_is_abandoned_after_the_time_limit(monkeypatch) -> None:
    release = threading.Event()
    entered = threading.Event()

    def hang(text: str) -> None:
        entered.set()
        release.wait()

    monkeypatch.setattr(pyperclip, "copy", hang)
    terminal = FakeTerminal()
    try:
        result = await clipboard.copy(terminal, "hello", env=LOCAL, timeout=0.05)
    finally:
        release.set()
    assert entered.is_set()
    assert result.local is Local.TIMED_OUT
    assert terminal.sent == ["hello"]
    assert result.summary() == (
        "Sent 5 characters to your terminal's clipboard (OSC 52); this computer's clipboard tool did not answer."
    )
    assert result.hint == HINT


async def test_over_ssh_the_local_clipboard_is_never_touched(pasted) -> None:
    terminal = FakeTerminal()
    result = await clipboard.copy(terminal, "hello", env=OVER_SSH)
    assert pasted == []
    assert terminal.sent == ["hello"]
    assert result.summary() == "Sent 5 characters to your terminal's clipboard (OSC 52)."
    assert result.hint == HINT


@pytest.mark.parametrize(
    ("env", "platform", "users"),
    [
        ({"DISPLAY": ":0"}, "linux", True),
        ({"WAYLAND_DISPLAY": "wayland-0"}, "linux", True),
        ({}, "linux", False),  # a server console or a container
        ({}, "freebsd14", False),
        ({}, "darwin", True),  # pbcopy needs no display variable
        ({}, "win32", True),
        ({"SSH_TTY": "/dev/pts/3"}, "darwin", False),
        ({"SSH_CLIENT": "10.0.0.2 50000 22", "DISPLAY": "localhost:10.0"}, "linux", False),  # X forwarding
    ],
)
def test_whose_clipboard_the_local_one_is(env: dict[str, str], platform: str, users: bool) -> None:
    assert clipboard.local_clipboard_is_users(env, platform) is users


def test_the_copy_strategy_and_the_due_actions_load_without_textual() -> None:
    from tests.test_layers import fresh_import, top_level

    _, loaded = fresh_import(["infoint_tui.domain"], ["infoint_tui.tui.clipboard", "infoint_tui.usecases.due_actions"])
    assert "textual" not in top_level(loaded)

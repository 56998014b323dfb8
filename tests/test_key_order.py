"""Textual's order of keys in a burst, pinned, and what infoint_tui/tui/typeahead.py makes of it.

The terminal parser is right: one read of `ESC [ D X` is ← then X. The fault is in how
Textual 8.2.8 dispatches keys: `App.on_event` sends every key to the widget focused when
the app's queue reaches it, and a key's bindings (an Input's ←, Tab's focus_next, an app's
ctrl+n) run only once the key has bubbled, one message queue at a time, back to
`App._on_key`. So all the keys of a burst are sent on before the first one has acted.

If a "Textual's own" case fails after an upgrade, Textual now keeps keys in order:
TypeAheadApp may no longer be needed.
"""

from __future__ import annotations

import asyncio

import pytest
from textual._xterm_parser import XTermParser
from textual.app import App, ComposeResult
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Input

from infoint_tui.tui.typeahead import TypeAheadApp

LEFT = "\x1b[D"
CTRL_N = "\x0e"


def test_the_parser_reads_an_arrow_and_the_letter_after_it_from_one_read() -> None:
    assert [key.key for key in XTermParser().feed(LEFT + "X")] == ["left", "X"]


class Dialog(Screen):
    def compose(self) -> ComposeResult:
        yield Input(id="dialog")


def fields_app(base: type[App]) -> App:
    """Two fields, the first focused with its cursor after "abcdef"; Enter moves on to the
    next, ctrl+n opens a dialog."""

    class Fields(base):
        BINDINGS = [("ctrl+n", "open", "Open")]

        def compose(self) -> ComposeResult:
            yield Input("abcdef", id="one", select_on_focus=False)
            yield Input(id="two")

        def action_open(self) -> None:
            self.push_screen(Dialog())

        def on_input_submitted(self) -> None:
            self.screen.focus_next()

    return Fields()


def fields(app: App) -> tuple[str, str, str | None]:
    """(first field, second field, the dialog's field or None when it is not open)."""
    main = app.screen_stack[0]
    dialog = app.screen.query_one("#dialog", Input).value if isinstance(app.screen, Dialog) else None
    return main.query_one("#one", Input).value, main.query_one("#two", Input).value, dialog


BURSTS = {
    # typed: (what Textual's own dispatch makes of it, what TypeAheadApp does)
    LEFT + "X": (("abcdefX", "", None), ("abcdeXf", "", None)),
    "gh\tij": (("abcdefghij", "", None), ("abcdefgh", "ij", None)),
    CTRL_N + "ab": (("abcdefab", "", ""), ("abcdef", "", "ab")),
    # Enter as a terminal not yet raw sends it (a line feed, ctrl+j): TypeAheadApp reads Enter.
    "gh\nij": (("abcdefghij", "", None), ("abcdefgh", "ij", None)),
}


@pytest.mark.parametrize("typed", BURSTS, ids=repr)
@pytest.mark.parametrize("base", [App, TypeAheadApp], ids=["Textual's own", "TypeAheadApp"])
async def test_a_burst_read_at_once(base: type[App], typed: str) -> None:
    app = fields_app(base)
    async with app.run_test() as pilot:
        for key in XTermParser().feed(typed):  # every key of one read, queued together
            app.post_message(key)
        await pilot.pause()
        textual, typeahead = BURSTS[typed]
        assert fields(app) == (textual if base is App else typeahead)


class Held(Message):
    """A message whose handler waits until the test lets it go."""


class Slow(Input):
    def __init__(self) -> None:
        super().__init__()
        self.release = asyncio.Event()
        self.handled: list[Message] = []

    async def on_held(self, message: Held) -> None:
        await self.release.wait()
        self.handled.append(message)


async def test_keys_wait_for_a_message_textual_has_taken_ahead_of_its_queue() -> None:
    """A pump that takes message A looks at the next one, B, to see whether A supersedes it
    (`MessagePump._peek_message`): B is then out of the queue but not yet handled. A key
    handed on in that moment (the burst's Tab still on its way, the next letter sent
    after it) would go to the old focus; CI caught it once in a few hundred runs."""

    class OneField(TypeAheadApp):
        def compose(self) -> ComposeResult:
            yield Slow()

    app = OneField()
    async with app.run_test():
        field = app.query_one(Slow)
        first, second = Held(), Held()
        field.post_message(first)
        field.post_message(second)
        try:
            for _ in range(100):  # the field takes `first`, looks ahead at `second`, and waits
                await asyncio.sleep(0)
            assert field.message_queue_size == 0 and not field.handled

            settling = asyncio.create_task(app._settled())
            await asyncio.sleep(0.05)  # room for a wrong answer: settled while `second` waits
            assert not settling.done()
        finally:
            field.release.set()
        await asyncio.wait_for(settling, 5)
        assert field.handled == [first, second]

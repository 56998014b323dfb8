"""Keys typed ahead land where they were typed: each key once the ones before it have acted.

Textual 8.2.8 (`App.on_event`) sends each key to the widget focused when the app's queue
reaches it, and runs the key's bindings only when the key has bubbled back up to the app,
one message queue at a time (`MessagePump._on_message` posts it to each parent in turn;
`App._on_key` checks the bindings). So when a burst arrives (a laggy SSH link), every key
of it is sent on before the first has done anything: the text after `n` goes to the list
behind the new form, the text after Tab to the field it left, a letter after ← or
Backspace goes in before the cursor moves. The terminal parser is not at fault: it reads
`ESC [ D X` as ← then X. tests/test_key_order.py pins both.

Here the app holds the keys (and pastes) it receives and hands on the next one only when the
app and its screen have worked through every message, the key's own journey and what it set
off included (a binding's action, a dialog composing and taking focus, Enter moving to the
next field). Textual then routes it as usual, to whatever has focus by then.

A line feed (ctrl+j) is read as Enter: the terminal turns Enter into one until it is raw
(see `early_keys`), and infoint binds nothing to ctrl+j.

While the app `hold_keys()` (its data still loading) every key waits, in order, until it
`release_keys()`.
"""

from __future__ import annotations

import asyncio
from collections import deque
from contextlib import suppress
from typing import Any

from textual import events
from textual.app import App, ScreenStackError
from textual.message_pump import MessagePump
from textual.widget import Widget

from infoint_tui.tui import early_keys

#: A handler that never finishes must not hold the keyboard: past this, the key goes on anyway.
SETTLE_SECONDS = 5.0


class TypeAheadApp(App):
    """An app that delivers typed keys in order, each to the focus its predecessors left."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._typed: deque[events.Key | events.Paste] = deque()
        self._delivery: asyncio.Task[None] | None = None
        self._keys_free = asyncio.Event()
        self._keys_free.set()

    def hold_keys(self) -> None:
        """Keep every key typed from now on until `release_keys`."""
        self._keys_free.clear()

    def release_keys(self) -> None:
        """Hand on the keys held, in order, and those typed after them."""
        self._keys_free.set()

    def on_load(self) -> None:
        early_keys.hand_over()  # Textual sets the terminal up next, and restores what it finds

    async def on_event(self, event: events.Event) -> None:
        # Forwarded events are keys already on their way (bubbling back to the app).
        if isinstance(event, (events.Key, events.Paste)) and not event.is_forwarded:
            if isinstance(event, events.Key) and event.key == "ctrl+j":
                event = events.Key("enter", "\r")  # Enter, typed before the terminal went raw
            self._typed.append(event)
            if self._delivery is None:
                self._delivery = asyncio.create_task(self._deliver_typed())
            return
        await super().on_event(event)

    async def _deliver_typed(self) -> None:
        try:
            while self._typed:
                await self._keys_free.wait()
                with suppress(TimeoutError):
                    await asyncio.wait_for(self._settled(), SETTLE_SECONDS)
                if not self.call_later(self._route, self._take_next()):
                    self._typed.clear()  # the app is closing
        finally:
            self._delivery = None

    def _take_next(self) -> list[events.Key | events.Paste]:
        """The next key, and the characters right behind it when a text field takes them all.

        A text field puts a character in itself as it gets it, with no binding involved,
        so a run of characters cannot move the focus: it needs no settling in between.
        """
        taken = [self._typed.popleft()]
        if _takes_text(self.focused):
            while _printable(taken[-1]) and self._typed and _printable(self._typed[0]):
                taken.append(self._typed.popleft())
        return taken

    async def _route(self, typed: list[events.Key | events.Paste]) -> None:
        for event in typed:
            await super().on_event(event)

    async def _settled(self) -> None:
        """Until no widget of the screen is mounting and no queue holds a message.

        A key handed on goes through the app's own queue, behind whatever the app is doing.
        """
        while True:
            await asyncio.sleep(0)  # tasks just started (a worker pushing a dialog) take their step
            busy = [pump for pump in self._pumps() if _holds_messages(pump) or not _mounted(pump)]
            if not busy:
                return
            await _worked_through(busy)

    def _pumps(self) -> list[MessagePump]:
        try:
            return [self, *self.screen.walk_children(with_self=True)]
        except ScreenStackError:
            return [self]  # before the first screen


def _takes_text(widget: Widget | None) -> bool:
    from textual.widgets import Input, TextArea  # not before the first key: TextArea is slow to import

    return isinstance(widget, Input) or (isinstance(widget, TextArea) and not widget.read_only)


def _printable(event: events.Key | events.Paste) -> bool:
    return isinstance(event, events.Key) and event.is_printable


def _holds_messages(pump: MessagePump) -> bool:
    # Textual 8.2.8 takes the next message off the queue early, to see whether it
    # supersedes the current one (`MessagePump._peek_message`): one waiting there is not in
    # the queue's size, yet is still to be handled.
    return bool(pump.message_queue_size) or pump._pending_message is not None


def _mounted(pump: MessagePump) -> bool:
    return not isinstance(pump, Widget) or pump.is_mounted


async def _worked_through(pumps: list[MessagePump]) -> None:
    """Until each of `pumps` has handled every message it holds (Pilot's way of waiting)."""
    remaining = 0
    finished = asyncio.Event()

    def one_done() -> None:
        nonlocal remaining
        remaining -= 1
        if not remaining:
            finished.set()

    for pump in pumps:
        if pump.call_later(one_done):  # False when it is closing
            remaining += 1
    if remaining:
        await finished.wait()

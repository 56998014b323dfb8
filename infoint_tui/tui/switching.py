"""Switching to a screen already built draws it at the next frame, not 50 ms later.

Textual 8.2.8's `App.switch_mode` holds every frame back for 50 ms (`delay_update`), to hide
a new screen while it composes. A screen kept from an earlier visit has nothing to hide, yet
the wait was most of going back to the Queue.

A mode's screen can also be built before its first visit (`build_mode`), while another is on
view: composed, mounted, styled and laid out, so that its first show is that of a built one.
"""

from __future__ import annotations

import asyncio
from typing import Any

from textual.app import App
from textual.widget import AwaitMount

#: A layout can change a size that asks for another: at most this many, ahead.
LAYOUT_PASSES = 4


class QuickSwitchApp(App):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._switching_to_built = False

    def switch_mode(self, mode: str) -> AwaitMount:
        self._switching_to_built = bool(self._screen_stacks.get(mode))
        try:
            return super().switch_mode(mode)
        finally:
            self._switching_to_built = False

    def delay_update(self, delay: float = 0.05) -> None:
        if not self._switching_to_built:
            super().delay_update(delay)

    async def build_mode(self, mode: str) -> None:
        """Build `mode`'s screen now, unseen, unless it is built already. Run it as a worker:
        the app goes on with its messages (the user's keys) meanwhile."""
        if self._screen_stacks.get(mode) or self._exit or not self.is_running:
            return  # shutting down, Textual goes through the stacks: none may be added then
        screen = self._modes[mode]()  # type: ignore[operator]
        self._screen_stacks[mode] = [screen]
        # As Textual's `_init_mode` does, less the show: the screen is resumed when switched to.
        self._load_screen_css(screen)
        await AwaitMount(screen, self._register(self, screen))
        screen._screen_resized(self.size)
        # Textual lays a screen out only while it is current: lay it out as its first show
        # will, once what its widgets show is settled, and draw it once, unseen, so that the
        # widgets keep their lines.
        for _ in range(LAYOUT_PASSES):
            await screen.wait_for_refresh()
            if not screen._layout_required:
                break
            screen._layout_required = False
            screen._refresh_layout(self.size)
        for _drawn in screen._compositor._get_renders():  # one widget at a time
            await asyncio.sleep(0)

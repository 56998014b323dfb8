"""Switching to a screen already built draws it at the next frame, not 50 ms later.

Textual 8.2.8's `App.switch_mode` holds every frame back for 50 ms (`delay_update`), to hide
a new screen while it composes. A screen kept from an earlier visit has nothing to hide, yet
the wait was most of going back to the Queue.
"""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.widget import AwaitMount


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

"""The top-level screens, in the order of the navigation bar.

Each entry: mode name, title, key, and the module + class that implements it. Screens
are imported only when first shown, which keeps start-up short.
"""

from __future__ import annotations

from importlib import import_module
from typing import NamedTuple

from textual.screen import Screen


class Place(NamedTuple):  # not a dataclass: made before the first frame, and several times quicker to make
    mode: str
    title: str
    key: str
    module: str
    cls: str

    def load(self) -> type[Screen]:
        return getattr(import_module(f"infoint_tui.tui.screens.{self.module}"), self.cls)

    def screen(self) -> Screen:
        return self.load()()


PLACES = [
    Place("queue", "Queue", "f2", "queue", "QueueScreen"),
    Place("targets", "Targets", "f3", "targets.screen", "TargetsScreen"),
    Place("objectives", "Objectives", "f4", "objectives", "ObjectivesScreen"),
    Place("templates", "Templates", "f5", "templates", "TemplatesScreen"),
    Place("interviews", "Interviews", "f6", "interviews", "InterviewsScreen"),
    Place("insights", "Insights", "f7", "insights", "InsightsScreen"),
    Place("settings", "Settings", "f8", "settings", "SettingsScreen"),
]

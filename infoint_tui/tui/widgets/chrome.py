"""The frame around every screen: a top bar with the save state, a navigation line, the keys."""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

from rich.text import Text
from textual.app import RenderResult
from textual.geometry import Size
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from infoint_tui.tui.screens import PLACES

#: From this width the navigation line names each place beside its key.
ROOMY = 100


class TopBar(Widget):
    """Screen title (and what it is about, such as the day) on the left; whether the data
    file is saved on the right."""

    DEFAULT_CSS = """
    TopBar { dock: top; height: 1; background: $panel; color: $foreground; }
    """

    status: reactive[str] = reactive("")
    problem: reactive[bool] = reactive(False)
    #: Shown after the title: the Queue puts the day it reviews here.
    detail: reactive[str] = reactive("")

    def __init__(self, title: str) -> None:
        super().__init__()
        self.title = title

    def on_mount(self) -> None:
        self.watch(self.app, "save_status", self._show_status)

    def _show_status(self, status: tuple[str, bool]) -> None:
        self.status, self.problem = status

    def render(self) -> RenderResult:
        line = Text.assemble((" infoint ", "bold reverse"), " ", (self.title, "bold"))
        if self.detail:
            line.append(f" · {self.detail}")
        style = "bold reverse red" if self.problem else "dim"
        status = Text(f" {self.status} ", style=style)
        gap = max(1, self.size.width - line.cell_len - status.cell_len)
        return line + Text(" " * gap) + status


class NavBar(Widget):
    """F-keys to every screen, the current one highlighted; fits in 80 columns."""

    COMPONENT_CLASSES = {"navbar--key", "navbar--current"}
    DEFAULT_CSS = """
    NavBar { height: 1; background: $panel; }
    NavBar > .navbar--key { color: $text-accent; text-style: bold; }
    NavBar > .navbar--current { background: $accent; color: $text; text-style: bold; }
    """

    def __init__(self, current: str) -> None:
        super().__init__()
        self.current = current

    def render(self) -> RenderResult:
        key_style = self.get_component_rich_style("navbar--key")
        current_style = self.get_component_rich_style("navbar--current")
        roomy = self.size.width >= ROOMY
        line = Text()
        for place in PLACES:
            style = current_style if place.mode == self.current else ""
            line.append(place.key.upper(), style=style or key_style)
            line.append(f" {place.title}" if roomy else place.title, style=style)
            line.append("  " if roomy else " ")
        return line


class KeptFooter(Footer):
    """Textual's footer, built again only when the keys it shows change.

    Textual's builds itself anew whenever the screen's bindings are refreshed: each time the
    screen is shown, and after each action that may enable or disable one. At twenty keys,
    each restyled as it is made, that costs more than the rest of a switch of screens.
    """

    def __init__(self) -> None:
        super().__init__()
        self._built_for: Hashable = None

    def bindings_changed(self, screen: Screen) -> None:
        shown = tuple(
            (binding.key, binding.action, binding.description, binding.group, enabled, tooltip)
            for _, binding, enabled, tooltip in screen.active_bindings.values()
            if binding.show
        )
        if shown == self._built_for:
            return
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            if self._built_for is not None and self._show_only(shown):
                self._built_for = shown
                return
            self._built_for = shown  # Textual builds it now
        super().bindings_changed(screen)

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True) -> bool:
        # Textual lays the whole screen out again when a footer's keys take another width to
        # scroll in (a key hidden): the layout that measured them has placed them already.
        return super()._size_updated(size, virtual_size, container_size, layout=False)

    def _show_only(self, shown: tuple[tuple[Any, ...], ...]) -> bool:
        """Show these keys by hiding the others and marking which are disabled, when every one
        of them is built already, in this order; False when the footer must be built again.

        A key coming and going (Clear filter) then costs no rebuild: that would make a
        dozen widgets anew and style each.
        """
        if any(group is not None for _, _, _, group, _, _ in shown):
            return False
        wanted: dict[str, tuple[Any, ...]] = {}
        for entry in shown:
            wanted.setdefault(entry[1], entry)  # as Textual shows them: one key per action
        keys = [key for key in self.query_children(FooterKey) if not key.has_class("-command-palette")]
        matched: dict[FooterKey, tuple[Any, ...]] = {}
        at = 0
        for entry in wanted.values():
            while at < len(keys) and (keys[at].key, keys[at].action, keys[at].description) != entry[:3]:
                at += 1
            if at == len(keys):
                return False
            matched[keys[at]] = entry
            at += 1
        laid_out_again = False
        for key in keys:
            shows = matched.get(key)
            if key.display != (shows is not None):  # Textual lays the footer out at each setting
                key.display = shows is not None
                laid_out_again = True
        edge = None if laid_out_again else self._edge_of_sight()
        for key, (*_, enabled, tooltip) in matched.items():
            key._disabled = not enabled
            key.tooltip = tooltip or None
            # Dimmed where it can be seen: restyled behind the palette's key or past the edge,
            # a key cost a frame of its own for nothing (on an 80-column screen, Clear filter).
            if edge is None or key.region.x < edge:
                key.set_class(not enabled, "-disabled")
        return True

    def _edge_of_sight(self) -> int:
        """Where keys stop being seen: the palette's key at the right end, or the edge."""
        palette = [key for key in self.query_children(FooterKey) if key.has_class("-command-palette") and key.display]
        return min([self.region.right, *(key.region.x for key in palette)])

    def on_resize(self) -> None:
        self._dim_disabled_keys()

    def watch_scroll_x(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_x(old_value, new_value)
        self._dim_disabled_keys()

    def _dim_disabled_keys(self) -> None:
        """Keys out of sight may come into it: each dimmed as its binding says."""
        for key in self.query_children(FooterKey):
            key.set_class(key._disabled, "-disabled")

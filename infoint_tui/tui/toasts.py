"""Where notifications appear: never over the words being typed, nor over a dialog.

Textual stacks toasts at the bottom right of each screen. Here, before a toast shows and
whenever the focus moves, the screen's toast rack is moved clear of what it must not hide:
the open dialog's box (its corners too), else the text field being typed in. Below it is
the usual place; then above it; then beside it (the live view's notes leave the questions'
column); only when nothing fits does a toast cover the rest of a dialog, never its field.
"""

from __future__ import annotations

import sys
from typing import Literal, NamedTuple

from textual.css.query import NoMatches
from textual.geometry import Region, Size
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import Input
from textual.widgets._toast import ToastRack  # Textual keeps every screen's toasts in one

#: Rows a toast of one line and a title takes, with its gap above.
TOAST_ROWS = 5
#: Narrower than this a toast beside the text would be too cramped to read.
TOAST_COLUMNS = 20
#: The line the rack keeps free at the bottom: the footer's.
FOOTER_ROWS = 1


class Placement(NamedTuple):  # not a dataclass: imported before the first frame, and quicker to make
    edge: Literal["top", "bottom"] = "bottom"
    #: The most rows the toasts may take (None: as many as they need).
    rows: int | None = None
    #: Columns kept free on the left and on the right.
    left: int = 0
    right: int = 0


def choose(screen: Size, keep_clear: Region) -> Placement | None:
    """Where toasts go to leave `keep_clear` uncovered on a screen of that size; None if nowhere."""
    below = screen.height - FOOTER_ROWS - keep_clear.bottom
    if below >= TOAST_ROWS:
        return Placement("bottom", rows=below)
    if keep_clear.y >= TOAST_ROWS:
        return Placement("top", rows=keep_clear.y)
    beside_left, beside_right = keep_clear.x, screen.width - keep_clear.right
    if max(beside_left, beside_right) >= TOAST_COLUMNS:
        if beside_left >= beside_right:
            return Placement(right=screen.width - beside_left)
        return Placement(left=keep_clear.right)
    return None


def _typed_in(widget: Widget | None) -> bool:
    if isinstance(widget, Input):
        return True
    # Looked up, not imported: a focused TextArea has loaded its module, and the first frame
    # (this runs on every focus) has no use for it and its document machinery.
    text_area = sys.modules.get("textual.widgets._text_area")
    return text_area is not None and isinstance(widget, text_area.TextArea) and not widget.read_only


def _keep_clear(screen: Screen[object]) -> list[Region]:
    """What must stay visible, most first: a dialog's box, then the field being typed in."""
    regions = []
    if isinstance(screen, ModalScreen):
        regions += [box.region for box in screen.query(".dialog-box")][:1]
    if _typed_in(screen.focused):
        assert screen.focused is not None
        regions.append(screen.focused.region)
    return [region for region in regions if region]


def place(screen: Screen[object]) -> None:
    """Move the screen's toasts clear of its dialog box, or of the field being typed in."""
    try:
        rack = screen.get_child_by_type(ToastRack)
    except NoMatches:
        return
    placements = (choose(screen.size, region) for region in _keep_clear(screen))
    placement = next((found for found in placements if found is not None), Placement())
    styles = rack.styles
    styles.dock = placement.edge
    styles.align_vertical = placement.edge
    styles.max_height = placement.rows
    styles.margin = (0, 0, FOOTER_ROWS if placement.edge == "bottom" else 0, 0)
    styles.padding = (0, placement.right, 0, placement.left)
    # Beside a field the toasts take the whole width left to them, not half of it.
    rack.set_class(bool(placement.left or placement.right), "-beside")

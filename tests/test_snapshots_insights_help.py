"""Snapshots of the Insights screen and the Help screen on the demo campaign."""

from __future__ import annotations

import pytest

SIZES = [(80, 24), (120, 40)]


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_insights(snap_compare, make_app, size) -> None:
    assert snap_compare(make_app(), press=["f7"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_help_over_the_queue(snap_compare, make_app, size) -> None:
    assert snap_compare(make_app(), press=["f1"], terminal_size=size)

"""How the Interviews screen, Prepare and the live view look, at 80x24 and 120x40.

Update the pictures with `pytest tests/test_snapshots_interviews.py --snapshot-update`
after a deliberate change, and look at them before committing.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from infoint_tui.demo import write_demo
from infoint_tui.store.repository import Repository
from infoint_tui.tui.app import InfointApp

DAY = date(2026, 11, 26)
SIZES = [(80, 24), (120, 40)]
NOTES = (
    "Runs discovery with two designers; research reaches the roadmap in a weekly review.\n\n"
    "## 14:34 What do newcomers to this industry tend to underestimate?\n"
    "How slow procurement is: a pilot can take a year to reach a ward."
)


@pytest.fixture
def demo_app(tmp_path: Path):
    write_demo(tmp_path / "demo.json", 60, DAY)
    repo = Repository.open(tmp_path / "demo.json")
    # Today's interview, a few minutes in: typed beforehand, so no clock shows in the picture.
    interview = min((i for i in repo.campaign.interviews.values() if i.when.date() == DAY), key=lambda i: i.when)
    interview.notes = NOTES
    interview.questions[0].asked = True
    repo.save(interview)
    yield InfointApp(repo, build_ahead=False)
    repo.close()


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_interviews(snap_compare, demo_app, size) -> None:
    assert snap_compare(demo_app, press=["f6"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_live_view(snap_compare, demo_app, size) -> None:
    assert snap_compare(demo_app, press=["f6", "enter", "ctrl+n"], terminal_size=size)


def test_prepare(snap_compare, demo_app) -> None:
    assert snap_compare(demo_app, press=["f6", "down", "down", "down", "p", "tab"])


def test_end_interview_form(snap_compare, demo_app) -> None:
    assert snap_compare(demo_app, press=["f6", "enter", "f9"])


def test_referral_form_with_a_bad_email(snap_compare, demo_app) -> None:
    assert snap_compare(demo_app, press=["f6", "enter", "ctrl+r", *"Bo", "tab", "tab", *"bo.example", "ctrl+s"])

"""What the start-up does before its first frame (DESIGN section 7): the style sheets are
parsed once, and a start from the snapshot loads none of the modules the first frame does
not draw with. Counts of work, not timings: the benchmarks time it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from textual.css.stylesheet import Stylesheet

from infoint_tui.tui.app import InfointApp
from infoint_tui.tui.opening import open_data_file
from tests.conftest import TODAY


async def test_every_style_sheet_is_parsed_once_at_start(make_app, monkeypatch: pytest.MonkeyPatch) -> None:
    reparsed = []
    reparse = Stylesheet.reparse
    monkeypatch.setattr(Stylesheet, "reparse", lambda self: (reparsed.append(self), reparse(self)))
    app: InfointApp = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.query_one("#queue-items").has_focus
    assert reparsed == []  # a reparse parses every sheet of the app again


#: Starts the app from its snapshot, headless, and prints which of the modules the first
#: frame has no use for are loaded when the app asks for the file (after that frame).
FROM_THE_SNAPSHOT = """
import sys
from pathlib import Path
from infoint_tui import clock
from infoint_tui.cli import _opening
from infoint_tui.tui.app import InfointApp

clock.fix(sys.argv[2])
opening = _opening(Path(sys.argv[1]))
LATER = ("infoint_tui.domain.models", "infoint_tui.store.repository", "textual.widgets._text_area")


def start(done):
    print(sorted(name for name in LATER if name in sys.modules))
    app.exit()


opening.start = start
app = InfointApp(opening=opening)
app.run(headless=True, size=(80, 24))
"""


def test_the_first_frame_from_the_snapshot_loads_no_records_nor_editors(demo_file: Path) -> None:
    open_data_file(demo_file).close()  # leaves the snapshot, as a session's end does
    done = subprocess.run(
        [sys.executable, "-c", FROM_THE_SNAPSHOT, str(demo_file), TODAY.isoformat()],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert done.stdout.strip().splitlines()[-1] == "[]", done.stderr

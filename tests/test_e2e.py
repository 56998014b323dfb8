"""infoint as a user meets it: the installed `infoint` command in a real terminal (tmux,
80x24), on a demo campaign of its own, on a fixed day.

The morning queue agrees with `infoint today --json`; a request copied in the queue
reaches the clipboard; notes typed in the live view are in the file after ctrl+q; `infoint
today` prints the agenda. No fixed sleeps: every wait polls the screen with a deadline.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from terminal import Terminal, wait_for

from tests.conftest import TODAY

pytestmark = pytest.mark.skipif(
    shutil.which("tmux") is None, reason="tmux is not installed (CI installs it: see .ci/run)"
)

#: The console script pip installed, not the source tree run with -m.
INFOINT = Path(sys.executable).with_name("infoint")
#: The queue's group headings, by the status `infoint today --json` gives.
GROUPS = {"overdue": "Overdue", "today": "Today", "upcoming": "Upcoming"}


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A demo campaign, written by the installed command as a user would."""
    path = tmp_path / "campaign.json"
    subprocess.run(
        [INFOINT, "demo", "--size", "60", "--out", path, "--today", TODAY.isoformat()], check=True, capture_output=True
    )
    return path


@pytest.fixture
def env(tmp_path: Path, db: Path) -> dict[str, str]:
    """The program's environment: this test's file and day, and nothing of the developer's."""
    return {
        "INFOINT_DB": str(db),
        "INFOINT_TODAY": f"{TODAY}T09:00",  # the morning, whatever the real hour
        "HOME": str(tmp_path),
        "TERM": "xterm-256color",
        "TEXTUAL_ANIMATIONS": "none",
        # As if over SSH: copies go by OSC 52 alone, never to this machine's clipboard.
        "SSH_CONNECTION": "10.0.0.2 50000 10.0.0.1 22",
    }


@pytest.fixture
def start(env: dict[str, str]) -> Iterator[Callable[..., Terminal]]:
    """start(*args): `infoint args...` in a terminal of its own, closed after the test."""
    terminals: list[Terminal] = []

    def start(*args: str) -> Terminal:
        terminals.append(Terminal("infoint-e2e", [str(INFOINT), *args], env))
        return terminals[-1]

    yield start
    for terminal in terminals:
        terminal.close()


def infoint(env: dict[str, str], *args: str) -> str:
    """Run `infoint args...` outside any terminal; its standard output."""
    return subprocess.run(
        [INFOINT, *args], env={**os.environ, **env}, check=True, capture_output=True, text=True
    ).stdout


def agenda(env: dict[str, str]) -> list[dict]:
    return json.loads(infoint(env, "today", "--json"))["items"]


def exited(terminal: Terminal) -> int | None:
    wait_for(lambda: terminal.exit_status() is not None, "infoint to exit")
    return terminal.exit_status()


def test_the_morning_queue_shows_what_infoint_today_reports(
    start: Callable[..., Terminal], db: Path, env: dict[str, str]
) -> None:
    items = agenda(env)
    expected = Counter(GROUPS[item["status"]] for item in items)
    assert set(expected) == set(GROUPS.values()), "the demo day should have every group"
    first_overdue = next(item["person"] for item in items if item["status"] == "overdue")

    terminal = start("--db", str(db))
    terminal.wait_for_text("Overdue (")
    top = terminal.wait_for_text("Today (")  # the list filled as far as the first screen goes
    assert re.search(rf"^Overdue \(\d+\)\n.*{re.escape(first_overdue)}", top, re.MULTILINE), top
    terminal.press("End")  # Upcoming is below the fold at 24 lines
    bottom = terminal.wait_for_text("Upcoming (")

    shown = {
        heading: int(count)
        for heading, count in re.findall(r"^(Overdue|Today|Upcoming) \((\d+)\)", top + bottom, re.MULTILINE)
    }
    assert shown == expected


def test_a_request_copied_in_the_queue_reaches_the_clipboard(
    start: Callable[..., Terminal], db: Path, env: dict[str, str]
) -> None:
    position, request = next((i, item) for i, item in enumerate(agenda(env)) if item["kind"] == "request")

    terminal = start("--db", str(db))
    terminal.wait_for_text("Overdue (")
    terminal.press(*["Down"] * position)  # the highlight starts on the first item; headings are skipped
    terminal.wait_for_text(f"Send request: {request['person']}")  # the card of the highlighted item
    terminal.press("c")
    terminal.wait_for_text("^y Copy")
    terminal.press("C-y")
    sent = "to your terminal's clipboard"
    wait_for(
        lambda: sent in terminal.screen() or "again to copy anyway" in terminal.screen(),
        "the copy, or a warning about the text",
    )
    if sent not in terminal.screen():
        terminal.press("C-y")  # the second press copies despite the problems found
    report = terminal.wait_for_text(sent)

    wait_for(lambda: terminal.clipboard() != "", "the copy in tmux's paste buffer")
    copied = terminal.clipboard()
    assert copied.startswith(f"Hi {request['person'].split()[0]},"), copied
    assert f"Sent {len(copied)} characters" in report  # the whole text arrived


def test_notes_typed_in_the_live_interview_are_in_the_file_after_ctrl_q(
    start: Callable[..., Terminal], db: Path
) -> None:
    terminal = start("interview", "--db", str(db))
    terminal.wait_for_text("^l Ask")
    said = "Hiring is slow this year."
    terminal.type(said)
    terminal.wait_for_text(said)
    terminal.press("C-l")
    terminal.wait_for_text("## ")  # the current question, as a heading with the time
    answer = "Newcomers underestimate research ops."
    terminal.type(answer)
    terminal.wait_for_text(answer)
    terminal.press("C-q")
    assert exited(terminal) == 0

    interviews = json.loads(db.read_bytes())["interviews"].values()
    [interview] = [interview for interview in interviews if said in interview["notes"]]
    assert interview["when"].startswith(TODAY.isoformat())
    notes = re.fullmatch(
        rf"{re.escape(said)}\n\n## \d\d:\d\d (?P<question>.+)\n{re.escape(answer)}", interview["notes"]
    )
    assert notes, interview["notes"]
    assert {"text": notes["question"], "asked": True, "follow_up": False} in interview["questions"]


def test_infoint_today_prints_the_agenda_in_the_terminal(start: Callable[..., Terminal], env: dict[str, str]) -> None:
    printed = infoint(env, "today")
    assert printed.startswith("Thursday 26 November 2026: ")

    terminal = start("today")
    assert exited(terminal) == 0
    assert printed.strip() in terminal.transcript()

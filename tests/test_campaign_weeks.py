"""Four weeks of a campaign, begun on an empty file, all through the keyboard at 80x24.

A teacher moving into UX research sets up a profile and two objectives, adds four people
by hand (someone she knows, a colleague of theirs she is introduced to, a person she
writes to naming that colleague, a stranger) and imports three LinkedIn connections. Then
she opens infoint once a week, on Monday mornings (`--today`), reads the queue and does
what it asks. Each week the queue on screen must be what `infoint today --json` reports
and hold the step of the method that week calls for. No fixed sleeps: every wait polls.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest
from terminal import Terminal, wait_for

from tests.test_e2e import INFOINT, exited, pytestmark  # noqa: F401 (skipped without tmux)
from tests.test_typeahead import closes

MONDAY = date(2026, 11, 2)
CONNECTIONS = """Notes:
"When exporting your connection data, you may notice that some of the email addresses are missing."

First Name,Last Name,URL,Email Address,Company,Position,Connected On
Ines,Carvalho,https://www.linkedin.com/in/ines-carvalho-0001,ines@example.com,Lumen Schools,Learning Designer,14 Mar 2020
Tomas,Weber,https://www.linkedin.com/in/tomas-weber-0002,,Northwind Health,UX Researcher,02 Jun 2021
Aiko,Mori,https://www.linkedin.com/in/aiko-mori-0003,aiko@example.com,Brightpath Learning,Research Ops Lead,19 Oct 2022
"""


@pytest.fixture
def week(tmp_path: Path) -> Callable[[int], Terminal]:
    """week(n): infoint in a terminal of its own on the Monday of week n (0 to 4)."""
    terminals: list[Terminal] = []

    def open_week(n: int) -> Terminal:
        for terminal in terminals:
            terminal.close()
        terminals.append(Terminal("infoint-weeks", [str(INFOINT)], environment(tmp_path, n)))
        return terminals[-1]

    yield open_week
    for terminal in terminals:
        terminal.close()


def environment(tmp_path: Path, n: int) -> dict[str, str]:
    return {
        "INFOINT_DB": str(tmp_path / "campaign.json"),
        "INFOINT_TODAY": (MONDAY + timedelta(weeks=n)).isoformat(),
        "INFOINT_CONFIG": str(tmp_path / "config.toml"),
        "INFOINT_STATE": str(tmp_path / "state"),
        "HOME": str(tmp_path),
        "TERM": "xterm-256color",
        "TEXTUAL_ANIMATIONS": "none",
        "SSH_CONNECTION": "10.0.0.2 50000 10.0.0.1 22",
    }


def agenda(tmp_path: Path, n: int) -> list[dict]:
    printed = subprocess.run(
        [INFOINT, "today", "--json"], env=environment(tmp_path, n), check=True, capture_output=True, text=True
    ).stdout
    return json.loads(printed)["items"]


def due_now(items: list[dict]) -> list[tuple[str, str]]:
    """(kind, person) of what is due today or overdue, in the queue's order."""
    return [(item["kind"], item["person"]) for item in items if item["status"] in ("overdue", "today")]


NAMED_KEYS = {"Tab", "Enter", "Up", "Down", "Right", "End", "C-u"}


def keys(terminal: Terminal, *typed: str) -> None:
    """Named keys pressed, any other string typed as text."""
    for key in typed:
        if key in NAMED_KEYS:
            terminal.press(key)
        else:
            terminal.type(key)


def fill_form(terminal: Terminal, opener: str, title: str, *typed: str) -> None:
    """Open a form, type into it, save it, and wait for it to close."""
    terminal.press(opener)
    terminal.wait_for_text(title)
    keys(terminal, *typed)
    terminal.press("C-s")
    closes(terminal, title)


def set_up(terminal: Terminal, connections: Path) -> None:
    terminal.wait_for_text("Nothing is due")
    terminal.press("F8")
    terminal.wait_for_text("Your profile")
    keys(terminal, "Maya Lindqvist", "Tab", "+1 555 0100", "Tab", "maya@example.com", "Tab")
    keys(terminal, "I teach science and am moving into user research.")
    terminal.press("C-s")
    terminal.wait_for_text("Settings saved")

    terminal.press("F4")
    terminal.wait_for_text("No objectives yet")
    # About: its list opens with Enter, and a letter picks role (r) or industry (i).
    fill_form(terminal, "n", "New objective", "Enter", "r", "Enter", "Tab", "what a UX researcher does in a week")
    fill_form(terminal, "n", "New objective", "Enter", "i", "Enter", "Tab", "how edtech companies run research")

    terminal.press("F3")
    terminal.wait_for_text("People 0")
    # Degree: its list opens on "cold" for a new person; Up is 2nd, Up again 1st.
    # Introduced by: the start of a 1st-degree name, and → completes it.
    first, second, cold = ("Enter", "Up", "Up", "Enter"), ("Enter", "Up", "Enter"), ()
    people = [
        ("Nora Berg", first, "", "Brightpath Learning", "Teacher Trainer", "nora@example.com"),
        ("Omar Haddad", second, "Nora", "Lumen Schools", "UX Researcher", "omar@example.com"),
        ("Sara Lind", second, "Nora", "Northwind Health", "Research Manager", "sara@example.com"),
        ("Priya Shah", cold, "", "Brightpath Learning", "Head of Research", "priya@example.com"),
    ]
    for count, (name, degree, introducer, company, title, email) in enumerate(people, start=1):
        fill_form(
            terminal,
            "n",
            "New person",
            name,
            "Tab",
            *degree,
            "Tab",
            *((introducer, "Right") if introducer else ()),
            "Tab",
            company,
            "Tab",
            title,
            "Tab",
            email,
        )
        terminal.wait_for_text(f"People {count}")

    terminal.press("i")
    terminal.wait_for_text("Import LinkedIn connections")
    terminal.type(str(connections))
    terminal.press("Enter")
    terminal.wait_for_text("3 people and 0 companies to add")
    terminal.press("Enter")
    terminal.wait_for_text("People 7")


def test_four_weeks_of_a_campaign_through_the_keyboard(week: Callable[[int], Terminal], tmp_path: Path) -> None:
    connections = tmp_path / "Connections.csv"
    connections.write_text(CONNECTIONS, encoding="utf-8-sig")  # LinkedIn writes a BOM
    terminal = week(0)
    set_up(terminal, connections)
    requests = [
        ("Nora Berg", "1", ()),
        ("Omar Haddad", "1", ("i",)),
        ("Sara Lind", "1", ("m",)),
        ("Priya Shah", "2", ()),
        ("Ines Carvalho", "2", ()),
    ]
    for name, objective, route in requests:
        request(terminal, name, objective, *route)
    terminal.press("C-q")
    assert exited(terminal) == 0

    for n in range(1, 5):
        print("WEEK", n, agenda(tmp_path, n))
        terminal = week(n)
        terminal.wait_for_text("Queue")
        for kind, person in due_now(agenda(tmp_path, n)):
            terminal.press("Home", "d")
            import time

            time.sleep(1.5)
            print(kind, person, terminal.screen())
            terminal.press("y")
            time.sleep(1.5)
        terminal.press("C-q")
        assert exited(terminal) == 0
    assert False


def request(terminal: Terminal, name: str, objective: str, *route: str) -> None:
    """Request an interview from the Targets screen: the objective, the route, the text
    checked and copied, then recorded as sent."""
    terminal.press("/")
    terminal.type(name)
    terminal.press("Enter")
    terminal.wait_for_text("People 1 of")
    terminal.press("r")
    terminal.wait_for_text("to learn about")
    terminal.press(objective, *route)
    terminal.wait_for_text("^y Copy")
    terminal.press("C-y")
    shown = wait_for_either(terminal, "to your terminal's clipboard", "again to copy")
    if "again to copy" in shown:
        terminal.press("C-y")  # the check found something; copy anyway
        terminal.wait_for_text("to your terminal's clipboard")
    terminal.press("Escape")
    terminal.wait_for_text("Record it (y)")
    terminal.press("y")
    closes(terminal, "Record it (y)")


def wait_for_either(terminal: Terminal, *texts: str) -> str:
    shown = ""

    def showing() -> bool:
        nonlocal shown
        shown = terminal.screen()
        return any(text in shown for text in texts)

    wait_for(showing, f"one of {texts}")
    return shown

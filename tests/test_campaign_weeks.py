"""Four weeks of a campaign, begun on an empty file, all through the keyboard at 80x24.

A teacher moving into UX research sets up a profile and two objectives, adds four people
by hand (someone she knows, a colleague of theirs she is introduced to, a person she
writes to naming that colleague, a stranger) and imports three LinkedIn connections. Then
she opens infoint once a week, on Monday mornings (`--today`), reads the queue and does
what it asks; along the way a yes is booked and held and thanked, the mutual introduces,
a call finds someone who says "not now, ask me in December", and an "assumed no" leads to
the next person at that company. Each week the queue on screen must be what `infoint today
--json` reports, and hold the steps of the method that week calls for. No fixed sleeps:
every wait polls.
"""

from __future__ import annotations

import json
import re
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
Ines,Carvalho,https://www.linkedin.com/in/ines-carvalho-1,ines@example.com,Lumen Schools,Learning Designer,14 Mar 2020
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
        "INFOINT_TODAY": f"{MONDAY + timedelta(weeks=n)}T09:00",  # a Monday morning, whatever the real hour
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
    for name, objective, route in REQUESTS:
        request(terminal, name, objective, *route)
    quit_app(terminal)

    for n in range(1, 5):
        items = due_now(agenda(tmp_path, n))
        assert items == WEEKS[n]
        terminal = week(n)
        shows_the_queue(terminal, items)
        for kind, person in items:
            highlight(terminal, agenda(tmp_path, n), kind, person)
            EVENTS.get((n, person), act)(terminal, kind, person)
            # On file, so on screen too: the queue has redrawn before the next key.
            done(tmp_path, n, kind, person)
        quit_app(terminal)
    assert due_now(agenda(tmp_path, 4)) == []  # every step of the week taken
    # December: Priya asked to be asked again now; Tomas's call falls due.
    assert due_now(agenda(tmp_path, 5)) == [("follow_up", "Priya Shah"), ("call", "Tomas Weber")]
    stored = json.loads((tmp_path / "campaign.json").read_bytes())
    [nora] = [i for i in stored["interviews"].values() if i["held"]]
    assert nora["thanked"] == (MONDAY + timedelta(weeks=3)).isoformat()
    assert nora["takeaways"] == "Research ops is a way in for teachers."


#: What is due each Monday, by the policy's clock: a follow-up a week after the request,
#: a call a week later, then "assume no"; the mutual nudged every week until she introduces.
WEEKS = {
    1: [
        ("follow_up", "Ines Carvalho"),
        ("follow_up", "Nora Berg"),
        ("nudge_intro", "Omar Haddad"),
        ("follow_up", "Priya Shah"),
        ("follow_up", "Sara Lind"),
    ],
    2: [
        ("interview", "Nora Berg"),  # booked for Tuesday, not yet marked held
        ("call", "Ines Carvalho"),
        ("follow_up", "Omar Haddad"),  # the request after the introduction, a week on
        ("call", "Priya Shah"),
        ("call", "Sara Lind"),
    ],
    3: [
        ("thank", "Nora Berg"),  # overdue: the interview was marked held late
        ("assumed_no", "Ines Carvalho"),
        ("call", "Omar Haddad"),
        ("assumed_no", "Sara Lind"),
    ],
    4: [
        ("assumed_no", "Omar Haddad"),
        ("follow_up", "Tomas Weber"),  # asked in week 3, once Sara was assumed a no
    ],
}

#: (person, objective's digit, route's key): the connection, the friend, her colleague
#: through her, another naming her, and a stranger.
REQUESTS = [
    ("Ines Carvalho", "2", ()),
    ("Nora Berg", "1", ()),
    ("Omar Haddad", "1", ("i",)),
    ("Sara Lind", "1", ("m",)),
    ("Priya Shah", "2", ()),
]


def done(tmp_path: Path, n: int, kind: str, person: str) -> None:
    wait_for(lambda: (kind, person) not in due_now(agenda(tmp_path, n)), f"{kind} for {person} done")


def quit_app(terminal: Terminal) -> None:
    terminal.press("C-q")
    assert exited(terminal) == 0


def shows_the_queue(terminal: Terminal, items: list[tuple[str, str]]) -> None:
    """The queue on screen lists what is due now, as `infoint today --json` does."""
    screen = terminal.wait_for_text("Queue ·")
    shown = re.findall(r"^(Overdue|Today) \((\d+)\)", screen, re.MULTILINE)
    assert sum(int(count) for _, count in shown) == len(items), screen
    for _, person in items[:8]:  # the rows above the card
        assert person in screen, (person, screen)


def highlight(terminal: Terminal, items: list[dict], kind: str, person: str) -> None:
    """Move to `person`'s item: the queue lists the items in the order `today --json` does."""
    position = next(i for i, item in enumerate(items) if (item["kind"], item["person"]) == (kind, person))
    terminal.press("Home", *["Down"] * position)  # headings are skipped
    try:
        wait_for(lambda: f": {person} ·" in terminal.screen().partition("─" * 20)[2], f"the card of {person}")
    except AssertionError as timeout:
        raise AssertionError(f"{timeout}; the screen shows:\n{terminal.screen()}") from None


def act(terminal: Terminal, kind: str, person: str) -> None:
    """Do what the item asks, as its card says, today."""
    terminal.press("d")
    if kind == "call":
        terminal.wait_for_text("How did the call")
        terminal.press("v")  # a voicemail
    asked = wait_for_either(terminal, "Today (y)", "Record it (y)")  # the day, or only whether
    terminal.press("y")
    closes(terminal, "Today (y)" if "Today (y)" in asked else "Record it (y)")


def yes_yesterday_and_booked(terminal: Terminal, kind: str, person: str) -> None:
    terminal.press("r")
    terminal.wait_for_text(f"What happened with {person}")
    terminal.press("y")
    terminal.wait_for_text("Yesterday (e)")
    terminal.press("e")
    terminal.wait_for_text("Book a time with")
    terminal.press("C-s")  # the time proposed: tomorrow at 10, by phone
    closes(terminal, "Book a time with")


def introduced_then_asked(terminal: Terminal, kind: str, person: str) -> None:
    terminal.press("r")
    terminal.wait_for_text(f"What happened with {person}")
    terminal.press("i")
    terminal.wait_for_text("Today (y)")
    terminal.press("y")
    terminal.wait_for_text("Write it (y)")
    terminal.press("y")
    copied_and_sent(terminal)


def spoke_and_not_now(terminal: Terminal, kind: str, person: str) -> None:
    terminal.press("d")
    terminal.wait_for_text("How did the call")
    terminal.press("s")
    terminal.wait_for_text("Today (y)")
    terminal.press("y")
    terminal.wait_for_text(f"What happened with {person}")
    terminal.press("l")
    terminal.wait_for_text("asked to be asked again in")
    terminal.press("1")  # December
    terminal.wait_for_text("asked you to ask again in December")
    terminal.press("y")
    closes(terminal, "asked you to ask again in December")


def assumed_no_and_the_next_at_the_company(terminal: Terminal, kind: str, person: str) -> None:
    act(terminal, kind, person)
    terminal.wait_for_text("Next at")
    terminal.press("y")  # asked for what their colleague was asked
    copied_and_sent(terminal)


def thanked_without_a_card(terminal: Terminal, kind: str, person: str) -> None:
    act(terminal, kind, person)
    terminal.wait_for_text("handwritten card?")
    terminal.press("n")
    closes(terminal, "handwritten card?")


def held(terminal: Terminal, kind: str, person: str) -> None:
    terminal.press("d")
    terminal.wait_for_text(f"End the interview with {person}")
    terminal.type("Research ops is a way in for teachers.")
    terminal.press("C-s")
    closes(terminal, "End the interview")


#: What happens, by week and person, other than doing what the queue asks.
EVENTS = {
    (1, "Nora Berg"): yes_yesterday_and_booked,
    (1, "Omar Haddad"): introduced_then_asked,
    (2, "Nora Berg"): held,
    (2, "Priya Shah"): spoke_and_not_now,
    (3, "Nora Berg"): thanked_without_a_card,
    (3, "Sara Lind"): assumed_no_and_the_next_at_the_company,
}


def request(terminal: Terminal, name: str, objective: str, *route: str) -> None:
    """Request an interview from the Targets screen: the objective, the route, the text
    checked and copied, then recorded as sent."""
    terminal.press("/", "End", "C-u")  # the filter keeps what it had: cleared first
    terminal.type(name)
    terminal.press("Enter")
    terminal.wait_for_text("People 1 of")
    terminal.press("r")
    terminal.wait_for_text("to learn about")
    terminal.press(objective, *route)
    copied_and_sent(terminal)


def copied_and_sent(terminal: Terminal) -> None:
    """The message shown: copied (past what the check found), then recorded as sent today."""
    terminal.wait_for_text("^y Copy")
    terminal.press("C-y")
    shown = wait_for_either(terminal, "to your terminal's clipboard", "again to copy")
    if "again to copy" in shown:
        terminal.press("C-y")  # the check found something; copy anyway
        terminal.wait_for_text("to your terminal's clipboard")
    terminal.press("Escape")
    terminal.wait_for_text("Today (y)")
    terminal.press("y")
    closes(terminal, "Today (y)")


def wait_for_either(terminal: Terminal, *texts: str) -> str:
    shown = ""

    def showing() -> bool:
        nonlocal shown
        shown = terminal.screen()
        return any(text in shown for text in texts)

    wait_for(showing, f"one of {texts}")
    return shown

"""Keys typed ahead land in the field that had focus where they were typed (DESIGN §8).

A laggy SSH link delivers keys in bursts: here each burst is ONE `tmux send-keys`, so the
program reads it all at once. Each burst opens a screen or a dialog and goes on typing at
once, mixing text with Tab, arrows, Home/End, Backspace and ctrl+u, and saves. Every field
is then read back from the data file after ctrl+q. No fixed sleeps: every wait polls.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

from terminal import Terminal, wait_for

from tests.test_e2e import agenda, db, env, exited, pytestmark, start  # noqa: F401 (fixtures; no tmux, no test)

FORM_OF_A_PERSON = (
    "degree",
    "introducer_id",
    "title",
    "email",
    "phone",
    "profile_url",
    "location",
    "postal_address",
    "tags",
    "source",
    "notes",
)
FORM_OF_A_COMPANY = ("industry", "size", "location", "website", "source", "tags", "notes")
#: Clears a filled-in text field: to its end, then delete everything left of the cursor.
CLEAR = ("End", "C-u")


def closes(terminal: Terminal, title: str) -> None:
    """Wait for the dialog or screen titled `title` to go; a timeout shows the screen."""
    try:
        wait_for(lambda: title not in terminal.screen(), f"{title!r} to close")
    except AssertionError as timeout:
        raise AssertionError(f"{timeout}; the screen shows:\n{terminal.screen()}") from None


def saved(terminal: Terminal, db: Path) -> dict:
    """Quit (which saves) and read the data file."""
    terminal.press("C-q")
    assert exited(terminal) == 0
    return json.loads(db.read_bytes())


def only(records: dict, **fields: object) -> dict:
    found = [record for record in records.values() if all(record[k] == v for k, v in fields.items())]
    assert len(found) == 1, f"{len(found)} records have {fields}; the newest: {list(records.values())[-1]}"
    return found[0]


def test_a_person_typed_while_the_targets_screen_and_the_form_open(start: Callable[..., Terminal], db: Path) -> None:
    terminal = start("--db", str(db))
    terminal.wait_for_text("Overdue (")
    terminal.press(
        "F3",
        "n",  # the Targets screen, then its new-person form
        "Zed Tezt",
        "Left",
        "BSpace",
        "s",  # a typo mended: Zed Test
        "Tab",
        "Enter",
        "Up",
        "Up",
        "Enter",  # Degree: its list opens, 1st is chosen
        "Tab",
        "Tab",
        "Cedar",  # past Introduced by, to Company
        "Tab",
        "Researcher",
        "Home",
        "Senior ",  # Title
        "Tab",
        "zed@example.com",
        "Tab",
        "+47 22 00 00 00",
        "Tab",
        "https://example.com/zed",
        "Tab",
        "Oslo",
        "Tab",
        "Storgata 1",
        "Enter",
        "0155 Oslo",  # Postal address, on two lines
        "Tab",
        "mentor, alumni",
        "Tab",
        "a meetup",
        "Tab",
        "Met at",
        "Enter",
        "the fair",
        "Up",
        "End",
        " UX",
        "C-s",
    )
    closes(terminal, "New person")

    data = saved(terminal, db)
    person = only(data["people"], name="Zed Test")
    assert data["companies"][str(person["company_id"])]["name"] == "Cedar"
    assert {key: person[key] for key in FORM_OF_A_PERSON} == {
        "degree": "1st",
        "introducer_id": None,
        "title": "Senior Researcher",
        "email": "zed@example.com",
        "phone": "+47 22 00 00 00",
        "profile_url": "https://example.com/zed",
        "location": "Oslo",
        "postal_address": "Storgata 1\n0155 Oslo",
        "tags": ["mentor", "alumni"],
        "source": "a meetup",
        "notes": "Met at UX\nthe fair",
    }


def test_a_company_typed_while_its_form_opens(start: Callable[..., Terminal], db: Path) -> None:
    terminal = start("--db", str(db))
    terminal.wait_for_text("Overdue (")
    terminal.press(
        "F3",
        "c",
        "n",  # Targets, its companies, a new one
        "Cedar Labz",
        "BSpace",
        "s",
        "Tab",
        "Robtics",
        *["Left"] * 4,
        "o",  # Robotics
        "Tab",
        "small",
        "Tab",
        "Bergen",
        "Home",
        "North ",
        "Tab",
        "https://cedar.example",
        "Tab",
        "the news",
        "Tab",
        "hiring, research",
        "Tab",
        "Small team",
        "Home",
        "A ",
        "C-s",
    )
    closes(terminal, "New company")

    company = only(saved(terminal, db)["companies"], name="Cedar Labs")
    assert {key: company[key] for key in FORM_OF_A_COMPANY} == {
        "industry": "Robotics",
        "size": "small",
        "location": "North Bergen",
        "website": "https://cedar.example",
        "source": "the news",
        "tags": ["hiring", "research"],
        "notes": "A Small team",
    }


def test_an_objective_typed_while_its_form_opens(start: Callable[..., Terminal], db: Path) -> None:
    terminal = start("--db", str(db))
    terminal.wait_for_text("Overdue (")
    terminal.press(
        "F4",
        "n",
        "Enter",
        "r",
        "Enter",  # About: the list opens, r finds role
        "Tab",
        "how hospitals pick sofware",
        "Left",
        "Left",
        "Left",
        "Left",
        "t",
        "C-s",
    )
    closes(terminal, "New objective")

    objective = only(saved(terminal, db)["objectives"], text="how hospitals pick software")
    assert objective["kind"] == "role"


def test_settings_typed_while_the_settings_screen_opens(start: Callable[..., Terminal], db: Path) -> None:
    terminal = start("--db", str(db))
    terminal.wait_for_text("Overdue (")
    terminal.press(
        "F8",
        *CLEAR,
        "Ana Example",
        "Tab",
        *CLEAR,
        "+44 20 7946 0000",
        "Tab",
        *CLEAR,
        "ana@example.com",
        "Enter",
        *CLEAR,
        "I'm a nurse movin into research.",
        *["Left"] * 15,
        "g",  # Enter moves on too
        "Tab",
        *CLEAR,
        "Figma, JTBD",
        "Tab",
        *CLEAR,
        "5",  # on into the policy: Follow up after
        "Enter",
        *CLEAR,
        "4",  # Call after
        "C-s",
    )
    terminal.wait_for_text("Settings saved.")

    data = saved(terminal, db)
    [profile], [settings] = data["profile"].values(), data["settings"].values()
    assert profile == {
        "name": "Ana Example",
        "phone": "+44 20 7946 0000",
        "email": "ana@example.com",
        "pitch": "I'm a nurse moving into research.",
        "words": ["Figma", "JTBD"],
    }
    assert (settings["follow_up_days"], settings["call_days"]) == (5, 4)


def test_a_booking_typed_while_its_dialog_opens(start: Callable[..., Terminal], db: Path, env: dict[str, str]) -> None:
    position, booking = next((i, item) for i, item in enumerate(agenda(env)) if item["kind"] == "book")
    terminal = start("--db", str(db))
    terminal.wait_for_text("Overdue (")
    terminal.press(*["Down"] * position)
    terminal.wait_for_text("d books the time that suits them")
    terminal.press(
        "d",  # the dialog opens from a worker
        "End",
        *["BSpace"] * 10,
        "2026-12-02",  # Day: the proposed one erased
        "Tab",
        *CLEAR,
        "14:30",
        "Tab",
        "Enter",
        "Down",
        "Enter",  # How: its list opens, video is chosen
        "Tab",
        *CLEAR,
        "Café Lumen",
        *["Left"] * 5,
        "the ",
        "C-s",
    )
    closes(terminal, f"Book a time with {booking['person']}")

    data = saved(terminal, db)
    person_id = next(pid for pid, person in data["people"].items() if person["name"] == booking["person"])
    interview = only(data["interviews"], person_id=int(person_id))
    assert (interview["when"], interview["mode"], interview["where"]) == ("2026-12-02T14:30", "video", "Café the Lumen")


def test_notes_typed_in_the_live_view_in_bursts(start: Callable[..., Terminal], db: Path) -> None:
    terminal = start("interview", "--db", str(db))
    terminal.wait_for_text("^l Ask")
    terminal.press(
        "Hiring is slow", *["Left"] * 4, "very ", "End", ".", "C-l", "Newcomers miss research ops", "Home", "They say: "
    )
    terminal.wait_for_text("They say: Newcomers")

    [notes] = [
        interview["notes"]
        for interview in saved(terminal, db)["interviews"].values()
        if interview["notes"].startswith("Hiring")
    ]
    assert re.fullmatch(r"Hiring is very slow\.\n\n## \d\d:\d\d .+\nThey say: Newcomers miss research ops", notes), (
        notes
    )

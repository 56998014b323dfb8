"""Hostile files: text that tries to control the terminal, records of the wrong type, files
too big to be real, and a data file the user made read-only.

Every point is proved through the real program: `python -m infoint_tui` as a subprocess,
and the app itself in tmux, where whatever it writes to the terminal is recorded byte for
byte (pipe-pane) and an OSC 52 copy would land in tmux's paste buffer.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import stat
import subprocess
import sys
import time
import unicodedata
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import orjson
import pytest
from terminal import Terminal, wait_for

from infoint_tui.domain.models import (
    ActionItem,
    AttemptKind,
    Company,
    Degree,
    Interview,
    Objective,
    ObjectiveKind,
    Outreach,
    Person,
    PreparedQuestion,
    Route,
)
from infoint_tui.domain.text import clean_block, clean_line
from infoint_tui.exchange.builder import MAX_FIELD, MAX_NAME, MAX_ROWS
from infoint_tui.exchange.source import MAX_BYTES
from infoint_tui.store.repository import Repository
from tests.conftest import DATA, TODAY

INFOINT = [sys.executable, "-m", "infoint_tui"]
#: What a hostile file may hold, each with what it would do to a terminal.
HOSTILE = {
    "OSC 52, which writes the clipboard": "\x1b]52;c;SEFDS0VE\x07",
    "ED, which wipes the screen": "\x1b[2J",
    "OSC 8, which makes a link": "\x1b]8;;https://evil.example/\x1b\\",
    "NUL": "\x00",
    "BEL, which rings": "\x07",
    "C1 CSI, an ESC [ of its own": "\x9b2J",
    "DEL": "\x7f",
    "RLO, which turns text round": "\u202e",
    "LRI, a bidi isolate": "\u2066",
}
EVERY = "".join(HOSTILE.values())
#: A control character in output: C0 but tab and line feed (CR only before LF, as CSV and
#: vCard end their lines), DEL, C1, bidi overrides and isolates.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]|\r(?!\n)")
TEXTS_IN_FILE = ("\\u001b", "\\u0000", "\\u0007", "\u009b", "\u202e", "\u2066")


def controls_in(text: str) -> list[str]:
    """The control characters in `text`, named (empty when it is clean)."""
    return [
        f"{unicodedata.name(m[0][0], hex(ord(m[0][0])))} at {m.start()}: "
        f"{text[max(0, m.start() - 20) : m.end() + 20]!r}"
        for m in CONTROL.finditer(text)
    ]


def run(*args: str, check: bool = False) -> subprocess.CompletedProcess[bytes]:
    done = subprocess.run([*INFOINT, *args], capture_output=True, env=os.environ, timeout=120)
    if check:
        assert done.returncode == 0, done.stderr.decode()
    return done


def one_sentence(stderr: bytes) -> str:
    message = stderr.decode().strip()
    assert "Traceback" not in message and message and "\n" not in message, message
    return message


def snapshot(path: Path) -> tuple[bytes, int, int]:
    info = path.stat()
    return path.read_bytes(), info.st_mtime_ns, stat.S_IMODE(info.st_mode)


# A campaign written before, by a version that stored text as it came --------------------


def write_hostile_campaign(path: Path) -> None:
    """Every kind of text the outputs show, each holding every hostile sequence.

    Each payload leads a name of its own, so that it falls inside the columns `today` shows.
    `Repository.add` stores records as they are given: the file ends up as an older infoint
    would have left it after importing a hostile file.
    """
    repo = Repository.open(path)
    try:
        objective = repo.add(Objective(ObjectiveKind.ROLE, f"Learn{EVERY} what a platform lead does"))
        acme = repo.add(Company(f"Acme{EVERY} Robotics", notes=f"Notes{EVERY}\nsecond line"))
        people = repo.add_many(
            [
                Person(
                    f"{payload}Ana {n}",
                    title=f"Lead{EVERY} engineer",
                    company_id=acme.id,
                    degree=Degree.FIRST,
                    notes=f"Met{EVERY} at a fair",
                    tags=[f"tag{EVERY}"],
                    location=f"Oslo{EVERY}",
                )
                for n, payload in enumerate(HOSTILE.values())
            ]
        )
        sent = TODAY - timedelta(days=8)
        for person in people:
            outreach = Outreach(person.id, objective.id, Route.DIRECT, sent)
            outreach.log(AttemptKind.REQUEST, sent, note=f"sent{EVERY}")
            repo.add(outreach)
        repo.add(
            Interview(
                people[0].id,
                datetime.combine(TODAY - timedelta(days=1), datetime.min.time()),
                objective_id=objective.id,
                where=f"Zoom{EVERY}",
                held=True,
                notes=f"Notes{EVERY}\nline two",
                discussed=f"Kafka{EVERY}",
                takeaways=f"Fit{EVERY}",
                questions=[PreparedQuestion(f"A day{EVERY}?")],
                action_items=[ActionItem(f"Read{EVERY}", due=TODAY)],
            )
        )
        repo.add(
            Interview(
                people[1].id,
                datetime.combine(TODAY, datetime.min.time()).replace(hour=15),
                objective_id=objective.id,
                where=f"Call{EVERY}",
            )
        )
    finally:
        repo.close()


@pytest.fixture
def hostile_file(tmp_path: Path) -> Path:
    path = tmp_path / "old" / "infoint.json"
    write_hostile_campaign(path)
    raw = path.read_text(encoding="utf-8")
    assert all(text in raw for text in TEXTS_IN_FILE)  # the file does hold them, raw
    return path


OUTPUTS = {
    "today": ["today"],
    "today --json": ["today", "--json"],
    "stats": ["stats"],
    "stats --json": ["stats", "--json"],
    "export json": ["export", "json"],
    "export csv": ["export", "csv"],
    "export vcard": ["export", "vcard"],
    "export ics": ["export", "ics"],
}


@pytest.mark.parametrize("command", OUTPUTS)
def test_no_control_character_from_a_file_reaches_the_output(hostile_file: Path, command: str) -> None:
    done = run(*OUTPUTS[command], "--db", str(hostile_file), check=True)
    out = done.stdout.decode()
    assert controls_in(out) == []
    assert controls_in(done.stderr.decode()) == []
    if command.startswith("today"):
        assert out.count("Ana ") >= len(HOSTILE)  # every person is there, their name clean
    if command == "stats":
        assert "Learn]52;c;SEFDS0VE[2J]8;;https://evil.example/\\2J what a platform lead does" in out


def test_no_control_character_reaches_the_markdown_export(hostile_file: Path, tmp_path: Path) -> None:
    folder = tmp_path / "markdown"
    run("export", "markdown", "--out", str(folder), "--db", str(hostile_file), check=True)
    written = sorted(folder.iterdir())
    assert len(written) == 2
    for file in written:
        text = file.read_text(encoding="utf-8")
        assert controls_in(text) == [], file.name
        assert "Ana " in text
    held = next(file.read_text(encoding="utf-8") for file in written if "Kafka" in file.read_text(encoding="utf-8"))
    assert "Notes]52;c;SEFDS0VE[2J]8;;https://evil.example/\\2J\nline two" in held  # its lines kept


def test_loading_cleans_every_text_keeping_the_lines_of_notes(hostile_file: Path) -> None:
    campaign = Repository.open(hostile_file, read_only=True).campaign
    visible = "]52;c;SEFDS0VE[2J]8;;https://evil.example/\\2J"
    company = next(iter(campaign.companies.values()))
    assert company.name == f"Acme{visible} Robotics"
    assert company.notes == f"Notes{visible}\nsecond line"
    person = next(iter(campaign.people.values()))
    assert (person.title, person.tags) == (f"Lead{visible} engineer", [f"tag{visible}"])
    interview = next(i for i in campaign.interviews.values() if i.held)
    assert interview.questions[0].text == f"A day{visible}?"
    assert campaign.outreach[1].attempts[0].note == f"sent{visible}"


# The app, in a real terminal --------------------------------------------------------------

needs_tmux = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed (see .ci/run)")


@pytest.fixture
def recorded(tmp_path: Path) -> Iterator[tuple[Terminal, Path]]:
    """The app in tmux, every byte it writes recorded from its very first one."""
    stream = tmp_path / "terminal.bytes"
    env = {
        "INFOINT_TODAY": TODAY.isoformat(),
        "HOME": str(tmp_path),
        "TERM": "xterm-256color",
        "TEXTUAL_ANIMATIONS": "none",
        "SSH_CONNECTION": "10.0.0.2 50000 10.0.0.1 22",
        "INFOINT_DB": str(tmp_path / "old" / "infoint.json"),
    }
    # The shell waits for a line, so that the recording starts before the app's first byte.
    terminal = Terminal("infoint-hostile", ["sh", "-c", 'read go && exec "$@"', "sh", *INFOINT], env)
    try:
        terminal.tmux("pipe-pane", "-o", "-t", terminal.socket, f"cat > {stream}")
        terminal.press("Enter")
        yield terminal, stream
    finally:
        terminal.close()


#: Bytes the app never writes of its own; every one would come from the file. (Textual does
#: write BEL, to end its own OSC sequences: the one from the file is the one before a name.)
NEVER_WRITTEN = {
    "OSC 52": b"\x1b]52",
    "ED": b"\x1b[2J",
    "OSC 8": b"\x1b]8;;https://evil",
    "NUL": b"\x00",
    "BEL": b"\x07Ana",
    "C1 CSI": "\x9b".encode(),
    "DEL": b"\x7f",
    "RLO": "\u202e".encode(),
    "LRI": "\u2066".encode(),
}


def assert_nothing_hostile_reached(terminal: Terminal, stream: Path) -> None:
    written = stream.read_bytes()
    assert [name for name, signature in NEVER_WRITTEN.items() if signature in written] == []
    assert terminal.clipboard() == ""  # no OSC 52 reached tmux's paste buffer either


@needs_tmux
def test_the_app_shows_hostile_names_as_text(hostile_file: Path, recorded: tuple[Terminal, Path]) -> None:
    terminal, stream = recorded
    screen = terminal.wait_for_text("Ana 0")
    assert "Acme]52;c;SEFDS0VE" in screen  # the queue shows the text around the controls
    terminal.press("F3")  # the targets: names, companies, headlines
    terminal.wait_for_text("Lead]52;c;SEFDS0VE")
    terminal.press("F6")  # the interviews: where, notes, takeaways
    terminal.wait_for_text("Call]52;c;SEFDS0VE")
    terminal.press("C-q")
    wait_for(lambda: terminal.exit_status() is not None, "the app to quit")
    assert terminal.exit_status() == 0
    assert_nothing_hostile_reached(terminal, stream)


@needs_tmux
def test_a_hostile_csv_imported_in_the_app_shows_as_text(tmp_path: Path, recorded: tuple[Terminal, Path]) -> None:
    terminal, stream = recorded
    connections = tmp_path / "Connections.csv"
    connections.write_text(
        linkedin_csv([hostile_row(n, payload) for n, payload in enumerate(HOSTILE.values())]), encoding="utf-8"
    )
    terminal.wait_for_text("Queue")
    terminal.press("F3")
    terminal.wait_for_text("Targets")
    terminal.press("i")
    terminal.wait_for_text("Import")
    terminal.type(str(connections))
    terminal.press("Enter")
    terminal.wait_for_text(f"{len(HOSTILE)} people")
    terminal.press("Enter")
    terminal.wait_for_text(f"Added {len(HOSTILE)} people")
    terminal.wait_for_text("Acme]52;c;SEFDS0VE")
    terminal.press("C-q")
    wait_for(lambda: terminal.exit_status() is not None, "the app to quit")
    assert_nothing_hostile_reached(terminal, stream)
    assert not any(text in (tmp_path / "old" / "infoint.json").read_text() for text in TEXTS_IN_FILE)


async def test_a_paste_is_cleaned_before_any_widget_sees_it(make_app) -> None:
    from textual import events
    from textual.widgets import TextArea

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f6")  # any screen; a text area of our own takes the paste
        await pilot.pause()
        area = TextArea(id="paste-here")
        await app.screen.mount(area)
        area.focus()
        await pilot.pause()
        app.post_message(events.Paste(f"one{EVERY}\r\ntwo\ttabbed"))
        await pilot.pause()
        assert area.text == "one]52;c;SEFDS0VE[2J]8;;https://evil.example/\\2J\ntwo\ttabbed"


async def test_a_form_reads_clean_values(make_app) -> None:
    from textual.widgets import Input, TextArea

    from infoint_tui.tui.widgets.form import Field, FormScreen

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        results: list[dict[str, str] | None] = []
        app.push_screen(
            FormScreen("Hostile", [Field("name", "Name"), Field("notes", "Notes", multiline=True)]), results.append
        )
        await pilot.pause()
        app.screen.query_one("#field-name", Input).value = f"Ana{EVERY}\tRuiz"
        app.screen.query_one("#field-notes", TextArea).text = f"line{EVERY}\nline two"
        await pilot.press("ctrl+s")
        await pilot.pause()
    visible = "]52;c;SEFDS0VE[2J]8;;https://evil.example/\\2J"
    assert results == [{"name": f"Ana{visible} Ruiz", "notes": f"line{visible}\nline two"}]


async def test_a_file_name_holding_controls_is_never_offered_as_a_completion(tmp_path: Path) -> None:
    from infoint_tui.tui.widgets.path_prompt import PathSuggester

    (tmp_path / "Connections\x1b]52;c;SEFDS0VE\x07.csv").write_text("")
    assert await PathSuggester().get_suggestion(f"{tmp_path}/Conn") is None
    (tmp_path / "Connections.csv").write_text("")
    assert await PathSuggester().get_suggestion(f"{tmp_path}/Conn") == f"{tmp_path}/Connections.csv"


# Imports: the way in -----------------------------------------------------------------------

HEADER = ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]


def linkedin_csv(rows: list[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerows([HEADER, *rows])
    return out.getvalue()


def hostile_row(n: int, payload: str) -> list[str]:
    return [
        f"{payload}Ana",
        f"Ruiz {n}",
        f"https://www.linkedin.com/in/ana-{n}",
        "",
        f"Acme{EVERY} Robotics",
        f"Lead{EVERY} engineer",
        "21 Jan 2013",
    ]


def vcard_text(text: str) -> str:
    """A value escaped as vCard 3.0 wants it (RFC 2426): backslash, semicolon and comma."""
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")


def test_an_import_stores_names_companies_and_headlines_clean(tmp_path: Path) -> None:
    db = tmp_path / "infoint.json"
    connections = tmp_path / "Connections.csv"
    connections.write_text(linkedin_csv([hostile_row(n, p) for n, p in enumerate(HOSTILE.values())]), encoding="utf-8")
    cards = tmp_path / "contacts.vcf"
    cards.write_text(
        "".join(
            f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{vcard_text(payload)}Bo {n}\r\nORG:Globex{vcard_text(EVERY)}\r\n"
            f"TITLE:Chief{vcard_text(EVERY)}\r\nNOTE:Met{vcard_text(EVERY)} at a fair\\nsecond line\r\n"
            f"CATEGORIES:tag{vcard_text(EVERY)}\r\nEND:VCARD\r\n"
            for n, payload in enumerate(HOSTILE.values())
        ),
        encoding="utf-8",
    )
    imported = run("import", "linkedin", str(connections), "--db", str(db), check=True)
    assert controls_in(imported.stdout.decode() + imported.stderr.decode()) == []
    run("import", "vcard", str(cards), "--db", str(db), check=True)

    raw = db.read_text(encoding="utf-8")
    assert not any(text in raw for text in TEXTS_IN_FILE)
    campaign = Repository.open(db, read_only=True).campaign
    names = sorted(p.name for p in campaign.people.values())
    assert len(names) == 2 * len(HOSTILE) and all(controls_in(name) == [] for name in names)
    bo = next(p for p in campaign.people.values() if p.name.endswith("Bo 0"))
    assert bo.notes == "Met]52;c;SEFDS0VE[2J]8;;https://evil.example/\\2J at a fair\nsecond line"
    assert sorted(c.name for c in campaign.companies.values()) == [
        "Acme]52;c;SEFDS0VE[2J]8;;https://evil.example/\\2J Robotics",
        "Globex]52;c;SEFDS0VE[2J]8;;https://evil.example/\\2J",
    ]

    again = run("import", "linkedin", str(connections), "--db", str(db), check=True)
    assert b"0 people and 0 companies to add" in again.stdout  # the clean names are recognised


def test_rejected_rows_are_reported_without_their_controls(tmp_path: Path) -> None:
    connections = tmp_path / "Connections.csv"
    connections.write_text(linkedin_csv([["Ana", "Ruiz", "", "", "", "", f"soon{EVERY}"]]), encoding="utf-8")
    done = run("import", "linkedin", str(connections), "--db", str(tmp_path / "infoint.json"))
    assert done.returncode == 1
    assert controls_in(done.stderr.decode()) == [] and b"is not a date" in done.stderr


# Text cleaning itself ----------------------------------------------------------------------


def test_clean_line_and_clean_block() -> None:
    assert clean_line("Ana\tRuiz\r\nLisbon") == "Ana Ruiz Lisbon"
    assert clean_block("one\r\ntwo\rthree\u2028four\x85five\ttab") == "one\ntwo\nthree\nfour\nfive\ttab"
    assert clean_line(f"a{EVERY}b") == "a]52;c;SEFDS0VE[2J]8;;https://evil.example/\\2Jb"
    for kept in ("👩‍💻 Zoë", "می‌خواهم", "क्‍ष", "Ana Ruiz", "李小龍", "\u00a0non-breaking", "🇵🇹"):
        assert clean_line(kept) == kept and clean_block(kept) == kept


def test_every_control_and_format_character_goes_but_the_joiners() -> None:
    kept = {"\u200c", "\u200d"}  # ZWNJ, ZWJ: scripts and emoji need them
    every = "".join(
        chr(c)
        for c in range(0x110000)
        if unicodedata.category(chr(c)) in ("Cc", "Cf", "Cs", "Zl", "Zp") and chr(c) not in kept
    )
    assert clean_line(every).strip(" ") == ""
    assert set(clean_block(every)) <= {"\n", "\t"}


# Records of the wrong type -----------------------------------------------------------------

GOOD_PERSON = {"name": "Ana Ruiz", "degree": "1st", "tags": ["mentor"]}
STAMP = {"meta": {"1": {"schema": 1}}}
WRONG = {
    "a name that is a number": (
        {"people": {"12": {**GOOD_PERSON, "name": 42}}},
        "'people' (id 12) whose 'name' is a number, not text",
    ),
    "a name that is null": (
        {"people": {"12": {**GOOD_PERSON, "name": None}}},
        "'people' (id 12) whose 'name' is null, not text",
    ),
    "tags that are not a list": (
        {"people": {"12": {**GOOD_PERSON, "tags": "mentor"}}},
        "'people' (id 12) whose 'tags' is the text 'mentor', not a list of texts",
    ),
    "tags that are not texts": (
        {"people": {"12": {**GOOD_PERSON, "tags": ["mentor", 7]}}},
        "'people' (id 12) whose 'tags' is a list holding a number, not a list of texts",
    ),
    "an id that is not a number": (
        {"people": {"twelve": GOOD_PERSON}},
        "'people' whose id 'twelve' is not a whole number",
    ),
    "a company id that is text": (
        {"people": {"12": {**GOOD_PERSON, "company_id": "3"}}},
        "'people' (id 12) whose 'company_id' is the text '3', not a whole number or null",
    ),
    "a dangling company id": (
        {"people": {"12": {**GOOD_PERSON, "company_id": 3}}},
        "'people' (id 12) whose 'company_id' is 3, but no record in 'companies' has that id",
    ),
    "a dangling introducer": (
        {"people": {"12": {**GOOD_PERSON, "introducer_id": 99}}},
        "'people' (id 12) whose 'introducer_id' is 99, but no record in 'people' has that id",
    ),
    "an interview with nobody": (
        {"people": {"12": GOOD_PERSON}, "interviews": {"4": {"person_id": 13, "when": "2026-11-26T10:00"}}},
        "'interviews' (id 4) whose 'person_id' is 13, but no record in 'people' has that id",
    ),
    "an attempt on no date": (
        {
            "people": {"12": GOOD_PERSON},
            "objectives": {"1": {"kind": "role", "text": "x"}},
            "outreach": {
                "2": {
                    "person_id": 12,
                    "objective_id": 1,
                    "route": "direct",
                    "created": "2026-11-01",
                    "attempts": [{"kind": "request", "on": 5}],
                }
            },
        },
        "'outreach' (id 2) whose 'attempts' holds a record whose 'on' is a number, not a date like 2026-11-26",
    ),
    "a degree that is not one": (
        {"people": {"12": {**GOOD_PERSON, "degree": "4th"}}},
        "'people' (id 12) whose 'degree' is the text '4th', not one of '1st', '2nd', 'cold'",
    ),
    "a flag that is a number": (
        {"objectives": {"1": {"kind": "role", "text": "x", "active": 1}}},
        "'objectives' (id 1) whose 'active' is a number, not true or false",
    ),
}


@pytest.mark.parametrize("case", WRONG)
@pytest.mark.parametrize("command", ["today", "import", "app"])
def test_a_record_of_the_wrong_type_is_named_in_one_sentence(tmp_path: Path, case: str, command: str) -> None:
    tables, said = WRONG[case]
    path = tmp_path / "infoint.json"
    path.write_bytes(orjson.dumps({**STAMP, **tables}))
    before = snapshot(path)
    args = {"today": ["today"], "import": ["import", "vcard", str(DATA / "contacts.vcf")], "app": []}[command]
    done = run(*args, "--db", str(path))
    message = one_sentence(done.stderr)
    assert done.returncode == 1
    assert message == (
        f"infoint: {path} has a record in {said}; it was left untouched: "
        f"fix it or restore a copy from {tmp_path / 'backups'}."
    )
    assert snapshot(path) == before
    lock = [] if command == "today" else ["infoint.json.lock"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["infoint.json", *lock]


# Limits on what an import reads ------------------------------------------------------------


def import_refused(tmp_path: Path, source: Path, fmt: str = "linkedin") -> str:
    db = tmp_path / "infoint.json"
    Repository.open(db).close()
    before = snapshot(db)
    done = run("import", fmt, str(source), "--db", str(db))
    assert done.returncode == 1
    assert snapshot(db) == before
    return one_sentence(done.stderr)


def test_a_file_too_big_is_refused_before_it_is_read(tmp_path: Path) -> None:
    big = tmp_path / "Connections.csv"
    with big.open("wb") as file:
        file.truncate(MAX_BYTES + 1)  # sparse: nothing is written, and nothing need be read
    assert import_refused(tmp_path, big) == (
        "infoint: Connections.csv is 50.0 MB, more than the 50 MB an import "
        "reads: check that it is the right file, or split it."
    )


def test_more_rows_than_the_limit_are_refused(tmp_path: Path) -> None:
    many = tmp_path / "Connections.csv"
    many.write_text(linkedin_csv([["Ana", f"Ruiz {n}", "", "", "", "", ""] for n in range(MAX_ROWS + 1)]))
    assert import_refused(tmp_path, many) == (
        "infoint: The file holds more than 100,000 rows, more than an import reads (LinkedIn keeps at most "
        "30,000 connections): check that it is the right file, or split it."
    )


@pytest.mark.parametrize(
    ("row", "said"),
    [
        (
            ["A" * (MAX_NAME + 1), "", "", "", "", "", ""],
            "Row 2 of the file has a name of 201 characters, more than the 200",
        ),
        (
            ["Ana", "Ruiz", "", "", "C" * (MAX_NAME + 1), "", ""],
            "Row 2 of the file has a company name of 201 characters",
        ),
        (
            ["Ana", "Ruiz", "", "", "", "P" * (MAX_FIELD + 1), ""],
            "Row 2 of the file has a field of 10,001 characters, more than the 10,000",
        ),
    ],
)
def test_a_value_longer_than_the_limit_is_refused(tmp_path: Path, row: list[str], said: str) -> None:
    connections = tmp_path / "Connections.csv"
    connections.write_text(linkedin_csv([["Bo", "Li", "", "", "", "", ""], row]))
    message = import_refused(tmp_path, connections)
    assert message.startswith(f"infoint: {said}") and message.endswith("check that it is the right file.")


def test_values_at_the_limits_are_imported(tmp_path: Path) -> None:
    connections = tmp_path / "Connections.csv"
    connections.write_text(linkedin_csv([["A" * 100, "B" * 99, "", "", "C" * MAX_NAME, "P" * MAX_FIELD, ""]]))
    done = run("import", "linkedin", str(connections), "--db", str(tmp_path / "infoint.json"), check=True)
    assert b"1 person and 1 company to add" in done.stdout


def big_export(path: Path, rows: int) -> Path:
    path.write_text(
        linkedin_csv(
            [
                [
                    "Ana",
                    f"Ruiz {n}",
                    f"https://www.linkedin.com/in/ana-{n}",
                    "",
                    f"Firm {n % 50}",
                    "Engineer",
                    "21 Jan 2013",
                ]
                for n in range(rows)
            ]
        )
    )
    return path


@needs_tmux
def test_a_long_import_shows_its_progress_on_a_terminal(tmp_path: Path) -> None:
    source = big_export(tmp_path / "Connections.csv", 12_000)
    stream = tmp_path / "terminal.bytes"
    command = [
        "sh",
        "-c",
        'read go && exec "$@"',
        "sh",
        *INFOINT,
        "import",
        "linkedin",
        str(source),
        "--db",
        str(tmp_path / "infoint.json"),
    ]
    terminal = Terminal("infoint-progress", command, {"INFOINT_TODAY": TODAY.isoformat(), "TERM": "xterm-256color"})
    try:
        terminal.tmux("pipe-pane", "-o", "-t", terminal.socket, f"cat > {stream}")
        terminal.press("Enter")
        wait_for(lambda: terminal.exit_status() is not None, "the import to end", 60)
        assert terminal.exit_status() == 0
        written = stream.read_bytes().decode()
        assert (
            "\r\x1b[KReading Connections.csv: 5,000 rows…\r\x1b[KReading Connections.csv: 10,000 rows…\r\x1b[K"
        ) in written
        shown = terminal.transcript()
        assert "Imported: 12,000 people and 50 companies to add" in shown
        assert "Reading" not in shown  # the progress line was wiped
    finally:
        terminal.close()


def test_no_progress_when_stderr_is_not_a_terminal(tmp_path: Path) -> None:
    source = big_export(tmp_path / "Connections.csv", 6_000)
    done = run("import", "linkedin", str(source), "--db", str(tmp_path / "infoint.json"), check=True)
    assert done.stderr == b""


async def test_the_import_dialog_shows_progress(monkeypatch: pytest.MonkeyPatch, make_app, tmp_path: Path) -> None:
    from textual.widgets import Static

    from infoint_tui.tui.screens.targets.import_dialog import LINKEDIN, ImportScreen
    from tests.outreach_support import text_of

    source = big_export(tmp_path / "Connections.csv", 30_000)
    posted: list[tuple[int, str]] = []
    shown: set[str] = set()

    def hook(message: object) -> None:  # called on the thread that posts: the reader's
        if isinstance(message, ImportScreen.Progress):
            posted.append((message.rows, message.unit))

    update = Static.update

    def record(static: Static, content: object = "", **options: object) -> None:
        # Every text the summary line is given: a frame may come too late to show each one.
        if static.id == "import-summary":
            shown.add(str(content))
        update(static, content, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(Static, "update", record)
    app = make_app()
    async with app.run_test(size=(80, 24), message_hook=hook) as pilot:
        screen = ImportScreen(LINKEDIN, source)
        app.push_screen(screen)
        deadline = time.monotonic() + 60
        while screen.plan is None:
            assert time.monotonic() < deadline, "the import never finished"
            await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert text_of(screen.query_one("#import-summary", Static)).startswith("30,000 people and 50 companies to add")
    assert posted == [(rows, "row") for rows in range(5_000, 30_001, 5_000)]
    assert any(re.fullmatch(r"Reading Connections\.csv: [0-9,]+ rows so far…", text) for text in shown), shown


# A data file the user made read-only -------------------------------------------------------


def test_an_import_leaves_a_read_only_file_alone(tmp_path: Path) -> None:
    db = tmp_path / "infoint.json"
    Repository.open(db).close()
    db.chmod(0o444)
    before = snapshot(db)
    done = run("import", "linkedin", str(DATA / "linkedin-Connections.csv"), "--db", str(db))
    assert done.returncode == 1
    assert one_sentence(done.stderr) == (
        f"infoint: {db} is read-only (chmod 444); nothing was imported: "
        f"make it writable (chmod u+w {db}) and import again."
    )
    assert snapshot(db) == before
    dry = run("import", "linkedin", str(DATA / "linkedin-Connections.csv"), "--dry-run", "--db", str(db), check=True)
    assert b"24 people" in dry.stdout  # reading it is still fine


def test_a_file_made_read_only_while_open_is_not_saved_over(tmp_path: Path) -> None:
    from infoint_tui.store.errors import SaveError

    db = tmp_path / "infoint.json"
    repo = Repository.open(db)
    try:
        db.chmod(0o444)
        before = snapshot(db)
        with pytest.raises(SaveError, match=r"^not saved: .* is read-only \(chmod 444\)$"):
            repo.add(Person("Ana Ruiz"))
        assert snapshot(db) == before
        db.chmod(0o600)
        repo.flush()  # once writable again, the change held in memory is written
        assert b"Ana Ruiz" in db.read_bytes()
    finally:
        repo.close()


async def test_the_app_opens_a_read_only_file_read_only_and_says_why(tmp_path: Path, notices) -> None:
    from infoint_tui.tui.app import InfointApp

    db = tmp_path / "infoint.json"
    Repository.open(db).close()
    db.chmod(0o444)
    before = snapshot(db)
    repo, reason = Repository.open_or_read_only(db)
    try:
        assert repo.read_only
        assert reason == (
            f"{db} is read-only (chmod 444); changes made now cannot be saved: "
            f"make it writable (chmod u+w {db}) and start infoint again."
        )
        app = InfointApp(repo, read_only_reason=reason, build_ahead=False)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert any(n.message == reason for n in notices)
    finally:
        repo.close()
    assert snapshot(db) == before

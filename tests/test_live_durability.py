"""Words typed during a call, through the real program in a real terminal (tmux): steady
typing then kill -9 loses at most the last second; a stray escape leaves the words in the
notes; a full disk shows "not saved", keeps the words, and on SIGTERM the program still ends
at once, saying what it could not save, on the terminal and in its log.

Nothing waits on the program with a fixed sleep: every wait polls the screen, the data file
or the process, with a deadline. The one timed thing is the typing itself, a word every
0.2 s, which is input, as a person types it.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import orjson
import pytest
from terminal import Terminal, wait_for

from infoint_tui.demo import write_demo
from infoint_tui.store.repository import Repository
from infoint_tui.tui.screens.live import LiveInterviewScreen
from infoint_tui.usecases.interviewing import find_interview
from tests.conftest import TODAY

needs_tmux = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")

WORD_EVERY = 0.2  # seconds: a brisk typist, never pausing
AT_MOST_LOST = 1.0  # seconds of typing (DESIGN section 7)


@dataclass
class Live:
    terminal: Terminal
    db: Path
    person: str
    interview_id: int
    log: Path

    def notes_in_file(self) -> str:
        """The interview's notes in the data file, which must be whole, valid JSON."""
        return orjson.loads(self.db.read_bytes())["interviews"][str(self.interview_id)]["notes"]

    def typed_and_shown(self, words: str) -> None:
        self.terminal.type(words)
        shown = words.strip()  # the screen's lines come without their trailing blanks
        wait_for(lambda: shown in self.terminal.screen(), f"{shown!r} on screen")


def start_live(db: Path, home: Path) -> Live:
    """`infoint interview` on today's interview in `db`, up and showing the live view."""
    write_demo(db, 60, TODAY)
    repo = Repository.open(db, read_only=True)
    interview = find_interview(repo.campaign, TODAY)
    person = repo.campaign.people[interview.person_id].name
    state = home / "state"
    env = {
        "INFOINT_TODAY": TODAY.isoformat(),
        "TERM": "xterm-256color",
        "TEXTUAL_ANIMATIONS": "none",
        "INFOINT_STATE": str(state / "infoint"),
        "HOME": str(home),
        "XDG_STATE_HOME": str(state),
    }
    command = [sys.executable, "-m", "infoint_tui", "interview", "--db", str(db)]
    terminal = Terminal(f"infoint-test-{os.getpid()}-{time.monotonic_ns()}", command, env)
    try:
        wait_for(lambda: "Ask" in terminal.screen() and "Question" in terminal.screen(), "the live view")
    except BaseException:
        terminal.close()
        raise
    return Live(terminal, db, person, interview.id, state / "infoint" / "infoint.log")


@pytest.fixture
def live(tmp_path: Path) -> Iterator[Live]:
    program = start_live(tmp_path / "campaign.json", tmp_path)
    try:
        yield program
    finally:
        program.terminal.close()


# kill -9 while typing steadily ---------------------------------------------------------------


@needs_tmux
def test_kill_9_while_typing_steadily_loses_at_most_the_last_second(live: Live) -> None:
    terminal = live.terminal
    sent: list[tuple[str, float]] = []  # each word, and when it left the keyboard
    start = time.monotonic()
    for n in range(40):  # 8 s: an autosave that waited for a pause would lose seconds of it
        word = f"w{n:02d}"
        terminal.type(f"{word} ")
        sent.append((word, time.monotonic()))
        time.sleep(max(0.0, start + (n + 1) * WORD_EVERY - time.monotonic()))  # the typist's pace
    killed = time.monotonic()
    os.kill(terminal.pid, signal.SIGKILL)
    wait_for(lambda: not terminal.alive(), "the program to die")

    kept = re.findall(r"\bw\d\d\b", live.notes_in_file())
    assert kept == [word for word, _ in sent[: len(kept)]]  # whole words, in order, none skipped
    lost = [when for _, when in sent[len(kept) :]]
    assert not lost or killed - lost[0] <= AT_MOST_LOST, (
        f"{len(lost)} words lost, typed over the last {killed - lost[0]:.2f} s"
    )


# A stray escape -------------------------------------------------------------------------------


@needs_tmux
def test_words_typed_after_a_stray_escape_land_in_the_notes(live: Live) -> None:
    terminal = live.terminal
    live.typed_and_shown("Salary bands ")
    terminal.press("Escape")
    terminal.wait_for_text("Still in the notes")  # the view says how to leave, and stays
    live.typed_and_shown("we discussed remote work")  # on the list behind, e would open End
    screen = terminal.screen()
    assert "Ask" in screen and "End the interview" not in screen
    wait_for(lambda: "Salary bands we discussed remote work" in live.notes_in_file(), "the words in the file")


# A full disk -----------------------------------------------------------------------------------


@contextlib.contextmanager
def small_disk(folder: Path) -> Iterator[Path]:
    """A 2 MB file system of its own at `folder` (a tmpfs: mounting needs root)."""
    folder.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m,mode=0700", "tmpfs", str(folder)], capture_output=True, text=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"a small disk cannot be mounted here: {mounted.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=True)


def fill(disk: Path) -> Path:
    """Fill the disk to the last byte; the file that fills it, to remove to free it."""
    filler = disk / "filler"
    with filler.open("wb", buffering=0) as file, pytest.raises(OSError) as full:
        while True:
            file.write(b"\0" * 4096)
    assert full.value.errno == errno.ENOSPC
    return filler


@pytest.fixture
def live_on_small_disk(tmp_path: Path) -> Iterator[tuple[Live, Path]]:
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed")
    with small_disk(tmp_path / "disk") as disk:
        program = start_live(disk / "campaign.json", tmp_path)
        try:
            yield program, disk
        finally:
            program.terminal.close()


def test_a_full_disk_shows_not_saved_keeps_the_words_and_saves_them_once_there_is_room(
    live_on_small_disk: tuple[Live, Path],
) -> None:
    live, disk = live_on_small_disk
    filler = fill(disk)
    live.typed_and_shown("Words typed on a full disk")
    live.terminal.wait_for_text("NOT SAVED")
    assert "Words typed on a full disk" in live.terminal.screen()  # still in the editor
    filler.unlink()
    wait_for(lambda: "Words typed on a full disk" in live.notes_in_file(), "the retry to write the words")
    live.terminal.wait_for_text("saved")


def test_terminate_on_a_full_disk_exits_at_once_saying_what_was_not_saved(
    live_on_small_disk: tuple[Live, Path],
) -> None:
    live, disk = live_on_small_disk
    terminal = live.terminal
    live.typed_and_shown("Saved before the disk filled. ")
    wait_for(lambda: "Saved before the disk filled." in live.notes_in_file(), "the first words in the file")
    fill(disk)
    live.typed_and_shown("Typed on a full disk")
    terminal.wait_for_text("NOT SAVED")

    os.kill(terminal.pid, signal.SIGTERM)
    wait_for(lambda: terminal.exit_status() is not None, "the program to exit on SIGTERM", seconds=5)

    said = terminal.transcript()
    assert terminal.exit_status() == 1
    assert "Traceback" not in said
    sentence = f"infoint: not saved: the disk holding {disk} is full, so campaign.json lacks"
    assert sentence in said and f"the interview with {live.person}" in said
    assert "Saved before the disk filled. Typed on a full disk" in said  # the words, to copy
    logged = live.log.read_text()
    assert sentence.removeprefix("infoint: ") in logged and "Typed on a full disk" in logged
    assert f"This is also in {live.log}." in said
    assert live.notes_in_file().rstrip().endswith("Saved before the disk filled.")  # the file is whole


def test_a_hang_up_on_a_full_disk_leaves_the_words_in_the_log(live_on_small_disk: tuple[Live, Path]) -> None:
    live, disk = live_on_small_disk
    fill(disk)
    live.typed_and_shown("Said as the link dropped")
    live.terminal.wait_for_text("NOT SAVED")
    live.terminal.tmux("kill-session", "-t", live.terminal.socket)  # the SSH link drops: SIGHUP
    wait_for(lambda: not live.terminal.alive(), "the program to leave after the hang-up")
    logged = live.log.read_text()
    assert f"the interview with {live.person}" in logged and "Said as the link dropped" in logged


def test_the_report_names_what_the_file_lacks_and_prints_the_notes_without_control_codes(
    repo, monkeypatch: pytest.MonkeyPatch
) -> None:
    from infoint_tui.store import storage
    from infoint_tui.store.errors import SaveError
    from infoint_tui.usecases.not_saved import report

    def full_disk(path: Path, payload: bytes) -> None:
        raise SaveError(f"not saved: the disk holding {path.parent} is full")

    interview = find_interview(repo.campaign, TODAY)
    interview.notes = "Budget \x1b[2Jcuts\tslowed hiring"
    monkeypatch.setattr(storage, "write_atomically", full_disk)
    repo.save(interview)
    with pytest.raises(SaveError) as failed:
        repo.flush()
    text = report(repo, failed.value)
    person = repo.campaign.people[interview.person_id].name
    assert text.startswith(
        f"not saved: the disk holding {repo.path.parent} is full, so {repo.path.name} lacks "
        f"what changed since infoint started: the interview with {person} (printed below)."
    )
    assert "Budget [2Jcuts\tslowed hiring" in text and "\x1b" not in text
    monkeypatch.undo()  # the fixture closes the repository, writing the change


def test_unsaved_records_are_the_changed_added_and_removed_ones(tmp_path: Path) -> None:
    from infoint_tui.store.unsaved import unsaved_records

    path = tmp_path / "data.json"
    path.write_bytes(
        orjson.dumps(
            {"people": {"1": {"name": "Ana"}, "2": {"name": "Bo"}, "4": {"name": "Di"}}, "meta": {"1": {"schema": 1}}}
        )
    )
    in_memory = {
        "people": {"1": {"name": "Ana"}, "2": {"name": "Bo Li"}, "3": {"name": "Cy"}},
        "meta": {"1": {"schema": 1}},
    }
    assert unsaved_records(path, in_memory) == {"people": {"2", "3", "4"}}
    path.write_bytes(b"{not json")
    assert unsaved_records(path, in_memory) == {"people": {"1", "2", "3"}, "meta": {"1"}}


# Keys that must not let the next words destroy the notes ----------------------------------


async def test_f6_and_f7_in_the_notes_leave_rather_than_select_text_for_the_next_words(make_app) -> None:
    from infoint_tui.tui.screens.interviews import InterviewsScreen

    app = make_app(start=("interviews", "start_today"))
    async with app.run_test(size=(80, 24)) as pilot:
        while not isinstance(app.screen, LiveInterviewScreen):
            await pilot.pause()
        live_view = app.screen
        before = live_view.notes.text
        await pilot.press(*"kept", "f7")  # TextArea's select-all; everywhere else, Insights
        await pilot.pause()
        assert app.current_mode == "insights"
        await pilot.press("f6")  # Interviews, with the live view still open on top
        await pilot.pause()
        assert app.screen is live_view
        await pilot.press("!", "f6")  # TextArea's select-line; here, back to the list
        while app.screen is live_view:
            await pilot.pause()
        assert isinstance(app.screen, InterviewsScreen)
        assert live_view.interview.notes == before + "kept!"

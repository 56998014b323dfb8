"""The first frame from the snapshot of what is due (store/snapshot.py, tui/opening.py):
written by the writer, ignored when stale, drawn as the full load draws it, and keys typed
before the file is read wait and act after, in order."""

from __future__ import annotations

import os
import stat
import sys
import threading
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from infoint_tui import clock
from infoint_tui.cli import _opening, main
from infoint_tui.store import snapshot as snapshots
from infoint_tui.store.errors import DataFileError
from infoint_tui.store.repository import Repository
from infoint_tui.store.snapshot import read_review, read_snapshot, reviews_path, snapshot_path
from infoint_tui.tui import opening as openings
from infoint_tui.tui.app import InfointApp
from infoint_tui.tui.opening import REVIEW_DAYS, Opening, open_data_file
from infoint_tui.tui.screens.queue import QueueScreen
from infoint_tui.tui.screens.queue_rows import QueueRow, QueueSnapshot
from infoint_tui.tui.widgets.choice import ChoiceScreen
from infoint_tui.usecases.agenda import review, review_document
from tests.conftest import DATA, TODAY
from tests.support import until
from tests.terminal import wait_for


def live_rows(path: Path) -> list[QueueRow]:
    repo = Repository.open(path, read_only=True)
    return [QueueRow.of(item) for item in review(repo.campaign, clock.now())]


def written(path: Path) -> QueueSnapshot:
    """Open the file as the app does and close it: the snapshot it leaves."""
    open_data_file(path).close()
    content = read_snapshot(path, TODAY)
    assert content is not None
    return QueueSnapshot.from_json(content)


def test_closing_leaves_a_private_snapshot_of_the_queue_as_the_full_load_draws_it(demo_file: Path) -> None:
    kept = written(demo_file)
    assert kept.rows == live_rows(demo_file)
    assert len(kept.rows) > 5 and kept.card  # the demo has a queue, and its first item a card
    assert stat.S_IMODE(os.stat(snapshot_path(demo_file)).st_mode) == 0o600


def test_a_snapshot_is_ignored_on_another_day_after_another_write_or_when_unreadable(demo_file: Path) -> None:
    written(demo_file)
    assert read_snapshot(demo_file, TODAY.replace(day=27)) is None
    # Written by something that keeps no snapshot (an older infoint, a script).
    repo = Repository.open(demo_file)
    person = repo.campaign.people[1]
    repo.save(replace(person, name=person.name + " Jr"))
    repo.close()
    assert read_snapshot(demo_file, TODAY) is None
    assert _opening(demo_file) is None  # so the app reads the file before its first frame
    written(demo_file)
    snapshot_path(demo_file).write_bytes(b'{"format": 1, "da')  # cut short
    assert read_snapshot(demo_file, TODAY) is None


def test_closing_leaves_the_reviews_of_today_and_the_next_days_private_too(demo_file: Path) -> None:
    written(demo_file)
    assert stat.S_IMODE(os.stat(reviews_path(demo_file)).st_mode) == 0o600
    kept = [day for day in (TODAY + timedelta(days=ahead) for ahead in range(7)) if read_review(demo_file, day)]
    assert kept == [TODAY + timedelta(days=ahead) for ahead in range(REVIEW_DAYS + 1)]


def test_a_command_that_changes_the_file_describes_it_anew_beside_it(demo_file: Path) -> None:
    """`infoint import` (or a mail check run by cron) writes the file as the app does not:
    without the kept files, the next start and `infoint today` would read it all first."""
    written(demo_file)
    before = snapshot_path(demo_file).read_bytes(), reviews_path(demo_file).read_bytes()
    csv = DATA / "linkedin-Connections.csv"
    assert main(["--db", str(demo_file), "import", "linkedin", str(csv), "--dry-run"]) == 0
    assert (snapshot_path(demo_file).read_bytes(), reviews_path(demo_file).read_bytes()) == before  # no change

    assert main(["--db", str(demo_file), "import", "linkedin", str(csv)]) == 0
    snapshot = read_snapshot(demo_file, TODAY)
    assert snapshot is not None and QueueSnapshot.from_json(snapshot).rows == live_rows(demo_file)
    repo = Repository.open(demo_file, read_only=True)
    assert read_review(demo_file, TODAY) == review_document(repo.campaign, clock.now())


@pytest.mark.parametrize("changed_meanwhile", [False, True])
def test_files_worked_out_while_a_change_came_are_not_written(demo_file: Path, changed_meanwhile: bool) -> None:
    repo = Repository.open(demo_file)

    def content(campaign, now) -> dict:
        if changed_meanwhile:  # the UI thread saves while the keeper's thread works the content out
            repo.save(replace(campaign.people[1], name="Somebody Else"))
        return {"rows": []}

    keeper = snapshots.SnapshotKeeper(repo, {snapshot_path: content})
    keeper.write_now()
    assert snapshot_path(demo_file).exists() != changed_meanwhile  # it would describe the file without the change
    repo.close()


def test_after_a_save_and_a_quiet_moment_the_snapshot_describes_the_new_file(
    demo_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(snapshots, "QUIET_SECONDS", 0.0)
    opened = open_data_file(demo_file)
    try:
        repo = opened.repo
        first = next(item for item in review(repo.campaign, clock.now()))
        person = repo.campaign.people[first.person_id]
        repo.save(replace(person, name="Zelda Renamed"))

        def renamed() -> bool:
            content = read_snapshot(demo_file, TODAY)
            return content is not None and "Zelda Renamed" in [row["person"] for row in content["rows"]]

        wait_for(renamed, "the snapshot to name the new name")  # the keeper writes on its own thread
    finally:
        opened.close()


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """The opening thread waits for this before it reads the file: the test says when."""
    opened = threading.Event()
    really_open = openings.open_data_file

    def held(path: Path) -> openings.Opened:
        assert opened.wait(10), "the test never let the file be read"
        return really_open(path)

    monkeypatch.setattr(openings, "open_data_file", held)
    return opened


async def test_the_first_frame_shows_the_snapshot_and_keys_typed_meanwhile_act_after_the_load(
    demo_file: Path, gate: threading.Event
) -> None:
    rows = written(demo_file).rows
    opening = _opening(demo_file)
    assert opening is not None
    app = InfointApp(opening=opening)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, QueueScreen) and not app.loaded
            assert screen.rows == rows and screen.selected_row() == rows[0]
            await pilot.press("down", "s")  # typed while the file is still being read
            await pilot.pause()
            assert screen.selected_row() == rows[0] and not isinstance(app.screen, ChoiceScreen)
            gate.set()
            await until(pilot, lambda: isinstance(app.screen, ChoiceScreen), "the snooze dialog")
            assert app.loaded and screen.rows == live_rows(demo_file)
            dialog = app.screen
            assert isinstance(dialog, ChoiceScreen) and dialog.question.endswith(f", {rows[1].person}")
    finally:
        opened = opening.result()
        assert opened is not None
        opened.close()


async def test_a_file_that_cannot_be_read_after_the_first_frame_ends_the_app_saying_why(
    demo_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    written(demo_file)
    opening = _opening(demo_file)
    assert opening is not None

    def broken(path: Path) -> openings.Opened:
        raise DataFileError(f"{path} is not valid JSON.")

    monkeypatch.setattr(openings, "open_data_file", broken)
    app = InfointApp(opening=opening)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.open_error is not None, "the error")
    assert app.return_code == 1 and "not valid JSON" in str(app.open_error)
    with pytest.raises(DataFileError):
        opening.result()


def test_a_snapshot_with_another_layout_is_not_used(demo_file: Path) -> None:
    written(demo_file)
    content = read_snapshot(demo_file, TODAY)
    assert content is not None
    snapshots.write_kept(snapshot_path(demo_file), demo_file, {"rows": [{"key": "x"}], "card": []}, TODAY)
    assert _opening(demo_file) is None
    assert isinstance(Opening(demo_file, QueueSnapshot.from_json(content)).snapshot, QueueSnapshot)


def test_keys_typed_at_once_on_a_large_file_act_in_order_once_it_is_read(tmp_path: Path) -> None:
    from infoint_tui.demo import write_demo
    from tests.terminal import Terminal

    path = tmp_path / "large.json"
    write_demo(path, 20_000, TODAY)
    rows = written(path).rows
    env = {"INFOINT_TODAY": TODAY.isoformat(), "HOME": str(tmp_path), "TERM": "xterm-256color"}
    terminal = Terminal("infoint-fast-start", [str(Path(sys.executable).with_name("infoint")), "--db", str(path)], env)
    try:
        terminal.press("Down", "s")  # before the first frame, and long before the file is read
        shown = terminal.wait_for_text("Snooze:")
        assert rows[1].person in shown and rows[0].person not in shown.partition("Snooze:")[2].splitlines()[0]
        terminal.press("Escape", "C-q")
        wait_for(lambda: terminal.exit_status() is not None, "infoint to quit")
        assert terminal.exit_status() == 0
    finally:
        terminal.close()

"""`infoint today` from the review the snapshot keeps, or from the records it needs: always
what the full computation says (issue 15), whichever way it took."""

from __future__ import annotations

import dataclasses
import io
import json
import os
import subprocess
import sys
from contextlib import redirect_stdout
from datetime import date, datetime, time, timedelta
from pathlib import Path

import orjson
import pytest

from infoint_tui import cli, clock
from infoint_tui.cli_args import build_parser
from infoint_tui.demo import write_demo
from infoint_tui.store import reading
from infoint_tui.store.errors import DataFileError
from infoint_tui.store.reading import read_for_review
from infoint_tui.store.repository import Repository
from infoint_tui.store.snapshot import snapshot_path
from infoint_tui.tui.opening import REVIEW_DAYS, open_data_file
from infoint_tui.usecases.agenda import agenda_json, agenda_text, review_document
from tests.conftest import TODAY

#: Moments of the snapshot's day, around the demo's calls (they end at 17:00, 18:00 and later).
HOURS = [time(0, 0), time(8, 0), time(9, 0), time(16, 59), time(17, 0), time(18, 30), time(23, 59)]
#: Days before the snapshot's, and after those whose review it keeps.
OTHER_DAYS = [TODAY - timedelta(days=1), TODAY + timedelta(days=REVIEW_DAYS + 1), TODAY + timedelta(days=9)]


@pytest.fixture(params=[60, 2_000], ids=["demo", "2,000 people"])
def campaign_file(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    path = tmp_path / "data.json"
    write_demo(path, request.param, TODAY)
    return path


@pytest.fixture
def full_reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The data files `infoint today` read records from (it did not answer from the snapshot)."""
    reads: list[Path] = []

    def counted(path: Path):
        reads.append(path)
        return read_for_review(path)

    monkeypatch.setattr(reading, "read_for_review", counted)
    return reads


def keep_snapshot(path: Path, at: datetime) -> None:
    """Open and close the file as the app does: the writer leaves its snapshot of `at`."""
    clock.fix(at.isoformat(timespec="minutes"))
    open_data_file(path).close()
    clock.fix(None)
    assert snapshot_path(path).exists()


def printed(path: Path, at: datetime, *extra: str) -> str:
    out = io.StringIO()
    with redirect_stdout(out):
        assert cli.main(["today", "--db", str(path), "--today", at.isoformat(timespec="minutes"), *extra]) == 0
    return out.getvalue()


def computed(path: Path, at: datetime, *, as_json: bool) -> str:
    """The review worked out from every record of the file, as `infoint today` prints it."""
    campaign = Repository.open(path, read_only=True).campaign
    return (agenda_json if as_json else agenda_text)(campaign, at) + "\n"


def test_the_snapshot_answers_its_day_and_says_what_the_records_say(campaign_file: Path, full_reads: list) -> None:
    keep_snapshot(campaign_file, datetime.combine(TODAY, time(8, 0)))
    answered = []
    for hour in HOURS:
        at = datetime.combine(TODAY, hour)
        for as_json in (False, True):
            before = len(full_reads)
            assert printed(campaign_file, at, *(["--json"] if as_json else [])) == computed(
                campaign_file, at, as_json=as_json
            ), (at, as_json)
            answered.append(len(full_reads) == before)
    assert answered[:6] == [True] * 6  # until the first call ends, from the snapshot alone
    assert not all(answered)  # once one is over, the review changes: the records are read


def test_the_next_mornings_are_answered_from_the_reviews_kept_the_evening_before(
    campaign_file: Path, full_reads: list
) -> None:
    keep_snapshot(campaign_file, datetime.combine(TODAY, time(18, 0)))
    for ahead in range(1, REVIEW_DAYS + 1):
        for hour in HOURS:
            at = datetime.combine(TODAY + timedelta(days=ahead), hour)
            before = len(full_reads)
            assert printed(campaign_file, at) == computed(campaign_file, at, as_json=False), at
            assert printed(campaign_file, at, "--json") == computed(campaign_file, at, as_json=True), at
            if hour == time(8, 0):  # the morning look: no record read
                assert len(full_reads) == before, at


def test_days_with_no_review_kept_are_worked_out_from_the_records(campaign_file: Path, full_reads: list) -> None:
    keep_snapshot(campaign_file, datetime.combine(TODAY, time(8, 0)))
    for day in OTHER_DAYS:
        at = datetime.combine(day, time(9, 0))
        assert printed(campaign_file, at) == computed(campaign_file, at, as_json=False)
        assert printed(campaign_file, at, "--json") == computed(campaign_file, at, as_json=True)
    assert len(full_reads) == 2 * len(OTHER_DAYS)


def test_a_file_written_since_the_snapshot_is_read_afresh(campaign_file: Path, full_reads: list) -> None:
    at = datetime.combine(TODAY, time(9, 0))
    keep_snapshot(campaign_file, at)
    repo = Repository.open(campaign_file)  # as a writer that keeps no snapshot would
    repo.save(dataclasses.replace(repo.campaign.people[1], name="Somebody Else"))
    repo.close()
    assert printed(campaign_file, at) == computed(campaign_file, at, as_json=False)
    assert full_reads == [campaign_file.resolve()]


def test_the_json_is_laid_out_as_orjson_laid_it_out(campaign_file: Path) -> None:
    at = datetime.combine(TODAY, time(9, 0))
    keep_snapshot(campaign_file, at)
    text = printed(campaign_file, at, "--json")
    assert text == orjson.dumps(json.loads(text), option=orjson.OPT_INDENT_2).decode() + "\n"


@pytest.mark.parametrize("day", [TODAY - timedelta(days=2), TODAY, TODAY + timedelta(days=4)])
def test_reading_only_the_records_asked_for_reviews_as_reading_them_all(campaign_file: Path, day: date) -> None:
    at = datetime.combine(day, time(12, 0))
    full = Repository.open(campaign_file, read_only=True).campaign
    assert review_document(read_for_review(campaign_file), at) == review_document(full, at)


def test_a_person_the_review_needs_that_cannot_be_read_is_reported_as_a_full_open_reports_it(tmp_path: Path) -> None:
    path = tmp_path / "data.json"
    write_demo(path, 60, TODAY)
    data = json.loads(path.read_text())
    person_id = next(iter(data["outreach"].values()))["person_id"]
    data["people"][str(person_id)]["name"] = 12
    path.write_text(json.dumps(data))
    with pytest.raises(DataFileError) as full:
        Repository.open(path, read_only=True)
    with pytest.raises(DataFileError) as partial:
        review_document(read_for_review(path), datetime.combine(TODAY, time(9, 0)))
    assert str(partial.value) == str(full.value)


def test_while_the_app_holds_the_file_today_reads_it(campaign_file: Path) -> None:
    at = datetime.combine(TODAY, time(9, 0))
    opened = open_data_file(campaign_file)  # the writer's lock is held, as by a running app
    try:
        assert not opened.repo.read_only
        assert printed(campaign_file, at) == computed(campaign_file, at, as_json=False)
    finally:
        opened.close()
    assert printed(campaign_file, at) == computed(campaign_file, at, as_json=False)  # now from its snapshot


@pytest.mark.parametrize(
    "argv",
    [
        ["today"],
        ["today", "--json"],
        ["--db", "a.json", "today"],
        ["today", "--db=a.json", "--today", "2026-11-26T10:30"],
        ["--today", "2026-11-26", "--config", "c.toml", "today", "--json", "--db", "today"],
        ["--db=", "today"],
        ["--demo", "today", "--json"],
        [],  # the app
        ["--db", "a.json"],
        ["--demo"],
        ["--today=2026-11-26", "--config", "c.toml", "--db", "today"],
    ],
)
def test_the_plain_forms_of_the_app_and_today_are_read_as_argparse_reads_them(argv: list[str]) -> None:
    plain = cli._plain(argv)
    assert plain is not None
    assert vars(plain) == vars(build_parser().parse_args(argv))


@pytest.mark.parametrize(
    "argv",
    [
        ["stats"],
        ["today", "--demo"],
        ["--demo", "--demo"],
        ["--demo=yes"],
        ["--version"],
        ["--json", "today"],
        ["today", "--js"],
        ["today", "--db", "-x"],
        ["today", "--db"],
        ["today", "--db", "a", "--db", "b"],
        ["today", "today"],
        ["today", "-h"],
        ["today", "--", "x"],
    ],
)
def test_any_other_command_line_is_left_to_argparse(argv: list[str]) -> None:
    assert cli._plain(argv) is None


#: What each way of answering must not import: with the review kept, no records; without,
#: none of the writer's machinery (the file is only read).
NOT_IMPORTED = {
    "kept": {"infoint_tui.domain.models", "infoint_tui.store.reading", "argparse", "rich"},
    "nothing kept": {"infoint_tui.store.repository", "infoint_tui.store.storage", "tinydb", "logging", "argparse"},
}


@pytest.mark.parametrize("kept", NOT_IMPORTED)
def test_infoint_today_imports_neither_textual_nor_more_than_it_needs(tmp_path: Path, kept: str) -> None:
    path = tmp_path / "data.json"
    write_demo(path, 60, TODAY)
    at = datetime.combine(TODAY, time(9, 0))
    if kept == "kept":
        keep_snapshot(path, at)
    env = {**os.environ, "INFOINT_DB": str(path), "PYTHONPROFILEIMPORTTIME": "1"}
    for extra in ([], ["--json"]):
        done = subprocess.run(
            [sys.executable, "-m", "infoint_tui", "today", "--today", at.isoformat(timespec="minutes"), *extra],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
        )
        assert done.returncode == 0, done.stderr
        imported = {line.rpartition("|")[2].strip() for line in done.stderr.splitlines() if "import time:" in line}
        assert "infoint_tui.usecases.agenda_form" in imported  # the report really lists our imports
        assert not {name for name in imported if name.partition(".")[0] == "textual"}
        assert not imported & NOT_IMPORTED[kept]


@pytest.mark.parametrize(
    "content", [b"\xff\xfe not text", b'{"people": [1, 2]}', b"{nope"], ids=["bytes", "shape", "json"]
)
def test_a_file_that_cannot_be_read_is_reported_in_the_words_of_a_full_open(
    tmp_path: Path, content: bytes, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "data.json"
    path.write_bytes(content)
    with pytest.raises(DataFileError) as full:
        Repository.open(path, read_only=True)
    assert cli.main(["today", "--db", str(path)]) == cli.DATA_PROBLEM
    assert capsys.readouterr().err == f"infoint: {full.value}\n"

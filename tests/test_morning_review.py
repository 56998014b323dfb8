"""The morning review: `infoint today` in 80 columns and as JSON, and the Queue's header and
columns at other terminal widths."""

from __future__ import annotations

import io
import json
import re
from contextlib import redirect_stdout
from datetime import datetime, time, timedelta
from pathlib import Path

import pytest
from rich.cells import cell_len

from infoint_tui import cli
from infoint_tui.domain.models import (
    AttemptKind,
    Company,
    Degree,
    Interview,
    Mode,
    Objective,
    ObjectiveKind,
    Outreach,
    Person,
    Route,
)
from infoint_tui.store.repository import Repository
from infoint_tui.tui.screens.queue import QueueScreen
from tests.conftest import TODAY, screen_text
from tests.outreach_support import expect

DUE_DAY = re.compile(r"(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)")
#: Where the due day stands on an item's line: indent, kind, person and company columns.
DUE_COLUMN = 2 + 13 + 1 + 20 + 1 + 16 + 1
#: Where the person stands on a booked interview's line: indent, day and time.
INTERVIEW_PERSON_COLUMN = 2 + 16 + 2


def at(days: int, hour: int = 9) -> datetime:
    return datetime.combine(TODAY + timedelta(days=days), time(hour))


@pytest.fixture
def wide_names(tmp_path: Path) -> Path:
    """One overdue follow-up, one due today, two in the days ahead, and an interview in three
    days, with names in CJK characters (two cells each) and names too long for their columns."""
    path = tmp_path / "wide.json"
    repo = Repository.open(path)
    objective = repo.add(Objective(ObjectiveKind.ROLE, "the day-to-day work of a user researcher in a hospital"))
    yamada = repo.add(Company("株式会社ヤマダ電機グループ本社"))
    short = repo.add(Company("Acme"))
    mutual = repo.add(Person("Maria Lopez", company_id=short.id, degree=Degree.FIRST, email="maria@example.com"))
    people = [
        repo.add(Person("王小明", company_id=yamada.id, email="wang@example.com", phone="+81 3 1234 5678")),
        repo.add(Person("Ana", company_id=short.id, degree=Degree.SECOND, introducer_id=mutual.id)),
        repo.add(Person("Bartholomew Featherstonehaugh-Worthington", company_id=yamada.id, phone="+44 20 7000 0001")),
        repo.add(Person("佐藤花子さん", company_id=short.id, email="hanako@example.com")),
    ]
    # A follow-up falls due 7 days after the request: 1 day late, today, in 2 days, in 3 days.
    for person, sent in zip(people, (-8, -7, -5, -4), strict=True):
        outreach = Outreach(person.id, objective.id, Route.COLD, TODAY + timedelta(days=sent - 1))
        outreach.log(AttemptKind.REQUEST, TODAY + timedelta(days=sent))
        repo.add(outreach)
    repo.add(Interview(people[1].id, at(3, 14), objective_id=objective.id, mode=Mode.VIDEO, where="Zoom link in mail"))
    repo.add(Interview(people[0].id, at(12, 10), objective_id=objective.id))  # beyond the next 7 days
    repo.close()
    return path


@pytest.fixture
def empty_file(tmp_path: Path) -> Path:
    path = tmp_path / "empty.json"
    Repository.open(path).close()
    return path


def today(path: Path, *options: str) -> str:
    out = io.StringIO()
    with redirect_stdout(out):
        assert cli.main(["today", "--db", str(path), *options]) == 0
    return out.getvalue()


def today_json(path: Path) -> dict:
    return json.loads(today(path, "--json"))


# --- `infoint today` as text ------------------------------------------------------------------


@pytest.mark.parametrize("shape", ["empty_file", "demo_file", "wide_names"])
def test_every_line_fits_80_cells_and_the_columns_line_up(shape: str, request: pytest.FixtureRequest) -> None:
    lines = today(request.getfixturevalue(shape)).splitlines()
    assert lines
    assert max(cell_len(line) for line in lines) <= 80
    items = [line for line in lines if line.startswith("  ") and not line.startswith("   ")]
    due_columns = {cell_len(line[: match.start()]) for line in items if (match := DUE_DAY.search(line))}
    assert due_columns <= {DUE_COLUMN, 2}  # 2: a booked interview's day and time
    if shape != "empty_file":
        assert DUE_COLUMN in due_columns


def test_wide_and_long_names_are_cut_by_cells_with_an_ellipsis(wide_names: Path) -> None:
    lines = today(wide_names).splitlines()
    wang = next(line for line in lines if "王小明" in line and "follow up" in line)
    assert "株式会社ヤマダ… " in wang  # 7 characters of two cells, the ellipsis, a space: 16 cells
    assert "Bartholomew Feather…" in "\n".join(lines)
    assert all(cell_len(line) <= 80 for line in lines)


def test_the_headline_counts_overdue_and_today_only(wide_names: Path, demo_file: Path) -> None:
    headline, ahead = today(wide_names).splitlines()[:2]
    assert headline == "Thursday 26 November 2026: 2 due now (1 overdue, 1 today)"
    assert ahead == "Next 7 days: 3 more due, 1 interview booked."  # two follow-ups and a preparation

    document = today_json(demo_file)
    statuses = [item["status"] for item in document["items"]]
    due_now = statuses.count("overdue") + statuses.count("today")
    assert 0 < due_now < len(statuses)
    assert document["due_now"] == due_now
    assert today(demo_file).startswith(
        f"Thursday 26 November 2026: {due_now} due now "
        f"({statuses.count('overdue')} overdue, {statuses.count('today')} today)\n"
    )


def test_nothing_due_says_so(empty_file: Path) -> None:
    assert today(empty_file).splitlines()[:2] == [
        "Thursday 26 November 2026: nothing due now",
        "Next 7 days: 0 more due, 0 interviews booked.",
    ]


def test_interviews_in_the_next_7_days_are_listed_with_day_and_time(wide_names: Path) -> None:
    lines = today(wide_names).splitlines()
    heading = lines.index("Interviews, next 7 days (1)")
    booked, notes = lines[heading + 1 : heading + 3]
    assert booked.startswith("  Sun 29 Nov 14:00  Ana ")
    assert booked.rstrip().endswith("Acme             by video")
    assert cell_len(booked[: booked.index("Ana")]) == INTERVIEW_PERSON_COLUMN
    assert notes.strip().startswith("Zoom link in mail · through Maria Lopez · to learn about")
    assert "Mon 7 Dec" not in "\n".join(lines) and "07 Dec" not in "\n".join(lines)  # 12 days ahead: not yet


def test_each_item_says_attempt_contact_introducer_and_objective(wide_names: Path) -> None:
    lines = today(wide_names).splitlines()
    wang = lines.index(next(line for line in lines if "王小明" in line and "follow up" in line))
    assert lines[wang + 1].startswith(" " * 16 + "attempt 2 of 3 · wang@example.com · +81 3 1234 5678 · to learn")
    ana = lines.index(next(line for line in lines if " Ana " in line and "follow up" in line))
    assert lines[ana + 1].startswith(" " * 16 + "attempt 2 of 3 · through Maria Lopez · to learn about the day")


@pytest.mark.parametrize("day", ["2026-12-03", "2026-12-03T16:45"])
def test_the_date_shown_is_infoint_today(demo_file: Path, monkeypatch: pytest.MonkeyPatch, day: str) -> None:
    monkeypatch.setenv("INFOINT_TODAY", day)
    assert today(demo_file).startswith("Thursday 3 December 2026: ")
    document = today_json(demo_file)
    assert document["date"] == "2026-12-03"
    assert document["now"] == ("2026-12-03T16:45" if "T" in day else "2026-12-03T09:00")
    assert today(demo_file, "--today", "2026-12-04").startswith("Friday 4 December 2026: ")  # the flag wins


# --- `infoint today --json` ------------------------------------------------------------------


def test_the_json_carries_everything_the_text_shows(wide_names: Path) -> None:
    document = today_json(wide_names)
    assert (document["date"], document["days"], document["due_now"]) == ("2026-11-26", 7, 2)
    wang = next(item for item in document["items"] if item["person"] == "王小明" and item["kind"] == "follow_up")
    assert wang.pop("id").startswith("follow_up:outreach:")
    assert wang == {
        "kind": "follow_up",
        "person": "王小明",
        "company": "株式会社ヤマダ電機グループ本社",
        "due": "2026-11-25",
        "status": "overdue",
        "template": "follow_up",
        "label": "follow up",
        "when": "1 day late",
        "detail": "attempt 2 of 3",
        "attempt": 2,
        "email": "wang@example.com",
        "phone": "+81 3 1234 5678",
        "introducer": "",
        "objective": "the day-to-day work of a user researcher in a hospital",
    }
    ana = next(item for item in document["items"] if item["person"] == "Ana" and item["kind"] == "follow_up")
    assert (ana["introducer"], ana["email"], ana["phone"]) == ("Maria Lopez", "", "")
    prepare = next(item for item in document["items"] if item["kind"] == "prepare")
    assert prepare["attempt"] is None  # not a contact attempt
    assert document["interviews"] == [
        {
            "person": "Ana",
            "company": "Acme",
            "at": "2026-11-29T14:00",
            "how": "by video",
            "where": "Zoom link in mail",
            "email": "",
            "phone": "",
            "introducer": "Maria Lopez",
            "objective": "the day-to-day work of a user researcher in a hospital",
        }
    ]


def test_the_json_keys_are_the_ones_the_readme_documents(demo_file: Path) -> None:
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    document = today_json(demo_file)
    keys = set(document) | set(document["items"][0]) | set(document["interviews"][0])
    assert {key for key in keys if f"`{key}`" not in readme} == set()


# --- the Queue ----------------------------------------------------------------------------------


async def test_the_queue_header_shows_the_day_the_app_uses(make_app, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INFOINT_TODAY", "2026-11-27")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await expect(pilot, QueueScreen)
        assert "Queue · Friday 27 November 2026" in screen_text(app)


def rows(screen: QueueScreen) -> list[str]:
    return [str(option.prompt) for option in screen.query_one("#queue-items").options if option.id]


async def test_a_narrow_queue_keeps_the_due_day_and_time_left_whole(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(60, 20)) as pilot:
        screen = await expect(pilot, QueueScreen)
        await pilot.pause()
        shown = rows(screen)
        assert "follow up     Sofia Garc… Tyrell   Thu 26 Nov  today" in shown
        assert "keep posted   Olu Nakamu… Umbrell… Sun 22 Nov  4 days late" in shown
        width = screen.query_one("#queue-items").scrollable_content_region.width
        assert all(cell_len(row) <= width for row in shown)


async def test_a_wide_queue_gives_names_room_and_shows_the_detail(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await expect(pilot, QueueScreen)
        await pilot.pause()
        shown = rows(screen)
        # Names of 22 and 18 cells (20 and 15 at 80 columns), then the detail after the time left.
        assert f"follow up     {'Sofia García':22} {'Tyrell':18} Thu 26 Nov  today        attempt 2 of 3" in shown
        olu = f"keep posted   {'Olu Nakamura':22} {'Umbrella Health':18} Sun 22 Nov  4 days late  last in touch"
        assert f"{olu} 2026-10-23" in shown


@pytest.mark.parametrize("size", [(100, 30), (60, 20)])
def test_snapshot(snap_compare, make_app, size) -> None:
    assert snap_compare(make_app(), terminal_size=size)

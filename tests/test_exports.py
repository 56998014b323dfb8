"""Exports read back by the tools people load them into, and the JSON export restored.

Each format is parsed again by a library other than the one that wrote it (vobject for
iCalendar, markdown-it-py for Markdown, the csv module for CSV), and the command line runs
as a user runs it: a subprocess with --db.
"""

from __future__ import annotations

import csv
import io
import os
import stat
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import orjson
import pytest
import vobject
from icalendar import Calendar
from markdown_it import MarkdownIt

from infoint_tui.demo import write_demo
from infoint_tui.domain.models import (
    ActionItem,
    Campaign,
    Company,
    Interview,
    Person,
    PreparedQuestion,
)
from infoint_tui.exchange.export import people_csv
from infoint_tui.exchange.ics import to_ics
from infoint_tui.exchange.interview_md import interview_markdown, markdown_filename
from infoint_tui.exchange.output import interviews_folder, write_interviews
from infoint_tui.store.reading import backups_folder
from infoint_tui.store.repository import Repository
from tests.conftest import TODAY
from tests.test_interviews_screen import highlight, open_interviews, upcoming
from tests.test_live_interview import fill, live, todays

MADRID = ZoneInfo("Europe/Madrid")
WHEN = datetime(2026, 11, 26, 10, 30)


def infoint(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "infoint_tui", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=60,
        preexec_fn=lambda: os.umask(0o022),
    )


def one_sentence(stderr: str) -> str:
    assert "Traceback" not in stderr
    message = stderr.strip()
    assert message and "\n" not in message, message
    return message


def private(path: Path) -> bool:
    return stat.S_IMODE(path.stat().st_mode) == 0o600


def stored(path: Path) -> Campaign:
    return Repository.open(path, read_only=True).campaign


# iCalendar -------------------------------------------------------------------------------


def test_ics_parsed_back_by_icalendar_and_by_vobject_gives_every_interview(demo_file: Path) -> None:
    repo = Repository.open(demo_file)
    campaign_id = repo.campaign_id
    campaign = repo.campaign
    booked = sorted((i for i in campaign.interviews.values() if not i.held), key=lambda i: (i.when, i.id))
    booked[0].reschedule(booked[0].when + timedelta(hours=1), booked[0].mode, booked[0].where, booked[0].minutes)
    repo.close()
    data = to_ics(campaign, MADRID)

    calendar = Calendar.from_ical(data)
    assert [str(z["tzid"]) for z in calendar.walk("VTIMEZONE")] == ["Europe/Madrid"]
    events = {str(e["uid"]): e for e in calendar.walk("VEVENT")}
    second = {e.uid.value: e for e in vobject.readOne(data.decode()).vevent_list}
    assert set(events) == set(second) == {f"interview-{i.id}-{campaign_id}@infoint" for i in booked}
    for interview in booked:
        uid = f"interview-{interview.id}-{campaign_id}@infoint"
        start = interview.when.replace(tzinfo=MADRID)
        event, other = events[uid], second[uid]
        assert event.decoded("dtstart") == other.dtstart.value == start  # one instant, both readers
        assert other.dtstart.value.utcoffset() == start.utcoffset()
        assert other.dtend.value - other.dtstart.value == timedelta(minutes=interview.minutes)
        assert int(other.sequence.value) == event["sequence"] == interview.sequence
        assert other.summary.value == str(event["summary"])
    assert booked[0].sequence == 1 and f"UID:interview-{booked[0].id}-{campaign_id}@infoint" in data.decode()


def test_each_campaign_has_its_own_uids_kept_in_its_data_file(tmp_path: Path) -> None:
    uids = []
    for name in ("one.json", "two.json"):  # the same demo: the same interview ids
        path = tmp_path / name
        write_demo(path, 30, TODAY)
        first = infoint("export", "ics", "--db", str(path))
        again = infoint("export", "ics", "--db", str(path))
        assert first.returncode == again.returncode == 0, first.stderr
        ids = {str(e["uid"]) for e in Calendar.from_ical(first.stdout.encode()).walk("VEVENT")}
        assert ids == {str(e["uid"]) for e in Calendar.from_ical(again.stdout.encode()).walk("VEVENT")}
        campaign_id = orjson.loads(path.read_bytes())["meta"]["1"]["campaign_id"]
        assert ids and all(uid.endswith(f"-{campaign_id}@infoint") for uid in ids)
        uids.append(ids)
    assert not uids[0] & uids[1]


def test_ics_times_carry_the_system_s_time_zone(demo_file: Path) -> None:
    done = infoint("export", "ics", "--db", str(demo_file), env={"TZ": "America/New_York"})
    assert done.returncode == 0, done.stderr
    assert "\nDTSTART;TZID=America/New_York:" in done.stdout  # (text mode reads CRLF as \\n)
    assert "\nTZID:America/New_York\n" in done.stdout  # its VTIMEZONE
    nameless = infoint("export", "ics", "--db", str(demo_file), env={"TZ": "CET-1CEST"})
    assert nameless.returncode == 2 and "TZ" in one_sentence(nameless.stderr)


def test_a_file_without_a_campaign_id_open_elsewhere_gets_one_sentence(demo_file: Path) -> None:
    holder = Repository.open(demo_file)  # another infoint holds it, and has changed nothing yet
    try:
        done = infoint("export", "ics", "--db", str(demo_file))
    finally:
        holder.close()
    assert done.returncode == 1 and "calendar id" in one_sentence(done.stderr)
    assert infoint("export", "ics", "--db", str(demo_file)).returncode == 0  # once it is free


def test_booking_an_interview_gives_the_file_its_campaign_id(empty_repo) -> None:
    person = empty_repo.add(Person("Ana Ruiz"))
    assert not empty_repo.campaign.id
    empty_repo.add(Interview(person.id, WHEN))
    empty_repo.flush()
    assert orjson.loads(empty_repo.path.read_bytes())["meta"]["1"]["campaign_id"] == empty_repo.campaign.id != ""


async def test_moving_an_interview_raises_its_sequence_in_the_calendar(make_app, repo) -> None:
    interview = upcoming(repo)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_interviews(app, pilot)
        for time in ("9:15", "9:15"):  # moved, then saved again unchanged
            await highlight(pilot, screen, interview)
            await pilot.press("r")
            app.screen.form.row("time").control.value = time
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert app.screen is screen
    moved = repo.campaign.interviews[interview.id]
    assert (moved.when.hour, moved.when.minute, moved.sequence) == (9, 15, 1)
    event = next(
        e
        for e in Calendar.from_ical(to_ics(repo.campaign, MADRID)).walk("VEVENT")
        if str(e["uid"]).startswith(f"interview-{interview.id}-")
    )
    assert event["sequence"] == 1


# CSV -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "exported"),
    [
        ("+1 555 0100", "+1 555 0100"),
        ("+34 (600) 000-000", "+34 (600) 000-000"),
        ("-3.5", "-3.5"),
        ("=1+1", "'=1+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("- a bullet", "'- a bullet"),
        ("+", "'+"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("1+1", "1+1"),
        ("Ana", "Ana"),
    ],
)
def test_csv_prefixes_only_cells_that_would_run(typed: str, exported: str) -> None:
    campaign = Campaign(people={1: Person("Ana", phone=typed, notes=typed, id=1)})
    [row] = list(csv.DictReader(io.StringIO(people_csv(campaign), newline="")))
    assert (row["phone"], row["notes"]) == (exported, exported)


def test_csv_export_with_a_bom_reads_back_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "data.json"
    repo = Repository.open(path)
    repo.add(Person("Zoë Åberg", phone="+1 555 0100", title='=HYPERLINK("http://evil")'))
    repo.close()
    with_bom, plain = tmp_path / "excel.csv", tmp_path / "plain.csv"
    assert infoint("export", "csv", "--bom", "--db", str(path), "--out", str(with_bom)).returncode == 0
    assert infoint("export", "csv", "--db", str(path), "--out", str(plain)).returncode == 0
    assert with_bom.read_bytes() == b"\xef\xbb\xbf" + plain.read_bytes()
    with with_bom.open(encoding="utf-8-sig", newline="") as file:
        [row] = list(csv.DictReader(file))
    assert (row["name"], row["phone"], row["title"]) == ("Zoë Åberg", "+1 555 0100", '\'=HYPERLINK("http://evil")')
    wrong = infoint("export", "json", "--bom", "--db", str(path))
    assert wrong.returncode == 2 and "--bom" in one_sentence(wrong.stderr)


# Markdown --------------------------------------------------------------------------------


def outline(markdown: str) -> list[tuple[str, str]]:
    """Headings and list items as an HTML renderer sees them, as (tag, plain text)."""
    tokens = MarkdownIt("commonmark").enable(["table", "strikethrough"]).parse(markdown)
    assert not [t for t in tokens if t.type == "html_block"]
    found, tag = [], None
    for token in tokens:
        if token.type in ("heading_open", "list_item_open"):
            tag = token.tag
        elif token.type == "inline" and tag:
            assert not [c for c in token.children or () if c.type == "html_inline"]
            found.append((tag, "".join(c.content for c in token.children or () if c.content)))
            tag = None
    return found


def hostile_campaign(notes: str = "") -> tuple[Campaign, Interview]:
    bo = Person("<script>alert(1)</script> Bo", title="*CEO*", uid="bo", id=1)
    ana = Person(
        "Ana [x](javascript:alert(1))", title="# not a heading", company_id=1, introducer_id=1, uid="ana", id=2
    )
    sam = Person("1. Sam", introducer_id=2, source="referred by Ana", email="sam@example.com", uid="sam", id=3)
    interview = Interview(
        2,
        WHEN,
        where="`Zoom` <b>",
        notes=notes,
        takeaways="- [x] done\n```",
        id=1,
        questions=[PreparedQuestion("- [ ] <i>why</i>?", asked=True), PreparedQuestion("And then?", follow_up=True)],
        action_items=[ActionItem("# send & <a>")],
    )
    campaign = Campaign(
        people={1: bo, 2: ana, 3: sam}, companies={1: Company("Acme & Co", id=1)}, interviews={1: interview}
    )
    return campaign, interview


def our_outline(note_headings: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [
        ("h1", "Informational interview: Ana [x](javascript:alert(1)) (Acme & Co)"),
        ("li", "Person: Ana [x](javascript:alert(1)), # not a heading"),
        ("li", "Company: Acme & Co"),
        ("li", "Introduced by: <script>alert(1)</script> Bo"),
        ("li", "Objective: —"),
        ("li", "When: Thursday 26 November 2026, 10:30"),
        ("li", "Mode: phone — `Zoom` <b>"),
        ("li", "Held: not yet"),
        ("h2", "Questions"),
        ("li", "[x] - [ ] <i>why</i>?"),
        ("li", "[ ] And then? (follow-up)"),
        ("h2", "Notes"),
        *note_headings,
        ("h2", "Action items"),
        ("li", "[ ] # send & <a>"),
        ("h2", "Referrals"),
        ("li", "1. Sam (sam@example.com)"),
        ("h2", "Discussed (for the thank-you)"),
        ("h2", "Takeaways"),
    ]


@pytest.mark.parametrize(
    ("notes", "note_headings"),
    [
        ("```python\nan unclosed fence\n## Not a heading: inside the fence", []),
        (
            "## 14:32 What does a day look like?\nBusy.\n### Detail ###\n# Top",
            [("h4", "14:32 What does a day look like?"), ("h5", "Detail"), ("h3", "Top")],
        ),
        ("- [ ] not our checkbox\n* a star item\n1. an ordered one\n> quoted", []),
        ("<script>alert(1)</script>\n<div onclick=x>\n\n[ref]: http://evil\n[ref]", []),
        ("A setext heading\n===\nanother\n---\n***", []),
        ("`````\n```` runs of backticks\n``", []),
        ("    indented code\n\x1b[31mred\x1b[0m and a bell\x07", []),
        ("# <b>bold</b> *heading*", [("h3", "<b>bold</b> *heading*")]),
    ],
)
def test_markdown_outline_is_ours_whatever_the_text_holds(notes: str, note_headings: list) -> None:
    campaign, interview = hostile_campaign(notes)
    text = interview_markdown(campaign, interview)
    assert outline(text) == our_outline(note_headings)
    html = MarkdownIt("commonmark").render(text)
    assert "<script" not in html and "<b>" not in html and "<i>" not in html and "\x1b" not in text
    after = text.split("## Takeaways", 1)[1]
    assert "**Verdict:** not decided yet" in after  # nothing swallowed the sections after the notes


def test_the_notes_keep_their_words(tmp_path: Path) -> None:
    notes = "## 14:32 First question\nPlatform team of 6.\n- [ ] ask about on-call\n```\nunclosed"
    campaign, interview = hostile_campaign(notes)
    text = interview_markdown(campaign, interview)
    rendered = MarkdownIt("commonmark").render(text)
    for words in ("Platform team of 6.", "- [ ] ask about on-call", "```\nunclosed"):
        assert words in rendered.replace("&quot;", '"')


# One writer for interview files ------------------------------------------------------------


def test_two_interviews_of_one_person_on_one_day_make_two_private_files(tmp_path: Path) -> None:
    campaign, morning = hostile_campaign("morning")
    evening = Interview(2, WHEN.replace(hour=18), notes="evening", id=2)
    campaign.interviews[2] = evening
    folder = tmp_path / "new" / "interviews"
    first = write_interviews(campaign, [evening, morning], folder)
    again = write_interviews(campaign, [morning], folder)  # exported again: nothing replaced
    names = [p.name for p in first + again]
    assert names == [
        "2026-11-26-ana-x-javascript-alert-1.md",
        "2026-11-26-ana-x-javascript-alert-1-2.md",
        "2026-11-26-ana-x-javascript-alert-1-3.md",
    ]
    assert "morning" in first[0].read_text() and "evening" in first[1].read_text()
    assert all(private(path) for path in first + again)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert sorted(p.name for p in folder.iterdir()) == sorted(names)  # no temp file left behind


async def test_live_captures_reach_the_tui_s_markdown_in_the_data_folder(make_app, repo) -> None:
    interview = todays(repo)
    interviewee = repo.campaign.people[interview.person_id]
    introducer = next(p for p in repo.campaign.people.values() if p.id != interviewee.id)
    interviewee.introducer_id = introducer.id
    repo.save(interviewee)
    async with live(make_app, repo) as (app, pilot, screen):
        await pilot.press("ctrl+f")
        await fill(pilot, "Who runs the research guild?")
        await pilot.press("ctrl+r")
        await fill(pilot, "Bo Li", "Tyrell")
        await pilot.press("f6")  # back to the list
        await pilot.pause()
        interviews = app.screen
        for _ in range(2):  # twice: the second file sits beside the first
            await highlight(pilot, interviews, interview)
            await pilot.press("m")
            assert app.screen.form.row("folder").control.value == str(interviews_folder(repo.path))
            await pilot.press("ctrl+s")
            await pilot.pause()
    files = sorted(interviews_folder(repo.path).glob("*.md"))
    assert len(files) == 2 and files[0].read_text() == files[1].read_text()
    text = files[0].read_text()
    assert "- [ ] Who runs the research guild? (follow-up)" in text.splitlines()
    assert f"- **Introduced by:** {introducer.name}" in text
    assert ("li", "Bo Li (Tyrell)") in outline(text)


def test_cli_markdown_goes_beside_the_data_file_and_replaces_nothing(demo_file: Path) -> None:
    folder = interviews_folder(demo_file)
    folder.mkdir()
    campaign = stored(demo_file)
    taken = folder / markdown_filename(campaign, next(iter(campaign.interviews.values())))
    taken.write_text("my own file")
    done = infoint("export", "markdown", "--db", str(demo_file))
    assert done.returncode == 0, done.stderr
    assert taken.read_text() == "my own file"
    assert len(list(folder.glob("*.md"))) == len(campaign.interviews) + 1


# --out -----------------------------------------------------------------------------------


def test_a_bad_out_gets_one_sentence_and_an_existing_file_needs_force(demo_file: Path, tmp_path: Path) -> None:
    missing = tmp_path / "no" / "such" / "export.json"
    done = infoint("export", "json", "--db", str(demo_file), "--out", str(missing))
    assert done.returncode == 2 and str(missing.parent) in one_sentence(done.stderr)
    assert not missing.parent.exists()
    done = infoint("export", "json", "--db", str(demo_file), "--out", str(tmp_path))
    assert done.returncode == 2 and "folder" in one_sentence(done.stderr)
    existing = tmp_path / "export.json"
    existing.write_text("keep me")
    done = infoint("export", "json", "--db", str(demo_file), "--out", str(existing))
    assert done.returncode == 2 and "--force" in one_sentence(done.stderr)
    assert existing.read_text() == "keep me"
    done = infoint("export", "json", "--db", str(demo_file), "--out", str(existing), "--force")
    assert done.returncode == 0 and orjson.loads(existing.read_bytes())["format"] == "infoint export"
    assert private(existing)
    notes = infoint("export", "markdown", "--db", str(demo_file), "--out", str(existing))
    assert notes.returncode == 2 and "not a folder" in one_sentence(notes.stderr)


@pytest.mark.parametrize("fmt", ["json", "csv", "vcard", "ics"])
def test_every_export_file_is_private(demo_file: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"export.{fmt}"
    done = infoint("export", fmt, "--db", str(demo_file), "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert private(out) and out.stat().st_size > 0
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temp file


# infoint import json ---------------------------------------------------------------------


def test_json_export_restores_the_same_campaign_into_a_new_file(demo_file: Path, tmp_path: Path) -> None:
    assert infoint("export", "ics", "--db", str(demo_file)).returncode == 0  # gives it its campaign id
    export, restored = tmp_path / "backup.json", tmp_path / "restored" / "data.json"
    assert infoint("export", "json", "--db", str(demo_file), "--out", str(export)).returncode == 0
    done = infoint("import", "json", str(export), "--db", str(restored))
    assert done.returncode == 0, done.stderr
    assert "Restored" in done.stdout
    original, copy = stored(demo_file), stored(restored)
    assert copy == original and copy.id
    assert private(restored)
    again = Repository.open(restored)  # new records take fresh ids after the restored ones
    assert again.add(Person("New Person")).id == max(original.people) + 1
    again.close()


def test_a_campaign_is_never_replaced_without_asking_and_then_backed_up(demo_file: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.json"
    write_demo(other, 10, TODAY)
    export = tmp_path / "other-export.json"
    assert infoint("export", "json", "--db", str(other), "--out", str(export)).returncode == 0
    before = demo_file.read_bytes()
    refused = infoint("import", "json", str(export), "--db", str(demo_file))
    assert refused.returncode == 1 and "--replace" in one_sentence(refused.stderr)
    assert demo_file.read_bytes() == before
    replaced = infoint("import", "json", str(export), "--db", str(demo_file), "--replace")
    assert replaced.returncode == 0, replaced.stderr
    assert stored(demo_file) == stored(other)
    [copy] = backups_folder(demo_file).glob("demo.before-import-*.json")
    assert orjson.loads(copy.read_bytes()) == orjson.loads(before) and str(copy) in replaced.stdout


def good_dump() -> dict:
    campaign, _ = hostile_campaign("notes")
    campaign.id = "5eed"
    from infoint_tui.exchange.export import to_json

    return orjson.loads(to_json(campaign))


def broken(change) -> bytes:
    dump = good_dump()
    change(dump)
    return orjson.dumps(dump)


BAD_EXPORTS = [
    (b"{not json", "not valid JSON"),
    (b'{"people": []}', "not an infoint JSON export"),
    (broken(lambda d: d.update(version=99)), "version 99"),
    (broken(lambda d: d["people"][0].pop("name")), "'name'"),
    (broken(lambda d: d["people"][0].pop("id")), "no id"),
    (broken(lambda d: d["people"][1].update(id=1)), "two records"),
    (broken(lambda d: d["people"][0].update(id=True)), "no id"),
    (broken(lambda d: d["interviews"][0].update(person_id=99)), "person_id 99"),
    (broken(lambda d: d["people"][0].update(introducer_id=[1])), "'introducer_id' is a list"),
    (broken(lambda d: d["interviews"][0].update(when="2026-13-45T10:00")), "interviews"),
    (broken(lambda d: d.update(settings=[])), "settings"),
    (broken(lambda d: d.update(campaign_id="../x")), "campaign_id"),
]


# Named by what is said: the contents hold random UIDs, which would name each test differently
# in each worker.
@pytest.mark.parametrize(("content", "said"), BAD_EXPORTS, ids=[said for _, said in BAD_EXPORTS])
def test_a_bad_export_is_one_sentence_and_nothing_is_written(tmp_path: Path, content: bytes, said: str) -> None:
    source, target = tmp_path / "backup.json", tmp_path / "data.json"
    source.write_bytes(content)
    done = infoint("import", "json", str(source), "--db", str(target))
    assert done.returncode == 1 and said in one_sentence(done.stderr)
    assert not target.exists()


def test_the_good_dump_of_the_bad_export_test_restores(tmp_path: Path) -> None:
    source, target = tmp_path / "backup.json", tmp_path / "data.json"
    source.write_bytes(orjson.dumps(good_dump()))
    dry = infoint("import", "json", str(source), "--db", str(target), "--dry-run")
    assert dry.returncode == 0 and "3 people, 1 company, 1 interview" in dry.stdout
    assert not target.exists()
    assert infoint("import", "json", str(source), "--db", str(target)).returncode == 0
    campaign, _ = hostile_campaign("notes")
    campaign.id = "5eed"
    assert stored(target) == campaign


def test_import_json_help_says_what_happens_to_a_campaign_already_there(tmp_path: Path) -> None:
    done = infoint("import", "json", "--help")
    assert done.returncode == 0
    assert "--replace" in done.stdout and "backups folder" in done.stdout and "nothing is written" in done.stdout
    wrong = infoint("import", "vcard", str(Path(__file__)), "--replace", "--db", str(tmp_path / "d.json"))
    assert wrong.returncode == 2 and "json only" in one_sentence(wrong.stderr)

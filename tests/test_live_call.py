"""The call itself (issue 14, "During the call"): the call clock, the header, what is captured,
the question to go on with, to-dos' due days, two interviews at once, and the bank offered
when nothing is prepared. One tmux test kills the program mid-call and starts it again.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import sys
import time
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import orjson
import pytest
from terminal import Terminal, wait_for
from textual.geometry import Region

from infoint_tui import clock
from infoint_tui.cli import main
from infoint_tui.domain.models import Interview, Mode, PreparedQuestion
from infoint_tui.domain.todo_days import due_from_words
from infoint_tui.store.repository import Repository
from infoint_tui.tui.screens.live import LiveInterviewScreen
from infoint_tui.tui.widgets.choice import ChoiceScreen
from infoint_tui.tui.widgets.form import FormScreen
from infoint_tui.usecases.interviewing import call_clock, clash_warning, clashes, find_interview, next_question
from tests.conftest import TODAY, screen_text
from tests.support import until

CALL_AT = datetime(2026, 11, 26, 14, 30)


def todays(repo) -> Interview:
    return find_interview(repo.campaign, TODAY)


def reopened(repo) -> Repository:
    """The data file as the next start of the program finds it."""
    repo.close()
    return Repository.open(repo.path, background=True)


@contextlib.asynccontextmanager
async def live(make_app, repo, start: str = "start_today"):
    app = make_app(repo, start=("interviews", start))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, LiveInterviewScreen))
        yield app, pilot, app.screen


def shown(screen, selector: str) -> str:
    return str(screen.query_one(selector).render())


def drawn(app, selector: str) -> str:
    """The lines a widget draws, as they are drawn (wrapped, clipped)."""
    widget = app.screen.query_one(selector)
    return "\n".join(strip.text for strip in widget.render_lines(Region(0, 0, *widget.size)))


async def fill(pilot, *values: str) -> None:
    """Put the values into the open form's fields, in order (typing is tested elsewhere), then save."""
    await until(pilot, lambda: isinstance(pilot.app.screen, FormScreen), "the form")
    form = pilot.app.screen
    for field, value in zip(form.fields, values, strict=False):
        form.form.row(field.name).control.value = value
    await pilot.press("ctrl+s")
    await pilot.pause()


# 1. the call clock ----------------------------------------------------------------------------


def test_the_call_clock_reads_against_the_agreed_length() -> None:
    interview = Interview(1, CALL_AT, minutes=20)
    assert call_clock(interview, CALL_AT) == ("20 min · not started", "idle")
    started = replace(interview, started=CALL_AT)
    assert call_clock(started, datetime(2026, 11, 26, 14, 42)) == ("12 of 20 min", "")
    assert call_clock(started, datetime(2026, 11, 26, 14, 46)) == ("16 of 20 min · 4 left", "nearly")
    assert call_clock(started, datetime(2026, 11, 26, 14, 53)) == ("23 of 20 min · 3 over", "over")


async def test_the_clock_starts_with_the_first_note_and_comes_back_after_a_restart(make_app, repo) -> None:
    interview = todays(repo)
    clock.fix("2026-11-26T14:30")
    async with live(make_app, repo) as (app, pilot, screen):
        assert shown(screen, "#live-clock") == "30 min · not started"
        await pilot.press("h", "i")
        await until(pilot, lambda: repo.campaign.interviews[interview.id].started == CALL_AT, "the start stored")
        await until(pilot, lambda: shown(screen, "#live-clock") == "0 of 30 min")
        clock.fix("2026-11-26T14:56")
        await until(pilot, lambda: shown(screen, "#live-clock") == "26 of 30 min · 4 left")
        assert screen.call_clock.has_class("-nearly")
    repo = reopened(repo)
    try:
        assert repo.campaign.interviews[interview.id].started == CALL_AT
        clock.fix("2026-11-26T15:05")
        async with live(make_app, repo) as (app, pilot, screen):
            assert shown(screen, "#live-clock") == "35 of 30 min · 5 over"
            assert screen.call_clock.has_class("-over")
    finally:
        repo.close()


async def test_notes_typed_days_before_the_call_start_no_clock(make_app, repo) -> None:
    ahead = next(i for i in repo.campaign.interviews.values() if not i.held and i.when.date() > TODAY)
    async with live(make_app, repo, f"live({ahead.id})") as (app, pilot, screen):
        await pilot.press("h", "i")
        await until(pilot, lambda: repo.campaign.interviews[ahead.id].notes == "hi", "the notes stored")
        assert repo.campaign.interviews[ahead.id].started is None
        assert shown(screen, "#live-clock") == "30 min · not started"


async def test_f12_starts_the_clock_again_when_the_call_began_after_the_first_notes(make_app, repo) -> None:
    interview = todays(repo)
    clock.fix("2026-11-26T14:30")
    async with live(make_app, repo) as (app, pilot, screen):
        await pilot.press("f12")
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("0")  # before any note: start it now
        await until(pilot, lambda: repo.campaign.interviews[interview.id].started == CALL_AT, "the start stored")
        clock.fix("2026-11-26T14:36")
        await pilot.press("f12", "0")
        await until(pilot, lambda: shown(screen, "#live-clock") == "0 of 30 min")
        assert repo.campaign.interviews[interview.id].started == datetime(2026, 11, 26, 14, 36)


async def test_booking_sets_the_length_and_warns_of_a_clash_without_refusing_it(make_app, repo, notices) -> None:
    today = sorted((i for i in repo.campaign.interviews.values() if i.when.date() == TODAY), key=lambda i: i.when)
    first, other = today[0], next(i for i in repo.campaign.interviews.values() if not i.held and i.when.date() > TODAY)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f6")
        await until(pilot, lambda: app.screen.query("#interviews-list"))
        app.screen._highlight(other)
        await pilot.press("r")
        await until(pilot, lambda: isinstance(app.screen, FormScreen))
        form = app.screen.form
        form.row("day").control.value = first.when.date().isoformat()
        form.row("time").control.value = f"{first.when:%H:%M}"
        form.row("minutes").control.value = "20"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: not isinstance(app.screen, FormScreen))
    moved = repo.campaign.interviews[other.id]
    assert (moved.when, moved.minutes) == (first.when, 20)
    name = repo.campaign.people[first.person_id].name
    assert any(n.severity == "warning" and f"overlaps your interview with {name}" in n.message for n in notices)


async def test_booking_from_the_queue_asks_the_length_and_warns_of_a_clash(make_app, repo, notices) -> None:
    from infoint_tui.domain.models import AttemptKind
    from infoint_tui.tui.flows.outreach import book_time

    booked = {i.outreach_id for i in repo.campaign.interviews.values()}
    said_yes = next(o for o in repo.campaign.outreach.values() if o.has(AttemptKind.REPLY_YES) and o.id not in booked)
    kenji = todays(repo)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.screen.run_worker(book_time(app.screen, said_yes.id))
        await fill(pilot, kenji.when.date().isoformat(), f"{kenji.when:%H:%M}", "phone", "", "20")
        await until(pilot, lambda: len(repo.campaign.interviews) == len(booked) + 1, "the booked interview")
    interview = next(i for i in repo.campaign.interviews.values() if i.outreach_id == said_yes.id)
    assert (interview.when, interview.minutes) == (kenji.when, 20)
    name = repo.campaign.people[kenji.person_id].name
    assert any(n.severity == "warning" and f"overlaps your interview with {name}" in n.message for n in notices)


def test_interviews_overlap_by_their_lengths() -> None:
    from infoint_tui.domain.models import Campaign, Person

    campaign = Campaign(people={1: Person("Ana Silva", id=1), 2: Person("Bo Li", id=2)})
    ana = Interview(1, CALL_AT, minutes=30, id=1)
    campaign.interviews = {1: ana}
    assert clashes(campaign, Interview(2, datetime(2026, 11, 26, 14, 59), id=2)) == [ana]
    assert clashes(campaign, Interview(2, datetime(2026, 11, 26, 15, 0), id=2)) == []
    assert clash_warning(campaign, Interview(2, datetime(2026, 11, 26, 14, 10), id=2)) == (
        "It overlaps your interview with Ana Silva at 14:30."
    )


# 2. the header --------------------------------------------------------------------------------


async def test_the_header_shows_the_number_the_introducer_and_the_objective_whole_at_80x24(make_app, repo) -> None:
    interview = todays(repo)
    person = repo.campaign.people[interview.person_id]
    introducer = next(p for p in repo.campaign.people.values() if p.id != person.id)
    repo.save(replace(person, phone="+44 20 7946 0123", introducer_id=introducer.id))
    repo.save(replace(interview, mode=Mode.PHONE, where=""))
    objective = repo.campaign.objectives[interview.objective_id]
    async with live(make_app, repo) as (app, pilot, screen):
        await pilot.press("o", "k")
        await until(pilot, lambda: shown(screen, "#live-status").startswith("saved"))
        lines = screen_text(app).splitlines()
        reach = next(line for line in lines if "by phone" in line)
        assert f"on +44 20 7946 0123 · introduced by {introducer.name}" in reach
        assert any(f"Learning: {objective.text} ({objective.kind.value})" in line for line in lines)
        assert "saved" not in reach and not any("Learning" in line and "saved" in line for line in lines)
        assert any(line.rstrip().endswith(shown(screen, "#live-status")) and "Notes" in line for line in lines)


# 3. what is captured ----------------------------------------------------------------------------


async def test_captured_items_are_listed_changed_and_counted_after_a_restart(make_app, repo) -> None:
    interview = todays(repo)
    async with live(make_app, repo) as (app, pilot, screen):
        await pilot.press("ctrl+t")
        await fill(pilot, "send my portfolio")
        await pilot.press("ctrl+f")
        await fill(pilot, "Who runs the guild?")
        await pilot.press("ctrl+r")
        await fill(pilot, "Bo Li")
        assert shown(screen, "#live-captured-title") == "Captured (3) · f12 edits"
        listed = drawn(app, "#live-captured")
        assert "send my portfolio" in listed and "Who runs the guild?" in listed and "Bo Li" in listed
        await pilot.press("f12")
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("1")  # the to-do
        await until(pilot, lambda: isinstance(app.screen, FormScreen))
        await pilot.press("end", "space", "s", "o", "o", "n", "ctrl+s")
        await until(pilot, lambda: app.screen is screen)
        await pilot.press("f12", "3")  # the referral: the name was misheard
        await until(pilot, lambda: isinstance(app.screen, FormScreen))
        app.screen.form.row("name").control.value = "Bo Lin"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: app.screen is screen)
    assert [item.text for item in repo.campaign.interviews[interview.id].action_items] == ["send my portfolio soon"]
    repo = reopened(repo)
    try:
        async with live(make_app, repo) as (app, pilot, screen):
            assert shown(screen, "#live-captured-title") == "Captured (3) · f12 edits"
            assert "Bo Lin" in drawn(app, "#live-captured")
            await pilot.press("f12", "2")  # the follow-up question, emptied: it goes
            await until(pilot, lambda: isinstance(app.screen, FormScreen))
            app.screen.form.row("text").control.value = ""
            await pilot.press("ctrl+s")
            await until(pilot, lambda: app.screen is screen)
            assert shown(screen, "#live-captured-title") == "Captured (2) · f12 edits"
            assert all(q.text != "Who runs the guild?" for q in repo.campaign.interviews[interview.id].questions)
    finally:
        repo.close()


# 4. the question to go on with ----------------------------------------------------------------------


def test_the_next_question_is_the_first_not_asked() -> None:
    asked = [PreparedQuestion("a", asked=True), PreparedQuestion("b"), PreparedQuestion("c", asked=True)]
    assert next_question(asked) == 1
    assert next_question([PreparedQuestion("a", asked=True)]) == 0
    assert next_question([]) == 0


async def test_after_a_restart_the_current_question_is_the_next_not_asked(make_app, repo) -> None:
    interview = todays(repo)
    questions = [replace(q, asked=n < 2) for n, q in enumerate(interview.questions)]
    repo.save(replace(interview, questions=questions))
    async with live(make_app, repo) as (app, pilot, screen):
        assert screen.current == 2 and screen.checklist.highlighted == 2
        await pilot.press("ctrl+l")
        assert questions[2].text in screen.notes.text


# 5. a to-do's due day -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "due"),
    [
        ("send my CV by Friday", date(2026, 11, 27)),
        ("call back on Thursday", date(2026, 12, 3)),  # said on a Thursday: next week's
        ("by Fri", date(2026, 11, 27)),
        ("read the report next week", date(2026, 12, 4)),
        ("next Tuesday", date(2026, 12, 1)),
        ("by 12 Dec", date(2026, 12, 12)),
        ("before March 3rd", date(2027, 3, 3)),
        ("in two weeks", date(2026, 12, 10)),
        ("tomorrow", date(2026, 11, 27)),
        ("by the end of the month", date(2026, 11, 30)),
        ("2027-01-05", date(2027, 1, 5)),
        ("by 31 June", None),
        ("sat down with the team", None),
        ("send the portfolio", None),
    ],
)
def test_due_days_come_from_the_words_said_on_the_call_day(words: str, due: date | None) -> None:
    assert due_from_words(words, TODAY) == due


async def test_a_to_do_is_due_on_the_day_its_words_or_its_due_field_name(make_app, repo) -> None:
    interview = todays(repo)
    async with live(make_app, repo) as (app, pilot, screen):
        await pilot.press("ctrl+t")
        await fill(pilot, "send the CV by Friday")
        await pilot.press("ctrl+t")
        await fill(pilot, "read the report", "12 Dec")
        await pilot.press("ctrl+t")
        await fill(pilot, "call Bo", "someday")
        assert isinstance(app.screen, FormScreen)  # one sentence beside the field; nothing added
        assert "Write a day like" in str(app.screen.form.row("due").query_one(".form-message").render())
        await pilot.press("escape", "y")
        await until(pilot, lambda: app.screen is screen)
        assert "(due Fri 27 Nov)" in drawn(app, "#live-captured").replace("\n", " ")
    items = repo.campaign.interviews[interview.id].action_items
    assert [(item.text, item.due) for item in items] == [
        ("send the CV by Friday", date(2026, 11, 27)),
        ("read the report", date(2026, 12, 12)),
    ]


# 6. two interviews at one time --------------------------------------------------------------------------


def _two_at_once(repo) -> tuple[int, int]:
    first = todays(repo)
    second = next(i for i in repo.campaign.interviews.values() if not i.held and i.id != first.id)
    repo.save(replace(second, when=first.when))
    return first.id, second.id


def test_cli_interview_with_two_at_one_time_asks_which(demo_file, monkeypatch) -> None:
    from infoint_tui.tui import app as app_module

    repo = Repository.open(demo_file)
    first, second = _two_at_once(repo)
    repo.close()
    started = {}
    monkeypatch.setattr(app_module.InfointApp, "run", lambda self: started.update(start=self.start))
    assert main(["interview", "--db", str(demo_file)]) == 0
    assert started["start"] == ("interviews", f"choose_live({first}, {second})")


async def test_the_choice_of_two_interviews_at_one_time_is_one_key(make_app, repo) -> None:
    first, second = _two_at_once(repo)
    app = make_app(start=("interviews", "start_today"))  # as the palette's "Start today's interview" does
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, ChoiceScreen))
        assert repo.campaign.people[repo.campaign.interviews[second].person_id].name in screen_text(app)
        await pilot.press("2")
        await until(pilot, lambda: isinstance(app.screen, LiveInterviewScreen))
        assert app.screen.interview_id == second


# 7. nothing prepared ----------------------------------------------------------------------------------------


async def test_with_no_question_prepared_the_bank_is_offered_in_the_call(make_app, repo) -> None:
    interview = todays(repo)
    repo.save(replace(interview, questions=[]))
    async with live(make_app, repo) as (app, pilot, screen):
        assert screen.bank and screen.checklist.option_count == len(screen.bank)
        assert shown(screen, "#live-questions-title") == "None chosen · ^o picks +"
        first, second = screen.bank[0], screen.bank[1]
        await pilot.press("ctrl+o")  # picked for this call, not asked yet
        await pilot.press("ctrl+n", "ctrl+l")  # the next of the bank: picked and asked
        assert first not in screen.bank and second not in screen.bank
        assert f"{second}" in screen.notes.text
        assert shown(screen, "#live-questions-title") == "1/2 asked · ^o picks +"
    chosen = repo.campaign.interviews[interview.id].questions
    assert [(q.text, q.asked) for q in chosen] == [(first, False), (second, True)]


# a crash in the middle of a call ------------------------------------------------------------------------------


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_after_kill_9_mid_call_the_clock_and_the_current_question_come_back(tmp_path: Path) -> None:
    from infoint_tui.demo import write_demo

    db = tmp_path / "campaign.json"
    write_demo(db, 60, TODAY)
    repo = Repository.open(db, read_only=True)
    interview = todays(repo)
    questions = [q.text for q in interview.questions]

    def start(at: str) -> Terminal:
        env = {"INFOINT_TODAY": at, "TERM": "xterm-256color", "TEXTUAL_ANIMATIONS": "none", "HOME": str(tmp_path)}
        command = [sys.executable, "-m", "infoint_tui", "interview", "--db", str(db)]
        terminal = Terminal(f"infoint-test-{os.getpid()}-{time.monotonic_ns()}", command, env)
        terminal.wait_for_text("Question")
        return terminal

    def stored() -> dict:
        return orjson.loads(db.read_bytes())["interviews"][str(interview.id)]

    terminal = start("2026-11-26T14:30")
    try:
        terminal.wait_for_text("30 min · not started")
        # The footer as the terminal shows it at 80x24: every key, each with its word.
        terminal.wait_for_text("^n^g Move ^l Ask ^o Tick ^t To-do ^f Follow ^r Refer f9 End f10 Edit f6 Back")
        terminal.press("C-l")  # the first question, asked: the call is under way
        wait_for(lambda: stored()["started"] == "2026-11-26T14:30", "the key to start the clock")
        terminal.type("slow procurement")
        wait_for(lambda: "slow procurement" in stored()["notes"], "the notes in the file")
        assert stored()["started"] == "2026-11-26T14:30"
        os.kill(terminal.pid, signal.SIGKILL)
        wait_for(lambda: not terminal.alive(), "the program to die")
    finally:
        terminal.close()
    terminal = start("2026-11-26T14:42")
    try:
        terminal.wait_for_text("12 of 30 min")
        terminal.press("C-l")  # goes on with the second question
        wait_for(lambda: questions[1] in stored()["notes"], "the second question in the notes")
        assert [q["asked"] for q in stored()["questions"][:2]] == [True, True]
    finally:
        terminal.close()


def test_deleting_a_referral_takes_them_off_the_call_that_suggested_them() -> None:
    from infoint_tui.domain.models import Campaign, Person
    from infoint_tui.domain.removal import removal_plan

    bo = Person("Bo Li", id=2)
    call = Interview(1, CALL_AT, referrals=[2, 3], id=1)
    campaign = Campaign(people={1: Person("Ana Silva", id=1), 2: bo, 3: Person("Cy Do", id=3)}, interviews={1: call})
    assert [i.referrals for i in removal_plan(campaign, bo).changed if isinstance(i, Interview)] == [[3]]


def test_words_naming_a_day_beyond_the_calendar_name_none() -> None:
    assert due_from_words("send it in 9999999 days", date(2026, 11, 26)) is None


async def test_undoing_the_booking_closes_its_open_live_view(make_app, repo) -> None:
    person = next(p for p in repo.campaign.people.values() if not p.archived)
    booked = Interview(person.id, datetime(2026, 11, 26, 16, 0), mode=Mode.PHONE)
    with repo.undoable("Booked an interview"):
        repo.add(booked)
    app = make_app(repo, start=("interviews", f"live({booked.id})"))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, LiveInterviewScreen), "the live view")
        app.action_undo()
        await until(pilot, lambda: not isinstance(app.screen, LiveInterviewScreen), "the live view closed")
        assert booked.id not in repo.campaign.interviews and app.is_running


async def test_the_footer_reads_key_then_word_with_every_key_whole_at_80x24(make_app, repo) -> None:
    async with live(make_app, repo) as (app, pilot, screen):
        await pilot.pause()
        footer = app.screen._compositor.render_strips()[-1].text.rstrip()  # as the terminal gets it
        assert footer.split() == [
            *["^n^g", "Move", "^l", "Ask", "^o", "Tick", "^t", "To-do", "^f", "Follow"],
            *["^r", "Refer", "f9", "End", "f10", "Edit", "f6", "Back"],
        ]
        assert len(footer) <= 80
        await pilot.press("ctrl+q")  # the app's keys still work, out of the footer
        await until(pilot, lambda: not app.is_running)

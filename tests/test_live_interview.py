"""The live interview view: every key, the autosave, and what ending an interview sets off."""

from __future__ import annotations

import contextlib
import re
import time
from datetime import timedelta

import orjson
import pytest
from textual.widgets import TextArea

from infoint_tui.domain.models import Degree, Interview, Route, Verdict
from infoint_tui.domain.policy import DueKind, due_items
from infoint_tui.domain.templates import context_for
from infoint_tui.store.errors import SaveError
from infoint_tui.tui.screens.live import LiveInterviewScreen
from infoint_tui.tui.widgets.form import FormScreen
from tests.conftest import TODAY
from tests.support import until

HEADING = re.compile(r"^## \d\d:\d\d (.+)$", re.MULTILINE)


def todays(repo):
    return next(
        i
        for i in sorted(repo.campaign.interviews.values(), key=lambda i: i.when)
        if i.when.date() == TODAY and not i.held
    )


def stored(repo, interview: Interview) -> Interview:
    """The interview as the campaign holds it now: each change stores a new copy."""
    return repo.campaign.interviews[interview.id]


def on_disk(repo, interview_id: int) -> dict:
    return orjson.loads(repo.path.read_bytes())["interviews"][str(interview_id)]


@contextlib.asynccontextmanager
async def live(make_app, repo, size=(80, 24)):
    app = make_app(start=("interviews", "start_today"))
    async with app.run_test(size=size) as pilot:
        await until(pilot, lambda: isinstance(app.screen, LiveInterviewScreen))
        await pilot.pause()
        yield app, pilot, app.screen


async def type_text(pilot, text: str) -> None:
    await pilot.press(*("space" if ch == " " else ch for ch in text))


async def test_opens_with_the_focus_in_the_notes_and_a_header(make_app, repo) -> None:
    interview = todays(repo)
    person = repo.campaign.people[interview.person_id]
    async with live(make_app, repo) as (app, pilot, screen):
        assert screen.interview_id == interview.id
        assert isinstance(app.focused, TextArea) and app.focused.id == "live-notes"
        head = str(screen.query_one("#live-who").render())
        assert person.name in head and repo.campaign.company_of(person).name in head
        assert f"{interview.when:%H:%M}" in str(screen.query_one("#live-reach").render())
        objective = repo.campaign.objectives[interview.objective_id]
        assert objective.text in str(screen.query_one("#live-objective").render())
        assert str(screen.query_one("#live-clock").render()) == "30 min · not started"


async def test_typing_is_saved_to_the_file_within_a_second_of_a_pause(make_app, repo) -> None:
    interview = todays(repo)
    async with live(make_app, repo) as (app, pilot, screen):
        await type_text(pilot, "budget cuts")
        typed = time.monotonic()
        await until(pilot, lambda: "budget cuts" in on_disk(repo, interview.id)["notes"], seconds=3)
        assert time.monotonic() - typed < 1.5
        await until(pilot, lambda: str(screen.query_one("#live-status").render()).startswith("saved"))


async def test_continuous_typing_is_stored_without_waiting_for_a_pause(make_app, repo) -> None:
    interview = todays(repo)
    async with live(make_app, repo) as (app, pilot, screen):
        await pilot.press("x")
        deadline = time.monotonic() + 2  # SAVE_SECONDS is far shorter; a pause rule would never save
        while "x" not in stored(repo, interview).notes:  # keep typing: never a pause
            assert time.monotonic() < deadline, "typing went on for 2 s without a save"
            await pilot.press("y")
            await pilot.pause()  # a typist's pace: the app goes idle between keys


async def test_next_and_previous_question(make_app, repo) -> None:
    async with live(make_app, repo) as (app, pilot, screen):
        checklist = screen.checklist
        assert checklist.highlighted == 0
        await pilot.press("ctrl+n", "ctrl+n")
        assert checklist.highlighted == 2 and screen.current == 2
        await pilot.press("ctrl+g")
        assert checklist.highlighted == 1
        await pilot.press("ctrl+down")
        assert checklist.highlighted == 2
        await pilot.press("ctrl+up", "ctrl+up", "ctrl+up")
        assert checklist.highlighted == 0  # stops at the first
        assert app.focused is screen.notes


async def test_ask_puts_the_question_into_the_notes_ticks_it_and_moves_on(make_app, repo) -> None:
    interview = todays(repo)
    first = interview.questions[0].text
    async with live(make_app, repo) as (app, pilot, screen):
        await type_text(pilot, "hello")
        await pilot.press("ctrl+l")
        await type_text(pilot, "answer")
        text = screen.notes.text
        assert HEADING.search(text).group(1) == first
        assert text.startswith("hello\n\n## ")
        assert text.endswith("?\nanswer")
        assert stored(repo, interview).questions[0].asked
        assert screen.current == 1
        assert "1 of" in str(screen.query_one("#live-questions-title").render())


async def test_tick_marks_the_current_question_asked_and_back(make_app, repo) -> None:
    interview = todays(repo)
    async with live(make_app, repo) as (app, pilot, screen):
        await pilot.press("ctrl+n", "ctrl+o")
        assert stored(repo, interview).questions[1].asked
        await pilot.press("ctrl+o")
        assert not stored(repo, interview).questions[1].asked
        assert screen.notes.text == stored(repo, interview).notes  # the notes were not touched


async def fill(pilot, *values: str) -> None:
    """Type into the fields of the open form, one after another, then save."""
    for index, value in enumerate(values):
        if index:
            await pilot.press("tab")
        await type_text(pilot, value)
    await pilot.press("ctrl+s")
    await pilot.pause()


async def test_an_action_item_falls_due_and_fills_the_thank_you(make_app, repo) -> None:
    interview = todays(repo)
    async with live(make_app, repo) as (app, pilot, screen):
        await pilot.press("ctrl+t")
        assert isinstance(app.screen, FormScreen)
        await fill(pilot, "send my portfolio")
        assert app.screen is screen and app.focused is screen.notes
        assert [item.text for item in stored(repo, interview).action_items] == ["send my portfolio"]
        assert "Captured (1)" in str(screen.query_one("#live-captured-title").render())
    interview = stored(repo, interview)
    interview.held = True  # as if ended: only the policy reads it, nothing is saved
    actions = [
        i.detail for i in due_items(repo.campaign, TODAY) if i.kind == DueKind.ACTION and i.interview_id == interview.id
    ]
    assert actions == ["send my portfolio"]
    values = context_for(repo.campaign, repo.campaign.people[interview.person_id], interview=interview)
    assert "- send my portfolio (in progress)" in values["action_items"]


async def test_a_follow_up_question_goes_right_after_the_current_one(make_app, repo) -> None:
    interview = todays(repo)
    count = len(interview.questions)
    async with live(make_app, repo) as (app, pilot, screen):
        await pilot.press("ctrl+n", "ctrl+f")
        await fill(pilot, "Who runs the research guild?")
        assert len(stored(repo, interview).questions) == count + 1
        assert stored(repo, interview).questions[2].text == "Who runs the research guild?"
        assert screen.current == 1
        await pilot.press("ctrl+n")
        assert screen.current == 2


async def test_a_referral_becomes_a_second_degree_target_introduced_by_the_interviewee(make_app, repo) -> None:
    interview = todays(repo)
    interviewee = repo.campaign.people[interview.person_id]
    interviewee.degree = Degree.COLD  # met today: only now do we know them
    repo.save(interviewee)
    async with live(make_app, repo) as (app, pilot, screen):
        await pilot.press("ctrl+r")
        await fill(pilot, "Bo Li", "Tyrell", "bo@example.com", "+44 20 7946 0000")
        assert app.screen is screen
        assert "Captured (1)" in str(screen.query_one("#live-captured-title").render())
    bo = next(p for p in repo.campaign.people.values() if p.name == "Bo Li")
    assert bo.degree == Degree.SECOND and bo.introducer_id == interviewee.id
    assert repo.campaign.company_of(bo).name == "Tyrell"
    assert (bo.email, bo.phone) == ("bo@example.com", "+44 20 7946 0000")
    assert repo.campaign.people[interviewee.id].degree == Degree.FIRST
    assert Route.for_person(bo) == Route.INTRO
    outreach = next(o for o in repo.campaign.outreach.values() if o.person_id == bo.id)
    assert (outreach.route, outreach.objective_id) == (Route.INTRO, interview.objective_id)
    # The ask for the introduction waits for the thank-you (tests/test_after_call.py).
    assert [i for i in due_items(repo.campaign, TODAY) if i.outreach_id == outreach.id] == []


async def test_a_referral_with_a_bad_email_is_not_added(make_app, repo) -> None:
    people = len(repo.campaign.people)
    async with live(make_app, repo) as (app, pilot, screen):
        await pilot.press("ctrl+r")
        await fill(pilot, "Bo Li", "", "not-an-email")
        assert isinstance(app.screen, FormScreen)
        assert "e-mail" in str(app.screen.form.row("email").query_one(".form-message").render())
        await pilot.press("escape", "y")  # y: discard what was typed
        await pilot.pause()
        assert app.screen is screen
    assert len(repo.campaign.people) == people


async def test_the_editor_edits_the_notes(make_app, repo, tmp_path, monkeypatch) -> None:
    editor = tmp_path / "editor.sh"
    editor.write_text('#!/bin/sh\nprintf "\\nwritten in the editor\\n" >> "$1"\n')
    editor.chmod(0o700)
    monkeypatch.setenv("VISUAL", str(editor))
    interview = todays(repo)
    async with live(make_app, repo) as (app, pilot, screen):
        monkeypatch.setattr(app, "suspend", contextlib.nullcontext)  # no terminal to hand over in tests
        await type_text(pilot, "before")
        await pilot.press("f10")
        await pilot.pause()
        assert screen.notes.text == "before\nwritten in the editor\n"
        assert screen.notes.cursor_location == screen.notes.document.end
        assert stored(repo, interview).notes == screen.notes.text
        assert app.focused is screen.notes


async def test_a_missing_editor_is_named(make_app, repo, monkeypatch, notices) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", "no-such-editor-here")
    async with live(make_app, repo) as (app, pilot, screen):
        await pilot.press("f10")
        await pilot.pause()
        assert any("'no-such-editor-here'" in n.message and "not found" in n.message for n in notices)
        assert app.screen is screen


async def test_end_interview_marks_it_held_and_the_thank_yous_fall_due_within_48_hours(make_app, repo, notices) -> None:
    interview = todays(repo)
    interviewee = repo.campaign.people[interview.person_id]
    introducer = next(p for p in repo.campaign.people.values() if p.id != interviewee.id)
    interviewee.introducer_id, interviewee.degree = introducer.id, Degree.SECOND
    repo.save(interviewee)
    async with live(make_app, repo) as (app, pilot, screen):
        await type_text(pilot, "notes")
        await pilot.press("f9")
        assert isinstance(app.screen, FormScreen)
        await type_text(pilot, "closer to product than I thought")
        await pilot.press("tab", "enter", "down", "down", "enter", "tab")  # the drop-down: "challenged"
        await type_text(pilot, "the research guild")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: not isinstance(app.screen, (FormScreen, LiveInterviewScreen)))
        assert any("Thank" in n.message and introducer.name in n.message for n in notices)
    interview = repo.campaign.interviews[interview.id]  # ending it stored a changed copy
    assert interview.held and interview.notes == "notes"
    assert interview.takeaways == "closer to product than I thought"
    assert interview.discussed == "the research guild"
    assert interview.verdict == Verdict.CHALLENGED
    assert on_disk(repo, interview.id)["held"] is True  # written before the view closed
    thanks = {i.kind: i for i in due_items(repo.campaign, TODAY) if i.interview_id == interview.id}
    assert thanks[DueKind.THANK].person_id == interviewee.id
    assert thanks[DueKind.THANK_INTRODUCER].person_id == introducer.id
    for item in thanks.values():
        assert item.deadline == interview.when + timedelta(hours=48)


async def test_f6_leaves_with_the_notes_written_to_the_file(make_app, repo) -> None:
    interview = todays(repo)
    async with live(make_app, repo) as (app, pilot, screen):
        await type_text(pilot, "last words")
        await pilot.press("f6")
        await until(pilot, lambda: not isinstance(app.screen, LiveInterviewScreen))
        assert on_disk(repo, interview.id)["notes"].endswith("last words")  # written before leaving


async def test_leaving_while_a_write_is_under_way_does_not_hang(make_app, repo, monkeypatch) -> None:
    """The writer thread reports each write to the app on its loop: leaving must not block that loop."""
    import faulthandler
    import threading

    from infoint_tui.store import storage

    interview = todays(repo)
    real_write = storage.write_atomically
    writing = threading.Event()

    def slow_disk(path, payload):
        writing.set()
        time.sleep(0.3)  # a slow disk, in the writer thread: not a wait for the UI
        real_write(path, payload)

    faulthandler.dump_traceback_later(60, exit=True)  # a deadlock would stop the whole run, not pass
    try:
        async with live(make_app, repo) as (app, pilot, screen):
            monkeypatch.setattr(storage, "write_atomically", slow_disk)
            await type_text(pilot, "first")
            await until(pilot, writing.is_set)  # the autosave's write has begun
            await type_text(pilot, " second")
            await pilot.press("f6")
            await until(pilot, lambda: not isinstance(app.screen, LiveInterviewScreen))
            assert on_disk(repo, interview.id)["notes"].endswith("first second")
    finally:
        faulthandler.cancel_dump_traceback_later()


async def test_ctrl_s_writes_at_once(make_app, repo) -> None:
    interview = todays(repo)
    async with live(make_app, repo) as (app, pilot, screen):
        await type_text(pilot, "now")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert on_disk(repo, interview.id)["notes"].endswith("now")


async def test_save_everything_takes_the_words_typed_a_moment_ago(make_app, repo) -> None:
    interview = todays(repo)
    async with live(make_app, repo) as (app, pilot, screen):
        await type_text(pilot, "just typed")
        app.save_everything()  # what quit, SIGHUP and SIGTERM do
        assert on_disk(repo, interview.id)["notes"].endswith("just typed")


async def test_a_failed_save_says_not_saved_keeps_the_text_and_retries_by_itself(make_app, repo, monkeypatch) -> None:
    from infoint_tui.store import storage

    interview = todays(repo)
    real_write = storage.write_atomically

    def full_disk(path, payload):
        raise SaveError(f"not saved: the disk holding {path.parent} is full")

    monkeypatch.setattr(storage, "RETRY_SECONDS", 0.2)
    async with live(make_app, repo) as (app, pilot, screen):
        monkeypatch.setattr(storage, "write_atomically", full_disk)
        await type_text(pilot, "precious")
        status = screen.query_one("#live-status")
        await until(pilot, lambda: str(status.render()).startswith("NOT SAVED"))
        assert "is full" in str(status.render()) and status.has_class("-problem")
        assert screen.notes.text.endswith("precious")
        await pilot.press("f6")  # leaving would hide the words: refused while not saved
        assert app.screen is screen
        monkeypatch.setattr(storage, "write_atomically", real_write)
        await until(pilot, lambda: on_disk(repo, interview.id)["notes"].endswith("precious"))
        await until(pilot, lambda: str(status.render()).startswith("saved"))


async def test_read_only_files_do_not_open_the_live_view(make_app, repo, notices) -> None:
    from infoint_tui.store.repository import Repository

    reader, reason = Repository.open_or_read_only(repo.path)
    app = make_app(reader, read_only_reason=reason, start=("interviews", "start_today"))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: any("nothing can be changed here" in n.message for n in notices))
        assert not isinstance(app.screen, LiveInterviewScreen)


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (40, 12)])
async def test_every_key_is_in_the_footer_at_80_columns_and_nothing_breaks_small(make_app, repo, size) -> None:
    async with live(make_app, repo, size=size) as (app, pilot, screen):
        shown = {b.binding.key for b in screen.active_bindings.values() if b.binding.show}
        assert {"ctrl+n", "ctrl+g", "ctrl+l", "ctrl+o", "ctrl+t", "ctrl+f", "ctrl+r", "f9", "f10"} <= shown
        assert app.is_running

"""The Interviews screen, Prepare, and `infoint interview`: every key, the palette, the CLI."""

from __future__ import annotations

from datetime import datetime

import pytest
from textual.widgets import OptionList

from infoint_tui.cli import main
from infoint_tui.domain.models import Interview, PreparedQuestion
from infoint_tui.domain.policy import DueKind, due_items
from infoint_tui.tui.screens.interviews import InterviewsScreen
from infoint_tui.tui.screens.live import LiveInterviewScreen
from infoint_tui.tui.screens.prepare import PrepareScreen
from infoint_tui.tui.widgets.form import FormScreen
from infoint_tui.usecases.interviewing import NoInterview, find_interview, question_bank
from tests.conftest import TODAY, screen_text
from tests.support import until


async def open_interviews(app, pilot):
    await pilot.press("f6")
    await pilot.pause()
    assert isinstance(app.screen, InterviewsScreen)
    return app.screen


def listed(screen: InterviewsScreen) -> list[str]:
    options = screen.query_one("#interviews-list", OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def type_text(pilot, text: str) -> None:
    await pilot.press(*("space" if ch == " " else ch for ch in text))


async def highlight(pilot, screen: InterviewsScreen, interview: Interview) -> None:
    options = screen.query_one("#interviews-list", OptionList)
    options.highlighted = options.get_option_index(str(interview.id))
    await pilot.pause()


def upcoming(repo) -> Interview:
    return min(
        (i for i in repo.campaign.interviews.values() if not i.held and i.when.date() > TODAY), key=lambda i: i.when
    )


async def test_lists_today_first_then_upcoming_then_held(make_app, repo) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_interviews(app, pilot)
        headings = [
            line.split(" (")[0]
            for line in listed(screen)
            if " (" in line
            and line[0].isalpha()
            and line.split(" (")[0] in {"Today", "Not marked held yet", "Upcoming", "Held"}
        ]
        assert headings == ["Today", "Upcoming", "Held"]
        options = screen.query_one("#interviews-list", OptionList)
        first = repo.campaign.interviews[int(options.get_option_at_index(options.highlighted).id)]
        assert first.when.date() == TODAY and not first.held
        assert repo.campaign.people[first.person_id].name in screen_text(app)


async def test_enter_opens_the_live_view(make_app, repo) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_interviews(app, pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, LiveInterviewScreen)
        await pilot.press("f6")
        assert isinstance(app.screen, InterviewsScreen)


async def test_prepare_chooses_orders_removes_and_writes_questions(make_app, repo) -> None:
    interview = upcoming(repo)

    def stored() -> Interview:  # each change stores a new copy of the interview
        return repo.campaign.interviews[interview.id]

    wanted = repo.campaign.settings.prep_min_questions
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_interviews(app, pilot)
        await highlight(pilot, screen, interview)
        await pilot.press("p")
        await pilot.pause()
        prepare = app.screen
        assert isinstance(prepare, PrepareScreen)
        count = prepare.query_one("#prepare-count")
        start = len(interview.questions)
        assert str(count.render()) == f"{start} chosen ({wanted} suggested)"
        objective = repo.campaign.objectives[interview.objective_id]
        assert {q.kind for q in prepare.bank} <= {objective.kind.value, "general"}

        bank = prepare.query_one("#prepare-bank", OptionList)
        bank.focus()
        offered = prepare.bank[0].text
        await pilot.press("enter")
        assert stored().questions[-1].text == offered
        assert str(count.render()) == f"{start + 1} chosen ({wanted} suggested)"
        assert offered not in [q.text for q in prepare.bank]

        chosen = prepare.query_one("#prepare-chosen", OptionList)
        await pilot.press("shift+tab")
        assert app.focused is chosen
        chosen.highlighted = len(stored().questions) - 1
        await pilot.press("u")
        assert stored().questions[-2].text == offered and chosen.highlighted == len(stored().questions) - 2
        await pilot.press("d")
        assert stored().questions[-1].text == offered
        await pilot.press("x")
        assert offered not in [q.text for q in stored().questions]
        assert offered in [q.text for q in prepare.bank]

        await pilot.press("n")
        assert isinstance(app.screen, FormScreen)
        await type_text(pilot, "What would you cut from your week?")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert stored().questions[-1].text == "What would you cut from your week?"
        assert any(q.text == "What would you cut from your week?" for q in repo.campaign.questions.values())
        await pilot.press("escape")
        assert app.screen is screen
    reopened = repo.campaign.interviews[interview.id]
    assert len(reopened.questions) == start + 1


async def test_the_bank_offers_the_objectives_kind_and_general_questions(repo) -> None:
    interview = upcoming(repo)
    kind = repo.campaign.objectives[interview.objective_id].kind.value
    bank = question_bank(repo.campaign, interview)
    assert bank and {q.kind for q in bank} == {kind, "general"}
    assert [q.kind for q in bank] == sorted((q.kind for q in bank), key=lambda k: k == "general")
    interview.questions = [PreparedQuestion(bank[0].text)]
    assert bank[0].text not in [q.text for q in question_bank(repo.campaign, interview)]


async def test_reschedule_checks_the_day_and_time_then_moves_it(make_app, repo) -> None:
    interview = upcoming(repo)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_interviews(app, pilot)
        await highlight(pilot, screen, interview)
        await pilot.press("r")
        form = app.screen
        assert isinstance(form, FormScreen)
        await pilot.press("ctrl+u")
        await type_text(pilot, "2026-02-30")
        await pilot.press("tab", "ctrl+u")
        await type_text(pilot, "25:00")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert "does not exist" in str(form.form.row("day").query_one(".form-message").render())
        assert "HH:MM" in str(form.form.row("time").query_one(".form-message").render())
        form.form.row("day").control.value = "2026-12-03"
        form.form.row("time").control.value = "9:15"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
    assert repo.campaign.interviews[interview.id].when == datetime(2026, 12, 3, 9, 15)


async def test_end_from_the_list(make_app, repo) -> None:
    interview = next(i for i in repo.campaign.interviews.values() if not i.held and i.when.date() == TODAY)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_interviews(app, pilot)
        await highlight(pilot, screen, interview)
        await pilot.press("e")
        await type_text(pilot, "learned a lot")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        assert "Held" in "".join(listed(screen))
    held = repo.campaign.interviews[interview.id]
    assert held.held and held.takeaways == "learned a lot"
    assert DueKind.THANK in {i.kind for i in due_items(repo.campaign, TODAY) if i.interview_id == interview.id}


async def test_m_exports_the_interview_as_markdown_and_says_where(make_app, repo, tmp_path, notices) -> None:
    interview = next(i for i in repo.campaign.interviews.values() if i.held)
    folder = tmp_path / "out" / "notes"
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_interviews(app, pilot)
        await highlight(pilot, screen, interview)
        await pilot.press("m")
        form = app.screen
        assert isinstance(form, FormScreen)
        form.form.row("folder").control.value = str(folder)
        await pilot.press("ctrl+s")
        await pilot.pause()
        files = list(folder.glob("*.md"))
        assert len(files) == 1 and interview.notes.splitlines()[0] in files[0].read_text()
        assert any(str(files[0]) in n.message for n in notices)


async def test_palette_entries(make_app, repo, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert {"Start today's interview", "Prepare an interview", "Export interviews as Markdown"} <= titles

        await app.open_on("interviews", "start_today")
        await pilot.pause()
        assert isinstance(app.screen, LiveInterviewScreen)
        assert app.screen.interview.when.date() == TODAY
        await pilot.press("f6")

        await app.open_on("interviews", "prepare_next")
        await pilot.pause()
        assert isinstance(app.screen, PrepareScreen)
        unready = app.screen.interview
        assert len(unready.questions) < repo.campaign.settings.prep_min_questions and not unready.held
        await pilot.press("escape")

        await app.open_on("interviews", "export_all")
        await pilot.pause()
        await pilot.press("ctrl+s")  # the folder offered: beside the data file, not the current one
        await pilot.pause()
        assert len(list((repo.path.parent / "interviews").glob("*.md"))) == len(repo.campaign.interviews)
        assert not list(tmp_path.glob("*.md"))


async def test_start_today_says_so_when_nothing_is_booked(make_app, empty_repo, notices) -> None:
    app = make_app(empty_repo, start=("interviews", "start_today"))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: any("No interview is booked for today" in n.message for n in notices))
        assert isinstance(app.screen, InterviewsScreen)


# --- `infoint interview [NAME]` -----------------------------------------------------------------


def test_find_interview_today_or_by_a_loose_name(repo) -> None:
    campaign = repo.campaign
    today = find_interview(campaign, TODAY)
    assert today.when.date() == TODAY and not today.held
    ahead = upcoming(repo)
    name = campaign.people[ahead.person_id].name
    assert find_interview(campaign, TODAY, name.lower()).id == ahead.id
    assert find_interview(campaign, TODAY, name.split()[1][:-1]).person_id == ahead.person_id  # a typo'd surname
    with pytest.raises(NoInterview, match="Nobody called 'Zzyzx Qwerty'"):
        find_interview(campaign, TODAY, "Zzyzx Qwerty")


def test_an_ambiguous_name_asks_for_more(repo) -> None:
    first = upcoming(repo)
    twin = Interview(next(p for p in repo.campaign.people if p != first.person_id), first.when, id=999)
    repo.campaign.interviews[999] = twin
    repo.campaign.people[twin.person_id].name = repo.campaign.people[first.person_id].name
    with pytest.raises(NoInterview, match="give more of the name"):
        find_interview(repo.campaign, TODAY, repo.campaign.people[first.person_id].name)


def test_cli_interview_with_nothing_today_says_so_and_exits_1(tmp_path, capsys) -> None:
    db = tmp_path / "empty.json"
    assert main(["interview", "--db", str(db)]) == 1
    err = capsys.readouterr().err
    assert "No interview is booked for today" in err and "infoint interview NAME" in err
    assert "textual" not in err.lower()


def test_cli_interview_with_an_unknown_name_exits_1(demo_file, capsys) -> None:
    assert main(["interview", "Zzyzx Qwerty", "--db", str(demo_file)]) == 1
    assert "Nobody called 'Zzyzx Qwerty' has an interview booked." in capsys.readouterr().err


def test_cli_interview_starts_the_app_on_the_live_view(demo_file, monkeypatch) -> None:
    from infoint_tui.tui import app as app_module

    started = {}

    def fake_run(self) -> None:
        started["start"] = self.start

    monkeypatch.setattr(app_module.InfointApp, "run", fake_run)
    assert main(["interview", "--db", str(demo_file)]) == 0
    mode, action = started["start"]
    assert mode == "interviews" and action.startswith("live(")


async def test_start_opens_the_named_live_view(make_app, repo) -> None:
    interview = upcoming(repo)
    app = make_app(start=("interviews", f"live({interview.id})"))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, LiveInterviewScreen))
        assert app.screen.interview_id == interview.id

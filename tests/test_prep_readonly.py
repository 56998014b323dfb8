"""Preparing questions, a read-only instance that says so before it asks, toasts that leave typing visible."""

from __future__ import annotations

import asyncio
from dataclasses import replace

import pytest
from textual.geometry import Region
from textual.widgets import OptionList
from textual.widgets._toast import Toast

from infoint_tui.domain.models import Interview, Objective, ObjectiveKind, PreparedQuestion, Question
from infoint_tui.store.repository import Repository
from infoint_tui.tui.screens import PLACES
from infoint_tui.tui.screens.live import LiveInterviewScreen
from infoint_tui.tui.screens.prepare import PrepareScreen, count_text, shortage
from infoint_tui.tui.toasts import Placement, choose
from infoint_tui.tui.widgets.choice import ChoiceScreen
from infoint_tui.tui.widgets.confirm import ConfirmScreen
from infoint_tui.tui.widgets.day_question import DayScreen
from infoint_tui.tui.widgets.form import FormScreen
from infoint_tui.tui.widgets.message import MessageScreen
from infoint_tui.tui.widgets.path_prompt import PathPrompt
from infoint_tui.tui.widgets.pick import PickScreen
from infoint_tui.tui.widgets.read_only_line import ReadOnlyLine
from infoint_tui.usecases.interviewing import kind_hint
from tests.conftest import TODAY
from tests.support import until

LONG = (
    "When you look back at your first year in this role, which of the habits you built then still "
    "shapes how you plan a week, and which would you drop?"
)

# Preparing --------------------------------------------------------------------------------


def test_counts_say_what_is_chosen_and_what_too_few_means() -> None:
    assert count_text(8, 5) == "8 chosen (5 suggested)"
    assert shortage(5, 5) is None and shortage(8, 5) is None
    assert shortage(2, 5) == "Choose 3 more: too few for a 20–30 minute call."


def _interview_about(repo: Repository, kind: ObjectiveKind, chosen: list[str]) -> Interview:
    objective = Objective(kind, "what the work is like")
    repo.add(objective)
    interview = next(i for i in repo.campaign.interviews.values() if not i.held and i.when.date() > TODAY)
    changed = replace(interview, objective_id=objective.id, questions=[PreparedQuestion(text) for text in chosen])
    repo.save(changed)
    return repo.campaign.interviews[interview.id]


def _bank_texts(repo: Repository, kind: str, n: int) -> list[str]:
    return [q.text for q in repo.campaign.questions.values() if q.kind == kind][:n]


def test_a_role_call_with_only_industry_questions_gets_a_hint(repo) -> None:
    industry = _bank_texts(repo, "industry", 2)
    interview = _interview_about(repo, ObjectiveKind.ROLE, industry)
    assert kind_hint(repo.campaign, interview) == "Only questions on the industry so far; this call is about the role."
    with_role = _interview_about(repo, ObjectiveKind.ROLE, industry + _bank_texts(repo, "role", 1))
    assert kind_hint(repo.campaign, with_role) is None
    with_general = _interview_about(repo, ObjectiveKind.ROLE, industry + _bank_texts(repo, "general", 1))
    assert kind_hint(repo.campaign, with_general) is None
    assert kind_hint(repo.campaign, _interview_about(repo, ObjectiveKind.ROLE, [])) is None


def _drawn(options: OptionList) -> list[str]:
    return [options.render_line(y).text.rstrip() for y in range(options.size.height)]


@pytest.mark.parametrize("width", [80, 60])
async def test_long_questions_wrap_under_their_text_and_too_few_stands_out(make_app, repo, width) -> None:
    repo.add(Question(LONG, "role"))
    interview = _interview_about(repo, ObjectiveKind.ROLE, [LONG, *_bank_texts(repo, "industry", 1)])
    app = make_app()
    async with app.run_test(size=(width, 24)) as pilot:
        app.push_screen(PrepareScreen(interview.id))
        await until(pilot, lambda: isinstance(app.screen, PrepareScreen))
        screen = app.screen
        assert str(screen.query_one("#prepare-count").render()) == "2 chosen (5 suggested)"
        assert screen.query_one("#prepare-count").has_class("-short")
        advice = str(screen.query_one("#prepare-advice").render())
        assert "Choose 3 more: too few for a 20–30 minute call." in advice
        lines = _drawn(screen.query_one("#prepare-chosen", OptionList))
        first = next(i for i, line in enumerate(lines) if "1. When you" in line)
        indent = lines[first].index("When")
        question = [lines[first]]
        for line in lines[first + 1 :]:
            if "2. " in line:
                break
            question.append(line)
        assert len(question) > 2  # wrapped, not cut
        assert all(line[:indent].strip() == "" and line[indent] != " " for line in question[1:])
        assert " ".join(line.strip() for line in question).removeprefix("1. ") == LONG
        # In the bank, the question wraps under its text too, not under its mark.
        repo.save(replace(repo.campaign.interviews[interview.id], questions=[]))
        screen._show()
        options = screen.query_one("#prepare-bank", OptionList)
        options.highlighted = options.get_option_index(str([q.text for q in screen.bank].index(LONG)))
        await pilot.pause()  # scrolled to it
        bank = _drawn(options)
        start = next(i for i, line in enumerate(bank) if "When you" in line)
        text_at = bank[start].index("When")
        assert bank[start + 1][:text_at].strip() == "" and bank[start + 1][text_at] != " "


# Read-only --------------------------------------------------------------------------------

#: Dialogs that ask something whose answer would have to be written to the file.
QUESTIONS = (ConfirmScreen, ChoiceScreen, DayScreen, PickScreen, PathPrompt)


def _wrong_for_read_only(screen) -> str | None:
    """Why opening this screen on a read-only file is wrong, or None when it is fine."""
    if isinstance(screen, QUESTIONS):
        return f"asks first ({type(screen).__name__})"
    if isinstance(screen, LiveInterviewScreen | PrepareScreen):
        return f"opens {type(screen).__name__}, where what is typed cannot be kept"
    return None


def _our_actions(node) -> list[str]:
    """The actions of the keys infoint gives this widget or screen (not Textual's own)."""
    classes = [cls for cls in type(node).__mro__ if cls.__module__.startswith("infoint_tui")]
    return [binding.action for cls in classes for binding in vars(cls).get("BINDINGS", ())]


#: Actions that do another thing on the Targets screen's list of companies.
ON_EITHER_LIST = {"new", "edit", "delete", "choose", "merge"}


async def _try_every_action(pilot, pushed: list, found: list[str], where: str, tried: set[str]) -> None:
    """Run every key's and palette entry's action of the screen shown (each action once,
    whatever its parameters: they take the same path) and judge every screen it opens."""
    app = pilot.app
    base, mode = app.screen, app.current_mode
    focus_chain = [app.focused, *app.focused.ancestors] if app.focused else [base]
    actions = {action: node for node in focus_chain if node is not app for action in _our_actions(node)}
    actions |= {action: base for _title, _help, action in getattr(type(base), "PALETTE", ())}
    for action, node in actions.items():
        name = f"{mode}.{action.split('(')[0]}"
        if name in tried and action not in ON_EITHER_LIST:
            continue
        tried.add(name)
        pushed.clear()
        await app.run_action(action, node)
        await pilot.pause()  # a worker's first dialog too
        found += [f"{where} {action}: {problem}" for screen in pushed if (problem := _wrong_for_read_only(screen))]
        if app.current_mode != mode:  # it went to another screen (say, to show the person)
            await app.switch_mode(mode)
            await pilot.pause()


@pytest.fixture
def small_repo(tmp_path):
    """A campaign small enough to walk every action of every screen quickly."""
    from infoint_tui.demo import write_demo

    write_demo(tmp_path / "small.json", 12, TODAY)
    repository = Repository.open(tmp_path / "small.json")
    yield repository
    repository.close()


async def test_a_read_only_instance_never_asks_what_it_cannot_do(make_app, small_repo, notices) -> None:
    repo = small_repo  # the writer: this instance opens the file second
    reader, reason = Repository.open_or_read_only(repo.path)
    assert reader.read_only
    before = repo.path.read_bytes()
    app = make_app(reader, read_only_reason=reason)
    pushed: list = []
    found: list[str] = []
    tried: set[str] = set()

    def record(screen, *args, wait_for_dismiss: bool = False, **kwargs):
        """Every screen an action opens is judged, and not shown: nothing is answered."""
        pushed.append(screen)
        future = asyncio.get_running_loop().create_future()
        if not wait_for_dismiss:
            future.set_result(None)
        return future

    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.push_screen = record
        for place in PLACES:
            await app.switch_mode(place.mode)
            await pilot.pause()
            if place.mode == "targets":
                for kind in ("people", "companies"):
                    app.screen.action_show_list(kind)
                    await pilot.pause()
                    await _try_every_action(pilot, pushed, found, f"targets ({kind})", tried)
            else:
                await _try_every_action(pilot, pushed, found, place.mode, tried)
        assert len(tried) > 60  # every screen's keys were tried, not only the first one's
        del app.push_screen
    assert found == []
    assert any(n.title == "Read-only" and "nothing can be changed here" in n.message for n in notices)
    assert repo.path.read_bytes() == before


async def test_a_read_only_form_says_so_above_its_fields(make_app, repo) -> None:
    reader, reason = Repository.open_or_read_only(repo.path)
    app = make_app(reader, read_only_reason=reason)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f3", "n")
        await until(pilot, lambda: isinstance(app.screen, FormScreen))
        line, form = app.screen.query_one(ReadOnlyLine), app.screen.form
        assert line.display and line.region.bottom <= form.region.y
        assert "Read-only" in str(line.render())


async def test_copying_in_read_only_copies_then_says_it_cannot_record(make_app, repo, notices) -> None:
    reader, reason = Repository.open_or_read_only(repo.path)
    app = make_app(reader, read_only_reason=reason)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await until(pilot, lambda: isinstance(app.screen, MessageScreen), "the message preview")
        await pilot.press("ctrl+y")
        await pilot.pause()
        if isinstance(app.screen, MessageScreen) and not app.screen._copied:
            await pilot.press("ctrl+y")  # copied anyway, past the warning about its problems
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, MessageScreen), "the preview closed")
        assert _wrong_for_read_only(app.screen) is None and len(app.screen_stack) == 1
        assert any("nothing can be changed here" in n.message for n in notices)


# Toasts -----------------------------------------------------------------------------------


def test_toasts_go_below_then_above_then_beside_what_they_must_leave_visible() -> None:
    from textual.geometry import Size

    screen = Size(80, 24)
    assert choose(screen, Region(4, 8, 72, 6)) == Placement("bottom", rows=9)
    assert choose(screen, Region(4, 12, 72, 10)) == Placement("top", rows=12)
    assert choose(screen, Region(27, 2, 53, 21)) == Placement(right=53)  # the live view's notes
    assert choose(screen, Region(0, 2, 50, 21)) == Placement(left=50)
    assert choose(screen, Region(4, 1, 72, 22)) is None


def _toast_regions(app) -> list[Region]:
    screen = app.screen
    return [screen.find_widget(toast).visible_region for toast in screen.query(Toast)]


async def _toast_while_typing(pilot, message: str) -> None:
    pilot.app.notify(message, title="Noted")
    await until(pilot, lambda: bool(_toast_regions(pilot.app)), "a toast on screen")


@pytest.mark.parametrize("size", [(80, 24), (60, 24)])
async def test_toasts_never_cover_the_notes_being_typed_nor_a_dialog(make_app, repo, size) -> None:
    interview = next(i for i in repo.campaign.interviews.values() if not i.held)
    app = make_app()
    async with app.run_test(size=size, notifications=True) as pilot:
        app.push_screen(LiveInterviewScreen(interview.id))
        await until(pilot, lambda: isinstance(app.screen, LiveInterviewScreen))
        await pilot.press(*"typing")
        notes = app.screen.notes
        assert app.focused is notes
        await _toast_while_typing(pilot, "To-do noted: send Ana my portfolio by Friday, with the two case studies.")
        assert all(not region.overlaps(notes.region) for region in _toast_regions(app))

        await pilot.press("ctrl+t")  # the to-do dialog, over the notes
        await until(pilot, lambda: isinstance(app.screen, FormScreen))
        await pilot.press(*"send")
        await _toast_while_typing(pilot, "A second notice, while the dialog is open, saying rather more.")
        assert not app.screen.query_one(ReadOnlyLine).display  # the file is writable here
        box = app.screen.query_one(".dialog-box").region
        field = app.focused.region
        assert field and box.contains_region(field)
        assert all(not region.overlaps(box) for region in _toast_regions(app))

"""The live interview: prepared questions beside free-form notes, saved as they are typed.

The hands never leave the notes: every key here is a ctrl+letter the editor does not use
(nor tmux: not ctrl+b), or an F-key. Escape leaves nothing: on the list behind this view
letters are commands, so a stray press must not turn the next words typed into them.
Typing only marks the text changed; the autosave copies it into the interview a moment
later and hands it to the repository, whose own thread writes the file. The first note (or
question key) also stores when the call began: the call clock counts from it, across restarts.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from functools import partial

from rich.console import Group
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static, TextArea

from infoint_tui import clock
from infoint_tui.domain.models import ActionItem, Interview, Mode, Person, PreparedQuestion
from infoint_tui.store.errors import DataFileError
from infoint_tui.tui import notice
from infoint_tui.tui.access import DataAccess
from infoint_tui.tui.editor import EditorProblem, edit_text
from infoint_tui.tui.screens.interview_forms import end_dialog, one_line, read_to_do, referral, to_do
from infoint_tui.tui.widgets.autosave import Autosave
from infoint_tui.tui.widgets.checklist import ASKED, FOLLOW_UP, Checklist, mark_row
from infoint_tui.tui.widgets.choice import Choice, ChoiceScreen
from infoint_tui.tui.widgets.text_fields import TextBox
from infoint_tui.usecases.interviewing import (
    add_referral,
    call_clock,
    edit_referral,
    next_question,
    question_bank,
    question_heading,
)

TO_DO = "☐ "
REFERRAL = "→ "
#: Keys of the captured items in the list that changes them (beyond these, arrows and Enter).
ITEM_KEYS = "123456789abcdefghijklmnopqrstuvwxyz"


class CallClock(Static):
    """Minutes since the call began against the length agreed: read every second, redrawn
    when the reading changes; marked in the last minutes and once over."""

    def __init__(self, reading: Callable[[], tuple[str, str]], id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self._reading = reading
        self._shown: tuple[str, str] | None = None

    def on_mount(self) -> None:
        self.tick()
        self.set_interval(1, self.tick)

    def tick(self) -> None:
        reading = self._reading()
        if reading != self._shown:
            self._shown = reading
            text, mood = reading
            self.update(text)
            for each in ("idle", "nearly", "over"):
                self.set_class(mood == each, f"-{each}")


class Notes(TextBox):
    """The notes editor, without TextArea's F6 and F7 (select the line, select all): here
    those keys go back to the list and to Insights, as everywhere, and a selection made by a
    stray press would be replaced by the next words typed."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return action not in ("select_line", "select_all") and super().check_action(action, parameters)


#: "Move" rather than "Question": with the space after it, every key fits in 80 columns.
QUESTION = Binding.Group("Move", compact=True)


class LiveInterviewScreen(DataAccess, Screen):
    CSS_PATH = "live.tcss"
    TITLE = "Interview"
    HELP = (
        "Type notes freely; they are saved as you type, within a second. The call clock starts "
        "with the first note or question key and counts towards the length agreed; F12 starts it "
        "again from now, and changes the to-dos, questions and referrals noted. The question keys "
        "work with the cursor in the notes; with none prepared, the bank's questions are listed "
        "(+) to pick. Escape does nothing here; F6 goes back to the list."
    )
    BINDINGS = [
        # One footer entry for the pair: at 80 columns the footer then has room for F6 too.
        Binding(
            "ctrl+n,ctrl+down", "step(1)", "Next", id="live_next", group=QUESTION, tooltip="Highlight the next question"
        ),
        Binding(
            "ctrl+g,ctrl+up",
            "step(-1)",
            "Prev",
            id="live_previous",
            group=QUESTION,
            tooltip="Highlight the previous question",
        ),
        Binding(
            "ctrl+l",
            "ask",
            "Ask",
            id="live_ask",
            tooltip="Put the question into the notes as a heading with the time, tick it, move on",
        ),
        Binding("ctrl+o", "tick", "Tick", id="live_tick", tooltip="Mark the question asked, or not asked"),
        Binding(
            "ctrl+t",
            "todo",
            "To-do",
            id="live_todo",
            tooltip="Note an action item: it falls due and goes into the thank-you",
        ),
        Binding(
            "ctrl+f",
            "follow_up",
            "Follow",
            id="live_follow_up",
            tooltip="Add a question that came up, right after the current one",
        ),
        Binding(
            "ctrl+r",
            "referral",
            "Refer",
            id="live_referral",
            tooltip="Someone they suggest you talk to: a new target they introduce",
        ),
        Binding("f9", "end", "End", id="live_end", tooltip="End the interview: takeaways, then the thank-yous"),
        Binding("f10", "editor", "Edit", id="live_editor", tooltip="Edit the notes in your own editor"),
        Binding(
            "f12",
            "captured",
            "Captured",
            show=False,  # no room in the footer at 80 columns: the captured list names it
            id="live_captured",
            tooltip="Change a to-do, follow-up question or referral noted in the call; start the call clock",
        ),
        Binding(
            "f6",
            "leave",
            "Back",
            id="live_leave",
            tooltip="Back to the list of interviews; the interview stays open, the notes saved",
        ),
        Binding("ctrl+s", "save", "Save", show=False, id="live_save", tooltip="Save now (it also saves by itself)"),
        # The app's own keys, the same here but out of the footer: at 80 columns they would
        # push in as a cut-off "^q" after the view's keys. The ids keep a remap applying.
        Binding("f1", "app.help", "Help", show=False, id="help", tooltip="Every key of this screen"),
        Binding("ctrl+q", "app.quit", "Quit", show=False, id="quit", priority=True),
        Binding(
            "escape",
            "stay",
            "Stay",
            show=False,
            id="live_stay",
            tooltip="Nothing: the cursor stays in the notes, so a stray press is harmless",
        ),
    ]

    def __init__(self, interview_id: int) -> None:
        super().__init__()
        self.interview_id = interview_id
        self.current = 0
        #: With no question prepared, the bank's for this objective, listed after the chosen ones.
        self.bank: list[str] = []
        self._told_how_to_leave = False

    # Access ------------------------------------------------------------------------------

    @property
    def interview(self) -> Interview:
        return self.repo.campaign.interviews[self.interview_id]

    @property
    def questions(self) -> list[PreparedQuestion]:
        return self.interview.questions

    @property
    def call_day(self) -> date:
        """The day words such as "by Friday" count from."""
        return (self.interview.started or clock.now()).date()

    # Layout ------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        # The notes are a direct child of the screen (a grid; see live.tcss): each frame
        # drawn while typing then touches the fewest widgets.
        with Vertical(id="live-top"):
            with Horizontal(id="live-head"):
                yield Static(self._who(), id="live-who", markup=False)
                yield CallClock(self._clock_reading, id="live-clock")
            yield Static(self._reach(), id="live-reach", markup=False)
            yield Static(self._objective(), id="live-objective", markup=False)
        with Vertical(id="live-side"):
            yield Static(id="live-questions-title", classes="pane-title")
            yield Checklist(id="live-questions")
            yield Static(id="live-captured-title", classes="pane-title")
            yield Static(id="live-captured", markup=False)
        # The save stamp has a line of its own, above the notes it speaks of.
        with Horizontal(id="live-notes-head"):
            yield Static("Notes", id="live-notes-label")
            yield Static(id="live-status", markup=False)
        self.notes = Notes(
            self.interview.notes,
            id="live-notes",
            soft_wrap=True,
            placeholder="Just type: the call clock starts with your first words. ctrl+l puts the question here.",
        )
        yield self.notes
        # Compact, without the palette hint: at 80 columns every key of the view fits.
        yield Footer(compact=True, show_command_palette=False, id="live-footer")

    def _who(self) -> Text:
        campaign = self.repo.campaign
        person = campaign.people[self.interview.person_id]
        company = campaign.company_of(person)
        return Text.assemble(
            (person.name, "bold"), f", {person.title}" if person.title else "", f" · {company.name}" if company else ""
        )

    def _reach(self) -> Text:
        """When, how to reach them, and who introduced them: '14:30 by phone on +44 ... · introduced by Ana'."""
        campaign, interview = self.repo.campaign, self.interview
        person = campaign.people[interview.person_id]
        when = interview.when
        day = "" if when.date() == clock.today() else f"{when:%a %-d %b} "
        where = interview.where or (person.phone if interview.mode is Mode.PHONE else "")
        joint = {Mode.PHONE: " on ", Mode.VIDEO: ": ", Mode.IN_PERSON: " at "}[interview.mode]
        introducer = campaign.introducer_of(person)
        return Text.assemble(
            (f"{day}{when:%H:%M} {interview.mode.phrase}", "italic"),
            f"{joint}{where}" if where else "",
            (" · introduced by ", "dim") if introducer else "",
            introducer.name if introducer else "",
        )

    def _clock_reading(self) -> tuple[str, str]:
        if self.interview_id not in self.repo.campaign.interviews:  # undone: the screen is closing
            return ("", "idle")
        return call_clock(self.interview, clock.now())

    def on_data_changed(self) -> None:
        # An undo (or a deletion elsewhere) can take the booking away under the open call.
        if self.interview_id not in self.repo.campaign.interviews and self.is_current:
            self.notify("That interview is no longer booked (it was undone), so its live view has closed.")
            self.dismiss()

    def _objective(self) -> Text:
        objective = self.repo.campaign.objectives.get(self.interview.objective_id or 0)
        if objective is None:
            return Text("No objective set", style="dim")
        return Text.assemble(("Learning: ", "dim"), objective.text, (f" ({objective.kind.value})", "dim"))

    def on_mount(self) -> None:
        self.checklist = self.query_one(Checklist)
        self.call_clock = self.query_one(CallClock)
        self.autosave = Autosave(self, self._autosave)
        self.watch(self.app, "save_status", self._show_status)
        self.current = next_question(self.questions)  # where the call goes on, after a restart too
        if not self.questions:
            self.bank = [question.text for question in question_bank(self.repo.campaign, self.interview)]
        self._show_questions()
        self._show_captured()
        self.notes.move_cursor(self.notes.document.end)
        self.notes.focus()

    def _show_status(self, status: tuple[str, bool]) -> None:
        text, problem = status
        label = self.query_one("#live-status", Static)
        # The file's name (nothing written yet this session) says nothing about the notes.
        shown = text if problem or text.startswith("saved") else ""
        # "saved 10:41:02" comes twice a second while typing: the label's width is fixed, so
        # only it is redrawn, not the layout of the whole screen.
        label.update(shown, layout=False)
        label.set_class(problem, "-problem")

    def _show_questions(self) -> None:
        self.bank = [text for text in self.bank if all(q.text != text for q in self.questions)]
        asked, chosen = sum(question.asked for question in self.questions), len(self.questions)
        if self.bank:  # the bank's questions (+) follow the chosen ones
            title = f"{asked}/{chosen} asked · ^o picks +" if chosen else "None chosen · ^o picks +"
        elif self.questions:
            title = f"Questions · {asked} of {chosen} asked"
        else:
            title = "No questions prepared"
        self.query_one("#live-questions-title", Static).update(title)
        self.current = min(self.current, max(0, self._rows() - 1))
        self.checklist.show(self.questions, self.current, self.bank)

    def _rows(self) -> int:
        return len(self.questions) + len(self.bank)

    def _referrals(self) -> list[Person]:
        people = self.repo.campaign.people
        return [people[person_id] for person_id in self.interview.referrals if person_id in people]

    def _follow_ups(self) -> list[PreparedQuestion]:
        return [question for question in self.questions if question.follow_up]

    def _show_captured(self) -> None:
        todos, follow_ups, referrals = self.interview.action_items, self._follow_ups(), self._referrals()
        noted = len(todos) + len(follow_ups) + len(referrals)
        title = f"Captured ({noted}) · f12 edits" if noted else "Nothing captured · f12"
        self.query_one("#live-captured-title", Static).update(title)
        lines = [mark_row(Text(ASKED if item.done else TO_DO), Text(item.text + _due(item))) for item in todos]
        lines += [mark_row(Text(FOLLOW_UP, style="bold"), Text(question.text)) for question in follow_ups]
        lines += [mark_row(Text(REFERRAL, style="bold"), Text(person.name)) for person in referrals]
        self.query_one("#live-captured", Static).update(Group(*lines))

    # Saving ------------------------------------------------------------------------------

    @on(TextArea.Changed, "#live-notes")
    def _typed(self) -> None:
        self.autosave.touched()

    def _store_notes(self) -> None:
        """Copy the editor's text into the interview and hand it to the repository.

        In memory only, so it costs well under a millisecond; the storage's thread writes
        the file. Raises DataFileError when the data cannot take the change.
        """
        text, interview = self.notes.text, self.interview
        if text != interview.notes:
            self.repo.save(replace(interview, notes=text, started=self._started()))
            if interview.started is None:  # perhaps the first note: the call clock starts
                self.call_clock.tick()

    def _started(self) -> datetime | None:
        """When the call began: as stored, or now, for the first note or key of the call on
        its day (notes typed days ahead start no clock)."""
        interview = self.interview
        if interview.started is None and interview.when.date() == clock.today():
            return clock.now()
        return interview.started

    def _autosave(self) -> None:
        try:
            self._store_notes()
        except DataFileError as error:  # the text stays in the editor; say so where it is seen
            self._show_status((str(error), True))

    def flush_unsaved(self) -> None:
        """Called by the app before it writes the file on quit, hang-up and terminate."""
        self._store_notes()

    async def _save_durably(self) -> bool:
        """Store the notes and write the file before going on; on failure say so, return False."""
        try:
            self._store_notes()
            # Written on a thread and awaited: done before we go on, while the screen keeps
            # drawing and a write already under way can report to the app on this loop.
            await asyncio.to_thread(self.repo.flush)
        except DataFileError as error:
            self.notify(
                f"{error}. The notes stay here and saving is retried by itself.",
                title="Not saved",
                severity="error",
                timeout=notice.PROBLEM,
            )
            return False
        return True

    def _save_interview(
        self,
        *,
        questions: list[PreparedQuestion] | None = None,
        action_items: list[ActionItem] | None = None,
        started: datetime | None = None,
        affects_due_items: bool = False,
    ) -> bool:
        """Store new questions, action items or start of the call, with the notes as they are,
        as a changed copy: refused, the interview stays as it was.

        Only a change the due items depend on tells the other screens to redraw: the
        queue recomputes the whole campaign, which is not for every tick of a question.
        """
        current = self.interview
        updated = replace(
            current,
            notes=self.notes.text,
            started=started or self._started(),
            questions=current.questions if questions is None else questions,
            action_items=current.action_items if action_items is None else action_items,
        )
        if affects_due_items:
            saved = self.infoint.change(self.repo.save, updated)
        else:
            try:
                self.repo.save(updated)
                saved = True
            except DataFileError as error:
                self._show_status((str(error), True))
                saved = False
        self.call_clock.tick()
        return saved

    async def action_save(self) -> None:
        await self._save_durably()

    async def action_leave(self) -> None:
        if await self._save_durably():
            self.dismiss()

    def action_stay(self) -> None:
        if not self._told_how_to_leave:  # once: a habit of pressing escape must not fill the screen
            self._told_how_to_leave = True
            self.notify("F6 goes back to the list; F9 ends the interview.", title="Still in the notes", timeout=5)

    # Questions ---------------------------------------------------------------------------

    def _has_questions(self) -> bool:
        if not self._rows():
            self.notify("No question is prepared: ctrl+f adds one as it comes up.", timeout=notice.SHORT)
        return bool(self._rows())

    def action_step(self, delta: int) -> None:
        if self._has_questions():
            self.current = max(0, min(self._rows() - 1, self.current + delta))
            self.checklist.highlighted = self.current

    def _picked_from_bank(self, asked: bool) -> bool:
        """The current row is the bank's: choose it for this call (True), asked or not."""
        if self.current < len(self.questions):
            return False
        picked = PreparedQuestion(self.bank[self.current - len(self.questions)], asked=asked)
        self.current = len(self.questions)
        if self._save_interview(questions=[*self.questions, picked], affects_due_items=True):
            self._show_questions()
        return True

    @on(OptionList.OptionHighlighted, "#live-questions")
    def _clicked(self, event: OptionList.OptionHighlighted) -> None:
        self.current = event.option_index

    def action_ask(self) -> None:
        if not self._has_questions():
            return
        if self.current >= len(self.questions):
            self._insert_heading(question_heading(self.bank[self.current - len(self.questions)], clock.now()))
            self._picked_from_bank(asked=True)
            return
        question = self.questions[self.current]
        self._insert_heading(question_heading(question.text, clock.now()))
        if not self._save_interview(questions=self._with_current(replace(question, asked=True))):
            return
        # The next question still to ask, so that the list keeps pace with the talk.
        later = [i for i in range(self.current + 1, len(self.questions)) if not self.questions[i].asked]
        self.current = later[0] if later else self.current
        self._show_questions()

    def _with_current(self, question: PreparedQuestion) -> list[PreparedQuestion]:
        """The questions, the current one replaced by `question`."""
        return [question if n == self.current else other for n, other in enumerate(self.questions)]

    def _insert_heading(self, heading: str) -> None:
        # Markdown wants the heading on its own line with a blank line above it.
        notes = self.notes
        row, _ = notes.cursor_location
        line = notes.document.get_line(row)
        before = ""
        if line.strip():
            notes.move_cursor((row, len(line)))
            before = "\n\n"
        elif row > 0 and notes.document.get_line(row - 1).strip():
            before = "\n"
        notes.insert(f"{before}{heading}\n", maintain_selection_offset=False)

    def action_tick(self) -> None:
        if self._has_questions() and not self._picked_from_bank(asked=False):
            question = self.questions[self.current]
            if self._save_interview(questions=self._with_current(replace(question, asked=not question.asked))):
                self._show_questions()

    # Captures ----------------------------------------------------------------------------

    def action_todo(self) -> None:
        self.app.push_screen(to_do(self.call_day), self._add_todo)

    def _add_todo(self, values: dict[str, str] | None) -> None:
        if values is None:
            return
        item = read_to_do(values, self.call_day)
        if self._save_interview(action_items=[*self.interview.action_items, item], affects_due_items=True):
            self._show_captured()
            self.notify(f"To-do noted: {item.text}{_due(item)}", timeout=notice.BRIEF)

    def action_follow_up(self) -> None:
        self.app.push_screen(one_line("A question that came up", "Question"), self._add_follow_up)

    def _add_follow_up(self, values: dict[str, str] | None) -> None:
        if values is None:
            return
        at = min(self.current + 1, len(self.questions))
        questions = list(self.questions)
        questions.insert(at, PreparedQuestion(values["text"], follow_up=True))
        if self._save_interview(questions=questions, affects_due_items=True):
            self._show_questions()
            self._show_captured()
            self.notify("Added after the current question (ctrl+n shows it).", timeout=notice.BRIEF)

    def action_referral(self) -> None:
        self.app.push_screen(referral(self.repo.campaign, self.interview), self._add_referral)

    def _add_referral(self, values: dict[str, str] | None) -> None:
        if values is None:
            return
        self._autosave()  # the notes are in the interview the referral is added to
        add = partial(add_referral, self.repo, self.interview, clock.today(), **values)
        if self.infoint.change(add, undo=f"Added {values['name']}, a referral"):
            self._show_captured()
            introducer = self.repo.campaign.people[self.interview.person_id].first_name
            self.notify(f"{values['name']} is a new target; {introducer} is the introducer.", timeout=notice.SHORT)

    # Changing what was captured ----------------------------------------------------------

    def action_captured(self) -> None:
        """What was noted during the call, each to change; and the call clock, to start from now."""
        todos, follow_ups, referrals = self.interview.action_items, self._follow_ups(), self._referrals()
        items: list[tuple[str | Text, Callable[[], None]]] = [
            (Text.assemble("To-do: ", item.text, _due(item)), partial(self._change_todo, n))
            for n, item in enumerate(todos)
        ]
        items += [(f"Follow-up: {q.text}", partial(self._change_follow_up, q)) for q in follow_ups]
        items += [(f"Referral: {p.name}", partial(self._change_referral, p)) for p in referrals]
        keys = [*ITEM_KEYS, *[""] * len(items)]  # past the keys, the arrows and Enter reach an item
        choices = [Choice(key, label, then) for key, (label, then) in zip(keys, items, strict=False)]
        # A call that began after the first notes were typed: its clock can start again.
        restart = "Start the call clock again, from now" if self.interview.started else "Start the call clock now"
        choices.append(Choice("0", restart, self._start_clock))
        detail = (
            "Each opens as it was noted; emptied, a to-do or a question goes."
            if items
            else "Nothing is noted yet: ctrl+t, ctrl+f and ctrl+r note to-dos, questions and referrals."
        )
        self.app.push_screen(ChoiceScreen("What was noted in the call", choices, detail), self._chosen)

    def _chosen(self, then: Callable[[], None] | None) -> None:
        if then is not None:
            then()

    def _start_clock(self) -> None:
        self._save_interview(started=clock.now())

    def _change_todo(self, index: int) -> None:
        self.app.push_screen(
            to_do(self.call_day, self.interview.action_items[index]), partial(self._changed_todo, index)
        )

    def _changed_todo(self, index: int, values: dict[str, str] | None) -> None:
        if values is None:
            return
        todos = list(self.interview.action_items)
        if values["text"]:
            todos[index] = replace(read_to_do(values, self.call_day), done=todos[index].done)
        else:
            del todos[index]
        if self._save_interview(action_items=todos, affects_due_items=True):
            self._show_captured()

    def _change_follow_up(self, question: PreparedQuestion) -> None:
        form = one_line("A question that came up", "Question", value=question.text)
        self.app.push_screen(form, partial(self._changed_follow_up, question))

    def _changed_follow_up(self, question: PreparedQuestion, values: dict[str, str] | None) -> None:
        if values is None:
            return
        index = self.questions.index(question)
        questions = list(self.questions)
        if values["text"]:
            questions[index] = replace(question, text=values["text"])
        else:
            del questions[index]
        if self._save_interview(questions=questions, affects_due_items=True):
            self._show_questions()
            self._show_captured()

    def _change_referral(self, person: Person) -> None:
        self.app.push_screen(
            referral(self.repo.campaign, self.interview, person), partial(self._changed_referral, person)
        )

    def _changed_referral(self, person: Person, values: dict[str, str] | None) -> None:
        if values is not None and self.infoint.change(
            partial(edit_referral, self.repo, person, **values), undo=f"Changed {person.name}, a referral"
        ):
            self._show_captured()

    # Long notes, and the end -------------------------------------------------------------

    def action_editor(self) -> None:
        self._autosave()  # the words are safe before the terminal is handed over
        before = self.notes.text
        try:
            after = edit_text(self.app, before)
        except EditorProblem as problem:
            self.notify(str(problem), title="Editor", severity="warning", timeout=notice.LONG)
            return
        if after != before:  # editors end the text with a newline: typing goes on below it
            self.notes.replace(after, (0, 0), self.notes.document.end)  # undoable with ctrl+z
            self.notes.move_cursor(self.notes.document.end)
            self._autosave()

    def action_end(self) -> None:
        self._autosave()
        end_dialog(self.infoint, self.interview, self.action_leave)


def _due(item: ActionItem) -> str:
    return f" (due {item.due:%a %-d %b})" if item.due else ""

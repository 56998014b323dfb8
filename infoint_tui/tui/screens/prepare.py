"""Preparing an interview: choose questions from the bank, put them in order, write new ones."""

from __future__ import annotations

from dataclasses import replace

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from infoint_tui.domain import validation
from infoint_tui.domain.models import Interview, PreparedQuestion, Question
from infoint_tui.tui.access import DataAccess
from infoint_tui.tui.widgets.form import Field, FormScreen
from infoint_tui.tui.widgets.hanging import hanging
from infoint_tui.usecases.interviewing import add_question, kind_hint, question_bank

KINDS = [(kind, kind) for kind in ("general", "industry", "company", "role")]
#: The bank's heading for each kind of question, in the order the kinds are offered.
BANK_HEADINGS = {
    "industry": "On the industry",
    "company": "On the company",
    "role": "On the role",
    "general": "For any call",
}
NOT_CHOSEN = "○ "


def count_text(chosen: int, wanted: int) -> str:
    return f"{chosen} chosen ({wanted} suggested)"


def shortage(chosen: int, wanted: int) -> str | None:
    """What is missing: the method's short call still wants a few questions to fall back on."""
    if chosen >= wanted:
        return None
    return f"Choose {wanted - chosen} more: too few for a 20–30 minute call."


class PrepareScreen(DataAccess, Screen):
    CSS_PATH = "interviews.tcss"
    TITLE = "Prepare"
    HELP = (
        "Left: the questions chosen, in the order you mean to ask them. Right: the bank, "
        "questions that suit this interview's objective first. Tab moves between them."
    )
    BINDINGS = [
        Binding("x,delete", "remove", "Remove", id="prepare_remove", tooltip="Take the question off the list"),
        Binding("u,shift+up", "move(-1)", "Up", id="prepare_up", tooltip="Ask this question earlier"),
        Binding("d,shift+down", "move(1)", "Down", id="prepare_down", tooltip="Ask this question later"),
        Binding("n", "new", "New", id="prepare_new", tooltip="Write a question (it joins the bank too)"),
        Binding("escape", "dismiss", "Done", id="prepare_done", tooltip="Back to the interviews"),
    ]

    def __init__(self, interview_id: int) -> None:
        super().__init__()
        self.interview_id = interview_id
        self.bank: list[Question] = []

    @property
    def interview(self) -> Interview:
        return self.infoint.repo.campaign.interviews[self.interview_id]

    def compose(self) -> ComposeResult:
        yield Static(self._heading(), id="prepare-head", markup=False)
        with Horizontal(id="prepare-body"):
            with Vertical(id="prepare-chosen-pane"):
                yield Static(id="prepare-count", classes="pane-title")
                yield Static(id="prepare-advice", markup=False)
                yield OptionList(id="prepare-chosen")
            with Vertical(id="prepare-bank-pane"):
                yield Static("Question bank · enter chooses", classes="pane-title")
                yield OptionList(id="prepare-bank")
        yield Footer()

    def _heading(self) -> Text:
        campaign, interview = self.infoint.repo.campaign, self.interview
        person = campaign.people[interview.person_id]
        objective = campaign.objectives.get(interview.objective_id or 0)
        return Text.assemble(
            ("Prepare: ", "bold"),
            (person.name, "bold"),
            f" · {interview.when:%a %-d %b %H:%M}",
            (f" · {objective.text} ({objective.kind.value})" if objective else "", "dim"),
        )

    def on_mount(self) -> None:
        self._show()
        self.query_one("#prepare-bank" if not self.interview.questions else "#prepare-chosen").focus()

    def _show(self, chosen_at: int | None = None) -> None:
        questions = self.interview.questions
        wanted = self.infoint.repo.campaign.settings.prep_min_questions
        count = self.query_one("#prepare-count", Static)
        count.update(count_text(len(questions), wanted))
        count.set_class(len(questions) < wanted, "-short")
        advice = [line for line in (shortage(len(questions), wanted), kind_hint(self.campaign, self.interview)) if line]
        self.query_one("#prepare-advice", Static).update("\n".join(advice))
        self.query_one("#prepare-advice").display = bool(advice)
        width = len(f"{len(questions)}. ")
        numbered = [hanging(Text(f"{n}."), Text(q.text), width) for n, q in enumerate(questions, start=1)]
        self._fill("#prepare-chosen", [Option(line) for line in numbered], chosen_at)
        self.bank = question_bank(self.campaign, self.interview)
        self._fill("#prepare-bank", self._bank_options(), None)

    def _bank_options(self) -> list[Option]:
        """The bank under a heading per kind; each question's id is its place in `self.bank`."""
        options: list[Option] = []
        for index, question in enumerate(self.bank):
            if index == 0 or question.kind != self.bank[index - 1].kind:
                heading = BANK_HEADINGS.get(question.kind, question.kind)
                options.append(Option(Text(heading, style="bold dim"), disabled=True))
            line = hanging(Text(NOT_CHOSEN, style="dim"), Text(question.text), len(NOT_CHOSEN))
            options.append(Option(line, id=str(index)))
        return options

    def _fill(self, selector: str, options: list[Option], at: int | None) -> None:
        widget = self.query_one(selector, OptionList)
        keep = widget.highlighted if at is None else at
        widget.clear_options()
        widget.add_options(options)
        enabled = [i for i, option in enumerate(options) if not option.disabled]
        if enabled:
            widget.highlighted = next((i for i in enabled if i >= (keep or 0)), enabled[-1])

    def _store(self, questions: list[PreparedQuestion], chosen_at: int | None = None) -> None:
        """Save the interview with these questions (a new list: the stored one stays as it was)."""
        if self.infoint.change(self.infoint.repo.save, replace(self.interview, questions=questions)):
            self._show(chosen_at)

    # Keys --------------------------------------------------------------------------------

    def _in(self, selector: str) -> int | None:
        """The highlighted row of that list, when it has the focus."""
        widget = self.query_one(selector, OptionList)
        return widget.highlighted if self.focused is widget else None

    @on(OptionList.OptionSelected, "#prepare-bank")
    def _choose(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self._store([*self.interview.questions, PreparedQuestion(self.bank[int(event.option.id)].text)])

    def action_remove(self) -> None:
        index = self._in("#prepare-chosen")
        questions = list(self.interview.questions)
        if index is not None and questions:
            del questions[index]
            self._store(questions)

    def action_move(self, delta: int) -> None:
        index = self._in("#prepare-chosen")
        questions = list(self.interview.questions)
        if index is None or not 0 <= index + delta < len(questions):
            return
        questions[index], questions[index + delta] = questions[index + delta], questions[index]
        self._store(questions, chosen_at=index + delta)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # The footer offers only what the focused list can do.
        if action in ("remove", "move"):
            return self.focused is self.query_one("#prepare-chosen")
        return True

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()

    def action_new(self) -> None:
        objective = self.infoint.repo.campaign.objectives.get(self.interview.objective_id or 0)
        kind = objective.kind.value if objective else "general"
        form = FormScreen(
            "A question of my own",
            [
                Field("text", "Question", check=validation.required),
                Field("kind", "Kind", kind, choices=KINDS, help="Which interviews the bank offers it for."),
            ],
            submit_label="Add",
        )
        self.app.push_screen(form, self._added)

    def _added(self, values: dict[str, str] | None) -> None:
        if values is not None and self.infoint.change(
            add_question, self.infoint.repo, self.interview, values["text"], values["kind"]
        ):
            self._show(chosen_at=len(self.interview.questions) - 1)

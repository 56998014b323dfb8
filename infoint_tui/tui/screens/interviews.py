"""Interviews booked and held: open the live view, prepare, move, end, export."""

from __future__ import annotations

from contextlib import suppress
from dataclasses import replace
from datetime import date
from functools import partial
from pathlib import Path

from rich.console import Group
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from infoint_tui import clock
from infoint_tui.cells import fit
from infoint_tui.domain.models import Interview, Verdict
from infoint_tui.exchange.output import OutputProblem, interviews_folder, write_interviews
from infoint_tui.store.errors import DataFileError
from infoint_tui.tui import notice
from infoint_tui.tui.messages import RECORDS
from infoint_tui.tui.screens.base import UNDO, BaseScreen
from infoint_tui.tui.screens.interview_forms import end_dialog, export_folder, read_reschedule, reschedule
from infoint_tui.tui.screens.live import LiveInterviewScreen
from infoint_tui.tui.screens.prepare import PrepareScreen, count_text
from infoint_tui.tui.widgets.card import Card
from infoint_tui.tui.widgets.checklist import ASKED, OPEN
from infoint_tui.tui.widgets.choice import Choice, ChoiceScreen
from infoint_tui.usecases.interviewing import (
    NoInterview,
    clash_warning,
    clashes,
    find_interview,
    interview_groups,
    next_to_prepare,
)

VERDICT_WORDS = {
    Verdict.SOLIDIFIED: "solidified my plan",
    Verdict.CHALLENGED: "challenged my plan",
    Verdict.UNSURE: "not sure yet",
}


class InterviewList(OptionList):
    """The list, with Enter named in the footer for what it does here."""

    BINDINGS = [
        Binding("enter", "select", "Live", id="interviews_live", tooltip="Open the live view: questions beside notes")
    ]


class InterviewsScreen(BaseScreen):
    MODE = "interviews"
    TITLE = "Interviews"
    SHOWS = RECORDS
    CSS_PATH = "interviews.tcss"
    HELP = (
        "Today's interviews first, then the ones not marked held, the ones ahead and the ones "
        "held. Enter opens the live view: questions beside notes that save themselves."
    )
    BINDINGS = [
        Binding("p", "prepare", "Prepare", id="interviews_prepare", tooltip="Choose and order the questions"),
        Binding("r", "reschedule", "Move", id="interviews_move", tooltip="Change the day, time or place"),
        Binding("e", "end", "End", id="interviews_end", tooltip="Mark it held, with what it taught"),
        Binding("m", "export", "Markdown", id="interviews_export", tooltip="Write it as a Markdown file"),
        *UNDO,
    ]
    PALETTE = [
        ("Start today's interview", "Open the live view of the interview booked for today", "start_today"),
        ("Prepare an interview", "Choose the questions for the next interview that needs them", "prepare_next"),
        ("Export interviews as Markdown", "One Markdown file per interview, in a folder", "export_all"),
    ]

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="interviews"):
            yield InterviewList(id="interviews-list")
            yield Card(id="interviews-card")

    # Drawing -----------------------------------------------------------------------------

    def drawn_for(self) -> object:
        # The groups change as each booked interview ends (`interview_groups`).
        now = clock.now()
        booked = (i for i in self.campaign.interviews.values() if not i.held)
        return now.date(), [i.id for i in booked if i.when.date() < now.date() or i.ends <= now]

    def refresh_data(self) -> None:
        options = self.query_one("#interviews-list", OptionList)
        chosen = self.selected()
        options.clear_options()
        now = clock.now()
        today = now.date()
        for heading, group in interview_groups(self.campaign, now):
            if not group:
                continue
            options.add_option(Option(Text(f"{heading} ({len(group)})", style="bold underline"), disabled=True))
            options.add_options(Option(self._line(interview, today), id=str(interview.id)) for interview in group)
        if options.option_count == 0:
            self.query_one("#interviews-card", Card).update(
                Text("No interview yet: when someone says yes, book it from the queue (F2).", style="dim")
            )
            return
        keep = chosen.id if chosen is not None and chosen.id in self.campaign.interviews else None
        options.highlighted = options.get_option_index(str(keep)) if keep else 1
        self._show_card()

    def _line(self, interview: Interview, today: date) -> Text:
        person = self.campaign.people[interview.person_id]
        company = self.campaign.company_of(person)
        when = interview.when
        day = f"{when:%H:%M}" if when.date() == today else f"{when:%a %d %b}"
        return Text.assemble(
            (f"{day:<11}", "bold" if when.date() == today else ""),
            self._state(interview),
            fit(person.name, 20) + " ",
            (company.name if company else "", "dim"),
        )

    def _state(self, interview: Interview) -> Text:
        if interview.held:
            return Text("thanked ", style="dim") if interview.thanked else Text("thank   ", style="bold")
        chosen, wanted = len(interview.questions), self.campaign.settings.prep_min_questions
        if chosen >= wanted:
            return Text(f"{f'{chosen} q':<8}", style="dim")
        return Text(f"{f'{chosen}/{wanted} q':<8}", style="bold red")  # short of the questions suggested

    def selected(self) -> Interview | None:
        options = self.query_one("#interviews-list", OptionList)
        if options.highlighted is None or options.option_count == 0:
            return None
        option_id = options.get_option_at_index(options.highlighted).id
        return self.campaign.interviews.get(int(option_id)) if option_id else None

    @on(OptionList.OptionHighlighted, "#interviews-list")
    def _show_card(self) -> None:
        interview = self.selected()
        if interview is not None:
            self.query_one("#interviews-card", Card).update(self._card(interview))

    def _card(self, interview: Interview) -> Group:
        campaign = self.campaign
        person = campaign.people[interview.person_id]
        company = campaign.company_of(person)
        introducer = campaign.introducer_of(person)
        objective = campaign.objectives.get(interview.objective_id or 0)
        where = f" · {interview.where}" if interview.where else ""
        lines = [
            Text(person.name, style="bold") + Text(f", {person.title}" if person.title else ""),
            Text(company.name if company else "no company", style="dim"),
            Text(f"{interview.when:%A %-d %B, %H:%M} {interview.mode.phrase}{where} · {interview.minutes} min"),
        ]
        if introducer:
            lines.append(Text(f"Introduced by {introducer.name}", style="italic"))
        if objective:
            lines.append(Text(f"Learning: {objective.text} ({objective.kind.value})"))
        wanted = campaign.settings.prep_min_questions
        lines += [Text(""), Text(f"Questions: {count_text(len(interview.questions), wanted)}", style="bold")]
        lines += [Text((ASKED if q.asked else OPEN) + q.text) for q in interview.questions]
        if interview.action_items:
            lines += [Text(""), Text("To do", style="bold")]
            lines += [Text(("✓ " if item.done else "☐ ") + item.text) for item in interview.action_items]
        if interview.held:
            lines += [Text(""), Text(f"Held: {VERDICT_WORDS[interview.verdict]}", style="bold")]
            lines += [Text(text, style="italic") for text in (interview.takeaways, interview.discussed) if text]
        if interview.notes:
            lines += [Text(""), Text("Notes", style="bold"), Text(interview.notes)]
        return Group(*lines)

    # Actions -----------------------------------------------------------------------------

    def _chosen(self) -> Interview | None:
        interview = self.selected()
        if interview is None:
            self.notify("No interview is selected.", timeout=notice.BRIEF)
        return interview

    @on(OptionList.OptionSelected, "#interviews-list")
    def _selected(self) -> None:
        self.action_live()

    def action_live(self, interview_id: int | None = None) -> None:
        """The live view of this interview (an id from the palette or the command line)."""
        interview = self.campaign.interviews.get(interview_id) if interview_id else self._chosen()
        if interview is not None and self.writable():
            self._highlight(interview)
            self.app.push_screen(LiveInterviewScreen(interview.id))

    def action_start_today(self) -> None:
        try:
            interview = find_interview(self.campaign, clock.today())
        except NoInterview as nothing:
            self.notify(str(nothing), timeout=notice.READ)
            return
        self.action_choose_live(interview.id, *(other.id for other in clashes(self.campaign, interview)))

    def action_choose_live(self, *interview_ids: int) -> None:
        """The live view of one of these interviews, booked at one time: asked which, if more than one."""
        booked = [self.campaign.interviews[i] for i in interview_ids if i in self.campaign.interviews]
        if len(booked) <= 1:
            self.action_live(booked[0].id if booked else None)
            return
        choices = [Choice(str(n), self._choice_label(interview), interview.id) for n, interview in enumerate(booked, 1)]
        question = f"{len(booked)} interviews are booked at this time: which one is it?"
        self.app.push_screen(
            ChoiceScreen(question, choices), lambda chosen: self.action_live(chosen) if chosen else None
        )

    def _choice_label(self, interview: Interview) -> str:
        person = self.campaign.people[interview.person_id]
        company = self.campaign.company_of(person)
        return f"{interview.when:%H:%M} {person.name}" + (f" · {company.name}" if company else "")

    def action_prepare(self, interview_id: int | None = None) -> None:
        interview = self.campaign.interviews.get(interview_id) if interview_id else self._chosen()
        if interview is not None and self.writable():
            self._highlight(interview)
            self.app.push_screen(PrepareScreen(interview.id))

    def action_prepare_next(self) -> None:
        interview = next_to_prepare(self.campaign, clock.today())
        self.action_prepare(interview.id if interview else None)

    def action_reschedule(self) -> None:
        interview = self._chosen()
        if interview is not None:
            self.app.push_screen(reschedule(self.campaign, interview), partial(self._moved, interview))

    def _moved(self, interview: Interview, values: dict[str, str] | None) -> None:
        if values is None:
            return
        moved = replace(interview)
        moved.reschedule(**read_reschedule(values))
        if moved.when.date() != interview.when.date():  # moved to tomorrow: preparing is due today, not late
            moved.booked = clock.today()
        person = self.campaign.people[interview.person_id].name
        if self.change(self.repo.save, moved, undo=f"Moved the interview with {person}"):
            clash = clash_warning(self.campaign, moved)
            self.notify(
                f"Moved to {moved.when:%A %-d %B, %H:%M}. {clash}".strip(),
                severity="warning" if clash else "information",
                timeout=notice.READ if clash else notice.SHORT,
            )

    def action_end(self) -> None:
        interview = self._chosen()
        if interview is not None:
            end_dialog(self.infoint, interview)  # the list redraws on the change itself

    def action_export(self) -> None:
        interview = self._chosen()
        if interview is not None:
            form = export_folder("Export this interview as Markdown", interviews_folder(self.repo.path))
            self.app.push_screen(form, partial(self._export, [interview]))

    def action_export_all(self) -> None:
        form = export_folder("Export every interview as Markdown", interviews_folder(self.repo.path))
        self.app.push_screen(form, partial(self._export, list(self.campaign.interviews.values())))

    def _export(self, interviews: list[Interview], values: dict[str, str] | None) -> None:
        if values is None:
            return
        try:
            written = write_interviews(self.campaign, interviews, Path(values["folder"]))
        except (OutputProblem, DataFileError) as problem:
            self.notify(str(problem), title="Not exported", severity="error", timeout=notice.PROBLEM)
            return
        where = str(written[0]) if len(written) == 1 else f"{len(written)} files in {written[0].parent}"
        self.notify(f"Wrote {where}" if written else "There is no interview to export.", timeout=notice.LONG)

    def _highlight(self, interview: Interview) -> None:
        options = self.query_one("#interviews-list", OptionList)
        with suppress(OptionDoesNotExist):  # not listed until the next redraw
            options.highlighted = options.get_option_index(str(interview.id))

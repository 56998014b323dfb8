"""The message preview: check, edit and copy a text before it leaves the program.

Used wherever a message is sent from (the queue, Targets, Templates). The text sits in an
editor with its problems marked (blanks, misspellings, doubled words) and listed below,
with the character count against LinkedIn's cap where that applies. Enter on a problem offers
its suggestions; one that comes from the template or the profile can be fixed there. Copying
warns once while problems remain; pressing again copies anyway. Where the caller gives an
`Outgoing`, the text can also be sent as e-mail from here (the same warning first); the
caller gets a `Copied` back, which says whether it was sent.
"""

from __future__ import annotations

import asyncio
import dataclasses
from dataclasses import dataclass
from typing import NamedTuple

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.timer import Timer
from textual.widgets import Footer, Input, Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option
from textual.widgets.text_area import Document

from infoint_tui import clock
from infoint_tui.domain import spelling
from infoint_tui.domain.message_check import (
    Found,
    Made,
    Part,
    Source,
    check_part,
    fixed_at_source,
    names_in,
    remade,
)
from infoint_tui.domain.models import Profile, Template
from infoint_tui.domain.templates import LINKEDIN_LIMIT
from infoint_tui.domain.wording import count
from infoint_tui.tui import clipboard, notice
from infoint_tui.tui.access import DataAccess
from infoint_tui.tui.widgets.checked_text import CheckedTextArea
from infoint_tui.tui.widgets.choice import Choice, ChoiceScreen
from infoint_tui.tui.widgets.confirm import ConfirmScreen, discard_changes
from infoint_tui.tui.widgets.dialog import Dialog
from infoint_tui.tui.widgets.text_fields import TextInput
from infoint_tui.usecases.mailing import Delivery, NotSendable, Outgoing, send

RECHECK_DELAY = 0.25  # seconds of quiet typing before the spelling check runs again


@dataclass(frozen=True, slots=True)
class Draft:
    title: str
    subject: str
    body: str
    channel: str = "email"
    #: One line above the text: where it goes (address, number to dial, postal address).
    detail: str = ""
    #: How the text was made, when from a template: what it filled in is then known.
    made: Made | None = None


def draft(template: Template, context: dict[str, str], title: str, detail: str = "") -> Draft:
    return _drafted(Made(template, context), title, detail)


def _drafted(made: Made, title: str, detail: str) -> Draft:
    message = made.render()
    return Draft(title, message.subject.text, message.body.text, made.template.channel, detail, made)


@dataclass(frozen=True, slots=True)
class Copied:
    """What happened in the preview: `copied` once the body reached the clipboard, `sent`
    once the server took it as e-mail."""

    copied: bool
    subject: str
    body: str
    sent: Delivery | None = None


class Problem(NamedTuple):
    part: Part
    found: Found

    @property
    def issue(self) -> spelling.Issue:
        return self.found.issue


class ProblemList(OptionList):
    BINDINGS = [
        Binding("enter", "select", "Fix it", tooltip="Choose a suggestion to put in place of the problem"),
        Binding("a", "screen.add_word", "Add to my words", tooltip="Never flag this word again"),
    ]


class MessageScreen(DataAccess, Dialog[Copied]):
    """Check, edit and copy one message."""

    DEFAULT_CSS = """
    MessageScreen > .dialog-box { width: 100%; max-width: 100; height: 1fr; max-height: 40; }
    MessageScreen #message-detail { color: $text-muted; }
    MessageScreen #message-subject-line { height: 1; margin: 0 0 1 0; }
    MessageScreen #message-subject-label { width: 9; color: $text-muted; }
    MessageScreen #message-subject { width: 1fr; background: $boost; }
    MessageScreen #message-body { height: 1fr; min-height: 4; background: $boost; }
    MessageScreen #message-count { color: $text-muted; text-align: right; }
    MessageScreen #message-count.-over { color: $text-error; text-style: bold; }
    MessageScreen #message-problems { height: auto; max-height: 4; border: none; padding: 0; }
    MessageScreen #message-status { height: auto; max-height: 4; }
    MessageScreen #message-status.-warning { color: $text-warning; }
    MessageScreen #message-status.-fine { color: $text-success; }
    MessageScreen #message-status.-copied { color: $text-success; text-style: bold; }
    """
    BINDINGS = [
        Binding(
            "ctrl+y",
            "copy('body')",
            "Copy",
            priority=True,
            id="message_copy",
            tooltip="Copy the text (warns once if it has problems)",
        ),
        Binding(
            "ctrl+t",
            "copy('subject')",
            "Copy subject",
            priority=True,
            id="message_copy_subject",
            tooltip="Copy the subject line",
        ),
        Binding(
            "ctrl+o",
            "send",
            "Send",
            priority=True,
            id="message_send",
            tooltip="Send it as e-mail now (warns once if it has problems)",
        ),
        Binding("escape", "close", "Close", id="message_close"),
    ]

    def __init__(self, message: Draft, outgoing: Outgoing | NotSendable | None = None) -> None:
        """`outgoing`: how the text would go out as e-mail, or why it cannot; None when sending is off."""
        super().__init__()
        self.message = message
        self.outgoing = outgoing
        self._sending_to = ""  # while the server is answering: who the message goes to
        self._send_warned: tuple[str, str] | None = None  # the (subject, body) the last warning was about
        self.problems: list[Problem] = []
        #: The (part, text) the last warning was about: the same press again copies anyway.
        self._warned: tuple[Part, str] | None = None
        self._copied: tuple[str, str] | None = None  # (subject, body) last copied
        self._recheck: Timer | None = None
        self._names: set[str] = set()

    @property
    def has_subject(self) -> bool:
        return self.message.channel == "email"

    def compose(self) -> ComposeResult:
        with self.box("message-box", self.message.title):
            if self.message.detail:
                yield Static(self.message.detail, id="message-detail", markup=False)
            if self.has_subject:
                with Horizontal(id="message-subject-line"):
                    yield Label("Subject", id="message-subject-label")
                    yield TextInput(self.message.subject, placeholder="Subject", compact=True, id="message-subject")
            yield CheckedTextArea(self.message.body, soft_wrap=True, compact=True, id="message-body")
            yield Static(id="message-count")
            yield ProblemList(id="message-problems")
            yield Static(id="message-status", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self._names = names_in(self.infoint.repo.campaign)
        self.recheck()
        self.body_area.focus()

    # Reading the text --------------------------------------------------------------------

    @property
    def body_area(self) -> CheckedTextArea:
        return self.query_one("#message-body", CheckedTextArea)

    @property
    def subject(self) -> str:
        return self.query_one("#message-subject", Input).value if self.has_subject else ""

    @property
    def body(self) -> str:
        return self.body_area.text

    def text_of(self, part: Part) -> str:
        return self.subject if part == "subject" else self.body

    @property
    def edited(self) -> bool:
        return (self.subject, self.body) != (self.message.subject, self.message.body)

    @property
    def over_limit(self) -> bool:
        return self.message.channel == "linkedin" and len(self.body) > LINKEDIN_LIMIT

    # Checking ----------------------------------------------------------------------------

    @on(TextArea.Changed, "#message-body")
    @on(Input.Changed, "#message-subject")
    def _text_changed(self) -> None:
        self._show_count()
        if self._recheck is not None:
            self._recheck.stop()
        self._recheck = self.set_timer(RECHECK_DELAY, self.recheck)

    def recheck(self) -> None:
        """Check both parts now, mark and list what is wrong."""
        if self._recheck is not None:
            self._recheck.stop()
        own = self.infoint.repo.campaign.profile.words
        parts: tuple[Part, ...] = ("subject", "body") if self.has_subject else ("body",)
        self.problems = [
            Problem(part, found)
            for part in parts
            for found in check_part(
                self.text_of(part),
                made=self.message.made,
                part=part,
                names=self._names,
                own_words=own,
            )
        ]
        self.body_area.mark([p.issue for p in self.problems if p.part == "body"])
        problem_list = self.query_one(ProblemList)
        highlighted = problem_list.highlighted
        problem_list.set_options(
            Option(("Subject: " if p.part == "subject" else "") + p.found.message) for p in self.problems
        )
        if problem_list.has_focus and not self.problems:
            self.body_area.focus()  # the list is about to vanish
        problem_list.display = bool(self.problems)
        if self.problems:
            problem_list.highlighted = min(highlighted or 0, len(self.problems) - 1)
        self._show_count()
        self._show_status()

    @property
    def problem_count(self) -> int:
        return len(self.problems) + self.over_limit

    def _show_count(self) -> None:
        length = len(self.body)
        text = f"{length} characters"
        if self.message.channel == "linkedin":
            text = f"{length} of {LINKEDIN_LIMIT} characters (LinkedIn's limit for a note)"
        counter = self.query_one("#message-count", Static)
        counter.update(text)
        counter.set_class(self.over_limit, "-over")

    def _show_status(self, text: str = "", style: str = "") -> None:
        status = self.query_one("#message-status", Static)
        if not text:
            copied = self._copied == (self.subject, self.body)
            if copied:
                return  # the copy's report stays until the text changes
            found = self.problem_count
            if found:
                parts = [spelling.summary(p.issue for p in self.problems)] if self.problems else []
                if self.over_limit:
                    parts.append(f"{len(self.body) - LINKEDIN_LIMIT} characters over LinkedIn's limit")
                text, style = f"{count(found, 'problem')}: {'; '.join(parts)}", "-warning"
                if self.problems:
                    text += ". Tab to the list: Enter fixes one, a adds a word to yours."
            else:
                text, style = "No problems found.", "-fine"
        status.update(text)
        status.set_classes(style)

    # Acting ------------------------------------------------------------------------------

    async def action_copy(self, part: Part) -> None:
        if part == "subject" and not self.has_subject:
            return
        self.recheck()  # never copy on the strength of a check made before the last keystrokes
        text = self.text_of(part)
        found = self.problem_count
        if found and self._warned != (part, text):
            self._warned = (part, text)
            key = "ctrl+y" if part == "body" else "ctrl+t"
            self._show_status(f"{count(found, 'problem')}: press {key} again to copy anyway", "-warning")
            self.app.bell()
            return
        self._warned = None
        result = await clipboard.copy(self.app, text)
        if part == "body":
            self._copied = (self.subject, self.body)
        report = result.summary()
        if part == "subject":
            report = f"Subject: {report}"
        if result.hint:
            report += f"\n{result.hint}"
        self._show_status(report, "-copied")

    async def action_send(self) -> None:
        if self._sending_to or self.outgoing is None:
            return  # one press sends once: the next is ignored until the server has answered
        if isinstance(self.outgoing, NotSendable):
            self._show_status(str(self.outgoing), "-warning")
            self.app.bell()
            return
        self.recheck()
        text, found = (self.subject, self.body), self.problem_count
        if found and self._send_warned != text:
            self._send_warned = text
            self._show_status(f"{count(found, 'problem')}: press ctrl+o again to send anyway", "-warning")
            self.app.bell()
            return
        self._sending_to = self.outgoing.envelope.recipients
        self.refresh_bindings()
        self._show_status(f"Sending to {self._sending_to}…", "-warning")
        self._send(self.outgoing, *text)

    @work(group="message-send")
    async def _send(self, outgoing: Outgoing, subject: str, body: str) -> None:
        """The server's answer comes in a thread: the screen stays live, and the text stays on failure."""
        from infoint_tui.mail.send import SendError

        message = outgoing.message(subject, body, clock.now().astimezone())
        try:
            sent = await asyncio.to_thread(send, outgoing, message)
        except SendError as error:
            self._sending_to = ""
            self.refresh_bindings()
            self._show_status(str(error), "-warning")
            self.app.bell()
            return
        self.dismiss(Copied(self._copied is not None, subject, body, sent))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "send":
            return None if self._sending_to else self.outgoing is not None
        if action == "copy" and parameters == ("subject",):
            return self.has_subject
        if action == "add_word":
            return self._selected_word() is not None
        return True

    def _selected(self) -> Problem | None:
        index = self.query_one(ProblemList).highlighted
        return self.problems[index] if index is not None and index < len(self.problems) else None

    def _selected_word(self) -> str | None:
        problem = self._selected()
        return problem.issue.word if problem and problem.issue.kind == "misspelled" else None

    @on(OptionList.OptionHighlighted, "#message-problems")
    def _refresh_keys(self) -> None:
        self.refresh_bindings()

    @on(OptionList.OptionSelected, "#message-problems")
    @work(exclusive=True, group="message-fix")
    async def fix(self) -> None:
        """Put a suggestion in place, in the part it was found in, and where it came from if the user agrees."""
        problem = self._selected()
        if problem is None or not problem.issue.suggestions:
            self.notify("No suggestion for this one: edit the text itself.", timeout=notice.SHORT)
            return
        issue = problem.issue
        if self.text_of(problem.part)[issue.start : issue.end] != issue.word:  # typed since the last check
            self.recheck()
            self.notify("The text changed since it was checked; the list is up to date now.", timeout=notice.SHORT)
            return
        replacement = await self._choose(problem)
        if replacement is None:
            return
        # A read-only file cannot take the fix: it is made here without asking.
        source = None if self.repo.read_only else problem.found.source
        if source is not None and await self.app.push_screen_wait(
            ConfirmScreen(
                f"Fix it in {source.description} as well?",
                "Then every message made from it has the fix, not only this one.",
                yes="Fix it there",
                no="Only here",
            )
        ):
            self._fix_at_source(problem, source, replacement)
        else:
            self._replace(problem, replacement)
        self.recheck()

    async def _choose(self, problem: Problem) -> str | None:
        suggestions = problem.issue.suggestions
        if len(suggestions) == 1:
            return suggestions[0]
        choices = [Choice(str(n), suggestion, suggestion) for n, suggestion in enumerate(suggestions, 1)]
        question = f"In place of \u201c{problem.issue.word}\u201d"
        source = problem.found.source
        detail = f"It comes from {source.description}." if source else ""
        return await self.app.push_screen_wait(ChoiceScreen(question, choices, detail))

    def _replace(self, problem: Problem, replacement: str) -> None:
        issue = problem.issue
        if problem.part == "subject":
            subject = self.query_one("#message-subject", Input)
            subject.value = subject.value[: issue.start] + replacement + subject.value[issue.end :]
        else:
            document = self.body_area.document
            assert isinstance(document, Document)  # plain text: never a syntax tree's document
            self.body_area.replace(
                replacement, document.get_location_from_index(issue.start), document.get_location_from_index(issue.end)
            )

    def _fix_at_source(self, problem: Problem, source: Source, replacement: str) -> None:
        """Save the template or profile with the fix, then make the message from it again."""
        made = self.message.made
        assert made is not None  # a problem has a source only in a message made from a template
        repo = self.infoint.repo
        record = fixed_at_source(made, repo.campaign.profile, problem.found, replacement)
        if record is None:
            self.notify(f"It is no longer in {source.description}: fixed here only.", timeout=notice.SHORT)
            self._replace(problem, replacement)
            return
        save = repo.save_profile if isinstance(record, Profile) else repo.save_template
        if not self.infoint.change(save, record):  # refused, and said why: fixed here only
            self._replace(problem, replacement)
            return
        edited = self.edited
        made = remade(made, record)
        self.message = _drafted(made, self.message.title, self.message.detail)
        if edited:  # keep what the user typed: fix only this spot
            self._replace(problem, replacement)
        else:
            if self.has_subject:
                self.query_one("#message-subject", Input).value = self.message.subject
            self.body_area.load_text(self.message.body)
        self.notify(f"Fixed in {source.description}.", timeout=notice.SHORT)

    def action_add_word(self) -> None:
        word = self._selected_word()
        if word is None:
            return
        repo = self.infoint.repo
        profile = repo.campaign.profile
        updated = dataclasses.replace(profile, words=[*profile.words, word])
        if self.infoint.change(repo.save_profile, updated):
            self.notify(f'"{word}" added to your words: it will not be flagged again.', timeout=notice.SHORT)
            self.recheck()

    @work(exclusive=True, group="message-close")
    async def action_close(self) -> None:
        if self._sending_to:  # closing now would lose the record of a message the server may take
            self._show_status(f"Sending to {self._sending_to}… wait for the server's answer.", "-warning")
            return
        unsaved = self.edited and self._copied != (self.subject, self.body)
        if unsaved and not await discard_changes(
            self.app,
            "Close and lose your changes to this text?",
            "They were not copied. The template itself stays as it is.",
        ):
            return
        # What the caller records is what was copied, not later edits.
        subject, body = self._copied or (self.subject, self.body)
        self.dismiss(Copied(self._copied is not None, subject, body))

"""Importing people from a file: read in a thread, show what it would add, add it on a yes.

Imports are all-or-nothing: a file with any rejected row adds nobody, and the rows are
listed with their line numbers so they can be fixed. A vCard import is lenient (the same
default as `infoint import vcard`): what it skipped is listed the same way, and the rest can
still be imported. Reading (the slow part: 30,000 rows
take about half a second) runs in a worker over a copy of the record indexes; the plan is
applied on the UI thread, the only one that changes the campaign.

New companies that look like ones already there (or like another new one) are listed, each
ticked or not: a ticked one is not added, its people go to the company it looks like.
Those whose names differ only in case, accents or a suffix such as Inc. come ticked.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import Button, ProgressBar, SelectionList, Static
from textual.worker import get_current_worker

from infoint_tui.domain.companies import same_name
from infoint_tui.domain.models import Campaign, Company
from infoint_tui.domain.text import clean_line
from infoint_tui.domain.wording import count
from infoint_tui.tui.access import DataAccess
from infoint_tui.tui.widgets.dialog import Dialog

if TYPE_CHECKING:
    from infoint_tui.exchange.plan import ImportPlan, Rejected


@dataclass(frozen=True)
class ImportKind:
    title: str
    #: Module and function of the reader: imported when used, to keep start-up short.
    module: str
    reader: str
    help: str
    placeholder: str

    def read(self, path: Path, campaign: Campaign) -> ImportPlan:
        read: Callable[[Path, Campaign], ImportPlan] = getattr(import_module(self.module), self.reader)
        return read(path, campaign)


LINKEDIN = ImportKind(
    "Import LinkedIn connections",
    "infoint_tui.exchange.linkedin",
    "read_linkedin",
    "LinkedIn's Connections.csv: on LinkedIn, Settings → Data privacy → Get a copy of your data "
    "→ Connections. Everyone in it becomes a 1st-degree contact, asked with the request for a "
    "LinkedIn contact rather than the one for someone you know well.",
    "~/Downloads/Connections.csv",
)
VCARD = ImportKind(
    "Import vCard contacts",
    "infoint_tui.exchange.vcard",
    "read_vcard",
    "A .vcf file exported from an address book or a phone (one or many cards). "
    "Everyone in it becomes a 1st-degree contact; a card with a problem is skipped and listed.",
    "~/Downloads/contacts.vcf",
)


class ImportScreen(DataAccess, Dialog[int]):
    """Runs one import; returns how many people were added (0: none)."""

    DEFAULT_CSS = """
    ImportScreen #import-progress { margin: 1 0; }
    ImportScreen #import-summary { text-style: bold; }
    ImportScreen #import-rejected { height: auto; max-height: 12; color: $text-error; }
    ImportScreen #import-rejected.-warning { color: $text-warning; }
    ImportScreen #import-likely-note { margin: 1 0 0 0; color: $text-muted; }
    ImportScreen #import-likely { height: auto; max-height: 8; border: none; padding: 0; }
    ImportScreen #import-buttons { height: auto; margin: 1 0 0 0; align-horizontal: right; }
    ImportScreen Button { margin: 0 0 0 2; }
    """
    BINDINGS = [Binding("escape", "close", "Close")]

    @dataclass
    class Progress(Message):
        """The reader has got this far."""

        rows: int
        unit: str

    def __init__(self, kind: ImportKind, path: Path) -> None:
        super().__init__()
        self.kind = kind
        self.path = path
        self.file_name = clean_line(path.name)  # shown: a file's name is data too
        self.plan: ImportPlan | None = None
        self.likely: list[tuple[Company, Company]] = []

    def compose(self) -> ComposeResult:
        with self.box("import-box", self.kind.title):
            yield Static(f"Reading {self.file_name}…", id="import-summary", markup=False)
            yield ProgressBar(total=None, show_eta=False, show_percentage=False, id="import-progress")
            with VerticalScroll(id="import-rejected") as rejected:
                rejected.display = False
                yield Static("", id="import-lines", markup=False)
            yield Static("", id="import-likely-note", markup=False)
            yield SelectionList[int](id="import-likely")
            with Horizontal(id="import-buttons"):
                yield Button("Import", variant="primary", compact=True, id="import-yes", disabled=True)
                yield Button("Cancel", compact=True, id="import-no")

    def on_mount(self) -> None:
        self.query_one("#import-likely-note").display = self.query_one("#import-likely").display = False
        campaign = self.infoint.repo.campaign
        # The reader runs in a thread: give it its own indexes to iterate over.
        snapshot = dataclasses.replace(campaign, people=dict(campaign.people), companies=dict(campaign.companies))
        self.read(snapshot)

    @work(thread=True, exclusive=True, group="import")
    def read(self, campaign: Campaign) -> None:
        from infoint_tui.exchange.builder import reporting_progress
        from infoint_tui.exchange.plan import ImportProblem

        worker = get_current_worker()

        def report(rows: int, unit: str) -> None:
            if worker.is_cancelled:  # closed while reading: stop, rather than read on unseen
                raise ImportProblem("The import was cancelled.")
            self.post_message(self.Progress(rows, unit))

        try:
            with reporting_progress(report):
                plan = self.kind.read(self.path, campaign)
        except ImportProblem as problem:
            self.app.call_from_thread(self._finish, str(problem))
            return
        likely = [] if plan.rejected else plan.likely_matches()
        self.app.call_from_thread(self._show_plan, plan, likely)

    def on_import_screen_progress(self, progress: Progress) -> None:
        if self.plan is None:  # a late message must not overwrite the plan's summary
            self.query_one("#import-summary", Static).update(
                f"Reading {self.file_name}: {progress.rows:,} {progress.unit}s so far…"
            )

    def _show_plan(self, plan: ImportPlan, likely: list[tuple[Company, Company]]) -> None:
        if not self.is_attached:
            return  # cancelled while reading
        self.plan, self.likely = plan, likely
        if plan.rejected:
            self._list(
                plan.rejected, f"Nothing was imported: fix these {plan.unit}s and import the file again.", warning=False
            )
            self._finish(plan.summary())
            return
        if plan.skipped:
            self._list(plan.skipped, "These were skipped; the rest of the file was read.", warning=True)
        if not plan.people:
            self._finish(f"Nobody new in {self.file_name}: {plan.summary()}.")
        else:
            self.query_one(ProgressBar).display = False
            self.query_one("#import-summary", Static).update(plan.summary())
            if likely:
                self._show_likely(plan, likely)
            button = self.query_one("#import-yes", Button)
            button.label = f"Import {len(plan.people):,}"
            button.disabled = False
            button.focus()

    def _list(self, problems: list[Rejected], conclusion: str, *, warning: bool) -> None:
        lines = "\n".join(map(str, problems))
        self.query_one("#import-lines", Static).update(f"{lines}\n{conclusion}")
        box = self.query_one("#import-rejected")
        box.set_class(warning, "-warning")
        box.display = True

    def _show_likely(self, plan: ImportPlan, likely: list[tuple[Company, Company]]) -> None:
        note = self.query_one("#import-likely-note", Static)
        note.update(
            f"{count(len(likely), 'new company looks', 'new companies look')} like another. A ticked "
            "one is not added: its people go to the company after the arrow (shift+tab to the list, "
            "space ticks or unticks)."
        )
        lines = plan.describe_matches(likely)
        choices = self.query_one("#import-likely", SelectionList)
        choices.add_options(
            (line, index, same_name(new.name, other.name))
            for index, (line, (new, other)) in enumerate(zip(lines, likely, strict=True))
        )
        choices.highlighted = 0
        note.display = choices.display = True

    def _finish(self, message: str) -> None:
        """Say how it ended; only closing is left to do."""
        if not self.is_attached:
            return
        self.query_one(ProgressBar).display = False
        self.query_one("#import-summary", Static).update(message)
        self.query_one("#import-likely-note").display = self.query_one("#import-likely").display = False
        self.query_one("#import-yes", Button).display = False
        close = self.query_one("#import-no", Button)
        close.label = "Close"
        close.focus()

    @on(Button.Pressed, "#import-yes")
    def _import(self) -> None:
        plan = self.plan
        assert plan is not None
        self.query_one("#import-yes", Button).disabled = True
        ticked = self.query_one("#import-likely", SelectionList).selected
        plan.use_existing(self.likely[index] for index in ticked)
        self.query_one("#import-summary", Static).update(f"Adding {len(plan.people):,} people…")
        self.query_one(ProgressBar).display = True
        # Let the message show before the (blocking) write of the whole plan.
        self.call_after_refresh(self._apply, plan)

    def _apply(self, plan: ImportPlan) -> None:
        added = f"Imported {count(len(plan.people), 'person', 'people')} from {self.file_name}"
        if self.infoint.change(plan.apply, self.infoint.repo, undo=added):
            self.app.notify(
                f"Added {count(len(plan.people), 'person', 'people')} and "
                f"{count(len(plan.companies), 'company', 'companies')} from {self.file_name}.",
                title="Imported",
            )
            self.dismiss(len(plan.people))
        else:
            self._finish("Nothing was imported (see the message).")

    @on(Button.Pressed, "#import-no")
    def action_close(self) -> None:
        self.workers.cancel_group(self, "import")
        self.dismiss(0)

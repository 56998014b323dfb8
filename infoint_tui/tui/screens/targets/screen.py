"""Targets: the people and companies of the campaign, as filterable lists beside a detail pane.

The lists are line-API widgets over ids, so 30,000 people scroll and filter as quickly as
60. What is shown is rebuilt from the campaign when a change touches what it shows
(`DataChanged`), lazily: a screen that is not on view waits until it is shown again.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Input, Static

from infoint_tui.domain.models import Company, Person
from infoint_tui.domain.removal import removal_plan
from infoint_tui.domain.target_search import (
    COMPANY_SORTS,
    PERSON_SORTS,
    Links,
    RecordIndex,
    companies_index,
    people_index,
)
from infoint_tui.tui.messages import RECORDS, DataChanged
from infoint_tui.tui.screens.base import BaseScreen
from infoint_tui.tui.screens.targets.company_form import CompanyForm
from infoint_tui.tui.screens.targets.detail import company_detail, person_detail
from infoint_tui.tui.screens.targets.import_dialog import LINKEDIN, VCARD, ImportKind, ImportScreen
from infoint_tui.tui.screens.targets.person_form import PersonForm
from infoint_tui.tui.screens.targets.rows import company_row, person_row
from infoint_tui.tui.widgets.confirm import ConfirmScreen
from infoint_tui.tui.widgets.heading import Heading
from infoint_tui.tui.widgets.path_prompt import PathPrompt
from infoint_tui.tui.widgets.record_list import RecordList, RowFormatter
from infoint_tui.usecases.people import store_person

Kind = Literal["people", "companies"]
KINDS: tuple[Kind, Kind] = ("people", "companies")
FILTER_HINT = "/ to filter: name, company, #tag…"
#: Actions on the highlighted record of one list only.
LIST_ACTIONS: dict[str, Kind] = {"request_interview": "people", "merge": "companies"}


@dataclass
class ListView:
    """What one list shows, for one version of the data."""

    index: RecordIndex
    row: RowFormatter
    sorts: tuple[str, ...]


class TargetsScreen(BaseScreen):
    MODE = "targets"
    TITLE = "Targets"
    SHOWS = RECORDS
    CSS_PATH = "targets.tcss"
    AUTO_FOCUS = "#people-list"
    HELP = (
        "Everyone and every company you might talk to. Type after / to filter: every word must "
        "match, #tag finds a tag, a misspelt word still finds close matches; escape shows the whole "
        "list again. i imports LinkedIn's Connections.csv, v an address book's vCard file. On the "
        "companies, m merges the highlighted one into another: its people and their outreach move there."
    )
    PALETTE = [
        ("New person", "Add someone to your targets", "new_person"),
        ("New company", "Add a company to your targets", "new_company"),
        ("Import LinkedIn connections", "Add everyone from LinkedIn's Connections.csv", "import_linkedin"),
        ("Import vCard contacts", "Add everyone from an address book's .vcf file", "import_vcard"),
        ("Request an interview", "Write, check and record a request to the highlighted person", "request_interview"),
        ("Merge companies", "Merge the highlighted company into another; its people move there", "merge_company"),
    ]
    BINDINGS = [
        Binding("slash", "focus_filter", "Filter", id="targets_filter", tooltip="Filter the list as you type"),
        Binding("p", "show_list('people')", "People", id="targets_people", tooltip="Show the people"),
        Binding("c", "show_list('companies')", "Companies", id="targets_companies", tooltip="Show the companies"),
        Binding("n", "new", "New", id="targets_new", tooltip="Add a person or a company"),
        Binding("e", "edit", "Edit", id="targets_edit", tooltip="Edit the highlighted one (or Enter)"),
        Binding("delete,d", "delete", "Delete", id="targets_delete", tooltip="Delete the highlighted one"),
        Binding("s", "cycle_sort", "Sort", id="targets_sort", tooltip="Sort by name, company, degree, newest"),
        Binding(
            "r",
            "request_interview",
            "Request",
            id="targets_request",
            tooltip="Write, check and record a request for an informational interview",
        ),
        Binding(
            "m",
            "merge",
            "Merge",
            id="targets_merge",
            tooltip="Merge the highlighted company into another: its people and their outreach move there",
        ),
        Binding("i", "import_linkedin", "Import LinkedIn", show=False, id="targets_import_linkedin"),
        Binding("v", "import_vcard", "Import vCard", show=False, id="targets_import_vcard"),
        Binding("escape,down", "leave_filter", "Back to the list", id="targets_leave_filter"),
        Binding(
            "escape",
            "clear_filter",
            "Clear filter",
            id="targets_clear_filter",
            tooltip="Show the whole list again, still on the highlighted one",
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.kind: Kind = "people"
        self.queries: dict[Kind, str] = {"people": "", "companies": ""}
        self.sort_choice: dict[Kind, int] = {"people": 0, "companies": 0}
        self._stale = True  # the lists do not follow the campaign yet
        self._nothing_highlighted = False
        self._card_shows: tuple[Kind, int | None] | None = None
        self._links = Links()
        self._views: dict[Kind, ListView] = {}

    # Layout ----------------------------------------------------------------------------

    def compose_body(self) -> ComposeResult:
        self._rebuild()
        with Horizontal(id="targets"):
            with Vertical(id="targets-lists"):
                yield Heading(id="targets-heading")
                yield Input(placeholder=FILTER_HINT, compact=True, id="targets-filter")
                for kind in KINDS:
                    yield RecordList(self._views[kind].row, id=f"{kind}-list")
            with VerticalScroll(id="targets-detail"):
                yield Static(id="targets-card")

    def on_mount(self) -> None:
        self.list_of("companies").display = False
        self._fill()

    def list_of(self, kind: Kind | None = None) -> RecordList:
        return self.query_one(f"#{kind or self.kind}-list", RecordList)

    @property
    def filter_input(self) -> Input:
        return self.query_one("#targets-filter", Input)

    # Data ------------------------------------------------------------------------------

    def _rebuild(self) -> None:
        campaign = self.campaign
        links = self._links = Links.of(campaign)
        self._views = {
            "people": ListView(people_index(campaign, links), person_row(campaign), PERSON_SORTS),
            "companies": ListView(companies_index(campaign, links), company_row(campaign, links), COMPANY_SORTS),
        }
        self._stale = False
        self._card_shows = None

    def on_data_changed(self, message: DataChanged) -> None:
        if message.kinds & self.SHOWS:
            self._stale = True
            super().on_data_changed(message)

    def refresh_data(self) -> None:
        if self._stale:
            self._rebuild()
            self._fill()

    def _fill(self) -> None:
        for kind in KINDS:
            self._refilter(kind, keep=self.list_of(kind).highlighted_id)
        self.call_after_refresh(self._prepare_filters)

    def _prepare_filters(self) -> None:
        # Once the lists are on screen, so the first keystroke costs no more than the next.
        for kind in KINDS:
            self._views[kind].index.prepare(self._sort(kind))

    def _refilter(self, kind: Kind, keep: int | None = None) -> None:
        view = self._views[kind]
        matches = view.index.filter(self.queries[kind], self._sort(kind))
        query = self.queries[kind].strip()
        nobody = "Nobody" if kind == "people" else "No company"
        empty = f"{nobody} matches “{query}”." if query else f"{kind.title()}: none yet. Press n to add."
        self.list_of(kind).set_rows(matches.ids, keep=keep, format_row=view.row, empty_text=empty)
        if kind == self.kind:
            self._show_heading(len(matches.ids), matches.approximate)

    def _sort(self, kind: Kind) -> str:
        sorts = self._views[kind].sorts
        return sorts[self.sort_choice[kind] % len(sorts)]

    def _show_heading(self, shown: int, approximate: bool) -> None:
        total = len(self._views[self.kind].index.records)
        count = f"{self.kind.title()} {shown:,}" + (f" of {total:,}" if self.queries[self.kind] else "")
        heading = self.query_one(Heading)
        heading.title = count + ("  ≈ close" if approximate else "")
        heading.note = f"sort: {self._sort(self.kind)}"

    def highlighted(self) -> Person | Company | None:
        record_id = self.list_of().highlighted_id
        records = self.campaign.people if self.kind == "people" else self.campaign.companies
        return records.get(record_id) if record_id is not None else None

    # Detail ----------------------------------------------------------------------------

    @on(RecordList.Highlighted)
    def _highlighted(self, event: RecordList.Highlighted) -> None:
        if event.record_list is self.list_of():
            self._show_card()

    def _show_card(self) -> None:
        record = self.highlighted()
        shown = (self.kind, record.id if record else None)
        if shown == self._card_shows:
            return  # typing on often keeps the same record on top: spare the relayout
        self._card_shows = shown
        card = self.query_one("#targets-card", Static)
        if isinstance(record, Person):
            card.update(person_detail(self.campaign, self._links, record))
        elif isinstance(record, Company):
            card.update(company_detail(self.campaign, self._links, record))
        elif self._views[self.kind].index.records:
            card.update("Nothing matches the filter: change it, or press escape on the list to see everyone.")
        else:
            card.update("Add people with n, or bring in your LinkedIn connections (i) or an address book (v).")
        self.query_one("#targets-detail").scroll_home(animate=False)
        if (record is None) != self._nothing_highlighted:
            # Edit and Delete come and go in the footer (rebuilt on each refresh, so only then).
            self._nothing_highlighted = record is None
            self.refresh_bindings()

    # Lists and filter ------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("leave_filter", "focus_filter"):
            return (self.focused is self.filter_input) == (action == "leave_filter")
        if action == "clear_filter":
            return self.focused is not self.filter_input and bool(self.queries[self.kind])
        if action == "show_list":
            return parameters[0] != self.kind
        if action in ("edit", "delete"):
            return None if self.highlighted() is None else True
        if action in LIST_ACTIONS:
            if LIST_ACTIONS[action] != self.kind:
                return False  # not shown: it does nothing on the other list
            return None if self.highlighted() is None else True
        return True

    @work(exclusive=True, group="targets-request")
    async def action_request_interview(self) -> None:
        person = self.highlighted()
        if isinstance(person, Person):
            from infoint_tui.tui.flows.outreach import request_interview  # its dialogs load on first use

            await request_interview(self, person.id)

    def action_show_list(self, kind: Kind) -> None:
        if kind != self.kind:
            self.list_of().display = False
            self.kind = kind
            self.list_of().display = True
            self.filter_input.value = self.queries[kind]  # each list keeps its own filter
            self._refilter(kind, keep=self.list_of().highlighted_id)
            self.refresh_bindings()
        self.list_of().focus()

    def action_focus_filter(self) -> None:
        self.filter_input.focus()

    def action_leave_filter(self) -> None:
        self.list_of().focus()

    def action_clear_filter(self) -> None:
        self.queries[self.kind] = ""
        self.filter_input.value = ""
        self._refilter(self.kind, keep=self.list_of().highlighted_id)
        self.refresh_bindings()

    @on(Input.Changed, "#targets-filter")
    def _filter(self, event: Input.Changed) -> None:
        if event.value != self.queries[self.kind]:
            self.queries[self.kind] = event.value
            self._refilter(self.kind)

    @on(Input.Submitted, "#targets-filter")
    def _filtered(self) -> None:
        self.list_of().focus()

    def action_cycle_sort(self) -> None:
        self.sort_choice[self.kind] += 1
        self._refilter(self.kind, keep=self.list_of().highlighted_id)

    def _reveal_changed(self, kind: Kind, record_id: int) -> None:
        """After a change: show the record once the lists have heard of it (it is queued after)."""
        self.call_later(self._reveal, kind, record_id)

    def _reveal(self, kind: Kind, record_id: int) -> None:
        """Show a record in its list, clearing the filter if it hides it."""
        self.refresh_data()
        self.action_show_list(kind)
        if not self.list_of().move_to(record_id):
            self.action_clear_filter()
            self.list_of().move_to(record_id)

    def action_show_person(self, person_id: int) -> None:
        if person_id in self.campaign.people:
            self._reveal("people", person_id)

    def action_show_company(self, company_id: int) -> None:
        if company_id in self.campaign.companies:
            self._reveal("companies", company_id)

    # Adding, editing, deleting ---------------------------------------------------------

    def action_new(self) -> None:
        if self.kind == "people":
            self.action_new_person()
        else:
            self.action_new_company()

    def action_new_person(self) -> None:
        self._ask_person(PersonForm(self.campaign))

    def action_new_company(self) -> None:
        self._ask_company(CompanyForm(self.campaign))

    @on(RecordList.Chosen)
    def action_edit(self) -> None:
        record = self.highlighted()
        if isinstance(record, Person):
            self._ask_person(PersonForm(self.campaign, record))
        elif isinstance(record, Company):
            self._ask_company(CompanyForm(self.campaign, record))

    def _ask_person(self, form: PersonForm) -> None:
        def saved(values: dict[str, str] | None) -> None:
            if values is None:
                return
            person, new_company = form.person(values)
            if self.change(store_person, self.repo, person, new_company):
                self._reveal_changed("people", person.id)

        self.app.push_screen(form.screen(), saved)

    def _ask_company(self, form: CompanyForm) -> None:
        def saved(values: dict[str, str] | None) -> None:
            if values is None:
                return
            company = form.company(values)
            if self.change(self.repo.save if company.id else self.repo.add, company):
                self._reveal_changed("companies", company.id)

        self.app.push_screen(form.screen(), saved)

    def action_delete(self) -> None:
        record = self.highlighted()
        if record is None:
            return
        also = removal_plan(self.campaign, record).describe()
        detail = f"Also affected: {also}." if also else "Nothing else goes with it."
        if isinstance(record, Company) and self._links.staff.get(record.id):
            detail += " Its people stay in your targets, without a company."

        def answered(yes: bool | None) -> None:
            if yes:
                self.change(self.repo.remove, record)

        self.app.push_screen(ConfirmScreen(f"Delete {record.name}?", detail, yes="Delete"), answered)

    # Merging ---------------------------------------------------------------------------

    def action_merge_company(self) -> None:
        """From the palette: merge the highlighted company, or show the companies to pick one."""
        if self.kind == "companies":
            self.action_merge()
        else:
            self.action_show_list("companies")
            self.notify("Highlight the company to merge into another, then press m.", title="Merge companies")

    @work(exclusive=True, group="targets-merge")
    async def action_merge(self) -> None:
        company = self.highlighted()
        if isinstance(company, Company):
            from infoint_tui.tui.flows.merging import merge_company  # its dialogs load on first use

            kept = await merge_company(self, company)
            if kept is not None:
                self._reveal_changed("companies", kept.id)

    # Importing -------------------------------------------------------------------------

    def action_import_linkedin(self) -> None:
        self._import(LINKEDIN)

    def action_import_vcard(self) -> None:
        self._import(VCARD)

    def _import(self, kind: ImportKind) -> None:
        def chosen(path: Path | None) -> None:
            if path is not None:
                self.app.push_screen(ImportScreen(kind, path), imported)

        def imported(_added: int | None) -> None:
            self.list_of().focus()

        self.app.push_screen(PathPrompt(kind.title, kind.help, kind.placeholder), chosen)

"""Targets: the people and companies of the campaign, as filterable lists beside a detail pane.

The lists are line-API widgets over ids, so 30,000 people scroll and filter as quickly as
60. What they are drawn from (`TargetLists`: search index, sort orders, everyone's stage) is
built ahead on a thread (`tui.ahead`) and kept. A saved person is updated in place, their row
alone; any other change that touches what is shown (`DataChanged`), or a new day, has it built
again, lazily: a screen that is not on view waits until it is shown again.

People can be selected (space, or * for everyone shown) to tag, archive, snooze or delete
them together, each in one write: all of them or, if the file refuses, none.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Literal

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Input

from infoint_tui import clock
from infoint_tui.domain.models import Company, Person
from infoint_tui.domain.removal import people_removal_plan, removal_plan
from infoint_tui.domain.stages import NAMES, Stage
from infoint_tui.domain.target_search import (
    ARCHIVED_TERM,
    COMPANY_SORTS,
    PERSON_SORTS,
    STAGE_TERM,
    RecordIndex,
    Scope,
    TargetLists,
    tag_words,
)
from infoint_tui.domain.wording import count, listed
from infoint_tui.tui import notice
from infoint_tui.tui.access import changes_data
from infoint_tui.tui.messages import RECORDS, DataChanged
from infoint_tui.tui.screens.base import UNDO, BaseScreen
from infoint_tui.tui.screens.form_parts import parse_tags
from infoint_tui.tui.screens.targets.company_form import CompanyForm
from infoint_tui.tui.screens.targets.detail import company_detail, person_detail
from infoint_tui.tui.screens.targets.import_dialog import LINKEDIN, VCARD, ImportKind, ImportScreen
from infoint_tui.tui.screens.targets.person_form import PersonForm
from infoint_tui.tui.screens.targets.rows import company_row, person_row
from infoint_tui.tui.widgets.card import Card
from infoint_tui.tui.widgets.choice import Choice, ChoiceScreen
from infoint_tui.tui.widgets.confirm import ConfirmScreen
from infoint_tui.tui.widgets.form import Field, FormScreen
from infoint_tui.tui.widgets.heading import Heading
from infoint_tui.tui.widgets.path_prompt import PathPrompt
from infoint_tui.tui.widgets.record_list import RecordList, RowFormatter
from infoint_tui.tui.widgets.text_fields import TextInput
from infoint_tui.usecases import bulk
from infoint_tui.usecases.people import store_person

Kind = Literal["people", "companies"]
KINDS: tuple[Kind, Kind] = ("people", "companies")
FILTER_HINT = "/ to filter: name, company, #tag, stage:due…"
#: Actions on the highlighted record of one list only.
LIST_ACTIONS: dict[str, Kind] = {"request_interview": "people", "merge": "companies"}
#: A bulk delete names this many people, then counts the rest.
NAMES_LISTED = 5
#: A change to more people than this is drawn anew rather than row by row.
ROWS_UPDATED_IN_PLACE = 20
#: How long a bulk snooze puts outreach off.
SNOOZES = [("w", "1 week", 7), ("2", "2 weeks", 14), ("4", "4 weeks", 28)]


@dataclass
class ListView:
    """What one list shows, for one version of the data."""

    index: RecordIndex
    row: RowFormatter
    sorts: tuple[str, ...]
    #: The query's terms (`stage:`), apart from its words.
    scope: Callable[[str], Scope] = Scope


class TargetsScreen(BaseScreen):
    MODE = "targets"
    TITLE = "Targets"
    SHOWS = RECORDS
    CSS_PATH = "targets.tcss"
    AUTO_FOCUS = "#people-list"
    HELP = (
        "Everyone and every company you might talk to. Type after / to filter: every word must "
        "match, #tag finds a tag, stage:due the people at a stage (not-asked, waiting, due, yes, held, "
        "thanked, no, assumed-no), is:archived the archived people; a misspelt word still finds close "
        "matches; escape shows the whole list again. Space selects a person, * everyone shown; then t "
        "tags, a archives, z snoozes their outreach and d deletes them all together. i imports "
        "LinkedIn's Connections.csv, v an address book's vCard file. On the companies, m merges the "
        "highlighted one into another: its people and their outreach move there."
    )
    PALETTE = [
        *(
            (
                f"People at stage: {NAMES[stage]}",
                f"Show the people whose stage is “{NAMES[stage]}” (filter {STAGE_TERM}{stage.value})",
                f"filter_stage('{stage.value}')",
            )
            for stage in Stage
        ),
        ("Show archived people", f"Show only the people put aside (filter {ARCHIVED_TERM})", "show_archived"),
        ("Sort people by stage", "Order the people as the campaign goes, from not asked to no", "sort_by('stage')"),
        ("Sort people by next date", "Whoever has something due soonest first", "sort_by('next date')"),
        ("Select everyone shown", "Select every person the filter shows, to act on them together", "select_all"),
        ("Tag the selected people", "Add a tag to every selected person", "tag"),
        ("Archive the selected people", f"Hide them from the list; the filter {ARCHIVED_TERM} shows them", "archive"),
        ("Restore the selected people", "Bring the selected archived people back into the list", "unarchive"),
        ("Snooze the selected people's outreach", "Put off the next step of their outreach", "snooze"),
        (
            "Delete the selected people",
            "Delete them with their outreach and interviews, after asking",
            "delete_selected",
        ),
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
        Binding(
            "s",
            "cycle_sort",
            "Sort",
            id="targets_sort",
            tooltip="Sort by name, company, degree, newest, stage, next date",
        ),
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
        Binding("space", "toggle_select", "Select", show=False, id="targets_select", tooltip="Select or unselect"),
        Binding(
            "asterisk",
            "select_all",
            "Select all",
            show=False,
            id="targets_select_all",
            tooltip="Select everyone shown (again: unselect them)",
        ),
        Binding("t", "tag", "Tag", show=False, id="targets_tag", tooltip="Tag the selected people"),
        Binding(
            "a",
            "archive",
            "Archive",
            show=False,
            id="targets_archive",
            tooltip="Archive the selected people (restore them if all are archived)",
        ),
        Binding("z", "snooze", "Snooze", show=False, id="targets_snooze", tooltip="Put off their outreach"),
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
        *UNDO,
        Binding(
            "escape",
            "clear_selection",
            "Unselect all",
            id="targets_clear_selection",
            tooltip="Unselect everyone (once the filter is clear)",
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.kind: Kind = "people"
        self.queries: dict[Kind, str] = {"people": "", "companies": ""}
        self.sort_choice: dict[Kind, int] = {"people": 0, "companies": 0}
        self._approximate: dict[Kind, bool] = {"people": False, "companies": False}
        self._stale = True  # the lists do not follow the campaign yet
        self._nothing_highlighted = False
        self._card_shows: tuple[Kind, int | None] | None = None
        self._lists: TargetLists | None = None
        self._views: dict[Kind, ListView] = {}

    # Layout ----------------------------------------------------------------------------

    def compose_body(self) -> ComposeResult:
        self._rebuild()
        with Horizontal(id="targets"):
            with Vertical(id="targets-lists"):
                yield Heading(id="targets-heading")
                yield TextInput(placeholder=FILTER_HINT, compact=True, id="targets-filter")
                for kind in KINDS:
                    yield RecordList(self._views[kind].row, id=f"{kind}-list")
            yield Card(id="targets-card")

    def on_mount(self) -> None:
        if not self.children:
            return  # composed ahead as the app quit: Textual mounted none of its widgets
        self.list_of("companies").display = False
        self._fill()

    def list_of(self, kind: Kind | None = None) -> RecordList:
        return self.query_one(f"#{kind or self.kind}-list", RecordList)

    @property
    def filter_input(self) -> Input:
        return self.query_one("#targets-filter", Input)

    # Data ------------------------------------------------------------------------------

    def _rebuild(self) -> None:
        campaign, today = self.campaign, clock.today()
        lists = self.infoint.ahead.target_lists(self.infoint.data_version, today) or TargetLists.build(campaign, today)
        self._lists = lists
        self._views = {
            "people": ListView(
                lists.people, person_row(campaign, lists.standings, today), PERSON_SORTS, lists.scopes.scope
            ),
            "companies": ListView(lists.companies, company_row(campaign, lists.links), COMPANY_SORTS),
        }
        self._stale = False
        self._card_shows = None

    @property
    def lists(self) -> TargetLists:
        assert self._lists is not None, "composed with its lists"
        return self._lists

    def on_data_changed(self, message: DataChanged) -> None:
        # Before the base class's handler (Textual calls both), which redraws if on view.
        if message.kinds & self.SHOWS and not (self._stale or self._people_saved(message)):
            self._stale = True

    def _people_saved(self, message: DataChanged) -> bool:
        """Bring the lists up to date with people saved, row by row; False when the change is
        another, or reaches further (the lists are built again then)."""
        touched = message.touched
        if message.kinds - {"people"} or touched is None or len(touched) > ROWS_UPDATED_IN_PLACE:
            return False
        before = [record for record in touched.values() if isinstance(record, Person)]
        if len(before) != len(touched) or not all(self.lists.person_saved(person) for person in before):
            return False
        self._fill()
        self._card_shows = None  # the highlighted one may be among them
        self._show_card()
        return True

    def refresh_data(self) -> None:
        if self._stale or self.lists.today != clock.today():
            self._rebuild()
            self._fill()

    def _fill(self) -> None:
        self.list_of("people").keep_selected(self.campaign.people)
        for kind in KINDS:
            self._refilter(kind, keep=self.list_of(kind).highlighted_id)
        self.call_after_refresh(self._prepare_filters)

    def _prepare_filters(self) -> None:
        # Once the lists are on screen, so the first keystroke costs no more than the next.
        for kind in KINDS:
            self._views[kind].index.prepare(self._sort(kind))

    def _refilter(self, kind: Kind, keep: int | None = None) -> None:
        view = self._views[kind]
        scope = view.scope(self.queries[kind])
        matches = view.index.filter(scope.words, self._sort(kind), scope.among)
        self.list_of(kind).set_rows(
            matches.ids, keep=keep, format_row=view.row, empty_text=self._empty_text(kind, scope)
        )
        self._approximate[kind] = matches.approximate
        if kind == self.kind:
            self._show_heading()

    def _empty_text(self, kind: Kind, scope: Scope) -> str:
        query = self.queries[kind].strip()
        if scope.unknown_stage:
            return f"No stage is called “{scope.unknown_stage}”."  # the detail pane names them
        if query:
            return f"{'Nobody' if kind == 'people' else 'No company'} matches “{query}”."
        if self._views[kind].index.records:
            return "Everyone is archived: the filter is:archived shows them."
        return f"{kind.title()}: none yet. Press n to add."

    def _sort(self, kind: Kind) -> str:
        sorts = self._views[kind].sorts
        return sorts[self.sort_choice[kind] % len(sorts)]

    def _show_heading(self) -> None:
        shown, total = len(self.list_of().ids), len(self._views[self.kind].index.records)
        # Archived people left out show as "57 of 60" too.
        number = f"{self.kind.title()} {shown:,}" + (
            f" of {total:,}" if self.queries[self.kind] or shown < total else ""
        )
        heading = self.query_one(Heading)
        heading.title = number + ("  ≈ close" if self._approximate[self.kind] else "")
        selected = len(self.list_of().selected)
        heading.note = (
            (f"{selected:,} selected · " if selected else "")
            # The footer's key is off an 80-column screen; in the field, esc goes back to the list.
            + ("esc: all · " if self.queries[self.kind] and self.focused is not self.filter_input else "")
            + f"sort: {self._sort(self.kind)}"
        )

    def on_descendant_focus(self) -> None:
        self._show_heading()

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
        if record is not None and shown == self._card_shows:
            return  # typing on often keeps the same record on top: spare drawing its card
        self._card_shows = shown
        card = self.query_one("#targets-card", Card)
        if isinstance(record, Person):
            card.update(person_detail(self.campaign, self.lists.links, record, self.lists.standings[record.id]))
        elif isinstance(record, Company):
            card.update(company_detail(self.campaign, self.lists.links, record))
        elif self._views[self.kind].scope(self.queries[self.kind]).unknown_stage:
            card.update(f"The stages are {listed([stage.value for stage in Stage])}.")
        elif self._views[self.kind].index.records:
            card.update("Nothing matches the filter: change it, or press escape on the list to see everyone.")
        else:
            card.update("Add people with n, or bring in your LinkedIn connections (i) or an address book (v).")
        card.scroll_home(animate=False)
        if (record is None) != self._nothing_highlighted:
            # Edit and Delete come and go in the footer (rebuilt on each refresh, so only then).
            self._nothing_highlighted = record is None
            self.refresh_bindings()

    # Lists and filter ------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("leave_filter", "focus_filter"):
            return (self.focused is self.filter_input) == (action == "leave_filter")
        if action == "clear_filter":
            # Dimmed, not hidden, while there is no filter: the footer keeps its layout.
            return self.focused is not self.filter_input and (True if self.queries[self.kind] else None)
        if action == "clear_selection":
            return self.focused is not self.filter_input and not self.queries[self.kind] and self._any_selected()
        if action == "show_list":
            return parameters[0] != self.kind
        if action == "toggle_select":
            return self.kind == "people" and (None if self.highlighted() is None else True)
        if action == "delete" and self.kind == "people" and self._any_selected():
            return True
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
            self.query_one("#targets").set_class(kind == "companies", "-companies")
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

    def action_sort_by(self, sort: str) -> None:
        self.action_show_list("people")
        self.sort_choice["people"] = PERSON_SORTS.index(sort)
        self._refilter("people", keep=self.list_of().highlighted_id)

    def action_filter_stage(self, stage: str) -> None:
        self._filter_people(f"{STAGE_TERM}{stage}")

    def action_show_archived(self) -> None:
        self._filter_people(ARCHIVED_TERM)

    def _filter_people(self, query: str) -> None:
        self.action_show_list("people")
        self.queries["people"] = self.filter_input.value = query
        self._refilter("people")
        self.list_of().focus()
        self.refresh_bindings()

    def _reveal_changed(self, kind: Kind, record_id: int) -> None:
        """After a change: show the record once the lists have heard of it (it is queued after)."""
        self.call_later(self._reveal, kind, record_id)

    def _reveal(self, kind: Kind, record_id: int) -> None:
        """Show a record in its list, changing the filter if it hides it."""
        self.refresh_data()
        self.action_show_list(kind)
        if not self.list_of().move_to(record_id):
            self.action_clear_filter()
            if not self.list_of().move_to(record_id) and kind == "people":
                self._filter_people(ARCHIVED_TERM)  # an archived person is listed only there
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
            done = f"{'Changed' if person.id else 'Added'} {person.name}"
            if self.change(store_person, self.repo, person, new_company, undo=done):
                self._reveal_changed("people", person.id)

        self.app.push_screen(form.screen(), saved)

    def _ask_company(self, form: CompanyForm) -> None:
        def saved(values: dict[str, str] | None) -> None:
            if values is None:
                return
            company = form.company(values)
            done = f"{'Changed' if company.id else 'Added'} {company.name}"
            if self.change(self.repo.save if company.id else self.repo.add, company, undo=done):
                self._reveal_changed("companies", company.id)

        self.app.push_screen(form.screen(), saved)

    @changes_data
    def action_delete(self) -> None:
        if self.kind == "people" and (selection := self._selection()):
            self._delete_people(selection)
            return
        record = self.highlighted()
        if record is None:
            return
        also = removal_plan(self.campaign, record).describe()
        detail = f"Also affected: {also}." if also else "Nothing else goes with it."
        if isinstance(record, Company) and self.lists.links.staff.get(record.id):
            detail += " Its people stay in your targets, without a company."

        def answered(yes: bool | None) -> None:
            if yes:
                self.change(self.repo.remove, record, undo=f"Deleted {record.name}")

        self.app.push_screen(ConfirmScreen(f"Delete {record.name}?", detail, yes="Delete"), answered)

    # Acting on several people ----------------------------------------------------------

    def _any_selected(self) -> bool:
        return bool(self.list_of("people").selected)

    def _selection(self) -> list[Person]:
        """The selected people, in the order of the list as it is sorted now."""
        selected, people = self.list_of("people").selected, self.campaign.people
        if not selected:
            return []
        return [people[pid] for pid in self._views["people"].index.order(self._sort("people")) if pid in selected]

    def _chosen(self) -> list[Person]:
        """Whom a bulk action is for: the selected people (shown), else the highlighted one."""
        if self.kind == "people" or self._any_selected():
            self.action_show_list("people")
        person = self.highlighted()
        chosen = self._selection() or ([person] if isinstance(person, Person) else [])
        if not chosen:
            self.notify("Select people first: space selects the highlighted one, * everyone shown.")
        return chosen

    def action_toggle_select(self) -> None:
        records = self.list_of()
        records.toggle_selected()
        records.action_cursor(1)  # on to the next, to select a run of people
        self._show_heading()
        self.refresh_bindings()

    def action_select_all(self) -> None:
        self.action_show_list("people")
        records = self.list_of()
        shown = set(records.ids)
        if shown and shown <= records.selected:
            records.selected -= shown  # everyone shown is selected already: unselect them
            records.refresh()
        else:
            records.select(shown)
        self._show_heading()
        self.refresh_bindings()

    def action_clear_selection(self) -> None:
        self.list_of("people").clear_selection()
        self._show_heading()
        self.refresh_bindings()

    def _done(self, message: str, *, unselect: bool = False) -> None:
        if unselect:
            self.list_of("people").clear_selection()
        self.notify(message, timeout=notice.SHORT)
        self._show_heading()
        self.refresh_bindings()

    def action_tag(self) -> None:
        people = self._chosen()
        if not people:
            return
        who = _whom(people)
        field = Field(
            "tags",
            "Tags",
            check=lambda text: None if parse_tags(text) else "Type a tag to add, or press escape.",
            placeholder="mentor",
            help="Commas between tags; each is added to everyone, alongside their own.",
        )

        def entered(values: dict[str, str] | None) -> None:
            if values is None:
                return
            tags = parse_tags(values["tags"])
            done = f"Tagged {who} {tag_words(tags)}"
            if self.change(self.repo.save_many, bulk.tagged(people, tags), undo=done):
                self._done(f"{done}.")

        self.app.push_screen(FormScreen(f"Tag {who}", [field]), entered)

    def action_archive(self) -> None:
        people = self._chosen()
        if people and all(person.archived for person in people):
            self.action_unarchive()
        elif people and self.change(self.repo.save_many, bulk.archived(people), undo=f"Archived {_whom(people)}"):
            self._done(f"Archived {_whom(people)}: the filter {ARCHIVED_TERM} shows them.", unselect=True)

    def action_unarchive(self) -> None:
        people = self._chosen()
        restored = f"Restored {_whom(people)}"
        if people and self.change(self.repo.save_many, bulk.archived(people, archive=False), undo=restored):
            self._done(f"Restored {_whom(people)} to the list.", unselect=True)

    @changes_data
    @work(exclusive=True, group="targets-snooze")
    async def action_snooze(self) -> None:
        people = self._chosen()
        if not people:
            return
        who, today = _whom(people), clock.today()
        outreach = bulk.under_way(self.campaign, people)
        if not outreach:
            self.notify(f"Nothing to put off: no outreach is under way with {who}.")
            return
        choices = [
            Choice(key, f"{label}: back on {today + timedelta(days=days):%a %-d %b}", today + timedelta(days=days))
            for key, label, days in SNOOZES
        ]
        until = await self.app.push_screen_wait(ChoiceScreen(f"Snooze the outreach of {who}", choices))
        if until is None:
            return
        done = f"Put off the outreach of {who} until {until:%a %-d %b}"
        if self.change(self.repo.save_many, bulk.snoozed(outreach, today, until), undo=done):
            self._done(f"{done}.")

    @changes_data
    def action_delete_selected(self) -> None:
        people = self._chosen()
        if people:
            self._delete_people(people)

    def _delete_people(self, people: list[Person]) -> None:
        also = people_removal_plan(self.campaign, people).describe()
        names = ", ".join(person.name for person in people[:NAMES_LISTED])
        more = f" and {len(people) - NAMES_LISTED} more" if len(people) > NAMES_LISTED else ""
        detail = f"{names}{more}. " + (f"Also affected: {also}." if also else "Nothing else goes with them.")

        def answered(yes: bool | None) -> None:
            if yes and self.change(self.repo.remove_people, people, undo=f"Deleted {_whom(people)}"):
                self._done(f"Deleted {_whom(people)}.", unselect=True)

        self.app.push_screen(ConfirmScreen(f"Delete {_whom(people)}?", detail, yes="Delete"), answered)

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

    @changes_data
    def _import(self, kind: ImportKind) -> None:
        def chosen(path: Path | None) -> None:
            if path is not None:
                self.app.push_screen(ImportScreen(kind, path), imported)

        def imported(_added: int | None) -> None:
            self.list_of().focus()

        self.app.push_screen(PathPrompt(kind.title, kind.help, kind.placeholder), chosen)


def _whom(people: list[Person]) -> str:
    """'Ana Ruiz' for one, '3 people' for more."""
    return people[0].name if len(people) == 1 else count(len(people), "person", "people")

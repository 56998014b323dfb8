"""Step 1 of the method: what the user wants to learn, and how far each objective has got."""

from __future__ import annotations

from dataclasses import replace
from functools import partial

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from infoint_tui.domain import validation
from infoint_tui.domain.models import Objective, ObjectiveKind
from infoint_tui.domain.objectives import Tally, tallies
from infoint_tui.domain.removal import removal_plan
from infoint_tui.tui.access import changes_data
from infoint_tui.tui.screens.base import UNDO, BaseScreen
from infoint_tui.tui.widgets.confirm import ConfirmScreen
from infoint_tui.tui.widgets.form import Field, FormScreen

#: Labels start with different letters: typing one picks it.
KINDS = [
    ("Industry", ObjectiveKind.INDUSTRY.value),
    ("Company", ObjectiveKind.COMPANY.value),
    ("Role", ObjectiveKind.ROLE.value),
]


def _no_final_stop(text: str) -> str | None:
    # The text is placed mid-sentence in every request ("learn more about {objective}, and").
    if text.rstrip().endswith((".", "!", "?")):
        return "Leave out the final punctuation: this text goes inside a sentence."
    return None


def objective_form(title: str, objective: Objective | None = None) -> FormScreen:
    return FormScreen(
        title,
        [
            Field(
                "kind",
                "About",
                objective.kind.value if objective else "",
                check=validation.required,
                choices=KINDS,
                placeholder="Choose: i, c or r",
            ),
            Field(
                "text",
                "I want to learn about",
                objective.text if objective else "",
                check=validation.all_of(validation.required, _no_final_stop),
                placeholder="e.g. how hospitals choose their software",
                help='Worded to follow "I want to learn more about", as the requests will say it.',
            ),
        ],
    )


class ObjectivesScreen(BaseScreen):
    MODE = "objectives"
    TITLE = "Objectives"
    SHOWS = frozenset({"objectives", "outreach", "interviews"})
    CSS_PATH = "objectives.tcss"
    HELP = (
        "What you want to learn about: an industry, a company or a role. Every request is tied "
        "to one, so it can say clearly what you are asking. Archive the ones you are done with."
    )
    BINDINGS = [
        Binding("n", "new_objective", "New", id="objective_new", tooltip="Add an objective"),
        Binding("e", "edit_objective", "Edit", id="objective_edit", tooltip="Change the highlighted objective"),
        Binding(
            "a",
            "archive_objective",
            "Archive/restore",
            id="objective_archive",
            tooltip="Put the highlighted objective aside, or bring it back",
        ),
        Binding(
            "d",
            "delete_objective",
            "Delete",
            id="objective_delete",
            tooltip="Delete the highlighted objective and its outreach",
        ),
        *UNDO,
    ]
    PALETTE = [
        ("New objective", "Add an objective: an industry, company or role to learn about", "new_objective"),
        ("Edit objective", "Change the objective highlighted on the Objectives screen", "edit_objective"),
        ("Archive or restore objective", "Put the highlighted objective aside, or bring it back", "archive_objective"),
        ("Delete objective", "Delete the highlighted objective, after saying what goes with it", "delete_objective"),
    ]

    def compose_body(self) -> ComposeResult:
        with Vertical(id="objectives"):
            yield OptionList(id="objectives-list")
            yield Static(
                "No objectives yet. Press n to add what you want to learn about: an industry, a company or a role.",
                id="objectives-empty",
                classes="empty",
            )

    def refresh_data(self, highlight: int | None = None) -> None:
        """Redraw the list, keeping the highlighted objective (or moving to `highlight`)."""
        options = self.query_one("#objectives-list", OptionList)
        current, position = self.selected(), options.highlighted or 0
        keep = highlight if highlight is not None else (current.id if current else None)
        objectives = sorted(self.campaign.objectives.values(), key=lambda o: (not o.active, o.id))
        counted = tallies(self.campaign)
        options.clear_options()
        for objective in objectives:
            if options.option_count:
                options.add_option(None)  # a rule between entries
            options.add_option(Option(self._entry(objective, counted[objective.id]), id=str(objective.id)))
        if objectives:
            ids = [o.id for o in objectives]
            # A deleted entry's place goes to the one that followed it.
            options.highlighted = ids.index(keep) if keep in ids else min(position, len(ids) - 1)
        options.display = bool(objectives)
        self.query_one("#objectives-empty", Static).display = not objectives

    def _entry(self, objective: Objective, counted: Tally) -> Table:
        muted = "dim" if not objective.active else ""
        line = Table.grid(padding=(0, 1), expand=True)
        line.add_column(width=9, no_wrap=True)  # "industry" and its gap
        line.add_column(ratio=1)
        line.add_row(Text(objective.kind.value, style=f"bold {muted}"), Text(objective.text, style=muted))
        line.add_row(Text("archived" if muted else "", style="italic"), Text(counted.summary(), style="dim italic"))
        return line

    def selected(self) -> Objective | None:
        options = self.query_one("#objectives-list", OptionList)
        if options.highlighted is None or not options.option_count:
            return None
        option_id = options.get_option_at_index(options.highlighted).id
        return self.campaign.objectives.get(int(option_id)) if option_id else None

    def _selected_or_say(self) -> Objective | None:
        objective = self.selected()
        if objective is None:
            self.notify("There is no objective yet: press n to add one.", severity="warning")
        return objective

    # Actions ---------------------------------------------------------------------------

    def action_new_objective(self) -> None:
        self.app.push_screen(objective_form("New objective"), self._add)

    def _add(self, values: dict[str, str] | None) -> None:
        if values is None:
            return
        objective = Objective(ObjectiveKind(values["kind"]), values["text"])
        if self.change(self.repo.add, objective, undo=f"Added the objective “{objective.text}”"):
            self.refresh_data(highlight=objective.id)

    @on(OptionList.OptionSelected, "#objectives-list")
    def action_edit_objective(self) -> None:
        objective = self._selected_or_say()
        if objective is not None:
            self.app.push_screen(
                objective_form("Edit objective", objective), lambda values: self._edit(objective, values)
            )

    def _edit(self, objective: Objective, values: dict[str, str] | None) -> None:
        if values is not None:
            changed = replace(objective, kind=ObjectiveKind(values["kind"]), text=values["text"])
            self.change(self.repo.save, changed, undo=f"Changed the objective “{changed.text}”")

    def action_archive_objective(self) -> None:
        objective = self._selected_or_say()
        if objective is None:
            return
        done = f"{'Restored' if not objective.active else 'Archived'} the objective “{objective.text}”"
        if self.change(self.repo.save, replace(objective, active=not objective.active), undo=done):
            self.notify(f"{done}.")

    @changes_data
    def action_delete_objective(self) -> None:
        objective = self._selected_or_say()
        if objective is None:
            return
        also = removal_plan(self.campaign, objective).describe()
        detail = (
            f"Also affected: {also}. To keep its history, archive it instead: n, then a."
            if also
            else "Nothing else is linked to it."
        )
        self.app.push_screen(
            ConfirmScreen(f"Delete the objective “{objective.text}”?", detail),
            partial(self._confirmed_delete, objective),
        )

    def _confirmed_delete(self, objective: Objective, yes: bool | None) -> None:
        if yes:
            self.change(self.repo.remove, objective, undo=f"Deleted the objective “{objective.text}”")

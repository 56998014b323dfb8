"""The shared tables and helpers: one row per due kind, counted nouns, fitted columns, and the
domain pieces the screens read (objective tallies, preview contexts)."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from rich.cells import cell_len, set_cell_size

from infoint_tui.cells import ONE_CELL_BELOW, ONE_CELL_PUNCTUATION, fit
from infoint_tui.domain.defaults import DEFAULT_TEMPLATES
from infoint_tui.domain.due_kinds import KINDS, DueKind
from infoint_tui.domain.models import Campaign, Interview, Objective, ObjectiveKind, Outreach, Person, Route
from infoint_tui.domain.objectives import Tally
from infoint_tui.domain.templates import sample_context
from infoint_tui.domain.wording import count


def test_every_kind_has_one_row_whose_template_exists() -> None:
    assert set(KINDS) == set(DueKind)
    assert {info.template for info in KINDS.values()} - {""} <= set(DEFAULT_TEMPLATES)
    # A kind with text to send says what its preview is.
    assert all(info.title for info in KINDS.values() if info.template)


def test_counted_nouns() -> None:
    assert [count(0, "target"), count(1, "target"), count(2, "target")] == ["0 targets", "1 target", "2 targets"]
    assert (count(1, "person", "people"), count(1204, "person", "people")) == ("1 person", "1,204 people")


def test_fit_counts_terminal_cells() -> None:
    assert fit("Ana", 5) == "Ana  "
    assert fit("Bartholomew", 6) == "Barth…"
    assert fit("山田太郎", 5) == "山田…"  # two cells a character: no half-cut
    assert all(cell_len(fit(text, 7)) == 7 for text in ("", "山田太郎さん", "Zoë 👩‍💻 Ng", "x" * 40))
    assert fit("anything", 0) == ""


def test_below_the_combining_accents_every_printable_character_takes_one_cell() -> None:
    one_cell = [chr(code) for code in range(ord(ONE_CELL_BELOW)) if chr(code).isprintable()]
    assert len(one_cell) > 600 and all(cell_len(character) == 1 for character in [*one_cell, *ONE_CELL_PUNCTUATION])


PLAIN = ["", "a", "Ana Ruiz", "Wayne Enterprises", "Zoë Løvland", "Dvořák", "O\u2019Brien \u2013 Ng…", "x" * 40]


@pytest.mark.parametrize("text", PLAIN)
@pytest.mark.parametrize("width", [1, 2, 8, 17, 30])
def test_plain_text_is_fitted_as_the_width_tables_fit_it(text: str, width: int) -> None:
    # Fitted without loading the tables (for `infoint today`): the same result.
    cut = set_cell_size(text, width - 1) + "…" if cell_len(text) > width else set_cell_size(text, width)
    assert fit(text, width) == cut


def test_a_tally_reads_as_a_sentence() -> None:
    assert Tally({1}, 1, 0, 2).summary() == "1 target · 1 request · interviews: 0 held, 2 booked"
    assert Tally({1, 2}, 0).summary() == "2 targets · 0 requests · interviews: 0 held, 0 booked"


def test_a_preview_uses_the_open_outreach_objective_else_the_first_active_one() -> None:
    campaign = Campaign(
        people={1: Person("Ana Silva", id=1), 2: Person("Bo Lind", id=2)},
        objectives={
            1: Objective(ObjectiveKind.ROLE, "archived", active=False, id=1),
            2: Objective(ObjectiveKind.ROLE, "what a designer does", id=2),
            3: Objective(ObjectiveKind.INDUSTRY, "hospital software", id=3),
        },
        outreach={1: Outreach(1, 3, Route.COLD, date(2026, 3, 2), id=1)},
        interviews={1: Interview(2, datetime(2026, 3, 9, 10, 0), held=True, id=1)},
    )

    assert sample_context(campaign, campaign.people[1])["objective"] == "hospital software"
    bo = sample_context(campaign, campaign.people[2])
    assert bo["objective"] == "what a designer does"
    assert bo["interview_date"] == "Monday 9 March"

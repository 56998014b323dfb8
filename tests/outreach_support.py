"""Helpers for driving the queue, the message preview and the outreach dialogs by keys."""

from __future__ import annotations

import io
from datetime import date

import pyperclip
import pytest
from rich.console import Console
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import OptionList, Static

from infoint_tui import clock
from infoint_tui.domain.models import Company, Degree, Objective, ObjectiveKind, Person, Profile
from infoint_tui.domain.policy import DueItem, DueKind
from infoint_tui.tui.screens.queue import QueueScreen
from infoint_tui.tui.widgets.card import Card
from infoint_tui.tui.widgets.form import FormScreen
from tests.support import until

SSH = {"SSH_CONNECTION": "10.0.0.2 50000 10.0.0.1 22"}


@pytest.fixture
def pasted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Over SSH by default, so no test reaches the developer's own clipboard; what pyperclip
    would have received is kept here for the tests that pretend to sit at the machine."""
    received: list[str] = []
    for name, value in SSH.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(pyperclip, "copy", received.append)
    return received


def sit_at_the_machine(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("SSH_CONNECTION", "SSH_TTY", "SSH_CLIENT"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DISPLAY", ":0")


async def expect(pilot: Pilot, kind: type[Screen]) -> Screen:
    await until(pilot, lambda: isinstance(pilot.app.screen, kind), kind.__name__)
    return pilot.app.screen


def text_of(static: Static | Card) -> str:
    console = Console(width=200, file=io.StringIO(), record=True)
    console.print(static.content)
    return " ".join(console.export_text().split())


# The queue --------------------------------------------------------------------------------


async def show_queue(pilot: Pilot, day: str | None = None) -> QueueScreen:
    """Move the clock (optionally), go elsewhere and back: the queue redraws on being shown."""
    if day is not None:
        clock.fix(day)
    await pilot.press("f4", "f2")
    screen = await expect(pilot, QueueScreen)
    assert isinstance(screen, QueueScreen)
    return screen


def listed(screen: QueueScreen) -> list[DueItem]:
    """The items in the order the list shows them."""
    by_key = {item.key: item for item in screen.items}
    options = screen.query_one("#queue-items", OptionList).options
    return [by_key[option.id] for option in options if option.id is not None]


def headings(screen: QueueScreen) -> list[str]:
    options = screen.query_one("#queue-items", OptionList).options
    return [str(option.prompt) for option in options if option.id is None]


async def highlight(pilot: Pilot, screen: QueueScreen, kind: DueKind, person: str) -> DueItem:
    """Put the list's highlight on the item (where the arrow keys would take it)."""
    options = screen.query_one("#queue-items", OptionList)
    wanted = next(i for i in listed(screen) if i.kind == kind and i.person == person)
    options.focus()
    options.highlighted = [option.id for option in options.options].index(wanted.key)
    await pilot.pause()
    assert screen.selected() == wanted
    return wanted


# Forms --------------------------------------------------------------------------------------


async def fill(pilot: Pilot, values: dict[str, str]) -> None:
    """Type into the text fields of the open form (replacing what is there)."""
    form = pilot.app.screen
    assert isinstance(form, FormScreen)
    for name, text in values.items():
        form.form.row(name).control.focus()
        await pilot.press("end", "ctrl+u", *text)
    await pilot.pause()


# A small campaign ---------------------------------------------------------------------------


def small_campaign(repo, *, degree: Degree = Degree.SECOND) -> dict[str, int]:
    """One objective, one company with three people: the target (through a mutual when 2nd
    degree), a colleague never approached, and the mutual contact at another company."""
    repo.save_profile(
        Profile(
            name="Alex Morgan",
            phone="+44 20 7946 0958",
            email="alex@example.com",
            pitch="I'm a service designer moving into healthcare research.",
        )
    )
    objective = repo.add(Objective(ObjectiveKind.INDUSTRY, "digital healthcare"))
    acme = repo.add(Company("Acme Health"))
    other = repo.add(Company("Globex"))
    mutual = repo.add(
        Person("Maria Lopez", title="Designer", company_id=other.id, degree=Degree.FIRST, email="maria@example.com")
    )
    target = repo.add(
        Person(
            "Ana Silva",
            title="Research Lead",
            company_id=acme.id,
            degree=degree,
            introducer_id=mutual.id if degree == Degree.SECOND else None,
            email="ana@example.com",
            phone="+44 20 7000 0001",
            postal_address="1 High Street, London",
        )
    )
    colleague = repo.add(
        Person("Ben Okafor", title="Data Scientist", company_id=acme.id, degree=Degree.FIRST, email="ben@example.com")
    )
    return {"objective": objective.id, "mutual": mutual.id, "target": target.id, "colleague": colleague.id}


def day(text: str) -> date:
    return date.fromisoformat(text)

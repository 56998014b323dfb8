"""Merging one company into another: pick the one to keep, read what moves, confirm.

Await `merge_company` from a worker: it waits on its dialogs.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from infoint_tui.domain.companies import likely_same
from infoint_tui.domain.merge import merge_plan
from infoint_tui.domain.models import Company
from infoint_tui.domain.wording import count
from infoint_tui.tui.flows.sending import ask
from infoint_tui.tui.widgets.pick import PickScreen

if TYPE_CHECKING:
    from infoint_tui.tui.screens.base import BaseScreen


async def merge_company(screen: BaseScreen, absorb: Company) -> Company | None:
    """Merge `absorb` into a company the user picks (likely matches first); the one kept, or
    None when cancelled or refused."""
    if not screen.writable():
        return None
    campaign = screen.campaign
    others = [c for c in campaign.companies.values() if c.id != absorb.id]
    if not others:
        screen.notify("There is no other company to merge it into.", title="Nothing to merge")
        return None
    staff = Counter(person.company_id for person in campaign.people.values())
    picker = PickScreen(
        f"Merge {absorb.name} into…",
        {c.id: f"{c.name} · {count(staff[c.id], 'person', 'people')}" for c in others},
        [c.id for c in likely_same(absorb.name, others)],
        first_note="likely the same",
        detail=f"{absorb.name}'s people, with their outreach and interviews, move to the company you "
        f"pick; then {absorb.name} is removed. You confirm before anything changes.",
    )
    keep_id = await screen.app.push_screen_wait(picker)
    if keep_id is None:
        return None
    keep = campaign.companies[keep_id]
    plan = merge_plan(campaign, keep, absorb)
    if not await ask(screen, f"Merge {absorb.name} into {keep.name}?", plan.describe(), yes="Merge", no="Cancel"):
        return None
    merged = screen.change(screen.repo.merge_companies, keep, absorb, undo=f"Merged {absorb.name} into {keep.name}")
    return keep if merged else None

"""Changes to several people at once: the changed copies, for one `Repository.save_many`.

No Textual here. Each function returns copies of only the records it changes, so a person who
already has the tag, or is already archived, costs no write; the held records stay as they
were until the repository stores the copies.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Iterable
from datetime import date

from infoint_tui.domain.models import AttemptKind, Campaign, Outreach, Person


def tagged(people: Iterable[Person], tags: list[str]) -> list[Person]:
    """Copies of those who lack any of `tags`, with them added after their own."""
    changed = []
    for person in people:
        added = [tag for tag in tags if tag not in person.tags]
        if added:
            changed.append(dataclasses.replace(person, tags=[*person.tags, *added]))
    return changed


def archived(people: Iterable[Person], archive: bool = True) -> list[Person]:
    """Copies of those not yet archived (or, with `archive` False, of the archived ones) changed."""
    return [dataclasses.replace(person, archived=archive) for person in people if person.archived != archive]


def under_way(campaign: Campaign, people: Iterable[Person]) -> list[Outreach]:
    """Their outreach still open (neither declined nor closed)."""
    ids = {person.id for person in people}
    return [outreach for outreach in campaign.outreach.values() if outreach.person_id in ids and outreach.is_open]


def snoozed(outreach: Iterable[Outreach], today: date, until: date) -> list[Outreach]:
    """Copies put off until `until`, as the queue's snooze does: the next step of each comes
    back then, unless it falls due later anyway."""
    changed = []
    for original in outreach:
        put_off = copy.deepcopy(original)
        put_off.log(AttemptKind.SNOOZED, today, until=until)
        changed.append(put_off)
    return changed

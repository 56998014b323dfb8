"""vCard (3.0 and 4.0) in and out, parsed and written by vobject.

People in one's own address book are known: imported as 1st degree. The file is cut into
cards at BEGIN:VCARD / END:VCARD lines first, so that one bad card is reported with its line
and the others are still read (vobject stops at the first error). Birthdays are ignored.

Apply the returned plan only when `plan.rejected` is empty (`ImportPlan.apply` refuses
otherwise): imports are all-or-nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import vobject
from vobject.base import Component, VObjectError

from infoint_tui.domain.models import Campaign, Degree, Person
from infoint_tui.exchange import fields
from infoint_tui.exchange.builder import PlanBuilder
from infoint_tui.exchange.plan import ImportPlan, ImportProblem
from infoint_tui.exchange.source import Source, text_of

SOURCE = "vCard"
BEGIN, END = "BEGIN:VCARD", "END:VCARD"
_LINE_BREAK = re.compile(r"\r\n|\r|\n")  # not str.splitlines: it also breaks at U+2028 etc.


def read_vcard(source: Source, campaign: Campaign) -> ImportPlan:
    """What importing these cards into the campaign would add (see the module docstring)."""
    chunks = list(_chunks(text_of(source)))
    if not any(_word(lines[0]) == BEGIN for _, lines in chunks):
        raise ImportProblem("No vCard found: the file has no BEGIN:VCARD line.")
    builder = PlanBuilder(campaign, source=SOURCE, unit="card")
    for line, lines in chunks:
        builder.plan.rows += 1
        try:
            card = _parse(lines)
            person = _person(card)
        except ValueError as error:
            builder.reject(line, str(error))
            continue
        builder.offer(person, _org(card))
    return builder.plan


def to_vcard(campaign: Campaign) -> str:
    """Every person as a vCard 3.0, the version address books read most widely."""
    return "".join(_card(campaign, person).serialize() for person in campaign.people.values())


# Reading ---------------------------------------------------------------------------------

def _word(line: str) -> str:
    return line.strip().upper()


def _chunks(text: str) -> Iterator[tuple[int, list[str]]]:
    """(first line, lines) per card, or per run of text found outside any card."""
    start, chunk = 0, []
    for number, line in enumerate(_LINE_BREAK.split(text), 1):
        word = _word(line)
        if word == BEGIN and chunk:  # the previous card (or stray text) never ended
            yield start, chunk
            chunk = []
        if not chunk:
            if not word:
                continue  # blank lines between cards
            start = number
        chunk.append(line)
        if word == END:
            yield start, chunk
            chunk = []
    if chunk:
        yield start, chunk


def _parse(lines: list[str]) -> Component:
    if _word(lines[0]) != BEGIN:
        raise ValueError("text outside any BEGIN:VCARD ... END:VCARD card")
    if _word(lines[-1]) != END:
        raise ValueError("the card is not closed by END:VCARD")
    try:
        return vobject.readOne("\r\n".join(lines))
    except VObjectError as error:
        raise ValueError(f"the card cannot be read ({getattr(error, 'msg', error)})") from None


def _person(card: Component) -> Person:
    name = fields.name(_first(card, "fn") or _n_name(card))
    if not name:
        raise ValueError("the card has no name (FN or N)")
    return Person(
        name=name,
        title=_first(card, "title"),
        email=fields.email(_first(card, "email")),
        phone=_first(card, "tel"),
        profile_url=_profile_url(card),
        postal_address=_address(card),
        notes="\n\n".join(_flat(line.value) for line in card.contents.get("note", [])),
        tags=list(dict.fromkeys(tag for line in card.contents.get("categories", [])
                                for tag in _parts(line.value))),
        degree=Degree.FIRST,
        source=SOURCE,
    )


def _parts(value: Any) -> list[str]:
    """vobject gives a str, or a list where the vCard had a comma-separated list."""
    values = value if isinstance(value, list) else [value]
    return [text for text in (str(v).strip() for v in values) if text]


def _flat(value: Any, separator: str = ", ") -> str:
    return separator.join(_parts(value))


def _first(card: Component, key: str) -> str:
    lines = card.contents.get(key)
    return _flat(lines[0].value) if lines else ""


def _org(card: Component) -> str:
    """The organisation itself, without the departments that may follow it."""
    lines = card.contents.get("org")
    units = _parts(lines[0].value) if lines else []
    return units[0] if units else ""


def _n_name(card: Component) -> str:
    lines = card.contents.get("n")
    if not lines:
        return ""
    n = lines[0].value
    parts = (n.prefix, n.given, n.additional, n.family, n.suffix)
    return " ".join(_flat(part, " ") for part in parts)


def _profile_url(card: Component) -> str:
    """The LinkedIn address if there is one (by its label or its host), else the first URL."""
    urls = card.contents.get("url", [])
    # Apple ties a label to a URL through a shared group: item1.URL + item1.X-ABLabel.
    labels = {
        line.group: _flat(line.value) for line in card.contents.get("x-ablabel", []) if line.group
    }

    def is_linkedin(line: Any) -> bool:
        label = f"{labels.get(line.group, '')} {line.params.get('TYPE', '')} {line.value}"
        return "linkedin" in label.casefold()

    chosen = next((line for line in urls if is_linkedin(line)), urls[0] if urls else None)
    return fields.profile_url(_flat(chosen.value)) if chosen else ""


def _address(card: Component) -> str:
    """The first ADR as the lines of a postal label."""
    lines = card.contents.get("adr")
    if not lines:
        return ""
    adr = lines[0].value
    locality = ", ".join(text for text in map(_flat, (adr.city, adr.region, adr.code)) if text)
    parts = (_flat(adr.box), _flat(adr.extended), _flat(adr.street), locality, _flat(adr.country))
    return "\n".join(part for part in parts if part)


# Writing ---------------------------------------------------------------------------------

def _card(campaign: Campaign, person: Person) -> Component:
    card = vobject.vCard()
    card.add("fn").value = person.name
    words = person.name.split()
    # The last word is taken as the family name; a single name is a given name.
    family, given = (words[-1], " ".join(words[:-1])) if len(words) > 1 else ("", person.name)
    card.add("n").value = vobject.vcard.Name(family=family, given=given)
    company = campaign.company_of(person)
    address = person.postal_address
    values = {
        "org": [company.name] if company else None,
        "title": person.title,
        "email": person.email,
        "tel": person.phone,
        "url": person.profile_url,
        "note": person.notes,
        "categories": person.tags,
        # The address is free text: all of it goes in the street part, read back as is.
        "adr": vobject.vcard.Address(street=address) if address else None,
    }
    for key, value in values.items():
        if value:
            card.add(key).value = value
    return card

"""vCard in (2.1, 3.0 and 4.0, as address books and phones write them) and out (3.0).

People in one's own address book are known: imported as 1st degree. The file is cut into
cards at BEGIN:VCARD / END:VCARD lines first, so that a problem is reported with its line
and the other cards are still read. Only the properties infoint keeps are decoded (see
`vcard_syntax`): photos, keys, birthdays and X- extensions never stop an import.

By default an import is lenient: a card that cannot be used (no name, not closed, unreadable)
is skipped, and so is a bad value in a card (an e-mail or web address that is not one, a
value in an unknown character set), the rest of that card being imported; each is listed in
`plan.skipped` with its line. With `strict=True` each of them rejects its card, and the plan
must not be applied (`ImportPlan.apply` refuses): all or nothing.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from infoint_tui.domain.models import Campaign, Degree, Person
from infoint_tui.exchange import fields
from infoint_tui.exchange.builder import PlanBuilder
from infoint_tui.exchange.plan import ImportPlan, ImportProblem, Rejected
from infoint_tui.exchange.source import Source
from infoint_tui.exchange.vcard_syntax import (
    BEGIN,
    END,
    NotUtf8,
    Property,
    cards,
    content_line,
    escape,
    is_line,
    properties,
    split,
    structured,
    unescape,
)

SOURCE = "vCard"
#: The N parts in the order a name is said: prefix, given, additional, family, suffix.
_SPOKEN = (3, 1, 2, 0, 4)
#: Categories that say nothing: Google puts every contact in "myContacts".
_NOT_TAGS = {"", "myContacts"}


class _CardProblem(ValueError):
    def __init__(self, line: int, reason: str, what: str = "the card") -> None:
        super().__init__(reason)
        self.line, self.what = line, what


def read_vcard(source: Source, campaign: Campaign, *, strict: bool = False) -> ImportPlan:
    """What importing these cards into the campaign would add (see the module docstring)."""
    name, data = _bytes_of(source)
    chunks = list(cards(data))
    if not any(is_line(lines[0], BEGIN) for _, lines in chunks):
        raise ImportProblem("No vCard found: the file has no BEGIN:VCARD line.")
    builder = PlanBuilder(campaign, source=SOURCE, unit="card")
    plan = builder.plan
    for line, lines in chunks:
        plan.rows += 1
        try:
            card = _Card(line, lines, plan, strict)
            builder.offer(_person(card), _org(card))
        except _CardProblem as problem:
            if strict:
                plan.rejected.append(Rejected(problem.line, str(problem)))
            else:
                plan.skipped.append(Rejected(problem.line, f"{problem}; {problem.what} is skipped"))
        except NotUtf8 as error:
            raise ImportProblem(
                f"{name} is not UTF-8 text (line {error.line} has a byte that is not); export it again as UTF-8."
            ) from None
    return plan


def to_vcard(campaign: Campaign) -> str:
    """Every person as a vCard 3.0, the version address books read most widely."""
    return "".join(_card(campaign, person) for person in campaign.people.values())


# Reading ---------------------------------------------------------------------------------


def _bytes_of(source: Source) -> tuple[str, bytes]:
    """The file's name for messages, and its bytes without a byte order mark."""
    name = Path(source).name if isinstance(source, os.PathLike) else "The file"
    if isinstance(source, os.PathLike):
        try:
            data = Path(source).read_bytes()
        except OSError as error:
            raise ImportProblem(f"Cannot read {source}: {error.strerror or error}.") from None
    else:
        data = source.encode() if isinstance(source, str) else source
    data = data.removeprefix(b"\xef\xbb\xbf")
    if not data.strip():
        raise ImportProblem(f"{name} is empty.")
    return name, data


class _Card:
    """One card's properties, decoded when asked for.

    A value that cannot be used is reported through `drop`: in strict mode it rejects the
    card, otherwise it is listed as skipped and the card goes on without it.
    """

    def __init__(self, line: int, lines: list[bytes], plan: ImportPlan, strict: bool) -> None:
        if not is_line(lines[0], BEGIN):
            raise _CardProblem(line, "text outside any BEGIN:VCARD ... END:VCARD card", "this text")
        if not is_line(lines[-1], END):
            raise _CardProblem(line, "the card is not closed by END:VCARD")
        try:
            self.properties = properties(line + 1, lines[1:-1])
        except ValueError as error:
            raise _CardProblem(line, f"the card cannot be read ({error})") from None
        self.line = line
        self._plan, self._strict = plan, strict
        self._values: dict[str, list[tuple[Property, str]]] = {}  # each problem reported once
        version = next((p.raw.strip() for p in self.properties if p.name == "VERSION"), b"")
        # vCard 2.1 has no default character set: Windows programs write their code page.
        self._charsets = ("utf-8", "windows-1252") if version == b"2.1" else ("utf-8",)

    def drop(self, line: int, reason: str) -> None:
        if self._strict:
            raise _CardProblem(line, reason)
        self._plan.skipped.append(Rejected(line, f"{reason}; skipped"))

    def values(self, name: str) -> list[tuple[Property, str]]:
        """(property, escaped text) of every `name`, the preferred first."""
        if name in self._values:
            return self._values[name]
        found = self._values[name] = []
        for prop in sorted((p for p in self.properties if p.name == name), key=lambda p: p.preference):
            try:
                found.append((prop, prop.text(self._charsets)))
            except ValueError as error:
                self.drop(prop.line, str(error))
        return found

    def text(self, name: str) -> str:
        found = self.values(name)
        return unescape(found[0][1]) if found else ""

    def first_valid(self, found: list[tuple[Property, str]], check: Callable[[str], str]) -> str:
        """The first value that passes `check`; the ones before it are dropped, with their line."""
        for prop, text in found:
            if not (value := unescape(text)):
                continue
            try:
                return check(value)
            except ValueError as error:
                self.drop(prop.line, str(error))
        return ""


def _person(card: _Card) -> Person:
    parts = _name_parts(card)
    email = card.first_valid(card.values("EMAIL"), _email)
    name = fields.name(card.text("FN")) or fields.name(" ".join(parts[i] for i in _SPOKEN) if parts else "") or email
    if not name:
        raise _CardProblem(card.line, "the card has no name (FN, N or an e-mail address)")
    postal_address, location = _addresses(card)
    person = Person(
        name=name,
        name_parts=[] if parts == ["", name, "", "", ""] else parts,
        title=card.text("TITLE"),
        email=email,
        phone=_phone(card.text("TEL")),
        profile_url=_profile_url(card),
        location=location,
        postal_address=postal_address,
        notes="\n\n".join(filter(None, (unescape(text) for _, text in card.values("NOTE")))),
        tags=list(
            dict.fromkeys(
                tag
                for _, text in card.values("CATEGORIES")
                for tag in map(unescape, split(text, ","))
                if tag not in _NOT_TAGS
            )
        ),
        degree=Degree.FIRST,
        source=SOURCE,
    )
    if uid := card.text("UID"):
        person.uid = uid  # else the one Person made: stored with the person, kept from then on
    return person


def _name_parts(card: _Card) -> list[str]:
    """N's five parts (a part's list of names joined by spaces), or [] when it has none."""
    found = card.values("N")
    if not found:
        return []
    parts = [" ".join(filter(None, map(unescape, split(part, ",")))) for part in split(found[0][1], ";")]
    parts = (parts + [""] * 5)[:5]
    return parts if any(parts) else []


def _email(text: str) -> str:
    return fields.email(text.removeprefix("mailto:"))


def _phone(text: str) -> str:
    """vCard 4.0's `tel:+1-418-555-0100;ext=102` as the number people dial."""
    if text[:4].casefold() != "tel:":
        return text
    number, *params = text[4:].split(";")
    extension = next((p[4:] for p in params if p.casefold().startswith("ext=")), "")
    return f"{number} ext. {extension}" if extension else number


def _org(card: _Card) -> str:
    """The organisation itself, without the departments that may follow it."""
    found = card.values("ORG")
    return unescape(split(found[0][1], ";")[0]) if found else ""


def _profile_url(card: _Card) -> str:
    """The LinkedIn address if there is one (by its label or its host), else the first URL."""
    labels = {prop.group: unescape(text) for prop, text in card.values("X-ABLABEL") if prop.group}

    def is_linkedin(found: tuple[Property, str]) -> bool:
        prop, text = found
        return "linkedin" in f"{labels.get(prop.group, '')} {' '.join(prop.types)} {text}".casefold()

    urls = sorted(card.values("URL"), key=lambda found: not is_linkedin(found))
    return card.first_valid(urls, fields.profile_url)


def _addresses(card: _Card) -> tuple[str, str]:
    """The postal address (the first ADR with a street, else LABEL) and the location (the
    first ADR with only a place: city, region, country)."""
    postal = location = ""
    for _, text in card.values("ADR"):
        # A part may be a list; vCard 2.1 does not escape commas: either way a comma is kept.
        parts = [", ".join(filter(None, map(unescape, split(part, ",")))) for part in split(text, ";")]
        box, extended, street, city, region, code, country = (parts + [""] * 7)[:7]
        if box or extended or street or code:
            locality = ", ".join(filter(None, (city, region, code)))
            postal = postal or "\n".join(filter(None, (box, extended, street, locality, country)))
        else:
            location = location or ", ".join(filter(None, (city, region, country)))
    return postal or card.text("LABEL"), location


# Writing ---------------------------------------------------------------------------------


def _card(campaign: Campaign, person: Person) -> str:
    company = campaign.company_of(person)
    # Someone typed by hand has no N parts: all of the name is the given name, never guessed
    # apart (a last word is not always a family name).
    parts = person.name_parts or ["", person.name, "", "", ""]
    lines = [
        ("UID", escape(person.uid or _uid_of_older(person))),
        ("FN", escape(person.name)),
        ("N", structured(*parts)),
        ("ORG", escape(company.name) if company else ""),
        ("TITLE", escape(person.title)),
        ("EMAIL;TYPE=INTERNET", escape(person.email)),
        ("TEL", escape(person.phone)),
        ("URL", escape(person.profile_url)),
        # The postal address is free text: all of it goes in the street part, read back as is.
        ("ADR", structured("", "", person.postal_address, "", "", "", "") if person.postal_address else ""),
        # A location is a place: the city part, where address books show a town.
        ("ADR", structured("", "", "", person.location, "", "", "") if person.location else ""),
        ("NOTE", escape(person.notes)),
        ("CATEGORIES", ",".join(map(escape, person.tags))),
    ]
    body = "".join(content_line(name, value) for name, value in lines if value)
    return f"BEGIN:VCARD\r\nVERSION:3.0\r\n{body}END:VCARD\r\n"


def _uid_of_older(person: Person) -> str:
    """A UID for a person stored before people had one: the same for as long as their id and
    name are, and another data file's person with the same id has another unless the name
    is the same too."""
    import uuid

    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"infoint:person:{person.id}:{person.name}"))

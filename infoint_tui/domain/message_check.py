"""The text check of a message made from a template, kept true through the user's edits.

The renderer says where each stretch of the message came from; this follows those stretches
through whatever the user then types. Data that placeholders put in (names, numbers, a phone
number in words, dates, addresses) is never judged. A problem in the template's own words or
in the profile's pitch says where it comes from, and can be fixed there, once for every message.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from infoint_tui.domain.models import Campaign, Profile, Template
from infoint_tui.domain.spelling import Issue, check
from infoint_tui.domain.templates import PROSE_PLACEHOLDERS, Piece, Rendered, RenderedMessage, render_template

Part = Literal["subject", "body"]


@dataclass(frozen=True, slots=True)
class Made:
    """How a message was made: the template and the values its placeholders were given."""

    template: Template
    context: dict[str, str]

    def render(self) -> RenderedMessage:
        return render_template(self.template, self.context)


@dataclass(frozen=True, slots=True)
class Source:
    """Where a problem in a message comes from, outside the message: fixing it there fixes every message."""

    part: Part
    #: "" for the template's own words, else the placeholder whose value holds the problem.
    placeholder: str
    #: Where the problem starts in the template's part, or in the value.
    offset: int
    #: Such as 'the template "Cold request"', to follow "from".
    description: str


@dataclass(frozen=True, slots=True)
class Found:
    issue: Issue
    source: Source | None = None

    @property
    def message(self) -> str:
        if self.source is None:
            return self.issue.message
        return f"{self.issue.message} From {self.source.description}."


#: The values that come from a record the user can correct once, and how to name it.
_SOURCES = {"my_pitch": "your profile's pitch"}


def follow(pieces: Iterable[Piece], rendered: str, current: str) -> list[Piece]:
    """The pieces of `rendered` still intact in `current` (an edited copy), at their new places.

    A piece the user typed into is cut around the edit: what is left of it keeps its origin.
    """
    from rapidfuzz.distance import Indel

    pieces = list(pieces)
    moved: list[Piece] = []
    for block in Indel.opcodes(rendered, current):
        if block.tag != "equal":
            continue
        shift = block.dest_start - block.src_start
        for piece in pieces:
            start, end = max(piece.start, block.src_start), min(piece.end, block.src_end)
            if start < end:
                moved.append(Piece(start + shift, end + shift, piece.placeholder, piece.offset + start - piece.start))
    return moved


def names_in(campaign: Campaign) -> set[str]:
    """Every word of every person's and company's name: never a misspelling."""
    names = [person.name for person in campaign.people.values()]
    names += [company.name for company in campaign.companies.values()]
    return {word for name in names for word in name.split()}


def check_part(
    text: str,
    *,
    made: Made | None = None,
    part: Part = "body",
    names: Iterable[str] = (),
    own_words: Iterable[str] = (),
) -> list[Found]:
    """The problems in `text`, one part of a message `made` filled in (which the user may have edited since)."""
    if made is None:
        return [Found(issue) for issue in check(text, names=names, own_words=own_words)]
    rendered: Rendered = getattr(made.render(), part)
    pieces = follow(rendered.pieces, rendered.text, text)
    generated = [(p.start, p.end) for p in pieces if p.placeholder and p.placeholder not in PROSE_PLACEHOLDERS]
    issues = check(text, names=names, own_words=own_words, generated=generated)
    return [Found(issue, _source(issue, pieces, made, part)) for issue in issues]


def _source(issue: Issue, pieces: list[Piece], made: Made, part: Part) -> Source | None:
    if not issue.suggestions:
        return None
    for piece in pieces:
        if piece.start <= issue.start and issue.end <= piece.end:
            offset = piece.offset + issue.start - piece.start
            if not piece.placeholder:
                return Source(part, "", offset, f"the template \u201c{made.template.name}\u201d")
            if piece.placeholder in _SOURCES:
                return Source(part, piece.placeholder, offset, _SOURCES[piece.placeholder])
    return None


def fixed_at_source(made: Made, profile: Profile, found: Found, replacement: str) -> Template | Profile | None:
    """The template or profile with the problem replaced, to be saved (then `remade` renders anew);
    None when it no longer holds the problem where the message was made from it."""
    source = found.source
    assert source is not None, "only a problem with a source is fixed there"
    if source.placeholder == "my_pitch":
        pitch = _replaced(profile.pitch, source.offset, found.issue.word, replacement)
        return None if pitch is None else dataclasses.replace(profile, pitch=pitch)
    text = _replaced(getattr(made.template, source.part), source.offset, found.issue.word, replacement)
    return None if text is None else dataclasses.replace(made.template, **{source.part: text})


def _replaced(text: str, offset: int, word: str, replacement: str) -> str | None:
    end = offset + len(word)
    return text[:offset] + replacement + text[end:] if text[offset:end] == word else None


def remade(made: Made, saved: Template | Profile) -> Made:
    """How the message is made once `saved` (from `fixed_at_source`) is stored."""
    if isinstance(saved, Profile):
        return Made(made.template, made.context | {"my_pitch": saved.pitch})
    return Made(saved, made.context)

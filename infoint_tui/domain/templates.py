"""Fill `{placeholder}` blanks in message templates, and find the blanks left over.

A placeholder is `{name}`, the name starting with a letter or "_". `{{` and `}}` stand for
literal braces; anything else (a lone `{`, `{ }`) is ordinary text, so rendering never fails.
A known placeholder with no value is left in the text as written, so the user sees the blank;
its position is reported so a screen can highlight it.

An optional part is written between `[[` and `]]` (OPTIONAL_HELP says it to the user): it
is left out whole when a known placeholder inside it has no value, and otherwise kept without
its brackets. A part that fills its own lines takes them with it, so a dropped paragraph
leaves no gap. Parts do not nest; a `[[` without its `]]` is ordinary text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal, NamedTuple

from infoint_tui.domain.models import Campaign, Interview, Objective, Person, Template
from infoint_tui.domain.policy import open_outreach

#: Every placeholder a template may use, with what it stands for.
PLACEHOLDERS: dict[str, str] = {
    "first_name": "their first name",
    "name": "their full name",
    "title": "their job title",
    "company": "their company",
    "objective": 'what I want to learn, worded to follow "learn more about"',
    "objective_kind": "what the objective is about: industry, company or role",
    "introducer": "full name of the mutual contact who connects us",
    "introducer_first_name": "first name of the mutual contact",
    "my_name": "my full name",
    "my_first_name": "my first name",
    "my_phone": "my phone number as written",
    "my_phone_slow": "my phone number in words, group by group, for a voicemail",
    "my_email": "my email address",
    "my_pitch": "one sentence about me and where I am heading",
    "interview_date": 'day of the interview, e.g. "Thursday 3 December"',
    "interview_time": 'time of the interview, e.g. "14:30"',
    "discussed": 'something specific we talked about, worded to follow "our talk about"',
    "action_items": 'follow-up items, one per line: "- text (done)" or "- text (in progress)"',
    "takeaways": "what I took away from the interview",
    "interviewee": "full name of the person I interviewed (for thanking an introducer)",
}

#: Placeholders whose values are the user's own sentences: checked like the template's words.
#: Every other value is data (names, numbers, dates, addresses) that the text check leaves alone.
PROSE_PLACEHOLDERS = frozenset({"objective", "my_pitch", "discussed", "takeaways", "action_items"})

LINKEDIN_LIMIT = 300

#: How an optional part is written, in the user's words (the Templates screen shows it).
OPTIONAL_HELP = (
    "A part between [[ and ]] is left out when one of its placeholders has no value, with its "
    "lines when it has lines of its own: [[Where I stand: {action_items}]] disappears when there "
    "are no action items."
)

# `{{`, `}}`, or a `{name}` placeholder; earlier alternatives win, as in str.format.
_TOKEN = re.compile(r"\{\{|\}\}|\{([^\W\d]\w*)\}")
# An optional part: the shortest stretch from `[[` to `]]`, over lines.
_OPTIONAL = re.compile(r"\[\[(.*?)\]\]", re.DOTALL)

SpanKind = Literal["unfilled", "unknown"]


class Span(NamedTuple):
    """Where a blank sits in a text: `text[start:end]` is the `{name}` as shown."""

    start: int
    end: int
    kind: SpanKind
    name: str


class Piece(NamedTuple):
    """Where a stretch of a rendered text came from: `text[start:end]` is `source[offset:offset + end - start]`,
    the source being the template's own text when `placeholder` is empty, else that placeholder's value."""

    start: int
    end: int
    placeholder: str
    offset: int


@dataclass(frozen=True, slots=True)
class Rendered:
    text: str
    #: Known placeholders without a value, each once, in order of first appearance.
    unfilled: list[str]
    #: Placeholder names that are not in PLACEHOLDERS (typos), each once.
    unknown: list[str]
    #: Every blank left in `text`, in order.
    spans: list[Span]
    #: Where every character of `text` came from, in order.
    pieces: list[Piece]


@dataclass(frozen=True, slots=True)
class RenderedMessage:
    subject: Rendered
    body: Rendered
    channel: str

    @property
    def unfilled(self) -> list[str]:
        return _unique(self.subject.unfilled + self.body.unfilled)

    @property
    def unknown(self) -> list[str]:
        return _unique(self.subject.unknown + self.body.unknown)

    @property
    def char_count(self) -> int:
        return len(self.body.text)

    @property
    def over_limit(self) -> bool:
        return self.channel == "linkedin" and self.char_count > LINKEDIN_LIMIT


def _unique(names: list[str]) -> list[str]:
    return list(dict.fromkeys(names))


def _kind(name: str) -> SpanKind:
    return "unfilled" if name in PLACEHOLDERS else "unknown"


def render(text: str, context: dict[str, str]) -> Rendered:
    """Replace each known placeholder that has a non-blank value; keep the rest visible, and
    leave out the optional parts that miss a value."""
    pieces: list[Piece] = []
    spans: list[Span] = []
    length = 0  # of the output so far, to place spans in the rendered text
    for start, end in _kept(text, context):
        position = start
        for match in _TOKEN.finditer(text, start, end):
            _add(pieces, Piece(length, length + match.start() - position, "", position))
            length += match.start() - position
            name = match.group(1)
            if name is None:
                piece = Piece(length, length + 1, "", match.start())  # an escaped brace
            elif name in PLACEHOLDERS and _filled(context, name):
                piece = Piece(length, length + len(context[name]), name, 0)
            else:
                piece = Piece(length, length + len(match.group()), "", match.start())
                spans.append(Span(piece.start, piece.end, _kind(name), name))
            _add(pieces, piece)
            length = piece.end
            position = match.end()
        _add(pieces, Piece(length, length + end - position, "", position))
        length += end - position
    return Rendered(
        text="".join(_source(text, context, piece) for piece in pieces),
        unfilled=_unique([span.name for span in spans if span.kind == "unfilled"]),
        unknown=_unique([span.name for span in spans if span.kind == "unknown"]),
        spans=spans,
        pieces=pieces,
    )


def _filled(context: dict[str, str], name: str) -> bool:
    return bool((context.get(name) or "").strip())


def _kept(text: str, context: dict[str, str]) -> list[tuple[int, int]]:
    """The stretches of `text` that the message is made of, in order: all of it but the
    brackets of optional parts and the optional parts that miss a value."""
    kept: list[tuple[int, int]] = []
    position = 0
    for part in _OPTIONAL.finditer(text):
        inner_start, inner_end = part.span(1)
        missing = any(
            match.group(1) in PLACEHOLDERS and not _filled(context, match.group(1))
            for match in _TOKEN.finditer(text, inner_start, inner_end)
        )
        if missing:
            start, end = _with_its_lines(text, part.start(), part.end())
            kept.append((position, max(start, position)))
        else:
            kept += [(position, part.start()), (inner_start, inner_end)]
            end = part.end()
        position = end
    kept.append((position, len(text)))
    return [(start, end) for start, end in kept if start < end]


def _with_its_lines(text: str, start: int, end: int) -> tuple[int, int]:
    """What a left-out part at `text[start:end]` takes with it: when it fills its lines, its
    line break, and the blank line after it when it is a paragraph of its own (at the end of
    the text, the breaks before it)."""
    if not (start == 0 or text[start - 1] == "\n") or not (end == len(text) or text[end] == "\n"):
        return start, end  # a part within a line goes alone
    paragraph = start < 2 or text[start - 2] == "\n"
    end += text.startswith("\n", end)
    end += paragraph and text.startswith("\n", end)
    if end == len(text):
        while start > 0 and text[start - 1] == "\n":
            start -= 1
    return start, end


def _source(text: str, context: dict[str, str], piece: Piece) -> str:
    """The characters `piece` stands for."""
    source = context[piece.placeholder] if piece.placeholder else text
    return source[piece.offset : piece.offset + piece.end - piece.start]


def _add(pieces: list[Piece], piece: Piece) -> None:
    """Append, joining a stretch of the template to the one it continues."""
    if piece.start == piece.end:
        return
    last = pieces[-1] if pieces else None
    if last and not last.placeholder and not piece.placeholder and last.offset + last.end - last.start == piece.offset:
        pieces[-1] = last._replace(end=piece.end)
    else:
        pieces.append(piece)


def find_blanks(text: str) -> list[Span]:
    """The `{name}` blanks in `text` as written (escaped braces are not blanks)."""
    return [
        Span(match.start(), match.end(), _kind(match.group(1)), match.group(1))
        for match in _TOKEN.finditer(text)
        if match.group(1) is not None
    ]


def render_template(template: Template, context: dict[str, str]) -> RenderedMessage:
    return RenderedMessage(
        subject=render(template.subject, context),
        body=render(template.body, context),
        channel=template.channel,
    )


def context_for(
    campaign: Campaign,
    person: Person,
    *,
    objective: Objective | None = None,
    interview: Interview | None = None,
) -> dict[str, str]:
    """Placeholder values for a message about `person`.

    `person` is whom the message is about: the addressee of most templates, the target
    of an introduction request (the mutual is `introducer`), and the introducer or
    connector being thanked or updated (whom I met is then `interviewee`). The objective
    defaults to the interview's. Values that are not known are absent or empty.
    """
    values = {"first_name": person.first_name, "name": person.name, "title": person.title}
    if company := campaign.company_of(person):
        values["company"] = company.name
    if introducer := campaign.introducer_of(person):
        values["introducer"] = introducer.name
        values["introducer_first_name"] = introducer.first_name
    if objective is None and interview is not None and interview.objective_id:
        objective = campaign.objectives.get(interview.objective_id)
    if objective is not None:
        values["objective"] = objective.text
        values["objective_kind"] = objective.kind.value
    profile = campaign.profile
    values |= {
        "my_name": profile.name,
        "my_first_name": profile.name.split()[0] if profile.name.split() else "",
        "my_phone": profile.phone,
        "my_phone_slow": phone_slow(profile.phone),
        "my_email": profile.email,
        "my_pitch": profile.pitch,
    }
    if interview is not None:
        values |= _interview_values(campaign, interview)
    return values


def sample_context(campaign: Campaign, person: Person) -> dict[str, str]:
    """Placeholder values for previewing any template for `person`: their objective (else the
    first active one, as a request would use) and their latest interview."""
    outreach = open_outreach(campaign, person.id)
    interviews = [i for i in campaign.interviews.values() if i.person_id == person.id]
    interview = latest_interview_with(campaign, person) or max(interviews, key=lambda i: i.when, default=None)
    objective_id = outreach.objective_id if outreach else interview.objective_id if interview else None
    objective = campaign.objectives.get(objective_id or 0) or next(
        (o for o in campaign.objectives.values() if o.active), None
    )
    return context_for(campaign, person, objective=objective, interview=interview)


def latest_interview_with(campaign: Campaign, person: Person) -> Interview | None:
    """The latest held interview `person` gave or made possible (for keep-posted news)."""
    held = [
        interview
        for interview in campaign.interviews.values()
        if interview.held and (interview.person_id == person.id or _introduced(campaign, interview, person))
    ]
    return max(held, key=lambda interview: interview.when, default=None)


def _introduced(campaign: Campaign, interview: Interview, person: Person) -> bool:
    interviewee = campaign.people.get(interview.person_id)
    return interviewee is not None and interviewee.introducer_id == person.id


def _interview_values(campaign: Campaign, interview: Interview) -> dict[str, str]:
    when = interview.when
    values = {
        "interview_date": f"{when:%A} {when.day} {when:%B}",
        "interview_time": f"{when:%H:%M}",
        "discussed": interview.discussed,
        "takeaways": interview.takeaways,
        "action_items": "\n".join(
            f"- {item.text} ({'done' if item.done else 'in progress'})" for item in interview.action_items
        ),
    }
    if interviewee := campaign.people.get(interview.person_id):
        values["interviewee"] = interviewee.name
    return values


_DIGIT_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_EXTENSION_WORDS = {"x", "ext", "extension"}


def phone_slow(phone: str) -> str:
    """A phone number as words to be said slowly: "+1 415 555 0142" becomes
    "plus one, four one five, five five five, zero one four two".

    The number's own grouping is kept; a long unbroken run of digits is cut into threes
    (the last group taking four digits rather than leaving one alone).
    """
    groups: list[str] = []
    prefix = ""
    for token in re.findall(r"\+|[0-9]+|[A-Za-z]+", phone):
        if token == "+":
            prefix = "plus "
        elif token.isdigit():
            for digits in _chunks(token):
                groups.append(prefix + " ".join(_DIGIT_WORDS[int(d)] for d in digits))
                prefix = ""
        elif token.lower() in _EXTENSION_WORDS:
            prefix = "extension "
        else:  # letters standing for digits, as in 1-800-FLOWERS: say them as written
            groups.append(prefix + token)
            prefix = ""
    return ", ".join(groups)


def _chunks(digits: str) -> list[str]:
    chunks = []
    while len(digits) > 4:
        chunks.append(digits[:3])
        digits = digits[3:]
    return [*chunks, digits]

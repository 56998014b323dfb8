"""The things a campaign is made of, as plain dataclasses.

Each model converts to and from a JSON-ready dict (`to_doc` / `from_doc`); dates travel as
ISO strings. Ids are the store's document ids; 0 means "not saved yet". Nothing here is
stored twice: an outreach's stage, for instance, is derived from its attempt log.
"""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from functools import cache
from typing import Any, ClassVar, NoReturn, Self

from infoint_tui.domain.text import clean_block, clean_line


class ObjectiveKind(StrEnum):
    INDUSTRY = "industry"
    COMPANY = "company"
    ROLE = "role"


class Degree(StrEnum):
    FIRST = "1st"
    SECOND = "2nd"
    COLD = "cold"


#: The source of people found on LinkedIn (and of everyone its export brings in).
LINKEDIN = "LinkedIn"


class Route(StrEnum):
    """How a request reaches the person (step 3 of the method)."""

    DIRECT = "direct"  # 1st degree: ask them yourself
    CONNECTION = "connection"  # 1st degree on LinkedIn: connected there, not someone I know well
    INTRO = "intro"  # 2nd degree: the mutual forwards an introduction
    MENTION = "mention"  # 2nd degree: ask them yourself, naming the mutual
    COLD = "cold"  # no connection

    @classmethod
    def for_person(cls, person: Person) -> Route:
        if person.degree == Degree.FIRST:
            # A LinkedIn connection may be someone met once: asked as one, not as a friend.
            return cls.CONNECTION if person.source.strip().casefold() == LINKEDIN.casefold() else cls.DIRECT
        if person.degree == Degree.SECOND and person.introducer_id:
            return cls.INTRO
        return cls.COLD


class AttemptKind(StrEnum):
    REQUEST = "request"
    INTRO_ASKED = "intro_asked"
    INTRO_MADE = "intro_made"
    FOLLOW_UP = "follow_up"
    CALL = "call"
    REPLY_YES = "reply_yes"
    REPLY_NO = "reply_no"
    #: "Not now, ask me again in <month>": `until` is the first day of that month.
    REPLY_LATER = "reply_later"
    #: They pointed to someone else (named in `note`), who becomes a target of their own.
    REFERRED = "referred"
    SNOOZED = "snoozed"
    CLOSED = "closed"
    #: An e-mail from them (or the mutual) found in the mailbox, to be read and recorded:
    #: `note` holds its first lines, `sender` who wrote it, `message_id` its Message-ID.
    MAIL_REPLY = "mail_reply"
    #: An automatic answer found in the mailbox (out of office): shown, never an answer.
    AUTO_REPLY = "auto_reply"


class CallOutcome(StrEnum):
    """How a phone call went, kept with the CALL attempt."""

    VOICEMAIL = "voicemail"
    SPOKE = "spoke"
    NO_ANSWER = "no answer"


#: Attempts that count towards "three attempts, then assume no".
CONTACT_ATTEMPTS = frozenset({AttemptKind.REQUEST, AttemptKind.FOLLOW_UP, AttemptKind.CALL})
#: The answers a person can give.
REPLIES = frozenset({AttemptKind.REPLY_YES, AttemptKind.REPLY_NO, AttemptKind.REPLY_LATER, AttemptKind.REFERRED})


class Mode(StrEnum):
    PHONE = "phone"
    VIDEO = "video"
    IN_PERSON = "in person"

    @property
    def phrase(self) -> str:
        """How the interview takes place, after its time: "14:30 by phone"."""
        return "in person" if self is Mode.IN_PERSON else f"by {self.value}"


class Verdict(StrEnum):
    """What an interview did to the plan (the point of the method)."""

    UNSURE = ""
    SOLIDIFIED = "solidified"
    CHALLENGED = "challenged"


def _to_json(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat(timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return [_to_json(item) for item in value]
    if isinstance(value, dict):
        return {key: _to_json(item) for key, item in value.items()}
    if isinstance(value, Model):
        return value.to_doc()
    return value


class Model:
    """Dict conversion shared by every model.

    Fields typed `date`/`datetime` are parsed from ISO strings; nested models are named in
    `NESTED`. Unknown keys in a document are ignored, missing keys take the field default, or
    its `absent` metadata where records stored before the field existed need another value.
    Text is stored clean of control characters (`domain.text`): one line, or lines for the
    fields named in `MULTILINE`. The texts of the fields named in `REPEATED` (a title, a
    place, a tag: the same few among thousands of records) are read into one shared copy,
    which the document read holds too.
    """

    NESTED: ClassVar[dict[str, type[Model]]] = {}
    MULTILINE: ClassVar[frozenset[str]] = frozenset()
    REPEATED: ClassVar[frozenset[str]] = frozenset()
    __dataclass_fields__: ClassVar[dict[str, dataclasses.Field[Any]]]  # every model is a dataclass
    id: int

    def to_doc(self) -> dict[str, Any]:
        doc = {f.name: _to_json(getattr(self, f.name)) for f in dataclasses.fields(self)}
        doc.pop("id", None)
        return doc

    @classmethod
    def from_doc(cls, doc: dict[str, Any], id: int = 0) -> Self:
        """The record a document holds; raises one of UNREADABLE when a value is of the wrong
        kind, and then `problem_in` says which."""
        return _reader(cls)(doc, id)  # type: ignore[arg-type]


#: What `from_doc` raises on a document it cannot read.
UNREADABLE = (TypeError, ValueError, KeyError, AttributeError)

#: How a field of each type is read from its JSON value `v`: an expression that is the value
#: to store, raising when `v` is of the wrong kind. Text that is printable, the usual case and
#: cheap to test, is kept as it is; any other is cleaned (`{text}`: clean_line or clean_block).
_READS = {
    "str": "v if v.isprintable() else {text}(v)",
    "str | None": "v if v is None or v.isprintable() else {text}(v)",
    "list[str]": "v if type(v) is list and ''.join(v).isprintable() else texts(v)",
    "int": "v if type(v) is int else wrong()",
    "int | None": "v if v is None or type(v) is int else wrong()",
    "bool": "v if type(v) is bool else wrong()",
    "date": "date(v)",
    "date | None": "None if v is None else date(v)",
    "datetime": "datetime(v)",
    "datetime | None": "None if v is None else datetime(v)",
    "list[int]": "v if type(v) is list and all(type(item) is int for item in v) else wrong()",
    "list[date]": "[date(item) for item in v] if type(v) is list else wrong()",
    "dict[str, date]": "{key: date(item) for key, item in v.items()}",
}
#: What a field of each type must hold, in the words of a message.
_EXPECTED = {
    "str": "text",
    "str | None": "text or null",
    "list[str]": "a list of texts",
    "int": "a whole number",
    "int | None": "a whole number or null",
    "bool": "true or false",
    "date": "a date like 2026-11-26",
    "date | None": "a date like 2026-11-26 or null",
    "datetime": "a date and time like 2026-11-26T14:30",
    "datetime | None": "a date and time like 2026-11-26T14:30 or null",
    "list[int]": "a list of whole numbers",
    "list[date]": "a list of dates like 2026-11-26",
    "dict[str, date]": "an object of dates like 2026-11-26",
}


def _wrong() -> NoReturn:
    raise TypeError("a value of the wrong kind")  # `problem_in` finds which, and says so


def _missing(name: str) -> NoReturn:
    raise TypeError(f"it has no {name!r}")


def _texts(value: Any) -> list[str]:
    if type(value) is not list:
        _wrong()
    return [clean_line(item) for item in value]  # raises on an item that is not text


def _environment(cls: type[Model]) -> dict[str, Any]:
    return {
        "new": object.__new__,
        "cls": cls,
        "missing": _missing,
        "wrong": _wrong,
        "texts": _texts,
        "clean_line": clean_line,
        "clean_block": clean_block,
        "date": date.fromisoformat,
        "datetime": datetime.fromisoformat,
        "intern": sys.intern,
    }


def _shared(f: dataclasses.Field[Any]) -> str:
    """The statement that puts the one shared copy of a REPEATED field's texts in `v` and in
    the document (a value of the wrong kind is left as it is, for the read to refuse)."""
    copy = "list(map(intern, v)) if type(v) is list" if f.type == "list[str]" else "intern(v) if type(v) is str"
    return f"v = doc[{f.name!r}] = {copy} else v"


def _read_code(cls: type[Model], f: dataclasses.Field[Any], env: dict[str, Any]) -> str:
    """The expression that reads field `f` from its JSON value `v` (see _READS)."""
    name, type_name = f.name, str(f.type)
    if name in cls.NESTED:
        env[f"nested_{name}"] = cls.NESTED[name].from_doc
        return f"[nested_{name}(item) for item in v] if type(v) is list else wrong()"
    enum = _ENUMS.get(type_name.removesuffix(" | None"))
    if enum is not None:
        # A dict lookup: calling the enum takes ten times longer.
        members: dict[Any, Any] = {member.value: member for member in enum}
        env[f"members_{name}"] = members | ({None: None} if type_name.endswith(" | None") else {})
        return f"members_{name}[v]"
    if type_name not in _READS:
        raise AssertionError(f"{cls.__name__}.{name}: no way to read a {type_name} from JSON")
    return _READS[type_name].replace("{text}", "clean_block" if name in cls.MULTILINE else "clean_line")


# The per-class caches below take the class itself as key; mypy does not see a class as
# Hashable (for functools.cache), hence the `type: ignore[arg-type]` where they are called.
@cache
def _reader(cls: type[Model]) -> Callable[[dict[str, Any], int], Any]:
    """`from_doc` for one class, written out field by field and compiled once.

    The way dataclasses writes `__init__`, but filling the slots straight from the document,
    without calling `__init__`: loading 30,000 people is the bulk of start-up, and a loop over
    the fields building keyword arguments for `__init__` took twice as long (118 ms against
    56 ms). Missing keys take the field's default; a present value is checked by its type
    (_READS), at about a tenth of that cost.
    """
    assert not hasattr(cls, "__post_init__"), f"{cls.__name__}.from_doc would skip __post_init__"
    env = _environment(cls)
    lines = ["def from_doc(doc, id):", "    record = new(cls)"]
    for f in dataclasses.fields(cls):
        name = f.name
        if name == "id":
            lines.append("    record.id = id")
            continue
        if "absent" in f.metadata:  # what records stored before the field existed hold
            env[f"default_{name}"] = f.metadata["absent"]
            otherwise = f"default_{name}"
        elif f.default is not dataclasses.MISSING:
            env[f"default_{name}"] = f.default
            otherwise = f"default_{name}"
        elif f.default_factory is not dataclasses.MISSING:
            env[f"factory_{name}"] = f.default_factory
            otherwise = f"factory_{name}()"
        else:
            otherwise = f"missing({name!r})"
        lines += [
            f"    if {name!r} in doc:",
            f"        v = doc[{name!r}]",
            *([f"        {_shared(f)}"] if name in cls.REPEATED else []),
            f"        record.{name} = {_read_code(cls, f, env)}",
            "    else:",
            f"        record.{name} = {otherwise}",
        ]
    lines.append("    return record")
    exec("\n".join(lines), env)  # the source is built above from field names only
    return env["from_doc"]


@cache
def text_fields(cls: type[Model]) -> tuple[str, ...]:
    """The names of the fields of `cls` that hold one text."""
    return tuple(f.name for f in dataclasses.fields(cls) if f.type == "str")


@cache
def _cleaners(cls: type[Model]) -> tuple[tuple[str, Callable[[Any], Any]], ...]:
    """(field, its cleaning) for every field of `cls` that holds text or a list of texts."""
    lists = tuple((f.name, _texts) for f in dataclasses.fields(cls) if f.type == "list[str]")
    return tuple((name, clean_block if name in cls.MULTILINE else clean_line) for name in text_fields(cls)) + lists  # type: ignore[arg-type]


def clean_texts(record: Model) -> None:
    """Remove control characters from every text of `record`, in place (see `domain.text`)."""
    for name, clean in _cleaners(type(record)):  # type: ignore[arg-type]
        setattr(record, name, clean(getattr(record, name)))


def problem_in(cls: type[Model], doc: Any) -> str:
    """Why `from_doc` refuses `doc`, as the end of a sentence about the record ("whose 'name'
    is a number, not text"); "" if it does not. Field by field, slowly: only after a refusal."""
    if type(doc) is not dict:
        return f"that is {describe_value(doc)}, not a record"
    for f in dataclasses.fields(cls):
        name = f.name
        if name == "id":
            continue
        if name not in doc:
            if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
                return f"that has no {name!r}"
            continue
        value = doc[name]
        if name in cls.NESTED and type(value) is list:
            nested = cls.NESTED[name]
            for item in value:
                if type(item) is dict and (problem := problem_in(nested, item)):
                    return f"whose {name!r} holds a record {problem}"
        read = _field_reader(cls, name)  # type: ignore[arg-type]
        if _refuses(read, value):
            return f"whose {name!r} is {describe_value(value, read)}, not {_expected(cls, f)}"
    return ""


@cache
def _field_reader(cls: type[Model], name: str) -> Callable[[Any], Any]:
    env = _environment(cls)
    f = next(f for f in dataclasses.fields(cls) if f.name == name)
    return eval(f"lambda v: {_read_code(cls, f, env)}", env)  # built from field names only


def _refuses(read: Callable[[Any], Any], value: Any) -> bool:
    try:
        read(value)
    except UNREADABLE:
        return True
    return False


def _expected(cls: type[Model], f: dataclasses.Field[Any]) -> str:
    type_name = str(f.type)
    if f.name in cls.NESTED:
        return "a list of records"
    enum = _ENUMS.get(type_name.removesuffix(" | None"))
    if enum is not None:
        return "one of " + ", ".join(repr(member.value) for member in enum)
    return _EXPECTED[type_name]


def describe_value(value: Any, read: Callable[[Any], Any] | None = None) -> str:
    """A JSON value as a message names it: null, a number, the text 'soon', a list holding…

    For a list or an object, the first item that `read` refuses is named too.
    """
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return f"the text {value if len(value) <= 30 else value[:30] + '…'!r}"  # repr: controls escaped
    kind = "a list" if isinstance(value, list) else "an object"
    for item in value if isinstance(value, list) else value.values():
        if read is not None and _refuses(read, [item] if isinstance(value, list) else {"": item}):
            return f"{kind} holding {describe_value(item)}"
    return kind


@dataclass(slots=True)
class Objective(Model):
    kind: ObjectiveKind
    text: str
    active: bool = True
    id: int = 0


@dataclass(slots=True)
class Company(Model):
    MULTILINE: ClassVar[frozenset[str]] = frozenset({"notes"})
    REPEATED: ClassVar[frozenset[str]] = frozenset({"industry", "size", "location", "source", "tags"})
    name: str
    industry: str = ""
    size: str = ""
    location: str = ""
    website: str = ""
    source: str = ""
    notes: str = ""
    tags: list[str] = field(default_factory=list)
    #: The names of companies merged into this one, so that an import naming them finds it.
    aliases: list[str] = field(default_factory=list)
    id: int = 0


#: How `Person.source` starts for someone an interviewee suggested (interviewing.add_referral).
REFERRED_BY = "referred by "


def new_uid() -> str:
    import uuid  # here, not at the top: importing it costs `infoint today` 15 ms

    return str(uuid.uuid4())


@dataclass(slots=True)
class Person(Model):
    MULTILINE: ClassVar[frozenset[str]] = frozenset({"postal_address", "notes"})
    REPEATED: ClassVar[frozenset[str]] = frozenset({"title", "location", "degree", "source", "tags"})
    name: str
    title: str = ""
    company_id: int | None = None
    email: str = ""
    phone: str = ""
    profile_url: str = ""
    location: str = ""
    postal_address: str = ""
    degree: Degree = Degree.COLD
    introducer_id: int | None = None
    source: str = ""
    tags: list[str] = field(default_factory=list)
    notes: str = ""
    connected_on: date | None = None
    #: Dates of "keeping you posted" updates sent to this person as a connector.
    updates: list[date] = field(default_factory=list)
    #: Due-item kind -> date it is snoozed until (for items not tied to an outreach).
    snoozed: dict[str, date] = field(default_factory=dict)
    #: Who this is to address books (the vCard UID), the same in every export: the card's own
    #: when imported from one, else made with the person. Records stored before this field
    #: have none; the vCard export derives one for them.
    uid: str = field(default_factory=new_uid, metadata={"absent": ""})
    #: The structured name (vCard N) as an address book had it: family, given, additional,
    #: prefix, suffix. Empty when it says no more than `name`; cleared when the name is edited.
    name_parts: list[str] = field(default_factory=list)
    #: Put aside: left out of the Targets list unless its filter asks for them (`is:archived`).
    archived: bool = False
    id: int = 0

    @property
    def first_name(self) -> str:
        """The given name an address book gave, else the first word of the name."""
        if self.name_parts and self.name_parts[1]:
            return self.name_parts[1]
        return self.name.split()[0] if self.name.split() else ""


@dataclass(slots=True)
class Attempt(Model):
    MULTILINE: ClassVar[frozenset[str]] = frozenset({"note"})
    kind: AttemptKind
    on: date
    note: str = ""
    #: For SNOOZED and REPLY_LATER: the day the pending step comes back.
    until: date | None = None
    #: For CALL: how it went (None for calls recorded before outcomes were kept).
    outcome: CallOutcome | None = None
    #: For an attempt sent as e-mail by infoint: the message's Message-ID, which replies name.
    #: For MAIL_REPLY and AUTO_REPLY: the Message-ID of the message found.
    message_id: str | None = None
    #: For MAIL_REPLY and AUTO_REPLY: who wrote it, as its From header names them.
    sender: str = ""
    #: For an attempt sent as e-mail by infoint: its Subject, which the follow-up answers ("Re: ...").
    subject: str = ""


@dataclass(slots=True)
class Outreach(Model):
    """One person approached for one objective, with everything that happened since."""

    NESTED: ClassVar[dict[str, type[Model]]] = {"attempts": Attempt}
    person_id: int
    objective_id: int
    route: Route
    created: date
    attempts: list[Attempt] = field(default_factory=list)
    id: int = 0

    def log(
        self,
        kind: AttemptKind,
        on: date,
        note: str = "",
        until: date | None = None,
        outcome: CallOutcome | None = None,
        message_id: str | None = None,
        subject: str = "",
    ) -> None:
        """Add to the log in place: for a stored outreach, on a copy (`Repository.edit`)."""
        self.attempts.append(Attempt(kind, on, note, until, outcome, message_id, subject=subject))

    def has(self, *kinds: AttemptKind) -> bool:
        return any(attempt.kind in kinds for attempt in self.attempts)

    def last(self, *kinds: AttemptKind) -> Attempt | None:
        for attempt in reversed(self.attempts):
            if attempt.kind in kinds:
                return attempt
        return None

    @property
    def pending_reply(self) -> Attempt | None:
        """The e-mail reply found since the last step, still to be read and recorded."""
        for attempt in reversed(self.attempts):
            if attempt.kind not in (AttemptKind.SNOOZED, AttemptKind.AUTO_REPLY):
                return attempt if attempt.kind == AttemptKind.MAIL_REPLY else None
        return None

    @property
    def current_round(self) -> list[Attempt]:
        """The log since the latest "not now, ask me later" reply (all of it without one):
        such a reply starts the attempts again."""
        later = self.last(AttemptKind.REPLY_LATER)
        return self.attempts[self.attempts.index(later) + 1 :] if later else self.attempts

    @property
    def contact_attempts(self) -> int:
        return sum(1 for attempt in self.attempts if attempt.kind in CONTACT_ATTEMPTS)

    @property
    def attempts_this_round(self) -> int:
        """Contact attempts since the latest "not now": the ones the follow-up rules count."""
        return sum(1 for attempt in self.current_round if attempt.kind in CONTACT_ATTEMPTS)

    @property
    def is_open(self) -> bool:
        return not self.has(AttemptKind.CLOSED, AttemptKind.REPLY_NO, AttemptKind.REFERRED)

    @property
    def stage(self) -> str:
        """A one-word summary for lists: derived from the log, never stored."""
        if self.has(AttemptKind.CLOSED):
            return "closed"
        if self.has(AttemptKind.REPLY_NO):
            return "declined"
        if self.has(AttemptKind.REFERRED):
            return "referred"
        if self.has(AttemptKind.REPLY_YES):
            return "yes"
        if self.pending_reply is not None:
            return "replied"
        if self.has(AttemptKind.REPLY_LATER) and not self.attempts_this_round:
            return "not now"
        if self.attempts_this_round:
            return f"attempt {self.attempts_this_round}"
        if self.has(AttemptKind.INTRO_MADE):
            return "introduced"
        if self.has(AttemptKind.INTRO_ASKED):
            return "intro asked"
        return "planned"


@dataclass(slots=True)
class PreparedQuestion(Model):
    text: str
    asked: bool = False
    #: Added during the interview, because something said called for it.
    follow_up: bool = False


@dataclass(slots=True)
class ActionItem(Model):
    text: str
    due: date | None = None
    done: bool = False


#: The lengths a call can be agreed at, in minutes; the first is the default.
CALL_MINUTES = (30, 20, 45, 60)


@dataclass(slots=True)
class Interview(Model):
    NESTED: ClassVar[dict[str, type[Model]]] = {
        "questions": PreparedQuestion,
        "action_items": ActionItem,
    }
    MULTILINE: ClassVar[frozenset[str]] = frozenset({"notes", "discussed", "takeaways"})
    person_id: int
    when: datetime
    objective_id: int | None = None
    outreach_id: int | None = None
    mode: Mode = Mode.PHONE
    where: str = ""
    questions: list[PreparedQuestion] = field(default_factory=list)
    notes: str = ""
    action_items: list[ActionItem] = field(default_factory=list)
    #: Specific things discussed, for the thank-you.
    discussed: str = ""
    takeaways: str = ""
    verdict: Verdict = Verdict.UNSURE
    held: bool = False
    thanked: date | None = None
    note_mailed: date | None = None
    introducer_thanked: date | None = None
    snoozed: dict[str, date] = field(default_factory=dict)
    #: Raised at every move, so that a calendar replaces the entry it holds (RFC 5545).
    sequence: int = 0
    #: The length agreed when booking: the call clock counts towards it.
    minutes: int = CALL_MINUTES[0]
    #: When the call began (the first note, or a key in the live view): the call clock's zero.
    started: datetime | None = None
    #: The people suggested during the call (ids), each a target of their own now.
    referrals: list[int] = field(default_factory=list)
    #: The day it was booked, or moved to another day: preparing falls due no sooner.
    booked: date | None = None
    id: int = 0

    @property
    def began(self) -> datetime:
        """When the call began: at its time or, begun late, when its clock was started within
        its length. A clock started sooner (notes typed that morning) brings nothing forward;
        one started after its length (notes written up after the call) is no start of it."""
        started = self.started
        if started is not None and self.when < started < self.when + timedelta(minutes=self.minutes):
            return started
        return self.when

    @property
    def ends(self) -> datetime:
        """When the call is over, by its agreed length: only then does it count as held."""
        return self.began + timedelta(minutes=self.minutes)

    def reschedule(self, when: datetime, mode: Mode, where: str, minutes: int) -> None:
        """Move it to another time, way, place or length; any change raises `sequence`."""
        if (when, mode, where, minutes) != (self.when, self.mode, self.where, self.minutes):
            self.sequence += 1
        self.when, self.mode, self.where, self.minutes = when, mode, where, minutes


@dataclass(slots=True)
class Template(Model):
    MULTILINE: ClassVar[frozenset[str]] = frozenset({"body"})
    key: str
    name: str
    subject: str
    body: str
    #: Where the text goes: email, linkedin (300-character notes), voicemail, letter.
    channel: str = "email"


@dataclass(slots=True)
class Question(Model):
    text: str
    kind: str = "general"  # industry / company / role / general
    id: int = 0


@dataclass(slots=True)
class Profile(Model):
    name: str = ""
    phone: str = ""
    email: str = ""
    pitch: str = ""
    #: The user's own words, never flagged by the spelling check.
    words: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Settings(Model):
    """The follow-up policy's intervals (DESIGN section 4)."""

    follow_up_days: int = 7
    call_days: int = 7
    give_up_days: int = 7
    max_attempts: int = 3
    intro_nudge_days: int = 7
    prep_days_before: int = 2
    prep_min_questions: int = 5
    thank_you_hours: int = 48
    keep_posted_days: int = 30
    action_days: int = 2
    agenda_days: int = 7
    campaign_active: bool = True


_ENUMS: dict[str, type[StrEnum]] = {
    "ObjectiveKind": ObjectiveKind,
    "Degree": Degree,
    "Route": Route,
    "AttemptKind": AttemptKind,
    "CallOutcome": CallOutcome,
    "Mode": Mode,
    "Verdict": Verdict,
}


@dataclass(slots=True)
class Campaign:
    """Everything the policy and the screens read, indexed by id."""

    objectives: dict[int, Objective] = field(default_factory=dict)
    companies: dict[int, Company] = field(default_factory=dict)
    people: dict[int, Person] = field(default_factory=dict)
    outreach: dict[int, Outreach] = field(default_factory=dict)
    interviews: dict[int, Interview] = field(default_factory=dict)
    questions: dict[int, Question] = field(default_factory=dict)
    templates: dict[str, Template] = field(default_factory=dict)
    profile: Profile = field(default_factory=Profile)
    settings: Settings = field(default_factory=Settings)
    #: Random, made once per data file: keeps its calendar entries apart from any other's.
    id: str = ""

    def company_of(self, person: Person) -> Company | None:
        return self.companies.get(person.company_id) if person.company_id else None

    def introducer_of(self, person: Person) -> Person | None:
        return self.people.get(person.introducer_id) if person.introducer_id else None


#: Which table holds each kind of record (and which field of Campaign indexes it).
TABLES: dict[type[Model], str] = {
    Objective: "objectives",
    Company: "companies",
    Person: "people",
    Outreach: "outreach",
    Interview: "interviews",
    Question: "questions",
}
#: Every field that names another record: (table, field, the table it names, whether it may
#: name none).
REFERENCES = (
    ("people", "company_id", "companies", True),
    ("people", "introducer_id", "people", True),
    ("outreach", "person_id", "people", False),
    ("outreach", "objective_id", "objectives", False),
    ("interviews", "person_id", "people", False),
    ("interviews", "objective_id", "objectives", True),
    ("interviews", "outreach_id", "outreach", True),
)

"""vCard's text syntax both ways: content lines, escapes, folding (vCard 2.1, 3.0 and 4.0).

Reading starts from bytes, because vCard 2.1 names a character set per property (CHARSET=,
often with QUOTED-PRINTABLE and its soft line breaks). It forgives what real address books
write: a line that is not a property continues the one before (base64 photos, folds that
lost their space), empty parameters are dropped, `\\:` is unescaped. A value is decoded only
when asked for, so what infoint does not use can never fail an import.

Not vobject: it keeps only "Doe" of `FN:Doe, John`, cannot read soft line breaks, fails a
whole card on `PROFILE:VCard` or a photo's base64 padding, and folds by characters where
RFC 6350 counts octets.
"""

from __future__ import annotations

import quopri
import re
from collections.abc import Iterator
from dataclasses import dataclass

BEGIN, END = b"BEGIN:VCARD", b"END:VCARD"
#: Lines end at CRLF, LF or CR; bytes.splitlines would also break inside some legacy charsets.
_LINE_BREAK = re.compile(rb"\r\n|\r|\n")
#: `group.NAME;param=value;...:` with quoted parameter values that may hold ; and :.
_HEAD = re.compile(rb'(?:([A-Za-z0-9-]+)\.)?([A-Za-z][A-Za-z0-9-]*)((?:;(?:[^;:"]|"[^"]*")*)*):')
_PARAMETER = re.compile(r'(?:[^;"]|"[^"]*")+')
#: vCard 2.1 may give an encoding without its name (`TEL;WORK;QUOTED-PRINTABLE:`).
_ENCODINGS = {"QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT"}
_ESCAPE = re.compile(r"\\([\\,;:nN])")
#: An escape pair or one character: the units a value is split and folded by.
_UNIT = re.compile(r"\\.|.", re.DOTALL)
#: C0 and C1 control characters but tab and line feed: data never drives a terminal.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
FOLD_AT = 75  # octets, RFC 6350 section 3.2


class NotUtf8(Exception):
    """A value that names no CHARSET is not UTF-8 (nor, in vCard 2.1, Windows-1252)."""

    def __init__(self, line: int) -> None:
        super().__init__(line)
        self.line = line


@dataclass(frozen=True, slots=True)
class Property:
    line: int  # the physical line it starts on
    group: str  # Apple ties a label to a value through a group: item1.URL + item1.X-ABLabel
    name: str  # upper case
    #: Upper-case names; only TYPE, PREF, CHARSET, ENCODING and VALUE are read, none of
    #: which holds a comma, so values are simply split at commas.
    params: dict[str, list[str]]
    raw: bytes  # the value as in the file, unfolded, not decoded

    def param(self, key: str) -> str:
        values = self.params.get(key)
        return values[0] if values else ""

    @property
    def types(self) -> set[str]:
        return {value.upper() for value in self.params.get("TYPE", ())}

    @property
    def preference(self) -> int:
        """1 (most preferred) to 100, as vCard 4.0's PREF; TYPE=pref (2.1, 3.0) counts as 1."""
        pref = self.param("PREF")
        if pref.isdigit():
            return int(pref)
        return 1 if "PREF" in self.types else 101

    def text(self, fallbacks: tuple[str, ...]) -> str:
        """The value as text, escapes still in it, line breaks as \\n.

        `fallbacks` are the character sets tried, in order, when the property names none.
        Raises ValueError for a charset that is unknown or does not fit, NotUtf8 when no
        fallback fits.
        """
        raw = self.raw
        if "QUOTED-PRINTABLE" in (value.upper() for value in self.params.get("ENCODING", ())):
            raw = quopri.decodestring(raw)
        if charset := self.param("CHARSET"):
            try:
                text = raw.decode(charset)
            except LookupError:
                raise ValueError(
                    f"the {self.name} is in the character set {charset!r}, which infoint does not know"
                ) from None
            except UnicodeDecodeError:
                raise ValueError(f"the {self.name} is not valid {charset} text") from None
        else:
            text = _first_decoding(raw, fallbacks, self.line)
        return text.replace("\r\n", "\n").replace("\r", "\n")


def _first_decoding(raw: bytes, charsets: tuple[str, ...], line: int) -> str:
    for charset in charsets:
        try:
            return raw.decode(charset)
        except UnicodeDecodeError:
            continue
    raise NotUtf8(line)


# Reading ---------------------------------------------------------------------------------


def is_line(line: bytes, word: bytes) -> bool:
    return line.strip().upper() == word


def cards(data: bytes) -> Iterator[tuple[int, list[bytes]]]:
    """(first line, physical lines) per card, or per run of text found outside any card."""
    start = 0
    chunk: list[bytes] = []
    for number, line in enumerate(_LINE_BREAK.split(data), 1):
        if is_line(line, BEGIN) and chunk:  # the previous card (or stray text) never ended
            yield start, chunk
            chunk = []
        if not chunk:
            if not line.strip():
                continue  # blank lines between cards
            start = number
        chunk.append(line)
        if is_line(line, END):
            yield start, chunk
            chunk = []
    if chunk:
        yield start, chunk


def properties(first: int, lines: list[bytes]) -> list[Property]:
    """The properties of the lines of one card (BEGIN and END left out), unfolded.

    Raises ValueError, naming the line, when the first line is not a property.
    """
    found: list[tuple[int, bytearray]] = []
    for number, line in enumerate(lines, first):
        current = found[-1][1] if found else None
        if current is None:
            if line.strip():
                found.append((number, bytearray(line)))
        elif current.endswith(b"=") and _is_quoted_printable(current):
            current[-1:] = line  # a soft line break: the = goes, the text goes on
        elif line[:1] in (b" ", b"\t"):
            current += line[1:]  # folded
        elif not line.strip():
            continue  # ends a vCard 2.1 base64 value
        elif _HEAD.match(line):
            found.append((number, bytearray(line)))
        else:
            current += line  # base64 lines, or a fold without its space
    return [_property(number, bytes(line)) for number, line in found]


def _is_quoted_printable(line: bytearray) -> bool:
    head = _HEAD.match(line)
    return head is not None and b"QUOTED-PRINTABLE" in head.group(0).upper()


def _property(number: int, line: bytes) -> Property:
    head = _HEAD.match(line)
    if head is None:
        shown = line.decode("utf-8", "replace")
        raise ValueError(f"line {number} is not a vCard property: {shown[:40]!r}")
    group, name, params = head.groups()
    return Property(
        number,
        (group or b"").decode(),
        name.decode().upper(),
        _parameters(params.decode("utf-8", "replace")),
        line[head.end() :],
    )


def _parameters(text: str) -> dict[str, list[str]]:
    params: dict[str, list[str]] = {}
    for item in _PARAMETER.findall(text):
        key, has_value, value = item.partition("=")
        if not has_value:
            key, value = ("ENCODING" if key.strip().upper() in _ENCODINGS else "TYPE"), key
        values = [part.strip() for part in value.replace('"', "").split(",")]
        params.setdefault(key.strip().upper(), []).extend(part for part in values if part)
    return params


def split(text: str, separator: str) -> list[str]:
    """The parts of a value between unescaped separators (; or ,), still escaped."""
    parts: list[str] = []
    part: list[str] = []
    for unit in _UNIT.findall(text):
        if unit == separator:
            parts.append("".join(part))
            part = []
        else:
            part.append(unit)
    parts.append("".join(part))
    return parts


def unescape(text: str) -> str:
    """The text an escaped value stands for, without control characters, trimmed."""
    return clean(_ESCAPE.sub(lambda m: "\n" if m[1] in "nN" else m[1], text)).strip()


def clean(text: str) -> str:
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


# Writing ---------------------------------------------------------------------------------


def escape(text: str) -> str:
    return re.sub(r"[\\,;\n]", lambda m: "\\n" if m[0] == "\n" else "\\" + m[0], clean(text))


def structured(*parts: str) -> str:
    """A value of ;-separated parts (N, ADR), each escaped."""
    return ";".join(map(escape, parts))


def content_line(name: str, value: str) -> str:
    """`name:value` folded at 75 octets, never inside a UTF-8 character or an escape."""
    out, size = [], 0
    for unit in _UNIT.findall(f"{name}:{value}"):
        octets = len(unit.encode())
        if size + octets > FOLD_AT:
            out.append("\r\n ")
            size = 1
        out.append(unit)
        size += octets
    return "".join(out) + "\r\n"

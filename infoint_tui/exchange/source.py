"""The text of a file to import, or one sentence saying why there is none.

A byte order mark decides first (UTF-8, or UTF-16 as Excel's "Unicode text" writes it).
Without one the bytes must be UTF-8, unless the caller names a fallback to try next: a
spreadsheet re-saved by Excel on Windows is Windows-1252. The encoding that was read is
returned with the text, so that an import can say it.
"""

from __future__ import annotations

import codecs
import os
from pathlib import Path
from typing import NamedTuple

from infoint_tui.domain.text import clean_line
from infoint_tui.exchange.plan import ImportProblem

#: A path (read from disk), bytes (decoded) or str (already the text itself).
Source = str | bytes | os.PathLike[str]
#: Far more than a real export (30,000 LinkedIn connections take about 5 MB), and refused
#: before reading: a bigger file is the wrong file or a hostile one, and would fill the memory.
MAX_BYTES = 50_000_000

UTF_8, UTF_16, WINDOWS_1252 = "UTF-8", "UTF-16", "Windows-1252"
_CODECS = {UTF_8: "utf-8", UTF_16: "utf-16", WINDOWS_1252: "cp1252"}
_MARKS = ((codecs.BOM_UTF8, UTF_8), (codecs.BOM_UTF16_LE, UTF_16), (codecs.BOM_UTF16_BE, UTF_16))


class Text(NamedTuple):
    text: str
    #: How the bytes were read: UTF_8, UTF_16 or the fallback; "" for text given as a str.
    encoding: str


def text_of(source: Source) -> str:
    """The text of a file that is UTF-8 or starts with a byte order mark."""
    return read_text(source).text


def read_text(source: Source, fallback: str | None = None) -> Text:
    """The text and its encoding; `fallback` (e.g. WINDOWS_1252) is tried when UTF-8 fails."""
    # The name goes into messages: it must not carry control characters either.
    name = clean_line(Path(source).name) if isinstance(source, os.PathLike) else "The file"
    data = _read(source, name) if isinstance(source, os.PathLike) else source
    if len(data) > MAX_BYTES:  # what was read, or the text handed over
        raise _too_big(name, len(data))
    text, encoding = (data, "") if isinstance(data, str) else _decode(data, name, fallback)
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise ImportProblem(f"{name} is empty.")
    return Text(text, encoding)


def _decode(data: bytes, name: str, fallback: str | None) -> Text:
    marked = next((encoding for mark, encoding in _MARKS if data.startswith(mark)), None)
    tries = [marked] if marked else [UTF_8, *filter(None, [fallback])]
    for encoding in tries:
        try:
            return Text(data.decode(_CODECS[encoding]), encoding)
        except UnicodeDecodeError as error:
            line = data.count(b"\n", 0, error.start) + 1
    what, which = (f"neither {tries[0]} nor {tries[1]}", "neither") if len(tries) > 1 else (f"not {tries[0]}", "not")
    raise ImportProblem(f"{name} is {what} text (line {line} has a byte that is {which}); export it again as UTF-8.")


def _read(path: os.PathLike[str], name: str) -> bytes:
    try:
        with open(path, "rb") as file:
            size = os.fstat(file.fileno()).st_size
            if size > MAX_BYTES:
                raise _too_big(name, size)
            return file.read(MAX_BYTES + 1)  # one byte more: a file that grew since is caught too
    except OSError as error:
        raise ImportProblem(f"Cannot read {clean_line(os.fspath(path))}: {error.strerror or error}.") from None


def _too_big(name: str, size: int) -> ImportProblem:
    return ImportProblem(
        f"{name} is {size / 1e6:,.1f} MB, more than the {MAX_BYTES // 1_000_000} MB an import reads: "
        "check that it is the right file, or split it."
    )

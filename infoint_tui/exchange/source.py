"""The text of a file to import, or one sentence saying why there is none."""

from __future__ import annotations

import os
from pathlib import Path

from infoint_tui.domain.text import clean_line
from infoint_tui.exchange.plan import ImportProblem

#: A path (read from disk), bytes (decoded) or str (already the text itself).
Source = str | bytes | os.PathLike[str]
#: Far more than a real export (30,000 LinkedIn connections take about 5 MB), and refused
#: before reading: a bigger file is the wrong file or a hostile one, and would fill the memory.
MAX_BYTES = 50_000_000


def text_of(source: Source) -> str:
    # The name goes into messages: it must not carry control characters either.
    name = clean_line(Path(source).name) if isinstance(source, os.PathLike) else "The file"
    data = _read(source, name) if isinstance(source, os.PathLike) else source
    if len(data) > MAX_BYTES:  # what was read, or the text handed over
        raise _too_big(name, len(data))
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            line = data.count(b"\n", 0, error.start) + 1
            raise ImportProblem(
                f"{name} is not UTF-8 text (line {line} has a byte that is not); "
                "export it again as UTF-8."
            ) from None
    text = data.removeprefix("\ufeff")
    if not text.strip():
        raise ImportProblem(f"{name} is empty.")
    return text


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

"""The text of a file to import, or one sentence saying why there is none."""

from __future__ import annotations

import os
from pathlib import Path

from infoint_tui.exchange.plan import ImportProblem

#: A path (read from disk), bytes (decoded) or str (already the text itself).
Source = str | bytes | os.PathLike[str]


def text_of(source: Source) -> str:
    name = Path(source).name if isinstance(source, os.PathLike) else "The file"
    data = _read(source) if isinstance(source, os.PathLike) else source
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


def _read(path: os.PathLike[str]) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as error:
        raise ImportProblem(f"Cannot read {path}: {error.strerror or error}.") from None

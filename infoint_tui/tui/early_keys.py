"""Keys typed while infoint starts reach it as they were typed.

Until a program puts the terminal in raw mode, the terminal's line discipline rewrites
the keys as they arrive: Enter becomes a line feed (ICRNL, so Textual reads ctrl+j), ctrl+s
and ctrl+q stop and restart output (IXON), ctrl+c and ctrl+z signal the program (ISIG).
Textual goes raw only once it is imported and its app is built, a few hundred
milliseconds in, and over a laggy link the keys typed right after the command often
arrive then, in a burst.

So the terminal goes raw as infoint starts (`raw_until_textual`), set as Textual will
set it, and is given back as it was just before Textual takes over (`hand_over`):
Textual keeps what it finds to restore when it ends or suspends (for the user's editor).
Keys that came before even this (while Python started) are mended by the app: it reads
ctrl+j as Enter.

No Textual here: this runs before it is imported.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import Any

#: The terminal's settings as infoint found them, while infoint holds it raw.
_found: tuple[int, list[Any]] | None = None


@contextmanager
def raw_until_textual() -> Iterator[None]:
    """Raw keys from now on; the terminal as it was when this ends, whatever happened."""
    global _found
    try:
        import termios
    except ImportError:  # Windows: no line discipline to undo
        yield
        return
    try:
        fileno = sys.stdin.fileno()
        found = termios.tcgetattr(fileno)
        raw = termios.tcgetattr(fileno)
        raw[0] &= ~(termios.ICRNL | termios.INLCR | termios.IGNCR | termios.IXON | termios.IXOFF)
        raw[3] &= ~(termios.ECHO | termios.ICANON | termios.IEXTEN | termios.ISIG)
        raw[6][termios.VMIN] = 1
        termios.tcsetattr(fileno, termios.TCSANOW, raw)
        _found = (fileno, found)
    except (AttributeError, OSError, ValueError, termios.error):
        pass  # not a terminal (a pipe, a test's captured input): nothing to undo
    try:
        yield
    finally:
        hand_over()


def hand_over() -> None:
    """Put the terminal back as it was (once): Textual is about to take it."""
    global _found
    if _found is None:
        return
    import termios

    fileno, found = _found
    _found = None
    with suppress(termios.error):  # the terminal has gone (a dropped link)
        termios.tcsetattr(fileno, termios.TCSANOW, found)

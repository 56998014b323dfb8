"""Text from outside (a file, a paste, an editor) made safe to keep and to show in a terminal,
and text compared the way people read it (`fold`: without case or accents).

A terminal obeys a control character wherever it stands: ESC starts the sequences that
write the clipboard (OSC 52), wipe the screen or make links; BEL rings; the C1 codes
U+0080-U+009F act like ESC sequences in some terminals; bidirectional overrides and isolates
and other invisible format characters make a text show something other than what it holds
(U+202E turns "txt.exe" round). None of them belongs in a name or a note, so they are removed
and the words around them kept. `clean_line` is for one-line fields (a line break or a tab
becomes a space); `clean_block` for notes (line breaks kept as \\n, tabs kept). Zero-width
joiner and non-joiner stay: emoji sequences and scripts such as Persian and the Indic ones
need them. Lone surrogates go too: they cannot be written as UTF-8.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

# Unicode's format characters (category Cf) but ZWNJ U+200C and ZWJ U+200D.
_FORMAT = (
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b\u200e\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd"
    "\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
)
_SURROGATES = "\ud800-\udfff"


@cache
def _pattern(pattern: str) -> re.Pattern[str]:
    """Compiled when first needed: text that needs no cleaning, the usual case, needs none
    (compiling them all would cost `infoint today`, which prints clean lines, ~2 ms)."""
    return re.compile(pattern)


def clean_line(text: str) -> str:
    """One line of plain text: breaks and tabs become a space, other controls go."""
    if text.isprintable():  # the usual case, decided in C
        return text
    spaced = _pattern("[\t\n\r\v\f\x85\u2028\u2029]+").sub(" ", text)
    return _pattern(f"[\x00-\x1f\x7f-\x9f{_FORMAT}{_SURROGATES}]").sub("", spaced)


def clean_block(text: str) -> str:
    """Lines of plain text: every kind of line break becomes \\n; tabs stay; other controls go."""
    if all(map(str.isprintable, text.split("\n"))):  # the usual case: printable lines
        return text
    lines = _pattern("\r\n|[\r\v\f\x85\u2028\u2029]").sub("\n", text)
    return _pattern(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_FORMAT}{_SURROGATES}]").sub("", lines)


#: Accents and other combining marks, as NFKD sets them apart from their letters.
_MARKS = "[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+"


def fold(text: str) -> str:
    """Lowercase without accents, so that 'zoe' finds 'Zoë' (one regex pass, in C)."""
    if text.isascii():
        return text.lower()
    return _pattern(_MARKS).sub("", unicodedata.normalize("NFKD", text)).casefold()

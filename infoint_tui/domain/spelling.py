"""The check a user sees before a message is copied: blanks, misspellings, doubled words.

The dictionary is pyspellchecker's English (US) word list, loaded once on first use: it
takes 0.1 to 0.25 s, so a screen may warm it up early by checking any text. Names of people and companies
and the user's own words are never flagged; nor are e-mail addresses, URLs, numbers, words with digits, acronyms in
capitals, one-letter words, and the stretches a caller says were generated (a placeholder's value such as a
phone number in words). A hyphenated compound is a word when the dictionary knows it whole; otherwise each
part is checked. Numbers, in digits or words, are never doubled words ("five five five" is a phone number).
"""

from __future__ import annotations

import heapq
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Literal

from infoint_tui.domain.templates import Span, find_blanks
from infoint_tui.domain.wording import count

if TYPE_CHECKING:
    from spellchecker import SpellChecker

IssueKind = Literal["unfilled", "unknown", "misspelled", "doubled"]


@dataclass(frozen=True, slots=True)
class Issue:
    kind: IssueKind
    #: `text[start:end]` is what the issue is about.
    start: int
    end: int
    word: str
    #: What may go in place of `text[start:end]`, the likeliest first; empty when nothing is close.
    suggestions: tuple[str, ...]
    message: str

    @property
    def suggestion(self) -> str | None:
        return self.suggestions[0] if self.suggestions else None


#: Real words the dictionary lacks that job-search messages use. Kept beside it rather
#: than loaded into it, which would make pyspellchecker recount its whole word list.
ALLOWED_WORDS = frozenset(
    {
        "analytics",
        "app",
        "apps",
        "bootcamp",
        "bootcamps",
        "cofounder",
        "cybersecurity",
        "dataset",
        "datasets",
        "edtech",
        "fintech",
        "healthtech",
        "intro",
        "introducer",
        "introducers",
        "intros",
        "linkedin",
        "meetup",
        "meetups",
        "mentee",
        "mentees",
        "naïve",
        "onboarding",
        "podcasts",
        "roadmap",
        "roadmaps",
        "résumé",
        "skillset",
        "tech",
        "upskilling",
        "voicemail",
        "webinar",
        "webinars",
        "workflow",
        "workflows",
    }
)

_EMAIL_OR_URL = re.compile(
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # e-mail address
    r"|(?:https?://|www\.)\S+"  # URL with a scheme or www.
    r"|\b(?:[\w-]+\.)+[a-z]{2,}(?:/\S*)?"  # bare domain such as acme.io/careers
)
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u02bc": "'"})
# "company's", "we'll": checked as the stem, which may be a dictionary word or a name.
_SUFFIX = re.compile(r"['\u2019\u02bc](?:s|re|ve|ll|d|m)$", re.IGNORECASE)
#: Said digit by digit or in full, numbers repeat: never a doubled word.
NUMBER_WORDS = frozenset(
    {
        *("zero", "oh", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"),
        *("eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"),
        *("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"),
        *("hundred", "thousand", "million", "billion", "double", "triple"),
    }
)
MAX_SUGGESTIONS = 5


@cache
def _word_pattern() -> re.Pattern[str]:
    """A word: letters (with their combining marks) and inner apostrophes.

    Python's `\\w` leaves out combining marks, which would cut a decomposed "Zoë" or a
    Devanagari name in pieces; the marks of the Basic Multilingual Plane are added.
    """
    marks = "".join(re.escape(chr(code)) for code in range(0x10000) if unicodedata.category(chr(code)).startswith("M"))
    letter = rf"[\w{marks}]"
    return re.compile(rf"{letter}+(?:['\u2019\u02bc]{letter}+)*")


@cache
def _compound_pattern() -> re.Pattern[str]:
    """Words joined by hyphens ("health-tech", "well-known"), or one word."""
    word = _word_pattern().pattern
    return re.compile(rf"{word}(?:-{word})*")


@cache
def _dictionary() -> SpellChecker:
    from spellchecker import SpellChecker  # deferred: `infoint today` never needs it

    return SpellChecker(language="en")


@cache
def _vocabulary() -> tuple[list[str], list[str]]:
    """The dictionary's words, and the same without apostrophes: "wel" is as close to "we'll" as to "well"."""
    words = list(_dictionary().word_frequency.dictionary)
    return words, [word.replace("'", "") for word in words]


@lru_cache(maxsize=4096)
def _suggest(word: str) -> tuple[str, ...]:
    """Dictionary words at most 2 edits away: the closest first, the most common first among equals.

    This is the usual spelling-corrector ranking (fewest edits, then frequency).
    pyspellchecker's own `candidates` builds every word two edits away, which takes seconds for a
    long word; rapidfuzz scores the whole word list in milliseconds.
    """
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    words, plain = _vocabulary()
    query = unicodedata.normalize("NFC", word).lower().replace("'", "")
    matches = process.extract(query, plain, scorer=OSA.distance, score_cutoff=2, limit=None)
    frequency = _dictionary().word_frequency.dictionary
    best = heapq.nsmallest(MAX_SUGGESTIONS, matches, key=lambda match: (match[1], -frequency.get(words[match[2]], 0)))
    return tuple(_match_case(words[index], word) for _, _, index in best)


def _match_case(suggestion: str, like: str) -> str:
    if like[:1].isupper():
        return suggestion[:1].upper() + suggestion[1:]
    return suggestion


def _key(word: str) -> str:
    """How words compare: composed, case-folded, with a plain apostrophe."""
    return unicodedata.normalize("NFC", word).translate(_APOSTROPHES).casefold()


def _words(text: str) -> Iterator[re.Match[str]]:
    return _word_pattern().finditer(text)


@lru_cache(maxsize=65536)
def _phrase_words(phrase: str) -> frozenset[str]:
    """The words of a name, cached: a check may be given every name in a large campaign."""
    return frozenset(_key(match.group()) for match in _words(phrase))


def _known_words(phrases: Iterable[str]) -> set[str]:
    return set().union(*map(_phrase_words, phrases))


def _is_checked(word: str) -> bool:
    """False for what is not ours to judge: numbers, codes, acronyms, single letters."""
    if any(char.isdigit() or char == "_" for char in word):
        return False
    if word.isupper():
        return False
    return len(unicodedata.normalize("NFC", word)) > 1


def _is_correct(word: str, exempt: set[str]) -> bool:
    key = _key(word)
    if key in exempt or key in _dictionary():
        return True
    stem = _SUFFIX.sub("", key)
    return stem != key and (stem in exempt or stem in _dictionary())


def _wrong_parts(compound: re.Match[str], exempt: set[str]) -> Iterator[tuple[int, str]]:
    """The misspelled words of a compound, with where each starts: none when it is known whole ("co-founder")."""
    whole = compound.group()
    if "-" in whole and (_is_correct(whole, exempt) or _is_correct(whole.replace("-", ""), exempt)):
        return
    for part in _word_pattern().finditer(whole):
        if _is_checked(part.group()) and not _is_correct(part.group(), exempt):
            yield compound.start() + part.start(), part.group()


def check(
    text: str,
    *,
    names: Iterable[str] = (),
    own_words: Iterable[str] = (),
    generated: Sequence[tuple[int, int]] = (),
) -> list[Issue]:
    """Everything to fix in `text` before it is sent, in order of position.

    `generated` are the (start, end) stretches a program wrote, such as a placeholder's value:
    never judged, and never next to the words around them.
    """
    blanks = find_blanks(text)
    issues = [_blank_issue(span) for span in blanks]
    # Blanks, addresses, URLs and generated text are blotted out, keeping every other position:
    # no word is found inside them, and words on either side are not next to each other.
    hidden = [(span.start, span.end) for span in blanks]
    hidden += [match.span() for match in _EMAIL_OR_URL.finditer(text)]
    hidden += generated
    chars = list(text)
    for start, end in hidden:
        chars[start:end] = "\0" * (end - start)
    masked = "".join(chars)
    exempt = _known_words(names) | _known_words(own_words) | ALLOWED_WORDS
    previous: re.Match[str] | None = None
    for match in _compound_pattern().finditer(masked):
        if previous is not None and _is_doubled(masked, previous, match):
            # "the the the" is one issue: a run extends the issue its first pair opened.
            if issues and issues[-1].kind == "doubled" and issues[-1].end == previous.end():
                issues[-1] = _doubled_issue(text, issues[-1].start, match)
            else:
                issues.append(_doubled_issue(text, previous.start(), match))
        else:
            issues += [_misspelled_issue(start, word) for start, word in _wrong_parts(match, exempt)]
        previous = match
    return sorted(issues, key=lambda issue: issue.start)


def _is_doubled(text: str, first: re.Match[str], second: re.Match[str]) -> bool:
    between = text[first.end() : second.start()]
    return (
        between.isspace()
        and _key(first.group()) == _key(second.group())
        and not any(char.isdigit() for char in first.group())
        and _key(first.group()) not in NUMBER_WORDS
    )


def _blank_issue(span: Span) -> Issue:
    word = "{" + span.name + "}"
    if span.kind == "unfilled":
        message = f"The blank {word} has not been filled in."
    else:
        message = f"{word} is not a known placeholder."
    return Issue(span.kind, span.start, span.end, word, (), message)


def _misspelled_issue(start: int, word: str) -> Issue:
    stem = _SUFFIX.sub("", word)
    ending = word[len(stem) :]  # keep the "'s" of "compnay's"
    # With an ending kept, a suggestion with its own ("company's" for "compnay") would double it.
    fits = (suggestion for suggestion in _suggest(stem) if not (ending and "'" in suggestion))
    suggestions = tuple(suggestion + ending for suggestion in fits)
    message = f'"{word}" may be misspelled.'
    if suggestions:
        message = f'"{word}" may be misspelled; did you mean {_or(suggestions[:3])}?'
    return Issue("misspelled", start, start + len(word), word, suggestions, message)


def _or(words: Sequence[str]) -> str:
    quoted = [f'"{word}"' for word in words]
    return quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} or {quoted[-1]}"


def _doubled_issue(text: str, start: int, last: re.Match[str]) -> Issue:
    """Covers the whole run; the fix keeps its first word."""
    run = text[start : last.end()]
    first = run.split()[0]
    return Issue("doubled", start, last.end(), run, (first,), f'"{first}" is repeated.')


_LABELS: dict[IssueKind, str] = {
    "misspelled": "misspelled word",
    "doubled": "doubled word",
    "unfilled": "unfilled placeholder",
    "unknown": "unknown placeholder",
}


def summary(issues: Iterable[Issue]) -> str:
    """One line such as "2 misspelled words, 1 unfilled placeholder"."""
    kinds = [issue.kind for issue in issues]
    parts = [count(n, label) for kind, label in _LABELS.items() if (n := kinds.count(kind))]
    return ", ".join(parts) if parts else "no problems found"

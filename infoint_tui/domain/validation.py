"""Checks for what the user types into a form field.

Each check takes the raw text and returns None when it is acceptable, or one short
sentence that says what to write instead (shown beside the field). Empty text passes every
check except `required`, so optional fields stay optional.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from urllib.parse import urlsplit

# One @, no spaces, and a dot inside the domain (not at either end of it).
_EMAIL = re.compile(r"[^@\s]+@[^@\s.]+(\.[^@\s.]+)+")
_PHONE_CHARACTERS = re.compile(r"[0-9 +\-().]*")
MIN_PHONE_DIGITS = 6

Check = Callable[[str], "str | None"]


def all_of(*checks: Check) -> Check:
    """One check made of several (say, required and a date); the first complaint wins."""
    return lambda text: next((problem for check in checks if (problem := check(text))), None)


def required(text: str) -> str | None:
    return None if text.strip() else "This cannot be left empty."


def email(text: str) -> str | None:
    text = text.strip()
    if not text or _EMAIL.fullmatch(text):
        return None
    return "Write an e-mail like ana@example.com."


def url(text: str) -> str | None:
    text = text.strip()
    if not text:
        return None
    if " " in text:
        return "A web address has no spaces."
    try:
        parts = urlsplit(text)
        host = parts.hostname
    except ValueError:  # an unclosed [ or another host urlsplit refuses outright
        host = None
    if host and "." in host and parts.scheme in ("http", "https"):
        return None
    return "Write a web address like https://example.com."


def day(text: str) -> str | None:
    text = text.strip()
    if not text:
        return None
    if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
        try:
            date.fromisoformat(text)
            return None
        except ValueError:
            return "That day does not exist; check the month and the day."
    return "Write a day as YYYY-MM-DD, like 2026-11-26."


def whole_number(text: str, minimum: int = 0, maximum: int | None = None) -> str | None:
    text = text.strip()
    within = f"from {minimum} to {maximum}" if maximum is not None else f"of {minimum} or more"
    if not re.fullmatch(r"[+-]?[0-9]+", text):
        return f"Write a whole number {within}."
    number = int(text)
    if number < minimum or (maximum is not None and number > maximum):
        return f"Write a whole number {within}."
    return None


def phone(text: str) -> str | None:
    text = text.strip()
    if not text:
        return None
    if not _PHONE_CHARACTERS.fullmatch(text):
        return "Use only digits, spaces and + - ( ) ."
    if sum(ch.isdigit() for ch in text) < MIN_PHONE_DIGITS:
        return f"A phone number has at least {MIN_PHONE_DIGITS} digits."
    return None

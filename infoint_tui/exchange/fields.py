"""Checks and normal forms for the values an import brings in, shared by every format.

The checks are the forms' own (`domain.validation`), so an import lets in exactly what a
form would. Each function returns the clean value or raises ValueError with the reason.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from infoint_tui.domain import validation


def email(text: str) -> str:
    text = text.strip()
    if validation.email(text):
        raise ValueError(f"{text!r} is not an e-mail address")
    return text


def profile_url(text: str) -> str:
    """The one spelling of a web address that recognises a person across imports.

    Query strings and fragments are dropped (LinkedIn adds tracking ones), as is a trailing
    slash; scheme and host are lowercased. A bare 'www.example.com' gains https://.
    """
    text = text.strip()
    if not text:
        return ""
    candidate = text if "://" in text else "https://" + text
    try:
        valid = validation.url(candidate) is None
    except ValueError:  # urlsplit refuses some hosts outright, e.g. an unclosed [
        valid = False
    if not valid:
        raise ValueError(f"{text!r} is not a web address")
    parts = urlsplit(candidate)
    return f"{parts.scheme}://{parts.netloc.lower()}{parts.path.rstrip('/')}"


def name(text: str) -> str:
    """Runs of spaces and line breaks collapsed: the spelling names are compared in."""
    return " ".join(text.split())

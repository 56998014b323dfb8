"""Field checks: None when the text is acceptable, one sentence when it is not."""

from __future__ import annotations

import pytest

from infoint_tui.domain import validation as v


@pytest.mark.parametrize("text", ["Ana", "  x  "])
def test_required_accepts_text(text: str) -> None:
    assert v.required(text) is None


@pytest.mark.parametrize("text", ["", "   ", "\n\t"])
def test_required_refuses_blank(text: str) -> None:
    assert v.required(text)


@pytest.mark.parametrize(
    "text", ["", "ana@example.com", "ana.lopez+jobs@mail.example.co.uk", " ana@example.com ", "zoë@exämple.org"]
)
def test_email_accepts(text: str) -> None:
    assert v.email(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "ana",
        "ana@example",
        "ana@@example.com",
        "ana @example.com",
        "@example.com",
        "ana@.com",
        "ana@example.",
        "ana@example..com",
        "a@b@c.com",
    ],
)
def test_email_refuses(text: str) -> None:
    assert v.email(text) == "Write an e-mail like ana@example.com."


@pytest.mark.parametrize(
    "text", ["", "https://example.com", "http://www.example.org/in/ana?x=1", "https://linkedin.com/in/ana-lópez"]
)
def test_url_accepts(text: str) -> None:
    assert v.url(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "example.com",
        "ftp://example.com",
        "https://",
        "https://localhost",
        "https://exa mple.com",
        "mailto:ana@example.com",
        "https://[example.com",
        "http://[::1",
    ],
)
def test_url_refuses(text: str) -> None:
    assert v.url(text)


@pytest.mark.parametrize("text", ["", "2026-11-26", "2028-02-29"])
def test_day_accepts(text: str) -> None:
    assert v.day(text) is None


def test_day_explains_shape_and_impossible_days() -> None:
    assert "YYYY-MM-DD" in v.day("26/11/2026")
    assert "YYYY-MM-DD" in v.day("2026-1-5")
    assert "does not exist" in v.day("2026-02-30")
    assert "does not exist" in v.day("2026-13-01")


def test_whole_number_range() -> None:
    assert v.whole_number("0") is None
    assert v.whole_number(" 7 ", 1, 90) is None
    assert v.whole_number("90", 1, 90) is None
    assert v.whole_number("91", 1, 90) == "Write a whole number from 1 to 90."
    assert v.whole_number("0", 1, 90) == "Write a whole number from 1 to 90."
    assert v.whole_number("-1") == "Write a whole number of 0 or more."
    for bad in ["", "seven", "7.5", "1e3", "7 days"]:
        assert v.whole_number(bad, 1, 90), bad


@pytest.mark.parametrize("text", ["", "+34 600 123 456", "(555) 123-4567", "600.123.456", "123456"])
def test_phone_accepts(text: str) -> None:
    assert v.phone(text) is None


def test_phone_refuses_letters_and_short_numbers() -> None:
    assert "digits" in v.phone("call me")
    assert "digits" in v.phone("555-CALL-NOW")
    assert v.phone("12345") == "A phone number has at least 6 digits."


def test_all_of_reports_the_first_complaint() -> None:
    required_day = v.all_of(v.required, v.day)
    assert required_day("") == v.required("")
    assert required_day("tomorrow") == v.day("tomorrow")
    assert required_day("2026-11-26") is None

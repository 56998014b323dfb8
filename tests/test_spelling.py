"""The check before copying: misspellings, doubled words and blanks, without false alarms."""

from __future__ import annotations

import subprocess
import sys

import pytest

from infoint_tui.domain import spelling
from infoint_tui.domain.defaults import DEFAULT_QUESTIONS, DEFAULT_TEMPLATES
from infoint_tui.domain.spelling import Issue, check, summary
from infoint_tui.domain.templates import PLACEHOLDERS


def kinds(issues: list[Issue]) -> list[tuple[str, str]]:
    return [(issue.kind, issue.word) for issue in issues]


def test_a_typo_is_flagged_with_a_suggestion() -> None:
    text = "I would recieve your advice gladly."
    [issue] = check(text)
    assert issue.kind == "misspelled"
    assert text[issue.start : issue.end] == issue.word == "recieve"
    assert issue.suggestion == "receive"
    assert "receive" in issue.message


def test_the_suggestion_keeps_a_capital_and_a_possessive() -> None:
    [issue] = check("Teh plan.")
    assert issue.suggestion == "The"
    possessive = check("Your compnay's site.")
    assert [(i.word, i.suggestion) for i in possessive] == [("compnay's", "company's")]


def test_gibberish_gets_no_suggestion() -> None:
    [issue] = check("qwxzvbnmlkjhgfd")
    assert issue.suggestion is None
    assert issue.message == '"qwxzvbnmlkjhgfd" may be misspelled.'


def test_names_are_never_flagged_in_any_case() -> None:
    text = "Dear Siobhan Okonkwo-Ferreira, thanks for the Zyphlex intro. ZYPHLEX and siobhan's team."
    assert kinds(check(text)) == [
        ("misspelled", "Siobhan"),
        ("misspelled", "Okonkwo"),
        ("misspelled", "Ferreira"),
        ("misspelled", "Zyphlex"),
        ("misspelled", "siobhan's"),
    ]
    assert check(text, names=["siobhan okonkwo-ferreira", "Zyphlex Labs"]) == []


def test_own_words_are_never_flagged() -> None:
    text = "I build dataviz dashboards."
    assert kinds(check(text)) == [("misspelled", "dataviz")]
    assert check(text, own_words=["Dataviz"]) == []


@pytest.mark.parametrize("name", ["Müller", "Núñez", "Zoë", "Zoe\u0308", "Ævar", "Łukasz", "Søren", "प्रिया"])
def test_unicode_names_are_whole_words_and_never_flagged_when_named(name: str) -> None:
    text = f"Thank you, {name}, and {name}'s team."
    assert check(text, names=[f"{name} Example"]) == []
    # Not named, they are not dictionary words: flagged whole, never in pieces.
    assert [issue.word for issue in check(text)] == [name, f"{name}'s"]


def test_composed_and_decomposed_spellings_match() -> None:
    assert check("Zoe\u0308 said hi", names=["Zoë"]) == []
    assert check("Zoë said hi", names=["Zoe\u0308"]) == []


@pytest.mark.parametrize(
    "text",
    [
        "I don't know, I'm sure the company's plan works and we'll see.",
        "I don\u2019t know; it\u2019s the team\u2019s call and you\u2019re right.",
        "Write to jdoe@exmaple.com or visit https://www.exmaple.com/qwzx?a=zzqq today.",
        "See www.qwzxcorp.com and qwzx.io/careers for details.",
        "We sold 12000 units in Q3, grew B2B 3rd year, cut 20-minute meetings.",
        "NASA and the FTC hired a UX lead.",
        "A voicemail about my LinkedIn profile.",
        "Plan x, then y; the points ø, ñ and e\u0301 are labels.",
    ],
)
def test_things_that_are_not_ordinary_words_are_ignored(text: str) -> None:
    assert check(text) == []


def test_placeholders_are_reported_not_spell_checked() -> None:
    text = "Hi {first_name}, about {frist_name} and {{literal}}"
    assert kinds(check(text)) == [("unfilled", "{first_name}"), ("unknown", "{frist_name}")]
    unfilled, unknown = check(text)
    assert text[unfilled.start : unfilled.end] == "{first_name}"
    assert text[unknown.start : unknown.end] == "{frist_name}"
    assert "not a known placeholder" in unknown.message


@pytest.mark.parametrize("text", ["the the", "see The the end", "thank you you", "so the\nthe plan"])
def test_doubled_words_are_flagged(text: str) -> None:
    [issue] = check(text)
    assert issue.kind == "doubled"
    fixed = text[: issue.start] + issue.suggestion + text[issue.end :]
    assert len(fixed.split()) == len(text.split()) - 1


def test_a_run_of_repeats_is_one_issue() -> None:
    text = "It was the the the best."
    [issue] = check(text)
    assert (issue.word, issue.suggestion) == ("the the the", "the")
    assert text[: issue.start] + issue.suggestion + text[issue.end :] == "It was the best."


@pytest.mark.parametrize("text", ["the, the", "the. The", "12 12 apples", "the {name} the"])
def test_repeats_with_something_between_are_not_doubled(text: str) -> None:
    assert all(issue.kind != "doubled" for issue in check(text))


def test_issues_come_in_order_of_position() -> None:
    issues = check("A recieve {first_name} the the wrold")
    assert [issue.kind for issue in issues] == ["misspelled", "unfilled", "doubled", "misspelled"]


@pytest.mark.parametrize("key", sorted(DEFAULT_TEMPLATES))
def test_default_wording_passes_our_own_check(key: str) -> None:
    template = DEFAULT_TEMPLATES[key]
    for text in (template.name, template.subject, template.body):
        problems = [issue for issue in check(text) if issue.kind != "unfilled"]
        assert problems == [], f"{key}: {problems}"


def test_default_questions_and_placeholder_help_pass_our_own_check() -> None:
    texts = [question.text for question in DEFAULT_QUESTIONS] + list(PLACEHOLDERS.values())
    assert [(text, check(text)) for text in texts if check(text)] == []


def test_summary() -> None:
    assert summary([]) == "no problems found"
    issues = check("I recieve teh {first_name} report")
    assert summary(issues) == "2 misspelled words, 1 unfilled placeholder"
    issues = check("the the {nope} {nope2} wrold")
    assert summary(issues) == "1 misspelled word, 1 doubled word, 2 unknown placeholders"


def test_the_dictionary_loads_on_first_use_and_only_once() -> None:
    code = (
        "import sys; import infoint_tui.domain.spelling as s; "
        "assert 'spellchecker' not in sys.modules; "
        "s.check('hello'); assert 'spellchecker' in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
    assert spelling._dictionary() is spelling._dictionary()

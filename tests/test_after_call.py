"""After the call (issue 14): optional template parts, the thank-you's deadline, the referral's
ask for an introduction, and the Markdown file of an interview."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import orjson
import pytest

from infoint_tui.domain.defaults import DEFAULT_TEMPLATES
from infoint_tui.domain.models import ActionItem, Campaign, Interview, Objective, ObjectiveKind, Person, Profile
from infoint_tui.domain.templates import Rendered, context_for, render, render_template

# --- optional parts of a template ------------------------------------------------------------


def interview_campaign(*actions: ActionItem) -> Campaign:
    interview = Interview(
        1,
        datetime(2026, 11, 26, 14, 30),
        objective_id=2,
        discussed="how the team plans its research",
        action_items=list(actions),
        held=True,
        id=3,
    )
    return Campaign(
        objectives={2: Objective(ObjectiveKind.ROLE, "what researchers do", id=2)},
        people={1: Person("Ana Silva", id=1)},
        interviews={3: interview},
        profile=Profile("Alex Morgan"),
    )


def thank_you(campaign: Campaign) -> str:
    values = context_for(campaign, campaign.people[1], interview=campaign.interviews[3])
    message = render_template(DEFAULT_TEMPLATES["thank_interviewer"], values)
    assert message.unfilled == [] and message.unknown == []
    return message.body.text


def test_the_thank_you_lists_the_action_items_when_there_are_some() -> None:
    text = thank_you(interview_campaign(ActionItem("Read the book", done=True), ActionItem("Join the meetup")))
    assert (
        "picture of what researchers do.\n\n"
        "Here is where I stand on the suggestions you made:\n"
        "- Read the book (done)\n- Join the meetup (in progress)\n\n"
        "I'll keep you posted"
    ) in text
    assert "[[" not in text and "]]" not in text


def test_the_thank_you_without_action_items_leaves_their_paragraph_out_whole() -> None:
    text = thank_you(interview_campaign())
    assert "{action_items}" not in text and "where I stand" not in text
    assert "picture of what researchers do.\n\nI'll keep you posted" in text


@pytest.mark.parametrize(
    ("template", "text"),
    [
        ("A.\n\n[[B {takeaways}.]]\n\nC.", "A.\n\nC."),  # a paragraph goes with its blank line
        ("Hi,\n[[Ref: {takeaways}]]\nBye.", "Hi,\nBye."),  # a line goes with its line break
        ("Hi,\n[[Ref: {takeaways}]]\n\nBye.", "Hi,\n\nBye."),  # the paragraph's break stays
        ("A.\n\n[[B {takeaways}.]]", "A."),  # at the end, the breaks before it go
        ("Thanks[[ for {takeaways}]].", "Thanks."),  # within a line only the part goes
        ("[[{nmae}]] and [[no blanks]]", "{nmae} and no blanks"),  # a typo is shown, not hidden
        ("a [[ b ]", "a [[ b ]"),  # unmatched brackets are ordinary text
    ],
)
def test_an_optional_part_is_left_out_when_a_placeholder_in_it_has_no_value(template: str, text: str) -> None:
    assert render(template, {}).text == text


def template_stretches(rendered: Rendered, template: str) -> list[str]:
    """The template's own stretches of the text, each checked to be where it says it came from."""
    stretches = []
    for piece in rendered.pieces:
        shown = rendered.text[piece.start : piece.end]
        if not piece.placeholder:
            assert template[piece.offset : piece.offset + len(shown)] == shown
            stretches.append(shown)
    return stretches


def test_a_kept_optional_part_still_says_which_stretches_were_generated() -> None:
    template = "Hi {first_name},\n\n[[We spoke on {interview_date}.]]\n\n[[Notes: {takeaways}]]\n\nBye"
    rendered = render(template, {"first_name": "Ana", "interview_date": "Thursday 26 November"})
    assert rendered.text == "Hi Ana,\n\nWe spoke on Thursday 26 November.\n\nBye"
    assert [(p.placeholder, rendered.text[p.start : p.end]) for p in rendered.pieces if p.placeholder] == [
        ("first_name", "Ana"),
        ("interview_date", "Thursday 26 November"),
    ]
    assert "".join(template_stretches(rendered, template)) == "Hi ,\n\nWe spoke on .\n\nBye"


def test_the_defaults_with_action_items_make_them_optional() -> None:
    for key in ("thank_interviewer", "thank_introducer", "keep_posted"):
        rendered = render(DEFAULT_TEMPLATES[key].body, {})
        assert "action_items" not in rendered.unfilled, key


def test_a_stored_copy_of_an_old_default_is_migrated_to_the_optional_paragraph(tmp_path: Path) -> None:
    from infoint_tui.store.migrations import CURRENT_SCHEMA
    from infoint_tui.store.repository import Repository

    new = DEFAULT_TEMPLATES["thank_interviewer"]
    old_body = new.body.replace("[[", "").replace("]]", "")
    edited = old_body.replace("Warm regards", "All the best")  # the user's own edit keeps its words
    path = tmp_path / "infoint.json"
    note = DEFAULT_TEMPLATES["thank_note"]
    stored = {"thank_interviewer": {**new.to_doc(), "body": edited}, "thank_note": note.to_doc()}
    path.write_bytes(orjson.dumps({"meta": {"1": {"schema": 1}}, "templates": {"1": stored}}))
    repo = Repository.open(path, background=False)
    try:
        assert repo.campaign.templates["thank_interviewer"].body == new.body.replace("Warm regards", "All the best")
        assert repo.campaign.templates["thank_note"] == note
    finally:
        repo.close()
    assert orjson.loads(path.read_bytes())["meta"]["1"]["schema"] == CURRENT_SCHEMA == 2

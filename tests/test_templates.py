"""Default templates and questions, placeholder rendering, and the values a campaign supplies."""

from __future__ import annotations

from datetime import datetime

import pytest

from infoint_tui.domain.defaults import DEFAULT_QUESTIONS, DEFAULT_TEMPLATES, template_for
from infoint_tui.domain.models import (
    ActionItem,
    Campaign,
    Company,
    Degree,
    Interview,
    Objective,
    ObjectiveKind,
    Person,
    Profile,
    Template,
)
from infoint_tui.domain.templates import (
    LINKEDIN_LIMIT,
    PLACEHOLDERS,
    Span,
    context_for,
    find_blanks,
    phone_slow,
    render,
    render_template,
)

CHANNELS = {
    "request_direct": "email",
    "request_connection": "linkedin",
    "intro_ask": "email",
    "intro_nudge": "email",
    "request_mention": "email",
    "request_introduced": "email",
    "request_cold": "email",
    "request_linkedin": "linkedin",
    "follow_up": "email",
    "voicemail": "voicemail",
    "book_time": "email",
    "thank_interviewer": "email",
    "thank_introducer": "email",
    "thank_note": "letter",
    "keep_posted": "email",
    "close_declined": "email",
}

#: Values as a real campaign would have them, with a long-ish objective and title.
FULL_CONTEXT = {
    "first_name": "Priya",
    "name": "Priya Raman",
    "title": "Senior Product Manager",
    "company": "Verdant Grid",
    "objective": "how product teams work in climate tech",
    "objective_kind": "industry",
    "introducer": "Tomás Núñez",
    "introducer_first_name": "Tomás",
    "my_name": "Alex Morgan",
    "my_first_name": "Alex",
    "my_phone": "+1 415 555 0142",
    "my_phone_slow": "plus one, four one five, five five five, zero one four two",
    "my_email": "alex.morgan@example.com",
    "my_pitch": "I'm a data analyst moving into product management.",
    "interview_date": "Thursday 3 December",
    "interview_time": "14:30",
    "discussed": "how the team runs customer research",
    "action_items": "- Read the book you recommended (done)\n- Join the local meetup (in progress)",
    "takeaways": "Customer research matters more than I thought.",
    "interviewee": "Priya Raman",
}


def test_the_full_context_covers_every_placeholder() -> None:
    assert FULL_CONTEXT.keys() == PLACEHOLDERS.keys()


def test_every_expected_template_exists_on_its_channel() -> None:
    assert {key: t.channel for key, t in DEFAULT_TEMPLATES.items()} == CHANNELS
    for key, template in DEFAULT_TEMPLATES.items():
        assert template.key == key
        assert template.name and template.body.strip()


def test_emails_have_a_subject_and_other_channels_none() -> None:
    for template in DEFAULT_TEMPLATES.values():
        assert bool(template.subject) == (template.channel == "email"), template.key


@pytest.mark.parametrize("key", sorted(CHANNELS))
def test_default_template_uses_only_known_placeholders(key: str) -> None:
    message = render_template(DEFAULT_TEMPLATES[key], {})
    assert message.unknown == []
    assert message.unfilled, "every default has blanks to fill"


@pytest.mark.parametrize("key", sorted(CHANNELS))
def test_default_template_fills_completely_from_a_full_context(key: str) -> None:
    message = render_template(DEFAULT_TEMPLATES[key], FULL_CONTEXT)
    assert message.unfilled == []
    assert message.unknown == []
    assert "{" not in message.subject.text + message.body.text


def test_voicemail_says_name_and_slow_number_twice() -> None:
    body = DEFAULT_TEMPLATES["voicemail"].body
    assert body.count("{my_phone_slow}") == 2
    assert "{my_name}" in body
    assert "{my_phone}" not in body


def test_thank_yous_name_what_was_discussed_and_the_action_items() -> None:
    assert "{discussed}" in DEFAULT_TEMPLATES["thank_interviewer"].body
    assert "{action_items}" in DEFAULT_TEMPLATES["thank_interviewer"].body
    assert "{action_items}" in DEFAULT_TEMPLATES["thank_introducer"].body
    assert "{interviewee}" in DEFAULT_TEMPLATES["thank_introducer"].body


def test_linkedin_note_fits_the_cap_with_realistic_values() -> None:
    message = render_template(DEFAULT_TEMPLATES["request_linkedin"], FULL_CONTEXT)
    assert message.char_count == len(message.body.text)
    assert message.char_count <= LINKEDIN_LIMIT
    assert not message.over_limit


def test_over_limit_only_for_linkedin_past_300_characters() -> None:
    note = Template("k", "n", "", "x" * 296 + "{name}", channel="linkedin")
    assert render_template(note, {"name": "Abcd"}).char_count == 300
    assert not render_template(note, {"name": "Abcd"}).over_limit
    assert render_template(note, {"name": "Abcde"}).over_limit
    email = Template("k", "n", "", "x" * 400, channel="email")
    assert render_template(email, {}).char_count == 400
    assert not render_template(email, {}).over_limit


def test_question_bank_has_enough_of_each_kind() -> None:
    kinds = [question.kind for question in DEFAULT_QUESTIONS]
    for kind in ("industry", "company", "role"):
        assert kinds.count(kind) >= 5, kind
    assert kinds.count("general") >= 2
    assert set(kinds) == {"industry", "company", "role", "general"}
    assert len(DEFAULT_QUESTIONS) >= 18
    texts = [question.text for question in DEFAULT_QUESTIONS]
    assert len(set(texts)) == len(texts)
    assert all(text.endswith("?") for text in texts)


def test_template_for_prefers_the_users_version() -> None:
    mine = Template("follow_up", "Mine", "Hello", "My own words")
    campaign = Campaign(templates={"follow_up": mine})
    assert template_for(campaign, "follow_up") is mine
    assert template_for(campaign, "book_time") == DEFAULT_TEMPLATES["book_time"]


def test_template_for_returns_a_copy_of_the_default() -> None:
    copy = template_for(Campaign(), "book_time")
    copy.body = "changed"
    assert DEFAULT_TEMPLATES["book_time"].body != "changed"


def test_template_for_unknown_key_raises() -> None:
    with pytest.raises(KeyError):
        template_for(Campaign(), "no_such_template")


# --- rendering ------------------------------------------------------------------------------


def test_render_fills_known_placeholders() -> None:
    result = render("Hi {first_name}, from {my_name}.", {"first_name": "Ann", "my_name": "Bo"})
    assert result.text == "Hi Ann, from Bo."
    assert result.unfilled == result.unknown == result.spans == []


def test_escaped_braces_become_literal_braces() -> None:
    result = render("{{first_name}} and {{ }} {first_name}", {"first_name": "Ann"})
    assert result.text == "{first_name} and { } Ann"
    assert result.spans == []


@pytest.mark.parametrize("text", ["a { b", "a } b", "{", "}", "{}", "{ name }", "{1}", "{name", "x{{"])
def test_malformed_braces_are_plain_text(text: str) -> None:
    result = render(text, {"name": "Ann"})
    assert result.text == text.replace("{{", "{")
    assert result.spans == []


def test_repeated_placeholder_is_filled_everywhere() -> None:
    result = render("{first_name}, {first_name}!", {"first_name": "Ann"})
    assert result.text == "Ann, Ann!"


def test_repeated_unfilled_placeholder_is_listed_once_and_marked_twice() -> None:
    result = render("{first_name}, {first_name}!", {})
    assert result.unfilled == ["first_name"]
    assert [span.start for span in result.spans] == [0, 14]


@pytest.mark.parametrize("value", ["", "   ", "\n"])
def test_blank_value_counts_as_unfilled(value: str) -> None:
    result = render("Hi {first_name}", {"first_name": value})
    assert result.text == "Hi {first_name}"
    assert result.unfilled == ["first_name"]


def test_unknown_names_are_reported_and_never_filled() -> None:
    result = render("{frist_name} {first_name}", {"frist_name": "Ann", "first_name": "Ann"})
    assert result.text == "{frist_name} Ann"
    assert result.unknown == ["frist_name"]
    assert result.unfilled == []


def test_spans_point_at_the_blanks_in_the_rendered_text() -> None:
    text = "{{x}} Dear {name}, {title} at {company} — {oops} {{"
    result = render(text, {"name": "Ann Longname-Smith", "company": "Acme"})
    assert result.text == "{x} Dear Ann Longname-Smith, {title} at Acme — {oops} {"
    assert [result.text[s.start : s.end] for s in result.spans] == ["{title}", "{oops}"]
    assert [(s.kind, s.name) for s in result.spans] == [("unfilled", "title"), ("unknown", "oops")]


def test_values_are_inserted_as_they_are() -> None:
    result = render("{discussed}", {"discussed": "the {name} field {{"})
    assert result.text == "the {name} field {{"
    assert result.spans == []


def test_find_blanks_reports_positions_in_the_written_text() -> None:
    text = "{{a}} {first_name} {zzz}"
    assert find_blanks(text) == [Span(6, 18, "unfilled", "first_name"), Span(19, 24, "unknown", "zzz")]


def test_message_merges_blanks_of_subject_and_body() -> None:
    template = Template("k", "n", "For {name} {x}", "Hi {first_name} {name} {y}")
    message = render_template(template, {})
    assert message.unfilled == ["name", "first_name"]
    assert message.unknown == ["x", "y"]
    assert message.subject.text == "For {name} {x}"


# --- the phone number, said slowly ----------------------------------------------------------


@pytest.mark.parametrize(
    ("phone", "spoken"),
    [
        ("+1 415 555 0142", "plus one, four one five, five five five, zero one four two"),
        ("(415) 555-0142", "four one five, five five five, zero one four two"),
        ("4155550142", "four one five, five five five, zero one four two"),
        ("+44 20 7946 0958", "plus four four, two zero, seven nine four six, zero nine five eight"),
        ("555.0142 ext. 7", "five five five, zero one four two, extension seven"),
        ("", ""),
    ],
)
def test_phone_slow(phone: str, spoken: str) -> None:
    assert phone_slow(phone) == spoken


# --- values from a campaign -----------------------------------------------------------------


def small_campaign() -> Campaign:
    mutual = Person("Tomás Núñez", degree=Degree.FIRST, id=1)
    target = Person(
        "Priya Raman",
        title="Senior Product Manager",
        company_id=7,
        degree=Degree.SECOND,
        introducer_id=1,
        id=2,
    )
    interview = Interview(
        person_id=2,
        when=datetime(2026, 12, 3, 14, 30),
        objective_id=3,
        discussed="how the team runs customer research",
        takeaways="Research first.",
        action_items=[ActionItem("Read the book", done=True), ActionItem("Join the meetup")],
        id=4,
    )
    return Campaign(
        objectives={3: Objective(ObjectiveKind.ROLE, "what product managers do all day", id=3)},
        companies={7: Company("Verdant Grid", id=7)},
        people={1: mutual, 2: target},
        interviews={4: interview},
        profile=Profile("Alex Morgan", "+1 415 555 0142", "alex@example.com", "I analyse data."),
    )


def test_context_for_a_second_degree_person_after_an_interview() -> None:
    campaign = small_campaign()
    values = context_for(campaign, campaign.people[2], interview=campaign.interviews[4])
    assert values == {
        "first_name": "Priya",
        "name": "Priya Raman",
        "title": "Senior Product Manager",
        "company": "Verdant Grid",
        "objective": "what product managers do all day",
        "objective_kind": "role",
        "introducer": "Tomás Núñez",
        "introducer_first_name": "Tomás",
        "my_name": "Alex Morgan",
        "my_first_name": "Alex",
        "my_phone": "+1 415 555 0142",
        "my_phone_slow": "plus one, four one five, five five five, zero one four two",
        "my_email": "alex@example.com",
        "my_pitch": "I analyse data.",
        "interview_date": "Thursday 3 December",
        "interview_time": "14:30",
        "discussed": "how the team runs customer research",
        "takeaways": "Research first.",
        "action_items": "- Read the book (done)\n- Join the meetup (in progress)",
        "interviewee": "Priya Raman",
    }


def test_context_for_an_explicit_objective_wins_over_the_interviews() -> None:
    campaign = small_campaign()
    other = Objective(ObjectiveKind.COMPANY, "life at Verdant Grid", id=9)
    values = context_for(campaign, campaign.people[2], objective=other, interview=campaign.interviews[4])
    assert (values["objective"], values["objective_kind"]) == ("life at Verdant Grid", "company")


def test_thanking_the_introducer_names_the_person_i_met() -> None:
    campaign = small_campaign()
    values = context_for(campaign, campaign.people[1], interview=campaign.interviews[4])
    message = render_template(DEFAULT_TEMPLATES["thank_introducer"], values)
    assert message.unfilled == []
    assert message.subject.text == "Thank you for introducing me to Priya Raman"
    assert message.body.text.startswith("Hi Tomás,")
    assert "- Join the meetup (in progress)" in message.body.text


def test_missing_values_show_up_as_unfilled() -> None:
    campaign = Campaign(people={5: Person("Sam", id=5)})
    values = context_for(campaign, campaign.people[5])
    assert "company" not in values and "interview_date" not in values
    message = render_template(DEFAULT_TEMPLATES["request_cold"], values)
    assert {"company", "title", "objective", "my_name", "my_pitch"} <= set(message.unfilled)
    assert "first_name" not in message.unfilled
    assert message.body.text.startswith("Hi Sam,")


def test_intro_request_from_a_campaign_addresses_the_mutual() -> None:
    campaign = small_campaign()
    objective = campaign.objectives[3]
    values = context_for(campaign, campaign.people[2], objective=objective)
    message = render_template(DEFAULT_TEMPLATES["intro_ask"], values)
    assert message.unfilled == []
    assert message.body.text.startswith("Hi Tomás,")
    assert "Hi Priya," in message.body.text

"""What acting on each kind of due item changes, on the demo campaign, without the UI."""

from __future__ import annotations

from datetime import timedelta

import pytest

from infoint_tui.demo import demo_campaign
from infoint_tui.domain.models import AttemptKind, Interview, Outreach, Person
from infoint_tui.domain.policy import DueKind, due_items
from infoint_tui.usecases.due_actions import done_change, done_question, message_for, snooze_change
from tests.conftest import TODAY

K = DueKind


@pytest.fixture
def campaign():
    return demo_campaign(60, TODAY)


def first(campaign, kind: DueKind):
    return next(item for item in due_items(campaign, TODAY) if item.kind == kind)


@pytest.mark.parametrize(
    ("kind", "attempt"),
    [
        (K.REQUEST, AttemptKind.REQUEST),
        (K.FOLLOW_UP, AttemptKind.FOLLOW_UP),
        (K.CALL, AttemptKind.CALL),
        (K.ASSUMED_NO, AttemptKind.CLOSED),
    ],
)
def test_done_logs_the_attempt_on_a_copy_of_the_outreach(campaign, kind, attempt) -> None:
    item = first(campaign, kind)
    original = campaign.outreach[item.outreach_id]
    changed = done_change(campaign, item, TODAY)
    assert isinstance(changed, Outreach) and changed is not original
    assert (changed.attempts[-1].kind, changed.attempts[-1].on) == (attempt, TODAY)
    assert len(changed.attempts) == len(original.attempts) + 1  # the campaign itself is untouched


def test_done_on_interview_and_person_items(campaign) -> None:
    thank, action, posted = first(campaign, K.THANK), first(campaign, K.ACTION), first(campaign, K.KEEP_POSTED)
    assert done_change(campaign, thank, TODAY).thanked == TODAY
    assert done_change(campaign, action, TODAY).action_items[0].done
    updated = done_change(campaign, posted, TODAY)
    assert isinstance(updated, Person) and updated.updates == [TODAY]
    assert campaign.people[posted.person_id].updates == []


@pytest.mark.parametrize("kind", [K.BOOK, K.PREPARE, K.INTERVIEW])
def test_done_needs_a_dialog_for_booking_preparing_and_holding(campaign, kind) -> None:
    item = first(campaign, kind)
    assert done_change(campaign, item, TODAY) is None
    assert done_question(campaign, item) is None


def test_snoozing_goes_where_the_policy_reads_it(campaign) -> None:
    week = TODAY + timedelta(days=7)
    outreach = snooze_change(campaign, first(campaign, K.FOLLOW_UP), TODAY, week)
    assert (outreach.attempts[-1].kind, outreach.attempts[-1].until) == (AttemptKind.SNOOZED, week)
    interview = snooze_change(campaign, first(campaign, K.THANK), TODAY, week)
    assert isinstance(interview, Interview) and interview.snoozed == {"thank": week}
    person = snooze_change(campaign, first(campaign, K.KEEP_POSTED), TODAY, week)
    assert person.snoozed == {"keep_posted": week}


def test_a_snoozed_action_item_never_comes_back_sooner(campaign) -> None:
    item = first(campaign, K.ACTION)
    assert snooze_change(campaign, item, TODAY, TODAY).action_items[0].due == item.due


def test_the_message_fits_the_item(campaign) -> None:
    call = first(campaign, K.CALL)
    message = message_for(campaign, call)
    assert message.template.key == "voicemail"
    assert message.title == f"Voicemail for {call.person}"
    assert message.detail.startswith(f"Call {call.person}: ")
    card = message_for(campaign, first(campaign, K.THANK), template="thank_note")
    assert card.template.channel == "letter" and card.detail.startswith("Mail to ")
    assert message_for(campaign, first(campaign, K.ASSUMED_NO)) is None
    posted = message_for(campaign, first(campaign, K.KEEP_POSTED))
    assert posted.context["takeaways"]  # from the latest interview they were part of

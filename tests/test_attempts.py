"""However many attempts the settings allow, the request comes first, the phone call last,
follow-ups between, and "assumed no" after the last (DESIGN section 4)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from infoint_tui.domain.due_kinds import KINDS, DueKind
from infoint_tui.domain.models import Campaign, Outreach, Person, Route, Settings
from infoint_tui.domain.policy import attempt_kind, due_items

K = DueKind
START = date(2026, 3, 2)


@pytest.mark.parametrize(
    ("max_attempts", "steps"),
    [
        (1, [K.REQUEST]),
        (2, [K.REQUEST, K.CALL]),
        (3, [K.REQUEST, K.FOLLOW_UP, K.CALL]),
        (5, [K.REQUEST, K.FOLLOW_UP, K.FOLLOW_UP, K.FOLLOW_UP, K.CALL]),
    ],
)
def test_each_attempt_and_then_assumed_no(max_attempts: int, steps: list[DueKind]) -> None:
    settings = Settings(max_attempts=max_attempts, follow_up_days=7, call_days=5, give_up_days=9)
    campaign = Campaign(settings=settings, people={1: Person("Ana Silva", id=1)})
    outreach = Outreach(1, objective_id=None, route=Route.COLD, created=START, id=1)
    campaign.outreach[1] = outreach
    seen, day = [], START
    for number in range(1, max_attempts + 1):
        [item] = due_items(campaign, day)
        seen.append(item.kind)
        wait = {K.REQUEST: 0, K.FOLLOW_UP: 7, K.CALL: 5}[item.kind]
        assert item.due == day + timedelta(days=wait)
        if number > 1:
            assert item.detail == f"attempt {number} of {max_attempts}"
        day = item.due
        outreach.log(KINDS[item.kind].attempt, day)  # done on the day it fell due

    [last] = due_items(campaign, day)

    assert seen == steps
    assert (last.kind, last.due) == (K.ASSUMED_NO, day + timedelta(days=9))
    assert last.detail == ("1 attempt, no reply" if max_attempts == 1 else f"{max_attempts} attempts, no reply")


@pytest.mark.parametrize("max_attempts", range(1, 11))
def test_the_call_is_the_last_attempt_and_the_request_the_first(max_attempts: int) -> None:
    kinds = [attempt_kind(number, max_attempts) for number in range(1, max_attempts + 1)]

    assert kinds[0] == K.REQUEST
    assert kinds.count(K.CALL) == (max_attempts > 1)
    assert max_attempts == 1 or kinds[-1] == K.CALL
    assert kinds.count(K.FOLLOW_UP) == max(0, max_attempts - 2)

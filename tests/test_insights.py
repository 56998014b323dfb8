"""Insights: funnel by route, lessons per objective, connectors; the screen and `infoint stats`."""

from __future__ import annotations

import json
from datetime import date, datetime

from conftest import screen_text

from infoint_tui.cli import main
from infoint_tui.domain.insights import connectors_due, funnels, objective_insights, route_of
from infoint_tui.domain.models import (
    ActionItem,
    Campaign,
    Degree,
    Interview,
    Objective,
    ObjectiveKind,
    Outreach,
    Person,
    Route,
    Verdict,
)
from infoint_tui.domain.models import (
    AttemptKind as A,
)

D = date(2026, 11, 1)


def day(n: int) -> date:
    return date(2026, 11, n)


def campaign_with_known_numbers() -> Campaign:
    """Four requests: 1st degree yes in 2 days, held and thanked; intro yes in 6 days, held;
    cold no in 4 days; cold without reply; plus one planned outreach that counts nowhere."""
    c = Campaign()
    c.objectives = {
        1: Objective(ObjectiveKind.ROLE, "research", id=1),
        2: Objective(ObjectiveKind.INDUSTRY, "health", active=False, id=2),
    }
    mutual = Person("Maria Lopez", degree=Degree.FIRST, id=1)
    ana = Person("Ana Silva", degree=Degree.SECOND, introducer_id=1, id=2)
    ben = Person("Ben Cold", id=3)
    cara = Person("Cara Cold", id=4)
    dan = Person("Dan Planned", degree=Degree.FIRST, id=5)
    c.people = {p.id: p for p in (mutual, ana, ben, cara, dan)}

    def outreach(oid: int, person: Person, route: Route, *attempts: tuple[A, date]) -> None:
        o = Outreach(person.id, 1, route, D, id=oid)
        for kind, on in attempts:
            o.log(kind, on)
        c.outreach[oid] = o

    outreach(1, mutual, Route.DIRECT, (A.REQUEST, day(1)), (A.REPLY_YES, day(3)))
    outreach(
        2, ana, Route.INTRO, (A.INTRO_ASKED, day(2)), (A.INTRO_MADE, day(4)), (A.REQUEST, day(5)), (A.REPLY_YES, day(8))
    )
    outreach(3, ben, Route.COLD, (A.REQUEST, day(1)), (A.REPLY_NO, day(5)))
    outreach(4, cara, Route.COLD, (A.REQUEST, day(1)))
    outreach(5, dan, Route.DIRECT)
    c.interviews = {
        1: Interview(
            1,
            datetime(2026, 11, 10, 10),
            objective_id=1,
            outreach_id=1,
            held=True,
            thanked=day(10),
            verdict=Verdict.SOLIDIFIED,
            takeaways="Closer to product than I thought",
            action_items=[ActionItem("Read the design notes"), ActionItem("Send CV", done=True)],
            id=1,
        ),
        2: Interview(
            2,
            datetime(2026, 11, 12, 10),
            objective_id=1,
            outreach_id=2,
            held=True,
            verdict=Verdict.CHALLENGED,
            introducer_thanked=day(13),
            id=2,
        ),
    }
    return c


def test_funnel_by_route_counts_each_stage_and_the_median_days_to_reply() -> None:
    rows = {f.route: f for f in funnels(campaign_with_known_numbers())}

    first, intro, direct, cold = rows["1st"], rows["2nd-intro"], rows["2nd-direct"], rows["cold"]
    assert (first.requests, first.replies, first.yes, first.held, first.thanked) == (1, 1, 1, 1, 1)
    assert (intro.requests, intro.replies, intro.yes, intro.held, intro.thanked) == (1, 1, 1, 1, 0)
    assert (direct.requests, direct.rate("yes")) == (0, None)
    assert (cold.requests, cold.replies, cold.yes) == (2, 1, 0)
    assert first.median_days_to_reply == 2
    assert intro.median_days_to_reply == 6  # from asking the mutual, not from the intro
    assert cold.rate("replies") == 0.5


def test_route_of_follows_the_outreach_route() -> None:
    c = campaign_with_known_numbers()
    assert [route_of(c, c.outreach[i]) for i in (1, 2, 3)] == ["1st", "2nd-intro", "cold"]


def test_lessons_per_objective_active_first_with_verdict_counts_and_open_actions() -> None:
    insights = objective_insights(campaign_with_known_numbers())

    assert [i.objective.id for i in insights] == [1, 2]
    research = insights[0]
    assert [lesson.person for lesson in research.lessons] == ["Ana Silva", "Maria Lopez"]  # newest first
    assert (research.count(Verdict.SOLIDIFIED), research.count(Verdict.CHALLENGED)) == (1, 1)
    assert research.open_actions == 1
    assert research.lessons[1].open_actions == ["Read the design notes"]
    assert insights[1].lessons == []


def test_connectors_due_show_the_last_contact() -> None:
    connectors = connectors_due(campaign_with_known_numbers(), day(20))

    assert [(c.person, c.last_contact, c.due) for c in connectors] == [
        ("Maria Lopez", day(13), date(2026, 12, 13)),  # thanked as interviewer on 10, as introducer on 13
    ]


def test_stats_json_prints_the_same_figures(demo_file, capsys) -> None:
    assert main(["stats", "--json", "--db", str(demo_file)]) == 0
    printed = json.loads(capsys.readouterr().out)

    from infoint_tui.store.repository import Repository

    campaign = Repository.open(demo_file, read_only=True).campaign
    assert printed["date"] == "2026-11-26"
    assert [row["requests"] for row in printed["funnel"]] == [f.requests for f in funnels(campaign)]
    assert [row["interviews"] for row in printed["objectives"]] == [
        len(i.lessons) for i in objective_insights(campaign)
    ]


def test_stats_text_lists_every_route(demo_file, capsys) -> None:
    assert main(["stats", "--db", str(demo_file)]) == 0
    out = capsys.readouterr().out
    for label in ("1st degree", "2nd, introduced", "2nd, direct", "cold", "Connectors to keep posted"):
        assert label in out


async def test_the_screen_shows_routes_lessons_and_connectors(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f7")
        await pilot.pause()
        text = screen_text(app)
        for expected in ("Which routes pay off", "2nd, introduced", "Connectors to keep posted", "Olu Nakamura"):
            assert expected in text
        await pilot.press("pagedown", "pagedown")
        await pilot.pause()
        assert "☐ Read the team's design system notes" in screen_text(app)

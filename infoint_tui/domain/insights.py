"""What the campaign is teaching: lessons per objective, and which routes pay off.

Pure functions over a Campaign; the Insights screen and `infoint stats` show the same
figures.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from statistics import median

from infoint_tui.domain.models import (
    REPLIES,
    ActionItem,
    AttemptKind,
    Campaign,
    Degree,
    Interview,
    Objective,
    Outreach,
    Route,
    Verdict,
)
from infoint_tui.domain.policy import DueKind, due_items, last_in_touch

#: The ways a request reaches someone, in the order the method prefers them.
ROUTES: dict[str, str] = {
    "1st": "1st degree",
    "1st-linkedin": "1st, LinkedIn",
    "2nd-intro": "2nd, introduced",
    "2nd-direct": "2nd, direct",
    "cold": "cold",
}
STAGES = ("requests", "replies", "yes", "held", "thanked")


@dataclass
class Funnel:
    route: str
    requests: int = 0
    replies: int = 0
    yes: int = 0
    held: int = 0
    thanked: int = 0
    reply_days: list[int] = field(default_factory=list)

    def rate(self, stage: str) -> float | None:
        """Share of requests that reached `stage`; None with no requests."""
        return getattr(self, stage) / self.requests if self.requests else None

    @property
    def median_days_to_reply(self) -> float | None:
        return median(self.reply_days) if self.reply_days else None

    def to_json(self) -> dict[str, object]:
        return {
            "route": self.route,
            "label": ROUTES[self.route],
            **{stage: getattr(self, stage) for stage in STAGES},
            "reply_rate": _rounded(self.rate("replies")),
            "yes_rate": _rounded(self.rate("yes")),
            "median_days_to_reply": self.median_days_to_reply,
        }


@dataclass
class Lesson:
    """One held interview, seen from its objective."""

    person: str
    day: date
    verdict: Verdict
    takeaways: str
    open_actions: list[str]
    done_actions: list[str]


@dataclass
class ObjectiveInsight:
    objective: Objective
    lessons: list[Lesson]

    def count(self, verdict: Verdict) -> int:
        return sum(1 for lesson in self.lessons if lesson.verdict == verdict)

    @property
    def open_actions(self) -> int:
        return sum(len(lesson.open_actions) for lesson in self.lessons)

    def to_json(self) -> dict[str, object]:
        return {
            "objective": self.objective.text,
            "kind": self.objective.kind.value,
            "active": self.objective.active,
            "interviews": len(self.lessons),
            "solidified": self.count(Verdict.SOLIDIFIED),
            "challenged": self.count(Verdict.CHALLENGED),
            "open_action_items": self.open_actions,
            "takeaways": [
                {
                    "person": lesson.person,
                    "date": lesson.day.isoformat(),
                    "verdict": lesson.verdict.value or "unsure",
                    "takeaways": lesson.takeaways,
                    "open_actions": lesson.open_actions,
                }
                for lesson in self.lessons
            ],
        }


@dataclass
class Connector:
    person: str
    company: str
    last_contact: date
    due: date


def route_of(campaign: Campaign, outreach: Outreach) -> str:
    """Which of the ROUTES an outreach took."""
    person = campaign.people.get(outreach.person_id)
    if outreach.route == Route.CONNECTION:
        return "1st-linkedin"
    if outreach.route == Route.INTRO:
        return "2nd-intro"
    if outreach.route == Route.MENTION:
        return "2nd-direct"
    if outreach.route == Route.DIRECT or (person and person.degree == Degree.FIRST):
        return "1st"
    if person and person.degree == Degree.SECOND:
        return "2nd-direct"
    return "cold"


def funnels(campaign: Campaign) -> list[Funnel]:
    by_route = {route: Funnel(route) for route in ROUTES}
    interviews_by_outreach: dict[int, list[Interview]] = {}
    for interview in campaign.interviews.values():
        if interview.outreach_id:
            interviews_by_outreach.setdefault(interview.outreach_id, []).append(interview)
    for outreach in campaign.outreach.values():
        asked = outreach.last(AttemptKind.REQUEST, AttemptKind.INTRO_ASKED)
        if asked is None:
            continue  # planned, not yet requested
        funnel = by_route[route_of(campaign, outreach)]
        first_ask = min(a.on for a in outreach.attempts if a.kind in (AttemptKind.REQUEST, AttemptKind.INTRO_ASKED))
        funnel.requests += 1
        reply = next((attempt for attempt in outreach.attempts if attempt.kind in REPLIES), None)
        if reply is not None:  # the first answer is how long they took to reply ("not now" counts)
            funnel.replies += 1
            funnel.reply_days.append((reply.on - first_ask).days)
        if outreach.has(AttemptKind.REPLY_YES):
            funnel.yes += 1
        held = [i for i in interviews_by_outreach.get(outreach.id, []) if i.held]
        if held:
            funnel.held += 1
        if any(i.thanked for i in held):
            funnel.thanked += 1
    return list(by_route.values())


def objective_insights(campaign: Campaign) -> list[ObjectiveInsight]:
    """Active objectives first; within each, the newest interview first."""
    result = []
    for objective in sorted(campaign.objectives.values(), key=lambda o: (not o.active, o.id)):
        held = sorted(
            (i for i in campaign.interviews.values() if i.held and i.objective_id == objective.id),
            key=lambda i: i.when,
            reverse=True,
        )
        result.append(ObjectiveInsight(objective, [_lesson(campaign, i) for i in held]))
    return result


def _lesson(campaign: Campaign, interview: Interview) -> Lesson:
    person = campaign.people.get(interview.person_id)
    return Lesson(
        person=person.name if person else "(deleted)",
        day=interview.when.date(),
        verdict=interview.verdict,
        takeaways=interview.takeaways,
        open_actions=_texts(interview.action_items, done=False),
        done_actions=_texts(interview.action_items, done=True),
    )


def _texts(items: list[ActionItem], *, done: bool) -> list[str]:
    return [item.text for item in items if item.done == done]


def connectors_due(campaign: Campaign, today: date) -> list[Connector]:
    """People to keep posted, soonest first, with when they last heard from the user."""
    last = last_in_touch(campaign)
    result = [
        Connector(item.person, item.company, last[item.person_id], item.due)
        for item in due_items(campaign, today)
        if item.kind == DueKind.KEEP_POSTED
    ]
    return sorted(result, key=lambda c: (c.due, c.person))


def stats_json(campaign: Campaign, today: date) -> dict[str, object]:
    return {
        "date": today.isoformat(),
        "funnel": [f.to_json() for f in funnels(campaign)],
        "objectives": [o.to_json() for o in objective_insights(campaign)],
        "connectors": [
            {
                "person": c.person,
                "company": c.company,
                "last_contact": c.last_contact.isoformat(),
                "due": c.due.isoformat(),
            }
            for c in connectors_due(campaign, today)
        ],
    }


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 3)

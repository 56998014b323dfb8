"""Deterministic demo campaigns of any size, dated around a given day.

The same size and day always give the same file, so the demo, the screenshots and the
benchmarks agree. Activity is spread so that every kind of due item shows on that day:
requests to send, follow-ups and calls, a yes to book, interviews today and ahead with
their preparation, held interviews awaiting thank-yous, connectors to keep posted.
"""

from __future__ import annotations

import random
import unicodedata
from datetime import date, datetime, time, timedelta
from pathlib import Path

from infoint_tui.domain.defaults import DEFAULT_QUESTIONS
from infoint_tui.domain.models import (
    ActionItem,
    AttemptKind,
    CallOutcome,
    Campaign,
    Company,
    Degree,
    Interview,
    Mode,
    Objective,
    ObjectiveKind,
    Outreach,
    Person,
    PreparedQuestion,
    Profile,
    Question,
    Route,
    Verdict,
)
from infoint_tui.store.migrations import CURRENT_SCHEMA
from infoint_tui.store.storage import Data, serialise, write_atomically

FIRST = [
    "Ana",
    "Ravi",
    "Sofia",
    "Liam",
    "Zoë",
    "Björn",
    "Hana",
    "Noor",
    "Kenji",
    "Chidi",
    "Mei",
    "Olu",
    "Priya",
    "Mateo",
    "Élise",
    "Tomás",
    "Aiko",
    "Farah",
    "Jonas",
    "Lucía",
    "Dmitri",
    "Amara",
    "Sven",
    "Yara",
]
LAST = [
    "Ruiz",
    "Núñez",
    "Müller",
    "Chen",
    "Okafor",
    "Tanaka",
    "Khan",
    "Dubois",
    "Løvland",
    "Ivanov",
    "Sato",
    "Haddad",
    "Kowalski",
    "Mensah",
    "García",
    "O'Brien",
    "Lindqvist",
    "Nakamura",
    "Adeyemi",
    "Rossi",
]
TITLES = [
    "UX Researcher",
    "Product Manager",
    "Data Scientist",
    "Staff Engineer",
    "Head of Design",
    "Clinical Operations Lead",
    "Founder & CEO",
    "Engineering Manager",
    "Content Strategist",
    "Director, Strategy & Operations",
    "Service Designer",
    "Analytics Lead",
]
COMPANY_ROOTS = [
    "Northwind",
    "Tyrell",
    "Initech",
    "Umbrella Health",
    "Pied Piper",
    "Globex",
    "Soylent",
    "Wayne Enterprises",
    "Acme Robotics",
    "Hooli",
    "Stark Clinics",
    "Vandelay",
    "Cyberdyne",
    "Massive Dynamic",
    "Oscorp",
    "Aperture Labs",
]
INDUSTRIES = ["Healthcare", "Software", "Robotics", "Retail", "Consulting", "Media"]
CITIES = ["London", "Berlin", "Toronto", "Lisbon", "Austin", "Remote", "Oslo", "Nairobi"]
SIZES = ["small", "medium", "large"]
SOURCES = ["LinkedIn", "company site", "news", "meetup"]
NOTES = [
    "Asked how research findings reach the roadmap; they meet product weekly.\n"
    "Recommended reading the team's public design system notes.",
    "Typical day: half discovery interviews, half synthesis. Budget cuts slowed hiring this year.",
    "Said the hardest part of the role is saying no to stakeholders. Suggested a short course on survey design.",
]


def demo_data(size: int, today: date, seed: int = 7) -> Data:
    """A campaign of `size` people as raw data-file tables."""
    return to_data(demo_campaign(size, today, seed))


def write_demo(path: Path, size: int, today: date) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, serialise(demo_data(size, today)))


def to_data(campaign: Campaign) -> Data:
    data: Data = {"meta": {"1": {"schema": CURRENT_SCHEMA}}}
    for table in ("objectives", "companies", "people", "outreach", "interviews", "questions"):
        data[table] = {str(key): item.to_doc() for key, item in getattr(campaign, table).items()}
    data["profile"] = {"1": campaign.profile.to_doc()}
    return data


def demo_campaign(size: int, today: date, seed: int = 7) -> Campaign:
    rng = random.Random(seed)
    campaign = Campaign(
        profile=Profile(
            name="Alex Morgan",
            phone="+44 20 7946 0958",
            email="alex.morgan@example.com",
            pitch="I'm a service designer moving from retail into healthcare research.",
            words=["infoint"],
        )
    )
    objectives = [
        Objective(ObjectiveKind.INDUSTRY, "digital healthcare and where service designers fit in it", id=1),
        Objective(ObjectiveKind.ROLE, "the day-to-day work of a UX researcher", id=2),
        Objective(ObjectiveKind.COMPANY, "what working at Umbrella Health is really like", id=3),
    ]
    campaign.objectives = {o.id: o for o in objectives}
    campaign.questions = {i: Question(q.text, q.kind, id=i) for i, q in enumerate(DEFAULT_QUESTIONS, start=1)}

    company_count = max(8, size // 12)
    for cid in range(1, company_count + 1):
        root = COMPANY_ROOTS[(cid - 1) % len(COMPANY_ROOTS)]
        name = root if cid <= len(COMPANY_ROOTS) else f"{root} {cid // len(COMPANY_ROOTS) + 1}"
        campaign.companies[cid] = Company(
            name,
            industry=rng.choice(INDUSTRIES),
            size=rng.choice(SIZES),
            location=rng.choice(CITIES),
            website=f"https://{root.lower().replace(' ', '')}.example.com",
            source=rng.choice(SOURCES),
            id=cid,
        )

    first_degree: list[int] = []
    for pid in range(1, size + 1):
        name = f"{FIRST[pid % len(FIRST)]} {LAST[(pid * 7 + pid // len(FIRST)) % len(LAST)]}"
        roll = rng.random()
        degree = Degree.FIRST if roll < 0.4 or not first_degree else Degree.SECOND if roll < 0.75 else Degree.COLD
        person = Person(
            name,
            title=rng.choice(TITLES),
            company_id=rng.randint(1, company_count),
            degree=degree,
            email=f"{_ascii(name.split()[0]).lower()}.{pid}@example.com" if rng.random() < 0.5 else "",
            location=rng.choice(CITIES),
            source=rng.choice(SOURCES),
            profile_url=f"https://www.linkedin.com/in/demo-{pid:05d}",
            introducer_id=rng.choice(first_degree[-50:]) if degree == Degree.SECOND else None,
            tags=rng.sample(["mentor", "alumni", "research", "design", "health"], k=rng.randint(0, 2)),
            uid=f"infoint-demo-{pid}",  # not a random one: the demo is the same every time
            id=pid,
        )
        campaign.people[pid] = person
        if degree == Degree.FIRST:
            first_degree.append(pid)

    _add_activity(campaign, rng, today)
    return campaign


def _ascii(text: str) -> str:
    """Élise -> Elise: e-mail addresses that every mail server accepts."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def _add_activity(campaign: Campaign, rng: random.Random, today: date) -> None:
    """Outreach at every stage, interviews booked and held, dated relative to `today`."""
    people = list(campaign.people.values())
    active = people[: min(len(people), 24 + len(people) // 50)]
    stories = [
        _planned,
        _requested,
        _followed_up,
        _called,
        _gave_up_soon,
        _intro_pending,
        _said_yes,
        _booked_today,
        _booked_ahead,
        _held_yesterday,
        _held_and_thanked,
        _declined,
    ]
    for index, person in enumerate(active):
        objective_id = 1 + index % len(campaign.objectives)
        route = Route.for_person(person)
        outreach = Outreach(person.id, objective_id, route, today - timedelta(days=rng.randint(20, 40)), id=index + 1)
        campaign.outreach[outreach.id] = outreach
        stories[index % len(stories)](campaign, outreach, today, rng)
        outreach.created = min([outreach.created, *(attempt.on for attempt in outreach.attempts)])


def _days(today: date, n: int) -> date:
    return today - timedelta(days=n)


def _planned(campaign: Campaign, o: Outreach, today: date, rng: random.Random) -> None:
    o.created = _days(today, rng.randint(0, 2))


def _requested(campaign: Campaign, o: Outreach, today: date, rng: random.Random) -> None:
    _first_contact(o, today, rng.randint(3, 8))


def _followed_up(campaign: Campaign, o: Outreach, today: date, rng: random.Random) -> None:
    _first_contact(o, today, 14)
    o.log(AttemptKind.FOLLOW_UP, _days(today, rng.randint(5, 8)))


def _called(campaign: Campaign, o: Outreach, today: date, rng: random.Random) -> None:
    _first_contact(o, today, 21)
    o.log(AttemptKind.FOLLOW_UP, _days(today, 14))
    o.log(AttemptKind.CALL, _days(today, rng.randint(2, 5)), outcome=CallOutcome.VOICEMAIL)


def _gave_up_soon(campaign: Campaign, o: Outreach, today: date, rng: random.Random) -> None:
    _first_contact(o, today, 28)
    o.log(AttemptKind.FOLLOW_UP, _days(today, 21))
    o.log(AttemptKind.CALL, _days(today, 8), outcome=CallOutcome.VOICEMAIL)


def _intro_pending(campaign: Campaign, o: Outreach, today: date, rng: random.Random) -> None:
    if o.route == Route.INTRO:
        o.log(AttemptKind.INTRO_ASKED, _days(today, rng.randint(5, 9)))
    else:
        _first_contact(o, today, 6)


def _said_yes(campaign: Campaign, o: Outreach, today: date, rng: random.Random) -> None:
    _first_contact(o, today, 6)
    o.log(AttemptKind.REPLY_YES, _days(today, rng.randint(0, 1)))


def _booked(campaign: Campaign, o: Outreach, when: datetime, prepared: int) -> Interview:
    texts = [q.text for q in campaign.questions.values()]
    interview = Interview(
        o.person_id,
        when,
        objective_id=o.objective_id,
        outreach_id=o.id,
        mode=Mode.PHONE if o.id % 2 else Mode.VIDEO,
        where=campaign.people[o.person_id].phone or "video link in the invitation",
        questions=[PreparedQuestion(text) for text in texts[o.id % 5 : o.id % 5 + prepared]],
        id=len(campaign.interviews) + 1,
    )
    campaign.interviews[interview.id] = interview
    return interview


def _booked_today(campaign: Campaign, o: Outreach, today: date, rng: random.Random) -> None:
    _first_contact(o, today, 12)
    o.log(AttemptKind.REPLY_YES, _days(today, 8))
    # An hour apart: two calls booked at one time would be a campaign's mistake, not its example.
    booked = sum(interview.when.date() == today for interview in campaign.interviews.values())
    _booked(campaign, o, datetime.combine(today, time(16 + booked % 6, 30)), prepared=6)


def _booked_ahead(campaign: Campaign, o: Outreach, today: date, rng: random.Random) -> None:
    _first_contact(o, today, 10)
    o.log(AttemptKind.REPLY_YES, _days(today, 5))
    _booked(campaign, o, datetime.combine(today + timedelta(days=rng.randint(1, 6)), time(10, 0)), prepared=2)


def _held(campaign: Campaign, o: Outreach, today: date, days_ago: int, rng: random.Random) -> Interview:
    _first_contact(o, today, days_ago + 12)
    o.log(AttemptKind.REPLY_YES, _days(today, days_ago + 7))
    interview = _booked(campaign, o, datetime.combine(_days(today, days_ago), time(11, 0)), prepared=5)
    for question in interview.questions[:3]:
        question.asked = True
    interview.held = True
    interview.notes = NOTES[o.id % len(NOTES)]
    interview.discussed = "how research findings shape the product roadmap"
    interview.action_items = [
        ActionItem("Read the team's design system notes"),
        ActionItem("Ask about the spring research internship", done=True),
    ]
    interview.takeaways = "Research roles here are closer to product than I thought."
    interview.verdict = rng.choice([Verdict.SOLIDIFIED, Verdict.CHALLENGED])
    return interview


def _held_yesterday(campaign: Campaign, o: Outreach, today: date, rng: random.Random) -> None:
    _held(campaign, o, today, 1, rng)


def _held_and_thanked(campaign: Campaign, o: Outreach, today: date, rng: random.Random) -> None:
    days_ago = rng.choice([20, 35])
    interview = _held(campaign, o, today, days_ago, rng)
    interview.thanked = _days(today, days_ago - 1)
    interview.action_items[0].done = True
    if campaign.people[o.person_id].introducer_id:
        interview.introducer_thanked = _days(today, days_ago - 1)


def _declined(campaign: Campaign, o: Outreach, today: date, rng: random.Random) -> None:
    _first_contact(o, today, 15)
    o.log(AttemptKind.REPLY_NO, _days(today, 9), "Too busy this quarter")


def _first_contact(o: Outreach, today: date, days_ago: int) -> None:
    """The first request, through the mutual when the route is an introduction."""
    if o.route == Route.INTRO:
        o.log(AttemptKind.INTRO_ASKED, _days(today, days_ago + 4))
        o.log(AttemptKind.INTRO_MADE, _days(today, days_ago + 1))
    o.log(AttemptKind.REQUEST, _days(today, days_ago))

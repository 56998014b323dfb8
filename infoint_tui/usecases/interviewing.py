"""The interview workflow as plain functions, shared by the screens and the CLI.

Which interviews to list and in what order, the question bank that suits one, which
interview `infoint interview [NAME]` means, and what a referral or the end of an interview
changes. No Textual here: the CLI uses it before the app (and Textual) is loaded.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process, utils

from infoint_tui.domain.models import (
    REFERRED_BY,
    Campaign,
    Company,
    Degree,
    Interview,
    Outreach,
    Person,
    PreparedQuestion,
    Question,
    Route,
    Verdict,
)

if TYPE_CHECKING:
    from infoint_tui.store.repository import Repository

#: Below this rapidfuzz score a typed name is not taken to mean anyone.
NAME_CUTOFF = 70
#: The call clock marks the last minutes of the agreed length.
NEARLY_UP_MINUTES = 5
_TIME = re.compile(r"([01]?\d|2[0-3])[:.h]?([0-5]\d)")


class NoInterview(LookupError):
    """No booked interview fits what was asked; the message says so in one sentence."""


# --- listing -------------------------------------------------------------------------------


def interview_groups(campaign: Campaign, now: datetime) -> list[tuple[str, list[Interview]]]:
    """Headed groups for the Interviews screen: today's still to come or under way, those over
    but not marked held (today's too, once they end, as the queue says), ahead, held.

    Booked ones soonest first; held ones most recent first, since the thank-you is due.
    """
    booked = sorted((i for i in campaign.interviews.values() if not i.held), key=lambda i: (i.when, i.id))
    held = sorted((i for i in campaign.interviews.values() if i.held), key=lambda i: (i.when, i.id), reverse=True)
    over = [i for i in booked if i.when.date() < now.date() or i.ends <= now]
    return [
        ("Today", [i for i in booked if i.when.date() == now.date() and now < i.ends]),
        ("Not marked held yet", over),
        ("Upcoming", [i for i in booked if i.when.date() > now.date()]),
        ("Held", held),
    ]


def question_bank(campaign: Campaign, interview: Interview) -> list[Question]:
    """Bank questions not chosen yet: those of the objective's kind first, then general ones.

    Without an objective every question is offered.
    """
    objective = campaign.objectives.get(interview.objective_id) if interview.objective_id else None
    kinds = (objective.kind.value, "general") if objective else None
    chosen = {question.text for question in interview.questions}
    offered = [q for q in campaign.questions.values() if q.text not in chosen and (kinds is None or q.kind in kinds)]
    return sorted(offered, key=lambda q: q.kind == "general")


#: What questions of each kind are about, for sentences.
ABOUT = {"industry": "the industry", "company": "the company", "role": "the role"}


def kind_hint(campaign: Campaign, interview: Interview) -> str | None:
    """A sentence when the questions chosen miss what the objective is about: say, only
    industry questions for a call meant to learn about a role."""
    objective = campaign.objectives.get(interview.objective_id) if interview.objective_id else None
    if objective is None:
        return None
    kind_of = {question.text: question.kind for question in campaign.questions.values()}
    chosen = {kind_of[q.text] for q in interview.questions if q.text in kind_of}
    if not chosen or not chosen.isdisjoint({objective.kind.value, "general"}):
        return None
    about = " or ".join(ABOUT.get(kind, kind) for kind in sorted(chosen))
    return f"Only questions on {about} so far; this call is about {ABOUT[objective.kind.value]}."


def next_to_prepare(campaign: Campaign, today: date) -> Interview | None:
    """The soonest interview from today on with fewer questions chosen than wanted."""
    wanted = campaign.settings.prep_min_questions
    unready = [
        i for i in campaign.interviews.values() if not i.held and i.when.date() >= today and len(i.questions) < wanted
    ]
    return min(unready, key=lambda i: (i.when, i.id), default=None)


def objective_of(campaign: Campaign, interview: Interview) -> int | None:
    """The interview's objective, or that of the outreach that led to it."""
    if interview.objective_id in campaign.objectives:
        return interview.objective_id
    outreach = campaign.outreach.get(interview.outreach_id) if interview.outreach_id else None
    return outreach.objective_id if outreach and outreach.objective_id in campaign.objectives else None


# --- which interview `infoint interview [NAME]` opens ---------------------------------------


def find_interview(campaign: Campaign, today: date, name: str | None = None) -> Interview:
    """Today's first booked interview, or the named person's next one (loosely matched).

    Raises NoInterview with a sentence that says what was not found.
    """
    booked = sorted((i for i in campaign.interviews.values() if not i.held), key=lambda i: (i.when, i.id))
    if not name:
        for interview in booked:
            if interview.when.date() == today:
                return interview
        raise NoInterview(f"No interview is booked for today ({today:%A %-d %B}).")
    people = {i.person_id: campaign.people[i.person_id].name for i in booked if i.person_id in campaign.people}
    found = process.extract(
        name, people, scorer=fuzz.WRatio, processor=utils.default_process, score_cutoff=NAME_CUTOFF, limit=None
    )
    if not found:
        raise NoInterview(f"Nobody called {name!r} has an interview booked.")
    best = found[0][1]
    tied = [person_id for _, score, person_id in found if score == best]
    if len(tied) > 1:
        names = ", ".join(sorted(people[person_id] for person_id in tied))
        raise NoInterview(f"{name!r} could be {names}: give more of the name.")
    return next(i for i in booked if i.person_id == tied[0])


def clashes(campaign: Campaign, interview: Interview) -> list[Interview]:
    """The other booked interviews whose time overlaps this one's, soonest first."""
    end = interview.when + timedelta(minutes=interview.minutes)
    return sorted(
        (
            other
            for other in campaign.interviews.values()
            if other.id != interview.id
            and not other.held
            and other.when < end
            and interview.when < other.when + timedelta(minutes=other.minutes)
        ),
        key=lambda other: (other.when, other.id),
    )


def clash_warning(campaign: Campaign, interview: Interview) -> str:
    """'It overlaps your interview with Ana Silva at 14:30.', or "" when nothing does."""
    others = clashes(campaign, interview)
    if not others:
        return ""
    names = " and ".join(f"{campaign.people[other.person_id].name} at {other.when:%H:%M}" for other in others)
    return f"It overlaps your interview with {names}."


# --- during and after ------------------------------------------------------------------------


def next_question(questions: list[PreparedQuestion]) -> int:
    """Where the call goes on: the first question not asked yet (the first, when all are)."""
    return next((n for n, question in enumerate(questions) if not question.asked), 0)


def call_clock(interview: Interview, now: datetime) -> tuple[str, str]:
    """What the call clock reads, and how: "" on time, "nearly" in the last minutes, "over",
    or "idle" before the call has started."""
    if interview.started is None:
        return f"{interview.minutes} min · not started", "idle"
    elapsed = max(0, int((now - interview.started).total_seconds()) // 60)
    left = interview.minutes - elapsed
    shown = f"{elapsed} of {interview.minutes} min"
    if left < 0:
        return f"{shown} · {-left} over", "over"
    if left <= NEARLY_UP_MINUTES:
        return f"{shown} · {left} left", "nearly"
    return shown, ""


def question_heading(text: str, at: datetime) -> str:
    """The Markdown heading a question becomes in the notes: '## 14:32 What ...?'."""
    return f"## {at:%H:%M} {' '.join(text.split())}"


def check_time(text: str) -> str | None:
    """Form check for a time of day (14:30, 1430, 9.15)."""
    return None if _TIME.fullmatch(text.strip()) else "Write a time as HH:MM, like 14:30."


def parse_time(text: str) -> time:
    match = _TIME.fullmatch(text.strip())
    if match is None:
        raise ValueError(check_time(text))
    return time(int(match[1]), int(match[2]))


def add_question(repo: Repository, interview: Interview, text: str, kind: str) -> None:
    """Choose a new question for the interview, and keep it in the bank for the next ones."""
    with repo.batch():
        if not any(q.text == text for q in repo.campaign.questions.values()):
            repo.add(Question(text, kind))
        repo.save(dataclasses.replace(interview, questions=[*interview.questions, PreparedQuestion(text)]))


def add_referral(
    repo: Repository,
    interview: Interview,
    today: date,
    *,
    name: str,
    company: str = "",
    email: str = "",
    phone: str = "",
) -> Person:
    """Someone the interviewee suggested: a 2nd-degree target they introduce, and an
    outreach by introduction for the same objective (DESIGN, step 6).

    The interviewee becomes 1st degree: they know us now, which the introduction relies on.
    """
    campaign = repo.campaign
    interviewee = campaign.people[interview.person_id]
    with repo.batch():
        if interviewee.degree != Degree.FIRST:
            repo.save(dataclasses.replace(interviewee, degree=Degree.FIRST))
        person = repo.add(
            Person(
                name,
                company_id=_company_id(repo, company),
                email=email,
                phone=phone,
                degree=Degree.SECOND,
                introducer_id=interviewee.id,
                source=f"{REFERRED_BY}{interviewee.name}",
            )
        )
        objective_id = objective_of(campaign, interview)
        if objective_id is not None:
            repo.add(Outreach(person.id, objective_id, Route.INTRO, today))
        current = campaign.interviews[interview.id]
        repo.save(dataclasses.replace(current, referrals=[*current.referrals, person.id]))
    return person


def edit_referral(
    repo: Repository, person: Person, *, name: str, company: str = "", email: str = "", phone: str = ""
) -> None:
    """Correct what was noted about someone suggested during a call."""
    with repo.batch():
        company_id = _company_id(repo, company)
        parts = person.name_parts if name == person.name else []  # an address book's parts of the old name
        repo.save(
            dataclasses.replace(person, name=name, name_parts=parts, company_id=company_id, email=email, phone=phone)
        )


def _company_id(repo: Repository, name: str) -> int | None:
    name = " ".join(name.split())
    if not name:
        return None
    for company in repo.campaign.companies.values():
        if company.name.casefold() == name.casefold():
            return company.id
    return repo.add(Company(name, source="referral")).id


def end_interview(repo: Repository, interview: Interview, *, discussed: str, takeaways: str, verdict: Verdict) -> None:
    """Mark it held with what it taught; the policy then asks for the thank-yous."""
    repo.save(dataclasses.replace(interview, held=True, discussed=discussed, takeaways=takeaways, verdict=verdict))

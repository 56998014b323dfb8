"""Requests, replies, bookings and moving on: the outreach steps that need the user's choices.

`request_interview(screen, person_id)` is the one way to start asking someone, shared by
the queue and the Targets screen. Everything here waits on dialogs: await it from a worker.
"""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from rich.text import Text

from infoint_tui import clock
from infoint_tui.domain.due_kinds import KINDS, DueKind
from infoint_tui.domain.models import AttemptKind, Campaign, Interview, Mode, Objective, Outreach, Person, Route
from infoint_tui.domain.objectives import about_another_company
from infoint_tui.domain.policy import DueItem, due_items, next_target, open_outreach
from infoint_tui.tui import notice
from infoint_tui.tui.flows.sending import Sent, ask, ask_day, preview, send_item
from infoint_tui.tui.screens.interview_forms import read_reschedule, reschedule
from infoint_tui.tui.screens.targets.person_form import PersonForm
from infoint_tui.tui.widgets.choice import Choice, ChoiceScreen
from infoint_tui.usecases.due_actions import earliest_for
from infoint_tui.usecases.interviewing import clash_warning
from infoint_tui.usecases.replies import (
    REPLY_QUESTIONS,
    closing_message,
    months_ahead,
    record_referral,
    referral_draft,
)

if TYPE_CHECKING:
    from infoint_tui.tui.screens.base import BaseScreen


def pending_item(campaign: Campaign, outreach: Outreach) -> DueItem | None:
    """The outreach's next step, worked out on a view of the campaign holding only it."""
    view = dataclasses.replace(
        campaign,
        outreach={outreach.id: outreach},
        interviews={k: i for k, i in campaign.interviews.items() if i.outreach_id == outreach.id},
    )
    suffix = f":outreach:{outreach.id}"
    return next((item for item in due_items(view, clock.today()) if item.key.endswith(suffix)), None)


async def request_interview(screen: BaseScreen, person_id: int, objective_id: int | None = None) -> bool:
    """Ask `person_id` for an interview, through the route their degree allows.

    Picks the objective (unless `objective_id` names an active one) and, for a 2nd-degree
    contact, the route; writes the text from the fitting template, and records the request
    or the ask for an introduction once the user says it went out. Cancelled before copying,
    it leaves nothing behind. True if recorded.
    """
    campaign = screen.campaign
    person = campaign.people.get(person_id)
    if person is None or not screen.writable():
        return False
    outreach = open_outreach(campaign, person_id)
    fresh = outreach is None
    if outreach is None:
        outreach = await _new_outreach(screen, person, objective_id)
        if outreach is None:
            return False
    item = pending_item(screen.campaign, outreach)
    if item is None or not KINDS[item.kind].opening:
        screen.notify(
            f"{person.name} has been asked already ({outreach.stage}): the queue (F2) shows what comes next.",
            timeout=notice.READ,
        )
        return False
    sent = await send_item(screen, item)
    if sent is Sent.DROPPED and fresh:
        screen.change(screen.repo.remove, outreach)  # nothing left the program: leave no trace
    elif sent is Sent.COPIED:
        screen.notify(
            f"The request to {person.name} waits in the queue until you mark it sent (d).", timeout=notice.READ
        )
    return sent is Sent.RECORDED


async def _new_outreach(screen: BaseScreen, person: Person, objective_id: int | None) -> Outreach | None:
    """Choose the objective and route, and store the outreach (still planned)."""
    campaign = screen.campaign
    objectives = [o for o in campaign.objectives.values() if o.active]
    if any(o.id == objective_id for o in objectives):
        objectives = [campaign.objectives[objective_id]]  # type: ignore[index]
    if not objectives:
        if await ask(
            screen,
            "Every request serves an objective, and there is none yet.",
            "Say what you want to learn first, then request the interview again.",
            yes="Create one",
            no="Cancel",
        ):
            await screen.app.open_on("objectives", "new_objective")  # type: ignore[attr-defined]
        return None
    objective: Objective | None = await _pick_objective(screen, person, objectives)
    if objective is None:
        return None
    route: Route | None = Route.for_person(person)
    mutual = campaign.introducer_of(person)
    if route == Route.INTRO and mutual is not None:
        route = await screen.app.push_screen_wait(
            ChoiceScreen(
                f"How to reach {person.name}",
                [
                    Choice("i", f"Ask {mutual.name} to introduce you (the best route)", Route.INTRO),
                    Choice("m", f"Write to them yourself, naming {mutual.name}", Route.MENTION),
                ],
                detail=f"{person.name} is a 2nd-degree contact through {mutual.name}.",
            )
        )
    if route is None:
        return None
    outreach = Outreach(person.id, objective.id, route, created=clock.today())
    return outreach if screen.change(screen.repo.add, outreach) else None


async def _pick_objective(screen: BaseScreen, person: Person, objectives: list[Objective]) -> Objective | None:
    """The objective to ask about: asked when there is a choice, or a reason to think twice.

    Objectives keep their numbers (in the order they were made), so a digit always picks
    the same one; the last one used is marked and highlighted, not moved. An objective
    about another company than the person's is marked too.
    """
    campaign = screen.campaign
    objectives = sorted(objectives, key=lambda o: o.id)
    last = _last_used(campaign, objectives)
    elsewhere = {o.id for o in objectives if about_another_company(campaign, o, person)}
    if len(objectives) == 1 and not elsewhere:
        return objectives[0]
    warning = ""
    if elsewhere and (works_at := campaign.company_of(person)):
        marked = "objective is" if len(elsewhere) == 1 else "objectives are"
        warning = f"Careful: {person.name} works at {works_at.name}, and the marked {marked} about another company."
    choices = []
    for number, objective in enumerate(objectives, start=1):
        label = Text(objective.text)
        if objective is last:
            label.append("  (last used)", "italic dim")
        if objective.id in elsewhere:
            label.append("  (another company)", "bold")
        choices.append(Choice(str(number) if number < 10 else "", label, objective))
    return await screen.app.push_screen_wait(
        ChoiceScreen(
            f"Request an interview with {person.name}: to learn about",
            choices,
            detail=warning,
            highlighted=objectives.index(last) if last else 0,
        )
    )


def _last_used(campaign: Campaign, active: list[Objective]) -> Objective | None:
    """The objective of the latest outreach, if still active: campaigns work one at a time."""
    latest = max(campaign.outreach.values(), key=lambda o: (o.created, o.id), default=None)
    return next((o for o in active if latest and o.id == latest.objective_id), None)


async def record_reply(screen: BaseScreen, outreach_id: int, heard_on: date | None = None) -> None:
    """Their answer and the day it came (`heard_on` when already known, as after a call):
    yes (then book a time), no (then a courteous close and the next person at the company),
    not now (back in the queue in the month they name), someone else to ask, or the mutual
    made the introduction (then write the request)."""
    campaign = screen.campaign
    outreach = campaign.outreach.get(outreach_id)
    if outreach is None or not screen.writable():
        return
    person = campaign.people[outreach.person_id]
    choices = [
        Choice("y", "Yes: they will talk with me", AttemptKind.REPLY_YES),
        Choice("n", "No: they declined", AttemptKind.REPLY_NO),
        Choice("l", "Not now: ask me again in a later month", AttemptKind.REPLY_LATER),
        Choice("f", "They referred me to someone else", AttemptKind.REFERRED),
    ]
    mutual = campaign.introducer_of(person)
    if outreach.route == Route.INTRO and not outreach.has(AttemptKind.INTRO_MADE):
        who = mutual.name if mutual else "The mutual contact"
        choices.append(Choice("i", f"{who} introduced us: I can write to them now", AttemptKind.INTRO_MADE))
    reply = await screen.app.push_screen_wait(ChoiceScreen(f"What happened with {person.name}?", choices))
    if reply is None:
        return
    until = None
    if reply == AttemptKind.REPLY_LATER:
        until = await _month_to_ask_again(screen, person)
        if until is None:
            return
    question = REPLY_QUESTIONS[reply].format(
        person=person.name,
        mutual=mutual.name if mutual else "your mutual contact",
        month=f"{until:%B %Y}" if until else "",
    )
    on = await _reply_day(screen, question, outreach, heard_on)
    if on is None:
        return
    if reply == AttemptKind.REFERRED:
        await _record_referral(screen, outreach, person, on)
        return
    undo = _REPLIES[reply].format(person.name)
    if not screen.change(screen.repo.edit, outreach, lambda copy: copy.log(reply, on, until=until), undo=undo):
        return
    outreach = screen.campaign.outreach[outreach_id]
    if reply == AttemptKind.REPLY_YES:
        await book_time(screen, outreach_id)
    elif reply == AttemptKind.REPLY_NO:
        await _close_courteously(screen, outreach)
    elif reply == AttemptKind.REPLY_LATER and until is not None:
        screen.notify(
            f"{person.name} comes back to the queue on {until:%a %-d %B %Y}; no follow-ups until then.",
            timeout=notice.READ,
        )
    elif reply == AttemptKind.INTRO_MADE:
        await _request_after_introduction(screen, outreach, person)


async def _reply_day(screen: BaseScreen, question: str, outreach: Outreach, heard_on: date | None) -> date | None:
    """The day the reply came, which also confirms it; when known already, a yes/no."""
    if heard_on is None:
        return await ask_day(screen, question, earliest_for(outreach), "When did the reply come?", no="Cancel")
    return heard_on if await ask(screen, question, no="Cancel") else None


async def _month_to_ask_again(screen: BaseScreen, person: Person) -> date | None:
    months = months_ahead(clock.today())
    return await screen.app.push_screen_wait(
        ChoiceScreen(
            f"{person.name} asked to be asked again in",
            [Choice(str(n) if n < 10 else "", f"{first:%B %Y}", first) for n, first in enumerate(months, start=1)],
            detail="The outreach waits until the first of that month; the follow-ups stop meanwhile.",
        )
    )


async def _close_courteously(screen: BaseScreen, outreach: Outreach) -> None:
    """After a "no": offer a short thank-you to copy, then the next person at the company."""
    person = screen.campaign.people[outreach.person_id]
    if await ask(
        screen,
        f"Send {person.name} a short closing note?",
        "Thanks for replying, and no hard feelings: it keeps the door open.",
        yes="Write it",
        no="No note",
    ):
        await preview(screen, closing_message(screen.campaign, outreach))
    await offer_next_target(screen, outreach)


async def _record_referral(screen: BaseScreen, outreach: Outreach, replier: Person, on: date) -> None:
    """The person they pointed to becomes a 2nd-degree target with them as introducer;
    then the request to that person is one key away."""
    form = PersonForm(screen.campaign, referral_draft(replier))
    dialog = form.screen()
    dialog.form_title = f"Someone {replier.first_name} referred you to"
    values = await screen.app.push_screen_wait(dialog)
    if values is None:
        return
    person, new_company = form.person(values)
    undo = f"Recorded that {replier.name} referred you to {person.name}"
    if not screen.change(record_referral, screen.repo, outreach, person, new_company, on, undo=undo):
        return
    if await ask(
        screen,
        f"Request an interview with {person.name} now?",
        f"{replier.name} is their introducer; the request can name them.",
        yes="Request interview",
        no="Later",
    ):
        await request_interview(screen, person.id, outreach.objective_id)


_REPLIES = {
    AttemptKind.REPLY_YES: "Recorded a yes from {}",
    AttemptKind.REPLY_NO: "Recorded a no from {}",
    AttemptKind.INTRO_MADE: "Recorded the introduction to {}",
    AttemptKind.REPLY_LATER: "Recorded that {} said not now",
}


async def _request_after_introduction(screen: BaseScreen, outreach: Outreach, person: Person) -> None:
    item = pending_item(screen.campaign, outreach)
    if (
        item is not None
        and item.kind == DueKind.REQUEST
        and await ask(
            screen,
            f"{person.name} can now be asked directly. Write the request now?",
            "It replies to the introduction and names your mutual contact.",
            yes="Write it",
            no="Later",
        )
    ):
        await send_item(screen, item)


async def book_time(screen: BaseScreen, outreach_id: int) -> bool:
    """The time that suits them: day, time, how and where; creates the interview."""
    campaign = screen.campaign
    outreach = campaign.outreach.get(outreach_id)
    if outreach is None:
        return False
    person = campaign.people[outreach.person_id]
    proposal = Interview(
        person.id,
        datetime.combine(clock.today() + timedelta(days=1), time(10, 0)),
        objective_id=outreach.objective_id,
        outreach_id=outreach.id,
        mode=Mode.PHONE,
        where=person.phone,
        booked=clock.today(),
    )
    form = reschedule(campaign, proposal)
    form.form_title, form.submit_label = f"Book a time with {person.name}", "Book"
    values = await screen.app.push_screen_wait(form)
    if values is None:
        return False
    interview = dataclasses.replace(proposal, **read_reschedule(values))
    clash = clash_warning(campaign, interview)  # warned of, not refused: they may have agreed it
    if not screen.change(screen.repo.add, interview, undo=f"Booked an interview with {person.name}"):
        return False
    screen.notify(
        f"Booked: {person.name}, {interview.when:%a %-d %b %H:%M}, {interview.mode}. "
        + (clash or "`infoint export ics` puts it in your calendar."),
        severity="warning" if clash else "information",
        timeout=notice.READ,
    )
    return True


async def offer_next_target(screen: BaseScreen, outreach: Outreach) -> None:
    """After an "assumed no": the next person at the same company, one key from a request
    for the same objective."""
    campaign = screen.campaign
    person = campaign.people.get(outreach.person_id)
    company = campaign.company_of(person) if person else None
    if person is None or company is None:
        return
    following = next_target(campaign, company.id, person.id)
    if following is None:
        screen.notify(
            f"Nobody else at {company.name} is waiting to be asked: add people on the Targets screen (F3).",
            timeout=notice.READ,
        )
        return
    about = ", ".join(part for part in (following.title, f"{following.degree} degree") if part)
    if await ask(
        screen,
        f"Next at {company.name}: {following.name}?",
        f"{about}; not asked yet.",
        yes="Request interview",
        no="Later",
    ):
        await request_interview(screen, following.id, outreach.objective_id)

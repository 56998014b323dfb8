"""Booked interviews as an iCalendar file, for the user's own calendar.

Times are floating (no time zone): an interview at 10:30 is at 10:30 wherever the calendar
is, which is how the user typed it. The UID depends only on the interview id, so importing
the file again updates the events instead of duplicating them.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from icalendar import Calendar, Event

from infoint_tui import clock
from infoint_tui.domain.models import Campaign, Interview
from infoint_tui.exchange.interview_md import interview_title

DURATION = timedelta(minutes=45)  # the model keeps no length; a usual informational interview
PRODID = "-//infoint//Informational interviews//EN"


def to_ics(campaign: Campaign) -> bytes:
    """One VEVENT per interview booked and not yet held."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    stamp = clock.now().astimezone(UTC)  # RFC 5545 wants DTSTAMP in UTC
    booked = (i for i in campaign.interviews.values() if not i.held)
    for interview in sorted(booked, key=lambda i: (i.when, i.id)):
        calendar.add_component(_event(campaign, interview, stamp))
    return calendar.to_ical()


def _event(campaign: Campaign, interview: Interview, stamp: datetime) -> Event:
    event = Event()
    event.add("uid", f"interview-{interview.id}@infoint")
    event.add("dtstamp", stamp)
    event.add("dtstart", interview.when)
    event.add("dtend", interview.when + DURATION)
    event.add("summary", interview_title(campaign, interview))
    if interview.where:
        event.add("location", interview.where)
    event.add("description", _description(interview))
    return event


def _description(interview: Interview) -> str:
    lines = [f"Mode: {interview.mode}"]
    if interview.questions:
        lines += ["", "Questions:", *(f"- {question.text}" for question in interview.questions)]
    return "\n".join(lines)

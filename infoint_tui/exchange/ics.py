"""Booked interviews as an iCalendar file, for the user's own calendar.

Times are the user's wall-clock times in their own time zone (TZID, with its VTIMEZONE),
so every calendar shows the same instant. A UID names the campaign and the interview:
importing the file again updates the events instead of doubling them, and two campaigns
never clash. SEQUENCE counts the interview's moves, so a calendar takes the new time.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfoNotFoundError

from icalendar import Calendar, Event
from tzlocal import get_localzone

from infoint_tui import clock
from infoint_tui.domain.models import Campaign, Interview
from infoint_tui.exchange.interview_md import interview_title

PRODID = "-//infoint//Informational interviews//EN"
#: How far the time zone's rules are written out around the interviews (a year either side
#: covers any change of daylight saving time between them).
_RULES_MARGIN = timedelta(days=366)


def to_ics(campaign: Campaign, zone: tzinfo | None = None) -> bytes:
    """One VEVENT per interview booked and not yet held; times in `zone` (default: the system's).

    The campaign must carry its id (Repository.campaign_id makes one).
    """
    if not campaign.id:
        raise ValueError("the campaign has no id: its calendar entries would clash with another's")
    zone = zone or local_zone()
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    stamp = clock.now().astimezone(UTC)  # RFC 5545 wants DTSTAMP in UTC
    booked = sorted((i for i in campaign.interviews.values() if not i.held), key=lambda i: (i.when, i.id))
    for interview in booked:
        calendar.add_component(_event(campaign, interview, zone, stamp))
    if booked:
        calendar.add_missing_timezones(
            first_date=(booked[0].when - _RULES_MARGIN).date(), last_date=(booked[-1].when + _RULES_MARGIN).date()
        )
    return calendar.to_ical()


def local_zone() -> tzinfo:
    """The system's time zone, by its IANA name (TZ, else /etc/localtime and the like).

    ValueError says what to do when it has no such name (TZ=CET-1CEST, say): a calendar
    knows zones by name only.
    """
    try:
        return get_localzone()
    except ZoneInfoNotFoundError:
        raise ValueError(
            f"this system's time zone ({os.environ.get('TZ') or 'see /etc/localtime'}) has no name a calendar "
            "knows: set TZ to one such as Europe/Madrid and export again."
        ) from None


def interview_uid(campaign: Campaign, interview: Interview) -> str:
    return f"interview-{interview.id}-{campaign.id}@infoint"


def _event(campaign: Campaign, interview: Interview, zone: tzinfo, stamp: datetime) -> Event:
    start = interview.when.replace(tzinfo=zone)  # as the user typed it, where they are
    event = Event()
    event.add("uid", interview_uid(campaign, interview))
    event.add("dtstamp", stamp)
    event.add("sequence", interview.sequence)
    event.add("dtstart", start)
    event.add("dtend", start + timedelta(minutes=interview.minutes))
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

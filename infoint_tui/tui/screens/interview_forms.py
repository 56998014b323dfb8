"""The dialogs of the interview workflow: what each asks, and how its answer is read."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, TypedDict

from infoint_tui import clock
from infoint_tui.domain import validation
from infoint_tui.domain.models import CALL_MINUTES, ActionItem, Campaign, Interview, Mode, Person, Verdict
from infoint_tui.domain.policy import DueKind, due_items, hours_left
from infoint_tui.domain.todo_days import due_from_words
from infoint_tui.tui import notice
from infoint_tui.tui.widgets.form import Field, FormScreen
from infoint_tui.usecases.interviewing import check_time, end_interview, parse_time

if TYPE_CHECKING:
    from infoint_tui.tui.app import InfointApp

VERDICTS = [
    ("Not sure yet", Verdict.UNSURE.value),
    ("It solidified my plan", Verdict.SOLIDIFIED.value),
    ("It challenged my plan", Verdict.CHALLENGED.value),
]
MODES = [(mode.value, mode.value) for mode in Mode]


def one_line(title: str, label: str, placeholder: str = "", value: str = "") -> FormScreen:
    """A single required line, or with `value` that line to change (emptied, it goes); Enter saves it."""
    if value:
        field = Field("text", label, value, placeholder=placeholder, help="Empty it to remove it.")
        return FormScreen(title, [field], submit_label="Save")
    return FormScreen(
        title, [Field("text", label, check=validation.required, placeholder=placeholder)], submit_label="Add"
    )


def wrap_up(campaign: Campaign, interview: Interview) -> FormScreen:
    person = campaign.people[interview.person_id]
    return FormScreen(
        f"End the interview with {person.name}",
        [
            Field(
                "takeaways",
                "What I learned",
                interview.takeaways,
                multiline=True,
                placeholder="The one or two things worth remembering",
            ),
            Field("verdict", "My plan", interview.verdict.value, choices=VERDICTS),
            Field(
                "discussed",
                "Discussed (thank-you)",
                interview.discussed,
                placeholder="e.g. how research reaches the roadmap",
                help="Named in the thank-you, with the action items and where they stand.",
            ),
        ],
        submit_label="Mark held",
    )


def end_dialog(app: InfointApp, interview: Interview, then: Callable[[], Awaitable[None]] | None = None) -> None:
    """Ask what it taught, mark it held, say by when the thank-yous are due, then `then`."""

    async def ended(values: dict[str, str] | None) -> None:
        if values is None:
            return
        held = partial(
            end_interview,
            app.repo,
            interview,
            takeaways=values["takeaways"],
            discussed=values["discussed"],
            verdict=Verdict(values["verdict"]),
        )
        person = app.repo.campaign.people[interview.person_id].name
        if app.change(held, undo=f"Recorded the interview with {person} as held"):
            app.notify(thank_yous_due(app.repo.campaign, interview), title="Interview held", timeout=notice.LONG)
            if then is not None:
                await then()

    app.push_screen(wrap_up(app.repo.campaign, interview), ended)


def thank_yous_due(campaign: Campaign, interview: Interview) -> str:
    """'Thank Ana and Liam (who introduced you) by Sat 28 Nov 14:30.', from the policy itself."""
    now = clock.now()
    thanks = [
        item
        for item in due_items(campaign, now.date(), now)
        if item.interview_id == interview.id and item.kind in (DueKind.THANK, DueKind.THANK_INTRODUCER)
    ]
    if not thanks:
        return "Nothing more is due for it."
    names = " and ".join(
        item.person if item.kind == DueKind.THANK else f"{item.person} (who introduced you)" for item in thanks
    )
    deadline = thanks[0].deadline
    late = deadline is not None and (hours_left(thanks[0], now) or 0) < 0
    when = f"{deadline:%a %-d %b %H:%M}" if deadline else "soon"
    return f"Thank {names} now: they were due by {when}." if late else f"Thank {names} by {when}."


def reschedule(campaign: Campaign, interview: Interview) -> FormScreen:
    person = campaign.people[interview.person_id]
    return FormScreen(
        f"Move the interview with {person.name}",
        [
            Field(
                "day",
                "Day",
                interview.when.date().isoformat(),
                check=validation.all_of(validation.required, validation.day),
                placeholder="YYYY-MM-DD",
            ),
            Field(
                "time",
                "Time",
                f"{interview.when:%H:%M}",
                check=validation.all_of(validation.required, check_time),
                placeholder="HH:MM",
            ),
            Field("mode", "How", interview.mode.value, choices=MODES),
            Field("where", "Where", interview.where, placeholder="phone number, link or address"),
            Field(
                "minutes",
                "Length",
                str(interview.minutes),
                # The usual lengths, and the one it has (a file may hold another).
                choices=[
                    (f"{minutes} minutes", str(minutes)) for minutes in sorted({*CALL_MINUTES, interview.minutes})
                ],
                help="The time they agreed to give.",
            ),
        ],
        submit_label="Move",
    )


class Rescheduling(TypedDict):
    """The arguments of `Interview.reschedule` (and fields of `Interview`), typed so that a splat is checked."""

    when: datetime
    mode: Mode
    where: str
    minutes: int


def read_reschedule(values: dict[str, str]) -> Rescheduling:
    when = datetime.combine(datetime.fromisoformat(values["day"]).date(), parse_time(values["time"]))
    return Rescheduling(when=when, mode=Mode(values["mode"]), where=values["where"], minutes=int(values["minutes"]))


def referral(campaign: Campaign, interview: Interview, person: Person | None = None) -> FormScreen:
    """Someone the interviewee suggests; with `person`, what was noted about them, to correct."""
    interviewee = campaign.people[interview.person_id]
    company = campaign.company_of(person) if person else None
    return FormScreen(
        f"Someone {interviewee.first_name} suggested",
        [
            Field("name", "Name", person.name if person else "", check=validation.required),
            Field("company", "Company", company.name if company else "", placeholder="optional"),
            Field("email", "E-mail", person.email if person else "", check=validation.email, placeholder="optional"),
            Field("phone", "Phone", person.phone if person else "", check=validation.phone, placeholder="optional"),
        ],
        submit_label="Save" if person else "Add",
    )


def to_do(call_day: date, item: ActionItem | None = None) -> FormScreen:
    """An action item and when it is due; with `item`, that one to change (emptied, it goes)."""

    def due_day(text: str) -> str | None:
        if not text.strip() or due_from_words(text, call_day):
            return None
        return "Write a day like 2026-12-04, or words like Friday or next week."

    return FormScreen(
        "Action item",
        [
            Field(
                "text",
                "To do",
                item.text if item else "",
                check=None if item else validation.required,
                placeholder="e.g. send Ana my portfolio by Friday",
                help="Empty it to remove it." if item else "",
            ),
            Field(
                "due",
                "Due",
                item.due.isoformat() if item and item.due else "",
                check=due_day,
                placeholder="optional: Friday, next week, 12 Dec",
                help="" if item else "Left empty, a day the words name (by Friday) is taken.",
            ),
        ],
        submit_label="Save" if item else "Add",
    )


def read_to_do(values: dict[str, str], call_day: date) -> ActionItem:
    """The to-do the form holds: due the day its Due field names, else the day its words name."""
    text = values["text"]
    return ActionItem(text, due_from_words(values["due"], call_day) or due_from_words(text, call_day))


def export_folder(title: str, folder: Path) -> FormScreen:
    return FormScreen(
        title,
        [
            Field(
                "folder",
                "Folder",
                str(folder),
                check=validation.required,
                help="Created if missing; a file already there is kept, the new one named -2, -3.",
            ),
        ],
        submit_label="Export",
        saves_data=False,  # files of its own: a read-only data file can still be exported
    )

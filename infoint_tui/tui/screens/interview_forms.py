"""The dialogs of the interview workflow: what each asks, and how its answer is read."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, TypedDict

from infoint_tui import clock
from infoint_tui.domain import validation
from infoint_tui.domain.models import Campaign, Interview, Mode, Verdict
from infoint_tui.domain.policy import DueKind, due_items, hours_left
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


def one_line(title: str, label: str, placeholder: str = "") -> FormScreen:
    """A single required line; Enter saves it."""
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
        ],
        submit_label="Move",
    )


class Rescheduling(TypedDict):
    """The arguments of `Interview.reschedule` (and fields of `Interview`), typed so that a splat is checked."""

    when: datetime
    mode: Mode
    where: str


def read_reschedule(values: dict[str, str]) -> Rescheduling:
    when = datetime.combine(datetime.fromisoformat(values["day"]).date(), parse_time(values["time"]))
    return Rescheduling(when=when, mode=Mode(values["mode"]), where=values["where"])


def referral(campaign: Campaign, interview: Interview) -> FormScreen:
    person = campaign.people[interview.person_id]
    return FormScreen(
        f"Someone {person.first_name} suggested",
        [
            Field("name", "Name", check=validation.required),
            Field("company", "Company", placeholder="optional"),
            Field("email", "E-mail", check=validation.email, placeholder="optional"),
            Field("phone", "Phone", check=validation.phone, placeholder="optional"),
        ],
        submit_label="Add",
    )


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

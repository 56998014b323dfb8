"""Checking the mail for replies ("stop on reply"), for the app and `infoint mail check`.

Three parts, so that the app reads the mailboxes on a worker thread and changes the campaign
on its own: `interest_in` (what is awaited, read from the campaign), `read_mailboxes` (any
thread, see infoint_tui.mail.reading), then `record_found` (the replies logged on their
outreach, and what was seen kept, in one write). No Textual here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from email.utils import parseaddr
from functools import partial
from typing import TYPE_CHECKING, Any

from infoint_tui.config import Config
from infoint_tui.domain.mail_replies import Interest, Match, interest, match_replies, record
from infoint_tui.domain.models import Campaign, Outreach
from infoint_tui.mail.reading import Reading, read_mailboxes
from infoint_tui.mail.settings import MailSettings, MailSettingsError

if TYPE_CHECKING:
    from infoint_tui.store.repository import Repository


@dataclass(frozen=True, slots=True)
class Found:
    """A message matched to an outreach, as the check reports it."""

    person: str
    objective: str
    sender: str
    on: date
    first_line: str
    automatic: bool
    #: Recorded in the data file (not when it is open read-only).
    recorded: bool

    @property
    def changed(self) -> str:
        if not self.recorded:
            return "nothing recorded: the data file is open in another infoint, which checks the mail itself"
        if self.automatic:
            return "an automatic reply: shown with the next step, which stays due"
        return f"its follow-ups stop; “reply from {self.sender}: read and record” heads the queue"

    def to_json(self) -> dict[str, Any]:
        return {
            "person": self.person,
            "outreach": self.objective,
            "from": self.sender,
            "date": self.on.isoformat(),
            "first_line": self.first_line,
            "automatic": self.automatic,
            "recorded": self.recorded,
            "changed": self.changed,
        }


@dataclass(frozen=True, slots=True)
class CheckReport:
    found: list[Found]
    problems: list[str]


#: How often the app checks the mail, unless `[mail] check_minutes` says otherwise.
CHECK_MINUTES = 5


def check_minutes(config: Config) -> float:
    """`[mail] check_minutes`; MailSettingsError when it is no positive number."""
    minutes = config.table("mail").get("check_minutes", CHECK_MINUTES)
    if type(minutes) not in (int, float) or not 1 <= minutes <= 24 * 60:
        raise MailSettingsError(
            f"In the settings file {config.path}, mail.check_minutes must be a number of minutes from 1 to 1440."
        )
    return float(minutes)


def report_text(report: CheckReport) -> str:
    """Each reply matched: who, for what, from whom and when, its first line, what changed."""
    lines = []
    for found in report.found:
        objective = f" · {found.objective}" if found.objective else ""
        lines += [
            f"{found.person}{objective} · from {found.sender} on {found.on:%a %-d %b %Y}",
            f"  “{found.first_line}”",
            f"  {found.changed}",
        ]
    return "\n".join(lines) or "No new replies."


def report_json(report: CheckReport) -> str:
    import orjson

    document = {"found": [found.to_json() for found in report.found], "problems": report.problems}
    return orjson.dumps(document, option=orjson.OPT_INDENT_2).decode()


def own_addresses(campaign: Campaign, settings: MailSettings) -> set[str]:
    """The user's addresses: their own messages in a folder (a Sent copy) answer nothing."""
    addresses = {campaign.profile.email, parseaddr(settings.sender or "")[1]}
    if settings.imap is not None and settings.imap.server.user and "@" in settings.imap.server.user:
        addresses.add(settings.imap.server.user)
    return {address.strip().casefold() for address in addresses if address.strip()}


def interest_in(campaign: Campaign, settings: MailSettings) -> Interest:
    return interest(campaign, own_addresses(campaign, settings))


def record_found(repo: Repository, settings: MailSettings, reading: Reading) -> CheckReport:
    """Log the replies found on their outreach and keep what was seen, in one write; a
    read-only data file is left as it is and the report says so."""
    campaign = repo.campaign
    matches = match_replies(campaign, reading.messages, own_addresses(campaign, settings))
    if not repo.read_only:
        with repo.batch():
            for outreach_id, mine in _by_outreach(matches).items():
                repo.edit(campaign.outreach[outreach_id], partial(_record_all, mine))
            if reading.seen != repo.mail_seen():
                repo.save_mail_seen(reading.seen)
    return CheckReport([_found(campaign, match, not repo.read_only) for match in matches], reading.problems)


def check_now(repo: Repository, settings: MailSettings, today: date) -> CheckReport:
    """The whole check at once (`infoint mail check`)."""
    reading = read_mailboxes(settings, interest_in(repo.campaign, settings), repo.mail_seen(), today)
    return record_found(repo, settings, reading)


def _record_all(matches: list[Match], outreach: Outreach) -> None:
    for match in matches:
        record(outreach, match)


def _by_outreach(matches: list[Match]) -> dict[int, list[Match]]:
    grouped: dict[int, list[Match]] = {}
    for match in matches:
        grouped.setdefault(match.outreach_id, []).append(match)
    return grouped


def _found(campaign: Campaign, match: Match, recorded: bool) -> Found:
    outreach = campaign.outreach[match.outreach_id]
    objective = campaign.objectives.get(outreach.objective_id)
    message = match.message
    return Found(
        person=campaign.people[outreach.person_id].name,
        objective=objective.text if objective else "",
        sender=message.sender,
        on=match.on,
        first_line=message.first_lines[0] if message.first_lines else message.subject,
        automatic=message.automatic,
        recorded=recorded,
    )

"""A follow-up to a request infoint sent is a reply in its thread: Subject "Re: <the
request's subject>", In-Reply-To and References naming the request's Message-ID; from the
shell and from the text check, to the SMTP server on loopback."""

from __future__ import annotations

import tomllib
from datetime import date, timedelta
from pathlib import Path

import pytest
from textual.widgets import Input

from infoint_tui.cli import main
from infoint_tui.config import Config
from infoint_tui.domain.models import Attempt, AttemptKind, Degree, Outreach, Route
from infoint_tui.domain.policy import DueKind, due_items
from infoint_tui.store.repository import Repository
from infoint_tui.tui.widgets.message import MessageScreen
from infoint_tui.usecases.due_actions import message_for
from infoint_tui.usecases.mailing import Outgoing, outgoing_for
from tests.conftest import TODAY
from tests.outreach_support import expect, highlight, show_queue, small_campaign
from tests.support import until
from tests.test_mail_send import SMTP_SETTINGS, Server, attempts, configure, data_file, request_id, smtp, smtp_config  # noqa: F401

REQUEST_SUBJECT = "A short request about your work at Acme Health"
#: When the follow-up to a request sent on TODAY is due.
A_WEEK_ON = TODAY + timedelta(days=7)


def follow_up_id(path: Path, on: date = A_WEEK_ON) -> str:
    repo = Repository.open(path, read_only=True)
    [item] = [i for i in due_items(repo.campaign, on) if i.kind == DueKind.FOLLOW_UP]
    return item.key


def test_the_follow_up_to_a_request_infoint_sent_replies_in_its_thread(
    smtp: Server,  # noqa: F811
    data_file: Path,  # noqa: F811
    capsys: pytest.CaptureFixture[str],
) -> None:
    configure(smtp_config(smtp.port))
    assert main(["send", request_id(data_file), "--db", str(data_file)]) == 0
    request = smtp.received[0].message
    assert request["Subject"] == REQUEST_SUBJECT and request["In-Reply-To"] is None
    later = ["--db", str(data_file), "--today", A_WEEK_ON.isoformat()]
    capsys.readouterr()
    assert main(["send", follow_up_id(data_file), "--dry-run", *later]) == 0
    assert f"Subject: Re: {REQUEST_SUBJECT}\n" in capsys.readouterr().out
    assert main(["send", follow_up_id(data_file), *later]) == 0
    follow_up = smtp.received[1].message
    assert follow_up["Subject"] == f"Re: {REQUEST_SUBJECT}"
    assert follow_up["In-Reply-To"] == request["Message-ID"] == follow_up["References"]
    assert follow_up["To"] == request["To"]
    logged = attempts(data_file)
    assert [(a["kind"], a["message_id"], a["subject"]) for a in logged] == [
        ("request", request["Message-ID"], REQUEST_SUBJECT),
        ("follow_up", follow_up["Message-ID"], f"Re: {REQUEST_SUBJECT}"),
    ]


def test_the_follow_up_to_a_copied_request_keeps_its_own_subject(
    smtp: Server,  # noqa: F811
    data_file: Path,  # noqa: F811
) -> None:
    repo = Repository.open(data_file)
    [outreach] = repo.campaign.outreach.values()
    repo.edit(outreach, lambda copy: copy.log(AttemptKind.REQUEST, TODAY))  # copied and marked sent
    repo.close()
    configure(smtp_config(smtp.port))
    assert main(["send", follow_up_id(data_file), "--db", str(data_file), "--today", A_WEEK_ON.isoformat()]) == 0
    [follow_up] = smtp.received
    assert not follow_up.message["Subject"].startswith("Re:")
    assert (follow_up.message["In-Reply-To"], follow_up.message["References"]) == (None, None)


async def test_the_text_check_shows_and_sends_the_follow_up_as_a_reply(
    smtp: Server,  # noqa: F811
    empty_repo: Repository,
    make_app,
    tmp_path: Path,
) -> None:
    ids = small_campaign(empty_repo, degree=Degree.COLD)
    outreach = empty_repo.add(Outreach(ids["target"], ids["objective"], Route.COLD, created=TODAY - timedelta(7)))

    def sent_a_week_ago(copy: Outreach) -> None:
        copy.log(AttemptKind.REQUEST, TODAY - timedelta(7), message_id="<request.1@example.com>", subject="Hello Ana")

    empty_repo.edit(outreach, sent_a_week_ago)
    config = Config(tmp_path / "config.toml", document=tomllib.loads(smtp_config(smtp.port)))
    app = make_app(empty_repo, config=config)
    async with app.run_test(size=(80, 24)) as pilot:
        queue = await show_queue(pilot)
        await highlight(pilot, queue, DueKind.FOLLOW_UP, "Ana Silva")
        await pilot.press("c")
        preview = await expect(pilot, MessageScreen)
        assert preview.query_one("#message-subject", Input).value == "Re: Hello Ana"
        assert preview.problems == []  # "Re:" and the request's words are no problem to the text check
        await pilot.press("ctrl+o")
        await until(pilot, lambda: bool(smtp.received), "the follow-up at the server")
    [got] = smtp.received
    assert (got.message["Subject"], got.message["In-Reply-To"]) == ("Re: Hello Ana", "<request.1@example.com>")
    assert empty_repo.campaign.outreach[outreach.id].attempts[-1].subject == "Re: Hello Ana"


def outgoing_after(repo: Repository, route: Route, kind: DueKind, *steps: Attempt) -> Outgoing:
    """Ana (introduced by Maria when `route` is INTRO), with `steps` logged: how the item of `kind` would go."""
    ids = small_campaign(repo, degree=Degree.SECOND if route == Route.INTRO else Degree.COLD)
    outreach = repo.add(Outreach(ids["target"], ids["objective"], route, created=date(2026, 11, 10)))
    repo.edit(outreach, lambda copy: copy.attempts.extend(steps))
    [item] = [i for i in due_items(repo.campaign, TODAY) if i.kind == kind]
    message = message_for(repo.campaign, item)
    assert message is not None
    return outgoing_for(repo.campaign, item, message, SMTP_SETTINGS)


def test_the_nudge_to_the_mutual_replies_to_the_ask_infoint_sent(empty_repo: Repository) -> None:
    ask = Attempt(AttemptKind.INTRO_ASKED, date(2026, 11, 10), message_id="<ask.1@x>", subject="Introduce me?")
    outgoing = outgoing_after(empty_repo, Route.INTRO, DueKind.NUDGE_INTRO, ask)
    assert (outgoing.subject, outgoing.envelope.references) == ("Re: Introduce me?", ("<ask.1@x>",))
    assert outgoing.envelope.to == ("Maria Lopez <maria@example.com>",)


def test_a_reply_subject_is_never_re_re_and_an_out_of_office_is_no_part_of_the_thread(
    empty_repo: Repository,
) -> None:
    request = Attempt(AttemptKind.REQUEST, date(2026, 11, 16), message_id="<request.1@x>", subject="RE: our chat")
    away = Attempt(AttemptKind.AUTO_REPLY, date(2026, 11, 17), "I am away.", message_id="<away@y>", sender="Ana")
    outgoing = outgoing_after(empty_repo, Route.COLD, DueKind.FOLLOW_UP, request, away)
    assert (outgoing.subject, outgoing.envelope.references) == ("RE: our chat", ("<request.1@x>",))

"""Mail, the points of its issue the other mail tests leave implicit: sending records what
marking it sent records; the text check stays live while a slow server answers and one
press sends once; the app checks again every few minutes."""

from __future__ import annotations

import dataclasses
import mailbox
import threading
import tomllib
from datetime import timedelta
from pathlib import Path

import pytest
from textual.widgets import Static

from infoint_tui.config import Config
from infoint_tui.domain.models import Degree, Outreach, Route
from infoint_tui.domain.policy import DueKind, due_items
from infoint_tui.store.repository import Repository
from infoint_tui.tui.screens.queue import QueueScreen
from infoint_tui.tui.widgets.message import MessageScreen
from infoint_tui.usecases.due_actions import done_change
from infoint_tui.usecases.mailing import Delivery, sent_change
from tests.conftest import TODAY
from tests.outreach_support import expect, highlight, show_queue, small_campaign, text_of
from tests.support import until
from tests.test_mail_replies import raw_mail, stored  # noqa: F401
from tests.test_mail_send import Server, attempts, configure, data_file, request_id, smtp, smtp_config  # noqa: F401


def test_sending_records_exactly_what_marking_it_sent_records(empty_repo: Repository) -> None:
    ids = small_campaign(empty_repo, degree=Degree.COLD)
    empty_repo.add(Outreach(ids["target"], ids["objective"], Route.COLD, created=TODAY))
    campaign = empty_repo.campaign
    [item] = [i for i in due_items(campaign, TODAY) if i.kind == DueKind.REQUEST]
    marked = done_change(campaign, item, TODAY)
    sent = sent_change(campaign, item, TODAY, Delivery("<m.1@example.com>", "Ana Silva <ana@example.com>", "Hello"))
    assert isinstance(marked, Outreach) and isinstance(sent, Outreach)
    [marked_attempt], [sent_attempt] = marked.attempts, sent.attempts
    assert dataclasses.replace(sent_attempt, message_id=None, subject="") == marked_attempt
    assert (sent_attempt.message_id, sent_attempt.subject) == ("<m.1@example.com>", "Hello")
    # The same policy clock: what is due next, and when, is the same either way.
    later = TODAY + timedelta(days=30)
    due_after = [
        [(i.kind, i.due) for i in due_items(dataclasses.replace(campaign, outreach={sent.id: record}), later)]
        for record in (marked, sent)
    ]
    assert due_after[0] == due_after[1] and due_after[0]


async def test_the_text_check_stays_live_while_a_slow_server_answers_and_one_press_sends_once(
    smtp: Server,  # noqa: F811
    empty_repo: Repository,
    make_app,
    tmp_path: Path,
) -> None:
    ids = small_campaign(empty_repo, degree=Degree.COLD)
    empty_repo.add(Outreach(ids["target"], ids["objective"], Route.COLD, created=TODAY))
    smtp.hold = threading.Event()
    config = Config(tmp_path / "config.toml", document=tomllib.loads(smtp_config(smtp.port)))
    app = make_app(empty_repo, config=config)
    async with app.run_test(size=(80, 24)) as pilot:
        queue = await show_queue(pilot)
        await highlight(pilot, queue, DueKind.REQUEST, "Ana Silva")
        await pilot.press("c")
        preview = await expect(pilot, MessageScreen)
        status = preview.query_one("#message-status", Static)
        await pilot.press("ctrl+o")
        await until(pilot, lambda: text_of(status).startswith("Sending to Ana Silva"), "the sending line")
        # The server has not answered: the screen still answers keys, and neither a second
        # press nor closing sends again or loses the record.
        await pilot.press("ctrl+o", "escape")
        await until(pilot, lambda: "wait for the server's answer" in text_of(status), "the answer to escape")
        assert app.screen is preview and smtp.received == []
        smtp.hold.set()
        await until(pilot, lambda: isinstance(app.screen, QueueScreen), "the queue again")
    assert len(smtp.received) == 1
    [request] = next(iter(empty_repo.campaign.outreach.values())).attempts
    assert request.message_id == smtp.received[0].message["Message-ID"]


async def test_the_app_checks_the_mail_again_every_few_minutes(
    stored,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from infoint_tui.tui import mail_watch
    from infoint_tui.tui.app import InfointApp

    monkeypatch.setattr(mail_watch, "check_minutes", lambda config: 0.5 / 60)  # "every few minutes", made quick
    box = mailbox.Maildir(tmp_path / "Mail", create=True)
    config = Config(tmp_path / "config.toml", document=tomllib.loads(f'[mail.maildir]\npath = "{tmp_path / "Mail"}"'))
    app = InfointApp(stored, config=config, build_ahead=False)
    async with app.run_test(size=(100, 30)) as pilot:
        queue = app.screen
        assert isinstance(queue, QueueScreen)
        await until(pilot, lambda: bool(stored.mail_seen()), "the first check, at start")
        assert all(item.kind != DueKind.READ_REPLY for item in queue.items)
        box.add(mailbox.MaildirMessage(raw_mail()))  # the reply arrives while the app runs
        await until(pilot, lambda: queue.items[0].kind == DueKind.READ_REPLY, "a later check", seconds=10)
        assert queue.items[0].person == "Ada Park"

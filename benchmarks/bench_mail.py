"""A check of the mail for replies, on a mailbox of 10,000 messages (issue 16: "within a few
seconds and off the UI thread").

Ours: `check_now` on the 30,000-person demo campaign and a Maildir of 10,000 messages, all
delivered since the first outreach still waiting (the worst case: none can be skipped by
date), ten of them replies; then the next check, which reads only what came since. Baseline:
merely listing the Maildir and reading the first 4 KB of every file. Then the app: the check
runs on a worker thread while the UI keeps ticking; the longest pause between ticks is shown.
If Dovecot is installed, the same checks over IMAP, from a server on loopback; its baseline is
one login and one FETCH of every message's flags.

    .venv/bin/python benchmarks/bench_mail.py       # prints seconds
"""

from __future__ import annotations

import asyncio
import itertools
import os
import random
import shutil
import sys
import threading
import time
import tomllib
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

from common import OUT, TODAY, Row, best_of, scratch_copy, shown

from infoint_tui.config import Config
from infoint_tui.domain.mail_replies import waiting
from infoint_tui.mail.settings import mail_settings
from infoint_tui.store.repository import Repository
from infoint_tui.usecases.mail_check import check_now

MESSAGES = 10_000
REPLIES = 10
ME = "dana@example.org"


def _message(number: int, sender: str, delivered: datetime) -> bytes:
    """A message as it arrives: a few Received hops, a DKIM signature, a plain body."""
    message = EmailMessage()
    for hop in range(3):
        message["Received"] = f"from mx{hop}.example.net (mx{hop}.example.net [192.0.2.{hop}]) by mail.example.org"
    message["DKIM-Signature"] = "v=1; a=rsa-sha256; d=example.net; s=s1; b=" + "A" * 340
    message["From"] = sender
    message["To"] = ME
    message["Subject"] = f"Newsletter {number}: what happened this week"
    message["Date"] = format_datetime(delivered)
    message["Message-ID"] = f"<m{number}@example.net>"
    message.set_content(("Lorem ipsum dolor sit amet, consectetur adipiscing elit. " * 40 + "\n") * 3)
    return message.as_bytes()


def mailbox_of(campaign_addresses: list[str], folder: Path) -> Path:
    """A Maildir of MESSAGES, REPLIES of them from people awaited, each file named for the
    second it was delivered, as a mail program names it; made once."""
    if (folder / "new").is_dir() and len(os.listdir(folder / "new")) == MESSAGES:
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    for sub in ("tmp", "new", "cur"):
        (folder / sub).mkdir(parents=True)
    chosen = random.Random(16)
    repliers = set(chosen.sample(range(MESSAGES), REPLIES))
    start = datetime.now(UTC) - timedelta(days=2)
    for number in range(MESSAGES):
        sender = chosen.choice(campaign_addresses) if number in repliers else f"list{number % 50}@news.example.net"
        delivered = start + timedelta(seconds=number * 10)
        name = f"{int(delivered.timestamp())}.M{number}P1.bench"
        (folder / "new" / name).write_bytes(_message(number, sender, delivered))
    return folder


def _settings(folder: Path):
    return mail_settings(Config(Path("config.toml"), document=tomllib.loads(f'[mail.maildir]\npath = "{folder}"')))


def maildir_checks() -> list[Row]:
    path = scratch_copy("mail")
    repo = Repository.open(path)
    try:
        awaited = [repo.campaign.people[w.outreach.person_id].email for w in waiting(repo.campaign) if w.address]
        folder = mailbox_of(awaited, OUT / "mail-maildir")
        settings = _settings(folder)
        since = min(w.since for w in waiting(repo.campaign))
        print(f"Maildir of {MESSAGES:,} messages; {len(awaited):,} outreaches await a reply since {since}.")

        def first_check() -> None:
            repo.save_mail_seen({})
            check_now(repo, settings, TODAY)

        print(f"Maildir: {len(check_now(repo, settings, TODAY).found)} replies found")
        first = best_of(first_check, 3)
        first_check()
        later = best_of(lambda: check_now(repo, settings, TODAY), 5)
    finally:
        repo.close()
    floor = best_of(lambda: _read_every_head(folder), 3)
    print(f"first check {first:.2f} s, later check {later:.3f} s, reading every file's head alone {floor:.2f} s")
    return [
        shown(f"mail check, Maildir of {MESSAGES:,} (first)", first, floor, ratio="ours/base"),
        shown(f"mail check, Maildir of {MESSAGES:,} (later)", later, floor, ratio="ours/base"),
    ]


def _read_every_head(folder: Path) -> None:
    for sub in ("new", "cur"):
        for entry in os.scandir(folder / sub):
            with open(entry.path, "rb") as file:
                file.read(4096)


def in_the_app() -> None:
    """The check on its thread while the UI ticks every 10 ms: the longest pause between ticks."""
    from infoint_tui.tui import mail_watch
    from infoint_tui.tui.app import InfointApp

    path = scratch_copy("mail-app")
    repo = Repository.open(path, background=True)
    folder = OUT / "mail-maildir"
    threads: list[tuple[str, float, float]] = []
    read = mail_watch.read_mailboxes

    def timed(*args):
        start = time.perf_counter()
        try:
            return read(*args)
        finally:
            threads.append((threading.current_thread().name, start, time.perf_counter() - start))

    mail_watch.read_mailboxes = timed  # type: ignore[assignment]
    config = Config(path.parent / "config.toml", document=tomllib.loads(f'[mail.maildir]\npath = "{folder}"'))
    app = InfointApp(repo, config=config)
    ticks: list[float] = []

    async def drive() -> None:
        async with app.run_test(size=(100, 30)) as pilot:
            app.set_interval(0.01, lambda: ticks.append(time.perf_counter()))
            deadline = time.monotonic() + 60
            # The check runs on the watch's own thread (no worker): wait for it to end and be recorded.
            while (app.mail_watch is None or not threads or app.mail_watch.checking) and time.monotonic() < deadline:
                await pilot.pause()
            await pilot.pause()

    try:
        asyncio.run(drive())
    finally:
        mail_watch.read_mailboxes = read
        repo.close()
    [(name, started, seconds)] = threads
    during = [tick for tick in ticks if started <= tick <= started + seconds]
    pause = max((b - a for a, b in itertools.pairwise(during)), default=0.0)
    print(
        f"in the app: read on thread {name!r} (the UI runs on {threading.main_thread().name!r}) in {seconds:.2f} s;"
        f" the longest pause between the UI's ticks meanwhile: {pause * 1000:.0f} ms ({len(during)} ticks)"
    )


def imap_check() -> list[Row]:
    """The first check over IMAP: Dovecot on loopback, its INBOX the same 10,000 messages."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the tests' Dovecot helper
    from tests.mail_servers import running_dovecot

    source = OUT / "mail-maildir"

    def fill(inbox: Path) -> None:
        shutil.copytree(source, inbox)

    path = scratch_copy("mail-imap")
    repo = Repository.open(path)
    try:
        with running_dovecot(fill) as server:
            settings = mail_settings(Config(Path("config.toml"), document=tomllib.loads(server.settings_toml("INBOX"))))
            server.state("INBOX")  # Dovecot indexes the new folder once: not part of the check

            def first_check() -> None:
                repo.save_mail_seen({})
                check_now(repo, settings, TODAY)

            print(f"IMAP: {len(check_now(repo, settings, TODAY).found)} replies found")
            first = best_of(first_check, 3)
            later = best_of(lambda: check_now(repo, settings, TODAY), 3)
            baseline = best_of(lambda: server.state("INBOX"), 3)  # one login and one FETCH of every flag
    finally:
        repo.close()
    print(f"IMAP: first check {first:.2f} s, later check {later:.3f} s, every flag fetched {baseline:.2f} s")
    return [
        shown(f"mail check, IMAP of {MESSAGES:,} (first)", first, baseline, ratio="ours/base"),
        shown(f"mail check, IMAP of {MESSAGES:,} (later)", later, baseline, ratio="ours/base"),
    ]


def run() -> list[Row]:
    rows = maildir_checks()
    in_the_app()
    if shutil.which("dovecot") or Path("/usr/sbin/dovecot").exists():
        rows += imap_check()
    else:
        print("IMAP: Dovecot is not installed (apt-get install dovecot-imapd): not measured.")
    return rows


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    run()

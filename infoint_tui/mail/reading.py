"""Every mailbox the settings name, read for messages that may answer an outreach.

Runs on any thread: it needs no campaign, only what `Interest` says about it, and the
record of what earlier checks saw (kept in the data file, so that a restored file checks
again what it has not recorded).
"""

from __future__ import annotations

import imaplib
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from infoint_tui.domain.mail_replies import Interest, MailMessage
from infoint_tui.mail.imap import ImapProblem, logged_in, read_folder, where
from infoint_tui.mail.maildir import MaildirProblem, read_maildir
from infoint_tui.mail.settings import ImapSettings, MailSettings


@dataclass(slots=True)
class Reading:
    messages: list[MailMessage] = field(default_factory=list)
    #: Mailbox -> what the next check starts from (see imap.read_folder, maildir.read_maildir).
    seen: dict[str, Any] = field(default_factory=dict)
    #: One sentence for each mailbox that could not be read.
    problems: list[str] = field(default_factory=list)


def read_mailboxes(settings: MailSettings, interest: Interest, seen: dict[str, Any], today: date) -> Reading:
    reading = Reading(seen=dict(seen))
    if interest.since is None:
        return reading  # nothing waits for an answer: nothing to read
    if settings.imap is not None:
        _read_imap(settings.imap, interest, reading, today)
    if settings.maildir is not None:
        key = f"maildir:{settings.maildir}"
        try:
            messages, reading.seen[key] = read_maildir(settings.maildir, interest, _entry(seen, key), today)
            reading.messages += messages
        except MaildirProblem as problem:
            reading.problems.append(str(problem))
    return reading


def _read_imap(imap: ImapSettings, interest: Interest, reading: Reading, today: date) -> None:
    server = imap.server
    try:
        with logged_in(server) as connection:
            for folder in imap.folders:
                key = f"imap:{server.user or ''}@{where(server)}/{folder}"
                try:
                    messages, reading.seen[key] = read_folder(
                        connection, folder, interest, _entry(reading.seen, key), today
                    )
                except ImapProblem as problem:  # this folder only: the others are read
                    reading.problems.append(str(problem))
                    continue
                reading.messages += messages
    except ImapProblem as problem:
        reading.problems.append(str(problem))
    except (OSError, imaplib.IMAP4.error) as error:  # the connection broke off
        reading.problems.append(f"The connection to {where(server)} broke off ({error}); the next check tries again.")


def _entry(seen: dict[str, Any], key: str) -> dict[str, Any]:
    entry = seen.get(key)
    return entry if isinstance(entry, dict) else {}

"""A local Maildir (what mbsync, offlineimap and notmuch keep), read and never changed.

Its files are listed with os.scandir and opened for reading, nothing else: no message moves
from new/ to cur/, no flag changes, as a mail program would when it shows a message. (The
standard library's `mailbox.Maildir` does not move them either, but its listing looks at
every file twice more: on 10,000 messages it took half of the whole check.) A file's name
starts with the second it was delivered: the check reads only those delivered since the
last one (or, the first time, since the first outreach still waiting).
"""

from __future__ import annotations

import os
import re
import time
from datetime import date, datetime
from pathlib import Path
from typing import Any

from infoint_tui.domain.mail_replies import Interest, MailMessage
from infoint_tui.mail.incoming import BODY_BYTES, concerns, mail_message

#: Read again at the next check: a message delivered while one ran, or by a clock a little behind.
OVERLAP_SECONDS = 120
#: The first bytes of a file read: headers are rarely longer.
HEAD_BYTES = 64 * 1024

_DELIVERED = re.compile(r"^(\d{9,11})[._]")


class MaildirProblem(Exception):
    """The Maildir cannot be read; one sentence for the user."""


def messages_in(path: Path) -> list[os.DirEntry[str]]:
    """The message files of the Maildir at `path`; MaildirProblem when it is none."""
    if not (path / "cur").is_dir() or not (path / "new").is_dir():
        raise MaildirProblem(f"{path} is not a Maildir (it needs cur and new folders): check [mail.maildir] path.")
    try:
        return [entry for sub in ("new", "cur") for entry in os.scandir(path / sub) if not entry.name.startswith(".")]
    except OSError as error:
        raise MaildirProblem(f"{path} cannot be read ({error.strerror}).") from None


def read_maildir(
    path: Path, interest: Interest, seen: dict[str, Any], today: date
) -> tuple[list[MailMessage], dict[str, Any]]:
    """The messages that may answer an outreach, and what to remember for the next check."""
    started = time.time()
    after = _after(interest, seen)
    found = []
    for entry in messages_in(path):
        delivered = _DELIVERED.match(entry.name)
        if delivered and int(delivered.group(1)) < after:
            continue
        raw = _head(entry.path)
        if raw is None:
            continue
        header_end = raw.find(b"\n\n")
        headers = raw if header_end < 0 else raw[: header_end + 2]
        if concerns(interest, headers) and (message := mail_message(raw[: len(headers) + BODY_BYTES], today)):
            found.append(message)
    return found, {"time": started}


def _after(interest: Interest, seen: dict[str, Any]) -> float:
    """The delivery time before which nothing new can be found."""
    since = interest.since or date.today()
    first = datetime.combine(since, datetime.min.time()).timestamp()
    last = seen.get("time")
    return max(first, last - OVERLAP_SECONDS) if isinstance(last, int | float) else first


def _head(path: str) -> bytes | None:
    """The start of the message with line ends made \\n; None when it went meanwhile."""
    try:
        with open(path, "rb") as file:
            return file.read(HEAD_BYTES).replace(b"\r\n", b"\n")
    except FileNotFoundError:  # moved or deleted by the mail program since the listing
        return None

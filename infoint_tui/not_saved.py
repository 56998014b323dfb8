"""What could not be saved, when infoint ends unable to write its file (SIGTERM or a hang-up
with the disk full): said once the terminal is back, on stderr and in the log in the user
state folder, with every unsaved interview printed whole, so that notes typed during a call
can still be copied from the terminal or the log.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from infoint_tui.exchange.interview_md import interview_markdown
from infoint_tui.store.errors import DataFileError
from infoint_tui.store.repository import Repository
from infoint_tui.store.unsaved import unsaved_records

PRIVATE = 0o600  # the log holds the notes themselves


def log_path() -> Path:
    from platformdirs import user_state_path

    return user_state_path("infoint", appauthor=False) / "infoint.log"


def tell(repo: Repository, error: DataFileError) -> str:
    """Log what the file lacks; return it, with where the log is, for stderr."""
    text = report(repo, error)
    log = log_path()
    try:
        log.parent.mkdir(parents=True, exist_ok=True)
        with open(os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, PRIVATE), "a", encoding="utf-8") as file:
            file.write(f"{datetime.now():%Y-%m-%d %H:%M:%S} {text}\n\n")
    except OSError as failure:
        return f"{text}\nIt could not be written to {log} either ({failure.strerror or failure})."
    return f"{text}\nThis is also in {log}."


def report(repo: Repository, error: DataFileError) -> str:
    """One sentence saying what the file lacks, then each unsaved interview as Markdown."""
    unsaved = unsaved_records(repo.path, repo.storage.read())
    campaign = repo.campaign
    changed = {int(key) for key in unsaved.get("interviews", ())}
    interviews = sorted((i for key, i in campaign.interviews.items() if key in changed), key=lambda i: i.when)
    others = sum(map(len, unsaved.values())) - len(interviews)
    parts = [f"the interview with {campaign.people[i.person_id].name}" for i in interviews]
    if others:
        parts.append(f"{others} other change{'s' if others != 1 else ''}")
    if not parts:
        return f"{error}."
    saved_at = repo.storage.saved_at
    since = f"after {saved_at:%H:%M:%S}" if saved_at else "since infoint started"
    below = " (printed below)" if interviews else ""
    sentence = f"{error}, so {repo.path.name} lacks what changed {since}: {_and(parts)}{below}."
    return "\n\n".join([sentence, *(_printable(interview_markdown(campaign, i)) for i in interviews)])


def _and(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"


def _printable(text: str) -> str:
    """Without control characters (a pasted escape sequence must not reach the terminal)."""
    return "".join(ch for ch in text if ch in "\n\t" or not (ch < " " or "\x7f" <= ch < "\xa0"))

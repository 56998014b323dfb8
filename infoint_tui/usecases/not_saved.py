"""What could not be saved, when infoint ends unable to write its file (SIGTERM or a hang-up
with the disk full): said once the terminal is back, on stderr and in the log in the user
state folder, with every unsaved interview printed whole, so that notes typed during a call
can still be copied from the terminal or the log.
"""

from __future__ import annotations

from infoint_tui.domain.text import clean_block
from infoint_tui.domain.wording import count, listed
from infoint_tui.exchange.interview_md import interview_markdown
from infoint_tui.store.errors import DataFileError
from infoint_tui.store.log import log_path, record_failure
from infoint_tui.store.repository import Repository
from infoint_tui.store.unsaved import unsaved_records


def tell(repo: Repository, error: DataFileError) -> str:
    """Log what the file lacks; return it, with where the log is, for stderr."""
    text = report(repo, error)
    if record_failure(text):
        return f"{text}\nThis is also in {log_path()}."
    return f"{text}\nIt could not be written to {log_path()} either."


def report(repo: Repository, error: DataFileError) -> str:
    """One sentence saying what the file lacks, then each unsaved interview as Markdown."""
    unsaved = unsaved_records(repo.path, repo.storage.read())
    campaign = repo.campaign
    changed = {int(key) for key in unsaved.get("interviews", ())}
    interviews = sorted((i for key, i in campaign.interviews.items() if key in changed), key=lambda i: i.when)
    # The meta document (schema, campaign id) is no change of the user's.
    others = sum(len(keys) for table, keys in unsaved.items() if table != "meta") - len(interviews)
    parts = [f"the interview with {campaign.people[i.person_id].name}" for i in interviews]
    if others:
        parts.append(count(others, "other change"))
    if not parts:
        return f"{error}."
    saved_at = repo.storage.saved_at
    since = f"after {saved_at:%H:%M:%S}" if saved_at else "since infoint started"
    below = " (printed below)" if interviews else ""
    sentence = f"{error}, so {repo.path.name} lacks what changed {since}: {listed(parts)}{below}."
    return "\n\n".join([sentence, *(clean_block(interview_markdown(campaign, i)) for i in interviews)])

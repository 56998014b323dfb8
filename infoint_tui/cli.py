"""The `infoint` command: the app, plus plain commands for the shell.

Textual is imported only when the app starts, so `infoint today` and the import/export
commands stay quick. Exit status: 0 success, 2 usage error, 1 data problem, each failure
as one sentence on stderr. What is printed passes through `say`: text from a file never
controls the terminal (DESIGN section 8).
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, TextIO, cast

from infoint_tui import clock
from infoint_tui.store.errors import DataFileError, ReadOnlyFileError

if TYPE_CHECKING:  # imported where used, to keep `infoint today` quick
    import argparse
    from datetime import datetime
    from email.message import EmailMessage

    from infoint_tui.config import Config
    from infoint_tui.domain.models import Campaign
    from infoint_tui.domain.policy import DueItem
    from infoint_tui.exchange.plan import ImportPlan
    from infoint_tui.mail.settings import MailSettings
    from infoint_tui.store.repository import Repository
    from infoint_tui.tui.opening import Opened, Opening
    from infoint_tui.usecases.agenda_form import Document
    from infoint_tui.usecases.mailing import Outgoing

DATA_PROBLEM = 1
USAGE = 2
ERASE_LINE = "\x1b[K"  # ours, for the progress line: never text from a file


class UsageError(Exception):
    """A command line that cannot be carried out as written."""


def say(text: str, *, to: TextIO | None = None) -> None:
    """Print a line (or lines) for a person, cleaned of control characters."""
    # Here: its patterns would cost the app's start ~5 ms before a word is said.
    from infoint_tui.domain.text import clean_block

    print(clean_block(text), file=to or sys.stdout)


#: The options the app and `infoint today` are run with (see _plain).
PLAIN_VALUES = {"--db": "db", "--today": "today", "--config": "config"}


def _plain(argv: Sequence[str]) -> argparse.Namespace | None:
    """`infoint` (the app) or `infoint today`, with any of PLAIN_VALUES each written in full
    at most once, --demo before the command and --json after it, read as argparse reads it
    (cli_args); None for anything else, which argparse reads. Importing argparse and
    building the parser would cost `infoint today`, the command run most, a third of its
    time (a formatter per argument, and shutil with it). The handlers ask the arguments for
    their attributes only, which a SimpleNamespace has as a Namespace does."""
    args = SimpleNamespace(demo=False, command=None)
    tokens = iter(argv)
    for token in tokens:
        name, equals, value = token.partition("=")
        if token == "today" and args.command is None:
            args.command, args.json = token, False
        elif token == "--json" and args.command is not None and not args.json:
            args.json = True
        elif token == "--demo" and args.command is None and not args.demo:
            args.demo = True
        elif name in PLAIN_VALUES and not hasattr(args, PLAIN_VALUES[name]):
            if not equals:
                value = next(tokens, "-")
                if value.startswith("-"):  # argparse tells a value from an option its own way
                    return None
            setattr(args, PLAIN_VALUES[name], value)
        else:
            return None
    return cast("argparse.Namespace", args)


def main(argv: Sequence[str] | None = None) -> int:
    args = _plain(sys.argv[1:] if argv is None else argv)
    if args is None:
        from infoint_tui.cli_args import build_parser

        args = build_parser().parse_args(argv)
    try:
        clock.fix(getattr(args, "today", None))
        clock.now()  # a bad INFOINT_TODAY is a usage error, reported before anything runs
        handler = HANDLERS.get(args.command, run_app)
        return handler(args)
    except UsageError as error:
        say(f"infoint: {error}", to=sys.stderr)
        return USAGE
    except ValueError as error:  # bad --today / INFOINT_TODAY
        say(f"infoint: {error}", to=sys.stderr)
        return USAGE
    except _data_problems() as error:
        say(f"infoint: {error}", to=sys.stderr)
        return DATA_PROBLEM
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `infoint today | head`: the reader left, nothing to report
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at exit
        return 0


def _data_problems() -> tuple[type[Exception], ...]:
    """DataFileError, and ConfigError once the settings module is loaded (before, none can be
    raised): it is not imported up front, its dataclass would cost `infoint today` ~5 ms."""
    config = sys.modules.get("infoint_tui.config")
    return (DataFileError,) if config is None else (DataFileError, config.ConfigError)


def _db_path(args: argparse.Namespace) -> Path:
    from infoint_tui.store.location import resolve

    return resolve(getattr(args, "db", None))


def run_app(args: argparse.Namespace) -> int:
    from infoint_tui.tui.early_keys import raw_until_textual

    with raw_until_textual():  # keys typed while infoint starts are read as typed
        return _open_and_run(args)


def _open_and_run(args: argparse.Namespace) -> int:
    if args.demo:
        import tempfile

        from infoint_tui.demo import write_demo

        path = Path(tempfile.mkdtemp(prefix="infoint-demo-")) / "demo.json"
        write_demo(path, 60, clock.today())
    else:
        path = _db_path(args)
    from infoint_tui.config import config_path, load_config

    config = load_config(config_path(getattr(args, "config", None)))  # before the data file is locked
    if args.command is None and (opening := _opening(path)) is not None:
        return _run_opening(opening, config)
    from infoint_tui.tui.opening import open_data_file

    opened = open_data_file(path)
    try:
        start = _start_on(args, opened.repo)
        from infoint_tui.tui.app import InfointApp  # Textual loads only here

        app = InfointApp(opened.repo, config=config, read_only_reason=opened.read_only_reason, start=start)
        app.run()
    finally:
        _close(opened)
    return app.return_code or 0  # 128 + the signal that ended it, if one did


def _opening(path: Path) -> Opening | None:
    """The data file to read after the first frame, drawn from its snapshot: None when the
    snapshot is missing or does not describe the file as it is today."""
    from infoint_tui.store.snapshot import read_snapshot

    content = read_snapshot(path.expanduser().resolve(), clock.today())
    if content is None:
        return None
    from infoint_tui.tui.opening import Opening
    from infoint_tui.tui.screens.queue_rows import QueueSnapshot

    try:
        return Opening(path, QueueSnapshot.from_json(content))
    except (KeyError, TypeError, ValueError):  # written by a version that laid it out otherwise
        return None


def _run_opening(opening: Opening, config: Config) -> int:
    from infoint_tui.tui.app import InfointApp

    app = InfointApp(opening=opening, config=config)
    try:
        app.run()
    finally:
        opened = opening.result()  # waits for a file still being read when the app ended
        if opened is not None:
            _close(opened)
    if app.open_error is not None:
        raise app.open_error
    return app.return_code or 0


def _close_repo(repo: Repository) -> None:
    """Let a command's data file go; if the command changed it, first describe it anew beside
    it, as the app does: else the next morning's start and `infoint today` read it all."""
    if repo.storage.changes:
        from infoint_tui.tui.opening import keeper_of  # Textual too: only after a change

        keeper_of(repo).close()
    repo.close()


def _close(opened: Opened) -> None:
    """Write what is pending and let the file go. When that fails (a signal ended the app
    with the disk full), the terminal is back by now: say what the file lacks, and log it."""
    from infoint_tui.store.errors import SaveError

    try:
        opened.close()
    except SaveError as error:
        from infoint_tui.usecases.not_saved import tell

        raise SaveError(tell(opened.repo, error)) from None


def _start_on(args: argparse.Namespace, repo: Repository) -> tuple[str, str] | None:
    """`infoint interview [NAME]`: the live view to open, as (mode, action).

    When there is none, a DataFileError says why in one sentence (exit status 1).
    """
    if args.command != "interview":
        return None
    from infoint_tui.usecases.interviewing import NoInterview, clashes, find_interview

    try:
        interview = find_interview(repo.campaign, clock.today(), args.name)
    except NoInterview as nothing:
        hint = "" if args.name else " Name someone to open theirs: infoint interview NAME."
        raise DataFileError(f"{nothing}{hint}") from None
    from infoint_tui.store.storage import read_only_mode

    if repo.read_only and (mode := read_only_mode(repo.path)) is not None:
        raise ReadOnlyFileError(repo.path, mode, "notes typed in the interview could not be saved")
    if repo.read_only:
        raise DataFileError(
            f"{repo.path} is open in another infoint, so notes typed here could not be saved; take the interview there."
        )
    at_once = [] if args.name else clashes(repo.campaign, interview)
    if at_once:  # booked at the same time: the app asks which
        return ("interviews", f"choose_live({', '.join(str(i.id) for i in [interview, *at_once])})")
    return ("interviews", f"live({interview.id})")


def cmd_today(args: argparse.Namespace) -> int:
    """The morning review: from the reviews kept beside the file when one holds at this moment
    (no records loaded), else worked out from the records it needs."""
    from infoint_tui.usecases import agenda_form

    path, now = _existing_data_file(args).resolve(), clock.now()
    document = _kept_review(path, now)
    if document is None:
        from infoint_tui.store.reading import read_for_review
        from infoint_tui.usecases.agenda import review_document

        document = review_document(read_for_review(path), now)
    say((agenda_form.agenda_json if args.json else agenda_form.agenda_text)(document, now))
    return 0


def _kept_review(path: Path, now: datetime) -> Document | None:
    """The review kept beside the file, if it describes the file as it is and holds at `now`."""
    from infoint_tui.store.snapshot import read_review
    from infoint_tui.usecases.agenda_form import holds_at

    document = read_review(path, now.date())
    try:
        return document if document is not None and holds_at(document, now) else None
    except (KeyError, TypeError, ValueError):  # laid out by another version
        return None


def _existing_data_file(args: argparse.Namespace) -> Path:
    path = _db_path(args)
    if not path.exists():
        raise DataFileError(f"There is no data file at {path} yet: start `infoint` once, or pass --db.")
    return path


def _open_for_reading(args: argparse.Namespace) -> Repository:
    from infoint_tui.store.repository import Repository

    return Repository.open(_existing_data_file(args), read_only=True)


def cmd_stats(args: argparse.Namespace) -> int:
    from infoint_tui.domain.insights import stats_json
    from infoint_tui.usecases.stats import stats_text

    campaign = _open_for_reading(args).campaign
    if args.json:
        import orjson

        say(orjson.dumps(stats_json(campaign, clock.today()), option=orjson.OPT_INDENT_2).decode())
    else:
        say(stats_text(campaign, clock.today()))
    return 0


def cmd_mail(args: argparse.Namespace) -> int:
    """`infoint mail check` and `infoint mail test` (see usecases.mail_check and mail.probe)."""
    from infoint_tui.config import ConfigError, config_path, load_config
    from infoint_tui.mail.settings import MailSettingsError, mail_settings

    settings_file = config_path(getattr(args, "config", None))
    try:
        settings = mail_settings(load_config(settings_file))
    except MailSettingsError as error:
        raise ConfigError(str(error)) from None
    if args.mail_command == "test":
        from infoint_tui.mail.probe import probe

        results = list(probe(settings))
        for works, line in results:
            say(("ok    " if works else "FAIL  ") + line)
        return 0 if all(works for works, _ in results) else DATA_PROBLEM
    from infoint_tui.store.repository import Repository
    from infoint_tui.usecases.mail_check import check_now, report_json, report_text

    if settings.imap is None and settings.maildir is None:
        raise ConfigError(f"No mailbox is set up to read: add [mail.imap] or [mail.maildir] to {settings_file}.")
    path = _db_path(args)
    if not path.exists():
        raise DataFileError(f"There is no data file at {path} yet: start `infoint` once, or pass --db.")
    repo, _ = Repository.open_or_read_only(path)  # read-only when the app holds it: then nothing is recorded
    try:
        report = check_now(repo, settings, clock.today())
    finally:
        _close_repo(repo)
    say(report_json(report) if args.json else report_text(report))
    for problem in report.problems:
        say(f"infoint: {problem}", to=sys.stderr)
    return DATA_PROBLEM if report.problems else 0


def cmd_demo(args: argparse.Namespace) -> int:
    from infoint_tui.demo import write_demo

    if args.size < 0:
        raise UsageError("--size must be zero or more.")
    out = Path(args.out).expanduser()
    write_demo(out, args.size, clock.today())
    say(f"Wrote a demo campaign of {args.size} people to {out}.")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from functools import partial

    from infoint_tui.domain.models import Campaign
    from infoint_tui.exchange.linkedin import read_linkedin
    from infoint_tui.exchange.plan import ImportProblem
    from infoint_tui.exchange.vcard import read_vcard
    from infoint_tui.store.repository import Repository

    if args.strict and args.format != "vcard":
        raise UsageError("--strict is for vCard imports: the other imports are always all or nothing.")
    source = Path(args.file).expanduser()
    if not source.is_file():
        raise UsageError(f"{source} is not a file.")
    if args.format == "json":
        return _restore(args, source)
    if args.replace:
        raise UsageError("--replace is for json only: people imported from LinkedIn or vCard are added.")
    readers: dict[str, Callable[[Path, Campaign], ImportPlan]] = {
        "linkedin": read_linkedin,
        "vcard": partial(read_vcard, strict=args.strict),
    }
    reader = readers[args.format]
    path = _db_path(args)
    try:
        # A dry run before the first start has nothing to compare with: it reads against an
        # empty campaign, as the first real import would, and creates nothing.
        repo = None if args.dry_run and not path.exists() else Repository.open(path, read_only=args.dry_run)
    except ReadOnlyFileError as error:
        raise error.saying("nothing was imported", "and import again") from None
    try:
        try:
            with _progress_on_stderr(source.name):
                plan = reader(source, repo.campaign if repo else Campaign())
        except ImportProblem as problem:
            raise DataFileError(str(problem)) from None
        for reported in [*plan.rejected, *plan.skipped]:
            say(f"{source}:{reported.line}: {reported.reason}", to=sys.stderr)
        if plan.rejected:
            say(f"Nothing imported: {plan.summary()}. Fix the rows above and import again.", to=sys.stderr)
            return DATA_PROBLEM
        matches = plan.likely_matches()
        lines = plan.describe_matches(matches)  # before merging: it counts the new companies' people
        if args.merge_likely:
            plan.use_existing(matches)
        if args.dry_run:
            against = "" if repo else f" against an empty campaign (there is no data file at {path} yet)"
            say(f"Dry run{against}, nothing changed: {plan.summary()}.")
        else:
            assert repo is not None  # only a dry run goes without one
            plan.apply(repo)
            say(f"Imported: {plan.summary()}.")
        for line in _likely_matches_report(lines, merged=args.merge_likely, dry_run=args.dry_run):
            say(line)
        return 0
    finally:
        if repo is not None:
            _close_repo(repo)


def _restore(args: argparse.Namespace, source: Path) -> int:
    """`infoint import json FILE`: see cli_args.RESTORE_HELP."""
    from datetime import datetime

    from infoint_tui.exchange.plan import ImportProblem
    from infoint_tui.exchange.restore import is_empty, read_json_export, summary
    from infoint_tui.store.reading import backups_folder
    from infoint_tui.store.repository import Repository

    try:
        campaign = read_json_export(source.read_bytes(), str(source))
    except OSError as error:
        raise DataFileError(f"{source} cannot be read ({error.strerror}); nothing was imported.") from None
    except ImportProblem as problem:
        raise DataFileError(str(problem)) from None
    path = _db_path(args)
    if args.dry_run and not path.exists():
        say(f"Dry run, nothing changed: {source} holds {summary(campaign)}, which would go into a new {path}.")
        return 0
    repo = Repository.open(path, read_only=args.dry_run)
    try:
        held = repo.campaign
        if not is_empty(held) and not args.replace:
            raise DataFileError(
                f"{repo.path} already holds a campaign ({summary(held)}), so nothing was imported: restore "
                f"into a new data file with --db, or add --replace to replace it (a copy goes to "
                f"{backups_folder(repo.path)} first)."
            )
        if args.dry_run:
            say(f"Dry run, nothing changed: {source} holds {summary(campaign)}.")
            return 0
        kept = ""
        if not is_empty(held):
            copy = repo.back_up(f"before-import-{datetime.now():%Y%m%d-%H%M%S}")
            kept = f"; what it held before is kept in {copy}"
        repo.replace_all(campaign)
        say(f"Restored {summary(campaign)} from {source} into {repo.path}{kept}.")
        return 0
    finally:
        _close_repo(repo)


#: Likely matches listed by `infoint import`; the rest are counted.
MATCHES_SHOWN = 20


def _likely_matches_report(lines: list[str], *, merged: bool, dry_run: bool) -> list[str]:
    """What `infoint import` says about new companies that look like others (nothing if none)."""
    if not lines:
        return []
    one = len(lines) == 1
    head = f"{len(lines)} new compan{'y looks' if one else 'ies look'} like another company"
    if merged:
        head += f", so {'its' if one else 'their'} people {'would go' if dry_run else 'went'} to that one instead"
    report = [f"{head}:", *(f"  {line}" for line in lines[:MATCHES_SHOWN])]
    if len(lines) > MATCHES_SHOWN:
        report.append(f"  … and {len(lines) - MATCHES_SHOWN} more")
    if not merged:
        instead = "import with --merge-likely to put each one's people in the company it looks like, or "
        report.append(
            f"To make two companies one, {instead if dry_run else ''}merge them in the app: "
            "on Targets press c for the companies, then m on the one to merge into the other."
        )
    return report


@contextlib.contextmanager
def _progress_on_stderr(name: str) -> Iterator[None]:
    """While an import reads, "Reading Connections.csv: 45,000 rows…" on one line of stderr,
    if that is a terminal; the line is wiped when the reading ends."""
    if not sys.stderr.isatty():
        yield
        return
    from infoint_tui.domain.text import clean_line
    from infoint_tui.exchange.builder import reporting_progress

    name, shown = clean_line(name), False

    def report(rows: int, unit: str) -> None:
        nonlocal shown
        shown = True
        sys.stderr.write(f"\r{ERASE_LINE}Reading {name}: {rows:,} {unit}s…")
        sys.stderr.flush()

    try:
        with reporting_progress(report):
            yield
    finally:
        if shown:
            sys.stderr.write(f"\r{ERASE_LINE}")


def cmd_export(args: argparse.Namespace) -> int:
    from infoint_tui.exchange.output import OutputProblem, write_export

    if args.bom and args.format != "csv":
        raise UsageError("--bom is for csv only: it tells Excel that the file is UTF-8.")
    repo = _open_for_reading(args)
    campaign = repo.campaign
    if args.format == "ics" and not campaign.id:
        campaign.id = _campaign_id(repo.path)
    try:
        if args.format == "markdown":
            return _export_markdown(campaign, args.out, repo.path)
        payload = _export_payload(args, campaign)
        if args.out:
            write_export(Path(args.out), payload, replace=args.force)
            say(f"Wrote {args.out}.", to=sys.stderr)
        else:
            sys.stdout.buffer.write(payload)
    except OutputProblem as problem:
        raise UsageError(str(problem)) from None
    return 0


def _campaign_id(path: Path) -> str:
    """The file's campaign id, made now if it has none yet (its first calendar export)."""
    from infoint_tui.store.repository import Repository

    repo, _ = Repository.open_or_read_only(path)
    try:
        return repo.campaign_id
    finally:
        _close_repo(repo)


def _export_payload(args: argparse.Namespace, campaign: Campaign) -> bytes:
    if args.format == "ics":
        from infoint_tui.exchange.ics import to_ics

        return to_ics(campaign)
    if args.format == "vcard":
        from infoint_tui.exchange.vcard import to_vcard

        return to_vcard(campaign).encode()
    from infoint_tui.exchange import export

    if args.format == "json":
        return export.to_json(campaign)
    return export.people_csv(campaign, bom=args.bom).encode()


def _export_markdown(campaign: Campaign, out: str | None, data_file: Path) -> int:
    from infoint_tui.exchange.output import interviews_folder, write_interviews

    folder = Path(out).expanduser() if out else interviews_folder(data_file)
    written = write_interviews(campaign, campaign.interviews.values(), folder)
    say(f"Wrote {len(written)} interview files to {folder}.", to=sys.stderr)
    return 0


def cmd_send(args: argparse.Namespace) -> int:
    """`infoint send ID`: the item's text, checked, as e-mail; recorded once the server took it."""
    from infoint_tui.config import ConfigError, config_path, load_config
    from infoint_tui.mail.message import readable
    from infoint_tui.mail.send import SendError
    from infoint_tui.mail.settings import MailSettingsError, mail_settings
    from infoint_tui.store.errors import SaveError
    from infoint_tui.store.repository import Repository
    from infoint_tui.usecases.due_actions import done_label
    from infoint_tui.usecases.mailing import send, sent_change

    try:
        settings = mail_settings(load_config(config_path(getattr(args, "config", None))))
    except MailSettingsError as error:
        raise ConfigError(str(error)) from None
    if args.dry_run:
        repo = _open_for_reading(args)
    else:
        try:
            repo = Repository.open(_db_path(args))  # writable before anything is sent: the attempt must be kept
        except ReadOnlyFileError as error:
            raise error.saying("nothing was sent", "and send again") from None
    try:
        now = clock.now()
        item, outgoing, message, problems = _to_send(repo.campaign, args.id, settings, now)
        for problem in problems:
            say(f"{args.id}: {problem}", to=sys.stderr)
        if args.dry_run:
            say(readable(message))
            say("Dry run: nothing was sent.", to=sys.stderr)
            return 0
        if problems and not args.force:
            say("Nothing was sent: fix the problems above in the template or profile, or add --force.", to=sys.stderr)
            return DATA_PROBLEM
        try:
            sent = send(outgoing, message)
        except SendError as error:
            say(f"infoint: {error}", to=sys.stderr)
            return DATA_PROBLEM
        say(f"Sent to {sent.recipients} ({sent.message_id}).")
        if sent.note:
            say(sent.note, to=sys.stderr)
        label = done_label(repo.campaign, item)
        if (change := sent_change(repo.campaign, item, now.date(), sent)) is not None:
            try:
                repo.save(change)
            except SaveError as error:
                raise SaveError(f"The message was sent, but recording it failed: {error}") from None
            say(f"{label}.")
        return 0
    finally:
        _close_repo(repo)


def _to_send(
    campaign: Campaign, item_id: str, settings: MailSettings, now: datetime
) -> tuple[DueItem, Outgoing, EmailMessage, list[str]]:
    """The due item with that id, how its text goes out, the message, and what the text check found."""
    from infoint_tui.domain.policy import due_items
    from infoint_tui.domain.templates import render_template
    from infoint_tui.usecases.due_actions import message_for
    from infoint_tui.usecases.mailing import NotSendable, outgoing_for, text_problems

    item = next((item for item in due_items(campaign, now.date(), now) if item.key == item_id), None)
    if item is None:
        raise UsageError(f"Nothing due has the id {item_id}: `infoint today --json` lists each item's id.")
    text = message_for(campaign, item)
    if text is None:
        raise UsageError(f"The item {item_id} sends no text.")
    try:
        outgoing = outgoing_for(campaign, item, text, settings)
    except NotSendable as why:
        raise DataFileError(str(why)) from None
    rendered = render_template(text.template, text.context)
    subject, body = outgoing.subject or rendered.subject.text, rendered.body.text
    problems = text_problems(campaign, text, subject, body)
    return item, outgoing, outgoing.message(subject, body, now.astimezone()), problems


HANDLERS: dict[str | None, Callable[[argparse.Namespace], int]] = {
    "today": cmd_today,
    "stats": cmd_stats,
    "demo": cmd_demo,
    "import": cmd_import,
    "export": cmd_export,
    "mail": cmd_mail,
    "interview": run_app,
    "send": cmd_send,
}


if __name__ == "__main__":
    raise SystemExit(main())

"""The `infoint` command: the app, plus plain commands for the shell.

Textual is imported only when the app starts, so `infoint today` and the import/export
commands stay quick. Exit status: 0 success, 2 usage error, 1 data problem, each failure
as one sentence on stderr.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from infoint_tui import clock
from infoint_tui.store.errors import DataFileError

DATA_PROBLEM = 1
USAGE = 2


class UsageError(Exception):
    """A command line that cannot be carried out as written."""


def _common() -> argparse.ArgumentParser:
    # SUPPRESS lets --db/--today stand before or after the subcommand without the
    # subcommand's default overwriting a value given before it.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS,
                        help="data file (default: $INFOINT_DB or the user data folder)")
    common.add_argument("--today", metavar="YYYY-MM-DD", default=argparse.SUPPRESS,
                        help="pretend today is this day (also $INFOINT_TODAY)")
    return common


def build_parser() -> argparse.ArgumentParser:
    common = _common()
    parser = argparse.ArgumentParser(
        prog="infoint", parents=[common],
        description="Run a campaign of informational interviews from the terminal.",
    )
    parser.add_argument("--demo", action="store_true", help="start on a fresh copy of demo data")
    parser.add_argument("--version", action=_Version)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    today = commands.add_parser("today", parents=[common], help="what is due: overdue, today, next days")
    today.add_argument("--json", action="store_true", help="print JSON instead of text")

    stats = commands.add_parser("stats", parents=[common], help="what the campaign is teaching: routes, lessons")
    stats.add_argument("--json", action="store_true", help="print JSON instead of text")

    demo = commands.add_parser("demo", parents=[common], help="write a demo data file")
    demo.add_argument("--size", type=int, default=60, help="number of people (default 60)")
    demo.add_argument("--out", required=True, metavar="PATH", help="file to write")

    imports = commands.add_parser("import", parents=[common], help="import people from a file")
    imports.add_argument("format", choices=["linkedin", "vcard"])
    imports.add_argument("file", metavar="FILE")
    imports.add_argument("--dry-run", action="store_true", help="report what would be added; change nothing")

    interview = commands.add_parser("interview", parents=[common],
                                    help="open the live view of today's interview, or of NAME's next one")
    interview.add_argument("name", nargs="?", metavar="NAME", help="part of the person's name")

    export = commands.add_parser("export", parents=[common], help="export the campaign")
    export.add_argument("format", choices=["json", "csv", "vcard", "ics", "markdown"])
    export.add_argument("--out", metavar="PATH", help="file (folder for markdown); default: standard output")
    return parser


class _Version(argparse.Action):
    """argparse's "version" action, but the version is looked up only when asked for:
    importlib.metadata would cost every command ~20 ms."""

    def __init__(self, option_strings: Sequence[str], dest: str) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS,
                         help="show program's version number and exit")

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        from infoint_tui import __version__

        print(f"{parser.prog} {__version__}")
        parser.exit()


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        clock.fix(getattr(args, "today", None))
        clock.now()  # a bad INFOINT_TODAY is a usage error, reported before anything runs
        handler = HANDLERS.get(args.command, run_app)
        return handler(args)
    except UsageError as error:
        print(f"infoint: {error}", file=sys.stderr)
        return USAGE
    except ValueError as error:  # bad --today / INFOINT_TODAY
        print(f"infoint: {error}", file=sys.stderr)
        return USAGE
    except DataFileError as error:
        print(f"infoint: {error}", file=sys.stderr)
        return DATA_PROBLEM
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `infoint today | head`: the reader left, nothing to report
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at exit
        return 0


def _db_path(args: argparse.Namespace) -> Path:
    from infoint_tui.store.location import resolve

    return resolve(getattr(args, "db", None))


def run_app(args: argparse.Namespace) -> int:
    from infoint_tui.store.repository import Repository

    if args.demo:
        import tempfile

        from infoint_tui.demo import write_demo

        path = Path(tempfile.mkdtemp(prefix="infoint-demo-")) / "demo.json"
        write_demo(path, 60, clock.today())
    else:
        path = _db_path(args)
    repo, read_only_reason = Repository.open_or_read_only(path, background=True)
    try:
        start = _start_on(args, repo)
        from infoint_tui.tui.app import InfointApp  # Textual loads only here

        app = InfointApp(repo, read_only_reason=read_only_reason, start=start)
        app.run()
    finally:
        _close(repo)
    return app.return_code or 0  # 128 + the signal that ended it, if one did


def _close(repo) -> None:  # noqa: ANN001 - a Repository
    """Write what is pending and let the file go. When that fails (a signal ended the app
    with the disk full), the terminal is back by now: say what the file lacks, and log it."""
    from infoint_tui.store.errors import SaveError

    try:
        repo.close()
    except SaveError as error:
        from infoint_tui.not_saved import tell

        raise SaveError(tell(repo, error)) from None


def _start_on(args: argparse.Namespace, repo) -> tuple[str, str] | None:  # noqa: ANN001
    """`infoint interview [NAME]`: the live view to open, as (mode, action).

    When there is none, a DataFileError says why in one sentence (exit status 1).
    """
    if args.command != "interview":
        return None
    from infoint_tui.interviewing import NoInterview, find_interview

    try:
        interview = find_interview(repo.campaign, clock.today(), args.name)
    except NoInterview as nothing:
        hint = "" if args.name else " Name someone to open theirs: infoint interview NAME."
        raise DataFileError(f"{nothing}{hint}") from None
    if repo.read_only:
        raise DataFileError(f"{repo.path} is open in another infoint, so notes typed here could not be "
                            "saved; take the interview there.")
    return ("interviews", f"live({interview.id})")


def cmd_today(args: argparse.Namespace) -> int:
    from infoint_tui.agenda import agenda_json, agenda_text

    render = agenda_json if args.json else agenda_text
    print(render(_open_for_reading(args).campaign, clock.now()))
    return 0


def _open_for_reading(args: argparse.Namespace):  # noqa: ANN202 - a Repository
    from infoint_tui.store.repository import Repository

    path = _db_path(args)
    if not path.exists():
        raise DataFileError(f"There is no data file at {path} yet: start `infoint` once, or pass --db.")
    return Repository.open(path, read_only=True)


def cmd_stats(args: argparse.Namespace) -> int:
    from infoint_tui.stats import stats_text
    from infoint_tui.domain.insights import stats_json

    campaign = _open_for_reading(args).campaign
    if args.json:
        import orjson

        print(orjson.dumps(stats_json(campaign, clock.today()), option=orjson.OPT_INDENT_2).decode())
    else:
        print(stats_text(campaign, clock.today()))
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from infoint_tui.demo import write_demo

    if args.size < 0:
        raise UsageError("--size must be zero or more.")
    out = Path(args.out).expanduser()
    write_demo(out, args.size, clock.today())
    print(f"Wrote a demo campaign of {args.size} people to {out}.")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from infoint_tui.exchange.linkedin import read_linkedin
    from infoint_tui.exchange.plan import ImportProblem
    from infoint_tui.exchange.vcard import read_vcard
    from infoint_tui.store.repository import Repository

    reader = {"linkedin": read_linkedin, "vcard": read_vcard}[args.format]
    source = Path(args.file).expanduser()
    if not source.is_file():
        raise UsageError(f"{source} is not a file.")
    repo = Repository.open(_db_path(args), read_only=args.dry_run)
    try:
        try:
            plan = reader(source, repo.campaign)
        except ImportProblem as problem:
            raise DataFileError(str(problem)) from None
        for rejected in plan.rejected:
            print(f"{source}:{rejected.line}: {rejected.reason}", file=sys.stderr)
        if plan.rejected:
            print(f"Nothing imported: {plan.summary()}. Fix the rows above and import again.", file=sys.stderr)
            return DATA_PROBLEM
        if args.dry_run:
            print(f"Dry run, nothing changed: {plan.summary()}.")
            return 0
        plan.apply(repo)
        print(f"Imported: {plan.summary()}.")
        return 0
    finally:
        repo.close()


def cmd_export(args: argparse.Namespace) -> int:
    campaign = _open_for_reading(args).campaign
    if args.format == "markdown":
        return _export_markdown(campaign, args.out)
    content = _exporter(args.format)(campaign)
    payload = content.encode() if isinstance(content, str) else content
    if args.out:
        Path(args.out).expanduser().write_bytes(payload)
        print(f"Wrote {args.out}.", file=sys.stderr)
    else:
        sys.stdout.buffer.write(payload)
    return 0


def _exporter(fmt: str) -> Callable:
    if fmt == "ics":
        from infoint_tui.exchange.ics import to_ics

        return to_ics
    if fmt == "vcard":
        from infoint_tui.exchange.vcard import to_vcard

        return to_vcard
    from infoint_tui.exchange import export

    return export.to_json if fmt == "json" else export.people_csv


def _export_markdown(campaign, out: str | None) -> int:  # noqa: ANN001
    from infoint_tui.exchange.interview_md import interview_markdown, markdown_filename

    folder = Path(out or ".").expanduser()
    folder.mkdir(parents=True, exist_ok=True)
    written: set[str] = set()
    for interview in sorted(campaign.interviews.values(), key=lambda i: i.when):
        name = markdown_filename(campaign, interview)
        stem, n = name.removesuffix(".md"), 2
        while name in written:  # two interviews with one person on one day
            name, n = f"{stem}-{n}.md", n + 1
        written.add(name)
        (folder / name).write_text(interview_markdown(campaign, interview), encoding="utf-8")
    print(f"Wrote {len(written)} interview files to {folder}.", file=sys.stderr)
    return 0


HANDLERS: dict[str | None, Callable[[argparse.Namespace], int]] = {
    "today": cmd_today,
    "stats": cmd_stats,
    "demo": cmd_demo,
    "import": cmd_import,
    "export": cmd_export,
    "interview": run_app,
}


if __name__ == "__main__":
    raise SystemExit(main())

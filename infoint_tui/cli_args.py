"""The grammar of the `infoint` command line, for argparse (cli.py carries it out)."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

RESTORE_HELP = """\
import json FILE restores a file made by `infoint export json` (a backup):
  - into a new or empty data file, everything comes back, with the same ids;
  - a data file that already holds a campaign is left as it is, unless --replace:
    then a copy of it goes into the backups folder beside it, and the export
    replaces it whole (never a mix of the two);
  - the whole file is checked first: if any record cannot be read, or points at
    one that is not there, one sentence says which and nothing is written.
Use --db to restore into another data file; --dry-run only checks the file."""


def _common() -> argparse.ArgumentParser:
    # SUPPRESS lets --db/--today stand before or after the subcommand without the
    # subcommand's default overwriting a value given before it.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="data file (default: $INFOINT_DB or the user data folder)",
    )
    common.add_argument(
        "--today",
        metavar="YYYY-MM-DD",
        default=argparse.SUPPRESS,
        help="pretend today is this day (also $INFOINT_TODAY)",
    )
    common.add_argument(
        "--config",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="settings file (default: $INFOINT_CONFIG or the user config folder)",
    )
    return common


def build_parser() -> argparse.ArgumentParser:
    common = _common()
    parser = argparse.ArgumentParser(
        prog="infoint",
        parents=[common],
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

    imports = commands.add_parser(
        "import",
        parents=[common],
        help="import people from a file, or restore a JSON export",
        epilog=RESTORE_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    imports.add_argument("format", choices=["linkedin", "vcard", "json"])
    imports.add_argument("file", metavar="FILE")
    imports.add_argument("--dry-run", action="store_true", help="report what would be added; change nothing")
    imports.add_argument(
        "--replace", action="store_true", help="json only: replace the campaign the data file holds (after a backup)"
    )
    imports.add_argument(
        "--strict",
        action="store_true",
        help="vcard: import nothing if any card has a problem (by default such a card, "
        "or its bad value, is skipped and reported)",
    )
    imports.add_argument(
        "--merge-likely",
        action="store_true",
        help="add the people of a new company that looks like another (Acme Inc. and "
        "ACME) to that other company instead",
    )

    send = commands.add_parser(
        "send", parents=[common], help="send the text of a due item as e-mail (ids: infoint today --json)"
    )
    send.add_argument("id", metavar="ID", help="the item's id, such as follow_up:outreach:12")
    send.add_argument("--dry-run", action="store_true", help="print the message as it would go out; send nothing")
    send.add_argument("--force", action="store_true", help="send although the text check found problems")

    interview = commands.add_parser(
        "interview", parents=[common], help="open the live view of today's interview, or of NAME's next one"
    )
    interview.add_argument("name", nargs="?", metavar="NAME", help="part of the person's name")

    export = commands.add_parser("export", parents=[common], help="export the campaign")
    export.add_argument("format", choices=["json", "csv", "vcard", "ics", "markdown"])
    export.add_argument(
        "--out",
        metavar="PATH",
        help="file to write (default: standard output); for markdown a folder, by default "
        "'interviews' beside the data file",
    )
    export.add_argument(
        "--force",
        action="store_true",
        help="replace the --out file if it exists (interview files are never replaced: "
        "a name already taken gets -2, -3)",
    )
    export.add_argument(
        "--bom",
        action="store_true",
        help="csv only: start with a byte order mark, so that Excel reads the file as UTF-8",
    )
    mail = commands.add_parser("mail", parents=[common], help="check the mailboxes for replies, or test the settings")
    mail_commands = mail.add_subparsers(dest="mail_command", metavar="MAIL_COMMAND", required=True)
    check = mail_commands.add_parser(
        "check", parents=[common], help="read the mailboxes now (read-only) and record the replies found"
    )
    check.add_argument("--json", action="store_true", help="print JSON instead of text")
    mail_commands.add_parser(
        "test", parents=[common], help="log in to each server in the mail settings and say what works"
    )
    return parser


class _Version(argparse.Action):
    """argparse's "version" action, but the version is looked up only when asked for:
    importlib.metadata would cost every command ~20 ms."""

    def __init__(self, option_strings: Sequence[str], dest: str) -> None:
        super().__init__(
            option_strings, dest, nargs=0, default=argparse.SUPPRESS, help="show program's version number and exit"
        )

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        from infoint_tui import __version__

        print(f"{parser.prog} {__version__}")
        parser.exit()

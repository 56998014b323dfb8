"""Import of LinkedIn's "Connections.csv" data export.

The export starts with a `Notes:` preamble and a blank line, so the header is found by its
column names and rows are read by header name. One person per profile URL; everyone
imported is a 1st-degree connection. Rejected rows carry the physical line they start on
(preamble included), the line a text editor shows.

Apply the returned plan only when `plan.rejected` is empty (`ImportPlan.apply` refuses
otherwise): imports are all-or-nothing.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import date

from infoint_tui.domain.models import Campaign, Degree, Person
from infoint_tui.exchange import fields
from infoint_tui.exchange.builder import PlanBuilder
from infoint_tui.exchange.plan import ImportPlan, ImportProblem
from infoint_tui.exchange.source import Source, text_of

SOURCE = "LinkedIn"
FIRST, LAST, URL, EMAIL, COMPANY, POSITION, CONNECTED = COLUMNS = (
    "First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On",
)
# Month names by hand: strptime's %b follows the locale, the export does not.
_MONTHS = {name: n for n, name in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}


def read_linkedin(source: Source, campaign: Campaign) -> ImportPlan:
    """What importing this export into the campaign would add (see the module docstring)."""
    records = _records(text_of(source))
    columns = _header(records)
    builder = PlanBuilder(campaign, source=SOURCE)
    for line, record in records:
        if not any(cell.strip() for cell in record):
            continue  # blank lines, such as the ones trailing the export
        builder.plan.rows += 1
        if len(record) != len(columns):
            builder.reject(line, f"{len(record)} fields where the header has {len(columns)}")
            continue
        row = {name: record[i].strip() for name, i in columns.items()}
        try:
            person = _person(row)
        except ValueError as error:
            builder.reject(line, str(error))
            continue
        builder.offer(person, row[COMPANY])
    return builder.plan


def _records(text: str) -> Iterator[tuple[int, list[str]]]:
    """(first physical line, cells) per record; a quoted field may span lines."""
    reader = csv.reader(io.StringIO(text, newline=""))
    line = 1
    try:
        for record in reader:
            yield line, record
            line = reader.line_num + 1
    except csv.Error as error:
        raise ImportProblem(f"Line {line} cannot be read as CSV: {error}.") from None


def _header(records: Iterator[tuple[int, list[str]]]) -> dict[str, int]:
    """Consume records up to the header row; return the position of each column."""
    for line, record in records:
        cells = {cell.strip().casefold(): i for i, cell in enumerate(record)}
        if FIRST.casefold() not in cells:
            continue
        missing = [name for name in COLUMNS if name.casefold() not in cells]
        if missing:
            raise ImportProblem(
                f"The header on line {line} lacks the column{'s' if len(missing) > 1 else ''} "
                f"{', '.join(missing)}; is this LinkedIn's Connections.csv?"
            )
        return {name: cells[name.casefold()] for name in COLUMNS}
    raise ImportProblem(
        f"No header row with the columns {', '.join(COLUMNS)} was found; "
        "is this LinkedIn's Connections.csv?"
    )


def _person(row: dict[str, str]) -> Person:
    name = fields.name(f"{row[FIRST]} {row[LAST]}")
    url = fields.profile_url(row[URL])
    if not name and not url:
        raise ValueError("no name and no profile URL")
    return Person(
        name=name or url,  # someone is still someone without a name; show their address
        title=row[POSITION],
        email=fields.email(row[EMAIL]),
        profile_url=url,
        degree=Degree.FIRST,
        source=SOURCE,
        connected_on=_date(row[CONNECTED]),
    )


def _date(text: str) -> date | None:
    """'21 Jan 2013', as the export writes it."""
    if not text:
        return None
    try:
        day, month, year = text.split()
        return date(int(year), _MONTHS[month.casefold()], int(day))
    except (ValueError, KeyError):
        raise ValueError(f"{text!r} is not a date like 21 Jan 2013") from None

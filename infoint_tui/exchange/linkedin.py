"""Import of LinkedIn's "Connections.csv" data export, as LinkedIn wrote it over the years
and as Excel re-saves it.

The export usually starts with a `Notes:` preamble and a blank line (which Excel pads with
commas), so the header is found by its column names and rows are read by header name.
Exports from before 2021 have no URL column; their people are recognised by name and
company (see `builder`). Rows that name nobody (LinkedIn writes some with only a date, or
only a company) are skipped and counted, never rejected. One person per profile URL;
everyone imported is a 1st-degree connection from LinkedIn, which `Route.for_person` asks as
a connection rather than as a friend. Rejected rows carry the physical line they start on
(preamble included), the line a text editor shows.

Excel on Windows writes Windows-1252, not UTF-8: such bytes are read so, and the summary
says it. Excel's "Unicode text" (UTF-16) separates cells with tabs, and Excel in countries
with a decimal comma with semicolons: the header line's separator is used.

Apply the returned plan only when `plan.rejected` is empty (`ImportPlan.apply` refuses
otherwise): imports are all-or-nothing.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from infoint_tui.domain.models import LINKEDIN, Campaign, Degree, Person
from infoint_tui.exchange import fields
from infoint_tui.exchange.builder import PlanBuilder
from infoint_tui.exchange.dates import DateReader
from infoint_tui.exchange.plan import ImportPlan, ImportProblem
from infoint_tui.exchange.source import UTF_8, WINDOWS_1252, Source, read_text

SOURCE = LINKEDIN
FIRST, LAST, URL, EMAIL, COMPANY, POSITION, CONNECTED = COLUMNS = (
    "First Name",
    "Last Name",
    "URL",
    "Email Address",
    "Company",
    "Position",
    "Connected On",
)
#: Exports from before 2021 have no URL column.
OPTIONAL = frozenset({URL})
_SEPARATORS = ",\t;"
_HEAD = 16_384  # characters searched for the header line, preamble included

Row = dict[str, str]


def read_linkedin(source: Source, campaign: Campaign) -> ImportPlan:
    """What importing this export into the campaign would add (see the module docstring)."""
    text, encoding = read_text(source, fallback=WINDOWS_1252)
    records = _records(text)
    width, columns = _header(records)
    builder = PlanBuilder(campaign, source=SOURCE)
    if encoding != UTF_8:
        builder.plan.encoding = encoding
    connected = columns[CONNECTED]
    # The order of slashed dates needs the whole column: read again if ever asked, which
    # costs less than holding 30,000 rows.
    read_date = DateReader(
        lambda: (record[connected].strip() for _, record in _records(text) if len(record) > connected)
    )
    for line, record in records:
        if not any(cell.strip() for cell in record):
            continue  # blank lines, such as the ones trailing the export
        builder.plan.rows += 1
        # Cells past the header's own are allowed while empty: Excel pads rows with commas.
        if len(record) != width and (len(record) < width or any(cell.strip() for cell in record[width:])):
            builder.reject(line, f"{len(record)} fields where the header has {width}")
            continue
        row = {name: record[i].strip() for name, i in columns.items()}
        if not (row[FIRST] or row[LAST] or row.get(URL) or row[EMAIL]):
            builder.plan.empty += 1  # names nobody: only a date, or a company
            continue
        try:
            person = _person(row, read_date)
        except ValueError as error:
            builder.reject(line, str(error))
            continue
        builder.offer(person, row[COMPANY])
    return builder.plan


def _records(text: str) -> Iterator[tuple[int, list[str]]]:
    """(first physical line, cells) per record; a quoted field may span lines."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_separator(text))
    line = 1
    try:
        for record in reader:
            yield line, record
            line = reader.line_num + 1
    except csv.Error as error:
        raise ImportProblem(f"Line {line} cannot be read as CSV: {error}.") from None


def _separator(text: str) -> str:
    """The one the header line has most of (a comma when no header is found)."""
    lines = text[:_HEAD].splitlines()
    header = next((line for line in lines if FIRST.casefold() in line.casefold()), "")
    return max(_SEPARATORS, key=header.count)


def _header(records: Iterator[tuple[int, list[str]]]) -> tuple[int, dict[str, int]]:
    """Consume records up to the header row; return its width and the position of each column."""
    for line, record in records:
        cells = {cell.strip().casefold(): i for i, cell in enumerate(record)}
        if FIRST.casefold() not in cells:
            continue
        missing = [name for name in COLUMNS if name.casefold() not in cells and name not in OPTIONAL]
        if missing:
            raise ImportProblem(
                f"The header on line {line} lacks the column{'s' if len(missing) > 1 else ''} "
                f"{', '.join(missing)}; is this LinkedIn's Connections.csv?"
            )
        width = max(i for i, cell in enumerate(record) if cell.strip()) + 1
        return width, {name: cells[name.casefold()] for name in COLUMNS if name.casefold() in cells}
    raise ImportProblem(
        f"No header row with the columns {', '.join(COLUMNS)} was found; is this LinkedIn's Connections.csv?"
    )


def _person(row: Row, read_date: DateReader) -> Person:
    name = fields.name(f"{row[FIRST]} {row[LAST]}")
    url = fields.profile_url(row.get(URL, ""))
    email = fields.email(row[EMAIL])
    return Person(
        name=name or url or email,  # someone is still someone without a name; show their address
        title=row[POSITION],
        email=email,
        profile_url=url,
        degree=Degree.FIRST,
        source=SOURCE,
        connected_on=read_date(row[CONNECTED]),
    )

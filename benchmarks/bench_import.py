"""A full LinkedIn export, 30,000 connections (DESIGN section 7: "a full export must import").

Ours: `read_linkedin`, the search for likely duplicate companies and `ImportPlan.apply` into
a new, empty data file, the written file included, as `infoint import linkedin` does. Baseline: the
csv module alone reading the same file into dicts. No target: the ratio says what checking, de-duplicating, typing and
storing every row costs over merely reading it.

The file is made like LinkedIn makes it (and like /work/shared/samples): a BOM, a `Notes:`
preamble and a blank line before the header, quoted cells holding commas, some rows without
an e-mail address or a company, a few rows repeated.
"""

from __future__ import annotations

import csv
import random
import shutil
import unicodedata
from datetime import date, timedelta
from pathlib import Path

from common import OUT, PEOPLE, Row, median_of, shown

from infoint_tui.exchange.linkedin import read_linkedin
from infoint_tui.store.repository import Repository

PREAMBLE = [
    ["Notes:"],
    [
        (
            "When exporting your connection data, you may notice that some of the email addresses are missing. "
            "You will only see email addresses for connections who have allowed their connections to see or "
            "download their email address."
        )
    ],
    [],
]
HEADER = ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]
FIRST = [
    "Priya",
    "Ravi",
    "Sofia",
    "Liam",
    "Zoë",
    "Björn",
    "Hana",
    "Noor",
    "Kenji",
    "Mateo",
    "José",
    "Dmitri",
    "Olu",
    "Ana",
    "Chidi",
    "Farah",
    "Lucía",
    "Mei",
    "Sven",
    "Aoife",
    "Tomás",
    "Ingrid",
    "Yusuf",
    "Elena",
]
LAST = [
    "Ivanov",
    "Núñez",
    "Müller",
    "Sato",
    "Chen",
    "Tanaka",
    "Khan",
    "Løvland",
    "Dubois",
    "Patel",
    "García",
    "Lindqvist",
    "O'Brien",
    "Okafor",
    "Rossi",
    "Nowak",
    "Kim",
    "Haddad",
    "Silva",
    "Berg",
]
POSITIONS = [
    "Director, Strategy & Operations",
    "UX Researcher",
    "Nurse Practitioner",
    "Data Scientist",
    "Founder & CEO",
    "Software Engineer",
    "Account Executive",
    "VP, Engineering",
    "Product Manager",
    "Content Strategist",
    "Head of People",
    "Staff Engineer",
    "Recruiter",
]
COMPANY_NAMES = [
    "Tyrell Corporation",
    "Northwind",
    "Acme Robotics",
    "Initech",
    "Pied Piper",
    "Umbrella Health",
    "Wayne Enterprises",
    "Globex, Inc.",
    "Soylent Corp",
    "Stark Industries",
    "Hooli",
    "Vandelay",
]
COMPANIES = 2_500
REPEATED = 0.01  # share of rows exported twice
NO_EMAIL = 0.7
NO_COMPANY = 0.05
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def connections_csv(rows: int = PEOPLE) -> Path:
    """The export, written once (again if this generator changed since)."""
    path = OUT / f"Connections-{rows}.csv"
    if path.exists() and path.stat().st_mtime >= Path(__file__).stat().st_mtime:
        return path
    rng = random.Random(11)
    companies = [
        f"{rng.choice(COMPANY_NAMES)} {n}" if n >= len(COMPANY_NAMES) else COMPANY_NAMES[n] for n in range(COMPANIES)
    ]
    OUT.mkdir(exist_ok=True)
    with path.open("w", encoding="utf-8-sig", newline="") as file:
        writer = csv.writer(file)
        writer.writerows([*PREAMBLE, HEADER])
        for n in range(rows):
            first, last = rng.choice(FIRST), rng.choice(LAST)
            handle = unicodedata.normalize("NFKD", f"{first}-{last}-{n:05d}".lower().replace("'", ""))
            handle = handle.encode("ascii", "ignore").decode()  # profile addresses drop accents
            connected = date(2010, 1, 1) + timedelta(days=rng.randrange(6_000))
            row = [
                first,
                last,
                f"https://www.linkedin.com/in/{handle}",
                "" if rng.random() < NO_EMAIL else f"{handle}@example.com",
                "" if rng.random() < NO_COMPANY else rng.choice(companies),
                rng.choice(POSITIONS),
                f"{connected.day:02d} {MONTHS[connected.month - 1]} {connected.year}",
            ]
            writer.writerows([row, row] if rng.random() < REPEATED else [row])
    return path


def run() -> list[Row]:
    source = connections_csv()
    folder = OUT / "import"
    repo: Repository | None = None

    def fresh() -> None:
        nonlocal repo
        if repo is not None:
            repo.close()
        shutil.rmtree(folder, ignore_errors=True)
        repo = Repository.open(folder / "data.json")

    def ours() -> None:
        assert repo is not None
        plan = read_linkedin(source, repo.campaign)
        assert not plan.rejected, plan.summary()
        plan.likely_matches()
        plan.apply(repo)

    def bare() -> list[dict[str, str]]:
        with source.open(encoding="utf-8-sig", newline="") as file:
            for _ in PREAMBLE:
                next(file)
            return list(csv.DictReader(file))

    ours_time = median_of(ours, 5, setup=fresh)
    assert repo is not None
    repo.close()
    return [
        shown(
            f"import a {PEOPLE:,}-row LinkedIn export vs csv.DictReader alone",
            ours_time,
            median_of(bare, 5),
            ratio="ours/base",
        )
    ]


if __name__ == "__main__":
    from common import table

    print(table(run()))

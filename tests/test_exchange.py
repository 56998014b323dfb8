"""Imports (LinkedIn CSV, vCard) and exports (JSON, CSV, vCard, iCalendar, Markdown)."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import orjson
import pytest
from icalendar import Calendar

from infoint_tui.domain.models import (
    ActionItem,
    AttemptKind,
    Campaign,
    Company,
    Degree,
    Interview,
    Mode,
    Model,
    Objective,
    ObjectiveKind,
    Outreach,
    Person,
    PreparedQuestion,
    Route,
    Template,
    Verdict,
    clean_texts,
)
from infoint_tui.exchange import fields
from infoint_tui.exchange.export import PEOPLE_COLUMNS, people_csv, to_json
from infoint_tui.exchange.ics import to_ics
from infoint_tui.exchange.interview_md import interview_markdown, markdown_filename
from infoint_tui.exchange.linkedin import read_linkedin
from infoint_tui.exchange.plan import ImportProblem
from infoint_tui.exchange.vcard import read_vcard, to_vcard
from tests.conftest import DATA

LINKEDIN = DATA / "linkedin-Connections.csv"
CONTACTS = DATA / "contacts.vcf"
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"


class FakeRepo:
    """Stores into a Campaign as the repository does: ids in order, one counter per table."""

    TABLES = {
        Objective: "objectives",
        Company: "companies",
        Person: "people",
        Outreach: "outreach",
        Interview: "interviews",
    }

    def __init__(self) -> None:
        self.campaign = Campaign()
        self.calls: list[tuple[bool, list[type]]] = []  # (inside a batch?, types stored)
        self._batched = False

    def add_many(self, items: list[Model]) -> list[Model]:
        self.calls.append((self._batched, [type(item) for item in items]))
        for item in items:
            table = getattr(self.campaign, self.TABLES[type(item)])
            item.id = max(table, default=0) + 1
            table[item.id] = item
        return items

    @contextmanager
    def batch(self) -> Iterator[None]:
        self._batched = True
        yield
        self._batched = False


def csv_text(*rows: str, preamble: bool = True) -> str:
    """A LinkedIn export as it arrives: CRLF, Notes preamble, trailing blank lines."""
    head = ["Notes:", '"Some e-mails may be missing, see the help pages."', ""] if preamble else []
    return "\r\n".join([*head, HEADER, *rows, "", ""])


def row(
    first: str, url: str, *, email: str = "", company: str = "Acme", position: str = "Engineer", on: str = "01 Feb 2020"
) -> str:
    return ",".join([first, "Doe", url, email, company, position, on])


def names(plan: Any) -> dict[str, Person]:
    return {person.name: person for person in plan.people}


def company_of(plan: Any, name: str) -> str | None:
    company = plan.people_companies[[p.name for p in plan.people].index(name)]
    return company.name if company else None


# LinkedIn --------------------------------------------------------------------------------


def test_linkedin_sample_gives_what_the_expected_file_says() -> None:
    expected = json.loads((DATA / "linkedin-Connections.expected.json").read_text("utf-8"))
    plan = read_linkedin(LINKEDIN, Campaign())
    assert plan.rows == expected["rows_in_file"]
    assert len(plan.people) == expected["unique_people"]
    assert sum(1 for person in plan.people if person.email) == expected["with_email"]
    assert plan.duplicates == expected["rows_in_file"] - expected["unique_people"]
    assert plan.rejected == []
    sample = expected["sample"]
    person = next(p for p in plan.people if p.profile_url == sample["url"])
    assert person.name == f"{sample['first']} {sample['last']}"
    assert person.title == sample["position"]
    assert company_of(plan, person.name) == sample["company"]
    assert (person.degree, person.source) == (Degree.FIRST, "LinkedIn")


def test_linkedin_sample_quirks() -> None:
    plan = read_linkedin(LINKEDIN, Campaign())
    people = names(plan)
    # Quoted fields with commas, read by header name.
    assert company_of(plan, "Hana Müller") == "Globex, Inc."
    assert people["Priya Ivanov"].title == "Director, Strategy & Operations"
    # An empty company is no company, not a company called "".
    assert company_of(plan, "Ravi Løvland") is None
    assert people["Priya Ivanov"].connected_on == date(2013, 1, 21)
    assert people["Priya Ivanov"].email == ""
    assert people["Ravi Núñez"].email == "ravi-nunez-00001@example.com"
    assert sorted(c.name for c in plan.companies) == [
        "Acme Robotics",
        "Globex, Inc.",
        "Hooli",
        "Initech",
        "Northwind",
        "Pied Piper",
        "Soylent Corp",
        "Stark Industries",
        "Tyrell Corporation",
        "Umbrella Health",
        "Wayne Enterprises",
    ]
    assert plan.summary() == "24 people and 11 companies to add; 2 already there; 0 rows rejected"


def test_linkedin_byte_order_mark_before_a_first_line_header() -> None:
    text = csv_text(row("Ana", "https://www.linkedin.com/in/ana"), preamble=False)
    plan = read_linkedin(b"\xef\xbb\xbf" + text.encode(), Campaign())
    assert [p.name for p in plan.people] == ["Ana Doe"]


def test_linkedin_text_already_decoded_may_still_start_with_a_byte_order_mark() -> None:
    text = "\ufeff" + csv_text(row("Ana", "https://www.linkedin.com/in/ana"), preamble=False)
    assert [p.name for p in read_linkedin(text, Campaign()).people] == ["Ana Doe"]


def test_linkedin_columns_found_by_name_in_any_order_and_case() -> None:
    text = (
        "url,POSITION,Company,Connected On,Email Address,Last Name,First Name\n"
        "https://www.linkedin.com/in/ana,Engineer,Acme,01 Feb 2020,ana@example.com,Ruiz,Ana\n"
    )
    [person] = read_linkedin(text, Campaign()).people
    assert (person.name, person.title, person.email) == ("Ana Ruiz", "Engineer", "ana@example.com")


def test_linkedin_doubled_quotes_and_a_field_spanning_lines() -> None:
    text = csv_text(
        'Ana,Ruiz,https://www.linkedin.com/in/ana,,Acme,"The ""best"" engineer",01 Feb 2020',
        'Bo,Li,https://www.linkedin.com/in/bo,,Acme,"Two-line\r\nposition",01 Feb 2020',
    )
    people = names(read_linkedin(text, Campaign()))
    assert people["Ana Ruiz"].title == 'The "best" engineer'
    assert people["Bo Li"].title == "Two-line position"  # read whole; a title is one line


def test_linkedin_rejected_rows_carry_their_physical_line() -> None:
    text = csv_text(  # preamble: lines 1-3, header: line 4
        row("Ana", "https://www.linkedin.com/in/ana"),  # 5
        row("Bo", "https://www.linkedin.com/in/bo", position='"Two\r\nlines"'),  # 6-7
        row("Cy", "https://www.linkedin.com/in/cy", on="31 Foo 2020"),  # 8
        row("Di", "https://www.linkedin.com/in/di", email="not-an-email"),  # 9
        row("Ed", "linkedin dot com"),  # 10
        "Ha,Doe,https://www.linkedin.com/in/ha,,Acme,Engineer,01 Feb 2020,extra",  # 11
        "Fa,Doe,https://www.linkedin.com/in/fa,,Acme",  # 12
        row("Go", "https://www.linkedin.com/in/go", on="30 Feb 2020"),  # 13
    )
    plan = read_linkedin(text, Campaign())
    assert [(r.line, r.reason) for r in plan.rejected] == [
        (8, "'31 Foo 2020' is not a date like 21 Jan 2013"),
        (9, "'not-an-email' is not an e-mail address"),
        (10, "'linkedin dot com' is not a web address"),
        (11, "8 fields where the header has 7"),
        (12, "5 fields where the header has 7"),
        (13, "'30 Feb 2020' is not a date like 21 Jan 2013"),
    ]
    assert plan.rows == 8
    assert "6 rows rejected" in plan.summary()
    assert plan.report().splitlines()[1] == "line 8: '31 Foo 2020' is not a date like 21 Jan 2013"


def test_an_import_with_a_rejected_row_stores_nothing() -> None:
    text = csv_text(
        row("Ana", "https://www.linkedin.com/in/ana"), row("Bo", "https://www.linkedin.com/in/bo", on="yesterday")
    )
    plan = read_linkedin(text, Campaign())
    assert [p.name for p in plan.people] == ["Ana Doe"]  # shown, but not to be stored
    assert plan.summary() == (
        "1 person and 1 company to add; 0 already there; 1 row rejected (nothing is imported while any is rejected)"
    )
    repo = FakeRepo()
    with pytest.raises(ImportProblem, match="Nothing imported: 1 row rejected"):
        plan.apply(repo)
    assert repo.calls == [] and repo.campaign.people == {}


def test_applying_stores_companies_first_and_links_people_in_one_batch() -> None:
    repo = FakeRepo()
    read_linkedin(LINKEDIN, repo.campaign).apply(repo)
    assert repo.calls == [(True, [Company] * 11), (True, [Person] * 24)]
    campaign = repo.campaign
    by_name = {p.name: p for p in campaign.people.values()}
    assert campaign.company_of(by_name["Ravi Núñez"]).name == "Northwind"
    assert campaign.company_of(by_name["Hana Müller"]).name == "Globex, Inc."
    assert by_name["Ravi Løvland"].company_id is None


def test_linkedin_reimport_adds_nobody() -> None:
    repo = FakeRepo()
    read_linkedin(LINKEDIN, repo.campaign).apply(repo)
    again = read_linkedin(LINKEDIN, repo.campaign)
    assert (again.people, again.companies, again.duplicates, again.rows) == ([], [], 26, 26)


def test_linkedin_reuses_existing_companies_whatever_their_case() -> None:
    repo = FakeRepo()
    [northwind] = repo.add_many([Company("NORTHWIND")])
    plan = read_linkedin(LINKEDIN, repo.campaign)
    assert "Northwind" not in [c.name.casefold() for c in plan.companies]
    plan.apply(repo)
    ravi = next(p for p in repo.campaign.people.values() if p.name == "Ravi Núñez")
    assert ravi.company_id == northwind.id


def test_linkedin_recognises_a_person_whose_address_is_spelt_differently() -> None:
    campaign = Campaign(
        people={
            7: Person("Priya", id=7, profile_url="https://WWW.LinkedIn.com/in/priya-ivanov-00000/?trk=abc#top"),
            8: Person("Typed by hand", profile_url="my profile", id=8),  # unparseable: compared as is
        }
    )
    plan = read_linkedin(LINKEDIN, campaign)
    assert "Priya Ivanov" not in names(plan)
    assert plan.duplicates == 3


def test_linkedin_same_name_and_company_with_another_address_is_someone_else() -> None:
    text = csv_text(row("Ana", "https://www.linkedin.com/in/ana-1"), row("Ana", "https://www.linkedin.com/in/ana-2"))
    plan = read_linkedin(text, Campaign())
    assert [p.profile_url for p in plan.people] == [
        "https://www.linkedin.com/in/ana-1",
        "https://www.linkedin.com/in/ana-2",
    ]


def test_linkedin_stores_clean_profile_addresses() -> None:
    text = csv_text(row("Ana", " HTTPS://WWW.LINKEDIN.COM/in/Ana-R/?trk=people_search "))
    [person] = read_linkedin(text, Campaign()).people
    assert person.profile_url == "https://www.linkedin.com/in/Ana-R"


def test_linkedin_full_size_export(tmp_path: Path) -> None:
    rows = [
        row(
            f"P{n}",
            f"https://www.linkedin.com/in/p-{n}",
            email=f"p{n}@example.com" if n % 3 == 0 else "",
            company=f"Company {n % 500}" if n % 2 else f"COMPANY {n % 500}",
        )
        for n in range(30_000)
    ]
    rows += rows[:100]  # LinkedIn repeats people
    path = tmp_path / "Connections.csv"
    path.write_bytes(b"\xef\xbb\xbf" + csv_text(*rows).encode())
    plan = read_linkedin(path, Campaign())
    counts = (plan.rows, len(plan.people), len(plan.companies), plan.duplicates)
    assert counts == (30_100, 30_000, 500, 100)
    assert sum(1 for p in plan.people if p.email) == 10_000
    assert plan.rejected == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Notes:\r\nnothing useful\r\n", "No header row with the columns First Name, Last Name, URL"),
        (
            "First Name,Last Name,URL,Company\r\nAna,Ruiz,https://x.com/a,Acme\r\n",
            "The header on line 1 lacks the columns Email Address, Position, Connected On",
        ),
        (
            "Notes:\r\n\r\nFirst Name,Last Name,URL,Email Address,Company,Connected On\r\n",
            "The header on line 3 lacks the column Position;",
        ),
        ("", "The file is empty."),
        (b"\xef\xbb\xbf\r\n\r\n", "The file is empty."),
        # An unclosed quote swallows the rest of a big file into one field.
        (
            csv_text('Ana,Ruiz,https://x.com/a,,"Acme,Eng,', *["x" * 100] * 2000),
            "Line 5 cannot be read as CSV: field larger than field limit",
        ),
    ],
)
def test_linkedin_files_that_cannot_be_imported_say_why(text: str | bytes, message: str) -> None:
    with pytest.raises(ImportProblem, match=message.replace("(", r"\(")):
        read_linkedin(text, Campaign())


def test_a_file_that_is_not_utf8_names_itself_and_the_line(tmp_path: Path) -> None:
    path = tmp_path / "people.csv"  # DOS code page 850: its ü is a byte Windows-1252 lacks
    path.write_bytes(f"{HEADER}\r\nJürgen,Ruiz,https://x.com/j,,Acme,Eng,\r\n".encode("cp850"))
    with pytest.raises(ImportProblem, match=r"^people\.csv is neither UTF-8 nor Windows-1252 text \(line 2"):
        read_linkedin(path, Campaign())


def test_a_missing_file_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    with pytest.raises(ImportProblem, match="Cannot read"):
        read_linkedin(tmp_path / "nope.csv", Campaign())


# Field checks ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("https://www.linkedin.com/in/ana/", "https://www.linkedin.com/in/ana"),
        ("  HTTP://LinkedIn.COM/in/Ana?x=1#y ", "http://linkedin.com/in/Ana"),
        ("www.example.com/me", "https://www.example.com/me"),
        ("", ""),
    ],
)
def test_profile_urls_have_one_spelling(raw: str, clean: str) -> None:
    assert fields.profile_url(raw) == clean


@pytest.mark.parametrize("raw", ["not a url", "ftp://x.com/a", "http://localhost/a", "http://[::1"])
def test_malformed_profile_urls_are_refused(raw: str) -> None:
    with pytest.raises(ValueError, match="is not a web address"):
        fields.profile_url(raw)


@pytest.mark.parametrize(
    ("raw", "ok"),
    [
        ("ana@example.com", True),
        (" ana.ruiz+x@mail.example.org ", True),
        ("", True),
        ("ana@", False),
        ("ana example.com", False),
        ("ana@example", False),
        ("a@b@c.com", False),
    ],
)
def test_email_shape(raw: str, ok: bool) -> None:
    if ok:
        assert fields.email(raw) == raw.strip()
    else:
        with pytest.raises(ValueError, match="is not an e-mail address"):
            fields.email(raw)


# vCard in --------------------------------------------------------------------------------


def vcf(*lines: str) -> str:
    return "\r\n".join(lines) + "\r\n"


def test_vcard_sample() -> None:
    plan = read_vcard(CONTACTS, Campaign())
    assert (plan.rows, plan.rejected, plan.duplicates) == (3, [], 0)
    people = names(plan)
    chidi = people["Chidi Okafor"]
    assert company_of(plan, "Chidi Okafor") == "Northwind"  # not "Northwind;Research"
    assert chidi.title == "Staff Engineer"
    assert chidi.email == "chidi.okafor@example.com"
    assert chidi.phone == "+1 415 555 0142"
    assert chidi.profile_url == "https://www.linkedin.com/in/chidi-okafor"
    assert chidi.notes == "Met at the PyData meetup, talked about data platform teams."
    assert (chidi.degree, chidi.source) == (Degree.FIRST, "vCard")
    margarethe = people["Margarethe Lindqvist-Åberg"]
    assert margarethe.title.endswith("for the Northern European Region")  # folded line
    assert margarethe.tags == ["healthcare", "mentor"]
    assert margarethe.email == "m.lindqvist@example.org"
    sam = people["Sam Rivera"]
    assert (sam.email, sam.phone, company_of(plan, "Sam Rivera")) == ("", "(212) 555-0199", None)
    assert sorted(c.name for c in plan.companies) == ["Northwind", "Umbrella Health"]


def test_vcard_prefers_the_linkedin_address() -> None:
    text = vcf(
        "BEGIN:VCARD",
        "VERSION:3.0",
        "FN:By Label",
        "URL:https://example.com/blog",
        "item2.URL:https://lnkd.in/by-label",
        "item2.X-ABLabel:LinkedIn",
        "END:VCARD",
        "BEGIN:VCARD",
        "VERSION:4.0",
        "FN:By Host",
        "URL:https://example.com/home",
        "URL:https://www.linkedin.com/in/by-host/",
        "END:VCARD",
        "BEGIN:VCARD",
        "VERSION:3.0",
        "FN:Only Home",
        "URL:https://example.com/only",
        "END:VCARD",
    )
    people = names(read_vcard(text, Campaign()))
    assert people["By Label"].profile_url == "https://lnkd.in/by-label"
    assert people["By Host"].profile_url == "https://www.linkedin.com/in/by-host"
    assert people["Only Home"].profile_url == "https://example.com/only"


def test_vcard_address_name_fallback_and_escapes() -> None:
    text = vcf(
        "BEGIN:VCARD",
        "VERSION:3.0",
        "N:Doe;Jane;;Dr.;",
        "ORG:Globex\\, Inc.;Research",
        "ADR;TYPE=HOME:;;Calle Mayor 1\\, 2º;Madrid;;28001;Spain",
        "BDAY:--03-07",
        "END:VCARD",
    )
    plan = read_vcard(text, Campaign())
    [jane] = plan.people
    assert jane.name == "Dr. Jane Doe"
    assert company_of(plan, "Dr. Jane Doe") == "Globex, Inc."
    assert jane.postal_address == "Calle Mayor 1, 2º\nMadrid, 28001\nSpain"


def test_in_strict_mode_bad_cards_are_rejected_with_their_line() -> None:
    text = vcf(
        "BEGIN:VCARD",
        "VERSION:3.0",
        "FN:Good One",
        "END:VCARD",  # 1-4
        "",  # 5
        "stray text",  # 6
        "BEGIN:VCARD",
        "VERSION:3.0",
        "TITLE:Nameless",
        "END:VCARD",  # 7-10
        "BEGIN:VCARD",
        "VERSION:3.0",
        "FN:Bad Mail",
        "EMAIL:nope",
        "END:VCARD",  # 11-15
        "BEGIN:VCARD",
        "VERSION 3.0",
        "FN:Broken",
        "X-BAD;;:value",
        "END:VCARD",  # 16-20
        "BEGIN:VCARD",
        "VERSION:3.0",
        "FN:Never Closed",  # 21-23
        "BEGIN:VCARD",
        "VERSION:3.0",
        "FN:Good Two",
        "END:VCARD",  # 24-27
    )
    plan = read_vcard(text, Campaign(), strict=True)
    assert [(r.line, r.reason.split(" (")[0]) for r in plan.rejected] == [
        (6, "text outside any BEGIN:VCARD ... END:VCARD card"),
        (7, "the card has no name"),
        (14, "'nope' is not an e-mail address"),
        (16, "the card cannot be read"),
        (21, "the card is not closed by END:VCARD"),
    ]
    assert [p.name for p in plan.people] == ["Good One", "Good Two"]
    assert "5 cards rejected" in plan.summary()
    with pytest.raises(ImportProblem):
        plan.apply(FakeRepo())


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("FN:Nobody\r\nEMAIL:x@example.com\r\n", "No vCard found"),
        ("  \r\n", "The file is empty."),
        (b"BEGIN:VCARD\r\nFN:Jos\xe9\r\nEND:VCARD\r\n", "The file is not UTF-8 text \\(line 2"),
    ],
)
def test_files_that_hold_no_vcard_say_why(text: str | bytes, message: str) -> None:
    with pytest.raises(ImportProblem, match=message):
        read_vcard(text, Campaign())


def test_vcard_reimport_adds_nobody() -> None:
    repo = FakeRepo()
    read_vcard(CONTACTS, repo.campaign).apply(repo)
    assert len(repo.campaign.people) == 3
    again = read_vcard(CONTACTS, repo.campaign)
    assert (again.people, again.companies, again.duplicates) == ([], [], 3)


def test_vcard_matches_by_email_then_address_then_name_and_company() -> None:
    repo = FakeRepo()
    [umbrella] = repo.add_many([Company("umbrella health")])
    repo.add_many(
        [
            # Another e-mail, but the same LinkedIn address (with a trailing slash).
            Person("C. Okafor", email="chidi@old.example", profile_url="https://www.linkedin.com/in/chidi-okafor/"),
            Person("M. Lindqvist", email="M.LINDQVIST@EXAMPLE.ORG", company_id=umbrella.id),
            Person("Sam Rivera"),  # no e-mail, no address, no company: like the card
        ]
    )
    plan = read_vcard(CONTACTS, repo.campaign)
    assert (plan.people, plan.companies, plan.duplicates) == ([], [], 3)


def test_vcard_same_name_at_another_company_is_someone_else() -> None:
    repo = FakeRepo()
    [acme] = repo.add_many([Company("Acme")])
    repo.add_many([Person("Sam Rivera", company_id=acme.id)])
    plan = read_vcard(CONTACTS, repo.campaign)
    assert "Sam Rivera" in names(plan)


# Exports ---------------------------------------------------------------------------------

WHEN = datetime(2026, 11, 26, 10, 30)
MADRID = ZoneInfo("Europe/Madrid")


@pytest.fixture
def campaign() -> Campaign:
    repo = FakeRepo()
    acme, globex = repo.add_many([Company("Acme Robotics"), Company("Globex, Inc.")])
    [role] = repo.add_many([Objective(ObjectiveKind.ROLE, "Learn what a data platform lead does")])
    [bo] = repo.add_many([Person("Bo Li", company_id=acme.id, degree=Degree.FIRST)])
    ana, zoe, hacker = repo.add_many(
        [
            Person(
                "Ana Ruiz",
                title="Staff Engineer",
                company_id=acme.id,
                email="ana@example.com",
                phone="+34 600 000 000",
                profile_url="https://www.linkedin.com/in/ana-ruiz",
                degree=Degree.SECOND,
                introducer_id=bo.id,
                tags=["mentor", "robotics"],
                notes='Met at PyCon; likes "hard" questions, commas; and semicolons',
                postal_address="Calle Mayor 1, 2º\nMadrid, 28001\nSpain",
                source="LinkedIn",
            ),
            Person("Zoë Margarethe Lindqvist-Åberg", company_id=globex.id, email="zoe@example.org"),
            Person(
                '=HYPERLINK("http://evil")',
                title="@SUM(A1)",
                location="-2+3",
                source="\tTab",
                notes="\rcarriage",
                phone="+1 555",
            ),
        ]
    )
    old = Outreach(ana.id, role.id, Route.INTRO, date(2026, 10, 1))
    old.log(AttemptKind.REPLY_NO, date(2026, 10, 5))
    new = Outreach(ana.id, role.id, Route.MENTION, date(2026, 11, 2))
    new.log(AttemptKind.REQUEST, date(2026, 11, 2))
    repo.add_many([new, old])  # ids out of date order: "latest" is by date
    repo.add_many(
        [
            Interview(
                ana.id,
                WHEN,
                objective_id=role.id,
                mode=Mode.VIDEO,
                where="Zoom",
                questions=[
                    PreparedQuestion("What does a typical day look like?", asked=True),
                    PreparedQuestion("What would you do differently?"),
                ],
                notes="Platform team of 6.\nOn-call weekly.",
                action_items=[ActionItem("Read the SRE book", due=date(2026, 11, 28))],
                discussed="Their migration to Kafka",
                takeaways="Strong fit for my plan.",
                verdict=Verdict.SOLIDIFIED,
            ),
            Interview(bo.id, datetime(2026, 11, 20, 9, 0), held=True),
            Interview(zoe.id, datetime(2026, 12, 1, 16, 0), mode=Mode.PHONE),
        ]
    )
    repo.campaign.templates["thanks"] = Template("thanks", "Thank-you", "Thanks", "Dear {name}")
    repo.campaign.id = "5eed"
    return repo.campaign


def by_name(campaign: Campaign, name: str) -> Person:
    return next(p for p in campaign.people.values() if p.name == name)


def test_json_dump_has_every_record_with_its_id(campaign: Campaign) -> None:
    data = to_json(campaign)
    dump = orjson.loads(data)
    assert (dump["format"], dump["version"]) == ("infoint export", 1)
    assert [p["id"] for p in dump["people"]] == sorted(campaign.people)
    for doc in dump["people"]:
        person_id = doc.pop("id")
        expected = dataclasses.replace(campaign.people[person_id])
        clean_texts(expected)  # read back, the tab and the CR of one-line fields are gone
        assert Person.from_doc(doc, person_id) == expected
    assert len(dump["interviews"]) == 3 and len(dump["outreach"]) == 2
    assert dump["templates"][0]["key"] == "thanks"
    assert dump["settings"]["follow_up_days"] == 7
    assert "Zoë".encode() in data and b'\n  "people": [' in data  # readable: UTF-8, indented


def test_people_csv(campaign: Campaign) -> None:
    rows = list(csv.DictReader(io.StringIO(people_csv(campaign))))
    assert list(rows[0]) == list(PEOPLE_COLUMNS)
    ana = next(r for r in rows if r["name"] == "Ana Ruiz")
    assert ana["company"] == "Acme Robotics"
    assert ana["introducer"] == "Bo Li"
    assert ana["degree"] == "2nd"
    assert ana["tags"] == "mentor, robotics"
    assert ana["stage"] == "attempt 1"  # the November request, not the October refusal
    assert ana["notes"] == 'Met at PyCon; likes "hard" questions, commas; and semicolons'
    assert next(r for r in rows if r["name"] == "Bo Li")["stage"] == ""
    assert len(rows) == 4


def test_people_csv_neutralises_formulas(campaign: Campaign) -> None:
    rows = list(csv.reader(io.StringIO(people_csv(campaign), newline="")))
    hacker = next(r for r in rows if "HYPERLINK" in r[0])
    assert hacker[0] == '\'=HYPERLINK("http://evil")'
    assert hacker[1] == "'@SUM(A1)"
    assert hacker[4] == "+1 555"  # a phone number: nothing to run, so it reads back as it is
    assert hacker[8] == "'-2+3"
    assert hacker[10] == "'\tTab"
    assert hacker[11] == "'\rcarriage"
    assert next(r for r in rows if r[0] == "Ana Ruiz")[4] == "+34 600 000 000"
    for cell in (cell for r in rows for column, cell in enumerate(r) if column != 4):  # 4: the phones
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert next(r for r in rows if r[0] == "Ana Ruiz")[2] == "Acme Robotics"  # others untouched


def test_vcard_export_reimports_as_nothing_new(campaign: Campaign) -> None:
    plan = read_vcard(to_vcard(campaign), campaign)
    assert (plan.rejected, plan.people, plan.companies) == ([], [], [])
    assert plan.duplicates == len(campaign.people)


def test_vcard_export_keeps_every_field(campaign: Campaign) -> None:
    plan = read_vcard(to_vcard(campaign), Campaign())
    assert sorted(c.name for c in plan.companies) == ["Acme Robotics", "Globex, Inc."]
    for person in plan.people:
        original = by_name(campaign, person.name)
        for name in ("title", "email", "phone", "profile_url", "notes", "tags", "postal_address"):
            value = getattr(original, name)
            # Imports trim whitespace around values (the "\rcarriage" note loses its \r).
            expected = value.strip() if isinstance(value, str) else value
            assert getattr(person, name) == expected, name
        company = campaign.company_of(original)
        assert company_of(plan, person.name) == (company.name if company else None)
    assert len(plan.people) == len(campaign.people)


def test_ics_has_one_event_per_booked_interview(campaign: Campaign) -> None:
    data = to_ics(campaign, MADRID)
    events = Calendar.from_ical(data).walk("VEVENT")
    assert [str(e["summary"]) for e in events] == [
        "Informational interview: Ana Ruiz (Acme Robotics)",
        "Informational interview: Zoë Margarethe Lindqvist-Åberg (Globex, Inc.)",
    ]  # Bo's interview was held: not in the calendar
    ana = events[0]
    interview = next(i for i in campaign.interviews.values() if i.where == "Zoom")
    assert str(ana["uid"]) == f"interview-{interview.id}-5eed@infoint"
    assert ana.decoded("dtstart") == WHEN.replace(tzinfo=MADRID)
    assert (
        ana.decoded("dtend") - ana.decoded("dtstart") == timedelta(minutes=interview.minutes) == timedelta(minutes=30)
    )
    assert str(ana["location"]) == "Zoom"
    assert "dtstamp" in ana
    description = str(ana["description"])
    assert "Mode: video" in description
    assert "- What does a typical day look like?" in description
    assert "- What would you do differently?" in description
    assert b"\r\nDTSTART;TZID=Europe/Madrid:20261126T103000\r\n" in data  # the user's zone
    assert "location" not in events[1]


def test_ics_uids_are_stable(campaign: Campaign) -> None:
    uids = [str(e["uid"]) for e in Calendar.from_ical(to_ics(campaign)).walk("VEVENT")]
    assert uids == [str(e["uid"]) for e in Calendar.from_ical(to_ics(campaign)).walk("VEVENT")]
    assert len(set(uids)) == 2


def interview_with(campaign: Campaign, name: str) -> Interview:
    person = by_name(campaign, name)
    return next(i for i in campaign.interviews.values() if i.person_id == person.id)


def test_interview_markdown(campaign: Campaign) -> None:
    text = interview_markdown(campaign, interview_with(campaign, "Ana Ruiz"))
    lines = text.splitlines()
    assert lines[0] == "# Informational interview: Ana Ruiz (Acme Robotics)"
    for expected in [
        "- **Person:** Ana Ruiz, Staff Engineer",
        "- **Company:** Acme Robotics",
        "- **Objective:** Learn what a data platform lead does (role)",
        "- **When:** Thursday 26 November 2026, 10:30",
        "- **Mode:** video — Zoom",
        "- [x] What does a typical day look like?",
        "- [ ] What would you do differently?",
        "Platform team of 6.",
        "On-call weekly.",
        "- [ ] Read the SRE book (due 2026-11-28)",
        "Their migration to Kafka",
        "Strong fit for my plan.",
        "**Verdict:** it solidified my plan",
    ]:
        assert expected in lines
    assert (
        lines.index("## Questions")
        < lines.index("## Notes")
        < lines.index("## Action items")
        < lines.index("## Takeaways")
    )


def test_interview_markdown_of_an_empty_interview(campaign: Campaign) -> None:
    text = interview_markdown(campaign, interview_with(campaign, "Bo Li"))
    assert "- **Objective:** —" in text
    assert text.count("_None._") == 6  # questions, notes, action items, referrals, discussed, takeaways
    assert "**Verdict:** not decided yet" in text


@pytest.mark.parametrize(
    ("name", "filename"),
    [
        ("Ana Ruiz", "2026-11-26-ana-ruiz.md"),
        ("Margarethe Lindqvist-Åberg", "2026-11-26-margarethe-lindqvist-aberg.md"),
        ("Bjørn / Løvland", "2026-11-26-bjørn-løvland.md"),
        ("李小龍", "2026-11-26-李小龍.md"),
        ("../../etc/passwd", "2026-11-26-etc-passwd.md"),
        ("!!!", "2026-11-26-interview-9.md"),
        ("A" * 100, f"2026-11-26-{'a' * 60}.md"),
    ],
)
def test_markdown_filename(name: str, filename: str) -> None:
    campaign = Campaign(people={1: Person(name, id=1)})
    assert markdown_filename(campaign, Interview(1, WHEN, id=9)) == filename


# Layering --------------------------------------------------------------------------------


def test_exchange_imports_neither_textual_nor_tinydb() -> None:
    code = (
        "import sys\n"
        "from infoint_tui.exchange import linkedin, vcard, export, ics, interview_md\n"
        "print(sorted(m for m in ('textual', 'tinydb') if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"

"""LinkedIn's Connections.csv as real exports (over the years) and Excel re-saves have it,
the request template its people get, and dry runs before any data file exists."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from infoint_tui.domain.defaults import DEFAULT_TEMPLATES
from infoint_tui.domain.insights import ROUTES, funnels, route_of
from infoint_tui.domain.models import (
    AttemptKind,
    Campaign,
    Degree,
    Objective,
    ObjectiveKind,
    Outreach,
    Person,
    Profile,
    Route,
)
from infoint_tui.domain.policy import DueKind, due_items
from infoint_tui.domain.templates import LINKEDIN_LIMIT, render_template
from infoint_tui.exchange.linkedin import read_linkedin
from infoint_tui.exchange.plan import ImportProblem
from infoint_tui.tui.widgets.message import MessageScreen
from infoint_tui.usecases.due_actions import message_for
from tests.conftest import DATA, TODAY
from tests.outreach_support import expect, text_of
from tests.support import until
from tests.test_outreach_flow import start_request
from tests.test_targets_screen import import_text, open_targets, start_import
from tests.test_templates import FULL_CONTEXT

RECENT = DATA / "linkedin-Connections-2026-empty-rows.csv"
BEFORE_2021 = DATA / "linkedin-Connections-2020.csv"
NO_PREAMBLE = DATA / "linkedin-Connections-2018-no-preamble.csv"
EXCEL_1252 = DATA / "linkedin-Connections-excel-windows-1252.csv"
EXCEL_UNICODE = DATA / "linkedin-Connections-excel-unicode.txt"
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"


def people(plan) -> dict[str, Person]:
    return {person.name: person for person in plan.people}


def company_of(plan, name: str) -> str | None:
    company = plan.people_companies[[p.name for p in plan.people].index(name)]
    return company.name if company else None


def stored(repo) -> dict[str, Person]:
    return {person.name: person for person in repo.campaign.people.values()}


# Rows naming nobody ------------------------------------------------------------------------


def test_rows_with_only_a_date_or_a_company_are_skipped_counted_and_the_rest_imported(empty_repo) -> None:
    plan = read_linkedin(RECENT, Campaign())
    assert (plan.rows, plan.empty, plan.rejected, plan.duplicates) == (15, 5, [], 0)
    assert sorted(people(plan)) == [
        "Aiko Tanaka",
        "Bruno Costa",
        "Chloé Martin",
        "Dev Patel",
        "Grace Kim",
        "Lena Fischer",
        "Mateo García",
        "Noor Haddad",
        "Olu Bakare",
        "Pia Lindqvist",
    ]
    # The companies of rows that name nobody are not brought in.
    assert {"Initech", "Vandelay Industries"}.isdisjoint(c.name for c in plan.companies)
    assert plan.summary() == "10 people and 9 companies to add; 0 already there; 5 empty rows skipped; 0 rows rejected"
    plan.apply(empty_repo)  # skipping is not rejecting: the import goes ahead
    assert len(empty_repo.campaign.people) == 10


def test_a_wrong_row_still_stops_an_import_that_also_skips_empty_rows(empty_repo) -> None:
    text = "\r\n".join(
        [
            HEADER,
            ",,,,,,30 Apr 2026",
            "Ana,Ruiz,https://www.linkedin.com/in/ana,,Acme,Engineer,31 Foo 2020",
            "Bo,Li,https://www.linkedin.com/in/bo,,Acme,Engineer,01 Feb 2020",
            "",
        ]
    )
    plan = read_linkedin(text, Campaign())
    assert [(r.line, r.reason) for r in plan.rejected] == [(3, "'31 Foo 2020' is not a date like 21 Jan 2013")]
    assert plan.summary() == (
        "1 person and 1 company to add; 0 already there; 1 empty row skipped; "
        "1 row rejected (nothing is imported while any is rejected)"
    )
    with pytest.raises(ImportProblem, match="Nothing imported"):
        plan.apply(empty_repo)
    assert empty_repo.campaign.people == {}


def test_a_row_with_only_an_email_address_is_someone() -> None:
    text = "\r\n".join([HEADER, ",,,ana@example.com,Acme,,01 Feb 2020", ""])
    [person] = read_linkedin(text, Campaign()).people
    assert (person.name, person.email) == ("ana@example.com", "ana@example.com")


def test_a_full_export_with_its_share_of_empty_rows() -> None:
    rows = [
        f"P{n},Doe,https://www.linkedin.com/in/p-{n},,Company {n % 40},Engineer,01 Feb 2020" for n in range(4_000 - 64)
    ]
    for n in range(64):  # 1.6%, spread through the file as in a real one
        rows.insert(n * 60, ",,,,,,30 Apr 2026" if n % 4 else f",,,,Company {n},,30 Apr 2026")
    plan = read_linkedin("\r\n".join(["Notes:", '"Some e-mails may be missing."', "", HEADER, *rows, ""]), Campaign())
    assert (plan.rows, len(plan.people), plan.empty, plan.rejected) == (4_000, 3_936, 64, [])
    assert "64 empty rows skipped" in plan.summary()


# Exports from before 2021: no URL column ---------------------------------------------------


def test_an_export_from_before_2021_has_no_url_column() -> None:
    plan = read_linkedin(BEFORE_2021, Campaign())
    assert (plan.rows, len(plan.people), plan.duplicates, plan.rejected) == (9, 8, 1, [])
    found = people(plan)
    assert all(person.profile_url == "" for person in plan.people)
    assert found["Aiko Tanaka"].email == "aiko.tanaka@example.com"
    assert found["Chloé Martin"].title == "Director, Research"
    assert found["Chloé Martin"].connected_on == date(2013, 1, 21)
    assert company_of(plan, "Ewa Nowak") is None
    # Two people of one name at two companies are two people.
    assert [
        company.name
        for company, person in zip(plan.people_companies, plan.people, strict=True)
        if person.name == "Grace Kim"
    ] == ["Umbrella Health", "Hooli"]


def test_an_old_export_without_preamble_has_its_header_on_line_one() -> None:
    plan = read_linkedin(NO_PREAMBLE, Campaign())
    assert (plan.rows, len(plan.people), plan.duplicates, plan.rejected) == (5, 4, 1, [])
    assert company_of(plan, "Hana Müller") == "Globex, Inc."
    assert people(plan)["Kofi Mensah"].connected_on == date(2011, 12, 9)
    lines = NO_PREAMBLE.read_text("utf-8").splitlines()
    assert lines[3].startswith("Jun,Li,")
    lines[3] = lines[3].replace("15 Jul 2017", "yesterday")
    assert [r.line for r in read_linkedin("\r\n".join(lines), Campaign()).rejected] == [4]


@pytest.mark.parametrize("export", [BEFORE_2021, NO_PREAMBLE])
def test_reimporting_an_export_without_urls_adds_nobody(empty_repo, export: Path) -> None:
    first = read_linkedin(export, empty_repo.campaign)
    first.apply(empty_repo)
    again = read_linkedin(export, empty_repo.campaign)
    assert (again.people, again.companies, again.duplicates) == ([], [], first.rows)
    assert len(empty_repo.campaign.people) == len(first.people)


def test_a_newer_export_recognises_people_an_older_one_brought_without_urls(empty_repo) -> None:
    read_linkedin(BEFORE_2021, empty_repo.campaign).apply(empty_repo)
    newer = read_linkedin(RECENT, empty_repo.campaign)
    # Aiko, Bruno, Chloé and Grace at the same companies; Dev has moved from Initech to Hooli.
    assert newer.duplicates == 4
    assert sorted(people(newer)) == [
        "Dev Patel",
        "Lena Fischer",
        "Mateo García",
        "Noor Haddad",
        "Olu Bakare",
        "Pia Lindqvist",
    ]
    newer.apply(empty_repo)
    # And the other way round: the older export, imported again, adds nobody.
    older = read_linkedin(BEFORE_2021, empty_repo.campaign)
    assert (older.people, older.duplicates) == ([], 9)


# Excel re-saves ------------------------------------------------------------------------------


def test_an_excel_resave_in_windows_1252_with_excel_dates_and_padded_preamble() -> None:
    raw = EXCEL_1252.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")  # the fixture really is what Excel writes, not UTF-8
    assert raw.startswith(b"Notes:,,,,,,\r\n")
    plan = read_linkedin(EXCEL_1252, Campaign())
    assert (plan.rows, len(plan.people), plan.empty, plan.rejected) == (6, 5, 1, [])
    found = people(plan)
    assert found["Zoë Dubois"].title == "Analyste – Risques"
    assert company_of(plan, "Zoë Dubois") == "Société Générale"
    assert company_of(plan, "José Núñez") == "Café “Noir”"
    assert company_of(plan, "Seán O’Brien") == "Globex, Inc."
    assert "Björn Løvland" in found
    # d-mmm-yy and US month/day/year, side by side.
    assert found["Zoë Dubois"].connected_on == date(2021, 3, 29)
    assert found["Björn Løvland"].connected_on == date(2016, 2, 1)
    assert found["Seán O’Brien"].connected_on == date(2024, 3, 15)
    assert found["José Núñez"].connected_on == date(2019, 4, 2)
    assert found["Mei Chen"].connected_on == date(2022, 12, 31)
    assert plan.summary() == (
        "5 people and 5 companies to add; 0 already there; 1 empty row skipped; 0 rows rejected; read as Windows-1252"
    )
    assert plan.report().splitlines()[0].endswith("read as Windows-1252")


def test_excel_unicode_text_is_utf16_with_tabs() -> None:
    plan = read_linkedin(EXCEL_UNICODE, Campaign())
    assert (plan.rows, len(plan.people), plan.empty, plan.rejected) == (4, 3, 1, [])
    found = people(plan)
    assert company_of(plan, "Ana Silva") == "Globex, Inc."
    assert found["Ana Silva"].title == "Director, Strategy & Operations"
    assert company_of(plan, "Dmitri Ivanov") == "Яндекс"
    assert found["美咲 佐藤"].connected_on == date(2023, 11, 30)
    assert plan.summary().endswith("; read as UTF-16")


def test_a_utf8_file_says_nothing_about_its_encoding() -> None:
    assert "read as" not in read_linkedin(RECENT, Campaign()).summary()


def test_slashed_dates_are_day_first_when_the_file_shows_it() -> None:
    text = "\r\n".join([HEADER, "Ana,Ruiz,,,Acme,Engineer,21/01/2013", "Bo,Li,,,Acme,Engineer,3/4/2013", ""])
    found = people(read_linkedin(text, Campaign()))
    assert (found["Ana Ruiz"].connected_on, found["Bo Li"].connected_on) == (date(2013, 1, 21), date(2013, 4, 3))


def test_a_slashed_date_against_the_files_order_is_rejected_with_its_line() -> None:
    text = "\r\n".join([HEADER, "Ana,Ruiz,,,Acme,Engineer,21/01/2013", "Bo,Li,,,Acme,Engineer,1/21/2013", ""])
    assert [(r.line, r.reason) for r in read_linkedin(text, Campaign()).rejected] == [
        (3, "'1/21/2013' is not a date in this file's order, day/month/year")
    ]


def test_semicolons_and_dotted_dates_as_excel_writes_them_in_germany() -> None:
    text = "\r\n".join(
        ["Notes:;;;;;;", HEADER.replace(",", ";"), "Jörg;Weber;;;Müller, Schmidt & Co.;Ingenieur;21.01.2013", ""]
    )
    plan = read_linkedin(text.encode("cp1252"), Campaign())
    [jorg] = plan.people
    assert (jorg.name, jorg.connected_on) == ("Jörg Weber", date(2013, 1, 21))
    assert company_of(plan, "Jörg Weber") == "Müller, Schmidt & Co."


def test_excel_padding_after_the_last_column_is_allowed_while_empty() -> None:
    text = "\r\n".join(
        [HEADER + ",,", "Ana,Ruiz,,,Acme,Engineer,01 Feb 2020,,", "Bo,Li,,,Acme,Engineer,01 Feb 2020,,oops", ""]
    )
    plan = read_linkedin(text, Campaign())
    assert [p.name for p in plan.people] == ["Ana Ruiz"]
    assert [(r.line, r.reason) for r in plan.rejected] == [(3, "9 fields where the header has 7")]


# Requests to imported people ---------------------------------------------------------------


def campaign_with_imported_people(repo) -> Objective:
    repo.save_profile(Profile(name="Alex Morgan", email="alex@example.com"))
    read_linkedin(RECENT, repo.campaign).apply(repo)
    return repo.add(Objective(ObjectiveKind.INDUSTRY, "how product teams work in climate tech"))


def test_imported_connections_are_asked_with_the_linkedin_contact_template(empty_repo) -> None:
    objective = campaign_with_imported_people(empty_repo)
    lena = stored(empty_repo)["Lena Fischer"]
    assert (lena.degree, lena.source) == (Degree.FIRST, "LinkedIn")
    assert Route.for_person(lena) == Route.CONNECTION
    empty_repo.add(Outreach(lena.id, objective.id, Route.for_person(lena), TODAY))
    [item] = [i for i in due_items(empty_repo.campaign, TODAY) if i.person_id == lena.id]
    assert (item.kind, item.template, item.detail) == (DueKind.REQUEST, "request_connection", "LinkedIn connection")
    message = message_for(empty_repo.campaign, item)
    assert message is not None and message.template.channel == "linkedin"
    assert message.detail == "Message Lena Fischer on LinkedIn: https://www.linkedin.com/in/lena-fischer-6d7e8f"


async def test_requesting_an_imported_connection_opens_the_linkedin_contact_text(make_app, empty_repo) -> None:
    campaign_with_imported_people(empty_repo)
    lena = stored(empty_repo)["Lena Fischer"]
    app = make_app(empty_repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_request(pilot, lena.id)
        preview = await expect(pilot, MessageScreen)
        assert preview.body.startswith(
            "Hi Lena, we're connected on LinkedIn, and I'm learning about how product teams work in climate tech."
        )
        assert "UX Researcher at Pied Piper" in preview.body
        assert "Message Lena Fischer on LinkedIn" in text_of(preview.query_one("#message-detail"))
        assert f"of {LINKEDIN_LIMIT} characters" in text_of(preview.query_one("#message-count"))
    assert [o.route for o in empty_repo.campaign.outreach.values()] == [Route.CONNECTION]


def test_the_linkedin_contact_template_says_so_states_the_objective_and_fits_a_note() -> None:
    template = DEFAULT_TEMPLATES["request_connection"]
    assert "connected on LinkedIn" in template.body and "{objective}" in template.body
    message = render_template(template, FULL_CONTEXT)
    assert message.unfilled == [] and message.char_count <= LINKEDIN_LIMIT


def test_someone_i_know_is_still_asked_directly() -> None:
    assert Route.for_person(Person("Ana", degree=Degree.FIRST, source="a meetup")) == Route.DIRECT
    assert Route.for_person(Person("Ana", degree=Degree.FIRST, source="linkedin ")) == Route.CONNECTION
    assert Route.for_person(Person("Ana", degree=Degree.COLD, source="LinkedIn")) == Route.COLD


def test_every_route_has_a_request_template_and_a_funnel_row() -> None:
    campaign = Campaign(objectives={1: Objective(ObjectiveKind.ROLE, "research", id=1)})
    for n, route in enumerate(Route, 1):
        campaign.people[n] = Person(f"P{n}", id=n)
        outreach = Outreach(n, 1, route, TODAY, id=n)
        if route == Route.INTRO:
            outreach.log(AttemptKind.INTRO_MADE, TODAY)
        outreach.log(AttemptKind.REQUEST, TODAY)
        campaign.outreach[n] = outreach
        assert route_of(campaign, outreach) in ROUTES
    assert sum(funnel.requests for funnel in funnels(campaign)) == len(Route)
    assert [f.requests for f in funnels(campaign) if f.route == "1st-linkedin"] == [1]
    for route in Route:
        fresh = Campaign(
            objectives=campaign.objectives,
            people=campaign.people,
            outreach={1: Outreach(1, 1, route, TODAY, id=1, attempts=[])},
        )
        if route == Route.INTRO:
            fresh.outreach[1].log(AttemptKind.INTRO_MADE, TODAY)
        [item] = due_items(fresh, TODAY)
        assert item.kind == DueKind.REQUEST and item.template in DEFAULT_TEMPLATES, route


# The import dialog -------------------------------------------------------------------------


async def test_the_import_dialog_shows_skipped_rows_and_the_encoding(make_app, empty_repo) -> None:
    app = make_app(empty_repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_targets(pilot)
        await start_import(pilot, "i", EXCEL_1252)
        shown = " ".join(import_text(pilot).split())
        assert (
            "5 people and 5 companies to add; 0 already there; 1 empty row skipped; 0 rows rejected; "
            "read as Windows-1252"
        ) in shown
        await pilot.press("enter")  # on the Import button
        await until(pilot, lambda: "Seán O’Brien" in stored(empty_repo), "the import")
        await start_import(pilot, "i", EXCEL_1252)
        assert (
            "Nobody new in linkedin-Connections-excel-windows-1252.csv: 0 people and 0 companies to add; "
            "5 already there; 1 empty row skipped"
        ) in " ".join(import_text(pilot).split())


# The command line --------------------------------------------------------------------------


def infoint(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "infoint_tui", *args],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=Path(__file__).parent.parent,
    )


@pytest.mark.parametrize(
    ("fmt", "file", "adds"),
    [
        ("linkedin", EXCEL_1252, "5 people and 5 companies to add"),
        ("vcard", DATA / "contacts.vcf", "3 people and 2 companies to add"),
    ],
)
def test_a_dry_run_before_any_data_file_exists_creates_nothing(tmp_path: Path, fmt: str, file: Path, adds: str) -> None:
    missing = tmp_path / "nowhere" / "x.json"
    before = sorted(tmp_path.rglob("*"))
    result = infoint("import", fmt, str(file), "--dry-run", "--db", str(missing))
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.startswith(
        f"Dry run against an empty campaign (there is no data file at {missing} yet), nothing changed: {adds}"
    )
    assert sorted(tmp_path.rglob("*")) == before
    # What the real import then does is what the dry run said.
    dry = result.stdout.split("nothing changed: ")[1]
    real = infoint("import", fmt, str(file), "--db", str(tmp_path / "real.json"))
    assert (real.returncode, real.stdout) == (0, f"Imported: {dry}")


def test_the_command_line_names_the_encoding_it_read(tmp_path: Path) -> None:
    result = infoint("import", "linkedin", str(EXCEL_1252), "--dry-run", "--db", str(tmp_path / "x.json"))
    assert result.returncode == 0
    assert result.stdout.rstrip().endswith("0 rows rejected; read as Windows-1252.")


def test_a_dry_run_of_a_bad_file_says_why_and_still_creates_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "Connections.csv"
    bad.write_text(f"{HEADER}\r\nAna,Ruiz,,,Acme,Engineer,31 Foo 2020\r\n", encoding="utf-8")
    result = infoint("import", "linkedin", str(bad), "--dry-run", "--db", str(tmp_path / "none" / "x.json"))
    assert result.returncode == 1
    assert f"{bad}:2: '31 Foo 2020' is not a date like 21 Jan 2013" in result.stderr
    assert not (tmp_path / "none").exists()

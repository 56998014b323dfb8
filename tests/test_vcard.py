"""vCards as real address books and phones write them (tests/data/README.md says which
software writes each fixture's quirks), and exports that other vCard readers accept."""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import orjson
import pytest
import vobject
from textual.widgets import Button
from vcard.vcard_validator import VCard

from infoint_tui.cli import DATA_PROBLEM, USAGE, main
from infoint_tui.domain.models import Campaign, Company, Person
from infoint_tui.exchange.plan import ImportPlan, ImportProblem
from infoint_tui.exchange.vcard import read_vcard, to_vcard
from infoint_tui.tui.screens.targets.person_form import PersonForm
from tests.conftest import DATA
from tests.support import until
from tests.test_exchange import FakeRepo, company_of, names, vcf
from tests.test_targets_screen import import_text, open_targets, start_import

#: What a vCard carries, compared field by field after a round trip.
CARRIED = (
    "name",
    "name_parts",
    "title",
    "email",
    "phone",
    "profile_url",
    "location",
    "postal_address",
    "notes",
    "tags",
    "uid",
)


def read(fixture: str, **options: bool) -> ImportPlan:
    return read_vcard(DATA / fixture, Campaign(), **options)


def skipped(plan: ImportPlan) -> list[tuple[int, str]]:
    return [(problem.line, problem.reason) for problem in plan.skipped]


# What address books write ------------------------------------------------------------------


def test_apple_contacts_escaped_colons_structured_name_and_preferred_email() -> None:
    plan = read("apple-contacts.vcf")
    assert (plan.rejected, plan.skipped) == ([], [])  # the photo's base64 lacks its padding
    maria = names(plan)["Dr. María José García-López Jr."]
    assert maria.name_parts == ["García-López", "María José", "", "Dr.", "Jr."]
    assert maria.first_name == "María José"
    assert company_of(plan, maria.name) == "Acme, Inc."
    assert maria.title == "VP, Sales"
    assert maria.email == "mariajose.garcia@example.com"  # type=pref, though second
    assert maria.profile_url == "https://www.linkedin.com/in/mariajose-garcia-lopez"  # was https\://
    assert maria.postal_address == "Calle de Alcalá 48\n3º izquierda\nMadrid, Madrid, 28014\nSpain"
    assert maria.notes == "Met at the Madrid product meetup, wants to talk about R&D budgets.\nFollow up in spring."
    assert names(plan)["Tom Wright"].profile_url == "http://tomwright.example.co.uk"


def test_icloud_keeps_the_uid_and_reads_a_place_as_the_location() -> None:
    people = names(read("icloud.vcf"))
    kenji, ines = people["Kenji Nakamura"], people["Inês Ferreira"]
    assert (kenji.uid, ines.uid) == ("8F3C2A6E-4B1D-4E7F-9A2C-3D5E6F708192", "2B7D9E14-6C3A-4F8B-A1D2-E3F405162738")
    assert kenji.profile_url == "https://www.linkedin.com/in/kenji-nakamura"
    assert ines.profile_url == "https://ines-ferreira.example.pt/notes"
    assert (ines.location, ines.postal_address) == ("Lisbon, Portugal", "")


def test_google_unescaped_comma_in_fn_and_a_card_with_only_an_email() -> None:
    plan = read("google-contacts.vcf")
    john = names(plan)["Doe, John"]  # all of it, not "Doe"
    assert john.first_name == "John"
    assert john.profile_url == "https://www.linkedin.com/in/john-doe-example"
    assert john.tags == ["Alumni"]  # not Google's "myContacts", which every contact is in
    assert john.postal_address == "1 Main Street\nCambridge, MA, 02142\nUnited States"
    pat = names(plan)["pat.lee@example.net"]
    assert (pat.email, pat.name_parts, pat.tags) == ("pat.lee@example.net", [], [])


def test_cardbook_vcard_4_pref_and_tel_uris() -> None:
    plan = read("cardbook.vcf")
    [elodie] = plan.people
    assert plan.skipped == []  # KEY with a data: URI
    assert elodie.email == "elodie@example.org"  # PREF=1, though second
    assert elodie.phone == "+1-418-555-0142"  # TEL;VALUE=uri:tel:+1-418-555-0142
    assert elodie.uid == "urn:uuid:0f2c4d9a-8e1b-4c3f-9d2e-7a6b5c4d3e2f"
    assert elodie.tags == ["mentor", "Québec"]
    assert elodie.profile_url == "https://www.linkedin.com/in/elodie-tremblay"


def test_tel_uri_keeps_its_extension() -> None:
    text = vcf(
        "BEGIN:VCARD",
        "VERSION:4.0",
        "FN:Ext Ension",
        "TEL;VALUE=uri;TYPE=work:tel:+1-418-555-0100;ext=102",
        "END:VCARD",
    )
    assert read_vcard(text, Campaign()).people[0].phone == "+1-418-555-0100 ext. 102"


def test_android_quoted_printable_soft_breaks_and_unescaped_commas() -> None:
    plan = read("android.vcf")
    assert (plan.rejected, plan.skipped) == ([], [])  # base64 photo ended by a blank line, X-ANDROID-CUSTOM
    elif_ = names(plan)["Elif Öztürk"]
    assert elif_.name_parts == ["Öztürk", "Elif", "", "", ""]
    assert elif_.notes == (
        "İstanbul'daki konferansta tanıştık. Yapay zekâ ekibini kuruyor, veri platformu arıyor.\nSonbaharda tekrar yaz."
    )
    assert elif_.title == "VP, Sales"
    assert [c.name for c in plan.companies] == ["Acme, Inc."]  # never "['Acme', ' Inc.']"
    assert names(plan)["Kofi Mensah"].phone == "+233 24 555 0187"  # TEL;CELL;PREF


def test_android_shift_jis_with_a_backslash_byte_inside_a_character() -> None:
    [hanako] = (plan := read("android-shift-jis.vcf")).people
    assert hanako.name == "山田 花子"
    assert hanako.title == "代表取締役"  # 表 is 0x95 0x5C in Shift_JIS: 0x5C is a backslash
    assert hanako.notes == "展示会で名刺交換。\n来月、表参道で打ち合わせ予定。"  # quoted-printable Shift_JIS
    assert company_of(plan, "山田 花子") == "株式会社サンプル"


def test_outlook_windows_1252_and_an_exchange_address_skipped_with_its_line() -> None:
    plan = read("outlook.vcf")
    juergen = names(plan)["Jürgen Müller"]
    assert company_of(plan, "Jürgen Müller") == "Müller & Söhne, Inc."
    assert juergen.notes == (
        "Trafen uns auf der Messe in Köln.\nRückruf im März wegen der Straßenbahn-Studie, Budget für 2027 klären."
    )
    assert juergen.postal_address == "Hohe Straße 52\nKöln, 50667\nDeutschland"
    # An Exchange-internal address is not an e-mail address: the card comes in without it.
    adaeze = names(plan)["Adaeze Okonkwo"]
    assert adaeze.email == ""
    [(line, reason)] = skipped(plan)
    assert line == 36 and reason.startswith("'/o=ExchangeLabs/")
    assert reason.endswith("is not an e-mail address; skipped")
    assert plan.rejected == [] and plan.summary().endswith("; 1 skipped")
    repo = FakeRepo()
    plan.apply(repo)
    assert len(repo.campaign.people) == 2
    again = read_vcard(DATA / "outlook.vcf", repo.campaign)  # the card without its e-mail too
    assert (again.people, again.duplicates) == ([], 2)


def test_strict_mode_rejects_the_card_with_the_bad_email_at_its_line() -> None:
    plan = read("outlook.vcf", strict=True)
    assert [r.line for r in plan.rejected] == [36] and plan.skipped == []
    assert plan.summary().endswith("(nothing is imported while any is rejected)")
    with pytest.raises(ImportProblem):
        plan.apply(FakeRepo())


def test_lotus_notes_profile_line_and_a_key_never_block() -> None:
    plan = read("lotus-notes.vcf")
    assert (plan.rejected, plan.skipped, [p.name for p in plan.people]) == ([], [], ["Anders Lindqvist"])


def test_fields_infoint_does_not_use_never_block() -> None:
    text = vcf(
        "BEGIN:VCARD",
        "VERSION:3.0",
        "FN:Odd Fields",
        "X-BAD;;:value",
        "PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQ",
        "KEY;ENCODING=B:not base64 at all",
        "X-SOMETHING;CHARSET=x-unheard-of:\xff",
        "END:VCARD",
    )
    plan = read_vcard(text, Campaign(), strict=True)
    assert (plan.rejected, [p.name for p in plan.people]) == ([], ["Odd Fields"])


def test_an_unknown_charset_is_one_sentence_and_leaves_out_only_its_value() -> None:
    text = vcf(
        "BEGIN:VCARD",
        "VERSION:2.1",
        "N:Unknown;Charset",
        "FN;CHARSET=x-klingon:Qapla",
        "NOTE;CHARSET=x-klingon;ENCODING=QUOTED-PRINTABLE:=C3=A9",
        "TITLE:Kept",
        "END:VCARD",
    )
    plan = read_vcard(text, Campaign())
    [person] = plan.people
    assert (person.name, person.title, person.notes) == ("Charset Unknown", "Kept", "")
    assert skipped(plan) == [
        (4, "the FN is in the character set 'x-klingon', which infoint does not know; skipped"),
        (5, "the NOTE is in the character set 'x-klingon', which infoint does not know; skipped"),
    ]
    assert [r.line for r in read_vcard(text, Campaign(), strict=True).rejected] == [4]


def test_lenient_mode_skips_unusable_cards_and_imports_the_rest() -> None:
    text = vcf(
        "BEGIN:VCARD",
        "VERSION:3.0",
        "FN:Good One",
        "END:VCARD",  # 1-4
        "stray text",  # 5
        "BEGIN:VCARD",
        "VERSION:3.0",
        "TITLE:Nameless",
        "END:VCARD",  # 6-9
        "BEGIN:VCARD",
        "VERSION:3.0",
        "FN:Never Closed",  # 10-12
        "BEGIN:VCARD",
        "VERSION:3.0",
        "FN:Good Two",
        "END:VCARD",  # 13-16
    )
    plan = read_vcard(text, Campaign())
    assert skipped(plan) == [
        (5, "text outside any BEGIN:VCARD ... END:VCARD card; this text is skipped"),
        (6, "the card has no name (FN, N or an e-mail address); the card is skipped"),
        (10, "the card is not closed by END:VCARD; the card is skipped"),
    ]
    assert [p.name for p in plan.people] == ["Good One", "Good Two"] and plan.rejected == []
    plan.apply(FakeRepo())


def test_a_line_that_is_not_a_property_continues_the_one_before() -> None:
    # Folded without the leading space: the words stay with the note they belong to.
    text = vcf("BEGIN:VCARD", "VERSION:3.0", "FN:Lost Space", "NOTE:Call after 10", ":30 on Monday", "END:VCARD")
    assert read_vcard(text, Campaign()).people[0].notes == "Call after 10:30 on Monday"


def test_control_characters_never_come_in() -> None:
    text = vcf("BEGIN:VCARD", "VERSION:3.0", "FN:Ctrl\x1b[31m Person\x07", "END:VCARD")
    assert read_vcard(text, Campaign()).people[0].name == "Ctrl[31m Person"


# Export --------------------------------------------------------------------------------------


@pytest.fixture
def campaign() -> Campaign:
    repo = FakeRepo()
    [globex] = repo.add_many([Company("Globex, Inc.; Ltd")])
    repo.add_many(
        [
            Person(
                "Zoë Margarethe Lindqvist-Åberg",
                title="VP, Sales; EMEA",
                company_id=globex.id,
                email="zoe@example.org",
                phone="+46 40 555 0101",
                location="Malmö, Sweden",
                profile_url="https://www.linkedin.com/in/zoe-lindqvist",
                postal_address="Storgatan 1, 2 tr\n211 34 Malmö\nSweden",
                notes="Met at Øresund Tech, ask about\n\n- data; platforms\n- the \\ backslash, too",
                tags=["mentor", "a,b", "Québec"],
            ),
            Person(
                "Dr. María José García-López Jr.",
                name_parts=["García-López", "María José", "", "Dr.", "Jr."],
                uid="urn:uuid:0f2c4d9a-8e1b-4c3f-9d2e-7a6b5c4d3e2f",
            ),
            Person("李小龙", notes="长" * 120, title="工程师"),  # folded many times, 3 octets a character
            Person("Sam"),
        ]
    )
    return repo.campaign


def test_round_trip_gives_the_same_people_with_the_same_fields(campaign: Campaign) -> None:
    repo = FakeRepo()
    plan = read_vcard(to_vcard(campaign), repo.campaign, strict=True)
    assert (plan.rejected, plan.skipped) == ([], [])
    plan.apply(repo)
    assert len(repo.campaign.people) == len(campaign.people)
    for original in campaign.people.values():
        [again] = [p for p in repo.campaign.people.values() if p.name == original.name]
        assert {f: getattr(again, f) for f in CARRIED} == {f: getattr(original, f) for f in CARRIED}
        company, company_again = campaign.company_of(original), repo.campaign.company_of(again)
        assert (company and company.name) == (company_again and company_again.name)


def test_n_is_the_structured_name_read_or_the_whole_name_as_given_name(campaign: Campaign) -> None:
    text = to_vcard(campaign)
    assert "N:García-López;María José;;Dr.;Jr.\r\n" in text
    assert "N:;Zoë Margarethe Lindqvist-Åberg;;;\r\n" in text  # typed by hand: never guessed apart
    assert "N:Jr.;" not in text


def test_uid_is_kept_or_made_once_and_the_same_in_every_export() -> None:
    repo = FakeRepo()
    read_vcard(vcf("BEGIN:VCARD", "VERSION:3.0", "FN:No Uid", "END:VCARD"), repo.campaign).apply(repo)
    [person] = repo.campaign.people.values()
    assert person.uid  # made on import, stored with the person
    stored = Person.from_doc(orjson.loads(orjson.dumps(person.to_doc())), person.id)
    assert stored.uid == person.uid
    assert f"UID:{person.uid}\r\n" in to_vcard(repo.campaign)
    assert Person("One").uid != Person("Two").uid


def test_a_person_stored_before_uids_gets_the_same_uid_in_every_export() -> None:
    old = Person.from_doc({"name": "Old Timer", "degree": "cold"}, 7)
    assert old.uid == ""  # not a new random one at every load
    campaign = Campaign(people={7: old})
    first, second = to_vcard(campaign), to_vcard(Campaign(people={7: Person.from_doc(old.to_doc(), 7)}))
    assert first == second and re.search(r"\r\nUID:[0-9a-f-]{36}\r\n", first)


def test_lines_fold_at_75_octets_never_inside_a_character_or_an_escape() -> None:
    for lead in range(70):  # every position of the multibyte characters against the fold
        person = Person("x" * lead + "é€😀\\;,\n" * 12, notes="\n".join(["ñ" * 40] * 3))
        text = to_vcard(Campaign(people={1: person}))
        data = text.encode()
        assert data.endswith(b"\r\n") and b"\n" not in data.replace(b"\r\n", b"")
        for line in data.split(b"\r\n")[:-1]:
            assert len(line) <= 75
            line.decode()  # a whole UTF-8 text on its own: no character cut in two
            assert (len(line) - len(line.rstrip(b"\\"))) % 2 == 0  # no escape cut in two
        [again] = read_vcard(text, Campaign(), strict=True).people
        assert (again.name, again.notes) == (" ".join(person.name.split()), person.notes)


def test_a_short_line_of_long_characters_is_folded() -> None:
    # 51 characters but 101 octets: vobject left such lines whole.
    text = to_vcard(Campaign(people={1: Person("é" * 48)}))
    assert "FN:" + "é" * 36 + "\r\n " + "é" * 12 + "\r\n" in text


def test_the_export_passes_a_strict_rfc_2426_validator(campaign: Campaign) -> None:
    cards = [card + "END:VCARD\r\n" for card in to_vcard(campaign).split("END:VCARD\r\n")[:-1]]
    assert len(cards) == len(campaign.people)
    for card in cards:
        # The validator takes RFC 2426's NON-ASCII (octets 0x80-0xFF) as characters: any other
        # character stands in as é. Folding by octets is checked above.
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            VCard(re.sub(r"[^\x00-\xff]", "é", card))  # raises VCardError on any mistake
        assert not [w for w in caught if str(w.message).startswith("Long line")]


def test_the_export_reads_back_in_vobject_as_khard_and_radicale_read_it(campaign: Campaign) -> None:
    cards = list(vobject.readComponents(to_vcard(campaign)))
    assert [card.fn.value for card in cards] == [p.name for p in campaign.people.values()]
    assert [card.uid.value for card in cards] == [p.uid for p in campaign.people.values()]
    assert len({card.uid.value for card in cards}) == len(cards)
    zoe = cards[0]
    assert zoe.org.value == ["Globex, Inc.; Ltd"]
    assert zoe.note.value == campaign.people[1].notes
    assert zoe.categories.value == ["mentor", "a,b", "Québec"]
    maria = cards[1].n.value
    assert (maria.family, maria.given, maria.prefix, maria.suffix) == ("García-López", "María José", "Dr.", "Jr.")
    assert [adr.value.city for adr in zoe.contents["adr"]] == ["", "Malmö, Sweden"]


# Where people meet it ------------------------------------------------------------------------


def test_renaming_a_person_drops_the_address_books_structured_name() -> None:
    person = Person(
        "Dr. María José García-López Jr.", id=1, name_parts=["García-López", "María José", "", "Dr.", "Jr."]
    )
    form = PersonForm(Campaign(people={1: person}), person)
    values = {field.name: field.value for field in form.fields()}
    assert form.person(values)[0].name_parts == person.name_parts  # other fields edited: kept
    renamed, _ = form.person({**values, "name": "María García"})
    assert (renamed.name_parts, renamed.uid) == ([], person.uid)


def test_cli_import_is_lenient_unless_strict(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db, source = tmp_path / "campaign.json", DATA / "outlook.vcf"
    assert main(["import", "vcard", str(source), "--strict", "--db", str(db)]) == DATA_PROBLEM
    err = capsys.readouterr().err
    assert f"{source}:36: '/o=ExchangeLabs/" in err and "Nothing imported" in err
    assert main(["import", "vcard", str(source), "--db", str(db)]) == 0
    out, err = capsys.readouterr()
    assert f"{source}:36: '/o=ExchangeLabs/" in err and err.rstrip().endswith("is not an e-mail address; skipped")
    assert out.startswith("Imported: 2 people and 2 companies to add") and out.rstrip().endswith("1 skipped.")
    assert len(orjson.loads(db.read_bytes())["people"]) == 2
    assert main(["import", "linkedin", str(source), "--strict", "--db", str(db)]) == USAGE


async def test_the_import_screen_lists_what_it_skipped_and_imports_the_rest(make_app, repo) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_targets(pilot)
        before = len(repo.campaign.people)
        await start_import(pilot, "v", DATA / "outlook.vcf")
        text = import_text(pilot)
        assert "line 36: '/o=ExchangeLabs/" in text and "These were skipped" in text
        button = app.screen.query_one("#import-yes", Button)
        assert not button.disabled and app.focused is button
        await pilot.press("enter")
        await until(pilot, lambda: len(repo.campaign.people) == before + 2, "the two people imported")

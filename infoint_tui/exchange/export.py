"""Whole-campaign exports: a JSON dump of everything, and the people as a spreadsheet."""

from __future__ import annotations

import csv
import dataclasses
import io
import re
from typing import Any

import orjson

from infoint_tui.domain.models import Campaign, Outreach

JSON_FORMAT = "infoint export"
JSON_VERSION = 1

PEOPLE_COLUMNS = (
    "name",
    "title",
    "company",
    "email",
    "phone",
    "degree",
    "introducer",
    "profile_url",
    "location",
    "tags",
    "source",
    "notes",
    "stage",
)
#: Excel reads a file that starts with it as UTF-8 (else as the system's code page).
BOM = "\ufeff"
# A spreadsheet runs a cell starting with one of these as a formula (CSV injection, OWASP).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# ... except a signed number or phone number ("+1 555 0100", "-3.5"): digits, spaces and
# ( ) . - can call no function and reach no cell, so the value is kept as it is.
_PLAIN_NUMBER = re.compile(r"[+-][\d ().-]*\d[\d ().-]*")


def to_json(campaign: Campaign) -> bytes:
    """Every record with its id, indented, UTF-8: readable, and complete enough to rebuild from
    (`infoint import json`, see restore.py)."""
    dump: dict[str, Any] = {"format": JSON_FORMAT, "version": JSON_VERSION}
    for part in dataclasses.fields(campaign):
        value = getattr(campaign, part.name)
        if part.name == "id":
            dump["campaign_id"] = value
        elif isinstance(value, dict):  # id -> record (templates: key -> template, key inside)
            dump[part.name] = [
                {"id": key, **item.to_doc()} if isinstance(key, int) else item.to_doc() for key, item in value.items()
            ]
        else:
            dump[part.name] = value.to_doc()
    return orjson.dumps(dump, option=orjson.OPT_INDENT_2) + b"\n"


def people_csv(campaign: Campaign, *, bom: bool = False) -> str:
    """One row per person, headed by PEOPLE_COLUMNS; 'stage' is that of their latest outreach.

    With `bom`, the text starts with a byte order mark, for Excel.
    """
    latest = _latest_outreach(campaign)
    out = io.StringIO()
    out.write(BOM if bom else "")
    writer = csv.writer(out)
    writer.writerow(PEOPLE_COLUMNS)
    for person in campaign.people.values():
        company = campaign.company_of(person)
        introducer = campaign.introducer_of(person)
        outreach = latest.get(person.id)
        row = (
            person.name,
            person.title,
            company.name if company else "",
            person.email,
            person.phone,
            person.degree,
            introducer.name if introducer else "",
            person.profile_url,
            person.location,
            ", ".join(person.tags),
            person.source,
            person.notes,
            outreach.stage if outreach else "",
        )
        writer.writerow(map(_neutralised, row))
    return out.getvalue()


def _neutralised(cell: str) -> str:
    """The cell as text a spreadsheet shows but never evaluates: a leading ' where it would
    run as a formula, and only there, so that real values read back as they are."""
    if cell.startswith(_FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def _latest_outreach(campaign: Campaign) -> dict[int, Outreach]:
    latest: dict[int, Outreach] = {}
    for outreach in sorted(campaign.outreach.values(), key=lambda o: (o.created, o.id)):
        latest[outreach.person_id] = outreach
    return latest

"""infoint's own JSON export read back into a campaign: a backup the user can restore.

Every record is read as the repository reads the data file (`Model.from_doc`) and keeps
its id, so the links between records stay as they were; a link to a record the file does
not hold is refused too. Any problem is one sentence (ImportProblem) and nothing is made.
"""

from __future__ import annotations

import re
from typing import Any, TypeGuard

import orjson

from infoint_tui.domain.models import (
    REFERENCES,
    TABLES,
    UNREADABLE,
    Campaign,
    Model,
    Profile,
    Settings,
    Template,
    problem_in,
)
from infoint_tui.domain.wording import count
from infoint_tui.exchange.export import JSON_FORMAT, JSON_VERSION
from infoint_tui.exchange.plan import ImportProblem

#: The lists of numbered records in an export, and what each holds.
RECORDS: dict[str, type[Model]] = {name: model for model, name in TABLES.items()}


def read_json_export(raw: bytes, name: str) -> Campaign:
    """The campaign an export (the file `name`) holds, checked whole.

    ImportProblem says in one sentence what is wrong, naming the file.
    """
    try:
        dump = orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        raise ImportProblem(
            f"{name} is not valid JSON ({error.msg} at line {error.lineno}); nothing was imported."
        ) from None
    if not isinstance(dump, dict) or dump.get("format") != JSON_FORMAT:
        raise ImportProblem(
            f"{name} is not an infoint JSON export (one made by `infoint export json`); nothing was imported."
        )
    if dump.get("version") != JSON_VERSION:
        raise ImportProblem(
            f"{name} is an export of version {dump.get('version')!r}, and this infoint reads "
            f"version {JSON_VERSION}; nothing was imported."
        )
    try:
        return _campaign(dump)
    except _Unreadable as problem:
        raise ImportProblem(f"In {name}, {problem}; nothing was imported.") from None


def is_empty(campaign: Campaign) -> bool:
    """True when it holds nothing the user made (a new data file)."""
    return campaign == Campaign(id=campaign.id)


class _Unreadable(Exception):
    """What is wrong, as the end of a sentence ("record 3 of "people" has no id")."""


def _campaign(dump: dict[str, Any]) -> Campaign:
    campaign = Campaign()
    for name, model in RECORDS.items():
        setattr(campaign, name, _numbered(dump, name, model))
    templates = [_record("templates", n, Template, doc) for n, doc in enumerate(_list(dump, "templates"), 1)]
    campaign.templates = {template.key: template for template in templates}
    campaign.profile = _record("profile", 1, Profile, _object(dump, "profile"))
    campaign.settings = _record("settings", 1, Settings, _object(dump, "settings"))
    campaign.id = dump.get("campaign_id", "")
    if not isinstance(campaign.id, str) or not re.fullmatch(r"[0-9a-zA-Z]*", campaign.id):
        raise _Unreadable(f"the campaign_id {campaign.id!r} is not a string of letters and digits")
    _check_links(campaign)
    return campaign


def _list(dump: dict[str, Any], name: str) -> list[Any]:
    value = dump.get(name, [])
    if not isinstance(value, list):
        raise _Unreadable(f'"{name}" is not a list')
    return value


def _object(dump: dict[str, Any], name: str) -> dict[str, Any]:
    value = dump.get(name, {})
    if not isinstance(value, dict):
        raise _Unreadable(f'"{name}" is not an object')
    return value


def _is_id(value: Any) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 1


def _numbered(dump: dict[str, Any], name: str, model: type[Model]) -> dict[int, Any]:
    records: dict[int, Any] = {}
    for n, doc in enumerate(_list(dump, name), 1):
        record_id = doc.get("id") if isinstance(doc, dict) else None
        if not _is_id(record_id):
            raise _Unreadable(f'record {n} of "{name}" has no id (a whole number from 1)')
        if record_id in records:
            raise _Unreadable(f'two records of "{name}" have the id {record_id}')
        records[record_id] = _record(name, record_id, model, {k: v for k, v in doc.items() if k != "id"})
    return records


def _record(name: str, record_id: int, model: type[Model], doc: Any) -> Any:
    where = f'the record with id {record_id} in "{name}"' if name in RECORDS else f'"{name}" (item {record_id})'
    if not isinstance(doc, dict):
        raise _Unreadable(f"{where} is not an object")
    try:
        return model.from_doc(doc, record_id if name in RECORDS else 0)
    except UNREADABLE:
        raise _Unreadable(f"{where} cannot be read (it is a record {problem_in(model, doc)})") from None


def _check_links(campaign: Campaign) -> None:
    for name, field, target, optional in REFERENCES:
        known = getattr(campaign, target)
        for record_id, record in getattr(campaign, name).items():
            value = getattr(record, field)
            if not ((value is None and optional) or (_is_id(value) and value in known)):
                raise _Unreadable(
                    f'the record with id {record_id} in "{name}" has {field} {value!r}, '
                    f'but "{target}" holds no record with that id'
                )


def summary(campaign: Campaign) -> str:
    """'12 people, 3 companies, 1 objective, 4 interviews': what it holds, for a message."""
    counts = [(len(getattr(campaign, name)), one, many) for name, one, many in _COUNTED]
    return ", ".join(count(n, one, many) for n, one, many in counts if n) or "nothing"


_COUNTED = (
    ("people", "person", "people"),
    ("companies", "company", "companies"),
    ("objectives", "objective", "objectives"),
    ("outreach", "outreach", "outreach"),
    ("interviews", "interview", "interviews"),
    ("questions", "question", "questions"),
)

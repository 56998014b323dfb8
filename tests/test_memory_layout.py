"""The data kept lighter: parsed by the standard library as strictly as orjson, and written
without any table's text held in memory (the untouched tables are copied from the file
written last, the touched ones serialised a few records at a time)."""

from __future__ import annotations

import dataclasses
import errno
import os
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import orjson
import pytest

from infoint_tui.domain.models import Interview, Person
from infoint_tui.store import storage as storage_module
from infoint_tui.store.errors import DataFileError, SaveError
from infoint_tui.store.repository import Repository
from infoint_tui.store.storage import Payload, serialise


@pytest.fixture
def writer(demo_file: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Repository]:
    """The 60-person demo, open for writing, its tables serialised three records at a time."""
    monkeypatch.setattr(storage_module, "CHUNK", 3)
    repo = Repository.open(demo_file)
    yield repo
    repo.close()


@pytest.fixture
def payloads(monkeypatch: pytest.MonkeyPatch) -> list[Payload]:
    """Every file the storage writes, as it was handed to `write_atomically`."""
    seen: list[Payload] = []
    real = storage_module.write_atomically

    def spy(path: Path, payload: bytes | Payload) -> None:
        if isinstance(payload, Payload):
            seen.append(payload)
        real(path, payload)

    monkeypatch.setattr(storage_module, "write_atomically", spy)
    return seen


def whole(repo: Repository) -> bool:
    """The file is exactly the data in memory, laid out as `serialise` lays it out."""
    return repo.path.read_bytes() == serialise(repo.storage.read())


def person_note(repo: Repository, note: str) -> None:
    person = repo.campaign.people[1]
    repo.save(dataclasses.replace(person, notes=note))
    repo.flush()


def test_a_table_written_in_pieces_is_byte_for_byte_the_whole_table(writer: Repository) -> None:
    first = writer.campaign.people[1]
    changes = [
        lambda: writer.save(dataclasses.replace(first, title="Head of Research")),
        lambda: writer.add(Interview(first.id, when=datetime(2026, 11, 26, 14, 30))),
        lambda: writer.add_many([Person("Zoë Ng"), Person("Bo Li")]),
        lambda: writer.remove(first),  # several tables at once
        lambda: writer.replace_all(writer.campaign),  # every table again
    ]
    for change in changes:
        change()
        writer.flush()
        assert whole(writer)
    reopened = Repository.open(writer.path, read_only=True).campaign
    assert reopened.people == writer.campaign.people and reopened.interviews == writer.campaign.interviews


def test_only_the_touched_tables_are_serialised_again(writer: Repository, payloads: list[Payload]) -> None:
    person_note(writer, "First.")
    writer.take_written()
    interview = next(iter(writer.campaign.interviews.values()))
    writer.save(dataclasses.replace(interview, notes="Budget cuts slowed hiring."))
    writer.flush()
    first, second = payloads
    assert all(table is not None for table in first.tables.values())  # the file opened was not ours
    serialised = {name for name, table in second.tables.items() if table is not None}
    assert "interviews" in serialised and serialised == writer.take_written()
    assert whole(writer)


def test_a_file_changed_behind_the_writers_back_is_written_whole_again(
    writer: Repository, payloads: list[Payload]
) -> None:
    person_note(writer, "First.")
    with open(writer.path, "r+b") as edited:  # an editor saving in place, into the file the writer holds
        edited.write(b"[not json")
        edited.truncate()
    interview = next(iter(writer.campaign.interviews.values()))
    writer.save(dataclasses.replace(interview, notes="Second."))
    writer.flush()
    assert all(table is not None for table in payloads[-1].tables.values())
    assert whole(writer)


def test_after_a_failed_copy_the_next_write_is_whole(writer: Repository, monkeypatch: pytest.MonkeyPatch) -> None:
    person_note(writer, "First.")

    def unreadable(*args: object) -> bytes:
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    monkeypatch.setattr(storage_module.os, "pread", unreadable)
    with pytest.raises(SaveError, match="not saved"):
        person_note(writer, "Second.")
    monkeypatch.undo()
    assert Repository.open(writer.path, read_only=True).campaign.people[1].notes == "First."  # untouched
    writer.flush()  # the retry
    assert whole(writer)
    assert Repository.open(writer.path, read_only=True).campaign.people[1].notes == "Second."


def test_a_save_replaces_the_stored_document_and_leaves_the_old_one_as_it_was(writer: Repository) -> None:
    """The writer serialises a shallow copy of a table outside the lock: it relies on this."""
    old = writer.storage.read()["people"]["1"]
    before = dict(old)
    person_note(writer, "Changed.")
    assert writer.storage.read()["people"]["1"] is not old and old == before
    assert writer.storage.read()["people"]["1"]["notes"] == "Changed."


# Parsing: what orjson refuses is refused, in one sentence, and the file left untouched -----

NOT_KEPT = {
    "NaN": b'{"settings": {"1": {"follow_up_days": NaN}}}',
    "Infinity": b'{"settings": {"1": {"follow_up_days": -Infinity}}}',
    "a number beyond a double": b'{"settings": {"1": {"follow_up_days": 1e400}}}',
    "a whole number beyond 64 bits": b'{"settings": {"1": {"follow_up_days": 18446744073709551616}}}',
    "five thousand digits": b'{"settings": {"1": {"follow_up_days": ' + b"9" * 5000 + b"}}}",
    "a lone surrogate": b'{"people": {"1": {"name": "Ana \\ud800"}}}',
    "deep nesting": b'{"people": {"1": {"name": "Ana", "x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}}}",
    "not UTF-8": b'{"people": {"1": {"name": "Ana \xc3"}}}',
}


@pytest.mark.parametrize("content", NOT_KEPT)
def test_json_orjson_would_refuse_is_refused_in_one_sentence(tmp_path: Path, content: str) -> None:
    path = tmp_path / "data.json"
    path.write_bytes(NOT_KEPT[content])
    with pytest.raises(DataFileError) as raised:
        Repository.open(path)
    message = str(raised.value)
    assert message.startswith(f"{path} is not valid JSON (") and "left untouched" in message
    assert "\n" not in message and ". " not in message.rstrip(".")
    assert path.read_bytes() == NOT_KEPT[content]


def test_what_orjson_reads_is_read_the_same(tmp_path: Path, demo_file: Path) -> None:
    data = orjson.loads(demo_file.read_bytes())
    data["people"]["1"]["name"] = "Zoë 😀 Ng"
    data["settings"] = {"1": {"follow_up_days": 2**64 - 1, "call_days": -(2**63)}}
    path = tmp_path / "data.json"
    text = orjson.dumps(data).decode().replace("😀", "\\ud83d\\ude00")  # a surrogate pair, escaped
    path.write_text(text, encoding="utf-8")
    repo = Repository.open(path, read_only=True)
    assert repo.storage.read() == data == orjson.loads(text)
    assert repo.campaign.people[1].name == "Zoë 😀 Ng"


# Records: the texts many of them repeat are held once ------------------------------------


def test_repeated_texts_are_one_copy_in_the_records_and_the_documents(tmp_path: Path) -> None:
    path = tmp_path / "data.json"
    person = {"name": "Ana", "title": "Product Manager", "location": "Lisbon", "degree": "2nd", "tags": ["mentor"]}
    company = {"name": "Umbrella Health", "location": "Lisbon", "industry": "health"}
    path.write_text(  # written out twice: the parser makes two copies of each text
        orjson.dumps({"people": {"1": person, "2": dict(person, name="Bo")}, "companies": {"1": company}}).decode()
    )
    repo = Repository.open(path, read_only=True)
    ana, bo = repo.campaign.people[1], repo.campaign.people[2]
    docs = repo.storage.read()["people"]
    assert ana.title is bo.title is docs["1"]["title"] is docs["2"]["title"]
    assert ana.location is repo.campaign.companies[1].location
    assert ana.tags[0] is bo.tags[0] and ana.tags is docs["1"]["tags"]
    assert docs["1"]["degree"] is docs["2"]["degree"]
    assert (ana.title, ana.tags, ana.degree.value) == ("Product Manager", ["mentor"], "2nd")


def test_a_repeated_field_of_the_wrong_kind_is_refused_in_one_sentence(tmp_path: Path) -> None:
    path = tmp_path / "data.json"
    path.write_bytes(orjson.dumps({"people": {"1": {"name": "Ana", "tags": ["mentor", 5]}}}))
    with pytest.raises(DataFileError, match=r"whose 'tags' is a list holding a number, not a list of texts"):
        Repository.open(path)

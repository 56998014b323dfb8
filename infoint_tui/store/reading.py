"""Reading a data file: its bytes parsed and shape-checked, its schema told, and the typed
campaign built from it, every record checked. Nothing here writes (see repository.py), so a
look that only reads, `infoint today`, loads none of the writer's machinery.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Mapping
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from infoint_tui.domain.models import (
    REFERENCES,
    TABLES,
    UNREADABLE,
    Campaign,
    Model,
    Profile,
    Settings,
    Template,
    describe_value,
    problem_in,
)
from infoint_tui.store import strict_json
from infoint_tui.store.errors import DataFileError
from infoint_tui.store.long_lived import long_lived
from infoint_tui.store.migrations import CURRENT_SCHEMA

if TYPE_CHECKING:
    from infoint_tui.store.storage import Data

M = TypeVar("M", bound=Model)

SINGLE_DOC = 1  # meta, profile, settings and template overrides are one document each
CAMPAIGN_ID = "campaign_id"  # its key in the meta document


def backups_folder(path: Path) -> Path:
    return path.parent / "backups"


def read_text(path: Path) -> str:
    """The file's text; its bytes are let go before it is parsed, which is the peak of a session."""
    try:
        return path.read_bytes().decode()
    except UnicodeDecodeError as error:
        raise DataFileError(
            f"{path} is not valid JSON (it is not UTF-8 text, at byte {error.start}); it was left untouched: "
            f"restore a copy from {backups_folder(path)} or move it aside to start afresh."
        ) from None
    except FileNotFoundError:
        raise DataFileError(f"There is no data file at {path}; check the path.") from None
    except OSError as error:
        raise DataFileError(f"{path} cannot be read ({error.strerror}); check the path and its permissions.") from None


def parse_data(path: Path, text: str | bytes, *, lean: bool = True) -> Data:
    """Parse and shape-check the text of a data file, or raise DataFileError; `lean` in memory
    (a session's peak) or, for a read that writes nothing, as fast as can be."""
    try:
        data = strict_json.loads(text, lean=lean)
    except strict_json.NotJSON as error:
        raise DataFileError(
            f"{path} is not valid JSON ({error}); it was left untouched: "
            f"restore a copy from {backups_folder(path)} or move it aside to start afresh."
        ) from None
    if not _is_tables(data):
        raise _not_tables(path, data)
    return data


def _is_tables(data: Any) -> bool:
    return isinstance(data, dict) and all(
        isinstance(table, dict)
        and all(key.isascii() and key.isdigit() and isinstance(doc, dict) for key, doc in table.items())
        for table in data.values()
    )


def _not_tables(path: Path, data: Any) -> DataFileError:
    """Why `_is_tables` refused the data: the first record out of shape, else the whole file."""
    if isinstance(data, dict) and all(isinstance(table, dict) for table in data.values()):
        for name, table in data.items():
            for key, doc in table.items():
                if not (key.isascii() and key.isdigit()):
                    return refused(path, f"has a record in {name!r} whose id {key!r} is not a whole number")
                if not isinstance(doc, dict):
                    return unreadable(path, name, key, f"that is {describe_value(doc)}, not a record")
    return DataFileError(
        f"{path} is JSON but not an infoint data file (it should hold tables of numbered records); "
        "it was left untouched: check that --db points at the right file."
    )


def schema_of(path: Path, data: Data) -> int:
    """The file's schema version (0: stock TinyDB, no stamp), or DataFileError if unreadable."""
    version = data.get("meta", {}).get(str(SINGLE_DOC), {}).get("schema", 0)
    if not isinstance(version, int) or isinstance(version, bool) or version < 0:
        raise DataFileError(
            f"{path} has an unreadable schema stamp ({version!r}); it was left untouched: "
            f"restore a copy from {backups_folder(path)}."
        )
    if version > CURRENT_SCHEMA:
        raise DataFileError(
            f"{path} was written by a newer infoint (schema {version}, this one reads up to "
            f"{CURRENT_SCHEMA}); it was left untouched: upgrade infoint to open it."
        )
    return version


def fresh_data() -> Data:
    return {"meta": {str(SINGLE_DOC): {"schema": CURRENT_SCHEMA}}}


def load_campaign(path: Path, data: Data, *, on_demand: Collection[str] = ()) -> Campaign:
    """The typed view of shape-checked data; DataFileError names the first unreadable record,
    or the first that names a record the file does not hold. The tables named `on_demand`
    are read record by record as they are asked for (see OnDemand), each checked then."""
    campaign = Campaign()
    for model, name in TABLES.items():
        key, from_doc = "", model.from_doc
        table = data.get(name, {})
        if name in on_demand:
            setattr(campaign, name, OnDemand(path, data, name, model))
            continue
        index = getattr(campaign, name)
        try:
            for key, doc in table.items():  # the hot loop of every start-up
                doc_id = int(key)
                index[doc_id] = from_doc(doc, doc_id)
        except UNREADABLE:
            raise unreadable(path, name, key, problem_in(model, table[key])) from None
    overrides = single(data, "templates")
    campaign.templates = {
        key: _parse(path, "templates", Template, doc, f"holding a template {key!r} ") for key, doc in overrides.items()
    }
    campaign.profile = _parse(path, "profile", Profile, single(data, "profile"))
    campaign.settings = _parse(path, "settings", Settings, single(data, "settings"))
    campaign.id = single(data, "meta").get(CAMPAIGN_ID, "")
    _check_references(path, campaign, [reference for reference in REFERENCES if reference[0] not in on_demand])
    return campaign


def read_for_review(path: Path) -> Campaign:
    """The campaign of a data file, read only, for a look at what is due (`infoint today`):
    people and companies are built as the policy asks for them, a few hundred of 30,000,
    instead of all before it starts. A file of an older schema, or one that cannot be read,
    is opened in full."""
    with long_lived():
        try:
            # The bytes as they are: orjson checks their UTF-8 as it reads, faster than decoding first.
            data = parse_data(path, path.read_bytes())
            current = schema_of(path, data) == CURRENT_SCHEMA
        except (OSError, DataFileError):
            current = False
        if not current:  # the full open says what is wrong, in the same words as ever
            from infoint_tui.store.repository import Repository

            return Repository.open(path, read_only=True).campaign
        return load_campaign(path, data, on_demand=("people", "companies"))


class OnDemand(Mapping[int, M]):
    """The records of one table, each built from its document when first asked for, and its
    references checked then; its ids are known without building any."""

    def __init__(self, path: Path, data: Data, name: str, model: type[M]) -> None:
        self._path, self._data, self._name, self._model = path, data, name, model
        self._docs: dict[str, dict[str, Any]] = data.get(name, {})
        self._built: dict[int, M] = {}
        self._references = [reference for reference in REFERENCES if reference[0] == name]

    def __getitem__(self, doc_id: int) -> M:
        record = self._built.get(doc_id)
        if record is None:
            doc = self._docs.get(str(doc_id)) if type(doc_id) is int else None  # ids are whole numbers only
            if doc is None:
                raise KeyError(doc_id)
            try:
                record = self._model.from_doc(doc, doc_id)
            except UNREADABLE:
                raise unreadable(self._path, self._name, str(doc_id), problem_in(self._model, doc)) from None
            for _, field, target, _ in self._references:
                value = getattr(record, field)
                if value is not None and str(value) not in self._data.get(target, {}):
                    raise _dangling(self._path, record, self._name, field, target)
            self._built[doc_id] = record
        return record

    def __iter__(self) -> Iterator[int]:
        return map(int, self._docs)

    def __len__(self) -> int:
        return len(self._docs)


def _check_references(path: Path, campaign: Campaign, references: Iterable[tuple[str, str, str, bool]]) -> None:
    """DataFileError for the first record that names one the file does not hold."""
    for table, field, target, _ in references:
        records, known = getattr(campaign, table), getattr(campaign, target)
        value_of = attrgetter(field)
        dangling = set(map(value_of, records.values())).difference(known)  # in C: cheap at 30,000
        dangling.discard(None)
        if dangling:
            raise _dangling(path, next(r for r in records.values() if value_of(r) in dangling), table, field, target)


def _dangling(path: Path, record: Model, table: str, field: str, target: str) -> DataFileError:
    value = getattr(record, field)
    return unreadable(
        path, table, str(record.id), f"whose {field!r} is {value}, but no record in {target!r} has that id"
    )


def single(data: Data, table: str) -> dict[str, Any]:
    return data.get(table, {}).get(str(SINGLE_DOC), {})


def _parse(path: Path, table: str, model: type[M], doc: dict[str, Any], within: str = "") -> M:
    try:
        return model.from_doc(doc)
    except UNREADABLE:
        raise unreadable(path, table, str(SINGLE_DOC), within + problem_in(model, doc)) from None


def unreadable(path: Path, table: str, key: str, problem: str) -> DataFileError:
    """`problem` ends the sentence about the record: "whose 'name' is a number, not text"."""
    return refused(path, f"has a record in {table!r} (id {key}) {problem or 'that cannot be read'}")


def refused(path: Path, what: str) -> DataFileError:
    return DataFileError(f"{path} {what}; it was left untouched: fix it or restore a copy from {backups_folder(path)}.")

"""Typed load and save of a campaign: the only door between the models and the data file.

Opening a file checks it completely before anything is written: bad JSON, a wrong shape,
a newer schema or an unreadable record is reported in one sentence and the file is left
byte-for-byte untouched. Older schemas are migrated forward after a backup.

All access goes through the storage's mutex, so a worker thread and the UI thread can share
one repository. The `campaign` attribute is the in-memory, typed view the screens read.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar

import orjson
from tinydb import TinyDB
from tinydb.table import Document, Table

from infoint_tui.domain.models import (
    Campaign,
    Company,
    Interview,
    Model,
    Objective,
    Outreach,
    Person,
    Profile,
    Question,
    Settings,
    Template,
)
from infoint_tui.domain.removal import removal_plan
from infoint_tui.store.errors import DataFileError, LockedError
from infoint_tui.store.lock import WriterLock
from infoint_tui.store.migrations import CURRENT_SCHEMA, migrate
from infoint_tui.store.storage import Data, DurableStorage, StatusListener, serialise, write_atomically

M = TypeVar("M", bound=Model)

#: Which table holds each kind of record (and which field of Campaign indexes it).
TABLES: dict[type[Model], str] = {
    Objective: "objectives",
    Company: "companies",
    Person: "people",
    Outreach: "outreach",
    Interview: "interviews",
    Question: "questions",
}
SINGLE_DOC = 1  # meta, profile, settings and template overrides are one document each
DAILY_BACKUPS_KEPT = 7


def backups_folder(path: Path) -> Path:
    return path.parent / "backups"


def read_data_file(path: Path) -> Data:
    """Parse and shape-check a data file, or raise DataFileError; never writes."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DataFileError(f"There is no data file at {path}.") from None
    except OSError as error:
        raise DataFileError(f"{path} cannot be read ({error.strerror}); check its permissions.") from None
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        raise DataFileError(
            f"{path} is not valid JSON ({error.msg} at line {error.lineno}); it was left untouched: "
            f"restore a copy from {backups_folder(path)} or move it aside to start afresh."
        ) from None
    if not isinstance(data, dict) or not all(
        isinstance(table, dict) and all(isinstance(doc, dict) for doc in table.values())
        for table in data.values()
    ):
        raise DataFileError(
            f"{path} is JSON but not an infoint data file (it should hold tables of records); "
            "it was left untouched: check that --db points at the right file."
        )
    return data


def schema_of(data: Data) -> int:
    meta = data.get("meta", {}).get(str(SINGLE_DOC), {})
    version = meta.get("schema", 0)
    return version if isinstance(version, int) else -1


def fresh_data() -> Data:
    return {"meta": {str(SINGLE_DOC): {"schema": CURRENT_SCHEMA}}}


class Repository:
    def __init__(self, path: Path, data: Data, *, lock: WriterLock | None, background: bool) -> None:
        self.path = path
        self._lock = lock
        self.storage = DurableStorage(path, data, read_only=lock is None, background=background)
        self.db = TinyDB(storage=lambda: self.storage)
        self.campaign = self._load()

    # Opening ---------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path, *, read_only: bool = False, background: bool = False) -> Repository:
        """Open a data file (creating it if missing, unless read-only).

        Raises LockedError when another process writes to it, DataFileError when it
        cannot be used as it is.
        """
        path = Path(path).expanduser()
        lock = None
        if not read_only:
            path.parent.mkdir(parents=True, exist_ok=True)
            lock = WriterLock(path)
            lock.acquire()
        try:
            if not path.exists() and lock is not None:
                write_atomically(path, serialise(fresh_data()))
            data = read_data_file(path)
            version = schema_of(data)
            if version > CURRENT_SCHEMA or version < 0:
                raise DataFileError(
                    f"{path} was written by a newer infoint (schema {version}, this one reads up to "
                    f"{CURRENT_SCHEMA}); it was left untouched: upgrade infoint to open it."
                )
            if lock is not None:
                if version < CURRENT_SCHEMA:
                    _backup(path, f"schema{version}-{datetime.now():%Y%m%d-%H%M%S}")
                    data = migrate(data, version)
                    write_atomically(path, serialise(data))
                _daily_backup(path)
            return cls(path, data, lock=lock, background=background)
        except BaseException:
            if lock is not None:
                lock.release()
            raise

    @classmethod
    def open_or_read_only(cls, path: Path, *, background: bool = False) -> tuple[Repository, str | None]:
        """Open for writing, or read-only when another process holds the file.

        Returns the repository and, when read-only, the sentence that says why.
        """
        try:
            return cls.open(path, background=background), None
        except LockedError as error:
            return cls.open(path, read_only=True), str(error)

    @property
    def read_only(self) -> bool:
        return self._lock is None

    def add_listener(self, listener: StatusListener) -> None:
        self.storage.add_listener(listener)

    def flush(self) -> None:
        """Write pending changes now (raises SaveError when the disk refuses)."""
        self.storage.flush()

    def close(self) -> None:
        """Stop the writer thread, write what is pending, and release the lock."""
        try:
            self.storage.close()
            self.storage.flush()
        finally:
            if self._lock is not None:
                self._lock.release()
                self._lock = None

    # Loading ---------------------------------------------------------------------------

    def _load(self) -> Campaign:
        with self.storage.mutex:
            data = self.storage.read()
            campaign = Campaign()
            for model, name in TABLES.items():
                index = getattr(campaign, name)
                for key, doc in data.get(name, {}).items():
                    index[int(key)] = _parse(self.path, name, model, doc, int(key))
            overrides = self._single("templates")
            campaign.templates = {
                key: _parse(self.path, "templates", Template, doc, 0) for key, doc in overrides.items()
            }
            campaign.profile = _parse(self.path, "profile", Profile, self._single("profile"), 0)
            campaign.settings = _parse(self.path, "settings", Settings, self._single("settings"), 0)
        return campaign

    def _single(self, table: str) -> dict[str, Any]:
        return self.storage.read().get(table, {}).get(str(SINGLE_DOC), {})

    # Changing --------------------------------------------------------------------------

    def _table(self, model: type[Model]) -> Table:
        return self.db.table(TABLES[model])

    def _index(self, model: type[Model]) -> dict[int, Any]:
        return getattr(self.campaign, TABLES[model])

    def add(self, item: M) -> M:
        """Store a new record; gives it its id."""
        with self.storage.mutex:
            item.id = self._table(type(item)).insert(item.to_doc())
            self._index(type(item))[item.id] = item
        return item

    def add_many(self, items: Iterable[M]) -> list[M]:
        """Store several new records in one write (imports)."""
        items = list(items)
        with self.storage.mutex, self.storage.batch():
            for model in {type(item) for item in items}:
                group = [item for item in items if type(item) is model]
                ids = self._table(model).insert_multiple(item.to_doc() for item in group)
                index = self._index(model)
                for item, doc_id in zip(group, ids, strict=True):
                    item.id = doc_id
                    index[doc_id] = item
        return items

    def save(self, item: Model) -> None:
        """Write a changed record (replacing what was stored)."""
        doc = item.to_doc()
        with self.storage.mutex:
            _replace(self._table(type(item)), item.id, doc)
            self._index(type(item))[item.id] = item

    def remove(self, item: Model) -> None:
        """Delete a record and everything that goes with it (see `removal_plan`)."""
        plan = removal_plan(self.campaign, item)
        with self.storage.mutex, self.storage.batch():
            for doomed in plan.removed:
                self._table(type(doomed)).remove(doc_ids=[doomed.id])
                self._index(type(doomed)).pop(doomed.id, None)
            for changed in plan.changed:
                self.save(changed)

    def batch(self):  # noqa: ANN201 - a context manager
        """Group several changes into one write."""
        return self.storage.batch()

    def save_profile(self, profile: Profile) -> None:
        self._put_single("profile", profile.to_doc())
        self.campaign.profile = profile

    def save_settings(self, settings: Settings) -> None:
        self._put_single("settings", settings.to_doc())
        self.campaign.settings = settings

    def save_template(self, template: Template) -> None:
        """Store the user's own version of a template (the default stays in the code)."""
        with self.storage.mutex:
            overrides = dict(self._single("templates"))
            overrides[template.key] = template.to_doc()
            self._put_single("templates", overrides)
            self.campaign.templates[template.key] = template

    def reset_template(self, key: str) -> None:
        with self.storage.mutex:
            overrides = dict(self._single("templates"))
            overrides.pop(key, None)
            self._put_single("templates", overrides)
            self.campaign.templates.pop(key, None)

    def _put_single(self, table: str, doc: dict[str, Any]) -> None:
        with self.storage.mutex:
            _replace(self.db.table(table), SINGLE_DOC, doc)


def _replace(table: Table, doc_id: int, doc: dict[str, Any]) -> None:
    def overwrite(stored: dict[str, Any]) -> None:
        stored.clear()
        stored.update(doc)

    if table.contains(doc_id=doc_id):
        table.update(overwrite, doc_ids=[doc_id])
    else:
        table.insert(Document(doc, doc_id=doc_id))


def _parse(path: Path, table: str, model: type[M], doc: dict[str, Any], doc_id: int) -> M:
    try:
        return model.from_doc(doc, doc_id)
    except (TypeError, ValueError, KeyError, AttributeError) as error:
        raise DataFileError(
            f"{path} has a record in '{table}' (id {doc_id}) that cannot be read ({error}); "
            f"it was left untouched: restore a copy from {backups_folder(path)}."
        ) from None


def _backup(path: Path, label: str) -> Path:
    folder = backups_folder(path)
    folder.mkdir(mode=0o700, exist_ok=True)
    target = folder / f"{path.stem}.{label}{path.suffix}"
    shutil.copyfile(path, target)
    os.chmod(target, 0o600)
    return target


def _daily_backup(path: Path) -> None:
    """Keep one copy per day the file was opened, the newest few."""
    folder = backups_folder(path)
    label = date.today().isoformat()
    if (folder / f"{path.stem}.{label}{path.suffix}").exists():
        return
    try:
        _backup(path, label)
        dailies = sorted(folder.glob(f"{path.stem}.????-??-??{path.suffix}"))
        for old in dailies[:-DAILY_BACKUPS_KEPT]:
            old.unlink()
    except OSError:
        pass  # a backup that cannot be made must not stop the user from working

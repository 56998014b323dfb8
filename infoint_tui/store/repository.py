"""Typed load and save of a campaign: the only door between the models and the data file.

Opening a file checks it completely (JSON, shape, schema, every record) before anything is
written: a bad file is reported in one sentence and left byte-for-byte untouched. Older
schemas are migrated forward after a backup of the original bytes.

All access goes through the storage's mutex, so a worker thread and the UI thread can share
one repository. The `campaign` attribute is the in-memory, typed view the screens read.

Every change takes one path: it is checked (refused at once when the file is read-only or
closed), then made to the stored data and to `campaign` together, then written, at once or
by the writer thread. Records held in `campaign` are never edited in place: `save` takes a
changed copy and `edit` makes one, so a refused change leaves memory as it was, and a
failed write ("not saved", retried) leaves both the data and `campaign` holding the change.
Each write touches only the changed documents (`InPlaceTable`): its cost does not grow with
the campaign.

Changes made within `undoable(label)` become one step of the undo history (see `history`);
`undo` puts the records back through this same path: refused (read-only), it leaves memory
and the history as they were; a failed write keeps the undo in memory and retries, as for
any change. Profile, settings and templates are not part of the history.
"""

from __future__ import annotations

import contextlib
import copy
import threading
from collections.abc import Callable, Collection, Iterable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar, cast

from tinydb.table import Document, Table

from infoint_tui.domain.merge import merge_plan
from infoint_tui.domain.models import (
    TABLES,
    Campaign,
    Company,
    Interview,
    Model,
    Person,
    Profile,
    Settings,
    Template,
)
from infoint_tui.domain.removal import RemovalPlan, people_removal_plan, removal_plan
from infoint_tui.store.errors import DataFileError, LockedError, ReadOnlyFileError, SaveError
from infoint_tui.store.history import History, Key, Step
from infoint_tui.store.lock import WriterLock
from infoint_tui.store.long_lived import long_lived
from infoint_tui.store.migrations import CURRENT_SCHEMA, migrate
from infoint_tui.store.reading import (
    CAMPAIGN_ID,
    SINGLE_DOC,
    backups_folder,
    fresh_data,
    load_campaign,
    parse_data,
    read_text,
    schema_of,
    single,
)
from infoint_tui.store.storage import (
    Data,
    DurableStorage,
    ProblemListener,
    StatusListener,
    describe_os_error,
    read_only_mode,
    serialise,
    write_atomically,
)
from infoint_tui.store.table import InPlaceTable, InPlaceTinyDB

M = TypeVar("M", bound=Model)

DAILY_BACKUPS_KEPT = 7
MAIL_SEEN = "mail_seen"  # the table of the one document where mail checks keep what they saw


class Repository:
    def __init__(
        self, path: Path, data: Data, campaign: Campaign, *, lock: WriterLock | None, background: bool
    ) -> None:
        self.path = path
        self._lock = lock
        self.storage = DurableStorage(path, data, read_only=lock is None, background=background)
        self.db = InPlaceTinyDB(storage=lambda: self.storage)
        self.campaign = campaign
        #: The tables written since `take_written` last emptied it: what a change touched.
        self._written: set[str] = set()
        #: The session's undoable steps, newest last; `_step` gathers the one being made.
        self.history = History()
        self._step: Step | None = None
        if lock is not None:
            # A session left open for days (tmux) still gets its daily copy.
            self.storage.add_listener(self._daily_backup_after_save)

    # Opening ---------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path, *, read_only: bool = False, background: bool = False) -> Repository:
        """Open a data file (creating it if missing, unless read-only).

        Raises LockedError when another process writes to it, ReadOnlyFileError when the user
        made it read-only, DataFileError when it cannot be used as it is. Read-only, nothing is
        ever written, not even a backup.
        """
        # Resolved so that a symlinked data file is replaced where it points, not unlinked.
        path = Path(path).expanduser().resolve()
        if not read_only and (mode := read_only_mode(path)) is not None:
            raise ReadOnlyFileError(path, mode)
        lock = None if read_only else _lock(path)
        try:
            if lock is not None and not path.exists():
                write_atomically(path, serialise(fresh_data()))
            with long_lived():
                # The text is let go once parsed; read-only, nothing lives long enough for the peak to matter.
                data = parse_data(path, read_text(path), lean=not read_only)
                version = schema_of(path, data)
                data = migrate(data, version)
                campaign = load_campaign(path, data)  # every record checked before any write
            if lock is not None:
                _remove_stale_temps(path)
                if version < CURRENT_SCHEMA:
                    _backup_before_migration(path, version)
                    write_atomically(path, serialise(data))
            repo = cls(path, data, campaign, lock=lock, background=background)
            if lock is not None and background:
                # Copying a large file costs the first start of a day ~60 ms: not before the
                # first frame. The copy is atomic, so a quit during it leaves no half backup.
                threading.Thread(target=repo._daily_backup, name="infoint-backup", daemon=True).start()
            elif lock is not None:
                repo._daily_backup()
            return repo
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
            return cls.open(path, read_only=True), error.read_only_here()
        except ReadOnlyFileError as error:
            reason = error.saying("changes made now cannot be saved", "and start infoint again")
            return cls.open(path, read_only=True), str(reason)

    @property
    def read_only(self) -> bool:
        return self.storage.read_only

    def add_listener(self, listener: StatusListener) -> None:
        self.storage.add_listener(listener)

    def flush(self) -> None:
        """Write pending changes now (raises SaveError when the disk refuses)."""
        self.storage.flush()

    def close(self) -> None:
        """Stop the writer thread, write what is pending, and release the lock.

        Raises SaveError if the last write fails; the repository refuses changes afterwards.
        """
        try:
            self.storage.close()
        finally:
            if self._lock is not None:
                self._lock.release()
                self._lock = None

    def add_problem_listener(self, listener: ProblemListener) -> None:
        """Hear of failures that did not stop the work (a daily backup), earlier ones too."""
        self.storage.add_problem_listener(listener)

    def _daily_backup_after_save(self, saved_at: datetime | None, error: str | None) -> None:
        if error is None:
            self._daily_backup()

    def _daily_backup(self) -> None:
        """Keep one copy per day the file was opened or saved, the newest few."""
        path, folder = self.path, backups_folder(self.path)
        label = date.today().isoformat()
        if (folder / f"{path.stem}.{label}{path.suffix}").exists():
            return
        try:
            _backup(path, path.read_bytes(), label)
            dailies = sorted(folder.glob(f"{path.stem}.????-??-??{path.suffix}"))
            for old in dailies[:-DAILY_BACKUPS_KEPT]:
                old.unlink()
        except (OSError, SaveError) as error:
            # Not a reason to stop the user from working, but one to tell them.
            reason = error.strerror if isinstance(error, OSError) else str(error).removeprefix("not saved: ")
            self.storage.report_problem(
                f"Today's backup of {path.name} could not be made in {folder} ({reason}); your data itself is saved."
            )

    # Changing: the one path (see the module's docstring) ---------------------------------

    @contextlib.contextmanager
    def _change(self) -> Iterator[None]:
        """Refuse at once when read-only; else change the data and memory, then write (or schedule) it."""
        self.storage.check_writable()
        with self.storage.batch():
            yield

    def _table(self, model: type[Model]) -> Table:
        """The table of `model`, to be written."""
        self._written.add(TABLES[model])
        return self.db.table(TABLES[model])

    def take_written(self) -> frozenset[str]:
        """The names of the tables written since the last call (meta included)."""
        written, self._written = frozenset(self._written), set()
        return written

    def _index(self, model: type[Model]) -> dict[int, Any]:
        return getattr(self.campaign, TABLES[model])

    @contextlib.contextmanager
    def undoable(self, label: str) -> Iterator[None]:
        """Make the changes within one step of the undo history, which the app shows as `label`.

        A change refused before it touched anything leaves no step. Nested, the changes join
        the outer step.
        """
        if self._step is not None:
            yield
            return
        step = Step(label)
        with self.storage.batch():  # holds the mutex: no other thread's change joins the step
            self._step = step
            try:
                yield
            finally:
                self._step = None
                if step.before:  # also after a failure part-way: what changed can be put back
                    self.history.push(step)

    def _touching(self, images: Iterable[tuple[Key, Model | None]]) -> None:
        """Note the records about to change, each with its image before (None: being created)."""
        if self._step is not None:
            for key, before in images:
                self._step.touched(key, before)
        else:
            self.history.forget_touching(key for key, _ in images)

    def undo(self) -> str | None:
        """Put back every record the newest step touched as it was before; the step's label,
        or None when there is nothing to undo.

        Refused (ReadOnlyError) before anything changes when the file cannot be written: the
        step stays in the history. A failed write, as for any change, is retried.
        """
        return self._put_back(self.history.last, self.history.undone)

    def redo(self) -> str | None:
        """Make the last step undone again (as `undo`, the other way); its label, or None."""
        return self._put_back(self.history.redoable, self.history.redone)

    def _put_back(self, step: Step | None, done: Callable[[Step], None]) -> str | None:
        """Give each record `step` touched its image before; `done` hears the step that reverses this."""
        if step is None:
            return None
        with self._change():
            inverse = Step(step.label)
            for (model, doc_id), before in step.before.items():
                table, index = self._table(model), self._index(model)
                inverse.touched((model, doc_id), index.get(doc_id))
                if before is None:
                    table.remove(doc_ids=[doc_id])
                    index.pop(doc_id, None)
                else:
                    _replace(table, doc_id, before.to_doc())
                    index[doc_id] = before
            done(inverse)
        return step.label

    def add(self, item: M) -> M:
        """Store a new record; gives it its id."""
        doc = item.to_doc()
        with self._change():
            item.id = self._table(type(item)).insert(doc)
            self._touching([((type(item), item.id), None)])
            self._index(type(item))[item.id] = item
            if isinstance(item, Interview):
                self._give_campaign_id()
        return item

    def add_many(self, items: Iterable[M]) -> list[M]:
        """Store several new records in one write (imports)."""
        items = list(items)
        with self._change():
            for model in {type(item): None for item in items}:  # first-seen order
                group = [item for item in items if type(item) is model]
                ids = self._table(model).insert_multiple(item.to_doc() for item in group)
                index = self._index(model)
                for item, doc_id in zip(group, ids, strict=True):
                    item.id = doc_id
                    index[doc_id] = item
                self._touching(((model, doc_id), None) for doc_id in ids)
        return items

    def save(self, item: M) -> M:
        """Store a changed copy of a record in place of the one held under its id.

        Hand over a copy (`dataclasses.replace(record, ...)`, or use `edit`), never the held
        record changed in place: only then does a refused save leave the campaign as it was.
        """
        doc = item.to_doc()
        with self._change():
            index = self._index(type(item))
            self._touching([((type(item), item.id), index.get(item.id))])
            _replace(self._table(type(item)), item.id, doc)
            index[item.id] = item
            if isinstance(item, Interview):
                self._give_campaign_id()
        return item

    def edit(self, item: M, change: Callable[[M], object]) -> M:
        """Save what `change` makes of a deep copy of `item`; `item` itself is left as it was.

        For changes inside a record's lists (an attempt logged, a question ticked).
        """
        updated = copy.deepcopy(item)
        change(updated)
        return self.save(updated)

    def save_many(self, items: Iterable[Model]) -> None:
        """Store changed copies of several records (see `save`) in one write: all or none."""
        with self.batch():  # refused before the first when read-only
            for item in items:
                self.save(item)

    def remove(self, item: Model) -> None:
        """Delete a record and everything that goes with it (see `removal_plan`)."""
        self._carry_out(removal_plan(self.campaign, item))

    def remove_people(self, people: Collection[Person]) -> None:
        """Delete several people and everything that goes with them, in one write."""
        self._carry_out(people_removal_plan(self.campaign, people))

    def _carry_out(self, plan: RemovalPlan) -> None:
        with self._change():
            for model in {type(doomed): None for doomed in plan.removed}:  # first-seen order
                doomed = [item.id for item in plan.removed if type(item) is model]
                index = self._index(model)
                self._touching([((model, doc_id), index.get(doc_id)) for doc_id in doomed])
                self._table(model).remove(doc_ids=doomed)
                for doc_id in doomed:
                    index.pop(doc_id, None)
            for changed in plan.changed:
                self.save(changed)

    def merge_companies(self, keep: Company, absorb: Company) -> None:
        """Move `absorb`'s people to `keep`, fill `keep`'s gaps from it, remove it: one write."""
        plan = merge_plan(self.campaign, keep, absorb)
        with self.batch():  # the first save refuses a read-only file before anything changes
            for item in [plan.keep, *plan.people]:
                self.save(item)
            self.remove(absorb)

    def batch(self) -> contextlib.AbstractContextManager[None]:
        """Group several changes into one write; when read-only, refused before any of them."""
        self.storage.check_writable()
        return self.storage.batch()

    def save_profile(self, profile: Profile) -> None:
        with self._change():
            self._putsingle("profile", profile.to_doc())
            self.campaign.profile = profile

    def save_settings(self, settings: Settings) -> None:
        with self._change():
            self._putsingle("settings", settings.to_doc())
            self.campaign.settings = settings

    def save_template(self, template: Template) -> None:
        """Store the user's own version of a template (the default stays in the code)."""
        with self._change():
            overrides = dict(single(self.storage.read(), "templates"))
            overrides[template.key] = template.to_doc()
            self._putsingle("templates", overrides)
            self.campaign.templates[template.key] = template

    def reset_template(self, key: str) -> None:
        with self._change():
            overrides = dict(single(self.storage.read(), "templates"))
            overrides.pop(key, None)
            self._putsingle("templates", overrides)
            self.campaign.templates.pop(key, None)

    def mail_seen(self) -> dict[str, Any]:
        """What the mail checks saw of each mailbox (see `infoint_tui.mail.reading`)."""
        return dict(single(self.storage.read(), MAIL_SEEN))

    def save_mail_seen(self, seen: dict[str, Any]) -> None:
        """Kept in the data file, not beside it: a file restored from a backup then reads
        again the mail it had not recorded yet."""
        with self._change():
            self._putsingle(MAIL_SEEN, seen)

    def _putsingle(self, table: str, doc: dict[str, Any]) -> None:
        self._written.add(table)
        _replace(self.db.table(table), SINGLE_DOC, doc)

    # The campaign as a whole -----------------------------------------------------------

    @property
    def campaign_id(self) -> str:
        """The random id that keeps this campaign's calendar entries apart from any other's.

        Made on first need and kept in the meta document: when an interview is stored, or
        here. DataFileError when there is none yet and this file is open read-only.
        """
        if not self.campaign.id:
            if self.read_only:
                raise DataFileError(
                    f"{self.path} has no calendar id yet and is open in another infoint, which alone "
                    "may give it one: book or move an interview there, or quit it, then try again."
                )
            with self._change():
                self._give_campaign_id()
        return self.campaign.id

    def _give_campaign_id(self) -> None:
        """Store a new random campaign id unless there is one (call within a change)."""
        if not self.campaign.id:
            import secrets  # here: it costs every read of the file ~5 ms, for an id made once

            self.campaign.id = secrets.token_hex(8)
            self._putsingle("meta", {**single(self.storage.read(), "meta"), CAMPAIGN_ID: self.campaign.id})

    def replace_all(self, campaign: Campaign) -> None:
        """Make the file hold `campaign` and nothing else, ids kept, in one write.

        For restoring a backup. The campaign's id comes along (else the file keeps its own),
        so that calendars update their entries rather than doubling them.
        """
        with self._change():
            meta = dict(single(self.storage.read(), "meta"))
            campaign.id = campaign.id or meta.get(CAMPAIGN_ID, "")
            if campaign.id:
                meta[CAMPAIGN_ID] = campaign.id
            self.db.drop_tables()
            self._written.update([*TABLES.values(), "templates"])  # dropped even if none come back
            for name in TABLES.values():
                records = getattr(campaign, name).items()
                self.db.table(name).insert_multiple(Document(item.to_doc(), doc_id=i) for i, item in records)
            self._putsingle("meta", meta)
            if campaign.templates:
                self._putsingle("templates", {key: t.to_doc() for key, t in campaign.templates.items()})
            self._putsingle("profile", campaign.profile.to_doc())
            self._putsingle("settings", campaign.settings.to_doc())
            self.campaign = campaign
            self.history.clear()  # its steps were about records no longer held

    def back_up(self, label: str) -> Path:
        """A copy of the data as it is now in backups/, under a name no other copy has.

        SaveError when it cannot be made.
        """
        free, n = label, 2
        while (backups_folder(self.path) / f"{self.path.stem}.{free}{self.path.suffix}").exists():
            free, n = f"{label}-{n}", n + 1
        try:
            return _backup(self.path, serialise(self.storage.read()), free)
        except OSError as error:
            raise SaveError(describe_os_error(error, backups_folder(self.path))) from None


def _replace(table: Table, doc_id: int, doc: dict[str, Any]) -> None:
    cast(InPlaceTable, table).put(doc_id, doc)


def _lock(path: Path) -> WriterLock:
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as error:
        raise DataFileError(
            f"The folder {path.parent} cannot be created ({error.strerror}); choose another --db."
        ) from None
    lock = WriterLock(path)
    lock.acquire()
    return lock


def _remove_stale_temps(path: Path) -> None:
    # Only the lock holder writes temp files for this path: any found now were left by a
    # writer that was killed mid-write (see write_atomically).
    for stale in path.parent.glob(f".{path.name}.*.tmp"):
        with contextlib.suppress(OSError):  # tidying only: never a reason to refuse the file
            stale.unlink()


def _backup(path: Path, payload: bytes, label: str) -> Path:
    """Write a private, durable copy into backups/; raises OSError or SaveError."""
    folder = backups_folder(path)
    folder.mkdir(mode=0o700, exist_ok=True)
    target = folder / f"{path.stem}.{label}{path.suffix}"
    write_atomically(target, payload)
    return target


def _backup_before_migration(path: Path, version: int) -> None:
    try:
        # Read again rather than kept from the parse: the lock holder alone writes the file.
        _backup(path, path.read_bytes(), f"schema{version}-{datetime.now():%Y%m%d-%H%M%S}")
    except (OSError, SaveError) as error:
        reason = error.strerror if isinstance(error, OSError) else str(error).removeprefix("not saved: ")
        raise DataFileError(
            f"{path} needs upgrading to schema {CURRENT_SCHEMA} but no backup of it could be made "
            f"in {backups_folder(path)} ({reason}); it was left untouched: free some space or fix "
            "that folder's permissions, then open it again."
        ) from None

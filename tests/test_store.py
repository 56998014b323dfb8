"""The storage layer in one process: bad files, read-only, locks, failed writes, backups, modes.

Disk-full and read-only folders are simulated by making the storage's own os calls fail:
tests run as root, where a chmod-ed folder does not stop a write.
"""

from __future__ import annotations

import dataclasses
import errno
import gc
import os
import socket
import stat
import threading
import weakref
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path

import orjson
import pytest
from tinydb import TinyDB

from infoint_tui.domain.models import Interview, Person, Profile, Settings, Template
from infoint_tui.store import lock as lock_module
from infoint_tui.store import repository as repository_module
from infoint_tui.store import storage as storage_module
from infoint_tui.store.errors import DataFileError, LockedError, ReadOnlyError, SaveError
from infoint_tui.store.migrations import CURRENT_SCHEMA
from infoint_tui.store.reading import backups_folder
from infoint_tui.store.repository import DAILY_BACKUPS_KEPT, Repository

GOOD_PERSON = {"name": "Ana Ruiz", "degree": "1st"}
STAMP = {"meta": {"1": {"schema": CURRENT_SCHEMA}}}


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def snapshot(path: Path) -> tuple[bytes, int]:
    return path.read_bytes(), path.stat().st_mtime_ns


def dump(data: object) -> bytes:
    return orjson.dumps(data, option=orjson.OPT_INDENT_2)


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    yield
    os.umask(old)


@pytest.fixture
def quick_writer(monkeypatch: pytest.MonkeyPatch) -> None:
    """The background writer's pauses (pacing, retry) made short for tests that wait on it."""
    monkeypatch.setattr(storage_module, "PACE_SECONDS", 0.01)
    monkeypatch.setattr(storage_module, "RETRY_SECONDS", 0.01)


@pytest.fixture
def opened(tmp_path: Path) -> Iterator[Repository]:
    repo = Repository.open(tmp_path / "data.json")
    yield repo
    repo.close()


Report = tuple[datetime | None, str | None]


class Recorder:
    """A storage listener that keeps every report and lets a test wait for one."""

    def __init__(self) -> None:
        self.reports: list[Report] = []
        self._changed = threading.Condition()

    def __call__(self, saved_at: datetime | None, error: str | None) -> None:
        with self._changed:
            self.reports.append((saved_at, error))
            self._changed.notify_all()

    def wait_for(self, predicate: Callable[[list[Report]], bool], timeout: float = 10.0) -> None:
        with self._changed:
            assert self._changed.wait_for(lambda: predicate(self.reports), timeout), self.reports


# Bad files: one sentence, file untouched ------------------------------------------------

BAD_FILES = {
    "invalid JSON": b'{"people": {"1": {"name": "Ana"',
    "empty": b"",
    "not UTF-8": b'{"people": {"1": {"name": "\xff"}}}',
    "a list": b"[1, 2]",
    "a table that is a list": dump({"people": [1, 2]}),
    "a record that is a number": dump({**STAMP, "people": {"1": 5}}),
    "a record id that is not a number": dump({**STAMP, "people": {"abc": GOOD_PERSON}}),
    "a profile under an id that is not a number": dump({**STAMP, "profile": {"me": {"name": "Alex"}}}),
    "a bad date": dump({**STAMP, "interviews": {"1": {"person_id": 1, "when": "2026-13-45T10:00"}}}),
    "a record missing its name": dump({**STAMP, "people": {"1": {"title": "CEO"}}}),
    "a newer schema": dump({"meta": {"1": {"schema": CURRENT_SCHEMA + 1}}, "people": {"1": GOOD_PERSON}}),
    "a schema that is not a number": dump({"meta": {"1": {"schema": "two"}}}),
    # Schema 0 needs a migration: the bad record must be found before anything is written.
    "schema 0 with a bad record": dump({"people": {"1": GOOD_PERSON, "2": {"name": "B", "connected_on": "soon"}}}),
}


def truncated_demo() -> bytes:
    from infoint_tui.demo import demo_data
    from infoint_tui.store.storage import serialise

    whole = serialise(demo_data(60, date(2026, 11, 26)))
    return whole[: len(whole) // 2]


@pytest.mark.parametrize("read_only", [False, True], ids=["writable", "read-only"])
@pytest.mark.parametrize("content", [*BAD_FILES, "truncated demo"])
def test_a_bad_file_is_refused_in_one_sentence_and_left_untouched(
    tmp_path: Path, content: str, read_only: bool
) -> None:
    path = tmp_path / "data.json"
    path.write_bytes(truncated_demo() if content == "truncated demo" else BAD_FILES[content])
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))  # an mtime any rewrite would change
    before = snapshot(path)

    with pytest.raises(DataFileError) as raised:
        Repository.open(path, read_only=read_only)

    message = str(raised.value)
    assert str(path) in message
    assert "\n" not in message and message.endswith(".") and ". " not in message.rstrip(".")
    assert snapshot(path) == before
    assert not backups_folder(path).exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data.json"] + ([] if read_only else ["data.json.lock"])
    if not read_only:
        path.write_bytes(dump(STAMP))
        Repository.open(path).close()  # the refusal released the lock


def test_a_missing_file_is_created_but_not_when_read_only(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="There is no data file at"):
        Repository.open(tmp_path / "absent.json", read_only=True)
    assert list(tmp_path.iterdir()) == []

    repo = Repository.open(tmp_path / "sub" / "new.json")
    repo.close()
    assert orjson.loads((tmp_path / "sub" / "new.json").read_bytes()) == STAMP


def test_opening_leaves_the_garbage_collector_on(tmp_path: Path, demo_file: Path) -> None:
    Repository.open(demo_file, read_only=True)
    assert gc.isenabled()
    (tmp_path / "bad.json").write_bytes(b"[")
    with pytest.raises(DataFileError):
        Repository.open(tmp_path / "bad.json", read_only=True)
    assert gc.isenabled()


def test_opening_never_makes_earlier_garbage_immortal(demo_file: Path) -> None:
    class Node:
        pass

    node = Node()
    node.itself = node  # type: ignore[attr-defined]  # a cycle: only the collector frees it
    gc.collect()  # now old: only a full collection would look at it again
    gone = weakref.ref(node)
    del node
    Repository.open(demo_file, read_only=True)  # loads, then freezes what is alive
    gc.collect()
    assert gone() is None


def test_no_collection_walks_the_copies_a_write_makes(monkeypatch: pytest.MonkeyPatch, demo_file: Path) -> None:
    # Each collection meanwhile would walk every record of the copied tables, on any thread.
    collecting: list[bool] = []
    write = storage_module.write_atomically

    def watched(path: Path, payload) -> None:
        collecting.append(gc.isenabled())
        write(path, payload)

    monkeypatch.setattr(storage_module, "write_atomically", watched)
    repo = Repository.open(demo_file)
    person = repo.campaign.people[1]
    repo.save(dataclasses.replace(person, name=person.name + " Jr"))
    repo.close()
    assert collecting and not any(collecting)
    assert gc.isenabled()  # on again once written


# Privacy -------------------------------------------------------------------------------


def test_data_lock_and_backups_are_private_under_a_permissive_umask(tmp_path: Path, umask_022: None) -> None:
    path = tmp_path / "data.json"
    repo = Repository.open(path)
    repo.add(Person("Ana"))
    assert mode(path) == 0o600
    assert mode(tmp_path / "data.json.lock") == 0o600
    backups = list(backups_folder(path).iterdir())
    assert backups and all(mode(backup) == 0o600 for backup in backups)
    assert mode(backups_folder(path)) == 0o700
    repo.close()


def test_a_file_made_public_becomes_private_at_the_next_save(tmp_path: Path, umask_022: None) -> None:
    path = tmp_path / "data.json"
    Repository.open(path).close()
    os.chmod(path, 0o644)
    # A temp file left by a killed writer with the same pid keeps its mode through O_TRUNC.
    stale = tmp_path / f".data.json.{os.getpid()}.tmp"
    repo = Repository.open(path)
    stale.write_bytes(b"junk")
    os.chmod(stale, 0o644)
    repo.add(Person("Ana"))
    repo.close()
    assert mode(path) == 0o600


def test_a_lock_file_left_wider_is_made_private(tmp_path: Path, umask_022: None) -> None:
    path = tmp_path / "data.json"
    lock_file = tmp_path / "data.json.lock"
    lock_file.write_text("")
    os.chmod(lock_file, 0o644)
    Repository.open(path).close()
    assert mode(lock_file) == 0o600


# Read-only ------------------------------------------------------------------------------


def test_read_only_refuses_every_change_and_writes_nothing(tmp_path: Path, demo_file: Path) -> None:
    before = snapshot(demo_file)
    repo = Repository.open(demo_file, read_only=True)
    assert repo.read_only
    people = dict(repo.campaign.people)
    data = orjson.dumps(repo.storage.read())
    person = repo.campaign.people[1]
    changes = [
        lambda: repo.add(Person("Zoë")),
        lambda: repo.add_many([Person("Zoë")]),
        lambda: repo.save(person),
        lambda: repo.remove(person),
        lambda: repo.save_profile(Profile(name="X")),
        lambda: repo.save_settings(Settings(follow_up_days=3)),
        lambda: repo.save_template(Template("thank", "T", "S", "B")),
        lambda: repo.reset_template("thank"),
    ]
    for change in changes:
        with pytest.raises(ReadOnlyError, match="read-only"):
            change()
    repo.flush()
    repo.close()
    assert repo.campaign.people == people
    assert orjson.dumps(repo.storage.read()) == data  # not even the in-memory copy moved
    assert snapshot(demo_file) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.json"]  # no lock, no backups


def test_a_closed_repository_refuses_changes(opened: Repository) -> None:
    opened.close()
    with pytest.raises(ReadOnlyError, match="closed"):
        opened.add(Person("Ana"))  # without the lock, a write could race another writer


# One writer ------------------------------------------------------------------------------


def test_a_second_writer_is_told_who_holds_the_file(opened: Repository) -> None:
    with pytest.raises(LockedError) as raised:
        Repository.open(opened.path)
    assert f"pid {os.getpid()} on {socket.gethostname()}" in str(raised.value)
    assert str(opened.path) in str(raised.value)

    second, reason = Repository.open_or_read_only(opened.path)
    assert second.read_only and reason == raised.value.read_only_here()
    assert "so this one only reads it" in reason
    opened.close()
    Repository.open(opened.path).close()  # released at close


# The write itself ------------------------------------------------------------------------


def test_the_write_protocol_is_temp_fsync_replace_fsync_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "data.json"
    repo = Repository.open(path)
    calls: list[tuple[str, str]] = []
    names: dict[int, str] = {}
    real_open, real_fsync, real_replace = os.open, os.fsync, os.replace

    def spy_open(name: object, *args: object, **kwargs: object) -> int:
        fd = real_open(name, *args, **kwargs)
        names[fd] = str(name)
        return fd

    def spy_fsync(fd: int) -> None:
        calls.append(("fsync", names[fd]))
        real_fsync(fd)

    def spy_replace(source: object, target: object) -> None:
        calls.append(("replace", f"{source} -> {target}"))
        real_replace(source, target)

    monkeypatch.setattr(storage_module.os, "open", spy_open)
    monkeypatch.setattr(storage_module.os, "fsync", spy_fsync)
    monkeypatch.setattr(storage_module.os, "replace", spy_replace)
    repo.add(Person("Zoë", tags=["b", "a"]))
    monkeypatch.undo()
    repo.close()

    temp = str(tmp_path / f".data.json.{os.getpid()}.tmp")
    assert calls[:3] == [("fsync", temp), ("replace", f"{temp} -> {path}"), ("fsync", str(tmp_path))]
    # Sorted keys and indentation: the file diffs well under git.
    text = path.read_bytes()
    assert text == orjson.dumps(orjson.loads(text), option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS) + b"\n"
    assert "Zoë".encode() in text


def test_a_file_system_without_locks_is_not_mistaken_for_another_writer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_locks(fd: int, operation: int) -> None:
        raise OSError(errno.ENOLCK, os.strerror(errno.ENOLCK))

    monkeypatch.setattr(lock_module.fcntl, "flock", no_locks)
    with pytest.raises(DataFileError, match="cannot be locked") as raised:
        Repository.open(tmp_path / "data.json")
    assert not isinstance(raised.value, LockedError)


# Failed writes: "not saved", kept in memory, written later -------------------------------


def failing(monkeypatch: pytest.MonkeyPatch, name: str, code: int) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(storage_module.os, name, refuse)


@pytest.mark.parametrize(
    ("call", "code", "said"),
    [
        ("write", errno.ENOSPC, "is full"),
        ("replace", errno.ENOSPC, "is full"),
        ("open", errno.EACCES, "cannot be written to"),
        ("open", errno.EROFS, "cannot be written to"),
        ("fsync", errno.EIO, "Input/output error"),
    ],
)
def test_a_failed_save_says_not_saved_and_keeps_the_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, call: str, code: int, said: str
) -> None:
    path = tmp_path / "data.json"
    repo = Repository.open(path)
    ana = repo.add(Person("Ana"))
    recorder = Recorder()
    repo.add_listener(recorder)
    on_disk = path.read_bytes()

    with monkeypatch.context() as patch:
        failing(patch, call, code)
        ana.notes = "met at the meetup"
        with pytest.raises(SaveError, match=f"^not saved: .*{said}") as raised:
            repo.save(ana)
        with pytest.raises(SaveError, match=r"^not saved"):
            repo.add(Person("Zoë"))

    last_good = recorder.reports[0][0]
    assert last_good is not None  # the add before the failure was saved
    assert (last_good, str(raised.value)) in recorder.reports  # the failure keeps the last good time
    zoe = repo.campaign.people[2]
    assert repo.campaign.people[1].notes == "met at the meetup"
    assert zoe.id == 2 and zoe.name == "Zoë"
    assert path.read_bytes() == on_disk
    assert sorted(p.name for p in tmp_path.iterdir()) == ["backups", "data.json", "data.json.lock"]

    repo.flush()
    saved_at, error = recorder.reports[-1]
    assert error is None and saved_at > last_good
    repo.close()
    reopened = Repository.open(path, read_only=True).campaign.people
    assert reopened[1].notes == "met at the meetup" and reopened[2].name == "Zoë"


def test_the_background_writer_reports_a_failure_and_retries_until_saved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, quick_writer: None
) -> None:
    path = tmp_path / "data.json"
    repo = Repository.open(path, background=True)
    recorder = Recorder()
    repo.add_listener(recorder)
    full = threading.Event()
    real_write = os.write

    def write(fd: int, data: bytes) -> int:
        if not full.is_set():
            return real_write(fd, data)
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(storage_module.os, "write", write)
    full.set()
    repo.add(Person("Ana"))  # returns at once: the writer thread does the writing
    recorder.wait_for(lambda reports: any(error and "not saved" in error for _, error in reports))
    assert repo.campaign.people[1].name == "Ana"
    full.clear()
    recorder.wait_for(lambda reports: reports[-1][1] is None)
    repo.close()
    assert Repository.open(path, read_only=True).campaign.people[1].name == "Ana"


def test_a_burst_of_changes_is_gathered_into_one_later_write(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(storage_module, "PACE_SECONDS", 3600)  # only close() ends the pause
    repo = Repository.open(tmp_path / "data.json", background=True)
    ana = Person("Ana")
    writers: list[str] = []
    typed = threading.Event()

    def type_a_burst(saved_at: object, error: object) -> None:
        # Runs on the writer thread just after its first write, before it pauses.
        writers.append(threading.current_thread().name)
        if len(writers) == 1:
            for word in range(50):
                ana.notes += f"word {word} "
                repo.save(ana)
            typed.set()

    repo.add_listener(type_a_burst)
    repo.add(ana)  # a lone change: written at once
    assert typed.wait(10)
    repo.close()
    assert writers == ["infoint-writer", "MainThread"]  # the burst waited for close()
    assert Repository.open(tmp_path / "data.json", read_only=True).campaign.people[1].notes == ana.notes


def test_close_reports_a_last_write_that_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = Repository.open(tmp_path / "data.json")
    with monkeypatch.context() as patch:
        failing(patch, "replace", errno.ENOSPC)
        with pytest.raises(SaveError):
            repo.add(Person("Ana"))
        with pytest.raises(SaveError, match="not saved"):
            repo.close()
    Repository.open(tmp_path / "data.json").close()  # the lock was released all the same


def test_an_unserialisable_value_is_not_saved_loudly_and_the_writer_survives(
    tmp_path: Path, quick_writer: None
) -> None:
    repo = Repository.open(tmp_path / "data.json", background=True)
    recorder = Recorder()
    repo.add_listener(recorder)
    ana = Person("Ana", tags={"set", "by", "a", "bug"})  # type: ignore[arg-type]
    repo.add(ana)
    recorder.wait_for(lambda reports: any(error and "not saved" in error for _, error in reports))
    ana.tags = ["fixed"]
    repo.save(ana)
    recorder.wait_for(lambda reports: reports[-1][1] is None)
    repo.close()
    assert Repository.open(tmp_path / "data.json", read_only=True).campaign.people[1].tags == ["fixed"]


def test_a_failing_listener_does_not_stop_the_saving(tmp_path: Path, quick_writer: None) -> None:
    repo = Repository.open(tmp_path / "data.json", background=True)

    def broken(saved_at: object, error: object) -> None:
        raise RuntimeError("the app is shutting down")

    recorder = Recorder()
    repo.add_listener(broken)
    repo.add_listener(recorder)
    repo.add(Person("Ana"))
    recorder.wait_for(lambda reports: len(reports) >= 1)
    repo.add(Person("Zoë"))
    recorder.wait_for(lambda reports: len(reports) >= 2)
    repo.close()
    assert len(Repository.open(tmp_path / "data.json", read_only=True).campaign.people) == 2


def test_an_interrupted_write_leaves_no_temp_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "data.json"
    repo = Repository.open(path)
    on_disk = path.read_bytes()

    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(storage_module.os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        repo.add(Person("Ana"))
    assert path.read_bytes() == on_disk
    assert not list(tmp_path.glob(".*.tmp"))
    monkeypatch.undo()
    repo.close()


def test_a_batch_is_one_write(opened: Repository) -> None:
    recorder = Recorder()
    opened.add_listener(recorder)
    with opened.batch():
        ana = opened.add(Person("Ana"))
        opened.add(Person("Zoë", introducer_id=ana.id))
        opened.save_profile(Profile(name="Alex"))
    assert len(recorder.reports) == 1
    opened.remove(ana)  # with the unlinking of Zoë's introducer: one write
    assert len(recorder.reports) == 2
    assert opened.campaign.people[2].introducer_id is None


def test_every_change_reaches_the_file(tmp_path: Path) -> None:
    path = tmp_path / "data.json"
    repo = Repository.open(path, background=True)
    ana, zoe = repo.add_many([Person("Ana"), Person("Zoë")])
    repo.add(Interview(ana.id, when=datetime(2026, 11, 26, 14, 30)))
    repo.save_settings(Settings(follow_up_days=5))
    repo.save_profile(Profile(name="Alex"))
    repo.save_template(Template("thank", "Thanks", "Thank you", "Dear {first_name}"))
    repo.save_template(Template("cold", "Cold", "Hello", "Hi"))
    repo.reset_template("cold")
    repo.remove(zoe)
    repo.close()
    campaign = Repository.open(path, read_only=True).campaign
    assert [p.name for p in campaign.people.values()] == ["Ana"]
    assert campaign.settings.follow_up_days == 5 and campaign.profile.name == "Alex"
    assert list(campaign.templates) == ["thank"]
    assert len(campaign.interviews) == 1


def test_the_file_is_whole_after_each_change_though_only_touched_tables_are_serialised_again(
    tmp_path: Path, demo_file: Path
) -> None:
    """The writer keeps each table's text and redoes only the tables a change touched: the
    file must still be, after every kind of change, exactly the whole campaign in memory."""
    path = tmp_path / "data.json"
    path.write_bytes(demo_file.read_bytes())
    repo = Repository.open(path)
    first = next(iter(repo.campaign.people.values()))
    changes: list[Callable[[], object]] = [
        lambda: repo.save(dataclasses.replace(first, title="Head of Research")),
        lambda: repo.add(Interview(first.id, when=datetime(2026, 11, 26, 14, 30))),
        lambda: repo.save_profile(Profile(name="Alex")),
        lambda: repo.save_template(Template("thank", "Thanks", "Thank you", "Dear {first_name}")),
        lambda: repo.remove(first),  # several tables at once (their links)
        lambda: repo.replace_all(repo.campaign),  # every table dropped and written again
        lambda: repo.add(Person("Zoë")),
    ]
    for change in changes:
        change()
        assert path.read_bytes() == storage_module.serialise(repo.storage.read())
    repo.close()


def test_a_symlinked_data_file_stays_a_symlink(tmp_path: Path) -> None:
    real = tmp_path / "dotfiles" / "infoint.json"
    real.parent.mkdir()
    Repository.open(real).close()
    link = tmp_path / "infoint.json"
    link.symlink_to(real)
    repo = Repository.open(link)
    repo.add(Person("Ana"))
    repo.close()
    assert link.is_symlink()
    assert Repository.open(real, read_only=True).campaign.people[1].name == "Ana"


def test_temp_files_of_a_killed_writer_are_tidied_on_open(tmp_path: Path) -> None:
    path = tmp_path / "data.json"
    Repository.open(path).close()
    (tmp_path / ".data.json.99999.tmp").write_bytes(b'{"half":')
    Repository.open(path, read_only=True).close()
    assert (tmp_path / ".data.json.99999.tmp").exists()  # read-only touches nothing
    Repository.open(path).close()
    assert not list(tmp_path.glob(".*.tmp"))


# Schema and backups ----------------------------------------------------------------------


def stock_tinydb_file(path: Path) -> bytes:
    """What stock TinyDB writes: the same tables, no schema stamp (schema 0)."""
    with TinyDB(path) as db:
        db.table("people").insert({"name": "Ana Ruiz", "title": "UX Researcher"})
        db.table("companies").insert({"name": "Globex"})
    return path.read_bytes()


def test_a_schema_0_file_is_backed_up_then_migrated(tmp_path: Path, umask_022: None) -> None:
    path = tmp_path / "data.json"
    original = stock_tinydb_file(path)
    repo = Repository.open(path)
    repo.close()
    migration_backups = list(backups_folder(path).glob("data.schema0-*.json"))
    assert len(migration_backups) == 1
    assert migration_backups[0].read_bytes() == original
    assert mode(migration_backups[0]) == 0o600
    data = orjson.loads(path.read_bytes())
    assert data["meta"]["1"]["schema"] == CURRENT_SCHEMA
    assert data["people"]["1"]["degree"] == "cold"
    assert repo.campaign.people[1].name == "Ana Ruiz"


def test_a_schema_0_file_opened_read_only_is_migrated_in_memory_only(tmp_path: Path) -> None:
    path = tmp_path / "data.json"
    stock_tinydb_file(path)
    before = snapshot(path)
    repo = Repository.open(path, read_only=True)
    assert repo.campaign.people[1].degree == "cold"
    assert snapshot(path) == before
    assert not backups_folder(path).exists()


def test_no_migration_without_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "data.json"
    stock_tinydb_file(path)
    backups_folder(path).write_text("a file where the folder should be")
    before = snapshot(path)
    with pytest.raises(DataFileError, match="no backup of it could be made") as raised:
        Repository.open(path)
    assert str(path) in str(raised.value)
    assert snapshot(path) == before


def test_daily_backups_keep_the_newest_seven(tmp_path: Path) -> None:
    path = tmp_path / "data.json"
    Repository.open(path).close()
    folder = backups_folder(path)
    for old in folder.iterdir():
        old.unlink()
    olds = [f"data.2020-01-{day:02d}.json" for day in range(1, 10)]
    for name in olds:
        (folder / name).write_text("{}")
    (folder / "data.schema0-20200101-000000.json").write_text("{}")  # not a daily: kept

    repo = Repository.open(path)
    repo.close()
    today = f"data.{date.today().isoformat()}.json"
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [*olds[-(DAILY_BACKUPS_KEPT - 1) :], today, "data.schema0-20200101-000000.json"]
    )
    assert (folder / today).read_bytes() == path.read_bytes()


def test_a_session_left_open_past_midnight_still_backs_up(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "data.json"
    repo = Repository.open(path)

    class Tomorrow(date):
        @classmethod
        def today(cls) -> date:
            return date(2099, 1, 2)

    monkeypatch.setattr(repository_module, "date", Tomorrow)
    repo.add(Person("Ana"))
    repo.close()
    assert (backups_folder(path) / "data.2099-01-02.json").read_bytes() == path.read_bytes()


def test_the_app_s_daily_backup_is_made_off_the_opening_thread(tmp_path: Path) -> None:
    import threading

    path = tmp_path / "data.json"
    Repository.open(path).close()
    today = backups_folder(path) / f"data.{date.today().isoformat()}.json"
    today.unlink()

    repo = Repository.open(path, background=True)
    for thread in threading.enumerate():
        if thread.name == "infoint-backup":
            thread.join(timeout=10)
    repo.close()
    assert today.read_bytes() == path.read_bytes()

"""Checking the mail while the app runs: once just after start-up, then every few minutes.

The mailboxes are read on a daemon thread of its own, not a Textual worker: workers run in
asyncio's executor, which quitting waits for, so a server that hangs would hold the quit
for the whole timeout. Reading changes nothing, so quitting abandons it at once. What it
found is recorded on the UI thread, through the app's one path for changes, so the screens
redraw as after any change, and a quit never meets half a record. A data file open
read-only is left to the infoint that holds it, which checks the mail itself.
"""

from __future__ import annotations

import contextlib
import threading
from typing import TYPE_CHECKING

from infoint_tui import clock
from infoint_tui.mail.reading import Reading, read_mailboxes
from infoint_tui.mail.settings import MailSettings, MailSettingsError, mail_settings
from infoint_tui.tui import notice
from infoint_tui.usecases.mail_check import CheckReport, check_minutes, interest_in, record_found

if TYPE_CHECKING:
    from textual.timer import Timer

    from infoint_tui.tui.app import InfointApp


class MailWatch:
    def __init__(self, app: InfointApp, settings: MailSettings) -> None:
        self.app = app
        self.settings = settings
        #: The problems last told, so that a server that stays down is not told every few minutes.
        self._told: list[str] = []
        self._timer: Timer | None = None
        self._reader: threading.Thread | None = None

    @classmethod
    def start(cls, app: InfointApp) -> MailWatch | None:
        """Start watching when the settings name a mailbox (after the first frame); None when not."""
        try:
            settings = mail_settings(app.config)
            minutes = check_minutes(app.config)
        except MailSettingsError as error:
            app.notify(f"{error} The mail is not checked.", title="Mail", severity="warning", timeout=notice.PROBLEM)
            return None
        if app.repo.read_only or (settings.imap is None and settings.maildir is None):
            return None
        watch = cls(app, settings)
        app.call_after_refresh(watch.check)
        watch._timer = app.set_interval(minutes * 60, watch.check, name="mail-check")
        return watch

    def stop(self) -> None:
        """No more checks from these settings (a check under way still records what it found)."""
        if self._timer is not None:
            self._timer.stop()

    @property
    def checking(self) -> bool:
        return self._reader is not None and self._reader.is_alive()

    def check(self) -> None:
        """Read the mailboxes on a thread; a check still running lets this one go."""
        if self.checking:
            return
        interest = interest_in(self.app.repo.campaign, self.settings)
        seen, today = self.app.repo.mail_seen(), clock.today()

        def read() -> None:
            try:
                reading = read_mailboxes(self.settings, interest, seen, today)
            except Exception as error:  # noqa: BLE001 - a thread's last stop: said, never a crash of the app
                reading = Reading(seen=seen, problems=[f"The mail check failed unexpectedly ({error!r})."])
            with contextlib.suppress(RuntimeError):  # the app has ended: what was read is dropped, nothing written
                self.app.call_from_thread(self._record, reading)

        self._reader = threading.Thread(target=read, name="mail-check", daemon=True)
        self._reader.start()

    def _record(self, reading: Reading) -> None:
        if not self.app.is_running:  # quitting: the data file is being closed
            return
        reports: list[CheckReport] = []
        if not self.app.change(lambda: reports.append(record_found(self.app.repo, self.settings, reading))):
            return
        report = reports[0]
        for found in report.found:
            if not found.automatic:
                self.app.notify(
                    f"{found.sender} replied: “{found.first_line}” It heads the queue.",
                    title="Reply",
                    timeout=notice.READ,
                )
        if report.problems != self._told:
            for problem in report.problems:
                self.app.notify(problem, title="Mail", severity="warning", timeout=notice.PROBLEM)
            self._told = report.problems

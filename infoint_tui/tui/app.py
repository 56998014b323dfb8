"""The application: wires the screens, the data file, the keys and the signals."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import os
import signal
import threading
from collections.abc import Callable, Iterable
from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING, Any

from textual import events
from textual.app import App, ScreenStackError, SystemCommand
from textual.binding import Binding
from textual.message import Message
from textual.notifications import SeverityLevel
from textual.reactive import var
from textual.screen import Screen
from textual.theme import Theme

from infoint_tui import clock
from infoint_tui.config import Config, config_path, save_config
from infoint_tui.store.errors import DataFileError, SaveError
from infoint_tui.tui import access, notice, toasts
from infoint_tui.tui.ahead import Ahead
from infoint_tui.tui.messages import EVERY_KIND, DataChanged, ProblemFound, SaveStatusChanged
from infoint_tui.tui.opening import Opening
from infoint_tui.tui.screens import PLACES
from infoint_tui.tui.screens.queue_rows import QueueSnapshot
from infoint_tui.tui.switching import QuickSwitchApp
from infoint_tui.tui.typeahead import TypeAheadApp

if TYPE_CHECKING:  # the records load on a thread after the first frame, when it comes from a snapshot
    from textual.command import Provider

    from infoint_tui.store.history import Step
    from infoint_tui.store.repository import Repository
    from infoint_tui.tui.mail_watch import MailWatch

#: After a hang-up there is no terminal to restore; leave even if shutting down stalls.
HANGUP_EXIT_SECONDS = 3.0


def records_provider() -> type[Provider]:
    """The palette's people and companies, imported when the palette first opens."""
    from infoint_tui.tui.commands import RecordsProvider

    return RecordsProvider


class DataFileOpened(Message):
    """Posted from the opening thread: the data file is read (or could not be)."""


class InfointApp(QuickSwitchApp, TypeAheadApp):
    #: The first screen's sheet too, so that every sheet is parsed once at start: a sheet that
    #: comes with a screen makes Textual parse all of them again (read_style_sheets: the others).
    CSS_PATH = ["app.tcss", "screens/queue.tcss"]
    TITLE = "infoint"
    COMMANDS = App.COMMANDS | {records_provider}
    MODES = {place.mode: place.screen for place in PLACES}
    DEFAULT_MODE = "queue"
    BINDINGS = [
        Binding("f1", "help", "Help", id="help", tooltip="Every key of this screen"),
        *(
            Binding(place.key, f"switch_mode('{place.mode}')", place.title, show=False, id=place.mode)
            for place in PLACES
        ),
        Binding("ctrl+q", "quit", "Quit", id="quit", priority=True),
    ]

    #: (text, is_a_problem) shown at the right of every top bar; only the bars redraw.
    save_status: var[tuple[str, bool]] = var(("", False))

    def __init__(
        self,
        repo: Repository | None = None,
        *,
        opening: Opening | None = None,
        config: Config | None = None,
        read_only_reason: str | None = None,
        start: tuple[str, str] | None = None,
        build_ahead: bool = True,
    ) -> None:
        """Open on `repo`, or on the Queue of `opening`'s snapshot while its file is read.

        `build_ahead`: once the Queue is up, build the other screens unseen (`tui.ahead`), for
        a person reading it; a program driving the app key by key has no such pause to use."""
        super().__init__()
        self._repo = repo
        self.opening = opening
        #: What the Queue shows until the data file is read.
        self.snapshot: QueueSnapshot | None = opening.snapshot if opening else None
        #: Why the data file could not be opened, when it is read after the first frame.
        self.open_error: DataFileError | None = None
        #: The user's settings file: the theme and remapped keys are kept there.
        self.config = config or Config(config_path())
        self.read_only_reason = read_only_reason
        #: (mode, action) to open on once the first screen is up (`infoint interview`).
        self.start = start
        self.save_status = self._initial_status()
        if repo is None:
            self.hold_keys()  # until the file is read, and the Queue shows it
        self._unknown_theme = self.config.theme not in self.available_themes
        if not self._unknown_theme:
            self.theme = self.config.theme
        self.set_keymap(self.config.keymap)
        #: Counts the changes announced to the screens: what is built from the data names its version.
        self.data_version = 0
        self.ahead = Ahead()
        self.build_ahead = build_ahead
        self.mail_watch: MailWatch | None = None

    @property
    def repo(self) -> Repository:
        if self._repo is None:
            raise RuntimeError("The data file is still being read.")
        return self._repo

    @property
    def loaded(self) -> bool:
        """Whether the data file is read (until then the Queue shows the snapshot)."""
        return self._repo is not None

    def _initial_status(self) -> tuple[str, bool]:
        if self._repo is None:
            return (self.opening.path.name, False) if self.opening else ("", False)
        if self._repo.read_only:
            return ("read-only", True)
        return (self._repo.path.name, False)

    def on_load(self) -> None:
        # Textual styles the app itself only after its first screen is composed, and a widget
        # that drew before keeps the colours it drew with (Widget.visual_style caches them):
        # style it first, as Textual does when the first screen brings a sheet (CSS_PATH).
        self.stylesheet.apply(self)

    def on_mount(self) -> None:
        self.theme_changed_signal.subscribe(self, self._keep_theme)
        if self._unknown_theme:
            self.notify(
                f"The settings file {self.config.path} names a theme infoint does not know, "
                f"“{self.config.theme}”: choose one with “Change theme” in the palette (ctrl+p).",
                title="Settings",
                severity="warning",
                timeout=notice.PROBLEM,
            )
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGHUP, signal.SIGTERM):
            # Not on the main thread (tests) or not on this platform: no handler.
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.add_signal_handler(signum, self._on_terminate_signal, signum)
        if self._repo is not None:
            self._listen_to_data_file()
        elif self.opening is not None:
            # Once the first frame is out: reading the file on a thread would slow it down.
            self.screen.call_after_refresh(self.opening.start, lambda: self.post_message(DataFileOpened()))

    def on_data_file_opened(self) -> None:
        assert self.opening is not None
        try:
            opened = self.opening.result()
        except DataFileError as error:
            self.open_error = error  # the command says it once the terminal is back
            self.exit(return_code=1)
            return
        assert opened is not None
        self._repo, self.read_only_reason = opened.repo, opened.read_only_reason
        gc.freeze()  # the campaign just read lives as long as the app: collections need not walk it
        self.snapshot = None  # the Queue draws from the data from now on
        self.save_status = self._initial_status()
        self._listen_to_data_file()
        for screen in self._every_screen():
            screen.post_message(DataChanged(EVERY_KIND))  # the Queue swaps its snapshot for the data
        self.release_keys()

    def _listen_to_data_file(self) -> None:
        """Hear of the data file's saves and problems; say why it is read-only."""
        self.repo.add_listener(self._saved_elsewhere)
        self.repo.add_problem_listener(lambda problem: self.post_message(ProblemFound(problem)))
        if self.read_only_reason:
            self.notify(self.read_only_reason, title="Read-only", severity="warning", timeout=notice.ALARM)
        if self.start is not None:
            self.call_later(self.open_on, *self.start)
        if self.build_ahead:
            self.call_after_refresh(self.ahead.start, self, self.repo.campaign, self.data_version, clock.today())
        self.watch_mail()

    def watch_mail(self) -> None:
        """Check the mailboxes the settings name, from now on (again, after they change)."""
        from infoint_tui.tui.mail_watch import MailWatch

        if self.mail_watch is not None:
            self.mail_watch.stop()
        self.mail_watch = MailWatch.start(self)

    # Notifications ---------------------------------------------------------------------

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        self._place_toasts()
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    def on_descendant_focus(self) -> None:
        self.call_after_refresh(self._place_toasts)  # once a dialog just opened has its size

    def on_resize(self) -> None:
        self.call_after_refresh(self._place_toasts)

    def _place_toasts(self) -> None:
        with contextlib.suppress(ScreenStackError):
            toasts.place(self.screen)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.MouseEvent) and not self.loaded:
            return  # a click would act on records not read yet (keys wait instead: typeahead)
        if isinstance(event, events.Paste):
            from infoint_tui.domain.text import clean_block

            # Every paste passes here on its way to the focused widget: it is data, and would
            # be drawn as it is, so an ESC in it would reach the terminal.
            event.text = clean_block(event.text)
        await super().on_event(event)

    # Saving ----------------------------------------------------------------------------

    def _saved_elsewhere(self, saved_at: datetime | None, error: str | None) -> None:
        """Storage listener, on whichever thread wrote: posting never waits for the UI."""
        if error:
            status = ("NOT SAVED: " + error.removeprefix("not saved: "), True)
        else:
            status = (f"saved {saved_at:%H:%M:%S}" if saved_at else "", False)
        self.post_message(SaveStatusChanged(status))

    def on_save_status_changed(self, message: SaveStatusChanged) -> None:
        self.save_status = message.status

    def on_problem_found(self, message: ProblemFound) -> None:
        self.notify(message.problem, title="Problem", severity="error", timeout=15)

    def change(self, action: Callable[..., Any], *args: Any, undo: str | None = None) -> bool:
        """Apply one change to the data and tell every screen what it touched.

        `undo` labels the change as one step of the undo history ("Deleted Cedar Labs").
        On refusal say why and return False.
        """
        self.repo.take_written()  # writes made aside (the live view's ticks) announce nothing
        last_step = self.repo.history.last
        try:
            with self.repo.undoable(undo) if undo else contextlib.nullcontext():
                action(*args)
        except DataFileError as error:
            self.notify(str(error), title="Not changed", severity="error", timeout=notice.PROBLEM)
            return False
        kinds = EVERY_KIND & self.repo.take_written()
        if kinds:
            self.data_version += 1
            step = self.repo.history.last
            # An undoable change names what it touched: a list can redraw only those rows.
            touched = step.before if undo and step is not last_step and step is not None else None
            # Hidden screens too: one that draws lazily learns it is out of date.
            for screen in self._every_screen():
                screen.post_message(DataChanged(kinds, touched))
        return True

    def writable(self) -> bool:
        """True when changes can be saved; otherwise say so, before anything is asked."""
        if self.repo.read_only:
            self.notify(access.READ_ONLY, title="Read-only", severity="warning", timeout=notice.READ)
        return not self.repo.read_only

    def action_undo(self) -> None:
        """Put back what the newest undoable change changed, through `change`."""
        self._put_back(self.repo.history.last, self.repo.undo, "undo", "Undone")

    def action_redo(self) -> None:
        """Make the last change undone again."""
        self._put_back(self.repo.history.redoable, self.repo.redo, "redo", "Redone")

    def _put_back(self, step: Step | None, action: Callable[[], object], verb: str, done: str) -> None:
        if step is None:
            self.notify(f"There is nothing to {verb}.", timeout=notice.SHORT)
        elif self.writable() and self.change(action):
            self.notify(f"{done}: {step.label}.", timeout=notice.SHORT)

    # Settings --------------------------------------------------------------------------

    def _keep_theme(self, theme: Theme) -> None:
        if theme.name == self.config.theme:
            return
        self.config.theme = theme.name
        try:
            save_config(self.config)
        except (OSError, SaveError) as error:
            reason = error.strerror if isinstance(error, OSError) else str(error).removeprefix("not saved: ")
            self.notify(
                f"The theme is used now, but it could not be kept in {self.config.path} for next time ({reason}).",
                title="Settings",
                severity="warning",
                timeout=10,
            )

    def save_everything(self) -> None:
        """Put every unsaved text into the data, then write it, synchronously."""
        if not self.loaded:
            return  # nothing typed yet has reached a screen
        for screen in self._every_screen():
            flush = getattr(screen, "flush_unsaved", None)
            if flush is not None:
                flush()
        if not self.repo.read_only:
            self.repo.flush()

    def _every_screen(self) -> Iterable[Screen]:
        for stack in self._screen_stacks.values():
            yield from stack

    def _on_terminate_signal(self, signum: int) -> None:
        try:
            self.save_everything()
        except DataFileError as error:
            if signum == signal.SIGHUP:
                from infoint_tui.usecases.not_saved import tell

                # No terminal will come back to say it on, and none to restore: the log holds
                # what the file lacks, words and all, and there is nothing left to wait for.
                tell(self.repo, error)
                os._exit(128 + signum)
            # Leave all the same: once the terminal is back, the command says what the file lacks.
        if signum == signal.SIGHUP:
            # The terminal is gone: do not wait on a shutdown that may try to draw.
            threading.Timer(HANGUP_EXIT_SECONDS, os._exit, args=(129,)).start()
        self.exit(return_code=128 + signum)

    async def action_quit(self) -> None:
        if any(worker.group == "message-send" and worker.is_running for worker in self.workers):
            # Leaving now could send the message without recording it, and it would be offered again.
            self.notify("A message is being sent: quit once the server has answered.", timeout=notice.SHORT)
            return
        try:
            self.save_everything()
        except DataFileError as error:
            self.notify(
                f"{error}. Free some space or fix the folder, then quit again.",
                title="Not saved",
                severity="error",
                timeout=notice.ALARM,
            )
            return
        self.exit()

    # Navigation ------------------------------------------------------------------------

    def action_help(self) -> None:
        from infoint_tui.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    async def open_on(self, mode: str, action: str) -> None:
        """Go to a screen and run one of its actions there (palette, queue, shell)."""
        await self.switch_mode(mode)
        await self.screen.run_action(action)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        history = self.repo.history
        if history.last is not None:
            yield SystemCommand(
                f"Undo: {history.last.label}", "Put back what it changed (u on the lists)", self.action_undo
            )
        if history.redoable is not None:
            yield SystemCommand(f"Redo: {history.redoable.label}", "Make it again (U on the lists)", self.action_redo)
        for place in PLACES:
            yield SystemCommand(
                place.title,
                f"Go to the {place.title} screen ({place.key.upper()})",
                partial(self.switch_mode, place.mode),
            )
            for title, help_text, action in getattr(place.load(), "PALETTE", ()):
                yield SystemCommand(title, help_text, partial(self.open_on, place.mode, action))
        yield SystemCommand("Help", "Every key of this screen (F1)", self.action_help)
        yield from super().get_system_commands(screen)

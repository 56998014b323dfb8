"""One start-up, timed by bench_startup.py: run in a fresh process inside a pseudo-terminal.

    python startup_probe.py FD ours --db PATH     # the real `infoint` command line
    python startup_probe.py FD bare ROWS          # the same widgets with no data

The app runs on Textual's own terminal driver. On its first frame that shows the queue list
filled in, the CPU seconds the process has used so far go down file descriptor FD (the
parent notes when they arrive) and the app quits. The hook is put in when the app itself
imports Textual, so that the probe changes nothing in the order of the start-up (`infoint`
reads its data file before it imports Textual).
"""

from __future__ import annotations

import importlib.util
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

TUI = Path(__file__).resolve().parents[1] / "infoint_tui" / "tui"


class AfterImport:
    """A meta path finder that runs `then` right after `name` is first imported, by anyone."""

    def __init__(self, name: str, then: Callable[[], None]) -> None:
        self.name, self.then = name, then

    def find_spec(self, name: str, path, target=None):
        if name != self.name:
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(name)
        load = spec.loader.exec_module

        def exec_module(module) -> None:
            load(module)
            self.then()

        spec.loader.exec_module = exec_module
        return spec


def report_first_frame(fd: int) -> None:
    """Make the app report its first frame that shows a non-empty `#queue-items`."""
    from textual.app import App

    display = App._display

    def displayed(app: App, screen, renderable) -> None:
        display(app, screen, renderable)
        if renderable is None or getattr(app, "_probe_done", False):
            return
        lists = screen.query("#queue-items")
        if lists and lists.first().option_count:  # type: ignore[attr-defined]
            app._probe_done = True  # type: ignore[attr-defined]
            os.write(fd, f"{time.process_time()}\n".encode())
            # Quit once start-up has settled: an exit while Textual still mounts prints an error.
            app.set_timer(0.2, app.exit)

    App._display = displayed  # type: ignore[method-assign]


def bare(rows: int):
    from textual.app import App, ComposeResult
    from textual.binding import Binding
    from textual.containers import Container, Vertical, VerticalScroll
    from textual.widgets import Footer, OptionList, Static

    class BareQueue(App):
        """The Queue screen's widgets and style sheets, filled with fixed text."""

        CSS_PATH = [TUI / "app.tcss", TUI / "screens" / "queue.tcss"]
        CSS = "#top { dock: top; height: 1; background: $panel; } #nav { height: 1; background: $panel; }"
        BINDINGS = [
            Binding("f1", "bell", "Help"),
            Binding("c", "bell", "Copy text"),
            Binding("d", "bell", "Done"),
            Binding("s", "bell", "Snooze"),
            Binding("o", "bell", "Open"),
            Binding("ctrl+q", "quit", "Quit"),
        ]

        def compose(self) -> ComposeResult:
            yield Static(" infoint  Queue", id="top")
            with Container(id="queue"):
                yield OptionList(
                    *(f"Follow up     Person {n:<13} Company        Thu 26 Nov  today" for n in range(rows)),
                    id="queue-items",
                )
                with VerticalScroll(id="queue-detail"):
                    yield Static("Follow up with Person 0\n\nd records it done.\nc copies the text.")
            with Vertical(id="chrome-bottom"):
                yield Static("F2Queue F3Targets F4Objectives F5Templates F6Interviews F7Insights", id="nav")
                yield Footer()

    return BareQueue()


def main(fd: int, which: str, args: list[str]) -> int:
    sys.meta_path.insert(0, AfterImport("textual.app", lambda: report_first_frame(fd)))
    if which == "bare":
        bare(int(args[0])).run()
        return 0
    from infoint_tui.cli import main as infoint  # what the `infoint` script runs

    return infoint(args)


if __name__ == "__main__":
    raise SystemExit(main(int(sys.argv[1]), sys.argv[2], sys.argv[3:]))

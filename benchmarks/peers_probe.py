"""One start-up of a peer app, timed by bench_peers.py: run by the peers' own Python, in a
pseudo-terminal, as startup_probe.py runs infoint.

    python peers_probe.py FD COMMAND [ARGS...]    # COMMAND: a console script of the venv
    python peers_probe.py FD bare ROWS            # startup_probe.py's bare Textual app

On the app's first frame drawn (whatever it shows) the probe writes the CPU seconds used so
far down file descriptor FD and asks the app to quit. The hook is put in when the app
imports Textual, as startup_probe.py does. The probe imports nothing the bare app would not
before its frame (importlib.metadata, to find a peer's script, costs some 20 ms), so the
bare app starts here as it starts in bench_startup.py.
"""

from __future__ import annotations

import os
import sys
import time

from startup_probe import AfterImport, bare


def report_first_frame(fd: int) -> None:
    from textual.app import App

    display = App._display

    def displayed(app: App, screen, renderable) -> None:
        display(app, screen, renderable)
        if renderable is not None and not getattr(app, "_probe_done", False):
            app._probe_done = True  # type: ignore[attr-defined]
            os.write(fd, f"{time.process_time()}\n".encode())
            app.set_timer(0.2, app.exit)

    App._display = displayed  # type: ignore[method-assign]


def main(fd: int, command: str, args: list[str]) -> int:
    sys.meta_path.insert(0, AfterImport("textual.app", lambda: report_first_frame(fd)))
    if command == "bare":
        bare(int(args[0])).run()
        return 0
    from importlib.metadata import entry_points

    (script,) = entry_points(group="console_scripts", name=command)
    sys.argv = [command, *args]
    result = script.load()()
    return result if isinstance(result, int) else 0


if __name__ == "__main__":
    raise SystemExit(main(int(sys.argv[1]), sys.argv[2], sys.argv[3:]))

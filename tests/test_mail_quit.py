"""A mail check that waits on a server that never answers, in a real terminal: the queue is
on screen all the same (the check never delays the first frame), quitting ends the program
at once, and the data file is as it was (the check only reads)."""

from __future__ import annotations

import shutil
import socket
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from infoint_tui.mail import imap
from infoint_tui.store.repository import Repository
from tests.conftest import TODAY
from tests.terminal import DEADLINE, Terminal, wait_for
from tests.test_mail_replies import campaign

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed (see .ci/run)")

#: Far less than the IMAP timeout: a quit that waited for the check could not make it.
QUIT_SECONDS = 5.0
assert QUIT_SECONDS < imap.TIMEOUT / 3 and DEADLINE < imap.TIMEOUT


class SilentServer:
    """Takes connections on loopback and never says a word, as a server that hangs does."""

    def __init__(self) -> None:
        self.socket = socket.create_server(("127.0.0.1", 0))
        self.port = self.socket.getsockname()[1]
        self.connections: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                connection, _ = self.socket.accept()
            except OSError:  # closed: the test is over
                return
            self.connections.append(connection)

    def close(self) -> None:
        self.socket.close()
        for connection in self.connections:
            connection.close()


@pytest.fixture
def silent() -> Iterator[SilentServer]:
    server = SilentServer()
    yield server
    server.close()


def test_the_queue_shows_and_quit_is_immediate_while_the_mail_check_hangs(silent: SilentServer, tmp_path: Path) -> None:
    data = tmp_path / "infoint.json"
    repo = Repository.open(data)
    held = campaign()  # replies are awaited: the check reads the mailbox
    with repo.batch():
        repo.add_many([*held.objectives.values(), *held.people.values()])
        repo.add_many(held.outreach.values())
    repo.close()
    before = data.read_bytes()
    config = tmp_path / "config.toml"
    config.write_text(f'[mail.imap]\nhost = "127.0.0.1"\nport = {silent.port}\nsecurity = "none"\n')
    env = {
        "INFOINT_TODAY": TODAY.isoformat(),
        "INFOINT_CONFIG": str(config),
        "INFOINT_STATE": str(tmp_path / "state"),
        "HOME": str(tmp_path),
        "TERM": "xterm-256color",
        "TEXTUAL_ANIMATIONS": "none",
    }
    terminal = Terminal(f"infoint-quit-{id(silent)}", [sys.executable, "-m", "infoint_tui", "--db", str(data)], env)
    try:
        wait_for(lambda: bool(silent.connections), "the mail check to connect")
        terminal.wait_for_text("follow up")  # within 20 s, while the check waits for 30
        terminal.press("C-q")
        wait_for(lambda: terminal.exit_status() is not None, "the program to end", QUIT_SECONDS)
        assert terminal.exit_status() == 0
    finally:
        terminal.close()
    assert data.read_bytes() == before

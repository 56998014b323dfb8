"""A real IMAP server on loopback for the mail tests: Dovecot, run as a process of the tests
with its own configuration, a password file and Maildirs in a folder of its own.

Dovecot comes from the system's packages (dovecot-imapd; `.ci/run` installs it); the tests
that need it are skipped, saying why, only where it is not installed. Its login processes
refuse to run as root: run by root (as in CI containers), they run as Dovecot's own system
users and the mail as `nobody`, as a packaged Dovecot does.
"""

from __future__ import annotations

import contextlib
import imaplib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

USER, PASSWORD = "dana", "imap-s3cret"
#: A second account, its password beyond ASCII (LOGIN cannot carry it; AUTHENTICATE PLAIN can).
ACCENTED_USER, ACCENTED_PASSWORD = "renee", "mot-de-passe-é"
#: How long Dovecot may take to start listening.
START_SECONDS = 20


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _accounts() -> tuple[str, str, int, int]:
    """(login user, internal user, mail uid, mail gid) for the user running the tests."""
    me = pwd.getpwuid(os.getuid())
    if os.getuid() != 0:
        return me.pw_name, me.pw_name, me.pw_uid, me.pw_gid
    nobody = pwd.getpwnam("nobody")
    return "dovenull", "dovecot", nobody.pw_uid, nobody.pw_gid


CONFIG = """
protocols = imap
listen = 127.0.0.1
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
default_login_user = {login_user}
default_internal_user = {internal_user}
default_internal_group = {internal_user}
ssl = yes
ssl_cert = <{root}/cert.pem
ssl_key = <{root}/key.pem
disable_plaintext_auth = no
auth_mechanisms = plain
mail_location = maildir:{root}/mail/%u
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/passwd
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={root}/home/%u
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {tls_port}
    ssl = yes
  }}
}}
service anvil {{
  chroot =
}}
"""


@dataclass
class Dovecot:
    root: Path
    port: int
    tls_port: int
    #: The test certificate authority that signed the server's certificate (trust_file).
    ca_file: Path
    _folders: int = 0

    def connect(self) -> imaplib.IMAP4:
        connection = imaplib.IMAP4("127.0.0.1", self.port, timeout=10)
        connection.login(USER, PASSWORD)
        return connection

    def new_folder(self) -> str:
        """A folder of its own for one test, so that tests sharing the server never meet."""
        self._folders += 1
        name = f"Test{self._folders}"
        with self._session() as connection:
            assert connection.create(name)[0] == "OK"
        return name

    def deliver(self, folder: str, raw: bytes) -> None:
        """Put a message in the folder, as its arrival would (APPEND, no flags)."""
        with self._session() as connection:
            status, said = connection.append(folder, "", imaplib.Time2Internaldate(time.time()), raw)
            assert status == "OK", said

    def state(self, folder: str) -> list[tuple[bytes, bytes]]:
        """Every message's UID and flags, looked at read-only."""
        with self._session() as connection:
            connection.select(folder, readonly=True)
            status, data = connection.uid("FETCH", "1:*", "(FLAGS)")
            return sorted((item.split(b" FLAGS ")[0], item.split(b" FLAGS ")[1]) for item in data if item)

    def _session(self) -> _Session:
        return _Session(self)

    def settings_toml(self, folder: str, security: str = "tls", trusted: bool = True, port: int | None = None) -> str:
        port = port or (self.tls_port if security == "tls" else self.port)
        trust = f'trust_file = "{self.ca_file}"\n' if trusted else ""
        return (
            f'[mail.imap]\nhost = "127.0.0.1"\nport = {port}\nsecurity = "{security}"\nuser = "{USER}"\n'
            f'password_command = "printf %s {PASSWORD}"\nfolders = ["{folder}"]\n{trust}'
        )


class _Session:
    def __init__(self, server: Dovecot) -> None:
        self.server = server

    def __enter__(self) -> imaplib.IMAP4:
        self.connection = self.server.connect()
        return self.connection

    def __exit__(self, *_: object) -> None:
        self.connection.logout()


def _certificate(root: Path) -> Path:
    import trustme

    authority = trustme.CA()
    issued = authority.issue_cert("127.0.0.1", "localhost")
    issued.cert_chain_pems[0].write_to_path(str(root / "cert.pem"))
    issued.private_key_pem.write_to_path(str(root / "key.pem"))
    authority.cert_pem.write_to_path(str(root / "ca.pem"))
    return root / "ca.pem"


@contextlib.contextmanager
def running_dovecot(inbox: Callable[[Path], None] | None = None) -> Iterator[Dovecot]:
    """Dovecot, started and serving; `inbox` may fill the user's INBOX (a Maildir folder)
    before it starts. Skips the test when Dovecot is not installed."""
    binary = shutil.which("dovecot") or ("/usr/sbin/dovecot" if Path("/usr/sbin/dovecot").exists() else None)
    if binary is None:
        pytest.skip("Dovecot is not installed (apt-get install dovecot-imapd, as .ci/run does)")
    # Not under pytest's own temporary folder: that is private to the user, and Dovecot's
    # system users must reach its sockets.
    root = Path(tempfile.mkdtemp(prefix="infoint-dovecot-"))
    root.chmod(0o755)
    login_user, internal_user, uid, gid = _accounts()
    for folder in ("run", "state", "mail", "home"):
        (root / folder).mkdir()
    if inbox is not None:
        inbox(root / "mail" / USER)
    for folder in ("mail", "home"):
        for path in [root / folder, *(root / folder).rglob("*")]:
            os.chown(path, uid, gid)
    (root / "passwd").write_text(
        f"{USER}:{{PLAIN}}{PASSWORD}::::::\n{ACCENTED_USER}:{{PLAIN}}{ACCENTED_PASSWORD}::::::\n", encoding="utf-8"
    )
    ca_file = _certificate(root)
    port, tls_port = _free_port(), _free_port()
    config = root / "dovecot.conf"
    config.write_text(
        CONFIG.format(
            root=root,
            login_user=login_user,
            internal_user=internal_user,
            uid=uid,
            gid=gid,
            port=port,
            tls_port=tls_port,
        )
    )
    process = subprocess.Popen([binary, "-F", "-c", str(config)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    server = Dovecot(root, port, tls_port, ca_file)
    try:
        _wait_until_serving(server, process)
        yield server
    finally:
        process.terminate()
        process.wait(timeout=10)
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="session")
def dovecot() -> Iterator[Dovecot]:
    with running_dovecot() as server:
        yield server


def _wait_until_serving(server: Dovecot, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        try:
            server.connect().logout()
            return
        except (OSError, imaplib.IMAP4.error):
            time.sleep(0.05)  # polling a server's start, not the UI
    log = server.root / "dovecot.log"
    output = process.stdout.read().decode(errors="replace") if process.poll() is not None and process.stdout else ""
    raise RuntimeError(f"Dovecot did not start: {output}{log.read_text() if log.exists() else ''}")

"""The mail password from the system keyring (`password_keyring = true`, the `keyring`
extra), with a keyring in memory standing for the system's."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from infoint_tui.cli import main
from infoint_tui.mail.password import PasswordError, read_password
from infoint_tui.mail.settings import PasswordSource, ServerSettings
from tests.test_mail_send import Server, attempts, configure, data_file, request_id, smtp, smtp_config  # noqa: F401

keyring = pytest.importorskip("keyring")


class MemoryKeyring(keyring.backend.KeyringBackend):
    """A keyring in memory, as `keyring set SERVER USER` would have filled the system's."""

    priority = 1  # type: ignore[assignment]

    def __init__(self, passwords: dict[tuple[str, str], str]) -> None:
        super().__init__()
        self.passwords = passwords

    def get_password(self, service: str, username: str) -> str | None:
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.passwords[service, username] = password

    def delete_password(self, service: str, username: str) -> None:
        self.passwords.pop((service, username), None)


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    system = keyring.get_keyring()
    chosen = MemoryKeyring({})
    keyring.set_keyring(chosen)
    yield chosen
    keyring.set_keyring(system)


def test_the_password_from_the_system_keyring_logs_in(
    smtp: Server,  # noqa: F811
    data_file: Path,  # noqa: F811
    memory_keyring: MemoryKeyring,
    tmp_path: Path,
) -> None:
    smtp.password = "from-the-keyring-5d1e"
    memory_keyring.set_password("127.0.0.1", "dana", smtp.password)
    configure(smtp_config(smtp.port, extra='user = "dana"\npassword_keyring = true\n'))
    assert main(["send", request_id(data_file), "--db", str(data_file)]) == 0
    assert smtp.logins == ["dana"] and len(attempts(data_file)) == 1
    written = [path for path in tmp_path.rglob("*") if path.is_file()]
    assert [path for path in written if smtp.password.encode() in path.read_bytes()] == []


def test_an_empty_keyring_says_how_to_fill_it(memory_keyring: MemoryKeyring) -> None:
    server = ServerSettings("smtp.example.org", 587, "starttls", "dana", PasswordSource(keyring=True))
    with pytest.raises(PasswordError, match=r"store one with `keyring set smtp\.example\.org dana`\.$"):
        read_password(server)

"""Mail passwords beyond ASCII ("mot-de-passe-é"): the SMTP login, the IMAP login and the
IMAP APPEND of the Sent copy, against the real servers on loopback (aiosmtpd, Dovecot)."""

from __future__ import annotations

import email
import email.policy
from pathlib import Path

import pytest

from infoint_tui.cli import main
from tests.mail_servers import ACCENTED_PASSWORD, ACCENTED_USER, Dovecot, dovecot  # noqa: F401
from tests.test_mail_send import (  # noqa: F401
    SECRET,
    Server,
    attempts,
    configure,
    data_file,
    request_id,
    script,
    smtp,
    smtp_config,
)

#: What the SMTP server takes from "dana": beyond ASCII, and unique enough to look for in files.
SMTP_PASSWORD = f"pässwörd-€-{SECRET}"


def accented_setup(smtp: Server, dovecot: Dovecot, tmp_path: Path) -> None:  # noqa: F811
    """SMTP as dana with SMTP_PASSWORD; the Sent copy to renee's INBOX, her password accented too."""
    smtp.password = SMTP_PASSWORD
    smtp_password = script(tmp_path / "bin", f"print({SMTP_PASSWORD!r})\n")
    configure(
        smtp_config(smtp.port, extra=f'user = "dana"\npassword_command = "{smtp_password}"\n')
        + f'[mail.imap]\nhost = "127.0.0.1"\nport = {dovecot.tls_port}\nsecurity = "tls"\n'
        f'user = "{ACCENTED_USER}"\npassword_command = "printf %s {ACCENTED_PASSWORD}"\n'
        f'trust_file = "{dovecot.ca_file}"\nsent_folder = "INBOX"\n'
    )


def renees_inbox(dovecot: Dovecot) -> list[email.message.EmailMessage]:  # noqa: F811
    folder = dovecot.root / "mail" / ACCENTED_USER
    return [
        email.message_from_bytes(path.read_bytes(), policy=email.policy.default)  # type: ignore[misc]
        for sub in ("new", "cur")
        for path in sorted((folder / sub).glob("*"))
        if (folder / sub).is_dir()
    ]


@pytest.fixture
def bin_folder(tmp_path: Path) -> Path:
    (tmp_path / "bin").mkdir()
    return tmp_path / "bin"


def test_a_password_beyond_ascii_logs_in_to_smtp_and_appends_the_sent_copy_over_imap(
    smtp: Server,  # noqa: F811
    dovecot: Dovecot,  # noqa: F811
    data_file: Path,  # noqa: F811
    bin_folder: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    accented_setup(smtp, dovecot, tmp_path)
    assert main(["send", request_id(data_file), "--db", str(data_file)]) == 0
    printed = capsys.readouterr()
    assert smtp.logins == ["dana"] and len(smtp.received) == 1, printed.err
    message_id = smtp.received[0].message["Message-ID"]
    assert [copy["Message-ID"] for copy in renees_inbox(dovecot)] == [message_id]
    assert "no copy was kept" not in printed.err
    [request] = attempts(data_file)
    assert request["message_id"] == message_id
    written = [path for path in tmp_path.rglob("*") if path.is_file() and path.parent != bin_folder]
    assert [path for path in written if SMTP_PASSWORD.encode() in path.read_bytes()] == []


def test_mail_test_logs_in_with_passwords_beyond_ascii(
    smtp: Server,  # noqa: F811
    dovecot: Dovecot,  # noqa: F811
    bin_folder: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    accented_setup(smtp, dovecot, tmp_path)
    assert main(["mail", "test"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[:2] == [
        f"ok    SMTP 127.0.0.1:{smtp.port} (none): logged in as dana.",
        f"ok    IMAP 127.0.0.1:{dovecot.tls_port} (tls): logged in as {ACCENTED_USER}.",
    ]
    assert lines[2].startswith(f"ok    IMAP 127.0.0.1:{dovecot.tls_port} (tls): the folder 'INBOX' opens read-only (")
    assert len(lines) == 3


def test_a_wrong_password_beyond_ascii_is_refused_in_one_sentence(
    smtp: Server,  # noqa: F811
    data_file: Path,  # noqa: F811
    bin_folder: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    smtp.password = "the-right-one"
    wrong = script(bin_folder, "print('fausse-clé')\n")
    configure(smtp_config(smtp.port, extra=f'user = "dana"\npassword_command = "{wrong}"\n'))
    assert main(["send", request_id(data_file), "--db", str(data_file)]) == 1
    said = capsys.readouterr().err
    assert said.startswith("infoint: The mail server 127.0.0.1 (port ") and "refused the login for dana (535" in said
    assert "fausse" not in said and smtp.received == [] and attempts(data_file) == []

"""`infoint mail test`: log in to each server the settings name, open each mailbox, and say
in one line each what works and what does not. Nothing is sent, and nothing changed."""

from __future__ import annotations

import smtplib
import socket
import ssl
from collections.abc import Iterator

from infoint_tui.domain.wording import count
from infoint_tui.mail.imap import ImapProblem, examine, logged_in, where
from infoint_tui.mail.login import smtp_login
from infoint_tui.mail.maildir import MaildirProblem, messages_in
from infoint_tui.mail.password import read_password, refuse_plain_password
from infoint_tui.mail.settings import MailSettings, MailSettingsError, ServerSettings
from infoint_tui.mail.tls import tls_context

TIMEOUT = 30


def probe(settings: MailSettings) -> Iterator[tuple[bool, str]]:
    """(works, what the line says) for each part of the mail settings."""
    if settings.smtp is not None:
        yield _probe_smtp(settings.smtp)
    if settings.send == "command" and settings.command:
        yield True, f"Sending: by the command {settings.command!r} (not run by this test)."
    if settings.imap is not None:
        yield from _probe_imap(settings.imap.server, settings.imap.folders)
    if settings.maildir is not None:
        yield _probe_maildir(settings)
    if settings.smtp is None and settings.imap is None and settings.maildir is None:
        yield False, "Nothing to test: the settings have no [mail.smtp], [mail.imap] or [mail.maildir]."


def _named(server: ServerSettings) -> str:
    return f"{where(server)} ({server.security})"


def _probe_smtp(server: ServerSettings) -> tuple[bool, str]:
    head = f"SMTP {_named(server)}:"
    try:
        refuse_plain_password(server)
        password = read_password(server)
        _smtp_login(server, password)
    except MailSettingsError as error:
        return False, f"{head} {error}"
    except smtplib.SMTPAuthenticationError:
        return False, f"{head} the server refused the login for {server.user}: check the user name and the password."
    except ssl.SSLCertVerificationError as error:
        return False, f"{head} its certificate cannot be trusted ({error.verify_message})."
    except socket.gaierror:
        return False, f"{head} {server.host} cannot be found: check the host name and the network."
    except (OSError, smtplib.SMTPException) as error:
        return False, f"{head} it cannot be reached or refused us ({error})."
    who = f"logged in as {server.user}" if server.user else "connected (no login asked for)"
    return True, f"{head} {who}."


def _smtp_login(server: ServerSettings, password: str | None) -> None:
    if server.security == "tls":
        smtp: smtplib.SMTP = smtplib.SMTP_SSL(server.host, server.port, context=tls_context(server), timeout=TIMEOUT)
    else:
        smtp = smtplib.SMTP(server.host, server.port, timeout=TIMEOUT)
    with smtp:
        if server.security == "starttls":
            smtp.starttls(context=tls_context(server))
        if server.user is not None:
            if password is None:
                raise MailSettingsError(
                    f"no password is set for {server.user}: add password_command or password_keyring."
                )
            smtp_login(smtp, server.user, password)


def _probe_imap(server: ServerSettings, folders: tuple[str, ...]) -> Iterator[tuple[bool, str]]:
    head = f"IMAP {_named(server)}:"
    try:
        with logged_in(server) as connection:
            yield True, f"{head} logged in as {server.user}." if server.user else f"{head} connected."
            for folder in folders:
                try:
                    _, messages = examine(connection, folder)
                except ImapProblem as problem:
                    yield False, f"{head} {problem}"
                    continue
                yield True, f"{head} the folder {folder!r} opens read-only ({count(messages, 'message')})."
    except ImapProblem as problem:
        yield False, f"{head} {problem}"


def _probe_maildir(settings: MailSettings) -> tuple[bool, str]:
    assert settings.maildir is not None
    try:
        messages = len(messages_in(settings.maildir))
    except MaildirProblem as problem:
        return False, f"Maildir: {problem}"
    return True, f"Maildir {settings.maildir}: readable ({count(messages, 'message')})."

"""Handing a message to the user's mail server: SMTP, a sendmail-compatible command, and the
optional copy in the IMAP Sent folder.

Every failure becomes one `SendError` sentence that names the server and what to do; none
carries a password. TLS is verified against the system's certificates, plus the settings'
`trust_file` for a server with a certificate of its own.
"""

from __future__ import annotations

import imaplib
import shlex
import smtplib
import ssl
import subprocess
import time
from email.message import EmailMessage

from infoint_tui.domain.text import clean_line
from infoint_tui.mail.login import imap_login, smtp_login
from infoint_tui.mail.password import read_password, refuse_plain_password
from infoint_tui.mail.settings import ImapSettings, MailSettings, MailSettingsError, ServerSettings
from infoint_tui.mail.tls import tls_context

#: Seconds to wait on a server or the mail command before giving up.
TIMEOUT = 30


class SendError(Exception):
    """The message did not go out; one sentence for the user."""


def deliver(settings: MailSettings, message: EmailMessage) -> None:
    """Send `message` the way the settings say, returning once the server (or command) took it."""
    try:
        if settings.send == "smtp" and settings.smtp is not None:
            _by_smtp(settings.smtp, message)
        elif settings.send == "command" and settings.command is not None:
            _by_command(settings.command, message)
        else:
            raise SendError('Sending is turned off in the settings (mail.send is "none"): copy the text instead.')
    except MailSettingsError as error:  # the password's source: nothing was sent
        raise SendError(f"{error} Nothing was sent.") from None
    except SendError:
        raise
    except Exception as error:  # noqa: BLE001 - a traceback would show the password among its frames' locals
        raise SendError(
            f"Sending stopped on an unexpected {type(error).__name__}; the message may not have gone out."
        ) from None


def _by_smtp(server: ServerSettings, message: EmailMessage) -> None:
    refuse_plain_password(server)
    where = f"mail server {server.host} (port {server.port})"
    try:
        smtp = _smtp_session(server)
        try:
            password = read_password(server) if server.user else None
            if server.user and password is not None:
                smtp_login(smtp, server.user, password)
            smtp.send_message(message)
        finally:
            _leave(smtp)
    except smtplib.SMTPAuthenticationError as error:
        raise SendError(
            f"The {where} refused the login for {server.user} ({_reply(error)}): nothing was sent."
        ) from None
    except smtplib.SMTPRecipientsRefused as error:
        refused = ", ".join(error.recipients)
        raise SendError(f"The {where} refused the address {refused}: nothing was sent.") from None
    except smtplib.SMTPSenderRefused as error:
        raise SendError(f"The {where} refused the sender {error.sender} ({_reply(error)}): nothing was sent.") from None
    except smtplib.SMTPNotSupportedError:
        raise SendError(
            f'The {where} does not offer STARTTLS or login: set security to "tls" (usually port 465). Nothing was sent.'
        ) from None
    except smtplib.SMTPResponseException as error:
        raise SendError(f"The {where} refused the message ({_reply(error)}): nothing was sent.") from None
    except ssl.SSLCertVerificationError as error:
        raise SendError(
            f"The certificate of {server.host} could not be verified ({error.verify_message}), so nothing was sent;"
            " if you trust this server, name its certificate in trust_file."
        ) from None
    except ssl.SSLError as error:
        raise SendError(f"The secure connection to the {where} failed ({error.reason}): nothing was sent.") from None
    except smtplib.SMTPException as error:
        raise SendError(f"Sending through the {where} failed ({clean_line(str(error))}): nothing was sent.") from None
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise SendError(f"infoint could not reach the {where} ({reason}): nothing was sent.") from None


def _smtp_session(server: ServerSettings) -> smtplib.SMTP:
    if server.security == "tls":
        return smtplib.SMTP_SSL(server.host, server.port, timeout=TIMEOUT, context=tls_context(server))
    smtp = smtplib.SMTP(server.host, server.port, timeout=TIMEOUT)
    if server.security == "starttls":
        try:
            smtp.starttls(context=tls_context(server))
        except BaseException:
            smtp.close()
            raise
    return smtp


def _leave(smtp: smtplib.SMTP) -> None:
    """Say goodbye; a server that answers it badly has still taken the message before."""
    try:
        smtp.quit()
    except (smtplib.SMTPException, OSError):
        smtp.close()


def _reply(error: smtplib.SMTPResponseException) -> str:
    text = error.smtp_error.decode(errors="replace") if isinstance(error.smtp_error, bytes) else str(error.smtp_error)
    return clean_line(f"{error.smtp_code} {text.splitlines()[0] if text else ''}".strip())


def _by_command(command: str, message: EmailMessage) -> None:
    """Pipe the message to a sendmail-compatible command (`msmtp -t`), which reads the recipients from it."""
    try:
        done = subprocess.run(
            shlex.split(command), input=message.as_bytes(), capture_output=True, timeout=TIMEOUT, check=False
        )
    except (OSError, ValueError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else "it cannot be run"
        raise SendError(f"The mail command ({command}) could not be run ({reason}): nothing was sent.") from None
    except subprocess.TimeoutExpired:
        raise SendError(f"The mail command ({command}) did not finish within {TIMEOUT} seconds.") from None
    if done.returncode != 0:
        said = done.stderr.decode(errors="replace").strip().splitlines()
        why = f": {clean_line(said[0])}" if said else ""
        raise SendError(f"The mail command ({command}) failed with exit status {done.returncode}{why}.")


def keep_in_sent(imap: ImapSettings, folder: str, message: EmailMessage) -> str:
    """Append a copy to `folder` over IMAP; "" once done, else why not in one sentence (the message is sent)."""
    server = imap.server
    failed = f"The message was sent, but no copy was kept in {folder} on {server.host}"
    try:
        refuse_plain_password(server)
        password = read_password(server)
        with _imap_session(server) as session:
            if server.user is not None and password is not None:
                imap_login(session, server.user, password)
            status, _ = session.append(
                _quoted(folder), r"(\Seen)", imaplib.Time2Internaldate(time.time()), message.as_bytes()
            )
    except MailSettingsError as error:
        return f"{failed}: {error}"
    except (imaplib.IMAP4.error, OSError) as error:
        return f"{failed} ({clean_line(str(error)) or type(error).__name__})."
    except Exception as error:  # noqa: BLE001 - as in deliver: no traceback, which would show the password
        return f"{failed} (an unexpected {type(error).__name__})."
    return "" if status == "OK" else f"{failed} (the server said no)."


def _quoted(folder: str) -> str:
    """The folder as an IMAP quoted string: imaplib sends it as given, and "Sent Items" has a space."""
    return '"' + folder.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _imap_session(server: ServerSettings) -> imaplib.IMAP4:
    if server.security == "tls":
        return imaplib.IMAP4_SSL(server.host, server.port, ssl_context=tls_context(server), timeout=TIMEOUT)
    session = imaplib.IMAP4(server.host, server.port, timeout=TIMEOUT)
    if server.security == "starttls":
        session.starttls(ssl_context=tls_context(server))
    return session

"""Logging in to SMTP and IMAP with a user name or password beyond ASCII.

smtplib's login and imaplib's LOGIN carry ASCII only ("mot-de-passe-é" raises, or is sent
mangled). AUTH PLAIN / AUTHENTICATE PLAIN carry UTF-8 (RFC 4616), and every server that
offers a login offers PLAIN: beyond ASCII, that is what infoint uses.
"""

from __future__ import annotations

import base64
import imaplib
import smtplib


def _plain(user: str, password: str) -> bytes:
    return f"\0{user}\0{password}".encode()


def smtp_login(smtp: smtplib.SMTP, user: str, password: str) -> None:
    """Log in; smtplib.SMTPAuthenticationError when refused."""
    if user.isascii() and password.isascii():
        smtp.login(user, password)
        return
    smtp.ehlo_or_helo_if_needed()
    if not smtp.has_extn("auth"):
        raise smtplib.SMTPNotSupportedError("SMTP AUTH extension not supported by server.")
    if "PLAIN" not in smtp.esmtp_features["auth"].upper().split():
        raise smtplib.SMTPAuthenticationError(504, b"no AUTH PLAIN, which a password beyond ASCII needs")
    code, said = smtp.docmd("AUTH", "PLAIN " + base64.b64encode(_plain(user, password)).decode("ascii"))
    if code != 235:
        raise smtplib.SMTPAuthenticationError(code, said)


def imap_login(connection: imaplib.IMAP4, user: str, password: str) -> None:
    """Log in; imaplib.IMAP4.error when refused."""
    if user.isascii() and password.isascii():
        connection.login(user, password)
    else:
        connection.authenticate("PLAIN", lambda _: _plain(user, password))

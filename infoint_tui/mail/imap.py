"""An IMAP mailbox, read and never changed: folders opened with EXAMINE (read-only) and
messages fetched with BODY.PEEK, so no flag is set, nothing moved or deleted.

imaplib, not IMAPClient: the check needs six commands (login, EXAMINE, UID SEARCH, UID
FETCH, logout, STARTTLS), which imaplib has, and a dependency would bring nothing more.

Each folder remembers its UIDVALIDITY and the highest UID seen: a later check asks only
for newer messages. The first check, or one after UIDVALIDITY changed, asks only for those
since the first outreach still waiting. Headers are fetched first; the start of the body
only for the messages that may answer an outreach.
"""

from __future__ import annotations

import base64
import contextlib
import imaplib
import itertools
import re
import socket
import ssl
from collections.abc import Iterator
from datetime import date
from typing import Any

from infoint_tui.domain.mail_replies import Interest, MailMessage
from infoint_tui.mail.incoming import BODY_BYTES, HEADERS, concerns, mail_message
from infoint_tui.mail.login import imap_login
from infoint_tui.mail.password import read_password, refuse_plain_password
from infoint_tui.mail.settings import MailSettingsError, ServerSettings
from infoint_tui.mail.tls import tls_context

#: Seconds to wait for the server before giving up.
TIMEOUT = 30
#: UIDs fetched per command: keeps each command line short.
CHUNK = 500

_UID = re.compile(rb"\bUID (\d+)")
_MESSAGE_START = re.compile(rb"\d+ \(")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


class ImapProblem(Exception):
    """The mailbox cannot be read; one sentence for the user (never the password)."""


def where(server: ServerSettings) -> str:
    return f"{server.host}:{server.port}"


@contextlib.contextmanager
def logged_in(server: ServerSettings) -> Iterator[imaplib.IMAP4]:
    """A connection, logged in, TLS verified; ImapProblem when any of it fails."""
    try:
        refuse_plain_password(server)
        password = read_password(server)
    except MailSettingsError as error:
        raise ImapProblem(str(error)) from None
    try:
        connection = _connect(server)
    except MailSettingsError as error:  # a trust_file that cannot be read
        raise ImapProblem(str(error)) from None
    except (OSError, imaplib.IMAP4.error) as error:
        raise ImapProblem(_unreachable(server, error)) from None
    try:
        if server.user is not None:
            if password is None:
                raise ImapProblem(
                    f"No password is set for {server.user} at {where(server)}: add password_command or"
                    " password_keyring to [mail.imap]."
                )
            try:
                imap_login(connection, server.user, password)
            except imaplib.IMAP4.error:
                raise ImapProblem(
                    f"{where(server)} refused the login for {server.user}: check the user name and the password."
                ) from None
        yield connection
    finally:
        with contextlib.suppress(OSError, imaplib.IMAP4.error):  # already gone: nothing was left open
            connection.logout()


def _connect(server: ServerSettings) -> imaplib.IMAP4:
    if server.security == "tls":
        return imaplib.IMAP4_SSL(server.host, server.port, ssl_context=tls_context(server), timeout=TIMEOUT)
    connection = imaplib.IMAP4(server.host, server.port, timeout=TIMEOUT)
    if server.security == "starttls":
        connection.starttls(tls_context(server))
    return connection


def _unreachable(server: ServerSettings, error: Exception) -> str:
    if isinstance(error, ssl.SSLCertVerificationError):
        return (
            f"The certificate of {where(server)} cannot be trusted ({error.verify_message}): nothing was sent."
            " If it is your own server, name its certificate in trust_file."
        )
    if isinstance(error, ssl.SSLError):
        return f"The encrypted connection to {where(server)} failed ({error.reason}): check security and port."
    if isinstance(error, socket.gaierror):
        return f"{server.host} cannot be found: check the host name and the network."
    if isinstance(error, TimeoutError | socket.timeout):
        return f"{where(server)} did not answer within {TIMEOUT} seconds."
    if isinstance(error, ConnectionRefusedError):
        return f"{where(server)} refused the connection: check the host and the port."
    if isinstance(error, imaplib.IMAP4.error):
        return f"{where(server)} does not speak IMAP as expected ({error}): check security and port."
    reason = error.strerror if isinstance(error, OSError) and error.strerror else error
    return f"{where(server)} cannot be reached ({reason})."


def examine(connection: imaplib.IMAP4, folder: str) -> tuple[int, int]:
    """Open `folder` read-only (EXAMINE): its UIDVALIDITY and message count."""
    status, data = connection.select(_quoted(folder), readonly=True)
    if status != "OK":
        raise ImapProblem(f"The folder {folder!r} cannot be opened ({_said(data)}): check mail.imap.folders.")
    _, validity = connection.response("UIDVALIDITY")
    return int(validity[0] or 0), int(data[0] or 0)


def read_folder(
    connection: imaplib.IMAP4, folder: str, interest: Interest, seen: dict[str, Any], today: date
) -> tuple[list[MailMessage], dict[str, Any]]:
    """The messages of `folder` that may answer an outreach, and what to remember for the next check."""
    validity, _ = examine(connection, folder)
    last = seen.get("uid", 0) if seen.get("uidvalidity") == validity else 0
    criteria = ["UID", f"{last + 1}:*"] if last else []
    since = interest.since or today
    criteria += ["SINCE", f"{since.day}-{_MONTHS[since.month - 1]}-{since.year}"]
    status, data = connection.uid("SEARCH", *criteria)
    if status != "OK":
        raise ImapProblem(f"The folder {folder!r} cannot be searched ({_said(data)}).")
    # "n:*" also names the last message when none is newer than n: only newer ones count.
    uids = sorted(uid for uid in map(int, (data[0] or b"").split()) if uid > last)
    wanted = [
        uid
        for uid, head in _fetch(connection, uids, f"BODY.PEEK[HEADER.FIELDS ({' '.join(HEADERS)})]")
        if concerns(interest, head)
    ]
    messages = (
        mail_message(head, today)
        for _, head in _fetch(connection, wanted, f"BODY.PEEK[HEADER] BODY.PEEK[TEXT]<0.{BODY_BYTES}>")
    )
    found = [message for message in messages if message is not None]
    return found, {"uidvalidity": validity, "uid": max([last, *uids])}


def _fetch(connection: imaplib.IMAP4, uids: list[int], items: str) -> Iterator[tuple[int, bytes]]:
    """(UID, the bytes of the items, one after the other) for each message."""
    for start in range(0, len(uids), CHUNK):
        chunk = ",".join(map(str, uids[start : start + CHUNK]))
        status, data = connection.uid("FETCH", chunk, f"({items})")
        if status != "OK":
            raise ImapProblem(f"The server would not send the messages ({_said(data)}).")
        messages: list[tuple[list[int], list[bytes]]] = []
        for piece in data:
            head = piece[0] if isinstance(piece, tuple) else piece
            if not isinstance(head, bytes):
                continue
            if _MESSAGE_START.match(head):  # "12 (UID 40 BODY[...] {310}": the next message
                messages.append(([], []))
            if not messages:
                continue
            # A server may name the UID before the items or after them.
            messages[-1][0].extend(int(uid) for uid in _UID.findall(head))
            if isinstance(piece, tuple):
                messages[-1][1].append(piece[1].replace(b"\r\n", b"\n"))
        for uid, parts in messages:
            if uid:
                yield uid[0], b"".join(parts)


def _quoted(folder: str) -> str:
    """The folder's name as IMAP takes it: quoted, in modified UTF-7 (RFC 3501, 5.1.3)."""
    return '"' + _utf7(folder).replace("\\", "\\\\").replace('"', '\\"') + '"'


def _utf7(name: str) -> str:
    """ "Envoyés" -> "Envoy&AOk-s": printable ASCII as it is ("&" as "&-"), any other run of
    characters as base64 of UTF-16 with "," for "/", between "&" and "-"."""
    parts = []
    for printable, run in itertools.groupby(name, key=lambda char: " " <= char <= "~"):
        text = "".join(run)
        if printable:
            parts.append(text.replace("&", "&-"))
        else:
            encoded = base64.b64encode(text.encode("utf-16-be")).decode().rstrip("=")
            parts.append("&" + encoded.replace("/", ",") + "-")
    return "".join(parts)


def _said(data: list[Any]) -> str:
    words = data[0] if data else b""
    return words.decode(errors="replace") if isinstance(words, bytes) else str(words)

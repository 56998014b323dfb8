"""Where a mail password comes from: a command that prints it, or the system keyring.

The password lives only in memory, for one login: never in a file, a log or a message. The
errors here name the server and the source, never the password or the command's output.
"""

from __future__ import annotations

import ipaddress
import shlex
import subprocess

from infoint_tui.mail.settings import MailSettingsError, ServerSettings

#: How long a password command may take: `pass` may wait for a gpg-agent pin entry.
COMMAND_TIMEOUT = 60


class PasswordError(MailSettingsError):
    """No password could be had; one sentence for the user, without the password."""


def read_password(server: ServerSettings) -> str | None:
    """The password for `server`, or None when the settings name no source; raises PasswordError."""
    if server.password.command is not None:
        return _from_command(server.password.command, server.host)
    if server.password.keyring:
        return _from_keyring(server)
    return None


def refuse_plain_password(server: ServerSettings) -> None:
    """Raise PasswordError when a password would cross the network unencrypted."""
    if server.security == "none" and server.user is not None and server.password.given and not _loopback(server.host):
        raise PasswordError(
            f"The settings send the password for {server.host} unencrypted (security is none), which infoint only"
            ' allows to this computer itself: set security to "starttls" or "tls".'
        )


def _loopback(host: str) -> bool:
    if host.casefold() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _from_command(command: str, host: str) -> str:
    """The first line the command prints (as mbsync's PassCmd, so `pass show` entries work)."""
    try:
        # Never the terminal's input: the app is drawing on it (a GUI pinentry or the keyring still work).
        done = subprocess.run(
            shlex.split(command),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=COMMAND_TIMEOUT,
            check=False,
        )
    except (OSError, ValueError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else "it cannot be run"
        raise PasswordError(f"The password command for {host} ({command}) could not be run: {reason}.") from None
    except subprocess.TimeoutExpired:
        raise PasswordError(
            f"The password command for {host} ({command}) printed nothing within {COMMAND_TIMEOUT} seconds."
        ) from None
    if done.returncode != 0:
        raise PasswordError(f"The password command for {host} ({command}) failed with exit status {done.returncode}.")
    password = done.stdout.partition("\n")[0].removesuffix("\r")
    if not password:
        raise PasswordError(f"The password command for {host} ({command}) printed no password.")
    return password


def _from_keyring(server: ServerSettings) -> str:
    """The password stored as `keyring set HOST USER`."""
    try:
        import keyring
        from keyring.errors import KeyringError
    except ImportError:
        raise PasswordError(
            f"The settings ask the system keyring for the password for {server.host}, but the keyring library is not"
            " installed (pip install keyring)."
        ) from None
    if server.user is None:
        raise PasswordError(f"The keyring needs a user name for {server.host}: add user to its settings.")
    try:
        password = keyring.get_password(server.host, server.user)
    except KeyringError as error:
        raise PasswordError(f"The system keyring could not be read for {server.host} ({error}).") from None
    if not password:
        raise PasswordError(
            f"The system keyring holds no password for {server.user} at {server.host}:"
            f" store one with `keyring set {server.host} {server.user}`."
        )
    return password

"""TLS for the mail servers: the system's certificates, plus one the user chose to trust."""

from __future__ import annotations

import ssl

from infoint_tui.mail.settings import MailSettingsError, ServerSettings


def tls_context(server: ServerSettings) -> ssl.SSLContext:
    """A verifying context for `server`; its `trust_file` (a server with a certificate of its own) is trusted too."""
    context = ssl.create_default_context()
    if server.trust_file is not None:
        try:
            context.load_verify_locations(cafile=server.trust_file)
        except (OSError, ssl.SSLError):
            raise MailSettingsError(
                f"The certificate file {server.trust_file} (trust_file for {server.host}) cannot be read as PEM."
            ) from None
    return context

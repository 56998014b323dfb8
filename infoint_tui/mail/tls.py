"""The TLS context for a mail server: the system's certificates, plus the one the user trusts."""

from __future__ import annotations

import ssl

from infoint_tui.mail.settings import ServerSettings


def tls_context(server: ServerSettings) -> ssl.SSLContext:
    """Verifies the certificate and the host name; `trust_file` adds a certificate to trust."""
    context = ssl.create_default_context()
    if server.trust_file is not None:
        context.load_verify_locations(cafile=str(server.trust_file))
    return context

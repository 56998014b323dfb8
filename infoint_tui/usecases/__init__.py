"""What the app and the `infoint` command both do with a campaign: act on due items, run an
interview from booking to thank-you, and report (the morning review, the insights).

Above the domain (pure rules) and the store (the file); below the screens and the CLI, which
only ask and show. Never imports Textual.
"""

"""E-mail: the user's mail settings, the password's source, sending and reading.

Plain library code for the TUI and the CLI alike; nothing here imports Textual.
"""

"""Multi-step actions that several screens start: each waits on dialogs, so run it in a worker."""

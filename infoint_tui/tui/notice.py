"""How long a notification stays on screen, in seconds: long enough to read what it says."""

#: A word on what the key just did: "Saved.", "To-do noted".
BRIEF = 3
#: One sentence: "Snoozed: back in the queue on Fri 6 Mar."
SHORT = 4
#: Two sentences, or one that says where to go next.
READ = 6
#: A result to take in: a file written, the thank-yous now due.
LONG = 8
#: Something was refused, with what to do about it.
PROBLEM = 10
#: The data file cannot be written to: it must not be missed.
ALARM = 15

"""Conversions between the models and files: LinkedIn CSV, vCard and infoint's own JSON
export in; JSON, CSV, vCard, iCalendar and Markdown out.

Pure Python, no Textual. Importers never write: they return an `ImportPlan` (or, for a
JSON backup, a checked Campaign) that the caller applies to the repository, only when
nothing was rejected. Exporters return text or bytes; `output` alone puts them on disk,
with the store's atomic, private write. Nothing is re-exported here, so that importing one
format does not load the libraries of the others.
"""

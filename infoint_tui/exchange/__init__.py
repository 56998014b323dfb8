"""Conversions between the models and files: LinkedIn CSV and vCard in; JSON, CSV, vCard,
iCalendar and Markdown out.

Pure Python (no Textual, no TinyDB). Importers never write: they return an `ImportPlan`
that the caller applies to the repository, only when no row was rejected. Exporters return
text or bytes; the caller writes them. Nothing is re-exported here, so that importing one
format does not load the libraries of the others.
"""

"""Registers the ``text``, ``json`` and ``jsonl`` formats (copydesk's entry point ``reporters``).

Registered through the ``copydesk_reporters`` hook, exactly as a third-party format
would be; each format is its own module, imported when a run opens it
(:class:`copydesk.formats.LazyWriter`).
"""

from __future__ import annotations

from copydesk.formats import SCHEMA_VERSION, LazyWriter
from copydesk.hookspecs import hookimpl
from copydesk.models import Reporter

TEXT = Reporter(
    "text", LazyWriter("text", "TextWriter"), "Terminal report: worst-first table, then findings with excerpts", ".txt"
)
JSON = Reporter(
    "json",
    LazyWriter("json", "JsonWriter"),
    f"One JSON document for the batch (schema_version {SCHEMA_VERSION})",
    ".json",
)
JSONL = Reporter("jsonl", LazyWriter("json", "JsonlWriter"), "One JSON report per line, streamed", ".jsonl")


@hookimpl
def copydesk_reporters() -> list[Reporter]:
    """Provide the text, json and jsonl formats."""
    return [TEXT, JSON, JSONL]

"""Registers the ``text``, ``json`` and ``jsonl`` formats (copydesk's entry point ``reporters``).

Registered through the ``copydesk_reporters`` hook, exactly as a third-party format
would be; each format is its own module.
"""

from __future__ import annotations

from copydesk.formats import json, text
from copydesk.hookspecs import hookimpl
from copydesk.models import Reporter


@hookimpl
def copydesk_reporters() -> list[Reporter]:
    """Provide the text, json and jsonl formats."""
    return [text.REPORTER, json.JSON, json.JSONL]

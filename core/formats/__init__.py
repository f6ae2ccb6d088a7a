"""copydesk's output formats, one module each, and the registration of the CI and people-facing ones.

Each format is one module holding its writer and a ``REPORTER`` constant: ``text``,
``json`` (json and jsonl), ``sarif``, ``junit``, ``github``, ``markdown``, ``html``.
Shared by all: :mod:`.schema` (the documented JSON dictionaries), :mod:`.positions`
(where a finding is in its file), :mod:`._common` (levels, rule catalogue) and
:mod:`.writers` (requested outputs, atomic files). Formats are registered through the
``copydesk_reporters`` hook from copydesk's own entry points, exactly as a third-party
format would be: this module (entry point ``formats``) provides html, sarif, junit,
github and markdown; :mod:`.streams` (entry point ``reporters``) text, json and jsonl.
"""

from __future__ import annotations

from copydesk.formats import github, html, junit, markdown, sarif
from copydesk.hookspecs import hookimpl
from copydesk.models import Reporter


@hookimpl
def copydesk_reporters() -> list[Reporter]:
    """Provide the html, sarif, junit, github and markdown formats."""
    return [html.REPORTER, sarif.REPORTER, junit.REPORTER, github.REPORTER, markdown.REPORTER]

"""copydesk's output formats, one module each, and the registration of the CI and people-facing ones.

Each format is one module holding its writer: ``text``, ``json`` (json and jsonl),
``sarif``, ``junit``, ``github``, ``markdown``, ``html``. Shared by all: :mod:`.schema`
(the documented JSON dictionaries), :mod:`.positions` (where a finding is in its file),
:mod:`._common` (levels, rule catalogue) and :mod:`.writers` (requested outputs, atomic
files). Formats are registered through the ``copydesk_reporters`` hook from copydesk's
own entry points, exactly as a third-party format would be: this module (entry point
``formats``) provides html, sarif, junit, github and markdown; :mod:`.streams` (entry
point ``reporters``) text, json and jsonl.

A format's module is imported only when a run opens that format (:class:`LazyWriter`), so a
run imports the one or two it writes, not all seven (and not ``rich``, which only the
text format uses).
"""

from __future__ import annotations

import importlib
from typing import TextIO

from copydesk.hookspecs import hookimpl
from copydesk.models import Reporter, ReportWriter, RunInfo

#: The version of the JSON output schema (:mod:`.schema`), written by the json and jsonl
#: formats and named in the json format's description (``copydesk plugins``).
#: 2.0 added ``sources`` (the per-source roll-up), each article's ``source_name`` and
#: ``truncated``, and each scorer's ``features``; the score comes from the learned model.
#: 2.1 added each article's ``floored`` (the minimum-evidence floor set its score).
#: 2.2: a core diagnostic about a whole JSONL/CSV/Parquet record (``CD002`` on a record that
#: could not be read, a scorer's ``CD001``) is placed at the record, not in a field: its
#: location's ``field``, ``start`` and ``end`` are null, ``line``/``end_line`` the record's
#: line in its file (null for a Parquet row, which has none), ``column``/``end_column`` 1
#: (null for a Parquet row). Every other location is as in 2.1.
#: 2.3 added each article's ``omitted_findings``, only when ``[run] max_findings_per_article``
#: left findings out of its ``findings``: how many, by rule code (:mod:`copydesk.quota`).
SCHEMA_VERSION = "2.3"


class LazyWriter:
    """A format's writer class, ``copydesk.formats.MODULE.NAME``, imported when first opened."""

    __slots__ = ("module", "name")

    def __init__(self, module: str, name: str) -> None:
        self.module, self.name = module, name

    def __call__(self, stream: TextIO, info: RunInfo) -> ReportWriter:
        """Open the writer on ``stream``, as ``Reporter.open`` does."""
        writer: ReportWriter = getattr(importlib.import_module(f"copydesk.formats.{self.module}"), self.name)(
            stream, info
        )
        return writer

    def __repr__(self) -> str:
        return f"LazyWriter({self.module!r}, {self.name!r})"


HTML = Reporter(
    "html",
    LazyWriter("html", "HtmlWriter"),
    "Self-contained HTML report: overview, sortable table, highlighted text",
    ".html",
    wants_text=True,
)
SARIF = Reporter(
    "sarif",
    LazyWriter("sarif", "SarifWriter"),
    "SARIF 2.1.0 for code scanning (capped at 25,000 results, 10 MB)",
    ".sarif",
)
JUNIT = Reporter(
    "junit",
    LazyWriter("junit", "JunitWriter"),
    "JUnit XML: one test case per article (and failing source), failed when it fails the gate",
    ".xml",
)
GITHUB = Reporter(
    "github", LazyWriter("github", "GithubWriter"), "GitHub Actions annotations (::error file=...,line=...::)", ".txt"
)
MARKDOWN = Reporter(
    "markdown", LazyWriter("markdown", "MarkdownWriter"), "Markdown summary for $GITHUB_STEP_SUMMARY", ".md"
)


@hookimpl
def copydesk_reporters() -> list[Reporter]:
    """Provide the html, sarif, junit, github and markdown formats."""
    return [HTML, SARIF, JUNIT, GITHUB, MARKDOWN]

"""copydesk's CI and people-facing output formats: html, sarif, junit, github, markdown.

Registered through the ``copydesk_reporters`` hook from copydesk's own entry point
(``formats``), exactly as a third-party format would be, and built from the same
report objects and dictionaries (:mod:`copydesk.formats.schema`) as the json format.
"""

from __future__ import annotations

from copydesk.formats.github import GithubWriter
from copydesk.formats.html import HtmlWriter
from copydesk.formats.junit import JunitWriter
from copydesk.formats.markdown import MarkdownWriter
from copydesk.formats.sarif import SarifWriter
from copydesk.hookspecs import hookimpl
from copydesk.models import Reporter


@hookimpl
def copydesk_reporters() -> list[Reporter]:
    """Provide the html, sarif, junit, github and markdown formats."""
    return [
        Reporter("html", HtmlWriter, "Self-contained HTML report: overview, sortable table, highlighted text", ".html"),
        Reporter("sarif", SarifWriter, "SARIF 2.1.0 for code scanning (capped at 25,000 results, 10 MB)", ".sarif"),
        Reporter("junit", JunitWriter, "JUnit XML: one test case per article, failed when it fails the gate", ".xml"),
        Reporter("github", GithubWriter, "GitHub Actions annotations (::error file=...,line=...::)", ".txt"),
        Reporter("markdown", MarkdownWriter, "Markdown summary for $GITHUB_STEP_SUMMARY", ".md"),
    ]

"""copydesk's CI and people-facing output formats: html, sarif, junit, github, markdown.

Registered through the ``copydesk_reporters`` hook from copydesk's own entry point
(``formats``), exactly as a third-party format would be, and built from the same
report objects and dictionaries (:mod:`copydesk.report`) as the json format.
"""

from __future__ import annotations

from copydesk.hookspecs import hookimpl
from copydesk.models import Reporter
from copydesk.renderers.github import GithubWriter
from copydesk.renderers.html import HtmlWriter
from copydesk.renderers.junit import JunitWriter
from copydesk.renderers.markdown import MarkdownWriter
from copydesk.renderers.sarif import SarifWriter


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

"""The ``json`` and ``jsonl`` formats: the documented report schema, as one document or one line per article.

Both are built from the dictionaries of :mod:`copydesk.formats.schema`, which defines
the fields once.
"""

from __future__ import annotations

from typing import Any, TextIO

from copydesk import safety
from copydesk.formats import schema
from copydesk.models import ArticleReport, RunInfo, RunSummary


class JsonWriter:
    """One JSON document for the whole batch, with a ``schema_version``."""

    def __init__(self, out: TextIO, info: RunInfo) -> None:
        self.out = out
        self.info = info
        self.timings = info.timings
        self.articles: list[dict[str, Any]] = []

    def add(self, report: ArticleReport) -> None:
        """Convert the report now; the document is written at close."""
        self.articles.append(schema.article_dict(report, self.timings))

    def close(self, summary: RunSummary) -> None:
        """Write the document."""
        document = {
            "schema_version": schema.SCHEMA_VERSION,
            "run": schema.run_dict(self.info),
            "articles": self.articles,
            "sources": [schema.source_summary_dict(s) for s in summary.sources],
            "summary": schema.summary_dict(summary),
        }
        self.out.write(safety.json_text(schema.dumps(document, "json", indent=2)))
        self.out.write("\n")


class JsonlWriter:
    """One article report per line, written as soon as the article is scored."""

    def __init__(self, out: TextIO, info: RunInfo) -> None:
        self.out = out

    def add(self, report: ArticleReport) -> None:
        """Write the report's line."""
        line = {"schema_version": schema.SCHEMA_VERSION, **schema.article_dict(report)}
        self.out.write(safety.json_text(schema.dumps(line, "jsonl", separators=(",", ":"))) + "\n")

    def close(self, summary: RunSummary) -> None:
        """Nothing more: JSONL carries articles only (the exit code carries the verdict)."""
        self.out.flush()

"""The ``json`` and ``jsonl`` formats: the documented report schema, as one document or one line per article.

Both are built from the dictionaries of :mod:`copydesk.formats.schema`, which defines
the fields once.
"""

from __future__ import annotations

from typing import TextIO

from copydesk import safety
from copydesk.formats import schema
from copydesk.models import ArticleReport, RunInfo, RunSummary


class JsonWriter:
    """One JSON document for the whole batch, with a ``schema_version``.

    Each article is kept as its part of the document's text (:meth:`render`, which a
    worker process may run), so the document is written at close without serialising
    the articles again.
    """

    def __init__(self, out: TextIO, info: RunInfo) -> None:
        self.out = out
        self.info = info
        self.timings = info.timings
        self.articles: list[str] = []

    def __getstate__(self) -> dict[str, object]:
        """What :meth:`render` needs, for a cluster's workers: not the stream, not the kept articles."""
        return {"out": None, "info": self.info, "timings": self.timings, "articles": []}

    def render(self, report: ArticleReport) -> str:
        """The report as an item of the document's ``articles`` array, indented as ``json.dumps(..., indent=2)`` puts it."""
        return schema.article_json(report, "json", spaced=True, timings=self.timings, shift=_ITEM_INDENT)

    def add(self, report: ArticleReport) -> None:
        """Convert the report now; the document is written at close."""
        self.add_rendered(self.render(report))

    def add_rendered(self, text: str) -> None:
        """Keep an article's text from :meth:`render`."""
        self.articles.append(text)

    def close(self, summary: RunSummary) -> None:
        """Write the document: the text ``json.dumps(document, indent=2)`` gives, the kept articles spliced in."""
        document = {
            "schema_version": schema.SCHEMA_VERSION,
            "run": schema.run_dict(self.info),
            "articles": [],
            "sources": [schema.source_summary_dict(s) for s in summary.sources],
            "summary": schema.summary_dict(summary),
        }
        text = safety.json_text(schema.dumps(document, "json", indent=2))
        if not self.articles:
            self.out.write(text + "\n")
            return
        # the top-level key is the only line indented by two spaces that reads so
        head, empty, tail = text.partition(_EMPTY_ARTICLES)
        assert empty, "the document's articles key is where json.dumps puts it"
        # written a group of articles at a time: the document is never one string (nor its encoding one buffer)
        between = f",\n{_ITEM_INDENT}"
        self.out.write(f'{head}\n  "articles": [\n{_ITEM_INDENT}')
        for at in range(0, len(self.articles), _WRITTEN):
            self.out.write(("" if at == 0 else between) + between.join(self.articles[at : at + _WRITTEN]))
        self.out.write(f'\n  ],\n  "sources"{tail}\n')


#: How ``json.dumps(document, indent=2)`` indents an item of the top-level ``articles`` array.
_ITEM_INDENT = " " * 4
#: How many articles' texts :meth:`JsonWriter.close` joins for one write.
_WRITTEN = 64
#: The top-level ``articles`` key with an empty array, and the key after it.
_EMPTY_ARTICLES = '\n  "articles": [],\n  "sources"'


class JsonlWriter:
    """One article report per line, written as soon as the article is scored."""

    def __init__(self, out: TextIO, info: RunInfo) -> None:
        self.out = out
        #: The workers send each line UTF-8-encoded, written as it is (:meth:`add_rendered`):
        #: only to a stream copydesk opened that writes its text so (a report file, standard
        #: output kept for the report: ``encoded_utf8``).
        self.encoded = getattr(out, "encoded_utf8", False) is True

    def __getstate__(self) -> dict[str, object]:
        """Nothing :meth:`render` needs, for a cluster's workers: not the stream."""
        return {"out": None, "encoded": self.encoded}

    def render(self, report: ArticleReport) -> str:
        """The report's line (a worker process may run this)."""
        return schema.jsonl_line(report, end="\n")

    def add(self, report: ArticleReport) -> None:
        """Write the report's line."""
        self.add_rendered(self.render(report))

    def add_rendered(self, text: str | bytes) -> None:
        """Write a line from :meth:`render` (bytes: UTF-8-encoded by the worker, when :attr:`encoded`)."""
        if isinstance(text, bytes):
            self.out.write_encoded(text)  # type: ignore[attr-defined]
        else:
            self.out.write(text)

    def close(self, summary: RunSummary) -> None:
        """Nothing more: JSONL carries articles only (the exit code carries the verdict)."""
        self.out.flush()

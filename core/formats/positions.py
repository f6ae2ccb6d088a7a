"""Where a finding is in its source file: the one place field positions become file positions.

Scorers, the runner and the report keep every finding in field positions: offsets,
lines and columns within the article's title or body, exactly as the scorer computed
them. A format that points into the file (the JSON ``location``, SARIF regions, GitHub
annotations, JUnit and text lines) asks :func:`in_file`. Text extracted from HTML
carries a map of where each character came from (:class:`copydesk.models.TextMap`). A JSONL/CSV record's findings
stay within the record's field; the record's own line is ``source.record``.
"""

from __future__ import annotations

from dataclasses import replace

from copydesk.models import Finding, SourceRef, TextMap
from copydesk.rules import RESERVED_PREFIX


def whole_article(finding: Finding) -> bool:
    """A core diagnostic without a span (a scorer failed, an encoding was guessed).

    It concerns the article as a whole, so it stays at the start of the file.
    """
    return finding.prefix == RESERVED_PREFIX and finding.start == finding.end == 0


def in_file(finding: Finding, source: SourceRef | None) -> Finding:
    """The finding with its offsets, lines and columns counted in its source file.

    Unchanged for a record, an article without a source, a field whose place in the
    file is unknown, and a diagnostic about the whole article.
    """
    if source is None or source.record is not None or whole_article(finding):
        return finding
    mapped = {"title": source.title_map, "byline": source.byline_map}.get(finding.field, source.body_map)
    if mapped is not None:
        return _mapped(finding, mapped)
    base = {"title": source.title_at, "byline": source.byline_at}.get(finding.field, source.body_at)
    if base is None:
        return finding
    column = finding.column + base.column - 1 if finding.line == 1 else finding.column
    end_column = finding.end_column + base.column - 1 if finding.end_line == 1 else finding.end_column
    return replace(
        finding,
        start=finding.start + base.offset,
        end=finding.end + base.offset,
        line=finding.line + base.line - 1,
        column=column,
        end_line=finding.end_line + base.line - 1,
        end_column=end_column,
    )


def _mapped(finding: Finding, mapped: TextMap) -> Finding:
    """The finding placed through an extracted field's map (HTML input)."""
    start = mapped.locate(finding.start)
    end = start if finding.end <= finding.start else mapped.locate(finding.end, end=True)
    return replace(
        finding,
        start=start.offset,
        end=end.offset,
        line=start.line,
        column=start.column,
        end_line=end.line,
        end_column=end.column,
    )

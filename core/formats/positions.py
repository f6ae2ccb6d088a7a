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
    placed = file_positions(finding, source)
    if placed is None:
        return finding
    start, end, line, column, end_line, end_column = placed
    return replace(finding, start=start, end=end, line=line, column=column, end_line=end_line, end_column=end_column)


#: A finding's positions: start, end, line, column, end line, end column.
Positions = tuple[int, int, int, int, int, int]


def file_positions(finding: Finding, source: SourceRef | None) -> Positions | None:
    """The positions :func:`in_file` gives the finding (start, end, line, column, end line, end column), without the finding.

    None when it leaves the finding as it is (a writer that needs only the numbers, the
    JSON findings, then makes no copy of each finding).
    """
    if source is None or source.record is not None or whole_article(finding):
        return None
    mapped = {"title": source.title_map, "byline": source.byline_map}.get(finding.field, source.body_map)
    if mapped is not None:
        return _mapped(finding, mapped)
    base = {"title": source.title_at, "byline": source.byline_at}.get(finding.field, source.body_at)
    if base is None:
        return None
    column = finding.column + base.column - 1 if finding.line == 1 else finding.column
    end_column = finding.end_column + base.column - 1 if finding.end_line == 1 else finding.end_column
    return (
        finding.start + base.offset,
        finding.end + base.offset,
        finding.line + base.line - 1,
        column,
        finding.end_line + base.line - 1,
        end_column,
    )


def _mapped(finding: Finding, mapped: TextMap) -> Positions:
    """The finding's positions through an extracted field's map (HTML input)."""
    start = mapped.locate(finding.start)
    end = start if finding.end <= finding.start else mapped.locate(finding.end, end=True)
    return (start.offset, end.offset, start.line, start.column, end.line, end.column)

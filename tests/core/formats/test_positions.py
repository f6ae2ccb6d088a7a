"""Findings stay in field positions; formats.positions.in_file places them in the file."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from copydesk import Context, Document, Finding, Rule, Scorer
from copydesk.diagnostics import SCORER_ERROR, UNUSED_SUPPRESSION, diagnostic
from copydesk.formats import schema
from copydesk.formats.positions import in_file
from copydesk.formats.schema import article_dict
from copydesk.models import Article, SourceRef
from copydesk.sources import parse_text
from copydesk.testing import plugin_set, score_batch
from copydesk.text import TextView

BAD = Rule("WRD001", "flagged-word", "Word '{word}' is flagged")


def bad_words(document: Document, context: Context) -> Iterator[Finding]:
    for view in (document.title, document.body):
        for start, end in view.words:
            if view.text[start:end] == "bad":
                yield BAD.finding(view, start, end, word="bad")


WORDS = Scorer("WRD", "words", (BAD,), bad_words)

# (file text, where each "bad" is in the file: field, line, column)
CASES = [
    ("Headline\nfirst line\nsecond bad line", [("text", 3, 8)]),
    ("\n\n  A bad headline\nbad body", [("title", 3, 5), ("text", 4, 1)]),
    ("---\nauthor: X\n---\n# So bad\n\nthe bad end", [("title", 4, 6), ("text", 6, 5)]),
    ("---\ntitle: Quite bad\n---\nBody is bad too", [("title", 2, 14), ("text", 4, 9)]),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_reports_keep_field_positions_and_in_file_places_them_in_the_file(
    text: str, expected: list[tuple[str, int, int]]
) -> None:
    art = parse_text(text, "x.md", "md")
    assert isinstance(art, Article)
    [report] = score_batch([art], plugin_set(scorers=[WORDS]))
    for finding in report.findings:  # as the scorer computed them
        field = art.title if finding.field == "title" else art.body
        assert field[finding.start : finding.end] == "bad"
    placed = [in_file(f, report.source) for f in report.findings]
    assert [(p.field, p.line, p.column) for p in placed] == expected
    assert all(text[p.start : p.end] == "bad" for p in placed)


@pytest.mark.parametrize("name", ["x.md", "x.html"])
def test_file_positions_are_the_positions_in_file_gives(tmp_path: Path, name: str) -> None:
    """The formats read a finding's file positions without a copy of it: the numbers in_file's copy holds."""
    from copydesk.config import packaged_defaults
    from copydesk.formats.positions import file_positions
    from copydesk.sources import Batch

    page = "<html><head><title>A bad page</title></head><body><p>Its <b>bad</b> body.</p><p>Another bad one.</p></body>"
    text = "---\ntitle: Quite bad\n---\nBody is bad too,\nbad to the end"
    written = page if name.endswith(".html") else text
    (tmp_path / name).write_text(written, encoding="utf-8")
    [art] = Batch([str(tmp_path / name)], {**packaged_defaults()["sources"], "html_extractor": "builtin"})
    assert isinstance(art, Article)
    [report] = score_batch([art], plugin_set(scorers=[WORDS]))
    assert len(report.findings) >= 2 and report.source is not None
    assert (report.source.body_map is not None) == name.endswith(".html")
    fields = ("start", "end", "line", "column", "end_line", "end_column")
    for finding in (*report.findings, *report.diagnostics):
        placed = in_file(finding, report.source)
        numbers = file_positions(finding, report.source)
        assert (placed is finding) == (numbers is None)
        assert numbers is None or numbers == tuple(getattr(placed, field) for field in fields)
    for finding in report.findings:  # each at its word in the file as written
        numbers = file_positions(finding, report.source)
        assert numbers is not None and written[numbers[0] : numbers[1]] == "bad"
    assert file_positions(report.findings[0], None) is None


def test_records_and_sourceless_findings_are_not_moved() -> None:
    view = TextView("one bad word", "text")
    finding = BAD.finding(view, 4, 7, word="bad")
    assert in_file(finding, None) is finding
    assert in_file(finding, SourceRef(path="a.jsonl", format="jsonl", record=3)) is finding


def test_whole_article_diagnostics_stay_at_the_file_start_and_spanned_ones_move() -> None:
    art = parse_text("Title\n\nBody <!-- copydesk: ignore -->\n", "x.txt", "txt")
    assert isinstance(art, Article) and art.source is not None
    crash = diagnostic(SCORER_ERROR, prefix="WRD", plugin="p", error="boom")
    assert in_file(crash, art.source) is crash
    view = TextView(art.body, "text")
    start = art.body.index("<!--")
    unused = diagnostic(
        UNUSED_SUPPRESSION, view, start, len(art.body) - 1, selector="ALL", problem="matched no finding"
    )
    assert in_file(unused, art.source).line == 3


def test_json_location_is_in_the_file() -> None:
    art = parse_text("Headline\n\nsecond bad line\n", "a.txt", "txt")
    [report] = score_batch([art], plugin_set(scorers=[WORDS]))
    [finding] = article_dict(report)["findings"]
    where = finding["location"]
    assert (where["field"], where["line"], where["column"], where["start"], where["end"]) == ("text", 3, 8, 17, 20)


@pytest.mark.parametrize(
    ("source", "line", "column"),
    [
        (SourceRef(path="a.jsonl", format="jsonl", record=3), 3, 1),
        (SourceRef(path="a.csv", format="csv", record=7), 7, 1),
        (SourceRef(path="a.parquet", format="parquet", record=4), None, None),  # a row has no line
    ],
    ids=["jsonl", "csv", "parquet"],
)
def test_json_places_a_diagnostic_about_a_whole_record_at_the_record_not_in_a_field(
    source: SourceRef, line: int | None, column: int | None
) -> None:
    crash = diagnostic(SCORER_ERROR, prefix="WRD", plugin="p", error="boom")
    expected = {
        "path": source.path,
        "record": source.record,
        "field": None,
        "start": None,
        "end": None,
        "line": line,
        "column": column,
        "end_line": line,
        "end_column": column,
    }
    assert schema.location(crash, source) == expected
    spanned = BAD.finding(TextView("one bad word", "text"), 4, 7, word="bad")  # a finding in a field stays there
    assert schema.location(spanned, source)["field"] == "text"
    # the report's JSON text (written from a template, whole-record diagnostics through their dictionary) agrees
    [report] = score_batch([Article("r1", "T", "one bad word", source=source)], plugin_set(scorers=[WORDS]))
    report = replace(report, diagnostics=(crash,))
    for spaced in (True, False):
        written = json.loads(schema.article_json(report, "json", spaced=spaced))
        assert [d["location"] for d in written["diagnostics"]] == [expected]
        assert written["findings"][0]["location"]["field"] == "text"

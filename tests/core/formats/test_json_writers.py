"""The JSON writers' own guard (issue 16 item 8): never NaN or Infinity, whatever reaches them.

The runner rejects a plugin's non-finite numbers at the boundary; these tests hand the
writers a report that got past it anyway (built by hand) and expect an error naming the
report instead of a document that is not JSON.
"""

from __future__ import annotations

import io
import json
import math
from dataclasses import replace

import pytest
from copydesk.formats import html, schema
from copydesk.formats.streams import JSON, JSONL
from copydesk.models import ArticleReport, Reporter, Rule, RunInfo, RunSummary, Scorer
from copydesk.testing import plugin_set, score_batch

INFO = RunInfo(version="0", paths=(), plugins=(), rules=())
SUMMARY = RunSummary(articles=1, scored=1, unreadable=0, mean_score=50.0)
RULE = Rule("ONE001", "one-rule", "One")
ONE = Scorer("ONE", "one", (RULE,), lambda document, context: [RULE.finding(document.body, 0, 4)])


def _report_with_nan_data() -> ArticleReport:
    [report] = score_batch(["Some body text here."], plugin_set(scorers=[ONE]))
    finding = replace(report.findings[0], data={"v": [1.0, {"w": math.nan}]})
    return replace(report, findings=(finding,))


@pytest.mark.parametrize(("reporter", "name"), [(JSON, "json"), (JSONL, "jsonl")], ids=["json", "jsonl"])
def test_a_json_writer_refuses_nan_with_an_error_naming_the_report(reporter: Reporter, name: str) -> None:
    out = io.StringIO()
    writer = reporter.open(out, INFO)
    with pytest.raises(ValueError, match=rf"^the {name} report would not be JSON \(Out of range float values"):
        writer.add(_report_with_nan_data())
        writer.close(SUMMARY)
    assert "NaN" not in out.getvalue()


def test_the_html_report_data_refuses_infinity() -> None:
    report = replace(_report_with_nan_data(), findings=(), score=math.inf)
    with pytest.raises(ValueError, match=r"^the html report would not be JSON"):
        html.script_json(html.article_data(report))


def test_dumps_writes_finite_values_as_json_does() -> None:
    value = {"a": [1, 2.5, None, True, "caf\u00e9"]}
    assert schema.dumps(value, "json", separators=(",", ":")) == '{"a":[1,2.5,null,true,"café"]}'


def test_the_json_formats_description_names_the_schema_version_its_documents_carry() -> None:
    """``copydesk plugins`` describes format:json with the version the writer writes (review 11, item 16)."""
    out = io.StringIO()
    writer = JSON.open(out, INFO)
    writer.add(score_batch(["Some body text here."], plugin_set(scorers=[ONE]))[0])
    writer.close(SUMMARY)
    written = json.loads(out.getvalue())["schema_version"]
    assert written == schema.SCHEMA_VERSION
    assert JSON.description == f"One JSON document for the batch (schema_version {written})"

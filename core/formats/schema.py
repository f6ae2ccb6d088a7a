"""Turn reports into plain, JSON-ready dictionaries: the documented output schema.

Every machine-readable format (JSON, JSONL, and the plugins' SARIF, JUnit, HTML) is
built from these dictionaries, so field names and meanings are defined once. Keys are
emitted in a fixed order and floats rounded, so the same input always gives the same
bytes. Timings are left out unless asked for, because they differ run to run.
"""

from __future__ import annotations

import json
from typing import Any

from copydesk.formats.positions import in_file
from copydesk.modelfile import rounded
from copydesk.models import ArticleReport, Finding, Rule, RunInfo, RunSummary, ScorerResult, SourceRef
from copydesk.rollup import SourceSummary

#: 2.0 added ``sources`` (the per-source roll-up), each article's ``source_name`` and
#: ``truncated``, and each scorer's ``features``; the score comes from the learned model.
#: 2.1 added each article's ``floored`` (the minimum-evidence floor set its score).
SCHEMA_VERSION = "2.1"


def dumps(value: Any, what: str, **layout: Any) -> str:
    """``value`` as JSON text (``ensure_ascii=False``), never holding NaN or Infinity, which JSON has not.

    The runner rejects a plugin's non-finite numbers and non-JSON data at the boundary
    (:mod:`copydesk.containment`), so a failure here is copydesk's own bug: a ValueError
    naming the ``what`` report (an internal error, exit 3), never a report that is not JSON.

    :param layout: ``indent``, ``separators`` as for :func:`json.dumps`.
    """
    try:
        return json.dumps(value, ensure_ascii=False, allow_nan=False, **layout)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"the {what} report would not be JSON ({exc}): a value got past the plugin boundary") from exc


def _round(value: float | None, places: int = 4) -> float | None:
    """Round for stable output; None stays None."""
    return None if value is None else round(float(value), places)


def location(finding: Finding, source: SourceRef | None) -> dict[str, Any]:
    """Where a finding is in the caller's copy of the input (file positions, or field positions in a record)."""
    placed = in_file(finding, source)
    return {
        "path": source.path if source else None,
        "record": source.record if source else None,
        "field": finding.field,
        "start": placed.start,
        "end": placed.end,
        "line": placed.line,
        "column": placed.column,
        "end_line": placed.end_line,
        "end_column": placed.end_column,
    }


def finding_dict(finding: Finding, source: SourceRef | None) -> dict[str, Any]:
    """One finding as a dictionary."""
    return {
        "code": finding.code,
        "name": finding.name,
        "plugin": finding.plugin,
        "prefix": finding.prefix,
        "severity": finding.severity.value,
        "message": finding.message,
        "excerpt": finding.excerpt,
        "matched": finding.matched,
        "location": location(finding, source),
        "data": {k: finding.data[k] for k in sorted(finding.data)},
    }


def scorer_dict(result: ScorerResult, timings: bool = False) -> dict[str, Any]:
    """One scorer's part of an article's report."""
    out: dict[str, Any] = {
        "prefix": result.prefix,
        "name": result.name,
        "plugin": result.plugin,
        "subscore": _round(result.subscore),
        "weight": _round(result.weight),
        "contribution": _round(result.contribution, 2),
        "findings": len(result.findings),
        "metrics": {k: _round(v) for k, v in sorted(result.metrics.items())},
        "features": {k: _round(v, 6) for k, v in sorted(result.features.items())},
        "error": result.error,
    }
    if timings:
        out["seconds"] = _round(result.seconds, 6)
    return out


def source_dict(source: SourceRef | None) -> dict[str, Any] | None:
    """Where the article came from."""
    if source is None:
        return None
    return {
        "path": source.path,
        "format": source.format,
        "record": source.record,
        "encoding": source.encoding,
        "encoding_detected": source.encoding_detected,
    }


def article_dict(report: ArticleReport, timings: bool = False) -> dict[str, Any]:
    """One article's report as a dictionary (one JSONL line, one JSON array item).

    With a baseline, each finding also says whether it is ``new`` or ``unchanged``.
    """
    findings = [finding_dict(f, report.source) for f in report.findings]
    for item, state in zip(findings, report.baseline_state, strict=False):
        item["baseline"] = state
    return {
        "id": report.id,
        "title": report.title,
        "source": source_dict(report.source),
        "source_name": report.source_name,
        "score": _round(report.score, 2),
        "grade": report.grade,
        "verdict": report.verdict,
        "words": report.words,
        "truncated": report.truncated,
        "floored": report.floored,
        "scorers": [scorer_dict(s, timings) for s in report.scorers],
        "findings": findings,
        "diagnostics": [finding_dict(f, report.source) for f in report.diagnostics],
    }


def rule_dict(rule: Rule, plugin: str, prefix: str) -> dict[str, Any]:
    """One rule as ``copydesk rules --format json`` lists it."""
    return {
        "code": rule.code,
        "name": rule.name,
        "plugin": plugin,
        "prefix": prefix,
        "severity": rule.severity.value,
        "message": rule.message,
        "doc": rule.doc,
    }


def run_dict(info: RunInfo) -> dict[str, Any]:
    """The run's header: version, inputs, plugins, and the model with what a grade means under it."""
    return {
        "version": info.version,
        "paths": list(info.paths),
        "plugins": [{"name": n, "version": v} for n, v in info.plugins],
        "model": {
            "file": info.model,
            "reference": [
                {
                    "name": g.name,
                    "label": g.label,
                    "articles": g.articles,
                    "grades": {band: rounded(share) for band, share in g.grades.items()},
                }
                for g in info.reference
            ],
        },
    }


def source_summary_dict(summary: SourceSummary) -> dict[str, Any]:
    """One source's summary: counts, mean score with its 95 % interval, share failing, top rules."""
    return {
        "source": summary.source,
        "articles": summary.articles,
        "scored": summary.scored,
        "mean_score": _round(summary.mean, 2),
        "low": _round(summary.low, 2),
        "high": _round(summary.high, 2),
        "failing": summary.failing,
        "share_failing": _round(summary.share_failing),
        "top_rules": [{"code": code, "findings": n} for code, n in summary.top_rules],
    }


def summary_dict(summary: RunSummary) -> dict[str, Any]:
    """The batch totals."""
    return {
        "articles": summary.articles,
        "scored": summary.scored,
        "unreadable": summary.unreadable,
        "mean_score": _round(summary.mean_score, 2),
        "failing": list(summary.failing),
        "gate": {k: summary.gate[k] for k in sorted(summary.gate)},
        "plugin_errors": list(summary.plugin_errors),
        "input_errors": list(summary.input_errors),
        "exit_code": summary.exit_code,
    }

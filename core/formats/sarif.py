"""The ``sarif`` format: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

One run; the driver lists every rule (the core's CD rules and every loaded plugin's)
with its name in words, documentation and default level. Each finding and
diagnostic is a result with its location: for a file, line and column (and the
character offset into the decoded file), the matched text as the region's snippet and
the excerpt (its sentence) as the snippet of a context region over the region's lines;
for a JSONL/CSV record, the record's line (the excerpt as its context region's snippet),
with the field and offsets in the result's properties; for a Parquet row, which has no
line, the file without a region, a logical location ``row N`` and ``row`` in the properties. ``partialFingerprints``
carries copydesk's baseline fingerprint (article id, rule code, normalised matched
text, none for a whole-article rule), and ``baselineState`` is set when the run compares against a baseline.

GitHub code scanning accepts at most 25,000 results per run and 10 MB per file.
Beyond either limit the writer keeps the most severe results (errors, then
warnings, then notes, each in input order) and says in a tool notification how many
it left out, instead of failing the upload.

A source that fails a source lever of the gate (``--source-fail-under``, a regression
under ``--compare``) has no location, so it is not a result: it is an ``error``
notification of the invocation (descriptor ``copydesk/source-gate``), in the words of
the stderr FAIL line. ``executionSuccessful`` stays true for a failed gate (exit 1), as
SARIF means it: the tool ran to completion; it is false for exit 2 or 3.

An article whose findings ``[run] max_findings_per_article`` cut has a ``warning``
notification (descriptor ``copydesk/findings-cap``) naming it, with how many findings
were left out, by rule code; they are not results.
"""

from __future__ import annotations

import json
from typing import Any, TextIO
from urllib.parse import quote

from copydesk import safety
from copydesk.ci.baseline import fingerprint
from copydesk.formats import _common as common
from copydesk.formats import schema
from copydesk.formats.positions import file_positions
from copydesk.models import ArticleReport, Finding, RunInfo, RunSummary
from copydesk.quota import omitted_line

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
MAX_RESULTS = 25_000
MAX_BYTES = 10_000_000
FINGERPRINT_KEY = "copydesk/v1"
_RANK = {"error": 0, "warning": 1, "note": 2}
#: The notification descriptor of a source that fails a source lever of the gate.
GATE_NOTIFICATION = "copydesk/source-gate"
#: The notification descriptor of an article the per-article cap left findings out of.
CAP_NOTIFICATION = "copydesk/findings-cap"


def artifact_uri(path: str) -> str:
    """A relative URI reference for a path (``/`` kept, everything unsafe quoted)."""
    return quote(path.replace("\\", "/"), safe="/")


def rule_descriptor(rule: Any, plugin: str) -> dict[str, Any]:
    """One ``reportingDescriptor``.

    ``shortDescription`` is the rule's name in words (``vague-attribution``: ``Vague
    attribution``), not its message template, whose ``{placeholders}`` a rule list would
    show raw; ``fullDescription`` is the doc's first paragraph and ``help`` the whole doc,
    as Markdown in ``help.markdown`` and without its Markdown marks in ``help.text``. An opt-in
    rule (off unless a ``select`` selector names it) is ``"enabled": false`` by default.
    """
    doc = rule.doc.strip()
    first = doc.split("\n\n", 1)[0].replace("**What it flags.**", "").strip() if doc else rule.message
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.name.replace("-", " ").capitalize()},
        "fullDescription": {"text": " ".join(plain(first).split()) or rule.message},
        "help": {"text": plain(doc) or rule.message, "markdown": doc or rule.message},
        "defaultConfiguration": {
            "level": common.SARIF_LEVEL[rule.severity.value],
            **({"enabled": False} if rule.opt_in else {}),
        },
        "properties": {"plugin": plugin, "tags": [plugin]},
    }


def plain(markdown: str) -> str:
    """A rule doc's Markdown as plain text: without its bold (``**``) and code (`````) marks."""
    return markdown.replace("**", "").replace("`", "")


def location(report: ArticleReport, finding: Finding) -> dict[str, Any]:
    """The result's location: physical (file, region), or for a Parquet row the file and a logical ``row N``.

    A Parquet file has no lines, so a row gets no region (there is no line to point at):
    the artifact alone, and a logical location naming the row.
    """
    artifact = {"artifactLocation": {"uri": artifact_uri(common.location_path(report))}}
    if (row := common.table_row(report)) is not None:
        return {"physicalLocation": artifact, "logicalLocations": [{"name": f"row {row}", "kind": "object"}]}
    region: dict[str, Any]
    span = common.location_line(report, finding)
    if span is None:
        region = {"startLine": max(1, common.record_line(report) or 1)}
    else:
        line, column, end_line, end_column = span
        region = {"startLine": line, "startColumn": column, "endLine": end_line, "endColumn": end_column}
        placed = file_positions(finding, report.source)  # in_file's numbers, without a copy of the finding
        start, end = (finding.start, finding.end) if placed is None else placed[:2]
        if end > start >= 0:
            region["charOffset"] = start
            region["charLength"] = end - start
    physical: dict[str, Any] = {**artifact, "region": region}
    if span is not None and finding.matched:
        region["snippet"] = {"text": common.clean(finding.matched)}
    if finding.excerpt:
        lines = {key: region[key] for key in ("startLine", "endLine") if key in region}
        physical["contextRegion"] = {**lines, "snippet": {"text": common.clean(finding.excerpt)}}
    return {"physicalLocation": physical}


def result(report: ArticleReport, finding: Finding, index: dict[str, int], state: str) -> dict[str, Any]:
    """One ``result``."""
    out: dict[str, Any] = {
        "ruleId": finding.code,
        "level": common.SARIF_LEVEL[finding.severity.value],
        "message": {"text": common.clean(common.placed_message(report, finding))},
        "locations": [location(report, finding)],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint(report.id, finding)},
        "properties": {"article": common.clean(report.id), "field": finding.field, "plugin": finding.plugin},
    }
    if finding.code in index:
        out["ruleIndex"] = index[finding.code]
    if (row := common.table_row(report)) is not None:
        out["properties"]["row"] = row
    if report.source is not None and report.source.record is not None:
        out["properties"]["fieldStart"] = finding.start
        out["properties"]["fieldEnd"] = finding.end
    if state:
        out["baselineState"] = state
    return out


class SarifWriter:
    """Collect results (at most MAX_RESULTS, most severe kept); write the log at close."""

    def __init__(self, out: TextIO, info: RunInfo) -> None:
        self.out = out
        self.info = info
        self.rules = common.all_rules(info)
        self.index = {rule.code: i for i, rule in enumerate(self.rules)}
        self.kept: dict[str, list[dict[str, Any]]] = {"error": [], "warning": [], "note": []}
        self.total = 0
        self.baseline = False
        #: One line per article the per-article cap left findings out of.
        self.capped: list[str] = []

    def _keep(self, item: dict[str, Any]) -> None:
        """Add a result, dropping the newest least severe one once over the cap."""
        self.total += 1
        self.kept[item["level"]].append(item)
        if sum(len(v) for v in self.kept.values()) > MAX_RESULTS:
            for level in ("note", "warning", "error"):
                if self.kept[level]:
                    self.kept[level].pop()
                    break

    def add(self, report: ArticleReport) -> None:
        """Turn the article's diagnostics and findings into results."""
        states = report.baseline_state or ("",) * len(report.findings)
        self.baseline = self.baseline or bool(report.baseline_state)
        for diag in report.diagnostics:
            self._keep(result(report, diag, self.index, "new" if report.baseline_state else ""))
        for finding, state in zip(report.findings, states, strict=True):
            self._keep(result(report, finding, self.index, state))
        if report.omitted:
            self.capped.append(common.clean(f"{report.id}: {omitted_line(report)}"))

    def _within_size(self, results: list[dict[str, Any]], overhead: int) -> list[dict[str, Any]]:
        """The longest prefix of ``results`` that keeps the file under MAX_BYTES."""
        budget = MAX_BYTES - overhead - 1024  # room for the note
        size = 0
        for i, item in enumerate(results):
            size += len(json.dumps(item, ensure_ascii=False, separators=(",", ":")).encode("utf-8")) + 1
            if size > budget:
                return results[:i]
        return results

    def close(self, summary: RunSummary) -> None:
        """Write the SARIF log."""
        results = [*self.kept["error"], *self.kept["warning"], *self.kept["note"]]
        log = self._log(summary, [], "")
        results = self._within_size(results, len(json.dumps(log, ensure_ascii=False).encode("utf-8")))
        note = ""
        if len(results) < self.total:
            note = (
                f"{self.total - len(results)} of {self.total} results left out: GitHub code scanning accepts at "
                f"most {MAX_RESULTS:,} results and {MAX_BYTES // 1_000_000} MB per run; the most severe were kept"
            )
        log_text = schema.dumps(self._log(summary, results, note), "sarif", separators=(",", ":"))
        self.out.write(safety.json_text(log_text))
        self.out.write("\n")

    def _log(self, summary: RunSummary, results: list[dict[str, Any]], note: str) -> dict[str, Any]:
        notifications = [
            {"level": "error", "message": {"text": common.clean(f"FAIL {m}")}, "descriptor": {"id": GATE_NOTIFICATION}}
            for m in common.source_failures(summary.gate)
        ]
        notifications += [
            {"level": "error", "message": {"text": common.clean(e)}}
            for e in (*summary.plugin_errors, *summary.input_errors)
        ]
        notifications += [
            {"level": "warning", "message": {"text": line}, "descriptor": {"id": CAP_NOTIFICATION}}
            for line in self.capped
        ]
        if note:
            notifications.append({"level": "warning", "message": {"text": note}})
        driver = {
            "name": "copydesk",
            "version": self.info.version,
            "rules": [rule_descriptor(r, common.rule_plugin(self.info, r.code)) for r in self.rules],
        }
        invocation: dict[str, Any] = {"executionSuccessful": summary.exit_code in (0, 1), "exitCode": summary.exit_code}
        if notifications:
            invocation["toolExecutionNotifications"] = notifications
        run: dict[str, Any] = {
            "tool": {"driver": driver},
            "invocations": [invocation],
            "columnKind": "unicodeCodePoints",
            "results": results,
            "properties": {"articles": summary.articles, "resultsTotal": self.total, "truncated": bool(note)},
        }
        return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}

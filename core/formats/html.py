"""The ``html`` format: one self-contained static report for people.

A batch overview (score distribution as an inline SVG chart, counts per rule, the
per-source table, a worst-first table that can be sorted and filtered), then, on demand, one article:
its text with every finding's span highlighted (message on hover or keyboard
focus), the per-scorer breakdown, the grade and why it fails the gate.

It stays usable at thousands of articles because article bodies are not part of the
page's DOM until opened: each article is an inert ``<script type="application/json">``
block the script parses when its row is clicked. While the batch streams past, the
article blocks are spooled to a temporary file, so memory holds only one table row
per article.

Article text is untrusted. Everything the server side writes goes through
:func:`html.escape`; JSON blocks have ``<``, ``>`` and ``&`` escaped so no ``</script>``
can close them; the script builds nodes with ``textContent``. A Content-Security-Policy
forbids every network fetch and every script except the report's own (by hash).
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import tempfile
from collections import Counter
from dataclasses import dataclass
from typing import Any, TextIO

from copydesk.formats import _common as common
from copydesk.formats._html_assets import CSS, JS
from copydesk.models import ArticleReport, Finding, Reporter, RunInfo, RunSummary

BINS = 10
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def esc(value: object) -> str:
    """Escape for HTML text and double-quoted attributes."""
    return html.escape(common.clean(str(value)), quote=True)


def script_json(value: Any) -> str:
    """JSON that is inert inside ``<script type="application/json">``: no ``<`` at all."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return "".join(_JSON_ESCAPES.get(c, c) for c in common.clean(text))


def csp() -> str:
    """The page's policy: no network, no script but ours, inline styles allowed."""
    digest = base64.b64encode(hashlib.sha256(JS.encode("utf-8")).digest()).decode("ascii")
    return (
        "default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
        f"script-src 'sha256-{digest}'; base-uri 'none'; form-action 'none'"
    )


def segments(text: str, spans: list[tuple[int, int, int]]) -> list[list[Any]]:
    """Split ``text`` into ``[piece, [finding indices covering it]]`` runs.

    ``spans`` are ``(start, end, index)`` within ``text``; overlapping spans give
    pieces covered by several findings. An empty span marks one character so that
    it can still be seen and focused.
    """
    size = len(text)
    events: list[tuple[int, int, int]] = []  # (position, 0 close / 1 open, index)
    for start, end, index in spans:
        s = min(max(start, 0), size)
        e = min(max(end, s), size)
        if e == s:
            s, e = (s, s + 1) if s < size else (max(0, s - 1), s)
        if e > s:
            events += [(s, 1, index), (e, 0, index)]
    events.sort()
    out: list[list[Any]] = []
    active: set[int] = set()
    pos = 0
    for at, kind, index in events:
        if at > pos:
            out.append([text[pos:at], sorted(active)])
            pos = at
        (active.add if kind else active.discard)(index)
    if pos < size or not out:
        out.append([text[pos:], []])
    return out


def _where(report: ArticleReport, finding: Finding) -> str:
    line = common.location_line(report, finding)
    if line is None:
        return f"record line {common.record_line(report)}, {finding.field} {finding.line}:{finding.column}"
    return f"{line[0]}:{line[1]}"


def _finding(report: ArticleReport, finding: Finding, state: str) -> list[str]:
    """One finding as ``[code, severity, message, where, baseline state]``.

    Arrays, not objects, keep 5,000-article reports small (findings are most of a block).
    """
    return [finding.code, finding.severity.value, finding.message, _where(report, finding), state]


def article_data(report: ArticleReport) -> dict[str, Any]:
    """Everything the page shows for one article (built from the report dictionaries)."""
    states = report.baseline_state or ("",) * len(report.findings)
    spans: dict[str, list[tuple[int, int, int]]] = {"title": [], "text": []}
    for i, finding in enumerate(report.findings):
        spans.setdefault(finding.field, []).append((finding.start, finding.end, i))
    return {
        "id": report.id,
        "title": report.title,
        "score": None if report.score is None else round(report.score, 2),
        "grade": report.grade,
        "verdict": report.verdict,
        "words": report.words,
        "gate": list(report.gate_reasons),
        "scorers": [
            {
                "prefix": s.prefix,
                "name": s.name,
                "subscore": s.subscore,
                "weight": s.weight,
                "contribution": s.contribution if s.subscore is not None else None,
                "findings": len(s.findings),
                "error": s.error,
            }
            for s in report.scorers
        ],
        "title_segments": segments(report.title, spans["title"]),
        "segments": segments(report.text, spans["text"]),
        "findings": [_finding(report, f, st) for f, st in zip(report.findings, states, strict=True)],
        "diagnostics": [_finding(report, d, "") for d in report.diagnostics],
    }


@dataclass(frozen=True)
class Row:
    """One line of the overview table (all the writer keeps in memory per article)."""

    index: int
    id: str
    title: str
    score: float | None
    grade: str
    verdict: str
    findings: int
    codes: tuple[str, ...]
    reasons: tuple[str, ...]

    def html(self) -> str:
        """The ``<tr>``; data-v attributes carry the sort keys."""
        score = "-" if self.score is None else f"{self.score:.1f}"
        search = " ".join((self.id, self.title, *self.codes, self.verdict)).lower()
        gate = "; ".join(self.reasons)
        cells = [
            f'<td class="n" data-v="{-1 if self.score is None else self.score}">{score}</td>',
            f'<td data-v="{esc(self.grade)}"><span class="grade g-{esc(self.grade)}">{esc(self.grade)}</span></td>',
            f'<td data-v="{esc(self.verdict)}">{esc(self.verdict)}</td>',
            f'<td class="n" data-v="{self.findings}">{self.findings}</td>',
            f'<td data-v="{esc(gate)}">{esc(gate or "-")}</td>',
            f'<td data-v="{esc(self.id)}"><a href="#a-{self.index}">{esc(self.title or self.id)}</a>'
            f'<div class="muted">{esc(self.id)}</div></td>',
        ]
        return (
            f'<tr data-i="{self.index}" data-grade="{esc(self.grade)}" data-fail="{int(bool(self.reasons))}"'
            f' data-search="{esc(search)}"{" class=fail" if self.reasons else ""}>{"".join(cells)}</tr>'
        )


def histogram(scores: list[float], unreadable: int, floor: float) -> str:
    """The score distribution as an inline SVG bar chart (ten bands of ten points)."""
    counts = [0] * BINS
    for score in scores:
        counts[min(BINS - 1, int(score // (100 / BINS)))] += 1
    top = max([*counts, unreadable, 1])
    width, height, left, base = 560, 190, 36, 150
    bar = (width - left - 60) / BINS
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img"'
        f' aria-label="Score distribution"><title>Score distribution</title>',
        f'<line x1="{left}" y1="{base}" x2="{width - 10}" y2="{base}" stroke="#999"/>',
    ]
    for i, n in enumerate(counts):
        h = 0 if n == 0 else max(2.0, 130 * n / top)
        x = left + i * bar
        color = "#1e6b34" if i >= 7 else ("#8a5a00" if i >= 4 else "#b3261e")
        parts.append(
            f'<rect x="{x + 2:.1f}" y="{base - h:.1f}" width="{bar - 4:.1f}" height="{h:.1f}" fill="{color}">'
            f"<title>{i * 10}-{i * 10 + 10}: {n} article(s)</title></rect>"
        )
        parts.append(f'<text x="{x + bar / 2:.1f}" y="{base - h - 4:.1f}" text-anchor="middle">{n or ""}</text>')
        parts.append(f'<text x="{x + 2:.1f}" y="{base + 14}">{i * 10}</text>')
    parts.append(f'<text x="{left + BINS * bar - 8:.1f}" y="{base + 14}">100</text>')
    if unreadable:
        x = left + BINS * bar + 14
        h = max(2.0, 130 * unreadable / top)
        parts.append(f'<rect x="{x:.1f}" y="{base - h:.1f}" width="30" height="{h:.1f}" fill="#555"/>')
        parts.append(f'<text x="{x:.1f}" y="{base + 14}">n/a {unreadable}</text>')
    if floor > 0:
        x = left + floor / 100 * BINS * bar
        parts.append(f'<line x1="{x:.1f}" y1="10" x2="{x:.1f}" y2="{base}" stroke="#b3261e" stroke-dasharray="4 3"/>')
        anchor = "end" if floor > 60 else "start"
        parts.append(
            f'<text x="{x + (-3 if floor > 60 else 3):.1f}" y="20" text-anchor="{anchor}">fail under {floor:g}</text>'
        )
    parts.append(f'<text x="{left}" y="{height - 8}">score</text></svg>')
    return "".join(parts)


def _inputs(paths: tuple[str, ...], shown: int = 5) -> str:
    """The run's input paths, the first few of them."""
    more = f" and {len(paths) - shown} more" if len(paths) > shown else ""
    return ", ".join(paths[:shown]) + more


class HtmlWriter:
    """Collect table rows in memory and article blocks in a spool file; write at close."""

    def __init__(self, out: TextIO, info: RunInfo) -> None:
        self.out = out
        self.info = info
        self.rows: list[Row] = []
        self.rule_findings: Counter[str] = Counter()
        self.rule_articles: Counter[str] = Counter()
        self.spool = tempfile.TemporaryFile("w+", encoding="utf-8")

    def add(self, report: ArticleReport) -> None:
        """Keep the row; spool the article's block."""
        codes = [f.code for f in common.every_finding(report)]
        self.rule_findings.update(codes)
        self.rule_articles.update(set(codes))
        self.rows.append(
            Row(
                report.index,
                report.id,
                report.title,
                report.score,
                report.grade,
                report.verdict,
                len(codes),
                tuple(sorted(set(codes))),
                report.gate_reasons,
            )
        )
        block = script_json(article_data(report))
        self.spool.write(f'<script type="application/json" id="cd-a-{report.index}">{block}</script>\n')

    def close(self, summary: RunSummary) -> None:
        """Write the page: head, overview, table, then the spooled article blocks."""
        write = self.out.write
        write(self._head(summary))
        write(self._overview(summary))
        write(self._sources(summary))
        write(self._table())
        self.spool.seek(0)
        for line in self.spool:
            write(line)
        self.spool.close()
        write(f"<script>{JS}</script>\n</body>\n</html>\n")

    def _head(self, summary: RunSummary) -> str:
        gate = summary.gate
        if not gate:
            verdict = '<span class="verdict none">not gated</span>'
        elif summary.exit_code == 0:
            verdict = '<span class="verdict pass">gate passed</span>'
        else:
            verdict = f'<span class="verdict fail">failed (exit {summary.exit_code})</span>'
        mean = "-" if summary.mean_score is None else f"{summary.mean_score:.1f}"
        errors = "".join(
            f'<div class="reasons">{esc(e)}</div>' for e in (*summary.plugin_errors, *summary.input_errors)
        )
        levers = ""
        if gate:
            levers = (
                f'<p class="muted">Gate: fail_under {esc(gate.get("fail_under"))}, fail_on {esc(gate.get("fail_on"))},'
                f" max_failing {esc(gate.get('max_failing'))} (allows {esc(gate.get('allowed'))});"
                f" {esc(gate.get('failing'))} article(s) failing{', against a baseline' if gate.get('baseline') else ''}.</p>"
            )
        return (
            '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f'<meta http-equiv="Content-Security-Policy" content="{csp()}">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>copydesk report: {summary.articles} article(s)</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
            f"<header><h1>copydesk report</h1><p>{verdict} {summary.articles} article(s), {summary.scored} scored,"
            f" {summary.unreadable} unreadable, mean score {mean}."
            f' <span class="muted">copydesk {esc(self.info.version)}; inputs: {esc(_inputs(self.info.paths))}</span>'
            f"</p>{levers}{errors}</header>\n<main>\n"
        )

    def _overview(self, summary: RunSummary) -> str:
        scores = [r.score for r in self.rows if r.score is not None]
        floor = float(summary.gate.get("fail_under", 0) or 0) if summary.gate else 0.0
        rules = {r.code: r for r in common.all_rules(self.info)}
        lines = []
        for code, n in sorted(self.rule_findings.items(), key=lambda kv: (-kv[1], kv[0])):
            rule = rules.get(code)
            name, severity = (rule.name, rule.severity.value) if rule else ("", "")
            lines.append(
                f'<tr><td><a href="#cd-table" data-rule="{esc(code)}"><code class="sev-{esc(severity)}">{esc(code)}</code></a>'
                f'</td><td>{esc(name)}</td><td>{esc(severity)}</td><td class="n">{n}</td>'
                f'<td class="n">{self.rule_articles[code]}</td></tr>'
            )
        body = "".join(lines) or '<tr><td colspan="5" class="muted">No findings.</td></tr>'
        return (
            '<section class="overview"><div><h2>Score distribution</h2>'
            f"{histogram(scores, summary.unreadable, floor)}</div>"
            '<div><h2>Findings per rule</h2><table id="cd-rules"><thead><tr><th>rule</th><th>name</th>'
            '<th>severity</th><th class="n">findings</th><th class="n">articles</th></tr></thead>'
            f"<tbody>{body}</tbody></table></div></section>\n"
        )

    def _sources(self, summary: RunSummary) -> str:
        """The per-source table (sources by name)."""
        if not summary.sources:
            return ""
        head = "".join(
            f"<th{'' if c in ('source', 'top rules') else ' class=n'}>{esc(c)}</th>" for c in common.SOURCE_COLUMNS
        )
        rows = []
        for item in summary.sources:
            name, *cells = common.source_cells(item)
            numbers = "".join(f'<td class="n">{esc(cell)}</td>' for cell in cells[:-1])
            rows.append(f"<tr><td>{esc(name)}</td>{numbers}<td>{esc(cells[-1])}</td></tr>")
        return (
            f'<section><h2>Sources</h2><table id="cd-sources"><thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table></section>\n"
        )

    def _table(self) -> str:
        ordered = sorted(self.rows, key=lambda r: (-1.0 if r.score is None else r.score, r.index))
        grades = sorted({r.grade for r in self.rows})
        options = "".join(f'<option value="{esc(g)}">{esc(g)}</option>' for g in grades)
        return (
            '<section><h2>Articles, worst first</h2><div class="controls">'
            '<label>Filter <input type="search" id="cd-filter" placeholder="id, title or rule code"></label>'
            f'<label>Grade <select id="cd-grade"><option value="">all</option>{options}</select></label>'
            '<label><input type="checkbox" id="cd-failing"> failing the gate only</label>'
            '<span id="cd-shown" class="muted"></span></div>'
            '<div id="cd-detail" hidden></div>'
            '<table id="cd-table"><thead><tr><th class="n" data-type="num">score</th><th>grade</th>'
            '<th>verdict</th><th class="n" data-type="num">findings</th><th>gate</th><th>article</th></tr></thead>'
            f"<tbody>{''.join(r.html() for r in ordered)}</tbody></table></section>\n</main>\n"
        )


REPORTER = Reporter(
    "html",
    HtmlWriter,
    "Self-contained HTML report: overview, sortable table, highlighted text",
    ".html",
    wants_text=True,
)

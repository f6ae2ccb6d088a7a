"""The ``html`` format: one self-contained static report for people.

A batch overview (score distribution as an inline SVG chart with its numbers as text,
counts per rule, the per-source table with each source's trend when the run has a
history, a worst-first table that can be sorted and filtered by text, grade, rule,
source and gate), then, on demand, one article: its text beside the list of its
findings, each finding linked to its highlighted span and back (message on hover or
keyboard focus), the per-scorer breakdown (each scorer's costliest features; a sub-score and
weight only for a scorer the model does not weigh), the grade and why it fails the gate.

It stays usable at thousands of articles because article bodies are not part of the
page's DOM until opened: each article is an inert ``<script type="application/json">``
block the script parses when its row is clicked. While the batch streams past, the
article blocks are spooled to a temporary file, so memory holds only one table row
per article.

Article text is untrusted. Every string from input is neutralised as in the other
formats (:func:`copydesk.safety.neutralise`: control, bidirectional, line-breaking and
invisible characters become visible escapes; the article's title and body beside their
findings keep their invisible characters, :func:`copydesk.safety.prose`, and the body its
newlines and tabs), and
everything the server side writes goes through :func:`html.escape`; JSON blocks have ``<``, ``>`` and ``&`` escaped so no ``</script>``
can close them; the script builds nodes with ``textContent``. A Content-Security-Policy
forbids every network fetch and every script except the report's own (by hash).
"""

from __future__ import annotations

import base64
import hashlib
import html
import tempfile
from collections import Counter
from dataclasses import dataclass
from typing import Any, TextIO

from copydesk import meaning, safety
from copydesk.formats import _common as common
from copydesk.formats import schema
from copydesk.formats._html_assets import CSS, JS
from copydesk.formats._html_charts import histogram, sparkline, trend_text
from copydesk.models import ArticleReport, Finding, RunInfo, RunSummary, ScorerResult
from copydesk.quota import omitted_line
from copydesk.rollup import SourceTrend

#: What an article body keeps raw: its layout (the page shows it with ``white-space: pre-wrap``).
BODY_KEEPS = "\n\t"
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def inert(text: str, keep: str = "") -> str:
    """Input text as the page may show it: controls, bidi marks, invisible characters, backslashes and lone surrogates as visible escapes."""
    return safety.neutralise(text, keep)


def esc(value: object) -> str:
    """Neutralise (:func:`inert`) and escape for HTML text and double-quoted attributes."""
    return html.escape(inert(str(value)), quote=True)


def _inert_all(value: Any) -> Any:
    """Every string in a JSON-like value made :func:`inert`."""
    if isinstance(value, str):
        return inert(value)
    if isinstance(value, dict):
        return {key: _inert_all(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_inert_all(item) for item in value]
    return value


def _inert_segments(pieces: list[list[Any]], keep: str) -> list[list[Any]]:
    """Segments with each piece made inert on its own, so the findings' boundaries stay put.

    They are the article's text shown as text: :func:`copydesk.safety.prose` keeps its
    invisible characters (a joiner in an emoji or an Indic word) where names escape them.
    """
    return [[safety.prose(piece, keep), ids] for piece, ids in pieces]


def script_json(value: Any) -> str:
    """JSON that is inert inside ``<script type="application/json">``: no ``<`` at all."""
    text = schema.dumps(value, "html", separators=(",", ":"))
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
    if line is None and report.verdict == "unreadable":  # the record as a whole: no field was read
        return common.record_place(report)
    if line is None:
        return f"{common.record_place(report)}, {finding.field} {finding.line}:{finding.column}"
    return f"{line[0]}:{line[1]}"


def _finding(report: ArticleReport, finding: Finding, state: str) -> list[str]:
    """One finding as ``[code, severity, message, where, baseline state]``.

    Arrays, not objects, keep 5,000-article reports small (findings are most of a block).
    """
    return [
        finding.code,
        finding.severity.value,
        common.placed_message(report, finding),
        _where(report, finding),
        state,
    ]


def _scorer(result: ScorerResult) -> dict[str, Any]:
    """One row of an article's scorer table.

    A scorer the model weighs has ``modelled`` true and no ``subscore`` or ``weight``: they
    play no part in its score (the page shows a dash and says why under the table); ``costs`` names its
    costliest features, in words.
    """
    return {
        "prefix": result.prefix,
        "name": result.name,
        "modelled": result.modelled,
        "subscore": None if result.modelled else result.subscore,
        "weight": None if result.modelled else result.weight,
        "contribution": result.contribution if result.subscore is not None else None,
        "findings": len(result.findings),
        "costs": common.costs_line(result),
        "error": result.error,
    }


def article_data(report: ArticleReport) -> dict[str, Any]:
    """Everything the page shows for one article, every string from input made :func:`inert`."""
    states = report.baseline_state or ("",) * len(report.findings)
    spans: dict[str, list[tuple[int, int, int]]] = {"title": [], "text": []}
    for i, finding in enumerate(report.findings):
        spans.setdefault(finding.field, []).append((finding.start, finding.end, i))
    data = {
        "id": report.id,
        "title": report.title,
        "score": None if report.score is None else round(report.score, 2),
        "grade": report.grade,
        "verdict": report.verdict,
        "words": report.words,
        "gate": list(report.gate_reasons),
        "scorers": [_scorer(s) for s in report.scorers],
        "findings": [_finding(report, f, st) for f, st in zip(report.findings, states, strict=True)],
        "diagnostics": [_finding(report, d, "") for d in report.diagnostics],
    }
    if report.omitted:  # what the per-article cap left out (only then: the other blocks stay as they were)
        data["omitted"] = omitted_line(report)
    return {
        **_inert_all(data),
        "title_segments": _inert_segments(segments(report.title, spans["title"]), ""),
        "segments": _inert_segments(segments(report.text, spans["text"]), BODY_KEEPS),
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
    source: str
    truncated: bool = False
    floored: bool = False
    #: The score as shown (:func:`~copydesk.formats._common.shown_score`).
    shown: str = "-"

    def html(self) -> str:
        """The ``<tr>``; data-v attributes carry the sort keys, the row's own attributes the filters'."""
        score = self.shown
        marks = (("truncated",) if self.truncated else ()) + ((common.FLOORED,) if self.floored else ())
        cut = "".join(f'<div class="muted">{"truncated copy" if m == "truncated" else m}</div>' for m in marks)
        search = " ".join((self.id, self.title, *self.codes, self.verdict, self.source, *marks)).lower()
        gate = "; ".join(self.reasons)
        cells = [
            f'<td class="n" data-v="{-1 if self.score is None else self.score}">{score}</td>',
            f'<td data-v="{esc(self.grade)}"><span class="grade g-{esc(self.grade)}">{esc(self.grade)}</span></td>',
            f'<td data-v="{esc(self.verdict)}">{esc(self.verdict)}{cut}</td>',
            f'<td class="n" data-v="{self.findings}">{self.findings}</td>',
            f'<td data-v="{esc(gate)}">{esc(gate or "-")}</td>',
            f'<td data-v="{esc(self.source)}">{esc(self.source)}</td>',
            f'<td data-v="{esc(self.id)}"><a href="#a-{self.index}">{esc(self.title or self.id)}</a>'
            f'<div class="muted">{esc(self.id)}</div></td>',
        ]
        return (
            f'<tr data-i="{self.index}" data-grade="{esc(self.grade)}" data-fail="{int(bool(self.reasons))}"'
            f' data-source="{esc(self.source)}" data-rules=" {esc(" ".join(self.codes))} "'
            f' data-search="{esc(search)}"{" class=fail" if self.reasons else ""}>{"".join(cells)}</tr>'
        )


def _options(values: list[str]) -> str:
    """``<option>`` elements for a filter, after its "all" option."""
    return '<option value="">all</option>' + "".join(f'<option value="{esc(v)}">{esc(v)}</option>' for v in values)


def _trend_cell(trend: SourceTrend | None) -> str:
    """A source's trend: the sparkline, then its numbers as text (what assistive technology reads)."""
    if trend is None:
        return '<td class="muted">-</td>'
    head, series = trend_text(trend.runs, trend.means)
    return (
        f'<td class="trend">{sparkline(trend.means)} <span class="trend-head">{esc(head)}</span>'
        f'<div class="muted series">{esc(series)}</div></td>'
    )


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
        """Keep the row; spool the article's block. Counts include the findings the per-article cap left out."""
        codes = [f.code for f in common.every_finding(report)]
        self.rule_findings.update(codes)
        self.rule_findings.update(report.omitted)
        self.rule_articles.update({*codes, *report.omitted})
        self.rows.append(
            Row(
                report.index,
                report.id,
                report.title,
                report.score,
                report.grade,
                report.verdict,
                len(codes) + report.omitted_count,
                tuple(sorted({*codes, *report.omitted})),
                report.gate_reasons,
                report.source_name,
                report.truncated,
                report.floored,
                common.shown_score(report.score, self.info.floors),
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
        write(self._meaning())
        write("</main>\n")
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
            levers += "".join(f'<div class="reasons">FAIL {esc(m)}</div>' for m in common.source_failures(gate))
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
        """The per-source table (sources by name), with each source's trend when the run has a history."""
        if not summary.sources:
            return ""
        trends = {t.source: t for t in summary.trends}
        columns = (*common.source_columns(summary), *(("trend (mean score by run)",) if trends else ()))
        head = "".join(
            f"<th{'' if c in ('source', 'top rules') or c.startswith('trend') else ' class=n'}>{esc(c)}</th>"
            for c in columns
        )
        rows = []
        for item in summary.sources:
            name, *cells = common.source_cells(item)
            numbers = "".join(f'<td class="n">{esc(cell)}</td>' for cell in cells[:-1])
            link = f'<a href="#cd-table" data-source="{esc(name)}">{esc(name)}</a>'
            trend = _trend_cell(trends.get(name)) if trends else ""
            rows.append(f"<tr><td>{link}</td>{numbers}<td>{esc(cells[-1])}</td>{trend}</tr>")
        note = (
            '<p class="muted">Trend: the source\'s mean score in its latest recorded runs and in this run'
            " (the last point), from its lowest to its highest mean (ten points at least); the numbers beside it compare sources.</p>"
            if trends
            else ""
        )
        return (
            f'<section><h2>Sources</h2>{note}<table id="cd-sources"><thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table></section>\n"
        )

    def _meaning(self) -> str:
        """What a grade means under the run's model (from its file; nothing when it has no figures)."""
        if not self.info.reference:
            return ""
        items = "".join(f"<li>{esc(line)}</li>" for line in meaning.sentences(self.info.reference))
        note = f"<p>{esc(self.info.floors_note)}</p>" if self.info.floors_note else ""
        return (
            f'<section id="cd-meaning"><h2>What the grades mean</h2><p>{esc(meaning.heading(self.info.model))}</p>'
            f"<ul>{items}</ul>{note}</section>\n"
        )

    def _controls(self) -> str:
        """The table's filters: text, grade, rule, source, failing the gate."""
        grades = sorted({r.grade for r in self.rows})
        sources = sorted({r.source for r in self.rows})
        return (
            '<div class="controls">'
            '<label>Search <input type="search" id="cd-filter" placeholder="id, title, source or rule code"></label>'
            f'<label>Grade <select id="cd-grade">{_options(grades)}</select></label>'
            f'<label>Rule <select id="cd-rule">{_options(sorted(self.rule_findings))}</select></label>'
            f'<label>Source <select id="cd-source">{_options(sources)}</select></label>'
            '<label><input type="checkbox" id="cd-failing"> failing the gate only</label>'
            '<span id="cd-shown" class="muted" role="status"></span></div>'
        )

    def _table(self) -> str:
        ordered = sorted(self.rows, key=lambda r: (-1.0 if r.score is None else r.score, r.index))
        return (
            f"<section><h2>Articles, worst first</h2>{self._controls()}"
            '<div id="cd-detail" hidden></div>'
            '<table id="cd-table"><thead><tr><th class="n" data-type="num">score</th><th>grade</th>'
            '<th>verdict</th><th class="n" data-type="num">findings</th><th>gate</th><th>source</th>'
            "<th>article</th></tr></thead>"
            f"<tbody>{''.join(r.html() for r in ordered)}</tbody></table></section>\n"
        )

"""The ``markdown`` format: a summary for ``$GITHUB_STEP_SUMMARY`` (or any Markdown viewer).

The verdict and the gate's levers (a line per source that fails a source lever), the failing articles with the reasons (or, when
not gating, the worst articles), each with the scorer that cost it the most points and that scorer's costliest features, the per-source table (by name; the worst sources when it is cut, with
each source's trend over the recorded runs when the run has a history), the findings per rule, and what a grade
means under the run's model (its file's measured figures). Article text (ids,
titles, messages, source names) is untrusted: it is put on one line, HTML-escaped and every
Markdown punctuation character backslash-escaped, so it cannot open a link, an
image, code, a table cell or an HTML tag, nor mention anyone. copydesk's own words
and numbers (gate reasons and settings, rule names, costs, what a grade means) are
escaped only where Markdown would read them (:func:`own`), so ``fail_under 40.0`` and
``vague-attribution`` read as written when the summary is pasted as plain text. Tables are capped
(GitHub accepts at most 1 MiB of summary per step) with a line saying how many
rows were left out.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, TextIO

from copydesk import meaning, safety
from copydesk.ci.gate import idle_fail_on, lever_set, levers_off
from copydesk.formats import _common as common
from copydesk.history.commands import sparkline
from copydesk.models import ArticleReport, RunInfo, RunSummary
from copydesk.rollup import SourceSummary, SourceTrend, change

MAX_ROWS = 100
_SPECIAL = set("\\`*_{}[]()#+-.!|~:")
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "@": "&#64;"}


def md(text: str, limit: int = 200) -> str:
    """One line of inert Markdown text."""
    flat = safety.neutralise(" ".join(text.split()))  # a lone surrogate too, as \udXXX
    if len(flat) > limit:
        flat = flat[: limit - 1] + "…"
    return "".join(_ENTITIES.get(c, "\\" + c if c in _SPECIAL else c) for c in flat)


#: Characters that open Markdown wherever they stand: escaped in copydesk's own text too.
_ACTIVE = set("\\`*[]|~")
#: A line that opens a heading, quote, list or rule when it starts it.
_LINE_OPENER = re.compile(r"[#>+=-]|[0-9]{1,9}[.)](?:\s|$)")


def own(text: str, limit: int = 200) -> str:
    """One line of copydesk's own words and numbers (a gate reason, a rule name, what a grade means), kept readable.

    ``fail_under 40.0``, ``vague-attribution`` and ``(22.6):`` stay as written: only what
    would open Markdown wherever it stands is escaped (code, emphasis, links, a table cell,
    strikethrough, HTML, a mention), an ``_`` that is not between two letters or digits,
    an autolink's ``://`` and ``www.``, and a line opener at the start. So text that is not
    quite ours (a model file's labels, its path) stays inert too. Input text goes through
    :func:`md`, which escapes every punctuation character.
    """
    flat = safety.neutralise(" ".join(text.split()))
    if len(flat) > limit:
        flat = flat[: limit - 1] + "…"
    out = []
    for i, c in enumerate(flat):
        if c in _ENTITIES:
            out.append(_ENTITIES[c])
        elif c in _ACTIVE or (c == "_" and not (flat[i - 1 : i].isalnum() and flat[i + 1 : i + 2].isalnum())):
            out.append("\\" + c)
        elif (c == ":" and flat.startswith("//", i + 1)) or (c == "." and flat[max(0, i - 3) : i].lower() == "www"):
            out.append("\\" + c)
        else:
            out.append(c)
    if opener := _LINE_OPENER.match(flat):
        end = opener.end() - (1 if opener.group().endswith((" ", "\t")) else 0)
        out[end - 1] = "\\" + out[end - 1]
    return "".join(out)


@dataclass(frozen=True)
class Line:
    """What the summary keeps of one article."""

    index: int
    id: str
    title: str
    score: float | None
    grade: str
    findings: int
    reasons: tuple[str, ...]
    truncated: bool = False
    floored: bool = False
    #: The scorer that cost the most points and its costliest features, in words ("" when none cost any).
    costs: str = ""
    #: The second line under the name: the id, or, for an untitled record (named by its id), where it is.
    place: str = ""
    #: The score as shown (:func:`~copydesk.formats._common.shown_score`).
    shown: str = "-"

    def row(self) -> str:
        """The table row (a cut copy, and one the evidence floor raised, say so under its grade)."""
        score = self.shown
        grade = (
            own(self.grade)
            + ("<br>truncated" if self.truncated else "")
            + (f"<br>{common.FLOORED}" if self.floored else "")
        )
        why = own("; ".join(self.reasons), 300) if self.reasons else ""
        name = md(self.title or self.id, 120)
        costs = own(self.costs, 400)
        second = self.place or (self.id if self.title else "")
        if second and second != (
            self.title or self.id
        ):  # an id shown as the name (an unreadable line's) is not repeated
            name += f"<br>{md(second, 120)}"
        return f"| {name} | {score} | {grade} | {self.findings} | {why} | {costs} |"


def _idle_gate(gate: Mapping[str, Any], top: str) -> list[str]:
    """Under a gate that can fail no readable article (or whose ``fail_on`` can fail none), a line that says so.

    The summary's readers never see stderr's warning.
    """
    if lever_set(gate, top) or "compare" in gate:
        idle = idle_fail_on(gate, top)
        return ["", f"**fail_on is idle**: {own(idle, 200)}."] if idle else []
    return [
        "",
        f"**No gate lever is set** ({own(levers_off(gate, top, compare=True), 300)}):"
        " this gate passes every readable article; see docs/ci.md.",
    ]


def _costs(report: ArticleReport) -> str:
    """``SRC sourcing (27.5): said per 1,000 words 0 (professional median 9.3): 5.3 points; ...`` ("" when none cost any)."""
    worst = common.costliest(report)
    if worst is None:
        return ""
    why = common.costs_line(worst)
    return f"{worst.prefix} {worst.name} ({worst.contribution:.1f})" + (f": {why}" if why else "")


def record_place(report: ArticleReport) -> str:
    """``path:line`` of a JSONL/CSV record, ``path:row N`` of a Parquet row; empty for a file."""
    if (row := common.table_row(report)) is not None:
        return f"{common.location_path(report)}:row {row}"
    line = common.record_line(report)
    return "" if line is None else f"{common.location_path(report)}:{line}"


def trend_cell(trend: SourceTrend) -> str:
    """A source's trend as text: the sparkline, then the first and last mean, the change and the run count."""
    known = [m for m in trend.means if m is not None]
    if not known:
        return f"`{sparkline(trend.means)}` no mean in {len(trend.means)} run(s)"
    delta = change(trend.means)
    shown = f" ({delta})" if delta else ""
    return f"`{sparkline(trend.means)}` {known[0]:.1f} → {known[-1]:.1f}{shown} over {len(trend.means)} run(s)"


def shown_sources(summary: RunSummary) -> list[SourceSummary]:
    """The sources the table shows: all of them by name, or, when there are more than the cap, the worst.

    The worst are those below the gate's ``source_fail_under`` first, then by mean score,
    lowest first (a source with no scored article last), ties by name.
    """
    if len(summary.sources) <= MAX_ROWS:
        return list(summary.sources)
    below = (summary.gate or {}).get("sources_below") or {}

    def worst(item: SourceSummary) -> tuple[bool, bool, float, str]:
        return item.source not in below, item.mean is None, item.mean or 0.0, item.source

    return sorted(summary.sources, key=worst)[:MAX_ROWS]


class MarkdownWriter:
    """Keep one short line per article; write the summary at close."""

    def __init__(self, out: TextIO, info: RunInfo) -> None:
        self.out = out
        self.info = info
        self.lines: list[Line] = []
        self.rules: Counter[str] = Counter()
        self.articles_per_rule: Counter[str] = Counter()
        #: Articles the per-article cap left findings out of, and how many it left out in all.
        self.capped = self.omitted = 0

    def add(self, report: ArticleReport) -> None:
        """Keep the article's line and count its findings (those the per-article cap left out too)."""
        codes = [f.code for f in common.every_finding(report)]
        self.rules.update(codes)
        self.rules.update(report.omitted)
        self.articles_per_rule.update({*codes, *report.omitted})
        self.capped += bool(report.omitted)
        self.omitted += report.omitted_count
        self.lines.append(
            Line(
                report.index,
                report.id,
                report.title,
                report.score,
                report.grade,
                len(codes) + report.omitted_count,
                report.gate_reasons,
                report.truncated,
                report.floored,
                _costs(report),
                "" if report.title else record_place(report),
                common.shown_score(report.score, self.info.floors),
            )
        )

    def _headline(self, summary: RunSummary) -> list[str]:
        gate = summary.gate
        if not gate:
            title = "## copydesk report"
        elif summary.exit_code == 0:
            title = "## copydesk: gate passed"
        elif summary.exit_code == 1:
            title = "## copydesk: gate FAILED"
        else:
            title = f"## copydesk: run FAILED (exit {summary.exit_code})"
        mean = "-" if summary.mean_score is None else f"{summary.mean_score:.1f}"
        out = [
            title,
            "",
            f"{summary.articles} article(s): {summary.scored} scored, {summary.unreadable} unreadable,"
            f" mean score {mean}; exit code {summary.exit_code}.",
        ]
        if gate:
            levers = gate.get("levers", {})
            counts = ", ".join(f"{k} {len(v)}" for k, v in sorted(levers.items()) if v) or "none"
            out += [
                "",
                f"Gate: fail_under {own(str(gate.get('fail_under')))}, fail_on {own(str(gate.get('fail_on')))},"
                f" max_failing {own(str(gate.get('max_failing')))} (allows {gate.get('allowed')});"
                f" {gate.get('failing')} article(s) failing (by lever: {own(counts)})"
                f"{', against a baseline' if gate.get('baseline') else ''}.",
            ]
            out += _idle_gate(gate, self.info.top_severity)
            failures = common.source_failures(gate)
            if failures:
                out += ["", "Failing sources:", "", *(f"- FAIL {md(message, 400)}" for message in failures)]
        for message in (*summary.plugin_errors, *summary.input_errors):
            out.append(f"\n> **Error:** {md(message, 400)}")
        return out

    def _articles(self, summary: RunSummary) -> list[str]:
        failing = [line for line in self.lines if line.reasons]
        if summary.gate:
            heading, chosen = "### Failing articles", failing
        else:
            heading, chosen = "### Worst articles", list(self.lines)
        chosen.sort(key=lambda line: (-1.0 if line.score is None else line.score, line.index))
        if not chosen:
            return ["", heading, "", "None."]
        out = ["", heading, "", "| Article | Score | Grade | Findings | Gate | Most points lost to |"]
        out.append("| --- | ---: | :---: | ---: | --- | --- |")
        out += [line.row() for line in chosen[:MAX_ROWS]]
        if len(chosen) > MAX_ROWS:
            out.append(f"\n{len(chosen) - MAX_ROWS} more not shown.")
        if floored := sum(line.floored for line in self.lines):
            out.append(f"\n{floored} {own(common.FLOORED_NOTE, 400)}.")
        if self.capped:
            out.append(
                f"\n{self.capped} article(s) had findings left out of their reports by run.max_findings_per_article"
                f" ({self.omitted:,} in all); the counts here include them."
            )
        return out

    def _sources(self, summary: RunSummary) -> list[str]:
        if not summary.sources:
            return []
        trends = {t.source: t for t in summary.trends}
        columns = [c.capitalize() for c in common.source_columns(summary)] + (["Trend"] if trends else [])
        out = ["", "### Sources", "", "| " + " | ".join(columns) + " |"]
        out.append("| --- | ---: | ---: | ---: | ---: | --- |" + (" --- |" if trends else ""))
        for item in shown_sources(summary):
            name, articles, mean, interval, failing, top = common.source_cells(item)
            # numbers and rule codes (validated ^[A-Z]{2,4}[0-9]{3}$) are ours; the source name is the input's
            trend = f" {trend_cell(trends[name])} |" if name in trends else (" - |" if trends else "")
            out.append(f"| {md(name, 120)} | {articles} | {mean} | {interval} | {failing} | {top} |{trend}")
        if len(summary.sources) > MAX_ROWS:
            out.append(
                f"\nWorst {MAX_ROWS} of {len(summary.sources)} sources shown: those below the gate's"
                " source_fail_under first, then by mean score, lowest first."
            )
        if trends:
            out.append(
                "\nTrend: the source's mean score in its latest recorded runs and in this run (last),"
                " one bar per run from the source's lowest to its highest mean, ten points at least (`·`: no mean),"
                " then the first and last mean and the change."
            )
        return out

    def _rules(self) -> list[str]:
        if not self.rules:
            return ["", "### Findings per rule", "", "No findings."]
        names = {r.code: r.name for r in common.all_rules(self.info)}
        out = ["", "### Findings per rule", "", "| Rule | Name | Findings | Articles |", "| --- | --- | ---: | ---: |"]
        for code, n in sorted(self.rules.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_ROWS]:
            out.append(f"| `{own(code)}` | {own(names.get(code, ''))} | {n} | {self.articles_per_rule[code]} |")
        return out

    def _meaning(self) -> list[str]:
        """What a grade means under the run's model (from its file; nothing when it has no figures)."""
        if not self.info.reference:
            return []
        out = ["", "### What the grades mean", "", own(meaning.heading(self.info.model), 1000), ""]
        out += [f"- {own(line, 1000)}" for line in meaning.sentences(self.info.reference)]
        return out + (["", own(self.info.floors_note, 1000)] if self.info.floors_note else [])

    def close(self, summary: RunSummary) -> None:
        """Write the summary."""
        parts = [*self._headline(summary), *self._articles(summary), *self._sources(summary), *self._rules()]
        parts += self._meaning()
        self.out.write("\n".join(parts) + "\n")

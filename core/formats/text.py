"""The ``text`` format: the terminal report, a worst-first table then each article's findings.

Each article's heading names the scorer that cost it the most points, and the line
under it that scorer's costliest features (value, professional median, points), then, when
a ``title_*`` feature is among them, the title it read; each finding
line shows its severity and, under ``check --baseline``, ``[new]`` or ``[in baseline]``.
``--min-severity`` and ``check --only-new`` filter this report only (the line after
the totals says how many findings it left out): the other formats list every finding,
and scores and the gate count them all. Under ``check``, each source that fails a source
lever of the gate is a ``FAIL`` line after the totals, in the words of stderr's.

Article text is untrusted: the report never interprets it as rich markup and replaces
control characters, so an article cannot recolour or rewrite the terminal. The report's
own colours go to a terminal, or to standard output under ``FORCE_COLOR``; a report file
(``-o FILE``, ``-f text:FILE``) that is not a terminal never holds an escape sequence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TextIO

from copydesk import meaning, safety
from copydesk.formats._common import (
    FLOORED,
    FLOORED_NOTE,
    RUN_ERRORS,
    costliest,
    costs_line,
    marks,
    placed_message,
    shown_score,
    source_cells,
    source_columns,
    source_failures,
    table_row,
    title_line,
)
from copydesk.formats.positions import file_positions
from copydesk.formats.writers import is_report_file
from copydesk.models import ArticleReport, Finding, RunInfo, RunSummary, Severity
from copydesk.quota import omitted_line
from rich.console import Console
from rich.control import STRIP_CONTROL_CODES
from rich.table import Table
from rich.text import Text

SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
#: What rich does not write as it is: a tab (expanded by cell width) and the control codes it strips.
RICH_CHANGES = re.compile(f"[{re.escape(''.join(map(chr, [9, *STRIP_CONTROL_CODES])))}]")
#: A piece of a report line: its text and its style ("" for none).
Part = tuple[str, str]
#: The worst-first table's columns and how each is justified.
COLUMNS = (("score", "right"), ("grade", "center"), ("verdict", "left"), ("findings", "right"), ("article", "left"))
#: A table cell :func:`plain_table` draws: printable ASCII, one character a column, no space at
#: either end or twice; for a cell rich reads as markup (all but the article's), no ``[``, ``:``, ``\\``.
PLAIN_CELL = re.compile(r"(?:[!-~](?:[!-~]| (?! ))*(?<! ))?")
MARKUP_FREE = re.compile(r"[^:\[\\]*")


def plain_table(title: str, rows: Sequence[tuple[str, ...]]) -> str | None:
    """The text rich writes, without colours and soft-wrapped, of the worst-first table of ``rows`` (``COLUMNS``' cells).

    None when rich could draw it otherwise: no rows, a cell :data:`PLAIN_CELL` does not
    take, a title that could be markup, or a table wider than the console's 120 columns
    (rich would wrap cells). Each column is as wide as its widest cell or heading, plus a
    space on either side; rich's heavy-headed box (``box.HEAVY_HEAD``) around it.
    """
    if not rows or not (MARKUP_FREE.fullmatch(title.replace(": ", " ", 1)) and title.isascii() and title.isprintable()):
        return None
    widths = [len(name) for name, _ in COLUMNS]
    for row in rows:
        for i, cell in enumerate(row):
            if PLAIN_CELL.fullmatch(cell) is None or (i < 4 and MARKUP_FREE.fullmatch(cell) is None):
                return None
            widths[i] = max(widths[i], len(cell))
    if sum(widths) + 3 * len(widths) + 1 > 120:
        return None
    heads = tuple(name for name, _ in COLUMNS)
    rules = ["━" * (width + 2) for width in widths]
    lines = [title, "┏" + "┳".join(rules) + "┓", _row(heads, widths, "┃"), "┡" + "╇".join(rules) + "┩"]
    lines.extend(_row(row, widths, "│") for row in rows)
    lines.append("└" + "┴".join("─" * (width + 2) for width in widths) + "┘")
    return "\n".join(lines) + "\n"


def _row(cells: tuple[str, ...], widths: list[int], bar: str) -> str:
    """One table row, each cell placed in its column as rich justifies it, a space either side."""
    placed = []
    for cell, width, (_, how) in zip(cells, widths, COLUMNS, strict=True):
        if how == "left":
            placed.append(cell.ljust(width))
        elif how == "right":
            placed.append(cell.rjust(width))
        else:  # rich centres with the odd space on the right
            left = (width - len(cell)) // 2
            placed.append(" " * left + cell.ljust(width - left))
    return bar + bar.join(f" {cell} " for cell in placed) + bar


def safe(text: str) -> str:
    """Show control, bidi, line-break and invisible characters as escapes so text cannot drive the terminal or hide."""
    return safety.neutralise(text)


def position(report: ArticleReport, finding: Finding) -> str:
    """``path:line:col`` for a file, ``path:record field:line:col`` for a record (``path:record`` for one not read).

    A Parquet row has no line: it is ``path row N`` (``path row N field:line:col``), as on standard error.
    """
    source = report.source
    path = source.path if source else report.id
    if source is not None and source.record is not None:
        row = table_row(report)
        record = f"{path}:{source.record}" if row is None else f"{path} row {row}"
        if report.verdict == "unreadable":  # the record as a whole: no field was read
            return record
        return f"{record} {finding.field}:{finding.line}:{finding.column}"
    placed = file_positions(finding, source)  # in_file's numbers, without a copy of the finding
    return f"{path}:{finding.line}:{finding.column}" if placed is None else f"{path}:{placed[2]}:{placed[3]}"


class _Console(Console):
    """rich's Console, but a reader that goes away (``| head``) is not a failed gate.

    rich's own handler exits with status 1, copydesk's "gate failed" code; this one
    raises the BrokenPipeError, which the command line ends quietly with status 0.
    """

    def on_broken_pipe(self) -> None:
        """Let the command line's handler deal with the closed pipe."""
        self.quiet = True
        raise BrokenPipeError


class TextWriter:
    """Worst-first table of articles, then each article's findings with excerpts."""

    def __init__(self, out: TextIO, info: RunInfo) -> None:
        # a report file that is not a terminal is never coloured: FORCE_COLOR (which CI sets) is for standard output
        plain = is_report_file(out) and not out.isatty()
        self.console = _Console(
            file=out, highlight=False, soft_wrap=True, width=120, force_terminal=False if plain else None
        )
        self.info = info
        self.reports: list[ArticleReport] = []
        # Without colours (a report file, a pipe), rich writes a line's text as it is, less its
        # control codes, and the articles' lines are written here instead (see _line).
        self.plain = self.console.color_system is None and not self.console.record
        self.out = out
        self.pending: list[str] = []

    def add(self, report: ArticleReport) -> None:
        """Keep the report (text output is sorted, so it waits for the whole batch)."""
        self.reports.append(report)

    def _table(self, ordered: list[ArticleReport]) -> Table | str:
        """The worst-first table of articles: rich's, or the text rich would write of it (:func:`plain_table`)."""
        title = f"copydesk {self.info.version}: {len(ordered)} article(s), worst first"
        rows = []
        for r in ordered:
            score = shown_score(r.score, self.info.floors)
            verdict = safe(f"{r.verdict}, {FLOORED}" if r.floored else r.verdict)  # config text: made inert
            rows.append(
                (score, r.grade, verdict, str(len(r.findings) + r.omitted_count + len(r.diagnostics)), safe(r.id))
            )
        if self.plain and (text := plain_table(title, rows)) is not None:
            return text
        table = Table(title=title, title_justify="left")
        for column, justify in COLUMNS:
            table.add_column(column, justify=justify)  # type: ignore[arg-type]
        for *cells, article in rows:
            table.add_row(*cells, Text(article))
        return table

    def _sources(self, summary: RunSummary) -> Table:
        """The per-source table, sources by name."""
        table = Table(title=f"{len(summary.sources)} source(s), by name", title_justify="left")
        for column in source_columns(summary):
            justify = "left" if column in ("source", "top rules") else "right"
            table.add_column(column, justify=justify)  # type: ignore[arg-type]
        for item in summary.sources:
            name, *cells = source_cells(item)
            table.add_row(Text(safe(name)), *cells)
        return table

    def _shown(self, report: ArticleReport) -> list[tuple[Finding, str]]:
        """The findings (with baseline state) the filters let through; run errors always show."""
        floor = Severity(self.info.min_severity).rank
        rows = [(d, "") for d in report.diagnostics if d.code in RUN_ERRORS or d.severity.rank >= floor]
        states = report.baseline_state or ("",) * len(report.findings)
        rows.extend(
            (f, state)
            for f, state in zip(report.findings, states, strict=True)
            if f.severity.rank >= floor and (state == "new" or not self.info.only_new)
        )
        return rows

    def _line(self, first: str, *rest: Part, style: str = "") -> None:
        """Print one report line: ``first`` in ``style``, then each part in its own style.

        Without colours, rich writes a line's text as it is, then a line break (soft wrap:
        no wrapping, no cropping), unless the text holds a tab or a control code that rich
        strips. So without colours, a line with neither is kept for the article's one
        write instead, saving rich's rendering of each line; rich prints any other line.
        """
        if self.plain:
            text = "".join([first, *(part for part, _ in rest)])
            if RICH_CHANGES.search(text) is None:
                self.pending.append(f"{text}\n")
                return
        line = Text(first, style=style)
        for part, part_style in rest:
            line.append(part, style=part_style)
        self._flush()
        self.console.print(line)

    def _flush(self) -> None:
        """Write the lines kept by :meth:`_line`, in one piece."""
        if self.pending:
            text = "".join(self.pending)
            self.pending.clear()
            self.out.write(text)

    def _article(self, report: ArticleReport, rows: list[tuple[Finding, str]]) -> None:
        """One article's heading (score, grade, the scorer that cost most), then its findings."""
        score = shown_score(report.score, self.info.floors)
        head: list[Part] = [(f"  score {score} ({report.grade}, {safe(report.verdict)}{marks(report)})", "dim")]
        if (worst := costliest(report)) is not None:
            head.append((f"; most points lost to {worst.prefix} {safe(worst.name)} ({worst.contribution:.1f})", "dim"))
        self._line(f"\n{safety.line(report.id)}", *head, style="bold")
        if worst is not None and (why := costs_line(worst)):
            self._line(f"  {worst.prefix} {safe(worst.name)}'s costliest features: {safe(why)}", style="dim")
            if title := title_line(report, worst):
                self._line(f"  {safe(title)}", style="dim")
        for f, state in rows:
            severity = SEVERITY_STYLE.get(f.severity.value, "")
            parts: list[Part] = [(f"{f.severity.value:<7} ", severity), (f.code, severity)]
            parts.append((f" {safe(placed_message(report, f))}", ""))
            if state:
                parts.append((" [new]", "bold") if state == "new" else (" [in baseline]", "dim"))
            self._line(f"  {safety.line(position(report, f))} ", *parts)
            if f.excerpt:
                self._line(f"      | {safety.prose(f.excerpt)}", style="dim")  # the text as written
        if report.omitted:
            self._line(f"  {omitted_line(report)}", style="dim")
        self._flush()

    def _filters(self) -> str:
        """The text filters in force, as the options that set them."""
        given = [f"--min-severity {self.info.min_severity}"] if self.info.min_severity != "info" else []
        return ", ".join([*given, *(["--only-new"] if self.info.only_new else [])])

    def close(self, summary: RunSummary) -> None:
        """Print the table, the findings, the per-source table, and the summary lines."""
        ordered = sorted(self.reports, key=lambda r: (-1.0 if r.score is None else r.score, r.index))
        table = self._table(ordered)
        if isinstance(table, str):
            self.out.write(table)
        else:
            self.console.print(table)
        hidden = 0
        for r in ordered:
            rows = self._shown(r)
            hidden += len(r.findings) + len(r.diagnostics) - len(rows)
            if rows or r.omitted:
                self._article(r, rows)
        if summary.sources:
            self.console.print(Text(""))
            self.console.print(self._sources(summary))
        mean = "-" if summary.mean_score is None else f"{summary.mean_score:.1f}"
        self.console.print(Text(f"\n{summary.scored} scored, {summary.unreadable} unreadable, mean score {mean}"))
        if floored := sum(r.floored for r in ordered):
            self.console.print(Text(f"{floored} {FLOORED_NOTE}"))
        for failure in source_failures(summary.gate):
            self.console.print(Text(f"FAIL {safe(failure)}", style="red"))
        if self._filters():
            counted = "scores and the gate count" if summary.gate else "scores count"
            self.console.print(Text(f"{hidden} finding(s) not listed ({self._filters()}); {counted} them all"))
        for message in (*summary.input_errors, *summary.plugin_errors):
            self.console.print(Text(f"error: {safe(message)}", style="red"))
        if self.info.reference:
            self.console.print(Text(f"\n{safety.line(meaning.heading(self.info.model))}", style="dim"))
            for sentence in meaning.sentences(self.info.reference):
                self.console.print(Text(f"  {safety.line(sentence)}", style="dim"))
            if self.info.floors_note:
                self.console.print(Text(f"  {safety.line(self.info.floors_note)}", style="dim"))

"""The ``text`` format: the terminal report, a worst-first table then each article's findings.

Article text is untrusted: the report never interprets it as rich markup and replaces
control characters, so an article cannot recolour or rewrite the terminal.
"""

from __future__ import annotations

from typing import TextIO

from copydesk import meaning, safety
from copydesk.formats._common import SOURCE_COLUMNS, source_cells
from copydesk.formats.positions import in_file
from copydesk.models import ArticleReport, Finding, Reporter, RunInfo, RunSummary
from rich.console import Console
from rich.table import Table
from rich.text import Text

SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def safe(text: str) -> str:
    """Show control, bidi and line-break characters as escapes so text cannot drive the terminal."""
    return safety.neutralise(text)


def position(report: ArticleReport, finding: Finding) -> str:
    """``path:line:col`` for a file, ``path:record field:line:col`` for a record."""
    source = report.source
    path = source.path if source else report.id
    if source is not None and source.record is not None:
        return f"{path}:{source.record} {finding.field}:{finding.line}:{finding.column}"
    placed = in_file(finding, source)
    return f"{path}:{placed.line}:{placed.column}"


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
        self.console = _Console(file=out, highlight=False, soft_wrap=True, width=120)
        self.info = info
        self.reports: list[ArticleReport] = []

    def add(self, report: ArticleReport) -> None:
        """Keep the report (text output is sorted, so it waits for the whole batch)."""
        self.reports.append(report)

    def _table(self, ordered: list[ArticleReport]) -> Table:
        table = Table(
            title=f"copydesk {self.info.version}: {len(ordered)} article(s), worst first", title_justify="left"
        )
        for column, justify in (
            ("score", "right"),
            ("grade", "center"),
            ("verdict", "left"),
            ("findings", "right"),
            ("article", "left"),
        ):
            table.add_column(column, justify=justify)  # type: ignore[arg-type]
        for r in ordered:
            score = "-" if r.score is None else f"{r.score:.1f}"
            table.add_row(score, r.grade, r.verdict, str(len(r.findings) + len(r.diagnostics)), Text(safe(r.id)))
        return table

    def _sources(self, summary: RunSummary) -> Table:
        """The per-source table, sources by name."""
        table = Table(title=f"{len(summary.sources)} source(s), by name", title_justify="left")
        for column in SOURCE_COLUMNS:
            justify = "left" if column in ("source", "top rules") else "right"
            table.add_column(column, justify=justify)  # type: ignore[arg-type]
        for item in summary.sources:
            name, *cells = source_cells(item)
            table.add_row(Text(safe(name)), *cells)
        return table

    def close(self, summary: RunSummary) -> None:
        """Print the table, the findings, the per-source table, and the summary lines."""
        ordered = sorted(self.reports, key=lambda r: (-1.0 if r.score is None else r.score, r.index))
        self.console.print(self._table(ordered))
        for r in ordered:
            if not (r.findings or r.diagnostics):
                continue
            head = Text(f"\n{safety.line(r.id)}", style="bold")
            head.append(f"  score {'-' if r.score is None else f'{r.score:.1f}'} ({r.grade}, {r.verdict})", style="dim")
            self.console.print(head)
            for f in (*r.diagnostics, *r.findings):
                line = Text(f"  {safety.line(position(r, f))} ")
                line.append(f.code, style=SEVERITY_STYLE.get(f.severity.value, ""))
                line.append(f" {safe(f.message)}")
                self.console.print(line)
                if f.excerpt:
                    self.console.print(Text(f"      | {safe(f.excerpt)}", style="dim"))
        if summary.sources:
            self.console.print(Text(""))
            self.console.print(self._sources(summary))
        mean = "-" if summary.mean_score is None else f"{summary.mean_score:.1f}"
        self.console.print(Text(f"\n{summary.scored} scored, {summary.unreadable} unreadable, mean score {mean}"))
        for message in (*summary.input_errors, *summary.plugin_errors):
            self.console.print(Text(f"error: {safe(message)}", style="red"))
        if self.info.reference:
            self.console.print(Text(f"\n{meaning.heading(self.info.model)}", style="dim"))
            for sentence in meaning.sentences(self.info.reference):
                self.console.print(Text(f"  {sentence}", style="dim"))


REPORTER = Reporter("text", TextWriter, "Terminal report: worst-first table, then findings with excerpts", ".txt")

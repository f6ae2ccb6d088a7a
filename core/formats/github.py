"""The ``github`` format: GitHub Actions workflow commands that annotate the pull request.

One line per finding, ``::error file=PATH,line=L,col=C,endLine=L,endColumn=C,title=CODE name::message``
(``warning`` and ``notice`` for the lesser severities), preceded, for an article that
fails the gate of ``copydesk check``, by an ``::error`` naming the gate's reasons. A
JSONL/CSV record is annotated at its line; a Parquet row, which has none, at its file, the
title naming the row (``title=CODE name (row N)``). A source that fails a source lever of the
gate (``--source-fail-under``, or a regression under ``--compare``) is an
``::error title=copydesk gate::`` without a file, in the words of the stderr FAIL line. Values are escaped as GitHub's toolkit
does: ``%``, carriage return and line feed everywhere, and ``:`` and ``,`` in properties too, so
article text can neither end a command early nor start a new one. An article whose
findings ``[run] max_findings_per_article`` cut ends with a ``::warning`` (title
``copydesk findings cap``) at its file saying how many were left out, by rule code.

GitHub shows at most 10 error and 10 warning annotations per step (50 per job) on
the pull request; the rest stay in the log. Gate failures come first in each article.
"""

from __future__ import annotations

from typing import TextIO

from copydesk import safety
from copydesk.formats import _common as common
from copydesk.models import ArticleReport, Finding, RunInfo, RunSummary
from copydesk.quota import omitted_line

_KEEP = "\r\n"  # percent-escaped below, as GitHub's toolkit does
_DATA = str.maketrans({"%": "%25", "\r": "%0D", "\n": "%0A"})
_PROPERTY = str.maketrans({"%": "%25", "\r": "%0D", "\n": "%0A", ":": "%3A", ",": "%2C"})


def escape_data(text: str) -> str:
    """Escape a command's message."""
    return text.translate(_DATA)


def escape_property(text: str) -> str:
    """Escape a command property's value."""
    return text.translate(_PROPERTY)


def command(kind: str, properties: dict[str, object], message: str) -> str:
    """One workflow command line; ESC, BEL, bidi and other controls shown as escapes."""
    props = ",".join(
        f"{key}={escape_property(safety.neutralise(str(value), keep=_KEEP))}" for key, value in properties.items()
    )
    return f"::{kind} {props}::{escape_data(safety.neutralise(message, keep=_KEEP))}"


def annotation(report: ArticleReport, finding: Finding) -> str:
    """The command for one finding or diagnostic."""
    props: dict[str, object] = {"file": common.location_path(report)}
    span = common.location_line(report, finding)
    row = common.table_row(report)
    if row is not None:  # a Parquet row has no line: the file, with the row in the title
        pass
    elif span is None:
        props["line"] = common.record_line(report) or 1
    else:
        line, column, end_line, end_column = span
        props.update(line=line, col=column, endLine=end_line, endColumn=end_column)
        if end_line != line:  # GitHub ignores columns on multi-line annotations
            del props["col"], props["endColumn"]
    props["title"] = f"{finding.code} {finding.name}" + ("" if row is None else f" (row {row})")
    return command(common.GITHUB_COMMAND[finding.severity.value], props, common.placed_message(report, finding))


class GithubWriter:
    """Write each article's annotations as soon as it is scored."""

    def __init__(self, out: TextIO, info: RunInfo) -> None:
        self.out = out
        self.info = info

    def add(self, report: ArticleReport) -> None:
        """The gate failure (if any), then every diagnostic and finding."""
        if report.gate_reasons:
            props: dict[str, object] = {"file": common.location_path(report)}
            row = common.table_row(report)
            if row is None:
                props["line"] = common.record_line(report) or 1
            props["title"] = "copydesk gate" + ("" if row is None else f" (row {row})")
            score = common.shown_score(report.score, self.info.floors)
            message = f"{report.id} fails the gate (score {score}, grade {report.grade}): " + "; ".join(
                report.gate_reasons
            )
            self.out.write(command("error", props, message) + "\n")
        for finding in common.every_finding(report):
            self.out.write(annotation(report, finding) + "\n")
        if report.omitted:
            props = {"file": common.location_path(report), "title": "copydesk findings cap"}
            self.out.write(command("warning", props, f"{report.id}: {omitted_line(report)}") + "\n")

    def close(self, summary: RunSummary) -> None:
        """Each source failing a source lever of the gate, then errors of the run itself: annotations without a file."""
        for message in common.source_failures(summary.gate):
            self.out.write(command("error", {"title": "copydesk gate"}, message) + "\n")
        for message in (*summary.plugin_errors, *summary.input_errors):
            self.out.write(command("error", {"title": "copydesk"}, message) + "\n")
        self.out.flush()

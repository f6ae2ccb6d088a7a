"""The ``junit`` format: JUnit XML, one test case per article, for CI test dashboards.

An article that fails the gate of ``copydesk check`` is a ``<failure>`` whose
message gives the gate's reasons and whose body lists the article's findings
(``path:line:col CODE message``; for a record ``path:record line N field:line:col``, the
line and column within the field, as the text report gives them); an article a scorer failed on, or that could not be
read, is an ``<error>`` (the run exits 3 or 2); every other article passes, its
findings in ``<system-out>``. A source that fails a source lever of the gate
(``--source-fail-under``, a regression under ``--compare``) is one more failed test
case (classname ``copydesk.sources``) named, and failed, with the words of the stderr
FAIL line. Characters XML 1.0 cannot carry are replaced. An article whose findings
``[run] max_findings_per_article`` cut has one more line after them saying how many
were left out, by rule code.
"""

from __future__ import annotations

import re
from typing import TextIO
from xml.sax.saxutils import escape, quoteattr

from copydesk import safety
from copydesk.formats import _common as common
from copydesk.models import ArticleReport, RunInfo, RunSummary
from copydesk.quota import omitted_line

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml_chars(text: str) -> str:
    r"""Controls, bidi and backslashes shown as escapes, then what XML 1.0 still cannot carry (``\ufffe``) replaced."""
    return _NOT_XML.sub("\N{REPLACEMENT CHARACTER}", safety.neutralise(text, keep="\t\n\r"))


def xml_text(text: str) -> str:
    """Escape for element content: neutralised, and characters XML 1.0 does not allow replaced."""
    return escape(_xml_chars(text))


def xml_lines(lines: list[str]) -> str:
    """Element content of one inert line per item (:func:`copydesk.safety.line`), neutralised once."""
    return escape(_NOT_XML.sub("\N{REPLACEMENT CHARACTER}", "\n".join(safety.line(text) for text in lines)))


def xml_attr(text: str) -> str:
    r"""A quoted attribute value on one line: a newline, CR or tab shows as ``\n``, ``\r``, ``\t`` like any control.

    A test name is printed line by line by CI reporters, so a character reference
    (``&#10;``) would let an id start a line of its own (``::error::`` in GitHub Actions).
    """
    return quoteattr(_NOT_XML.sub("\N{REPLACEMENT CHARACTER}", safety.neutralise(text)))


def finding_lines(report: ArticleReport) -> str:
    """Every diagnostic and finding of an article, one inert ``where CODE message`` line each, as element content."""
    lines = []
    for finding in common.every_finding(report):
        span = common.location_line(report, finding)
        where = f"{span[0]}:{span[1]}" if span else common.record_place(report)
        if not span and report.verdict != "unreadable":  # a finding in a field the record was read for
            where += f" {finding.field}:{finding.line}:{finding.column}"
        lines.append(
            f"{common.location_path(report)}:{where} {finding.code} [{finding.severity.value}]"
            f" {common.placed_message(report, finding)}"
        )
    if report.omitted:
        lines.append(f"{common.location_path(report)}: {omitted_line(report)}")
    return xml_lines(lines)


def testcase(report: ArticleReport, floors: tuple[float, ...] = ()) -> tuple[str, str]:
    """The ``<testcase>`` element and its outcome (``passed``, ``failure`` or ``error``); ``floors``: :attr:`RunInfo.floors`."""
    score = common.shown_score(report.score, floors)
    head = (
        f"<testcase classname={xml_attr('copydesk')} name={xml_attr(report.id)}"
        f' file={xml_attr(common.location_path(report))} time="0">'
    )
    detail = finding_lines(report)
    errors = [d for d in report.diagnostics if d.code in common.RUN_ERRORS]
    if errors:
        message = "; ".join(f"{d.code} {d.message}" for d in errors)
        body = f"<error message={xml_attr(message)} type={xml_attr(errors[0].code)}>{detail}</error>"
        return f"{head}{body}</testcase>", "error"
    if report.gate_reasons:
        message = f"score {score} ({report.grade}{common.marks(report)}): " + "; ".join(report.gate_reasons)
        body = f'<failure message={xml_attr(message)} type="copydesk-gate">{detail}</failure>'
        return f"{head}{body}</testcase>", "failure"
    out = xml_text(f"score {score} ({report.grade}, {report.verdict}{common.marks(report)})") + (
        f"\n{detail}" if detail else ""
    )
    return f"{head}<system-out>{out}</system-out></testcase>", "passed"


def source_case(message: str) -> str:
    """A failed ``<testcase>`` for one source lever the batch fails (``message``: the stderr FAIL line's words)."""
    return (
        f'<testcase classname={xml_attr("copydesk.sources")} name={xml_attr(message)} time="0">'
        f'<failure message={xml_attr(message)} type="copydesk-gate">{xml_lines([message])}</failure></testcase>'
    )


class JunitWriter:
    """Build test cases as articles stream past; write the suite (with its counts) at close."""

    def __init__(self, out: TextIO, info: RunInfo) -> None:
        self.out = out
        self.cases: list[str] = []
        self.outcomes = {"passed": 0, "failure": 0, "error": 0}
        self.floors = info.floors

    def add(self, report: ArticleReport) -> None:
        """Add the article's test case."""
        case, outcome = testcase(report, self.floors)
        self.cases.append(case)
        self.outcomes[outcome] += 1

    def close(self, summary: RunSummary) -> None:
        """Write the document, with a failed test case per source lever the batch fails."""
        for message in common.source_failures(summary.gate):
            self.cases.append(source_case(message))
            self.outcomes["failure"] += 1
        n, failures, errors = len(self.cases), self.outcomes["failure"], self.outcomes["error"]
        counts = f'tests="{n}" failures="{failures}" errors="{errors}" skipped="0" time="0"'
        self.out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        self.out.write(f'<testsuites name="copydesk" {counts}>\n<testsuite name="copydesk" {counts}>\n')
        for case in self.cases:
            self.out.write(case + "\n")
        if messages := [*summary.plugin_errors, *summary.input_errors]:
            self.out.write(f"<system-err>{xml_lines(messages)}</system-err>\n")
        self.out.write("</testsuite>\n</testsuites>\n")

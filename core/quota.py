"""The per-article cap on findings kept and reported (``[run] max_findings_per_article``).

An article built to match on every line can yield hundreds of thousands of findings;
held whole until its report is written, they would take gigabytes. The runner holds at
most the cap, as findings arrive (a scorer's ``score`` may return a generator: it is
consumed, never held past the cap):

* **Which are kept**: the cap most severe findings, ties in report order
  (:func:`copydesk.runner.sort_key`, then scorer order, then the order the scorer gave
  them), listed in report order. The choice is the same whatever the number of workers.
  Each scorer is cut to the cap first (:func:`capped`), then the article (:func:`trimmed`):
  the article's cap best are among its scorers' cap best.
* **What is counted**: every finding left out, by rule code (``ArticleReport.omitted``).
* **The score does not change**: a sub-score derived from findings counts every finding,
  kept or not (:class:`Overflow` keeps each span's strongest severity, the one
  :func:`copydesk.scoring.dedupe` keeps, not the finding); the minimum-evidence floor
  counts every finding; features and sub-scores a scorer gives are its own.
"""

from __future__ import annotations

import heapq
import itertools
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace

from copydesk.models import ArticleReport, Finding, FrozenDict, ScorerResult, Severity

#: Findings in reading order: title first, then byline, then text, then anything else.
FIELD_ORDER = {"title": 0, "byline": 1, "text": 2}


def sort_key(finding: Finding) -> tuple[int, int, int, str, str]:
    """Findings in reading order: title first, then by position, then code."""
    return (FIELD_ORDER.get(finding.field, 3), finding.start, finding.end, finding.code, finding.message)


@dataclass
class Overflow:
    """What a scorer's findings past the cap leave behind: counts by code and, if asked, each span's severity."""

    #: Findings left out, by rule code.
    left: Counter[str] = field(default_factory=Counter)
    #: Each span's (field, start, end) strongest severity, first-seen order: None when not needed.
    spans: dict[tuple[str, int, int], Severity] | None = None

    def watch(self, findings: Iterable[Finding]) -> Iterator[Finding]:
        """``findings`` as they pass, each counted by code (and its span's severity kept)."""
        left, spans = self.left, self.spans
        for finding in findings:
            left[finding.code] += 1
            if spans is not None:
                key = (finding.field, finding.start, finding.end)
                held = spans.get(key)
                if held is None or finding.severity.rank > held.rank:
                    spans[key] = finding.severity
            yield finding

    def severities(self) -> Iterator[Severity]:
        """The severity each span counts with, as :func:`copydesk.scoring.dedupe` would keep it."""
        return iter((self.spans or {}).values())


def _ranked(item: tuple[int, Finding]) -> tuple[int, tuple[int, int, int, str, str], int]:
    """Most severe first, then report order, then arrival."""
    place, finding = item
    return (-finding.severity.rank, sort_key(finding), place)


def capped(findings: Iterable[Finding], cap: int, spans: bool = False) -> tuple[tuple[Finding, ...], Overflow | None]:
    """A scorer's findings held to ``cap`` (0: no cap), in the order given, and what the rest left (None: nothing left out).

    :param spans: keep each span's strongest severity in the overflow (the sub-score is derived from findings).
    """
    stream = iter(findings)
    if cap <= 0:
        return tuple(stream), None
    head = list(itertools.islice(stream, cap + 1))
    if len(head) <= cap:
        return tuple(head), None
    overflow = Overflow(spans={} if spans else None)
    best = heapq.nsmallest(cap, enumerate(overflow.watch(itertools.chain(head, stream))), key=_ranked)
    del head
    best.sort(key=lambda item: item[0])
    kept = tuple(finding for _, finding in best)
    overflow.left.subtract(finding.code for finding in kept)
    overflow.left = +overflow.left
    return kept, overflow


def trimmed(
    results: list[ScorerResult], left: list[Mapping[str, int]], cap: int
) -> tuple[list[ScorerResult], Mapping[str, int]]:
    """The scorers' results with at most ``cap`` findings in all, and every finding left out by code (sorted).

    :param left: per result, what :func:`capped` left out of it already.
    """
    omitted: Counter[str] = Counter()
    for part in left:
        if part:  # most scorers leave nothing out
            omitted.update(part)
    if cap > 0 and sum(len(r.findings) for r in results) > cap:
        every = ((place, run, f) for run, r in enumerate(results) for place, f in enumerate(r.findings))
        best = heapq.nsmallest(
            cap, every, key=lambda item: (-item[2].severity.rank, sort_key(item[2]), item[1], item[0])
        )
        chosen = {(run, place) for place, run, _ in best}
        trimmed_results = []
        for run, r in enumerate(results):
            kept = tuple(f for place, f in enumerate(r.findings) if (run, place) in chosen)
            omitted.update(f.code for place, f in enumerate(r.findings) if (run, place) not in chosen)
            trimmed_results.append(replace(r, findings=kept) if len(kept) != len(r.findings) else r)
        results = trimmed_results
    return results, FrozenDict(sorted(omitted.items())) if omitted else FrozenDict()


def omitted_line(report: ArticleReport) -> str:
    """What the cap left out of an article's report, in one line: the count, how many were kept, per rule code."""
    codes = ", ".join(f"{code} {count:,}" for code, count in report.omitted.items())
    return (
        f"{report.omitted_count:,} findings left out of the report by run.max_findings_per_article"
        f" ({len(report.findings):,} kept, the most severe): {codes}"
    )

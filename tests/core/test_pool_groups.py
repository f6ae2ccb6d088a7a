"""Issue 15: the scoring pass sends a worker several articles per job (``pool.GROUP``).

A scorer that exits, kills its worker or raises ``SystemExit`` on one article of a group
still costs only its own result on that article; the articles before and after it in
the group are scored as if nothing happened, and the reports come back in input order.
"""

from __future__ import annotations

import os
import sys
from dataclasses import replace

import pytest
from copydesk import Context, Document, Finding, Rule, Scorer
from copydesk.pool import GROUP
from copydesk.testing import article, score_batch
from copydesk.testing import plugin_set as plugins

RULE = Rule("GRP001", "group-word", "Word found")


def _faulty(fault: str) -> Scorer:
    def score(document: Document, context: Context) -> list[Finding]:
        if "FAULT" in document.body.text:
            if fault == "exit":
                os._exit(7)
            if fault == "system-exit":
                sys.exit(3)
        return [RULE.finding(document.body, 0, 4)]

    return Scorer("GRP", "group", (RULE,), score)


def _outcome(report: object) -> object:
    return (
        report.id,  # type: ignore[attr-defined]
        report.score,  # type: ignore[attr-defined]
        report.findings,  # type: ignore[attr-defined]
        tuple(replace(s, seconds=0.0) for s in report.scorers),  # type: ignore[attr-defined]
    )


@pytest.mark.parametrize("fault", ["exit", "system-exit"])
@pytest.mark.parametrize("workers", [1, 2])
def test_a_scorer_failing_inside_a_group_costs_only_its_result_on_that_article(fault: str, workers: int) -> None:
    count = GROUP * 2 + 3
    struck = {1, GROUP + GROUP // 2, count - 1}  # early in a group, in the middle of another, the last article
    bodies = [f"Body {i} of an article{' FAULT' if i in struck else ''}, the source said." for i in range(count)]
    articles = [article(body, id=f"a{i}") for i, body in enumerate(bodies)]
    clean = [article(body.replace(" FAULT", " fault"), id=f"a{i}") for i, body in enumerate(bodies)]
    reports = score_batch(articles, plugins(scorers=[_faulty(fault)]), workers=workers)
    reference = score_batch(clean, plugins(scorers=[_faulty(fault)]), workers=workers)
    assert [r.id for r in reports] == [f"a{i}" for i in range(count)]
    for i, (report, same) in enumerate(zip(reports, reference, strict=True)):
        if i in struck:
            assert [d.code for d in report.diagnostics] == ["CD001"], i
            assert [s.prefix for s in report.scorers if s.error] == ["GRP"]
        else:
            assert _outcome(report) == _outcome(replace(same, id=report.id)), i

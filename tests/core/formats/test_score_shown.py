"""A score and its grade agree as the reports give them: graded on the reported score, never shown at a floor it has not reached."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from copydesk import Assessment, Context, Document, Rule, Scorer
from copydesk.formats import HTML, JUNIT, MARKDOWN
from copydesk.formats._common import shown_score
from copydesk.formats.streams import TEXT
from copydesk.models import Reporter, RunInfo, RunSummary
from copydesk.testing import plugin_set, score_batch
from support import CliResult

FLOORS = (85.0, 70.0, 55.0, 40.0)  # the default [scoring.grades]


def fixed(subscore: float) -> Scorer:
    """A scorer outside the model whose sub-score alone sets the score (``100 x subscore``)."""

    def score(document: Document, context: Context) -> Assessment:
        return Assessment((), subscore=subscore)

    return Scorer("FIX", "fixed", (Rule("FIX001", "never", "Never reported"),), score)


def test_a_score_is_shown_with_two_decimals_only_where_one_would_reach_a_floor_it_has_not() -> None:
    assert shown_score(84.96, FLOORS) == "84.96"  # not "85.0" beside a B
    assert shown_score(69.95, FLOORS) == "69.95"
    assert shown_score(84.94, FLOORS) == "84.9"
    assert shown_score(84.91, FLOORS) == "84.9"
    assert shown_score(85.0, FLOORS) == "85.0"
    assert shown_score(62.36, FLOORS) == "62.4"  # no floor between: rounded as before
    assert shown_score(84.96, ()) == "85.0"  # floors not known: one decimal
    assert shown_score(None, FLOORS) == "-"


@pytest.mark.parametrize(
    ("subscore", "score", "grade"), [(0.849996, 85.0, "A"), (0.8496, 84.96, "B"), (0.85, 85.0, "A")]
)
def test_the_grade_is_that_of_the_score_as_reported(subscore: float, score: float, grade: str) -> None:
    """84.9996 is reported as 85.0, so it is graded A, as a reader of the report expects, not B."""
    [report] = score_batch(["A council met on Monday and approved the budget."], plugin_set(scorers=[fixed(subscore)]))
    assert (report.score, report.grade) == (score, grade)


@pytest.mark.parametrize("reporter", [TEXT, MARKDOWN, HTML, JUNIT], ids=lambda r: r.name)
def test_a_score_just_under_the_a_floor_is_shown_with_the_digits_that_keep_it_under(reporter: Reporter) -> None:
    [report] = score_batch(["A council met on Monday and approved the budget."], plugin_set(scorers=[fixed(0.8496)]))
    assert (report.score, report.grade) == (84.96, "B")
    info = RunInfo("0", ("a.txt",), (), (), floors=FLOORS)
    out = io.StringIO()
    writer = reporter.open(out, info)
    writer.add(replace(report, text="A council met on Monday and approved the budget."))
    writer.close(RunSummary(articles=1, scored=1, unreadable=0, mean_score=None))  # a mean carries no grade
    assert "84.96" in out.getvalue()
    assert "85.0" not in out.getvalue()


SEED_002 = str(Path(__file__).resolve().parents[3] / "seeds" / "002_b8b5bad5e92ce38e.txt")  # scores 42.49


@pytest.mark.parametrize("fmt", ["text", "junit", "github", "markdown"])
def test_a_score_just_under_the_gates_floor_is_shown_with_the_digits_of_its_reason(
    cli: Callable[..., CliResult], fmt: str
) -> None:
    """Review s25v2 item 4: not '42.5' beside 'fail_under: score 42.49 < 42.5'; without the gate, one decimal."""
    gated = cli("check", SEED_002, "--fail-under", "42.5", "-f", fmt).stdout
    assert "42.49" in gated and "score 42.5 " not in gated and "score 42.5," not in gated
    assert "42.5 (D" not in gated  # (a source's mean, which has no grade, keeps one decimal)
    plain = cli("score", SEED_002, "-f", "text").stdout
    assert "score 42.5 (D" in plain

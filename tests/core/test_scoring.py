"""Aggregation maths: monotonic, length-normalised, contributions add up."""

from __future__ import annotations

import itertools

import pytest
from copydesk.models import Rule, Severity
from copydesk.scoring import aggregate, evidence_floor, grade, raised, subscore_from_findings
from copydesk.testing import config, document

SETTINGS = config().scoring()
RULE = Rule("TST001", "test-rule", "m")


def findings(n: int, severity: Severity = Severity.WARNING) -> list:
    """``n`` findings on ``n`` different words (one span flagged twice would count once)."""
    doc = document("word " * max(n, 1))
    return [Rule("TST001", "test-rule", "m", severity).finding(doc.body, 5 * i, 5 * i + 4) for i in range(n)]


def test_more_findings_never_raise_the_subscore() -> None:
    values = [subscore_from_findings(findings(n), 1000, SETTINGS) for n in range(0, 30)]
    assert values[0] == 1.0 and all(a > b for a, b in itertools.pairwise(values))


def test_density_is_normalised_for_length_with_a_floor() -> None:
    long_article = subscore_from_findings(findings(4), 2000, SETTINGS)
    half_as_long = subscore_from_findings(findings(2), 1000, SETTINGS)
    assert long_article == pytest.approx(half_as_long)
    assert subscore_from_findings(findings(1), 10, SETTINGS) == subscore_from_findings(
        findings(1), SETTINGS.min_words, SETTINGS
    )


def test_severity_orders_penalties() -> None:
    info, warning, error = (subscore_from_findings(findings(1, s), 500, SETTINGS) for s in Severity)
    assert info > warning > error


@pytest.mark.parametrize(
    "parts",
    [[(1.0, 1.0), (1.0, 0.5)], [(0.5, 1.0), (0.9, 1.0)], [(0.1, 1.0), (0.99, 0.5), (0.7, 2.0)], [(0.0, 1.0)]],
)
def test_contributions_add_up_to_points_lost(parts: list[tuple[float, float]]) -> None:
    score, contributions = aggregate(parts)
    assert 0.0 <= score <= 100.0
    assert sum(contributions) == pytest.approx(100.0 - score)


def test_aggregate_is_monotonic_in_each_subscore_and_ignores_zero_weight() -> None:
    base, _ = aggregate([(0.8, 1.0), (0.9, 1.0)])
    worse, _ = aggregate([(0.7, 1.0), (0.9, 1.0)])
    assert worse < base
    assert aggregate([(0.8, 1.0), (0.1, 0.0)])[0] == pytest.approx(aggregate([(0.8, 1.0)])[0])


@pytest.mark.parametrize(
    ("score", "band"), [(100, "A"), (85, "A"), (84.9, "B"), (55, "C"), (40, "D"), (39.9, "F"), (0, "F")]
)
def test_grade_bands(score: float, band: str) -> None:
    assert grade(score, SETTINGS)[0] == band


@pytest.mark.parametrize(
    ("words", "findings", "expected"),
    [
        pytest.param(147, 0, 70.0, id="short-without-a-finding-keeps-the-b-floor"),
        pytest.param(147, 1, 0.0, id="one-finding-is-evidence-enough"),
        pytest.param(299, 0, 70.0, id="just-under-min-words"),
        pytest.param(300, 0, 0.0, id="min-words-is-not-short"),
        pytest.param(2000, 0, 0.0, id="a-long-article-pays-for-what-it-lacks"),
    ],
)
def test_evidence_floor(words: int, findings: int, expected: float) -> None:
    assert evidence_floor(words, findings, SETTINGS) == expected


@pytest.mark.parametrize(
    ("words", "findings", "outside", "expected"),
    [
        pytest.param(147, 0, 1.0, 70.0, id="one-third-party-warning-alone-is-not-evidence-enough"),
        pytest.param(147, 0, 1.75, 70.0, id="nor-a-warning-and-three-infos"),
        pytest.param(147, 0, 2.0, 0.0, id="two-third-party-warnings-are"),
        pytest.param(147, 0, 3.0, 0.0, id="so-is-one-error"),
        pytest.param(147, 1, 1.0, 0.0, id="a-scored-finding-still-is"),
        pytest.param(300, 0, 1.0, 0.0, id="min-words-is-not-short"),
    ],
)
def test_evidence_floor_of_findings_outside_the_model(
    words: int, findings: int, outside: float, expected: float
) -> None:
    assert evidence_floor(words, findings, SETTINGS, outside) == expected


def test_a_score_raised_to_the_floor_loses_fewer_points_in_the_same_proportions() -> None:
    score, points = raised({"a": 30.0, "b": 10.0}, 60.0, 70.0)
    assert score == 70.0 and points == pytest.approx({"a": 22.5, "b": 7.5})
    assert raised({"a": 20.0}, 80.0, 70.0) == (80.0, {"a": 20.0})  # above the floor: as it is

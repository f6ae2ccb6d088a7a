"""The history's records and pure comparisons (no database): validation, normalisation, regressions."""

from __future__ import annotations

import pytest
from copydesk.history import ArticleRecord, RunRecord, regressions
from copydesk.history.recording import config_digest, unlike
from copydesk.history.records import RunEntry
from copydesk.rollup import SourceSummary


def summary(source: str, mean: float | None, share_failing: float) -> SourceSummary:
    return SourceSummary(
        source, 10, 10 if mean is not None else 0, mean, None, None, round(share_failing * 10), share_failing, ()
    )


@pytest.mark.parametrize(
    ("when", "stored"),
    [
        ("2024-05-06T09:00:00Z", "2024-05-06T09:00:00Z"),
        ("2024-05-06T09:00:00+00:00", "2024-05-06T09:00:00Z"),
        ("2024-05-06T09:00:00.250000+00:00", "2024-05-06T09:00:00.250000Z"),
    ],
)
def test_the_run_time_is_stored_as_utc_iso(when: str, stored: str) -> None:
    assert RunRecord(when, "0.1.0", (), "d", None, (), ()).when == stored


@pytest.mark.parametrize(
    ("when", "problem"),
    [
        ("2024-05-06T09:00:00", "not in UTC"),
        ("2024-05-06T11:00:00+02:00", "not in UTC"),
        ("last tuesday", "Invalid isoformat"),
    ],
)
def test_a_run_time_that_is_not_utc_iso_is_refused(when: str, problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        RunRecord(when, "0.1.0", (), "d", None, (), ())


def test_a_run_keeps_articles_by_key_and_sources_by_name_and_refuses_duplicates() -> None:
    b, a = ArticleRecord("b", "d", "s", 1.0, "F"), ArticleRecord("a", "d", "s", 2.0, "F")
    run = RunRecord("2024-05-06T09:00:00Z", "0.1.0", (), "d", None, (b, a), (summary("y", 1, 0), summary("x", 1, 0)))
    assert [x.key for x in run.articles] == ["a", "b"] and [s.source for s in run.sources] == ["x", "y"]
    with pytest.raises(ValueError, match="article key 'a' appears more than once"):
        RunRecord("2024-05-06T09:00:00Z", "0.1.0", (), "d", None, (a, b, a), ())
    with pytest.raises(ValueError, match="source 'x' appears more than once"):
        RunRecord("2024-05-06T09:00:00Z", "0.1.0", (), "d", None, (), (summary("x", 1, 0), summary("x", 2, 0)))


def test_rule_counts_drop_zeros_are_read_only_and_never_negative() -> None:
    article = ArticleRecord("a", "d", "s", 50.0, "C", {"B001": 2, "A001": 0})
    assert dict(article.rules) == {"B001": 2}
    with pytest.raises(TypeError):
        article.rules["B001"] = 3  # type: ignore[index]
    with pytest.raises(ValueError, match="negative"):
        ArticleRecord("a", "d", "s", 50.0, "C", {"B001": -1})


@pytest.mark.parametrize(
    ("new", "base", "expected"),
    [
        # mean drop beyond the limit, and exactly at it (not a regression)
        ([summary("a", 70.0, 0.1)], [summary("a", 80.0, 0.1)], [("a", "mean", 10.0)]),
        ([summary("a", 75.0, 0.1)], [summary("a", 80.0, 0.1)], []),
        # failing share rise beyond 0.2, and exactly 0.2
        ([summary("a", 80.0, 0.5)], [summary("a", 80.0, 0.2)], [("a", "failing", 0.3)]),
        ([summary("a", 80.0, 0.4)], [summary("a", 80.0, 0.2)], []),
        # both at once, sorted by source; a source new in this run, or unscored, is not compared on its mean
        (
            [summary("b", 10.0, 0.9), summary("a", None, 0.0), summary("new", 0.0, 1.0)],
            [summary("a", 90.0, 0.0), summary("b", 90.0, 0.0)],
            [("b", "mean", 80.0), ("b", "failing", 0.9)],
        ),
        # improvements are never regressions
        ([summary("a", 95.0, 0.0)], [summary("a", 60.0, 0.8)], []),
    ],
)
def test_regressions_by_source(
    new: list[SourceSummary], base: list[SourceSummary], expected: list[tuple[str, str, float]]
) -> None:
    found = regressions(new, base, max_drop=5.0, max_fail_rise=0.2)
    assert [(r.source, r.what, pytest.approx(r.by)) for r in found] == expected


def test_a_mean_regression_says_which_source_and_by_how_much() -> None:
    (found,) = regressions([summary("wire", 71.25, 0.0)], [summary("wire", 80.0, 0.0)], 5.0, 0.1)
    assert found.message == "source 'wire': mean score dropped 8.8 points (80.0 -> 71.2; allowed 5)"


def test_negative_limits_are_refused() -> None:
    with pytest.raises(ValueError, match="must be 0 or more"):
        regressions([], [], -1.0, 0.1)


def shares(source: str, mean: float | None, failing: int, articles: int) -> SourceSummary:
    """A source with ``failing`` of ``articles`` failing (shares like 1/3 that no decimal holds)."""
    return SourceSummary(source, articles, articles, mean, None, None, failing, failing / articles, ())


@pytest.mark.parametrize(
    ("before", "after", "max_drop", "message"),
    [
        # the real drop is 4.847, shown 43.5 -> 38.7: 4.8, equal to the limit, passes
        (43.547, 38.7, 4.8, None),
        (43.547, 38.7, 4.7, "source 'a': mean score dropped 4.8 points (43.5 -> 38.7; allowed 4.7)"),
        # the real drop is 6.55, shown 44.0 -> 37.5: 6.5, as 'copydesk trend' prints it
        (44.04, 37.49, 6.5, None),
        (44.04, 37.49, 6.4, "source 'a': mean score dropped 6.5 points (44.0 -> 37.5; allowed 6.4)"),
        # a drop within the rounding of the shown means is no drop
        (80.04, 79.96, 0.0, None),
        (80.0, 79.9, 0.0, "source 'a': mean score dropped 0.1 points (80.0 -> 79.9; allowed 0)"),
    ],
)
def test_the_mean_drop_is_decided_on_the_means_as_shown(
    before: float, after: float, max_drop: float, message: str | None
) -> None:
    found = regressions([summary("a", after, 0.0)], [summary("a", before, 0.0)], max_drop, 1.0)
    assert [r.message for r in found] == ([message] if message else [])


@pytest.mark.parametrize(
    ("before", "after", "max_fail_rise", "message"),
    [
        # 0 of 3 -> 1 of 3: a rise of 33.3% shown, 33.3333% in fact
        ((0, 3), (1, 3), 0.333, None),
        ((0, 3), (1, 3), 1 / 3, None),
        ((0, 3), (1, 3), 0.33, "source 'a': share failing rose 33.3% (0.0% -> 33.3%; allowed 33.0%)"),
        ((0, 3), (1, 3), 0.332, "source 'a': share failing rose 33.3% (0.0% -> 33.3%; allowed 33.2%)"),
        # 1 of 3 -> 2 of 3: shown 33.3% -> 66.7%, a rise of 33.4%
        ((1, 3), (2, 3), 0.334, None),
        ((1, 3), (2, 3), 0.333, "source 'a': share failing rose 33.4% (33.3% -> 66.7%; allowed 33.3%)"),
        ((0, 10), (2, 10), 0.2, None),
        ((0, 10), (3, 10), 0.2, "source 'a': share failing rose 30.0% (0.0% -> 30.0%; allowed 20.0%)"),
    ],
)
def test_the_failing_share_rise_is_decided_on_percentages_as_shown(
    before: tuple[int, int], after: tuple[int, int], max_fail_rise: float, message: str | None
) -> None:
    found = regressions([shares("a", 80.0, *after)], [shares("a", 80.0, *before)], 100.0, max_fail_rise)
    assert [r.message for r in found] == ([message] if message else [])


def entry(version: str, plugins: tuple[str, ...]) -> RunEntry:
    return RunEntry(1, "2024-05-06T09:00:00Z", version, None, config_digest({}), 3, 50.0, plugins=plugins)


@pytest.mark.parametrize(
    ("then", "now", "said"),
    [
        (entry("0.1.0", ("hedging 0.1.0",)), ("0.1.0", [("hedging", "0.1.0")]), None),
        (
            entry("0.1.0", ("hedging 0.1.0",)),
            ("0.1.0", [("hedging", "0.1.0"), ("exclaim", "1.0")]),
            "run 1 was recorded with other plugins (only now: exclaim 1.0)",
        ),
        (  # a built-in versioned with copydesk moves with it: only the version is said
            entry("0.1.0", ("hedging 0.1.0", "exclaim 1.0")),
            ("0.2.0", [("hedging", "0.2.0"), ("exclaim", "1.1")]),
            "run 1 was recorded with copydesk 0.1.0, not 0.2.0 and other plugins (only then: exclaim 1.0; only now: exclaim 1.1)",
        ),
        (
            entry("0.1.0", ("hedging 0.1.0",)),
            ("0.2.0", [("hedging", "0.2.0")]),
            "run 1 was recorded with copydesk 0.1.0, not 0.2.0",
        ),
    ],
)
def test_a_run_made_with_other_plugins_is_said_to_be(
    then: RunEntry, now: tuple[str, list[tuple[str, str]]], said: str | None
) -> None:
    """A plugin installed, removed or upgraded changes scores as another configuration does."""
    version, plugins = now
    found = unlike(then, version, {}, plugins)
    tail = ": a change in a source's score may come from that, not from its articles"
    assert found == (None if said is None else said + tail)

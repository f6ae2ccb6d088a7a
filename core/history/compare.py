"""Pure comparisons of two runs: what changed per article, and which sources regressed.

No I/O: the store reads the runs and hands them here, and ``check --compare`` can
compare the run in progress (not recorded yet) with a stored one through
:func:`regressions` directly.
"""

from __future__ import annotations

from collections.abc import Iterable

from copydesk.history.records import ArticleRecord, FindingChange, GradeChange, Regression, RunDiff, StoredRun
from copydesk.rollup import SourceSummary, percent, shown_change

#: Changes smaller than this are rounding, not regressions.
EPSILON = 1e-9


def diff_runs(a: StoredRun, b: StoredRun) -> RunDiff:
    """Articles (matched by key) whose grade changed from ``a`` to ``b``, and rule counts that rose or fell."""
    old = {art.key: art for art in a.record.articles}
    new = {art.key: art for art in b.record.articles}
    both = sorted(old.keys() & new.keys())
    changes = [_finding_changes(old[key], new[key]) for key in both]
    flat = [change for per_article in changes for change in per_article]
    return RunDiff(
        run_a=a.run_id,
        run_b=b.run_id,
        grade_changes=tuple(_grade_change(old[key], new[key]) for key in both if old[key].grade != new[key].grade),
        appeared=tuple(c for c in flat if c.after > c.before),
        went_away=tuple(c for c in flat if c.after < c.before),
        only_a=tuple(sorted(old.keys() - new.keys())),
        only_b=tuple(sorted(new.keys() - old.keys())),
    )


def _grade_change(old: ArticleRecord, new: ArticleRecord) -> GradeChange:
    """The grade change of one article."""
    return GradeChange(
        key=new.key,
        source=new.source,
        grade_a=old.grade,
        grade_b=new.grade,
        score_a=old.score,
        score_b=new.score,
        edited=old.digest != new.digest,
    )


def _finding_changes(old: ArticleRecord, new: ArticleRecord) -> list[FindingChange]:
    """Per rule code (sorted), the article's finding counts where they differ."""
    codes = sorted(old.rules.keys() | new.rules.keys())
    counts = [(code, old.rules.get(code, 0), new.rules.get(code, 0)) for code in codes]
    return [FindingChange(new.key, code, before, after) for code, before, after in counts if before != after]


def regressions(
    new: Iterable[SourceSummary],
    base: Iterable[SourceSummary],
    max_drop: float,
    max_fail_rise: float,
) -> list[Regression]:
    """Sources that regressed: mean fell by more than ``max_drop``, or share failing rose by more than ``max_fail_rise``.

    Only sources present in both runs are compared; ``max_drop`` is in points,
    ``max_fail_rise`` a share (0-1). A source with no scored article in either run is not compared on its mean. The
    result is sorted by source, the mean before the failing share.

    The gate decides on the numbers its lines print: the drop is the difference of the two
    means shown to one decimal (:func:`copydesk.rollup.shown_change`, as ``copydesk trend``
    computes it), and the rise of the failing share, and its limit, are percentages to one
    decimal (:func:`copydesk.rollup.percent`). A change equal to its limit, as shown, passes.
    """
    if max_drop < 0 or max_fail_rise < 0:
        raise ValueError(f"regression limits must be 0 or more (max drop {max_drop}, max fail rise {max_fail_rise})")
    before = {summary.source: summary for summary in base}
    found: list[Regression] = []
    for now in sorted(new, key=lambda summary: summary.source):
        then = before.get(now.source)
        if then is None:
            continue
        if now.mean is not None and then.mean is not None:
            drop = shown_change(now.mean, then.mean)  # points lost: then - now, as shown
            if drop > max_drop + EPSILON:
                found.append(Regression(now.source, "mean", then.mean, now.mean, drop, max_drop))
        rise = round(percent(now.share_failing) - percent(then.share_failing), 1)
        if rise > percent(max_fail_rise) + EPSILON:
            found.append(
                Regression(now.source, "failing", then.share_failing, now.share_failing, rise / 100, max_fail_rise)
            )
    return found

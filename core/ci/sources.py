"""The gate's per-source levers: a floor under each source's mean score, and regressions against a recorded run.

Besides the per-article levers of :mod:`copydesk.ci.gate`, ``copydesk check`` fails
the batch when a source's mean score is below ``source_fail_under`` (``[gate]``, or
``--source-fail-under``), and, with ``--compare last|passing|RUN``, when a source's mean
score dropped by more than ``max_drop`` points or its share of failing articles rose
by more than ``max_fail_rise`` since that run of the history. A source without a
scored article has no mean and is not compared; under a floor it fails, since none of
its articles could be read (the run exits 2 for them anyway, and the gate line says
which source they were). Each failure is one gate line naming the source and the numbers.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from copydesk.ci.gate import below_as_shown
from copydesk.rollup import SourceSummary
from copydesk.safety import quoted

if TYPE_CHECKING:  # a run imports the history's records only when it compares with one
    from copydesk.history.records import Regression


@dataclass(frozen=True)
class BelowFloor:
    """A source whose mean score is below ``source_fail_under``, or that has none (no article could be read)."""

    source: str
    mean: float | None
    articles: int
    floor: float

    @property
    def message(self) -> str:
        """One gate line."""
        if self.mean is None:
            return (
                f"source {quoted(self.source)}: no mean score to hold to source_fail_under {self.floor:g}:"
                f" none of its {self.articles} article(s) could be read"
            )
        return f"source {quoted(self.source)}: mean score {below_as_shown(self.mean, self.floor)} ({self.articles} article(s))"


def below_floor(sources: Iterable[SourceSummary], floor: float) -> tuple[BelowFloor, ...]:
    """The sources (sorted) whose mean score is below ``floor``, or that have none; none when ``floor`` is 0."""
    return tuple(
        BelowFloor(s.source, s.mean, s.articles, floor)
        for s in sorted(sources, key=lambda s: s.source)
        if floor > 0 and (s.mean is None or s.mean < floor)
    )


@dataclass(frozen=True)
class SourceVerdict:
    """What the per-source levers concluded about a batch.

    :ivar compared_with: the number of the recorded run compared against (None: no ``--compare``).
    """

    floor: float
    below: tuple[BelowFloor, ...] = ()
    compared_with: int | None = None
    max_drop: float = 0.0
    max_fail_rise: float = 0.0
    regressions: tuple[Regression, ...] = ()

    @property
    def failed(self) -> bool:
        """Whether a source lever fails the batch."""
        return bool(self.below or self.regressions)

    def lines(self) -> list[str]:
        """One gate line per failing source lever, floor first, then regressions."""
        messages = [item.message for item in self.below] + [item.message for item in self.regressions]
        return [f"copydesk: FAIL {message}" for message in messages]

    def summary(self) -> dict[str, Any]:
        """The keys this adds to the run summary's ``gate``."""
        out: dict[str, Any] = {
            "source_fail_under": self.floor,
            "sources_below": {item.source: item.message for item in self.below},
        }
        if self.compared_with is not None:
            out["compare"] = {
                "run": self.compared_with,
                "max_drop": self.max_drop,
                "max_fail_rise": self.max_fail_rise,
                "regressions": [item.message for item in self.regressions],
            }
        return out


def judge(
    gate: Mapping[str, Any],
    sources: Iterable[SourceSummary],
    compared: tuple[int, list[Regression]] | None = None,
) -> SourceVerdict:
    """The verdict of the ``[gate]`` table's source levers on ``sources``.

    :param compared: the run compared against and the regressions found, if ``--compare`` was given.
    """
    floor = float(gate["source_fail_under"])
    base = SourceVerdict(floor, below_floor(sources, floor))
    if compared is None:
        return base
    run_id, found = compared
    return SourceVerdict(
        floor,
        base.below,
        run_id,
        float(gate["max_drop"]),
        float(gate["max_fail_rise"]),
        tuple(found),
    )

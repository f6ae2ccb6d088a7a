"""Aggregation maths: findings into sub-scores, sub-scores into a 0-100 score and grade.

Pure functions, no I/O. The rules, documented in the README ("How the score is
computed"):

* A scorer that does not give its own sub-score gets one from its findings:
  ``exp(-penalty_per_1000_words / density_scale)``, where each finding adds its
  severity's penalty and the word count is floored at ``min_words`` so one finding in
  a short note does not read as a flood.
* The article score is ``100 * prod(subscore_i ** weight_i)``: a weighted geometric
  aggregate. It is monotonic (a lower sub-score never raises it) and a scorer with
  weight 0 has no effect.
* Each scorer's contribution is its share of the points lost, in proportion to
  ``weight_i * -ln(subscore_i)``; contributions add up to ``100 - score``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from copydesk.models import Finding

#: Sub-scores are clamped to at least this, so ln() stays finite.
FLOOR = 1e-4


@dataclass(frozen=True)
class ScoringSettings:
    """The ``[scoring]`` section of the configuration."""

    severity_penalty: Mapping[str, float]
    min_words: int
    density_scale: float
    grades: Sequence[tuple[str, float]]
    verdicts: Mapping[str, str]


def subscore_from_findings(findings: Iterable[Finding], words: int, settings: ScoringSettings) -> float:
    """Derive a sub-score in (0, 1] from findings' severities and the article's length."""
    penalty = sum(settings.severity_penalty.get(f.severity.value, 1.0) for f in findings)
    density = penalty * 1000.0 / max(words, settings.min_words, 1)
    return math.exp(-density / settings.density_scale)


def clamp(value: float) -> float:
    """Clamp a sub-score into [FLOOR, 1]."""
    if math.isnan(value):
        return FLOOR
    return min(1.0, max(FLOOR, value))


def aggregate(parts: Sequence[tuple[float, float]]) -> tuple[float, list[float]]:
    """Combine ``(subscore, weight)`` pairs into a score and per-part contributions.

    :returns: the score in [0, 100] and, per part, the points it cost.
    """
    losses = [w * -math.log(clamp(s)) for s, w in parts]
    total = sum(losses)
    score = 100.0 * math.exp(-total)
    lost = 100.0 - score
    contributions = [lost * loss / total if total > 0 else 0.0 for loss in losses]
    return score, contributions


def grade(score: float, settings: ScoringSettings) -> tuple[str, str]:
    """The grade band and verdict for ``score`` (bands are checked best first)."""
    for band, floor in settings.grades:
        if score >= floor:
            return band, settings.verdicts.get(band, "")
    band = settings.grades[-1][0] if settings.grades else "F"
    return band, settings.verdicts.get(band, "")

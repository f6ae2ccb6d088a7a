"""Aggregation maths: findings into sub-scores, sub-scores into a 0-100 score and grade.

Pure functions, no I/O. The rules, documented in the README ("How the score is
computed"):

* A scorer that does not give its own sub-score gets one from its findings:
  ``exp(-penalty_per_1000_words / density_scale)``, where each finding adds its
  severity's penalty and the word count is floored at ``min_words`` so one finding in
  a short note does not read as a flood.
* The article score comes from the learned model (:mod:`copydesk.model`) on the
  scorers' features; a scorer the model has no feature of still counts through the
  weighted geometric factor of :func:`aggregate`, ``100 * prod(subscore_i ** weight_i)``,
  which is monotonic (a lower sub-score never raises it; weight 0 has no effect).
* One span reported by several rules counts once, at its strongest severity
  (:func:`dedupe`); suppressed findings never reach these functions, and the runner
  re-measures a scorer whose findings were suppressed on the text with those spans
  blanked (:func:`mask`), so its own sub-score and measurements leave them out too.
* **A short article needs a minimum of evidence** (:func:`evidence_floor`): one shorter
  than ``min_words`` words with no finding scores at least the floor of the second
  grade band (B, 70) before the truncation factor. Its few words leave missing
  sourcing too little to go on; one finding, of any severity, is evidence enough. The
  floor holds after the factors of scorers outside the model, and one warning of
  theirs alone is not evidence enough (:data:`OUTSIDE_EVIDENCE`: two warnings or one
  error are): at the 300-word floor it would cost a factor 0.66 by itself.
* A copy the truncation scorer is at least :data:`TRUNCATED_AT` sure was cut is
  marked ``truncated``; the learned model (:mod:`copydesk.model`) grades it down by a
  factor rather than wiping out the other evidence.
* Each scorer's contribution is its points under the model (and, for a scorer outside
  it, its share of the factor's points, in proportion to ``weight_i * -ln(subscore_i)``);
  contributions add up to ``100 - score``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from copydesk.models import Finding, Severity

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
    return subscore_from_severities((f.severity for f in dedupe(findings)), words, settings)


def subscore_from_severities(severities: Iterable[Severity], words: int, settings: ScoringSettings) -> float:
    """:func:`subscore_from_findings` from the severity of each finding :func:`dedupe` keeps, in its order."""
    penalty = sum(settings.severity_penalty.get(s.value, 1.0) for s in severities)
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


#: The findings of scorers outside the model (counted through their sub-score's factor) are
#: evidence enough to lift a short article's floor when their severity penalties add up to
#: this many warnings' (two warnings, or one error): one warning or info alone is not.
OUTSIDE_EVIDENCE = 2.0


def evidence_floor(words: int, findings: int, settings: ScoringSettings, outside: float = 0.0) -> float:
    """The least score (before the truncation factor) of an article of ``words`` words with ``findings`` findings.

    The floor of the second grade band (B) when the article is shorter than
    ``min_words`` and has no finding (suppressed ones are not counted: they never reach
    the report), and the findings of scorers the model does not weigh add up to a
    penalty ``outside`` under :data:`OUTSIDE_EVIDENCE` warnings'; otherwise 0. Raising
    it never takes a finding or a word away, so the score stays monotonic in the
    evidence of a problem.
    """
    enough = OUTSIDE_EVIDENCE * settings.severity_penalty.get("warning", 1.0)
    if words >= settings.min_words or findings or outside >= enough or len(settings.grades) < 2:
        return 0.0
    return settings.grades[1][1]


def raised(points: Mapping[str, float], before: float, floor: float) -> tuple[float, dict[str, float]]:
    """A score ``before`` raised to at least ``floor``, and its ``points`` lost (adding up to ``100 - before``) scaled alike.

    Under the floor fewer points are lost, split in the same proportions; a score at or
    above the floor is returned as it is.
    """
    if before >= floor or before >= 100.0:
        return before, dict(points)
    keep = (100.0 - floor) / (100.0 - before)
    return floor, {name: part * keep for name, part in points.items()}


#: Truncation confidence from which a report marks the copy ``truncated``.
TRUNCATED_AT = 0.5


def dedupe(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    """One finding per span (field, start, end): the strongest severity, then the lowest code.

    Findings that several rules report on the same words count once in anything
    derived from findings (a sub-score, a density); first-seen order is kept.
    """
    best: dict[tuple[str, int, int], Finding] = {}
    for finding in findings:
        key = (finding.field, finding.start, finding.end)
        held = best.get(key)
        if held is None or (-finding.severity.rank, finding.code) < (-held.severity.rank, held.code):
            best[key] = finding
    return tuple(best.values())


def truncation_confidence(subscore: float | None) -> float:
    """How sure the truncation scorer is that the copy was cut: ``1 - subscore`` (0 when it gave none)."""
    if subscore is None or math.isnan(subscore):
        return 0.0
    return min(1.0, max(0.0, 1.0 - subscore))


def is_truncated(confidence: float) -> bool:
    """Whether a report marks the copy ``truncated`` (confidence at least :data:`TRUNCATED_AT`)."""
    return confidence >= TRUNCATED_AT


def mask(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """``text`` with each ``(start, end)`` span blanked: spaces, line breaks kept (offsets and lines unchanged)."""
    chars = list(text)
    for start, end in spans:
        for i in range(max(start, 0), min(end, len(chars))):
            if chars[i] not in "\r\n":
                chars[i] = " "
    return "".join(chars)


def suppressed_spans(spans: Iterable[tuple[str, int, int]], field: str) -> list[tuple[int, int]]:
    """The ``(field, start, end)`` spans of suppressed findings in ``field`` (``"title"`` or ``"text"``), sorted, to :func:`mask`."""
    return sorted({(start, end) for where, start, end in spans if where == field})


def feature_vector(per_scorer: Iterable[tuple[str, Mapping[str, float]]]) -> dict[str, float]:
    """Each scorer's features keyed ``scorer.name`` (the keys a learned model reads)."""
    return {f"{scorer}.{name}": float(value) for scorer, values in per_scorer for name, value in values.items()}

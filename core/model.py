"""The learned aggregate: scorers' features into a 0-100 score, with points per scorer.

Pure arithmetic on a model read from a plain JSON file (never a pickle); model files are
read and written by :mod:`copydesk.modelfile`. The method, fitted by ``scripts/fit_model.py`` (see
docs/scoring.md):

1. **Rarity cost** of each feature against professional copy, from the 101 stored
   quantiles of the reference corpora (the ECDF, linear between quantiles). For a
   *problem* feature ``c = ln(0.5 / P(X >= x))``, for an *evidence* feature ``c =
   ln(0.5 / P(X <= x))``; the probability is floored at ``0.5 / (n + 1)`` and beyond
   the reference range the cost keeps growing linearly (one unit slope per spread of
   the upper or lower half). The cost is ln 5 at the 90th percentile and bottoms out
   at ``-ln 2`` (a bounded credit). At the median it is 0 only without ties there:
   the ECDF counts the ties at ``x``, so a problem feature whose median is 0 (most
   professional copy lacks it) gives its largest credit, ``-ln 2``, at 0, the typical
   value (docs/scoring.md, section 2). It never falls as problem evidence grows, and
   never rises as good evidence grows.
2. ``z = sum_j w_j c_j`` with every weight ``w_j >= 0``, and ``score = 100 *
   exp(-scale * max(z, 0))``: monotonic by construction.
3. A **floor** the caller gives (the runner's minimum-evidence rule: an article shorter
   than ``[scoring] min_words`` with no finding scores at least the B floor, see
   :func:`copydesk.scoring.evidence_floor`) raises ``score`` to it: ``max(score, floor)``,
   still monotonic.
4. Truncation is a fixed factor, not learned: ``final = score * (1 -
   truncation_penalty * confidence)``.
5. Points: ``100 - score`` is split over features in proportion to ``w_j c_j / z``
   and summed per scorer (a sum can be negative: a credit; at ``z <= 0`` every share is 0); truncation's points are
   ``score - final``. Together they add up to ``100 - final``.

A feature the model knows but the article's features lack (its scorer is disabled or
failed) costs 0 and is listed in :attr:`Verdict.missing`.
"""

from __future__ import annotations

import functools
import math
from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

#: Problem features: more of it, less reliable. Evidence features: more of it, more reliable.
DIRECTIONS = ("problem", "evidence")
#: Quantile levels stored per feature: 0, 1, ..., 100 %.
LEVELS = tuple(i / 100 for i in range(101))


@dataclass(frozen=True)
class FeatureNorm:
    """One feature of the model: what it is, its weight, and its professional quantiles.

    :ivar scorer: the scorer's name (``[plugins.NAME]``); the feature's key is ``scorer.name``.
    :ivar direction: ``"problem"`` or ``"evidence"``.
    :ivar unit: the feature's unit as its scorer declares it (``per_1000_words``, ``share``...).
    :ivar slope: the smallest meaningful step of the feature, for costs beyond the reference range.
    :ivar weight: the weight in ``z`` (``learned + prior``), never negative.
    :ivar learned: the part of the weight the logistic regression learned (for explanation).
    :ivar quantiles: the 101 quantiles of the feature over the professional reference.
    """

    scorer: str
    name: str
    direction: str
    unit: str
    slope: float
    weight: float
    learned: float
    quantiles: tuple[float, ...]

    @functools.cached_property
    def key(self) -> str:
        """``scorer.name``, the feature's key in an article's feature mapping."""
        return f"{self.scorer}.{self.name}"


@dataclass(frozen=True)
class ReferenceGroup:
    """The grades one labelled group of the fitting data gets under the model it was fitted for.

    :ivar name: a short key (``professional``, ``reliable``, ``unreliable``).
    :ivar label: what the group is, in words (``professional copy in the reference corpora (BBC, PolNeAR)``).
    :ivar articles: how many articles the shares were measured on.
    :ivar grades: share of the group per grade band, best band first (they add up to 1).
    """

    name: str
    label: str
    articles: int
    grades: Mapping[str, float]


def grade_meaning(reference: Sequence[ReferenceGroup]) -> tuple[str, ...]:
    """One sentence per reference group: "Of <label>, 71 % grade A, 25 % B, ... (N articles)." (percents rounded)."""
    out = []
    for group in reference:
        bands = [f"{round(100 * share)} % {band}" for band, share in group.grades.items()]
        if bands:
            bands[0] = bands[0].replace(" % ", " % grade ", 1)
        listed = ", ".join(bands[:-1]) + f" and {bands[-1]}" if len(bands) > 1 else "".join(bands)
        out.append(f"Of {group.label}, {listed} ({group.articles} articles).")
    return tuple(out)


@dataclass(frozen=True)
class Model:
    """A fitted aggregate (see the module docstring), as :func:`copydesk.modelfile.load_model` reads it.

    :ivar reference_size: articles in the professional reference (the ECDF floor).
    :ivar scale: ``k`` in ``100 * exp(-k * z)``.
    :ivar truncation_penalty: the largest share of the score a certain truncation removes.
    :ivar grade_floors: the grade floors the calibration facts were measured with.
    :ivar grade_shares: share of the professional reference per grade (for explanation).
    :ivar calibration: how ``scale`` was chosen (``{"share": 0.95, "floor": 70.0}``).
    :ivar training: provenance: corpora, counts, settings, library versions.
    :ivar copydesk_version: the copydesk version that wrote the file.
    :ivar reference: what a grade means under this model: the grade distribution of
        each labelled group of the data it was fitted on (:class:`ReferenceGroup`).
    """

    features: tuple[FeatureNorm, ...]
    reference_size: int
    scale: float
    truncation_penalty: float
    grade_floors: Mapping[str, float] = field(default_factory=dict)
    grade_shares: Mapping[str, float] = field(default_factory=dict)
    calibration: Mapping[str, float] = field(default_factory=dict)
    training: Mapping[str, Any] = field(default_factory=dict)
    copydesk_version: str = ""
    reference: tuple[ReferenceGroup, ...] = ()

    @functools.cached_property
    def _plan(self) -> _Plan:
        """:func:`_make_plan` of this model, computed once."""
        return _make_plan(self)

    @functools.cached_property
    def _rows_by_scorer(self) -> dict[str, list[tuple[str, int, _Row]]] | None:
        """Per scorer, each of its features' name, place and row of :attr:`_plan`; None when a scorer's name holds a dot."""
        if any("." in feature.scorer for feature in self.features):
            return None
        rows: dict[str, list[tuple[str, int, _Row]]] = {}
        for i, (feature, row) in enumerate(zip(self.features, self._plan, strict=True)):
            rows.setdefault(feature.scorer, []).append((feature.name, i, row))
        return rows

    @functools.cached_property
    def places(self) -> Mapping[str, tuple[int, ...]]:
        """Each scorer the model reads, with the places of its features in :attr:`features` (in order of its first)."""
        places: dict[str, list[int]] = {}
        for i, feature in enumerate(self.features):
            places.setdefault(feature.scorer, []).append(i)
        return {scorer: tuple(at) for scorer, at in places.items()}

    @functools.cached_property
    def scorers(self) -> frozenset[str]:
        """The names of the scorers whose features the model reads."""
        return frozenset(f.scorer for f in self.features)

    @property
    def keys(self) -> tuple[str, ...]:
        """Every feature key the model reads, in model order."""
        return tuple(f.key for f in self.features)

    def z(self, values: Mapping[str, float]) -> float:
        """The weighted sum of rarity costs (missing features cost 0)."""
        return math.fsum(_terms(self, values)[0])

    def score(self, values: Mapping[str, float], truncation: float = 0.0, floor: float = 0.0) -> Verdict:
        """Score an article from its features, its truncation confidence (0-1) and its floor (0-100)."""
        return verdict(self, values, truncation, floor)


def features_only() -> Model:
    """A model with no feature, which the runner takes to extract features before any model exists.

    No feature costs anything under it and its truncation penalty is 0 (the scores it
    gives measure nothing the scripts use); a model *file* with no feature is refused
    (:func:`copydesk.modelfile.parse`). ``scripts/model_data.py`` scores the corpora
    with it: ``Session.open(options, model=features_only())``.
    """
    return Model((), 1, 1.0, 0.0)


@dataclass(frozen=True)
class FeatureCost:
    """What one feature did to one article's score."""

    key: str
    scorer: str
    value: float | None
    cost: float
    points: float


@dataclass(frozen=True)
class Verdict:
    """An article's score under a model, and the points each scorer cost.

    ``math.fsum([*points.values(), truncation_points]) == 100 - score``, exactly.

    :ivar score: the final 0-100 score (truncation applied).
    :ivar points: points lost per scorer name (negative: a credit).
    :ivar truncation_points: points the truncation factor removed.
    :ivar features: each model feature's value, cost and points, in model order.
    :ivar missing: keys of model features the article had no value for.
    """

    score: float
    points: Mapping[str, float]
    truncation_points: float
    features: tuple[FeatureCost, ...]
    missing: tuple[str, ...]


def _levels(quantiles: Sequence[float], side: str) -> tuple[list[float], list[float]]:
    """Distinct quantile values with their level: the smallest level of a tie (``left``) or the largest.

    Computed once per model feature and side (a model's quantiles are tuples), not per article.
    """
    if isinstance(quantiles, tuple):
        return _tuple_levels(quantiles, side)
    return _compute_levels(quantiles, side)


@functools.lru_cache(maxsize=1024)
def _tuple_levels(quantiles: tuple[float, ...], side: str) -> tuple[list[float], list[float]]:
    """:func:`_levels` of a tuple, memoised (the caller only reads the lists)."""
    return _compute_levels(quantiles, side)


def _compute_levels(quantiles: Sequence[float], side: str) -> tuple[list[float], list[float]]:
    """The distinct values and levels of :func:`_levels`."""
    values: list[float] = []
    levels: list[float] = []
    for value, level in zip(quantiles, LEVELS, strict=True):
        if values and values[-1] == value:
            if side == "right":
                levels[-1] = level
            continue
        values.append(value)
        levels.append(level)
    return values, levels


def ecdf(quantiles: Sequence[float], x: float, side: str) -> float:
    """``P(X < x)`` (side ``left``) or ``P(X <= x)`` (``right``), linear between stored quantiles."""
    return _ecdf(*_levels(quantiles, side), x)


def _ecdf(values: list[float], levels: list[float], x: float) -> float:
    """:func:`ecdf` from the distinct quantile values and their levels."""
    if x < values[0]:
        return 0.0
    if x > values[-1]:
        return 1.0
    i = bisect_left(values, x)
    if values[i] == x:
        return levels[i]
    return levels[i - 1] + (levels[i] - levels[i - 1]) * (x - values[i - 1]) / (values[i] - values[i - 1])


def rarity_cost(feature: FeatureNorm, x: float, reference_size: int) -> float:
    """The feature's rarity cost at value ``x`` (see the module docstring)."""
    q = feature.quantiles
    floor = 0.5 / (reference_size + 1)
    median = q[50]
    values, levels = _levels(q, _side(feature))
    if feature.direction == "evidence":
        p = _ecdf(values, levels, x)
        beyond = max(0.0, q[0] - x) / max(median - q[0], feature.slope)
    else:
        p = 1.0 - _ecdf(values, levels, x)
        beyond = max(0.0, x - q[-1]) / max(q[-1] - median, feature.slope)
    return math.log(0.5 / max(p, floor)) + beyond


def _side(feature: FeatureNorm) -> str:
    """The ECDF side :func:`rarity_cost` reads for ``feature``."""
    return "right" if feature.direction == "evidence" else "left"


#: Per model feature, what :func:`_terms` reads: key, weight, whether it is evidence, the
#: distinct quantile values and their levels, the outer quantile, the divisor of ``beyond``,
#: and the terms of the values met so far (at most :data:`REMEMBERED`).
_Row = tuple[str, float, bool, list[float], list[float], float, float, dict[float, float]]
_Plan = tuple[_Row, ...]
#: How many distinct values' terms each model feature remembers (:func:`_terms`).
REMEMBERED = 256


def _make_plan(model: Model) -> _Plan:
    """The per-feature constants of :func:`rarity_cost` for every model feature, in model order.

    The same values :func:`rarity_cost` computes per call (the divisors are the same float
    operations), worked out once per model so :func:`_terms` is one loop without calls.
    """
    plan: list[_Row] = []
    for feature in model.features:
        q = feature.quantiles
        values, levels = _levels(q, _side(feature))
        evidence = feature.direction == "evidence"
        if evidence:
            edge, divisor = q[0], max(q[50] - q[0], feature.slope)
        else:
            edge, divisor = q[-1], max(q[-1] - q[50], feature.slope)
        plan.append((feature.key, feature.weight, evidence, values, levels, edge, divisor, {}))
    return tuple(plan)


def _terms(model: Model, values: Mapping[str, float]) -> tuple[list[float], list[float | None]]:
    """Per model feature: ``w * cost`` and the value used (None: missing or not finite).

    A feature's term depends on its value alone: each feature remembers the terms of the
    first :data:`REMEMBERED` distinct values it met (0 is by far the most common value of
    a count per 1,000 words), so a value met again costs one lookup.
    """
    terms: list[float] = []
    used: list[float | None] = []
    floor = 0.5 / (model.reference_size + 1)
    get, isfinite = values.get, math.isfinite
    for row in model._plan:
        x = get(row[0])
        if x is None or not isfinite(x):
            terms.append(0.0)
            used.append(None)
            continue
        x = float(x)
        terms.append(_kept_term(row, x, floor))
        used.append(x)
    return terms, used


def scorer_terms(
    model: Model, per_scorer: Sequence[tuple[str, Mapping[str, float]]]
) -> tuple[list[float], list[float | None]] | None:
    """:func:`_terms` of :func:`copydesk.scoring.feature_vector` of ``per_scorer``, read from each scorer's own features.

    Each scorer's model features are looked up in its mapping, not in one mapping keyed
    ``scorer.name`` made for the article. The same terms when a key names one scorer and
    feature only: None (ask :func:`_terms`) when a scorer's name holds a dot, in
    ``per_scorer`` or in the model, or one comes twice (the mapping would keep the last).
    """
    rows = model._rows_by_scorer
    names = [name for name, _ in per_scorer]
    if rows is None or len(set(names)) != len(names) or any("." in name for name in names):
        return None
    size = len(model._plan)
    terms: list[float] = [0.0] * size
    used: list[float | None] = [None] * size
    floor = 0.5 / (model.reference_size + 1)
    isfinite = math.isfinite
    for name, values in per_scorer:
        get = values.get
        for feature, i, row in rows.get(name, ()):
            x = get(feature)
            if x is None:
                continue
            x = float(x)
            if not isfinite(x):
                continue
            term = row[7].get(x)  # the row's memo (_kept_term's first look, without a call per feature)
            terms[i] = _kept_term(row, x, floor) if term is None else term
            used[i] = x
    return terms, used


def _kept_term(row: _Row, x: float, floor: float) -> float:
    """:func:`_term` of ``row`` at ``x``, from the row's memo (``row[7]``, at most :data:`REMEMBERED` values kept)."""
    memo = row[7]
    term = memo.get(x)
    if term is None:
        term = _term(row, x, floor)
        if len(memo) < REMEMBERED:
            memo[x] = term
    return term


def _term(row: _Row, x: float, floor: float) -> float:
    """``w * cost`` of one feature (a row of :attr:`Model._plan`) at a finite ``x``.

    ``cost`` is :func:`rarity_cost`, written out inline (the same operations in the same order).
    """
    _, weight, evidence, qs, levels, edge, divisor, _ = row
    if x < qs[0]:
        p = 0.0
    elif x > qs[-1]:
        p = 1.0
    else:
        i = bisect_left(qs, x)
        if qs[i] == x:
            p = levels[i]
        else:
            p = levels[i - 1] + (levels[i] - levels[i - 1]) * (x - qs[i - 1]) / (qs[i] - qs[i - 1])
    # max(0.0, d) and max(p, floor) written out: the same values, without a call each.
    if evidence:
        d = edge - x
    else:
        p = 1.0 - p
        d = x - edge
    beyond = (d if d > 0.0 else 0.0) / divisor
    return weight * (math.log(0.5 / (floor if floor > p else p)) + beyond)


@dataclass(frozen=True)
class Breakdown:
    """:class:`Verdict` before its per-feature records: the same score and points, the features as lists.

    What :func:`verdict` is made of, for a caller that reads a few features' points
    (the runner's costliest features) without a :class:`FeatureCost` for each of them.

    :ivar score: :attr:`Verdict.score`.
    :ivar points: :attr:`Verdict.points`.
    :ivar truncation_points: :attr:`Verdict.truncation_points`.
    :ivar terms: per model feature, in model order, ``weight * cost``.
    :ivar used: per model feature, the value used (None: missing or not finite).
    :ivar shares: per model feature, the points it cost (:attr:`FeatureCost.points`).
    """

    score: float
    points: dict[str, float]
    truncation_points: float
    terms: list[float]
    used: list[float | None]
    shares: list[float]


def breakdown(
    model: Model,
    values: Mapping[str, float],
    truncation: float = 0.0,
    floor: float = 0.0,
    known: tuple[list[float], list[float | None]] | None = None,
) -> Breakdown:
    """The final score, the balanced points per scorer and the truncation points, with each feature's share.

    ``floor`` raises the score before the truncation factor to at least itself (capped at
    100); the points lost, fewer, are split over the features as before. A scorer's
    points are its features' shares added one by one in model order.

    :param known: the terms and values used of ``values`` (:func:`scorer_terms`), when worked
        out already: ``values`` is not read then.
    """
    terms, used = _terms(model, values) if known is None else known
    z = math.fsum(terms)
    before = max(100.0 * math.exp(-model.scale * max(z, 0.0)), min(floor, 100.0) if math.isfinite(floor) else 0.0)
    confidence = min(1.0, max(0.0, truncation)) if math.isfinite(truncation) else 0.0
    final = before * (1.0 - model.truncation_penalty * confidence)
    lost = 100.0 - before
    shares = [lost * term / z for term in terms] if z > 0 else [0.0] * len(terms)
    points: dict[str, float] = {}
    for scorer, places in model.places.items():
        total = 0.0
        for i in places:
            total += shares[i]
        points[scorer] = total
    truncation_points = before - final
    return Breakdown(final, balance(points, 100.0 - final, truncation_points), truncation_points, terms, used, shares)


def verdict(model: Model, values: Mapping[str, float], truncation: float = 0.0, floor: float = 0.0) -> Verdict:
    """Score, points per scorer and per feature (see :class:`Verdict`); ``floor``: see :func:`breakdown`."""
    b = breakdown(model, values, truncation, floor)
    costs = tuple(
        FeatureCost(feature.key, feature.scorer, x, term / feature.weight if feature.weight > 0 else 0.0, share)
        for feature, term, x, share in zip(model.features, b.terms, b.used, b.shares, strict=True)
    )
    missing = tuple(c.key for c in costs if c.value is None)
    return Verdict(b.score, b.points, b.truncation_points, costs, missing)


def balance(points: Mapping[str, float], total: float, fixed: float = 0.0) -> dict[str, float]:
    """``points``, sorted by scorer, with the float rounding of the shares given to the largest part.

    After it ``fsum`` of the parts and ``fixed`` equals ``total`` to the last unit or two;
    :func:`in_hundredths` makes the parts add up exactly at the precision reports show.
    """
    out = dict(sorted(points.items()))
    if out:
        biggest = max(out, key=lambda k: (abs(out[k]), k))
        out[biggest] += total - math.fsum([*out.values(), fixed])
    return out


def in_hundredths(parts: Mapping[str, float], total: float) -> dict[str, float]:
    """``parts`` rounded to 0.01 so that they add up exactly to ``total`` rounded to 0.01.

    Largest-remainder rounding: each part is floored to a hundredth and the hundredths
    still missing go to the parts with the largest remainders (ties: by key), so
    ``sum(round(p * 100) for p in result.values()) == round(total * 100)``.
    """
    target = round(total * 100)
    scaled = {k: v * 100 for k, v in parts.items()}
    floors = {k: math.floor(v) for k, v in scaled.items()}
    order = sorted(scaled, key=lambda k: (-(scaled[k] - floors[k]), k))
    missing = target - sum(floors.values())
    for i in range(abs(missing)):
        key = order[i % len(order)] if missing > 0 else order[-1 - i % len(order)]
        floors[key] += 1 if missing > 0 else -1
    return {k: v / 100 for k, v in floors.items()}

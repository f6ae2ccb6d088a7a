"""Fit a learned aggregate (:class:`copydesk.model.Model`) from feature tables.

Used by ``scripts/fit_model.py`` (the shipped model) and ``copydesk learn-weights
--model`` (a user's own). The steps, as in docs/scoring.md:

1. **Norms**: 101 quantiles of every feature over the professional reference
   (missing values left out; a feature the reference never has is dropped).
2. **Costs**: each article's rarity cost per feature (:func:`copydesk.model.rarity_cost`
   with the rounded quantiles the file will hold; a missing value costs 0).
3. **Fit**: scikit-learn ``LogisticRegression`` (unreliable = 1) on the costs, every
   corpus weighing the same and both classes within it; sign constraint: fit, drop
   every feature whose coefficient is not positive, refit, until all are positive.
4. **Prior**: ``prior`` times the mean learned weight is added to every feature, so
   anything rare in professional copy costs something even where the training
   corpora cannot show that it matters.
5. **Calibration**: the scale ``k`` puts ``share`` of the reference at or above
   ``floor`` (95 % at 70, the B floor).
6. **What a grade means** (:func:`reference_groups`, called by the fitter after
   :func:`fit`): the share of each labelled group of the fitting data per grade, as
   the fitted model scores it (truncation included), stored in the model file's
   ``reference`` block for ``copydesk explain`` and the reports.

Everything is rounded the way the model file stores it before the next step uses it,
so the fitted model scores exactly as the file it is written to.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import numpy.typing as npt
from copydesk import __version__
from copydesk.model import LEVELS, FeatureNorm, Model, ReferenceGroup, rarity_cost
from copydesk.modelfile import rounded

Matrix = npt.NDArray[np.float64]
#: The smallest meaningful step of a feature per unit, for costs beyond the reference range.
UNIT_SLOPES = {
    "per_1000_words": 1.0,
    "share": 0.05,
    "ratio": 0.05,
    "words_per_sentence": 2.0,
    "presence": 1.0,
    "count": 1.0,
}


@dataclass(frozen=True)
class Column:
    """One feature column of a table: ``scorer.name``, its direction and unit."""

    scorer: str
    name: str
    direction: str
    unit: str

    @property
    def key(self) -> str:
        """``scorer.name``."""
        return f"{self.scorer}.{self.name}"


@dataclass(frozen=True)
class FitSettings:
    """How a model is fitted (the defaults are the shipped model's)."""

    #: Inverse L2 strength of the logistic regression.
    c: float = 0.3
    #: Uniform weight added to every feature, as a multiple of the mean learned weight.
    prior: float = 1.0
    #: Share of the reference that scores at least ``floor``.
    share: float = 0.95
    floor: float = 70.0
    truncation_penalty: float = 0.35
    grade_floors: Mapping[str, float] = field(default_factory=lambda: {"A": 85.0, "B": 70.0, "C": 55.0, "D": 40.0})


def norms(columns: Sequence[Column], reference: Matrix) -> list[FeatureNorm]:
    """A weightless :class:`FeatureNorm` per column the reference has values for (quantiles rounded)."""
    out = []
    for j, column in enumerate(columns):
        values = reference[:, j][np.isfinite(reference[:, j])]
        if values.size == 0:
            continue
        quantiles = tuple(rounded(float(q)) for q in np.quantile(values, LEVELS))
        slope = UNIT_SLOPES.get(column.unit, 1.0)
        out.append(FeatureNorm(column.scorer, column.name, column.direction, column.unit, slope, 0.0, 0.0, quantiles))
    return out


#: Why :func:`norms` leaves a feature out, as a learn-weights model file records it (``training.left_out``).
NO_VALUE = "no article of the reference has a value for it"


def left_out(columns: Sequence[Column], reference: Matrix) -> list[str]:
    """The keys of the columns :func:`norms` drops: no row of ``reference`` has a value for them."""
    return [c.key for j, c in enumerate(columns) if not np.isfinite(reference[:, j]).any()]


def costs(features: Sequence[FeatureNorm], keys: Sequence[str], x: Matrix, reference_size: int) -> Matrix:
    """Rarity costs of ``x`` (columns named by ``keys``) for each of ``features``; missing: 0."""
    where = {key: j for j, key in enumerate(keys)}
    out = np.zeros((x.shape[0], len(features)))
    for k, feature in enumerate(features):
        column = x[:, where[feature.key]]
        for i, value in enumerate(column):
            if math.isfinite(value):
                out[i, k] = rarity_cost(feature, float(value), reference_size)
    return out


def balanced_weights(corpus: Sequence[str], y: npt.NDArray[np.int_]) -> Matrix:
    """Sample weights: every corpus weighs the same in total, and both classes within it."""
    groups = np.asarray(corpus)
    w = np.zeros(len(y))
    for name in sorted(set(groups.tolist())):
        for label in (0, 1):
            mask = (groups == name) & (y == label)
            if mask.any():
                w[mask] = 1.0 / mask.sum()
    return np.asarray(w * len(y) / w.sum(), dtype=np.float64)


def nonnegative_fit(c: Matrix, y: npt.NDArray[np.int_], weights: Matrix, strength: float) -> Matrix:
    """Logistic-regression coefficients, all >= 0: refit without non-positive ones until none is left."""
    from sklearn.linear_model import LogisticRegression

    coef = np.zeros(c.shape[1])
    keep = [j for j in range(c.shape[1]) if np.ptp(c[:, j]) > 0]
    while keep:
        model = LogisticRegression(C=strength, max_iter=2000).fit(c[:, keep], y, sample_weight=weights)
        found = model.coef_[0]
        if (found > 0).all():
            coef[keep] = found
            break
        keep = [j for j, b in zip(keep, found, strict=True) if b > 0]
    return coef


def calibrate(z: Matrix, settings: FitSettings) -> float:
    """The scale ``k`` with ``settings.share`` of ``z`` scoring at least ``settings.floor``."""
    high = float(np.quantile(z, settings.share))
    return rounded(math.log(100.0 / settings.floor) / max(high, 1e-6))


def grade_shares(scores: Sequence[float], floors: Mapping[str, float], bottom: str = "F") -> dict[str, float]:
    """Share of ``scores`` per grade band (bands by floor, best first; below all floors: ``bottom``)."""
    bands = sorted(floors.items(), key=lambda kv: -kv[1])
    counts = dict.fromkeys([*[b for b, _ in bands], bottom], 0)
    for score in scores:
        band = next((b for b, floor in bands if score >= floor), bottom)
        counts[band] += 1
    return {band: rounded(n / max(len(scores), 1)) for band, n in counts.items()}


@dataclass(frozen=True)
class Training:
    """Labelled articles: feature rows (NaN: missing), labels (1 unreliable) and corpus names."""

    x: Matrix
    y: npt.NDArray[np.int_]
    corpus: Sequence[str]


def fit(
    columns: Sequence[Column],
    reference: Matrix,
    training: Training,
    settings: FitSettings,
    provenance: Mapping[str, Any],
) -> Model:
    """Fit norms, weights and scale; the model's ``training`` records ``provenance`` and the settings."""
    keys = [c.key for c in columns]
    features = norms(columns, reference)
    size = int(reference.shape[0])
    c = costs(features, keys, training.x, size)
    learned = nonnegative_fit(c, training.y, balanced_weights(training.corpus, training.y), settings.c)
    positive = learned[learned > 0]
    added = settings.prior * (float(positive.mean()) if positive.size else 1.0)
    features = [
        replace(f, learned=rounded(float(b)), weight=rounded(float(b) + added))
        for f, b in zip(features, learned, strict=True)
    ]
    ref_costs = costs(features, keys, reference, size)
    z = ref_costs @ np.array([f.weight for f in features])
    scale = calibrate(z, settings)
    model = Model(tuple(features), size, scale, settings.truncation_penalty, copydesk_version=__version__)
    scores = [model.score(dict(zip(keys, row, strict=True))).score for row in reference.tolist()]
    record = {"c": settings.c, "prior": settings.prior, "prior_weight": rounded(added), **provenance}
    return replace(
        model,
        grade_floors=dict(settings.grade_floors),
        grade_shares=grade_shares(scores, settings.grade_floors),
        calibration={"share": settings.share, "floor": settings.floor},
        training=record,
    )


@dataclass(frozen=True)
class Group:
    """Labelled articles whose grades are measured: feature rows (NaN: missing) and truncation confidences.

    :ivar name: the group's key in the model file (``professional``, ``unreliable``...).
    :ivar label: what the group is, as ``copydesk explain`` and the reports say it ("Of <label>, ...").
    :ivar truncation: per row, the truncation confidence (0-1) the score applies; empty: none.
    :ivar floors: per row, the least score before the truncation factor (the runner's
        minimum-evidence floor, :func:`copydesk.scoring.evidence_floor`); empty: none.
    """

    name: str
    label: str
    x: Matrix
    truncation: Sequence[float] = ()
    floors: Sequence[float] = ()


def reference_groups(
    model: Model, keys: Sequence[str], groups: Sequence[Group], bottom: str = "F"
) -> tuple[ReferenceGroup, ...]:
    """Each group's share per grade under ``model`` (floors: ``model.grade_floors``); empty groups left out."""
    out = []
    for group in groups:
        rows = group.x.tolist()
        if not rows:
            continue
        truncation = list(group.truncation) or [0.0] * len(rows)
        floors = list(group.floors) or [0.0] * len(rows)
        scores = [
            model.score(dict(zip(keys, row, strict=True)), t, f).score
            for row, t, f in zip(rows, truncation, floors, strict=True)
        ]
        shares = grade_shares(scores, model.grade_floors, bottom)
        out.append(ReferenceGroup(group.name, group.label, len(rows), shares))
    return tuple(out)

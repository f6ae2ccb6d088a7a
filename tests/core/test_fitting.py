"""Fitting a model on synthetic feature tables: signs, prior, calibration, determinism."""

from __future__ import annotations

import numpy as np
import pytest
from copydesk.fitting import (
    Column,
    FitSettings,
    Group,
    Training,
    balanced_weights,
    fit,
    grade_shares,
    reference_groups,
)
from copydesk.modelfile import dumps
from sklearn.metrics import roc_auc_score

COLUMNS = (
    Column("hedging", "vague_per_1000_words", "problem", "per_1000_words"),
    Column("sourcing", "said_per_1000_words", "evidence", "per_1000_words"),
    Column("readability", "noise_share", "problem", "share"),
    Column("figures", "backwards_per_1000_words", "problem", "per_1000_words"),
    Column("boilerplate", "never_in_reference", "problem", "count"),
)


def tables(seed: int = 0) -> tuple[np.ndarray, Training]:
    """A reference like professional copy, and two corpora where the unreliable class has
    more vague attribution and fewer named sources, no signal in noise, and *less* of the
    'backwards' problem feature (its learned weight must be 0)."""
    rng = np.random.default_rng(seed)

    def rows(n: int, vague: float, said: float, backwards: float) -> np.ndarray:
        return np.column_stack(
            [
                rng.exponential(vague, n),
                rng.normal(said, 3.0, n).clip(0),
                rng.uniform(0, 0.3, n),
                rng.exponential(backwards, n),
                np.full(n, np.nan),
            ]
        )

    reference = rows(400, 0.5, 10.0, 2.0)
    x = np.vstack(
        [rows(150, 0.5, 10.0, 2.0), rows(150, 2.0, 5.0, 1.0), rows(60, 0.6, 9.0, 2.0), rows(40, 2.5, 4.0, 1.0)]
    )
    y = np.array([0] * 150 + [1] * 150 + [0] * 60 + [1] * 40)
    corpus = ["a"] * 300 + ["b"] * 100
    return reference, Training(x, y, corpus)


def fitted(seed: int = 0, **settings: float):
    reference, training = tables(seed)
    return (
        fit(COLUMNS, reference, training, FitSettings(**settings), {"corpora": {"a": 300, "b": 100}}),
        reference,
        training,
    )


def test_learned_weights_are_positive_for_signal_and_zero_against_it():
    model, _, _ = fitted()
    learned = {f.name: f.learned for f in model.features}
    assert learned["vague_per_1000_words"] > 0
    assert learned["said_per_1000_words"] > 0
    assert learned["backwards_per_1000_words"] == 0.0


def test_the_prior_gives_every_feature_the_same_floor_weight():
    model, _, _ = fitted(prior=1.0)
    positive = [f.learned for f in model.features if f.learned > 0]
    prior = model.training["prior_weight"]
    assert prior == pytest.approx(sum(positive) / len(positive), rel=1e-5)
    for f in model.features:
        assert f.weight == pytest.approx(f.learned + prior, rel=1e-5)


def test_a_feature_the_reference_never_has_is_left_out():
    model, _, _ = fitted()
    assert "boilerplate.never_in_reference" not in model.keys
    assert len(model.keys) == 4


def test_the_scale_puts_the_chosen_share_of_the_reference_at_or_above_the_floor():
    model, reference, _ = fitted()
    scores = [model.score(dict(zip([c.key for c in COLUMNS], row, strict=True))).score for row in reference.tolist()]
    assert np.mean(np.array(scores) >= 70.0) == pytest.approx(0.95, abs=0.01)
    assert model.grade_shares["A"] + model.grade_shares["B"] == pytest.approx(0.95, abs=0.01)
    assert model.calibration == {"share": 0.95, "floor": 70.0}


def test_the_fitted_model_ranks_unreliable_articles_lower():
    model, _, training = fitted()
    keys = [c.key for c in COLUMNS]
    scores = [model.score(dict(zip(keys, row, strict=True))).score for row in training.x.tolist()]
    assert roc_auc_score(training.y, -np.array(scores)) > 0.8


def test_fitting_twice_writes_the_same_bytes():
    assert dumps(fitted()[0]) == dumps(fitted()[0])


def test_every_corpus_and_class_weighs_the_same():
    w = balanced_weights(["a", "a", "a", "b"], np.array([0, 1, 1, 0]))
    assert w[0] == pytest.approx(w[1] + w[2])
    assert w[3] == pytest.approx(w[0])


def test_grade_shares_count_each_band_by_its_floor():
    shares = grade_shares([90, 85, 70, 69.9, 10], {"A": 85.0, "B": 70.0, "C": 55.0, "D": 40.0})
    assert shares == {"A": 0.4, "B": 0.2, "C": 0.2, "D": 0.0, "F": 0.2}


def test_reference_groups_are_each_groups_grade_shares_under_the_model_truncation_included():
    model, reference, training = fitted()
    keys = [c.key for c in COLUMNS]
    bad = training.x[training.y == 1]
    groups = reference_groups(
        model,
        keys,
        [
            Group("professional", "the reference", reference),
            Group("unreliable", "the unreliable rows", bad),
            Group("cut", "the reference, every copy surely cut", reference, [1.0] * len(reference)),
            Group("empty", "nothing", reference[:0]),
        ],
    )
    assert [g.name for g in groups] == ["professional", "unreliable", "cut"]  # an empty group is left out
    professional, unreliable, cut = groups
    assert professional.articles == len(reference) and unreliable.articles == len(bad)
    assert professional.grades == grade_shares(
        [model.score(dict(zip(keys, row, strict=True))).score for row in reference.tolist()], model.grade_floors
    )
    assert sum(unreliable.grades.values()) == pytest.approx(1.0, abs=1e-5)  # six significant digits each
    assert unreliable.grades["A"] < professional.grades["A"]
    # the truncation factor (1 - 0.35) takes an A (>= 85) down to at most 65: C or below
    assert cut.grades["A"] == cut.grades["B"] == 0.0


def test_grade_shares_name_the_band_below_every_floor():
    assert grade_shares([90, 10], {"good": 50.0}, bottom="poor") == {"good": 0.5, "poor": 0.5}

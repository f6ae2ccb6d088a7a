"""scripts/eval_model.py: the AUC it prints, its group-bootstrap interval, and the LOCO fit it measures."""

from __future__ import annotations

import sys

import numpy as np
import pytest
from sklearn.metrics import roc_auc_score
from support import load_script

eval_model = load_script("eval_model")


def labelled(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 2, n)
    return y, np.round(rng.normal(size=n) - 0.8 * y, 1)  # unreliable scores lower; rounding makes ties


def test_auc_is_sklearns_for_a_low_score_meaning_unreliable_ties_counting_half():
    y, scores = labelled(400, 1)
    assert eval_model.auc(y, scores) == pytest.approx(roc_auc_score(y, -scores))
    assert eval_model.auc([0, 1], [50.0, 50.0]) == 0.5
    assert np.isnan(eval_model.auc([1, 1], [1.0, 2.0]))


def test_the_bootstrap_interval_holds_the_auc_is_reproducible_and_keeps_groups_whole():
    y, scores = labelled(300, 2)
    groups = [str(i // 2) for i in range(300)]
    low, high = eval_model.interval(list(y), list(scores), groups, 200)
    assert low < eval_model.auc(y, scores) < high
    assert (low, high) == eval_model.interval(list(y), list(scores), groups, 200)
    # Two rows of a group always travel together: duplicating every group leaves the interval unchanged.
    doubled = eval_model.interval(list(y) * 2, list(scores) * 2, groups * 2, 200)
    assert doubled == pytest.approx((low, high))


def test_a_corpus_that_is_never_trained_on_is_measured_with_the_shipped_model():
    shipped = object()
    assert eval_model.held_out([], {}, "fakes", shipped) is shipped


def test_scores_apply_each_articles_minimum_evidence_floor_before_the_truncation_factor():
    from copydesk.model import FeatureNorm, Model

    norm = FeatureNorm("s", "a", "problem", "per_1000_words", 1.0, 1.0, 1.0, tuple(float(i) for i in range(101)))
    model = Model(features=(norm,), reference_size=100, scale=0.5, truncation_penalty=0.35)
    corpus = sys.modules["model_data"].Corpus("c", values=[{"s.a": 99.0}] * 3, truncation=[0.0, 0.0, 1.0])
    bare = eval_model.scores(model, corpus)  # built without floors: none applied
    assert bare[0] == bare[1] < 70.0
    corpus.floors = [0.0, 70.0, 70.0]
    assert eval_model.scores(model, corpus) == pytest.approx([bare[0], 70.0, 70.0 * 0.65])

"""scripts/feature_research.py: its arguments checked before the corpora are loaded."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
from copydesk.model import LEVELS, FeatureNorm
from copydesk.modelfile import load_model, packaged_model_path
from support import load_script

feature_research = load_script("feature_research")


def test_an_unknown_candidate_is_refused_before_any_corpus_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        feature_research.main(["--only", "title_words,no_such_feature", "--data", str(tmp_path / "absent")])
    assert exit_info.value.code == 2
    assert "no candidate named no_such_feature" in capsys.readouterr().err


def _norm(direction: str, unit: str = "per_1000_words") -> FeatureNorm:
    quantiles = tuple(float(q) for q in np.quantile(np.random.default_rng(3).gamma(2.0, 3.0, 500), LEVELS))
    return FeatureNorm("research", f"x_{direction}", direction, unit, 1.0, 0.0, 0.0, quantiles)


@pytest.mark.parametrize("shape", feature_research.SHAPES, ids=lambda s: s.key)
def test_every_model_shapes_basis_columns_never_fall_with_more_evidence_of_a_problem(shape: Any) -> None:
    norms = (_norm("problem"), _norm("evidence"))
    grid = np.linspace(-5.0, 60.0, 400)
    rows = [
        feature_research._basis_row(shape, norms, 1080, {"research.x_problem": x, "research.x_evidence": x})
        for x in grid
    ]
    per = len(rows[0]) // 2
    problem = np.array([r[:per] for r in rows])
    evidence = np.array([r[per:] for r in rows])
    assert (np.diff(problem, axis=0) >= -1e-12).all()  # with weights >= 0: monotone in the feature
    assert (np.diff(evidence, axis=0) <= 1e-12).all()


def test_the_rarity_shape_scores_exactly_as_the_packaged_model() -> None:
    model = load_model(packaged_model_path())
    rarity = next(s for s in feature_research.SHAPES if s.key == "rarity")
    shaped = feature_research.ShapeModel(
        rarity, model.features, model.reference_size, np.array([f.weight for f in model.features]), model.scale
    )
    rng = np.random.default_rng(5)
    for _ in range(50):
        values = {f.key: float(rng.choice(f.quantiles)) * float(rng.uniform(0.5, 1.5)) for f in model.features}
        truncation = float(rng.uniform(0.0, 1.0))
        assert shaped.score(values, truncation).score == pytest.approx(model.score(values, truncation).score)


def test_group_dro_weights_the_corpus_the_fit_serves_worse_more() -> None:
    rng = np.random.default_rng(7)
    y = np.tile([0, 1], 200)
    clean = y[:200] * 2.0 + rng.normal(0.0, 0.5, 200)  # separable: low loss
    noisy = y[200:] * 0.5 + rng.normal(0.0, 1.0, 200)  # barely: high loss
    b = np.concatenate([clean, noisy]).reshape(-1, 1)
    corpus = ["clean"] * 200 + ["noisy"] * 200
    base = np.ones(400)
    weights = feature_research._robust_weights(b, y, corpus, base, 0.3)
    assert weights[200:].sum() > weights[:200].sum()


@pytest.mark.parametrize(
    ("body", "title", "shares", "heading", "repeated"),
    [
        pytest.param("The council met.", "BIG News today", (2 / 3, 1 / 3), 0, 0, id="title-field"),
        pytest.param("HUGE NEWS TODAY\nThe council met.", "", (1.0, 1.0), 3, 0, id="heading-read-as-the-title"),
        pytest.param("HUGE NEWS TODAY\nThe council met.", "HUGE NEWS TODAY", (1.0, 1.0), 0, 3, id="title-repeated"),
        pytest.param("The council met.", "", None, 0, 0, id="no-title"),
    ],
)
def test_the_capitals_round_recomputes_the_old_title_shares_whose_mean_is_the_shipped_feature(
    body: str, title: str, shares: tuple[float, float] | None, heading: int, repeated: int
) -> None:
    from copydesk.plugins.readability import features as rdb
    from copydesk.testing import document

    doc = document(body, title=title)
    old, found_heading, found_repeated = feature_research.old_capitals(doc)
    assert (found_heading, found_repeated) == (heading, repeated)
    shipped = rdb.features(doc).get("title_capitalisation")
    if shares is None:
        assert old == {} and shipped is None
        return
    assert (old[feature_research.CAPITALISED], old[feature_research.IN_CAPITALS]) == pytest.approx(shares)
    assert shipped == pytest.approx(sum(shares) / 2)

"""scripts/fit_model.py: its fitting core on synthetic corpora, --check, and the shipped model."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pytest
from copydesk.fitting import Column, FitSettings
from copydesk.modelfile import dumps, load_model, model_dict
from support import load_script

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data"


fit_model = load_script("fit_model")
model_data = sys.modules["model_data"]
COLUMNS = [
    Column("hedging", "vague", "problem", "per_1000_words"),
    Column("sourcing", "said", "evidence", "per_1000_words"),
]


def corpus(name: str, n: int, seed: int, y: int | None = None):
    rng = np.random.default_rng(seed)
    c = model_data.Corpus(name)
    for i in range(n):
        label = y if y is not None else i % 2
        bad = label == 1
        c.values.append(
            {"hedging.vague": rng.exponential(2.0 if bad else 0.5), "sourcing.said": rng.normal(5 if bad else 10, 3)}
        )
        c.y.append(label)
        c.truncation.append(1.0 if i % 10 == 0 else 0.0)
    return c


def synthetic():
    return {
        "bbc": corpus("bbc", 200, 1, -1),
        "polnear": corpus("polnear", 100, 2, -1),
        "fnn": corpus("fnn", 200, 3),
        "xsum": corpus("xsum", 100, 4),
    }


def test_the_script_fits_the_training_corpora_with_the_reference_as_norms():
    model = fit_model.fit_on(COLUMNS, synthetic(), ["fnn", "xsum"])
    assert model.training["reference"] == {"bbc": 200, "polnear": 100}
    assert model.training["corpora"]["fnn"] == {"articles": 200, "unreliable": 100}
    assert all(f.learned > 0 for f in model.features)
    assert dumps(model) == dumps(fit_model.fit_on(COLUMNS, synthetic(), ["fnn", "xsum"]))


def test_fit_on_takes_other_fit_settings_and_records_them():
    model = fit_model.fit_on(COLUMNS, synthetic(), ["fnn", "xsum"], FitSettings(c=0.03, prior=2.0))
    assert (model.training["c"], model.training["prior"]) == (0.03, 2.0)
    assert fit_model.fit_on(COLUMNS, synthetic(), ["fnn", "xsum"]).training["c"] == 0.3


def test_the_script_measures_what_a_grade_means_on_the_reference_and_both_classes():
    model = fit_model.fit_on(COLUMNS, synthetic(), ["fnn", "xsum"])
    groups = {g.name: g for g in model.reference}
    assert list(groups) == ["professional", "reliable", "unreliable"]
    assert [groups[n].articles for n in groups] == [300, 150, 150]
    assert groups["professional"].label == "professional copy in the reference corpora (BBC, PolNeAR)"
    assert groups["unreliable"].label.endswith("training corpora (FakeNewsNet, XSum human vs AI)")
    assert groups["reliable"].grades["A"] > groups["unreliable"].grades["A"]
    # one copy in ten is surely cut (x 0.65): the reference's measured shares include that, its calibration facts do not
    assert groups["professional"].grades["A"] < model.grade_shares["A"]


def test_check_finds_a_changed_weight_and_ignores_library_versions():
    model = model_dict(fit_model.fit_on(COLUMNS, synthetic(), ["fnn", "xsum"]))
    same = json.loads(json.dumps(model))
    same["training"]["versions"] = {"numpy": "0"}
    same["scale"] *= 1 + 1e-6
    assert fit_model.differences(model, same) == []
    changed = json.loads(json.dumps(model))
    changed["features"][0]["weight"] *= 1.01
    assert [d.split(":")[0] for d in fit_model.differences(model, changed)] == ["features[0].weight"]


def test_fit_model_without_the_data_folder_is_exit_2(tmp_path, capsys):
    assert fit_model.main(["--data", str(tmp_path)]) == 2
    assert "no corpora under" in capsys.readouterr().err


@pytest.mark.slow
@pytest.mark.skipif(not (DATA / "reliability").is_dir(), reason="../shared/data is absent: nothing to re-fit from")
@pytest.mark.skipif(
    not fit_model.SHIPPED.exists(), reason="core/data/model.json is not shipped yet (needs Scorer.features)"
)
def test_refitting_reproduces_the_shipped_model():
    assert fit_model.main(["--check"]) == 0


@pytest.mark.skipif(
    not fit_model.SHIPPED.exists(), reason="core/data/model.json is not shipped yet (needs Scorer.features)"
)
def test_the_shipped_model_loads_and_was_trained_without_fa_kes():
    model = load_model(fit_model.SHIPPED)
    assert "fakes" not in model.training["corpora"]
    assert model.grade_shares["A"] + model.grade_shares["B"] >= 0.9
    assert [g.name for g in model.reference] == ["professional", "reliable", "unreliable"]

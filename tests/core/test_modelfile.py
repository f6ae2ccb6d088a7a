"""Model files: a round trip, and every bad file is a one-line error with exit 2."""

from __future__ import annotations

import json
import pickle
import zipfile
from dataclasses import replace

import pytest
from copydesk.errors import EXIT_USAGE, ConfigError
from copydesk.model import FeatureNorm, Model, ReferenceGroup
from copydesk.modelfile import FORMAT_VERSION, ModelError, check_features, dumps, load_model, loads

QUANTILES = tuple(i / 10 for i in range(101))


def sample() -> Model:
    features = (
        FeatureNorm("hedging", "vague_per_1000_words", "problem", "per_1000_words", 1.0, 0.3, 0.2, QUANTILES),
        FeatureNorm("sourcing", "said_per_1000_words", "evidence", "per_1000_words", 1.0, 0.5, 0.4, QUANTILES),
    )
    return Model(
        features,
        1080,
        0.1061234567,
        0.35,
        grade_floors={"A": 85.0, "B": 70.0},
        grade_shares={"A": 0.75, "B": 0.2},
        calibration={"share": 0.95, "floor": 70.0},
        training={"corpora": {"fnn": 422}},
        copydesk_version="0.1.0",
    )


def test_a_written_model_loads_back_and_writes_the_same_bytes(tmp_path):
    path = tmp_path / "model.json"
    path.write_text(dumps(sample()), encoding="utf-8")
    loaded = load_model(path, running="0.1.0")
    assert loaded.keys == ("hedging.vague_per_1000_words", "sourcing.said_per_1000_words")
    assert loaded.scale == 0.106123  # six significant digits
    assert dumps(loaded) == path.read_text(encoding="utf-8")
    article = {"hedging.vague_per_1000_words": 9.0}
    assert loaded.score(article).score == pytest.approx(sample().score(article).score, rel=1e-5)


def edit(**changes):
    data = json.loads(dumps(sample()))
    data.update(changes)
    return json.dumps(data).encode()


def feature_edit(**changes):
    data = json.loads(dumps(sample()))
    data["features"][1].update(changes)
    return json.dumps(data).encode()


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        (pickle.dumps({"coef": [1.0]}), "is a Python pickle, not a JSON model file; copydesk never loads pickles"),
        (b"\x00\x01\xff\xfe binary", "is binary data, not a JSON model file"),
        (
            b'{"format": "caf\xe9"}',
            "is not valid UTF-8 (line 1, byte 16 of the line: invalid continuation byte), so not a JSON model file",
        ),
        (b'{"format": "copydesk-model", ', "is not valid JSON (line 1, column 30: expecting property name"),
        (b"[1, 2]", 'not a copydesk model file (no "format": "copydesk-model")'),
        (edit(format_version=FORMAT_VERSION + 1), f"format_version {FORMAT_VERSION + 1} is newer than this copydesk"),
        (edit(format_version="1"), "unknown format_version '1'"),
        (edit(copydesk_version="9.0.0"), "written by copydesk 9.0.0, newer than this copydesk (0.1.0)"),
        (edit(scale=-1), "model: 'scale' must be a finite number above 0, not -1"),
        (edit(scale=float("inf")), "model: 'scale' must be a finite number above 0, not inf"),
        (edit(reference_size=0), "model: 'reference_size' must be at least 1, not 0"),
        (edit(truncation_penalty=1.5), "model: 'truncation_penalty' must be within 0-1, not 1.5"),
        (feature_edit(slope=0), "features[1]: 'slope' must be a finite number above 0, not 0"),
        (feature_edit(weight=float("nan")), "features[1]: 'weight' must be within 0-1,000,000, not nan"),
        (edit(features="x"), "model: 'features' is missing or not a list"),
        (edit(features=[]), "model: 'features' is empty"),
        (feature_edit(direction="good"), "features[1]: 'direction' must be one of problem, evidence, not 'good'"),
        (feature_edit(quantiles=[0.0] * 100), "features[1]: 'quantiles' must be 101 finite numbers"),
        (feature_edit(quantiles=[1.0] + [0.0] * 100), "features[1]: 'quantiles' must not decrease"),
        (feature_edit(weight=-0.1), "features[1]: 'weight' must be within 0-1,000,000, not -0.1"),
        (feature_edit(weight=True), "features[1]: 'weight' is missing or not a number"),
        (feature_edit(scorer="hedging", name="vague_per_1000_words"), "a scorer.name key appears twice"),
        (edit(copydesk_version=3), "'copydesk_version' is not a string: 3"),
        (edit(grades="x"), "model: 'grades' is not an object"),
        (edit(grades={"floors": "x"}), "grades: 'floors' is not an object"),
        (edit(grades={"floors": {"A": "85"}}), "grades: every value in 'floors' must be a finite number"),
        (edit(grades={"shares": {"A": None}}), "grades: every value in 'shares' must be a finite number"),
        (edit(calibration=[1]), "model: 'calibration' is not an object"),
        (edit(calibration={"share": "most"}), "model: every value in 'calibration' must be a finite number"),
        (edit(training=7), "model: 'training' is not an object"),
        (b"[" * 100_000 + b"]" * 100_000, "is not a model file: its JSON is nested too deeply"),
        (
            edit().replace(b'"reference_size": 1080', b'"reference_size": 1' + b"0" * 5000),
            "is not a model file: it holds a number of thousands of digits",
        ),
    ],
)
def test_a_bad_model_file_is_one_line_naming_the_file_and_the_problem(tmp_path, raw, problem):
    path = tmp_path / "model.json"
    path.write_bytes(raw)
    with pytest.raises(ModelError) as info:
        load_model(path, running="0.1.0")
    message = str(info.value)
    assert message.startswith(f"model file {path}: ")
    assert problem in message
    assert "\n" not in message
    assert isinstance(info.value, ConfigError) and info.value.exit_code == EXIT_USAGE


def test_a_skops_or_joblib_zip_is_refused_before_parsing(tmp_path):
    path = tmp_path / "model.skops"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("schema.json", "{}")
    with pytest.raises(ModelError, match="is a zip archive"):
        load_model(path, running="0.1.0")


def test_a_pickle_is_never_unpickled(tmp_path, monkeypatch):
    calls = []
    monkeypatch.setattr(pickle, "loads", lambda *a, **k: calls.append(a))
    monkeypatch.setattr(pickle, "load", lambda *a, **k: calls.append(a))
    path = tmp_path / "model.pkl"
    path.write_bytes(pickle.dumps(sample()))
    with pytest.raises(ModelError):
        load_model(path, running="0.1.0")
    assert calls == []


def test_a_missing_file_is_a_model_error(tmp_path):
    with pytest.raises(ModelError, match=r"model file .*nope.json: cannot be read"):
        load_model(tmp_path / "nope.json")


def test_an_unknown_running_version_does_not_refuse_a_file():
    assert loads(dumps(sample()).encode(), running="0+unknown").keys == sample().keys


def with_reference() -> Model:
    groups = (
        ReferenceGroup("professional", "professional copy", 1080, {"A": 0.7, "B": 0.25, "F": 0.05}),
        ReferenceGroup("unreliable", "unreliable articles", 900, {"A": 0.4, "B": 0.4, "F": 0.2}),
    )
    return replace(sample(), reference=groups)


def test_the_reference_block_round_trips_best_grade_first(tmp_path):
    path = tmp_path / "model.json"
    path.write_text(dumps(with_reference()), encoding="utf-8")
    loaded = load_model(path, running="0.1.0")
    assert loaded.reference == with_reference().reference
    assert list(loaded.reference[0].grades) == ["A", "B", "F"]
    assert json.loads(path.read_text())["format_version"] == FORMAT_VERSION == 2


def test_a_format_1_file_loads_without_figures():
    data = json.loads(dumps(sample()))
    data["format_version"] = 1
    del data["reference"]
    assert loads(json.dumps(data).encode(), running="0.1.0").reference == ()


def reference_edit(**changes):
    data = json.loads(dumps(with_reference()))
    data["reference"][1].update(changes)
    return json.dumps(data).encode()


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        (edit(reference="x"), "model: 'reference' is missing or not a list"),
        (reference_edit(grades={"A": 0.5, "B": 0.4}), "reference[1]: the shares in 'grades' add up to 0.9, not 1"),
        (
            reference_edit(grades={"A": 1.5, "B": -0.5}),
            "reference[1]: every share in 'grades' must be a number within 0-1",
        ),
        (reference_edit(grades={}), "reference[1]: 'articles' must be positive and 'grades' a non-empty object"),
        (reference_edit(articles=0), "reference[1]: 'articles' must be positive"),
        (reference_edit(label="two\nlines"), "reference[1]: 'label' must be one line"),
        (reference_edit(label="x" * 301), "reference[1]: 'label' must be one line of at most 300 characters"),
        (reference_edit(name="professional"), "reference: a group name appears twice"),
        (reference_edit(name=None), "reference[1]: 'name' is missing or not a string"),
    ],
)
def test_a_bad_reference_block_is_refused(tmp_path, raw, problem):
    path = tmp_path / "model.json"
    path.write_bytes(raw)
    with pytest.raises(ModelError) as info:
        load_model(path, running="0.1.0")
    assert str(info.value).startswith(f"model file {path}: ") and problem in str(info.value)


def test_check_features_refuses_a_feature_its_loaded_scorer_does_not_declare_and_allows_an_absent_scorer():
    model = sample()
    declared = {
        "hedging": {"vague_per_1000_words": ("problem", "per_1000_words")},
        "sourcing": {"said_per_1000_words": ("evidence", "per_1000_words")},
    }
    check_features(model, declared, "m.json")
    check_features(model, {"hedging": declared["hedging"]}, "m.json")  # sourcing not loaded: costs nothing
    with pytest.raises(ModelError, match=r"^model file m.json: feature sourcing.said_per_1000_words is not one"):
        check_features(model, {**declared, "sourcing": {}}, "m.json")
    unit = {**declared, "sourcing": {"said_per_1000_words": ("evidence", "share")}}
    with pytest.raises(
        ModelError,
        match="is a evidence in per_1000_words in the model, but the loaded scorer declares a evidence in share",
    ):
        check_features(model, unit, "m.json")

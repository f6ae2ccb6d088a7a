"""Model files: the learned aggregate as plain, versioned JSON; never a pickle.

One JSON object (keys sorted, floats to 6 significant digits, so the same fit writes
the same bytes)::

    {"format": "copydesk-model", "format_version": 2, "copydesk_version": "0.1.0",
     "reference_size": 1080, "scale": 0.106, "truncation_penalty": 0.35,
     "calibration": {"floor": 70, "share": 0.95},
     "grades": {"floors": {"A": 85, ...}, "shares": {"A": 0.75, ...}},
     "training": {... provenance: corpora, counts, settings, library versions; learn-weights: left_out ...},
     "features": [{"scorer": "hedging", "name": "vague_attribution_per_1000_words",
                   "direction": "problem", "unit": "per_1000_words", "slope": 1.0,
                   "weight": 0.28, "learned": 0.22, "quantiles": [101 numbers]}, ...],
     "reference": [{"name": "professional", "articles": 1080,
                    "label": "professional copy in the reference corpora (BBC, PolNeAR)",
                    "grades": {"A": 0.71, "B": 0.24, "C": 0.04, "D": 0.01, "F": 0.0}}, ...]}

``reference`` (new in format 2) says what a grade means under the model: each labelled
group of the data it was fitted on, and its share per grade band (best first, adding up
to 1). A format-1 file still loads, with no such figures.

:func:`load_model` refuses, with one line naming the file (a :class:`ModelError`, a
:class:`copydesk.errors.ConfigError`: exit 2), a file it cannot read, a pickle or zip
(by its magic bytes, before any parsing), invalid JSON, another format, a newer
``format_version``, a file written by a newer copydesk, an empty ``features`` list (no
model scores without a feature: :func:`copydesk.model.features_only` is for the scripts
that extract features, never a file), and any malformed field (the
optional ``grades``, ``calibration`` and ``training`` blocks included: objects, of
finite numbers where the reports format them, ``grades`` holding only ``floors`` (scores
0-100) and ``shares`` (0-1), the calibration's ``floor`` 0-100 and ``share`` 0-1, and
each feature's ``weight`` within 0-1,000,000 as ``[scoring.weights]`` is).
"""

from __future__ import annotations

import itertools
import json
import math
import re
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from copydesk import __version__
from copydesk.config import MAX_WEIGHT
from copydesk.errors import ConfigError, json_problem, not_utf8_at
from copydesk.model import DIRECTIONS, LEVELS, FeatureNorm, Model, ReferenceGroup
from copydesk.safety import CONTROL, shown
from copydesk.smallfiles import MODEL_BYTES, NotReadable, read_small

#: ``"format"`` of a model file, and the newest ``"format_version"`` this copydesk reads.
FORMAT = "copydesk-model"
FORMAT_VERSION = 2
#: Longest ``label`` of a reference group (it is shown in reports).
MAX_LABEL = 300
#: Significant digits kept for every float written to a model file.
DIGITS = 6
_MAGIC = ((b"\x80", "a Python pickle"), (b"PK\x03\x04", "a zip archive (skops/joblib?)"))


def rounded(value: float) -> float:
    """``value`` to :data:`DIGITS` significant digits (what a model file stores)."""
    return float(f"{value:.{DIGITS}g}")


def model_dict(model: Model) -> dict[str, Any]:
    """The model as the JSON object a model file holds (floats rounded)."""
    features = [
        {
            "scorer": f.scorer,
            "name": f.name,
            "direction": f.direction,
            "unit": f.unit,
            "slope": rounded(f.slope),
            "weight": rounded(f.weight),
            "learned": rounded(f.learned),
            "quantiles": [rounded(q) for q in f.quantiles],
        }
        for f in model.features
    ]
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "copydesk_version": model.copydesk_version,
        "reference_size": model.reference_size,
        "scale": rounded(model.scale),
        "truncation_penalty": rounded(model.truncation_penalty),
        "grades": {"floors": dict(model.grade_floors), "shares": dict(model.grade_shares)},
        "calibration": dict(model.calibration),
        "training": dict(model.training),
        "features": features,
        "reference": [
            {
                "name": g.name,
                "label": g.label,
                "articles": g.articles,
                "grades": {band: rounded(share) for band, share in g.grades.items()},
            }
            for g in model.reference
        ],
    }


def dumps(model: Model) -> str:
    """The model file's text: sorted keys, rounded floats, one trailing newline (deterministic)."""
    return json.dumps(model_dict(model), sort_keys=True, indent=1, ensure_ascii=True) + "\n"


def _version(text: str) -> tuple[int, ...] | None:
    """``"1.2.3"`` as ``(1, 2, 3)`` (leading digits of each part); None when unknown (``0+unknown``)."""
    if text.endswith("+unknown"):
        return None
    parts = []
    for piece in text.split("+")[0].split("."):
        digits = re.match(r"\d+", piece)
        if digits is None:
            break
        parts.append(int(digits.group()))
    return tuple(parts) or None


def _need(data: Mapping[str, Any], key: str, kind: type | tuple[type, ...], where: str) -> Any:
    """``data[key]``, checked to be of ``kind`` (a bool is not a number)."""
    value = data.get(key)
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
        raise ModelError(f"{where}: '{key}' is missing or not {_KIND_NAMES.get(kind, 'valid')}")
    return value


_KIND_NAMES: dict[Any, str] = {str: "a string", int: "an integer", (int, float): "a number", list: "a list"}


def _object(data: Mapping[str, Any], key: str, where: str) -> dict[str, Any]:
    """``data[key]``: an object, or empty when absent (the optional blocks: grades, calibration, training)."""
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise ModelError(f"{where}: '{key}' is not an object")
    return dict(value)


def _numbers(data: Mapping[str, Any], key: str, where: str) -> dict[str, float]:
    """``data[key]``: an object of finite numbers (grade floors and shares, calibration), or empty when absent."""
    value = _object(data, key, where)
    if not all(isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) for v in value.values()):
        raise ModelError(f"{where}: every value in '{key}' must be a finite number")
    return value


def _check(ok: bool, where: str, key: str, rule: str, value: float) -> None:
    """A :class:`ModelError` naming ``key``, the ``rule`` its value breaks and the value, unless ``ok``."""
    if not ok:
        raise ModelError(f"{where}: {shown(key)} must be {rule}, not {value:g}")


def _feature(data: Any, where: str) -> FeatureNorm:
    """One entry of ``features``, validated."""
    if not isinstance(data, dict):
        raise ModelError(f"{where}: not an object")
    num = (int, float)
    quantiles = _need(data, "quantiles", list, where)
    if len(quantiles) != len(LEVELS) or not all(isinstance(q, num) and math.isfinite(q) for q in quantiles):
        raise ModelError(f"{where}: 'quantiles' must be {len(LEVELS)} finite numbers")
    if any(b < a for a, b in itertools.pairwise(quantiles)):
        raise ModelError(f"{where}: 'quantiles' must not decrease")
    direction = _need(data, "direction", str, where)
    if direction not in DIRECTIONS:
        raise ModelError(f"{where}: 'direction' must be one of {', '.join(DIRECTIONS)}, not {shown(direction)}")
    weight, learned, slope = (float(_need(data, k, num, where)) for k in ("weight", "learned", "slope"))
    _check(0 <= weight <= MAX_WEIGHT, where, "weight", f"within 0-{MAX_WEIGHT:,.0f}", weight)  # NaN fails
    _check(math.isfinite(slope) and slope > 0, where, "slope", "a finite number above 0", slope)
    scorer, name, unit = (_need(data, k, str, where) for k in ("scorer", "name", "unit"))
    return FeatureNorm(scorer, name, direction, unit, slope, weight, learned, tuple(float(q) for q in quantiles))


def _group(data: Any, where: str) -> ReferenceGroup:
    """One entry of ``reference``, validated (shares within 0-1, adding up to 1)."""
    if not isinstance(data, dict):
        raise ModelError(f"{where}: not an object")
    name, label = (_need(data, k, str, where) for k in ("name", "label"))
    if not label.strip() or len(label) > MAX_LABEL or CONTROL.search(label):
        raise ModelError(f"{where}: 'label' must be one line of at most {MAX_LABEL} characters, no control characters")
    articles = _need(data, "articles", int, where)
    grades = data.get("grades")
    if articles < 1 or not isinstance(grades, dict) or not grades:
        raise ModelError(f"{where}: 'articles' must be positive and 'grades' a non-empty object")
    shares = list(grades.values())
    if not all(isinstance(v, (int, float)) and not isinstance(v, bool) and 0 <= v <= 1 for v in shares):
        raise ModelError(f"{where}: every share in 'grades' must be a number within 0-1")
    if abs(math.fsum(shares) - 1.0) > 1e-3:
        raise ModelError(f"{where}: the shares in 'grades' add up to {math.fsum(shares):.4g}, not 1")
    return ReferenceGroup(name, label, articles, {str(k): float(v) for k, v in grades.items()})


def _best_first(group: ReferenceGroup, floors: Mapping[str, Any]) -> ReferenceGroup:
    """The group with its grades ordered by the model's floors, highest first (the file sorts keys by name)."""
    rank = {band: -float(floor) for band, floor in floors.items() if isinstance(floor, (int, float))}
    ordered = sorted(group.grades.items(), key=lambda kv: (kv[0] not in rank, rank.get(kv[0], 0.0)))
    return replace(group, grades=dict(ordered))


def _reference(data: Mapping[str, Any], version: int) -> tuple[ReferenceGroup, ...]:
    """The ``reference`` block: required from format 2, absent (no figures) in format 1."""
    if version < 2 and "reference" not in data:
        return ()
    entries = _need(data, "reference", list, "model")
    groups = tuple(_group(entry, f"reference[{i}]") for i, entry in enumerate(entries))
    names = [g.name for g in groups]
    if len(set(names)) != len(names):
        raise ModelError("reference: a group name appears twice")
    return groups


def _header(data: Any, running: str) -> None:
    """Check the format, its version and the writing copydesk's version."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ModelError(f'not a copydesk model file (no "format": "{FORMAT}")')
    version = data.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ModelError(f"unknown format_version {shown(version)}")
    if version > FORMAT_VERSION:
        raise ModelError(
            f"format_version {version} is newer than this copydesk reads ({FORMAT_VERSION}): upgrade copydesk"
        )
    written = data.get("copydesk_version", "")
    if not isinstance(written, str):
        raise ModelError(f"'copydesk_version' is not a string: {shown(written)}")
    writer = _version(written)
    mine = _version(running)
    if writer is not None and mine is not None and writer > mine:
        raise ModelError(f"written by copydesk {data['copydesk_version']}, newer than this copydesk ({running})")


#: What each number of the ``grades`` and ``calibration`` blocks may be: a score 0-100 or a share 0-1.
_RANGES = {"floors": 100.0, "shares": 1.0, "floor": 100.0, "share": 1.0}


def _bands(
    grades: Mapping[str, Any], calibration: dict[str, float]
) -> tuple[dict[str, float], dict[str, float], dict[str, float]]:
    """The ``grades`` block's floors and shares and the calibration, each number checked against its range.

    ``grades`` holds ``floors`` and ``shares`` only (grade bands straight under it are a
    malformed file, not an empty block); reports print every one of these numbers.
    """
    if unknown := sorted(set(grades) - {"floors", "shares"}):
        raise ModelError(f"grades: {shown(unknown[0])} is not a key of 'grades' (it holds 'floors' and 'shares')")
    floors, shares = _numbers(grades, "floors", "grades"), _numbers(grades, "shares", "grades")
    checked = [("grades.floors", "floors", floors), ("grades.shares", "shares", shares)]
    checked += [("calibration", key, {key: value}) for key, value in calibration.items() if key in _RANGES]
    for where, kind, values in checked:
        for band, value in values.items():
            if not 0 <= value <= _RANGES[kind]:
                raise ModelError(f"{where}: {shown(band)} must be within 0-{_RANGES[kind]:g}, not {value:g}")
    return floors, shares, calibration


def parse(data: Any, running: str) -> Model:
    """A :class:`Model` from a model file's JSON object; :class:`ModelError` when it is not one.

    :param running: this copydesk's version (a file from a newer copydesk is refused).
    """
    _header(data, running)
    entries = _need(data, "features", list, "model")
    if not entries:
        raise ModelError("model: 'features' is empty (a model scores with at least one feature)")
    features = tuple(_feature(entry, f"features[{i}]") for i, entry in enumerate(entries))
    keys = [f.key for f in features]
    if len(set(keys)) != len(keys):
        raise ModelError("features: a scorer.name key appears twice")
    size = _need(data, "reference_size", int, "model")
    scale = float(_need(data, "scale", (int, float), "model"))
    penalty = float(_need(data, "truncation_penalty", (int, float), "model"))
    _check(size >= 1, "model", "reference_size", "at least 1", size)
    _check(math.isfinite(scale) and scale > 0, "model", "scale", "a finite number above 0", scale)
    _check(0.0 <= penalty <= 1.0, "model", "truncation_penalty", "within 0-1", penalty)
    grades = _object(data, "grades", "model")
    floors, shares, calibration = _bands(grades, _numbers(data, "calibration", "model"))
    return Model(
        features=features,
        reference_size=size,
        scale=scale,
        truncation_penalty=penalty,
        grade_floors=floors,
        grade_shares=shares,
        calibration=calibration,
        training=_object(data, "training", "model"),
        copydesk_version=data.get("copydesk_version", ""),
        reference=tuple(_best_first(g, floors) for g in _reference(data, data["format_version"])),
    )


def loads(raw: bytes, running: str) -> Model:
    """Parse a model file's bytes; never unpickles (a pickle or zip is refused by its magic bytes)."""
    for magic, what in _MAGIC:
        if raw.startswith(magic):
            raise ModelError(f"is {what}, not a JSON model file; copydesk never loads pickles")
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        if b"\x00" in raw[:8192]:
            raise ModelError("is binary data, not a JSON model file") from None
        raise ModelError(f"is not valid UTF-8 ({not_utf8_at(raw, exc)}), so not a JSON model file") from None
    except json.JSONDecodeError as exc:
        raise ModelError(
            f"is not valid JSON (line {exc.lineno}, column {exc.colno}: {json_problem(exc.msg)})"
        ) from None
    except RecursionError:
        raise ModelError("is not a model file: its JSON is nested too deeply") from None
    except ValueError:  # an integer literal of more digits than Python converts (sys.get_int_max_str_digits)
        raise ModelError("is not a model file: it holds a number of thousands of digits") from None
    return parse(data, running)


class ModelError(ConfigError):
    """A model file that cannot be used; :func:`load_model` prefixes the file's path."""


def load_model(path: Path | str, running: str | None = None) -> Model:
    """Read and validate a model file; a :class:`ModelError` (exit 2) names the file and the problem."""
    try:
        raw = read_small(path, MODEL_BYTES)
    except NotReadable as exc:
        raise ModelError(f"model file {path}: {exc}") from None
    except OSError as exc:
        raise ModelError(f"model file {path}: cannot be read ({exc.strerror or exc})") from None
    try:
        return loads(raw, __version__ if running is None else running)
    except ModelError as exc:
        raise ModelError(f"model file {path}: {exc}") from None


def check_features(model: Model, declared: Mapping[str, Mapping[str, tuple[str, str]]], path: Path | str) -> None:
    """The model's features against what the loaded scorers declare; a :class:`ModelError` (exit 2) on a mismatch.

    :param declared: per loaded scorer name, its features' ``name -> (direction, unit)``.

    A feature of a loaded scorer must be one it declares, with the same direction and
    unit: a model fitted with another version of a scorer (a renamed, removed or
    re-defined feature) is refused rather than silently scoring without it. A feature of
    a scorer that is not loaded (disabled, or not installed) is allowed: it costs nothing,
    as when its scorer fails on an article.
    """
    for feature in model.features:
        mine = declared.get(feature.scorer)
        if mine is None:
            continue
        found = mine.get(feature.name)
        if found is None:
            raise ModelError(
                f"model file {path}: feature {feature.key} is not one the loaded {feature.scorer} scorer declares"
                " (fitted with other features: re-fit the model)"
            )
        if found != (feature.direction, feature.unit):
            raise ModelError(
                f"model file {path}: feature {feature.key} is a {feature.direction} in {feature.unit} in the model,"
                f" but the loaded scorer declares a {found[0]} in {found[1]} (re-fit the model)"
            )


def packaged_model_path() -> Path:
    """Where the shipped default model lives (``copydesk/data/model.json``)."""
    return Path(__file__).resolve().parent / "data" / "model.json"

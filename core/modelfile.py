"""Model files: the learned aggregate as plain, versioned JSON; never a pickle.

One JSON object (keys sorted, floats to 6 significant digits, so the same fit writes
the same bytes)::

    {"format": "copydesk-model", "format_version": 1, "copydesk_version": "0.1.0",
     "reference_size": 1080, "scale": 0.106, "truncation_penalty": 0.35,
     "calibration": {"floor": 70, "share": 0.95},
     "grades": {"floors": {"A": 85, ...}, "shares": {"A": 0.75, ...}},
     "training": {... provenance: corpora, counts, settings, library versions ...},
     "features": [{"scorer": "hedging", "name": "vague_attribution_per_1000_words",
                   "direction": "problem", "unit": "per_1000_words", "slope": 1.0,
                   "weight": 0.28, "learned": 0.22, "quantiles": [101 numbers]}, ...]}

:func:`load_model` refuses, with one line naming the file (a :class:`ModelError`, a
:class:`copydesk.errors.ConfigError`: exit 2), a file it cannot read, a pickle or zip
(by its magic bytes, before any parsing), invalid JSON, another format, a newer
``format_version``, a file written by a newer copydesk, and any malformed field.
"""

from __future__ import annotations

import itertools
import json
import math
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from copydesk import __version__
from copydesk.errors import ConfigError
from copydesk.model import DIRECTIONS, LEVELS, FeatureNorm, Model

#: ``"format"`` of a model file, and the newest ``"format_version"`` this copydesk reads.
FORMAT = "copydesk-model"
FORMAT_VERSION = 1
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
        raise ModelError(f"{where}: 'direction' must be one of {', '.join(DIRECTIONS)}, not {direction!r}")
    weight, learned, slope = (float(_need(data, k, num, where)) for k in ("weight", "learned", "slope"))
    if not (math.isfinite(weight) and weight >= 0 and math.isfinite(slope) and slope > 0):
        raise ModelError(f"{where}: 'weight' must be >= 0 and 'slope' > 0")
    scorer, name, unit = (_need(data, k, str, where) for k in ("scorer", "name", "unit"))
    return FeatureNorm(scorer, name, direction, unit, slope, weight, learned, tuple(float(q) for q in quantiles))


def _header(data: Any, running: str) -> None:
    """Check the format, its version and the writing copydesk's version."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ModelError(f'not a copydesk model file (no "format": "{FORMAT}")')
    version = data.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ModelError(f"unknown format_version {version!r}")
    if version > FORMAT_VERSION:
        raise ModelError(
            f"format_version {version} is newer than this copydesk reads ({FORMAT_VERSION}): upgrade copydesk"
        )
    writer = _version(str(data.get("copydesk_version", "")))
    mine = _version(running)
    if writer is not None and mine is not None and writer > mine:
        raise ModelError(f"written by copydesk {data['copydesk_version']}, newer than this copydesk ({running})")


def parse(data: Any, running: str) -> Model:
    """A :class:`Model` from a model file's JSON object; :class:`ModelError` when it is not one.

    :param running: this copydesk's version (a file from a newer copydesk is refused).
    """
    _header(data, running)
    entries = _need(data, "features", list, "model")
    features = tuple(_feature(entry, f"features[{i}]") for i, entry in enumerate(entries))
    keys = [f.key for f in features]
    if len(set(keys)) != len(keys):
        raise ModelError("features: a scorer.name key appears twice")
    size = _need(data, "reference_size", int, "model")
    scale = float(_need(data, "scale", (int, float), "model"))
    penalty = float(_need(data, "truncation_penalty", (int, float), "model"))
    if size < 1 or not (math.isfinite(scale) and scale > 0) or not 0.0 <= penalty <= 1.0:
        raise ModelError("'reference_size' and 'scale' must be positive, 'truncation_penalty' within 0-1")
    grades = data.get("grades") if isinstance(data.get("grades"), dict) else {}
    return Model(
        features=features,
        reference_size=size,
        scale=scale,
        truncation_penalty=penalty,
        grade_floors=dict(grades.get("floors") or {}),
        grade_shares=dict(grades.get("shares") or {}),
        calibration=dict(data.get("calibration") or {}),
        training=dict(data.get("training") or {}),
        copydesk_version=str(data.get("copydesk_version", "")),
    )


def loads(raw: bytes, running: str) -> Model:
    """Parse a model file's bytes; never unpickles (a pickle or zip is refused by its magic bytes)."""
    for magic, what in _MAGIC:
        if raw.startswith(magic):
            raise ModelError(f"is {what}, not a JSON model file; copydesk never loads pickles")
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ModelError("is binary data, not a JSON model file") from None
    except json.JSONDecodeError as exc:
        raise ModelError(f"is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    return parse(data, running)


class ModelError(ConfigError):
    """A model file that cannot be used; :func:`load_model` prefixes the file's path."""


def load_model(path: Path | str, running: str | None = None) -> Model:
    """Read and validate a model file; a :class:`ModelError` (exit 2) names the file and the problem."""
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise ModelError(f"model file {path}: cannot be read ({exc.strerror or exc})") from None
    try:
        return loads(raw, __version__ if running is None else running)
    except ModelError as exc:
        raise ModelError(f"model file {path}: {exc}") from None


def packaged_model_path() -> Path:
    """Where the shipped default model lives (``copydesk/data/model.json``)."""
    return Path(__file__).resolve().parent / "data" / "model.json"

"""Fit the shipped learned aggregate (core/data/model.json) from ../shared/data only.

    .venv/bin/python scripts/fit_model.py [--data DIR] [--out FILE] [--workers N]
    .venv/bin/python scripts/fit_model.py --check     # re-fit, compare with the shipped file

Scores the professional reference and the labelled corpora with copydesk's packaged
defaults (scripts/model_data.py), then fits with copydesk.fitting: norms from the
reference, sign-constrained logistic regression on FakeNewsNet, Pérez-Rosas and XSum
(FA-KES is never trained on), a uniform prior of 1 x the mean learned weight, and the
scale that puts 95 % of the reference at B or better. Its ``reference`` block is the
grade distribution of the professional reference and of the training corpora's
reliable and unreliable articles under the fitted model (what ``copydesk explain``
and the reports say a grade means). The file is plain JSON with
sorted keys and rounded floats: the same data gives the same bytes.

``--check`` exits 1 when the re-fit differs from the file (a float by more than 1e-4
relative, any other value at all; the versions in ``training.versions`` and
``copydesk_version`` are not compared), 2 when the data folder or the features are
missing, 0 when they agree.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import corpora
import model_data
import numpy as np
from copydesk.fitting import Column, FitSettings, Group, Training, fit, reference_groups
from copydesk.model import Model
from copydesk.modelfile import dumps, model_dict

SHIPPED = Path(__file__).resolve().parents[1] / "core" / "data" / "model.json"
TOLERANCE = 1e-4
UNCOMPARED = ("copydesk_version", "training.versions")
NAMES = {"fnn": "FakeNewsNet", "amt": "FakeNewsAMT/Celebrity", "xsum": "XSum human vs AI", "fakes": "FA-KES"}


def fit_on(
    columns: list[Column],
    scored: dict[str, model_data.Corpus],
    names: Sequence[str],
    settings: FitSettings | None = None,
) -> Model:
    """Fit on the corpora ``names`` with the professional reference (BBC + PolNeAR) as norms.

    :param settings: the fit's settings (default: the shipped model's, ``FitSettings()``).
    """
    reference = np.vstack([scored["bbc"].matrix(columns), scored["polnear"].matrix(columns)])
    x = np.vstack([scored[n].matrix(columns) for n in names])
    y = np.concatenate([np.array(scored[n].y, dtype=np.int_) for n in names])
    corpus = [n for n in names for _ in scored[n].y]
    provenance = {
        "reference": {"bbc": len(scored["bbc"].y), "polnear": len(scored["polnear"].y)},
        "corpora": {n: {"articles": len(scored[n].y), "unreliable": int(sum(scored[n].y))} for n in names},
        "versions": versions(),
    }
    model = fit(columns, reference, Training(x, y, corpus), settings or FitSettings(), provenance)
    return replace(model, reference=reference_groups(model, [c.key for c in columns], groups(columns, scored, names)))


def groups(columns: list[Column], scored: dict[str, model_data.Corpus], names: Sequence[str]) -> list[Group]:
    """The professional reference, and the reliable and the unreliable articles of the corpora ``names``."""

    def rows(corpora: Sequence[model_data.Corpus], label: int | None) -> tuple[np.ndarray, list[float], list[float]]:
        keep = [(c, i) for c in corpora for i, y in enumerate(c.y) if label is None or y == label]
        x = np.array([[c.values[i].get(k.key, math.nan) for k in columns] for c, i in keep], dtype=np.float64)
        truncation = [c.truncation[i] if c.truncation else 0.0 for c, i in keep]
        return x.reshape(len(keep), len(columns)), truncation, [c.floors[i] if c.floors else 0.0 for c, i in keep]

    training = [scored[n] for n in names]
    listed = ", ".join(NAMES.get(n, n) for n in names)
    return [
        Group(
            "professional",
            "professional copy in the reference corpora (BBC, PolNeAR)",
            *rows([scored["bbc"], scored["polnear"]], None),
        ),
        Group("reliable", f"reliable articles of the training corpora ({listed})", *rows(training, 0)),
        Group(
            "unreliable",
            f"unreliable (fake or AI-written) articles of the training corpora ({listed})",
            *rows(training, 1),
        ),
    ]


def versions() -> dict[str, str]:
    """Library versions of the fit (recorded, not compared by --check)."""
    import sklearn

    return {"numpy": np.__version__, "scikit-learn": sklearn.__version__}


def differences(a: Any, b: Any, path: str = "") -> list[str]:
    """Where two JSON values differ (floats within :data:`TOLERANCE` relative agree)."""
    if path in UNCOMPARED:
        return []
    if isinstance(a, dict) and isinstance(b, dict):
        keys = sorted(set(a) | set(b))
        return [d for k in keys for d in differences(a.get(k), b.get(k), f"{path}.{k}".lstrip("."))]
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        return [d for i, (x, y) in enumerate(zip(a, b, strict=True)) for d in differences(x, y, f"{path}[{i}]")]
    numbers = (int, float)
    if isinstance(a, numbers) and isinstance(b, numbers) and not isinstance(a, bool) and not isinstance(b, bool):
        return [] if math.isclose(a, b, rel_tol=TOLERANCE, abs_tol=1e-9) else [f"{path}: {a} != {b}"]
    return [] if a == b else [f"{path}: {json.dumps(a)[:60]} != {json.dumps(b)[:60]}"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=corpora.DATA)
    parser.add_argument("--out", type=Path, default=SHIPPED)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--check", action="store_true", help="compare a re-fit with --out instead of writing it")
    args = parser.parse_args(argv)
    if not (args.data / "reliability").is_dir():
        print(f"fit_model: no corpora under {args.data}", file=sys.stderr)
        return 2
    columns, scored = model_data.load(args.data, args.workers)
    if not columns:
        print("fit_model: no loaded scorer declares features (Scorer.features): nothing to fit", file=sys.stderr)
        return 2
    model = fit_on(columns, scored, model_data.TRAINING)
    if args.check:
        shipped = json.loads(args.out.read_text(encoding="utf-8"))
        found = differences(shipped, model_dict(model))
        for line in found[:20]:
            print(f"fit_model: {args.out}: {line}", file=sys.stderr)
        print(f"fit_model: {'differs from' if found else 'reproduces'} {args.out}", file=sys.stderr)
        return 1 if found else 0
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(dumps(model), encoding="utf-8")
    print(f"fit_model: wrote {args.out} ({len(model.features)} features, scale {model.scale})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

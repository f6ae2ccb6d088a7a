"""Measure the score on ../shared/data: professional grades, AUC per corpus, leave one corpus out.

    .venv/bin/python scripts/eval_model.py [--data DIR] [--workers N] [--resamples N]

Scores every corpus with the packaged defaults (scripts/model_data.py), then prints:

1. **Professional copy**: the grade distribution of the BBC intact texts and of each
   PolNeAR professional publisher under the shipped model (core/data/model.json), and
   the seeds' scores.
2. **AUC per labelled corpus**, the unreliable class (fake, AI-written) positive and a
   lower score meaning it: under the shipped model (in-sample for the corpora it was
   fitted on) and leave one corpus out (LOCO: the model re-fitted by
   ``fit_model.fit_on`` on the other training corpora, measured on the held-out one;
   FA-KES is never trained on, so its LOCO model is the shipped one). Each AUC has a
   95 % percentile interval from a group bootstrap (``--resamples`` draws of whole
   groups: XSum pairs and FA-KES text groups stay together; seed 13, so the same data
   prints the same intervals). XSum is measured without the truncation factor (both
   texts of a pair were cut to the same length); the others with it and, in the last
   column, without it.
3. **Subsets** (FakeNewsNet's PolitiFact and BuzzFeed, Pérez-Rosas's FakeNewsAMT and
   Celebrity, XSum per generator): the LOCO AUC of each.

These are the figures README.md and docs/scoring.md quote.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import corpora
import fit_model
import model_data
import numpy as np
from copydesk.fitting import Column
from copydesk.model import Model
from copydesk.modelfile import load_model
from scipy.stats import rankdata

FLOORS = (("A", 85.0), ("B", 70.0), ("C", 55.0), ("D", 40.0), ("F", 0.0))
NAMES = {"fnn": "FakeNewsNet", "amt": "Perez-Rosas", "xsum": "XSum human/AI", "fakes": "FA-KES"}
SEED = 13


def grade(score: float) -> str:
    """The packaged grade band of ``score``."""
    return next(band for band, floor in FLOORS if score >= floor)


def scores(model: Model, corpus: model_data.Corpus, truncation: bool = True) -> list[float]:
    """Each article's score under ``model`` with its floor (truncation factor applied unless ``truncation`` is False)."""
    rows = zip(corpus.values, corpus.truncation, floors(corpus), strict=True)
    return [model.score(v, t if truncation else 0.0, f).score for v, t, f in rows]


def floors(corpus: model_data.Corpus) -> list[float]:
    """The articles' minimum-evidence floors (none, 0, for a corpus built without them)."""
    return list(corpus.floors) or [0.0] * len(corpus.values)


def auc(y: Sequence[int] | np.ndarray, found: Sequence[float] | np.ndarray) -> float:
    """ROC AUC of a low score for the unreliable class (ties count half; Mann-Whitney)."""
    labels = np.asarray(y)
    ranks = rankdata(-np.asarray(found, dtype=np.float64))
    positives = int(labels.sum())
    negatives = labels.size - positives
    if not positives or not negatives:
        return float("nan")
    return float((ranks[labels == 1].sum() - positives * (positives + 1) / 2) / (positives * negatives))


def interval(y: Sequence[int], found: Sequence[float], groups: Sequence[str], resamples: int) -> tuple[float, float]:
    """95 % percentile interval of the AUC over ``resamples`` group-bootstrap draws."""
    names = sorted(set(groups))
    index = {name: i for i, name in enumerate(names)}
    members: list[list[int]] = [[] for _ in names]
    for row, name in enumerate(groups):
        members[index[name]].append(row)
    labels, values = np.asarray(y), np.asarray(found, dtype=np.float64)
    rng = np.random.default_rng(SEED)
    draws = []
    for _ in range(resamples):
        picked = rng.integers(0, len(names), len(names))
        rows = np.concatenate([members[i] for i in picked])
        draws.append(auc(labels[rows], values[rows]))
    low, high = np.nanpercentile(draws, [2.5, 97.5])
    return float(low), float(high)


def professional(shipped: Model, scored: dict[str, model_data.Corpus]) -> None:
    """Grade distribution of professional copy (BBC; PolNeAR per publisher and together) and the seeds."""
    print("Professional copy under the shipped model (share per grade)")
    print(f"  {'set':<22} {'articles':>8}  " + "  ".join(f"{b:>6}" for b, _ in FLOORS) + "     A/B  median")
    found = {"BBC intact": scores(shipped, scored["bbc"])}
    polnear = scores(shipped, scored["polnear"])
    for publisher in model_data.PROFESSIONAL_POLNEAR:
        rows = [s for s, sub in zip(polnear, scored["polnear"].subsets, strict=True) if sub == publisher]
        found[f"PolNeAR {publisher}"] = rows
    found["PolNeAR all four"] = polnear
    found["BBC + PolNeAR"] = found["BBC intact"] + polnear
    for name, values in found.items():
        count = Counter(grade(s) for s in values)
        shares = "  ".join(f"{100 * count[b] / len(values):5.1f}%" for b, _ in FLOORS)
        good = 100 * (count["A"] + count["B"]) / len(values)
        print(f"  {name:<22} {len(values):>8}  {shares}  {good:5.1f}%  {float(np.median(values)):6.1f}")
    seeds = scores(shipped, scored["seeds"])
    named = zip((Path(i).name for i in scored["seeds"].ids), seeds, strict=True)
    # as the reports show them: a report's score is rounded to two decimals, then shown to one
    print("  seeds: " + ", ".join(f"{name} {round(s, 2):.1f} {grade(s)}" for name, s in sorted(named)))


def _cell(corpus: model_data.Corpus, found: list[float], resamples: int) -> str:
    """``0.712 [0.66, 0.76]``."""
    low, high = interval(corpus.y, found, corpus.groups, resamples)
    return f"{auc(corpus.y, found):.3f} [{low:.2f}, {high:.2f}]"


def held_out(columns: list[Column], scored: dict[str, model_data.Corpus], name: str, shipped: Model) -> Model:
    """The model fitted on every training corpus but ``name`` (the shipped one when ``name`` is not trained on)."""
    if name not in model_data.TRAINING:
        return shipped
    return fit_model.fit_on(columns, scored, [n for n in model_data.TRAINING if n != name])


def loco(columns: list[Column], scored: dict[str, model_data.Corpus], shipped: Model, resamples: int) -> None:
    """AUC per labelled corpus: shipped model and leave one corpus out, with intervals; then per subset."""
    print("\nAUC of the score per labelled corpus (unreliable positive), 95 % group-bootstrap interval")
    print(f"  {'corpus':<14} {'articles':>8} {'unrel.':>6}  {'shipped (in-sample)':<21}  {'LOCO':<21}  LOCO w/o trunc.")
    models = {}
    for name in model_data.LABELLED:
        corpus = scored[name]
        models[name] = model = held_out(columns, scored, name, shipped)
        factor = name != "xsum"
        shipped_cell = _cell(corpus, scores(shipped, corpus, factor), resamples)
        loco_cell = _cell(corpus, scores(model, corpus, factor), resamples)
        plain = auc(corpus.y, scores(model, corpus, truncation=False))
        print(
            f"  {NAMES[name]:<14} {len(corpus.y):>8} {sum(corpus.y):>6}  {shipped_cell:<21}  {loco_cell:<21}  {plain:.3f}"
        )
    print("\nLOCO AUC per subset")
    for name in model_data.LABELLED:
        corpus = scored[name]
        found = scores(models[name], corpus, name != "xsum")
        subsets = sorted(set(corpus.subsets))
        for sub in subsets if len(subsets) > 1 else []:
            rows = [i for i, s in enumerate(corpus.subsets) if s == sub]
            y = [corpus.y[i] for i in rows]
            if 0 < sum(y) < len(y):
                print(
                    f"  {NAMES[name]:<14} {sub or '(none)':<16} {len(rows):>5}  {auc(y, [found[i] for i in rows]):.3f}"
                )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=corpora.DATA)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--resamples", type=int, default=1000)
    args = parser.parse_args(argv)
    started = time.monotonic()
    columns, scored = model_data.load(args.data, args.workers)
    shipped = load_model(fit_model.SHIPPED)
    professional(shipped, scored)
    loco(columns, scored, shipped, args.resamples)
    print(f"\n({len(columns)} features; {time.monotonic() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

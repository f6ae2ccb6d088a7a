"""Measure the shipped learned model (core/data/model.json) on ../shared/data.

    .venv/bin/python scripts/eval_model.py [--data DIR] [--workers N]

Scores every corpus with the packaged defaults (scripts/model_data.py), then prints:

1. the grade distribution of the professional reference (BBC intact, PolNeAR's
   professional publishers) and the seeds' scores under the shipped model;
2. the ROC AUC of the score on each labelled corpus under the shipped model (in-sample
   for the corpora it was fitted on);
3. leave one corpus out: the model re-fitted (fit_model.fit_on) on the other training
   corpora, AUC on the held-out one, with and without the truncation factor.

Unreliable (fake, AI-written) is the positive class; a lower score should mean it.
These are the figures README.md and docs/scoring.md quote.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

import corpora
import fit_model
import model_data
from copydesk.model import Model
from copydesk.modelfile import load_model
from sklearn.metrics import roc_auc_score

FLOORS = (("A", 85.0), ("B", 70.0), ("C", 55.0), ("D", 40.0), ("F", 0.0))


def grade(score: float) -> str:
    """The packaged grade band of ``score``."""
    return next(band for band, floor in FLOORS if score >= floor)


def scores(model: Model, corpus: model_data.Corpus, truncation: bool = True) -> list[float]:
    """Each article's score under ``model``."""
    pairs = zip(corpus.values, corpus.truncation, strict=True)
    return [model.score(v, t if truncation else 0.0).score for v, t in pairs]


def auc(corpus: model_data.Corpus, found: list[float]) -> float:
    """ROC AUC of a low score for the unreliable class."""
    return float(roc_auc_score(corpus.y, [-s for s in found]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=corpora.DATA)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    columns, scored = model_data.load(args.data, args.workers)
    shipped = load_model(fit_model.SHIPPED)
    for name in ("bbc", "polnear", "seeds"):
        found = scores(shipped, scored[name])
        count = Counter(grade(s) for s in found)
        shares = "  ".join(f"{b} {100 * count[b] / len(found):5.1f}%" for b, _ in FLOORS)
        print(f"{name:<8} {len(found):>4} articles  {shares}  A/B {100 * (count['A'] + count['B']) / len(found):.1f}%")
    print("seeds    " + "  ".join(f"{s:.1f} {grade(s)}" for s in scores(shipped, scored["seeds"])))
    for name in model_data.LABELLED:
        print(f"{name:<8} AUC under the shipped model {auc(scored[name], scores(shipped, scored[name])):.3f}")
    for held in model_data.LABELLED:
        model = fit_model.fit_on(columns, scored, [n for n in model_data.TRAINING if n != held])
        with_factor = auc(scored[held], scores(model, scored[held]))
        without = auc(scored[held], scores(model, scored[held], truncation=False))
        print(f"{held:<8} leave-one-corpus-out AUC {with_factor:.3f} (without the truncation factor {without:.3f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

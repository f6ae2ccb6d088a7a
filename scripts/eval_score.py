"""Evaluate the aggregate score against learned weights on the reliability corpora.

Usage: .venv/bin/python scripts/eval_score.py [--data /work/shared/data] [--folds 5]

Scores each file of ``reliability/*.jsonl`` as one batch with the packaged default
configuration (every built-in scorer), the way ``copydesk learn-weights FILE --label
label --unreliable fake`` does, then prints, for each corpus and for each subset named
by the records' ``dataset`` field (PolitiFact / BuzzFeed; FakeNewsAMT / Celebrity):

1. articles per class, and the cross-validated ROC AUC (stratified folds, fixed seed)
   of the default aggregate, of each scorer's sub-score alone and of the learned
   aggregate; and the weights learned on the whole set;
2. transfer: weights learned on all of one set, AUC on another, beside the default
   aggregate's AUC on that other set (corpus to corpus, and subset to subset).

Fake is the positive (unreliable) class; real (FakeNewsNet) and legit (Pérez-Rosas)
are the other. Subsets are slices of the batch scored whole, so batch-aware rules see
the whole file.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import corpora
import numpy as np
import numpy.typing as npt
from copydesk.learn import LearnOptions, auc, collect, cross_validate, fit_weights

CORPORA = {
    "FakeNewsNet": "reliability/fakenewsnet_old_politifact_buzzfeed.jsonl",
    "Perez-Rosas": "reliability/perezrosas2018_fakenewsamt_celebrity.jsonl",
}
UNRELIABLE = "fake"
TRANSFERS = (
    ("FakeNewsNet", "Perez-Rosas"),
    ("Perez-Rosas", "FakeNewsNet"),
    ("politifact", "buzzfeed"),
    ("buzzfeed", "politifact"),
    ("FakeNewsAMT", "Celebrity"),
    ("Celebrity", "FakeNewsAMT"),
)


@dataclass
class Subset:
    """Feature rows and 0/1 labels of one corpus or slice of it."""

    x: npt.NDArray[np.float64]
    y: npt.NDArray[np.int_]
    labels: Counter[str]


def record_field(path: Path, name: str) -> dict[int, str]:
    """One field of every record of a JSONL file, by line number (1-based)."""
    with path.open(encoding="utf-8") as handle:
        return {n: str(json.loads(line).get(name) or "") for n, line in enumerate(handle, 1) if line.strip()}


def load(path: Path, workdir: Path) -> tuple[list[str], npt.NDArray[np.float64], dict[str, Subset]]:
    """Score one corpus; its scorer names, default weights and subsets (whole corpus under '')."""
    options = LearnOptions([str(path)], "label", UNRELIABLE, cwd=workdir)
    errors: list[str] = []
    data = collect(options, errors.append)
    if errors:
        print(f"  ({path.name}: {len(errors)} record(s) not used: {errors[0].split(': ', 2)[-1]}, ...)")
    x, y, defaults = data.arrays(UNRELIABLE)
    datasets = record_field(path, "dataset")
    tags = np.array([datasets.get(int(w.rsplit(":", 1)[1]), "") for w in data.where])
    subsets = {"": Subset(x, y, Counter(data.labels))}
    for tag in sorted(set(tags)):
        keep = tags == tag
        subsets[tag] = Subset(x[keep], y[keep], Counter(label for label, k in zip(data.labels, keep, strict=True) if k))
    return data.names, defaults, subsets


def within(name: str, names: list[str], defaults: npt.NDArray[np.float64], subset: Subset, folds: int) -> None:
    """Cross-validated AUCs on one set, and the weights learned on all of it."""
    counts = ", ".join(f"{label} {n}" for label, n in sorted(subset.labels.items()))
    print(f"{name} ({counts})")
    evaluation = cross_validate(subset.x, subset.y, defaults, names, folds)
    for row, mean, sd in evaluation.rows:
        print(f"  {row:<20} AUC {mean:.3f} +/- {sd:.3f}")
    weights = fit_weights(subset.x, subset.y)
    print("  learned weights:    " + ", ".join(f"{n} {w:.3f}" for n, w in zip(names, weights, strict=True)))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=corpora.DATA)
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args()
    sets: dict[str, Subset] = {}
    with tempfile.TemporaryDirectory() as workdir:  # no project configuration: packaged defaults
        for corpus, relative in CORPORA.items():
            names, defaults, subsets = load(args.data / relative, Path(workdir))
            for tag, subset in subsets.items():
                sets[tag or corpus] = subset
    print(f"\n== within each set: {args.folds}-fold cross-validation, fake = unreliable")
    for name, subset in sets.items():
        within(name, names, defaults, subset, args.folds)
    print("\n== transfer: weights learned on all of one set, ROC AUC on another")
    print(f"  {'learn on':<12} {'test on':<12} {'default':>8} {'learned':>8}  weights ({', '.join(names)})")
    for source, target in TRANSFERS:
        weights = fit_weights(sets[source].x, sets[source].y)
        test = sets[target]
        shown = " ".join(f"{w:.2f}" for w in weights)
        print(
            f"  {source:<12} {target:<12} {auc(test.y, test.x @ defaults):>8.3f} "
            f"{auc(test.y, test.x @ weights):>8.3f}  {shown}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

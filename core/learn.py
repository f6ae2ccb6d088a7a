"""Learned aggregation: fit ``[scoring.weights]`` to articles labelled reliable or not.

The score is ``100 * prod(subscore_i ** weight_i)``, so ``-ln(score / 100)`` is
``sum(weight_i * x_i)`` with ``x_i = -ln(subscore_i)``. A logistic regression on the
features ``x_i`` (unreliable = 1) therefore learns weights that are exactly
``[scoring.weights]``: its coefficients, kept non-negative (fit, drop the scorers whose
coefficient is not positive, refit on the rest, until none is) and scaled to mean 1
over the non-zero ones. ``x_i`` uses the sub-score as the aggregate does (clamped to
:data:`copydesk.scoring.FLOOR`); a scorer that raised on an article adds nothing, as in
the score. ``copydesk learn-weights`` prints the cross-validated ROC AUC of the default
aggregate, of each scorer alone and of the learned aggregate, then the table.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

import numpy as np
import numpy.typing as npt
from copydesk import scoring
from copydesk.app import route_diagnostics
from copydesk.config import Flags
from copydesk.errors import EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, UsageError
from copydesk.formats.writers import atomic_writer, check_target
from copydesk.manager import PluginSet
from copydesk.models import ArticleReport, Unreadable
from copydesk.session import Session
from copydesk.sources import STDIN, Batch

#: Fixed seed of the cross-validation splits: the same input gives the same figures.
SEED = 0
#: Inverse L2 strength of the logistic regression (scikit-learn's default).
C = 1.0
BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
Matrix = npt.NDArray[np.float64]


def read_labels(batch: Batch, name: str) -> list[tuple[str, str | None] | None]:
    """Per item of ``batch``, in order: where it came from and its label (None: unreadable).

    A JSONL/CSV record's fields beyond the configured ones are in ``Article.meta`` as
    the sources read them (other JSON values than strings as JSON text); front matter
    keys are lower-cased there. An empty or missing label is None.
    """
    labels: list[tuple[str, str | None] | None] = []
    for item in batch:
        if isinstance(item, Unreadable) or item.source is None:
            labels.append(None)
        elif item.source.record is not None:
            labels.append((f"{item.source.path}:{item.source.record}", item.meta.get(name) or None))
        else:
            labels.append((item.source.path, item.meta.get(name.lower()) or None))
    return labels


def features(report: ArticleReport, prefixes: Sequence[str]) -> list[float]:
    """``-ln(subscore)`` per scorer (0 for a scorer that raised: left out, as in the score)."""
    subscores = {r.prefix: r.subscore for r in report.scorers}
    return [-math.log(scoring.clamp(s)) if (s := subscores.get(p)) is not None else 0.0 for p in prefixes]


def fit_weights(x: Matrix, y: npt.NDArray[np.int_]) -> Matrix:
    """Non-negative logistic-regression weights on ``x``, scaled to mean 1 over the non-zero ones.

    Constant columns get 0. Scorers whose coefficient is not positive are set to 0 and
    the rest refitted, until every coefficient left is positive (or none is left).
    """
    from sklearn.linear_model import LogisticRegression

    weights = np.zeros(x.shape[1])
    keep = [j for j in range(x.shape[1]) if np.ptp(x[:, j]) > 0]
    while keep:
        coef = LogisticRegression(C=C, max_iter=2000).fit(x[:, keep], y).coef_[0]
        if (coef > 0).all():
            weights[keep] = coef
            break
        keep = [j for j, c in zip(keep, coef, strict=True) if c > 0]
    positive = weights[weights > 0]
    return weights / positive.mean() if positive.size else weights


def auc(y: npt.NDArray[np.int_], risk: Matrix) -> float:
    """ROC AUC of ``risk`` (higher: more likely unreliable) against ``y``."""
    from sklearn.metrics import roc_auc_score

    return float(roc_auc_score(y, risk))


@dataclass(frozen=True)
class Evaluation:
    """Cross-validated ROC AUC per ranking: ``(name, mean, sd)`` over the folds."""

    rows: tuple[tuple[str, float, float], ...]


def cross_validate(
    x: Matrix, y: npt.NDArray[np.int_], defaults: Matrix, names: Sequence[str], folds: int
) -> Evaluation:
    """AUC on each held-out fold of the default aggregate, each scorer alone, and the learned aggregate."""
    from sklearn.model_selection import StratifiedKFold

    keys = ["default aggregate", *(f"{n} alone" for n in names), "learned aggregate"]
    scores: dict[str, list[float]] = {k: [] for k in keys}
    for train, test in StratifiedKFold(n_splits=folds, shuffle=True, random_state=SEED).split(x, y):
        rankings = [x[test] @ defaults, *(x[test, j] for j in range(len(names)))]
        rankings.append(x[test] @ fit_weights(x[train], y[train]))
        for key, risk in zip(keys, rankings, strict=True):
            scores[key].append(auc(y[test], risk))
    return Evaluation(tuple((k, float(np.mean(v)), float(np.std(v))) for k, v in scores.items()))


@dataclass
class Labelled:
    """Scored, labelled articles: one feature row per article, and what went wrong."""

    names: list[str]
    defaults: list[float]
    rows: list[list[float]] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    where: list[str] = field(default_factory=list)
    input_errors: list[str] = field(default_factory=list)
    plugin_errors: list[str] = field(default_factory=list)

    def arrays(self, unreliable: str) -> tuple[Matrix, npt.NDArray[np.int_], Matrix]:
        """The feature matrix, the 0/1 target (1: label is ``unreliable``) and the default weights."""
        x = np.array(self.rows, dtype=np.float64).reshape(len(self.rows), len(self.names))
        y = np.array([int(label == unreliable) for label in self.labels], dtype=np.int_)
        return x, y, np.array(self.defaults, dtype=np.float64)


@dataclass(frozen=True)
class LearnOptions:
    """What ``copydesk learn-weights`` was asked to do."""

    paths: Sequence[str]
    label: str
    unreliable: str
    folds: int = 5
    output: str | None = None
    config_path: Path | None = None
    overrides: dict[str, Any] = field(default_factory=dict)
    cwd: Path | None = None
    #: A plugin set to use instead of loading entry points (embedding, tests).
    plugins: PluginSet | None = None
    #: The command line's configuration flags (``--disable``, ``--workers``).
    flags: Flags = field(default_factory=Flags)


def check_classes(labels: Iterable[str], options: LearnOptions) -> Counter[str]:
    """Count the labels; a usage error when a class is missing or too small for the folds."""
    counts = Counter(labels)
    seen = ", ".join(sorted(counts))
    if not counts:
        raise UsageError(f"no article has a {options.label!r} field (--label)")
    positive = counts[options.unreliable]
    negative = sum(counts.values()) - positive
    if not positive or not negative:
        missing = f"{options.label} = {options.unreliable!r}" if not positive else f"another {options.label}"
        raise UsageError(f"every labelled article is in one class: none has {missing} (labels seen: {seen})")
    if options.folds < 2 or min(positive, negative) < options.folds:
        raise UsageError(
            f"{options.folds} folds need at least {max(options.folds, 2)} articles in each class; "
            f"there are {positive} unreliable and {negative} other"
        )
    return counts


def collect(options: LearnOptions, stderr: Callable[[str], None]) -> Labelled:
    """Read the labels, check them, then score the articles and build their feature rows."""
    if STDIN in options.paths:
        raise UsageError("learn-weights reads files and folders, not standard input")
    if options.output is not None:
        check_target(options.output)
    session = Session.open(options)
    config, runner = session.config, session.runner
    if options.label in config.sources["fields"].values():
        raise UsageError(f"--label {options.label}: that field is read as the article itself ([sources.fields])")
    batch = Batch(list(options.paths), config.sources)
    labels = read_labels(batch, options.label)
    check_classes((label for item in labels if item and (label := item[1]) is not None), options)
    prefixes = [a.scorer.prefix for a in runner.active]
    data = Labelled([a.scorer.name for a in runner.active], [a.weight for a in runner.active])
    for item in labels:
        if item is not None and item[1] is None:
            data.input_errors.append(f"{item[0]}: no {options.label!r} field to label the article by")
            stderr(f"copydesk: error: {data.input_errors[-1]}")
    for report in runner.run(lambda: iter(batch), workers=session.workers):
        route_diagnostics(report, stderr, data.input_errors, data.plugin_errors)
        item = labels[report.index]
        if report.score is not None and item is not None and item[1] is not None:
            data.rows.append(features(report, prefixes))
            data.labels.append(item[1])
            data.where.append(item[0])
    return data


def toml_key(name: str) -> str:
    """A TOML key: bare when it can be, else quoted."""
    return name if BARE_KEY.fullmatch(name) else json.dumps(name)


def render(data: Labelled, options: LearnOptions, evaluation: Evaluation, weights: Matrix) -> tuple[str, str]:
    """The report (TOML comments) and the ``[scoring.weights]`` table."""
    counts = Counter(data.labels)
    positive = counts.pop(options.unreliable, 0)
    others = ", ".join(f"{label} {n}" for label, n in sorted(counts.items()))
    width = max(len(name) for name, _, _ in evaluation.rows)
    lines = [
        f"copydesk learn-weights: {len(data.labels)} labelled article(s), label field {options.label!r}",
        f"unreliable ({options.label} = {options.unreliable!r}): {positive}",
        f"other ({others}): {sum(counts.values())}",
        f"ROC AUC, {options.folds}-fold stratified cross-validation (seed {SEED}), mean +/- sd over folds:",
        *(f"  {name:<{width}}  {mean:.3f} +/- {sd:.3f}" for name, mean, sd in evaluation.rows),
        "weights: logistic regression on -ln(subscore), non-negative, mean 1 over the non-zero ones",
        "default: " + ", ".join(f"{n} {w:g}" for n, w in sorted(zip(data.names, data.defaults, strict=True))),
    ]
    report = "".join(f"# {line}\n" for line in lines)
    ordered = sorted(zip(data.names, weights, strict=True))
    table = "[scoring.weights]\n" + "".join(f"{toml_key(n)} = {w:.3f}\n" for n, w in ordered)
    return report, table


def learn_weights(options: LearnOptions, stdout: TextIO, stderr: Callable[[str], None]) -> int:
    """``copydesk learn-weights``: score, cross-validate, fit, print and write; the exit code."""
    data = collect(options, stderr)
    x, y, defaults = data.arrays(options.unreliable)
    evaluation = cross_validate(x, y, defaults, data.names, options.folds)
    weights = fit_weights(x, y)
    report, table = render(data, options, evaluation, weights)
    stdout.write(report)
    if data.plugin_errors:
        stderr("copydesk: weights not written: a scorer failed, its sub-scores are missing")
        return EXIT_INTERNAL
    if not (weights > 0).any():
        stderr(
            "copydesk: error: no scorer's sub-score rises with the label: every learned weight is 0; nothing written"
        )
        return EXIT_USAGE
    if options.output is None:
        stdout.write(table)
    else:
        with atomic_writer(options.output) as out:
            out.write(report + table)
        stderr(f"copydesk: wrote {options.output}")
    return EXIT_USAGE if data.input_errors else EXIT_OK

"""``copydesk learn-weights``: fit a user's own model on their labelled articles.

The articles are scored as ``copydesk score`` scores them (under the run's configuration
and model). Every feature the active scorers declare (the truncation scorer's aside: its
sub-score is the truncation factor) is read from each article's report, and
:func:`copydesk.fitting.fit` fits a model exactly as ``scripts/fit_model.py`` fits the
packaged one, with the user's articles in both roles: the norms are the quantiles of the
articles *not* labelled unreliable, and the sign-constrained logistic regression learns
from all of them (both classes weighing the same). Its ``reference`` block holds the
grade distribution of each class under the fitted model, so ``copydesk explain`` and the
reports say what a grade means on the user's own data.

The command prints the cross-validated ROC AUC of the score under the model in use and
under a model fitted on the other folds each time, the features that learned a weight,
and what the grades mean; ``-o FILE`` writes the model file (plain JSON, atomically),
which ``--model FILE`` or ``[scoring] model`` then use.
"""

from __future__ import annotations

import math
import os
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, NamedTuple, TextIO

import numpy as np
import numpy.typing as npt
from copydesk import meaning, safety, scoring
from copydesk.app import read_files, refuse_input, route_diagnostics
from copydesk.config import Flags
from copydesk.errors import EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, UsageError
from copydesk.explain import doc_lines
from copydesk.fitting import NO_VALUE, Column, FitSettings, Group, Training, fit, left_out, reference_groups
from copydesk.formats.writers import atomic_writer, check_target
from copydesk.manager import PluginSet
from copydesk.model import Model, grade_meaning
from copydesk.modelfile import dumps, rounded
from copydesk.models import ArticleReport, Unreadable
from copydesk.runner import TRUNCATION
from copydesk.scoring import ScoringSettings
from copydesk.session import Session
from copydesk.sources import STDIN, Batch

#: Fixed seed of the cross-validation splits: the same input gives the same figures.
SEED = 0
#: The one "corpus" a user's labelled articles form for the fit (both classes weigh the same in it).
CORPUS = "labelled"
Matrix = npt.NDArray[np.float64]


class Label(NamedTuple):
    """One readable item's label: where it came from (with its id when it has its own), the label, or why there is none."""

    where: str
    value: str | None
    #: Why there is no label (``value`` None): the field is missing, empty or white space alone.
    problem: str = ""


def read_labels(batch: Batch, name: str, unreadable: list[str] | None = None) -> list[Label | None]:
    """Per item of ``batch``, in order: its :class:`Label` (None: unreadable, its error line added to ``unreadable``).

    A JSONL/CSV record's fields beyond the configured ones are in ``Article.meta`` as
    the sources read them (other JSON values than strings as JSON text); front matter
    keys are lower-cased there. A missing label, and one that is empty or white space
    alone, is no label, and its problem says which: a blank label is a mistake in the
    labelling, not a class of its own.
    """
    labels: list[Label | None] = []
    for item in batch:
        if isinstance(item, Unreadable) or item.source is None:
            if isinstance(item, Unreadable) and unreadable is not None:
                unreadable.append(item.message)
            labels.append(None)
            continue
        record = item.source.record is not None
        where = f"{item.source.path}:{item.source.record}" if record else item.source.path
        where += f" ({item.id})" if record and item.id != where else ""
        labels.append(_label(where, item.meta.get(name if record else name.lower()), name))
    return labels


def _label(where: str, value: str | None, name: str) -> Label:
    """The label ``value`` of field ``name`` read at ``where``, or the problem that leaves the article unlabelled."""
    if value is None:
        return Label(where, None, f"no {safety.quoted(name)} field to label the article by")
    if not value.strip():
        what = "empty" if not value else f"white space alone ({safety.quoted(value)})"
        return Label(where, None, f"empty label: the {safety.quoted(name)} field is {what}")
    return Label(where, value)


def columns(session: Session) -> list[Column]:
    """Every feature the active scorers declare, the truncation scorer's aside, sorted by key."""
    found = [
        Column(a.scorer.name, f.name, f.direction, f.unit)
        for a in session.runner.active
        if a.scorer.name != TRUNCATION
        for f in a.scorer.features
    ]
    return sorted(found, key=lambda c: c.key)


def feature_docs(session: Session) -> dict[str, str]:
    """Each feature's doc as the active scorers declare it, keyed ``scorer.name``."""
    return {f"{a.scorer.name}.{f.name}": f.doc for a in session.runner.active for f in a.scorer.features}


def article_values(report: ArticleReport) -> tuple[dict[str, float], float]:
    """The article's features keyed ``scorer.name`` and its truncation confidence, as the runner reads them."""
    ok = [r for r in report.scorers if r.error is None]
    values = scoring.feature_vector((r.name, r.features) for r in ok)
    truncation = next((r.subscore for r in ok if r.name == TRUNCATION), None)
    return values, scoring.truncation_confidence(truncation)


def auc(y: npt.NDArray[np.int_], risk: Matrix) -> float:
    """ROC AUC of ``risk`` (higher: more likely unreliable) against ``y``."""
    from sklearn.metrics import roc_auc_score

    return float(roc_auc_score(y, risk))


@dataclass
class Labelled:
    """Scored, labelled articles: features, truncation, score under the model in use, and what went wrong."""

    columns: list[Column]
    #: The model the articles were scored with (``packaged`` or its file), and the run's grades.
    current: str
    grades: ScoringSettings
    values: list[dict[str, float]] = field(default_factory=list)
    truncation: list[float] = field(default_factory=list)
    #: Each article's minimum-evidence floor (:func:`copydesk.scoring.evidence_floor`), as the runner applied it.
    floors: list[float] = field(default_factory=list)
    scores: list[float] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    where: list[str] = field(default_factory=list)
    input_errors: list[str] = field(default_factory=list)
    plugin_errors: list[str] = field(default_factory=list)
    #: Each feature's doc as its scorer declares it, keyed ``scorer.name`` (the report says what a left-out one is).
    docs: dict[str, str] = field(default_factory=dict)

    def arrays(self, unreliable: str) -> tuple[Matrix, npt.NDArray[np.int_]]:
        """The feature matrix (NaN: missing) and the 0/1 target (1: label is ``unreliable``)."""
        keys = [c.key for c in self.columns]
        x = np.array([[v.get(k, math.nan) for k in keys] for v in self.values], dtype=np.float64)
        y = np.array([int(label == unreliable) for label in self.labels], dtype=np.int_)
        return x.reshape(len(self.values), len(keys)), y


@dataclass(frozen=True)
class LearnOptions:
    """What ``copydesk learn-weights`` was asked to do."""

    paths: Sequence[str]
    label: str
    unreliable: str
    folds: int = 5
    #: ``-o FILE``: where to write the fitted model (None: report only).
    output: str | None = None
    config_path: Path | None = None
    overrides: dict[str, Any] = field(default_factory=dict)
    cwd: Path | None = None
    #: A plugin set to use instead of loading entry points (embedding, tests).
    plugins: PluginSet | None = None
    #: The command line's configuration flags (``--disable``, ``--workers``, ``--model``).
    flags: Flags = field(default_factory=Flags)


#: Fewer labelled articles than this in either class: learn-weights refuses (a fold would hold one or two of them).
MIN_PER_CLASS = 5


def check_classes(labels: Iterable[str], options: LearnOptions) -> Counter[str]:
    """Count the labels; a usage error when a class is missing or too small for the folds."""
    counts = Counter(labels)
    seen = _listed(sorted(counts))
    if not counts:
        raise UsageError(f"no article has a {safety.quoted(options.label)} field (--label)")
    positive = counts[options.unreliable]
    negative = sum(counts.values()) - positive
    if not positive or not negative:
        missing = (
            _labelled(options.label, options.unreliable) if not positive else f"another {safety.quoted(options.label)}"
        )
        raise UsageError(f"every labelled article is in one class: none has {missing} (labels seen: {seen})")
    if options.folds < 2 or min(positive, negative) < options.folds:
        raise UsageError(
            f"{options.folds} folds need at least {max(options.folds, 2)} articles in each class; "
            f"there are {positive} unreliable and {negative} other"
        )
    if min(positive, negative) < MIN_PER_CLASS:
        raise UsageError(
            f"learn-weights needs at least {MIN_PER_CLASS} articles in each class, whatever --folds; "
            f"there are {positive} unreliable and {negative} other"
        )
    return counts


def _labelled(field: str, value: str) -> str:
    """``'label' = 'fake'``: a label field and a value of it, both quoted (either may hold spaces, or be empty)."""
    return f"{safety.quoted(field)} = {safety.quoted(value)}"


#: At most this many labels are listed in a line; the rest are counted (a field that is an id per article).
LISTED = 10


def _listed(items: Sequence[str], quote: bool = True) -> str:
    """Labels for a message, each quoted (unless ``quote`` is False), at most :data:`LISTED`, the rest counted."""
    shown = [safety.quoted(item) if quote else item for item in items[:LISTED]]
    more = f" and {len(items) - LISTED} more" if len(items) > LISTED else ""
    return ", ".join(shown) + more


def near_misses(counts: Counter[str], options: LearnOptions) -> list[str]:
    """A warning line per label that equals ``--unreliable`` but for case or surrounding spaces (trained as reliable)."""
    want = options.unreliable.strip().casefold()
    return [
        f"copydesk: warning: {_labelled(options.label, value)} ({count} article(s)) differs from --unreliable"
        f" {safety.quoted(options.unreliable)} only by case or spaces: those articles are trained as reliable"
        for value, count in sorted(counts.items())
        if value != options.unreliable and value.strip().casefold() == want
    ]


def refuse_overwrite(batch: Batch, output: str, options: LearnOptions, session: Session) -> None:
    """A usage error when ``-o`` is one of the files read (by ``os.path.samestat``): the model would replace it.

    The files read are the articles, the configuration, the model and the history database
    the configuration names (:func:`copydesk.app.read_files`).
    """
    refuse_input("the model file", output, read_files(options.config_path, options.cwd, session))
    try:
        target = os.stat(output)
    except OSError:
        return
    for name, found in batch.inputs():
        if os.path.samestat(found, target):
            also = "" if name == output else f" ({name})"
            raise UsageError(f"{output}: the model file would overwrite this input{also}; write it elsewhere")


def _labels_checked(
    labels: Sequence[Label | None],
    unlabelled: Sequence[str],
    unreadable: Sequence[str],
    options: LearnOptions,
    stderr: Callable[[str], None],
) -> Counter[str]:
    """:func:`check_classes` of the labels read; when it refuses, the inputs that could not be read and the ``unlabelled`` records' problems are said first.

    A file or record that could not be read (binary, not UTF-8, not JSON) has no label, and
    may be what left a class too small or empty, or every article unlabelled: the first
    :data:`LISTED` are said, the rest counted. A record left out (no, an empty or a blank
    label) is said too, unless no record has a label at all (a wrong ``--label``): then the
    refusal's one line says so alone.
    """
    try:
        return check_classes((label for item in labels if item and (label := item.value) is not None), options)
    except UsageError:
        for problem in unreadable[:LISTED]:
            stderr(f"copydesk: error: {problem}")  # the stderr line neutralises it
        if len(unreadable) > LISTED:
            stderr(f"copydesk: error: and {len(unreadable) - LISTED} more input(s) that could not be read")
        if unreadable and all(item is None for item in labels):  # not a wrong --label: nothing was read
            raise UsageError(
                f"none of the {len(labels)} file(s) and record(s) found could be read, so none has a label"
            ) from None
        if any(item is not None and item.value is not None for item in labels):
            for problem in unlabelled:
                stderr(f"copydesk: error: {problem}")  # the stderr line neutralises it
        raise


def collect(options: LearnOptions, stderr: Callable[[str], None]) -> Labelled:
    """Read the labels, check them, then score the articles and keep their features."""
    if STDIN in options.paths:
        raise UsageError("learn-weights reads files and folders, not standard input")
    if options.output is not None:
        check_target(options.output)
    session = Session.open(options)
    config, runner = session.config, session.runner
    if options.label in config.sources["fields"].values():
        raise UsageError(
            f"--label {safety.quoted(options.label)}: that field is read as the article itself ([sources.fields])"
        )
    batch = Batch(list(options.paths), config.sources)
    if options.output is not None:
        refuse_overwrite(batch, options.output, options, session)
    unreadable: list[str] = []
    labels = read_labels(batch, options.label, unreadable)
    unlabelled = [f"{item.where}: {item.problem}" for item in labels if item is not None and item.value is None]
    counts = _labels_checked(labels, unlabelled, unreadable, options, stderr)
    for warning in near_misses(counts, options):
        stderr(warning)
    data = Labelled(columns(session), meaning.model_name(config), config.scoring(), docs=feature_docs(session))
    for problem in unlabelled:
        data.input_errors.append(problem)
        stderr(f"copydesk: error: {problem}")  # the stderr line neutralises it
    for report in runner.run(lambda: iter(batch), workers=session.workers):
        route_diagnostics(report, stderr, data.input_errors, data.plugin_errors)
        item = labels[report.index]
        if report.score is not None and item is not None and item.value is not None:
            values, truncation = article_values(report)
            data.values.append(values)
            data.truncation.append(truncation)
            data.floors.append(scoring.evidence_floor(report.words, len(report.findings), data.grades))
            data.scores.append(report.score)
            data.labels.append(item.value)
            data.where.append(item.where)
    return data


def settings_for(grades: ScoringSettings) -> FitSettings:
    """The fit's settings under the run's grades: calibrated so 95 % of the reliable class grades B or better."""
    bands = list(grades.grades)
    floors = dict(bands[:-1])
    floor = bands[1][1] if len(bands) > 2 else FitSettings.floor
    return FitSettings(floor=floor, grade_floors=floors)


def fit_labelled(
    cols: Sequence[Column], x: Matrix, y: npt.NDArray[np.int_], settings: FitSettings, provenance: dict[str, Any]
) -> Model:
    """A model fitted on labelled rows: norms from the rows labelled 0, weights from all of them."""
    return fit(cols, x[y == 0], Training(x, y, [CORPUS] * len(y)), settings, provenance)


def model_scores(
    model: Model, keys: Sequence[str], x: Matrix, truncation: Sequence[float], floors: Sequence[float]
) -> Matrix:
    """Each row's score under ``model`` (missing features cost nothing; its floor and truncation applied)."""
    rows = zip(x.tolist(), truncation, floors, strict=True)
    return np.array([model.score(dict(zip(keys, r, strict=True)), t, f).score for r, t, f in rows])


@dataclass(frozen=True)
class Evaluation:
    """Cross-validated ROC AUC of the score: ``(name, mean, sd)`` over the folds, the model in use first."""

    rows: tuple[tuple[str, float, float], ...]


def cross_validate(data: Labelled, x: Matrix, y: npt.NDArray[np.int_], folds: int) -> Evaluation:
    """AUC of the score on each held-out fold: under the model in use, and under a model fitted on the other folds."""
    from sklearn.model_selection import StratifiedKFold

    keys = [c.key for c in data.columns]
    settings = settings_for(data.grades)
    current, truncation, floors = np.array(data.scores), np.array(data.truncation), np.array(data.floors)
    found: tuple[list[float], list[float]] = ([], [])
    for train, test in StratifiedKFold(n_splits=folds, shuffle=True, random_state=SEED).split(x, y):
        model = fit_labelled(data.columns, x[train], y[train], settings, {})
        found[0].append(auc(y[test], -current[test]))
        scores = model_scores(model, keys, x[test], truncation[test].tolist(), floors[test].tolist())
        found[1].append(auc(y[test], -scores))
    names = (f"model in use ({data.current})", "fitted model")
    return Evaluation(tuple((n, float(np.mean(v)), float(np.std(v))) for n, v in zip(names, found, strict=True)))


def fit_all(data: Labelled, options: LearnOptions, evaluation: Evaluation) -> Model:
    """The model fitted on every labelled article, with its provenance and its ``reference`` block."""
    import sklearn

    x, y = data.arrays(options.unreliable)
    settings = settings_for(data.grades)
    provenance = {
        "labelled": {"articles": len(y), "unreliable": int(y.sum()), "label": options.label},
        "unreliable_label": options.unreliable,
        "reference": f"the labelled articles whose {options.label} is not the unreliable label",
        "cross_validation": {
            "folds": options.folds,
            "seed": SEED,
            "auc": {name: rounded(mean) for name, mean, _ in evaluation.rows},
        },
        "versions": {"numpy": np.__version__, "scikit-learn": sklearn.__version__},
    }
    if dropped := left_out(data.columns, x[y == 0]):
        provenance["left_out"] = dict.fromkeys(dropped, NO_VALUE)
    model = fit_labelled(data.columns, x, y, settings, provenance)
    said = f"{_clip(safety.quoted(options.label))} = {_clip(safety.quoted(options.unreliable))} in the labelled set"
    truncation, floors = np.array(data.truncation), np.array(data.floors)
    reliable, unreliable = y == 0, y == 1
    groups = [
        Group("reliable", f"the articles not labelled {said}", x[reliable], *_rows(truncation, floors, reliable)),
        Group("unreliable", f"the articles labelled {said}", x[unreliable], *_rows(truncation, floors, unreliable)),
    ]
    bottom = data.grades.grades[-1][0] if data.grades.grades else "F"
    return replace(model, reference=reference_groups(model, [c.key for c in data.columns], groups, bottom))


def _rows(truncation: Matrix, floors: Matrix, keep: npt.NDArray[np.bool_]) -> tuple[list[float], list[float]]:
    """The kept rows' truncation confidences and floors, as :class:`copydesk.fitting.Group` takes them."""
    return truncation[keep].tolist(), floors[keep].tolist()


def _clip(text: str, limit: int = 80) -> str:
    """One piece of a group label with no control character, at most ``limit`` characters (a model file caps labels).

    Controls become visible escapes; a backslash is kept: the label is data, escaped where it is shown.
    """
    flat = safety.neutralise(text, keep="\\")
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def render(data: Labelled, options: LearnOptions, evaluation: Evaluation, model: Model) -> str:
    """The report: counts, cross-validated AUCs, the learned weights, and what the grades mean."""
    counts = Counter(data.labels)
    positive = counts.pop(options.unreliable, 0)
    others = _listed([f"{safety.quoted(label)} {n}" for label, n in sorted(counts.items())], quote=False)
    width = max(len(name) for name, _, _ in evaluation.rows)
    learned = sorted((f for f in model.features if f.learned > 0), key=lambda f: (-f.learned, f.key))
    key_width = max((len(f.key) for f in learned), default=0)
    prior = model.training.get("prior_weight", 0.0)
    lines = [
        f"copydesk learn-weights: {len(data.labels)} labelled article(s), label field {safety.quoted(options.label)}",
        f"unreliable ({_labelled(options.label, options.unreliable)}): {positive}",
        f"other ({others}): {sum(counts.values())}",
        f"ROC AUC of the score, {options.folds}-fold stratified cross-validation (seed {SEED}), mean +/- sd over folds:",
        *(f"  {name:<{width}}  {mean:.3f} +/- {sd:.3f}" for name, mean, sd in evaluation.rows),
        f"fitted model: {len(model.features)} feature(s), norms from the {len(data.labels) - positive} other article(s);"
        f" {len(learned)} learned a weight (every feature also gets the prior {prior:g}):",
        *(f"  {f.key:<{key_width}}  {f.learned:.4g}" for f in learned),
        *_left_out(data, model, len(data.labels) - positive),
        "What the grades mean under the fitted model, measured on these articles:",
        *(f"  {line}" for line in grade_meaning(model.reference)),
    ]
    return "".join(f"{safety.line(line)}\n" for line in lines)


def _left_out(data: Labelled, model: Model, others: int) -> list[str]:
    """The report's lines on the features the fit left out (no value in any reference article), with their docs."""
    dropped = model.training.get("left_out", {})
    if not dropped:
        return []
    lines = [
        f"left out of the fitted model: {len(dropped)} feature(s) that none of the {others} other article(s), whose"
        " values are the norms, has a value for (so it has no norm, and the model scores without it):"
    ]
    for key in dropped:
        first, *rest = doc_lines(data.docs.get(key, "")) or [""]
        lines += [f"  {key}: {first}" if first else f"  {key}", *(f"    {line}" for line in rest)]
    return lines


#: Fewer scored articles than this in either class: the figures and weights are warned to be unreliable.
FEW_PER_CLASS = 50


def few_warning(y: npt.NDArray[np.int_]) -> str | None:
    """The warning line when either class has fewer than :data:`FEW_PER_CLASS` scored articles, else None."""
    unreliable = int(y.sum())
    other = len(y) - unreliable
    if min(unreliable, other) >= FEW_PER_CLASS:
        return None
    return (
        f"copydesk: warning: {unreliable} unreliable and {other} other article(s) scored, fewer than"
        f" {FEW_PER_CLASS} in a class: the AUCs and the learned weights are unreliable"
    )


def learn_weights(options: LearnOptions, stdout: TextIO, stderr: Callable[[str], None]) -> int:
    """``copydesk learn-weights``: score, cross-validate, fit, print and write the model; the exit code."""
    data = collect(options, stderr)
    x, y = data.arrays(options.unreliable)
    if warning := few_warning(y):
        stderr(warning)
    evaluation = cross_validate(data, x, y, options.folds)
    model = fit_all(data, options, evaluation)
    stdout.write(render(data, options, evaluation, model))
    if data.plugin_errors:
        stderr("copydesk: model not written: a scorer failed, so some articles' features are missing")
        return EXIT_INTERNAL
    if not any(f.learned > 0 for f in model.features):
        stderr("copydesk: error: no feature's cost rises with the label: every learned weight is 0; nothing written")
        return EXIT_USAGE
    if options.output is None:
        stderr("copydesk: no model written (give -o FILE to write it)")
    else:
        with atomic_writer(options.output) as out:
            out.write(dumps(model))
        stderr(f"copydesk: wrote {options.output}; score with it: --model {options.output}, or [scoring] model")
    return EXIT_USAGE if data.input_errors else EXIT_OK

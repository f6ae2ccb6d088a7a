"""Run every enabled scorer on every article, isolating each scorer's failures.

The runner owns the loop: an optional batch pass over the whole input, then, per
article, the shared analysis, every scorer's segments, every scorer's score, and the
aggregation into an :class:`ArticleReport`. A scorer that raises on one article
becomes a ``CD001`` diagnostic on that article and nothing else is affected.
"""

from __future__ import annotations

import logging
import math
import multiprocessing
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import MISSING, dataclass, field, fields, replace
from typing import Any, TypeVar

from copydesk import batchpass, containment, diagnostics, pipes, quota, rollup, scoring
from copydesk.batchpass import BatchRun, Chunk
from copydesk.config import Config, placed
from copydesk.errors import ConfigError, PluginError, describe, plugin_raised, print_traceback
from copydesk.manager import PluginInfo, PluginSet
from copydesk.model import Breakdown, Model, breakdown, in_hundredths, scorer_terms
from copydesk.modelfile import ModelError, check_features, load_model, packaged_model_path
from copydesk.models import (
    Article,
    ArticleReport,
    Assessment,
    Context,
    FeaturePoints,
    Finding,
    FrozenDict,
    Scorer,
    ScorerResult,
    Segment,
    Severity,
    SourceRef,
    Unreadable,
)
from copydesk.pool import GROUP, Pool, Render, Rendered
from copydesk.quota import FIELD_ORDER, Overflow, sort_key
from copydesk.rules import check_selectors, selected_codes
from copydesk.safety import shown
from copydesk.sources._common import STRAY_BYTES, WESTERN, Deferred
from copydesk.suppress import Suppressions, naming
from copydesk.text import Document, TextView

log = logging.getLogger(__name__)

Item = Article | Unreadable
__all__ = ["FIELD_ORDER", "Runner", "sort_key"]
#: The scorer whose sub-score is the truncation confidence the model's truncation factor reads.
TRUNCATION = "truncation"
#: How many of a scorer's costliest features its result keeps (:attr:`copydesk.models.ScorerResult.costs`).
COSTLIEST = 3
#: How a guessed encoding was chosen, as CD003 says it (any other: charset-normalizer's detection).
_HOW_DECODED = {
    "utf-16": "byte order mark",
    "utf-32": "byte order mark",
    STRAY_BYTES: "UTF-8 with its stray bytes read as Windows-1252",
    WESTERN: "no UTF-8 sequence and few bytes above 0x7F",
}


@dataclass(frozen=True)
class ActiveScorer:
    """A scorer as configured for this run: settings, selected rules, weight, the names of its features."""

    info: PluginInfo
    scorer: Scorer
    context: Context
    weight: float
    severities: dict[str, Severity]
    #: The feature names the scorer declares (``Scorer.features``): it may report only these.
    declared: frozenset[str]
    #: How a warning names the scorer (what it prints, :func:`_name_printer`), worked out once.
    who: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        who = f"scorer {self.scorer.prefix} ({self.scorer.name}) of plugin {shown(self.info.name)}"
        object.__setattr__(self, "who", who)


def check_settings(plugins: PluginSet, config: Config) -> None:
    """Run each scorer's own settings check; the first bad value is a ConfigError naming file and key.

    A check that raises (``sys.exit()`` and a ``KeyboardInterrupt`` it raised too) or
    yields something other than a ``(key, problem)`` pair of strings is the plugin's
    failure (:class:`PluginError`, exit 3), not the configuration's.
    """
    for info, scorer in plugins.scorers:
        if scorer.check is None:
            continue
        where = f"{info.distribution} {info.version}"
        try:
            problem = next(iter(scorer.check(config.plugin_settings(scorer))), None)
        except BaseException as exc:  # isolation point: plugin loading (its settings check)
            if not plugin_raised(exc):
                raise
            raise PluginError(info.name, where, f"settings check raised {describe(exc)}") from None
        if problem is None:
            continue
        if wrong := malformed(problem):
            raise PluginError(info.name, where, wrong)
        key, what = problem
        raise ConfigError(placed(f"{config.source}: [plugins.{scorer.name}] {key} {what}", config.source))


def _read_model(plugins: PluginSet, config: Config) -> Model:
    """The model file ``[scoring] model`` names, else the packaged one, checked against the loaded scorers' features."""
    path = config.model_path() or packaged_model_path()
    declared = {s.name: {f.name: (str(f.direction), str(f.unit)) for f in s.features} for _, s in plugins.scorers}
    try:
        model = load_model(path)
        check_features(model, declared, path)
    except ModelError as exc:
        raise ModelError(config.model_problem(str(exc))) from None
    return model


def _name_printer(a: ActiveScorer) -> None:
    """What the scorer about to run prints is warned about under its own name (:func:`copydesk.containment.stdout_as_warnings`)."""
    stream = sys.stdout
    if isinstance(stream, pipes.Warnings):
        stream.flush()  # a line the previous scorer left unfinished is its own
        stream.who = a.who


def malformed(problem: object) -> str:
    """What is wrong with one thing a settings check yielded ("" for a ``(key, problem)`` pair of strings)."""
    if isinstance(problem, tuple) and len(problem) == 2 and all(isinstance(p, str) for p in problem):
        return ""
    name = type(problem).__name__
    what = f"{'an' if name[:1].lower() in 'aeiou' else 'a'} {name}"
    if isinstance(problem, tuple):
        what = f"a tuple of ({', '.join(type(p).__name__ for p in problem[:3])})"
    return f"settings check yielded {what}, not a (key, problem) pair of strings"


class Runner:
    """Score articles with a loaded plugin set under one configuration."""

    def __init__(self, plugins: PluginSet, config: Config, model: Model | None = None) -> None:
        """Resolve each scorer's settings, selected rules, severities and weight.

        :param model: the model to score with instead of reading ``[scoring] model``'s
            file (or the packaged one); none is read then. For the scripts that extract
            the features before any model exists (``scripts/model_data.py``): a model
            with no feature (:func:`copydesk.model.features_only`) leaves every feature
            in the reports and costs nothing, which a model file may not.
        """
        self.config = config
        #: The plugins loaded (a Dask cluster's workers must load the same: :mod:`copydesk.scale`).
        self.plugins = plugins.plugins
        #: Every loaded scorer with its plugin, selected or not: the rules a Dask worker must declare too.
        self.scorers = plugins.scorers
        self.scoring = config.scoring()
        #: The learned aggregate (``[scoring] model``, else the packaged one); a bad file is a ModelError (exit 2).
        self.model: Model = _read_model(plugins, config) if model is None else model
        #: Per model feature (in model order), its median over the professional reference.
        self._medians = [f.quantiles[50] for f in self.model.features]
        #: Per model feature (in model order), its scorer's name and its own.
        self._owners = [(f.scorer, f.name) for f in self.model.features]
        config.validate_plugins([s for _, s in plugins.scorers], plugins.disabled)
        check_settings(plugins, config)
        select, ignore = config.run["select"], config.run["ignore"]
        every_rule = [rule for _, scorer in plugins.scorers for rule in scorer.rules]
        where = f"--select/--ignore or run.select/run.ignore in {config.source}"
        if config.source.endswith("(packaged)"):  # the packaged defaults select ALL: a flag did it
            where = "--select/--ignore"
        check_selectors([*select, *ignore], every_rule, where, diagnostics.CORE_RULES)
        #: Selectors naming an installed rule, for a suppression's "matches no rule" (CD005);
        #: None when a plugin was disabled, whose rules (never loaded) a selector may name.
        loaded_all = set(plugins.disabled) <= set(plugins.unmatched)
        self.installed = naming((r.code, r.name) for r in every_rule) if loaded_all else None
        active: list[ActiveScorer] = []
        for info, scorer in plugins.scorers:
            codes = selected_codes(scorer.rules, select, ignore)
            if not codes:
                continue
            severities = {}
            for rule in scorer.rules:
                override = config.severity_override(rule.code, rule.name)
                severities[rule.code] = override or rule.severity
            context = Context(settings=config.plugin_settings(scorer), selected=codes)
            names = frozenset(f.name for f in scorer.features)
            active.append(ActiveScorer(info, scorer, context, config.weight(scorer), severities, names))
        self.active = tuple(active)
        self.batch_errors: dict[str, str] = {}
        #: How an article's source is named for the roll-up (``[rollup] by``).
        self.source_by = str(config.rollup["by"])
        #: The most findings one article's report keeps (``[run] max_findings_per_article``; 0: no cap; :mod:`copydesk.quota`).
        self.cap = int(config.run.get("max_findings_per_article", 0))
        #: Whether a body mostly in another script than Latin gets a CD007 note (``[run] non_latin_note``).
        self.non_latin_note = bool(config.run.get("non_latin_note", True))
        #: Called with the index in :attr:`active` of the scorer about to run (a worker records it).
        self.on_scorer: Callable[[int], None] = _nothing
        #: Called with the place in its chunk of each article a mapped batch pass observes (a worker times each).
        self.on_article: Callable[[int], None] = _nothing
        #: Score in this process and keep spans as returned: for the conformance suite, which
        #: measures this process's time and state and diagnoses bad spans itself.
        self.diagnosing = False

    @property
    def top_severity(self) -> str:
        """The highest severity a selected rule of an active scorer reports, after ``[severity]`` (``none``: no scorer runs)."""
        chosen = [a.severities[code] for a in self.active for code in a.context.selected]
        return max(chosen, key=lambda severity: severity.rank).value if chosen else "none"

    @property
    def needs_batch(self) -> bool:
        """Whether any active scorer has a batch pass."""
        return any(a.scorer.batch is not None for a in self.active)

    def batch_pass(self, items: Iterable[Item], workers: int = 1) -> None:
        """Fold every readable article into each batch-aware scorer's statistics (:mod:`copydesk.batchpass`).

        Scorers whose pass can merge are observed chunk by chunk in ``workers`` watched
        worker processes; the others here, in input order.
        """
        timeout = float(self.config.run.get("article_timeout", 0))
        self.batch_errors.update(BatchRun(self).run(items, max(1, workers), timeout))

    def work(self, item: Item | Deferred | Chunk, index: int, failed: Mapping[str, str]) -> Any:
        """What a worker does with a job: a chunk's batch-pass states, or an article's report.

        An item whose reading was deferred (:meth:`copydesk.sources.Batch.deferred`) is read here.

        :param failed: scorers (by prefix) not to call, with the error to report for each.
        """
        if isinstance(item, Deferred):
            item = item.read()
        if isinstance(item, Chunk):
            return batchpass.observe(self.active, item.articles, failed, self.on_scorer, self.on_article)
        return self.report(item, index, failed)

    def _segments(self, document: Document, failed: Mapping[str, str]) -> tuple[Document, dict[str, str]]:
        """Run every scorer's segmenter; return the document with segments, and errors."""
        segments: list[Segment] = []
        errors: dict[str, str] = {}
        for i, a in enumerate(self.active):
            if a.scorer.segment is None or a.scorer.prefix in failed:
                continue
            self.on_scorer(i)
            try:
                segments.extend(a.scorer.segment(document, a.context))
            except Exception as exc:  # isolation point: scoring
                errors[a.scorer.prefix] = describe(exc)
                print_traceback(exc, f"scorer {a.scorer.prefix}'s segmenter on article {shown(document.id)}")
        return (document.with_segments(segments) if segments else document), errors

    def _run_all(
        self, article: Article, document: Document, errors: Mapping[str, str], supp: Suppressions | None
    ) -> tuple[list[ScorerResult], list[Mapping[str, int]], Document]:
        """Call every scorer in turn; reject what breaks the plugin contract (:mod:`copydesk.containment`).

        A scorer that changed the shared document fails, and the next scorer gets a fresh one.
        With each result, what the cap left out of it, by code (:func:`copydesk.quota.capped`).
        """
        results, segments = [], document.segments
        lefts: list[Mapping[str, int]] = []
        before = containment.fingerprint(document)
        for i, a in enumerate(self.active):
            self.on_scorer(i)
            _name_printer(a)
            result, left = self._run_one(a, document, errors.get(a.scorer.prefix), supp)
            why = containment.problem(result, document, spans=not self.diagnosing) if result.error is None else None
            after = containment.fingerprint(document)
            if not containment.unchanged(before, after):
                why = "changed the shared document (object.__setattr__ on a frozen object)"
                document = replace(Document.from_article(replace(article)), segments=segments)
                after = containment.fingerprint(document)
            before = after
            results.append(containment.rejected(result, why) if why else result)
            lefts.append(_NOTHING_LEFT if why or result.error is not None else left)
        return results, lefts, document

    def _run_one(
        self, a: ActiveScorer, document: Document, error: str | None, supp: Suppressions | None = None
    ) -> tuple[ScorerResult, Mapping[str, int]]:
        """Call one scorer on one document and normalise what it returns; with what the cap left out, by code."""
        started = time.perf_counter()
        findings: tuple[Finding, ...] = ()
        overflow: Overflow | None = None
        metrics: Mapping[str, float] = _NO_NUMBERS
        features: Mapping[str, float] = _NO_NUMBERS
        subscore: float | None = None
        if error is None:
            try:
                findings, assessment, overflow = self._assess(a, document, supp)
                metrics = _metrics(a, assessment.metrics)
                features = _features(a, assessment.features)
                subscore = assessment.subscore
                if subscore is None:
                    subscore = _derived(findings, overflow, document.body.word_count, self.scoring)
                else:
                    subscore = containment.unit_interval(subscore, "sub-score")
                subscore = scoring.clamp(containment.finite(float(subscore), "sub-score"))
            except containment.BrokenContract as exc:  # the core's own words: no exception type before them
                error, findings, metrics, features, subscore = str(exc), (), {}, {}, None
            except Exception as exc:  # isolation point: scoring
                error, findings, metrics, features, subscore = describe(exc), (), {}, {}, None
                print_traceback(exc, f"scorer {a.scorer.prefix} on article {shown(document.id)}")
        result: ScorerResult = object.__new__(ScorerResult)  # ScorerResult(...) without the frozen __init__'s setattrs
        result.__dict__.update(
            prefix=a.scorer.prefix,
            name=a.scorer.name,
            plugin=a.info.name,
            subscore=subscore,
            weight=a.weight,
            contribution=0.0,
            findings=findings,
            metrics=metrics if type(metrics) is FrozenDict else FrozenDict(metrics),
            error=error,
            seconds=time.perf_counter() - started,
            features=features if type(features) is FrozenDict else FrozenDict(features),
        )
        return result, (overflow.left if overflow is not None and error is None else _NOTHING_LEFT)

    def _assess(
        self, a: ActiveScorer, document: Document, supp: Suppressions | None
    ) -> tuple[tuple[Finding, ...], Assessment, Overflow | None]:
        """The accepted findings (at most the cap), the assessment whose measurements leave suppressed findings out, the overflow.

        When a suppression dropped any of the scorer's findings, the scorer is called
        again on the document with those spans blanked (:func:`copydesk.scoring.mask`):
        its own sub-score, metrics and features then never count what the author accepted.
        Findings a scorer yields (a generator) are consumed as they come, never held past the cap.
        """
        output = a.scorer.score(document, a.context)
        assessment, given = (output, output.findings) if isinstance(output, Assessment) else (_NO_ASSESSMENT, output)
        if isinstance(given, (str, bytes)) or not isinstance(given, Iterable):
            raise containment.not_findings(given, "an Assessment or an iterable of Findings")
        suppressed: set[tuple[str, int, int]] = set()  # spans only: an ignore-file comment can drop every finding
        findings, overflow = quota.capped(
            self._accept(a, given, supp, suppressed), self.cap, spans=assessment.subscore is None
        )
        if not suppressed:
            return findings, assessment, overflow
        article = replace(
            document.article,
            title=scoring.mask(document.article.title, scoring.suppressed_spans(suppressed, "title")),
            body=scoring.mask(document.article.body, scoring.suppressed_spans(suppressed, "text")),
        )
        masked = Document.from_article(article)
        segments = [segment for group in document.segments.values() for segment in group]
        if segments:
            masked = masked.with_segments(segments)
        return findings, _assessment(a.scorer.score(masked, a.context)), overflow

    def _accept(
        self,
        a: ActiveScorer,
        findings: Iterable[Finding],
        supp: Suppressions | None,
        suppressed: set[tuple[str, int, int]],
    ) -> Iterator[Finding]:
        """Yield the selected, unsuppressed findings with severity overrides applied, plugin and prefix stamped.

        The spans (field, start, end) of the selected ones a suppression drops go into ``suppressed``.
        """
        known, selected, plugin, prefix = a.severities, a.context.selected, a.info.name, a.scorer.prefix
        allows = supp.allows if supp else None
        for finding in findings:
            if not isinstance(finding, Finding):
                raise containment.not_findings(finding)
            code = finding.code
            if code not in known:
                raise containment.BrokenContract(f"finding code {code} is not a rule of scorer {prefix}")
            if code not in selected:
                continue
            if allows is not None and not allows(finding):
                suppressed.add((finding.field, finding.start, finding.end))
                continue
            yield _stamped(finding, known[code], plugin, prefix)

    def score(self, article: Article, index: int = 0, failed: Mapping[str, str] | None = None) -> ArticleReport:
        """Score one article with every active scorer.

        :param failed: scorers (by prefix) not to call, with the error to report for each
            (a worker died or hung in them).
        """
        document = Document.from_copy(article)  # scorers get a copy of the article
        document, segment_errors = self._segments(document, failed or {})
        supp = Suppressions.of(article)
        results, lefts, document = self._run_all(article, document, {**segment_errors, **(failed or {})}, supp)
        found = [len(r.findings) + sum(left.values()) for r, left in zip(results, lefts, strict=True)]
        total, confidence, floored, judged = self._aggregate(results, document.body.word_count, found)
        results, omitted = quota.trimmed(results, lefts, self.cap)
        diags = self._diagnostics(article, results)
        if supp:
            active = [
                (rule.code, rule.name)
                for a, res in zip(self.active, results, strict=True)
                if res.error is None
                for rule in a.scorer.rules
                if rule.code in a.context.selected
            ]
            # the comments themselves are blanked in the text scorers read: point at them in the body as written
            written = document.body if document.body.text == article.body else TextView(article.body, "text")
            diags += supp.unused(active, written, self.installed)
        findings, ordered = _in_reading_order(results)
        band, verdict = scoring.grade(round(total, 2), self.scoring)  # the score as reported
        return _article_report(
            id=article.id,
            title=article.title,
            source=article.source,
            score=round(total, 2),
            grade=band,
            verdict=verdict,
            words=document.body.word_count,
            # each result copied once, with its points and its findings in reading order
            scorers=tuple(
                _replaced(r, findings=run, **changes) for r, run, changes in zip(results, ordered, judged, strict=True)
            ),
            findings=tuple(findings),
            diagnostics=tuple(diags),
            index=index,
            text=article.body,
            source_name=rollup.source_name(
                article.meta, article.url, article.source.path if article.source else None, self.source_by
            ),
            truncated=scoring.is_truncated(confidence),
            floored=floored,
            omitted=omitted,
        )

    def _aggregate(
        self, results: list[ScorerResult], words: int, found: list[int]
    ) -> tuple[float, float, bool, list[dict[str, Any]]]:
        """The score, the truncation confidence, whether the floor raised it, and per result the changes that give its points.

        The model scores the features it knows, with the minimum-evidence floor of an
        article of ``words`` words and the findings ``found`` of each result, those the cap
        left out too (:func:`copydesk.scoring.evidence_floor`).
        A scorer it has no feature of (a third-party scorer the model was not fitted with)
        still counts through its sub-score, as a factor ``subscore ** weight`` on the
        model's score, so its ``[scoring.weights]`` entry applies; the floor then holds
        after that factor (:meth:`_combined`). Contributions are rounded to hundredths so
        that they add up to ``100 - round(score, 2)`` exactly.
        """
        ok = [r for r in results if r.error is None]
        pairs = [(r.name, r.features) for r in ok]
        terms = scorer_terms(self.model, pairs)  # the model's terms from each scorer's features
        values = scoring.feature_vector(pairs) if terms is None else _NO_VALUES
        truncation = next((r.subscore for r in ok if r.name == TRUNCATION), None)
        confidence = scoring.truncation_confidence(truncation)
        known = self.model.scorers  # these, and truncation (the model's factor), are in score already
        others = [
            (r.name, r.subscore, r.weight)
            for r in ok
            if r.name not in known and r.name != TRUNCATION and r.subscore is not None
        ]
        floor = self._floor(results, words, found, {name for name, _, _ in others})
        names = [r.name for r in ok]
        total, points, floored, judged = self._combined(values, confidence, floor, others, names, terms)
        shown = in_hundredths(points, 100.0 - round(total, 2)) if points else {}
        costs = self._costliest(judged, shown)
        return (
            total,
            confidence,
            floored,
            [
                {"contribution": shown[r.name], "modelled": r.name in known, "costs": costs.get(r.name, ())}
                if r.name in shown
                else {"modelled": r.name in known}
                for r in results
            ],
        )

    def _costliest(self, judged: Breakdown, shown: Mapping[str, float]) -> dict[str, tuple[FeaturePoints, ...]]:
        """Per scorer, its :data:`COSTLIEST` features that cost the most points, costliest first.

        A feature's points are its share of the model's points, scaled as its scorer's
        were (by the minimum-evidence floor, the rounding to hundredths) so they sit in
        the scorer's ``contribution`` as shown. At a score of 100 no feature costs a point.
        Only the features that cost points are sorted (ties in model order), and only
        the scorers that keep one have their shares summed.
        """
        shares, used, owners, medians = judged.shares, judged.used, self._owners, self._medians
        kept: dict[str, list[int]] = {}
        for _, i in sorted([(-p, i) for i, p in enumerate(shares) if p > 0]):
            if used[i] is None:  # a missing feature costs nothing anyway
                continue
            row = kept.get(owners[i][0])
            if row is None:
                kept[owners[i][0]] = [i]
            elif len(row) < COSTLIEST:
                row.append(i)
        out: dict[str, tuple[FeaturePoints, ...]] = {}
        for scorer, row in kept.items():
            raw = math.fsum([shares[i] for i in self.model.places[scorer]])
            scale = shown.get(scorer, raw) / raw if raw > 0 else 1.0
            out[scorer] = tuple([_feature_points(owners[i][1], used[i], medians[i], shares[i] * scale) for i in row])
        return out

    def _floor(self, results: list[ScorerResult], words: int, found: list[int], outside: set[str]) -> float:
        """The minimum-evidence floor (:func:`copydesk.scoring.evidence_floor`); ``outside``: scorers the model does not weigh.

        Theirs count by severity penalty, one span once (as their sub-score does); those
        the cap left out (the least severe) as warnings.
        """
        penalty = self.scoring.severity_penalty
        inside, beyond = 0, 0.0
        for r, n in zip(results, found, strict=True):
            if r.name in outside:
                kept = scoring.dedupe(r.findings)
                beyond += sum(penalty.get(f.severity.value, 1.0) for f in kept)
                beyond += (n - len(r.findings)) * penalty.get("warning", 1.0)
            else:
                inside += n
        return scoring.evidence_floor(words, inside, self.scoring, beyond)

    def _combined(
        self,
        values: Mapping[str, float],
        confidence: float,
        floor: float,
        others: list[tuple[str, float, float]],
        names: list[str],
        known: tuple[list[float], list[float | None]] | None = None,
    ) -> tuple[float, dict[str, float], bool, Breakdown]:
        """The score, the points per scorer in ``names``, whether the floor raised it, and the model's breakdown.

        ``others``' factors are applied to the score and their points added to ``points``.

        The minimum-evidence ``floor`` applies to the model's score times the factors of
        the scorers outside the model, before the truncation factor, so one warning of
        such a scorer cannot take a short article the floor holds below it
        (:data:`copydesk.scoring.OUTSIDE_EVIDENCE`). Without such scorers, or without a
        floor, the model applies the floor (:func:`copydesk.model.breakdown`).
        ``known``: the model's terms of ``values``, worked out already (:func:`copydesk.model.scorer_terms`).
        """
        if others and floor > 0:
            plain = breakdown(self.model, values, known=known)
            score, points = plain.score, _points(plain.points, 0.0, names)
            before = _times_factors(score, points, others)
            held, points = scoring.raised(points, before, floor)
            total = held * (1.0 - self.model.truncation_penalty * confidence)
            if TRUNCATION in points:
                points[TRUNCATION] += held - total
            return total, points, held > before, plain
        judged = breakdown(self.model, values, confidence, floor, known)
        score, model_points, truncation_points = judged.score, judged.points, judged.truncation_points
        # the score before the truncation factor is the floor itself when the floor raised it
        floored = floor > 0 and score + truncation_points <= floor * (1 + 1e-12)
        points = _points(model_points, truncation_points, names)
        return _times_factors(score, points, others), points, floored, judged

    def _diagnostics(self, article: Article, results: list[ScorerResult]) -> list[Finding]:
        """Core diagnostics for one article: failed scorers, batch errors, guessed encoding, front matter read as body, script."""
        diags: list[Finding] = []
        source = article.source
        if source is not None and source.encoding_detected:
            how = _HOW_DECODED.get(source.encoding or "", "detected by charset-normalizer")
            diags.append(diagnostics.diagnostic(diagnostics.ENCODING_GUESSED, encoding=source.encoding, how=how))
        if source is not None and source.front_matter_ignored is not None:
            line, why = source.front_matter_ignored
            diag = diagnostics.diagnostic(diagnostics.FRONT_MATTER_IGNORED, problem=why)
            diags.append(replace(diag, line=line, end_line=line))
        if self.non_latin_note and (script := diagnostics.non_latin(article.body)) is not None:
            diags.append(script)
        for r in results:
            if r.prefix in self.batch_errors:
                diags.append(
                    diagnostics.diagnostic(
                        diagnostics.BATCH_ERROR, prefix=r.prefix, plugin=r.plugin, error=self.batch_errors[r.prefix]
                    )
                )
            if r.error is not None:
                diags.append(
                    diagnostics.diagnostic(diagnostics.SCORER_ERROR, prefix=r.prefix, plugin=r.plugin, error=r.error)
                )
        return diags

    def unreadable(self, item: Unreadable, index: int = 0) -> ArticleReport:
        """The report of an input that could not be read as an article (a record's under its own id, title and source)."""
        diag = diagnostics.diagnostic(diagnostics.UNREADABLE, problem=item.message)
        diag = replace(diag, line=item.record or 1, end_line=item.record or 1)
        return ArticleReport(
            id=item.report_id,
            title=item.title,
            source=SourceRef(path=item.path, format=item.format, record=item.record),
            score=None,
            grade="?",
            verdict="unreadable",
            words=0,
            scorers=(),
            findings=(),
            diagnostics=(diag,),
            index=index,
            source_name=rollup.source_name(item.meta, item.url, item.path, self.source_by),
        )

    def report(self, item: Item, index: int, failed: Mapping[str, str] | None = None) -> ArticleReport:
        """Score an article (what scorers print becomes warnings), or report an unreadable input."""
        if isinstance(item, Unreadable):
            return self.unreadable(item, index)
        with containment.stdout_as_warnings():
            return self.score(item, index, failed)

    def run(
        self,
        items: Callable[[], Iterable[Item]],
        workers: int = 1,
        on_report: Callable[[ArticleReport], None] | None = None,
    ) -> Iterator[ArticleReport]:
        """Score a batch: the batch pass if any scorer needs it, then every article.

        :param items: called once per pass, each call yields the batch again.
        :param workers: worker processes (fork, watched by :class:`copydesk.pool.Pool`, even
            for one, so a scorer that exits, dies or hangs costs only its own result);
            reports come back in input order.
        """
        for report, _ in self.rendered(items, workers):
            yield report

    def rendered(
        self,
        items: Callable[[], Iterable[Item]],
        workers: int = 1,
        render: Render | None = None,
        deferred: Callable[[], Iterable[Item | Deferred]] | None = None,
        context: Callable[[], Iterable[Item]] | None = None,
    ) -> Iterator[tuple[ArticleReport, tuple[str | bytes, ...] | str | None]]:
        """:meth:`run`, each report with the report writers' text ``render`` made of it in a worker.

        The text is None where the report was made in this process (no worker, or a
        job whose every scorer failed) or could not be rendered there: the caller
        renders those itself.

        :param deferred: the batch again as ``items`` gives it, records left to be read by
            the workers that score them (:meth:`copydesk.sources.Batch.deferred`): the
            scoring pass's items, when there are workers.
        :param context: what the batch pass reads instead of ``items`` (``--changed-since``:
            every article under the paths given, of which ``items`` are the changed ones).
        """
        if self.needs_batch:
            self.batch_pass((context or items)(), workers)
        if self.diagnosing or "fork" not in multiprocessing.get_all_start_methods():  # score here
            for index, item in enumerate(items()):
                yield self.report(item, index), None
            return
        timeout = float(self.config.run.get("article_timeout", 0))
        scored = (deferred or items)()
        for result in Pool(self, max(1, workers), timeout, render).run(enumerate(scored), GROUP):
            if isinstance(result, Rendered):
                yield result.report, result.text
            else:
                yield result, None


def _in_reading_order(results: list[ScorerResult]) -> tuple[list[Finding], list[tuple[Finding, ...]]]:
    """Every finding sorted by :func:`sort_key`, and each scorer's findings so sorted, from one sort.

    The sort is stable: findings with equal keys keep scorer order, then the scorer's
    own order, as sorting each scorer's findings and then all of them would. Each finding's
    key is computed once, with its place in that order (so two keys never tie) and its scorer.
    """
    keyed = [
        (sort_key(finding), place, run, finding)
        for place, (run, finding) in enumerate((run, f) for run, r in enumerate(results) for f in r.findings)
    ]
    keyed.sort()
    runs: list[list[Finding]] = [[] for _ in results]
    for _, _, run, finding in keyed:
        runs[run].append(finding)
    return [item[3] for item in keyed], [tuple(run) for run in runs]


_T = TypeVar("_T", Finding, ScorerResult)


def _replaced(obj: _T, **changes: Any) -> _T:
    """``dataclasses.replace(obj, **changes)`` for a Finding or ScorerResult, without re-running ``__init__``.

    Both are frozen dataclasses with no ``__post_init__``: the copy is their instance
    dictionary with ``changes`` applied. A subclass (a plugin's own) goes through ``replace``.
    """
    if type(obj) is not Finding and type(obj) is not ScorerResult:
        return replace(obj, **changes)
    state = obj.__dict__.copy()  # a copy of a dictionary is made at once, not key by key
    state.update(changes)
    new = object.__new__(type(obj))
    _set_state(new, "__dict__", state)
    return new


#: ``object.__setattr__``: sets an instance dictionary past a frozen dataclass's ``__setattr__``.
_set_state = object.__setattr__


def _stamped(finding: Finding, severity: Severity, plugin: str, prefix: str) -> Finding:
    """``_replaced(finding, severity=severity, plugin=plugin, prefix=prefix)``, each finding's stamp without keyword arguments."""
    if type(finding) is not Finding:
        return replace(finding, severity=severity, plugin=plugin, prefix=prefix)
    state = finding.__dict__.copy()
    state["severity"] = severity
    state["plugin"] = plugin
    state["prefix"] = prefix
    new = object.__new__(Finding)
    _set_state(new, "__dict__", state)
    return new


def _feature_points(name: str, value: float | None, median: float, points: float) -> FeaturePoints:
    """``FeaturePoints(name, value, median, points)`` without the frozen ``__init__``'s setattr per field (it has no ``__post_init__``)."""
    made = object.__new__(FeaturePoints)
    _set_state(made, "__dict__", {"name": name, "value": value, "median": median, "points": points})
    return made


#: Every field of an :class:`ArticleReport` in order, with its default (None for those without one).
_REPORT_FIELDS = {
    f.name: f.default if f.default is not MISSING else None if f.default_factory is MISSING else f.default_factory()
    for f in fields(ArticleReport)
}


def _article_report(**values: Any) -> ArticleReport:
    """``ArticleReport(**values)`` for the runner's reports, which give every field without a default.

    Without the frozen ``__init__``'s setattr per field (an ArticleReport has no
    ``__post_init__``): the fields in order, the defaults of those not given.
    """
    state = _REPORT_FIELDS.copy()
    state.update(values)
    report = object.__new__(ArticleReport)
    _set_state(report, "__dict__", state)
    return report


#: The types of feature value accepted without asking :func:`copydesk.containment.is_number` (an ABC check) of each.
_PLAIN_NUMBERS = frozenset((float, int))


def _metrics(a: ActiveScorer, values: Mapping[str, float]) -> FrozenDict:
    """A scorer's metrics sorted by name, as floats (made read-only at once); raise on one that is no number (a bool, a string), as for a feature."""
    if not _PLAIN_NUMBERS.issuperset(map(type, values.values())):
        for name, value in values.items():
            if not containment.is_number(value):
                raise containment.BrokenContract(
                    f"metric {shown(name)} of scorer {a.scorer.prefix} is {containment.kind(value)}, not a number"
                )
    names = sorted(values)
    return FrozenDict(zip(names, map(float, map(values.__getitem__, names)), strict=True))


def _features(a: ActiveScorer, values: Mapping[str, float]) -> Mapping[str, float]:
    """A scorer's feature values sorted by name; raise on an undeclared name or a non-finite value."""
    declared, scorer = a.declared, a.scorer
    numbers = values.values()
    if declared.issuperset(values) and (
        _PLAIN_NUMBERS.issuperset(map(type, numbers)) or all(map(containment.is_number, numbers))
    ):
        names = sorted(values)  # the common case at once, made read-only; else name by name
        made = FrozenDict(zip(names, map(float, map(values.__getitem__, names)), strict=True))
        if all(map(math.isfinite, made.values())):
            return made
    out: dict[str, float] = {}
    for name in sorted(values):
        if name not in declared:
            raise containment.BrokenContract(f"feature {shown(name)} is not declared by scorer {scorer.prefix}")
        if not containment.is_number(values[name]):
            raise containment.BrokenContract(
                f"feature {shown(name)} of scorer {scorer.prefix} is {containment.kind(values[name])}, not a number"
            )
        value = float(values[name])
        if not math.isfinite(value):
            raise containment.BrokenContract(
                f"feature {shown(name)} of scorer {scorer.prefix} is {value}, not a finite number"
            )
        out[name] = value
    return out


def _times_factors(score: float, points: dict[str, float], others: list[tuple[str, float, float]]) -> float:
    """``score`` times the factors ``subscore ** weight`` of ``others`` (``(name, subscore, weight)``), each one's points added to ``points``.

    A scorer's points are its share of the factors' points (:func:`copydesk.scoring.aggregate`) at ``score``.
    """
    if not others:
        return score
    factor, extra = scoring.aggregate([(s, w) for _, s, w in others])
    for (name, _, _), part in zip(others, extra, strict=True):
        points[name] += part * score / 100.0
    return score * factor / 100.0


def _points(model_points: Mapping[str, float], truncation_points: float, names: list[str]) -> dict[str, float]:
    """Points lost per scorer in ``names`` (truncation's include the truncation factor's points).

    Points of model features whose scorer is not among ``names`` (it failed or is
    disabled: their features cost 0) are zero; the parts still add up to ``100 - score``.
    """
    points = {name: model_points.get(name, 0.0) for name in names}
    if TRUNCATION in points:  # the factor only applies when the truncation scorer gave a sub-score
        points[TRUNCATION] += truncation_points
    return points


#: What the cap left out of a scorer's findings when it left out none (or the scorer failed): read-only, shared.
_NOTHING_LEFT: Mapping[str, int] = FrozenDict()

#: The metrics and features of a scorer that failed or was not called: read-only, shared.
_NO_NUMBERS: Mapping[str, float] = FrozenDict()

#: The feature mapping :func:`copydesk.model.breakdown` is given when it has the terms already (it reads none).
_NO_VALUES: Mapping[str, float] = FrozenDict()

#: What a scorer that returns findings only (a list, a generator) says beyond them.
_NO_ASSESSMENT = Assessment()


def _assessment(output: Any) -> Assessment:
    """A scorer's return value (on the text with suppressed spans blanked) as an Assessment: its findings are not used.

    An iterable of findings is consumed without being held, as the first call's are.
    """
    if isinstance(output, Assessment):
        return output
    deque(output, maxlen=0)
    return _NO_ASSESSMENT


def _derived(
    findings: tuple[Finding, ...], overflow: Overflow | None, words: int, settings: scoring.ScoringSettings
) -> float:
    """The sub-score derived from a scorer's findings: every finding, those the cap left out too (:mod:`copydesk.quota`)."""
    if overflow is None or overflow.spans is None:
        return scoring.subscore_from_findings(findings, words, settings)
    return scoring.subscore_from_severities(overflow.severities(), words, settings)


def _nothing(index: int) -> None:
    """The default :attr:`Runner.on_scorer` and :attr:`Runner.on_article`: nothing to record."""

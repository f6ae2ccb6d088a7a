"""The conformance suite: one call checks that a plugin keeps the scorer contract.

Plugin authors run it from their own tests; copydesk runs it on every built-in::

    from copydesk.conformance import assert_conformance
    import copydesk_clickbait

    def test_conformance():
        assert_conformance(copydesk_clickbait, examples=["You won't believe this!"])

It checks, for every scorer the plugin provides: rule codes valid, unique and sharing
the scorer's prefix; kebab-case names; every rule documented with the five sections;
settings of the types ``[plugins.NAME]`` can hold, each described in one line
(``Scorer.setting_docs``), which the scorer's own ``check`` accepts as they are;
declared features with snake_case, unique names, a known direction and unit, and scoring that reports only declared, finite feature values and findings
whose texts, positions and ``data`` are JSON values (the runner turns any other into a
failure); every finding's span inside its field, ``matched == text[start:end]``, line
and column right at both ends and the excerpt holding the match; the same output on a second run; the shared token stream
(``view.tokens``) right on every example and left unchanged by the scorer
(:func:`check_tokens`); no crash and linear time on adversarial input (see
:func:`check_scaling` for how time is measured without flaky asserts); and a batch
pass with ``merge`` finishing the same however the batch is cut and merged
(:func:`check_merge`).
"""

from __future__ import annotations

import bisect
import functools
import gc
import pickle
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import partial
from typing import Any

from copydesk.config import Config
from copydesk.errors import ConfigError, PluginError, describe, plugin_raised
from copydesk.manager import PluginSet
from copydesk.models import Article, ArticleReport, Finding, Scorer
from copydesk.rules import doc_problems, feature_problems, scorer_problems, setting_doc_problems
from copydesk.runner import Runner, malformed
from copydesk.safety import line, shown
from copydesk.testing import ADVERSARIAL_KINDS, adversarial_text, config_for, plugin_set, sample_articles
from copydesk.text import WORD, Document, TextView

#: Characters of the smallest input of the scaling check.
SCALE_CHARS = 8_000
#: (growth of the input, largest accepted growth of CPU time): linear time grows about
#: 4x and 16x, quadratic time 16x and 256x.
SCALE_STEPS = ((4, 12.0), (16, 40.0))
#: Below this CPU time on the larger input a ratio is noise, and the scorer fast enough anyway.
SCALE_FLOOR = 0.1
MEGABYTE = 1_000_000


@dataclass(frozen=True)
class Problem:
    """One way a scorer breaks the contract: which scorer, which check, what exactly."""

    scorer: str
    check: str
    detail: str

    def __str__(self) -> str:
        return f"{self.scorer} [{self.check}] {self.detail}"


class ConformanceError(AssertionError):
    """Raised by :func:`assert_conformance`; its message lists every problem, one a line."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        """Keep the problems and list them in the message."""
        self.problems = tuple(problems)
        super().__init__("plugin does not conform:\n" + "\n".join(f"  {line(str(p))}" for p in problems))


def check_rules(scorer: Scorer) -> list[Problem]:
    """Prefix, scorer name, rule codes, names and message templates (the rule contract)."""
    return [Problem(scorer.prefix, "codes", detail) for detail in scorer_problems(scorer)]


def check_docs(scorer: Scorer) -> list[Problem]:
    """Every rule's doc has the five sections, in order, each with some text."""
    return [Problem(scorer.prefix, "docs", detail) for rule in scorer.rules for detail in doc_problems(rule)]


def check_features(scorer: Scorer) -> list[Problem]:
    """Declared features: snake_case names, unique, a known direction and unit, a doc."""
    found = [Problem(scorer.prefix, "features", problem) for problem in feature_problems(scorer)]
    undocumented = [f for f in scorer.features if not f.doc.strip()]
    return found + [Problem(scorer.prefix, "features", f"feature {shown(f.name)} has no doc") for f in undocumented]


def _setting_ok(value: Any) -> bool:
    """Whether a TOML table can hold ``value`` as a setting (str, int, float, bool, list[str])."""
    if isinstance(value, list):
        return all(isinstance(v, str) for v in value)
    return isinstance(value, (str, int, float, bool))


def check_settings(scorer: Scorer) -> list[Problem]:
    """Setting keys are strings, values str, int, float, bool or list[str], each described, and ``check`` passes the defaults."""
    found = [
        Problem(
            scorer.prefix,
            "settings",
            f"setting {shown(key)} = {shown(value)} is not str, int, float, bool or list[str]",
        )
        for key, value in scorer.settings.items()
        if not isinstance(key, str) or not _setting_ok(value)
    ]
    return found + _description_problems(scorer) + _default_check(scorer)


def _description_problems(scorer: Scorer) -> list[Problem]:
    """A problem per setting without a one-line description in ``setting_docs`` (what ``copydesk explain`` shows)."""
    if wrong := setting_doc_problems(scorer):
        return [Problem(scorer.prefix, "settings", problem) for problem in wrong]
    found = []
    for key in scorer.settings:
        text = scorer.setting_docs.get(key, "")
        if not text.strip():
            found.append(f"setting {shown(key)} has no description in setting_docs")
        elif len(text.splitlines()) > 1:
            found.append(f"the description of setting {shown(key)} is not one line")
    return [Problem(scorer.prefix, "settings", problem) for problem in found]


def _default_check(scorer: Scorer) -> list[Problem]:
    """A problem per complaint of the scorer's ``check`` about its own defaults (or its crash)."""
    if scorer.check is None:
        return []
    try:
        complaints = list(scorer.check(scorer.settings))
    except BaseException as exc:  # isolation point: plugin loading (the core runs check when it loads settings)
        if not plugin_raised(exc):
            raise
        return [Problem(scorer.prefix, "settings", f"check raised on the defaults: {describe(exc)}")]
    if wrong := next(filter(None, map(malformed, complaints)), ""):
        return [Problem(scorer.prefix, "settings", wrong)]
    return [
        Problem(scorer.prefix, "settings", f"check rejects the default of {shown(key)}: {problem}")
        for key, problem in complaints
    ]


def _run(plugins: PluginSet, cfg: Config, articles: Sequence[Article]) -> tuple[Runner, list[ArticleReport]]:
    """Score ``articles`` as one batch with a fresh runner."""
    runner = Runner(plugins, cfg)
    runner.diagnosing = True
    return runner, list(runner.run(lambda: iter(articles)))


def _failures(scorer: Scorer, runner: Runner, reports: Iterable[ArticleReport], what: str) -> list[Problem]:
    """A problem per article the scorer (or its batch pass, or segmenter) failed on: raised, or returned what the core rejects."""
    found = [Problem(scorer.prefix, "robustness", f"batch pass raised {e}") for e in runner.batch_errors.values()]
    for report in reports:
        for result in report.failed_scorers:
            found.append(Problem(scorer.prefix, "robustness", f"failed on {what} {shown(report.id)}: {result.error}"))
    return found


def check_findings(scorer: Scorer, articles: Sequence[Article], plugins: PluginSet, cfg: Config) -> list[Problem]:
    """Run the batch twice: no crash, the same output both times, every finding well placed."""
    runner, first = _run(plugins, cfg, articles)
    found = _failures(scorer, runner, first, "article")
    _, second = _run(plugins, cfg, articles)
    if [_outcome(r) for r in first] != [_outcome(r) for r in second]:
        found.append(Problem(scorer.prefix, "determinism", "two runs on the same batch gave different results"))
    for article, report in zip(articles, first, strict=True):
        views = {
            "title": TextView(article.title, "title"),
            "text": TextView(article.body, "text"),
            "byline": TextView(article.byline or "", "byline"),
        }
        for finding in report.findings:
            if detail := _finding_problem(finding, views):
                found.append(Problem(scorer.prefix, "spans", f"{finding.code} on {shown(report.id)}: {detail}"))
    return found


def _observed(scorer: Scorer, settings: Any, documents: Sequence[Document]) -> Any:
    """A fresh batch-pass state that observed ``documents`` in order."""
    assert scorer.batch is not None
    state = scorer.batch.start(settings)
    for document in documents:
        scorer.batch.observe(state, document)
    return state


def _same(a: Any, b: Any) -> bool:
    """Whether two finished statistics are equal (by pickle where ``==`` cannot say, as with numpy arrays)."""
    try:
        if bool(a == b):
            return True
    except (ValueError, TypeError):
        pass
    return pickle.dumps(a) == pickle.dumps(b)


def check_merge(scorer: Scorer, articles: Sequence[Article], cfg: Config) -> list[Problem]:
    """A batch pass with ``merge`` keeps the map/merge contract on ``articles``.

    The pass's ``finish`` must give the same result for one state that observed every
    article in order and for chunk states merged in order, with the batch cut in
    single articles, in halves and in thirds; ``merge(merge(a, b), c)`` must finish
    like ``merge(a, merge(b, c))``; and a state must survive pickling (chunk states
    travel from worker processes and cluster nodes).
    """
    batch = scorer.batch
    if batch is None or batch.merge is None:
        return []
    merge = batch.merge
    settings = cfg.plugin_settings(scorer)
    documents = [Document.from_article(article) for article in articles]
    problem = partial(Problem, scorer.prefix, "merge")
    try:
        whole = batch.finish(_observed(scorer, settings, documents))
        third = max(1, len(documents) // 3)
        for name, size in (("single articles", 1), ("halves", max(1, (len(documents) + 1) // 2)), ("thirds", third)):
            parts = [documents[i : i + size] for i in range(0, len(documents), size)]
            states = [pickle.loads(pickle.dumps(_observed(scorer, settings, part))) for part in parts]
            if not _same(batch.finish(functools.reduce(merge, states)), whole):
                return [problem(f"chunks of {name} merged in order finish differently from one pass over the batch")]
        a, b, c = ([_observed(scorer, settings, documents[i * third : (i + 1) * third])] for i in range(3))
        left = batch.finish(merge(merge(a[0], b[0]), c[0]))
        a, b, c = ([_observed(scorer, settings, documents[i * third : (i + 1) * third])] for i in range(3))
        if not _same(left, batch.finish(merge(a[0], merge(b[0], c[0])))):
            return [problem("merge is not associative: (a+b)+c and a+(b+c) finish differently")]
    except Exception as exc:  # isolation point: scoring (the batch pass under test)
        return [problem(f"the batch pass raised {describe(exc)}")]
    return []


def stream_problem(view: TextView) -> str | None:
    """What is wrong with ``view.tokens`` (the shared token stream) against its definition, or None."""
    tokens, text = view.tokens, view.text
    spans = [m.span() for m in WORD.finditer(text)]
    if list(zip(tokens.starts, tokens.ends, strict=True)) != spans or list(view.words) != spans:
        return "its words are not the WORD pattern's matches"
    if tokens.forms != tuple(text[s:e].lower() for s, e in spans) or len(tokens.lower) != len(text):
        return "its lower-case forms are not each word's str.lower(), or lower moved the offsets"
    owners = [(tokens.sentence, [s.start for s in view.sentences]), (tokens.line, [ln.start for ln in view.lines])]
    for per_word, starts in owners:
        if list(per_word) != [bisect.bisect_right(starts, s) - 1 for s, _ in spans]:
            return "a word's sentence or line index is wrong"
    return None


def _snapshot(document: Document) -> list[Any]:
    """Everything of both fields' token streams a scorer could change."""
    out: list[Any] = []
    for view in (document.title, document.body):
        tokens = view.tokens
        out += [id(tokens), tokens.text, tokens.lower, tokens.starts.tobytes(), tokens.ends.tobytes(), tokens.forms]
        out += [tokens.sentence.tobytes(), tokens.line.tobytes(), view.words]
    return out


def check_tokens(scorer: Scorer, articles: Sequence[Article], plugins: PluginSet, cfg: Config) -> list[Problem]:
    """The token stream is right on every article, and scoring leaves it as it was.

    Every scorer of an article reads the same ``view.tokens``; one that replaced or
    changed it would change what the scorers after it see.
    """
    runner = Runner(plugins, cfg)
    runner.batch_pass(articles)
    active = next(a for a in runner.active if a.scorer.prefix == scorer.prefix)
    found: list[Problem] = []
    for article in articles:
        document = Document.from_article(article)
        for view in (document.title, document.body):
            if detail := stream_problem(view):
                found.append(Problem(scorer.prefix, "tokens", f"{view.field} of {shown(article.id)}: {detail}"))
        before = _snapshot(document)
        try:
            result = active.scorer.score(document, active.context)
            if not hasattr(result, "findings"):
                list(result)
        except Exception:  # crashes are check_findings' to report
            continue
        if _snapshot(document) != before:
            found.append(Problem(scorer.prefix, "tokens", f"changed the shared token stream of {shown(article.id)}"))
    return found


def _finding_problem(finding: Finding, views: dict[str, TextView]) -> str | None:
    """What is wrong with where a finding points, or None."""
    view = views.get(finding.field)
    if view is None:
        return f"field {shown(finding.field)} is not 'text', 'title' or 'byline'"
    start, end, text = finding.start, finding.end, view.text
    if not 0 <= start <= end <= len(text):
        return f"span {start}:{end} is outside the {view.field} ({len(text)} characters)"
    if finding.matched != text[start:end]:
        return f"matched {shown(finding.matched[:40])} is not {view.field}[{start}:{end}] {shown(text[start:end][:40])}"
    if " ".join(finding.matched.split()) not in finding.excerpt:
        return f"excerpt {shown(finding.excerpt[:60])} does not contain the matched text {shown(finding.matched[:40])}"
    if (finding.line, finding.column) != view.line_col(start):
        return f"line {finding.line} column {finding.column} is not where offset {start} is"
    if (finding.end_line, finding.end_column) != view.line_col(end):
        return f"end line {finding.end_line} end column {finding.end_column} is not where offset {end} is"
    return None


def _outcome(report: ArticleReport) -> Any:
    """What must not change between two runs: findings, subscores, metrics, features, errors."""
    return report.findings, [(r.prefix, r.subscore, dict(r.metrics), dict(r.features), r.error) for r in report.scorers]


def _cpu_seconds(plugins: PluginSet, cfg: Config, item: Article) -> tuple[float, list[Problem]]:
    """CPU seconds this process spent scoring ``item`` (batch pass included), and crashes.

    The garbage collector is run first and paused meanwhile, as ``timeit`` does: a full
    collection costs time in proportion to everything the process holds (a long test
    session holds a lot), not to the text being scored.
    """
    scorer = plugins.scorers[0][1]
    gc.collect()
    enabled = gc.isenabled()
    gc.disable()
    try:
        started = time.process_time()
        runner, reports = _run(plugins, cfg, [item])
        elapsed = time.process_time() - started
    finally:
        if enabled:
            gc.enable()
    return elapsed, _failures(scorer, runner, reports, "adversarial input")


def _adversarial(kind: str, size: int) -> Article:
    """An article whose title and body are both ``size`` characters of ``kind``."""
    text = adversarial_text(kind, size)
    return Article(id=f"{kind}-{size}", title=text, body=text)


def check_scaling(
    plugins: PluginSet, cfg: Config, seconds_per_megabyte: float = 60.0, kinds: Sequence[str] = ADVERSARIAL_KINDS
) -> list[Problem]:
    """No crash and linear time on adversarial input, then no crash on 1 MB.

    Time is the CPU time of this process (``time.process_time``), not wall-clock time,
    so other processes on a busy machine barely change it, and no absolute time is
    asserted except the generous cap below. For each adversarial kind the scorer runs
    on n = 8,000, 4n and 16n characters. Linear time grows about 4 and 16 times (less,
    with fixed costs; n log n about 21 times on 16n), quadratic time 16 and 256 times;
    the check fails when time on 4n exceeds 12 times the time on n, or time on 16n 40
    times it (see :data:`SCALE_STEPS`). The 4n step catches a quadratic scorer before
    the 16n run gets slow. The garbage collector is paused while timing (its cost
    depends on the whole process, not the text), and a ratio near its limit is
    measured again, keeping the faster runs, so one hiccup (a cache flush, a busy
    neighbour) cannot fail it. Runs under
    :data:`SCALE_FLOOR` (0.1) seconds are too short to judge, and fast enough to pass
    whatever their shape (a quadratic scorer that fast on 128,000 characters still
    meets the 1 MB cap). Only then does the scorer get a 1 MB article mixing
    every kind (so a quadratic scorer fails in seconds instead of hanging on the
    megabyte); that run must finish under ``seconds_per_megabyte`` of CPU, a cap
    generous enough for any linear scorer.
    """
    for kind in kinds:
        if found := _scaling_problems(plugins, cfg, kind):
            return found
    seconds, crashed = _cpu_seconds(plugins, cfg, _adversarial("mixed", MEGABYTE))
    if not crashed and seconds > seconds_per_megabyte:
        detail = f"1 MB took {seconds:.1f}s CPU (cap {seconds_per_megabyte:g}s)"
        crashed = [Problem(plugins.scorers[0][1].prefix, "linear-time", detail)]
    return crashed


def _scaling_problems(plugins: PluginSet, cfg: Config, kind: str) -> list[Problem]:
    """Crashes on n, 4n and 16n characters of ``kind``, or super-linear growth of time."""

    def measure(size: int) -> tuple[float, list[Problem]]:
        return _cpu_seconds(plugins, cfg, _adversarial(kind, size))

    base, crashed = measure(SCALE_CHARS)
    for growth, limit in SCALE_STEPS:
        large, crashed_large = measure(growth * SCALE_CHARS)
        if crashed or crashed_large:
            return crashed + crashed_large
        if large < SCALE_FLOOR or large <= limit * base:
            continue
        if large < 4 * limit * base:  # near the limit: measure again, keep the faster runs
            base = min(base, measure(SCALE_CHARS)[0])
            large = min(large, measure(growth * SCALE_CHARS)[0])
            if large <= limit * base:
                continue
        detail = (
            f"{kind}: {large / max(base, 1e-9):.0f}x the CPU time on {growth}x the text ({base:.3f}s, {large:.3f}s)"
        )
        return [Problem(plugins.scorers[0][1].prefix, "linear-time", detail)]
    return []


def check_scorer(
    scorer: Scorer,
    examples: Iterable[str | Article] = (),
    timing: bool = True,
    settings: dict[str, Any] | None = None,
    require_findings: bool = True,
) -> list[Problem]:
    """Every check on one scorer; an empty list means it conforms.

    :param examples: texts (or articles) on which the scorer should find something, so
        the span checks see real findings; scored in one batch with a built-in sample
        of ordinary and awkward copy. An article's ``source`` is dropped so findings
        stay in field coordinates.
    :param timing: False skips the scaling and 1 MB checks (for quick local runs).
    :param settings: values for the scorer's ``[plugins.NAME]`` table.
    :param require_findings: report a problem when the examples give no finding at all.
    """
    found = check_rules(scorer) + check_docs(scorer) + check_settings(scorer) + check_features(scorer)
    loaded = _loaded(scorer, settings)
    if isinstance(loaded, str):  # the core refuses the scorer as it is: nothing can be run, so nothing timed
        return [*found, Problem(scorer.prefix, "loading", f"{NOT_RUN}: {loaded}")]
    # Loaded: the behaviour checks run even beside a docs or settings problem, so an
    # author learns of a scorer that raises or returns the wrong types at once.
    return found + _behaviour(
        scorer, [_example(e, i) for i, e in enumerate(examples)], *loaded, require_findings, timing
    )


def _loaded(scorer: Scorer, settings: dict[str, Any] | None) -> tuple[PluginSet, Config] | str:
    """The plugin set and configuration a run of ``scorer`` alone uses, or why the core refuses to load it."""
    try:
        plugins = plugin_set(scorers=[scorer])
        # Every rule on, the opt-in ones (named by code) too, so their findings are checked.
        select = ["ALL", *(rule.code for rule in scorer.rules if rule.opt_in)]
        overrides: dict[str, Any] = {"run": {"select": select}}
        if settings:
            overrides["plugins"] = {scorer.name: settings}
        cfg = config_for(plugins, overrides)
        Runner(plugins, cfg)  # checks the settings as a run does
    except (PluginError, ConfigError) as exc:
        return str(exc)
    return plugins, cfg


def _behaviour(
    scorer: Scorer, mine: list[Article], plugins: PluginSet, cfg: Config, require_findings: bool, timing: bool
) -> list[Problem]:
    """What running the loaded scorer shows: crashes, wrong results, spans, tokens, merging, time."""
    found = check_findings(scorer, [*mine, *sample_articles()], plugins, cfg)
    found += check_merge(scorer, [*mine, *sample_articles()], cfg)
    if not found:
        found += check_tokens(scorer, [*mine, *sample_articles()], plugins, cfg)
    if mine and require_findings and not found:
        _, reports = _run(plugins, cfg, mine)
        if not any(r.findings for r in reports):
            found.append(Problem(scorer.prefix, "spans", "the examples gave no findings, so no span was checked"))
    if timing:  # even when other problems were found: fixing them must not reveal a slow scorer only then
        found += check_scaling(plugins, cfg)
    return found


#: Said when the scorer cannot be run (the reason, the core's load or settings error, follows).
NOT_RUN = "behaviour and time checks skipped: the core refuses to load the scorer as it is"


def _example(item: str | Article, index: int) -> Article:
    """An example as an article without a source (so offsets are not relocated)."""
    if isinstance(item, Article):
        return replace(item, source=None)
    return Article(id=f"example-{index}", title="", body=item)


def check_plugin(plugin: Any, examples: Iterable[str | Article] = (), timing: bool = True) -> list[Problem]:
    """Every check on every scorer a plugin (module or object) provides, loaded as the core loads it."""
    label = getattr(plugin, "__name__", type(plugin).__name__)
    try:
        scorers = [scorer for _, scorer in plugin_set(plugins=[("plugin", plugin)]).scorers]
    except PluginError as exc:
        found = [Problem(label, "loading", exc.problem)]
        return found + [p for s in _raw_scorers(plugin) for p in check_rules(s) + check_docs(s)]
    if not scorers:
        return [Problem(label, "loading", "copydesk_scorers provided no scorer")]
    texts = list(examples)
    return [problem for scorer in scorers for problem in check_scorer(scorer, texts, timing)]


def _raw_scorers(plugin: Any) -> list[Scorer]:
    """The scorers a plugin's hook returns, unvalidated (none if the hook is missing or raises)."""
    provided = getattr(plugin, "copydesk_scorers", None)
    try:
        raw = list(provided()) if callable(provided) else []
    except Exception:  # isolation point: plugin loading (the load error is already reported)
        return []
    return [s for s in raw if isinstance(s, Scorer)]


def assert_conformance(target: Any, examples: Iterable[str | Article] = (), timing: bool = True) -> None:
    """Raise :class:`ConformanceError` listing every problem of a plugin module/object or Scorer.

    :param target: a plugin module or object (as its entry point names it) or one Scorer.
    :param examples: texts on which the plugin should find something (see :func:`check_scorer`).
    :param timing: False skips the scaling and 1 MB checks.
    """
    texts = list(examples)
    problems = (
        check_scorer(target, texts, timing) if isinstance(target, Scorer) else check_plugin(target, texts, timing)
    )
    if problems:
        raise ConformanceError(problems)

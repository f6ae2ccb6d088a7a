"""The runner: failure isolation, batch pass, segments, selection, determinism."""

from __future__ import annotations

import gc
import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from copydesk import Assessment, BatchPass, Context, Document, Feature, Finding, Rule, Scorer, Segment, Severity
from copydesk.errors import ConfigError, PluginError
from copydesk.formats.schema import article_dict
from copydesk.manager import load_plugins
from copydesk.runner import Runner
from copydesk.testing import article, config_for, plugin_set, run_scorer, score_batch

WORD = Rule("WRD001", "flagged-word", "Word '{word}' is flagged")
LOUD = Rule("WRD002", "loud-word", "Word '{word}' is loud", Severity.ERROR)


def word_score(document: Document, context: Context) -> Iterator[Finding]:
    body = document.body
    for start, end in body.words:
        word = body.text[start:end]
        if word.lower() in context.settings["words"]:
            yield (LOUD if word.isupper() else WORD).finding(body, start, end, word=word)


WORDS = Scorer("WRD", "words", (WORD, LOUD), word_score, settings={"words": ["bad"]})


def explode(document: Document, context: Context) -> list[Finding]:
    if "boom" in document.body.text:
        raise ZeroDivisionError("division by zero")
    return []


BOOM = Scorer("BOM", "boom", (Rule("BOM001", "boom-rule", "m"),), explode)


def test_scorer_raising_on_one_article_leaves_everything_else_complete() -> None:
    reports = score_batch(["a bad day", "boom and bad", "fine"], plugin_set(scorers=[WORDS, BOOM]))
    assert [r.score is not None for r in reports] == [True, True, True]
    failed = reports[1]
    assert [d.code for d in failed.diagnostics] == ["CD001"]
    assert (
        "Scorer BOM (test) failed on this article: ZeroDivisionError: division by zero" == failed.diagnostics[0].message
    )
    assert [f.code for f in failed.findings] == ["WRD001"]
    assert [s.error for s in failed.scorers] == [None, "ZeroDivisionError: division by zero"]
    assert all(not r.diagnostics for r in (reports[0], reports[2]))


def test_selection_and_severity_overrides_apply_to_findings() -> None:
    text = "bad BAD"
    assert [f.code for f in run_scorer(WORDS, text)] == ["WRD001", "WRD002"]
    assert [f.code for f in run_scorer(WORDS, text, select=["WRD002"])] == ["WRD002"]
    [report] = score_batch([text], plugin_set(scorers=[WORDS]), {"severity": {"flagged-word": "error"}})
    assert [f.severity for f in report.findings] == [Severity.ERROR, Severity.ERROR]


def test_plugin_settings_reach_the_scorer() -> None:
    assert [f.matched for f in run_scorer(WORDS, "odd bad", settings={"words": ["odd"]})] == ["odd"]


class Counting:
    """A batch-aware test scorer: flags words that occur in two or more articles."""

    @staticmethod
    def start(settings: Any) -> Counter[str]:
        return Counter()

    @staticmethod
    def observe(state: Counter[str], document: Document) -> None:
        body = document.body
        state.update({body.text[a:b].lower() for a, b in body.words})

    @staticmethod
    def finish(state: Counter[str]) -> frozenset[str]:
        return frozenset(w for w, n in state.items() if n >= 2)


SHARED = Rule("SHR001", "shared-word", "Word '{word}' appears in other articles")


def shared_score(document: Document, context: Context) -> Assessment:
    body = document.body
    found = [
        SHARED.finding(body, a, b, word=body.text[a:b])
        for a, b in body.words
        if body.text[a:b].lower() in context.batch
    ]
    return Assessment(tuple(found), subscore=1.0 - len(found) / max(1, body.word_count), metrics={"shared": len(found)})


BATCHED = Scorer(
    "SHR", "shared", (SHARED,), shared_score, batch=BatchPass(Counting.start, Counting.observe, Counting.finish)
)


def test_batch_pass_sees_the_whole_batch_before_scoring() -> None:
    reports = score_batch(["alpha beta", "beta gamma", "delta"], plugin_set(scorers=[BATCHED]))
    assert [[f.matched for f in r.findings] for r in reports] == [["beta"], ["beta"], []]
    assert reports[0].scorers[0].metrics == {"shared": 1.0} and reports[0].scorers[0].subscore == 0.5


def test_batch_pass_that_raises_is_reported_and_scoring_goes_on() -> None:
    broken = Scorer(
        "BRK",
        "broken",
        (Rule("BRK001", "x-rule", "m"),),
        lambda d, c: [],
        batch=BatchPass(lambda s: None, lambda s, d: 1 / 0, lambda s: None),
    )
    reports = score_batch(["one", "two"], plugin_set(scorers=[broken, WORDS]))
    assert all([d.code for d in r.diagnostics] == ["CD004"] for r in reports)
    assert "ZeroDivisionError" in reports[0].diagnostics[0].message


MARK = Rule("SEG001", "segment-seen", "m")


def segmenter(document: Document, context: Context) -> list[Segment]:
    text = document.body.text
    return [Segment("boilerplate", text.index("Leave"), len(text))] if "Leave" in text else []


def reader(document: Document, context: Context) -> list[Finding]:
    spans = document.segments.get("boilerplate", ())
    return [MARK.finding(document.body, s.start, s.end) for s in spans]


def test_segments_from_one_scorer_reach_every_scorer() -> None:
    producer = Scorer("SGP", "producer", (Rule("SGP001", "p-rule", "m"),), lambda d, c: [], segment=segmenter)
    consumer = Scorer("SEG", "consumer", (MARK,), reader)
    [report] = score_batch(["Real text.\nLeave a Comment"], plugin_set(scorers=[consumer, producer]))
    assert [f.matched for f in report.findings] == ["Leave a Comment"]


def test_reports_are_identical_whatever_the_number_of_workers() -> None:
    texts = [article(f"text {i} bad " * (i % 7 + 1), id=f"id{i}") for i in range(40)] + ["boom bad"]
    plugins = plugin_set(scorers=[WORDS, BOOM, BATCHED])
    one = [json.dumps(article_dict(r)) for r in score_batch(texts, plugins, workers=1)]
    two = [json.dumps(article_dict(r)) for r in score_batch(texts, plugins, workers=2)]
    assert one == two and len(one) == 41


def _no_bad(settings: Any) -> Iterator[tuple[str, str]]:
    if "bad" in settings["words"]:
        yield "words", "must not list 'bad'"


def _raises(settings: Any) -> list[tuple[str, str]]:
    raise KeyError("limit")


@pytest.mark.parametrize(
    ("check", "words", "error", "message"),
    [
        (_no_bad, ["fine"], None, ""),
        (_no_bad, ["bad"], ConfigError, "config.toml (packaged): [plugins.words] words must not list 'bad'"),
        (_raises, ["fine"], PluginError, "plugin 'test' (local 0) failed to load: settings check raised KeyError"),
    ],
)
def test_scorer_check_runs_once_before_any_article(
    check: Any, words: list[str], error: type[Exception] | None, message: str
) -> None:
    scorer = replace(WORDS, check=check, settings={"words": ["fine"]})
    plugins = plugin_set(scorers=[scorer])
    cfg = config_for(plugins, {"plugins": {"words": {"words": words}}})
    if error is None:
        assert Runner(plugins, cfg).active
        return
    with pytest.raises(error) as info:
        Runner(plugins, cfg)
    assert str(info.value).startswith(message)


def _exits(settings: Any) -> list[tuple[str, str]]:
    raise SystemExit(4)


def _interrupts(settings: Any) -> list[tuple[str, str]]:
    raise KeyboardInterrupt


@pytest.mark.parametrize(
    ("check", "problem"),
    [
        (_exits, "settings check raised SystemExit: 4"),
        (_interrupts, "settings check raised KeyboardInterrupt"),
        (lambda settings: ["words"], "settings check yielded a str, not a (key, problem) pair of strings"),
        (lambda settings: [5], "settings check yielded an int, not a (key, problem) pair of strings"),
        (lambda settings: [("words", 5)], "settings check yielded a tuple of (str, int), not a (key, problem) pair"),
        (lambda settings: [("words", "a", "b")], "settings check yielded a tuple of (str, str, str), not a (key"),
    ],
)
def test_a_settings_check_that_exits_interrupts_or_yields_a_malformed_problem_is_the_plugins_failure(
    check: Any, problem: str
) -> None:
    plugins = plugin_set(scorers=[replace(WORDS, check=check)])
    with pytest.raises(PluginError) as info:
        Runner(plugins, config_for(plugins))
    assert str(info.value).startswith(f"plugin 'test' (local 0) failed to load: {problem}")
    assert str(info.value).endswith("; run with --disable test to go on without it")


RATE = Feature("bad_per_1000_words", "problem", "'bad' per 1,000 words", "per_1000_words")
SEEN = Feature("any_bad", "problem", "1.0 when 'bad' occurs", "presence")


def featured(values: dict[str, float]) -> Scorer:
    """The WRD scorer declaring RATE and SEEN and reporting ``values`` as its features."""

    def score(document: Document, context: Context) -> Assessment:
        return Assessment(tuple(word_score(document, context)), features=values)

    return replace(WORDS, score=score, features=(RATE, SEEN))


def test_declared_features_reach_the_result_and_json_sorted_by_name() -> None:
    [report] = score_batch(["a bad day"], plugin_set(scorers=[featured({"bad_per_1000_words": 3.5, "any_bad": 1})]))
    assert list(report.scorers[0].features.items()) == [("any_bad", 1.0), ("bad_per_1000_words", 3.5)]
    scorer = article_dict(report)["scorers"][0]
    assert list(scorer)[list(scorer).index("metrics") + 1] == "features"
    assert scorer["features"] == {"any_bad": 1.0, "bad_per_1000_words": 3.5}


@pytest.mark.parametrize(
    ("values", "error"),
    [
        ({"other": 1.0}, "feature 'other' is not declared by scorer WRD"),
        ({"any_bad": float("inf")}, "feature 'any_bad' of scorer WRD is inf, not a finite number"),
        ({"any_bad": float("nan")}, "feature 'any_bad' of scorer WRD is nan, not a finite number"),
        ({"any_bad": True}, "feature 'any_bad' of scorer WRD is a bool, not a number"),
        ({"any_bad": "1.5"}, "feature 'any_bad' of scorer WRD is a str, not a number"),
    ],
)
def test_undeclared_or_non_finite_feature_is_that_scorers_cd001(values: dict[str, float], error: str) -> None:
    [report] = score_batch(["a bad day"], plugin_set(scorers=[featured(values), BOOM]))
    assert [d.code for d in report.diagnostics] == ["CD001"]
    assert report.scorers[0].error == error and dict(report.scorers[0].features) == {}
    assert report.scorers[1].error is None and report.score is not None


def metered(values: dict[str, object]) -> Scorer:
    """The WRD scorer reporting ``values`` as its metrics."""

    def score(document: Document, context: Context) -> Assessment:
        return Assessment(tuple(word_score(document, context)), metrics=values)  # type: ignore[arg-type]

    return replace(WORDS, score=score)


@pytest.mark.parametrize(
    ("value", "error"),
    [
        (True, "metric 'ratio' of scorer WRD is a bool, not a number"),
        ("0.5", "metric 'ratio' of scorer WRD is a str, not a number"),
        ("abc", "metric 'ratio' of scorer WRD is a str, not a number"),
    ],
)
def test_a_metric_that_is_no_number_is_that_scorers_cd001_as_a_feature_is(value: object, error: str) -> None:
    """Not read as 1.0 or 0.5 by float() (review 19): a metric is a measurement, as a feature or sub-score is."""
    [report] = score_batch(["a bad day"], plugin_set(scorers=[metered({"ratio": value}), BOOM]))
    assert [d.code for d in report.diagnostics] == ["CD001"]
    assert report.scorers[0].error == error and dict(report.scorers[0].metrics) == {}
    assert report.scorers[1].error is None and report.score is not None


def test_a_metric_that_is_an_int_or_a_float_is_kept_as_a_float() -> None:
    [report] = score_batch(["a bad day"], plugin_set(scorers=[metered({"n": 3, "ratio": 0.25})]))
    assert report.scorers[0].error is None and dict(report.scorers[0].metrics) == {"n": 3.0, "ratio": 0.25}


def subscored(value: object) -> Scorer:
    """The WRD scorer returning ``value`` as its sub-score."""

    def score(document: Document, context: Context) -> Assessment:
        return Assessment(tuple(word_score(document, context)), subscore=value)  # type: ignore[arg-type]

    return replace(WORDS, score=score)


@pytest.mark.parametrize(
    ("value", "error"),
    [
        (-1.0, "returned a sub-score of -1.0, outside 0-1"),
        (2.0, "returned a sub-score of 2.0, outside 0-1"),
        (True, "returned a sub-score that is a bool, not a number from 0 to 1"),
        ("0.5", "returned a sub-score that is a str, not a number from 0 to 1"),
        (float("nan"), "returned a non-finite sub-score (nan)"),
    ],
)
def test_a_sub_score_outside_0_1_is_that_scorers_cd001_never_clamped(value: object, error: str) -> None:
    [report] = score_batch(["a bad day"], plugin_set(scorers=[subscored(value), BOOM]))
    assert [d.code for d in report.diagnostics] == ["CD001"]
    assert report.scorers[0].error == error and report.scorers[0].subscore is None
    assert report.scorers[1].error is None and report.score is not None


def test_a_broken_contract_is_said_in_the_cores_words_with_no_traceback(
    monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    """The scorer raised nothing: no 'ValueError:' before the reason, and COPYDESK_TRACEBACK shows no frame of the core's."""
    monkeypatch.setenv("COPYDESK_TRACEBACK", "1")
    foreign = replace(
        WORDS, score=lambda document, context: [Rule("ZZZ001", "other-rule", "m").finding(document.body, 0, 1)]
    )
    [report] = score_batch(["a bad day"], plugin_set(scorers=[foreign]))
    assert report.scorers[0].error == "finding code ZZZ001 is not a rule of scorer WRD"
    assert "Traceback" not in capfd.readouterr().err  # scoring runs in a worker: its stderr is the descriptor


@pytest.mark.parametrize("value", [0, 0.0, 0.25, 1, 1.0])
def test_a_sub_score_from_0_to_1_is_kept(value: float) -> None:
    [report] = score_batch(["a bad day"], plugin_set(scorers=[subscored(value)]))
    assert report.scorers[0].error is None and report.scorers[0].subscore == max(value, 0.0001)


def test_scorer_without_features_reports_an_empty_mapping() -> None:
    [report] = score_batch(["a bad day"], plugin_set(scorers=[WORDS]))
    assert article_dict(report)["scorers"][0]["features"] == {}


def test_scoring_an_article_with_the_built_in_scorers_leaves_nothing_for_the_garbage_collector() -> None:
    # An article's analysis and report are freed as soon as they are dropped, not by the
    # collector's full passes, which come rarely: memory stays flat however long the batch.
    plugins = load_plugins()
    runner = Runner(plugins, config_for(plugins))
    seeds = sorted((Path(__file__).parents[2] / "seeds").glob("*.txt"))
    texts = [path.read_text(encoding="utf-8").split("\n", 1) for path in seeds]
    articles = [article(body, title=title, id=f"seed-{i}") for i, (title, body) in enumerate(texts)]
    runner.report(articles[0], 0)  # lazy loading (lexicons, caches) done before counting
    gc.collect()
    gc.disable()
    try:
        for index, item in enumerate(articles):
            runner.report(item, index)
        assert gc.collect() == 0
    finally:
        gc.enable()


ALPHA = Rule("ALP001", "alpha-span", "Alpha {n}")
BETA = Rule("BET001", "beta-span", "Beta {n}")
#: Spans given out of order, with ties on every key (same span, code and message) within and across scorers.
SPANS = [(("text", 9, 12), 0), (("title", 0, 3), 1), (("text", 0, 4), 2), (("text", 9, 12), 0), (("text", 0, 4), 3)]


def _spans(rule: Rule) -> Scorer:
    def score(document: Document, context: Context) -> list[Finding]:
        views = {"text": document.body, "title": document.title}
        found = []
        for i, ((field, start, end), n) in enumerate(SPANS):
            finding = rule.finding(views[field], start, end, n=n)
            found.append(replace(finding, data={"given": i}))
        return found

    return Scorer(rule.code[:3], rule.name, (rule,), score)


def test_findings_are_in_reading_order_ties_in_scorer_order_then_as_each_scorer_gave_them() -> None:
    """One sort gives the article's findings and each scorer's: title first, then by span, code and message."""
    [report] = score_batch(
        [article("A body of text here.", title="Big title")], plugin_set(scorers=[_spans(BETA), _spans(ALPHA)])
    )
    listed = [(f.code, f.field, f.start, f.data["given"]) for f in report.findings]
    assert listed == [
        ("ALP001", "title", 0, 1),
        ("BET001", "title", 0, 1),
        ("ALP001", "text", 0, 2),
        ("ALP001", "text", 0, 4),
        ("BET001", "text", 0, 2),
        ("BET001", "text", 0, 4),
        ("ALP001", "text", 9, 0),
        ("ALP001", "text", 9, 3),
        ("BET001", "text", 9, 0),
        ("BET001", "text", 9, 3),
    ]
    for result in report.scorers:
        assert [(f.field, f.start, f.data["given"]) for f in result.findings] == [
            ("title", 0, 1),
            ("text", 0, 2),
            ("text", 0, 4),
            ("text", 9, 0),
            ("text", 9, 3),
        ]

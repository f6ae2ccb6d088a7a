"""The conformance suite flags each way a scorer can break the contract, and the built-ins pass it."""

from __future__ import annotations

import itertools
import sys
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from copydesk import Assessment, BatchPass, Context, Document, Feature, Finding, Rule, Scorer, TextView, hookimpl
from copydesk.conformance import (
    NOT_RUN,
    ConformanceError,
    assert_conformance,
    check_plugin,
    check_scaling,
    check_scorer,
    stream_problem,
)
from copydesk.errors import PluginError
from copydesk.manager import load_plugins
from copydesk.testing import ADVERSARIAL_KINDS, adversarial_text, config_for, plugin_set

SEEDS = Path(__file__).resolve().parents[2] / "seeds"

DOC = """\
**What it flags.** The word "alpha".

**Why it matters.** It is a test.

**Example.** `alpha beta` flags "alpha".

**Known problems.** None.

**Settings.** `words`.
"""
ALPHA = Rule(code="TST001", name="alpha-word", message="Word '{word}' is a test word", doc=DOC)


def alpha_findings(document: Document) -> Iterator[Finding]:
    for view in (document.title, document.body):
        for start, end in view.words:
            if view.text[start:end].lower() == "alpha":
                yield ALPHA.finding(view, start, end, word=view.text[start:end])


def good_score(document: Document, context: Context) -> Iterator[Finding]:
    return alpha_findings(document)


GOOD = Scorer(
    prefix="TST",
    name="tester",
    rules=(ALPHA,),
    score=good_score,
    settings={"words": ["alpha"]},
    setting_docs={"words": "The words flagged."},
)
EXAMPLES = ["One alpha here.", "Title line\n\nand\nalpha   alpha on the fourth line."]


def mangled(change: Any) -> Scorer:
    """GOOD whose findings are rewritten by ``change(finding)``."""

    def score(document: Document, context: Context) -> list[Finding]:
        return [change(f) for f in alpha_findings(document)]

    return replace(GOOD, score=score)


def raising_on(condition: Any) -> Scorer:
    """GOOD that raises when ``condition(document)`` holds."""

    def score(document: Document, context: Context) -> Iterator[Finding]:
        if condition(document):
            raise ValueError("cannot handle this input")
        return alpha_findings(document)

    return replace(GOOD, score=score)


def feature(**changes: Any) -> Feature:
    """A valid feature declaration, with ``changes`` applied."""
    base = Feature(name="alpha_rate", direction="problem", doc="'alpha' per 1,000 words", unit="per_1000_words")
    return replace(base, **changes)


def featured(values: dict[str, float]) -> Callable[[Document, Context], Assessment]:
    """A score function returning the alpha findings with these feature values."""

    def score(document: Document, context: Context) -> Assessment:
        return Assessment(tuple(alpha_findings(document)), features=values)

    return score


def subscored(value: object) -> Callable[[Document, Context], Assessment]:
    """A score function returning the alpha findings with this sub-score (a plugin may return anything)."""

    def score(document: Document, context: Context) -> Assessment:
        return Assessment(tuple(alpha_findings(document)), subscore=value)  # type: ignore[arg-type]

    return score


CALLS = itertools.count()


def counting_score(document: Document, context: Context) -> Assessment:
    """Non-deterministic: a metric that changes on every call."""
    return Assessment(tuple(alpha_findings(document)), metrics={"calls": float(next(CALLS))})


def quadratic_score(document: Document, context: Context) -> Iterator[Finding]:
    """For each opening curly quote, search the rest of the text for its closing quotes.

    The search is repeated so that the quadratic part outweighs the pipeline's fixed cost
    per article even on the smallest size, putting the 16x step near 256x, well past
    the suite's limit of 40x (with one scan it came to about 37-45x: a flaky test).
    """
    text = document.body.text + document.title.text
    i = text.find("\u201c")
    while i >= 0:
        for mark in "\u201d\u201d\u201d\u201d":
            text[i:].count(mark)  # scans to the end when quotes are unbalanced
        i = text.find("\u201c", i + 1)
    return alpha_findings(document)


def stream_swapping_score(document: Document, context: Context) -> Iterator[Finding]:
    """GOOD that swaps the body's shared token stream for one of other text (every later scorer would read it)."""
    document.body.__dict__["tokens"] = TextView("swapped").tokens
    return alpha_findings(document)


def failing_observe(state: Any, document: Document) -> None:
    raise RuntimeError("observe broke")


def rule(**changes: Any) -> tuple[Rule, ...]:
    return (replace(ALPHA, **changes),)


BROKEN = [
    ("code-too-short", replace(GOOD, rules=rule(code="TST01")), "codes", "TST followed by three digits"),
    ("code-other-prefix", replace(GOOD, rules=rule(code="XYZ001")), "codes", "TST followed by three digits"),
    ("code-duplicate", replace(GOOD, rules=(ALPHA, replace(ALPHA, name="beta-word"))), "codes", "declared twice"),
    ("name-duplicate", replace(GOOD, rules=(ALPHA, replace(ALPHA, code="TST002"))), "codes", "declared twice"),
    ("name-not-kebab", replace(GOOD, rules=rule(name="Alpha_Word")), "codes", "not kebab-case"),
    ("name-is-advice", replace(GOOD, rules=rule(name="no-alpha")), "codes", "naming the pattern"),
    ("prefix-reserved", replace(GOOD, prefix="CD", rules=rule(code="CD001")), "codes", "prefix 'CD'"),
    ("prefix-lowercase", replace(GOOD, prefix="Tst", rules=rule(code="Tst001")), "codes", "prefix 'Tst'"),
    ("scorer-name", replace(GOOD, name="My Scorer"), "codes", "scorer name"),
    ("no-rules", replace(GOOD, rules=()), "codes", "no rules"),
    ("empty-message", replace(GOOD, rules=rule(message=" ")), "codes", "is empty"),
    ("broken-template", replace(GOOD, rules=rule(message="Word {word")), "codes", "not a format template"),
    ("doc-missing", replace(GOOD, rules=rule(doc="")), "docs", "**What it flags.**"),
    ("doc-no-known-problems", replace(GOOD, rules=rule(doc=DOC.replace("**Known problems.**", ""))), "docs", "Known"),
    ("doc-empty-section", replace(GOOD, rules=rule(doc=DOC.replace("`words`.", ""))), "docs", "**Settings.** is empty"),
    (
        "doc-out-of-order",
        replace(
            GOOD,
            rules=rule(
                doc=DOC.replace("**What it flags.**", "X")
                .replace("**Settings.**", "**What it flags.**")
                .replace("X", "**Settings.**")
            ),
        ),
        "docs",
        "order",
    ),
    ("setting-table", replace(GOOD, settings={"limits": {"a": 1}}), "settings", "'limits'"),
    ("setting-int-list", replace(GOOD, settings={"sizes": [1, 2]}), "settings", "'sizes'"),
    ("setting-none", replace(GOOD, settings={"word": None}), "settings", "'word'"),
    ("setting-undescribed", replace(GOOD, setting_docs={}), "settings", "setting 'words' has no description"),
    ("setting-doc-blank", replace(GOOD, setting_docs={"words": " "}), "settings", "'words' has no description"),
    ("setting-doc-two-lines", replace(GOOD, setting_docs={"words": "a\nb"}), "settings", "is not one line"),
    (
        "setting-doc-of-no-setting",
        replace(GOOD, setting_docs={"words": "The words.", "wrods": "x"}),
        "settings",
        "setting_docs describes 'wrods', which is no setting of the scorer",
    ),
    ("check-rejects-default", replace(GOOD, check=lambda s: [("words", "must be empty")]), "settings", "'words'"),
    ("check-raises", replace(GOOD, check=lambda s: [1 / 0]), "settings", "ZeroDivisionError"),
    (
        "check-exits",
        replace(GOOD, check=lambda s: sys.exit(4)),
        "settings",
        "check raised on the defaults: SystemExit: 4",
    ),
    ("check-yields-a-str", replace(GOOD, check=lambda s: ["words"]), "settings", "yielded a str, not a (key, problem)"),
    ("span-past-end", mangled(lambda f: replace(f, end=f.end + 10_000)), "spans", "outside"),
    ("span-negative", mangled(lambda f: replace(f, start=-1)), "spans", "outside"),
    ("matched-differs", mangled(lambda f: replace(f, matched="beta")), "spans", "matched 'beta'"),
    ("span-shifted", mangled(lambda f: replace(f, start=f.start + 1, end=f.end + 1)), "spans", "matched 'alpha'"),
    ("excerpt-elsewhere", mangled(lambda f: replace(f, excerpt="unrelated words")), "spans", "excerpt"),
    ("column-wrong", mangled(lambda f: replace(f, column=f.column + 1)), "spans", "column"),
    ("line-wrong", mangled(lambda f: replace(f, line=f.line + 1)), "spans", "line"),
    ("end-column-wrong", mangled(lambda f: replace(f, end_column=f.end_column + 1)), "spans", "end column"),
    ("data-not-json", mangled(lambda f: replace(f, data={"v": [float("nan")]})), "robustness", "JSON has no NaN"),
    ("field-unknown", mangled(lambda f: replace(f, field="url")), "spans", "field 'url'"),
    ("nondeterministic", replace(GOOD, score=counting_score), "determinism", "different results"),
    ("crash-on-empty", raising_on(lambda d: not d.body.text), "robustness", "ValueError"),
    ("crash-on-whitespace", raising_on(lambda d: d.body.text and not d.body.text.strip()), "robustness", "ValueError"),
    ("crash-on-control", raising_on(lambda d: "\x00" in d.body.text), "robustness", "cannot handle"),
    ("crash-on-quotes", raising_on(lambda d: d.title.text.count("\u201c") > 3), "robustness", "ValueError"),
    ("feature-not-snake", replace(GOOD, features=(feature(name="Alpha-Rate"),)), "features", "snake_case"),
    ("feature-twice", replace(GOOD, features=(feature(), feature())), "features", "declared twice"),
    ("feature-direction", replace(GOOD, features=(feature(direction="good"),)), "features", "direction 'good'"),
    ("feature-unit", replace(GOOD, features=(feature(unit="percent"),)), "features", "unit 'percent'"),
    ("feature-no-doc", replace(GOOD, features=(feature(doc=" "),)), "features", "no doc"),
    ("feature-undeclared", replace(GOOD, score=featured({"beta_rate": 1.0})), "robustness", "not declared"),
    (
        "feature-not-finite",
        replace(GOOD, score=featured({"alpha_rate": float("nan")}), features=(feature(),)),
        "robustness",
        "not a finite number",
    ),
    (
        "feature-bool",
        replace(GOOD, score=featured({"alpha_rate": True}), features=(feature(),)),
        "robustness",
        "is a bool, not a number",
    ),
    ("subscore-negative", replace(GOOD, score=subscored(-1.0)), "robustness", "sub-score of -1.0, outside 0-1"),
    ("subscore-above-one", replace(GOOD, score=subscored(2.0)), "robustness", "sub-score of 2.0, outside 0-1"),
    ("subscore-bool", replace(GOOD, score=subscored(True)), "robustness", "sub-score that is a bool"),
    ("token-stream-swapped", replace(GOOD, score=stream_swapping_score), "tokens", "changed the shared token stream"),
    (
        "crash-in-batch-pass",
        replace(GOOD, batch=BatchPass(start=lambda settings: None, observe=failing_observe, finish=lambda s: s)),
        "robustness",
        "batch pass",
    ),
]


@pytest.mark.parametrize(("scorer", "check", "fragment"), [b[1:] for b in BROKEN], ids=[b[0] for b in BROKEN])
def test_suite_flags_each_broken_scorer(scorer: Scorer, check: str, fragment: str) -> None:
    problems = check_scorer(scorer, EXAMPLES, timing=False)
    ran = [p for p in problems if p.check != "loading"]  # a scorer the core refuses is not run, and that is said
    assert {p.check for p in ran} == {check}, problems
    assert any(fragment in p.detail for p in ran), problems


@pytest.mark.parametrize(
    ("kind", "marker"),
    [
        ("mixed-scripts", "\u0627"),
        ("control-characters", "\x00"),
        ("one-long-word", "AbAbAb"),
        ("short-lines", "x\nx\n"),
        ("run-on-sentence", "40% may go"),
        ("mixed", "\u201c"),
    ],
)
def test_suite_flags_a_crash_on_large_adversarial_input(kind: str, marker: str) -> None:
    scorer = raising_on(lambda d: len(d.body.text) >= 16_000 and marker in d.body.text)
    assert check_scorer(scorer, EXAMPLES, timing=False) == []  # the small samples do not trigger it
    plugins = plugin_set(scorers=[scorer])
    kinds = [kind] if kind != "mixed" else []
    problems = check_scaling(plugins, config_for(plugins), kinds=kinds)
    assert problems and {p.check for p in problems} == {"robustness"}, problems
    assert f"adversarial input '{kind}-" in problems[0].detail


def test_suite_passes_a_conforming_scorer_with_timing() -> None:
    assert check_scorer(GOOD, EXAMPLES) == []


@pytest.mark.parametrize(
    ("scorer", "problems"),
    [
        (replace(GOOD, score=quadratic_score), ["linear-time"]),
        (GOOD, []),  # near miss: a linear scorer on the same input
    ],
    ids=["quadratic", "linear"],
)
def test_suite_flags_quadratic_time_on_unbalanced_quotes(scorer: Scorer, problems: list[str]) -> None:
    assert check_scorer(scorer, EXAMPLES, timing=False) == []  # correct output: only its time is wrong
    plugins = plugin_set(scorers=[scorer])
    found = check_scaling(plugins, config_for(plugins), kinds=["prose", "unbalanced-quotes"])
    assert [p.check for p in found] == problems, found
    assert all("unbalanced-quotes" in p.detail for p in found)


def test_examples_without_findings_are_reported() -> None:
    problems = check_scorer(GOOD, ["No test word here."], timing=False)
    assert [(p.check, p.detail) for p in problems] == [
        ("spans", "the examples gave no findings, so no span was checked")
    ]
    assert check_scorer(GOOD, ["No test word here."], timing=False, require_findings=False) == []


def test_an_opt_in_rule_is_checked_too() -> None:
    """Review of session 24: the suite turns on an opt-in rule (as SRC001 is), so its spans are checked."""
    opt_in = replace(GOOD, rules=(replace(ALPHA, opt_in=True),))
    assert check_scorer(opt_in, EXAMPLES, timing=False) == []
    wrong = replace(mangled(lambda f: replace(f, start=f.start + 1, end=f.end + 1)), rules=opt_in.rules)
    assert {p.check for p in check_scorer(wrong, EXAMPLES, timing=False)} == {"spans"}


def test_the_time_checks_run_even_when_another_problem_is_found() -> None:
    problems = check_scorer(replace(GOOD, score=quadratic_score), ["No test word here."])
    assert [p.check for p in problems] == ["spans", "linear-time"], problems


def test_the_behaviour_and_time_checks_say_they_were_skipped_when_the_core_refuses_the_scorer() -> None:
    problems = check_scorer(replace(GOOD, rules=rule(code="XYZ001")), EXAMPLES)
    assert [p.check for p in problems] == ["codes", "loading"], problems
    assert problems[-1].detail.startswith(f"{NOT_RUN}: ") and "XYZ001" in problems[-1].detail


def garbage_score(document: Document, context: Context) -> Iterator[Any]:
    yield "not a finding"
    yield 42


@pytest.mark.parametrize(
    ("score", "detail"),
    [
        (garbage_score, "returned a str, not a Finding"),
        (raising_on(lambda d: True).score, "ValueError: cannot handle this input"),
    ],
    ids=["yields-str", "raises"],
)
def test_the_behaviour_checks_run_beside_a_docs_problem(score: Any, detail: str) -> None:
    """Review 13 item 4: a scorer with incomplete docs still has its crashes reported, with no claim it cannot load."""
    problems = check_scorer(replace(GOOD, rules=rule(doc=""), score=score), EXAMPLES)
    checks = [p.check for p in problems]
    assert "docs" in checks and "robustness" in checks, problems
    assert any(p.check == "robustness" and detail in p.detail for p in problems), problems
    assert not any("cannot be loaded" in p.detail or "skipped" in p.detail for p in problems)


def test_settings_reach_the_scorer() -> None:
    def score(document: Document, context: Context) -> Iterator[Finding]:
        if context.settings["words"] != ["alpha", "gamma"]:
            raise AssertionError(f"settings not applied: {context.settings['words']}")
        return alpha_findings(document)

    scorer = replace(GOOD, score=score)
    assert check_scorer(scorer, EXAMPLES, timing=False, settings={"words": ["alpha", "gamma"]}) == []
    assert {p.check for p in check_scorer(scorer, EXAMPLES, timing=False)} == {"robustness"}


class GoodPlugin:
    @hookimpl
    def copydesk_scorers(self) -> list[Scorer]:
        return [GOOD]


class MisspelledHook:
    @hookimpl
    def copydesk_scorer(self) -> list[Scorer]:
        return [GOOD]


class BadCodePlugin:
    @hookimpl
    def copydesk_scorers(self) -> list[Scorer]:
        return [replace(GOOD, rules=rule(code="TST1"))]


class NoScorers:
    @hookimpl
    def copydesk_scorers(self) -> list[Scorer]:
        return []


@pytest.mark.parametrize(
    ("plugin", "expected"),
    [
        (GoodPlugin(), []),
        (MisspelledHook(), [("loading", "copydesk_scorer")]),
        (BadCodePlugin(), [("loading", "TST1"), ("codes", "TST1")]),
        (NoScorers(), [("loading", "no scorer")]),
    ],
)
def test_check_plugin_loads_like_the_core(plugin: object, expected: list[tuple[str, str]]) -> None:
    problems = check_plugin(plugin, EXAMPLES, timing=False)
    assert len(problems) == len(expected), problems
    for problem, (check, fragment) in zip(problems, expected, strict=True):
        assert problem.check == check and fragment in problem.detail, problem


def test_assert_conformance_lists_every_problem() -> None:
    assert_conformance(GOOD, EXAMPLES, timing=False)
    assert_conformance(GoodPlugin(), EXAMPLES, timing=False)
    broken = replace(GOOD, rules=rule(code="TST01", doc=""))
    with pytest.raises(ConformanceError) as info:
        assert_conformance(broken, EXAMPLES, timing=False)
    assert [p.check for p in info.value.problems] == ["codes", "docs", "loading"]  # refused: not run
    assert "TST [codes]" in str(info.value) and "TST [docs]" in str(info.value)


def test_config_for_keeps_only_loaded_scorers_tables() -> None:
    plugins = plugin_set(scorers=[GOOD])
    cfg = config_for(plugins, {"plugins": {"tester": {"words": ["x"]}, "someone-else": {"level": 3}}})
    assert dict(cfg.data["plugins"]) == {"tester": {"words": ["x"]}}


@pytest.mark.parametrize("kind", [*ADVERSARIAL_KINDS, "mixed"])
@pytest.mark.parametrize("size", [0, 1, 4095, 10_000])
def test_adversarial_text_has_the_size_asked(kind: str, size: int) -> None:
    assert len(adversarial_text(kind, size)) == size


def test_mixed_adversarial_text_holds_every_kind() -> None:
    text = adversarial_text("mixed", 60_000)
    for marker in [
        "\u201c",
        "\x00",
        "\u0627",
        "!!!",
        "YOU WON'T",
        "AbAbAb",
        "x\nx\n",
        "\u3000",
        "officials said",
        "1,000.5,12,3.",
    ]:
        assert marker in text
    with pytest.raises(KeyError):
        adversarial_text("no-such-kind", 10)


def seed_articles() -> list[Any]:
    from copydesk.testing import article

    articles = []
    for path in sorted(SEEDS.glob("*.txt")):
        title, _, body = path.read_text(encoding="utf-8").partition("\n")
        articles.append(article(body, title.strip(), id=path.name))
    return articles


def builtin_scorers() -> list[Any]:
    """Every scorer of copydesk's own distribution that load_plugins() finds through entry points."""
    try:
        loaded = load_plugins()
    except PluginError as exc:
        return [pytest.param(exc, id="load-error")]
    found = [
        pytest.param(scorer, id=f"{info.name}-{scorer.prefix}")
        for info, scorer in loaded.scorers
        if info.distribution == "copydesk"
    ]
    return found or [pytest.param(None, id="none-registered")]


@pytest.mark.parametrize("scorer", builtin_scorers())
def test_builtin_scorer_conforms(scorer: Scorer | PluginError | None) -> None:
    assert not isinstance(scorer, PluginError), f"built-in plugins failed to load: {scorer}"
    assert scorer is not None, "no built-in scorer is registered in the 'copydesk' entry-point group: nothing checked"
    problems = check_scorer(scorer, seed_articles(), require_findings=False)
    assert problems == [], "\n".join(map(str, problems))


@pytest.mark.parametrize("text", ["", "One alpha here.\nİstanbul ΟΔΟΣ don't U.S-led", "x" * 3, "\n\n  a  \n"])
def test_token_stream_meets_its_definition(text: str) -> None:
    assert stream_problem(TextView(text)) is None


def test_a_wrong_token_stream_is_named() -> None:
    view = TextView("One alpha here.")
    view.__dict__["tokens"] = TextView("Two words").tokens
    assert stream_problem(view) == "its words are not the WORD pattern's matches"


def test_a_plugin_s_error_text_reaches_the_terminal_inert() -> None:
    """Review 13 (fixplug's note): an exception's text is the plugin's, and may quote the input."""

    def score(document: Document, context: Context) -> Iterator[Finding]:
        raise ValueError("\x1b[31mkaboom\u202e\n::error::pwned")

    with pytest.raises(ConformanceError) as info:
        assert_conformance(replace(GOOD, score=score), EXAMPLES, timing=False)
    message = str(info.value)
    assert "kaboom" in message and "\\x1b[31m" in message and "\\u202e" in message
    assert "\x1b" not in message and "\u202e" not in message
    assert all(not line.lstrip().startswith("::") for line in message.splitlines())

"""The per-article cap on findings kept and reported (``[run] max_findings_per_article``, :mod:`copydesk.quota`)."""

from __future__ import annotations

import weakref
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from copydesk import Assessment, Context, Document, Finding, Rule, Scorer, Severity
from copydesk.config import load_config
from copydesk.errors import ConfigError
from copydesk.models import ArticleReport
from copydesk.testing import article, plugin_set, score_batch

FLAG = Rule("CAP001", "flagged-word", "Word '{word}' is flagged")
LOUD = Rule("CAP002", "loud-word", "Word '{word}' is loud", Severity.ERROR)
TWIN = Rule("TWN001", "twin-word", "Word '{word}' is twinned", Severity.WARNING)


def flag_words(document: Document, context: Context) -> Iterator[Finding]:
    """CAP001 on every 'bad', CAP002 on every 'BAD' and, on the same span, CAP001 too (two rules, one span)."""
    body = document.body
    for start, end in body.words:
        word = body.text[start:end]
        if word == "BAD":
            yield LOUD.finding(body, start, end, word=word)
        if word.lower() == "bad":
            yield FLAG.finding(body, start, end, word=word)


def twin_words(document: Document, context: Context) -> list[Finding]:
    """TWN001 on every 'twin' (a list, not a generator)."""
    body = document.body
    return [TWIN.finding(body, a, b, word="twin") for a, b in body.words if body.text[a:b] == "twin"]


FLAGS = Scorer("CAP", "flags", (FLAG, LOUD), flag_words)
TWINS = Scorer("TWN", "twins", (TWIN,), twin_words)
#: 40 flagged words ('BAD' every fifth: 8 of them, each with a CAP001 on the same span) and 10 twins.
TEXT = " ".join(("BAD" if i % 5 == 0 else "bad") + (" twin" if i % 4 == 0 else "") for i in range(40))


def scored(cap: int, workers: int = 1, text: str = TEXT) -> ArticleReport:
    [report] = score_batch(
        [text], plugin_set(scorers=[FLAGS, TWINS]), {"run": {"max_findings_per_article": cap}}, workers=workers
    )
    return report


@pytest.mark.parametrize("workers", [1, 2])
def test_the_cap_keeps_the_most_severe_findings_in_report_order_and_counts_the_rest_by_rule(workers: int) -> None:
    whole = scored(0, workers)
    assert len(whole.findings) == 58 and not whole.omitted
    report = scored(12, workers)
    # the 8 errors, then the first 4 of the 50 warnings in report order; listed in report order
    kept = [f for f in whole.findings if f.severity is Severity.ERROR]
    kept += [f for f in whole.findings if f.severity is Severity.WARNING][:4]
    assert report.findings == tuple(f for f in whole.findings if f in kept)
    assert dict(report.omitted) == {"CAP001": 37, "TWN001": 9}
    assert list(report.omitted) == sorted(report.omitted)
    assert report.omitted_count + len(report.findings) == len(whole.findings)
    assert [len(s.findings) for s in report.scorers] == [11, 1]


@pytest.mark.parametrize("workers", [1, 2])
def test_the_score_and_every_sub_score_are_the_same_with_and_without_the_cap(workers: int) -> None:
    """The sub-scores come from the findings (one span reported twice counts once): every finding counts."""
    whole, capped = scored(0, workers), scored(3, workers)
    assert capped.omitted_count == 55
    assert capped.score == whole.score and capped.grade == whole.grade
    assert [(s.subscore, s.contribution) for s in capped.scorers] == [
        (s.subscore, s.contribution) for s in whole.scorers
    ]
    assert whole.scorers[0].subscore is not None and whole.scorers[0].subscore < 1


def test_the_minimum_evidence_floor_counts_findings_the_cap_left_out() -> None:
    """A short article with findings is not floored, kept or left out: the cap changes nothing."""
    short = "bad bad bad twin"
    whole, capped = scored(0, text=short), scored(1, text=short)
    assert capped.omitted_count == 3 and (capped.floored, capped.score) == (whole.floored, whole.score)


def test_an_article_at_the_cap_has_nothing_left_out() -> None:
    report = scored(58)
    assert len(report.findings) == 58 and not report.omitted and report.omitted_count == 0


def test_a_generator_scorer_is_consumed_without_holding_its_findings_past_the_cap() -> None:
    """At no point does the core hold more than the cap of the findings the generator gave (the old core held all)."""
    given: list[weakref.ref[Finding]] = []
    most_alive = 0

    def many(document: Document, context: Context) -> Iterator[Finding]:
        nonlocal most_alive
        body = document.body
        for start, end in body.words:
            finding = FLAG.finding(body, start, end, word="bad")
            given.append(weakref.ref(finding))
            yield finding
            del finding
            most_alive = max(most_alive, sum(ref() is not None for ref in given[-50:]))

    scorer = Scorer("CAP", "flags", (FLAG, LOUD), many)
    [report] = score_batch(
        [" ".join(["bad"] * 200)], plugin_set(scorers=[scorer]), {"run": {"max_findings_per_article": 5}}
    )
    assert len(report.findings) == 5 and dict(report.omitted) == {"CAP001": 195}
    assert most_alive <= 1


def test_a_suppressed_article_over_the_cap_scores_as_without_it() -> None:
    """Suppressed findings are neither kept nor counted as left out; the re-measured score is unchanged."""
    text = "<!-- copydesk: ignore-file TWN001 -->\n" + TEXT
    whole, capped = scored(0, text=text), scored(4, text=text)
    assert "TWN001" not in capped.omitted and capped.omitted_count == len(whole.findings) - 4
    assert capped.score == whole.score


def test_a_scorer_rejected_for_a_bad_result_has_nothing_left_out() -> None:
    """A result the core rejects (here: a NaN sub-score) becomes a CD001; its findings are not counted as left out."""

    def bad(document: Document, context: Context) -> Assessment:
        return Assessment(tuple(flag_words(document, context)), subscore=float("nan"))

    [report] = score_batch(
        [TEXT],
        plugin_set(scorers=[Scorer("CAP", "flags", (FLAG, LOUD), bad)]),
        {"run": {"max_findings_per_article": 2}},
    )
    assert [d.code for d in report.diagnostics] == ["CD001"] and not report.findings and not report.omitted


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("-1", "run.max_findings_per_article must be a whole number from 0 (no cap) to 1,000,000,000, not -1"),
        (
            "1000000001",
            "run.max_findings_per_article must be a whole number from 0 (no cap) to 1,000,000,000, not 1000000001",
        ),
        ("0.5", "run.max_findings_per_article must be a whole number from 0 (no cap) to 1,000,000,000, not 0.5"),
        ('"many"', "run.max_findings_per_article must be integer, not string"),
    ],
)
def test_a_bad_cap_names_file_line_and_key(tmp_path: Path, value: str, message: str) -> None:
    path = tmp_path / "copydesk.toml"
    path.write_text(f"[run]\nmax_findings_per_article = {value}\n")
    with pytest.raises(ConfigError) as info:
        load_config(path, cwd=tmp_path)
    assert str(info.value) == f"{path}:2: {message}"


def test_the_packaged_cap_is_a_thousand_and_zero_means_none() -> None:
    assert load_config(discover=False).run["max_findings_per_article"] == 1000
    body = " ".join(["bad"] * 1500)
    [capped] = score_batch([article(body)], plugin_set(scorers=[FLAGS]))
    [whole] = score_batch([article(body)], plugin_set(scorers=[FLAGS]), {"run": {"max_findings_per_article": 0}})
    assert (len(capped.findings), capped.omitted_count, len(whole.findings)) == (1000, 500, 1500)
    assert Counter(f.code for f in whole.findings) == Counter({"CAP001": 1500})


def test_the_run_historys_rule_counts_and_the_source_roll_up_count_what_the_cap_left_out() -> None:
    """The ledger (roll-up and history rows) counts every finding: the cap cannot change a recorded rule count."""
    from copydesk.ledger import Ledger

    counts = []
    for cap in (0, 5):
        ledger = Ledger(False, frozenset({"F"}), keep_rows=True)
        ledger.add(scored(cap))
        [record] = ledger.articles()
        [summary] = ledger.sources()
        counts.append((record.rules, summary.top_rules))
    assert counts[0] == counts[1]
    assert counts[0][0] == {"CAP002": 8, "CAP001": 40, "TWN001": 10}

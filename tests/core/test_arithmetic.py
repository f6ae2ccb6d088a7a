"""Issue 13's arithmetic: suppressed findings never count, one span counts once, truncation is marked."""

from __future__ import annotations

import pytest
from copydesk import Finding, Severity, scoring
from copydesk.plugins import hedging
from copydesk.scoring import ScoringSettings
from copydesk.testing import plugin_set, score_batch, scorers_of

HEDGING = plugin_set(scorers=scorers_of(hedging, "hedging"))
PLAIN = "The council approved the budget on Monday. The mayor said the vote was 7 to 2.\n\n"
HEDGED = "Sources say the deal may reportedly collapse, and it could allegedly be delayed."


def hedging_result(text: str):
    [report] = score_batch([text], HEDGING)
    [result] = report.scorers
    return report, result


def test_a_suppressed_paragraph_of_hedges_changes_neither_score_nor_subscore():
    clean, _ = hedging_result(PLAIN)
    hedged, hedged_result = hedging_result(PLAIN + HEDGED)
    silenced, result = hedging_result(PLAIN + "<!-- copydesk: ignore HDG -->\n" + HEDGED)
    assert hedged.score < clean.score and hedged_result.findings  # the hedges do count when not suppressed
    assert result.findings == ()
    assert silenced.score == clean.score == 100.0
    assert result.subscore == 1.0
    assert result.metrics["vague_attributions_per_1000_words"] == 0.0
    assert not [d for d in silenced.diagnostics if d.code == "CD005"]  # the suppression was used


def test_suppressing_one_rule_leaves_the_other_rules_measured():
    _, both = hedging_result(PLAIN + HEDGED)
    _, one = hedging_result(PLAIN + "<!-- copydesk: ignore HDG002 -->\n" + HEDGED)
    assert {f.code for f in one.findings} == {f.code for f in both.findings} - {"HDG002"}
    assert both.subscore < one.subscore < 1.0


def finding(code: str, severity: Severity, start: int, end: int, field: str = "text") -> Finding:
    return Finding(code, code.lower(), "m", severity, start, end, 1, 1, 1, 1, "", "", field)


@pytest.mark.parametrize(
    ("findings", "kept"),
    [
        ([finding("TPL001", Severity.WARNING, 5, 20), finding("TPL003", Severity.INFO, 5, 20)], ["TPL001"]),
        ([finding("TPL003", Severity.INFO, 5, 20), finding("TPL001", Severity.WARNING, 5, 20)], ["TPL001"]),
        ([finding("TPL002", Severity.WARNING, 5, 20), finding("TPL001", Severity.WARNING, 5, 20)], ["TPL001"]),
        (
            [finding("TPL001", Severity.WARNING, 5, 20), finding("TPL001", Severity.WARNING, 5, 21)],
            ["TPL001", "TPL001"],
        ),
        (
            [finding("HDG001", Severity.INFO, 0, 3, "title"), finding("HDG001", Severity.INFO, 0, 3)],
            ["HDG001", "HDG001"],
        ),
    ],
)
def test_one_span_flagged_by_several_rules_counts_once_at_its_strongest(findings, kept):
    assert [f.code for f in scoring.dedupe(findings)] == kept


def test_a_doubled_span_costs_the_sub_score_once():
    settings = ScoringSettings({"info": 0.25, "warning": 1.0, "error": 3.0}, 300, 8.0, (), {})
    once = [finding("TPL001", Severity.WARNING, 5, 20)]
    twice = [*once, finding("TPL003", Severity.INFO, 5, 20)]
    assert scoring.subscore_from_findings(twice, 400, settings) == scoring.subscore_from_findings(once, 400, settings)


@pytest.mark.parametrize(
    ("text", "spans", "expected"),
    [
        ("It may rain.", [(3, 6)], "It     rain."),
        ("a\nbc\nd", [(0, 4)], " \n  \nd"),
        ("short", [(3, 99), (-2, 1)], " ho  "),
    ],
)
def test_masking_blanks_spans_and_keeps_offsets_and_lines(text, spans, expected):
    assert scoring.mask(text, spans) == expected
    assert len(scoring.mask(text, spans)) == len(text)


@pytest.mark.parametrize(
    ("subscore", "confidence", "truncated"),
    [(1.0, 0.0, False), (0.6, 0.4, False), (0.5, 0.5, True), (0.0064, 0.9936, True), (None, 0.0, False)],
)
def test_truncation_is_marked_from_half_confidence(subscore, confidence, truncated):
    assert scoring.truncation_confidence(subscore) == pytest.approx(confidence)
    assert scoring.is_truncated(scoring.truncation_confidence(subscore)) is truncated


def test_features_are_keyed_by_scorer_and_name():
    vector = scoring.feature_vector([("hedging", {"vague": 1}), ("sourcing", {"said": 2.5})])
    assert vector == {"hedging.vague": 1.0, "sourcing.said": 2.5}

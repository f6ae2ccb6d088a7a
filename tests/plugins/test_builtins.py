"""What every built-in scorer shares: its name and prefix, its rules listed, stable output.

The settings' types, rule codes and docs, and finding spans are checked for every
built-in by the conformance suite (tests/core/test_conformance.py); this file holds the
other checks each plugin's tests used to repeat for themselves.
"""

from __future__ import annotations

import re
from pathlib import Path
from types import ModuleType

import pytest
from copydesk import Finding
from copydesk.errors import ConfigError
from copydesk.plugins import boilerplate, figures, hedging, readability, sourcing, style, truncation
from copydesk.testing import article, plugin_set, run_scorer, score_batch

SEEDS = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))
BUILTINS = [
    pytest.param(boilerplate, "boilerplate", "TPL", id="boilerplate"),
    pytest.param(figures, "figures", "FIG", id="figures"),
    pytest.param(hedging, "hedging", "HDG", id="hedging"),
    pytest.param(readability, "readability", "RDB", id="readability"),
    pytest.param(sourcing, "sourcing", "SRC", id="sourcing"),
    pytest.param(style, "style", "STY", id="style"),
    pytest.param(truncation, "truncation", "TRN", id="truncation"),
]


def reading_order(finding: Finding) -> tuple[bool, int, int]:
    """Title before body, then by position."""
    return (finding.field != "title", finding.start, finding.end)


@pytest.mark.parametrize(("plugin", "name", "prefix"), BUILTINS)
def test_plugin_provides_one_scorer_with_its_name_and_prefix(plugin: ModuleType, name: str, prefix: str) -> None:
    assert [(s.name, s.prefix) for s in plugin.copydesk_scorers()] == [(name, prefix)]


@pytest.mark.parametrize(("plugin", "name", "prefix"), BUILTINS)
def test_plugin_set_lists_every_rule_under_the_plugin_for_explain(plugin: ModuleType, name: str, prefix: str) -> None:
    [scorer] = plugin.copydesk_scorers()
    listed = {rule.code: info.name for info, _, rule in plugin_set(plugins=[(name, plugin)]).rules()}
    assert listed == {rule.code: name for rule in scorer.rules}
    assert all(code.startswith(prefix) for code in listed)


@pytest.mark.parametrize(("plugin", "name", "prefix"), BUILTINS)
def test_seed_results_are_reproducible_and_findings_in_reading_order(
    plugin: ModuleType, name: str, prefix: str
) -> None:
    seeds = []
    for path in SEEDS:
        title, body = path.read_text(encoding="utf-8").split("\n", 1)
        seeds.append(article(body, title=title, id=path.name))
    runs = [score_batch(seeds, plugin_set(plugins=[(name, plugin)])) for _ in range(2)]
    first, second = ([(r.findings, r.scorers[0].subscore, r.scorers[0].metrics) for r in run] for run in runs)
    assert first == second
    assert all(subscore is not None for _, subscore, _ in first)
    for findings, _, _ in first:
        assert list(findings) == sorted(findings, key=reading_order)


@pytest.mark.parametrize(("plugin", "name", "prefix"), BUILTINS)
def test_crlf_line_endings_change_no_finding_subscore_or_feature(plugin: ModuleType, name: str, prefix: str) -> None:
    """A file saved with Windows line endings is the same article: only the offsets move past each CR.

    Lines and columns are the same (a CR ends its line), so are messages, excerpts, sub-scores,
    metrics and features.
    """
    plugins = plugin_set(plugins=[(name, plugin)])
    for path in SEEDS:
        title, body = path.read_text(encoding="utf-8").split("\n", 1)
        lf, crlf = (
            score_batch([article(text, title=title, id=path.name)], plugins)[0]
            for text in (body, body.replace("\n", "\r\n"))
        )
        assert [_placed(f) for f in lf.findings] == [_placed(f) for f in crlf.findings], path.name
        assert (lf.scorers[0].subscore, lf.scorers[0].metrics) == (crlf.scorers[0].subscore, crlf.scorers[0].metrics)
        assert lf.scorers[0].features == crlf.scorers[0].features, path.name


def _placed(finding: Finding) -> tuple[object, ...]:
    """A finding without its character offsets."""
    return (finding.code, finding.message, finding.line, finding.column, finding.end_line, finding.end_column)


@pytest.mark.parametrize(
    ("module", "settings", "message"),
    [
        (figures, {"window": -5}, "[plugins.figures] window must be at least 0, not -5"),
        (figures, {"large_count": -1}, "[plugins.figures] large_count must be at least 1, not -1"),
        (truncation, {"short_line_words": -1}, "[plugins.truncation] short_line_words must be at least 1, not -1"),
        (truncation, {"max_tail_lines": -3}, "[plugins.truncation] max_tail_lines must be at least 0, not -3"),
        (truncation, {"length_ratio": 2.0}, "[plugins.truncation] length_ratio must be between 0 and 1, not 2.0"),
        (boilerplate, {"headline_lines": -1}, "[plugins.boilerplate] headline_lines must be at least 0, not -1"),
        (boilerplate, {"repeated_min_share": 5.0}, "[plugins.boilerplate] repeated_min_share must be between 0 and 1"),
        (hedging, {"share_threshold": 5.0}, "[plugins.hedging] share_threshold must be at most 1, not 5.0"),
        (readability, {"min_words": -1}, "[plugins.readability] min_words must be at least 0, not -1"),
        (sourcing, {"min_words": -1}, "[plugins.sourcing] min_words must be at least 1, not -1"),
    ],
)
def test_a_setting_out_of_range_is_one_config_error_naming_plugin_and_key(
    module: ModuleType, settings: dict[str, float], message: str
) -> None:
    scorer = module.copydesk_scorers()[0]
    assert scorer.check is not None and list(scorer.check(scorer.settings)) == []
    with pytest.raises(ConfigError, match=re.escape(message)):
        run_scorer(scorer, "Prices may rise by 5 percent.", settings=settings)

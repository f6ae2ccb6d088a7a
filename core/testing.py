"""Helpers for plugin authors' tests (and copydesk's own).

Build articles from strings, run one scorer (with its batch pass) on them, collect
codes, or build a plugin set with chosen plugins, all without entry points or files::

    from copydesk.testing import run_scorer, codes
    from my_plugin import SCORER

    def test_flags_shouting():
        assert codes(run_scorer(SCORER, "YOU WON'T BELIEVE THIS")) == ["CLK001"]
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from copydesk.config import Config, load_config
from copydesk.hookspecs import hookimpl
from copydesk.manager import PluginSet, load_plugins
from copydesk.models import Article, ArticleReport, Finding, Scorer
from copydesk.runner import Runner
from copydesk.text import Document


def article(body: str, title: str = "", id: str = "test", **fields: Any) -> Article:
    """An Article with the given body and title (and byline, url, ... as keywords)."""
    return Article(id=id, title=title, body=body, **fields)


def document(body: str, title: str = "", id: str = "test") -> Document:
    """The analysed Document every scorer receives, for one article."""
    return Document.from_article(article(body, title, id))


class _ScorerPlugin:
    """A plugin object that provides a fixed list of scorers."""

    def __init__(self, scorers: Sequence[Scorer]) -> None:
        self.scorers = list(scorers)

    @hookimpl
    def copydesk_scorers(self) -> list[Scorer]:
        """Provide the scorers given at construction."""
        return self.scorers


def plugin_set(
    plugins: Iterable[tuple[str, Any]] = (), scorers: Sequence[Scorer] = (), entry_points: bool = False
) -> PluginSet:
    """Load ``(name, plugin)`` pairs and bare scorers (as plugin ``test``) into a set."""
    extra = list(plugins)
    if scorers:
        extra.append(("test", _ScorerPlugin(scorers)))
    return load_plugins(extra=extra, entry_points=entry_points)


def config(overrides: Mapping[str, Any] | None = None) -> Config:
    """The packaged default configuration, with ``overrides`` shaped like the TOML."""
    return load_config(overrides=overrides, discover=False)


def _as_articles(items: Iterable[str | Article]) -> list[Article]:
    """Strings become articles with ids ``a0``, ``a1``, ..."""
    return [item if isinstance(item, Article) else article(item, id=f"a{i}") for i, item in enumerate(items)]


def score_batch(
    items: Iterable[str | Article],
    plugins: PluginSet,
    overrides: Mapping[str, Any] | None = None,
    workers: int = 1,
) -> list[ArticleReport]:
    """Score articles as one batch (batch pass included) and return their reports."""
    runner = Runner(plugins, config(overrides))
    articles = _as_articles(items)
    return list(runner.run(lambda: iter(articles), workers=workers))


def run_scorer(
    scorer: Scorer,
    *items: str | Article,
    settings: Mapping[str, Any] | None = None,
    select: Sequence[str] = ("ALL",),
) -> list[Finding]:
    """Run one scorer on one or more articles as a batch; return all findings, in order.

    Raises the scorer's own exception (instead of reporting it) so tests see it.
    """
    overrides: dict[str, Any] = {"run": {"select": list(select)}}
    if settings:
        overrides["plugins"] = {scorer.name: dict(settings)}
    reports = score_batch(items, plugin_set(scorers=[scorer]), overrides)
    for report in reports:
        for result in report.scorers:
            if result.error is not None:
                raise AssertionError(f"scorer {result.prefix} failed on {report.id}: {result.error}")
    return [f for report in reports for f in report.findings]


def findings_by_article(
    scorer: Scorer, *items: str | Article, settings: Mapping[str, Any] | None = None
) -> dict[str, list[Finding]]:
    """Like :func:`run_scorer`, grouped by article id."""
    overrides: dict[str, Any] = {}
    if settings:
        overrides["plugins"] = {scorer.name: dict(settings)}
    reports = score_batch(items, plugin_set(scorers=[scorer]), overrides)
    return {r.id: list(r.findings) for r in reports}


def codes(findings: Iterable[Finding]) -> list[str]:
    """The codes of ``findings``, in order."""
    return [f.code for f in findings]

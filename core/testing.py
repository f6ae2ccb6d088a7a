"""Helpers for plugin authors' tests (and copydesk's own).

Build articles from strings, run one scorer (with its batch pass) on them, collect
codes, or build a plugin set with chosen plugins, all without entry points or files::

    from copydesk.testing import run_scorer, codes
    from my_plugin import SCORER

    def test_flags_shouting():
        assert codes(run_scorer(SCORER, "YOU WON'T BELIEVE THIS")) == ["CLK001"]

For end-to-end tests of packaging, :func:`pip_install` installs a plugin package into
a folder and :func:`run_copydesk` runs the real command line with that folder on the
import path. The conformance suite is in :mod:`copydesk.conformance`.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from types import MappingProxyType, ModuleType
from typing import Any

from copydesk import containment
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


def config_for(plugins: PluginSet, overrides: Mapping[str, Any] | None = None) -> Config:
    """:func:`config`, keeping only the ``[plugins.NAME]`` tables of scorers in ``plugins``.

    The packaged configuration has a table for every built-in scorer; a test that loads
    one scorer must not fail because the others' tables name no loaded scorer.
    """
    base = config(overrides)
    loaded = {scorer.name for _, scorer in plugins.scorers}
    tables = {name: table for name, table in base.data.get("plugins", {}).items() if name in loaded}
    return Config(MappingProxyType({**base.data, "plugins": tables}), base.source)


def scorers_of(plugin: Any, name: str = "plugin") -> list[Scorer]:
    """The scorers a plugin object or module provides, validated as the core loads them.

    Raises :class:`copydesk.errors.PluginError` naming ``name`` when the plugin's hooks
    are misspelled or return malformed scorers.
    """
    return [scorer for _, scorer in plugin_set(plugins=[(name, plugin)]).scorers]


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
    runner = Runner(plugins, config_for(plugins, overrides))
    articles = _as_articles(items)
    return list(runner.run(lambda: iter(articles), workers=workers))


def run_scorer(
    scorer: Scorer,
    *items: str | Article,
    settings: Mapping[str, Any] | None = None,
    select: Sequence[str] = ("ALL",),
) -> list[Finding]:
    """Run one scorer on one or more articles as a batch; return all findings, in order.

    ``select`` works as ``[run] select``: the default ``("ALL",)`` leaves an opt-in rule
    (``Rule(opt_in=True)``) off, as a run does; name it to test it
    (``select=("ALL", "SRC001")``).

    Raises the scorer's own exception (instead of reporting it) so tests see it, with
    its traceback: the run scores in worker processes, so the scorer's hooks that failed
    are called again here, where the exception reaches the test. A failure that does
    not happen again here (a finding that breaks the contract), and a scorer's process that
    died or ran over the time limit (not called again), is an ``AssertionError`` with the
    run's message.

    :raises TypeError: ``scorer`` is not a :class:`copydesk.Scorer` (a plugin module, say).
    """
    _expect_scorer(scorer)
    overrides: dict[str, Any] = {"run": {"select": list(select)}}
    if settings:
        overrides["plugins"] = {scorer.name: dict(settings)}
    plugins = plugin_set(scorers=[scorer])
    runner = Runner(plugins, config_for(plugins, overrides))
    articles = _as_articles(items)
    reports = list(runner.run(lambda: iter(articles), workers=1))
    for prefix, error in runner.batch_errors.items():
        _raise_again(runner, articles, error)
        raise AssertionError(f"batch pass of scorer {prefix} failed: {error}")
    for report in reports:
        for result in report.scorers:
            if result.error is not None:
                _raise_again(runner, articles, result.error)
                raise AssertionError(f"scorer {result.prefix} failed on {report.id}: {result.error}")
    return [f for report in reports for f in report.findings]


def _expect_scorer(scorer: object) -> None:
    """A :class:`TypeError` naming what was passed instead of a Scorer (a module is an easy slip)."""
    if isinstance(scorer, Scorer):
        return
    got = f"module {scorer.__name__}" if isinstance(scorer, ModuleType) else type(scorer).__name__
    raise TypeError(f"run_scorer expects a Scorer, got {got}")


#: How the run words a scorer's process that died or ran over its time limit: not called again here.
_PROCESS_FAILURES = ("its worker process ", "its batch-pass process ", "still running after ")


def _raise_again(runner: Runner, articles: Sequence[Article], error: str) -> None:
    """Call the scorer's hooks again in this process, so an exception they raise reaches the caller as raised.

    Its batch pass (``start``, ``observe``, ``finish``), then per article its segmenter and
    ``score``; returns when none raises, or at once when ``error`` says the scorer's process
    died or ran over its time limit (called here, it would take the test's process with it).
    """
    if error.startswith(_PROCESS_FAILURES):
        return
    for a in runner.active:
        documents = [Document.from_article(item) for item in articles]
        if a.scorer.batch is not None:
            state = a.scorer.batch.start(a.context.settings)
            for document in documents:
                a.scorer.batch.observe(state, document)
            a.scorer.batch.finish(state)
        for document in documents:
            if a.scorer.segment is not None:
                document = document.with_segments(list(a.scorer.segment(document, a.context)))
            with contextlib.suppress(containment.BrokenContract):  # the core's words on a broken contract
                runner._assess(a, document, None)


def findings_by_article(
    scorer: Scorer, *items: str | Article, settings: Mapping[str, Any] | None = None
) -> dict[str, list[Finding]]:
    """Like :func:`run_scorer`, grouped by article id."""
    _expect_scorer(scorer)
    overrides: dict[str, Any] = {}
    if settings:
        overrides["plugins"] = {scorer.name: dict(settings)}
    reports = score_batch(items, plugin_set(scorers=[scorer]), overrides)
    return {r.id: list(r.findings) for r in reports}


def codes(findings: Iterable[Finding]) -> list[str]:
    """The codes of ``findings``, in order."""
    return [f.code for f in findings]


def pip_install(package: str | Path, target: str | Path) -> None:
    """pip-install the package folder ``package`` (no dependencies, no network) into ``target``.

    ``target`` is a plain folder, not the running environment, so concurrent tests never
    see the plugin; put it on ``PYTHONPATH`` (see :func:`run_copydesk`) to use it. The
    build backend must already be installed (``--no-build-isolation``). Raises
    ``AssertionError`` with pip's output when the install fails.
    """
    command = [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation"]
    command += ["--no-input", "--disable-pip-version-check", "--target", str(target), str(Path(package).resolve())]
    proc = subprocess.run(command, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise AssertionError(f"pip install {package} failed:\n{proc.stdout}{proc.stderr}")


_CLI = "import sys; sys.argv[0] = 'copydesk'; from copydesk.cli import main; main()"


def run_copydesk(
    *args: str, pythonpath: Sequence[str | Path] = (), cwd: str | Path | None = None, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the ``copydesk`` command line in a fresh interpreter with ``pythonpath`` first on the path.

    A fresh process discovers entry points installed after this one started; the
    result's ``returncode``, ``stdout`` and ``stderr`` are what a user would see.
    """
    return subprocess.run(
        [sys.executable, "-c", _CLI, *args],
        cwd=cwd,
        env=python_env(pythonpath),
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
    )


def python_env(pythonpath: Sequence[str | Path] = ()) -> dict[str, str]:
    """The current environment with ``pythonpath`` prepended to ``PYTHONPATH``."""
    env = dict(os.environ)
    parts = [str(p) for p in pythonpath]
    if env.get("PYTHONPATH"):
        parts.append(env["PYTHONPATH"])
    env["PYTHONPATH"] = os.pathsep.join(parts)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


#: Kinds of hostile text :func:`adversarial_text` makes (``"mixed"`` cycles through all).
ADVERSARIAL_KINDS = (
    "whitespace",
    "prose",
    "mixed-scripts",
    "control-characters",
    "unbalanced-quotes",
    "one-long-word",
    "punctuation-runs",
    "capitals",
    "short-lines",
    "run-on-sentence",
    "number-runs",
)
_UNITS = {
    "whitespace": " \t\n \r\n\u00a0\u2003\u3000\n\n",
    "prose": (
        'The council approved a $4.2 million budget on Tuesday, officials said. "We had no choice," '
        "the mayor told reporters. Critics, however, claimed that up to 40% of the funds may be wasted.\n"
    ),
    "mixed-scripts": "Αθήνα Москва 東京都 القاهرة मुंबई Zürich 😀🇫🇷 e\u0301 ﷺ ẞ İı \u202eevil\u202c ",
    "control-characters": "".join(map(chr, range(32))) + "\x7f\x85\u200b\u200d\u200e\ufeff\u2028\u2029\ufffd word ",
    "unbalanced-quotes": "\"He said \u201cno \u2018really \u00ab ( [ { ' \u300c ",
    "one-long-word": "Ab",
    "punctuation-runs": "!!!???...\u2026,;:--\u2014\u2014**##",
    "capitals": "YOU WON'T BELIEVE THIS SHOCKING NEWS ",
    "short-lines": "x\n",
    # one sentence that never ends, full of sources, hedges, figures and quotations: a scan
    # that looks back over the sentence for each word it matches grows with its square
    "run-on-sentence": (
        'Sanders and others say it could fail, some senior officials said 40% may go, "we may" '
        "according to experts who believe 3,000 people were reportedly killed and "
    ),
    # digits, commas and points with no space: every digit after a comma can open a number,
    # and a pattern that reads to the end of the run at each one grows with its square
    "number-runs": "1,000.5,12,3.",
}


def adversarial_text(kind: str, size: int) -> str:
    """``size`` characters of hostile text of one kind (see :data:`ADVERSARIAL_KINDS`).

    ``"mixed"`` cycles through every kind in 4,096-character chunks; an unknown kind
    raises KeyError.
    """
    if kind == "mixed":
        chunks = [_UNITS[k] * (4096 // len(_UNITS[k]) + 1) for k in ADVERSARIAL_KINDS]
        block = "".join(chunk[:4096] for chunk in chunks)
        return (block * (size // len(block) + 1))[:size]
    unit = _UNITS[kind]
    return (unit * (size // len(unit) + 1))[:size]


#: (title, body) pairs of ordinary and awkward news copy that :func:`sample_articles` returns.
_SAMPLES = (
    ("", ""),
    ("   ", " \n\t "),
    ("Council approves budget", _UNITS["prose"] * 3),
    (
        "You Won't Believe What The Mayor Did Next!",
        "SHOCKING! Sources say the deal could be worth billions?! Experts reportedly believe "
        "it is 'the worst ever'.\n\nRead more: https://example.com/story?id=1",
    ),
    ("Is this the end of the high street?", "## Background\n\n- Sales fell 12% in 2023.\n- 'Stores are closing.'\n"),
    ("Storm \u201cEunice\u201d hits", "\u201cIt was terrifying,\u201d said Ms. Jones. \u00abUnbalanced quote"),
    ("Title only, no body", "."),
    (adversarial_text("mixed-scripts", 200), adversarial_text("control-characters", 300)),
    (adversarial_text("unbalanced-quotes", 120), adversarial_text("punctuation-runs", 200)),
)


def sample_articles() -> list[Article]:
    """A small batch of ordinary and awkward articles (ids ``sample-0``, ...) for smoke tests."""
    return [article(body, title, id=f"sample-{i}") for i, (title, body) in enumerate(_SAMPLES)]


def run_package_tests(package: str | Path, pythonpath: Sequence[str | Path] = ()) -> subprocess.CompletedProcess[str]:
    """Run a plugin package's own pytest suite in a fresh interpreter, from the package folder.

    With ``pythonpath`` holding a :func:`pip_install` target, the tests import the
    installed copy, so they prove the package as built, not the source tree.
    """
    command = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-rs"]
    return subprocess.run(command, cwd=package, env=python_env(pythonpath), capture_output=True, text=True, check=False)

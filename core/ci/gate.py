"""The CI gate: which articles fail, and whether the batch fails.

Three levers, usable together: a score floor per article (``fail_under``), a severity
threshold (``fail_on``: any finding at or above it fails the article) and a tolerance
over the batch (``max_failing``: a count, or a share such as ``5%``). An unreadable
article fails the article-level gate too: what cannot be read cannot pass.

Each reason names its lever (``fail_under: score 52.0 < 60``), so the summary says
which lever failed for which article. With a baseline (``copydesk check --baseline``)
only new findings count: ``fail_on`` looks at findings whose baseline state is
``new``, and ``fail_under`` fails an article below the floor only when it has a new
finding or was not in the baseline at all (a baselined article whose findings are
all known keeps passing, whatever its score).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from copydesk.ci.baseline import NEW, Baseline
from copydesk.models import ArticleReport, Finding, Severity
from copydesk.safety import shown

LEVERS = ("fail_under", "fail_on", "unreadable")

#: A number as copydesk reads one from the command line or a configuration string: ASCII
#: digits, an optional sign, fraction and exponent (Python's ``float`` also takes another
#: script's digits, ``"٥"``, underscores, ``"1_0"``, and ``"inf"``/``"nan"``).
NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


def below_as_shown(score: float, threshold: float) -> str:
    """``SCORE < THRESHOLD`` with the digits it takes to be true as printed: ``39.69 < 39.7``, not ``39.7 < 39.7``.

    The score has one decimal unless that rounds it up to the threshold; the threshold is
    shown as ``:g`` writes it unless that rounds it (then as Python writes it).
    """
    limit = f"{threshold:g}"
    if float(limit) != threshold:
        limit = repr(threshold)
    for digits in range(1, 18):
        text = f"{score:.{digits}f}"
        if float(text) < threshold:
            return f"{text} < {limit}"
    return f"{score!r} < {limit}"


def fail_on_reaches(fail_on: str, top: str = "error") -> bool:
    """Whether ``fail_on`` can fail an article: set, and no higher than ``top``, the highest severity an active rule reports.

    ``top`` is :attr:`copydesk.models.RunInfo.top_severity` (``"error"`` when not known,
    ``"none"`` when no rule is active). No built-in scorer's rule is ``error`` by default,
    so under them alone ``--fail-on error`` fails no article unless ``[severity]`` makes one so.
    """
    if fail_on == "none" or top == "none":
        return False
    return Severity(fail_on).rank <= Severity(top).rank


def idle_fail_on(gate: Mapping[str, Any], top: str = "error") -> str:
    """Why a gate's ``fail_on`` can fail no article (``top``: as for :func:`fail_on_reaches`); "" when it can or is ``none``."""
    fail_on = str(gate.get("fail_on", "none"))
    if fail_on == "none" or fail_on_reaches(fail_on, top):
        return ""
    return f"no active scorer rule reports at severity {fail_on}, so fail_on {fail_on} cannot fail an article"


def levers_off(gate: Mapping[str, Any], top: str = "error", compare: bool = False) -> str:
    """The levers of a gate with none set, as its warning says them: ``fail_under 0, fail_on none, source_fail_under 0``.

    An unreachable ``fail_on`` is said with why (:func:`idle_fail_on`); ``compare``: add ``no --compare``.
    """
    idle = idle_fail_on(gate, top)
    said = "fail_under 0" + ("" if idle else ", fail_on none") + ", source_fail_under 0"
    said += ", no --compare" if compare else ""
    return f"{said}; {idle}" if idle else said


def lever_set(gate: Mapping[str, Any], top: str = "error") -> bool:
    """Whether a gate's settings can fail a readable article: a score floor, a reachable severity or a source floor.

    ``gate`` is the configuration's ``[gate]`` table or a run summary's ``gate``; without
    any (and without ``--compare``) ``check`` passes every readable article, and says so.
    A ``fail_on`` above ``top``, the highest severity an active rule reports (see
    :func:`fail_on_reaches`), is no lever.
    """
    return (
        float(gate.get("fail_under") or 0) > 0
        or fail_on_reaches(str(gate.get("fail_on", "none")), top)
        or float(gate.get("source_fail_under") or 0) > 0
    )


@dataclass(frozen=True)
class GateSettings:
    """The three levers."""

    fail_under: float = 0.0
    fail_on: str = "none"
    max_failing: str = "0"

    @classmethod
    def from_table(cls, table: Mapping[str, Any]) -> GateSettings:
        """From the ``[gate]`` table."""
        return cls(float(table["fail_under"]), str(table["fail_on"]), str(table["max_failing"]))

    def conditions(self, baseline: bool) -> str:
        """What makes an article fail this gate, as a run history records it: ``fail_under 45, fail_on error``.

        ``, new findings only`` is added when a baseline decides which findings count.
        """
        said = f"fail_under {self.fail_under:g}, fail_on {self.fail_on}"
        return said + (", new findings only" if baseline else "")

    def allowed(self, articles: int) -> int:
        """How many failing articles the batch tolerates."""
        text = self.max_failing.strip()
        if text.endswith("%"):
            return math.floor(articles * share(text) + 1e-9)
        return int(text)


def number(text: str) -> float:
    """``text`` (white space around it aside) as a finite number written in ASCII digits: ``12.5``, ``-3``, ``1e2``.

    :raises ValueError: anything else, or a number too large for a float (``1e400``); the message quotes ``text``.
    """
    stripped = text.strip()
    if not NUMBER.fullmatch(stripped):
        raise ValueError(f"{shown(text)} is not a number written in the digits 0-9 (like 12.5)")
    value = float(stripped)
    if not math.isfinite(value):
        raise ValueError(f"{shown(text)} is too large a number")
    return value


def share(text: str) -> float:
    """A share written as a percentage (``"33%"``: 0.33) or as a fraction (``"0.33"``).

    ``--max-failing``'s share and ``--max-fail-rise`` both read it.

    :raises ValueError: ``text`` is neither.
    """
    stripped = text.strip()
    figure = stripped[:-1].strip() if stripped.endswith("%") else stripped
    try:
        value = number(figure)
    except ValueError:
        raise ValueError(f"{shown(text)} is not a share like 0.1 or 10%") from None
    return value / 100.0 if stripped.endswith("%") else value


@dataclass
class Gate:
    """Accumulates per-article verdicts as reports stream past."""

    settings: GateSettings
    failing: list[tuple[str, str]] = field(default_factory=list)
    articles: int = 0
    baseline: Baseline | None = None
    levers: dict[str, list[str]] = field(default_factory=lambda: {lever: [] for lever in LEVERS})

    def counted(self, report: ArticleReport, states: tuple[str, ...] = ()) -> list[Finding]:
        """The findings the gate judges: all of them, or only new ones under a baseline.

        :param states: the findings' baseline states (default: ``report.baseline_state``).
        """
        states = states or report.baseline_state
        if self.baseline is None or not states:
            return list(report.findings)
        return [f for f, state in zip(report.findings, states, strict=True) if state == NEW]

    def reasons(self, report: ArticleReport, states: tuple[str, ...] = ()) -> list[str]:
        """Why one article fails the gate (empty when it passes), each led by its lever."""
        why: list[str] = []
        if report.score is None:
            return ["unreadable: the input could not be read as an article"]
        findings = self.counted(report, states)
        below = report.score < self.settings.fail_under
        if below and self.baseline is not None and self.baseline.knows(report.id) and not findings:
            below = False
        if below:
            why.append(f"fail_under: score {below_as_shown(report.score, self.settings.fail_under)}")
        if self.settings.fail_on != "none":
            floor = Severity(self.settings.fail_on).rank
            hits = sorted({f.code for f in findings if f.severity.rank >= floor})
            if hits:
                new = "new " if self.baseline is not None else ""
                why.append(f"fail_on: {new}{self.settings.fail_on}+ findings {', '.join(hits)}")
        return why

    def observe(self, report: ArticleReport, states: tuple[str, ...] = ()) -> list[str]:
        """Record one article (with its findings' baseline states, if any); return its failure reasons."""
        self.articles += 1
        why = self.reasons(report, states)
        if why:
            self.failing.append((report.id, "; ".join(why)))
            for reason in why:
                self.levers[reason.partition(":")[0]].append(report.id)
        return why

    @property
    def passed(self) -> bool:
        """Whether the batch passes: failing articles within the tolerance."""
        return len(self.failing) <= self.settings.allowed(self.articles)

    def summary(self) -> dict[str, Any]:
        """The gate's part of the run summary."""
        return {
            "fail_under": self.settings.fail_under,
            "fail_on": self.settings.fail_on,
            "max_failing": self.settings.max_failing,
            "allowed": self.settings.allowed(self.articles),
            "failing": len(self.failing),
            "passed": self.passed,
            "baseline": self.baseline is not None,
            "reasons": {article: why for article, why in self.failing},
            "levers": {lever: list(ids) for lever, ids in self.levers.items()},
        }

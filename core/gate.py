"""The CI gate: which articles fail, and whether the batch fails.

Three levers, usable together: a score floor per article (``fail_under``), a severity
threshold (``fail_on``: any finding at or above it fails the article) and a tolerance
over the batch (``max_failing``: a count, or a share such as ``5%``). An unreadable
article fails the article-level gate too: what cannot be read cannot pass.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from copydesk.models import ArticleReport, Severity


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

    def allowed(self, articles: int) -> int:
        """How many failing articles the batch tolerates."""
        text = self.max_failing.strip()
        if text.endswith("%"):
            return math.floor(articles * float(text[:-1]) / 100.0 + 1e-9)
        return int(text)


@dataclass
class Gate:
    """Accumulates per-article verdicts as reports stream past."""

    settings: GateSettings
    failing: list[tuple[str, str]] = field(default_factory=list)
    articles: int = 0

    def reasons(self, report: ArticleReport) -> list[str]:
        """Why one article fails the gate (empty when it passes)."""
        why: list[str] = []
        if report.score is None:
            return ["unreadable"]
        if report.score < self.settings.fail_under:
            why.append(f"score {report.score:.1f} < {self.settings.fail_under:g}")
        if self.settings.fail_on != "none":
            floor = Severity(self.settings.fail_on).rank
            hits = sorted({f.code for f in report.findings if f.severity.rank >= floor})
            if hits:
                why.append(f"{self.settings.fail_on}+ findings: {', '.join(hits)}")
        return why

    def observe(self, report: ArticleReport) -> list[str]:
        """Record one article; return its failure reasons."""
        self.articles += 1
        why = self.reasons(report)
        if why:
            self.failing.append((report.id, "; ".join(why)))
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
            "reasons": {article: why for article, why in self.failing},
        }

"""What a run keeps of each article once it is reported: enough for the source roll-up and the run history.

The :class:`Ledger` sees every report after the gate has judged it and keeps one
small row per article (never its text): its source, score, grade, whether it fails,
its rule counts and a digest of its content. From those rows come the per-source
summaries every report shows (:func:`copydesk.rollup.rollup`) and the articles of a
:class:`~copydesk.history.RunRecord`.

An article *fails* for the roll-up when it fails the gate under ``copydesk check``
(its ``gate_reasons``); under ``copydesk score``, which does not gate, when its grade
is one of ``[rollup] failing_grades``. An unreadable article always fails.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from copydesk.history.records import ArticleRecord
from copydesk.models import ArticleReport
from copydesk.rollup import SourceSummary, rollup

#: How many of a source's most frequent rule codes its summary lists.
TOP_RULES = 3


def content_digest(title: str, body: str) -> str:
    """``sha256:`` and the hex digest of the title, a newline and the body (UTF-8)."""
    return "sha256:" + hashlib.sha256(f"{title}\n{body}".encode()).hexdigest()


@dataclass(frozen=True)
class Row:
    """One article as the ledger keeps it."""

    key: str
    digest: str
    source: str
    score: float | None
    grade: str
    failing: bool
    codes: tuple[str, ...]


@dataclass
class Ledger:
    """Collects a row per reported article; see the module docstring for *failing*.

    :ivar gating: the run gates (``copydesk check``): failing means failing the gate.
    :ivar failing_grades: the grades that fail when the run does not gate.
    """

    gating: bool
    failing_grades: frozenset[str]
    rows: list[Row] = field(default_factory=list)
    _keys: set[str] = field(default_factory=set)

    @classmethod
    def from_table(cls, table: Mapping[str, Any], gating: bool) -> Ledger:
        """A ledger for the ``[rollup]`` table."""
        return cls(gating, frozenset(table["failing_grades"]))

    def failing(self, report: ArticleReport) -> bool:
        """Whether the article counts as failing in its source's share."""
        if report.score is None:
            return True
        if self.gating:
            return bool(report.gate_reasons)
        return report.grade in self.failing_grades

    def add(self, report: ArticleReport) -> None:
        """Keep the article's row (its key made unique if another article has its id)."""
        codes = tuple(f.code for f in (*report.diagnostics, *report.findings))
        self.rows.append(
            Row(
                key=self._unique(report),
                digest=content_digest(report.title, report.text),
                source=report.source_name,
                score=report.score,
                grade=report.grade,
                failing=self.failing(report),
                codes=codes,
            )
        )

    def _unique(self, report: ArticleReport) -> str:
        """The article's id, or ``id #N`` (its place in the batch) when an earlier article has that id."""
        key = report.id
        if key in self._keys:
            key = f"{report.id} #{report.index + 1}"
        self._keys.add(key)
        return key

    def sources(self) -> tuple[SourceSummary, ...]:
        """The per-source summaries of the articles seen so far, sorted by source."""
        return rollup(((r.source, r.score, r.failing, r.codes) for r in self.rows), top=TOP_RULES)

    def articles(self) -> tuple[ArticleRecord, ...]:
        """Each article as the run history records it."""
        return tuple(
            ArticleRecord(r.key, r.digest, r.source, r.score, r.grade, dict(Counter(r.codes))) for r in self.rows
        )

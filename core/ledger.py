"""What a run keeps of each article once it is reported: enough for the source roll-up and the run history.

The :class:`Ledger` sees every report after the gate has judged it. For the per-source
summaries every report shows it keeps one running tally per source (counts, the exact
sum and sum of squares of the scores, the rule counts): memory grows with the number
of sources, never with the number of articles, and the summaries equal
:func:`copydesk.rollup.rollup` over every article's row exactly (the mean and the
standard deviation are computed from exact rational sums, as :mod:`statistics` does).
Only a run that is recorded in the history keeps one small row per article (never its
text): its source, score, grade, whether it fails, its rule counts and a digest of its
content, for the :class:`~copydesk.history.RunRecord`.

An article *fails* for the roll-up when it fails the gate under ``copydesk check``
(its ``gate_reasons``); under ``copydesk score``, which does not gate, when its grade
is one of ``[rollup] failing_grades``. An unreadable article always fails.

:class:`SeenKeys` is the set of article ids a run has seen (to warn about a shared id),
kept in memory up to :data:`IN_MEMORY_KEYS` ids and beyond that in a private temporary
SQLite database, so that it too stays bounded in memory.
"""

from __future__ import annotations

import hashlib
import math
import sys
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from itertools import chain
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from copydesk.models import EMPTY, ArticleReport
from copydesk.rollup import SCORE_RANGE, SourceSummary, summarise, t_quantile

if TYPE_CHECKING:  # a run imports the history's records only when it records
    from copydesk.history.records import ArticleRecord

#: How many of a source's most frequent rule codes its summary lists.
TOP_RULES = 3
#: Article ids a :class:`SeenKeys` holds in memory before it moves them to disk.
IN_MEMORY_KEYS = 4096
#: SQLite's page cache for the spilled ids, in KiB (negative: a size, not a page count).
SPILL_CACHE_KIB = 512
#: A finding's (or diagnostic's) rule code.
_CODE_OF = attrgetter("code")


def content_digest(title: str, body: str) -> str:
    """``sha256:`` and the hex digest of the title, a newline and the body (UTF-8)."""
    return "sha256:" + hashlib.sha256(f"{title}\n{body}".encode()).hexdigest()


@dataclass(frozen=True)
class Row:
    """One article as the ledger keeps it for the run history."""

    key: str
    digest: str
    source: str
    score: float | None
    grade: str
    failing: bool
    codes: tuple[str, ...]
    #: Findings the per-article cap left out of the report, by rule code: counted as the others are.
    omitted: Mapping[str, int] = field(default_factory=lambda: EMPTY)

    def counts(self) -> dict[str, int]:
        """How many findings of each rule the article has, those the cap left out too (first-seen order)."""
        counts = Counter(self.codes)
        counts.update(self.omitted)
        return dict(counts)


_SQRT_BITS = 2 * sys.float_info.mant_dig + 3


def _sqrt_of_fraction(value: Fraction) -> float:
    """The square root of a non-negative fraction, correctly rounded to a float (as ``statistics.stdev`` rounds)."""
    n, m = value.numerator, value.denominator
    shift = (n.bit_length() - m.bit_length() - _SQRT_BITS) // 2
    if shift >= 0:
        return (_sqrt_round_to_odd(n, m << 2 * shift) << shift) / 1
    return _sqrt_round_to_odd(n << -2 * shift, m) / (1 << -shift)


def _sqrt_round_to_odd(n: int, m: int) -> int:
    """The integer square root of n/m, rounded to odd (so the final rounding to a float is correct)."""
    root = math.isqrt(n // m)
    return root | (root * root * m != n)


@dataclass
class SourceTally:
    """One source's running totals: enough for its :class:`SourceSummary`, whatever the number of articles."""

    articles: int = 0
    scored: int = 0
    failing: int = 0
    total: Fraction = Fraction(0)
    squares: Fraction = Fraction(0)
    codes: Counter[str] = field(default_factory=Counter)

    def add(self, score: float | None, failing: bool, codes: Sequence[str], omitted: Mapping[str, int] = EMPTY) -> None:
        """Count one article: its score (None: unscored), whether it fails, its rule codes (those the cap left out too)."""
        self.articles += 1
        self.failing += failing
        self.codes.update(codes)
        if omitted:
            self.codes.update(omitted)
        if score is not None:
            exact = Fraction(score)
            self.scored += 1
            self.total += exact
            self.squares += exact * exact

    def interval(self) -> tuple[float | None, float | None, float | None]:
        """The mean score and its 95 % Student-t interval, exactly as :func:`copydesk.rollup.mean_interval`."""
        n = self.scored
        if not n:
            return None, None, None
        mean = float(self.total) / n  # statistics.fmean: the correctly rounded sum, divided by n
        if n < 2:
            return mean, None, None
        deviations = (n * self.squares - self.total * self.total) / n
        stdev = _sqrt_of_fraction(deviations / (n - 1))
        half = t_quantile(n - 1) * stdev / math.sqrt(n)
        return mean, max(SCORE_RANGE[0], mean - half), min(SCORE_RANGE[1], mean + half)

    def summary(self, source: str, top: int) -> SourceSummary:
        """The source's summary, as :func:`copydesk.rollup.rollup` makes it (both call :func:`~copydesk.rollup.summarise`)."""
        return summarise(source, self.articles, self.scored, self.failing, self.interval(), self.codes, top)


class SeenKeys:
    """A set of strings that keeps at most :data:`IN_MEMORY_KEYS` in memory, the rest in a temporary SQLite file.

    The database is SQLite's private temporary one (an empty file name): the file is
    deleted as soon as it is opened, so nothing is left behind however the run ends.
    """

    def __init__(self, limit: int = IN_MEMORY_KEYS) -> None:
        self.limit = limit
        self.memory: set[str] = set()
        self.disk: Any = None  # sqlite3.Connection once spilled

    def __len__(self) -> int:
        spilled = self.disk.execute("SELECT count(*) FROM seen").fetchone()[0] if self.disk is not None else 0
        return len(self.memory) + int(spilled)

    def __contains__(self, key: str) -> bool:
        if key in self.memory:
            return True
        return (
            self.disk is not None
            and self.disk.execute("SELECT 1 FROM seen WHERE key = ?", (key,)).fetchone() is not None
        )

    def add(self, key: str) -> None:
        """Add ``key``; once the memory holds ``limit`` keys, they move to disk."""
        if self.disk is not None:
            self.disk.execute("INSERT OR IGNORE INTO seen VALUES (?)", (key,))
            return
        self.memory.add(key)
        if len(self.memory) >= self.limit:
            import sqlite3

            self.disk = sqlite3.connect("", isolation_level=None)
            self.disk.execute(f"PRAGMA cache_size = -{SPILL_CACHE_KIB}")
            self.disk.execute("PRAGMA journal_mode = OFF")
            self.disk.execute("PRAGMA synchronous = OFF")
            self.disk.execute("CREATE TABLE seen (key TEXT PRIMARY KEY) WITHOUT ROWID")
            self.disk.executemany("INSERT INTO seen VALUES (?)", ((k,) for k in self.memory))
            self.memory = set()

    def close(self) -> None:
        """Drop the keys (and the temporary database)."""
        if self.disk is not None:
            self.disk.close()
            self.disk = None
        self.memory = set()


@dataclass
class Ledger:
    """Tallies every reported article per source, and keeps its row when the run is recorded; see the module docstring.

    :ivar gating: the run gates (``copydesk check``): failing means failing the gate.
    :ivar failing_grades: the grades that fail when the run does not gate.
    :ivar keep_rows: keep a row per article for the run history (only a recorded run needs them).
    """

    gating: bool
    failing_grades: frozenset[str]
    keep_rows: bool = True
    rows: list[Row] = field(default_factory=list)
    tallies: dict[str, SourceTally] = field(default_factory=dict)
    _keys: set[str] = field(default_factory=set)

    @classmethod
    def from_table(cls, table: Mapping[str, Any], gating: bool, keep_rows: bool = True) -> Ledger:
        """A ledger for the ``[rollup]`` table."""
        return cls(gating, frozenset(table["failing_grades"]), keep_rows)

    def failing(self, report: ArticleReport) -> bool:
        """Whether the article counts as failing in its source's share."""
        if report.score is None:
            return True
        if self.gating:
            return bool(report.gate_reasons)
        return report.grade in self.failing_grades

    def add(self, report: ArticleReport) -> None:
        """Count the article in its source's tally; keep its row (key made unique) if rows are kept."""
        codes = tuple(map(_CODE_OF, chain(report.diagnostics, report.findings)))
        failing = self.failing(report)
        tally = self.tallies.get(report.source_name)
        if tally is None:
            tally = self.tallies[report.source_name] = SourceTally()
        tally.add(report.score, failing, codes, report.omitted)
        if not self.keep_rows:
            return
        self.rows.append(
            Row(
                key=self._unique(report),
                digest=content_digest(report.title, report.text),
                source=report.source_name,
                score=report.score,
                grade=report.grade,
                failing=failing,
                codes=codes,
                omitted=report.omitted,
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
        return tuple(self.tallies[source].summary(source, TOP_RULES) for source in sorted(self.tallies))

    def articles(self) -> tuple[ArticleRecord, ...]:
        """Each article as the run history records it (none unless rows are kept)."""
        from copydesk.history.records import ArticleRecord

        return tuple(ArticleRecord(r.key, r.digest, r.source, r.score, r.grade, r.counts()) for r in self.rows)

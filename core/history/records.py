"""What the run history stores and answers: frozen records, and its one error class."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime

from copydesk.errors import EXIT_USAGE, CopydeskError
from copydesk.models import EMPTY, FrozenDict
from copydesk.rollup import SourceSummary, percent
from copydesk.safety import quoted, shown


class HistoryError(CopydeskError):
    """The history database cannot be used: unreachable, locked, corrupt, newer schema, unknown run.

    ``str(error)`` is one line naming the database URL (password redacted) and the problem.
    """

    exit_code = EXIT_USAGE


class NoHistoryYet(HistoryError):
    """Reading found no history: a missing SQLite file, or a database with no copydesk tables yet.

    The read commands say so (exit 2); a ``score`` or ``check`` run reads it as a history
    with no run, and only recording the run creates it.
    """


def utc_iso(when: str) -> str:
    """``when`` as ``YYYY-MM-DDTHH:MM:SS[.ffffff]Z``; ``ValueError`` unless it is an ISO time in UTC."""
    moment = datetime.fromisoformat(when)
    if moment.utcoffset() is None or moment.utcoffset():
        raise ValueError(f"run time {shown(when)} is not in UTC (give an offset of +00:00 or Z)")
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


@dataclass(frozen=True)
class ArticleRecord:
    """One article of a run: its key (id or path), content digest, source, score, grade, rule counts."""

    key: str
    digest: str
    source: str
    score: float | None
    grade: str
    rules: Mapping[str, int] = field(default_factory=lambda: EMPTY)

    def __post_init__(self) -> None:
        """Keep the rule counts read-only and without zeros; refuse negative counts."""
        if any(n < 0 for n in self.rules.values()):
            raise ValueError(f"article {shown(self.key)}: a rule count is negative ({dict(self.rules)})")
        object.__setattr__(self, "rules", FrozenDict({code: n for code, n in sorted(self.rules.items()) if n}))


@dataclass(frozen=True)
class RunRecord:
    """One run as recorded: when (UTC ISO, given by the caller), what ran, and its results.

    ``articles`` keys must be unique; ``sources`` are the run's per-source summaries.
    """

    when: str
    version: str
    plugins: tuple[str, ...]
    config_digest: str
    commit: str | None
    articles: tuple[ArticleRecord, ...]
    sources: tuple[SourceSummary, ...]
    #: ``score`` or ``check`` (None: recorded before the history kept it).
    command: str | None = None
    #: For ``check``, what made an article fail its gate (``fail_under 45, fail_on error``); None for ``score``.
    gate: str | None = None
    #: For ``check``, whether its gate passed (``--compare passing``); None for ``score``.
    passed: bool | None = None

    def __post_init__(self) -> None:
        """Normalise ``when`` to UTC, sort articles by key and sources by name; refuse duplicates."""
        object.__setattr__(self, "when", utc_iso(self.when))
        object.__setattr__(self, "articles", tuple(sorted(self.articles, key=lambda a: a.key)))
        object.__setattr__(self, "sources", tuple(sorted(self.sources, key=lambda s: s.source)))
        for what, names in (
            ("article key", [a.key for a in self.articles]),
            ("source", [s.source for s in self.sources]),
        ):
            if len(set(names)) != len(names):
                dup = sorted(n for n in set(names) if names.count(n) > 1)[0]
                raise ValueError(f"{what} {shown(dup)} appears more than once in the run")


@dataclass(frozen=True)
class StoredRun:
    """A recorded run with the number the history gave it."""

    run_id: int
    record: RunRecord


@dataclass(frozen=True)
class RunEntry:
    """A line of the run listing: the run, its size and mean score (None when nothing was scored)."""

    run_id: int
    when: str
    version: str
    commit: str | None
    config_digest: str
    articles: int
    mean_score: float | None
    #: ``score`` or ``check`` (None: recorded before the history kept it); see :class:`RunRecord`.
    command: str | None = None
    gate: str | None = None
    #: For ``check``, whether its gate passed; None for ``score`` and runs recorded before.
    passed: bool | None = None
    #: The plugins that ran, each ``"name version"`` (as :attr:`RunRecord.plugins`).
    plugins: tuple[str, ...] = ()


@dataclass(frozen=True)
class TrendPoint:
    """A source's mean score in one run."""

    run_id: int
    when: str
    mean: float | None


@dataclass(frozen=True)
class GradeChange:
    """An article present in both runs whose grade differs; ``edited`` when its content digest changed."""

    key: str
    source: str
    grade_a: str
    grade_b: str
    score_a: float | None
    score_b: float | None
    edited: bool


@dataclass(frozen=True)
class FindingChange:
    """How many findings of one rule an article has in each run."""

    key: str
    code: str
    before: int
    after: int


@dataclass(frozen=True)
class RunDiff:
    """What changed from run ``run_a`` to run ``run_b``, each part sorted by key (then code).

    ``appeared`` holds rule counts that rose (a new finding), ``went_away`` those that
    fell; articles in only one of the runs are listed by key and not compared.
    """

    run_a: int
    run_b: int
    grade_changes: tuple[GradeChange, ...]
    appeared: tuple[FindingChange, ...]
    went_away: tuple[FindingChange, ...]
    only_a: tuple[str, ...]
    only_b: tuple[str, ...]


@dataclass(frozen=True)
class Regression:
    """A source that got worse than the base run by more than allowed.

    ``what`` is ``"mean"`` (points of mean score lost) or ``"failing"`` (share failing
    gained, 0-1); ``by`` is the change as shown (the means, or the shares as percentages,
    to one decimal), ``limit`` the allowed change.
    """

    source: str
    what: str
    base: float
    new: float
    by: float
    limit: float

    @property
    def message(self) -> str:
        """One gate line saying which source and by how much."""
        if self.what == "mean":
            return (
                f"source {quoted(self.source)}: mean score dropped {self.by:.1f} points "
                f"({self.base:.1f} -> {self.new:.1f}; allowed {self.limit:g})"
            )
        return (
            f"source {quoted(self.source)}: share failing rose {percent(self.by):.1f}% "
            f"({percent(self.base):.1f}% -> {percent(self.new):.1f}%; allowed {percent(self.limit):.1f}%)"
        )

"""The run history store: record runs and read them back (listing, one run, trends, diffs, regressions)."""

from __future__ import annotations

import ast
import contextlib
import dataclasses
import json
from collections.abc import Iterator, Sequence
from types import TracebackType
from typing import Any

from copydesk.errors import describe
from copydesk.history.backends import DEFAULT_TIMEOUT, Connection, Row
from copydesk.history.compare import diff_runs, regressions
from copydesk.history.records import (
    ArticleRecord,
    NoHistoryYet,
    Regression,
    RunDiff,
    RunEntry,
    RunRecord,
    StoredRun,
    TrendPoint,
)
from copydesk.history.schema import MIGRATIONS, Migration, migrate, up_to_date
from copydesk.models import FrozenDict
from copydesk.rollup import SourceSummary
from copydesk.safety import quoted

#: A run as the user names it: its number, ``"last"`` for the latest recorded, or ``"passing"`` (see :data:`LATEST`).
RunRef = int | str
#: The runs named by a word, as the condition on the latest of them: ``last``, and
#: ``passing``, the last ``check`` run whose gate passed.
LATEST = {"last": "", "passing": " WHERE gate_passed = 1"}
#: The largest run number a database can hold (SQLite's and PostgreSQL's 64-bit integers).
MAX_RUN = 2**63 - 1


def run_number(ref: RunRef) -> int | None:
    """The run number ``ref`` names: an int, or ASCII digits (not ``²`` or ``٣``) up to :data:`MAX_RUN`; else None."""
    if isinstance(ref, str):
        if not (ref.isascii() and ref.isdigit()) or len(ref) > len(str(MAX_RUN)):
            return None
        ref = int(ref)
    return ref if 0 <= ref <= MAX_RUN else None


_RUN_COLUMNS = "id, recorded_at, version, plugins, config_digest, git_commit, command, gate, gate_passed"
_SOURCE_COLUMNS = "source, articles, scored, mean, low, high, failing, share_failing, top_rules"


class History:
    """An open run history; use as a context manager, or call :meth:`close`.

    Every database problem is raised as :class:`~copydesk.history.records.HistoryError`.
    """

    def __init__(self, conn: Connection) -> None:
        """Wrap an open, migrated connection (see :func:`copydesk.history.open_history`)."""
        self._conn = conn

    @property
    def url(self) -> str:
        """The database URL with any password redacted."""
        return self._conn.display

    def record(self, run: RunRecord) -> int:
        """Store ``run`` in one transaction; return the number the history gives it."""
        conn = self._conn
        with conn.transaction():
            head = (
                run.when,
                run.version,
                json.dumps(list(run.plugins)),
                run.config_digest,
                run.commit,
                run.command,
                run.gate,
                None if run.passed is None else int(run.passed),
            )
            ((run_id,),) = conn.fetch(
                "INSERT INTO runs (recorded_at, version, plugins, config_digest, git_commit, command, gate, gate_passed) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                head,
            )
            conn.execute_many(
                "INSERT INTO articles (run_id, key, digest, source, score, grade) VALUES (?, ?, ?, ?, ?, ?)",
                [(run_id, a.key, a.digest, a.source, a.score, a.grade) for a in run.articles],
            )
            conn.execute_many(
                "INSERT INTO rule_counts (run_id, key, code, n) VALUES (?, ?, ?, ?)",
                [(run_id, a.key, code, n) for a in run.articles for code, n in sorted(a.rules.items()) if n],
            )
            conn.execute_many(
                f"INSERT INTO sources (run_id, {_SOURCE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(run_id, *_source_row(s)) for s in run.sources],
            )
        return int(run_id)

    def runs(self, limit: int | None = 20) -> list[RunEntry]:
        """The latest ``limit`` runs (all with None), newest first, each with its size and mean score."""
        return self._entries("", (), "" if limit is None else f" LIMIT {int(limit)}")

    def entry(self, run_id: int) -> RunEntry:
        """Run ``run_id``'s line of the listing (what ran: version, commit, configuration digest; size, mean)."""
        entries = self._entries("WHERE r.id = ? ", (run_id,), "")
        if not entries:
            raise self._conn.error(f"no run {run_id} in the history (see copydesk history)")
        return entries[0]

    def _entries(self, where: str, params: tuple[Any, ...], limit: str) -> list[RunEntry]:
        rows = self._conn.fetch(
            "SELECT r.id, r.recorded_at, r.version, r.git_commit, r.config_digest, COUNT(a.key), AVG(a.score), "
            f"r.command, r.gate, r.gate_passed, r.plugins FROM runs r LEFT JOIN articles a ON a.run_id = r.id {where}"
            "GROUP BY r.id, r.recorded_at, r.version, r.git_commit, r.config_digest, r.command, r.gate, r.gate_passed, "
            "r.plugins ORDER BY r.id DESC" + limit,
            params,
        )
        return [
            RunEntry(
                int(i),
                when,
                ver,
                commit,
                digest,
                int(n),
                _float(mean),
                command,
                gate,
                None if ok is None else bool(ok),
                tuple(json.loads(plugins)),
            )
            for i, when, ver, commit, digest, n, mean, command, gate, ok, plugins in rows
        ]

    def resolve(self, ref: RunRef) -> int:
        """The number of the run ``ref`` names (a number, ``"last"``, or ``"passing"``: the last whose gate passed).

        Unknown runs are a HistoryError.
        """
        if isinstance(ref, str) and ref in LATEST:
            latest = self.latest(ref)
            if latest is None:
                what = "no run" if ref == "last" else "no run whose gate passed"
                raise self._conn.error(f"{what} recorded yet, so there is no {quoted(ref)} run")
            return latest
        number = run_number(ref)
        if number is None:
            raise self._conn.error(
                f"run {quoted(str(ref))} is neither a run number nor 'last' or 'passing' (runs go up to {MAX_RUN})"
            )
        if not self._conn.fetch("SELECT 1 FROM runs WHERE id = ?", (number,)):
            raise self._conn.error(f"no run {number} in the history (see copydesk history)")
        return number

    def latest(self, word: str) -> int | None:
        """The number of the run ``word`` (a key of :data:`LATEST`) names, or None when no run is such."""
        ((latest,),) = self._conn.fetch("SELECT MAX(id) FROM runs" + LATEST[word])
        return None if latest is None else int(latest)

    def run(self, ref: RunRef) -> StoredRun:
        """One whole run: what ran, every article with its rule counts, every source summary."""
        run_id = self.resolve(ref)
        conn = self._conn
        ((_, when, version, plugins, digest, commit, command, gate, passed),) = conn.fetch(
            f"SELECT {_RUN_COLUMNS} FROM runs WHERE id = ?", (run_id,)
        )
        rules: dict[str, dict[str, int]] = {}
        rows = conn.fetch("SELECT key, code, n FROM rule_counts WHERE run_id = ? ORDER BY key, code", (run_id,))
        articles = conn.fetch(
            "SELECT key, digest, source, score, grade FROM articles WHERE run_id = ? ORDER BY key", (run_id,)
        )
        sources = self.sources(run_id)
        with self._stored(run_id):
            for key, code, n in rows:
                rules.setdefault(key, {})[code] = int(n)
            record = RunRecord(
                when,
                version,
                tuple(json.loads(plugins)),
                digest,
                commit,
                tuple(
                    ArticleRecord(key, digest_, source, _float(score), grade, FrozenDict(rules.get(key, {})))
                    for key, digest_, source, score, grade in articles
                ),
                sources,
                command,
                gate,
            )
        record = dataclasses.replace(record, passed=None if passed is None else bool(passed))
        return StoredRun(run_id, record)

    def sources(self, ref: RunRef) -> tuple[SourceSummary, ...]:
        """The per-source summaries of run ``ref``, sorted by source."""
        run_id = self.resolve(ref)
        rows = self._conn.fetch(f"SELECT {_SOURCE_COLUMNS} FROM sources WHERE run_id = ? ORDER BY source", (run_id,))
        with self._stored(run_id):
            return tuple(_summary(row) for row in rows)

    @contextlib.contextmanager
    def _stored(self, run_id: int) -> Iterator[None]:
        """Turn a stored value copydesk never writes (a time that is no time, a count that is no count) into a HistoryError.

        A row edited by hand or by another program is a corrupt history (exit 2), not an internal error.
        """
        try:
            yield
        except (ValueError, TypeError) as exc:
            raise self._conn.error(
                f"run {run_id} holds a value copydesk does not write ({_as_stored(exc)}): the history is corrupt"
            ) from None

    def trend(self, source: str | None = None, last: int | None = None) -> dict[str, list[TrendPoint]]:
        """Per source (or only ``source``), its mean score in each run that had it, oldest run first.

        :param last: keep only each source's latest ``last`` runs (None: every run).
        """
        where, params = ("WHERE s.source = ? ", (source,)) if source is not None else ("", ())
        latest = (
            "SELECT s.source, r.id, r.recorded_at, s.mean, "
            "ROW_NUMBER() OVER (PARTITION BY s.source ORDER BY r.id DESC) AS age "
            "FROM sources s JOIN runs r ON r.id = s.run_id " + where
        )
        rows = self._conn.fetch(
            f"SELECT source, id, recorded_at, mean FROM ({latest}) t "
            + ("" if last is None else f"WHERE age <= {int(last)} ")
            + "ORDER BY source, id",
            params,
        )
        trends: dict[str, list[TrendPoint]] = {}
        for name, run_id, when, mean in rows:
            with self._stored(run_id):
                trends.setdefault(name, []).append(TrendPoint(int(run_id), when, _float(mean)))
        return trends

    def diff(self, run_a: RunRef, run_b: RunRef) -> RunDiff:
        """Articles whose grade changed from ``run_a`` to ``run_b``, and findings that appeared or went away."""
        return diff_runs(self.run(run_a), self.run(run_b))

    def compare(self, run_new: RunRef, run_base: RunRef, max_drop: float, max_fail_rise: float) -> list[Regression]:
        """Sources of ``run_new`` that regressed against ``run_base`` (see :func:`~copydesk.history.compare.regressions`)."""
        return regressions(self.sources(run_new), self.sources(run_base), max_drop, max_fail_rise)

    def close(self) -> None:
        """Close the database connection."""
        self._conn.close()

    def __enter__(self) -> History:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()


def _source_row(summary: SourceSummary) -> Sequence[Any]:
    """A summary's columns, in ``_SOURCE_COLUMNS`` order."""
    return (
        summary.source,
        summary.articles,
        summary.scored,
        summary.mean,
        summary.low,
        summary.high,
        summary.failing,
        summary.share_failing,
        json.dumps([list(pair) for pair in summary.top_rules]),
    )


def _summary(row: Row) -> SourceSummary:
    """A summary from its stored columns."""
    source, articles, scored, mean, low, high, failing, share, top = row
    return SourceSummary(
        source=source,
        articles=int(articles),
        scored=int(scored),
        mean=_float(mean),
        low=_float(low),
        high=_float(high),
        failing=int(failing),
        share_failing=float(share),
        top_rules=tuple((str(code), int(n)) for code, n in json.loads(top)),
    )


def _as_stored(exc: Exception) -> str:
    r"""``exc`` in one line, the refused value :func:`~copydesk.safety.quoted` as stored, not as ``repr`` escaped it.

    Python's conversion errors end on the value they refused, as ``repr`` writes it
    (``could not convert string to float: 'high'``), after a head that holds no quote.
    The history holds text anyone could have written, and the line that prints the
    message neutralises it once (its first :data:`SHOWN_VALUE_CHARS` characters, then
    "..."): the ``repr`` would have an escape character shown as
    ``\\x1b`` rather than ``\x1b``. Found with ``str.find``: linear in any value.
    """
    text = describe(exc)
    cut = min((i for i in (text.find(": '"), text.find(': "')) if i >= 0), default=-1)
    if cut < 0:
        return text
    try:
        value = ast.literal_eval(text[cut + 2 :])
    except (ValueError, SyntaxError):
        return text
    if not isinstance(value, str):
        return text
    if len(value) > SHOWN_VALUE_CHARS:
        value = value[:SHOWN_VALUE_CHARS] + "..."
    return f"{text[:cut]}: {quoted(value)}"


#: Characters of a refused stored value the error line shows: enough to recognise it, and one
#: line however long the value someone wrote.
SHOWN_VALUE_CHARS = 80


def _float(value: Any) -> float | None:
    """A stored number as a float (PostgreSQL may hand back a Decimal), None kept."""
    return None if value is None else float(value)


def open_history(
    url: str,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    migrations: Sequence[Migration] = MIGRATIONS,
    create: bool = True,
) -> History:
    """Open the run history at ``url``: creating and migrating it as needed, or (``create=False``) only reading it.

    :param url: ``sqlite:///relative.db``, ``sqlite:////absolute.db``, a bare file path,
        or ``postgresql://...`` (``postgres://`` too); anything else is refused.
    :param timeout: seconds to wait for another process's lock before giving up.
    :param migrations: the schema's migrations (tests pass a prefix or an extension).
    :param create: False for the read commands: a missing SQLite file, an empty database
        or a history with no run recorded in it is a :class:`NoHistoryYet`, never created;
        SQLite is opened read-only (a history at an older schema is migrated first, which
        needs writing).
    :returns: the open history; close it, or use it as a context manager.
    :raises HistoryError: the URL is malformed, the database cannot be reached, is locked,
        corrupt, not a copydesk history, or at a schema version newer than ``migrations`` knows.
    """
    conn = Connection(url, timeout, writable=create)
    try:
        if create:
            migrate(conn, migrations)
        elif not up_to_date(conn, migrations):
            conn.close()
            conn = Connection(url, timeout)
            migrate(conn, migrations)
        if not create and History(conn).latest("last") is None:  # its tables, but no run: nothing to read either
            raise NoHistoryYet(str(conn.error("no history here yet (no run recorded in it)")))
    except BaseException:
        conn.close()
        raise
    return History(conn)

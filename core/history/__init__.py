"""The run history: every recorded run of ``score``/``check`` in SQLite or PostgreSQL.

Open one with :func:`open_history` and a URL: ``sqlite:///path.db`` (or a bare path)
or ``postgresql://user@host/db``. SQLite runs in WAL mode with a busy timeout, so two
runs recording at once are both kept; PostgreSQL records each run in one transaction.
A database that is locked beyond the timeout, corrupt, not a history, or at a schema
newer than this code raises :class:`HistoryError` (exit code 2), one line naming the
URL with any password redacted.

Why psycopg 3 and plain SQL rather than SQLAlchemy Core: the schema is four tables
and a dozen statements, and SQLite and PostgreSQL differ in only a handful of places
(placeholders, the auto-numbered key type, how a write transaction starts and how
migrations are serialised, the table catalogue), all gathered in
:class:`~copydesk.history.backends.Dialect`. SQLite needs nothing installed (the
standard library's ``sqlite3``) and psycopg is imported only for a PostgreSQL URL,
so the common case loads no database toolkit; the SQL a reviewer reads is the SQL
that runs; lock and corruption errors come straight from the drivers, whose
messages we map in one function (:func:`~copydesk.history.backends.describe`).
SQLAlchemy would add a large dependency and its own error wrapping for no feature
we use (no ORM, no reflection, no connection pool across a short CLI run).
"""

from __future__ import annotations

from collections.abc import Sequence

from copydesk.history.backends import DEFAULT_TIMEOUT, Connection, redact
from copydesk.history.compare import regressions
from copydesk.history.records import (
    ArticleRecord,
    FindingChange,
    GradeChange,
    HistoryError,
    Regression,
    RunDiff,
    RunEntry,
    RunRecord,
    StoredRun,
    TrendPoint,
)
from copydesk.history.schema import MIGRATIONS, Migration, migrate, up_to_date
from copydesk.history.store import History, RunRef

__all__ = [
    "DEFAULT_TIMEOUT",
    "MIGRATIONS",
    "ArticleRecord",
    "FindingChange",
    "GradeChange",
    "History",
    "HistoryError",
    "Migration",
    "Regression",
    "RunDiff",
    "RunEntry",
    "RunRecord",
    "RunRef",
    "StoredRun",
    "TrendPoint",
    "open_history",
    "redact",
    "regressions",
]


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
    :param create: False for the read commands: a missing SQLite file or an empty database
        is an error, never created; SQLite is opened read-only (a history at an older
        schema is migrated first, which needs writing).
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
    except BaseException:
        conn.close()
        raise
    return History(conn)

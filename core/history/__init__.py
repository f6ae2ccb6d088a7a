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

Only the record types (:mod:`.records`) are imported with the package: the rest
(drivers, SQL, the store) is imported when first named, so a run that records nothing
(or a module that only needs a record type) does not load it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

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

if TYPE_CHECKING:
    from copydesk.history.backends import DEFAULT_TIMEOUT, redact
    from copydesk.history.compare import regressions
    from copydesk.history.schema import MIGRATIONS, Migration
    from copydesk.history.store import History, RunRef, open_history

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

#: The names imported when first asked for, and the submodule each comes from.
_LAZY = {
    "DEFAULT_TIMEOUT": "backends",
    "Connection": "backends",
    "redact": "backends",
    "regressions": "compare",
    "MIGRATIONS": "schema",
    "Migration": "schema",
    "migrate": "schema",
    "up_to_date": "schema",
    "History": "store",
    "RunRef": "store",
    "open_history": "store",
}


def __getattr__(name: str) -> Any:
    """Import a name of :data:`_LAZY` from its submodule on first use (PEP 562)."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value

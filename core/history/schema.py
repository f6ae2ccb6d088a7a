"""The history's schema, as numbered migrations, and bringing a database up to date.

The ``schema_version`` table holds one row per migration applied. A migration is a
list of steps (SQL statements in the dialect-neutral form of
:meth:`~copydesk.history.backends.Dialect.sql`); a later schema is a new
:class:`Migration` appended to :data:`MIGRATIONS`, never an edit of an earlier one.
A database at a version newer than the code knows is refused, never written.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from copydesk.history.backends import Connection
from copydesk.history.records import NoHistoryYet
from copydesk.safety import shown


@dataclass(frozen=True)
class Migration:
    """The steps that take the schema from ``version - 1`` to ``version``."""

    version: int
    steps: tuple[str, ...]


#: Migration 1, the first schema: runs, their articles, rule counts and source summaries.
FIRST = Migration(
    version=1,
    steps=(
        """CREATE TABLE runs (
            id {id},
            recorded_at TEXT NOT NULL,
            version TEXT NOT NULL,
            plugins TEXT NOT NULL,
            config_digest TEXT NOT NULL,
            git_commit TEXT
        )""",
        """CREATE TABLE articles (
            run_id BIGINT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
            key TEXT NOT NULL,
            digest TEXT NOT NULL,
            source TEXT NOT NULL,
            score DOUBLE PRECISION,
            grade TEXT NOT NULL,
            PRIMARY KEY (run_id, key)
        )""",
        """CREATE TABLE rule_counts (
            run_id BIGINT NOT NULL,
            key TEXT NOT NULL,
            code TEXT NOT NULL,
            n INTEGER NOT NULL,
            PRIMARY KEY (run_id, key, code),
            FOREIGN KEY (run_id, key) REFERENCES articles (run_id, key) ON DELETE CASCADE
        )""",
        """CREATE TABLE sources (
            run_id BIGINT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
            source TEXT NOT NULL,
            articles INTEGER NOT NULL,
            scored INTEGER NOT NULL,
            mean DOUBLE PRECISION,
            low DOUBLE PRECISION,
            high DOUBLE PRECISION,
            failing INTEGER NOT NULL,
            share_failing DOUBLE PRECISION NOT NULL,
            top_rules TEXT NOT NULL,
            PRIMARY KEY (run_id, source)
        )""",
        "CREATE INDEX sources_by_source ON sources (source, run_id)",
    ),
)

#: Migration 2: the command that recorded each run (``score`` or ``check``) and, for ``check``,
#: what made an article fail its gate (``fail_under 45, fail_on error``), so ``check
#: --compare`` can tell another gate from a regression, and whether the gate passed (1 or 0),
#: for ``--compare passing``. NULL in runs recorded before, and ``gate_passed`` in ``score`` runs.
RECORDED_BY = Migration(
    version=2,
    steps=(
        "ALTER TABLE runs ADD COLUMN command TEXT",
        "ALTER TABLE runs ADD COLUMN gate TEXT",
        "ALTER TABLE runs ADD COLUMN gate_passed INTEGER",
    ),
)

#: Every migration, in order; the last one's version is the schema this code writes.
MIGRATIONS: tuple[Migration, ...] = (FIRST, RECORDED_BY)
#: How many of a foreign database's table names a refusal lists.
SHOWN_TABLES = 3


def current_version(conn: Connection) -> int:
    """The schema version the database is at (0 for a new, empty one).

    The tables are listed in one query, so a history another process is creating is seen
    either whole or not at all. A database with tables but no ``schema_version`` (another
    application's, or another schema's on PostgreSQL) is refused: copydesk never adds its
    tables to it.
    """
    tables = conn.tables()
    if "schema_version" not in tables:
        if tables:
            names = ", ".join(sorted(tables)[:SHOWN_TABLES]) + (", ..." if len(tables) > SHOWN_TABLES else "")
            raise conn.error(
                f"not a copydesk history (it holds other tables: {names}; and no schema_version); "
                "give copydesk an empty database or a new file"
            )
        return 0
    (value,) = conn.fetch("SELECT MAX(version) FROM schema_version")[0]
    if value is None:
        return 0
    if not isinstance(value, int):
        raise conn.error(f"corrupt schema_version table (holds {shown(value)}, not a version number)")
    return value


def migrate(conn: Connection, migrations: Sequence[Migration] = MIGRATIONS) -> int:
    """Bring the database up to the last of ``migrations``; return the version it is at.

    Reads the version first without a write lock, so readers of an up-to-date database
    never wait; migrates under the write lock (and, on PostgreSQL, an advisory lock),
    re-reading the version there so two processes never apply a step twice.
    """
    latest = migrations[-1].version if migrations else 0
    if _checked(conn, current_version(conn), latest) == latest:
        return latest
    with conn.transaction(migrating=True):
        version = _checked(conn, current_version(conn), latest)
        conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY)")
        for migration in migrations:
            if migration.version > version:
                for step in migration.steps:
                    conn.execute(step)
                conn.execute("INSERT INTO schema_version (version) VALUES (?)", (migration.version,))
    return latest


def up_to_date(conn: Connection, migrations: Sequence[Migration] = MIGRATIONS) -> bool:
    """For reading: whether the database is at the last of ``migrations`` (False: older, to be migrated first).

    A database with no history in it is a :class:`HistoryError`: reading never creates one.
    """
    latest = migrations[-1].version if migrations else 0
    version = _checked(conn, current_version(conn), latest)
    if version == 0:
        raise NoHistoryYet(str(conn.error("no history here yet (the database is empty: no run recorded)")))
    return version == latest


def _checked(conn: Connection, version: int, latest: int) -> int:
    """``version``, unless it is newer than this code knows: then a :class:`HistoryError`."""
    if version > latest:
        raise conn.error(
            f"schema version {version} is newer than this copydesk supports ({latest}); upgrade copydesk to use it"
        )
    return version

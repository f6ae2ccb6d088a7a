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

#: Every migration, in order; the last one's version is the schema this code writes.
MIGRATIONS: tuple[Migration, ...] = (FIRST,)
#: Tables of the history besides ``schema_version`` (their presence without it means a foreign database).
TABLES = ("runs", "articles", "rule_counts", "sources")


def current_version(conn: Connection, *, locked: bool) -> int:
    """The schema version the database is at (0 for a new, empty one).

    Only under the migration lock (``locked``) is a database without ``schema_version``
    checked for foreign tables: outside it, another process may be creating them.
    """
    if not conn.has_table("schema_version"):
        if locked and any(conn.has_table(name) for name in TABLES):
            raise conn.error("not a copydesk history (it has a runs/articles table but no schema_version)")
        return 0
    (value,) = conn.fetch("SELECT MAX(version) FROM schema_version")[0]
    if value is None:
        return 0
    if not isinstance(value, int):
        raise conn.error(f"corrupt schema_version table (holds {value!r}, not a version number)")
    return value


def migrate(conn: Connection, migrations: Sequence[Migration] = MIGRATIONS) -> int:
    """Bring the database up to the last of ``migrations``; return the version it is at.

    Reads the version first without a write lock, so readers of an up-to-date database
    never wait; migrates under the write lock (and, on PostgreSQL, an advisory lock),
    re-reading the version there so two processes never apply a step twice.
    """
    latest = migrations[-1].version if migrations else 0
    if _checked(conn, current_version(conn, locked=False), latest) == latest:
        return latest
    with conn.transaction(migrating=True):
        version = _checked(conn, current_version(conn, locked=True), latest)
        conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY)")
        for migration in migrations:
            if migration.version > version:
                for step in migration.steps:
                    conn.execute(step)
                conn.execute("INSERT INTO schema_version (version) VALUES (?)", (migration.version,))
    return latest


def _checked(conn: Connection, version: int, latest: int) -> int:
    """``version``, unless it is newer than this code knows: then a :class:`HistoryError`."""
    if version > latest:
        raise conn.error(
            f"schema version {version} is newer than this copydesk supports ({latest}); upgrade copydesk to use it"
        )
    return version

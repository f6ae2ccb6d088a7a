"""Schema migrations and every bad-database case, on SQLite and PostgreSQL: one-line HistoryError, password redacted."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from copydesk.errors import EXIT_USAGE
from copydesk.history import MIGRATIONS, HistoryError, Migration, open_history, redact
from copydesk.history.schema import FIRST
from history_support import make_run, raw_connect

WHEN = "2024-05-06T09:00:00Z"
RUN = {"a": ("wire", 80.0, "B", {"HDG001": 1})}
SECOND = Migration(
    version=2,
    steps=(
        "ALTER TABLE runs ADD COLUMN note TEXT",
        "CREATE TABLE run_labels (run_id BIGINT NOT NULL REFERENCES runs (id), label TEXT NOT NULL)",
    ),
)


def _versions(url: str) -> list[int]:
    conn = raw_connect(url)
    try:
        return [row[0] for row in conn.execute("SELECT version FROM schema_version ORDER BY version").fetchall()]
    finally:
        conn.close()


def _one_line_naming(error: HistoryError, url: str) -> str:
    message = str(error)
    assert "\n" not in message
    assert message.startswith(f"history {redact(url)}: ")
    assert "pg-test-s3cret" not in message
    assert error.exit_code == EXIT_USAGE
    return message


def test_a_new_database_is_brought_to_the_latest_schema(db_url: str) -> None:
    open_history(db_url).close()
    assert _versions(db_url) == [m.version for m in MIGRATIONS] == [1]


def test_a_database_at_the_first_schema_migrates_forward_keeping_its_runs(db_url: str) -> None:
    with open_history(db_url, migrations=[FIRST]) as history:
        run_id = history.record(make_run(WHEN, RUN))
    with open_history(db_url, migrations=[FIRST, SECOND]) as history:
        assert history.run(run_id).record == make_run(WHEN, RUN)
        history.record(make_run(WHEN, RUN))
    assert _versions(db_url) == [1, 2]
    conn = raw_connect(db_url)  # migration 2's steps really ran
    try:
        conn.execute(f"INSERT INTO run_labels (run_id, label) VALUES ({run_id}, 'weekly')")
        assert conn.execute("SELECT note FROM runs ORDER BY id").fetchall() == [(None,), (None,)]
    finally:
        conn.close()


def test_a_newer_schema_is_refused_and_left_untouched(db_url: str) -> None:
    open_history(db_url, migrations=[FIRST, SECOND]).close()
    with pytest.raises(HistoryError) as caught:
        open_history(db_url, migrations=MIGRATIONS)
    message = _one_line_naming(caught.value, db_url)
    assert "schema version 2 is newer than this copydesk supports (1)" in message
    assert _versions(db_url) == [1, 2]


def test_a_locked_database_is_an_error_after_the_timeout(db_url: str) -> None:
    history = open_history(db_url, timeout=0.5)
    locker = raw_connect(db_url)
    try:
        if db_url.startswith("sqlite"):
            locker.execute("BEGIN EXCLUSIVE")
        else:
            locker.execute("BEGIN")
            locker.execute("LOCK TABLE runs IN ACCESS EXCLUSIVE MODE")
        started = time.monotonic()
        with pytest.raises(HistoryError) as caught:
            history.record(make_run(WHEN, RUN))
        waited = time.monotonic() - started
        locker.execute("ROLLBACK")
        assert "database is locked by another process (waited 0.5 s)" in _one_line_naming(caught.value, db_url)
        assert waited >= 0.4
        history.record(make_run(WHEN, RUN))
        assert len(history.runs()) == 1  # the failed write left nothing behind
    finally:
        locker.close()
        history.close()


@pytest.mark.parametrize(
    ("setup", "problem"),
    [
        (
            ["CREATE TABLE schema_version (version TEXT)", "INSERT INTO schema_version VALUES ('banana')"],
            "corrupt schema_version table (holds 'banana', not a version number)",
        ),
        (
            ["CREATE TABLE runs (id INTEGER, what TEXT)"],
            "not a copydesk history (it has a runs/articles table but no schema_version)",
        ),
    ],
)
def test_a_database_that_is_not_a_sound_history_is_refused(db_url: str, setup: list[str], problem: str) -> None:
    conn = raw_connect(db_url)
    for statement in setup:
        conn.execute(statement)
    conn.close()
    with pytest.raises(HistoryError) as caught:
        open_history(db_url)
    assert problem in _one_line_naming(caught.value, db_url)


def test_a_history_missing_a_table_is_an_error_not_a_traceback(db_url: str) -> None:
    open_history(db_url).close()
    conn = raw_connect(db_url)
    conn.execute("DROP TABLE rule_counts")
    conn.close()
    with open_history(db_url) as history, pytest.raises(HistoryError) as caught:
        history.record(make_run(WHEN, RUN))
    assert "rule_counts" in _one_line_naming(caught.value, db_url)


@pytest.mark.parametrize(
    "content", [b"this is not a database, just text\n" * 200, b"SQLite format 3\x00" + b"\xff" * 4096]
)
def test_a_sqlite_file_that_is_not_a_database_is_refused(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "history.db"
    path.write_bytes(content)
    with pytest.raises(HistoryError) as caught:
        open_history(str(path))
    assert "not a database, or corrupt" in _one_line_naming(caught.value, str(path))


def test_a_missing_sqlite_folder_is_an_error(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/no/such/folder/history.db"
    with pytest.raises(HistoryError) as caught:
        open_history(url)
    assert "cannot open the database file" in _one_line_naming(caught.value, url)


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("mysql://user@host/db", "unsupported URL scheme 'mysql'"),
        ("sqlite://relative.db", "a SQLite URL is sqlite:///relative/path.db"),
    ],
)
def test_an_unusable_url_is_refused(url: str, problem: str) -> None:
    with pytest.raises(HistoryError, match=problem):
        open_history(url)


def test_a_refused_postgresql_login_names_the_url_without_the_password(postgres_server: object) -> None:
    url = postgres_server.url("postgres", password="wrong-s3cret-pw")  # type: ignore[attr-defined]
    with pytest.raises(HistoryError) as caught:
        open_history(url, timeout=2)
    message = _one_line_naming(caught.value, url)
    assert "wrong-s3cret-pw" not in message and ":***@127.0.0.1" in message
    assert "cannot connect" in message and "password authentication failed" in message


def test_an_unreachable_postgresql_server_is_an_error() -> None:
    url = "postgresql://copydesk:hunter2@127.0.0.1:1/nothing"
    with pytest.raises(HistoryError) as caught:
        open_history(url, timeout=1)
    assert "cannot connect" in _one_line_naming(caught.value, url)
    assert "hunter2" not in str(caught.value)


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("postgresql://me:secret@db.example:5432/h", "postgresql://me:***@db.example:5432/h"),
        ("postgresql://db.example/h?user=me&password=secret", "postgresql://db.example/h?user=me&password=***"),
        ("postgresql://me@db.example/h", "postgresql://me@db.example/h"),
        ("sqlite:///runs/history.db", "sqlite:///runs/history.db"),
    ],
)
def test_redact_hides_passwords_only(url: str, shown: str) -> None:
    assert redact(url) == shown

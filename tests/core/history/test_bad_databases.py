"""Schema migrations and every bad-database case, on SQLite and PostgreSQL: one-line HistoryError, password redacted."""

from __future__ import annotations

import dataclasses
import os
import time
from pathlib import Path

import pytest
from copydesk.errors import EXIT_USAGE
from copydesk.history import MIGRATIONS, HistoryError, Migration, open_history, redact
from copydesk.history.backends import in_folder, scrub
from copydesk.history.recording import compare_with, source_trends
from copydesk.history.schema import FIRST, RECORDED_BY
from history_support import make_run, raw_connect

WHEN = "2024-05-06T09:00:00Z"
RUN = {"a": ("wire", 80.0, "B", {"HDG001": 1})}
#: A later schema, as a future copydesk would add it after the real ones.
LATER = Migration(
    version=3,
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


def _run_at_the_first_schema(url: str) -> None:
    """A history at schema 1 holding one run (of article 'a'), written as copydesk before migration 2 did."""
    open_history(url, migrations=[FIRST]).close()
    conn = raw_connect(url)
    try:
        conn.execute(
            "INSERT INTO runs (recorded_at, version, plugins, config_digest, git_commit) "
            f"VALUES ('{WHEN}', '0.1.0', '[]', 'sha256:cfg', NULL)"
        )
        conn.execute(
            "INSERT INTO articles (run_id, key, digest, source, score, grade) VALUES (1, 'a', 'd', 'wire', 80, 'B')"
        )
    finally:
        conn.close()


def test_a_new_database_is_brought_to_the_latest_schema(db_url: str) -> None:
    open_history(db_url).close()
    assert _versions(db_url) == [m.version for m in MIGRATIONS] == [1, 2]


def test_a_database_at_the_first_schema_migrates_forward_keeping_its_runs(db_url: str) -> None:
    """Migration 2 adds each run's command and gate (review 11, item 7); a run recorded before has neither."""
    _run_at_the_first_schema(db_url)
    checked = dataclasses.replace(make_run(WHEN, RUN), command="check", gate="fail_under 45, fail_on none")
    with open_history(db_url) as history:
        old = history.run(1).record
        assert (old.command, old.gate, [a.key for a in old.articles]) == (None, None, ["a"])
        assert (history.entry(1).command, history.entry(1).gate) == (None, None)
        run_id = history.record(checked)
        assert history.run(run_id).record == checked
        assert (history.entry(run_id).command, history.entry(run_id).gate) == ("check", "fail_under 45, fail_on none")
    assert _versions(db_url) == [1, 2]
    with open_history(db_url, migrations=[*MIGRATIONS, LATER]) as history:  # and on to a later schema
        assert history.run(run_id).record == checked
    assert _versions(db_url) == [1, 2, 3]
    conn = raw_connect(db_url)  # migration 3's steps really ran
    try:
        conn.execute(f"INSERT INTO run_labels (run_id, label) VALUES ({run_id}, 'weekly')")
        assert conn.execute("SELECT note FROM runs ORDER BY id").fetchall() == [(None,), (None,)]
    finally:
        conn.close()


def test_a_newer_schema_is_refused_and_left_untouched(db_url: str) -> None:
    open_history(db_url, migrations=[*MIGRATIONS, LATER]).close()
    with pytest.raises(HistoryError) as caught:
        open_history(db_url, migrations=MIGRATIONS)
    message = _one_line_naming(caught.value, db_url)
    assert "schema version 3 is newer than this copydesk supports (2)" in message
    assert _versions(db_url) == [1, 2, 3]


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
            "not a copydesk history (it holds other tables: runs; and no schema_version)",
        ),
        (
            ["CREATE TABLE foo (x INTEGER)"],
            "not a copydesk history (it holds other tables: foo; and no schema_version)",
        ),
    ],
)
@pytest.mark.parametrize("create", [True, False], ids=["recording", "reading"])
def test_a_database_that_is_not_a_sound_history_is_refused_and_left_alone(
    db_url: str, setup: list[str], problem: str, create: bool
) -> None:
    conn = raw_connect(db_url)
    for statement in setup:
        conn.execute(statement)
    conn.close()
    with pytest.raises(HistoryError) as caught:
        open_history(db_url, create=create)
    assert problem in _one_line_naming(caught.value, db_url)
    assert _tables(db_url) == {"schema_version", "runs", "foo"} & {_name(s) for s in setup}


def _name(statement: str) -> str:
    return statement.split()[2]


def _tables(url: str) -> set[str]:
    conn = raw_connect(url)
    try:
        if url.startswith("sqlite"):
            rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
        else:
            rows = conn.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
            ).fetchall()
        return {row[0] for row in rows}
    finally:
        conn.close()


def test_reading_an_empty_database_is_an_error_and_creates_nothing(db_url: str) -> None:
    raw_connect(db_url).close()  # the file (or database) exists, and is empty
    with pytest.raises(HistoryError) as caught:
        open_history(db_url, create=False)
    assert "no history here yet (the database is empty: no run recorded)" in _one_line_naming(caught.value, db_url)
    assert _tables(db_url) == set()
    open_history(db_url).close()  # recording initialises it
    assert "runs" in _tables(db_url)


def test_a_run_reads_an_empty_database_as_no_run_and_leaves_it_empty(db_url: str) -> None:
    """Trends and --compare only read: a run that is then not recorded (a plugin failed) leaves no history behind."""
    raw_connect(db_url).close()
    assert source_trends(db_url, []) == ()
    assert compare_with(db_url, "last", [], (5.0, 0.1)) is None
    assert compare_with(db_url, "passing", [], (5.0, 0.1)) is None
    with pytest.raises(HistoryError) as caught:
        compare_with(db_url, "3", [], (5.0, 0.1))
    assert _one_line_naming(caught.value, db_url).endswith(": no run 3 in the history (none is recorded yet)")
    assert _tables(db_url) == set()


def test_a_run_reads_a_missing_sqlite_file_as_no_run_and_creates_nothing(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/h.db"
    assert source_trends(url, []) == ()
    assert compare_with(url, "last", [], (5.0, 0.1)) is None
    assert list(tmp_path.iterdir()) == []


def test_reading_a_missing_sqlite_file_is_an_error_and_creates_nothing(tmp_path: Path) -> None:
    for url in (str(tmp_path / "week.bd"), f"sqlite:///{tmp_path}/week.bd"):
        with pytest.raises(HistoryError, match=f"^no history at {tmp_path}/week.bd \\(no such file"):
            open_history(url, create=False)
    assert list(tmp_path.iterdir()) == []


def test_reading_a_history_at_an_older_schema_migrates_it_first(db_url: str) -> None:
    _run_at_the_first_schema(db_url)
    with open_history(db_url, migrations=[FIRST, RECORDED_BY, LATER], create=False) as history:
        assert len(history.runs()) == 1
    assert _versions(db_url) == [1, 2, 3]


def test_a_history_in_a_folder_that_cannot_be_written_is_read_and_recording_says_why(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    url = f"sqlite:///{folder}/h.db"
    with open_history(url) as history:
        history.record(make_run(WHEN, RUN))
    folder.chmod(0o555)
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("this user (root) can write a read-only folder; checked by hand on a read-only mount")
        with open_history(url, create=False) as history:
            assert [entry.run_id for entry in history.runs()] == [1]
        with pytest.raises(HistoryError) as caught:
            open_history(url).record(make_run(WHEN, RUN))
        assert f"directory {folder} is not writable" in _one_line_naming(caught.value, url)
    finally:
        folder.chmod(0o755)


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


@pytest.mark.parametrize("create", [True, False], ids=["recording", "reading"])
@pytest.mark.parametrize("form", ["{}", "sqlite:///{}"], ids=["path", "sqlite-url"])
def test_a_directory_named_as_the_history_is_said_to_be_a_directory(tmp_path: Path, create: bool, form: str) -> None:
    url = form.format(tmp_path)
    with pytest.raises(HistoryError) as caught:
        open_history(url, create=create, timeout=1)
    message = _one_line_naming(caught.value, url)
    assert message.endswith(
        f": is a directory, not a history file (give a file in it, such as {tmp_path / 'history.db'})"
    )
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("create", [True, False], ids=["recording", "reading"])
def test_a_fifo_or_device_named_as_the_history_is_said_to_be_no_regular_file(tmp_path: Path, create: bool) -> None:
    """Not SQLite's 'disk I/O error' when recording, nor 'no such file' when reading: the file is there."""
    fifo = tmp_path / "history.db"
    os.mkfifo(fifo)
    for url in (str(fifo), "/dev/null"):
        with pytest.raises(HistoryError) as caught:
            open_history(url, create=create, timeout=1)
        message = _one_line_naming(caught.value, url)
        assert message.endswith(": is not a regular file (a device, FIFO or socket), not a history file"), message
    assert [p.name for p in tmp_path.iterdir()] == ["history.db"] and fifo.is_fifo()


def test_a_missing_sqlite_folder_is_an_error_naming_the_folder(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/no/such/folder/history.db"
    with pytest.raises(HistoryError) as caught:
        open_history(url)
    message = _one_line_naming(caught.value, url)
    assert message.endswith(
        f": folder {tmp_path}/no/such/folder does not exist (recording creates the history file, not its folder)"
    )


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("mysql://user@host/db", "unsupported URL scheme 'mysql'; give a file path"),
        ("  ", "history '  ': a URL of white space alone names no database; give a file path"),
        ("sqlite:///\t ", "a history URL must not contain control characters"),
        ("sqlite:///   ", "a SQLite URL is sqlite:///relative/path.db"),
        ("sqlite://relative.db", "a SQLite URL is sqlite:///relative/path.db"),
        ("sqlite:week.db", "not a history URL; give a file path (history.db), sqlite:///relative/path.db"),
        ("file:week.db", "not a history URL; give a file path"),
        ("sqlite:///x.db?mode=ro", "with no ?query or #fragment"),
        ("sqlite:///x.db#top", "with no ?query or #fragment"),
        ("postgresql://u:s3cr3t@[::1/db", "malformed URL (Invalid IPv6 URL)"),
        ("postgresql://u:s3cr3t@db.example:port/db", "malformed URL (Port could not be cast"),
        ("postgresql://u:s3%zzcr3t@127.0.0.1/db", 'malformed URL (invalid percent-encoded token: "***")'),
        ("postgresql://u:s3 cr3t@127.0.0.1/db", 'malformed URL (unexpected spaces found in "***"'),
    ],
)
@pytest.mark.parametrize("create", [True, False], ids=["recording", "reading"])
def test_an_unusable_url_is_refused_creating_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, url: str, problem: str, create: bool
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(HistoryError) as caught:
        open_history(url, create=create, timeout=1)
    message = str(caught.value)
    assert "\n" not in message and problem in message and caught.value.exit_code == EXIT_USAGE
    assert "s3cr3t" not in message and "s3%zzcr3t" not in message and "s3 cr3t" not in message
    assert list(tmp_path.iterdir()) == []


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
        (  # libpq's other secret: the client key's passphrase
            "postgresql://u@h/db?sslpassword=s3cret&connect_timeout=2",
            "postgresql://u@h/db?sslpassword=***&connect_timeout=2",
        ),
        ("postgresql://u@h/db?SSLPassword=s3cret", "postgresql://u@h/db?SSLPassword=***"),
        ("postgresql://me@db.example/h", "postgresql://me@db.example/h"),
        ("sqlite:///runs/history.db", "sqlite:///runs/history.db"),
        ("postgresql://u:s3cr3t@[::1/db", "postgresql://u:***@[::1/db"),  # malformed: redacted all the same
        ("postgresql://u:p@ss/w@db.example/h", "postgresql://u:***@db.example/h"),  # unencoded @ and /
    ],
)
def test_redact_hides_passwords_only(url: str, shown: str) -> None:
    assert redact(url) == shown


def test_a_quoted_sslpassword_in_a_driver_message_is_masked() -> None:
    url = "postgresql://u@h/db?sslpassword=s3cret"
    message = f'invalid connection option "sslpassword=s3cret" in {url}'
    assert scrub(message, url) == 'invalid connection option "sslpassword=***" in postgresql://u@h/db?sslpassword=***'


CONNECT = 'connection failed: connection to server at "127.0.0.1", port 5432 failed: password authentication failed'


@pytest.mark.parametrize("password", ["a", "p", "failed", "5432", "connection", "s3cr3t"])
def test_masking_a_password_hides_the_url_s_own_occurrences_only(password: str) -> None:
    url = f"postgresql://me:{password}@127.0.0.1:5432/h"
    message = f'cannot connect ({CONNECT} for user "me"); tried {url}; token "{password}"'
    assert scrub(message, url) == (
        f'cannot connect ({CONNECT} for user "me"); tried postgresql://me:***@127.0.0.1:5432/h; token "***"'
    )


@pytest.mark.parametrize("password", ["a", "p", "failed", "1"])
def test_a_refused_connection_keeps_the_driver_s_words_whatever_the_password(password: str) -> None:
    url = f"postgresql://me:{password}@127.0.0.1:1/nothing"
    with pytest.raises(HistoryError) as caught:
        open_history(url, timeout=1)
    message = _one_line_naming(caught.value, url)
    assert message.count("***") == 1 and "cannot connect (connection failed: connection to server at" in message


@pytest.mark.parametrize(
    ("url", "placed"),
    [
        ("h.db", "ci/h.db"),
        ("sub/h.db", "ci/sub/h.db"),
        ("sqlite:///h.db", "sqlite:///ci/h.db"),
        ("/abs/h.db", "/abs/h.db"),
        ("sqlite:////abs/h.db", "sqlite:////abs/h.db"),
        ("postgresql://u:pw@db.example/runs", "postgresql://u:pw@db.example/runs"),
        ("sqlite:h.db", "sqlite:h.db"),  # refused where it is opened, as written
        ("sqlite:///:memory:", "sqlite:///:memory:"),  # SQLite's in-memory database is no file (review s28r)
        (":memory:", ":memory:"),
    ],
)
def test_in_folder_places_only_a_relative_sqlite_file(url: str, placed: str) -> None:
    """A configuration file's relative SQLite history is read from its folder; every other URL is left alone."""
    assert in_folder(url, "ci") == placed


@pytest.mark.parametrize("folder", ["ci", ""])
def test_in_folder_opens_the_home_folder_at_a_tilde_as_the_model_path_does(
    folder: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Review s28r: '~/h.db' in [history] url was taken as a folder named '~', where [scoring] model expands it."""
    monkeypatch.setenv("HOME", "/home/desk")
    assert in_folder("~/h.db", folder) == "/home/desk/h.db"
    assert in_folder("sqlite:///~/h.db", folder) == "sqlite:////home/desk/h.db"
    assert in_folder("h.db", "") == "h.db"  # the working folder's: left as written

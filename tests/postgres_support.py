"""History fixtures: a real PostgreSQL server for the session, and a database URL per backend.

Shared by the history library's tests (tests/core/history) and the command line's
(tests/test_cli_history.py): tests/conftest.py imports the fixtures and the summary hook.

The server is Debian's PostgreSQL (``make test`` installs it): ``initdb`` into a fresh
folder under /tmp, started with ``pg_ctl`` on 127.0.0.1 at a free port (its socket in
the same folder), and removed at the end. PostgreSQL refuses to run as root, so under
root (as in CI) it runs as the ``postgres`` user through ``runuser``. Host connections
need a password (scram-sha-256), so redaction can be tested against a real refusal.
When no server can be started, the PostgreSQL cases are skipped with the reason,
which is also printed in the terminal summary.
"""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

USER = "copydesk"
PASSWORD = "pg-test-s3cret"
_SKIPPED: list[str] = []


class PostgresUnavailable(Exception):
    """No PostgreSQL server can be started here; the message says why."""


@dataclass
class PostgresServer:
    """A running test server; each test gets its own database."""

    folder: Path
    port: int
    bindir: Path
    prefix: list[str]
    _numbers: Iterator[int] = field(default_factory=itertools.count)

    def url(self, database: str, password: str = PASSWORD) -> str:
        """A URL for ``database`` on this server."""
        return f"postgresql://{USER}:{password}@127.0.0.1:{self.port}/{database}"

    def new_database(self) -> str:
        """Create an empty database and return its URL."""
        import psycopg

        name = f"history_{os.getpid()}_{next(self._numbers)}"
        with psycopg.connect(self.url("postgres"), autocommit=True) as admin:
            admin.execute(f"CREATE DATABASE {name}")
        return self.url(name)

    def stop(self) -> None:
        """Stop the server and remove its folder."""
        subprocess.run(
            [*self.prefix, str(self.bindir / "pg_ctl"), "-D", str(self.folder / "data"), "-m", "immediate", "stop"],
            capture_output=True,
            cwd=self.folder,
            check=False,
        )
        shutil.rmtree(self.folder, ignore_errors=True)


def _bindir() -> Path:
    """The newest Debian PostgreSQL bin folder (or the one on PATH)."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[4]))
    if found:
        return Path(found[-1]).parent
    on_path = shutil.which("initdb")
    if on_path:
        return Path(on_path).parent
    raise PostgresUnavailable("initdb not found (install Debian's postgresql package: make postgres)")


def _free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _run(command: list[str], folder: Path, name: str) -> None:
    """Run a server command; a failure becomes :class:`PostgresUnavailable` with its output."""
    done = subprocess.run(command, capture_output=True, text=True, cwd=folder, check=False, timeout=120)
    if done.returncode != 0:
        tail = " ".join((done.stderr or done.stdout).split())[-400:]
        raise PostgresUnavailable(f"{name} failed: {tail}")


def start_server() -> PostgresServer:
    """initdb and start a throw-away server; see the module docstring."""
    bindir = _bindir()
    folder = Path(tempfile.mkdtemp(prefix="copydesk-pg-"))
    prefix: list[str] = []
    (folder / "pw").write_text(PASSWORD + "\n")
    if os.geteuid() == 0:
        if shutil.which("runuser") is None:
            raise PostgresUnavailable("running as root and runuser is missing (PostgreSQL refuses to run as root)")
        prefix = ["runuser", "-u", "postgres", "--"]
        for path in (folder, folder / "pw"):
            shutil.chown(path, "postgres", "postgres")
    server = PostgresServer(folder, _free_port(), bindir, prefix)
    data = str(folder / "data")
    init = [str(bindir / "initdb"), "-D", data, "-U", USER, f"--pwfile={folder / 'pw'}", "-N"]
    _run([*prefix, *init, "-A", "trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--no-locale"], folder, "initdb")
    options = f"-k {folder} -p {server.port} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60"
    _run(
        [
            *prefix,
            str(bindir / "pg_ctl"),
            "-D",
            data,
            "-l",
            str(folder / "log"),
            "-w",
            "-t",
            "60",
            "-o",
            options,
            "start",
        ],
        folder,
        "pg_ctl start",
    )
    return server


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """A real PostgreSQL server for the whole test session (skips when none can be started)."""
    try:
        server = start_server()
    except (PostgresUnavailable, OSError, subprocess.SubprocessError, KeyError, LookupError) as exc:
        reason = f"PostgreSQL history tests skipped: {exc}"
        _SKIPPED.append(reason)
        pytest.skip(reason)
    try:
        yield server
    finally:
        server.stop()


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Say why the PostgreSQL cases were skipped, whatever the -r option."""
    for reason in _SKIPPED:
        terminalreporter.write_line(reason)


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty history database's URL on each backend."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path}/history.db"
    server: PostgresServer = request.getfixturevalue("postgres_server")
    return server.new_database()

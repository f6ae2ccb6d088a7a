"""Shared fixtures: the repository paths, a CLI runner, and pip-installed fixture plugins."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from copydesk.cli import app
from typer.testing import CliRunner

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@dataclass
class CliResult:
    """What a CLI invocation gave."""

    exit_code: int
    stdout: str
    stderr: str


@pytest.fixture
def cli() -> Callable[..., CliResult]:
    """Invoke the typer app in-process; stdout and stderr kept apart."""

    def invoke(*args: str, input: str | None = None) -> CliResult:
        result = CliRunner().invoke(app, list(args), input=input)
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise result.exception
        return CliResult(result.exit_code, result.stdout, result.stderr)

    return invoke


def pip_install_target(package: Path, target: Path) -> None:
    """pip-install a package directory into ``target`` (isolated from the test venv)."""
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--target",
            str(target),
            str(package),
        ],
        check=True,
        capture_output=True,
    )


@pytest.fixture(scope="session")
def installed_plugins(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture plugin packages, each pip-installed into one target directory.

    Subprocesses that put this directory on PYTHONPATH see their entry points; the test
    venv itself is left untouched, so other tests never see them.
    """
    target = tmp_path_factory.mktemp("site")
    pip_install_target(FIXTURES / "copydesk-shout", target / "shout")
    pip_install_target(FIXTURES / "copydesk-broken", target / "broken")
    return target


def run_copydesk(*args: str, pythonpath: list[Path] = (), cwd: Path = REPO, stdin: bytes | None = None) -> CliResult:  # type: ignore[assignment]
    """Run ``python -m copydesk`` in a subprocess with extra import paths."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(str(p) for p in pythonpath)
    proc = subprocess.run([sys.executable, "-m", "copydesk", *args], cwd=cwd, env=env, input=stdin, capture_output=True)
    return CliResult(proc.returncode, proc.stdout.decode(), proc.stderr.decode())


@pytest.fixture
def no_project_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Run in an empty working directory, so no copydesk.toml/pyproject.toml is found."""
    monkeypatch.chdir(tmp_path)
    yield tmp_path

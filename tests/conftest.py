"""Shared fixtures: a CLI runner, pip-installed fixture plugins, an empty working folder, history databases."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from cdci_helpers import Desk
from copydesk.cli import app
from postgres_support import db_url, postgres_server, pytest_terminal_summary
from support import FIXTURES, CliResult, pip_install_target
from typer.testing import CliRunner


@pytest.fixture
def cli() -> Callable[..., CliResult]:
    """Invoke the typer app in-process; stdout and stderr kept apart."""

    def invoke(*args: str, input: str | None = None) -> CliResult:
        result = CliRunner().invoke(app, list(args), input=input)
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise result.exception
        return CliResult(result.exit_code, result.stdout, result.stderr)

    return invoke


@pytest.fixture(scope="session")
def installed_plugins(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture plugin packages, each pip-installed into its own target folder.

    Subprocesses that put a folder on PYTHONPATH see its entry points; the test venv
    itself is left untouched, so other tests never see them.
    """
    target = tmp_path_factory.mktemp("site")
    pip_install_target(FIXTURES / "copydesk-shout", target / "shout")
    pip_install_target(FIXTURES / "copydesk-broken", target / "broken")
    return target


@pytest.fixture
def no_project_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Run in an empty working directory, so no copydesk.toml/pyproject.toml is found."""
    monkeypatch.chdir(tmp_path)
    yield tmp_path


@pytest.fixture
def desk(tmp_path: Path) -> Desk:
    """A scratch folder of articles and config for the CI-gating and format tests (cdci_helpers)."""
    return Desk(tmp_path)


__all__ = ["db_url", "postgres_server", "pytest_terminal_summary"]  # fixtures and hook from postgres_support


@pytest.fixture
def standard_distribution_finders(monkeypatch: pytest.MonkeyPatch) -> None:
    """``sys.meta_path`` without another library's distribution finder.

    Importing the ``importlib_metadata`` backport (an earlier test's library may) puts its
    finder on ``sys.meta_path`` and deletes the standard path finder's
    ``find_distributions`` for the rest of the session; :mod:`copydesk.distributions` then
    hands every question to ``importlib.metadata``, as it should, and a test of its own
    reading would test nothing. Here the standard finder is as a fresh interpreter has it.
    """
    import importlib.metadata
    from importlib.machinery import PathFinder

    standard = [f for f in sys.meta_path if getattr(f, "find_distributions", None) is None or f is PathFinder]
    monkeypatch.setattr(sys, "meta_path", standard)
    if getattr(PathFinder, "find_distributions", None) is None:
        finder = staticmethod(importlib.metadata.MetadataPathFinder.find_distributions)
        monkeypatch.setattr(PathFinder, "find_distributions", finder, raising=False)

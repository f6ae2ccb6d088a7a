"""Issue 16 item 16: the html extra installs a working trafilatura, and copydesk says which extractor it uses."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

from support import REPO, run_copydesk


def test_the_html_extra_brings_lxml_html_clean_which_trafilatura_needs_with_lxml_5_2() -> None:
    extra = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["optional-dependencies"]["html"]
    assert any(r.startswith("trafilatura") for r in extra) and any(r.startswith("lxml_html_clean") for r in extra)


def test_version_names_the_html_extractor() -> None:
    result = run_copydesk("--version")
    assert result.stdout.splitlines()[0].startswith("copydesk ")
    assert result.stdout.splitlines()[1].startswith("HTML extractor: ")


def test_a_trafilatura_that_cannot_be_imported_is_named_not_silently_replaced(tmp_path: Path) -> None:
    broken = tmp_path / "trafilatura"
    broken.mkdir()
    (broken / "__init__.py").write_text(
        "raise ImportError('lxml.html.clean module is now a separate project lxml_html_clean')\n"
    )
    result = run_copydesk("--version", pythonpath=[tmp_path])
    assert "HTML extractor: built-in" in result.stdout
    assert "trafilatura is installed but cannot be imported: lxml.html.clean" in result.stdout


def test_make_test_installs_the_html_extra_so_the_trafilatura_path_is_tested() -> None:
    """``make test`` installs ``.[dev]``; the dev extra pulls in the html extra."""
    extras = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["optional-dependencies"]
    assert any(r.startswith("copydesk[") and "html" in r.split("[", 1)[1] for r in extras["dev"]), extras["dev"]
    assert "'.[dev]'" in (REPO / "Makefile").read_text()


def test_plugins_names_the_extractor_the_configuration_picks(tmp_path: Path) -> None:
    (tmp_path / "copydesk.toml").write_text('[sources]\nhtml_extractor = "builtin"\n')
    pinned = run_copydesk("plugins", cwd=tmp_path)
    assert pinned.stdout.splitlines()[-1] == "HTML extractor: built-in (html.parser); chosen by sources.html_extractor"
    default = run_copydesk("plugins", "--format", "json")
    assert (
        json.loads(default.stdout)["html_extractor"]
        == run_copydesk("--version").stdout.splitlines()[1].split(": ", 1)[1]
    )

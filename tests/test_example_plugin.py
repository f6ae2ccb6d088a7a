"""The example third-party package (examples/copydesk-clickbait) installs, passes its tests, and works end to end."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from copydesk.testing import pip_install, run_copydesk, run_package_tests

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "copydesk-clickbait"
STORY = """\
You Won't Believe What The Mayor Did NEXT!!

The council met on Tuesday. What happened next will shock you: the budget passed.
"""
QUIET_STORY = "Council approves budget\n\nThe council met on Tuesday and approved the budget.\n"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the example (so building it never writes into the repository), pip-installed."""
    work = tmp_path_factory.mktemp("clickbait")
    package = work / "copydesk-clickbait"
    shutil.copytree(EXAMPLE, package, ignore=shutil.ignore_patterns("build", "*.egg-info", "__pycache__", ".*"))
    target = work / "site"
    pip_install(package, target)
    return target


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    """A working folder with a clickbait story and a plain one."""
    (tmp_path / "clickbait.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "plain.txt").write_text(QUIET_STORY, encoding="utf-8")
    return tmp_path


def findings(stdout: str) -> dict[str, list[tuple[str, str]]]:
    """(code, matched) of the clickbait plugin's findings, by article id."""
    return {
        a["id"]: [(f["code"], f["matched"]) for f in a["findings"] if f["plugin"] == "clickbait"]
        for a in json.loads(stdout)["articles"]
    }


def test_example_tests_pass_against_the_installed_package(site: Path) -> None:
    proc = run_package_tests(site.parent / "copydesk-clickbait", [site])
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert " passed" in proc.stdout and "skipped" not in proc.stdout


def test_copydesk_plugins_lists_it(site: Path, articles: Path) -> None:
    proc = run_copydesk("plugins", pythonpath=[site], cwd=articles)
    assert proc.returncode == 0, proc.stderr
    (line,) = [line for line in proc.stdout.splitlines() if line.startswith("clickbait ")]
    assert line.split() == ["clickbait", "copydesk-clickbait", "1.0.0", "CLK"]


def test_copydesk_score_reports_its_findings(site: Path, articles: Path) -> None:
    proc = run_copydesk("score", ".", "--format", "json", pythonpath=[site], cwd=articles)
    assert proc.returncode == 0, proc.stderr
    assert findings(proc.stdout) == {
        "clickbait.txt": [
            ("CLK002", "You Won't Believe"),
            ("CLK001", "NEXT"),
            ("CLK004", "!!"),
            ("CLK002", "What happened next"),
            ("CLK002", "will shock you"),
        ],
        "plain.txt": [],
    }


def test_text_report_names_the_rules(site: Path, articles: Path) -> None:
    proc = run_copydesk("score", "clickbait.txt", pythonpath=[site], cwd=articles)
    assert proc.returncode == 0, proc.stderr
    assert "CLK002" in proc.stdout and "withholds the news" in proc.stdout


def test_settings_come_from_the_project_config(site: Path, articles: Path) -> None:
    (articles / "copydesk.toml").write_text(
        '[plugins.clickbait]\nremove_phrases = ["will shock you"]\nmin_capitals = 5\n'
    )
    proc = run_copydesk("score", "clickbait.txt", "--format", "json", pythonpath=[site], cwd=articles)
    assert proc.returncode == 0, proc.stderr
    codes = [code for code, _ in findings(proc.stdout)["clickbait.txt"]]
    assert codes == ["CLK002", "CLK004", "CLK002"]


def test_disable_goes_on_without_it(site: Path, articles: Path) -> None:
    proc = run_copydesk("score", ".", "--format", "json", "--disable", "clickbait", pythonpath=[site], cwd=articles)
    assert proc.returncode == 0, proc.stderr
    assert findings(proc.stdout) == {"clickbait.txt": [], "plain.txt": []}
    listed = run_copydesk("plugins", "--disable", "clickbait", pythonpath=[site], cwd=articles)
    assert ["clickbait", "(disabled)"] in [line.split() for line in listed.stdout.splitlines()]


def test_explain_shows_its_rule_doc(site: Path, articles: Path) -> None:
    proc = run_copydesk("explain", "curiosity-gap-phrase", pythonpath=[site], cwd=articles)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("CLK002 (curiosity-gap-phrase) - plugin clickbait")
    for section in (
        "**What it flags.**",
        "**Why it matters.**",
        "**Example.**",
        "**Known problems.**",
        "**Settings.**",
    ):
        assert section in proc.stdout
    # Its settings table describes each setting as the built-ins' do: from its Scorer.setting_docs.
    assert "| `min_capitals` | `4` | (default) | Shortest all-capitals headline word flagged by CLK001" in proc.stdout
    assert "| `remove_phrases` | `[]` | (default) | Packaged phrases CLK002 no longer flags. |" in proc.stdout

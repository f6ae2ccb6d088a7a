"""Issue 16 item 17: the read-only commands show what they can.

``copydesk plugins`` lists a plugin that fails to load with its error (exit 3); ``plugins``,
``rules`` and ``explain`` still work over a setting that ``score`` refuses, naming it in a
warning (exit 0); the listing's columns line up.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from support import SEEDS, run_copydesk

BROKEN = "failed to load: ModuleNotFoundError: No module named 'copydesk_missing_dependency'"


def test_plugins_lists_a_plugin_that_fails_to_load_with_its_error_and_exits_3(installed_plugins: Path) -> None:
    result = run_copydesk("plugins", pythonpath=[installed_plugins / "broken", installed_plugins / "shout"])
    assert result.exit_code == 3
    rows = {line.split()[0]: line for line in result.stdout.splitlines()}
    assert {"broken", "shout", "hedging", "boilerplate"} <= set(rows)
    assert rows["broken"].split()[1:3] == ["copydesk-broken-fixture", "0.0.1"] and BROKEN in rows["broken"]
    [error] = result.stderr.splitlines()
    assert error.startswith("copydesk: error: plugin 'broken' (copydesk-broken-fixture 0.0.1) failed to load")


def test_plugins_json_gives_the_failed_plugins_error(installed_plugins: Path) -> None:
    result = run_copydesk("plugins", "--format", "json", pythonpath=[installed_plugins / "broken"])
    assert result.exit_code == 3
    rows = {row["name"]: row for row in json.loads(result.stdout)["plugins"]}
    assert rows["broken"]["error"].startswith("ModuleNotFoundError") and "scorers" not in rows["broken"]
    assert rows["hedging"]["scorers"] == ["HDG"] and "error" not in rows["hedging"]


@pytest.mark.parametrize("args", [["rules"], ["explain", "HDG001"]])
def test_rules_and_explain_show_the_plugins_that_loaded_and_name_the_one_that_did_not(
    installed_plugins: Path, args: list[str]
) -> None:
    result = run_copydesk(*args, pythonpath=[installed_plugins / "broken"])
    assert result.exit_code == 3 and "HDG001" in result.stdout
    assert "plugin 'broken'" in result.stderr and "--disable broken" in result.stderr


@pytest.mark.parametrize(
    ("args", "shown"),
    [(["plugins"], "hedging"), (["rules"], "HDG001"), (["explain", "HDG001"], "hedge-cue")],
)
@pytest.mark.parametrize(
    ("toml", "named"),
    [
        ("[plugins.hedging]\nbogus = 1\n", "unknown key 'plugins.hedging.bogus'"),
        ("[plugins.hedging]\ndensity_threshold = -1\n", "[plugins.hedging]"),
        ("[run]\nselect = ['NOPE999']\n", "NOPE999"),
    ],
    ids=["unknown-key", "out-of-range", "selector"],
)
def test_read_only_commands_work_over_a_setting_a_run_refuses_and_name_it(
    tmp_path: Path, args: list[str], shown: str, toml: str, named: str
) -> None:
    config = tmp_path / "copydesk.toml"
    config.write_text(toml)
    refused = run_copydesk("score", str(SEEDS), "--config", str(config))
    assert refused.exit_code == 2 and named in refused.stderr
    result = run_copydesk(*args, "--config", str(config))
    assert result.exit_code == 0 and shown in result.stdout
    [warning] = result.stderr.splitlines()
    assert warning.startswith("copydesk: warning: ") and str(config) in warning
    assert named in warning and "exit 2" in warning


def test_the_plugins_listing_is_in_aligned_columns(installed_plugins: Path) -> None:
    result = run_copydesk("plugins", pythonpath=[installed_plugins / "shout"])
    every = [line for line in result.stdout.splitlines() if not line.startswith("HTML extractor:")]
    lines = [line for line in every if not line.startswith("    ")]  # under each plugin: its parts' descriptions
    assert len(lines) > 2
    columns = [[m.start() for m in re.finditer(r"\S+", line)][:4] for line in lines]  # name, dist, version, provides
    assert all(len(starts) == 4 for starts in columns)
    assert len({tuple(starts) for starts in columns}) == 1, result.stdout


def test_the_plugins_listing_shows_each_scorers_and_formats_description() -> None:
    text = run_copydesk("plugins").stdout.splitlines()
    at = text.index(next(line for line in text if line.startswith("hedging ")))
    assert text[at + 1] == "    HDG: Hedging language and vague attribution: uncertainty the article leaves open"
    assert "    format:jsonl: One JSON report per line, streamed" in text
    rows = {row["name"]: row for row in json.loads(run_copydesk("plugins", "-f", "json").stdout)["plugins"]}
    assert rows["reporters"]["descriptions"]["format:jsonl"] == "One JSON report per line, streamed"
    assert rows["hedging"]["descriptions"] == {"HDG": text[at + 1].split(": ", 1)[1]}

"""No output replaces a file the run reads besides its articles: configuration, model, baseline, history database."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from copydesk.modelfile import packaged_model_path
from support import CliResult
from test_cli_sources import clean, write_batch

Cli = Callable[..., CliResult]


def _refused(result: CliResult, line: str) -> None:
    assert result.exit_code == 2, result.stderr
    assert result.stderr.splitlines() == [f"copydesk: error: {line}"]


def test_trend_html_onto_its_history_database_is_refused_and_the_database_kept(
    cli: Cli, no_project_config: Path
) -> None:
    write_batch(Path("b.jsonl"), [("w1", "wire", clean(1))])
    assert cli("score", "b.jsonl", "--history", "h.db").exit_code == 0
    before = Path("h.db").read_bytes()
    result = cli("trend", "--history", "h.db", "--html", "h.db")
    _refused(result, "h.db: the HTML page would overwrite this input (the history database); write it elsewhere")
    assert result.stdout == "" and Path("h.db").read_bytes() == before
    assert cli("history", "--history", "sqlite:///h.db").exit_code == 0


def test_a_report_onto_the_history_database_is_refused(cli: Cli, no_project_config: Path) -> None:
    write_batch(Path("b.jsonl"), [("w1", "wire", clean(1))])
    assert cli("score", "b.jsonl", "--history", "h.db").exit_code == 0
    result = cli("score", "b.jsonl", "--history", "h.db", "-f", "html:h.db")
    _refused(result, "h.db: the html report would overwrite this input (the history database); write it elsewhere")
    with sqlite3.connect("h.db") as db:
        assert db.execute("SELECT COUNT(*) FROM runs").fetchone() == (1,)


def test_a_report_onto_the_baseline_of_check_is_refused(cli: Cli, no_project_config: Path) -> None:
    write_batch(Path("b.jsonl"), [("w1", "wire", clean(1))])
    assert cli("baseline", "write", "b.jsonl", "-o", "b.json").exit_code == 0
    before = Path("b.json").read_bytes()
    result = cli("check", "b.jsonl", "--baseline", "b.json", "-f", "json:b.json")
    _refused(result, "b.json: the json report would overwrite this input (the baseline); write it elsewhere")
    assert Path("b.json").read_bytes() == before


def test_a_report_onto_the_model_file_is_refused(cli: Cli, no_project_config: Path) -> None:
    write_batch(Path("b.jsonl"), [("w1", "wire", clean(1))])
    Path("m.json").write_text(packaged_model_path().read_text(encoding="utf-8"), encoding="utf-8")
    before = Path("m.json").read_bytes()
    result = cli("score", "b.jsonl", "--model", "m.json", "-f", "json:m.json")
    assert result.exit_code == 2, result.stderr
    [line] = result.stderr.splitlines()
    assert line.startswith("copydesk: error: m.json: the json report would overwrite this input (the model file")
    assert Path("m.json").read_bytes() == before and json.loads(before)


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("copydesk.toml", []),
        ("pyproject.toml", []),
        ("settings.toml", ["--config", "settings.toml"]),
    ],
)
@pytest.mark.parametrize("command", [["score", "b.jsonl", "-o"], ["baseline", "write", "b.jsonl", "-o"]])
def test_an_output_onto_the_configuration_file_is_refused(
    cli: Cli, no_project_config: Path, name: str, args: list[str], command: list[str]
) -> None:
    write_batch(Path("b.jsonl"), [("w1", "wire", clean(1))])
    text = "[run]\nworkers = 1\n" if name != "pyproject.toml" else "[tool.copydesk.run]\nworkers = 1\n"
    Path(name).write_text(text, encoding="utf-8")
    result = cli(*command, name, *args)
    assert result.exit_code == 2, result.stderr
    [line] = result.stderr.splitlines()
    assert line.startswith(f"copydesk: error: {name}: the ") and "(the configuration file" in line, line
    assert line.endswith("; write it elsewhere") and Path(name).read_text(encoding="utf-8") == text


@pytest.mark.parametrize(
    ("name", "args"),
    [("copydesk.toml", []), ("pyproject.toml", []), ("c2.toml", ["--config", "c2.toml"])],
)
def test_trend_html_onto_its_configuration_file_is_refused(
    cli: Cli, no_project_config: Path, name: str, args: list[str]
) -> None:
    text = '[history]\nurl = "h.db"\n' if name != "pyproject.toml" else '[tool.copydesk.history]\nurl = "h.db"\n'
    Path(name).write_text(text, encoding="utf-8")
    write_batch(Path("b.jsonl"), [("w1", "wire", clean(1))])
    assert cli("score", "b.jsonl", *args).exit_code == 0 and Path("h.db").exists()
    result = cli("trend", *args, "--html", name)
    assert result.exit_code == 2, result.stderr
    [line] = result.stderr.splitlines()
    assert line.startswith(f"copydesk: error: {name}: the HTML page would overwrite this input (the configuration file")
    assert line.endswith("; write it elsewhere") and Path(name).read_text(encoding="utf-8") == text


def _labelled() -> None:
    """Five real and five fake articles: enough to fit, so only the refusal stops the fit."""
    lines = [
        json.dumps({"id": f"w{n}", "text": clean(n), "source": "wire", "label": "fake" if n % 2 else "real"})
        for n in range(10)
    ]
    Path("lab.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "args"),
    [("copydesk.toml", []), ("pyproject.toml", []), ("c2.toml", ["--config", "c2.toml"])],
)
def test_learn_weights_onto_its_configuration_file_is_refused(
    cli: Cli, no_project_config: Path, name: str, args: list[str]
) -> None:
    _labelled()
    text = "[run]\nworkers = 1\n" if name != "pyproject.toml" else "[tool.copydesk.run]\nworkers = 1\n"
    Path(name).write_text(text, encoding="utf-8")
    result = cli(
        "learn-weights", "lab.jsonl", "--label", "label", "--unreliable", "fake", "--folds", "2", "-o", name, *args
    )
    assert result.exit_code == 2, result.stderr
    [line] = result.stderr.splitlines()
    assert line.startswith(
        f"copydesk: error: {name}: the model file would overwrite this input (the configuration file"
    )
    assert line.endswith("; write it elsewhere") and Path(name).read_text(encoding="utf-8") == text


def test_learn_weights_onto_the_model_it_reads_is_refused(cli: Cli, no_project_config: Path) -> None:
    _labelled()
    Path("m0.json").write_text(packaged_model_path().read_text(encoding="utf-8"), encoding="utf-8")
    before = Path("m0.json").read_bytes()
    args = [
        "lab.jsonl",
        "--label",
        "label",
        "--unreliable",
        "fake",
        "--folds",
        "2",
        "-o",
        "m0.json",
        "--model",
        "m0.json",
    ]
    result = cli("learn-weights", *args)
    assert result.exit_code == 2, result.stderr
    [line] = result.stderr.splitlines()
    assert line.startswith("copydesk: error: m0.json: the model file would overwrite this input (the model file")
    assert Path("m0.json").read_bytes() == before


@pytest.mark.parametrize("url", ["h.db", "sqlite:///h.db"])
@pytest.mark.parametrize(
    ("command", "what"),
    [
        (["baseline", "write", "b.jsonl", "-o", "h.db"], "the baseline"),
        (
            ["learn-weights", "lab.jsonl", "--label", "label", "--unreliable", "fake", "--folds", "2", "-o", "h.db"],
            "the model file",
        ),
    ],
)
def test_an_output_onto_the_configured_history_database_is_refused(
    cli: Cli, no_project_config: Path, url: str, command: list[str], what: str
) -> None:
    _labelled()
    write_batch(Path("b.jsonl"), [("w1", "wire", clean(1))])
    Path("copydesk.toml").write_text(f'[history]\nurl = "{url}"\n', encoding="utf-8")
    assert cli("score", "b.jsonl").exit_code == 0
    result = cli(*command)
    _refused(result, f"h.db: {what} would overwrite this input (the history database); write it elsewhere")
    with sqlite3.connect("h.db") as db:
        assert db.execute("SELECT COUNT(*) FROM runs").fetchone() == (1,)


def test_baseline_prune_from_another_folder_is_refused_and_the_baseline_kept(
    cli: Cli, no_project_config: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    Path("b2").mkdir()
    monkeypatch.chdir("b2")
    write_batch(Path("b.jsonl"), [("w1", "wire", "Officials said the plan was awful and shocking.")])
    assert cli("baseline", "write", "b.jsonl", "-o", "bl.json").exit_code == 0
    before = Path("bl.json").read_bytes()
    monkeypatch.chdir("..")
    for flag in ("-b", "-o"):
        result = cli("baseline", "prune", flag, "b2/bl.json")
        _refused(
            result,
            "b2/bl.json: none of its recorded paths exists here (b.jsonl); "
            "run prune from the folder it was written in, or name the paths",
        )
        assert Path("b2/bl.json").read_bytes() == before


def test_an_unreadable_records_error_line_and_report_name_its_file_line_and_id(
    cli: Cli, no_project_config: Path
) -> None:
    """Standard error names the id a record gives; the text report's line names the id its heading does not."""
    Path("feed.jsonl").write_text(
        "\n".join(
            [
                json.dumps({"id": "ok", "text": clean(1)}),
                '{"id": "broken-7", "text": "The council met.",}',
                json.dumps({"id": "empty-9", "text": ""}),
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    result = cli("score", "feed.jsonl")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "copydesk: error: feed.jsonl:2 (broken-7): not valid JSON: expecting property name enclosed in double quotes"
        " (column 47)",
        "copydesk: error: feed.jsonl:3 (empty-9): field 'text' is empty",
    ]
    assert "\n  feed.jsonl:2 error   CD002 (broken-7): not valid JSON" in result.stdout  # its heading is feed.jsonl:2
    assert "\n  feed.jsonl:3 error   CD002 field 'text' is empty" in result.stdout  # its heading is empty-9
    report = json.loads(cli("score", "feed.jsonl", "-f", "json").stdout)
    assert [a["id"] for a in report["articles"]] == ["ok", "feed.jsonl:2", "empty-9"]

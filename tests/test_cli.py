"""End to end through the command line: seeds, exit codes, bad input, third-party plugins."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from copydesk import config as config_module
from support import SEEDS, CliResult, run_copydesk

Cli = Callable[..., CliResult]
SEED_FILES = sorted(p.name for p in SEEDS.glob("*.txt"))


def one_line_error(result: CliResult) -> str:
    """The single error line on stderr (and proof there is no traceback)."""
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("copydesk: error:")]
    assert errors, result.stderr
    return errors[0]


def test_score_seeds_prints_a_report_for_each(cli: Cli) -> None:
    result = cli("score", str(SEEDS))
    assert result.exit_code == 0, result.stderr
    for name in SEED_FILES:
        assert name in result.stdout
    assert "5 scored, 0 unreadable" in result.stdout


def test_json_report_has_score_grade_and_breakdown_and_is_reproducible(cli: Cli) -> None:
    first = cli("score", str(SEEDS), "--format", "json")
    second = cli("score", str(SEEDS), "--format", "json", "--workers", "2")
    assert first.exit_code == 0 and first.stdout == second.stdout
    document = json.loads(first.stdout)
    assert document["schema_version"] == "2.3"
    assert [Path(a["id"]).name for a in document["articles"]] == SEED_FILES
    for article in document["articles"]:
        assert 0 <= article["score"] <= 100 and article["grade"] in "ABCDF"
        assert article["scorers"] and all("contribution" in s and "subscore" in s for s in article["scorers"])
        total_lost = sum(s["contribution"] for s in article["scorers"])
        assert total_lost == pytest.approx(100 - article["score"], abs=0.05)
        for finding in article["findings"]:
            assert {"code", "name", "plugin", "prefix", "location"} <= set(finding)


def test_findings_point_into_the_callers_file(cli: Cli) -> None:
    document = json.loads(cli("score", str(SEEDS), "--format", "json").stdout)
    checked = 0
    for article in document["articles"]:
        text = Path(article["source"]["path"]).read_text(encoding="utf-8")
        lines = text.split("\n")
        for finding in article["findings"]:
            loc = finding["location"]
            assert text[loc["start"] : loc["end"]] == finding["matched"]
            line = lines[loc["line"] - 1]
            assert line[loc["column"] - 1 :].startswith(finding["matched"].split("\n")[0])
            checked += 1
    assert checked > 0


def test_jsonl_streams_one_report_per_line(cli: Cli) -> None:
    lines = cli("score", str(SEEDS), "--format", "jsonl").stdout.splitlines()
    assert len(lines) == 5 and all(json.loads(line)["schema_version"] == "2.3" for line in lines)


def test_output_file_is_written_whole_and_matches_stdout(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    assert cli("score", str(SEEDS), "-f", "json", "-o", str(target)).exit_code == 0
    assert target.read_text() == cli("score", str(SEEDS), "-f", "json").stdout
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_failed_run_leaves_no_output_file(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    result = cli("score", str(tmp_path / "missing"), "-f", "json", "-o", str(target))
    assert result.exit_code == 2 and not list(tmp_path.iterdir())


def test_check_floor_zero_passes_and_a_floor_above_the_lowest_seed_fails(cli: Cli) -> None:
    assert cli("check", str(SEEDS), "--fail-under", "0").exit_code == 0
    scores = {a["id"]: a["score"] for a in json.loads(cli("score", str(SEEDS), "-f", "json").stdout)["articles"]}
    lowest = min(scores, key=lambda k: scores[k])
    floor = int(scores[lowest]) + 1
    result = cli("check", str(SEEDS), "--fail-under", str(floor))
    assert result.exit_code == 1
    assert f"FAIL {lowest}" in result.stderr
    passing = [a for a, s in scores.items() if s >= floor]
    assert all(f"FAIL {a}:" not in result.stderr for a in passing)


@pytest.mark.parametrize("floor", ["-1", "101", "150"])
def test_check_floor_outside_range_is_a_usage_error(cli: Cli, floor: str) -> None:
    result = cli("check", str(SEEDS), "--fail-under", floor)
    assert result.exit_code == 2 and "Traceback" not in result.stderr


@pytest.mark.parametrize("flag", ["--fail-under", "--source-fail-under", "--max-drop"])
@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("nan", "is not a number written in the digits 0-9 (like 12.5)"),
        ("1e400", "is too large a number"),
        ("٥", "is not a number written in the digits 0-9 (like 12.5)"),
    ],
)
def test_a_flag_given_nan_or_overflow_is_named_in_its_one_line_error(flag: str, value: str, problem: str) -> None:
    result = run_copydesk("check", str(SEEDS), flag, value)
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        f"copydesk: error: check: Invalid value for '{flag}': '{value}' {problem}; see 'copydesk check --help'"
    ]


BAD_INPUTS = [
    ("empty.txt", b"", "empty file"),
    ("binary.txt", b"\x00\x01\x02\x03binary", "binary file"),
    ("records.jsonl", b'{"text": "Good one."}\n{"text": broken\n', "records.jsonl:2: not valid JSON"),
    ("notext.jsonl", b'{"body": "wrong field"}\n', "record has no 'text' field"),
    ("missing.csv", b"id,title\n1,Hello\n", "no 'text' column"),
]


@pytest.mark.parametrize(("name", "data", "message"), BAD_INPUTS)
def test_bad_input_is_one_line_exit_2_and_the_rest_is_scored(
    cli: Cli, tmp_path: Path, name: str, data: bytes, message: str
) -> None:
    (tmp_path / name).write_bytes(data)
    (tmp_path / "good.txt").write_text("A fine headline\nThe council approved the budget on Tuesday.")
    result = cli("score", str(tmp_path), "-f", "json")
    assert result.exit_code == 2
    assert message in one_line_error(result)
    ids = {Path(a["id"].split(":")[0]).name: a["verdict"] for a in json.loads(result.stdout)["articles"]}
    assert ids["good.txt"] != "unreadable" and ids[name] == "unreadable"


def test_invalid_utf8_is_decoded_with_a_warning_or_refused_when_told(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes(("Caf\xe9 news\n" + "Le caf\xe9 \xe9tait tr\xe8s anim\xe9 ce matin. " * 8).encode("latin-1"))
    guessed = cli("score", str(path), "-f", "json")
    assert guessed.exit_code == 0 and "warning" in guessed.stderr and "decoded as" in guessed.stderr
    assert [d["code"] for d in json.loads(guessed.stdout)["articles"][0]["diagnostics"]] == ["CD003"]
    strict = tmp_path / "strict.toml"
    strict.write_text("[sources]\nencoding_fallback = false\n")
    refused = cli("score", str(path), "--config", str(strict))
    assert (
        refused.exit_code == 2
        and "not valid UTF-8 (line 1, byte 4 of the line: invalid continuation byte)" in one_line_error(refused)
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["score", "no/such/path.txt"], "no/such/path.txt: no such file or directory"),
        (["score", "https://example.com/news/1"], "URLs are not fetched; save the page as .html and score the file"),
        (
            ["score", "a" * 300 + ".txt"],
            ".txt: name too long for the file system: a name in the path is 304 bytes (at most",
        ),
        (["score", "/".join(["folder"] * 1000)], "folder: path too long for the system: 6999 bytes (at most"),
        (
            ["score", str(SEEDS / "000_e91f38832a2364a5.txt" / "x.txt")],
            ".txt/x.txt: cannot be reached: Not a directory",
        ),
        (["score", str(SEEDS), "--format", "yaml"], "unknown format 'yaml' (available: "),
        (["score", str(SEEDS), "--format", "jsn"], "unknown format 'jsn'; did you mean 'json'? (available: "),
        (["score", str(SEEDS), "-f", "JSON:x.json"], "unknown format 'JSON'; did you mean 'json'? (available: "),
        (
            ["check", str(SEEDS), "-f", ""],
            "--format needs a format name (text, json, html, ...), with :FILE for a file",
        ),
        (["score", str(SEEDS), "-f", " , "], "--format needs a format name"),
        (["score", str(SEEDS), "-f", ":x.json"], "--format ':x.json': no format name before ':'"),
        (["score", str(SEEDS), "--select", "NOPE123"], "matches no rule"),
        (["explain", "ZZZ999"], "no rule 'ZZZ999'"),
    ],
)
def test_usage_errors_exit_2_with_one_line(cli: Cli, args: list[str], message: str) -> None:
    result = cli(*args)
    assert result.exit_code == 2 and message in one_line_error(result)


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("[run]\nselekt = []\n", "unknown key 'run.selekt'"),
        ("[gate]\nfail_under = -3\n", "gate.fail_under must be between 0 and 100"),
    ],
)
def test_bad_config_exits_2_naming_key_and_file(cli: Cli, tmp_path: Path, toml: str, message: str) -> None:
    path = tmp_path / "copydesk.toml"
    path.write_text(toml)
    result = cli("score", str(SEEDS), "--config", str(path))
    assert result.exit_code == 2 and message in one_line_error(result) and str(path) in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["score", str(SEEDS), "--select", "HDG,RDB", "--ignore", "RDB001", "--disable", "figures", "-j", "2"],
        ["check", str(SEEDS), "--ignore", "HDG001", "--disable", "readability", "--fail-under", "0"],
        ["baseline", "write", str(SEEDS), "--ignore", "HDG001"],
        ["rules", "--disable", "figures"],
        ["plugins"],
        ["explain", "HDG001"],
        ["learn-weights", "labelled.jsonl", "--label", "label", "--unreliable", "fake", "--folds", "2"],
    ],
    ids=lambda args: args[0],
)
def test_a_run_reads_its_configuration_file_once(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    path = tmp_path / "copydesk.toml"
    path.write_text('[run]\nignore = ["HDG002"]\ndisable = ["truncation"]\n')
    reads: list[Path] = []
    real = config_module._read_toml

    def counting(file: Path) -> dict[str, Any]:
        reads.append(file)
        return real(file)

    monkeypatch.setattr(config_module, "_read_toml", counting)
    monkeypatch.chdir(tmp_path)
    if args[0] == "baseline":
        args = [*args, "--output", str(tmp_path / "baseline.json")]
    if args[0] == "learn-weights":  # a labelled batch whose fakes are hedged, so a weight is learned
        hedged = "Sources say the plan may possibly fail, and critics suggest it could perhaps stall."
        rows = [
            {
                "id": f"{label}{i}",
                "text": f"{hedged if label == 'fake' else 'The council met.'} Item {i}.",
                "label": label,
            }
            for i in range(6)
            for label in ("fake", "real")
        ]
        (tmp_path / "labelled.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    result = cli(*args, "--config", str(path))
    assert result.exit_code == 0, result.stderr
    assert reads == [path]


def test_rules_json_lists_code_name_plugin_severity(cli: Cli) -> None:
    rules = json.loads(cli("rules", "--format", "json").stdout)["rules"]
    codes = [r["code"] for r in rules]
    assert len(codes) == len(set(codes)) and "CD001" in codes and any(c.startswith("RDB") for c in codes)
    assert all({"code", "name", "plugin", "severity"} <= set(r) for r in rules)


COUNCIL_DAYS = " ".join(
    f"On day {n} of the budget talks the members of the council went through the {topic} line by line and"
    f" asked the officers what each change would mean for the people of the town."
    for n, topic in enumerate(("library", "pool", "parks", "roads", "buses", "schools", "housing", "museum"), 1)
)
UNCREDITED = (
    "The council met on Tuesday to set the budget for the coming year.\n\n"
    '"Every reader in this town deserves a library within walking distance of home."\n\n'
    f"{COUNCIL_DAYS}\n\n{COUNCIL_DAYS}\n\nThe vote is due next month.\n"
)


def test_an_opt_in_rule_is_reported_only_when_selected_by_code_and_leaves_the_score_alone(
    cli: Cli, tmp_path: Path
) -> None:
    article = tmp_path / "council.txt"
    article.write_text(UNCREDITED, encoding="utf-8")
    runs = {
        name: json.loads(cli("score", str(article), "-f", "json", *flags).stdout)["articles"][0]
        for name, flags in (("default", ()), ("prefix", ("--select", "ALL,SRC")), ("code", ("--select", "ALL,SRC001")))
    }
    codes = {name: [f["code"] for f in run["findings"]] for name, run in runs.items()}
    assert "SRC001" not in codes["default"] and "SRC001" not in codes["prefix"]
    assert codes["code"].count("SRC001") == 1
    assert runs["default"]["score"] == runs["code"]["score"] == runs["prefix"]["score"]
    listed = {r["code"]: r for r in json.loads(cli("rules", "--format", "json").stdout)["rules"]}
    assert listed["SRC001"]["opt_in"] is True and listed["SRC002"]["opt_in"] is False
    assert "SRC001   uncredited-quotation         info     sourcing  (opt-in)" in cli("rules").stdout.splitlines()
    assert "opt-in: off unless selected by its code or name" in cli("explain", "SRC001").stdout.splitlines()[0]


def test_explain_shows_a_rules_doc(cli: Cli) -> None:
    result = cli("explain", "scorer-error")
    assert result.exit_code == 0 and "CD001" in result.stdout and "What it flags" in result.stdout


def test_explain_reads_a_name_in_any_case_and_names_the_rules_of_a_prefix(cli: Cli) -> None:
    # the README: selectors are case-sensitive, "as explain is not"; a prefix selects rules, so say which
    for given in ("HEDGE-CUE", "Hedge-Cue", "hdg001"):
        result = cli("explain", given)
        assert result.exit_code == 0 and result.stdout.startswith("HDG001 (hedge-cue)"), (given, result.stderr)
    prefix = cli("explain", "hdg")
    assert prefix.exit_code == 2
    assert one_line_error(prefix) == (
        "copydesk: error: no rule 'hdg': it is the prefix of HDG001, HDG002, HDG003 and HDG004; explain one of them"
    )


def test_version(cli: Cli) -> None:
    assert cli("--version").stdout.startswith("copydesk ")


def test_help_on_every_command(cli: Cli) -> None:
    for command in ("score", "check", "plugins", "rules", "explain"):
        result = cli(command, "--help")
        assert result.exit_code == 0 and "--" in result.stdout


@pytest.mark.parametrize(
    "command",
    [["score"], ["baseline", "write"], ["baseline", "prune"], ["history"], ["trend"], ["diff"], ["learn-weights"]],
)
def test_the_help_of_a_command_without_a_gate_never_mentions_one(cli: Cli, command: list[str]) -> None:
    result = cli(*command, "--help")
    assert result.exit_code == 0 and "gate" not in result.stdout.lower(), result.stdout


def test_min_severity_help_says_what_counts_every_finding_in_each_command(cli: Cli) -> None:
    score = " ".join(cli("score", "--help").stdout.split())
    check = " ".join(cli("check", "--help").stdout.split())
    assert "other formats and the scores count them all" in score
    assert "other formats, the scores and the gate count them all" in check


# third-party plugins, pip-installed into a separate folder and found through entry points


def test_installed_plugin_is_listed_and_contributes_findings(installed_plugins: Path, tmp_path: Path) -> None:
    listed = run_copydesk("plugins", pythonpath=[installed_plugins / "shout"])
    assert listed.exit_code == 0
    assert any(line.split()[:3] == ["shout", "copydesk-shout-fixture", "1.2.3"] for line in listed.stdout.splitlines())
    article = tmp_path / "loud.txt"
    article.write_text("Headline\nThe MINISTER said the plan was AMAZING.")
    scored = run_copydesk("score", str(article), "-f", "json", pythonpath=[installed_plugins / "shout"])
    findings = json.loads(scored.stdout)["articles"][0]["findings"]
    shout = [(f["code"], f["matched"], f["plugin"]) for f in findings if f["prefix"] == "SHT"]
    assert shout == [("SHT001", "MINISTER", "shout"), ("SHT001", "AMAZING", "shout")]


def test_plugin_settings_from_config_reach_an_installed_plugin(installed_plugins: Path, tmp_path: Path) -> None:
    (tmp_path / "copydesk.toml").write_text("[plugins.shout]\nmin_length = 8\n")
    (tmp_path / "a.txt").write_text("Headline\nThe MINISTER said the plan was AMAZING.")
    scored = run_copydesk("score", "a.txt", "-f", "json", pythonpath=[installed_plugins / "shout"], cwd=tmp_path)
    matched = [f["matched"] for f in json.loads(scored.stdout)["articles"][0]["findings"] if f["prefix"] == "SHT"]
    assert matched == ["MINISTER"]


def test_scorer_raising_on_one_article_is_named_and_exits_3(installed_plugins: Path, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Calm\nA QUIET article.")
    (tmp_path / "b.txt").write_text("Loud\nPlease EXPLODE now.")
    result = run_copydesk("score", str(tmp_path), "-f", "json", pythonpath=[installed_plugins / "shout"])
    assert result.exit_code == 3
    articles = {Path(a["id"]).name: a for a in json.loads(result.stdout)["articles"]}
    assert articles["a.txt"]["findings"] and not articles["a.txt"]["diagnostics"]
    [diag] = articles["b.txt"]["diagnostics"]
    assert diag["code"] == "CD001" and "SHT (shout)" in diag["message"] and "asked to explode" in diag["message"]
    assert articles["b.txt"]["score"] is not None
    assert "b.txt: Scorer SHT (shout) failed" in one_line_error(result)


def test_plugin_that_fails_to_import_exits_3_and_can_be_disabled(installed_plugins: Path) -> None:
    paths = [installed_plugins / "shout", installed_plugins / "broken"]
    failed = run_copydesk("score", str(SEEDS), pythonpath=paths)
    assert failed.exit_code == 3
    line = one_line_error(failed)
    assert "plugin 'broken' (copydesk-broken-fixture 0.0.1) failed to load" in line and "ModuleNotFoundError" in line
    assert len(failed.stderr.strip().splitlines()) == 1
    recovered = run_copydesk("score", str(SEEDS), "--disable", "broken", pythonpath=paths)
    assert recovered.exit_code == 0 and "5 scored" in recovered.stdout


def test_stdin_is_scored(installed_plugins: Path) -> None:
    result = run_copydesk("score", "-", "-f", "jsonl", stdin=b'{"id": "s1", "text": "From standard input."}\n')
    assert result.exit_code == 0 and json.loads(result.stdout)["id"] == "s1"


def test_a_report_file_name_may_hold_a_comma_after_its_colon(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "out,v2.json"
    result = cli("score", str(SEEDS), "-f", f"text,json:{target}")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("copydesk ") and json.loads(target.read_text())["summary"]["articles"] == 5

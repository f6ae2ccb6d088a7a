"""The gate's three levers, alone and combined, and the exit codes of `copydesk check`."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import pytest
from cdci_helpers import CLEAN, Desk
from copydesk.ci.gate import below_as_shown, number, share
from copydesk.cli import app
from copydesk.errors import EXIT_GATE, EXIT_INTERNAL, EXIT_OK, EXIT_USAGE
from typer.testing import CliRunner

ONE_BAD = "One warning.\n\nThe bad news came on Monday after two years of work.\n"
ONE_AWFUL = "One error.\n\nThe awful news came on Monday after two years of work.\n"
TWO_BAD = "Two warnings.\n\nThe bad news and more bad news came on Monday.\n"


@pytest.fixture
def batch(desk: Desk) -> list[str]:
    """Four articles: clean (100), one warning, one error, two warnings."""
    return [
        desk.write("a_clean.txt", CLEAN),
        desk.write("b_bad.txt", ONE_BAD),
        desk.write("c_awful.txt", ONE_AWFUL),
        desk.write("d_twobad.txt", TWO_BAD),
    ]


def failing_ids(desk: Desk, paths: list[str], gate: dict[str, object]) -> tuple[int, list[str], dict[str, object]]:
    result = desk.run(paths, ["json"], gate)
    summary = json.loads(result.stdout)["summary"]
    return result.code, sorted(Path(a).name for a in summary["failing"]), summary["gate"]


@pytest.mark.parametrize(
    ("gate", "code", "failing"),
    [
        # fail_under alone: the floor sits between the scores
        ({"fail_under": 0}, EXIT_OK, []),
        ({"fail_under": 100}, EXIT_GATE, ["b_bad.txt", "c_awful.txt", "d_twobad.txt"]),
        ({"fail_under": 60}, EXIT_GATE, ["c_awful.txt", "d_twobad.txt"]),
        # fail_on alone: error catches the error only; warning catches both severities
        ({"fail_on": "error"}, EXIT_GATE, ["c_awful.txt"]),
        ({"fail_on": "warning"}, EXIT_GATE, ["b_bad.txt", "c_awful.txt", "d_twobad.txt"]),
        ({"fail_on": "none"}, EXIT_OK, []),
        # max_failing alone (with a lever that fails three articles)
        ({"fail_on": "warning", "max_failing": "3"}, EXIT_OK, ["b_bad.txt", "c_awful.txt", "d_twobad.txt"]),
        ({"fail_on": "warning", "max_failing": "2"}, EXIT_GATE, ["b_bad.txt", "c_awful.txt", "d_twobad.txt"]),
        ({"fail_on": "warning", "max_failing": "75%"}, EXIT_OK, ["b_bad.txt", "c_awful.txt", "d_twobad.txt"]),
        ({"fail_on": "warning", "max_failing": "74%"}, EXIT_GATE, ["b_bad.txt", "c_awful.txt", "d_twobad.txt"]),
        # combined: floor and severity fail different articles; the tolerance decides the batch
        ({"fail_under": 60, "fail_on": "error", "max_failing": "1"}, EXIT_GATE, ["c_awful.txt", "d_twobad.txt"]),
        ({"fail_under": 60, "fail_on": "error", "max_failing": "2"}, EXIT_OK, ["c_awful.txt", "d_twobad.txt"]),
        ({"fail_under": 40, "fail_on": "error", "max_failing": "50%"}, EXIT_OK, ["c_awful.txt"]),
    ],
)
def test_levers(desk: Desk, batch: list[str], gate: dict[str, object], code: int, failing: list[str]) -> None:
    got_code, got_failing, summary = failing_ids(desk, batch, gate)
    assert (got_code, got_failing) == (code, failing)
    assert summary["passed"] is (code == EXIT_OK)


def test_summary_names_the_lever_and_the_article(desk: Desk, batch: list[str]) -> None:
    result = desk.run(batch, ["json"], {"fail_under": 60, "fail_on": "error", "max_failing": "1"})
    lines = [line for line in result.stderr if "FAIL " in line]
    assert any(
        "c_awful.txt: fail_under: score 28.6" in line and "; fail_on: error+ findings WRD002" in line for line in lines
    )
    assert any("d_twobad.txt: fail_under: score" in line for line in lines)
    assert not any("b_bad.txt" in line for line in lines)
    verdict = result.stderr[-1]
    assert "gate FAILED: 2 of 4" in verdict and "fail_under 2" in verdict and "fail_on 1" in verdict
    assert "max_failing 1 allows 1" in verdict
    levers = json.loads(result.stdout)["summary"]["gate"]["levers"]
    assert [Path(p).name for p in levers["fail_on"]] == ["c_awful.txt"]
    assert [Path(p).name for p in levers["fail_under"]] == ["c_awful.txt", "d_twobad.txt"]


@pytest.mark.parametrize(
    ("files", "gate", "code"),
    [
        ({"ok.txt": CLEAN}, {"fail_under": 0}, EXIT_OK),
        ({"ok.txt": ONE_AWFUL}, {"fail_on": "error"}, EXIT_GATE),
        # an unreadable input: exit 2 even if the gate would tolerate it
        ({"ok.txt": CLEAN, "empty.txt": ""}, {"max_failing": "5"}, EXIT_USAGE),
        # a scorer failure: exit 3, never a pass, even with a gate that tolerates everything
        ({"ok.txt": CLEAN, "boom.txt": "Boom\n\nCRASH here.\n"}, {"max_failing": "100%"}, EXIT_INTERNAL),
        ({"boom.txt": "Boom\n\nCRASH here.\n"}, {"fail_under": 0}, EXIT_INTERNAL),
        # a scorer failure outranks a failed gate and an unreadable input
        ({"bad.txt": ONE_AWFUL, "boom.txt": "Boom\n\nCRASH.\n", "empty.txt": ""}, {"fail_on": "error"}, EXIT_INTERNAL),
    ],
)
def test_exit_codes(desk: Desk, files: dict[str, str], gate: dict[str, object], code: int) -> None:
    paths = [desk.write(name, text) for name, text in files.items()]
    result = desk.run(paths, ["json"], gate)
    assert result.code == code
    summary = json.loads(result.stdout)["summary"]
    assert summary["exit_code"] == code
    if code == EXIT_INTERNAL:
        assert summary["plugin_errors"] and "scorer blew up" in result.err


def test_plugin_failure_is_not_a_pass_in_any_format(desk: Desk, tmp_path: Path) -> None:
    paths = [desk.write("ok.txt", CLEAN), desk.write("boom.txt", "Boom\n\nCRASH here.\n")]
    junit, md = tmp_path / "r.xml", tmp_path / "r.md"
    result = desk.run(paths, [f"junit:{junit}", f"markdown:{md}", "sarif"], {"max_failing": "100%"})
    assert result.code == EXIT_INTERNAL
    assert 'errors="1"' in junit.read_text()
    assert "run FAILED (exit 3)" in md.read_text()
    sarif = json.loads(result.stdout)
    assert sarif["runs"][0]["invocations"][0]["executionSuccessful"] is False


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--fail-under", "101"], EXIT_USAGE, "--fail-under 101: gate.fail_under must be between 0 and 100"),
        (["--fail-under", "-1"], EXIT_USAGE, "--fail-under -1: gate.fail_under must be between 0 and 100"),
        (["--fail-on", "fatal"], EXIT_USAGE, "fail_on must be one of"),
        (["--max-failing", "five"], EXIT_USAGE, "max_failing must be"),
        (["--max-failing", "٥"], EXIT_USAGE, "--max-failing ٥: gate.max_failing must be"),
        (["--max-failing", "٥%"], EXIT_USAGE, "--max-failing ٥%: gate.max_failing must be"),
        (["--max-fail-rise", "٠.١"], EXIT_USAGE, "--max-fail-rise: '٠.١' is not a share"),
        (["--fail-under", "٥٠"], EXIT_USAGE, "Invalid value for '--fail-under': '٥٠' is not a number written in"),
        (["--fail-under", "1e400"], EXIT_USAGE, "Invalid value for '--fail-under': '1e400' is too large a number"),
        (["--source-fail-under", "1e400"], EXIT_USAGE, "Invalid value for '--source-fail-under': '1e400' is too"),
        (["--max-drop", "1e400"], EXIT_USAGE, "Invalid value for '--max-drop': '1e400' is too large a number"),
        (["--format", "nope:never-written.out"], EXIT_USAGE, "unknown format 'nope'"),
        (["--baseline", "missing-baseline.json"], EXIT_USAGE, "baseline file not found"),
        (["--fail-under", "0"], EXIT_OK, ""),
    ],
)
def test_cli_usage_errors(args: list[str], code: int, message: str) -> None:
    result = CliRunner().invoke(app, ["check", "seeds/", "--format", "json", *args])
    assert result.exit_code == code, result.output
    assert message in result.output
    assert "Traceback" not in result.output


def test_cli_several_formats_at_once(tmp_path: Path) -> None:
    html, sarif = tmp_path / "report.html", tmp_path / "out.sarif"
    result = CliRunner().invoke(
        app, ["check", "seeds/", "--format", f"html:{html}", "--format", f"sarif:{sarif}", "--format", "text"]
    )
    assert result.exit_code == EXIT_OK, result.output
    assert "worst first" in result.output  # the text report on stdout
    assert html.read_text().startswith("<!DOCTYPE html>")
    assert json.loads(sarif.read_text())["version"] == "2.1.0"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.sarif", "report.html"]  # no temporary leftovers


@pytest.mark.parametrize("where", ["flag", "config"])
def test_fractional_floor_from_flag_or_config(tmp_path: Path, where: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A floor such as 59.5 is accepted from both places, not only whole numbers."""
    monkeypatch.chdir(tmp_path)
    seeds = str(Path(__file__).resolve().parents[3] / "seeds")
    if where == "config":
        (tmp_path / "copydesk.toml").write_text("[gate]\nfail_under = 59.5\n")
        args = ["check", seeds, "--format", "json"]
    else:
        args = ["check", seeds, "--format", "json", "--fail-under", "59.5"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == EXIT_GATE, result.output
    summary = json.loads(result.stdout)["summary"]
    assert summary["gate"]["fail_under"] == 59.5
    assert len(summary["failing"]) == 5  # every seed scores below 59.5 (the best: 59.3)


@pytest.mark.parametrize(
    ("text", "value"), [("0.1", 0.1), ("10%", 0.1), (" 33 % ", 0.33), ("0", 0.0), ("100%", 1.0), ("2.5%", 0.025)]
)
def test_a_share_is_a_fraction_or_a_percentage(text: str, value: float) -> None:
    assert share(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["", "%", "ten%", "nan", "inf%", "1,5", "٠.١", "١٠%", "1_0%", "1e400"])
def test_what_is_no_share_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match=r"is not a share like 0\.1 or 10%"):
        share(text)


@pytest.mark.parametrize(("text", "value"), [("50", 50.0), (" 12.5 ", 12.5), ("+5", 5.0), ("-3", -3.0), ("1e2", 100.0)])
def test_a_number_is_ascii_digits_with_sign_fraction_and_exponent(text: str, value: float) -> None:
    assert number(text) == value


@pytest.mark.parametrize("text", ["٥", "５0", "1_0", "nan", "inf", "-Infinity", "0x10", "", "1e"])
def test_a_number_in_other_digits_or_words_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="is not a number written in the digits 0-9"):
        number(text)


def test_a_number_beyond_a_float_is_refused_as_given() -> None:
    with pytest.raises(ValueError, match=r"^'1e400' is too large a number$"):
        number("1e400")


@pytest.mark.parametrize(
    ("score", "threshold", "line"),
    [
        (39.69, 39.7, "39.69 < 39.7"),
        (28.6, 60.0, "28.6 < 60"),
        (59.96, 60.0, "59.96 < 60"),
        (59.9996, 60.0, "59.9996 < 60"),
        (10.0, 39.6999999, "10.0 < 39.6999999"),
    ],
)
def test_a_fail_under_reason_is_true_as_printed(score: float, threshold: float, line: str) -> None:
    assert below_as_shown(score, threshold) == line


SEED_FILES = sorted(str(path) for path in Path("seeds").glob("*.txt"))


def scores_of(paths: list[str]) -> dict[str, float]:
    """Each article's score as the JSON report gives it (two decimals), by id."""
    result = CliRunner().invoke(app, ["score", *paths, "-f", "json"])
    return {article["id"]: article["score"] for article in json.loads(result.stdout)["articles"]}


def test_a_score_just_under_the_floor_is_shown_with_the_digits_that_make_the_reason_true(tmp_path: Path) -> None:
    """A floor equal to the score rounded up at one decimal: one decimal would print 'S < S', which reads false.

    The article is chosen from today's scores (the first whose one-decimal rounding goes up),
    so the test keeps its edge whatever model is shipped.
    """
    scores = scores_of([*SEED_FILES, "tests/fixtures/boilerplate/"])
    edge = [(path, score) for path, score in sorted(scores.items()) if round(score, 1) > score]
    assert edge, f"no article's score rounds up at one decimal: {scores}"
    path, score = edge[0]
    floor = round(score, 1)
    sarif = tmp_path / "out.sarif"
    args = ["check", path, "--fail-under", f"{floor}", "--max-failing", "100%", "-f", "json", "-f", f"sarif:{sarif}"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == EXIT_OK, result.output
    reasons = json.loads(result.stdout)["summary"]["gate"]["reasons"]
    assert reasons == {path: f"fail_under: score {score:.2f} < {floor:g}"}
    assert f"fail_under: score {floor:.1f} < {floor:g}" not in result.output + sarif.read_text()
    assert any(f"fail_under: score {score:.2f} < {floor:g}" in line for line in result.stderr.splitlines())


def test_a_source_mean_just_under_its_floor_is_shown_with_the_digits_that_make_the_line_true() -> None:
    from copydesk.ci.sources import BelowFloor

    line = BelowFloor("seeds", 41.36, 13, 41.4).message
    assert line == "source 'seeds': mean score 41.36 < 41.4 (13 article(s))"


def test_the_source_gate_line_of_check_is_true_as_printed() -> None:
    """Three seeds whose mean rounds up at one decimal, gated at that decimal: the line shows two."""
    scores = scores_of(SEED_FILES)
    trios = [list(trio) for trio in itertools.combinations(sorted(scores), 3)]
    # a margin beyond the reports' two decimals, so the mean of the unrounded scores rounds the same way
    edge = [trio for trio in trios if round(mean := sum(scores[p] for p in trio) / 3, 1) - mean > 0.01]
    assert edge, f"no three seeds have a mean that rounds up at one decimal: {scores}"
    floor = round(sum(scores[p] for p in edge[0]) / 3, 1)
    result = CliRunner().invoke(app, ["check", *edge[0], "--source-fail-under", f"{floor}", "--max-failing", "100%"])
    assert f"mean score {floor:.1f} < {floor:g}" not in result.output
    shown = re.search(rf"mean score (\S+) < {re.escape(f'{floor:g}')} \(3 article", result.stderr)
    assert shown is not None and len(shown.group(1).split(".")[1]) == 2, result.stderr  # the digits the line needs
    assert float(shown.group(1)) < floor and round(float(shown.group(1)), 1) == floor


NO_LEVER_MARKDOWN = "**No gate lever is set** (fail_under 0, fail_on none, source_fail_under 0, no --compare)"
NO_LEVER = (
    "copydesk: warning: no gate lever is set (fail_under 0, fail_on none, source_fail_under 0, no --compare):"
    " check passes every readable article; see docs/ci.md"
)


@pytest.mark.parametrize(
    ("gate", "warned"),
    [
        ({}, True),  # the packaged defaults: review 14, item 3
        ({"fail_under": 0, "fail_on": "none", "max_failing": "5"}, True),
        ({"fail_under": 1}, False),
        ({"fail_on": "error"}, False),
        ({"source_fail_under": 1}, False),
        (None, False),  # 'score' has no gate
    ],
)
def test_a_gate_with_no_lever_set_says_so_once_and_keeps_its_exit_code(
    desk: Desk, batch: list[str], gate: dict[str, object] | None, warned: bool
) -> None:
    result = desk.run(batch, ["json"], gate)
    assert result.stderr.count(NO_LEVER) == (1 if warned else 0), result.stderr
    if warned:
        assert result.code == EXIT_OK


IDLE_ERROR = "no active scorer rule reports at severity error, so fail_on error cannot fail an article"


@pytest.mark.parametrize(
    ("config", "gate", "said"),
    [
        # WRD002 (error) ignored: nothing left reports an error, so fail_on error is no lever
        ('[run]\nignore = ["WRD002"]\n', {"fail_on": "error"}, "no lever"),
        ('[run]\nignore = ["WRD002"]\n', {"fail_on": "error", "fail_under": 1}, "idle"),
        ('[run]\nignore = ["WRD002"]\n', {"fail_on": "warning"}, ""),
        # [severity] makes another rule an error: the lever is back
        ('[run]\nignore = ["WRD002"]\n[severity]\nWRD001 = "error"\n', {"fail_on": "error"}, ""),
        # WRD002 demoted to a warning: the same as ignoring it
        ('[severity]\nWRD002 = "warning"\n', {"fail_on": "error"}, "no lever"),
        ("", {"fail_on": "error"}, ""),
    ],
)
def test_a_fail_on_no_active_rule_reaches_is_no_lever_and_is_said_so(
    desk: Desk, batch: list[str], config: str, gate: dict[str, object], said: str
) -> None:
    """`--fail-on error` when no rule is an error, as under the built-in scorers alone, fails nothing: check says so."""
    (desk.root / "copydesk.toml").write_text(config)
    result = desk.run(batch, ["markdown"], gate)
    no_lever = (
        "copydesk: warning: no gate lever is set (fail_under 0, source_fail_under 0, no --compare; "
        + IDLE_ERROR
        + "): check passes every readable article; see docs/ci.md"
    )
    idle = f"copydesk: warning: {IDLE_ERROR}; see docs/ci.md"
    assert result.stderr.count(no_lever) == (said == "no lever"), result.stderr
    assert result.stderr.count(idle) == (said == "idle"), result.stderr
    assert (IDLE_ERROR in result.stdout) is bool(said), result.stdout
    assert ("**No gate lever is set**" in result.stdout) is (said == "no lever")
    if said == "no lever":
        assert result.code == EXIT_OK


def test_check_with_the_built_in_scorers_says_fail_on_error_cannot_fail_an_article() -> None:
    """No built-in scorer's rule is an error by default: `--fail-on error` alone is no lever."""
    result = CliRunner().invoke(app, ["check", "seeds/", "--fail-on", "error", "-o", "/dev/null"])
    assert result.exit_code == EXIT_OK
    assert f"no gate lever is set (fail_under 0, source_fail_under 0, no --compare; {IDLE_ERROR})" in result.stderr


def test_the_per_source_failing_column_says_what_it_counts(desk: Desk, batch: list[str]) -> None:
    """Under 'check' the column counts gate failures (review 14, item 3); under 'score', failing grades."""
    checked = desk.run(batch, ["markdown"], {"fail_under": 60}).stdout
    scored = desk.run(batch, ["markdown"]).stdout
    assert "| Failing the gate |" in checked and "| Failing |" not in checked
    assert "| Failing |" in scored and "Failing the gate" not in scored


def test_the_markdown_summary_says_when_no_gate_lever_is_set(desk: Desk, batch: list[str]) -> None:
    """A $GITHUB_STEP_SUMMARY reader never sees stderr: the summary says the gate has no lever (review 14, item 3)."""
    assert NO_LEVER_MARKDOWN in desk.run(batch, ["markdown"], {}).stdout
    for lever in ({"fail_under": 1}, {"fail_on": "error"}, {"source_fail_under": 1}):
        assert NO_LEVER_MARKDOWN not in desk.run(batch, ["markdown"], lever).stdout
    assert NO_LEVER_MARKDOWN not in desk.run(batch, ["markdown"]).stdout  # 'score' has no gate

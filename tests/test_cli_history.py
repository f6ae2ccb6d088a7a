"""The run history from the command line, on SQLite and PostgreSQL: record, list, trend, diff, compare, bad databases."""

from __future__ import annotations

import html
import json
import re
import sqlite3
import subprocess
from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree

import pytest
from copydesk.formats.markdown import md
from copydesk.history import open_history
from copydesk.modelfile import packaged_model_path
from support import CliResult
from test_cli_sources import HEDGED, HEDGED_TOO, clean, write_batch

Cli = Callable[..., CliResult]


def good_batch(folder: Path) -> Path:
    """Week one: clean copy from both sources."""
    rows = [("w1", "wire", clean(1)), ("w2", "wire", clean(2)), ("b1", "blog", clean(3)), ("b2", "blog", clean(4))]
    return write_batch(folder / "week1.jsonl", rows)


def worse_batch(folder: Path) -> Path:
    """Week two: the blog's two stories are now hedged copy (lower scores); the wire is unchanged."""
    rows = [("w1", "wire", clean(1)), ("w2", "wire", clean(2)), ("b1", "blog", HEDGED), ("b2", "blog", HEDGED_TOO)]
    return write_batch(folder / "week2.jsonl", rows)


def test_record_list_trend_diff_and_compare(cli: Cli, db_url: str, tmp_path: Path) -> None:
    first = cli("score", str(good_batch(tmp_path)), "--history", db_url, "-f", "json")
    assert first.exit_code == 0, first.stderr
    assert re.search(r"recorded run 1 in history ", first.stderr)
    # Week one's means, whatever the shipped model makes of the clean copy (the wire stays at it).
    week1 = json.loads(first.stdout)
    before = {s["source"]: s["mean_score"] for s in week1["sources"]}
    wire = f"{before['wire']:.1f}"
    second = cli("check", str(worse_batch(tmp_path)), "--history", db_url, "--compare", "last", "-f", "json")
    assert second.exit_code == 1, second.stderr
    report = json.loads(second.stdout)
    blog = next(s for s in report["sources"] if s["source"] == "blog")
    drop = round(before["blog"], 1) - round(blog["mean_score"], 1)  # the means as shown
    assert (
        f"FAIL source 'blog': mean score dropped {drop:.1f} points ({before['blog']:.1f} -> {blog['mean_score']:.1f}; allowed 5)"
        in (second.stderr)
    )
    assert "FAIL source 'wire'" not in second.stderr
    assert report["summary"]["gate"]["compare"]["run"] == 1 and report["summary"]["gate"]["passed"] is False
    assert "recorded run 2" in second.stderr  # a failing gate is still recorded

    listing = cli("history", "--history", db_url)
    assert listing.exit_code == 0
    rows = listing.stdout.splitlines()[1:]
    assert [row.split()[0] for row in rows] == ["2", "1"]  # newest first
    assert rows[1].split()[-2:] == ["4", f"{week1['summary']['mean_score']:.1f}"]
    assert cli("history", "--history", db_url, "--limit", "1").stdout.count("\n") == 2

    trend = cli("trend", "--history", db_url)
    assert trend.exit_code == 0
    head = re.fullmatch(
        r"blog  (\S\S)  ([\d.]+) -> ([\d.]+) \(([-+][\d.]+)\) over 2 run\(s\)", trend.stdout.splitlines()[0]
    )
    assert head is not None, trend.stdout
    assert head[1] == _bars([before["blog"], blog["mean_score"]])
    assert (head[2], head[3]) == (f"{before['blog']:.1f}", f"{blog['mean_score']:.1f}")
    assert float(head[4]) == pytest.approx(float(head[3]) - float(head[2]), abs=1e-9)  # the change of the means shown
    assert f"run 1: {wire}, run 2: {wire}" in trend.stdout  # the wire, unchanged
    only = cli("trend", "--history", db_url, "--source", "wire")
    assert "blog" not in only.stdout and only.stdout.startswith(
        f"wire  {_bars([before['wire']] * 2)}  {wire} -> {wire} (+0.0) over 2 run(s)"
    )

    changes = cli("diff", "1", "2", "--history", db_url)
    assert changes.exit_code == 0
    out = changes.stdout
    grades = {a["id"]: a["grade"] for a in report["articles"]}
    assert "grade changed: 2 article(s)" in out
    first_b1 = next(a for a in week1["articles"] if a["id"] == "b1")
    assert f"  b1  {first_b1['grade']} -> {grades['b1']}  ({first_b1['score']:.2f} -> " in out and "text edited" in out
    assert re.search(r"^  b1  HDG001  0 -> \d+$", out, re.M)
    rose = [
        re.fullmatch(r"  \S+  \S+  (\d+) -> (\d+)", line) for line in out.split("findings went away")[0].splitlines()
    ]
    counted = re.search(r"^findings appeared: (\d+) \((\d+) article/rule count\(s\) changed\)$", out, re.M)
    assert counted is not None, out  # the head counts findings; the lines below it are (article, rule) counts
    pairs = [m for m in rose if m is not None]
    assert int(counted[1]) == sum(int(m[2]) - int(m[1]) for m in pairs) and int(counted[2]) == len(pairs)
    assert "findings went away: 0" in out


def _bars(means: list[float]) -> str:
    """The sparkline as documented: each source on its own lowest-to-highest scale, ten points at least."""
    low, high = min(means), max(means)
    if high - low < 10:
        low = min(max(0.0, (low + high) / 2 - 5), 90.0)
        high = low + 10
    return "".join("▁▂▃▄▅▆▇█"[max(0, min(7, int((m - low) / (high - low) * 8)))] for m in means)


def test_what_a_recorded_run_holds(cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    subprocess.run(["git", "init", "-q"], check=True)
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "--allow-empty", "-m", "x"], check=True
    )
    head = subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True, check=True).stdout.strip()
    batch = worse_batch(tmp_path)
    url = "sqlite:///runs.db"
    assert cli("score", batch.name, "--history", url, "-f", "json", "-o", "a.json").exit_code == 0
    assert cli("score", batch.name, "--history", url, "--ignore", "HDG001", "-o", "b.txt").exit_code == 0
    document = json.loads(Path("a.json").read_text())
    with open_history(url) as history:
        one, two = history.run(1).record, history.run(2).record
    assert one.commit == head
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z", one.when)
    assert one.version == document["run"]["version"]
    assert one.plugins == tuple(f"{p['name']} {p['version']}" for p in document["run"]["plugins"])
    assert re.fullmatch(r"sha256:[0-9a-f]{64}", one.config_digest) and one.config_digest != two.config_digest
    assert [a.key for a in one.articles] == sorted(a["id"] for a in document["articles"])
    for article in document["articles"]:
        stored = next(a for a in one.articles if a.key == article["id"])
        counts: dict[str, int] = {}
        for finding in article["findings"]:
            counts[finding["code"]] = counts.get(finding["code"], 0) + 1
        assert (stored.source, stored.score, stored.grade, dict(stored.rules)) == (
            article["source_name"],
            article["score"],
            article["grade"],
            counts,
        )
    assert [(s.source, s.articles, round(s.mean or 0, 2)) for s in one.sources] == [
        (s["source"], s["articles"], s["mean_score"]) for s in document["sources"]
    ]
    assert one.articles[0].digest != one.articles[1].digest and one.articles[0].digest.startswith("sha256:")
    assert "HDG001" not in {code for a in two.articles for code in a.rules}


def test_a_commit_with_uncommitted_changes_is_recorded_and_listed_as_dirty(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    batch = good_batch(tmp_path)
    subprocess.run(["git", "init", "-q"], check=True)
    subprocess.run(["git", "add", batch.name], check=True)
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "x"], check=True)
    head = subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True, check=True).stdout.strip()
    assert cli("score", batch.name, "--history", "h.db", "-o", "a.txt").exit_code == 0  # untracked files: clean
    batch.write_text(batch.read_text() + "\n")
    assert cli("score", batch.name, "--history", "h.db", "-o", "a.txt").exit_code == 0
    with open_history("h.db") as history:
        assert [history.run(n).record.commit for n in (1, 2)] == [head, head + "+dirty"]
    rows = cli("history", "--history", "h.db").stdout.splitlines()[1:]
    assert [row.split()[3] for row in rows] == [head[:10] + "+dirty", head[:10]]


def test_the_listing_says_each_runs_command_and_whether_its_gate_passed(cli: Cli, no_project_config: Path) -> None:
    """``copydesk history`` shows what migration 2 records: score or check, and the gate's verdict."""
    write_batch(Path("b.jsonl"), [("w1", "wire", clean(1)), ("w2", "wire", HEDGED)])
    assert cli("check", "b.jsonl", "--history", "h.db", "-o", "a.txt").exit_code == 0
    assert cli("score", "b.jsonl", "--history", "h.db", "-o", "a.txt").exit_code == 0
    assert cli("check", "b.jsonl", "--fail-under", "99", "--history", "h.db", "-o", "a.txt").exit_code == 1
    lines = cli("history", "--history", "h.db").stdout.splitlines()
    assert lines[0].split() == ["run", "recorded", "(UTC)", "version", "commit", "command", "gate", "articles", "mean"]
    assert [row.split()[4:7] for row in lines[1:]] == [
        ["check", "FAILED", "2"],
        ["score", "-", "2"],
        ["check", "passed", "2"],
    ]


def test_outside_a_git_repository_the_commit_is_none(cli: Cli, no_project_config: Path) -> None:
    write_batch(Path("b.jsonl"), [("w1", "wire", clean(1))])
    assert cli("score", "b.jsonl", "--history", "h.db").exit_code == 0
    with open_history("h.db") as history:
        assert history.run("last").record.commit is None


def test_history_url_from_the_configuration(cli: Cli, no_project_config: Path) -> None:
    write_batch(Path("b.jsonl"), [("w1", "wire", clean(1))])
    Path("copydesk.toml").write_text('[history]\nurl = "sqlite:///from-config.db"\n', encoding="utf-8")
    assert cli("score", "b.jsonl").exit_code == 0
    assert cli("check", "b.jsonl", "--compare", "last").exit_code == 0
    assert [line.split()[0] for line in cli("history").stdout.splitlines()[1:]] == ["2", "1"]
    assert not Path("copydesk-baseline.json").exists()
    assert cli("baseline", "write", "b.jsonl").exit_code == 0  # a baseline run is not a recorded run
    assert len(cli("history").stdout.splitlines()) == 3


@pytest.mark.parametrize("url", ["sqlite:///runs.db", "runs.db"])
def test_a_relative_history_in_a_config_file_is_in_its_folder_as_its_model_is(
    cli: Cli, no_project_config: Path, url: str
) -> None:
    """``[history] url`` and ``[scoring] model`` of ``--config ci/c.toml`` both name files in ci/; ``--history`` the working folder's."""
    write_batch(Path("b.jsonl"), [("w1", "wire", clean(1))])
    Path("ci").mkdir()
    Path("ci/model.json").write_bytes(packaged_model_path().read_bytes())
    Path("ci/c.toml").write_text(f'[history]\nurl = "{url}"\n[scoring]\nmodel = "model.json"\n', encoding="utf-8")
    recorded = cli("score", "b.jsonl", "--config", "ci/c.toml", "-o", "out.txt")
    assert recorded.exit_code == 0, recorded.stderr
    assert Path("ci/runs.db").is_file() and not Path("runs.db").exists()
    assert cli("history", "--config", "ci/c.toml").stdout.count("\n") == 2  # read where it was recorded
    assert cli("score", "b.jsonl", "--config", "ci/c.toml", "--history", url, "-o", "out.txt").exit_code == 0
    assert Path("runs.db").is_file()  # a flag's relative path is the working folder's, as --model's is
    refused = cli("score", "b.jsonl", "--config", "ci/c.toml", "-f", "json", "-o", "ci/runs.db")
    assert refused.exit_code == 2 and "(the history database)" in refused.stderr


@pytest.mark.parametrize("command", ["score", "check"])
def test_a_corrupt_history_is_exit_2_with_the_reports_still_written(
    cli: Cli, no_project_config: Path, command: str
) -> None:
    write_batch(Path("b.jsonl"), [("w1", "wire", clean(1))])
    Path("bad.db").write_bytes(b"this is not a database, not even close" * 200)
    result = cli(command, "b.jsonl", "--history", "sqlite:///bad.db", "-f", "json:out.json", "-f", "markdown:out.md")
    assert result.exit_code == 2
    errors = [line for line in result.stderr.splitlines() if line.startswith("copydesk: error")]
    assert len(errors) == 1 and errors[0].startswith("copydesk: error: history sqlite:///bad.db: ")
    assert "Traceback" not in result.stderr
    assert "CD002" not in result.stderr  # the input was read: the history is what failed
    if command == "check":  # the verdict comes last and names the history as the cause of exit 2
        verdict = result.stderr.splitlines()[-1]
        assert verdict.startswith("copydesk: gate passed: ")
        assert verdict.endswith("; exit 2: the run history could not be used (see the error line above)")
    assert json.loads(Path("out.json").read_text())["sources"][0]["source"] == "wire"
    assert "### Sources" in Path("out.md").read_text()


@pytest.mark.parametrize(
    ("corruption", "command"),
    [
        ("UPDATE runs SET recorded_at = 'yesterday' WHERE id = 1", ["diff", "1", "2"]),
        ("UPDATE runs SET plugins = 'hedging' WHERE id = 1", ["diff", "1", "2"]),
        ("UPDATE rule_counts SET n = -4 WHERE run_id = 1", ["diff", "1", "2"]),
        ("UPDATE sources SET top_rules = 'HDG001' WHERE run_id = 1", ["diff", "1", "2"]),
        ("UPDATE sources SET top_rules = 'HDG001' WHERE run_id = 1", ["check", "b.jsonl", "--compare", "1"]),
        ("UPDATE sources SET mean = 'high' WHERE run_id = 1", ["trend"]),
        ("UPDATE sources SET mean = 'high' WHERE run_id = 1", ["score", "b.jsonl", "-f", "html:out.html"]),
    ],
)
def test_a_stored_value_copydesk_never_writes_is_a_corrupt_history_not_an_internal_error(
    cli: Cli, no_project_config: Path, corruption: str, command: list[str]
) -> None:
    """A row edited by hand or by another program: exit 2 and one line naming the history and the run (review 19)."""
    write_batch(Path("b.jsonl"), [("w1", "wire", HEDGED)])
    for _ in range(2):
        assert cli("score", "b.jsonl", "--history", "sqlite:///h.db", "-f", "json:out.json").exit_code == 0
    with sqlite3.connect("h.db") as conn:
        conn.execute(corruption)
    conn.close()
    result = cli(*command, "--history", "sqlite:///h.db")
    assert result.exit_code == 2, result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("copydesk: error")]
    assert len(errors) == 1 and errors[0].startswith("copydesk: error: history sqlite:///h.db: run 1 holds "), errors
    assert "internal error" not in result.stderr


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("\x1b[31mred\\", "Invalid isoformat string: '\\x1b[31mred\\\\'"),
        ('it\'s "quoted"', "Invalid isoformat string: 'it's \"quoted\"'"),
        ("never " * 20_000, f"Invalid isoformat string: '{'never ' * 13}ne...'"),  # one short line, whatever its length
    ],
)
def test_a_corrupt_value_is_shown_escaped_once_not_as_pythons_repr_escaped_again(
    cli: Cli, no_project_config: Path, stored: str, shown: str
) -> None:
    """The refused value is neutralised once by the error line (``\\x1b``), never ``repr``-ed first (``\\\\x1b``)."""
    write_batch(Path("b.jsonl"), [("w1", "wire", HEDGED)])
    for _ in range(2):
        assert cli("score", "b.jsonl", "--history", "sqlite:///h.db", "-f", "json:out.json").exit_code == 0
    with sqlite3.connect("h.db") as conn:
        conn.execute("UPDATE runs SET recorded_at = ? WHERE id = 1", (stored,))
    conn.close()
    result = cli("diff", "1", "2", "--history", "sqlite:///h.db")
    assert result.exit_code == 2, result.stderr
    assert result.stderr.strip() == (
        f"copydesk: error: history sqlite:///h.db: run 1 holds a value copydesk does not write (ValueError: {shown}):"
        " the history is corrupt"
    )


@pytest.mark.parametrize("fail_under", ["0", "99.9"])
def test_the_verdict_line_ends_with_why_the_exit_code_is_not_the_gates(
    cli: Cli, no_project_config: Path, fail_under: str
) -> None:
    """With or without a failing article, the verdict names the history as the cause of exit 2 (no article's reason)."""
    write_batch(Path("b.jsonl"), [("w1", "wire", clean(1))])
    Path("bad.db").write_bytes(b"this is not a database, not even close" * 200)
    result = cli("check", "b.jsonl", "--fail-under", fail_under, "--history", "sqlite:///bad.db", "-o", "out.txt")
    assert result.exit_code == 2
    verdict = result.stderr.splitlines()[-1]
    failing = fail_under != "0"
    assert verdict.startswith(
        f"copydesk: gate {'FAILED' if failing else 'passed'}: {int(failing)} of 1 article(s) failing"
    )
    assert verdict.endswith("allows 0; exit 2: the run history could not be used (see the error line above)"), verdict


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["check", "b.jsonl", "--compare", "last"], "--compare last: no run history to compare with"),
        (["check", "b.jsonl", "--compare", "7", "--history", "e.db"], "no run 7 in the history"),
        (["check", "b.jsonl", "--compare", "first", "--history", "e.db"], "run 'first' is neither a run number"),
        (["check", "b.jsonl", "--max-drop", "-1"], "--max-drop -1: gate.max_drop must be between 0 and 100"),
        (["history"], "no run history named: give --history URL or set [history] url"),
        (["trend", "--history", "e.db"], "no history at e.db (no such file"),
        (["diff", "1", "2", "--history", "e.db"], "no history at e.db (no such file"),
        (["history", "--history", "."], "history .: is a directory, not a history file"),
        (["trend", "--history", "sqlite:///."], "history sqlite:///.: is a directory, not a history file"),
        (["check", "b.jsonl", "--history", "."], "history .: is a directory, not a history file"),
        (["history", "--history", "h" * 300], "name too long for the file system: a name in the path is 300 bytes"),
        (["check", "b.jsonl", "--history", "b.jsonl/h.db"], "history b.jsonl/h.db: cannot be reached: Not a directory"),
    ],
)
def test_history_usage_errors_are_one_line_and_exit_2(
    cli: Cli, no_project_config: Path, args: list[str], message: str
) -> None:
    write_batch(Path("b.jsonl"), [("w1", "wire", clean(1))])
    result = cli(*args)
    assert result.exit_code == 2, result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("copydesk: error:")]
    assert len(errors) == 1 and message in errors[0]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["diff", "\u00b2", "1"],
            "run '\u00b2' is neither a run number nor 'last' or 'passing' (runs go up to 9223372036854775807)",
        ),
        (["diff", "1", "٣"], "run '٣' is neither a run number"),
        (["diff", "99999999999999999999", "1"], "run '99999999999999999999' is neither a run number"),
        (["diff", "9223372036854775808", "1"], "run '9223372036854775808' is neither a run number"),
        (["diff", "9223372036854775807", "1"], "no run 9223372036854775807 in the history"),
        (["check", "b.jsonl", "--compare", "99999999999999999999999"], "--compare: run '99999999999999999999999' is"),
        (["check", "b.jsonl", "--compare", "\u00b2"], "--compare: run '\u00b2' is neither a run number"),
        (
            ["history", "--limit", "9223372036854775808"],
            "--limit 9223372036854775808: give at most 9223372036854775807 runs",
        ),
        (
            ["history", "--limit", "100000000000000000000000"],
            "--limit 100000000000000000000000: give at most 9223372036854775807 runs (the most a history can number)",
        ),
        # trend --last is refused beyond the same range as history --limit (it took any number)
        (
            ["trend", "--last", "9223372036854775808"],
            "--last 9223372036854775808: give at most 9223372036854775807 runs",
        ),
        (["trend", "-n", "100000000000000000000000"], "--last 100000000000000000000000: give at most"),
    ],
)
def test_run_numbers_and_limits_no_database_holds_are_a_usage_error(
    cli: Cli, no_project_config: Path, args: list[str], message: str
) -> None:
    write_batch(Path("b.jsonl"), [("w1", "wire", clean(1))])
    assert cli("score", "b.jsonl", "--history", "h.db").exit_code == 0
    result = cli(*args, "--history", "h.db")
    assert result.exit_code == 2, result.stderr
    assert [line for line in result.stderr.splitlines() if message in line], result.stderr
    assert "Traceback" not in result.stderr and "recorded run 2" not in result.stderr
    assert len(result.stderr.splitlines()) == 1 and result.stdout == ""


@pytest.mark.parametrize(
    "args", [["history", "--limit", "9223372036854775807"], ["trend", "--last", "9223372036854775807"]]
)
def test_the_largest_number_of_runs_lists_every_run(cli: Cli, no_project_config: Path, args: list[str]) -> None:
    write_batch(Path("b.jsonl"), [("w1", "wire", clean(1))])
    assert cli("score", "b.jsonl", "--history", "h.db").exit_code == 0
    result = cli(*args, "--history", "h.db")
    assert result.exit_code == 0 and result.stderr == "" and "1" in result.stdout, result.stderr


def test_compare_composes_with_a_baseline(cli: Cli, no_project_config: Path) -> None:
    good, worse = good_batch(Path(".")), worse_batch(Path("."))
    assert cli("score", str(good), "--history", "h.db").exit_code == 0
    assert cli("baseline", "write", str(worse)).exit_code == 0
    # the baseline forgives every article's findings, but the blog's mean still fell since run 1
    result = cli(
        "check",
        str(worse),
        "--baseline",
        "copydesk-baseline.json",
        "--history",
        "h.db",
        "--compare",
        "1",
        "--fail-on",
        "warning",
    )
    assert result.exit_code == 1
    assert "FAIL source 'blog': mean score dropped" in result.stderr
    assert not re.search(r"FAIL b\d", result.stderr)  # no article fails: all findings are in the baseline
    loose = cli(
        "check",
        str(worse),
        "--baseline",
        "copydesk-baseline.json",
        "--history",
        "h.db",
        "--compare",
        "1",
        "--max-drop",
        "100",
        "--max-fail-rise",
        "1",
    )
    assert loose.exit_code == 0, loose.stderr


def test_a_failing_share_rise_fails_the_gate(cli: Cli, no_project_config: Path) -> None:
    assert cli("check", str(good_batch(Path("."))), "--history", "h.db", "--fail-under", "60").exit_code == 0
    result = cli(
        "check",
        str(worse_batch(Path("."))),
        "--history",
        "h.db",
        "--compare",
        "last",
        "--fail-under",
        "60",
        "--max-failing",
        "100%",
        "--max-drop",
        "100",
    )
    assert result.exit_code == 1
    assert "FAIL source 'blog': share failing rose 100.0% (0.0% -> 100.0%; allowed 10.0%)" in result.stderr


def test_compare_with_another_gate_or_a_score_run_warns_and_compares_only_the_means(
    cli: Cli, db_url: str, no_project_config: Path
) -> None:
    """Review 11, item 7: a stricter gate on the same articles is no regression of the source; the history tells."""
    batch = str(good_batch(Path(".")))
    assert cli("check", batch, "--history", db_url).exit_code == 0  # run 1: fail_under 0, nothing fails
    strict = ("--fail-under", "99", "--max-failing", "100%")
    stricter = cli("check", batch, *strict, "--history", db_url, "--compare", "last")
    assert stricter.exit_code == 0, stricter.stderr  # every article fails 99, as allowed: no source regressed
    warnings = [line for line in stricter.stderr.splitlines() if line.startswith("copydesk: warning: --compare:")]
    assert warnings == [
        "copydesk: warning: --compare: run 1 was recorded by copydesk check (fail_under 0, fail_on none), this run"
        " is copydesk check (fail_under 99, fail_on none): their shares failing count different failures, so only"
        " the mean scores are compared"
    ]
    same = cli("check", batch, *strict, "--history", db_url, "--compare", "last")  # with run 2: the same gate
    assert same.exit_code == 0 and "--compare:" not in same.stderr, same.stderr
    assert cli("score", batch, "--history", db_url).exit_code == 0  # run 4
    after_score = cli("check", batch, *strict, "--history", db_url, "--compare", "last")
    assert "run 4 was recorded by copydesk score, this run is copydesk check (fail_under 99" in after_score.stderr
    with open_history(db_url, create=False) as history:
        assert [(r.command, r.gate) for r in history.runs()] == [
            ("check", "fail_under 99, fail_on none"),
            ("score", None),
            ("check", "fail_under 99, fail_on none"),
            ("check", "fail_under 99, fail_on none"),
            ("check", "fail_under 0, fail_on none"),
        ]


def test_compare_with_a_run_that_shares_no_source_says_nothing_was_compared(cli: Cli, no_project_config: Path) -> None:
    """A cron job naming /srv/feed/ and a developer naming feed/ record two sources: a gate that compared none says so."""
    Path("feed").mkdir()
    (Path("feed") / "a.txt").write_text(f"Council budget\n\n{clean(1)}\n", encoding="utf-8")
    assert cli("check", "feed", "--history", "h.db").exit_code == 0  # run 1: source 'feed'
    again = cli("check", str(Path("feed").resolve()), "--history", "h.db", "--compare", "last", "--max-drop", "0")
    assert again.exit_code == 0, again.stderr  # nothing regressed, as nothing was compared: a warning, not a failure
    warnings = [line for line in again.stderr.splitlines() if line.startswith("copydesk: warning: --compare:")]
    assert warnings == [
        f"copydesk: warning: --compare: none of this run's 1 source(s) ({Path('feed').resolve()}) is in run 1"
        " (feed), so no source was compared: name the input as that run did (a folder as its path was written)"
    ]
    same = cli("check", "feed", "--history", "h.db", "--compare", "1")
    assert same.exit_code == 0 and "--compare:" not in same.stderr, same.stderr


def test_compare_names_a_source_of_the_compared_run_that_is_not_in_this_run(cli: Cli, no_project_config: Path) -> None:
    """A renamed (or vanished) source is compared with nothing: the gate says so rather than pass it in silence."""
    for folder, n in (("wire", 1), ("blog", 2)):
        Path("feed", folder).mkdir(parents=True)
        (Path("feed", folder) / "a.txt").write_text(f"Council budget\n\n{clean(n)}\n", encoding="utf-8")
    assert cli("check", "feed", "--history", "h.db").exit_code == 0  # run 1: feed/blog and feed/wire
    Path("feed", "blog").rename(Path("feed", "weblog"))
    renamed = cli("check", "feed", "--history", "h.db", "--compare", "last", "--max-drop", "0")
    assert renamed.exit_code == 0, renamed.stderr  # what was compared (feed/wire) did not regress
    warnings = [line for line in renamed.stderr.splitlines() if line.startswith("copydesk: warning: --compare:")]
    assert warnings == [
        "copydesk: warning: --compare: 1 of run 1's 2 source(s) is not in this run (feed/blog), so it was not"
        " compared; this run's source(s) not in run 1: feed/weblog"
    ]
    same = cli("check", "feed", "--history", "h.db", "--compare", "last")
    assert same.exit_code == 0 and "--compare:" not in same.stderr, same.stderr  # every source of run 2 is here


def test_compare_with_a_run_recorded_before_the_gate_was_kept_cautions_when_a_share_rose(
    cli: Cli, no_project_config: Path
) -> None:
    """Review 12b: a run from before migration 2 has no command or gate; its shares are compared, with a caution."""
    batch = str(good_batch(Path(".")))
    assert cli("check", batch, "--history", "h.db").exit_code == 0  # run 1: fail_under 0, nothing fails
    with sqlite3.connect("h.db") as conn:  # as copydesk before migration 2 left it: no command, gate or verdict
        conn.execute("UPDATE runs SET command = NULL, gate = NULL, gate_passed = NULL")
    strict = ("--fail-under", "99", "--max-failing", "100%", "--history", "h.db", "--compare", "1")
    result = cli("check", batch, *strict)
    assert result.exit_code == 1, result.stderr  # compared as before: the share failing rose
    assert (
        "copydesk: warning: --compare: run 1 was recorded before the history kept each run's command and gate: if it"
        " was not copydesk check under this gate, a change in a source's share failing may come from that, not from"
        " its articles"
    ) in result.stderr.splitlines()
    same = cli("check", batch, "--history", "h.db", "--compare", "1")  # nothing rose: no caution
    assert same.exit_code == 0 and "--compare:" not in same.stderr, same.stderr


def test_compare_passing_keeps_failing_until_the_regression_is_gone(
    cli: Cli, db_url: str, no_project_config: Path
) -> None:
    """Review 11, item 7: a re-run compared with the last run whose gate passed fails again; --compare last would pass."""
    good, worse = str(good_batch(Path("."))), str(worse_batch(Path(".")))
    gate = ("--fail-under", "60", "--max-failing", "100%", "--history", db_url)
    first = cli("check", good, *gate, "--compare", "passing")
    assert first.exit_code == 0, first.stderr
    assert "copydesk: warning: --compare passing: nothing to compare with yet: " in first.stderr
    assert "has no run whose gate passed" in first.stderr
    assert cli("check", worse, *gate, "--compare", "passing").exit_code == 1  # run 2 regressed, its gate failed
    again = cli("check", worse, *gate, "--compare", "passing")  # run 3: still against run 1
    assert again.exit_code == 1 and "2 source regression(s) since run 1" in again.stderr, again.stderr
    assert cli("check", worse, *gate, "--compare", "last").exit_code == 0  # against run 3: nothing changed
    with open_history(db_url, create=False) as history:
        assert [history.run(n).record.passed for n in (1, 2, 3, 4)] == [True, False, False, True]


def test_history_trend_and_diff_print_input_text_inert(cli: Cli, tmp_path: Path) -> None:
    """Source names and article ids come from input: no terminal escape, no workflow-command line (issue 16 item 6)."""
    forged = "evil\x1b[2J\u202e\n::error title=forged::x"
    write_batch(tmp_path / "b.jsonl", [(forged, forged, clean(1))])
    url = f"sqlite:///{tmp_path}/h.db"
    assert cli("score", str(tmp_path / "b.jsonl"), "--history", url, "-o", str(tmp_path / "r.txt")).exit_code == 0
    assert cli("score", str(tmp_path / "b.jsonl"), "--history", url, "-o", str(tmp_path / "r.txt")).exit_code == 0
    for args in (["history"], ["trend"], ["trend", "--source", forged], ["diff", "1", "2"]):
        out = cli(*args, "--history", url).stdout
        assert out and not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e]", out), (args, out)
        assert not [line for line in out.splitlines() if line.lstrip().startswith("::")], (args, out)
    assert "evil\\x1b[2J\\u202e\\n::error" in cli("trend", "--history", url).stdout  # shown, escaped


@pytest.mark.parametrize(("fail_under", "code"), [("0", 0), ("99.9", 1)])
def test_compare_last_on_a_new_history_warns_records_the_run_and_exits_as_the_gate(
    cli: Cli, db_url: str, tmp_path: Path, fail_under: str, code: int
) -> None:
    batch = good_batch(tmp_path)
    result = cli("check", str(batch), "--history", db_url, "--compare", "last", "--fail-under", fail_under)
    assert result.exit_code == code, result.stderr
    assert "copydesk: warning: --compare last: nothing to compare with yet" in result.stderr
    assert "this run is the first" in result.stderr and "copydesk: error" not in result.stderr
    assert "recorded run 1 in history" in result.stderr
    again = cli("check", str(batch), "--history", db_url, "--compare", "last", "--fail-under", fail_under)
    assert again.exit_code == code and "nothing to compare with" not in again.stderr  # compared with run 1
    assert "recorded run 2 in history" in again.stderr


@pytest.mark.parametrize("command", [["history"], ["trend"], ["diff", "1", "2"]])
@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("week.bd", "copydesk: error: no history at week.bd (no such file"),
        ("sqlite:///week.bd", "copydesk: error: no history at week.bd (no such file"),
        ("sqlite:week.db", "copydesk: error: history sqlite:week.db: not a history URL; give a file path"),
        ("sqlite:///x.db?mode=ro", "copydesk: error: history sqlite:///x.db?mode=ro: a SQLite URL is"),
        ("postgresql://u:s3cr3t@[::1/db", "copydesk: error: history postgresql://u:***@[::1/db: malformed URL"),
    ],
)
def test_reading_a_history_that_is_not_there_is_an_error_and_creates_nothing(
    cli: Cli, no_project_config: Path, command: list[str], url: str, message: str
) -> None:
    before = sorted(Path(".").iterdir())
    result = cli(*command, "--history", url)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.splitlines() == [result.stderr.splitlines()[0]] and result.stderr.startswith(message)
    assert "s3cr3t" not in result.stderr
    assert sorted(Path(".").iterdir()) == before


@pytest.mark.parametrize("command", [["history"], ["trend"], ["diff", "1", "2"], ["diff", "last", "last"]])
def test_a_history_with_its_tables_but_no_run_is_exit_2_for_every_read_command_alike(
    cli: Cli, no_project_config: Path, command: list[str]
) -> None:
    """An initialised history with no run recorded reads as no history yet (exit 2), as a missing or empty one does."""
    open_history("sqlite:///empty.db").close()  # the tables, no run: what a first recording leaves until it commits
    result = cli(*command, "--history", "sqlite:///empty.db")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == "copydesk: error: history sqlite:///empty.db: no history here yet (no run recorded in it)\n"


@pytest.mark.parametrize("command", ["score", "check"])
def test_a_malformed_url_is_exit_2_with_the_password_hidden_and_the_reports_written(
    cli: Cli, no_project_config: Path, command: str
) -> None:
    write_batch(Path("b.jsonl"), [("w1", "wire", clean(1))])
    result = cli(command, "b.jsonl", "--history", "postgresql://u:s3cr3t@[::1/db", "-f", "json:out.json")
    assert result.exit_code == 2, result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("copydesk: error")]
    assert errors == [
        "copydesk: error: history postgresql://u:***@[::1/db: malformed URL (Invalid IPv6 URL); "
        "give a file path (history.db), sqlite:///relative/path.db, sqlite:////absolute/path.db, "
        "or postgresql://user@host/database"
    ]
    assert "s3cr3t" not in result.stderr and "internal error" not in result.stderr
    assert json.loads(Path("out.json").read_text())["sources"][0]["source"] == "wire"


def test_another_application_s_sqlite_file_is_refused_and_left_alone(cli: Cli, no_project_config: Path) -> None:
    write_batch(Path("b.jsonl"), [("w1", "wire", clean(1))])
    conn = sqlite3.connect("app.db")
    conn.execute("CREATE TABLE foo (x)")
    conn.close()
    result = cli("score", "b.jsonl", "--history", "app.db", "-o", "out.txt")
    assert result.exit_code == 2
    assert "copydesk: error: history app.db: not a copydesk history (it holds other tables: foo;" in result.stderr
    conn = sqlite3.connect("app.db")
    assert conn.execute("SELECT name FROM sqlite_master").fetchall() == [("foo",)]
    conn.close()
    assert cli("history", "--history", "app.db").exit_code == 2


def _only_a_source_fails(cli: Cli, fmt: str, extra: tuple[str, ...] = ()) -> tuple[str, str]:
    """Check the worse week against the good one, no article failing, writing ``fmt``: (its report, the FAIL message)."""
    assert cli("score", str(good_batch(Path("."))), "--history", "h.db").exit_code == 0
    result = cli("check", str(worse_batch(Path("."))), "--history", "h.db", *extra, "-f", f"{fmt}:report.out")
    assert result.exit_code == 1, result.stderr
    assert not re.search(r"FAIL [wb]\d", result.stderr)  # no article fails: only a source lever does
    (line,) = [ln for ln in result.stderr.splitlines() if ln.startswith("copydesk: FAIL source 'blog'")]
    return Path("report.out").read_text(encoding="utf-8"), line.removeprefix("copydesk: FAIL ")


#: A gate that fails the batch by a regression since run 1, and one that fails it by the source floor.
COMPARE, FLOOR = ("--compare", "1"), ("--source-fail-under", "60")


@pytest.mark.parametrize("extra", [COMPARE, FLOOR], ids=["compare", "floor"])
def test_the_markdown_summary_says_which_source_failed_which_lever(
    cli: Cli, no_project_config: Path, extra: tuple[str, ...]
) -> None:
    report, message = _only_a_source_fails(cli, "markdown", extra)
    assert report.startswith("## copydesk: gate FAILED")
    assert f"Failing sources:\n\n- FAIL {md(message, 400)}\n" in report


def test_the_html_header_says_which_source_failed_which_lever(cli: Cli, no_project_config: Path) -> None:
    report, message = _only_a_source_fails(cli, "html", COMPARE)
    header = report[report.index("<header>") : report.index("</header>")]
    assert f'<div class="reasons">FAIL {html.escape(message, quote=True)}</div>' in header


@pytest.mark.parametrize("extra", [COMPARE, FLOOR], ids=["compare", "floor"])
def test_the_github_format_annotates_each_failing_source(
    cli: Cli, no_project_config: Path, extra: tuple[str, ...]
) -> None:
    report, message = _only_a_source_fails(cli, "github", extra)
    assert report.splitlines()[-1] == f"::error title=copydesk gate::{message}"


def test_sarif_gives_each_failing_source_as_an_error_notification(cli: Cli, no_project_config: Path) -> None:
    report, message = _only_a_source_fails(cli, "sarif", COMPARE)
    (invocation,) = json.loads(report)["runs"][0]["invocations"]
    assert invocation["exitCode"] == 1 and invocation["executionSuccessful"] is True  # the tool ran; the gate failed
    assert invocation["toolExecutionNotifications"] == [
        {"level": "error", "message": {"text": f"FAIL {message}"}, "descriptor": {"id": "copydesk/source-gate"}}
    ]


def test_junit_fails_a_test_case_per_failing_source(cli: Cli, no_project_config: Path) -> None:
    report, message = _only_a_source_fails(cli, "junit", COMPARE)
    suite = ElementTree.fromstring(report.encode("utf-8")).find("testsuite")
    assert suite is not None and (suite.get("tests"), suite.get("failures")) == ("5", "1")
    (case,) = [c for c in suite.iter("testcase") if c.find("failure") is not None]
    failure = case.find("failure")
    assert failure is not None and case.get("classname") == "copydesk.sources"
    assert case.get("name") == message and failure.get("message") == message


def test_the_text_report_says_which_source_failed_which_lever(cli: Cli, no_project_config: Path) -> None:
    report, message = _only_a_source_fails(cli, "text", COMPARE)
    assert f"FAIL {message}" in report.splitlines()


@pytest.mark.parametrize("limit", ["0.1", "10%", "10 %"])
def test_max_fail_rise_takes_a_share_or_a_percentage(cli: Cli, no_project_config: Path, limit: str) -> None:
    assert cli("check", str(good_batch(Path("."))), "--history", "h.db", "--fail-under", "60").exit_code == 0
    args = ("--compare", "last", "--fail-under", "60", "--max-failing", "100%", "--max-drop", "100")
    result = cli("check", str(worse_batch(Path("."))), "--history", "h.db", *args, "--max-fail-rise", limit)
    assert result.exit_code == 1, result.stderr
    assert "FAIL source 'blog': share failing rose 100.0% (0.0% -> 100.0%; allowed 10.0%)" in result.stderr


@pytest.mark.parametrize("limit", ["150%", "1.5", "-5%", " 101 % "])
def test_a_max_fail_rise_over_one_is_refused_as_given(cli: Cli, no_project_config: Path, limit: str) -> None:
    write_batch(Path("b.jsonl"), [("w1", "wire", clean(1))])
    result = cli("check", "b.jsonl", "--history", "h.db", "--compare", "last", "--max-fail-rise", limit)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"copydesk: error: --max-fail-rise {limit.strip()}: a share must be between 0 and 1 (0% and 100%)"
    ]
    assert not Path("h.db").exists()


def test_a_max_fail_rise_that_is_no_share_is_one_line_and_exit_2(cli: Cli, no_project_config: Path) -> None:
    write_batch(Path("b.jsonl"), [("w1", "wire", clean(1))])
    result = cli("check", "b.jsonl", "--max-fail-rise", "ten%")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == ["copydesk: error: --max-fail-rise: 'ten%' is not a share like 0.1 or 10%"]


@pytest.mark.parametrize(
    ("args", "warning"),
    [
        (["--max-drop", "3"], "copydesk: warning: --max-drop has no effect without --compare"),
        (["--max-fail-rise", "5%"], "copydesk: warning: --max-fail-rise has no effect without --compare"),
        (
            ["--max-drop", "3", "--max-fail-rise", "0.05"],
            "copydesk: warning: --max-drop and --max-fail-rise have no effect without --compare",
        ),
        ([], None),
    ],
)
def test_regression_limits_without_compare_are_a_warning(
    cli: Cli, no_project_config: Path, args: list[str], warning: str | None
) -> None:
    write_batch(Path("b.jsonl"), [("w1", "wire", clean(1))])
    result = cli("check", "b.jsonl", "--fail-under", "1", *args)  # a lever set: no warning of a gate without one
    assert result.exit_code == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if "warning" in line]
    assert warnings == ([warning] if warning else [])
    with_compare = cli("check", "b.jsonl", "--history", "h.db", "--compare", "last", *args)
    assert "no effect without --compare" not in with_compare.stderr


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (["--max-drop", "150"], "copydesk: error: --max-drop 150: gate.max_drop must be between 0 and 100, not 150"),
        (["--max-drop", "3", "--fail-on", "loud"], "copydesk: error: --fail-on loud: gate.fail_on must be one of"),
        (["--max-fail-rise", "5%", "--min-severity", "loud"], "copydesk: error: --min-severity must be info, warning"),
    ],
)
def test_a_bad_value_is_refused_before_any_regression_limit_warning(
    cli: Cli, no_project_config: Path, args: list[str], error: str
) -> None:
    write_batch(Path("b.jsonl"), [("w1", "wire", clean(1))])
    result = cli("check", "b.jsonl", *args)
    assert result.exit_code == 2
    [line] = result.stderr.splitlines()
    assert line.startswith(error), line


def test_compare_warns_when_the_run_compared_with_was_made_with_another_configuration(
    cli: Cli, no_project_config: Path
) -> None:
    write_batch(Path("b.jsonl"), [("w1", "wire", clean(1))])
    assert cli("check", "b.jsonl", "--history", "h.db").exit_code == 0
    same = cli("check", "b.jsonl", "--history", "h.db", "--compare", "last")
    assert same.exit_code == 0 and "warning" not in same.stderr, same.stderr
    Path("copydesk.toml").write_text("[scoring]\nmin_words = 200\n", encoding="utf-8")  # scores may change
    other = cli("check", "b.jsonl", "--history", "h.db", "--compare", "last")
    assert other.exit_code == 0, other.stderr
    assert (
        "copydesk: warning: --compare: run 2 was recorded with another configuration: "
        "a change in a source's score may come from that, not from its articles"
    ) in other.stderr.splitlines()


def test_compare_warns_when_the_run_compared_with_ran_other_plugins(cli: Cli, no_project_config: Path) -> None:
    """A plugin installed, removed or upgraded since changes scores, though the configuration file is the same."""
    write_batch(Path("b.jsonl"), [("w1", "wire", clean(1))])
    assert cli("check", "b.jsonl", "--history", "h.db").exit_code == 0
    conn = sqlite3.connect("h.db")
    with conn:  # run 1 as if a third-party scorer had been installed then, and hedging were a release older
        (plugins,) = conn.execute("SELECT plugins FROM runs WHERE id = 1").fetchone()
        then = [p.replace("hedging ", "hedging 0.0.") for p in json.loads(plugins)] + ["loaded-words 0.2.0"]
        conn.execute("UPDATE runs SET plugins = ? WHERE id = 1", (json.dumps(then),))
    conn.close()
    other = cli("check", "b.jsonl", "--history", "h.db", "--compare", "last")
    assert other.exit_code == 0, other.stderr
    [line] = [line for line in other.stderr.splitlines() if "was recorded with" in line]
    hedging = next(p for p in json.loads(plugins) if p.startswith("hedging "))
    assert line == (
        f"copydesk: warning: --compare: run 1 was recorded with other plugins (only then: {hedging.replace(' ', ' 0.0.')},"
        f" loaded-words 0.2.0; only now: {hedging}): a change in a source's score may come from that, not from its articles"
    )
    same = cli("check", "b.jsonl", "--history", "h.db", "--compare", "last")
    assert "was recorded with" not in same.stderr, same.stderr


def test_gate_thresholds_are_not_another_configuration_to_compare_with(cli: Cli, no_project_config: Path) -> None:
    write_batch(Path("b.jsonl"), [("w1", "wire", clean(1))])
    assert cli("check", "b.jsonl", "--history", "h.db", "--fail-under", "30").exit_code == 0
    Path("copydesk.toml").write_text("[gate]\nfail_on = 'error'\n", encoding="utf-8")
    args = ("--fail-under", "10", "--max-failing", "100%", "--compare", "last", "--max-drop", "4.8")
    result = cli("check", "b.jsonl", "--history", "h.db", *args)
    assert result.exit_code == 0 and "another configuration" not in result.stderr, result.stderr
    # the gate is compared apart: its warning is the only one (review 11, item 7), but for
    # fail_on error's own (no built-in rule is an error: it cannot fail an article)
    warnings = [w for w in result.stderr.splitlines() if "warning" in w and "cannot fail an article" not in w]
    assert (
        len(warnings) == 1
        and "(fail_under 30, fail_on none), this run is copydesk check (fail_under 10, fail_on error)" in warnings[0]
    )


def test_compare_warns_when_the_model_file_was_refitted_in_place_since_the_run_compared_with(
    cli: Cli, no_project_config: Path
) -> None:
    from copydesk.modelfile import packaged_model_path

    write_batch(Path("b.jsonl"), [("w1", "wire", clean(1))])
    model = json.loads(packaged_model_path().read_text(encoding="utf-8"))
    Path("m.json").write_text(json.dumps(model), encoding="utf-8")
    args = ("check", "b.jsonl", "--history", "h.db", "--model", "m.json")
    assert cli(*args).exit_code == 0
    same = cli(*args, "--compare", "last")
    assert same.exit_code == 0 and "warning" not in same.stderr, same.stderr
    model["scale"] *= 2  # the same path, another fit
    Path("m.json").write_text(json.dumps(model), encoding="utf-8")
    refitted = cli(*args, "--compare", "last")
    assert (
        "copydesk: warning: --compare: run 2 was recorded with another configuration: "
        "a change in a source's score may come from that, not from its articles"
    ) in refitted.stderr.splitlines()


def test_workers_and_executor_are_not_another_configuration_to_compare_with(cli: Cli, no_project_config: Path) -> None:
    write_batch(Path("b.jsonl"), [("w1", "wire", clean(1)), ("w2", "wire", clean(2))])
    assert cli("check", "b.jsonl", "--history", "h.db", "-j", "1").exit_code == 0
    result = cli("check", "b.jsonl", "--history", "h.db", "-j", "2", "--compare", "last")
    assert result.exit_code == 0 and "warning" not in result.stderr, result.stderr
    Path("copydesk.toml").write_text("[scoring]\nmin_words = 200\n", encoding="utf-8")
    other = cli("check", "b.jsonl", "--history", "h.db", "--compare", "last")
    assert "was recorded with another configuration" in other.stderr  # a setting that changes scores still warns


@pytest.mark.parametrize(
    "toml",
    ['[scoring.verdicts]\nD = "shaky"\nF = "shaky"\n', "[run]\narticle_timeout = 30\n"],
    ids=["verdicts", "article_timeout"],
)
def test_verdict_words_and_the_article_timeout_are_not_another_configuration_to_compare_with(
    cli: Cli, no_project_config: Path, toml: str
) -> None:
    write_batch(Path("b.jsonl"), [("w1", "wire", clean(1))])
    assert cli("check", "b.jsonl", "--history", "h.db").exit_code == 0
    Path("copydesk.toml").write_text(toml, encoding="utf-8")
    result = cli("check", "b.jsonl", "--history", "h.db", "--compare", "last")
    assert result.exit_code == 0 and "warning" not in result.stderr, result.stderr


def test_diff_names_the_last_passing_run_as_compare_does(cli: Cli, db_url: str, tmp_path: Path) -> None:
    # run 1: a check that passes; run 2: a check that fails; run 3: a score (no gate)
    assert cli("check", str(good_batch(tmp_path)), "--history", db_url, "--fail-under", "1").exit_code == 0
    assert cli("check", str(worse_batch(tmp_path)), "--history", db_url, "--fail-under", "100").exit_code == 1
    assert cli("score", str(worse_batch(tmp_path)), "--history", db_url).exit_code == 0
    by_number = cli("diff", "1", "3", "--history", db_url)
    named = cli("diff", "passing", "last", "--history", db_url)
    assert named.exit_code == 0 and named.stdout == by_number.stdout and "grade changed" in named.stdout

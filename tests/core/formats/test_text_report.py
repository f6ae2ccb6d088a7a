"""The text report: severities, the costliest scorer, new findings, and its own filters.

``--min-severity`` and ``--only-new`` filter the text report only: every other format
lists every finding, and the gate judges them all (README, "Common options").
"""

from __future__ import annotations

import dataclasses
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from cdci_helpers import Desk
from copydesk.app import baseline_run, execute, parse_outputs
from copydesk.errors import EXIT_GATE
from copydesk.formats._common import cost_phrase, title_line
from copydesk.formats.text import COLUMNS, TextWriter, _Console, costliest, plain_table
from copydesk.modelfile import load_model, packaged_model_path
from copydesk.models import ArticleReport, FeaturePoints, RunInfo, ScorerResult
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.table import Table
from rich.text import Text
from support import run_copydesk

BODY = "Title meh\n\nThis is bad news.\n\nIt is awful too.\n"
FINDING = re.compile(r"^  \S+:(\d+):\d+ (info|warning|error) +(WRD\d+) .*?( \[new\]| \[in baseline\])?$")


def listed(stdout: str) -> list[tuple[str, str, str, str]]:
    """(line, severity, code, baseline tag) of each finding line of a text report."""
    return [m.groups(default="") for line in stdout.splitlines() if (m := FINDING.match(line))]  # type: ignore[misc]


def write_baseline(desk: Desk, paths: list[str], target: Path) -> None:
    baseline_run(desk.options(paths, []), target, False, io.StringIO(), lambda line: None)


def test_each_finding_line_shows_its_severity(desk: Desk) -> None:
    page = desk.write("a.txt", BODY)
    assert listed(desk.run([page], ["text"]).stdout) == [
        ("1", "info", "WRD003", ""),
        ("3", "warning", "WRD001", ""),
        ("5", "error", "WRD002", ""),
    ]


def test_min_severity_hides_lower_findings_and_says_how_many(desk: Desk) -> None:
    page = desk.write("a.txt", BODY)
    result = desk.run([page], ["text"], min_severity="warning")
    assert [code for _, _, code, _ in listed(result.stdout)] == ["WRD001", "WRD002"]
    assert "1 finding(s) not listed (--min-severity warning); scores count them all" in result.stdout
    gated = desk.run([page], ["text"], gate={"fail_under": 0}, min_severity="warning")
    assert "1 finding(s) not listed (--min-severity warning); scores and the gate count them all" in gated.stdout
    only_errors = desk.run([page], ["text"], min_severity="error")
    assert [code for _, _, code, _ in listed(only_errors.stdout)] == ["WRD002"]


def test_an_unreadable_record_is_placed_at_its_line_not_in_a_field(desk: Desk) -> None:
    feed = desk.write("feed.jsonl", '{"text": "It was fine."}\n{bad\n')
    text = desk.run([feed], ["text"]).stdout
    assert f"  {feed}:2 error   CD002 " in text  # no made-up "text:2:1": the record was never read
    junit = desk.run([feed], ["junit"]).stdout
    assert f"{feed}:record line 2 CD002 [error]" in junit


def test_junit_places_a_records_finding_within_its_field_as_the_text_report_does(desk: Desk) -> None:
    feed = desk.write("feed.jsonl", '{"text": "It was fine."}\n{"text": "First line.\\nIt was bad."}\n')
    assert f"  {feed}:2 text:2:8 " in desk.run([feed], ["text"]).stdout
    assert f"{feed}:record line 2 text:2:8 WRD001 [warning]" in desk.run([feed], ["junit"]).stdout


def test_under_a_baseline_each_finding_says_whether_it_is_new_and_only_new_lists_the_new(
    desk: Desk, tmp_path: Path
) -> None:
    page = desk.write("a.txt", "Title\n\nThis is bad news.\n")
    target = tmp_path / "baseline.json"
    write_baseline(desk, [page], target)
    desk.write("a.txt", "Title\n\nThis is bad news.\n\nIt is awful too.\n")
    gate = {"fail_on": "warning"}
    tagged = desk.run([page], ["text"], gate, baseline=target)
    assert listed(tagged.stdout) == [("3", "warning", "WRD001", " [in baseline]"), ("5", "error", "WRD002", " [new]")]
    only = desk.run([page], ["text"], gate, baseline=target, only_new=True)
    assert listed(only.stdout) == [("5", "error", "WRD002", " [new]")]
    assert "1 finding(s) not listed (--only-new)" in only.stdout


def test_the_filters_change_neither_the_other_formats_nor_the_gate(desk: Desk, tmp_path: Path) -> None:
    page = desk.write("a.txt", "Title\n\nThis is bad news.\n")
    target = tmp_path / "baseline.json"
    write_baseline(desk, [page], target)
    desk.write("a.txt", "Title\n\nThis is bad news.\n\nIt is awful too.\n")
    gate: dict[str, Any] = {"fail_on": "info"}
    plain = desk.run([page], ["json", f"sarif:{tmp_path / 'out.sarif'}"], gate, baseline=target)
    filtered = desk.run(
        [page],
        ["json", f"sarif:{tmp_path / 'filtered.sarif'}"],
        gate,
        baseline=target,
        min_severity="error",
        only_new=True,
    )
    assert plain.code == filtered.code == EXIT_GATE
    assert plain.stdout == filtered.stdout and len(json.loads(plain.stdout)["articles"][0]["findings"]) == 2
    assert (tmp_path / "out.sarif").read_text() == (tmp_path / "filtered.sarif").read_text()


def scorer(prefix: str, contribution: float, error: str | None = None) -> ScorerResult:
    return ScorerResult(prefix, prefix.lower(), "p", 0.5, 1.0, contribution, (), {}, error, 0.0)


def report(*scorers: ScorerResult) -> ArticleReport:
    return ArticleReport("a", "t", None, 60.0, "C", "ok", 100, scorers, (), ())


def test_the_costliest_scorer_is_the_largest_positive_contribution() -> None:
    worst = costliest(report(scorer("AAA", 5.0), scorer("BBB", 12.5), scorer("CCC", -3.0), scorer("DDD", 40.0, "boom")))
    assert worst is not None and worst.prefix == "BBB"  # a failed scorer's number is not a cost
    assert costliest(report(scorer("AAA", -1.0), scorer("BBB", 0.0))) is None


def test_each_article_heading_names_the_scorer_that_cost_it_most() -> None:
    result = run_copydesk("score", "seeds/000_e91f38832a2364a5.txt", "-f", "json")
    [article] = json.loads(result.stdout)["articles"]
    worst = max(article["scorers"], key=lambda s: s["contribution"])
    text = run_copydesk("score", "seeds/000_e91f38832a2364a5.txt").stdout
    assert f"; most points lost to {worst['prefix']} {worst['name']} ({worst['contribution']:.1f})" in text


def test_under_the_heading_the_costliest_scorers_costliest_features_are_named_with_value_and_median() -> None:
    """Review 12, item 3: seed 003 loses over 25 points to SRC with info findings only; the line says which features."""
    seed = "seeds/003_1d813d5afd5ed48d.txt"
    [article] = json.loads(run_copydesk("score", seed, "-f", "json").stdout)["articles"]
    sourcing = next(s for s in article["scorers"] if s["prefix"] == "SRC")
    share = sourcing["features"]["uncredited_quotation_share"]  # its two slogans quoted without a speaker
    median = next(
        f for f in load_model(packaged_model_path()).features if f.key == "sourcing.uncredited_quotation_share"
    )
    lines = run_copydesk("score", seed).stdout.splitlines()
    lost = f"most points lost to SRC sourcing ({sourcing['contribution']:.1f})"  # 30.4 under the shipped model
    assert sourcing["contribution"] > 25
    at = next(i for i, line in enumerate(lines) if lost in line)
    assert lines[at + 1].startswith(
        f"  SRC sourcing's costliest features: uncredited quotation share {share:.3g} "
        f"(professional median {median.quantiles[50]:.3g}): "
    )
    assert lines[at + 1].count("professional median") == 3 and lines[at + 1].endswith(" points")


SHOUTING = (
    "BREAKING NEWS SHOCKING TRUTH ABOUT THE MAYOR\n\nThe mayor of Springfield, Anna Lee, said on Tuesday that the"
    ' city budget would rise by 3 percent next year, according to a statement from City Hall. "We have to fix the'
    ' roads before winter," Lee told reporters at a news conference in Springfield. Councillor Tom Park said the'
    " council would vote on the plan on 12 March. The increase could pay for road repairs.\n"
)


def test_when_a_title_feature_is_among_the_costliest_the_title_it_read_is_shown(tmp_path: Path) -> None:
    """Review 13, item 2: a shouting headline was charged with no sign of which line was read as the title."""
    path = tmp_path / "shouting.txt"
    path.write_text(SHOUTING, encoding="utf-8")
    lines = run_copydesk("score", str(path)).stdout.splitlines()
    at = next(i for i, line in enumerate(lines) if "costliest features: title capitalisation 1" in line)
    assert lines[at + 1] == "  title: 'BREAKING NEWS SHOCKING TRUTH ABOUT THE MAYOR'"
    calm = tmp_path / "calm.txt"
    calm.write_text(SHOUTING.replace("BREAKING NEWS SHOCKING TRUTH ABOUT THE MAYOR", "Mayor plans budget rise"))
    assert not any(line.startswith("  title: ") for line in run_copydesk("score", str(calm)).stdout.splitlines())


def costing(name: str, points: float) -> ScorerResult:
    return dataclasses.replace(scorer("RDB", 10.0), costs=(FeaturePoints(name, 1.0, 0.0, points),))


def test_the_title_line_is_clipped_shows_the_line_read_for_a_missing_title_and_is_for_costly_title_features_only() -> (
    None
):
    shouting = costing("title_capitalisation", 8.0)
    long = dataclasses.replace(report(shouting), title="WORD " * 60)
    line = title_line(long, shouting)
    assert line.startswith("title: 'WORD WORD") and line.endswith("…'") and len(line) == len("title: ''") + 120
    untitled = dataclasses.replace(report(shouting), title="", text="\n  WOW!!! SHOCKING   TRUTH\n\nThe body.")
    assert title_line(untitled, shouting) == (
        "title: none given, so the body's first line 'WOW!!! SHOCKING TRUTH' was read as one"
    )
    assert title_line(long, costing("title_capitalisation", -0.5)) == ""  # a credit is not a charge
    assert title_line(long, costing("all_caps_words_per_1000_words", 8.0)) == ""


def test_a_cost_phrase_puts_a_features_name_in_words() -> None:
    cost = FeaturePoints("quotation_marks_per_1000_words", 0.0, 10.7, 4.26)
    assert cost_phrase(cost) == "quotation marks per 1,000 words 0 (professional median 10.7): 4.3 points"
    assert cost_phrase(FeaturePoints("yule_k", 250.4, 97.3, 1.0)).startswith("yule k 250 (professional median 97.3)")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["check", "seeds/", "--only-new"], "--only-new needs --baseline FILE"),
        (["score", "seeds/", "--min-severity", "loud"], "--min-severity must be info, warning or error, not 'loud'"),
    ],
)
def test_bad_filter_options_are_usage_errors(args: list[str], message: str) -> None:
    result = run_copydesk(*args)
    assert result.exit_code == 2 and message in result.stderr and "Traceback" not in result.stderr


def test_a_truncated_copy_is_marked_in_the_text_heading_the_markdown_grade_the_html_row_and_junit() -> None:
    seeds = ["seeds/003_1d813d5afd5ed48d.txt", "seeds/000_e91f38832a2364a5.txt"]
    reports = json.loads(run_copydesk("score", *seeds, "-f", "json").stdout)["articles"]
    assert [a["truncated"] for a in reports] == [True, False]
    text = run_copydesk("score", *seeds).stdout
    markdown = run_copydesk("score", *seeds, "-f", "markdown").stdout
    for article in reports:
        heading = f"{article['id']}  score {article['score']:.1f} ({article['grade']}, {article['verdict']}"
        cut = ", truncated copy" if article["truncated"] else ""
        assert f"{heading}{cut});" in text
        grade = f"{article['grade']}<br>truncated" if article["truncated"] else article["grade"]
        assert f" | {article['score']:.1f} | {grade} | " in markdown
    page = run_copydesk("score", *seeds, "-f", "html").stdout
    rows = re.findall(r'<tr data-i="\d+".*?</tr>', page)
    assert [("truncated copy" in row) for row in rows] == [a["truncated"] for a in reports]
    cases = re.findall(r"<testcase .*?</testcase>", run_copydesk("score", *seeds, "-f", "junit").stdout, re.S)
    assert [("truncated copy)" in case) for case in cases] == [a["truncated"] for a in reports]
    gate = run_copydesk("check", seeds[0], "--fail-under", "99", "-f", "junit").stdout
    assert re.search(r'<failure message="score [\d.]+ \([A-F], truncated copy\): fail_under', gate), gate


def test_force_color_colours_standard_output_but_never_a_report_file(
    desk: Desk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """CI sets FORCE_COLOR; a text report saved as an artifact must hold no escape sequence (review 11, item 15)."""
    monkeypatch.setenv("FORCE_COLOR", "1")
    page = desk.write("a.txt", BODY)
    named = tmp_path / "named.txt"
    shown = desk.run([page], ["text", f"text:{named}"])
    assert "\x1b[" in shown.stdout  # standard output honours FORCE_COLOR, as before
    out = tmp_path / "out.txt"  # -o FILE
    execute(
        dataclasses.replace(desk.options([page], []), outputs=parse_outputs([], str(out))),
        io.StringIO(),
        lambda line: None,
    )
    for report in (named, out):
        text = report.read_text(encoding="utf-8")
        assert "WRD001" in text and "\x1b" not in text


def test_a_verdict_word_from_the_configuration_is_made_inert_in_the_text_report(tmp_path: Path) -> None:
    """A verdict word comes from config.toml (a pull request may change it): its escapes never reach the terminal."""
    config = tmp_path / "copydesk.toml"
    config.write_text(
        '[scoring.verdicts]\nA = "\\u001b[31mBAD"\nB = "\\u001b[31mBAD"\nC = "\\u001b[31mBAD"\n'
        'D = "\\u001b[31mBAD"\nF = "\\u001b[31mBAD"\n',
        encoding="utf-8",
    )
    result = run_copydesk("score", "seeds/000_e91f38832a2364a5.txt", "--config", str(config))
    assert "\x1b" not in result.stdout
    assert "\\x1b[31mBAD" in result.stdout


PIECE = st.text(st.sampled_from("ab \t\n\r\x07\x08\x0b\x0c\x1b[é漢\u0301😀-|:"), max_size=140)
STYLE = st.sampled_from(["", "dim", "bold", "bold red"])


@settings(max_examples=300, deadline=None)
@given(PIECE, st.lists(st.tuples(PIECE, STYLE), max_size=4), STYLE)
def test_without_colours_each_kept_line_is_what_rich_would_have_printed(
    first: str, rest: list[tuple[str, str]], style: str
) -> None:
    """The text report writes an uncoloured line itself: the same text as rich's print of it (tabs, controls, wide, long)."""
    kept, printed = io.StringIO(), io.StringIO()
    writer = TextWriter(kept, RunInfo(version="0", paths=(), plugins=(), rules=()))
    writer.console = _Console(file=kept, highlight=False, soft_wrap=True, width=120, force_terminal=False)
    writer.plain = True
    writer._line(first, *rest, style=style)
    writer._line("next")
    writer._flush()
    console = _Console(file=printed, highlight=False, soft_wrap=True, width=120, force_terminal=False)
    line = Text(first, style=style)
    for part, part_style in rest:
        line.append(part, style=part_style)
    console.print(line)
    console.print(Text("next"))
    assert kept.getvalue() == printed.getvalue()


PLAIN = st.from_regex(r"[a1-](?:[a1-]| [a1.,]){0,7}", fullmatch=True)  # the cells a table mostly has
ODD = st.one_of(  # and the cells it may have: wide, tabs, spaces at the ends or doubled, markup, emoji codes
    st.sampled_from(["漢字", "é", "a\tb", " a", "a ", "a  b", "", "[bold]x", ":smile: x", "\\[x]"]),
    st.text(st.sampled_from("a1 -.,:[]\\é漢\t"), max_size=12),
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(PLAIN, PLAIN, PLAIN, PLAIN, PLAIN), min_size=1, max_size=4),
    st.tuples(st.integers(0, 5), st.integers(0, 4), ODD),  # a row past the last: none odd
    st.sampled_from(["0.1.0", "1:2", "[b]x", "é"]),
    st.integers(min_value=0, max_value=100),
)
def test_without_colours_the_table_written_is_what_rich_would_have_drawn(
    rows: list[tuple[str, ...]], odd: tuple[int, int, str], version: str, wide: int
) -> None:
    """The worst-first table, when the text report draws it itself, is rich's table byte for byte (else rich draws it)."""
    rows = [(*row[:4], row[4] + "x" * wide) for row in rows]  # wide enough, at times, for rich to wrap the cells
    if odd[0] < len(rows):
        row, column, cell = odd
        rows[row] = (*rows[row][:column], cell, *rows[row][column + 1 :])
    title = f"copydesk {version}: {len(rows)} article(s), worst first"
    drawn = plain_table(title, rows)
    printed = io.StringIO()
    table = Table(title=title, title_justify="left")
    for column, justify in COLUMNS:
        table.add_column(column, justify=justify)  # type: ignore[arg-type]
    for *cells, article in rows:
        table.add_row(*cells, Text(article))
    _Console(file=printed, highlight=False, soft_wrap=True, width=120, force_terminal=False).print(table)
    assert drawn is None or drawn == printed.getvalue()


def test_the_bench_like_table_is_drawn_without_rich() -> None:
    """Scores, grades, verdicts, counts and plain ids: the common table takes the fast path."""
    rows = [("36.5", "F", "serious-concerns", "79", "gen-518"), ("-", "A", "fine, evidence floor", "3", "a b")]
    assert plain_table("copydesk 0.1.0: 2 article(s), worst first", rows) is not None


def test_the_text_report_names_a_parquet_row_as_row_n_as_standard_error_does_not_as_a_line(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [
        {"id": "p1", "text": "The harbour master, Ada Quill, said the quay reopened on Monday."},
        {"id": "p2", "text": None},
        {"id": "p3", "text": "Ticket sales rose 40% this spring at the lido in Fenwick."},
    ]
    pq.write_table(pa.Table.from_pylist(rows), tmp_path / "t.parquet")
    result = run_copydesk("score", "t.parquet", "--select", "FIG001", cwd=tmp_path)
    assert "t.parquet row 2 (p2): field 'text' is null, not a string" in result.stderr
    assert "\n  t.parquet row 2 error   CD002 field 'text' is null" in result.stdout
    assert re.search(r"\n  t\.parquet row 3 text:1:\d+ warning FIG001 ", result.stdout), result.stdout
    assert "t.parquet:2" not in result.stdout and "t.parquet:3" not in result.stdout

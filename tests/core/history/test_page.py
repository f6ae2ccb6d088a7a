"""``copydesk trend --html``: a chart and a table per source, no script, hostile source names inert."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from copydesk.history.page import POLICY, trend_page
from copydesk.history.records import TrendPoint
from copydesk.rollup import change
from support import CliResult
from test_cli_history import good_batch, worse_batch

Cli = Callable[..., CliResult]
HOSTILE = "<script>window.__pwned=1</script>\u202egnp.exe\n::error title=forged::x"
RAW_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def points(*means: float | None) -> list[TrendPoint]:
    return [TrendPoint(i, f"2026-11-{i:02d}T09:00:00.123456+00:00", m) for i, m in enumerate(means, 1)]


def test_one_section_per_source_sorted_with_its_chart_caption_and_table() -> None:
    page = trend_page({"wire": points(80.0, None, 70.04), "blog": points(40.0, 45.0)}, "sqlite:///h.db", "9.9")
    assert re.findall(r"<h2>(.*?)</h2>", page) == ["blog", "wire"]
    blog, wire = page.split("<section")[1:]
    assert blog.count("<circle") == 2 and blog.count("<polyline") == 1
    assert wire.count("<circle") == 2 and wire.count("<polyline") == 0  # the run without a mean breaks the line
    assert "Mean score 80.0 \u2192 70.0 (-10.0) over 3 runs." in wire
    rows = re.findall(r'<tr><td class="n">(\d+)</td><td>([^<]*)</td><td class="n">([^<]*)</td></tr>', wire)
    assert rows == [
        ("1", "2026-11-01T09:00:00Z", "80.0"),
        ("2", "2026-11-02T09:00:00Z", "-"),
        ("3", "2026-11-03T09:00:00Z", "70.0"),
    ]
    assert "<title>run 3: 70.0</title>" in wire  # each dot names its run and mean on hover


def test_the_chart_puts_a_higher_mean_higher_on_a_fixed_0_to_100_scale() -> None:
    page = trend_page({"a": points(0.0, 50.0, 100.0, 150.0, -5.0)}, "h", "1")
    ys = [float(y) for y in re.findall(r'<circle cx="[\d.]+" cy="([\d.]+)"', page)]
    assert ys[0] > ys[1] > ys[2] and ys[3] == ys[2] and ys[4] == ys[0]  # clamped to the scale
    assert re.findall(r'text-anchor="end">(\d+)</text>', page) == ["0", "25", "50", "75", "100"]


def test_many_runs_name_about_a_dozen_on_the_axis_always_the_first_and_last() -> None:
    page = trend_page({"a": points(*[50.0] * 40)}, "h", "1")
    labels = re.findall(r'text-anchor="middle">(\d+)</text>', page)
    assert labels[0] == "1" and labels[-1] == "40" and len(labels) <= 14


def test_the_page_allows_no_script_and_no_fetch() -> None:
    page = trend_page({"a": points(50.0)}, "h", "1")
    assert f'content="{POLICY}"' in page and "script-src" not in POLICY and "default-src 'none'" in POLICY
    assert "<script" not in page


def test_a_hostile_source_name_and_history_url_are_inert() -> None:
    page = trend_page({HOSTILE: points(50.0, 60.0)}, "sqlite:///x\u202e<b>.db", "1")
    assert "<script" not in page and "<b>" not in page and not RAW_CONTROLS.search(page)
    assert "&lt;script&gt;" in page and "\\u202e" in page
    assert not any(line.startswith("::") for line in page.splitlines())


def test_the_same_history_gives_the_same_bytes() -> None:
    trends = {"b": points(1.0, 2.0), "a": points(3.0)}
    assert trend_page(trends, "h", "1") == trend_page(dict(reversed(trends.items())), "h", "1")


@pytest.mark.parametrize(
    ("means", "shown"),
    [
        ([41.37, None, 41.33], "-0.1"),
        ([41.34, 41.31], "+0.0"),
        ([39.66, 45.34], "+5.6"),
        ([10.0], None),
        ([None], None),
    ],
)
def test_the_change_is_that_of_the_means_as_shown_and_never_minus_zero(
    means: list[float | None], shown: str | None
) -> None:
    assert change(means) == shown


def test_trend_html_writes_the_page_beside_the_text(cli: Cli, db_url: str, tmp_path: Path) -> None:
    assert cli("score", str(good_batch(tmp_path)), "--history", db_url, "-o", str(tmp_path / "1.txt")).exit_code == 0
    assert cli("score", str(worse_batch(tmp_path)), "--history", db_url, "-o", str(tmp_path / "2.txt")).exit_code == 0
    target = tmp_path / "trend.html"
    result = cli("trend", "--history", db_url, "--html", str(target))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == cli("trend", "--history", db_url).stdout  # the text is unchanged
    assert result.stderr.strip() == f"copydesk: wrote {target}: 2 source(s)"
    page = target.read_text(encoding="utf-8")
    assert re.findall(r"<h2>(.*?)</h2>", page) == ["blog", "wire"]
    assert page.count("<circle") == 4
    only = cli("trend", "--history", db_url, "--source", "wire", "--html", str(target))
    assert only.exit_code == 0 and re.findall(r"<h2>(.*?)</h2>", target.read_text(encoding="utf-8")) == ["wire"]
    assert not list(tmp_path.glob(".trend.html.*"))  # written atomically, nothing left beside it


@pytest.mark.browser
def test_the_trend_page_renders_its_charts_and_runs_no_script(tmp_path: Path, open_page: Callable[..., Any]) -> None:
    target = tmp_path / "trend.html"
    target.write_text(trend_page({"wire": points(80.0, 75.0, 70.0), HOSTILE: points(20.0, None, 30.0)}, "h", "1"))
    page = open_page(target, ready="main")
    charts = page.eval_on_selector_all(
        "svg.trend-chart",
        "cs => cs.map(c => [c.getBoundingClientRect().width, c.getBoundingClientRect().height,"
        " c.querySelectorAll('circle').length, c.getAttribute('aria-label')])",
    )
    assert [c[:3] for c in charts] == [[640, 200, 2], [640, 200, 3]]
    assert charts[1][3] == "Mean score of wire by run"
    assert page.eval_on_selector("h2", "h => h.textContent").startswith("<script>")  # shown as text, not run
    assert page.evaluate("() => window.__pwned") is None
    assert page.events == []  # no console output, error, dialog or request


def test_the_caption_says_how_many_runs_are_shown_of_how_many_when_older_ones_are_left_out() -> None:
    page = trend_page({"a": points(50.0, 60.0, 70.0)}, "h", "1", {"a": 119})
    assert "over the last 3 of 119 runs" in page
    assert "over 3 runs" in trend_page({"a": points(50.0, 60.0, 70.0)}, "h", "1", {"a": 3})


def _long_history(tmp_path: Path, runs: int) -> str:
    from copydesk.history import open_history
    from history_support import make_run

    url = f"sqlite:///{tmp_path / 'long.db'}"
    with open_history(url) as store:
        for i in range(runs):
            score = 40.0 + i % 50
            store.record(
                make_run(f"2026-11-01T09:{i // 60:02d}:{i % 60:02d}+00:00", {f"k{i}": ("wire", score, "C", {})})
            )
    return url


def test_trend_shows_the_latest_30_runs_by_default_and_says_so(cli: Cli, tmp_path: Path) -> None:
    url = _long_history(tmp_path, 119)
    head, runs = cli("trend", "--history", url).stdout.splitlines()
    assert head.endswith("over the last 30 of 119 run(s)") and len(head.split()[1]) == 30
    assert runs.split(", ")[0].strip() == "run 90: 79.0" and runs.endswith("run 119: 58.0")
    head, runs = cli("trend", "--history", url, "--last", "0").stdout.splitlines()
    assert head.endswith("over 119 run(s)") and len(head.split()[1]) == 119 and runs.count("run ") == 119
    page = tmp_path / "t.html"
    assert cli("trend", "--history", url, "--last", "5", "--html", str(page)).exit_code == 0
    html = page.read_text()
    assert "over the last 5 of 119 runs" in html and html.count("<circle") == 5


def test_trend_html_dash_writes_the_page_to_stdout_in_place_of_the_text(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = _long_history(tmp_path, 3)
    monkeypatch.chdir(tmp_path)
    result = cli("trend", "--history", url, "--html", "-")
    assert result.exit_code == 0 and result.stdout.startswith("<!DOCTYPE html>") and result.stdout.endswith("</html>\n")
    assert "over 3 runs" in result.stdout and "->" not in result.stdout
    assert not (tmp_path / "-").exists()

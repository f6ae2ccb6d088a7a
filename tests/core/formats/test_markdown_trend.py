"""The Markdown summary's per-source trend, when the run has a history."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from cdci_helpers import Desk
from copydesk.formats import markdown
from copydesk.formats.markdown import MarkdownWriter, trend_cell
from copydesk.models import RunInfo, RunSummary
from copydesk.rollup import SourceSummary, SourceTrend

INFO = RunInfo(version="0", paths=(), plugins=(), rules=())


def summary(name: str, mean: float) -> SourceSummary:
    return SourceSummary(name, 2, 2, mean, mean - 5, mean + 5, 1, 0.5, (("HDG001", 3),))


def sources_section(run: RunSummary) -> list[str]:
    out = io.StringIO()
    MarkdownWriter(out, INFO).close(run)
    text = out.getvalue()
    return text[text.index("### Sources") : text.index("### Findings per rule")].strip().splitlines()


def test_trend_cell_shows_the_sparkline_and_the_numbers_as_text() -> None:
    trend = SourceTrend("wire", (1, 2, None, None), (80.0, None, 62.5, 55.0))
    assert trend_cell(trend) == "`█·▃▁` 80.0 → 55.0 (-25.0) over 4 run(s)"  # on its own 55-80 scale
    assert trend_cell(SourceTrend("new", (None,), (None,))) == "`·` no mean in 1 run(s)"


def test_the_sources_table_gains_a_trend_column_only_with_a_history() -> None:
    sources = (summary("blog", 40.0), summary("wire", 55.0))
    without = sources_section(RunSummary(2, 2, 0, 47.5, sources=sources))
    assert without[2].endswith("| Top rules |") and not any("Trend" in line for line in without)
    trends = (SourceTrend("wire", (1, None), (70.0, 55.0)),)
    lines = sources_section(RunSummary(2, 2, 0, 47.5, sources=sources, trends=trends))
    assert lines[2].endswith("| Top rules | Trend |") and lines[3].endswith("| --- | --- |")
    assert lines[4].startswith("| blog |") and lines[4].endswith("| - |")  # no recorded run yet
    assert lines[5].startswith("| wire |") and lines[5].endswith("| `█▁` 70.0 → 55.0 (-15.0) over 2 run(s) |")
    assert lines[-1].startswith("Trend: the source's mean score in its latest recorded runs")


def test_a_run_with_a_history_puts_the_recorded_means_in_its_markdown(desk: Desk, tmp_path: Path) -> None:
    folder = Path(desk.write("wire/a.txt", "Title\n\nThis is bad news about the bridge.\n")).parent
    history = str(tmp_path / "runs.db")
    desk.run([str(folder)], ["json"], history=history)
    desk.write("wire/b.txt", "Title\n\nThis is awful and bad news about the road.\n")
    text = desk.run([str(folder)], ["markdown"], history=history).stdout
    [row] = [line for line in text.splitlines() if line.startswith("| ") and line.endswith(" run(s) |")]
    assert "wire" in row and row.endswith(" over 2 run(s) |") and "→" in row


def test_a_cut_sources_table_shows_the_failing_then_the_worst_sources(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(markdown, "MAX_ROWS", 3)
    sources = (summary("a", 90.0), summary("b", 45.0), summary("c", 70.0), summary("d", 60.0), summary("e", 30.0))
    gate = {"sources_below": {"b": "source b: mean 45.0 is below 50"}}
    lines = sources_section(RunSummary(10, 10, 0, 60.0, gate=gate, sources=sources))
    assert [line.split(" |")[0] for line in lines[4:7]] == ["| b", "| e", "| d"]
    assert lines[-1].startswith("Worst 3 of 5 sources shown: those below the gate's source_fail_under first")
    uncut = sources_section(RunSummary(10, 10, 0, 60.0, gate=gate, sources=sources[:3]))
    assert [line.split(" |")[0] for line in uncut[4:]] == ["| a", "| b", "| c"]  # small tables stay by name

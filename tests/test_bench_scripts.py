"""scripts/bench_scorers.py and scripts/profile_run.py: every scorer's batch-pass time is measured, where it is spent."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from support import load_script

from copydesk.manager import load_plugins

bench_scorers = load_script("bench_scorers")


def table(out: str) -> dict[str, list[float]]:
    """The rows of bench_scorers' table: part -> batch, segment, score, total (ms per article)."""
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("part "))
    rows = {}
    for line in lines[start + 1 :]:
        if line.startswith("whole run"):
            break
        name, *numbers = line.split()
        rows[name] = [float(x) for x in numbers[:4]]
    return rows


def test_bench_scorers_charges_each_batch_pass_to_its_scorer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # no shared data under tmp_path: the seed articles stand in
    monkeypatch.setattr(sys, "argv", ["bench_scorers.py", "--articles", "12", "--data", str(tmp_path)])
    bench_scorers.main()
    rows = table(capsys.readouterr().out)
    batchers = [s.prefix for _, s in load_plugins().scorers if s.batch is not None]
    assert batchers  # the built-ins have batch passes to measure
    for prefix in batchers:
        assert rows[prefix][0] > 0, f"{prefix}'s batch pass was not measured"
    assert rows["core"][0] > 0  # the batch pass's documents, built in this process too
    others = [s.prefix for _, s in load_plugins().scorers if s.batch is None]
    for prefix in others:
        assert rows[prefix][0] == 0

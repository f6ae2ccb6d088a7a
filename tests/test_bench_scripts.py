"""scripts/bench_scorers.py and scripts/profile_run.py: every scorer's batch-pass time is measured, where it is spent."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from copydesk.manager import load_plugins
from copydesk.models import Assessment, Finding
from support import load_script

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


profile_run = load_script("profile_run")
bench = sys.modules["bench"]


class Clock:
    """A clock that moves only when a hook below moves it: what a timer reads is exactly what ran inside it."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now

    def hook(self, function: Callable[..., Any], step: float) -> Callable[..., Any]:
        """``function``, moving the clock by ``step`` each call."""

        def moved(*args: Any) -> Any:
            self.now += step
            return function(*args)

        return moved

    def advancing(self, findings: Iterable[Finding], step: float) -> Iterator[Finding]:
        """``findings`` lazily, moving the clock by ``step`` only once the generator is read."""
        self.now += step
        yield from findings


def test_profile_run_charges_batch_hooks_and_lazy_scores_to_the_scorers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = Clock()
    monkeypatch.setattr(profile_run, "clock", clock)
    plugins = load_plugins()
    scorers = []
    for info, scorer in plugins.scorers:
        if scorer.prefix in ("TPL", "TRN"):  # a mapped pass, and one without merge (observed one by one)
            batch = scorer.batch
            assert batch is not None and batch.merge is not None
            hooks = {"start": 1, "observe": 10, "merge": 100, "finish": 1000}
            moved = {name: clock.hook(getattr(batch, name), step) for name, step in hooks.items()}
            if scorer.prefix == "TRN":
                moved["merge"] = None
            scorer = replace(scorer, batch=replace(batch, **moved))
        elif scorer.prefix == "STY":  # a generator of findings

            def lazy(document: Any, context: Any, original: Any = scorer.score) -> Iterator[Finding]:
                return clock.advancing(as_assessment(original(document, context)).findings, 1)

            scorer = replace(scorer, score=lazy)
        elif scorer.prefix == "HDG":  # an Assessment whose findings are a generator

            def lazy_assessment(document: Any, context: Any, original: Any = scorer.score) -> Assessment:
                assessment = as_assessment(original(document, context))
                return replace(assessment, findings=clock.advancing(assessment.findings, 1000))

            scorer = replace(scorer, score=lazy_assessment)
        scorers.append((info, scorer))
    path = tmp_path / "batch.jsonl"
    bench.generate(path, 70)  # two chunks of the mapped pass: 64 articles, then 6

    cpu, _wall, spent = profile_run.measure(path, replace(plugins, scorers=tuple(scorers)))

    # TPL: a start per chunk, 70 observes, one merge, one finish; TRN: one start, 70 observes, one finish
    assert spent["batch"] == (2 + 700 + 100 + 1000) + (1 + 700 + 1000)
    assert spent["batch_pass"] == spent["batch"]  # nothing else moved the clock
    assert spent["score"] == 70 * (1 + 1000)  # each generator read inside its scorer's timer
    assert cpu == spent["batch"] + spent["score"]


def as_assessment(result: Any) -> Assessment:
    return result if isinstance(result, Assessment) else Assessment(findings=tuple(result))


def test_peak_memory_asks_for_a_command_and_names_one_it_cannot_run(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    peak_memory = load_script("peak_memory")
    monkeypatch.setattr(sys, "argv", ["peak_memory.py"])
    with pytest.raises(SystemExit) as nothing:
        peak_memory.main()
    assert nothing.value.code == 2
    assert "give the command to measure" in capsys.readouterr().err
    monkeypatch.setattr(sys, "argv", ["peak_memory.py", "/nonexistent/copydesk-binary", "score"])
    with pytest.raises(SystemExit) as missing:
        peak_memory.main()
    assert missing.value.code == "peak_memory: cannot run /nonexistent/copydesk-binary: No such file or directory"


def test_peak_memory_measures_the_command_it_is_given(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    peak_memory = load_script("peak_memory")
    monkeypatch.setattr(sys, "argv", ["peak_memory.py", sys.executable, "-c", "x = bytearray(40 * 2**20)"])
    peak_memory.main()
    out = capsys.readouterr().out
    assert out.startswith("exit 0 after ")
    # the kernel's peak of the child holds the 40 MiB it allocated
    assert float(out.split("maxrss_all ")[1].split(" MiB")[0]) >= 40


def test_many_findings_measures_each_cap_and_the_scores_are_equal(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """scripts/many_findings.py: one line per cap; the cap lists fewer findings, counts the rest, keeps the score."""
    many_findings = load_script("many_findings")
    monkeypatch.setattr(sys, "argv", ["many_findings.py", "--lines", "60", "--caps", "0", "20"])
    many_findings.main()
    head, whole, capped = capsys.readouterr().out.splitlines()
    assert head.startswith("article: 60 lines, ")
    listed = int(whole.split(" findings listed")[0].split(": ")[1])
    assert whole.startswith("cap 0: ") and ", 0 left out," in whole and listed > 200
    assert capped.startswith(f"cap 20: 20 findings listed, {listed - 20} left out, ")
    assert whole.split("score ")[1].split(";")[0] == capped.split("score ")[1].split(";")[0]


def test_the_scaffold_cost_figures_of_hooks_md_are_the_scripts_output(capsys: pytest.CaptureFixture[str]) -> None:
    """docs/hooks.md's brief figures (two hits: F at weight 1.0, D at 0.25) are what scripts/scaffold_cost.py prints."""
    hooks = (Path(__file__).resolve().parents[1] / "docs" / "hooks.md").read_text(encoding="utf-8")
    shown = hooks.split("`.venv/bin/python scripts/scaffold_cost.py`", 1)[1].split("```\n", 2)[1]
    assert load_script("scaffold_cost").main([]) == 0
    printed = capsys.readouterr().out
    assert printed == shown
    two = printed.split("2 hit(s)", 1)[1]
    f_score, d_score = (float(two.split(f"weight {w}: ", 1)[1].split()[0]) for w in ("1.0", "0.25"))
    assert f"to {f_score} (F)" in hooks and f"scores {d_score} (D) at 0.25" in hooks


@pytest.mark.parametrize(
    ("plugin", "options"), [("boilerplate", []), ("hedging", []), ("truncation", []), ("style", ["--indexed"])]
)
def test_plugin_ab_times_the_named_scorer_of_both_checkouts(
    plugin: str, options: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """scripts/bench_plugin_ab.py against this checkout itself: both sides time ``score``; the batch pass only where there is one.

    Truncation's batch pass is its scorer's ``BatchPass`` (its ``batch`` module has no ``start``).
    """
    bench_plugin_ab = load_script("bench_plugin_ab")
    checkout = Path(__file__).resolve().parents[1]
    argv = ["bench_plugin_ab.py", "--against", str(checkout), "--plugin", plugin, "--articles", "6", *options]
    monkeypatch.setattr(sys, "argv", [*argv, "--data", str(tmp_path), "--runs", "1"])
    bench_plugin_ab.main()
    rows = {line.split()[0]: [float(x) for x in line.split()[1:]] for line in capsys.readouterr().out.splitlines()[1:]}
    assert set(rows) == {"against", "this"}
    for observe, _finish, _segment, score, total in rows.values():
        assert score > 0 and total >= score
        assert (observe > 0) is (plugin in ("boilerplate", "truncation"))  # hedging and style have no batch pass


def test_plugin_ab_times_the_articles_of_a_jsonl_batch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--batch FILE`` times the file's articles: their count, not the generated batch's, divides the time."""
    bench_plugin_ab = load_script("bench_plugin_ab")
    checkout = Path(__file__).resolve().parents[1]
    seeds = sorted((checkout / "seeds").glob("*.txt"))
    batch = tmp_path / "batch.jsonl"
    with batch.open("w", encoding="utf-8") as handle:
        for number, path in enumerate(seeds[:3]):
            title, _, text = path.read_text(encoding="utf-8").partition("\n")
            handle.write(json.dumps({"id": f"s{number}", "title": title, "text": text}) + "\n")
    articles = [bench_plugin_ab.file_article(row) for row in bench_plugin_ab.corpora.rows(batch)]
    assert [a.id for a in articles] == ["s0", "s1", "s2"] and all(a.body for a in articles)
    argv = ["bench_plugin_ab.py", "--against", str(checkout), "--batch", str(batch), "--runs", "1"]
    monkeypatch.setattr(sys, "argv", argv)
    bench_plugin_ab.main()
    rows = {line.split()[0]: [float(x) for x in line.split()[1:]] for line in capsys.readouterr().out.splitlines()[1:]}
    assert set(rows) == {"against", "this"} and all(row[0] > 0 and row[3] > 0 for row in rows.values())


SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"


@pytest.mark.skipif(not (SHARED / "truncation").is_dir(), reason="../shared/data is absent: no BBC texts to measure")
def test_the_scaffold_cost_table_of_hooks_md_is_the_scripts_bbc_output(capsys: pytest.CaptureFixture[str]) -> None:
    """docs/hooks.md's BBC table of the scaffold's cost is what scripts/scaffold_cost.py --bbc prints."""
    hooks = (Path(__file__).resolve().parents[1] / "docs" / "hooks.md").read_text(encoding="utf-8")
    shown = hooks.split("`.venv/bin/python scripts/scaffold_cost.py --bbc`", 1)[1].split("```\n", 2)[1]
    assert load_script("scaffold_cost").main(["--bbc", "--data", str(SHARED)]) == 0
    printed = capsys.readouterr().out
    assert printed == shown
    brief = printed.split("1 warning(s), BBC texts of 140-170", 1)[1]
    assert "weight 0.25: x0.90" in brief  # the fourth root of x0.66 at weight 1.0


def test_bench_against_alternates_the_first_tree_so_an_order_effect_cancels(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """scripts/bench.py --against: the second run of a pair is slower whatever its tree; the summed ratio is still 1.00."""
    bench = load_script("bench")
    calls: list[Path] = []

    def fake_run(path: Path, mode: str, tree: Path = bench.REPO, output: str = "jsonl") -> dict[str, float]:
        calls.append(tree)
        second = len(calls) % 2 == 0
        return {"wall": 1.0, "cpu": 11.0 if second else 10.0, "rss": 50.0}

    monkeypatch.setattr(bench, "run", fake_run)
    monkeypatch.setattr(bench, "regex_seconds", lambda path: 0.1)
    batch = tmp_path / "batch.jsonl"
    batch.write_text("{}\n", encoding="utf-8")
    other = tmp_path / "other"
    bench.report(1000, batch, ["j1"], other, "jsonl", pairs=2)
    printed = capsys.readouterr().out
    assert calls == [other, bench.REPO, bench.REPO, other]
    assert "j1: pair 1 (it first): 0.91x" in printed and "j1: pair 2 (this tree first): 1.10x" in printed
    assert f"j1: this tree / {other}: 1.00x articles per CPU-second (2 pairs)" in printed


def test_long_sentence_times_the_conformance_suites_run_on_sentence_and_number_runs() -> None:
    """scripts/long_sentence.py writes out the conformance suite's kinds it times, unit for unit."""
    from copydesk.testing import adversarial_text

    units = load_script("long_sentence").UNITS
    assert set(units) == {"run-on-sentence", "number-runs"}
    for kind, unit in units.items():
        assert adversarial_text(kind, 3 * len(unit)) == unit * 3, kind

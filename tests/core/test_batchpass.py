"""Issue 15 item 2: the batch pass maps chunks in worker processes and merges them in input order.

The result must not depend on the cut or the worker count: byte-identical to one pass
over the whole batch in the main process. A batch pass that raises, exits, hangs or
keeps a state that cannot be pickled costs that scorer's statistics (CD004), never the run.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from copydesk import Article, BatchPass, Context, Document, Finding, Rule, Scorer, testing
from copydesk.batchpass import CHUNK
from copydesk.conformance import check_merge
from copydesk.models import ArticleReport

REPO = Path(__file__).resolve().parents[2]


def generated(count: int, seed: int = 11) -> list[Article]:
    """Articles built from shuffled seed lines (shared lines, near duplicates, attributed figures)."""
    rng = random.Random(seed)
    seeds = [p.read_text(encoding="utf-8").split("\n") for p in sorted((REPO / "seeds").glob("*.txt"))]
    articles = []
    for i in range(count):
        title, *body = seeds[i % len(seeds)]
        if i % 7:  # most articles shuffled; every seventh an exact copy of its seed
            rng.shuffle(body)
        url = f"https://site{i % 3}.example/a/{i}"
        articles.append(Article(id=f"g{i}", title=title, body="\n".join(body), url=url))
    return articles


def outcome(reports: list[ArticleReport]) -> list[Any]:
    """What a report says, without the timings."""
    return [
        (r.id, r.score, r.findings, tuple(replace(s, seconds=0.0) for s in r.scorers), r.diagnostics) for r in reports
    ]


@contextlib.contextmanager
def serial(plugins: Any) -> Iterator[Any]:
    """The same plugins with ``merge`` taken away: one pass in the main process, as before issue 15."""
    scorers = [scorer for _, scorer in plugins.scorers if scorer.batch is not None]
    batches = [scorer.batch for scorer in scorers]
    for scorer in scorers:  # the loaded Scorer objects are the plugins' own: put them back after
        object.__setattr__(scorer, "batch", replace(scorer.batch, merge=None))
    try:
        yield plugins
    finally:
        for scorer, batch in zip(scorers, batches, strict=True):
            object.__setattr__(scorer, "batch", batch)


def test_the_mapped_batch_pass_gives_what_one_serial_pass_gives_at_any_worker_count() -> None:
    articles = generated(CHUNK * 2 + 21)  # three chunks, the last one short
    with serial(testing.plugin_set(entry_points=True)) as plugins:
        reference = testing.score_batch(articles, plugins)
    assert any(f.code.startswith(("TPL", "FIG")) for r in reference for f in r.findings)  # the stats matter
    for workers in (1, 2, 3):
        reports = testing.score_batch(articles, testing.plugin_set(entry_points=True), workers=workers)
        assert outcome(reports) == outcome(reference), workers


def test_reports_are_byte_identical_at_minus_j_1_and_2(tmp_path: Path) -> None:
    batch = tmp_path / "batch.jsonl"
    batch.write_text("".join(json.dumps({"id": a.id, "title": a.title, "text": a.body}) + "\n" for a in generated(150)))
    outputs = []
    for workers in ("1", "2"):
        proc = subprocess.run(
            [sys.executable, "-m", "copydesk", "score", "-f", "json", "-j", workers, str(batch)],
            capture_output=True,
            check=False,
            env=testing.python_env(),
        )
        assert proc.returncode in (0, 1), proc.stderr
        outputs.append(proc.stdout)
    assert outputs[0] == outputs[1]


RULE = Rule(
    code="BPF001",
    name="seen-before",
    message="Seen {count} times",
    doc="**What it flags.** x\n\n**Why it matters.** x\n\n**Example.** x\n\n**Known problems.** x\n\n**Settings.** x",
)


def _faulty(fault: str) -> Scorer:
    """A scorer whose mapped batch pass misbehaves on the article whose body holds FAULT."""

    def observe(state: list[str], document: Document) -> None:
        if "FAULT" in document.body.text:
            if fault == "raise":
                raise RuntimeError("observe broke")
            if fault == "exit":
                os._exit(9)
            if fault == "hang":
                time.sleep(3600)
            if fault == "unpicklable":
                state.append(lambda: None)  # type: ignore[arg-type]
        state.append(document.id)

    def merge(earlier: list[str], later: list[str]) -> list[str]:
        if fault == "merge":
            raise ValueError("merge broke")
        return earlier + later

    def score(document: Document, context: Context) -> list[Finding]:
        return []

    def finish(state: list[str]) -> Any:
        if fault == "stats":
            return (lambda: None, *state)  # what finish returns crosses from its keeper to the run: it must pickle
        return tuple(state)

    batch = BatchPass(start=lambda settings: [], observe=observe, finish=finish, merge=merge)
    return Scorer(prefix="BPF", name="batchfault", rules=(RULE,), score=score, batch=batch)


@pytest.mark.parametrize("fault", ["raise", "exit", "hang", "unpicklable", "merge", "stats"])
@pytest.mark.parametrize("workers", [1, 2])
def test_a_failing_batch_pass_costs_only_its_scorer(fault: str, workers: int) -> None:
    articles = [
        Article(id=f"a{i}", title="", body="Plain words here. " * 20 + ("FAULT" if i == 1 else "")) for i in range(4)
    ]
    if fault == "merge":
        articles += [replace(a, id=f"b{i}") for i, a in enumerate(generated(CHUNK + 1))]
    plugins = testing.plugin_set(scorers=[_faulty(fault)])
    started = time.monotonic()
    # Only the hang needs a short timeout; elsewhere a slow article on a loaded machine must not trip it.
    timeout = 1 if fault == "hang" else 60
    reports = testing.score_batch(articles, plugins, {"run": {"article_timeout": timeout}}, workers=workers)
    assert time.monotonic() - started < 120
    assert [r.id for r in reports] == [a.id for a in articles]
    for report in reports:
        assert [d.code for d in report.diagnostics] == ["CD004"], report.diagnostics
        assert report.score is not None
    message = reports[0].diagnostics[0].message
    expected = {
        "raise": "observe broke (on article a1)",
        "exit": "exited with status 9",
        "hang": "still running after run.article_timeout (1 s); stopped (on article a1)",
        "unpicklable": "cannot be sent between processes",
        "stats": "its batch statistics cannot be sent between processes",
        "merge": "merge raised ValueError: merge broke",
    }[fault]
    assert expected in message, message


def _counting(merge: Any) -> Scorer:
    batch = BatchPass(start=lambda s: [], observe=lambda st, d: st.append(d.id), finish=tuple, merge=merge)
    return Scorer(
        prefix="CNT", name="counting", rules=(replace(RULE, code="CNT001"),), score=lambda d, c: [], batch=batch
    )


@pytest.mark.parametrize(
    ("merge", "problem"),
    [
        (lambda a, b: b + a, "finish differently from one pass"),  # later chunk first: order lost
        (lambda a, b: a + b if len(b) == 1 else a, "chunks of halves"),  # loses every chunk of two or more
    ],
)
def test_conformance_catches_a_merge_that_breaks_the_contract(merge: Any, problem: str) -> None:
    scorer = _counting(merge)
    cfg = testing.config_for(testing.plugin_set(scorers=[scorer]))
    found = check_merge(scorer, testing.sample_articles(), cfg)
    assert found and problem in str(found[0]), found


def test_conformance_catches_a_merge_that_is_not_associative() -> None:
    # right for every left fold of equal chunks (the later chunk is never longer), wrong for a+(b+c)
    scorer = _counting(lambda a, b: a + (b[::-1] if len(b) > len(a) else b))
    cfg = testing.config_for(testing.plugin_set(scorers=[scorer]))
    found = check_merge(scorer, testing.sample_articles(), cfg)
    assert found and "not associative" in str(found[0]), found
    sound = _counting(lambda a, b: a + b)
    assert check_merge(sound, testing.sample_articles(), cfg) == []


def test_the_built_in_batch_passes_keep_the_merge_contract_on_a_real_batch() -> None:
    articles = generated(40)
    plugins = testing.plugin_set(entry_points=True)
    cfg = testing.config_for(plugins)
    mapped = [s for _, s in plugins.scorers if s.batch is not None]
    assert sorted(s.prefix for s in mapped) == ["FIG", "TPL", "TRN"]
    assert all(s.batch is not None and s.batch.merge is not None for s in mapped)
    for scorer in mapped:
        assert check_merge(scorer, articles, cfg) == [], scorer.prefix

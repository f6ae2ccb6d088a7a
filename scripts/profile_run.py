"""Profile a whole copydesk run: where the time goes between batch pass, scorers and core.

Generates the same batch as ``scripts/bench.py`` (its ``generate``: seed articles with
their body lines shuffled, about 1,100 words each) and runs it in this process through
the same path as ``copydesk score FILE -f jsonl`` (``copydesk.app.execute``, output to
``os.devnull``), twice:

1. timed in CPU seconds (``time.process_time``, so other load on the machine does not
   count), without a profiler: each scorer's batch-pass hooks (``start``, ``observe``,
   ``merge``, ``finish``), ``segment`` and ``score`` are wrapped with timers (a
   ``score`` that returns a generator, or an Assessment of one, is consumed inside its
   timer, so its work is charged to the scorer, not to the core that reads it later),
   and so is the runner's batch pass, giving the split between the batch pass
   (scorers' hooks, and the core reading the input, building documents, cutting and
   pickling chunks), the scorers, and the core's own share of the scoring pass
   (reading JSONL, splitting text, segments, checking and relocating findings, building
   reports, scoring, JSON serialisation);
2. under cProfile (unless ``--no-profile``): the top functions by cumulative and by
   self time, and self time grouped by module.

A real run holds each batch pass in a keeper process, observes mapped passes and scores
articles in worker processes (:mod:`copydesk.keepers`, :class:`copydesk.pool.Pool`),
where neither the timers nor the profiler of this process can see. Both runs here make
the same calls in this process instead: the batch pass as the run does where it cannot
fork (:class:`copydesk.keepers.Held`, chunks observed here), and the scoring pass
through a stand-in for the pool that calls the runner's own ``work`` on each article
in order, with every check of the real run (``diagnosing`` stays off while scoring).

The core splits words lazily, on first use, so that cost lands on whichever scorer
asks first (the profile shows it as ``text.py``). Profiling inflates code with many
small calls, so take the split from the timed run and the rankings from the profile.

    .venv/bin/python scripts/profile_run.py --articles 500
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import os
import pstats
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

from bench import generate
from copydesk import runner as runner_module
from copydesk.app import RunOptions, execute
from copydesk.formats.writers import Output
from copydesk.manager import PluginSet, load_plugins
from copydesk.models import Assessment, Scorer, Segment
from copydesk.pool import Pool, Render
from copydesk.pool import _rendered as rendered
from copydesk.runner import Runner

REPO = Path(__file__).resolve().parents[1]
Timings = defaultdict[str, float]
#: CPU time, so other load on the machine does not count; looked up at call time (a test sets its own).
clock = time.process_time


def timed(
    key: str, function: Callable[..., Any], spent: Timings, eager: bool = False, lazy: bool = False
) -> Callable[..., Any]:
    """``function`` wrapped to add its time to ``spent[key]``.

    ``eager`` consumes an iterable result; ``lazy`` consumes one unless it is an
    Assessment (a scorer's ``score`` may return a generator of findings).
    """

    def wrapper(*args: Any) -> Any:
        started = clock()
        result = function(*args)
        if eager or (lazy and not isinstance(result, Assessment)):
            result = list(result)  # a generator's work happens here: charge it to the scorer, not the core
        elif lazy and not isinstance(result.findings, tuple | list):
            result = replace(result, findings=tuple(result.findings))  # an Assessment of a generator, likewise
        spent[key] += clock() - started
        return result

    return wrapper


def timed_scorer(scorer: Scorer, spent: Timings) -> Scorer:
    """A copy of ``scorer`` whose batch-pass hooks, segment and score add their time to ``spent``."""
    changes: dict[str, Any] = {"score": timed("score", scorer.score, spent, lazy=True)}
    if scorer.batch is not None:
        hooks = {
            name: timed("batch", hook, spent)
            for name in ("start", "observe", "merge", "finish")
            if (hook := getattr(scorer.batch, name)) is not None
        }
        changes["batch"] = replace(scorer.batch, **hooks)  # merge kept: mapped passes stay mapped
    if scorer.segment is not None:
        segment: Callable[..., Iterable[Segment]] = timed("segment", scorer.segment, spent, eager=True)
        changes["segment"] = segment
    return replace(scorer, **changes)


@contextmanager
def collector_time(spent: Timings) -> Iterator[None]:
    """Add the garbage collector's own time (every generation) to ``spent['gc']``."""
    started: list[float] = []

    def callback(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            started.append(clock())
        elif started:
            spent["gc"] += clock() - started.pop()

    gc.callbacks.append(callback)
    try:
        yield
    finally:
        gc.callbacks.remove(callback)


class HerePool:
    """Stands in for :class:`copydesk.pool.Pool`: each job done in this process, in order (no time limit)."""

    def __init__(self, runner: Runner, workers: int, timeout: float, render: Render | None = None) -> None:
        self.runner = runner
        self.render = render

    def run(self, jobs: Iterable[tuple[int, Any]], group: int = 1) -> Iterator[Any]:
        """The runner's ``work`` on each job, then its rendering, as a worker does them (``group`` changes nothing here)."""
        for index, item in jobs:
            yield rendered(self.runner.work(item, index, {}), self.render)


@contextmanager
def in_process(spent: Timings) -> Iterator[None]:
    """While active, runs make every call in this process, and the batch pass adds its time to ``spent["batch_pass"]``.

    The batch pass runs with ``diagnosing`` on, which holds each pass here
    (:class:`copydesk.keepers.Held`, the calls a keeper makes) and observes the chunks
    here, and changes nothing else in that pass; the scoring pass goes through
    :class:`HerePool`, ``diagnosing`` off.
    """
    original = Runner.batch_pass

    def here(self: Runner, *args: Any) -> None:
        self.diagnosing = True
        try:
            original(self, *args)
        finally:
            self.diagnosing = False

    setattr(Runner, "batch_pass", timed("batch_pass", here, spent))  # noqa: B010 (restored below)
    setattr(runner_module, "Pool", HerePool)  # noqa: B010 (restored below)
    try:
        yield
    finally:
        setattr(Runner, "batch_pass", original)  # noqa: B010
        setattr(runner_module, "Pool", Pool)  # noqa: B010


def score_file(path: Path, plugins: PluginSet) -> float:
    """``copydesk score PATH -f jsonl`` (within :func:`in_process`), output discarded; return wall seconds."""
    options = RunOptions(paths=[str(path)], outputs=(Output("jsonl"),), cwd=REPO, plugins=plugins)
    started = time.perf_counter()
    with open(os.devnull, "w", encoding="utf-8") as sink:
        code = execute(options, sink, lambda line: None)
    if code not in (0, 1):
        raise SystemExit(f"profile_run: the run exited {code}")
    return time.perf_counter() - started


def measure(path: Path, plugins: PluginSet) -> tuple[float, float, Timings]:
    """Run once with timers, all in this process: the run's CPU seconds (:data:`clock`), its wall seconds, the timings."""
    spent: Timings = defaultdict(float)
    plugins = replace(plugins, scorers=tuple((info, timed_scorer(s, spent)) for info, s in plugins.scorers))
    with in_process(spent), collector_time(spent):
        started = clock()
        wall = score_file(path, plugins)
        cpu = clock() - started
    return cpu, wall, spent


def split(path: Path, articles: int) -> None:
    """Run once with timers and print the batch pass / scorers / core split and the collector's share, in CPU time."""
    cpu, wall, spent = measure(path, load_plugins())
    scoring_pass = cpu - spent["batch_pass"]
    scorers = spent["segment"] + spent["score"]
    core_batch = spent["batch_pass"] - spent["batch"]
    rows = [
        ("whole run", cpu),
        ("batch pass", spent["batch_pass"]),
        ("  scorers' start, observe, merge, finish", spent["batch"]),
        ("  core (read input, documents, chunks)", core_batch),
        ("scoring pass", scoring_pass),
        ("  scorers' segment", spent["segment"]),
        ("  scorers' score", spent["score"]),
        ("  core (read, documents, findings, reports, JSON)", scoring_pass - scorers),
        ("core, both passes", core_batch + scoring_pass - scorers),
        ("garbage collector (inside all of the above)", spent["gc"]),
    ]
    print(
        f"timed run: {articles} articles, {cpu:.2f} CPU-s ({articles / cpu:.1f} articles per CPU-second), "
        f"{wall:.2f} s wall"
    )
    for label, seconds in rows:
        share, per_article = 100 * seconds / cpu, 1000 * seconds / articles
        print(f"  {label:50} {seconds:7.2f} s {share:5.1f} %  {per_article:6.2f} ms/article")


def module_of(filename: str) -> str:
    """A short name for where a function lives: ``core/text.py``, ``plugins/figures/__init__.py``, ``re``..."""
    path = Path(filename)
    for marker, label in (("/plugins/", "plugins"), ("/core/", "core"), ("/copydesk/", "core")):
        if marker in filename and "site-packages" not in filename:
            return f"{label}/{path.name}"
    if filename.startswith("~") or filename.startswith("<"):
        return "builtins"
    return path.stem if "python3" in filename else filename


def by_module(stats: pstats.Stats, top: int) -> None:
    """Print self time summed per module (builtins are C functions, e.g. ``re.finditer``)."""
    totals: defaultdict[str, float] = defaultdict(float)
    entries: dict[Any, Any] = stats.stats  # type: ignore[attr-defined]
    for (filename, _, _), (_, _, tottime, _, _) in entries.items():
        totals[module_of(filename)] += tottime
    whole = sum(totals.values())
    print(f"\nself time by module (profiled total {whole:.2f} s)")
    for name, seconds in sorted(totals.items(), key=lambda kv: -kv[1])[:top]:
        print(f"  {name:40} {seconds:7.2f} s {100 * seconds / whole:5.1f} %")


def profile(path: Path, top: int, save: Path | None) -> None:
    """Run under cProfile and print the top functions by cumulative and by self time."""
    plugins = load_plugins()
    profiler = cProfile.Profile()
    with in_process(defaultdict(float)):
        profiler.enable()
        wall = score_file(path, plugins)
        profiler.disable()
    if save is not None:
        profiler.dump_stats(save)
    print(f"\nprofiled run: {wall:.2f} s (profiler overhead included)")
    stats = pstats.Stats(profiler)
    stats.strip_dirs()
    for key in ("cumulative", "tottime"):
        print(f"\n== top {top} by {key}")
        stats.sort_stats(key).print_stats(top)
    by_module(pstats.Stats(profiler), top)


def main() -> None:
    """Parse arguments, generate the batch, run it timed and then profiled."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--top", type=int, default=15, help="rows per table")
    parser.add_argument("--no-profile", action="store_true", help="only the timed split")
    parser.add_argument("--save", type=Path, help="also write the raw profile here (for pstats or snakeviz)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "batch.jsonl"
        size = generate(path, args.articles)
        print(f"batch: {args.articles} articles, {size / 1e6:.1f} MB of JSONL")
        split(path, args.articles)
        if not args.no_profile:
            profile(path, args.top, args.save)


if __name__ == "__main__":
    main()

"""Time this checkout's core against another checkout's, in one process, article by article.

``scripts/bench_plugin_ab.py`` compares one scorer; this compares everything else: the
core's reading, documents and token stream, the runner's checks, stamping, order and
model, the JSONL report, the report's trip to the main process, and the main process's
tallies and writing. The other checkout's ``core/`` and ``plugins/`` are copied into a
temporary directory as the package ``copydesk_against`` (its imports renamed), and each
side opens ``copydesk score FILE -f jsonl`` as its own ``copydesk.app.execute`` does
(the seven built-in scorers and the formats loaded by hand, each side its own copy),
runs the batch pass in this process (as ``scripts/profile_run.py`` does), and then does
for each article what the run does, all in this process: a worker's ``work`` (the
record parsed, scored and reported) and rendering, the report and its text pickled
and unpickled, and the main process's tallies and writing (to memory).

The two sides take turns article by article (which goes first alternating by article and
by round), the garbage collector off; a first round warms up (data files read and
patterns compiled on first use). Each round prints both sides' CPU milliseconds per
article (``time.process_time``), for the whole and for the core alone (the whole less
the scorers' own hooks, timed around each call as ``profile_run.py`` does: a finding's
construction by ``Rule.finding`` counts as the scorer's), and the ratios this / against.
The two sides' reports are compared every round: a difference stops the script.

    .venv/bin/python scripts/bench.py --articles 1000 --generate /tmp/bench.jsonl
    .venv/bin/python scripts/bench_core_ab.py --against /work/main --file /tmp/bench.jsonl --rounds 6
    .venv/bin/python scripts/bench_core_ab.py --against /work/main --file FOLDER   # articles as text files
"""

from __future__ import annotations

import argparse
import gc
import importlib
import io
import pickle
import re
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from types import ModuleType
from typing import Any

clock = time.process_time
#: The built-in plugins, as the entry points name them, and their modules under the package.
BUILTINS = {
    "formats": "formats",
    "reporters": "formats.streams",
    "readability": "plugins.readability",
    "hedging": "plugins.hedging",
    "figures": "plugins.figures",
    "boilerplate": "plugins.boilerplate",
    "truncation": "plugins.truncation",
    "sourcing": "plugins.sourcing",
    "style": "plugins.style",
}
#: ``copydesk`` as a module path in the other checkout's sources (not ``copydesk.toml``, a file name).
_MODULE_PATH = re.compile(r"\bcopydesk(?=\.(?!toml\b)[A-Za-z_])|(?<=from )copydesk(?= import)|(?<=import )copydesk\b")
_RESOURCE = re.compile(r"""files\((["'])copydesk\1\)""")


def other_package(checkout: Path, into: Path) -> str:
    """The other checkout's ``core`` (with its ``plugins``) copied into ``into`` as ``copydesk_against``; its name."""
    name = "copydesk_against"
    copy = into / name
    shutil.copytree(checkout / "core", copy, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(checkout / "plugins", copy / "plugins", ignore=shutil.ignore_patterns("__pycache__"))
    for path in copy.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        text = _RESOURCE.sub(f'files("{name}")', _MODULE_PATH.sub(name, text))
        path.write_text(text, encoding="utf-8")
    sys.path.insert(0, str(into))
    return name


@dataclass
class Side:
    """One checkout's package and what a timed run needs of it."""

    name: str
    package: str

    def module(self, path: str) -> ModuleType:
        """The package's module ``path`` (dotted, under the package)."""
        return importlib.import_module(f"{self.package}.{path}")

    def plugins(self) -> Any:
        """The built-in plugins loaded by hand, in entry-point order."""
        extra = [(name, self.module(path)) for name, path in BUILTINS.items()]
        return self.module("manager").load_plugins(extra=extra, entry_points=False)


Timings = defaultdict[str, float]


def timed(function: Callable[..., Any], spent: Timings, assessment: type, lazy: bool = False) -> Callable[..., Any]:
    """``function`` wrapped to add its CPU time to ``spent["scorers"]`` (a lazy result consumed inside, as profile_run does)."""

    def wrapper(*args: Any) -> Any:
        started = clock()
        result = function(*args)
        if lazy and not isinstance(result, assessment):
            result = list(result)
        elif lazy and not isinstance(result.findings, tuple | list):
            result = replace(result, findings=tuple(result.findings))
        spent["scorers"] += clock() - started
        return result

    return wrapper


def timed_scorer(scorer: Any, spent: Timings, assessment: type) -> Any:
    """A copy of ``scorer`` whose batch-pass hooks, segment and score add their time to ``spent``."""
    changes: dict[str, Any] = {"score": timed(scorer.score, spent, assessment, lazy=True)}
    if scorer.batch is not None:
        hooks = {
            name: timed(hook, spent, assessment)
            for name in ("start", "observe", "merge", "finish")
            if (hook := getattr(scorer.batch, name)) is not None
        }
        changes["batch"] = replace(scorer.batch, **hooks)
    if scorer.segment is not None:
        segment = scorer.segment
        changes["segment"] = timed(lambda *args: list(segment(*args)), spent, assessment)
    return replace(scorer, **changes)


class Prepared:
    """One side's run of ``copydesk score FILE -f jsonl``, opened as ``copydesk.app.execute`` opens it, its batch pass done.

    :meth:`article` then does what the run does for one article, all in this process: a
    worker's ``work`` (the record parsed, scored and reported) and rendering, the report
    and its text pickled to the main process and back, and the main process's tallies and
    writing. The scoring pass's order of calls is the run's, so two sides can take turns
    article by article.
    """

    def __init__(self, side: Side, plugins: Any, path: Path) -> None:
        self.side = side
        self.app = app = side.module("app")
        self.spent: Timings = defaultdict(float)
        assessment = side.module("models").Assessment
        scorers = tuple((info, timed_scorer(s, self.spent, assessment)) for info, s in plugins.scorers)
        self.options = app.RunOptions(
            paths=[str(path)],
            outputs=(side.module("formats.writers").Output("jsonl"),),
            plugins=replace(plugins, scorers=scorers),
        )
        self.session = app._opened(self.options)
        self.runner = self.session.runner
        batch = side.module("sources").Batch([str(path)], self.session.config.sources)
        self.runner.diagnosing = True  # the batch pass held here (keepers.Held), chunks observed here
        try:
            self.runner.batch_pass(iter(batch))
        finally:
            self.runner.diagnosing = False
        self.items = list(batch.deferred())
        self.restart()

    def restart(self) -> None:
        """New writers and tallies, for another pass over the articles."""
        app, config = self.app, self.session.config
        info = app.run_info(self.session.plugins, list(self.options.paths), self.options, self.session)
        self.sink = io.StringIO()
        self.outputs = side_outputs = self.side.module("formats.writers").Outputs(
            self.options.outputs, self.session.plugins, info, self.sink, lambda line: None
        )
        self.tally = app.Tally()
        self.ledger = app.Ledger.from_table(config.rollup, False, keep_rows=False)
        self.gate = app.Gate(app.GateSettings.from_table(config.gate))
        self.render = app._worker_render(side_outputs, self.ledger.keep_rows)
        self.spent.clear()

    def article(self, index: int) -> None:
        """Score, render and write the article at ``index`` as a run does."""
        result = self.side.module("pool")._rendered(self.runner.work(self.items[index], index, {}), self.render)
        result = pickle.loads(pickle.dumps([result], pickle.HIGHEST_PROTOCOL))[0]  # a worker's send, the run's receive
        report, pieces = result.report, self.outputs.unrendered(result.text)
        self.tally.observe(report, _ignored)
        judged = self.app._judged(report, self.gate, None, False)
        self.ledger.add(judged)
        self.outputs.add_rendered(pieces)


def _ignored(line: str) -> None:
    """Standard error, not written."""


def rounds(sides: list[Side], path: Path, count: int) -> None:
    """``count`` rounds over every article, the two sides taking turns article by article, the garbage collector off.

    Which side goes first alternates by article and by round. Each round prints both
    sides' CPU ms per article, whole and core alone, and the ratios this / against.
    """
    prepared = {side.name: Prepared(side, side.plugins(), path) for side in sides}
    articles = len(prepared["this"].items)
    if articles != len(prepared["against"].items):
        raise SystemExit("bench_core_ab: the two sides read different numbers of articles")
    gc.disable()
    try:
        for number in range(-1, count):  # round -1 warms up (data files read and patterns compiled on first use)
            cpu = {name: 0.0 for name in prepared}
            for one in prepared.values():
                one.restart()
            for k in range(articles):
                for name in ("this", "against") if (k + number) % 2 else ("against", "this"):
                    started = clock()
                    prepared[name].article(k)
                    cpu[name] += clock() - started
                if k % 64 == 63:
                    gc.collect()
            if prepared["this"].sink.getvalue() != prepared["against"].sink.getvalue():
                raise SystemExit(f"bench_core_ab: round {number}: the two sides' reports differ")
            if number < 0:
                continue
            ms = {name: 1000 * cpu[name] / articles for name in prepared}
            core = {name: ms[name] - 1000 * prepared[name].spent["scorers"] / articles for name in prepared}
            print(
                f"round {number}: whole {ms['against']:.3f} -> {ms['this']:.3f} ms, ratio {ms['this'] / ms['against']:.3f};"
                f" core {core['against']:.3f} -> {core['this']:.3f} ms, ratio {core['this'] / core['against']:.3f}",
                flush=True,
            )
    finally:
        gc.enable()


def main() -> None:
    """Parse arguments, copy the other checkout, run the rounds."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", type=Path, required=True, help="the other checkout (its core/ and plugins/)")
    parser.add_argument(
        "--file", type=Path, required=True, help="a JSONL batch (scripts/bench.py --generate), or a folder of articles"
    )
    parser.add_argument("--articles", type=int, default=0, help="only the first N lines of a JSONL --file (0: all)")
    parser.add_argument("--rounds", type=int, default=6)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as into:
        path = args.file
        if args.articles and path.is_file():
            lines = path.read_text(encoding="utf-8").splitlines(keepends=True)[: args.articles]
            path = Path(into) / "batch.jsonl"
            path.write_text("".join(lines), encoding="utf-8")
        sides = [Side("against", other_package(args.against.resolve(), Path(into))), Side("this", "copydesk")]
        rounds(sides, path, args.rounds)


if __name__ == "__main__":
    main()

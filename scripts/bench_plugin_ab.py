"""Time this checkout's copy of a built-in scorer against another checkout's, in one process, article by article.

On a shared machine two runs of ``scripts/bench_scorers.py`` one after the other see
different load (its regex yardstick moves by a third between runs here), which hides a
change of 10 %. This script copies the other checkout's ``plugins/NAME`` (``--plugin``,
default ``boilerplate``) into a temporary directory as a package of another name, then
runs both on the same batch as ``bench_scorers.py`` builds it (1,000 articles of the
shared data; the seeds without it): the batch pass's ``observe`` (a scorer with a
``batch`` pass: its :class:`~copydesk.models.BatchPass`) and then ``segment`` (where it has one) and ``score`` of each article, alternating which one
goes first, so both see the same load. Each gets its own documents (token streams built
before timing, as ``bench_scorers.py`` charges them to the core) and the core's shared
``Anchored`` word index is emptied before each article, so each pays for it as the
first scorer of a run does (with ``--indexed`` it is built before the timing instead, as
when another scorer asked first; both packages share the core, so it holds the words of
both). ``finish`` is timed once each. CPU milliseconds per article.

    .venv/bin/python scripts/bench_plugin_ab.py --against /work/main [--articles 1000] [--runs 2]
    .venv/bin/python scripts/bench_plugin_ab.py --against /work/main --rounds 8   # each round's ratio
    .venv/bin/python scripts/bench_plugin_ab.py --against OTHER --plugin hedging --rounds 8
    .venv/bin/python scripts/bench_plugin_ab.py --against OTHER --plugin style --rounds 6 --indexed

``--batch FILE`` times a JSONL file's articles instead (``id``, ``title``, ``text``, as
``copydesk score`` reads them), for instance the finding-rich batch that
``scripts/bench.py --generate FILE`` writes.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import shutil
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType
from typing import Any

import bench_scorers
import corpora
from copydesk import measures
from copydesk.models import Article, BatchPass, Context
from copydesk.text import Document

clock = time.process_time


def other_package(checkout: Path, into: Path, plugin: str) -> ModuleType:
    """The other checkout's ``plugin``, imported as ``PLUGIN_against`` from a copy in ``into``."""
    name = f"{plugin}_against"
    copy = into / name
    shutil.copytree(checkout / "plugins" / plugin, copy, ignore=shutil.ignore_patterns("__pycache__"))
    for path in copy.glob("*.py"):
        path.write_text(path.read_text(encoding="utf-8").replace(f"copydesk.plugins.{plugin}", name), "utf-8")
    sys.path.insert(0, str(into))
    return importlib.import_module(name)


def file_article(row: dict[str, Any]) -> Article:
    """The article of one JSONL record (``id``, ``title``, ``text``, optional ``url``)."""
    return Article(
        id=str(row["id"]), title=str(row.get("title", "")), body=str(row.get("text", "")), url=row.get("url")
    )


def settings_of(plugin: ModuleType) -> dict[str, Any]:
    """The default settings of the one scorer ``plugin`` provides."""
    (scorer,) = plugin.copydesk_scorers()
    return dict(scorer.settings)


def batch_of(plugin: ModuleType) -> BatchPass | None:
    """The batch pass of the one scorer ``plugin`` provides, if it has one."""
    (scorer,) = plugin.copydesk_scorers()
    return scorer.batch


def documents(batch: list[Article]) -> list[Document]:
    """Each article's document with its token streams built."""
    out = []
    for article in batch:
        document = Document.from_article(article)
        _ = document.body.tokens.forms, document.title.tokens.forms
        out.append(document)
    return out


Timings = dict[str, list[float]]


def batch_pass(
    plugins: dict[str, ModuleType], batch: list[Article], settings: dict[str, Any]
) -> tuple[Timings, dict[str, Any]]:
    """``observe`` of every article by each plugin, alternating which goes first; then each one's ``finish``.

    Returns the timings (observe, finish, then room for segment and score) and each plugin's statistics.
    """
    spent = {name: [0.0, 0.0, 0.0, 0.0] for name in plugins}  # observe, finish, segment, score
    passes = {name: batch_of(plugin) for name, plugin in plugins.items()}
    if any(batch_pass is None for batch_pass in passes.values()):  # no batch pass
        return spent, dict.fromkeys(plugins)
    states: dict[str, Any] = {name: batch_pass.start(settings) for name, batch_pass in passes.items()}  # type: ignore[union-attr]
    docs = {name: documents(batch) for name in plugins}
    names = list(plugins)
    for k in range(len(batch)):
        for name in names if k % 2 else names[::-1]:
            started = clock()
            passes[name].observe(states[name], docs[name][k])  # type: ignore[union-attr]
            spent[name][0] += clock() - started
    for name, batch_pass in passes.items():
        started = clock()
        states[name] = batch_pass.finish(states[name])  # type: ignore[union-attr]
        spent[name][1] += clock() - started
    return spent, states


def scoring_pass(
    plugins: dict[str, ModuleType], batch: list[Article], settings: dict[str, Any], runs: int, indexed: bool = False
) -> Timings:
    """The batch pass, then ``segment`` and ``score`` of every article by each plugin, alternating, ``runs`` times.

    :param indexed: build each article's shared word index before the timing (else each plugin pays for it).
    """
    spent, stats = batch_pass(plugins, batch, settings)
    contexts = {name: Context(settings=settings, batch=stats[name]) for name in plugins}
    docs = {name: documents(batch) for name in plugins}
    names = list(plugins)
    for run in range(runs):
        for k in range(len(batch)):
            for name in names if (k + run) % 2 else names[::-1]:
                measures._word_index.cache_clear()
                document, plugin = docs[name][k], plugins[name]
                if indexed:
                    measures._word_index(document.body)
                started = clock()
                segments = list(plugin.segment(document, contexts[name])) if hasattr(plugin, "segment") else []
                spent[name][2] += (clock() - started) / runs
                marked = document.with_segments(segments) if segments else document
                started = clock()
                plugin.score(marked, contexts[name])
                spent[name][3] += (clock() - started) / runs
    return spent


def rounds(
    plugins: dict[str, ModuleType], batch: list[Article], settings: dict[str, Any], count: int, indexed: bool = False
) -> None:
    """``count`` rounds of the batch and scoring passes (one scoring pass each), the garbage collector off.

    Which plugin goes first alternates by round as well as by article; each round prints
    both plugins' CPU ms per article and the ratio this / against (of the total and of
    ``observe``, ``finish`` and ``segment`` + ``score``), so a gain can be checked round by round.
    """
    gc.disable()
    try:
        for number in range(count):
            names = list(plugins) if number % 2 == 0 else list(plugins)[::-1]
            spent = scoring_pass({name: plugins[name] for name in names}, batch, settings, 1, indexed)
            gc.collect()
            ms = {name: [1000 * value / len(batch) for value in spent[name]] for name in plugins}
            old, new = ms["against"], ms["this"]
            parts = ", ".join(
                f"{part} {new[i] / old[i]:.3f}" for i, part in ((0, "observe"), (1, "finish")) if old[i] > 0
            )
            parts += f"{', ' if parts else ''}segment + score {(new[2] + new[3]) / (old[2] + old[3]):.3f}"
            print(
                f"round {number}: against {sum(old):.3f} this {sum(new):.3f} ms, ratio {sum(new) / sum(old):.3f}"
                f" ({parts})",
                flush=True,
            )
    finally:
        gc.enable()


def main() -> None:
    """Parse arguments, build the batch, time both plugins, print CPU ms per article."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", type=Path, required=True, help="the other checkout (its plugins/PLUGIN)")
    parser.add_argument("--plugin", default="boilerplate", help="the built-in scorer's package (default boilerplate)")
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=2, help="scoring passes over the batch (default 2)")
    parser.add_argument("--rounds", type=int, default=0, help="instead: this many rounds, each one's ratio printed")
    parser.add_argument("--data", type=Path, default=corpora.DATA)
    parser.add_argument("--indexed", action="store_true", help="build the shared word index before each timing")
    parser.add_argument("--batch", type=Path, help="instead: the articles of this JSONL file (id, title, text)")
    args = parser.parse_args()
    if args.batch:
        batch = [file_article(row) for row in corpora.rows(args.batch)][: args.articles]
    else:
        texts = bench_scorers.shared_texts(args.data) or bench_scorers.seed_texts()
        batch = list(bench_scorers.articles(texts, args.articles))
    this = importlib.import_module(f"copydesk.plugins.{args.plugin}")
    settings = settings_of(this)
    with tempfile.TemporaryDirectory() as into:
        plugins = {"against": other_package(args.against.resolve(), Path(into), args.plugin), "this": this}
        if args.rounds:
            rounds(plugins, batch, settings, args.rounds, args.indexed)
            return
        spent = scoring_pass(plugins, batch, settings, args.runs, args.indexed)
    print(f"{'tree':8} {'observe':>8} {'finish':>8} {'segment':>8} {'score':>8} {'total':>8}  (CPU ms per article)")
    for name in plugins:
        ms = [1000 * value / len(batch) for value in spent[name]]
        print(f"{name:8} " + " ".join(f"{value:8.3f}" for value in ms) + f" {sum(ms):8.3f}")


if __name__ == "__main__":
    main()

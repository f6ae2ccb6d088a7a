"""Measure the memory of the boilerplate scorer's batch pass on generated articles.

Generates N articles (default 100,000) one at a time, never holding them: random prose
from a 5,000-word vocabulary, one in ten with content-farm furniture lines, one in a
hundred a near copy of the one before, headlines with and without stock frames. Runs the
batch pass (``start``/``observe``/``finish``) exactly as the runner does, then prints the
peak resident set size (getrusage; with ``--tracemalloc`` also the peak of Python
allocations during the pass, which is about eight times slower), the size of the state's arrays, what ``finish`` found, and articles/second.

    .venv/bin/python scripts/bench_boilerplate_memory.py [--articles 100000] [--tracemalloc]
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
import tracemalloc
from collections.abc import Iterator

import numpy as np
from copydesk.models import Article
from copydesk.plugins import boilerplate
from copydesk.plugins.boilerplate import batch as batch
from copydesk.text import Document

FURNITURE = [
    "by Chief Editor",
    "Did you know? Many cities now publish open data.",
    "You may also like",
    "Leave a Comment",
]
FRAMES = ["The Shifting Sands of {}", "{}: What It Means for You", "Inside the {} Debate", "{} Explained"]


def articles(count: int, seed: int = 2024) -> Iterator[Article]:
    """Generate ``count`` articles deterministically, one at a time."""
    rng = np.random.default_rng(seed)
    vocab = np.array([f"word{i}" for i in range(5000)])
    previous = ""
    for index in range(count):
        words = vocab[rng.integers(0, len(vocab), size=200)]
        sentences = [" ".join(words[i : i + 15]).capitalize() + "." for i in range(0, 195, 15)]
        paragraphs = [" ".join(sentences[i : i + 3]) for i in range(0, len(sentences), 3)]
        topic = " ".join(words[:3]).title()
        title = FRAMES[index % len(FRAMES)].format(topic) if index % 3 == 0 else topic + " " + words[4]
        lines = (FURNITURE[:1] + paragraphs + FURNITURE[1:]) if index % 10 == 0 else paragraphs
        body = "\n\n".join(lines)
        if index % 100 == 1 and previous:
            body = previous.replace("word1 ", "changed ", 1)
        previous = body
        yield Article(id=f"gen-{index:06d}", title=title, body=body)


def run(count: int) -> tuple[batch.BatchStats, batch._State, float]:
    """Run the batch pass over ``count`` generated articles."""
    settings = dict(boilerplate.SCORER.settings)
    started = time.perf_counter()
    state = batch.start(settings)
    for item in articles(count):
        batch.observe(state, Document.from_article(item))
    stats = batch.finish(state)
    return stats, state, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--tracemalloc", action="store_true", help="also trace Python allocations (about 8x slower)")
    args = parser.parse_args()
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if args.tracemalloc:
        tracemalloc.start()
    stats, state, seconds = run(args.articles)
    traced = tracemalloc.get_traced_memory()[1] if args.tracemalloc else 0
    tracemalloc.stop()
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    held = len(state.store._records)  # rows still in memory; the rest are in the store's unnamed files
    sigs = held * 4 * 64
    ids = sum(sys.getsizeof(i) + len(raw) for i, raw in state.store._records)
    print(f"articles: {args.articles:,}  batch pass: {seconds:.1f} s  ({args.articles / seconds:,.0f} articles/second)")
    if traced:
        print(f"peak Python allocations during the pass (tracemalloc): {traced / 2**20:.1f} MiB")
    print(f"peak RSS: {rss_after / 1024:.1f} MiB (before the pass: {rss_before / 1024:.1f} MiB)")
    print(
        f"state: {len(state.counter.keys):,} distinct hashes in memory ({(state.counter.keys.nbytes + state.counter.counts.nbytes) / 2**20:.1f} MiB), "
        f"{sum(n for _, n in state.counter._runs):,} in {len(state.counter._runs)} sorted runs on disk, "
        f"rows in memory {held:,} of {state.store.count:,}: signatures {sigs / 2**20:.1f} MiB, ids and hashes {ids / 2**20:.1f} MiB"
    )
    print(f"finish: {len(stats.keys):,} hashes in >= 2 articles, {len(stats.near):,} articles with a near duplicate")


if __name__ == "__main__":
    main()

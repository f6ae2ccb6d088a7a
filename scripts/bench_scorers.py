"""Benchmark each built-in scorer: milliseconds per article in batch, segment and score.

Builds a batch from the seed articles (each copy's body lines shuffled with a fixed
seed) plus, when the shared data is present, the intact BBC texts of the truncation
set; runs it through :class:`copydesk.runner.Runner` with every installed plugin and
the packaged default configuration, and prints per-scorer milliseconds per article:
the batch pass (``observe``), ``segment`` and ``score`` (``ScorerResult.seconds``).
``--dump PATH`` writes every finding (code, start, end, message) of every article as
JSON, so two runs can be compared byte for byte.

The core splits each field into words lazily, on first use, so that cost would land on
whichever scorer asks first; the bench splits every document's words as it is built and
shows that as the ``core`` row (``--lazy-words`` leaves it to the scorers).

    .venv/bin/python scripts/bench_scorers.py --seeds 300 --bbc 300 --dump /tmp/before.json
"""

from __future__ import annotations

import argparse
import json
import random
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

import corpora
from copydesk import runner as runner_module
from copydesk.config import load_config
from copydesk.manager import load_plugins
from copydesk.models import Article, ArticleReport, BatchPass, Scorer, Segment
from copydesk.runner import Runner
from copydesk.text import Document

REPO = Path(__file__).resolve().parents[1]
Timings = defaultdict[str, float]


def seed_articles(count: int, seed: int = 7) -> list[Article]:
    """``count`` articles built from the seeds, body lines shuffled with a fixed seed."""
    rng = random.Random(seed)
    seeds = [p.read_text(encoding="utf-8").split("\n") for p in sorted((REPO / "seeds").glob("*.txt"))]
    articles = []
    for i in range(count):
        lines = list(seeds[i % len(seeds)])
        title, body = lines[0], lines[1:]
        rng.shuffle(body)
        articles.append(Article(id=f"seed-{i}", title=f"{title} #{i}", body="\n".join(body)))
    return articles


def bbc_articles(data: Path, count: int) -> list[Article]:
    """Up to ``count`` intact BBC texts from the truncation pairs, or none if absent."""
    path = data / "truncation" / "bbc_truncation_pairs.jsonl"
    if not path.is_file() or count <= 0:
        return []
    articles: list[Article] = []
    with path.open(encoding="utf-8") as rows:
        for row in map(json.loads, rows):
            if row["id"].endswith(":intact"):
                articles.append(Article(id=row["id"], title="", body=row["text"]))
            if len(articles) >= count:
                break
    return articles


def timed_observe(prefix: str, observe: Callable[[Any, Document], None], spent: Timings) -> Callable[..., None]:
    """``observe`` wrapped to add its time to ``spent[prefix]``."""

    def wrapper(state: Any, document: Document) -> None:
        started = time.perf_counter()
        observe(state, document)
        spent[prefix] += time.perf_counter() - started

    return wrapper


def timed_segment(
    prefix: str, segment: Callable[[Document, Any], Iterable[Segment]], spent: Timings
) -> Callable[..., list[Segment]]:
    """``segment`` wrapped to add its time to ``spent[prefix]`` (consumed eagerly)."""

    def wrapper(document: Document, context: Any) -> list[Segment]:
        started = time.perf_counter()
        found = list(segment(document, context))
        spent[prefix] += time.perf_counter() - started
        return found

    return wrapper


def instrument(runner: Runner, batch: Timings, segment: Timings) -> None:
    """Replace each active scorer's batch observe and segmenter with timed wrappers."""
    active = []
    for a in runner.active:
        scorer: Scorer = a.scorer
        if scorer.batch is not None:
            observe = timed_observe(scorer.prefix, scorer.batch.observe, batch)
            scorer = replace(scorer, batch=BatchPass(scorer.batch.start, observe, scorer.batch.finish))
        if scorer.segment is not None:
            scorer = replace(scorer, segment=timed_segment(scorer.prefix, scorer.segment, segment))
        active.append(replace(a, scorer=scorer))
    runner.active = tuple(active)


@contextmanager
def words_first(spent: Timings) -> Iterator[None]:
    """While active, the runner's documents have their words split on creation, timed as ``core``."""

    class Eager(Document):
        @classmethod
        def from_article(cls, article: Article) -> Document:
            document = Document.from_article(article)
            started = time.perf_counter()
            _ = document.body.words, document.title.words
            spent["core"] += time.perf_counter() - started
            return document

    setattr(runner_module, "Document", Eager)  # noqa: B010 (the runner looks the class up at call time)
    try:
        yield
    finally:
        setattr(runner_module, "Document", Document)  # noqa: B010


def dump(reports: list[ArticleReport], path: Path) -> None:
    """Write every finding of every article, in report order, as sorted JSON."""
    rows = {r.id: [[f.code, f.start, f.end, f.message] for s in r.scorers for f in s.findings] for r in reports}
    path.write_text(json.dumps(rows, indent=0, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")


def run(articles: list[Article], lazy_words: bool = False) -> tuple[list[ArticleReport], Timings, Timings, float]:
    """Batch pass then score every article; return reports, batch and segment time, wall time.

    Unless ``lazy_words``, the core's word split is timed apart, in ``batch["core"]`` and
    ``segment["core"]`` (the batch pass and the scoring pass each build their documents).
    """
    runner = Runner(load_plugins(), load_config(discover=False))
    batch: Timings = defaultdict(float)
    segment: Timings = defaultdict(float)
    instrument(runner, batch, segment)
    started = time.perf_counter()
    if lazy_words:
        runner.batch_pass(articles)
        reports = [runner.score(article, i) for i, article in enumerate(articles)]
    else:
        with words_first(batch):
            runner.batch_pass(articles)
        with words_first(segment):
            reports = [runner.score(article, i) for i, article in enumerate(articles)]
    return reports, batch, segment, time.perf_counter() - started


def table(reports: list[ArticleReport], batch: Timings, segment: Timings) -> None:
    """Print per-scorer milliseconds per article."""
    n = len(reports)
    score: Timings = defaultdict(float)
    failed: defaultdict[str, int] = defaultdict(int)
    for report in reports:
        for result in report.scorers:
            score[result.prefix] += result.seconds
            failed[result.prefix] += result.error is not None
    print(f"{'scorer':8} {'batch':>8} {'segment':>8} {'score':>8} {'total':>8}  (ms/article)  failed")
    for prefix in sorted(score) + (["core"] if "core" in batch else []):
        parts = [1000 * t[prefix] / n for t in (batch, segment, score)]
        print(f"{prefix:8} {parts[0]:8.3f} {parts[1]:8.3f} {parts[2]:8.3f} {sum(parts):8.3f}  {failed[prefix]:14d}")


def main() -> None:
    """Parse arguments, build the batch, run it, print timings, optionally dump findings."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=300, help="articles built from the seeds")
    parser.add_argument("--bbc", type=int, default=300, help="intact BBC texts, if the data is present")
    parser.add_argument("--data", type=Path, default=corpora.DATA)
    parser.add_argument("--dump", type=Path, help="write every finding to this JSON file")
    parser.add_argument("--lazy-words", action="store_true", help="leave the core's word split to the scorers")
    args = parser.parse_args()
    articles = seed_articles(args.seeds) + bbc_articles(args.data, args.bbc)
    reports, batch, segment, wall = run(articles, args.lazy_words)
    words = sum(r.words for r in reports) / max(len(reports), 1)
    print(f"batch: {len(articles)} articles, {words:.0f} words on average")
    table(reports, batch, segment)
    print(f"wall: {wall:.2f} s, {len(articles) / wall:.0f} articles/s (batch pass + score, all scorers)")
    if args.dump is not None:
        dump(reports, args.dump)
        print(f"findings: {sum(len(r.findings) for r in reports)} written to {args.dump}")


if __name__ == "__main__":
    main()

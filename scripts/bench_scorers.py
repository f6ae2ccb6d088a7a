"""Benchmark each built-in scorer and the core in CPU time, against a one-regex pass.

Builds a batch of 3-8 KB articles: the reliability and intact BBC texts of the shared
data whose body is that size, and, to reach ``--articles``, copies of them with their
sentences shuffled with a fixed seed (the seeds stand in when the data is absent).
Runs it through :class:`copydesk.runner.Runner` (batch pass, then every article) with
every installed plugin and the packaged default configuration, all in this process, and
measures CPU time (``time.process_time``), never wall time, so other load on the
machine does not count. A real run holds each batch pass in a keeper process and
observes mapped passes in workers (:mod:`copydesk.keepers`, :mod:`copydesk.batchpass`),
where this process's clock cannot see them; here the runner makes the same calls in
this process instead (as it does where it cannot fork), so they are measured. In the same run it times one ``\\w+`` regex pass over the same
articles (title and body, every match consumed) as the yardstick: an article's bare
minimum of Python work.

For each scorer (``batch``: its batch-pass ``start``, ``observe``, ``merge`` and
``finish``; ``segment``; ``score``), for the
``core`` (building each article's :class:`~copydesk.text.Document` and its token stream
with its lower-cased forms, forced eagerly so the cost is not charged to whichever scorer
asks first; ``view.words``, derived on demand and read by no built-in scorer, only on a
copydesk before the token stream), and for the
``runner`` (everything else: chunking and pickling the batch pass's states, containment
checks, the model, the report), it prints CPU
milliseconds per article, articles per CPU-second, and the ratio ``x regex`` (how many
regex passes the same CPU time would buy). The ``all`` row is the whole run.

To measure another checkout of copydesk with the same script (the main branch before
the token stream, say), put a copy of its ``core`` as ``copydesk`` with ``plugins``
inside it on ``PYTHONPATH``, ahead of the installed one.

The batch is generated twice (batch pass, scoring pass), never held in memory, so
``--large`` (100,000 articles) runs in bounded memory. ``--dump PATH`` writes every
finding (code, start, end, message) of every article as JSON, so two runs can be
compared byte for byte.

    .venv/bin/python scripts/bench_scorers.py                # 1,000 articles
    .venv/bin/python scripts/bench_scorers.py --large        # 100,000 articles
"""

from __future__ import annotations

import argparse
import json
import random
import re
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

import corpora
from copydesk import batchpass, keepers
from copydesk import runner as runner_module
from copydesk.config import load_config
from copydesk.manager import load_plugins
from copydesk.models import Article, ArticleReport, Scorer
from copydesk.runner import Runner
from copydesk.text import Document

REPO = Path(__file__).resolve().parents[1]
SMALLEST, LARGEST = 3000, 8000
REGEX = re.compile(r"\w+")
Timings = defaultdict[str, float]
clock = time.process_time


def shared_texts(data: Path) -> list[tuple[str, str]]:
    """``(title, body)`` of every reliability and intact BBC text with a 3-8 KB body."""
    texts: list[tuple[str, str]] = []
    sources = [*sorted((data / "reliability").glob("*.jsonl")), data / "truncation" / "bbc_truncation_pairs.jsonl"]
    for path in sources:
        if not path.is_file():
            continue
        for row in corpora.rows(path):
            if str(row.get("id", "")).endswith(":truncated"):
                continue
            body = str(row.get("text", ""))
            if SMALLEST <= len(body.encode("utf-8")) <= LARGEST:
                texts.append((str(row.get("title", "")), body))
    return texts


def seed_texts() -> list[tuple[str, str]]:
    """``(title, body)`` of each seed article."""
    out = []
    for path in sorted((REPO / "seeds").glob("*.txt")):
        title, _, body = path.read_text(encoding="utf-8").partition("\n")
        out.append((title, body))
    return out


def articles(texts: list[tuple[str, str]], count: int, seed: int = 7) -> Iterator[Article]:
    """``count`` articles: the texts as they are, then copies with their sentences shuffled."""
    rng = random.Random(seed)
    for i in range(count):
        title, body = texts[i % len(texts)]
        if i >= len(texts):
            lines = body.split("\n")
            rng.shuffle(lines)
            if len(lines) < 4:
                parts = re.split(r"(?<=[.!?]) ", body)
                rng.shuffle(parts)
                lines = [" ".join(parts)]
            body = "\n".join(lines)
        yield Article(id=f"bench-{i}", title=title, body=body)


def regex_pass(batch: Iterable[Article]) -> tuple[int, float]:
    """Articles and CPU seconds of one ``\\w+`` pass (every match consumed) over title and body."""
    started, n = clock(), 0
    for article in batch:
        for _ in REGEX.finditer(article.title):
            pass
        for _ in REGEX.finditer(article.body):
            pass
        n += 1
    return n, clock() - started


def timed(key: str, function: Callable[..., Any], spent: Timings, eager: bool = False) -> Callable[..., Any]:
    """``function`` wrapped to add its CPU time to ``spent[key]`` (its result listed if ``eager``)."""

    def wrapper(*args: Any) -> Any:
        started = clock()
        result = function(*args)
        if eager:
            result = list(result)
        spent[key] += clock() - started
        return result

    return wrapper


def instrument(runner: Runner, spent: dict[str, Timings]) -> None:
    """Replace each active scorer's batch-pass hooks, segment and score with CPU-timed wrappers."""
    active = []
    for a in runner.active:
        scorer: Scorer = a.scorer
        if scorer.batch is not None:
            batch = scorer.batch
            hooks = {
                name: timed(scorer.prefix, hook, spent["batch"])
                for name in ("start", "observe", "merge", "finish")
                if (hook := getattr(batch, name)) is not None
            }
            scorer = replace(scorer, batch=replace(batch, **hooks))
        if scorer.segment is not None:
            scorer = replace(scorer, segment=timed(scorer.prefix, scorer.segment, spent["segment"], eager=True))
        scorer = replace(scorer, score=timed(scorer.prefix, scorer.score, spent["score"]))
        active.append(replace(a, scorer=scorer))
    runner.active = tuple(active)


@contextmanager
def eager_documents(spent: Timings) -> Iterator[None]:
    """While active, the runner's documents are built with their token stream, timed as ``core``."""

    class Eager(Document):
        @classmethod
        def from_article(cls, article: Article) -> Document:
            started = clock()
            document = Document.from_article(article)
            for view in (document.title, document.body):
                tokens = getattr(view, "tokens", None)  # None on a copydesk before the token stream
                _ = view.words if tokens is None else tokens.forms
            spent["core"] += clock() - started
            return document

    modules = (runner_module, batchpass, keepers)  # each looks the class up at call time
    for module in modules:
        setattr(module, "Document", Eager)  # noqa: B010
    try:
        yield
    finally:
        for module in modules:
            setattr(module, "Document", Document)  # noqa: B010


@contextmanager
def batch_pass_here(runner: Runner) -> Iterator[None]:
    """While active, ``runner``'s batch pass makes its keepers' and workers' calls in this process.

    ``diagnosing`` (the conformance suite's switch) holds each pass in this process
    (:class:`copydesk.keepers.Held`, the calls a keeper makes) and observes the mapped
    passes' chunks here; in the batch pass it changes where the calls run, not what they
    compute. It is off again for the scoring pass, whose checks it would change.
    """
    runner.diagnosing = True
    try:
        yield
    finally:
        runner.diagnosing = False


def run(batch: Callable[[], Iterator[Article]], dump: Path | None) -> tuple[int, float, int, dict[str, Timings]]:
    """Batch pass then score every article; return articles, CPU seconds, words, and the timings."""
    runner = Runner(load_plugins(), load_config(discover=False))
    spent: dict[str, Timings] = {
        "batch": defaultdict(float),
        "segment": defaultdict(float),
        "score": defaultdict(float),
    }
    instrument(runner, spent)
    findings: dict[str, list[list[Any]]] = {}
    n = words = 0
    started = clock()
    with eager_documents(spent["batch"]), batch_pass_here(runner):
        runner.batch_pass(batch())
    with eager_documents(spent["score"]):
        for i, article in enumerate(batch()):
            report = runner.score(article, i)
            n, words = n + 1, words + report.words
            if dump is not None:
                findings[report.id] = rows(report)
    total = clock() - started
    if dump is not None:
        dump.write_text(json.dumps(findings, indent=0, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    return n, total, words, spent


def rows(report: ArticleReport) -> list[list[Any]]:
    """Every finding of ``report``: code, start, end, message."""
    return [[f.code, f.start, f.end, f.message] for s in report.scorers for f in s.findings]


def table(n: int, total: float, regex_rate: float, spent: dict[str, Timings]) -> None:
    """Print CPU ms/article, articles per CPU-second and the ratio to the regex pass, per part."""
    parts = [*sorted({k for t in spent.values() for k in t} - {"core"}), "core"]
    print(f"{'part':8} {'batch':>7} {'segment':>7} {'score':>7} {'total':>7}  ms/article  {'art/CPU-s':>9}  x regex")
    accounted = 0.0
    for part in parts:
        cpu = [spent[k].get(part, 0.0) for k in ("batch", "segment", "score")]
        accounted += sum(cpu)
        line(part, [1000 * c / n for c in cpu], sum(cpu), n, regex_rate)
    line("runner", [0.0, 0.0, 1000 * (total - accounted) / n], total - accounted, n, regex_rate)
    line(
        "all",
        [1000 * sum(spent["batch"].values()) / n, 1000 * sum(spent["segment"].values()) / n, 0.0],
        total,
        n,
        regex_rate,
    )


def line(name: str, ms: list[float], cpu: float, n: int, regex_rate: float) -> None:
    """One row of the table."""
    rate = n / cpu if cpu > 0 else float("inf")
    ms_total = 1000 * cpu / n
    print(
        f"{name:8} {ms[0]:7.3f} {ms[1]:7.3f} {ms[2]:7.3f} {ms_total:7.3f}              {rate:9.0f}  {regex_rate / rate:7.2f}"
    )


def main() -> None:
    """Parse arguments, build the batch, time the regex pass and the run, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000, help="how many articles (default 1,000)")
    parser.add_argument("--large", action="store_true", help="100,000 articles")
    parser.add_argument("--data", type=Path, default=corpora.DATA)
    parser.add_argument("--dump", type=Path, help="write every finding to this JSON file")
    args = parser.parse_args()
    count = 100_000 if args.large else args.articles
    texts = shared_texts(args.data) or seed_texts()
    batch = lambda: articles(texts, count)  # noqa: E731
    sized = sum(len(a.body.encode("utf-8")) for a in batch()) / count
    regex_n, regex_cpu = regex_pass(batch())
    regex_rate = regex_n / regex_cpu
    n, total, words, spent = run(batch, args.dump)
    print(
        f"batch: {n} articles ({len(texts)} distinct texts), {sized / 1000:.1f} KB and {words / n:.0f} words on average"
    )
    print(f"one \\w+ regex pass: {regex_rate:.0f} articles per CPU-second")
    table(n, total, regex_rate, spent)
    print(f"whole run: {n / total:.0f} articles per CPU-second, {regex_rate * total / n:.1f}x the regex pass")
    if args.dump is not None:
        print(f"findings written to {args.dump}")


if __name__ == "__main__":
    main()

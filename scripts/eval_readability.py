"""Calibrate and evaluate the readability scorer (RDB) on real news; measure throughput.

Usage: .venv/bin/python scripts/eval_readability.py [--data /work/shared/data]

Real news: the intact BBC articles of truncation/bbc_truncation_pairs.jsonl and the
PolNeAR articles (attribution/polnear_sentences.jsonl, sentences reassembled in order).
Prints (1) the distributions the thresholds are read from and the thresholds the
documented rule gives, beside the scorer's defaults; (2) each rule's false-positive
rate on real news; (3) how often each rule fires on the labelled reliability sets;
(4) articles/second for textstat called on the whole text (before) and for the scorer
(after), with a cold and a warm syllable cache.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import corpora
from copydesk import Article, Assessment, Context, Document
from copydesk.plugins import readability
from copydesk.plugins.readability import syllables as syl
from copydesk.plugins.readability.stats import BodyStats, body_stats

BBC = "truncation/bbc_truncation_pairs.jsonl"
POLNEAR = "attribution/polnear_sentences.jsonl"
RELIABILITY = (
    "reliability/fakenewsnet_old_politifact_buzzfeed.jsonl",
    "reliability/perezrosas2018_fakenewsamt_celebrity.jsonl",
)
SETTINGS = dict(readability.DEFAULTS)
CONTEXT = Context(settings=readability.DEFAULTS)


def load_news(data: Path) -> dict[str, list[str]]:
    """Real news bodies: intact BBC articles, PolNeAR articles from their sentences."""
    bbc = [r["text"] for r in corpora.rows(data / BBC) if r["label"] == "intact"]
    parts: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for r in corpora.rows(data / POLNEAR):
        parts[r["article"]].append((int(r["id"].rsplit(":", 1)[1]), r["text"]))
    polnear = [" ".join(text for _, text in sorted(sentences)) for _, sentences in sorted(parts.items())]
    return {"bbc": bbc, "polnear": polnear}


def percentile(values: Sequence[float], q: float) -> float:
    """Linear-interpolated percentile (numpy's default), q in [0, 100]."""
    ordered = sorted(values)
    if not ordered:
        return math.nan
    pos = (len(ordered) - 1) * q / 100
    low = math.floor(pos)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


def documents(texts: Iterable[str]) -> list[Document]:
    return [Document.from_article(Article(id=str(i), title="", body=t)) for i, t in enumerate(texts)]


def show_distribution(label: str, values: Sequence[float], qs: Sequence[float]) -> None:
    cells = "  ".join(f"p{q:g}={percentile(values, q):.1f}" for q in qs)
    print(f"  {label:<34} n={len(values):<6} {cells}")


def calibrate(stats: dict[str, list[BodyStats]]) -> dict[str, float]:
    """Print the distributions and derive thresholds by the documented rule."""
    min_words = SETTINGS["min_words"]
    sentence_lengths: list[float] = []
    ease: list[float] = []
    grade: list[float] = []
    print("\n== Calibration distributions (real news) ==")
    for corpus, items in stats.items():
        lengths = [float(s.words) for st in items for s in st.sentences]
        judged = [st for st in items if st.words >= min_words]
        show_distribution(f"{corpus}: sentence words", lengths, (50, 90, 99, 99.5, 99.9, 100))
        show_distribution(
            f"{corpus}: longest sentence/article",
            [float(st.longest.words) for st in items if st.longest],
            (50, 90, 95, 99, 100),
        )
        show_distribution(
            f"{corpus}: reading ease (>= {min_words} w)", [st.reading_ease for st in judged], (0, 0.5, 1, 5, 50, 95)
        )
        show_distribution(
            f"{corpus}: FK grade (>= {min_words} w)", [st.grade for st in judged], (5, 50, 95, 99, 99.5, 100)
        )
        sentence_lengths += lengths
        ease += [st.reading_ease for st in judged]
        grade += [st.grade for st in judged]
    show_distribution("pooled: sentence words", sentence_lengths, (50, 99, 99.9))
    show_distribution("pooled: reading ease", ease, (0.5, 1))
    show_distribution("pooled: FK grade", grade, (99, 99.5))
    derived = {
        "max_sentence_words": 5 * math.ceil(percentile(sentence_lengths, 99.9) / 5),
        "min_reading_ease": 5 * math.floor((percentile(ease, 0.5) - 5) / 5),
        "max_grade": float(math.ceil(percentile(grade, 99.5) + 1)),
    }
    print("\n== Thresholds ==")
    print("  rule: sentence limit = pooled p99.9 of sentence words, rounded up to a multiple of 5;")
    print("        reading ease = pooled p0.5 minus 5, rounded down to a multiple of 5;")
    print("        grade = pooled p99.5 plus 1, rounded up")
    for key, value in derived.items():
        print(f"  {key:<20} derived {value:<6g} default {SETTINGS[key]:<6g}")
    return derived


def assess(documents_: Sequence[Document]) -> list[Assessment]:
    return [readability.score(d, CONTEXT) for d in documents_]


def rule_rates(label: str, assessments: Sequence[Assessment]) -> None:
    """Share of articles with each rule's finding, mean sub-score, share below 1."""
    n = len(assessments) or 1
    cells = []
    for rule in (readability.VERY_LONG_SENTENCE, readability.DENSE_PROSE):
        hits = sum(any(f.code == rule.code for f in a.findings) for a in assessments)
        cells.append(f"{rule.code} {100 * hits / n:5.2f}%")
    subs = [a.subscore or 1.0 for a in assessments]
    below = sum(s < 1.0 for s in subs)
    print(
        f"  {label:<28} n={len(assessments):<5} {'  '.join(cells)}  mean sub-score {sum(subs) / n:.4f}  below 1.0: {100 * below / n:.2f}%"
    )


def false_positives(docs: dict[str, list[Document]], assessments: dict[str, list[Assessment]]) -> None:
    print("\n== False-positive rates on real news (articles with the finding; every one is a false positive) ==")
    for corpus, items in assessments.items():
        rule_rates(corpus, items)
        sentences = sum(len(d.body.sentences) for d in docs[corpus])
        flagged = sum(f.code == "RDB001" for a in items for f in a.findings)
        print(f"  {'':<28} RDB001 per sentence: {flagged}/{sentences} = {100 * flagged / max(sentences, 1):.3f}%")
    rule_rates("pooled", [a for items in assessments.values() for a in items])


def reliability_sets(data: Path) -> None:
    print("\n== Labelled reliability sets (how often each rule fires, by label; not a detector claim) ==")
    for name in RELIABILITY:
        path = data / name
        if not path.exists():
            print(f"  {name}: missing, skipped")
            continue
        by_label: dict[str, list[str]] = defaultdict(list)
        for r in corpora.rows(path):
            by_label[r["label"]].append(r["text"])
        for label, texts in sorted(by_label.items()):
            rule_rates(f"{Path(name).stem[:18]}:{label}", assess(documents(texts)))


def rate(run: Callable[[], object], count: int) -> tuple[float, float]:
    started = time.perf_counter()
    run()
    seconds = time.perf_counter() - started
    return count / seconds, seconds


def throughput(texts: list[str]) -> list[str]:
    """Articles/second: textstat on whole texts (before) vs the scorer (after), one core."""
    started = time.perf_counter()
    import textstat  # timed: importing NLTK takes about a second

    syl.cmu_syllables()
    syl.ensure_offline_cmudict()
    load = time.perf_counter() - started
    metrics = (
        textstat.flesch_reading_ease,
        textstat.flesch_kincaid_grade,
        textstat.words_per_sentence,
        textstat.avg_syllables_per_word,
    )
    before, _ = rate(lambda: [[m(t) for m in metrics] for t in texts], len(texts))
    docs_ = documents(texts)
    split, _ = rate(lambda: [d.body.words for d in docs_], len(texts))
    syl._part_syllables.cache_clear()
    cold, _ = rate(lambda: assess(docs_), len(texts))
    warm, _ = rate(lambda: assess(docs_), len(texts))
    words = sum(d.body.word_count for d in docs_) / len(docs_)
    return [
        f"\n== Throughput (one core, {len(texts)} real articles, {words:.0f} words on average) ==",
        f"  one-time load: cmudict table + textstat import + patch  {load:.2f} s",
        f"  before: textstat, 4 metrics on the whole text           {before:8.0f} articles/s",
        f"  after:  RDB scorer, cold syllable cache                 {cold:8.0f} articles/s",
        f"  after:  RDB scorer, warm syllable cache                 {warm:8.0f} articles/s",
        f"  (core word split, shared by every scorer, for scale:    {split:8.0f} articles/s)",
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=corpora.DATA, help="the shared data directory")
    parser.add_argument("--bench", type=int, default=400, help="articles used for the throughput figures")
    args = parser.parse_args(argv)
    missing = [p for p in (BBC, POLNEAR) if not (args.data / p).exists()]
    if missing:
        print(f"eval_readability: data not found: {args.data / missing[0]}", file=sys.stderr)
        return 2
    news = load_news(args.data)
    half = args.bench // 2
    bench_texts = news["bbc"][-half:] + news["polnear"][-half:]
    speed = throughput(bench_texts)  # first, so the syllable cache is cold
    docs = {corpus: documents(texts) for corpus, texts in news.items()}
    calibrate({corpus: [body_stats(d.body) for d in items] for corpus, items in docs.items()})
    false_positives(docs, {corpus: assess(items) for corpus, items in docs.items()})
    reliability_sets(args.data)
    print("\n".join(speed))
    return 0


if __name__ == "__main__":
    sys.exit(main())

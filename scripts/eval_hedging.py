"""Evaluate the hedging scorer (HDG) on the shared development data.

Usage::

    .venv/bin/python scripts/eval_hedging.py [--data /work/shared/data] [--calibrate] [--per-cue]

Prints sentence-level precision/recall/F1 of the ``uncertain`` class on CoNLL-2010
Wikipedia (a sentence is predicted uncertain when it gets an HDG001 or HDG002
finding), on two fixed halves (tune / check), on five folds and overall, beside
baselines (``--per-cue`` adds each cue's sentence-level precision); cue-level
precision/recall against the Szeged WikiWeasel spans; and throughput
in articles per second on the BBC texts. ``--calibrate`` also prints the
distribution of the HDG003 density over real reporting (BBC intact texts and PolNeAR
articles rebuilt from their sentences), from which the default threshold was chosen.
"""

from __future__ import annotations

import argparse
import html
import re
import resource
import statistics
import sys
import time
import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import corpora
from copydesk.models import Article, ArticleReport
from copydesk.plugins import hedging
from copydesk.plugins.hedging.lexicon import CUE_FILES, read_list
from copydesk.testing import article, plugin_set, score_batch

SENTENCE_CODES = {"HDG001", "HDG002"}
PLUGINS = plugin_set(plugins=[("hedging", hedging)])


def score(items: Iterable[Article]) -> list[ArticleReport]:
    """Reports of the hedging scorer alone on ``items``."""
    return score_batch(list(items), PLUGINS)


def prf(pairs: Iterable[tuple[bool, bool]]) -> tuple[float, float, float, int]:
    """Precision, recall, F1 of the positive class from (gold, predicted) pairs, and n."""
    tp = fp = fn = n = 0
    for gold, pred in pairs:
        n += 1
        tp += gold and pred
        fp += pred and not gold
        fn += gold and not pred
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0), n


def line(name: str, result: tuple[float, float, float, int]) -> str:
    """One row of a results table."""
    p, r, f, n = result
    return f"  {name:<34} P {p:.3f}  R {r:.3f}  F1 {f:.3f}  (n={n})"


def bare_lexicon_baseline(text: str) -> bool:
    """Baseline: any single-word cue of the packaged lists, with no context rules."""
    words = {w for name in CUE_FILES for w in read_list(name) if " " not in w}
    return any(token in words for token in re.findall(r"[a-z']+", text.lower()))


def model_baseline(texts: list[str], gold: list[bool]) -> list[bool]:
    """Baseline: bag-of-words logistic regression, predictions from 5-fold cross-validation."""
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold, cross_val_predict
    from sklearn.pipeline import make_pipeline

    model = make_pipeline(CountVectorizer(binary=True, min_df=2), LogisticRegression(C=1.0, max_iter=3000))
    folds = StratifiedKFold(5, shuffle=True, random_state=0)
    return [bool(p) for p in cross_val_predict(model, texts, gold, cv=folds)]


def conll(data: Path, per_cue: bool) -> None:
    """Sentence-level P/R/F1 of ``uncertain`` on CoNLL-2010 Wikipedia, by half, by fold and overall."""
    sentences = list(corpora.rows(data / "hedging" / "conll2010_wikipedia_pattern3000.jsonl"))
    texts = [html.unescape(r["text"]) for r in sentences]
    reports = score(article(t, id=r["id"]) for t, r in zip(texts, sentences, strict=True))
    cues = [sentence_cues(rep) for rep in reports]
    predicted = [bool(c) for c in cues]
    gold = [r["label"] == "uncertain" for r in sentences]
    crc = [zlib.crc32(r["id"].encode()) for r in sentences]
    baseline = [bare_lexicon_baseline(t) for t in texts]
    print(f"CoNLL-2010 Wikipedia, sentence level, class 'uncertain' ({sum(gold)} of {len(gold)} sentences)")
    print("  issue's definition: a sentence is uncertain when it gets an HDG001 or HDG002 finding")
    for name, part in (("half A (tuned on)", 0), ("half B (checked on)", 1)):
        print(
            line(
                f"HDG001|HDG002, {name}",
                prf((g, p) for g, p, c in zip(gold, predicted, crc, strict=True) if c % 2 == part),
            )
        )
    print(line("HDG001|HDG002, all", prf(zip(gold, predicted, strict=True))))
    folds = [prf((g, p) for g, p, c in zip(gold, predicted, crc, strict=True) if c % 5 == k) for k in range(5)]
    print("  5 folds (CRC32 mod 5), F1: " + "  ".join(f"{f[2]:.3f}" for f in folds), end="")
    print(f"  (mean {statistics.mean(f[2] for f in folds):.3f}, sd {statistics.stdev(f[2] for f in folds):.3f})")
    print("          precision: " + "  ".join(f"{f[0]:.3f}" for f in folds))
    print(line("baseline: bare cue list, all", prf(zip(gold, baseline, strict=True))))
    print(line("baseline: everything uncertain", prf((g, True) for g in gold)))
    print(line("baseline: bag-of-words LR, 5-fold CV", prf(zip(gold, model_baseline(texts, gold), strict=True))))
    print("  published: lexical systems P 0.81 R 0.44; best CoNLL-2010 Wikipedia F1 about 0.55-0.60")
    if per_cue:
        cue_table(cues, gold, crc)


def sentence_cues(report: ArticleReport) -> set[str]:
    """The HDG001 cues and HDG002 patterns that make a sentence predicted uncertain."""
    return {
        f"{f.code} {f.data['cue'] if f.code == 'HDG001' else f.data['category']}"
        for f in report.findings
        if f.code in SENTENCE_CODES
    }


def cue_table(cues: list[set[str]], gold: list[bool], crc: list[int]) -> None:
    """Sentence-level precision of each cue (sentences where it fires), overall and per half, worst first."""
    counts: dict[str, list[int]] = {}
    for found, g, c in zip(cues, gold, crc, strict=True):
        for cue in found:
            row = counts.setdefault(cue, [0, 0, 0, 0])  # n, correct, n in half A, correct in half A
            row[0] += 1
            row[1] += g
            row[2] += c % 2 == 0
            row[3] += g and c % 2 == 0
    print("  per cue (sentences it fires in; precision = share labelled uncertain), worst first:")
    for cue, (n, right, n_a, right_a) in sorted(counts.items(), key=lambda kv: (kv[1][1] / kv[1][0], -kv[1][0])):
        halves = f"A {right_a}/{n_a}  B {right - right_a}/{n - n_a}"
        print(f"    {cue:<34} n {n:3d}  P {right / n:.2f}  ({halves})")


def _overlaps(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    """True when ``span`` overlaps any of ``spans``."""
    return any(span[0] < e and s < span[1] for s, e in spans)


def cue_scores(
    reports: list[ArticleReport], gold: dict[str, list[tuple[int, int]]], codes: set[str], skip: str | None
) -> tuple[float, float, int]:
    """Cue-level precision and recall by span overlap, and the number of predicted spans."""
    found = [
        (r.id, (f.start, f.end))
        for r in reports
        for f in r.findings
        if f.code in codes and f.data.get("category") != skip
    ]
    by_doc: dict[str, list[tuple[int, int]]] = {}
    for doc, span in found:
        by_doc.setdefault(doc, []).append(span)
    tp_pred = sum(_overlaps(span, gold[doc]) for doc, span in found)
    tp_gold = sum(_overlaps(span, by_doc.get(doc, [])) for doc, spans in gold.items() for span in spans)
    total = sum(len(s) for s in gold.values())
    return (tp_pred / len(found) if found else 0.0), tp_gold / max(1, total), len(found)


def szeged(data: Path) -> None:
    """Cue-level precision/recall against Szeged WikiWeasel semantic-uncertainty spans."""
    docs: dict[str, list[dict[str, Any]]] = {}
    for row in corpora.rows(data / "hedging" / "szeged_wikiweasel_semantic.jsonl"):
        docs.setdefault(row["doc_id"], []).append(row)
    items, gold = [], {}
    for doc_id, members in docs.items():
        offset, spans = 0, []
        for row in members:
            spans.extend((offset + c["start"], offset + c["end"]) for c in row["cues"])
            offset += len(row["text"]) + 1
        items.append(article("\n".join(r["text"] for r in members), id=doc_id))
        gold[doc_id] = spans
    reports = score(items)
    print(f"Szeged WikiWeasel (semantic uncertainty), cue level ({sum(len(s) for s in gold.values())} gold cues)")
    for name, codes in (("HDG001|HDG002", SENTENCE_CODES), ("HDG001|HDG002|HDG004", {*SENTENCE_CODES, "HDG004"})):
        for label, skip in (("all categories", None), ("without approximators", "approximators")):
            p, r, n = cue_scores(reports, gold, codes, skip)
            print(f"  {name + ', ' + label:<46} P {p:.3f}  R {r:.3f}  (predicted {n})")
    print("  (Szeged 'semantic' cues include 'if', 'whether', 'would', 'will' and exclude weasels: recall is bounded)")


def bbc_intact(data: Path) -> list[Article]:
    """The intact BBC News articles."""
    path = data / "truncation" / "bbc_truncation_pairs.jsonl"
    return [article(r["text"], id=r["id"]) for r in corpora.rows(path) if r["label"] == "intact"]


def polnear_articles(data: Path) -> list[Article]:
    """PolNeAR articles rebuilt from their sentences (first annotator of each article)."""
    sentences: dict[str, dict[int, str]] = {}
    owner: dict[str, str] = {}
    for row in corpora.rows(data / "attribution" / "polnear_sentences.jsonl"):
        name = row["article"]
        if owner.setdefault(name, row["annotator"]) != row["annotator"]:
            continue
        sentences.setdefault(name, {})[int(row["id"].rsplit(":", 1)[1])] = row["text"]
    return [article(" ".join(s[k] for k in sorted(s)), id=name) for name, s in sorted(sentences.items())]


def percentiles(values: list[float]) -> str:
    """Median, 90th, 95th and 99th percentiles, and the maximum."""
    q = statistics.quantiles(values, n=100, method="inclusive")
    return f"p50 {q[49]:.2f}  p90 {q[89]:.2f}  p95 {q[94]:.2f}  p99 {q[98]:.2f}  max {max(values):.2f}"


def calibrate(data: Path) -> None:
    """Distribution of HDG003's density and the hedged-sentence share over real reporting."""
    min_words = int(hedging.SETTINGS["min_words"])
    print(f"Calibration of HDG003 on real reporting (articles of at least {min_words} words)")
    every: dict[str, list[float]] = {
        "hedges_per_1000_words": [],
        "hedged_sentence_share": [],
        "own_hedges_per_1000_words": [],
    }
    for name, items in (("BBC intact", bbc_intact(data)), ("PolNeAR", polnear_articles(data))):
        metrics = [dict(r.scorers[0].metrics) for r in score(items)]
        metrics = [m for m in metrics if m["words"] >= min_words]
        for key, values in every.items():
            values.extend(m[key] for m in metrics)
            print(f"  {name:<11} {key:<24} {percentiles([m[key] for m in metrics])}  (n={len(metrics)})")
    for key, values in every.items():
        print(f"  {'both':<11} {key:<24} {percentiles(values)}  (n={len(values)})")
    threshold = float(hedging.SETTINGS["density_threshold"])
    print(
        f"  defaults: density_threshold {threshold}, share_threshold {hedging.SETTINGS['share_threshold']}"
        f"; HDG003 (own hedges above the threshold) fires on"
        f" {sum(v > threshold for v in every['own_hedges_per_1000_words'])} of {len(every['own_hedges_per_1000_words'])}"
    )


def cpu_seconds() -> float:
    """CPU seconds of this process and of its ended children (the runner scores in worker processes)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def throughput(data: Path) -> None:
    """Articles per second of the hedging scorer alone, through the runner, on BBC texts."""
    items = bbc_intact(data)[:300]
    started, cpu = time.perf_counter(), cpu_seconds()
    reports = score(items)
    seconds, cpu = time.perf_counter() - started, cpu_seconds() - cpu
    words = sum(r.words for r in reports)
    print(
        f"Throughput: {len(reports) / seconds:.1f} articles/s wall, {len(reports) / cpu:.1f} articles/s CPU "
        f"({words / cpu:,.0f} words/s CPU) on {len(reports)} BBC articles, this process and its workers"
    )
    adversarial = ("may may might could “sources sources say ” reports of , , it is said " * 16_000)[:1_000_000]
    started, cpu = time.perf_counter(), cpu_seconds()
    report = score([article(adversarial, id="adversarial")])[0]
    seconds, cpu = time.perf_counter() - started, cpu_seconds() - cpu
    print(
        f"  1 MB adversarial text: {seconds:.2f} s wall, {cpu:.2f} s CPU, {len(report.findings)} findings reported"
        " (max_findings_per_article caps them)"
    )


def main() -> int:
    """Parse arguments, check the data, print every figure."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=corpora.DATA, help="the shared data directory")
    parser.add_argument("--calibrate", action="store_true", help="also print the HDG003 calibration")
    parser.add_argument("--per-cue", action="store_true", help="also print each cue's sentence-level precision")
    args = parser.parse_args()
    needed = [
        "hedging/conll2010_wikipedia_pattern3000.jsonl",
        "hedging/szeged_wikiweasel_semantic.jsonl",
        "truncation/bbc_truncation_pairs.jsonl",
    ]
    if args.calibrate:
        needed.append("attribution/polnear_sentences.jsonl")
    missing = [name for name in needed if not (args.data / name).is_file()]
    if missing:
        print(f"eval_hedging: data not found: {args.data / missing[0]}", file=sys.stderr)
        return 2
    conll(args.data, args.per_cue)
    szeged(args.data)
    if args.calibrate:
        calibrate(args.data)
    throughput(args.data)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Evaluate the truncation scorer (TRN) on the shared development data.

Usage: .venv/bin/python scripts/eval_truncation.py [--data /work/shared/data] [--show N]

Prints, on ``truncation/bbc_truncation_pairs.jsonl``: precision, recall and F1 of the
truncated class and the false-positive rate on intact articles (a prediction is any
TRN001-TRN003 or TRN006 finding; the same for the warning-level rules TRN001-TRN003
alone), beside a naive baseline (last character is not terminal
punctuation); the recall on cuts made at sentence boundaries from the intact texts
(with and without the TRN005 batch pass); the false-positive rate on the real/legit
articles of ``reliability/*.jsonl``; and throughput.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import corpora
from copydesk.models import Article, Context
from copydesk.plugins import truncation
from copydesk.testing import plugin_set, score_batch
from copydesk.text import WORD, Document, TextView

ENDING_RULES = {"TRN001", "TRN002", "TRN003", "TRN006"}
#: The warning-level ending rules (TRN006, a missing final stop alone, is informational).
WARNING_RULES = {"TRN001", "TRN002", "TRN003"}
PLUGINS = plugin_set(plugins=[("truncation", truncation)])


def load(path: Path) -> list[dict[str, Any]]:
    """Rows of a JSONL file."""
    return list(corpora.rows(path))


def flagged(
    articles: list[Article], rules: set[str] = ENDING_RULES, settings: dict[str, Any] | None = None
) -> dict[str, set[str]]:
    """Score the articles as one batch; the codes and ``code:signal`` pairs of ``rules`` found on each."""
    overrides = {"plugins": {"truncation": settings}} if settings else None
    reports = score_batch(articles, PLUGINS, overrides)
    found: dict[str, set[str]] = {}
    for report in reports:
        kept = [f for f in report.findings if f.code in rules]
        found[report.id] = {f.code for f in kept} | {f"{f.code}:{f.data.get('signal')}" for f in kept}
    return found


def codes_of(found: set[str]) -> set[str]:
    """The bare codes of a ``flagged`` entry."""
    return {item for item in found if ":" not in item}


def prf(truth: list[bool], predicted: list[bool]) -> tuple[float, float, float, float]:
    """Precision, recall, F1 of the positive class, and false-positive rate."""
    tp = sum(t and p for t, p in zip(truth, predicted, strict=True))
    fp = sum(p and not t for t, p in zip(truth, predicted, strict=True))
    fn = sum(t and not p for t, p in zip(truth, predicted, strict=True))
    negatives = sum(not t for t in truth)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1, fp / negatives if negatives else 0.0


def naive(text: str) -> bool:
    """Baseline: the text's last character is not terminal punctuation or a closing quote."""
    return text.rstrip()[-1:] not in ".!?…\"'”’)"


def last_lines(text: str, count: int = 2, width: int = 100) -> str:
    """The last ``count`` non-empty lines of ``text``, each cut to its last ``width`` characters."""
    lines = [line.strip() for line in text.splitlines() if line.strip()][-count:]
    return " | ".join(line[-width:] for line in lines)


def show_flagged(rows: list[dict[str, Any]], found: dict[str, set[str]], show: int) -> None:
    """Print up to ``show`` flagged rows: id, rule:signal pairs, last lines."""
    for row in [r for r in rows if found[r["id"]]][:show]:
        fired = sorted(item for item in found[row["id"]] if ":" in item)
        print(f"    {row['id']} {fired}: {last_lines(row['text'])!r}")


def bbc(rows: list[dict[str, Any]], show: int = 0) -> None:
    """P/R/F1 on the mid-sentence pairs, beside the naive baseline."""
    articles = [Article(id=r["id"], title="", body=r["text"]) for r in rows]
    started = time.perf_counter()
    found = flagged(articles)
    seconds = time.perf_counter() - started
    truth = [r["label"] == "truncated" for r in rows]
    predicted = [bool(found[r["id"]]) for r in rows]
    p, r, f, fpr = prf(truth, predicted)
    print(f"BBC mid-sentence pairs ({len(rows)} texts): P={p:.3f} R={r:.3f} F1={f:.3f} FPR(intact)={fpr:.3%}")
    warned = [bool(codes_of(found[r["id"]]) & WARNING_RULES) for r in rows]
    p, r, f, fpr = prf(truth, warned)
    print(f"  warning-level rules only (TRN001-TRN003): P={p:.3f} R={r:.3f} F1={f:.3f} FPR(intact)={fpr:.3%}")
    p, r, f, fpr = prf(truth, [naive(row["text"]) for row in rows])
    print(f"  naive baseline (last char not terminal): P={p:.3f} R={r:.3f} F1={f:.3f} FPR={fpr:.3%}")
    by_rule = Counter(item for row in rows if row["label"] == "truncated" for item in found[row["id"]] if ":" in item)
    print(f"  truncated texts flagged, by rule and signal: {dict(sorted(by_rule.items()))}")
    show_flagged([r for r in rows if r["label"] == "intact"], found, show)
    print(f"  throughput: {len(rows) / seconds:.0f} articles/s ({seconds:.2f} s, batch pass and scoring)")


def sentence_cut(text: str, rng: random.Random) -> str | None:
    """``text`` cut after a whole sentence at 30-90 % of its words, or None if too short."""
    view = TextView(text)
    if len(view.sentences) < 4:
        return None
    target = rng.uniform(0.3, 0.9) * len(text)
    ends = [s.end for s in view.sentences[:-1] if s.end >= 0.2 * len(text)]
    if not ends:
        return None
    return text[: min(ends, key=lambda e: abs(e - target))]


def boundary_cuts(rows: list[dict[str, Any]]) -> None:
    """Recall on texts cut after a full sentence (still truncated), with and without TRN005."""
    rng = random.Random(20240517)
    intact = [r for r in rows if r["label"] == "intact"]
    articles: list[Article] = []
    for row in intact:
        section = row["id"].split(":")[1]
        url = f"https://bbc.example/{section}/{row['id']}"
        articles.append(Article(id=row["id"], title="", body=row["text"], url=url))
        cut = sentence_cut(row["text"], rng)
        if cut is not None:
            articles.append(Article(id=row["id"] + ":cut", title="", body=cut, url=url))
    cuts = [a for a in articles if a.id.endswith(":cut")]
    print(f"Sentence-boundary cuts ({len(cuts)} texts, 30-90 % kept, batched by BBC section with the intact texts):")
    for settings in ({}, {"open_quote_after_stop": True}):
        found = {k: codes_of(v) for k, v in flagged(articles, ENDING_RULES | {"TRN005"}, settings).items()}
        ending = sum(bool(found[a.id] & ENDING_RULES) for a in cuts)
        any_rule = sum(bool(found[a.id]) for a in cuts)
        fp = sum(bool(found[a.id]) for a in articles if not a.id.endswith(":cut"))
        label = "defaults" if not settings else "open_quote_after_stop = true"
        print(
            f"  {label}: recall TRN001-003 {ending / len(cuts):.3f}, with TRN005 {any_rule / len(cuts):.3f}; ", end=""
        )
        print(f"intact flagged (any rule) {fp / (len(articles) - len(cuts)):.2%}")


def word_cut(text: str, rng: random.Random) -> str | None:
    """``text`` cut after a word at 30-90 % of its words, not right after a sentence's end."""
    words = list(WORD.finditer(text))
    if len(words) < 20:
        return None
    for _ in range(10):
        end = words[int(rng.uniform(0.3, 0.9) * len(words))].end()
        if text[end : end + 1] not in ".!?…":
            return text[:end]
    return None


def reliability(folder: Path, show: int) -> None:
    """False-positive rate on real/legit articles (report only), and recall on their mid-sentence cuts."""
    rng = random.Random(7)
    for path in sorted(folder.glob("*.jsonl")):
        rows = [r for r in load(path) if r.get("label") in ("real", "legit")]
        if not rows:
            print(f"{path.name}: no real/legit articles, skipped")
            continue
        articles = [Article(id=r["id"], title=r.get("title") or "", body=r["text"]) for r in rows]
        found = flagged(articles)
        hits = [r for r in rows if found[r["id"]]]
        by_signal = Counter(item for r in rows for item in found[r["id"]] if ":" in item)
        naive_rate = sum(naive(r["text"]) for r in rows) / len(rows)
        warned = sum(bool(codes_of(found[r["id"]]) & WARNING_RULES) for r in rows)
        print(f"{path.name}: {len(hits)}/{len(rows)} real/legit flagged = {len(hits) / len(rows):.1%}", end="")
        print(f" (warning-level rules: {warned / len(rows):.1%})")
        print(f"  naive baseline (last char not terminal) flags {naive_rate:.1%}")
        print(f"  by rule and signal: {dict(sorted(by_signal.items()))}")
        loose = flagged(articles, settings={"open_quote_after_stop": True})
        print(f"  with open_quote_after_stop = true: {sum(bool(v) for v in loose.values()) / len(rows):.1%}")
        show_flagged(rows, found, show)
        cuts = [(a, word_cut(a.body, rng)) for a in articles]
        cut_articles = [Article(id=a.id + ":cut", title=a.title, body=c) for a, c in cuts if c is not None]
        cut_found = flagged(cut_articles)
        caught = sum(bool(cut_found[a.id]) for a in cut_articles)
        print(f"  the same articles cut mid-sentence ({len(cut_articles)}): recall {caught / len(cut_articles):.3f}")


def adversarial() -> Iterable[tuple[str, str]]:
    """1 MB inputs built to stress the scorer's scanning."""
    yield "one line of words", ("word " * 200_000)[:1_000_000]
    yield "short lines", ("a\n" * 500_000)[:1_000_000]
    yield "quotes and brackets", ('"(“ ' * 250_000)[:1_000_000]
    yield "list items", ("- Item: of the\n" * 70_000)[:1_000_000]


def stress() -> None:
    """Time one 1 MB adversarial article of each kind: the core's analysis, then the scorer alone."""
    context = Context(settings=truncation.SETTINGS, selected=frozenset(ENDING_RULES | {"TRN004", "TRN005"}))
    for name, text in adversarial():
        started = time.perf_counter()
        document = Document.from_article(Article(id=name, title="three key areas", body=text))
        analysed = time.perf_counter()
        truncation.score(document, context)
        done = time.perf_counter()
        print(
            f"  1 MB adversarial ({name}): core analysis {analysed - started:.2f} s, TRN scorer {done - analysed:.2f} s"
        )


def main() -> int:
    """Run every evaluation the issue asks for."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=corpora.DATA)
    parser.add_argument(
        "--show", type=int, default=0, help="print up to N flagged intact/real articles per file, with their last lines"
    )
    args = parser.parse_args()
    pairs = args.data / "truncation" / "bbc_truncation_pairs.jsonl"
    if not pairs.is_file():
        print(f"error: {pairs} not found (pass --data)", file=sys.stderr)
        return 1
    rows = load(pairs)
    bbc(rows, args.show)
    boundary_cuts(rows)
    reliability(args.data / "reliability", args.show)
    stress()
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Evaluate the boilerplate scorer (TPL) on L3S-GN1 blocks, scored as one batch.

Each page is rebuilt as a document whose lines are its blocks; all pages are scored as
ONE batch (so lines repeated across pages count). A block is predicted boilerplate when
a TPL001/002/003/006 finding covers its line: exactly the lines the scorer labels as
``boilerplate`` segments, plus long lines repeated across the batch. TPL004 (a headline
frame) and TPL005 (a near-duplicate body) describe a page, not a block, and are not
counted. Prints precision/recall/F1 of both classes, macro-F1, the all-boilerplate
baseline, and throughput.

    .venv/bin/python scripts/eval_boilerplate.py [--data /work/shared/data] [--half even|odd]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path

import corpora
from copydesk.models import Article
from copydesk.plugins import boilerplate
from copydesk.sources import parse_text
from copydesk.testing import plugin_set, score_batch

BLOCK_CODES = frozenset({"TPL001", "TPL002", "TPL003", "TPL006"})
Page = tuple[str, list[tuple[str, bool]]]


def load_pages(data: Path) -> list[Page]:
    """The pages of L3S-GN1, in file order, each a list of ``(block text, is_boilerplate)``."""
    path = data / "boilerplate" / "l3s_gn1_blocks.jsonl"
    if not path.is_file():
        sys.exit(f"eval_boilerplate: data file not found: {path}")
    blocks: dict[str, list[tuple[int, str, bool]]] = defaultdict(list)
    for row in corpora.rows(path):
        text = " ".join(str(row["text"]).split())
        blocks[row["page"]].append((int(row["block_index"]), text, bool(row["is_boilerplate"])))
    return [(page, [(t, b) for _, t, b in sorted(rows) if t]) for page, rows in blocks.items()]


def half(pages: list[Page], which: str) -> list[Page]:
    """Every other page (``even`` or ``odd``), for split-half checks."""
    if which == "all":
        return pages
    return pages[0 if which == "even" else 1 :: 2]


def page_article(page: Page) -> Article:
    """A page as an article whose body lines are its blocks."""
    return Article(id=page[0], title="", body="\n".join(text for text, _ in page[1]))


def predict(pages: list[Page], overrides: dict[str, object] | None = None) -> list[list[bool]]:
    """Score the pages as one batch; per page, per block: is a TPL block finding on its line."""
    reports = score_batch(
        [page_article(p) for p in pages], plugin_set(plugins=[("boilerplate", boilerplate)]), overrides
    )
    out = []
    for page, report in zip(pages, reports, strict=True):
        flagged = [False] * len(page[1])
        for f in report.findings:
            if f.code in BLOCK_CODES and f.field == "text":
                for line in range(f.line, f.end_line + 1):
                    flagged[line - 1] = True
        out.append(flagged)
    return out


def prf(gold: list[bool], pred: list[bool], positive: bool) -> tuple[float, float, float]:
    """Precision, recall, F1 of class ``positive``."""
    tp = sum(g == positive and p == positive for g, p in zip(gold, pred, strict=True))
    fp = sum(g != positive and p == positive for g, p in zip(gold, pred, strict=True))
    fn = sum(g == positive and p != positive for g, p in zip(gold, pred, strict=True))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return precision, recall, (2 * precision * recall / (precision + recall) if precision + recall else 0.0)


def report(gold: list[bool], pred: list[bool], name: str) -> float:
    """Print both classes' P/R/F1 and return the macro-F1."""
    rows = [("boilerplate", prf(gold, pred, True)), ("content", prf(gold, pred, False))]
    macro = sum(r[1][2] for r in rows) / 2
    print(f"{name}: macro-F1 {macro:.3f}")
    for label, (p, r, f) in rows:
        print(f"  {label:<12} P {p:.3f}  R {r:.3f}  F1 {f:.3f}")
    return macro


def seed_throughput(copies: int = 20) -> tuple[int, float]:
    """Articles/second scoring the repository's seeds, ``copies`` times over, as one batch."""
    seeds = sorted((Path(__file__).resolve().parents[1] / "seeds").glob("*.txt"))
    items = [parse_text(p.read_text(encoding="utf-8"), f"{p.stem}-{k}", "txt") for k in range(copies) for p in seeds]
    articles = [a for a in items if isinstance(a, Article)]
    started = time.perf_counter()
    score_batch(articles, plugin_set(plugins=[("boilerplate", boilerplate)]))
    return len(articles), len(articles) / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=corpora.DATA)
    parser.add_argument("--half", choices=["all", "even", "odd"], default="all")
    args = parser.parse_args()
    pages = half(load_pages(args.data), args.half)
    started = time.perf_counter()
    predicted = predict(pages)
    seconds = time.perf_counter() - started
    gold = [b for _, blocks in pages for _, b in blocks]
    pred = [p for flags in predicted for p in flags]
    print(f"L3S-GN1 dev: {len(pages)} pages, {len(gold)} blocks, {sum(gold) / len(gold):.1%} boilerplate")
    report(gold, pred, "boilerplate scorer (TPL)")
    report(gold, [True] * len(gold), "baseline: every block boilerplate")
    no_model = [p for flags in predict(pages, {"plugins": {"boilerplate": {"chrome_model": False}}}) for p in flags]
    report(gold, no_model, "rules only (lexicon + batch repeats, chrome_model = false)")
    print(
        f"throughput: {len(pages) / seconds:.1f} articles (pages)/second ({len(gold) / seconds:.0f} blocks/second, batch pass included)"
    )
    count, rate = seed_throughput()
    print(f"throughput on seeds/ ({count} articles as one batch): {rate:.1f} articles/second")


if __name__ == "__main__":
    main()

"""Evaluate the figures scorer on PolNeAR: is each gold figure attributed or not?

Each PolNeAR development article is rebuilt from its sentences, in order, as one
paragraph (line breaks inside a sentence become spaces, so offsets are kept), and
scored with the FIG scorer's default settings. For every gold figure in
``figures_strict``, the scorer's verdict is "unsourced" when it reports FIG001 on a
figure overlapping the gold span, and "sourced" otherwise (FIG002, vaguely sourced,
counts as sourced: PolNeAR marks attribution whatever the source). A gold figure the
extractor did not find gets no finding at all, so it counts as "sourced" (the scorer
does not flag it); the number of such misses is printed, and a second row counts them
as "unsourced" instead. The unsourced class is the positive class. The trivial baseline
calls every figure unsourced. Rows per publisher follow; the cue lists were tuned on
the publishers in TUNED_ON and only checked on the others.

    .venv/bin/python scripts/eval_figures.py [--data /work/shared/data]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import corpora
from copydesk.models import Context
from copydesk.plugins import figures
from copydesk.plugins.figures.extract import Figure, extract
from copydesk.testing import document
from copydesk.text import Document

RELATIVE = Path("attribution") / "polnear_sentences.jsonl"
#: Publishers used while tuning the cue lists; the others were only checked against.
TUNED_ON = ("breitbart", "nyt", "politico", "wash-post")
CONTEXT = Context(settings=figures.SETTINGS)


def load(path: Path) -> dict[str, list[dict[str, Any]]]:
    """Sentences grouped by article, in file order."""
    articles: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in corpora.rows(path):
        articles[row["article"]].append(row)
    return articles


def rebuild(rows: list[dict[str, Any]]) -> tuple[str, list[tuple[int, int, bool]]]:
    """The article text and its gold figures as (start, end, unsourced)."""
    parts: list[str] = []
    gold: list[tuple[int, int, bool]] = []
    offset = 0
    for row in rows:
        text = row["text"].replace("\n", " ").replace("\r", " ")
        for fig in row["figures_strict"]:
            if fig["end"] > fig["start"]:
                gold.append((offset + fig["start"], offset + fig["end"], not fig["inside_attribution_content"]))
        parts.append(text)
        offset += len(text) + 1
    return " ".join(parts), gold


def judge(body: str, gold: list[tuple[int, int, bool]]) -> list[tuple[bool, bool, bool]]:
    """(gold unsourced, predicted unsourced, extracted) for each gold figure.

    The verdict is the scorer's own output: a FIG001 finding overlapping the gold span.
    """
    doc = document(body)
    flagged = [(f.start, f.end) for f in figures.score(doc, CONTEXT).findings if f.code == "FIG001"]
    found = [(f.start, f.end) for f in extract_all(doc)]
    results = []
    for start, end, unsourced in gold:
        predicted = any(s < end and start < e for s, e in flagged)
        results.append((unsourced, predicted, any(s < end and start < e for s, e in found)))
    return results


def extract_all(doc: Document) -> list[Figure]:
    """Every figure the extractor finds in the body, sentence by sentence."""
    view = doc.body
    threshold = float(figures.SETTINGS["large_count"])
    return [f for s in view.sentences for f in extract(view.text, s.start, s.end, threshold)]


def throughput(bodies: list[str]) -> float:
    """Articles per second through the scorer (document analysis included)."""
    started = time.perf_counter()
    for body in bodies:
        figures.score(document(body), CONTEXT)
    return len(bodies) / (time.perf_counter() - started)


def metrics(results: list[tuple[bool, bool, bool]]) -> dict[str, float]:
    """Precision, recall, F1 of the unsourced class, and accuracy."""
    tp = sum(g and p for g, p, _ in results)
    fp = sum(p and not g for g, p, _ in results)
    fn = sum(g and not p for g, p, _ in results)
    correct = sum(g == p for g, p, _ in results)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"p": precision, "r": recall, "f1": f1, "acc": correct / len(results) if results else 0.0}


def line(name: str, results: list[tuple[bool, bool, bool]]) -> str:
    """One table row: the scorer and the all-unsourced baseline on ``results``."""
    ours = metrics(results)
    base = metrics([(g, True, e) for g, _, e in results])
    missed = sum(not e for _, _, e in results)
    return (
        f"{name:<22}{len(results):>6}{missed:>7}  {ours['p']:.3f} {ours['r']:.3f} {ours['f1']:.3f} {ours['acc']:.3f}"
        f"   {base['p']:.3f} {base['r']:.3f} {base['f1']:.3f} {base['acc']:.3f}"
    )


def main() -> int:
    """Run the evaluation and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=corpora.DATA)
    args = parser.parse_args()
    path = args.data / RELATIVE
    if not path.is_file():
        print(f"eval_figures: data file not found: {path}", file=sys.stderr)
        return 2
    articles = load(path)
    rebuilt = {name: rebuild(rows) for name, rows in articles.items()}
    judged = {name: judge(body, gold) for name, (body, gold) in rebuilt.items()}
    by_publisher: dict[str, list[tuple[bool, bool, bool]]] = defaultdict(list)
    for name, results in judged.items():
        by_publisher[articles[name][0]["publisher"]].extend(results)
    print(f"{'':<22}{'figs':>6}{'missed':>7}  scorer (unsourced P R F1, acc)   baseline all-unsourced")
    everything = [r for rs in judged.values() for r in rs]
    print(line("all", everything))
    print(line("all, missed=unsourced", [(g, p or not e, e) for g, p, e in everything]))
    tuned = [r for p in TUNED_ON for r in by_publisher[p]]
    held = [r for p, rs in by_publisher.items() if p not in TUNED_ON for r in rs]
    print(line("tuned publishers", tuned))
    print(line("other publishers", held))
    for publisher in sorted(by_publisher):
        print(line(f"  {publisher}", by_publisher[publisher]))
    bodies = [body for body, _ in rebuilt.values()]
    rate = throughput(bodies)
    megabytes = sum(len(b) for b in bodies) / 1e6 / (len(bodies) / rate)
    print(f"throughput: {rate:.1f} articles/s ({megabytes:.2f} MB/s), {len(bodies)} articles")
    return 0


if __name__ == "__main__":
    sys.exit(main())

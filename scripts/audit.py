"""Per-rule precision on the findings audit: judged findings on real news, re-checked.

``docs/audit/findings.jsonl`` holds findings that a person judged right or wrong, one
per line, as corpus file, batch, record id, field, character offsets, rule, verdict and
a one-line reason (never the corpus text). This script re-runs copydesk over each
corpus exactly as the audit did (a whole file as one batch, or only its ``intact`` rows
for the BBC pairs file, fed on standard input), and for every rule prints:

* how many audited findings still fire (same rule, same record, same field, same span),
  and the precision among those, with a Wilson 95 % interval;
* how many audited findings no longer fire, split by their verdict (a wrong one that
  stopped is a fix; a correct one that stopped is a lost true finding);
* how many of today's findings of the rule on the development corpora (``DEV_BATCHES``,
  always scored) are not in the audit yet (sample and judge some with ``--unaudited
  RULE`` to keep the audit representative); none means the audit is a census of the rule.

    .venv/bin/python scripts/audit.py [--data ../shared/data] [--rule HDG002]
    .venv/bin/python scripts/audit.py --unaudited HDG002 --limit 20   # context on stderr
    .venv/bin/python scripts/audit.py --unaudited HDG003 --also attribution/polnear_sentences.jsonl:articles
    .venv/bin/python scripts/audit.py --write-docs [--keep-evaluations] [--rule TRN003 ...]

``--write-docs`` regenerates what the rule docs say was measured: each rule's precision
on this audit (with its interval) and the summary lines of its public evaluation
(``scripts/eval_*.py``, run here), into ``core/data/precision.json`` (shown by
``copydesk explain``) and ``docs/audit/precision.md``. ``--keep-evaluations`` reuses the
evaluation lines already in the file and only re-runs the audit. With ``--rule``, only the
rules named are re-measured (their audit, and their evaluations unless
``--keep-evaluations``); every other rule keeps its entry as on file.

A batch is ``file`` (the whole file), a label (``intact``: only those rows), or
``articles`` (articles rebuilt from a corpus of sentences or blocks: PolNeAR, L3S-GN1).
"""

from __future__ import annotations

import argparse
import functools
import json
import math
import random
import subprocess
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import measured

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data"
AUDIT = REPO / "docs" / "audit" / "findings.jsonl"
#: The generated measurements ``copydesk explain`` shows, and their table in the docs.
MEASURED = REPO / "core" / "data" / "precision.json"
MEASURED_DOC = REPO / "docs" / "audit" / "precision.md"
WRITE_COMMAND = "scripts/audit.py --write-docs"

Key = tuple[str, str, str, str, str]  # corpus, batch, id, field, rule
#: The development corpora every run scores, so that each rule's count of unaudited
#: findings covers all of them (zero unaudited: the audit is a census of the rule).
DEV_BATCHES = (
    ("attribution/polnear_sentences.jsonl", "articles"),
    ("boilerplate/l3s_gn1_blocks.jsonl", "articles"),
    ("reliability/fa_kes.jsonl", "file"),
    ("reliability/fakenewsnet_old_politifact_buzzfeed.jsonl", "file"),
    ("reliability/perezrosas2018_fakenewsamt_celebrity.jsonl", "file"),
    ("reliability/xsum_ai.jsonl", "file"),
    ("truncation/bbc_truncation_pairs.jsonl", "file"),
    ("truncation/bbc_truncation_pairs.jsonl", "intact"),
)


@dataclass(frozen=True)
class Verdict:
    """One audited finding."""

    corpus: str
    batch: str
    id: str
    field: str
    start: int
    end: int
    rule: str
    verdict: str
    reason: str

    @property
    def key(self) -> Key:
        return (self.corpus, self.batch, self.id, self.field, self.rule)


def load_audit(path: Path) -> list[Verdict]:
    """Every audited finding in the file."""
    with path.open(encoding="utf-8") as handle:
        return [Verdict(**json.loads(line)) for line in handle if line.strip()]


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """Wilson score interval for k successes in n trials."""
    if n == 0:
        return (0.0, 1.0)
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return (max(0.0, centre - half), min(1.0, centre + half))


def rebuilt(data: Path, corpus: str) -> list[dict[str, str]]:
    """Whole articles rebuilt from a corpus of sentences or blocks (batch ``articles``).

    PolNeAR: an article's sentences in order, joined by spaces (as
    ``scripts/eval_figures.py`` rebuilds them). L3S-GN1: a page's headline as title and
    its full-text blocks as paragraphs. An article annotated twice (PolNeAR) is kept once.
    """
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    with (data / corpus).open(encoding="utf-8") as handle:
        for row in map(json.loads, handle):
            groups[row.get("article") or row.get("page") or row["id"]].append(row)
    seen: set[str] = set()
    records = []
    for name, rows in groups.items():
        if "page" in rows[0]:
            title = " ".join(r["text"] for r in rows if r["label"] == "headline")
            text = "\n\n".join(r["text"] for r in rows if r["label"] == "fulltext")
        else:
            title, text = "", " ".join(r["text"].replace("\n", " ").replace("\r", " ") for r in rows)
        if text.strip() and text not in seen:
            seen.add(text)
            records.append({"id": name, "title": title, "text": text})
    return records


def batch_records(data: Path, corpus: str, batch: str) -> list[dict[str, Any]]:
    """The records one audited batch is made of (a whole file, a label's rows, or rebuilt articles)."""
    if batch == "articles":
        return rebuilt(data, corpus)
    with (data / corpus).open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    return rows if batch == "file" else [row for row in rows if row.get("label") == batch]


def batch_input(data: Path, corpus: str, batch: str) -> tuple[list[str], str | None]:
    """The copydesk arguments and standard input that reproduce one audited batch."""
    path = data / corpus
    if batch == "file":
        return [str(path)], None
    rows = batch_records(data, corpus, batch)
    return ["-"], "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)


@functools.cache
def every_rule() -> list[str]:
    """``--select`` selectors that turn every rule on, the opt-in ones (named by code) too."""
    command = [sys.executable, "-m", "copydesk", "rules", "--format", "json"]
    rules = json.loads(subprocess.run(command, capture_output=True, text=True, check=True).stdout)["rules"]
    return ["--select", ",".join(["ALL", *(rule["code"] for rule in rules if rule["opt_in"])])]


def run_batch(data: Path, corpus: str, batch: str) -> list[dict[str, Any]]:
    """Score one batch with the installed copydesk, every rule on; its articles from the JSON report."""
    args, stdin = batch_input(data, corpus, batch)
    command = [sys.executable, "-m", "copydesk", "score", *args, "-f", "json", *every_rule()]
    done = subprocess.run(command, input=stdin, capture_output=True, text=True, check=False)
    if done.returncode not in (0, 2):
        sys.exit(f"audit: copydesk failed on {corpus} ({batch}): {done.stderr.strip()[:300]}")
    articles: list[dict[str, Any]] = json.loads(done.stdout)["articles"]
    return articles


def current_findings(data: Path, batches: Iterable[tuple[str, str]]) -> dict[Key, set[tuple[int, int]]]:
    """Today's findings of every audited batch, as spans per (corpus, batch, id, field, rule)."""
    found: dict[Key, set[tuple[int, int]]] = defaultdict(set)
    for corpus, batch in sorted(set(batches)):
        for article in run_batch(data, corpus, batch):
            for finding in article["findings"]:
                where = finding["location"]
                key = (corpus, batch, article["id"], where["field"], finding["code"])
                found[key].add((where["start"], where["end"]))
    return found


def rule_stats(audit: list[Verdict], found: dict[Key, set[tuple[int, int]]], rule: str) -> dict[str, Any]:
    """One rule's audit figures: audited, firing, correct, precision, interval, stopped, unaudited."""
    rows = [r for r in audit if r.rule == rule]
    firing = [r for r in rows if (r.start, r.end) in found.get(r.key, set())]
    stopped = Counter(r.verdict for r in rows if r not in firing)
    correct = sum(r.verdict == "correct" for r in firing)
    low, high = wilson(correct, len(firing))
    audited_spans = {(r.key, (r.start, r.end)) for r in audit}
    unaudited = sum(
        1 for key, spans in found.items() if key[4] == rule for span in spans if (key, span) not in audited_spans
    )
    return {
        "audited": len(rows),
        "firing": len(firing),
        "correct": correct,
        "precision": round(correct / len(firing), 3) if firing else None,
        "interval": [round(low, 2), round(high, 2)],
        "stopped_correct": stopped["correct"],
        "stopped_wrong": stopped["wrong"],
        "unaudited": unaudited,
    }


def table(audit: list[Verdict], found: dict[Key, set[tuple[int, int]]], rules: set[str]) -> list[str]:
    """The per-rule precision table, one line per rule."""
    lines = [
        f"{'rule':8} {'audited':>7} {'firing':>6} {'correct':>7} {'precision':>9}  {'95% CI':13}"
        f" {'stopped (correct/wrong)':>23} {'unaudited':>9}"
    ]
    for rule in sorted(rules):
        st = rule_stats(audit, found, rule)
        precision = f"{st['precision']:.3f}" if st["firing"] else "-"
        low, high = st["interval"]
        lines.append(
            f"{rule:8} {st['audited']:7} {st['firing']:6} {st['correct']:7} {precision:>9}  [{low:.2f}, {high:.2f}]"
            f" {st['stopped_correct']:>14}/{st['stopped_wrong']:<8} {st['unaudited']:9}"
        )
    return lines


def write_docs(
    args: argparse.Namespace, audit: list[Verdict], found: dict[Key, set[tuple[int, int]]], only: set[str] | None
) -> None:
    """Regenerate core/data/precision.json and docs/audit/precision.md from the audit and the evaluations.

    With ``only`` (``--rule``), only those rules are re-measured (their audit, and their
    evaluations unless ``--keep-evaluations``); every other rule keeps its entry on file.
    """
    on_file: dict[str, Any] = {}
    if MEASURED.is_file():
        on_file = json.loads(MEASURED.read_text(encoding="utf-8"))["rules"]
    if only and not on_file:
        sys.exit(f"audit: --rule with --write-docs keeps the other rules from {MEASURED}, which is missing")
    if args.keep_evaluations:
        lines = measured.evaluation_lines(args.data, on_file, rerun=set())
    elif only:
        rerun = {e.shown for code in only if isinstance(e := measured.EVALUATIONS.get(code), measured.Evaluation)}
        lines = measured.evaluation_lines(args.data, on_file, rerun=rerun)
    else:
        lines = measured.evaluation_lines(args.data, None)
    rules = measured_rules(audit, found, only, on_file, lines)
    measured.write(MEASURED, MEASURED_DOC, rules, WRITE_COMMAND)
    print(f"wrote {MEASURED.relative_to(REPO)} and {MEASURED_DOC.relative_to(REPO)} ({len(rules)} rules)")


def measured_rules(
    audit: list[Verdict],
    found: dict[Key, set[tuple[int, int]]],
    only: set[str] | None,
    on_file: dict[str, Any],
    lines: dict[str, list[str]],
) -> dict[str, dict[str, Any]]:
    """Every rule's entry: re-measured when in ``only`` (or ``only`` is None), else its audit as on file.

    A rule with no audited finding has no audit entry, unless it has no finding at all
    on the development corpora today (a census of nothing).
    """
    audited = {r.rule for r in audit}
    rules = {}
    for code in sorted(audited | set(measured.EVALUATIONS) | set(on_file if only else ())):
        if only is None or code in only:
            stats: dict[str, Any] | None = rule_stats(audit, found, code)
            if code not in audited and stats is not None and stats["unaudited"]:
                stats = None
        else:
            stats = on_file.get(code, {}).get("audit")
        rules[code] = measured.rule_entry(stats, code, lines)
    return rules


def show_unaudited(
    data: Path,
    audit: list[Verdict],
    found: dict[Key, set[tuple[int, int]]],
    rule: str,
    limit: int,
    seed: int = 20261202,
) -> None:
    """Print a seeded sample of today's unaudited findings of ``rule`` with context (stderr only), the span in [[ ]]."""
    audited = {(r.key, (r.start, r.end)) for r in audit}
    todo = sorted((key, span) for key, spans in found.items() if key[4] == rule for span in spans)
    todo = [item for item in todo if item not in audited]
    random.Random(seed).shuffle(todo)
    texts: dict[tuple[str, str], dict[str, dict[str, Any]]] = {}
    for (corpus, batch, *_), _span in todo[:limit]:
        if (corpus, batch) not in texts:
            texts[corpus, batch] = {row["id"]: row for row in batch_records(data, corpus, batch)}
    for key, (start, end) in todo[:limit]:
        corpus, batch, ident, field, _ = key
        text = texts[corpus, batch][ident].get(field, "")
        context = f"{text[max(0, start - 200) : start]}[[{text[start:end]}]]{text[end : end + 200]}".replace(
            "\n", " / "
        )
        print(
            json.dumps(
                {
                    "corpus": corpus,
                    "batch": batch,
                    "id": ident,
                    "field": field,
                    "start": start,
                    "end": end,
                    "rule": rule,
                }
            ),
            file=sys.stderr,
        )
        print(f"    ...{context}...\n", file=sys.stderr)


def main() -> None:
    """Print the per-rule table (or the unaudited sample)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--audit", type=Path, default=AUDIT)
    parser.add_argument("--rule", action="append", help="only these rules (repeatable)")
    parser.add_argument("--unaudited", metavar="RULE", help="print today's unaudited findings of RULE on stderr")
    parser.add_argument("--limit", type=int, default=20)
    parser.add_argument("--seed", type=int, default=20261202, help="shuffle for --unaudited (a fresh sample)")
    parser.add_argument(
        "--also",
        action="append",
        default=[],
        metavar="CORPUS:BATCH",
        help="score this batch too (e.g. attribution/polnear_sentences.jsonl:articles) to sample from it",
    )
    parser.add_argument("--write-docs", action="store_true", help="regenerate the measured precision in the docs")
    parser.add_argument(
        "--keep-evaluations", action="store_true", help="with --write-docs: reuse the evaluation lines on file"
    )
    args = parser.parse_args()
    if not (args.data / "reliability").is_dir():
        sys.exit(f"audit: no corpora at {args.data} (give --data)")
    audit = load_audit(args.audit)
    rules = set(args.rule or {r.rule for r in audit})
    audit = [r for r in audit if r.rule in rules or r.rule == args.unaudited]
    extra = [tuple(item.rsplit(":", 1)) for item in args.also]
    batches = [(r.corpus, r.batch) for r in audit] + list(DEV_BATCHES) + [(c, b) for c, b in extra]
    found = current_findings(args.data, batches)
    if args.write_docs:
        write_docs(args, audit, found, set(args.rule) if args.rule else None)
        return
    if args.unaudited:
        show_unaudited(args.data, audit, found, args.unaudited, args.limit, args.seed)
        return
    print(f"Findings audit: {len(audit)} judged findings ({args.audit.relative_to(REPO)})")
    print("\n".join(table(audit, found, rules)))


if __name__ == "__main__":
    main()

"""Measure the credits of the shipped model: what a typical value earns, and the BBC articles at 100.

Usage: .venv/bin/python scripts/credits.py [--data /work/shared/data] [-j 2]

Prints, for ``core/data/model.json``: how many features give a credit (a negative rarity
cost) at their own professional median, and the weighted sum ``z`` (and score) of an
article at the median of every feature. Then it scores the intact BBC articles of
``truncation/bbc_truncation_pairs.jsonl`` (``copydesk score -f jsonl``) and prints how
many score exactly 100.0, how many of those carry a warning (or an error) finding, the
most warnings any of them carries, and how many of them have a feature beyond the
reference's 90th percentile (a rarity cost above ln 5). docs/scoring.md, section 2,
quotes its output.
"""

from __future__ import annotations

import argparse
import json
import math
import subprocess
import sys
import tempfile
from pathlib import Path

import corpora
from copydesk.model import rarity_cost
from copydesk.modelfile import load_model, packaged_model_path

PAIRS = Path("truncation") / "bbc_truncation_pairs.jsonl"


def typical(out: list[str]) -> None:
    """The credits at the median: features crediting it, and ``z`` of an article at every median."""
    model = load_model(packaged_model_path())
    costs = {f: rarity_cost(f, f.quantiles[50], model.reference_size) for f in model.features}
    crediting = [f for f, c in costs.items() if c < -0.01]
    largest = [f for f in crediting if abs(costs[f] + math.log(2)) < 1e-9]
    zero = sum(1 for f in largest if f.direction == "problem" and f.quantiles[50] == 0)
    medians = {f.key: f.quantiles[50] for f in model.features}
    out.append(
        f"{len(crediting)} of {len(model.features)} features credit their own median;"
        f" {len(largest)} of them the largest credit, -ln 2 ({zero} of those are problem features with a median of 0)"
    )
    out.append(
        f"an article at the median of every feature: z = {model.z(medians):.2f}, score {model.score(medians).score:.1f}"
    )


def at_hundred(data: Path, jobs: int, out: list[str]) -> None:
    """Score the intact BBC articles; count those at 100.0, with warnings, and with a feature beyond p90."""
    model = load_model(packaged_model_path())
    norms = {f.key: f for f in model.features}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bbc_intact.jsonl"
        with path.open("w", encoding="utf-8") as f:
            for row in corpora.rows(data / PAIRS):
                if row["id"].endswith(":intact"):
                    f.write(json.dumps({"id": row["id"], "text": row["text"]}) + "\n")
        done = subprocess.run(
            [sys.executable, "-m", "copydesk", "score", str(path), "-f", "jsonl", "-j", str(jobs)],
            capture_output=True,
            text=True,
            check=True,
        )
    reports = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
    hundred = [r for r in reports if r["score"] == 100.0]
    warned = [sum(f["severity"] in ("warning", "error") for f in r["findings"]) for r in hundred]
    beyond = 0
    for r in hundred:
        values = {f"{s['name']}.{k}": v for s in r["scorers"] for k, v in s["features"].items()}
        costs = [rarity_cost(norms[k], v, model.reference_size) for k, v in values.items() if k in norms]
        beyond += any(c > math.log(5) for c in costs)
    share = 100 * len(hundred) / len(reports)
    out.append(f"BBC intact articles scoring exactly 100.0: {len(hundred)} of {len(reports)} ({share:.1f} %)")
    out.append(
        f"of those, {sum(1 for n in warned if n)} carry at least one warning (at most {max(warned, default=0)}),"
        f" and {beyond} have a feature beyond the reference's 90th percentile (cost > ln 5)"
    )


def main(argv: list[str] | None = None) -> int:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=corpora.DATA, help="the shared data directory")
    parser.add_argument("-j", "--jobs", type=int, default=2, help="scoring processes")
    args = parser.parse_args(argv)
    out: list[str] = []
    typical(out)
    at_hundred(args.data, args.jobs, out)
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

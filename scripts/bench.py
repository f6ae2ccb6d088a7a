"""Benchmark a whole copydesk run: articles per second and peak memory.

Generates a JSONL batch from the seed articles (each copy's sentences shuffled with a
fixed seed, so no two articles are identical), then scores it through the same code
path as ``copydesk score FILE -f jsonl`` in a child process per configuration, and
prints wall time, articles/second and the child's peak resident memory.

    .venv/bin/python scripts/bench.py --articles 2000 --workers 1 2
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def generate(path: Path, count: int, seed: int = 7) -> int:
    """Write ``count`` articles built from shuffled seed sentences; return bytes written."""
    rng = random.Random(seed)
    seeds = [p.read_text(encoding="utf-8").split("\n") for p in sorted((REPO / "seeds").glob("*.txt"))]
    with path.open("w", encoding="utf-8") as out:
        for i in range(count):
            lines = list(seeds[i % len(seeds)])
            title, body = lines[0], lines[1:]
            rng.shuffle(body)
            out.write(json.dumps({"id": f"gen-{i}", "title": f"{title} #{i}", "text": "\n".join(body)}) + "\n")
    return path.stat().st_size


def run(path: Path, workers: int, disable: list[str]) -> tuple[float, float]:
    """Score the file in a child process; return (seconds, peak RSS in MiB)."""
    args = [sys.executable, "-m", "copydesk", "score", str(path), "-f", "jsonl", "--workers", str(workers)]
    for name in disable:
        args += ["--disable", name]
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    proc = subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=REPO)
    seconds = time.perf_counter() - started
    if proc.returncode not in (0, 1):
        raise SystemExit(f"bench: copydesk exited {proc.returncode}: {proc.stderr.decode().strip()[:300]}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, max(peak, before) / 1024.0


def main() -> None:
    """Parse arguments, generate the batch, time each configuration."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--disable", action="append", default=[], help="plugins to leave out (repeatable)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "batch.jsonl"
        size = generate(path, args.articles)
        print(
            f"batch: {args.articles} articles, {size / 1e6:.1f} MB of JSONL (~{size // args.articles // 6} words each)"
        )
        for workers in args.workers:
            seconds, rss = run(path, workers, args.disable)
            print(
                f"workers={workers}: {seconds:.1f} s, {args.articles / seconds:.0f} articles/s, peak RSS {rss:.0f} MiB"
            )


if __name__ == "__main__":
    main()

"""Benchmark whole copydesk runs: articles per second and per CPU-second, the ratio to one regex pass, peak memory.

Generates a JSONL batch from the seed articles (each copy's sentences shuffled with a
fixed seed, so no two articles are identical), times a one-``\\w+``-regex pass over the
same articles in this process (the yardstick: CPU time a trivial pass needs), then
scores the batch with ``copydesk score FILE -f jsonl`` in a child process per
configuration: ``-j 1``, ``-j 2``, and a local Dask cluster (``--executor``) with one
and with two worker processes. For each it prints wall seconds, articles per second,
articles per CPU-second (the child and its workers; for the cluster, the client and
the cluster's processes), that CPU time as a multiple of the regex pass, and the peak
resident memory of the largest process of the run (the ``copydesk`` process or a worker).

    .venv/bin/python scripts/bench.py                  # 1,000 articles
    .venv/bin/python scripts/bench.py --large          # 100,000 articles too (hours: see docs/scale.md)
    .venv/bin/python scripts/bench.py --articles 5000 --modes j1 j2
    .venv/bin/python scripts/bench.py --articles 10000 --generate /tmp/b10k.jsonl   # the batch only
    .venv/bin/python scripts/bench.py --modes j1 j2 --against ../before   # this tree vs another checkout
    .venv/bin/python scripts/bench.py --modes j1 --format text             # the terminal report instead of JSONL

``--against DIR`` times another checkout of copydesk (with its own ``DIR/.venv``) on the
same batch in the same run, each local mode (``j1``, ``j2``; a local Dask cluster's
workers would run this tree's code) in ``--pairs`` pairs (default 2) whose first tree
alternates, and prints this tree's articles per CPU-second as a multiple of that one's,
from the CPU seconds summed over the pairs: a before/after speed-up that depends neither
on how busy the machine was at two different moments nor on which tree ran first (the
second of a pair measured 5-10 % slower here, a checkout timed against itself). ``--format``
writes another report format than ``jsonl`` (``json``, ``text``; to standard output, discarded,
as for ``jsonl``), for the cost of rendering it.

``--bytecode`` times the runs as an installed copydesk runs: this machine's environment sets
``PYTHONDONTWRITEBYTECODE=1`` and a checkout has no ``__pycache__``, so every run compiles
copydesk's sources again (about 0.2 s of CPU at start-up, serial before any worker starts,
which an installed wheel never pays). With it, the children keep their bytecode in a temporary
``PYTHONPYCACHEPREFIX`` (no checkout is written to) and each tree is run once untimed first.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
WORD = re.compile(r"\w+")
MODES = ("j1", "j2", "dask1", "dask2")


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


def regex_seconds(path: Path) -> float:
    """CPU seconds of one ``\\w+`` pass over every article's title and text (JSON parsing not counted)."""
    texts = [(r["title"], r["text"]) for r in map(json.loads, path.open(encoding="utf-8"))]
    started = time.process_time()
    words = 0
    for title, text in texts:
        words += len(WORD.findall(title)) + len(WORD.findall(text))
    return time.process_time() - started


def _tree_cpu(pids: list[int]) -> float:
    """CPU seconds so far of processes ``pids`` and their children (psutil, installed with distributed)."""
    import psutil

    total = 0.0
    for pid in pids:
        try:
            proc = psutil.Process(pid)
            for p in [proc, *proc.children(recursive=True)]:
                times = p.cpu_times()
                total += times.user + times.system
        except psutil.NoSuchProcess:
            continue
    return total


@contextmanager
def cluster(workers: int) -> Iterator[tuple[str, list[int]]]:
    """A local Dask cluster with ``workers`` single-threaded worker processes: its address and pids."""
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as lc:
        with Client(lc) as client:
            pids = list(client.run(os.getpid).values())
        yield "dask://" + lc.scheduler_address.removeprefix("tcp://"), pids


def run(path: Path, mode: str, tree: Path = REPO, output: str = "jsonl") -> dict[str, float]:
    """Score the file in a child process in ``mode`` with the checkout ``tree``; wall and CPU seconds, peak RSS (MiB).

    The child runs in ``tree`` (its configuration file, its ``.venv``; this interpreter for this tree)
    and writes the report in the format ``output`` to standard output (discarded).
    """
    python = sys.executable if tree == REPO else str(tree / ".venv" / "bin" / "python")
    args = [python, "-m", "copydesk", "score", str(path), "-f", output]
    if mode.startswith("j"):
        return _child([*args, "-j", mode[1:]], [], tree)
    with cluster(int(mode[4:])) as (address, pids):
        return _child([*args, "--executor", address], pids, tree)


#: Runs a command and writes its exit status, the peak RSS (KiB) of the largest of its processes
#: (the command and the workers it waited for) and their CPU seconds to the file argv[1]. A
#: wrapper per run, because RUSAGE_CHILDREN's peak in this process would be that of every
#: earlier run too.
MEASURE = (
    "import resource, subprocess, sys\n"
    "rc = subprocess.call(sys.argv[2:], stdout=subprocess.DEVNULL)\n"
    "r = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "open(sys.argv[1], 'w').write(f'{rc} {r.ru_maxrss} {r.ru_utime + r.ru_stime}')\n"
)


def _child(args: list[str], cluster_pids: list[int], tree: Path) -> dict[str, float]:
    cluster_before = _tree_cpu(cluster_pids)
    with tempfile.NamedTemporaryFile("r") as measured:
        started = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, "-c", MEASURE, measured.name, *args], stderr=subprocess.PIPE, cwd=tree, check=False
        )
        wall = time.perf_counter() - started
        code, maxrss, cpu = measured.read().split()
    if int(code) not in (0, 1):
        raise SystemExit(f"bench: copydesk exited {code}: {proc.stderr.decode().strip()[:300]}")
    return {"wall": wall, "cpu": float(cpu) + _tree_cpu(cluster_pids) - cluster_before, "rss": int(maxrss) / 1024.0}


def _line(label: str, count: int, r: dict[str, float], regex: float) -> str:
    return (
        f"{label:>6}: {r['wall']:7.1f} s wall, {count / r['wall']:7.1f} articles/s, "
        f"{count / r['cpu']:7.1f} articles/CPU-s ({r['cpu'] / regex:5.0f}x the regex pass), "
        f"peak RSS {r['rss']:.0f} MiB"
    )


def _paired(mode: str, count: int, path: Path, against: Path, output: str, regex: float, pairs: int) -> dict[str, Any]:
    """Time ``mode`` on both trees ``pairs`` times, the first tree alternating (ABBA...); print each and the ratio.

    The tree that runs second in a pair was measured 5-10 % slower on this machine whatever its
    code (a checkout timed against itself), so one pair cannot tell a change from the order;
    the ratio printed last is of the CPU seconds summed over every pair.
    """
    cpu = {against: 0.0, REPO: 0.0}
    last: dict[Path, dict[str, float]] = {}
    for i in range(pairs):
        order = [against, REPO] if i % 2 == 0 else [REPO, against]
        last = {tree: run(path, mode, tree, output) for tree in order}
        for tree in order:
            cpu[tree] += last[tree]["cpu"]
        print(_line(mode, count, last[against], regex) + f"  [{against}]")
        print(_line(mode, count, last[REPO], regex) + "  [this tree]")
        first = "it" if order[0] == against else "this tree"
        print(f"{mode:>6}: pair {i + 1} ({first} first): {last[against]['cpu'] / last[REPO]['cpu']:.2f}x")
    print(f"{mode:>6}: this tree / {against}: {cpu[against] / cpu[REPO]:.2f}x articles per CPU-second ({pairs} pairs)")
    return last[REPO]


def report(
    count: int, path: Path, modes: list[str], against: Path | None = None, output: str = "jsonl", pairs: int = 2
) -> None:
    """Print one line per mode for a batch of ``count`` articles, and the speed-ups (and against another tree)."""
    size = path.stat().st_size
    regex = regex_seconds(path)
    print(
        f"batch: {count} articles, {size / 1e6:.1f} MB of JSONL; one \\w+ pass: {count / regex:,.0f} articles/CPU-s; "
        f"report format {output}"
    )
    load = os.getloadavg()
    print(f"load average before: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} on {os.cpu_count()} CPUs")
    results: dict[str, dict[str, Any]] = {}
    for mode in modes:
        if against is None:
            results[mode] = run(path, mode, output=output)
            print(_line(mode, count, results[mode], regex))
            continue
        results[mode] = _paired(mode, count, path, against, output, regex, pairs)
    for fast, slow in (("j2", "j1"), ("dask2", "dask1")):
        if fast in results and slow in results:
            print(f"speed-up {fast}/{slow}: {results[slow]['wall'] / results[fast]['wall']:.2f}x (wall clock)")
    load = os.getloadavg()
    print(f"load average after: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")


def main() -> None:
    """Parse arguments, generate the batches, time each mode."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--large", action="store_true", help="also 100,000 articles (long)")
    parser.add_argument("--modes", nargs="+", choices=MODES, default=list(MODES))
    parser.add_argument("--generate", metavar="PATH", help="only write the batch of --articles to PATH")
    parser.add_argument(
        "--format", default="jsonl", choices=("jsonl", "json", "text"), help="the report format written"
    )
    parser.add_argument(
        "--against", metavar="DIR", type=Path, help="also time the checkout DIR (with DIR/.venv) in the same run"
    )
    parser.add_argument(
        "--pairs", type=int, default=2, help="with --against: timed pairs per mode, first tree alternating (default 2)"
    )
    parser.add_argument(
        "--bytecode", action="store_true", help="runs read compiled bytecode, as an installed copydesk does (see above)"
    )
    args = parser.parse_args()
    if args.against and not (args.against / ".venv" / "bin" / "python").exists():
        parser.error(f"--against {args.against}: no .venv/bin/python there (run `make` in that checkout)")
    if args.against and any(mode.startswith("dask") for mode in args.modes):
        # The local cluster's workers are started from this interpreter, so they would score
        # with this tree's code for both trees: compare Dask runs by running bench.py in each.
        parser.error("--against times the local modes only: add --modes j1 j2")
    if args.generate:
        size = generate(Path(args.generate), args.articles)
        print(f"wrote {args.generate}: {args.articles} articles, {size / 1e6:.1f} MB")
        return
    counts = [args.articles, 100_000] if args.large else [args.articles]
    with tempfile.TemporaryDirectory() as tmp:
        against = args.against.resolve() if args.against else None
        if args.bytecode:
            _cache_bytecode(Path(tmp), [REPO] if against is None else [REPO, against])
        for count in counts:
            path = Path(tmp) / f"batch-{count}.jsonl"
            generate(path, count)
            report(count, path, args.modes, against, args.format, args.pairs)


def _cache_bytecode(tmp: Path, trees: list[Path]) -> None:
    """Let the children (and a local cluster's workers) write and read bytecode under ``tmp``; fill it by one run per tree."""
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")
    warm = tmp / "warm-up.jsonl"
    generate(warm, 20)
    for tree in trees:
        run(warm, "j2", tree)
    print(f"bytecode: cached under {tmp / 'pycache'} by one untimed run per tree")


if __name__ == "__main__":
    main()

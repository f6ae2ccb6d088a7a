"""Run a command and report the peak memory of its whole process tree, of its main process and of its largest child.

A copydesk run is a tree of processes: the main process (reading, writing, the report),
one keeper per batch-pass scorer holding that scorer's state (:mod:`copydesk.keepers`)
and the worker processes (:class:`copydesk.pool.Pool`). Forked children share the
pages they inherited until either side writes to them, so adding up resident sizes
counts those pages once per process. This script polls /proc (through psutil) every
0.1 s, so a peak shorter than that can be missed, and prints:

- ``main``: the main process's peak RSS;
- ``largest child``: the peak RSS of the largest single keeper or worker;
- ``tree RSS``: the peak over the polls of the RSS summed over every process of the
  tree (shared pages counted once per process: an upper bound);
- ``tree PSS``: the peak of the proportional set size summed over the tree (each
  shared page split between the processes sharing it, so counted once: what the tree
  as a whole takes from the machine);
- ``processes``: the most processes alive at once;
- ``children``: each child's peak RSS, in the order they started (for ``copydesk score``
  at ``-j 1``: the keepers, one per batch-pass scorer in the scorers' order, then the
  batch pass's worker, then the scoring pass's);
- ``maxrss_all``: the kernel's exact peak RSS of the largest process (any of them);
- ``CPU``: user and system time of the whole tree.

Used for the memory figures in the README and docs/scale.md, e.g.:

    .venv/bin/python scripts/bench.py --articles 10000 --generate /tmp/b10k.jsonl
    .venv/bin/python scripts/peak_memory.py .venv/bin/copydesk score /tmp/b10k.jsonl -f jsonl -j 1 -o /tmp/out.jsonl
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import time
from typing import Any

MIB = 2**20


def sample(root: Any, children: dict[int, tuple[float, int]]) -> tuple[int, int, int, int, int]:
    """One poll: main RSS, largest child RSS, RSS and PSS summed over the tree, processes alive.

    Each child's start time and peak RSS so far go into ``children``, by pid (a run is
    too short for a pid to come round again).
    """
    import psutil

    main = largest = rss = pss = alive = 0
    for number, process in enumerate([root, *root.children(recursive=True)]):
        try:
            memory = process.memory_full_info()  # reads /proc/PID/smaps_rollup: RSS and PSS
        except psutil.Error:
            continue
        if number == 0:
            main = memory.rss
        else:
            largest = max(largest, memory.rss)
            started, peak = children.get(process.pid, (process.create_time(), 0))
            children[process.pid] = (started, max(peak, memory.rss))
        rss, pss, alive = rss + memory.rss, pss + memory.pss, alive + 1
    return main, largest, rss, pss, alive


def main() -> None:
    """Run the command given, poll, print one line."""
    import psutil  # installed with distributed (the scale extra)

    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("command", nargs=argparse.REMAINDER, help="the command to run and measure, with its arguments")
    command = parser.parse_args().command
    if not command:
        parser.error("give the command to measure, e.g. .venv/bin/copydesk score FILE -f jsonl -j 1 -o OUT")
    started = time.monotonic()
    try:
        proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    except OSError as error:
        raise SystemExit(f"peak_memory: cannot run {command[0]}: {error.strerror}") from None
    root = psutil.Process(proc.pid)
    peaks = [0, 0, 0, 0, 0]
    children: dict[int, tuple[float, int]] = {}
    while proc.poll() is None:
        try:
            peaks = [max(p, s) for p, s in zip(peaks, sample(root, children), strict=True)]
        except psutil.Error:
            pass
        time.sleep(0.1)
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    main_peak, child_peak, tree_rss, tree_pss, processes = peaks
    print(
        f"exit {proc.returncode} after {time.monotonic() - started:.0f} s: main {main_peak / MIB:.1f} MiB, "
        f"largest child {child_peak / MIB:.1f} MiB, tree RSS {tree_rss / MIB:.1f} MiB, "
        f"tree PSS {tree_pss / MIB:.1f} MiB, processes {processes}, maxrss_all {usage.ru_maxrss / 1024:.1f} MiB, "
        f"CPU {usage.ru_utime + usage.ru_stime:.1f} s; children "
        + ", ".join(f"{peak / MIB:.1f}" for _, peak in sorted(children.values()))
        + " MiB"
    )


if __name__ == "__main__":
    main()

"""Run a command and report the peak resident memory of its main process and of its largest child, and its CPU time.

Polls /proc (through psutil) every 0.1 s, so a peak shorter than that can be missed;
the last figure, ``maxrss_all``, is the kernel's exact peak of the largest process.
Used for the memory figures in the README and docs/scale.md, e.g.:

    .venv/bin/python scripts/bench.py --articles 10000 --generate /tmp/b10k.jsonl
    .venv/bin/python scripts/peak_memory.py .venv/bin/copydesk score /tmp/b10k.jsonl -f jsonl -j 1 -o /tmp/out.jsonl
"""

from __future__ import annotations

import resource
import subprocess
import sys
import time


def main() -> None:
    """Run ``sys.argv[1:]``, poll, print one line."""
    import psutil  # installed with distributed (the scale extra)

    proc = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    root = psutil.Process(proc.pid)
    main_peak = child_peak = 0
    while proc.poll() is None:
        try:
            main_peak = max(main_peak, root.memory_info().rss)
            for child in root.children(recursive=True):
                try:
                    child_peak = max(child_peak, child.memory_info().rss)
                except psutil.Error:
                    continue
        except psutil.Error:
            pass
        time.sleep(0.1)
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(
        f"exit {proc.returncode}: main process peak {main_peak / 2**20:.1f} MiB, largest child "
        f"{child_peak / 2**20:.1f} MiB, maxrss_all {usage.ru_maxrss / 1024:.1f} MiB, "
        f"CPU {usage.ru_utime + usage.ru_stime:.1f} s"
    )


if __name__ == "__main__":
    main()

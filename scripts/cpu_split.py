"""Run ``copydesk ARGS...`` in this process and print the CPU time of the main process and of its workers.

Shows how much of a run is serial in the main process (start-up, reading, writing the
reports) against what the worker processes do, e.g. at ``-j 1`` and ``-j 2``:

    .venv/bin/python scripts/bench.py --articles 300 --generate /tmp/b300.jsonl
    .venv/bin/python scripts/cpu_split.py score /tmp/b300.jsonl -f jsonl -j 2 -o /tmp/out.jsonl
"""

from __future__ import annotations

import resource
import sys


def main() -> None:
    """Run the CLI with ``sys.argv[1:]``; print the two CPU times to stderr."""
    sys.argv = ["copydesk", *sys.argv[1:]]
    from copydesk.cli import main as copydesk

    try:
        copydesk()
    except SystemExit:
        pass
    own = resource.getrusage(resource.RUSAGE_SELF)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(
        f"main process {own.ru_utime + own.ru_stime:.2f} s CPU, workers {workers.ru_utime + workers.ru_stime:.2f} s CPU",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()

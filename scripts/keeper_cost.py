"""What the batch-pass keepers cost: the batch pass with each scorer's pass in a keeper, against in this process.

Runs the batch pass (``-j 1``) over PATHS ROUNDS times each way, alternately, and prints
the CPU time (this process and every child it reaped: the worker, the keepers) of each
run and the median difference; then the slowest call of each hook of each batch pass::

    .venv/bin/python scripts/keeper_cost.py 15 seeds/
"""

from __future__ import annotations

import contextlib
import resource
import statistics
import sys
import time
from collections.abc import Iterator
from typing import Any

from copydesk import batchpass, keepers
from copydesk.config import load_config
from copydesk.manager import load_plugins
from copydesk.runner import Runner
from copydesk.sources import Batch

#: The slowest call of each (scorer prefix, hook), in seconds, while passes are held here.
SLOWEST: dict[tuple[str, str], float] = {}


class Timed(keepers.Held):
    """A pass held in this process that records how long each call took."""

    def call(self, op: str, payload: Any) -> Any:
        """Run the call, timing it."""
        started = time.perf_counter()
        try:
            return super().call(op, payload)
        finally:
            key = (self.a.scorer.prefix, op)
            SLOWEST[key] = max(SLOWEST.get(key, 0.0), time.perf_counter() - started)


class HeldHere(batchpass.BatchRun):
    """The batch pass with every scorer's pass held in this process (no keeper)."""

    @contextlib.contextmanager
    def _held(self, timeout: float) -> Iterator[None]:
        self.passes = {a.scorer.prefix: Timed(a) for a in self.batchers}
        try:
            yield
        finally:
            self.passes = {}


def _cpu() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main() -> None:
    """``keeper_cost.py ROUNDS PATH...``: print CPU ms per batch pass each way, and the slowest calls."""
    rounds, paths = int(sys.argv[1]), sys.argv[2:]
    config = load_config()
    plugins = load_plugins()
    batch = Batch(paths, config.sources)
    spent: dict[str, list[float]] = {"in process": [], "keepers": []}
    for _ in range(rounds):
        for name, kind in (("in process", HeldHere), ("keepers", batchpass.BatchRun)):
            runner = Runner(plugins, config)
            started = _cpu()
            errors = kind(runner).run(iter(batch), 1, 60.0)
            spent[name].append(_cpu() - started)
            assert not errors, errors
    for name, values in spent.items():
        print(f"{name}: median {statistics.median(values) * 1000:.0f} ms CPU", [round(v * 1000) for v in values])
    extra = [k - h for k, h in zip(spent["keepers"], spent["in process"], strict=True)]
    print(f"keepers - in process: median {statistics.median(extra) * 1000:.0f} ms CPU per batch pass")
    for (prefix, op), seconds in sorted(SLOWEST.items()):
        print(f"{prefix} {op}: slowest call {seconds * 1000:.1f} ms")


if __name__ == "__main__":
    main()

"""CPU time of each built-in scorer on one sentence that never ends: linear or not.

The sentence is the conformance suite's ``run-on-sentence`` kind (written out here, so
the script also runs on a checkout that predates it): sources, hedges, figures and
quotations, repeated with no full stop; ``--kind number-runs`` times its run of digits,
commas and points with no space instead ("1,000.5,12,3." repeated). Each built-in
scorer is loaded alone and scores one article of 8,000, 32,000 and 128,000 characters
of it (batch pass included), in this process with the garbage collector paused; the
line gives the CPU seconds and the growth on 16 times the text (linear: about 16;
quadratic: about 256)::

    .venv/bin/python scripts/long_sentence.py [--kind number-runs]
    ../before/.venv/bin/python scripts/long_sentence.py   # another checkout's scorers
"""

from __future__ import annotations

import argparse
import gc
import time

from copydesk.manager import load_plugins
from copydesk.models import Article
from copydesk.runner import Runner
from copydesk.testing import config_for

UNIT = (
    'Sanders and others say it could fail, some senior officials said 40% may go, "we may" '
    "according to experts who believe 3,000 people were reportedly killed and "
)
#: The conformance suite's adversarial kinds this script times, each one's repeated unit.
UNITS = {"run-on-sentence": UNIT, "number-runs": "1,000.5,12,3."}
SIZES = (8_000, 32_000, 128_000)


def seconds(runner: Runner, size: int, unit: str = UNIT) -> float:
    """CPU seconds to score one article of ``size`` characters of ``unit`` repeated."""
    body = (unit * (size // len(unit) + 1))[:size]
    article = Article(id=f"run-on-{size}", title="", body=body)
    gc.collect()
    gc.disable()
    try:
        started = time.process_time()
        list(runner.run(lambda: iter([article])))
        return time.process_time() - started
    finally:
        gc.enable()


def main(argv: list[str] | None = None) -> int:
    """Print one line per built-in scorer: CPU seconds at each size and the growth on 16x the text."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kind", choices=sorted(UNITS), default="run-on-sentence", help="the text repeated")
    unit = UNITS[parser.parse_args(argv).kind]
    names = [info.name for info, _ in load_plugins().scorers]
    for name in names:
        plugins = load_plugins(disable=[other for other in names if other != name])
        [(_, scorer)] = plugins.scorers
        runner = Runner(plugins, config_for(plugins))
        runner.diagnosing = True  # score in this process (as the conformance suite times a scorer)
        times = [seconds(runner, size, unit) for size in SIZES]
        cells = ", ".join(f"{t:.3f}" for t in times)
        print(f"{scorer.prefix} {scorer.name:<12} {cells} s; x{times[-1] / max(times[0], 1e-9):.0f} on 16x the text")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Cold start: CPU time and peak memory of ``copydesk score`` on one article, from a fresh interpreter.

Runs ``python -m copydesk score ARTICLE -f json -o TMP`` (the first seed by default) in
a child process ``--runs`` times and reads the kernel's accounting of each run from
``os.wait4``: user + system CPU seconds of the run and of every worker it waited for,
and the peak resident memory of the largest of those processes (``ru_maxrss``). CPU
time, not wall time, so other load on the shared machine counts little; the median and
the range over the runs are printed. Bytecode is cached as an installed package has it
(a first, unmeasured run writes it to a temporary ``PYTHONPYCACHEPREFIX``, whatever
``PYTHONDONTWRITEBYTECODE`` says), so the figures do not include compiling the source.

To compare with another checkout in the same run, name it with ``--against``: a
directory holding that checkout's package as ``copydesk`` (with ``plugins`` inside it),
put ahead of the installed one on ``PYTHONPATH``; the two are run alternately, so a
change of load on the machine hits both alike. For the code of commit ``REV``::

    mkdir -p /tmp/before && git archive REV core plugins config.toml | tar -x -C /tmp/before
    mv /tmp/before/core /tmp/before/copydesk && mv /tmp/before/plugins /tmp/before/copydesk/
    .venv/bin/python scripts/cold_start.py --against /tmp/before

    .venv/bin/python scripts/cold_start.py                  # this checkout only, 7 runs
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEED = sorted((REPO / "seeds").glob("*.txt"))[0]


def run_once(article: Path, pythonpath: str | None, out: Path, cache: Path) -> tuple[float, float]:
    """CPU seconds (run and workers) and peak RSS in MiB (largest process) of one run."""
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(cache)
    if pythonpath:
        env["PYTHONPATH"] = pythonpath
    argv = [sys.executable, "-m", "copydesk", "score", str(article), "-f", "json", "-o", str(out)]
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        pid = os.posix_spawn(sys.executable, argv, env, file_actions=[(os.POSIX_SPAWN_DUP2, devnull, 1)])
    finally:
        os.close(devnull)
    _, status, usage = os.wait4(pid, 0)
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):  # 1: the article has findings above the fail threshold
        raise SystemExit(f"cold_start: copydesk exited {code} on {article}")
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main() -> None:
    """Run the variants alternately; print the median and range of each."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("article", type=Path, nargs="?", default=SEED, help="the article (default: the first seed)")
    parser.add_argument("--runs", type=int, default=7, help="runs per variant (default 7)")
    parser.add_argument("--against", help="PYTHONPATH directory holding another checkout's package as copydesk")
    args = parser.parse_args()
    variants: dict[str, str | None] = {"this checkout": None}
    if args.against:
        variants = {"against": args.against, **variants}
    results: dict[str, list[tuple[float, float]]] = {name: [] for name in variants}
    with tempfile.TemporaryDirectory() as tmp:
        for name, path in variants.items():  # writes the bytecode caches, as an installed package has them
            run_once(args.article, path, Path(tmp) / "out.json", Path(tmp) / name)
        for _ in range(args.runs):
            for name, path in variants.items():
                results[name].append(run_once(args.article, path, Path(tmp) / "out.json", Path(tmp) / name))
    print(f"scoring {args.article.name} from a cold start, {args.runs} runs each (median, range):")
    for name, rows in results.items():
        cpu, rss = [r[0] for r in rows], [r[1] for r in rows]
        print(
            f"  {name:14} CPU {statistics.median(cpu):.3f} s ({min(cpu):.3f}-{max(cpu):.3f}), "
            f"peak RSS {statistics.median(rss):.1f} MiB ({min(rss):.1f}-{max(rss):.1f})"
        )


if __name__ == "__main__":
    main()

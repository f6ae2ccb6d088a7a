"""Peak memory of one article with many findings, with and without the per-article cap.

Writes one text article of ``--lines`` lines, each of which the built-in scorers flag
about five times (a figure with no source, three hedges, a repeated template line),
then, for each ``--caps`` value, scores it with ``[run] max_findings_per_article`` set
to it (and no ``article_timeout``) under ``scripts/peak_memory.py`` and prints one line: the cap, the findings the
JSON report lists and leaves out, the score, the largest process's peak RSS (the
kernel's ``maxrss``) and the tree's peak PSS. The scores must be equal: the cap never
changes a score (:mod:`copydesk.quota`). With ``--plain``, an article of the same size
the scorers find almost nothing in is measured too (cap 1,000): what the text's analysis
takes without findings. Used for the README's Performance row, e.g.:

    .venv/bin/python scripts/many_findings.py --lines 40000 --caps 0 1000
    .venv/bin/python scripts/many_findings.py --lines 175000 --caps 1000 --plain
"""

from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
import tempfile
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parent
LINE = "Sales reportedly rose {n} percent, perhaps, some say.\n"


def write_article(path: Path, lines: int) -> int:
    """Write the article; return its size in bytes."""
    text = "A headline\n\n" + "".join(LINE.format(n=n) for n in range(lines))
    path.write_text(text, encoding="utf-8")
    return len(text.encode("utf-8"))


WORDS = "council mayor river bridge school teacher market budget street festival library museum doctor nurse".split()
VERBS = "visited repaired opened closed praised funded painted measured inspected moved".split()


def write_plain(path: Path, size: int) -> None:
    """Write an article of about ``size`` bytes of varied plain sentences (seeded: the same every time)."""
    pick = random.Random(1).choice
    lines, written = ["A headline", ""], 0
    while written < size:
        line = f"The {pick(WORDS)} {pick(VERBS)} the {pick(WORDS)} near the {pick(WORDS)} and the {pick(WORDS)}."
        lines.append(line)
        written += len(line) + 1
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def measure(article: Path, cap: int, folder: Path) -> str:
    """Score ``article`` under the cap, under peak_memory.py; one line of figures."""
    config, out = folder / f"cap{cap}.toml", folder / f"cap{cap}.json"
    # no article_timeout: a scorer stopped on a busy machine would lose its findings (a CD001), not measure them
    config.write_text(f"[run]\nmax_findings_per_article = {cap}\narticle_timeout = 0\n", encoding="utf-8")
    copydesk = Path(sys.executable).with_name("copydesk")
    command = [str(copydesk), "score", str(article), "--config", str(config), "-f", "json", "-j", "1", "-o", str(out)]
    peaks = subprocess.run(
        [sys.executable, str(SCRIPTS / "peak_memory.py"), *command], capture_output=True, text=True, check=True
    ).stdout
    report = json.loads(out.read_text(encoding="utf-8"))["articles"][0]
    left = sum(report.get("omitted_findings", {}).values())
    maxrss = re.search(r"maxrss_all ([0-9.]+ MiB)", peaks)
    pss = re.search(r"tree PSS ([0-9.]+ MiB)", peaks)
    took = re.search(r"after ([0-9]+ s)", peaks)
    return (
        f"cap {cap}: {len(report['findings']):,} findings listed, {left:,} left out, score {report['score']};"
        f" largest process {maxrss.group(1) if maxrss else '?'}, tree PSS {pss.group(1) if pss else '?'}, {took.group(1) if took else '?'}"
    )


def main() -> None:
    """Write the article, measure each cap, print one line each."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--lines", type=int, default=40_000, help="lines of the article (about 5 findings each)")
    parser.add_argument("--caps", type=int, nargs="+", default=[0, 1000], help="caps to measure (0: no cap)")
    parser.add_argument("--plain", action="store_true", help="also measure a plain article of the same size")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        size = write_article(folder / "many.txt", args.lines)
        print(f"article: {args.lines:,} lines, {size:,} bytes")
        for cap in args.caps:
            print(measure(folder / "many.txt", cap, folder), flush=True)
        if args.plain:
            write_plain(folder / "plain.txt", size)
            print(f"plain article of the same size, {measure(folder / 'plain.txt', 1000, folder)}", flush=True)


if __name__ == "__main__":
    main()

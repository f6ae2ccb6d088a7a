"""Do the readability features that count words used once or repeated depend on article length?

Usage: .venv/bin/python scripts/length_check.py [--data /work/shared/data]

On professional copy only (BBC intact texts and PolNeAR's four publishers, as
model_data.py rebuilds them; no labels are read), prints (1) the token-length
percentiles and the share of articles holding at least one full window of
HAPAX_WINDOW and REPEAT_WINDOW tokens, which is what the window sizes were chosen
from; (2) the correlation with length (Pearson with log tokens, Spearman with tokens)
of hapax_share, repeated_trigram_share and repeated_5grams_per_1000_words as shipped
(within fixed windows) beside their former whole-text definitions, and of
moving_type_token_ratio (windowed since it was written) as a yardstick of how much
genuine style varies with length in the same copy.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import corpora
import model_data
import numpy as np
from copydesk import measures
from copydesk.plugins.readability import features as rf
from copydesk.testing import document
from scipy.stats import spearmanr  # ties share their mean rank (many articles repeat no 5-gram)

NAMES = ("hapax_share", "repeated_trigram_share", "repeated_5grams_per_1000_words")


def whole_text(toks: list[str], words: int) -> dict[str, float]:
    """The three features' former definitions, over the whole text."""
    trigrams = Counter(zip(toks, toks[1:], toks[2:], strict=False))
    fivegrams = Counter(zip(toks, toks[1:], toks[2:], toks[3:], toks[4:], strict=False))
    return {
        "hapax_share": sum(1 for c in Counter(toks).values() if c == 1) / max(len(toks), 1),
        "repeated_trigram_share": sum(c for c in trigrams.values() if c > 1) / max(len(toks) - 2, 1),
        "repeated_5grams_per_1000_words": measures.per_1000(sum(c - 1 for c in fivegrams.values() if c > 1), words),
    }


def report(name: str, rows: Iterable[dict[str, Any]]) -> None:
    """Print one corpus's length distribution and correlations."""
    lengths: list[int] = []
    new: dict[str, list[float]] = {k: [] for k in (*NAMES, "moving_type_token_ratio")}
    old: dict[str, list[float]] = {k: [] for k in NAMES}
    for row in rows:
        doc = document(row["text"], row["title"], row["id"])
        toks = measures.tokens(doc.body)
        lengths.append(len(toks))
        values = rf.features(doc)
        for key, column in new.items():
            column.append(values[key])
        for key, value in whole_text(toks, doc.body.word_count).items():
            old[key].append(value)
    n = np.array(lengths, dtype=np.float64)
    pct = np.percentile(n, [1, 5, 10, 25, 50, 75, 90])
    print(f"{name}: {len(n)} articles; tokens at percentiles 1/5/10/25/50/75/90: " + " ".join(f"{x:.0f}" for x in pct))
    for window in (rf.HAPAX_WINDOW, rf.REPEAT_WINDOW):
        print(f"  holding a full {window}-token window: {np.mean(n >= window):.1%}")
    print(f"  {'feature':<34} {'Pearson (log length)':>22} {'Spearman':>20}")
    print(f"  {'':<34} {'whole text':>11}{'windowed':>11} {'whole text':>11}{'windowed':>9}")
    for key in (*NAMES, "moving_type_token_ratio"):
        cells = []
        for series in (old.get(key), new[key]):
            cells.append(None if series is None else np.array(series, dtype=np.float64))
        pearson = [f"{np.corrcoef(np.log(n), c)[0, 1]:+.3f}" if c is not None else "-" for c in cells]
        spearman = [f"{spearmanr(n, c).statistic:+.3f}" if c is not None else "-" for c in cells]
        print(f"  {key:<34} {pearson[0]:>11}{pearson[1]:>11} {spearman[0]:>11}{spearman[1]:>9}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=corpora.DATA)
    args = parser.parse_args(argv)
    report("BBC intact", model_data.bbc(args.data))
    report("PolNeAR (nyt, wash-post, politico, usa-today)", model_data.polnear(args.data))
    return 0


if __name__ == "__main__":
    sys.exit(main())

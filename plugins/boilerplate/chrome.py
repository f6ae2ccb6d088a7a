"""Page chrome: a small logistic model over general block features of each line.

Scraped pages carry navigation, footers and sidebars ("Home", "Site Map | Contact Us",
"01/19 7:00 PM"). No lexicon lists them all, but they look alike: short, few function
words, no closing punctuation, outside the run of long paragraphs that holds the text,
often repeated on other pages of the batch. :func:`features` measures that for every
line; the coefficients in ``data/chrome_model.json`` were fitted by
``scripts/train_boilerplate.py`` (scikit-learn ``LogisticRegression``) and are applied
here in plain Python, so scoring needs no model library and is deterministic.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from functools import lru_cache
from importlib.resources import files
from typing import Any

import numpy as np
import numpy.typing as npt
from copydesk import WORD, Document
from copydesk.plugins.boilerplate.batch import BatchStats, line_key
from copydesk.plugins.boilerplate.words import WordIndex, index_of

#: Feature names, in the order the model's coefficients follow.
FEATURES = (
    "log_words",
    "stopword_share",
    "capitalised_share",
    "digit_share",
    "terminal_punctuation",
    "log_words_prev",
    "log_words_next",
    "log_words_prev2",
    "log_words_next2",
    "inside_main_run",
    "log_distance_to_main_run",
    "after_main_run",
    "log_other_articles",
    "at_most_4_words",
    "has_pipe",
    "prev_stopword_share",
    "prev_terminal_punctuation",
    "prev_log_other_articles",
    "next_stopword_share",
    "next_terminal_punctuation",
    "next_log_other_articles",
)
#: A line of at least this many words is running text wherever it ends.
LONG_LINE_WORDS = 25
#: A line of at least this many words ending in punctuation is running text.
TEXT_LINE_WORDS = 10
#: What a line that is not running text costs the main run (in words).
GAP_COST = 8.0
_TERMINAL = frozenset(".!?\"'”’)")


@lru_cache(maxsize=1)
def model() -> dict[str, Any]:
    """The packaged model (coefficients, scaling, stop words), read once."""
    path = files("copydesk.plugins.boilerplate").joinpath("data/chrome_model.json")
    loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    if tuple(loaded["features"]) != FEATURES:
        raise ValueError("chrome_model.json was trained on other features; rerun scripts/train_boilerplate.py")
    return loaded


LineStats = tuple[int, float, float, float, float]


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    """The model's stop words as a set, built once."""
    return frozenset(model()["stopwords"])


def _line_stats(text: str, stopwords: frozenset[str]) -> LineStats:
    """Words, stop-word share, capitalised share, digit share, terminal punctuation of a line."""
    words = WORD.findall(text)
    count = len(words)
    stop = sum(w.lower() in stopwords for w in words) / count if count else 0.0
    caps = sum(w[0].isupper() for w in words) / count if count else 0.0
    digits = sum(c.isdigit() for c in text) / max(1, len(text))
    terminal = 1.0 if text[-1:] in _TERMINAL else 0.0
    return count, stop, caps, digits, terminal


#: Byte tables flagging ASCII digits and ASCII capitals (1) among all bytes (0).
_DIGIT_BYTES = bytes(int(chr(b).isdigit()) for b in range(128)) + bytes(128)
_UPPER_BYTES = bytes(int(chr(b).isupper()) for b in range(128)) + bytes(128)
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _char_flags(text: str) -> tuple[bytes, bytes] | None:
    """Per character of ``text``: is it a digit, is it upper case (as ``str.isdigit``/``str.isupper``).

    None when a character outside ASCII is a digit or a capital (the flags are built
    from the ASCII bytes, every other character standing in as ``?``).
    """
    if not text.isascii() and any(c.isdigit() or c.isupper() for c in set(_NON_ASCII.findall(text))):
        return None
    raw = text.encode("ascii", "replace")
    return raw.translate(_DIGIT_BYTES), raw.translate(_UPPER_BYTES)


def _indexed_stats(document: Document, index: WordIndex, stopwords: frozenset[str]) -> list[LineStats]:
    """:func:`_line_stats` of every body line, from the word index and per-word and per-character flags."""
    text = index.text
    stops = bytes(map(stopwords.__contains__, document.body.tokens.forms))
    flags = _char_flags(text)
    if flags is None:
        caps = bytes(map(str.isupper, map(text.__getitem__, index.starts_view)))
    else:
        caps = np.frombuffer(flags[1], dtype=np.uint8)[np.asarray(index.starts_view)].tobytes()  # each word's first
    out: list[LineStats] = []
    for line in document.body.lines:
        i, j = index.count(line.start, line.end)
        count = j - i
        stop = stops.count(1, i, j) / count if count else 0.0
        cap = caps.count(1, i, j) / count if count else 0.0
        if flags is None:
            digit_count = sum(map(str.isdigit, text[line.start : line.end]))
        else:
            digit_count = flags[0].count(1, line.start, line.end)
        digits = digit_count / max(1, line.end - line.start)
        out.append((count, stop, cap, digits, 1.0 if text[line.end - 1] in _TERMINAL else 0.0))
    return out


def main_run(words: Sequence[int], terminal: Sequence[float]) -> tuple[int, int]:
    """The run of lines holding the text: the maximum-sum window of line weights.

    A line of running text (at least ``TEXT_LINE_WORDS`` words ending in punctuation, or
    at least ``LONG_LINE_WORDS`` words) weighs its word count; any other line costs
    ``GAP_COST``, so headings between paragraphs stay inside and navigation stays out.
    """
    best, best_span = 0.0, (0, -1)
    total, begin = 0.0, 0
    for i, (count, end) in enumerate(zip(words, terminal, strict=True)):
        text_like = count >= LONG_LINE_WORDS or (count >= TEXT_LINE_WORDS and end)
        total += count if text_like else -GAP_COST
        if total <= 0:
            total, begin = 0.0, i + 1
        elif total > best:
            best, best_span = total, (begin, i)
    return best_span


def features(lines: Sequence[str], others: Sequence[int], stopwords: frozenset[str]) -> list[list[float]]:
    """One feature vector per line; ``others[i]`` is how many other articles have line ``i``."""
    stats = [_line_stats(t, stopwords) for t in lines]
    return stats_features(stats, ["|" in line for line in lines], others)


def stats_features(stats: Sequence[LineStats], pipes: Sequence[bool], others: Sequence[int]) -> list[list[float]]:
    """Feature vectors from each line's :func:`_line_stats` and whether it has a ``|``."""
    words = [s[0] for s in stats]
    first, last = main_run(words, [s[4] for s in stats])
    logs = [0.0, 0.0, *map(math.log1p, words), 0.0, 0.0]  # line i's at i + 2; 0.0 past either edge
    base: list[list[float]] = []
    for i, (count, stop, caps, digits, terminal) in enumerate(stats):
        inside = first <= i <= last
        distance = 0 if inside else (first - i if i < first else i - last)
        base.append(
            [logs[i + 2], stop, caps, digits, terminal, logs[i + 1], logs[i + 3], logs[i], logs[i + 4],
             float(inside), math.log1p(distance), float(i > last), math.log1p(others[i]), float(count <= 4),
             float(pipes[i])]
        )  # fmt: skip
    edge = [0.0, 0.0, 0.0]
    around = [edge, *([row[1], row[4], row[12]] for row in base), edge]  # line i's at i + 1
    return [row + around[i] + around[i + 2] for i, row in enumerate(base)]


def probabilities(document: Document, others: Sequence[int]) -> list[float]:
    """Probability that each body line is page chrome."""
    params = model()
    body = document.body
    stats = _indexed_stats(document, index_of(body), _stopwords())
    text = body.text
    pipes = [text.find("|", start, end) >= 0 for start, end in body.lines] if "|" in text else [False] * len(stats)
    rows = stats_features(stats, pipes, others)
    if not rows:
        return []
    coef, mean, scale = _arrays()
    # Each term c * (x - m) / s elementwise (float64 arithmetic is Python's float arithmetic),
    # summed by the built-in sum in feature order, exactly as a generator over the terms would be.
    terms = (coef * (np.array(rows, dtype=np.float64) - mean) / scale).tolist()
    sums = [sum(row) for row in terms]
    intercept = float(params["intercept"])
    return [1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, intercept + total)))) for total in sums]


@lru_cache(maxsize=1)
def _arrays() -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """The model's coefficients, feature means and scales as arrays, built once."""
    params = model()
    coef, mean, scale = (np.array(params[key], dtype=np.float64) for key in ("coef", "mean", "scale"))
    return coef, mean, scale


def other_articles(document: Document, stats: BatchStats | None) -> list[int]:
    """For every body line, in how many other articles of the batch it also occurs."""
    body = document.body
    index = index_of(body)
    out = []
    for line in body.lines:
        words = index.normal(line.start, line.end)
        out.append(stats.count(line_key(words)) - 1 if stats is not None and words else 0)
    return out

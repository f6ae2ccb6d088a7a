"""Feature arithmetic for scorers (public as ``copydesk.measures``): densities, shares, tokens.

Every built-in scorer's ``features.py`` (and any third-party scorer that wants to) turns counts into numbers the same way, so a
value means the same thing whichever scorer reports it:

* a **problem density** is ``count / max(words, 300) * 1000``: the word count is floored
  at :data:`MIN_WORDS` (the core's ``[scoring] min_words`` default), so one hit in a
  40-word brief is 3.3 per 1,000 words, not 25;
* an **evidence density** is shrunk toward the rate typical of professional copy with
  :data:`PRIOR_WORDS` pseudo-words, ``(count + rate * 0.3) / (words + 300) * 1000``, so a
  short brief without a quotation is not read as unsourced;
* a **share** ``k / n`` is smoothed with :data:`PRIOR_N` pseudo-observations at a
  prior, ``(k + 3 * prior) / (n + 3)``, so a share of two sentences counts little.

Words are the core's (``document.body.words``); sentences are the core's too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from copydesk.text import TextView

#: Floor of the word count in problem densities.
MIN_WORDS = 300
#: Pseudo-words of the evidence densities' shrinkage toward a typical rate.
PRIOR_WORDS = 300
#: Pseudo-observations of a smoothed share.
PRIOR_N = 3.0


def per_1000(count: float, words: int) -> float:
    """``count`` per 1,000 words, with the word count floored at :data:`MIN_WORDS`."""
    return count * 1000.0 / max(words, MIN_WORDS)


def shrunk_per_1000(count: float, words: int, typical: float) -> float:
    """``count`` per 1,000 words, shrunk toward ``typical`` (per 1,000) with :data:`PRIOR_WORDS`."""
    return (count + typical * PRIOR_WORDS / 1000.0) / (max(words, 0) + PRIOR_WORDS) * 1000.0


def share(k: float, n: float, prior: float) -> float:
    """The share ``k / n`` smoothed with :data:`PRIOR_N` pseudo-observations at ``prior``."""
    return (k + PRIOR_N * prior) / (n + PRIOR_N)


def count(pattern: re.Pattern[str], text: str) -> int:
    """How many non-overlapping matches ``pattern`` has in ``text``."""
    return sum(1 for _ in pattern.finditer(text))


def tokens(view: TextView) -> list[str]:
    """The view's words that start with a letter, lower-cased, curly apostrophes made straight.

    Built from the shared token stream's forms (``view.tokens.forms``), not re-split.
    """
    text, stream = view.text, view.tokens
    forms = (f for f, s in zip(stream.forms, stream.starts, strict=True) if text[s].isalpha())
    if "\u2019" not in text:
        return list(forms)
    return [f.replace("\u2019", "'") for f in forms]


def sentence_texts(view: TextView) -> list[str]:
    """The text of each of the view's sentences that holds a letter."""
    text = view.text
    out = []
    for sentence in view.sentences:
        piece = text[sentence.start : sentence.end]
        if any(ch.isalpha() for ch in piece):
            out.append(piece)
    return out


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first (so "says" is tried before "say")."""
    return "|".join(sorted((re.escape(w) for w in words), key=lambda w: (-len(w), w)))


def out_of_range(
    settings: Mapping[str, Any], bounds: Mapping[str, tuple[float | None, float | None]]
) -> Iterator[tuple[str, str]]:
    """``(key, problem)`` for each numeric setting outside its inclusive ``(low, high)`` bounds.

    For a scorer's ``check``: ``None`` leaves that side open. The wording is the same for
    every scorer ("must be between 0 and 1, not 5"; "must be at least 1, not -3").
    """
    for key, (low, high) in bounds.items():
        value = float(settings[key])
        if (low is None or value >= low) and (high is None or value <= high):
            continue
        if low is not None and high is not None:
            yield key, f"must be between {low:g} and {high:g}, not {settings[key]!r}"
        elif low is not None:
            yield key, f"must be at least {low:g}, not {settings[key]!r}"
        else:
            yield key, f"must be at most {high:g}, not {settings[key]!r}"

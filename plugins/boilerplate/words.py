"""The boilerplate scorer's word index: every field normalised once, spans answered by slicing.

The lexicon matches on tokens (:func:`~copydesk.plugins.boilerplate.lexicon.tokens`) and
the batch hashes normalised text (:func:`~copydesk.plugins.boilerplate.lexicon.normal`)
of many lines and sentences of one article. :class:`WordIndex` lower-cases the field's
words (``TextView.words``, split once by the core) a single time and answers each span
by bisecting and slicing; numbers are folded within the span, as :func:`tokens` does. A
span whose edge cuts a word is answered by the original functions, so every answer
equals theirs. The last few indexes are kept by field identity (``segment`` and
``score`` see the same body), holding the field alive only while it is among them.
"""

from __future__ import annotations

import bisect
from itertools import accumulate, repeat
from operator import itemgetter

from copydesk import TextView
from copydesk.plugins.boilerplate.lexicon import Token, normal, tokens

#: How many fields' indexes are kept (segment and score of one article share a body).
_CACHED = 4
_CACHE: list[tuple[TextView, WordIndex]] = []


def _lowered(text: str, starts: list[int], ends: list[int]) -> list[str]:
    """Each word lower-cased with curly apostrophes straightened.

    Lower-casing the whole text at once equals lower-casing word by word unless a
    character changes length (``İ``) or depends on its neighbours (final ``Σ``).
    """
    low = text.lower()
    if len(low) != len(text) or "Σ" in text:
        return [text[s:e].lower().replace("’", "'") for s, e in zip(starts, ends, strict=True)]
    if "’" in text:
        low = low.replace("’", "'")
    return list(map(low.__getitem__, map(slice, starts, ends)))


def _run_end(digits: list[int], k: int, starts: list[int], ends: list[int]) -> int:
    """Index into ``digits`` of the last number of the run starting at ``digits[k]``.

    A number joins the run when it is the very next word, at most one character after it.
    """
    while k + 1 < len(digits) and digits[k + 1] == digits[k] + 1 and starts[digits[k + 1]] - ends[digits[k]] <= 1:
        k += 1
    return k


def _plain(low: list[str], starts: list[int], ends: list[int]) -> list[Token]:
    """Tokens of words that are not numbers, built without the Python-level NamedTuple constructor."""
    return list(map(tuple.__new__, repeat(Token), zip(low, starts, ends, strict=True)))


def _folded(low: list[str], starts: list[int], ends: list[int]) -> list[Token]:
    """Tokens of consecutive words: numbers as ``#``, a run of numbers one apart merged."""
    digits = [i for i, word in enumerate(low) if word[0].isdigit()]
    out: list[Token] = []
    done = k = 0
    while k < len(digits):
        last = _run_end(digits, k, starts, ends)
        first = digits[k]
        out += _plain(low[done:first], starts[done:first], ends[done:first])
        out.append(Token("#", starts[first], ends[digits[last]]))
        done, k = digits[last] + 1, last + 1
    return out + _plain(low[done:], starts[done:], ends[done:])


class WordIndex:
    """One field's words, lower-cased, for answering spans."""

    __slots__ = ("ends", "low", "numbers", "starts", "text", "words")

    def __init__(self, view: TextView) -> None:
        """Normalise the field's words once; count the numbers among them, as running sums."""
        self.text = view.text
        self.words = view.words
        self.starts = list(map(itemgetter(0), self.words))
        self.ends = list(map(itemgetter(1), self.words))
        self.low = _lowered(self.text, self.starts, self.ends)
        self.numbers = list(accumulate(map(str.isdigit, map(itemgetter(0), self.low)), initial=0))

    def _span(self, start: int, end: int) -> tuple[int, int] | None:
        """Word indexes ``[i, j)`` of ``text[start:end]``, or None when an edge cuts a word."""
        starts, ends = self.starts, self.ends
        i = bisect.bisect_left(starts, start)
        j = bisect.bisect_left(starts, end, i)
        if (i > 0 and ends[i - 1] > start) or (j > i and ends[j - 1] > end):
            return None
        return i, j

    def tokens(self, start: int, end: int) -> list[Token]:
        """``tokens(text, start, end)``."""
        span = self._span(start, end)
        if span is None:
            return tokens(self.text, start, end)
        i, j = span
        low, starts, ends = self.low[i:j], self.starts[i:j], self.ends[i:j]
        return _plain(low, starts, ends) if self.numbers[j] == self.numbers[i] else _folded(low, starts, ends)

    def normal(self, start: int, end: int) -> str:
        """``normal(text, start, end)``."""
        span = self._span(start, end)
        return normal(self.text, start, end) if span is None else " ".join(self.low[span[0] : span[1]])

    def count(self, start: int, end: int) -> tuple[int, int]:
        """Word indexes ``[i, j)`` of ``text[start:end]``, which must not cut a word."""
        i = bisect.bisect_left(self.starts, start)
        return i, bisect.bisect_left(self.starts, end, i)


def index_of(view: TextView) -> WordIndex:
    """The word index of ``view``, built once while it stays among the last few fields seen."""
    for seen, index in _CACHE:
        if seen is view:
            return index
    index = WordIndex(view)
    _CACHE.insert(0, (view, index))
    del _CACHE[_CACHED:]
    return index

"""The boilerplate scorer's word index: every field normalised once, spans answered by slicing.

The lexicon matches on tokens (:func:`~copydesk.plugins.boilerplate.lexicon.tokens`) and
the batch hashes normalised text (:func:`~copydesk.plugins.boilerplate.lexicon.normal`)
of many lines and sentences of one article. :class:`WordIndex` takes the field's words
and their lower-cased forms from the core's token stream (``TextView.tokens``, built
once per article and shared with every scorer) and answers each span by bisecting and
slicing; numbers are folded within the span, as :func:`tokens` does. A span whose edge
cuts a word is answered by the original functions, so every answer equals theirs.
:meth:`WordIndex.head` gives a span's first token without tokenising, so the lexicon
is only consulted for spans whose first word can start one of its phrases. The last few indexes are kept by field identity (``segment`` and
``score`` see the same body), holding the field alive only while it is among them.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from itertools import chain, islice, repeat
from operator import itemgetter
from typing import Any

import numpy as np
from copydesk import TextView
from copydesk.plugins.boilerplate.lexicon import Token, normal, tokens

#: How many fields' indexes are kept (segment and score of one article share a body).
_CACHED = 4
_CACHE: list[tuple[TextView, WordIndex]] = []
#: Fields with up to this many lines and sentences have their spans found by :func:`_bisected_table`.
_BISECTED_KEYS = 8
#: A span's ``(start, end)``.
_EDGES = itemgetter(0, 1)


def _straightened(forms: Sequence[str], text: str, starts: Sequence[int], ends: Sequence[int]) -> Sequence[str]:
    """Each word lower-cased (the core's ``Tokens.forms``) with curly apostrophes straightened.

    Only the words holding a curly apostrophe change: they are found from its offsets.
    """
    at = text.find("’")
    if at < 0:
        return forms
    low = list(forms)
    while at >= 0:
        k = bisect.bisect_right(starts, at) - 1
        if k >= 0 and at < ends[k]:
            low[k] = forms[k].replace("’", "'")
        at = text.find("’", at + 1)
    return low


def _run_end(digits: list[int], k: int, starts: list[int], ends: list[int]) -> int:
    """Index into ``digits`` of the last number of the run starting at ``digits[k]``.

    A number joins the run when it is the very next word, at most one character after it.
    """
    while k + 1 < len(digits) and digits[k + 1] == digits[k] + 1 and starts[digits[k + 1]] - ends[digits[k]] <= 1:
        k += 1
    return k


def _plain(low: Sequence[str], starts: list[int], ends: list[int]) -> list[Token]:
    """Tokens of words that are not numbers, built without the Python-level NamedTuple constructor."""
    return list(map(tuple.__new__, repeat(Token), zip(low, starts, ends, strict=True)))


def _folded(low: Sequence[str], starts: list[int], ends: list[int]) -> list[Token]:
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


#: Marks a span the table does not hold.
_UNKNOWN = object()


#: What :func:`_span_table` finds: spans by ``(start, end)``, first words by line start, spans in order.
_Table = tuple[dict[tuple[int, int], tuple[int, int] | None], dict[int, int], list[tuple[int, int] | None]]


def _span_table(view: TextView) -> _Table:
    """:meth:`WordIndex.span` of every line and sentence of ``view``, the first word at or after each line's start.

    Found for all of them at once by sorted search in the token stream's offsets. Also the
    spans as a list, the lines' then the sentences' (see :meth:`WordIndex.spans_in_order`).
    """
    # A Line is the tuple (start, end); a sentence's is its first two fields.
    keys: list[tuple[int, int]] = [*view.lines, *map(_EDGES, view.sentences)]
    stream = view.tokens
    if not keys or not len(stream.starts):
        empty: list[tuple[int, int] | None] = [(0, 0)] * len(keys)
        return dict.fromkeys(keys, (0, 0)), dict.fromkeys(map(itemgetter(0), view.lines), 0), empty
    if len(keys) <= _BISECTED_KEYS:
        return _bisected_table(keys, stream.starts, stream.ends, len(view.lines))
    # Both edges of every span in one sorted search: edge ``e`` is at word ``at``, and cuts a
    # word when fewer words end at or before it than start before it (for an end edge whose
    # span holds no word, that word cuts the start edge too, so the span is cut either way).
    edges = np.fromiter(chain.from_iterable(keys), dtype=np.intp, count=2 * len(keys))
    at = np.searchsorted(np.asarray(stream.starts), edges)
    cuts = np.searchsorted(np.asarray(stream.ends), edges, side="right") < at
    flat = at.tolist()
    spans: list[tuple[int, int] | None] = list(zip(flat[0::2], flat[1::2], strict=True))
    if cuts.any():
        for k in np.flatnonzero(cuts[0::2] | cuts[1::2]).tolist():
            spans[k] = None
    lines = len(view.lines)
    firsts = dict(zip(map(itemgetter(0), view.lines), flat[0 : 2 * lines : 2], strict=True))
    return dict(zip(keys, spans, strict=True)), firsts, spans


def _bisected_table(keys: list[tuple[int, int]], starts: Sequence[int], ends: Sequence[int], lines: int) -> _Table:
    """:func:`_span_table` by one binary search per edge: cheaper than numpy's set-up for a few spans (a title).

    ``keys`` are the lines' (the first ``lines``), then the sentences'.
    """
    ordered: list[tuple[int, int] | None] = []
    firsts: dict[int, int] = {}
    for k, (low, high) in enumerate(keys):
        i = bisect.bisect_left(starts, low)
        j = bisect.bisect_left(starts, high, i)
        ordered.append(None if (i > 0 and ends[i - 1] > low) or (j > i and ends[j - 1] > high) else (i, j))
        if k < lines:
            firsts[low] = i
    return dict(zip(keys, ordered, strict=True)), firsts, ordered


class WordIndex:
    """One field's words, lower-cased, for answering spans."""

    __slots__ = (
        "_ends",
        "_firsts",
        "_forms",
        "_keyed",
        "_line_spans",
        "_low",
        "_ordered",
        "_spans",
        "_starts",
        "_view",
        "ends_view",
        "starts_view",
        "text",
    )

    def __init__(self, view: TextView) -> None:
        """Take the field's words from the core's token stream; nothing is computed until asked for.

        The word offsets stay the stream's arrays (a span not in the table is bisected in
        them); the lines' and sentences' spans are found at once when first needed
        (:attr:`table`), so a pass that asks for a few spans only bisects for those.
        """
        stream = view.tokens
        self._view = view
        self.text = view.text
        self.starts_view = stream.starts
        self.ends_view = stream.ends
        self._forms = stream.forms
        self._starts: list[int] | None = None
        self._ends: list[int] | None = None
        self._low: Sequence[str] | None = None
        self._spans: dict[tuple[int, int], tuple[int, int] | None] | None = None
        self._firsts: dict[int, int] | None = None
        #: The table's spans in order, and the lines and sentences (those very tuples) they are of.
        self._ordered: list[tuple[int, int] | None] = []
        self._keyed: tuple[Sequence[Any], Sequence[Any]] = ((), ())
        self._line_spans: list[tuple[int, int]] | None = None

    @property
    def low(self) -> Sequence[str]:
        """Each word lower-cased (``Tokens.forms``), curly apostrophes straightened."""
        if self._low is None:
            self._low = _straightened(self._forms, self.text, self.starts_view, self.ends_view)
        return self._low

    @property
    def table(self) -> dict[tuple[int, int], tuple[int, int] | None]:
        """:meth:`span` of every line and sentence of the field, by ``(start, end)`` (a line is that tuple); read only.

        Found for all of them at once when first asked for; until then :meth:`span` bisects.
        """
        if self._spans is None:
            self._keyed = (self._view.lines, self._view.sentences)
            self._spans, self._firsts, self._ordered = _span_table(self._view)
        return self._spans

    @property
    def cut(self) -> list[tuple[int, int]]:
        """The lines and sentences of the field whose :meth:`span` is None (an edge cuts a word), in table order."""
        return [key for key, span in self.table.items() if span is None]

    @property
    def starts(self) -> list[int]:
        """Each word's start offset."""
        if self._starts is None:
            self._starts = self.starts_view.tolist()
        return self._starts

    @property
    def ends(self) -> list[int]:
        """Each word's end offset."""
        if self._ends is None:
            self._ends = self.ends_view.tolist()
        return self._ends

    def span(self, start: int, end: int) -> tuple[int, int] | None:
        """Word indexes ``[i, j)`` of ``text[start:end]``, or None when an edge cuts a word."""
        if self._spans is not None and (known := self._spans.get((start, end), _UNKNOWN)) is not _UNKNOWN:
            return known  # type: ignore[return-value]
        starts, ends = self.starts_view, self.ends_view
        i = bisect.bisect_left(starts, start)
        j = bisect.bisect_left(starts, end, i)
        if (i > 0 and ends[i - 1] > start) or (j > i and ends[j - 1] > end):
            return None
        return i, j

    def head(self, start: int, end: int) -> str | None:
        """The norm of the first of ``tokens(start, end)`` (``""`` when there is none) without tokenising.

        None when that needs the original function: ``start`` or the end of the first
        word's span is inside a word.
        """
        starts, ends = self.starts_view, self.ends_view
        i = self._firsts.get(start) if self._firsts is not None else None
        if i is None:
            i = bisect.bisect_left(starts, start)
        if i > 0 and ends[i - 1] > start:
            return None
        if i == len(starts) or starts[i] >= end:
            return ""
        if ends[i] > end:
            return None
        word = self.low[i]
        return "#" if word[0].isdigit() else word

    def tokens(self, start: int, end: int) -> list[Token]:
        """``tokens(text, start, end)``."""
        span = self.span(start, end)
        if span is None:
            return tokens(self.text, start, end)
        i, j = span
        low, starts, ends = self.low[i:j], self.starts_view[i:j].tolist(), self.ends_view[i:j].tolist()
        plain = not any(map(str.isdigit, map(itemgetter(0), low)))  # no number to fold
        return _plain(low, starts, ends) if plain else _folded(low, starts, ends)

    def exceeds(self, start: int, end: int, limit: int) -> bool:
        """True when ``tokens(start, end)`` has more than ``limit`` tokens, known without tokenising.

        Every word that is not a number is a token, and the numbers make at least one
        more; False when that does not settle it or an edge cuts a word.
        """
        span = self.span(start, end)
        if span is None or span[1] - span[0] <= limit:
            return False
        i, j = span
        # The words are read only until more than ``limit`` of them are not numbers (a
        # long line is settled by its first few words, without counting the field's numbers).
        plain = numbers = 0
        for word in islice(self.low, i, j):
            if word[0].isdigit():
                numbers += 1
            else:
                plain += 1
                if plain > limit:
                    return True
        return plain + (numbers > 0) > limit

    def normal(self, start: int, end: int) -> str:
        """``normal(text, start, end)``."""
        span = self.span(start, end)
        return normal(self.text, start, end) if span is None else " ".join(self.low[span[0] : span[1]])

    def long_normal(self, start: int, end: int, min_words: int) -> str:
        """``normal(text, start, end)`` when it has at least ``min_words`` words, else ``""``."""
        span = self.span(start, end)
        if span is None:
            words = normal(self.text, start, end)
            return words if words and words.count(" ") + 1 >= min_words else ""
        i, j = span
        return " ".join(self.low[i:j]) if j > i and j - i >= min_words else ""

    def normals(self, spans: Iterable[Sequence[int]], min_words: int = 0) -> list[str]:
        """:meth:`long_normal` of each of ``spans``: the field's lines or sentences (or any ``(start, end, ...)``)."""
        table, low, text = self.table, self.low, self.text
        out: list[str] = []
        add = out.append
        for key in map(_EDGES, spans):  # (a line is its own key; a sentence's is its first two fields)
            span: Any = table.get(key, _UNKNOWN)
            if span is _UNKNOWN:
                span = self.span(*key)
            if span is None:
                words = normal(text, *key)
                add(words if words and words.count(" ") + 1 >= min_words else "")
            else:
                i, j = span
                add(" ".join(low[i:j]) if j > i and j - i >= min_words else "")
        return out

    def spans_in_order(self) -> list[tuple[int, int] | None]:
        """:meth:`span` of every line, then of every sentence, of the field (a list to read only)."""
        _ = self.table
        lines, sentences = self._view.lines, self._view.sentences
        if lines is self._keyed[0] and sentences is self._keyed[1]:
            return self._ordered
        # (the view's lines or sentences were replaced after the table was built)
        return [self._known_span(key) for key in [*lines, *map(_EDGES, sentences)]]

    def _known_span(self, key: tuple[int, int]) -> tuple[int, int] | None:
        """:meth:`span` of ``key``, from the table when it holds it."""
        span: Any = self.table.get(key, _UNKNOWN)
        return self.span(*key) if span is _UNKNOWN else span

    def line_spans(self) -> list[tuple[int, int]]:
        """:meth:`count` of every line of the field, in order, found by one sorted search (once; read only)."""
        if self._line_spans is None:
            lines = self._view.lines
            edges = np.fromiter(chain.from_iterable(lines), dtype=np.intp, count=2 * len(lines))
            flat = np.searchsorted(np.asarray(self.starts_view), edges).tolist() if lines else []
            self._line_spans = list(zip(flat[0::2], flat[1::2], strict=True))
        return self._line_spans

    def count(self, start: int, end: int) -> tuple[int, int]:
        """Word indexes ``[i, j)`` of ``text[start:end]``, which must not cut a word."""
        if self._spans is not None and (known := self._spans.get((start, end))) is not None:
            return known
        starts = self.starts_view
        i = bisect.bisect_left(starts, start)
        return i, bisect.bisect_left(starts, end, i)


def index_of(view: TextView) -> WordIndex:
    """The word index of ``view``, built once while it stays among the last few fields seen."""
    for seen, index in _CACHE:
        if seen is view:
            return index
    index = WordIndex(view)
    _CACHE.insert(0, (view, index))
    del _CACHE[_CACHED:]
    return index

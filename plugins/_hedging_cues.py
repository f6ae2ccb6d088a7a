"""Tokens of one sentence for the hedging scorer: word spans, quotations, clause breaks.

A sentence is a list of :class:`Token` (the shared word spans, lower-cased, with a
flag for being inside a direct quotation). The cue matching and sense filters are in
``_hedging_senses``; the attribution scans in ``_hedging_sources``. No regular
expression is involved.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from copydesk.plugins._hedging_lexicon import normalise
from copydesk.text import TextView

#: Characters that open or close a direct quotation (straight quotes toggle).
QUOTES = frozenset('"“”«»')
#: Characters that end a clause between two words.
CLAUSE_BREAKS = frozenset(",;:()[]—–")
BE = frozenset({"is", "are", "was", "were", "be", "been", "being", "'s", "'re"})


@dataclass(frozen=True)
class Token:
    """A word of a sentence: its span, text, lower-cased form, and quotation flag."""

    start: int
    end: int
    raw: str
    low: str
    quoted: bool

    @property
    def capitalised(self) -> bool:
        """True when the word has a capital letter (a name, an acronym, a sentence start)."""
        return any(ch.isupper() for ch in self.raw)


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Spans of direct quotations, in one pass; an unclosed quote ends at its line's end."""
    spans: list[tuple[int, int]] = []
    opened: int | None = None
    for pos, ch in enumerate(text):
        if ch == "\n" and opened is not None:
            spans.append((opened, pos))
            opened = None
        elif ch in "“«" and opened is None:
            opened = pos
        elif ch in "”»" and opened is not None:
            spans.append((opened, pos + 1))
            opened = None
        elif ch == '"':
            if opened is None:
                opened = pos
            else:
                spans.append((opened, pos + 1))
                opened = None
    if opened is not None:
        spans.append((opened, len(text)))
    return spans


class SentenceTokens:
    """Builds the tokens of each sentence of one field, sharing the field's word spans."""

    def __init__(self, view: TextView) -> None:
        """Index the field's words and quotations once."""
        self.view = view
        self.starts = [start for start, _ in view.words]
        spans = quote_spans(view.text) if any(q in view.text for q in QUOTES) else []
        self.quote_starts = [s for s, _ in spans]
        self.quote_ends = [e for _, e in spans]

    def _quoted(self, offset: int) -> bool:
        """True when ``offset`` lies inside a quotation."""
        index = bisect.bisect_right(self.quote_starts, offset) - 1
        return index >= 0 and offset < self.quote_ends[index]

    def tokens(self, start: int, end: int) -> list[Token]:
        """The tokens of ``text[start:end]``."""
        text, words = self.view.text, self.view.words
        first = bisect.bisect_left(self.starts, start)
        last = bisect.bisect_left(self.starts, end)
        quoted = bool(self.quote_starts) and self._quoted
        return [
            Token(s, e, text[s:e], normalise(text[s:e]), bool(quoted and quoted(s)))
            for s, e in words[first:last]
            if e <= end
        ]


def clause_break(text: str, left: Token, right: Token) -> bool:
    """True when punctuation that ends a clause stands between two adjacent tokens."""
    return any(ch in CLAUSE_BREAKS for ch in text[left.end : right.start])

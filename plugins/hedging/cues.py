"""Tokens of one sentence for the hedging scorer: word spans, quotations, clause breaks.

A sentence is a list of :class:`Token` (the shared word spans, lower-cased, with a
flag for being inside a direct quotation); a field's tokens are built once, in bulk, and
each sentence takes its slice. The cue matching and sense filters are in
``senses``; the attribution scans in ``sources``. The only regular
expression is a single character class that finds the quotation marks.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence
from itertools import repeat
from operator import attrgetter
from typing import NamedTuple

from copydesk import TextView

from .transcript import transcript_spans

#: Characters that open or close a direct quotation (straight quotes toggle).
QUOTES = frozenset('"“”«»')
#: Characters that end a clause between two words.
CLAUSE_BREAKS = frozenset(",;:()[]—–")
BE = frozenset({"is", "are", "was", "were", "be", "been", "being", "'s", "'re"})
#: Characters looked back from a tweet's "(@handle)" signature for its text.
TWEET = 400
#: A direct quotation (see :func:`quote_spans`): an opening mark, then everything up to the first
#: closing mark (taken), line break or the text's end (not taken). A straight quote after a
#: sentence's end and a space, before a capital (". "We"), opens the next quoted paragraph
#: of the same speech run into the line, whose closing mark was never written: it does not
#: close (session 19). Inside a quotation opened by a straight quote that looks like an opening
#: one (at the text's start or after a space, a bracket, a colon or a dash, and before a word, not
#: a space or punctuation: 'entry "Canada",' closes a quotation whose opening was lost), a curly
#: “...” closed on its line before any other mark, with a straight quote to close the outer one
#: within :data:`NEST_WINDOW` characters of its opening, is a quotation nested in it ('"... “We
#: are done,” perhaps for good, he said."'): its ” does not close the outer one (session 29).
#: One character per repetition, or one nested quotation that stops at the next mark after a
#: bounded look ahead; fixed-width lookbehinds, possessive: linear.
NEST_WINDOW = 300
_QUOTATION_SPAN = re.compile(
    '[“«](?:[^”»"\n]|(?<=[.?!] )"(?=[A-Z]))*+[”»"]?'
    '|(?:^|(?<=[\\s(\\[:—–-]))"(?=[^\\s,.;:!?])'
    f'(?:“(?=[^"\n]{{0,{NEST_WINDOW}}}")[^“”»"\n]*+”|[^”»"\n]|(?<=[.?!] )"(?=[A-Z]))*+[”»"]?'
    '|"(?:[^”»"\n]|(?<=[.?!] )"(?=[A-Z]))*+[”»"]?'
)
#: The quotation marks other than the straight quote: without them, :func:`quote_spans` needs no pattern.
_CURLY_QUOTES = ("“", "”", "«", "»")


class Token(NamedTuple):
    """A word of a sentence: its span, the field's text, lower-cased form, and quotation flag.

    The word's own text (:attr:`raw`) is sliced from the field's text when it is read: the
    scans read it for a few words (capitals), so a sentence's tokens share the field's
    string rather than each holding a copy of its word.
    """

    start: int
    end: int
    text: str
    low: str
    quoted: bool

    @property
    def raw(self) -> str:
        """The word as written."""
        return self.text[self.start : self.end]

    @property
    def capitalised(self) -> bool:
        """True when the word has a capital letter (a name, an acronym, a sentence start)."""
        return any(map(str.isupper, self.text[self.start : self.end]))


#: A token's lower-cased form, as a C-level getter (``map(LOW, tokens)``).
LOW = attrgetter("low")


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Spans of direct quotations, in one scan; an unclosed quote ends at its line's end.

    Outside a quotation only an opening mark (“, « or a straight quote) counts; inside one,
    the first closing mark (”, » or a straight quote) closes it, a line break ends it before
    the break, and the text's end ends it. A straight quote inside one after ". ", "? " or
    "! " and before a capital opens a further quoted paragraph run into the line (news copy
    opens each paragraph of a long quotation with a mark and closes only the last) and does
    not close it. That is :data:`_QUOTATION_SPAN`'s every match, one
    after another: ``re`` reads each character once (the tests compare it with a reading of
    every character in turn). A text whose only quotation mark is the straight one (most
    news copy) is read with :func:`_straight_spans` instead: the same spans, found by
    ``str.find`` from mark to mark rather than by the pattern trying every character.
    """
    if any(mark in text for mark in _CURLY_QUOTES):
        return list(map(re.Match.span, _QUOTATION_SPAN.finditer(text)))
    return _straight_spans(text)


def _straight_spans(text: str) -> list[tuple[int, int]]:
    """:func:`quote_spans` of a text without curly quotes or guillemets: from each straight quote to the next.

    A quotation closes at the next straight quote on its line (taken) that opens no further
    paragraph (:func:`_continues`), else ends at the line break or the text's end (not
    taken); the next one opens at the first straight quote after it. Each line's end is
    found once.
    """
    spans: list[tuple[int, int]] = []
    line_end = -1
    at = text.find('"')
    while at >= 0:
        if at > line_end:
            line_end = text.find("\n", at)
            line_end = len(text) if line_end < 0 else line_end
        close = text.find('"', at + 1, line_end)
        while close > 0 and _continues(text, close):
            close = text.find('"', close + 1, line_end)
        end = line_end if close < 0 else close + 1
        spans.append((at, end))
        at = text.find('"', end)
    return spans


def _continues(text: str, at: int) -> bool:
    """True when the straight quote at ``at``, inside a quotation, opens its next paragraph ('. "We'): no close."""
    return text[at - 2 : at] in _PARAGRAPH_ENDS and "A" <= text[at + 1 : at + 2] <= "Z"


#: A sentence's end and a space: a straight quote after one, before a capital, opens a paragraph.
_PARAGRAPH_ENDS = frozenset({". ", "? ", "! "})


def tweet_spans(text: str) -> list[tuple[int, int]]:
    """Embedded tweets: a line's text before its '— Name (@handle)' signature, the signatory's words."""
    spans: list[tuple[int, int]] = []
    at = text.find("(@") if "@" in text else -1  # (one character is looked for faster than two)
    while at >= 0:
        start = max(text.rfind("\n", max(0, at - TWEET), at) + 1, at - TWEET)
        dash = max(text.rfind("— ", start, at), text.rfind(" - ", start, at))
        if dash > start:
            spans.append((start, dash))
        at = text.find("(@", at + 2)
    return spans


def single_quote_spans(text: str) -> list[tuple[int, int]]:
    """Quotations in single curly quotes (‘...’), as British copy and headlines quote a speaker.

    ‘ opens a quotation after a space, a line start, a colon or a dash; the closing ’
    is the first one not followed by a letter (’ inside a word is an apostrophe). An
    unclosed quotation ends at its line's end.
    """
    spans: list[tuple[int, int]] = []
    opened, line_end = text.find("‘"), -1
    while opened >= 0:
        if opened and not (text[opened - 1].isspace() or text[opened - 1] in ':—–-("“'):
            opened = text.find("‘", opened + 1)
            continue
        if opened > line_end:  # found once per line, so a long line is not searched again
            line_end = text.find("\n", opened)
            line_end = len(text) if line_end < 0 else line_end
        close = text.find("’", opened + 1, line_end)
        while close >= 0 and close + 1 < line_end and text[close + 1].isalpha():
            close = text.find("’", close + 1, line_end)  # an apostrophe ('Trump’s'), not the closing quote
        end = line_end if close < 0 else close + 1
        spans.append((opened, end))
        opened = text.find("‘", end)
    return spans


def _quoted_flags(starts: Sequence[int], spans: list[tuple[int, int]]) -> list[bool]:
    """For each word start, whether it lies inside one of the (sorted, disjoint) quotation spans."""
    flags = [False] * len(starts)
    for start, end in spans:
        first = bisect.bisect_left(starts, start)
        last = bisect.bisect_left(starts, end, first)
        flags[first:last] = [True] * (last - first)
    return flags


def _straightened(forms: Sequence[str], text: str, starts: Sequence[int], ends: Sequence[int]) -> list[str]:
    """``forms`` with the curly apostrophes of each word that holds one made straight.

    The words are found from the apostrophes of ``text`` (each word's offsets ``starts``,
    ``ends``), each replaced once: the search resumes after the word's end, so a word of many
    apostrophes is not replaced again for each (linear). An apostrophe between words is passed over.
    """
    lows = list(forms)
    at = text.find("’")
    while at >= 0:
        i = bisect.bisect_right(starts, at) - 1
        if i >= 0 and at < ends[i]:
            lows[i] = forms[i].replace("’", "'")
            at = text.find("’", ends[i])
        else:
            at = text.find("’", at + 1)
    return lows


class SentenceTokens:
    """Builds the tokens of each sentence of one field, sharing the field's word spans.

    The field's word offsets and lower-cased forms come from the shared token stream;
    a sentence's :class:`Token` objects are built only when it is asked for, so a
    sentence the scorer skips (no cue, source or passive word in it) costs nothing.
    """

    def __init__(self, view: TextView) -> None:
        """Take the shared token stream's offsets and forms (quotations are found on first use)."""
        text, stream = view.text, view.tokens
        self.text = text
        self.starts = stream.starts
        self.ends = stream.ends
        #: Each word lower-cased, curly apostrophes made straight (the tokens' ``low``): the
        #: stream's forms, in a copy where only the words holding one are replaced.
        self.lows: Sequence[str] = stream.forms
        if "’" in text and stream.forms:
            self.lows = _straightened(stream.forms, text, self.starts, self.ends)

    @functools.cached_property
    def quoted(self) -> list[bool]:
        """For each word, whether it is inside a quotation: found in one pass, when a sentence is first built."""
        text = self.text
        spans = quote_spans(text) + tweet_spans(text) + single_quote_spans(text) + transcript_spans(text)
        return _quoted_flags(self.starts, spans)

    def bounds(self, start: int, end: int) -> tuple[int, int]:
        """The word indices ``[first, last)`` of ``text[start:end]`` (a word running past ``end`` left out)."""
        first = bisect.bisect_left(self.starts, start)
        last = bisect.bisect_left(self.starts, end, first)
        if last > first and self.ends[last - 1] > end:
            last -= 1
        return first, last

    def tokens(self, start: int, end: int) -> list[Token]:
        """The tokens of ``text[start:end]`` (a word running past ``end`` is left out)."""
        return self.between(*self.bounds(start, end))

    def between(self, first: int, last: int) -> list[Token]:
        """The tokens of words ``[first, last)`` (:meth:`bounds` of a span)."""
        # The sentence's offsets as lists (read faster than the stream's arrays); each token
        # shares the field's text, its word sliced only when read (Token.raw).
        starts, ends = self.starts[first:last].tolist(), self.ends[first:last].tolist()
        fields = zip(
            starts, ends, repeat(self.text, len(starts)), self.lows[first:last], self.quoted[first:last], strict=True
        )
        # tuple.__new__ builds each Token without the Python-level NamedTuple constructor.
        return list(map(tuple.__new__, repeat(Token), fields))


def clause_break(text: str, left: Token, right: Token) -> bool:
    """True when punctuation that ends a clause stands between two adjacent tokens."""
    return not CLAUSE_BREAKS.isdisjoint(text[left.end : right.start])


def dash(text: str, left: Token, right: Token) -> bool:
    """True when a spaced hyphen stands between two adjacent tokens ('officials - but said'), a dash in plain text."""
    gap = text[left.end : right.start]
    return "-" in gap and (" " in gap or "\t" in gap or "\n" in gap)

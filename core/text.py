"""Shared text analysis: each article is split once into lines, sentences and words.

Every scorer receives the same :class:`Document` and never re-splits the text. The
splitting is done with a handful of linear-time regular expressions (no nested
quantifiers, no backtracking over unbounded alternatives), each run once over the whole
field, and, for a long field's words, one character-class lookup per character with
numpy, so adversarial input cannot make it slow; words are computed lazily, on first use.
"""

from __future__ import annotations

import bisect
import heapq
import re
import string
import unicodedata
from array import array
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from itertools import accumulate, chain, repeat
from types import MappingProxyType
from typing import Any, NamedTuple

from copydesk.models import Article, Segment

#: A word: letters/digits, joined by inner apostrophes or hyphens ("don't", "U.S-led").
WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
_WORD_SPLIT = re.compile(f"({WORD.pattern})")
#: :data:`WORD` for ASCII text (``[^\W_]`` is then ``[0-9A-Za-z]``, which the regex engine
#: tests faster); possessive, as nothing after a maximal run can match.
_ASCII_WORD_SPLIT = re.compile(r"([0-9A-Za-z]++(?:['\-][0-9A-Za-z]++)*+)")
#: A candidate sentence end: terminal punctuation, closing quotes/brackets (the end of
#: group 1), then the space after them, within the line, and the character that follows
#: when it may open a sentence: an ASCII digit or capital, an opening quote, bracket, dash
#: or bullet, or any character outside ASCII (tested in Python). The run of punctuation
#: starts where the one before is not terminal punctuation; that test follows the first
#: character (not a lookbehind in front of it) so the regex engine can skip ahead to the
#: next terminal character. Every quantifier is possessive: each start is tried once.
_BOUNDARY = re.compile(r"[.!?…](?<![.!?…][.!?…])[.!?…]*+([\"'”’)\]]*+)[^\S\n]++(?=[0-9A-Z\"'“‘(\[\-–—•*]|[^\x00-\x7f])")
#: :data:`_BOUNDARY` opening with one terminal character each, by that character: the same
#: matches. A pattern that opens with a literal is searched for at C speed (``memchr``-like),
#: one that opens with a character class is tried character by character (28 against 13
#: microseconds over a 4 KB body with the searches needed), and :func:`_boundaries` merges them.
_BOUNDARY_AT = tuple((char, re.compile(re.escape(char) + _BOUNDARY.pattern[6:])) for char in ".?!…")
_match_start = re.Match.start
#: Characters that open a sentence after a candidate end, besides digits and capitals.
_OPENERS = "\"'“‘([-–—•*"
#: Unicode categories of the characters beyond ASCII that open one too: a currency sign ("£5m was
#: spent"), a symbol or emoji ("★", "😀"), a mathematical sign, an opening bracket or quotation mark
#: ("«"). A lower-case letter continues the sentence ("e.g. élan"); a capital opens one (``isupper``).
_OPENING_CATEGORIES = frozenset({"Sc", "So", "Sm", "Ps", "Pi"})
_new_sentence = _new_line = tuple.__new__
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sr jr st mt ft gen col lt sgt capt cmdr adm gov sen rep rev
    hon pres vs etc inc ltd co corp no nos vol pp fig jan feb mar apr jun jul aug sep
    sept oct nov dec u.s u.k u.n e.g i.e a.m p.m approx est dept univ ave blvd""".split()
)
#: Abbreviations written before a number, as they are written ("Sept. 5", "Oct. 12", "No. 10", "Vol. 3",
#: "pp. 12", "Fig. 2"): a period after one of them before a digit continues the sentence. After any other
#: word or abbreviation ("Acme Inc. 20 jobs went", "in the U.S. 2020 was") it ends one.
BEFORE_NUMBERS = frozenset("""Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec No Nos Vol Fig Figs pp""".split())
_LONGEST_BEFORE_NUMBER = max(map(len, BEFORE_NUMBERS))
#: Apostrophes of a contraction ("didn't", "didn’t"): a lower-case letter after one and a letter is no initial.
_APOSTROPHES = "'’"
EXCERPT_LIMIT = 240


class Line(NamedTuple):
    """A non-blank line of a field: ``text[start:end]`` with outer whitespace trimmed."""

    start: int
    end: int


class Sentence(NamedTuple):
    """A sentence: ``text[start:end]``, inside line number ``line`` (index into lines)."""

    start: int
    end: int
    line: int


_ASCII_TOKEN = string.ascii_letters + "."


def _is_abbreviation(text: str, dot: int, line_start: int) -> bool:
    """True when the period at ``dot`` ends an abbreviation or an initial, not a sentence.

    The token is the run of letters and periods before ``dot`` (inside the line); one
    of more than 12 characters is no abbreviation. A letter glued to a digit ("£12m.", "5k.",
    "the 1990s.") is none either, as "£12bn." is not, and nor is a contraction's lower-case
    last letter after its apostrophe ("didn't.", "she’d."; "O'B." stays an initial).
    """
    window = text[line_start if line_start > dot - 13 else dot - 13 : dot]
    if window.isascii():  # the ASCII letters are exactly the ASCII characters str.isalpha accepts
        run = len(window) - len(window.rstrip(_ASCII_TOKEN))
        if run > 12:
            return False
        if run == 1:
            return run == len(window) or _one_letter(text, dot - 1, line_start)
        return window[len(window) - run :].lower() in _ABBREVIATIONS
    begin = dot
    while begin > line_start and (text[begin - 1].isalpha() or text[begin - 1] == "."):
        begin -= 1
        if dot - begin > 12:
            return False
    if dot - begin == 1 and begin > line_start:
        return _one_letter(text, begin, line_start)
    token = text[begin:dot].lower()
    return len(token) == 1 or token in _ABBREVIATIONS


def _one_letter(text: str, at: int, line_start: int) -> bool:
    """True when the letter at ``at``, with a character before it in its line and a period after, is an initial.

    A letter glued to a digit is none, a scale ("£12m.", "5k.", "$3b.") or a plural ("the
    1990s.", "her 20s."): its period ends a sentence, as "£12bn."'s does; nor is a
    contraction's lower-case last letter after its apostrophe and a letter ("didn't.",
    "she’d."; "O'B." stays an initial).
    """
    before = text[at - 1]
    if before.isdigit():
        return False  # a scale or a plural glued to a number ("£12m.", "5k.", "the 1990s."): no initial
    letter = text[at]
    return not (letter.islower() and before in _APOSTROPHES and at - 1 > line_start and text[at - 2].isalpha())


def before_number(text: str, dot: int, line_start: int) -> bool:
    """True when the period at ``dot`` ends one of :data:`BEFORE_NUMBERS`, a whole word within its line ("on Sept.")."""
    limit = max(line_start, dot - _LONGEST_BEFORE_NUMBER - 1)
    begin = dot
    while begin > limit and text[begin - 1].isalpha():
        begin -= 1
    return text[begin:dot] in BEFORE_NUMBERS and not (begin > line_start and text[begin - 1].isalpha())


#: Letters enough to be no abbreviation: one more than the longest in the list.
_PAST_ABBREVIATION = 1 + max(map(len, _ABBREVIATIONS))


def _boundaries(text: str) -> Iterator[re.Match[str]]:
    """``_BOUNDARY.finditer(text)``: the matches of the patterns of :data:`_BOUNDARY_AT` whose character ``text`` holds, in order.

    A match of :data:`_BOUNDARY` opens with the first of a run of terminal characters; which
    one it is picks the pattern that finds it, and matches never overlap (one ends in white
    space, before the next run), so the merged matches are :data:`_BOUNDARY`'s.
    """
    present = [pattern for char, pattern in _BOUNDARY_AT if char in text]
    if len(present) == 1:
        return present[0].finditer(text)
    if len(text) > _SORTED_BOUNDARIES:  # merged as they come: a long text's matches are not all held at once
        return heapq.merge(*(pattern.finditer(text) for pattern in present), key=_match_start)
    return iter(sorted(chain.from_iterable(pattern.finditer(text) for pattern in present), key=_match_start))


#: Texts up to this long have their candidate ends from two or more searches sorted together, longer ones merged.
_SORTED_BOUNDARIES = 65536


def _sentences(text: str, lines: tuple[Line, ...]) -> list[Sentence]:
    """The sentences of every line, from one search for candidate ends over the whole text (:func:`_boundaries`).

    The same sentences as splitting each line on its own (the test's reference): a candidate end whose
    space runs past its line's end (into the next line) is no end, as a line's end is
    found by the search within it; a candidate never starts in white space, so each
    belongs to the line it starts in.
    """
    sentences: list[Sentence] = []
    add = sentences.append
    boundaries = _boundaries(text)
    match = next(boundaries, None)
    for index, (begin, end) in enumerate(lines):
        while match is not None and (dot := match.start()) < end:
            # The candidate's space lies within the line (the pattern crosses no line break), so
            # it ends before the line does; the next character may open a sentence.
            nxt = match.end()
            following = text[nxt]
            digit = following.isdigit()
            if (
                digit
                or following.isupper()
                or following in _OPENERS
                or (following > "\x7f" and unicodedata.category(following) in _OPENING_CATEGORIES)
            ):
                stop = match.end(1)
                # A lone period before a digit ends a sentence unless a month or a
                # number's label precedes it ("Sept. 5", "No. 10"); one after a word longer
                # than any abbreviation ends one (_is_abbreviation's answer, without the
                # call: the token would be at least that word).
                if (
                    stop - dot != 1
                    or (digit and not before_number(text, dot, begin))
                    or text[dot] != "."
                    or (
                        dot - begin >= _PAST_ABBREVIATION
                        and (word := text[dot - _PAST_ABBREVIATION : dot]).isalpha()
                        and word.isascii()  # all ASCII letters: what _is_abbreviation counts as a token's
                    )
                    or (not digit and not _is_abbreviation(text, dot, begin))
                ):
                    add(_new_sentence(Sentence, (begin, stop, index)))
                    begin = nxt
            match = next(boundaries, None)
        add(_new_sentence(Sentence, (begin, end, index)))
    return sentences


class TextView:
    """One field of an article (``text`` or ``title``) with its lines, sentences, words.

    Offsets are character offsets into :attr:`text`; lines and columns are 1-based.
    """

    __slots__ = ("__dict__", "_line_starts", "_sentence_starts", "field", "lines", "sentences", "text")

    def __init__(self, text: str, field: str = "text") -> None:
        """Split ``text`` once; the result is read-only by convention."""
        self.field = field
        self.text = text
        # Each line's start: 0, then one past each line break; from the same split, each non-blank
        # line with its outer white space trimmed (``str.isspace``'s, which is also a pattern's \s).
        pieces = text.split("\n")
        self._line_starts = starts = list(accumulate(map((1).__add__, map(len, pieces[:-1])), initial=0))
        lines: list[Line] = []
        add = lines.append
        for start, piece in zip(starts, pieces, strict=True):
            if piece and (trimmed := piece.rstrip()):
                add(_new_line(Line, (start + len(trimmed) - len(trimmed.lstrip()), start + len(trimmed))))
        self.lines: tuple[Line, ...] = tuple(lines)
        self.sentences: tuple[Sentence, ...] = tuple(_sentences(text, self.lines))
        self._sentence_starts = [s.start for s in self.sentences]

    @cached_property
    def tokens(self) -> Tokens:
        """The field's token stream (see :class:`Tokens`), computed on first use."""
        return Tokens(self)

    @cached_property
    def words(self) -> tuple[tuple[int, int], ...]:
        """Every word's ``(start, end)``, computed on first use (from :attr:`tokens`)."""
        return self.tokens._spans

    @cached_property
    def word_count(self) -> int:
        """How many words the field has."""
        return len(self.tokens)

    def line_col(self, offset: int) -> tuple[int, int]:
        """The 1-based line and column of ``offset``."""
        index = bisect.bisect_right(self._line_starts, offset) - 1
        return index + 1, offset - self._line_starts[index] + 1

    def line_cols(self, start: int, end: int) -> tuple[int, int, int, int]:
        """``(*line_col(start), *line_col(end))`` for ``start <= end``, with one search when both are on one line."""
        starts = self._line_starts
        index = bisect.bisect_right(starts, start) - 1
        first = starts[index]
        if index + 1 == len(starts) or end < starts[index + 1]:
            return index + 1, start - first + 1, index + 1, end - first + 1
        last = bisect.bisect_right(starts, end) - 1
        return index + 1, start - first + 1, last + 1, end - starts[last] + 1

    def sentence_index(self, offset: int) -> int | None:
        """Index of the sentence containing ``offset`` (or just before it), or None."""
        index = bisect.bisect_right(self._sentence_starts, offset) - 1
        return index if index >= 0 else None

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence containing ``offset``, or None if it is outside every sentence."""
        index = self.sentence_index(offset)
        if index is None:
            return None
        sentence = self.sentences[index]
        return sentence if sentence.start <= offset < max(sentence.end, sentence.start + 1) else None

    def excerpt(self, start: int, end: int) -> str:
        """The sentence around ``[start, end)``, clipped to about 240 characters."""
        index = bisect.bisect_right(self._sentence_starts, start) - 1  # sentence_at(start), inline
        s, e = start, end
        if index >= 0:
            first, last, _ = self.sentences[index]
            if start < last or start < first + 1:  # first <= start by the bisection; an empty sentence holds its start
                s, e = first, (last if last > end else end)
        if e - s > EXCERPT_LIMIT:
            half = max(0, (EXCERPT_LIMIT - (end - start)) // 2)
            s = max(s, start - half)
            e = min(e, max(end, s + EXCERPT_LIMIT))
        piece = self.text[s:e]
        # Printable text holds no white space but the ASCII space (str.isprintable): without a
        # double space or one at either end, the white space is already what the join makes it.
        if piece.isprintable() and "  " not in piece and piece[:1] != " " and piece[-1:] != " ":
            return piece
        return " ".join(piece.split())


def _readonly(values: list[int]) -> memoryview:
    """``values`` as a read-only memoryview over a compact array of 32-bit integers."""
    return memoryview(array("i", values)).toreadonly()


def _offsets(parts: list[str], size: int) -> tuple[memoryview, memoryview]:
    """The start and end offsets of the words of ``parts`` (a split of ``size`` characters: text between words, a word, ...).

    The running total of the parts' lengths, summed by numpy (already loaded by any run that
    scores, and not before: ``copydesk --help`` must not load it); a text too long for 32-bit
    offsets goes through :class:`array.array`, which refuses it as before, and so do a few parts.
    """
    if size < 2**31 and len(parts) > 256:  # a short field (a title): array sums it faster than numpy is called
        import numpy as np

        ends = np.fromiter(map(len, parts), dtype=np.intc, count=len(parts)).cumsum(dtype=np.intc)
        return ends[:-1:2].copy().data.toreadonly(), ends[1::2].copy().data.toreadonly()
    offsets = array("i", list(accumulate(map(len, parts), initial=0)))
    return memoryview(offsets[1:-1:2]).toreadonly(), memoryview(offsets[2::2]).toreadonly()


#: Fields at least this long are split into words with numpy (:func:`_vector_words`); a
#: shorter one (a title) costs less through the regular expression.
VECTOR_SPLIT = 512
#: What each code point of the Basic Multilingual Plane is to :data:`WORD`: 1 a word
#: character (``[^\W_]``), 2 a joiner (an apostrophe or hyphen), 0 neither; 255 not looked
#: at yet. One byte per code point (64 KiB, fixed), filled in as characters are met; the
#: rare character beyond the plane (an emoji) is looked at each time.
_KINDS: list[object] = []


def _kinds() -> object:
    """The code point table of :data:`_KINDS`, made on first use with the ASCII characters filled in."""
    if not _KINDS:
        import numpy as np

        table = np.full(0x10000, 255, dtype=np.uint8)
        table[:128] = [_kind(code) for code in range(128)]
        _KINDS.append(table)
    return _KINDS[0]


def _kind(code: int) -> int:
    """What code point ``code`` is to :data:`WORD` (see :data:`_KINDS`)."""
    char = chr(code)
    return 1 if char.isalnum() else 2 if char in "'\u2019-" else 0


def _vector_words(lowered: str) -> tuple[tuple[str, ...], memoryview, memoryview]:
    """The words of ``lowered`` (:data:`WORD`'s matches) with their start and end offsets, computed with numpy.

    A character belongs to a word when it is a word character, or a joiner between two
    word characters (exactly the characters :data:`WORD`'s matches cover: each match is a
    maximal run of them). The words are then the text with every other character made a
    space, split at the spaces; the offsets are where the runs start and end.
    """
    import numpy as np

    table: Any = _kinds()
    ascii_only = lowered.isascii()
    if ascii_only:
        codes = np.frombuffer(lowered.encode("ascii"), dtype=np.uint8)
    else:
        codes = np.frombuffer(lowered.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    astral = not ascii_only and int(codes.max()) > 0xFFFF
    plane = np.where(codes > 0xFFFF, 0, codes) if astral else codes
    kinds = table.take(plane)
    unseen = kinds == 255
    if unseen.any():
        for code in set(plane[unseen].tolist()):  # (np.unique would import numpy.ma, about 20 ms)
            table[code] = _kind(code)
        kinds = table.take(plane)
    if astral:
        beyond = codes > 0xFFFF
        kinds[beyond] = [_kind(code) for code in codes[beyond].tolist()]
    # inside[i + 1]: whether character i belongs to a word (a character of margin each side).
    inside = np.zeros(len(codes) + 2, dtype=np.bool_)
    inside[1:-1] = kinds == 1
    joined = kinds == 2
    joined &= inside[:-2]
    joined &= inside[2:]
    inside[1:-1] |= joined
    edges = np.flatnonzero(inside[1:] != inside[:-1]).astype(np.intc)
    spaced = np.where(inside[1:-1], codes, codes.dtype.type(32)).tobytes()
    words = spaced.decode("ascii") if ascii_only else spaced.decode("utf-32-le", "surrogatepass")
    return tuple(words.split()), edges[0::2].copy().data.toreadonly(), edges[1::2].copy().data.toreadonly()


def _same_length_lower(text: str) -> str:
    """``text`` lower-cased character by character, a character whose lower case is longer kept as it is."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(low if len(low := ch.lower()) == 1 else ch for ch in text)


class Tokens:
    """A field's words as one compact token stream, built once per article and shared.

    Word ``i`` is ``text[starts[i]:ends[i]]`` (the :data:`WORD` pattern's matches, the
    same as :attr:`TextView.words`). The offsets, and each word's sentence and line
    number, are read-only ``memoryview``s over 32-bit integer arrays, not a Python
    object per word. :attr:`lower` is the whole field lower-cased with the same
    offsets, for lexicon searches with one compiled pattern or automaton over the
    whole text; :attr:`forms` holds each word's ``str.lower()`` (split from :attr:`lower`
    with the stream when lower-casing keeps every character in place, else built on first use).
    A field of :data:`VECTOR_SPLIT` characters or more is split by character class with
    numpy (:func:`_vector_words`), a shorter one with the regular expression: the same words.

    :ivar text: the field's text.
    :ivar lower: ``text`` lower-cased character by character, same length and offsets
        (the rare character whose lower case is longer, such as ``"İ"``, is kept as is).
    :ivar starts: each word's start offset.
    :ivar ends: each word's end offset.
    """

    __slots__ = ("__dict__", "_lines", "_sentences", "_words", "ends", "lower", "starts", "text")

    def __init__(self, view: TextView) -> None:
        """Split ``view.text`` into words once.

        The stream keeps the view's sentences and lines, not the view: the view holds
        its stream, and a reference back would make each article's analysis a cycle,
        freed only by the garbage collector's rare full passes (memory grew with the batch).
        """
        self._sentences, self._lines = view.sentences, view.lines
        self.text = text = view.text
        self._words: list[str] | None = None
        lowered = text.lower()
        # Alternately the text between words and a word (no match object per word); the
        # running total of their lengths is each part's offset.
        if len(lowered) == len(text) and "\u03a3" not in text:
            # str.lower() maps each character on its own (but a capital sigma, by its
            # neighbours), here to one character, and keeps it a word character or not and
            # a joiner or not (tests/core/test_text.py checks every character): the
            # lower-cased text splits into the same parts, its words the words' own lower case.
            self.lower = lowered
            if VECTOR_SPLIT <= len(text) < 2**31:
                self.__dict__["forms"], self.starts, self.ends = _vector_words(lowered)
                return
            parts = (_ASCII_WORD_SPLIT if text.isascii() else _WORD_SPLIT).split(lowered)
            self.__dict__["forms"] = tuple(parts[1::2])
        else:
            self.lower = _same_length_lower(text)
            parts = _WORD_SPLIT.split(text)
            self._words = parts[1::2]
        self.starts, self.ends = _offsets(parts, len(text))

    def __len__(self) -> int:
        """How many words the field has."""
        return len(self.starts)

    def word(self, index: int) -> str:
        """Word ``index`` as written."""
        return self.text[self.starts[index] : self.ends[index]]

    @cached_property
    def forms(self) -> tuple[str, ...]:
        """Each word lower-cased (``str.lower()`` of the word), computed on first use when not set with the stream."""
        assert self._words is not None  # set whenever forms was not set in __init__
        return tuple(map(str.lower, self._words))

    @cached_property
    def _spans(self) -> tuple[tuple[int, int], ...]:
        """Every word's ``(start, end)`` (:attr:`TextView.words`)."""
        return tuple(zip(self.starts.tolist(), self.ends.tolist(), strict=True))

    def between(self, start: int, end: int) -> range:
        """The indices of the words that start inside ``[start, end)`` (a sentence, a line, a match)."""
        return range(bisect.bisect_left(self.starts, start), bisect.bisect_left(self.starts, end))

    def at(self, offset: int) -> int:
        """The index of the first word that starts at or after ``offset`` (``len(self)`` if none)."""
        return bisect.bisect_left(self.starts, offset)

    @cached_property
    def sentence(self) -> memoryview:
        """Each word's sentence: its index in ``view.sentences`` (``-1`` before the first sentence)."""
        return _readonly(self._owners([s.start for s in self._sentences]))

    @cached_property
    def line(self) -> memoryview:
        """Each word's line: its index in ``view.lines`` (``-1`` before the first line)."""
        return _readonly(self._owners([line.start for line in self._lines]))

    def _owners(self, starts: list[int]) -> list[int]:
        """For each word, the index of the last of the sorted ``starts`` at or before it (-1 if none)."""
        return list(map((-1).__add__, map(bisect.bisect_right, repeat(starts), self.starts.tolist())))


@dataclass(frozen=True)
class Document:
    """An article with its fields analysed once, as every scorer receives it.

    :ivar article: the article as read.
    :ivar title: the analysed title (field ``"title"``).
    :ivar body: the analysed body (field ``"text"``).
    :ivar byline: the article's byline as a field of its own (``"byline"``; empty without one).
    :ivar segments: labelled spans of the body that scorers declared, by label.
    :ivar blanked: characters of the body that are suppression comments (blanked in
        :attr:`body`), with the line of a comment alone on it: a character share leaves
        them out (:func:`copydesk.suppress.blank_comments`).
    """

    article: Article
    title: TextView
    body: TextView
    segments: Mapping[str, tuple[Segment, ...]] = field(default_factory=lambda: MappingProxyType({}))
    blanked: int = 0

    @classmethod
    def from_article(cls, article: Article) -> Document:
        """Analyse ``article`` once; the body's suppression comments are blanked (not words of the article)."""
        body, blanked = article.body, 0
        if "<!--" in body:
            from copydesk.suppress import blank_comments  # imports this module

            body, blanked = blank_comments(body)
        return cls(article, TextView(article.title, "title"), TextView(body, "text"), blanked=blanked)

    @classmethod
    def from_copy(cls, article: Article) -> Document:
        """:meth:`from_article` of a copy of ``article``, so what is done to the document's article leaves it alone.

        The copy is ``dataclasses.replace(article)`` without re-running ``__init__`` (an
        :class:`Article` has no ``__post_init__``): its instance dictionary, copied. A
        subclass of Article goes through ``replace``.
        """
        if type(article) is Article:
            copy = object.__new__(Article)
            copy.__dict__.update(article.__dict__)
            return cls.from_article(copy)
        return cls.from_article(replace(article))

    def with_segments(self, segments: list[Segment]) -> Document:
        """A copy whose ``segments`` groups ``segments`` by label, sorted by position."""
        grouped: dict[str, list[Segment]] = {}
        for segment in sorted(segments, key=lambda s: (s.label, s.start, s.end)):
            grouped.setdefault(segment.label, []).append(segment)
        return replace(self, segments=MappingProxyType({k: tuple(v) for k, v in grouped.items()}))

    def in_segment(self, label: str, offset: int) -> bool:
        """True when body offset ``offset`` falls inside a segment labelled ``label``."""
        merged = self._merged_segments.get(label)
        if not merged:
            return False
        starts, ends = merged
        index = bisect.bisect_right(starts, offset) - 1
        return index >= 0 and offset < ends[index]

    @cached_property
    def _merged_segments(self) -> dict[str, tuple[list[int], list[int]]]:
        """Per label, the segments merged where they overlap: sorted starts and ends."""
        merged: dict[str, tuple[list[int], list[int]]] = {}
        for label, spans in self.segments.items():
            starts: list[int] = []
            ends: list[int] = []
            for span in spans:  # sorted by start in with_segments
                if ends and span.start <= ends[-1]:
                    ends[-1] = max(ends[-1], span.end)
                else:
                    starts.append(span.start)
                    ends.append(span.end)
            merged[label] = (starts, ends)
        return merged

    @cached_property
    def byline(self) -> TextView:
        """The byline (front matter, a record's byline field, HTML metadata) as field ``"byline"``.

        A finding about the byline spans this text, so it points at the byline where it is in
        the file rather than at the start of the body.
        """
        return TextView(self.article.byline or "", "byline")

    @property
    def id(self) -> str:
        """The article's id."""
        return self.article.id

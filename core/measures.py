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

import bisect
import functools
import itertools
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import compress
from operator import itemgetter
from typing import Any

from copydesk.safety import shown
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


def count(pattern: re.Pattern[str] | WordBounded, text: str) -> int:
    """How many non-overlapping matches ``pattern`` has in ``text``."""
    return sum(1 for _ in pattern.finditer(text))


#: The ASCII digits, as text (:func:`digit_offsets` looks for each).
_DIGITS = "0123456789"


def digit_offsets(text: str, limit: int) -> list[int] | None:
    """Where each ASCII digit of ``text`` is, in order, or None when it holds more than ``limit`` of them.

    Each digit is found with ``str.find`` (a scan for one character, ten of them), a few times
    faster than a digit pattern tried at every character; past ``limit`` digits the search stops
    and the caller scans with its pattern instead (no list of every digit of a long table). It
    sees ASCII digits only: a caller whose pattern reads other decimal digits asks first whether
    the text has any.
    """
    found: list[int] = []
    for digit in _DIGITS:
        at = text.find(digit)
        while at >= 0:
            if len(found) == limit:
                return None
            found.append(at)
            at = text.find(digit, at + 1)
    found.sort()
    return found


def _is_word(char: str) -> bool:
    r"""Whether ``re`` counts ``char`` as a word character (``\w`` in Unicode mode)."""
    return char.isalnum() or char == "_"


def _is_ascii_word(char: str) -> bool:
    r"""Whether ``re`` counts ``char`` as a word character under ``re.ASCII``."""
    return char.isascii() and (char.isalnum() or char == "_")


class WordBounded:
    r"""A pattern that opens with ``\b``, found with exactly its matches, several times faster.

    Python's ``re`` skips ahead quickly to where a pattern can start only when the
    pattern opens with literal text or a character set (an alternation of words
    qualifies); an opening ``\b`` disables that, so ``\b(?:said|says|told)\b`` tries
    every position of the text. ``WordBounded(re.compile(r"\b(?:said|says|told)\b"))``
    compiles the pattern without its opening ``\b`` and checks the word boundary itself
    at each candidate, retrying one character further when it does not hold, exactly as
    the engine would: ``finditer``, ``search``, ``match`` and ``findall`` give the very
    same matches as the original pattern (the tests compare them on random text). For a
    lexicon, build the alternation once at import with :func:`alternation`.

    :param pattern: a compiled pattern whose source starts with ``\b`` and whose matches
        are never empty.
    """

    __slots__ = ("_is_word", "_rest", "pattern")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        r"""Compile ``pattern`` without its opening ``\b``, with the same flags."""
        if not pattern.pattern.startswith("\\b"):
            raise ValueError(f"pattern does not open with \\b: {shown(pattern.pattern[:40])}")
        self.pattern = pattern
        self._rest = re.compile(pattern.pattern[2:], pattern.flags)
        if self._rest.fullmatch(""):
            raise ValueError(f"pattern can match the empty string: {shown(pattern.pattern[:40])}")
        self._is_word = _is_ascii_word if pattern.flags & re.ASCII else _is_word

    def _bounded(self, text: str, at: int) -> bool:
        r"""Whether ``\b`` holds at offset ``at`` of ``text``."""
        before = at > 0 and self._is_word(text[at - 1])
        return before != (at < len(text) and self._is_word(text[at]))

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        """The first match at or after ``pos`` (before ``endpos``), as ``pattern.search`` finds it."""
        stop = len(text) if endpos is None else endpos
        found = self._rest.search(text, pos, stop)
        while found is not None and not self._bounded(text, found.start()):
            found = self._rest.search(text, found.start() + 1, stop)
        return found

    def match(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        """The match at ``pos``, as ``pattern.match`` finds it."""
        pos = max(0, min(pos, len(text)))
        if not self._bounded(text, pos):
            return None
        return self._rest.match(text, pos, len(text) if endpos is None else endpos)

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match[str]]:
        """Every non-overlapping match, as ``pattern.finditer`` finds them."""
        found = self.search(text, pos, endpos)
        while found is not None:
            yield found
            found = self.search(text, found.end(), endpos)

    def findall(self, text: str) -> list[Any]:
        """What ``pattern.findall`` returns."""
        groups = self._rest.groups
        if groups == 0:
            return [m.group() for m in self.finditer(text)]
        if groups == 1:
            return [m.group(1) or "" for m in self.finditer(text)]
        return [m.groups("") for m in self.finditer(text)]


def tokens(view: TextView) -> list[str]:
    """The view's words that start with a letter, lower-cased, curly apostrophes made straight.

    Built from the shared token stream's forms (``view.tokens.forms``), not re-split.
    """
    forms: Sequence[str] = view.tokens.forms
    # A word starts with a letter when its form does: lower-casing keeps a first character a
    # letter or not (tests/core/test_measures.py checks every character).
    letters = map(str.isalpha, map(itemgetter(0), forms))
    if forms and "\u2019" in view.text:  # every form at once: no form holds a NUL (not a word character)
        forms = "\x00".join(forms).replace("\u2019", "'").split("\x00")
    return list(compress(forms, letters))


def sentence_texts(view: TextView) -> list[str]:
    """The text of each of the view's sentences that holds a letter."""
    text = view.text
    out = []
    for sentence in view.sentences:
        piece = text[sentence.start : sentence.end]
        if piece[:1].isalpha() or any(ch.isalpha() for ch in piece):
            out.append(piece)
    return out


@functools.lru_cache(maxsize=8)
def sentence_count(view: TextView) -> int:
    """``len(sentence_texts(view))``: how many sentences hold a letter, counted once per view for every scorer."""
    return len(sentence_texts(view))


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
            yield key, f"must be between {low:g} and {high:g}, not {shown(settings[key])}"
        elif low is not None:
            yield key, f"must be at least {low:g}, not {shown(settings[key])}"
        else:
            yield key, f"must be at most {high:g}, not {shown(settings[key])}"


#: Characters that ``re.IGNORECASE`` matches with an ASCII letter but ``str.lower()``
#: does not turn into it (dotted and dotless i, long s).
_UNFOLDED = ("\u0130", "\u0131", "\u017f")


class Folded:
    r"""A case-insensitive pattern, matched on the token stream's lower-cased text.

    ``re.IGNORECASE`` makes every step of a match compare case-folded characters, and
    stops an opening ``\b`` word list from being scanned quickly. A pattern written in
    lower case with ASCII letters matches the lower-cased text (``view.tokens.lower``,
    same offsets) exactly where it matches the text ignoring case: lower-casing never
    changes whether a character is a word character, and the only characters
    ``re.IGNORECASE`` matches with an ASCII letter that ``str.lower()`` does not map to
    it are ``İ``, ``ı`` and ``ſ``; a text holding one is searched with the original
    pattern. Matches then carry offsets into the text and the lower-cased characters.

    :param pattern: compiled with ``re.IGNORECASE``, its source in lower case and ASCII.
    """

    __slots__ = ("_lower", "pattern")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        r"""Compile ``pattern`` case-sensitively (with :class:`WordBounded` when it opens with ``\b``)."""
        _check_folded(pattern)
        source = pattern.pattern
        lower = re.compile(source, pattern.flags & ~re.IGNORECASE)
        self.pattern = pattern
        self._lower: re.Pattern[str] | WordBounded = WordBounded(lower) if source.startswith("\\b") else lower

    def finditer(self, view: TextView) -> Iterator[re.Match[str]]:
        """Every match in ``view``'s text, as ``pattern.finditer(view.text)`` finds them (offsets and spans)."""
        text = view.text
        if any(char in text for char in _UNFOLDED):
            return self.pattern.finditer(text)
        return self._lower.finditer(view.tokens.lower)

    def count(self, view: TextView) -> int:
        """How many non-overlapping matches the pattern has in ``view``'s text."""
        return sum(1 for _ in self.finditer(view))


def _check_folded(pattern: re.Pattern[str]) -> None:
    """Refuse a pattern :class:`Folded` cannot match on lower-cased text (ValueError)."""
    source = pattern.pattern
    if not pattern.flags & re.IGNORECASE or source != source.lower() or not source.isascii():
        raise ValueError(f"not an IGNORECASE pattern written in lower-case ASCII: {shown(source[:40])}")


#: Characters that join the parts of one word ("well-known", "insider's"), as in :data:`copydesk.text.WORD`.
_JOINERS = "'\u2019-"
#: Joiners from this many on have their words found with numpy (:func:`_word_starts`); fewer, by bisection.
_MANY_JOINERS = 16


def _joiner_offsets(text: str, begin: int) -> list[int]:
    """The offsets of every joiner (:data:`_JOINERS`) of ``text`` at or after ``begin``, in order.

    Found character by character with ``str.find`` (a fast scan for one character), not
    with a pattern the regex engine tries at every offset.
    """
    found: list[int] = []
    for char in _JOINERS:
        at = text.find(char, begin)
        while at >= 0:
            found.append(at)
            at = text.find(char, at + 1)
    found.sort()
    return found


def _word_starts(starts: memoryview, offsets: list[int]) -> list[int]:
    """For each offset, the start of the last word that starts at or before it (each offset at or after the first start)."""
    if len(offsets) < _MANY_JOINERS:
        return [starts[bisect.bisect_right(starts, at) - 1] for at in offsets]
    import numpy as np  # loaded by any run that scores (copydesk.text), and not before

    words = np.frombuffer(starts, dtype=np.intc)  # a read-only memoryview over 32-bit integers
    found: list[int] = words[words.searchsorted(offsets, side="right") - 1].tolist()
    return found


class Anchored:
    r"""A pattern opening with ``\b`` and a choice of words, tried only where one of them starts.

    Such a pattern can match only at a word boundary followed by one of its first words:
    the start of a word of the token stream whose lower-cased form is one of them (or whose
    part before an apostrophe or hyphen is), or the start of a part after an apostrophe or
    hyphen inside a word. Those places come from an index of the view built once for all
    :class:`Anchored` patterns (where each of their first words occurs, and the parts
    around apostrophes and hyphens); the pattern is matched at each,
    left to right, each search resuming after the last match: exactly the matches
    ``pattern.finditer(view.text)`` finds, at a fraction of the cost when the first words
    are not among the commonest. A case-insensitive pattern is matched on the token
    stream's lower-cased text, as :class:`Folded` does (and with the same condition), and
    its matches carry the lower-cased characters.

    :param pattern: a compiled pattern whose source opens with ``\b``; compiled with
        ``re.IGNORECASE``, its source must be in lower case and ASCII.
    :param first_words: the words its matches can open with, in lower case: each match must
        open with one of them, whole (followed by anything but a letter or digit).

    The pattern without its ``\b``, and the :class:`Folded` pattern for a text holding
    ``İ``, ``ı`` or ``ſ``, are compiled when first needed: a process that meets none of
    the first words (or no such character) does not compile them (compiling the built-in
    scorers' took about 10 ms of CPU at every start).
    """

    __slots__ = ("_first", "_folded", "_ignores_case", "_rest", "pattern")

    def __init__(self, pattern: re.Pattern[str], first_words: Iterable[str]) -> None:
        r"""Check ``pattern`` and ``first_words``; the pattern without its opening ``\b`` is compiled on first use."""
        source = pattern.pattern
        if not source.startswith("\\b"):
            raise ValueError(f"pattern does not open with \\b: {shown(source[:40])}")
        self.pattern = pattern
        self._ignores_case = bool(pattern.flags & re.IGNORECASE)
        if self._ignores_case:
            _check_folded(pattern)
        self._folded: Folded | None = None
        self._rest: re.Pattern[str] | None = None
        self._first = frozenset(first_words)
        if any(word != word.lower() or not word.isalnum() for word in self._first):
            raise ValueError("first words must be lower-case letters or digits")
        _FIRST_WORDS.update(self._first)

    def finditer(self, view: TextView) -> Iterator[re.Match[str]]:
        """Every match in ``view``'s text, as ``pattern.finditer(view.text)`` finds them (offsets and spans)."""
        text = view.text
        if not self._ignores_case:
            return self._anchored(view, text)
        if any(char in text for char in _UNFOLDED):
            if self._folded is None:
                self._folded = Folded(self.pattern)
            return self._folded.finditer(view)
        return self._anchored(view, view.tokens.lower)

    def count(self, view: TextView) -> int:
        """How many non-overlapping matches the pattern has in ``view``'s text."""
        return sum(1 for _ in self.finditer(view))

    def _anchored(self, view: TextView, searched: str) -> Iterator[re.Match[str]]:
        """The matches in ``searched`` (the text or its lower-cased copy), tried at the candidate places."""
        parts, positions, indexed, part_words, position_words = _word_index(view)
        first = self._first
        candidates: list[int] = []
        for word in first & part_words:  # two sets: the smaller one is iterated
            candidates += parts[word]
        if first <= indexed:
            for word in first & position_words:
                candidates += positions[word]
        else:  # an Anchored made after the view was indexed: look its words up now
            stream = view.tokens
            starts = stream.starts
            found = itertools.compress(itertools.count(), map(first.__contains__, stream.forms))
            candidates += [starts[i] for i in found]
        if not candidates:
            return
        candidates.sort()
        if self._rest is None:
            self._rest = re.compile(self.pattern.pattern[2:], self.pattern.flags & ~re.IGNORECASE)
        match = self._rest.match
        resume = 0
        for at in candidates:
            if at >= resume and (found_at := match(searched, at)) is not None:
                if at and _is_word(searched[at - 1]):
                    continue
                yield found_at
                resume = found_at.end()


class Occurrences:
    """Where the words of a lexicon occur in a view: the starts of the token stream's words whose form is one.

    The same offsets as reading every form (``tokens.forms``) and keeping those in ``words``,
    but read from the index :class:`Anchored` patterns share (built once per view, its words
    those of every :class:`Anchored` and :class:`Occurrences` made so far), so a scorer that
    counts a lexicon's words does not pass over every word again. Made at import, like an
    :class:`Anchored`; one made after a view was indexed reads that view's forms.

    :param words: the word forms, as ``tokens.forms`` holds them (lower-cased whole words).
    """

    __slots__ = ("words",)

    def __init__(self, words: Iterable[str]) -> None:
        """Add ``words`` to the words each view's index holds."""
        self.words = frozenset(words)
        _FIRST_WORDS.update(self.words)

    def starts(self, view: TextView) -> list[int]:
        """The start offset of each of ``view``'s words whose form is one of the words, in reading order."""
        _, positions, indexed, _, position_words = _word_index(view)
        words = self.words
        if not words <= indexed:
            stream = view.tokens
            starts = stream.starts
            return [starts[i] for i in compress(itertools.count(), map(words.__contains__, stream.forms))]
        found: list[int] = []
        for word in words & position_words:
            found += positions[word]
        found.sort()
        return found

    def count(self, view: TextView) -> int:
        """How many of ``view``'s words have a form among the words: ``len(self.starts(view))``, without listing them."""
        _, positions, indexed, _, position_words = _word_index(view)
        words = self.words
        if not words <= indexed:
            return sum(map(words.__contains__, view.tokens.forms))
        return sum(len(positions[word]) for word in words & position_words)


#: Every first word of every :class:`Anchored` made so far: the words each view's index holds.
#: Only ever added to, so its size tells whether :func:`_indexed` must freeze it again.
_FIRST_WORDS: set[str] = set()
_FROZEN: list[frozenset[str]] = [frozenset()]


def _indexed() -> frozenset[str]:
    """:data:`_FIRST_WORDS` frozen: made again only after words were added, not for every view."""
    if len(_FROZEN[0]) != len(_FIRST_WORDS):
        _FROZEN[0] = frozenset(_FIRST_WORDS)
    return _FROZEN[0]


#: A word part (letters and digits) after an apostrophe or hyphen, or at a word's start.
_PART = re.compile(r"[^\W_]+")


@functools.lru_cache(maxsize=8)
def _word_index(
    view: TextView,
) -> tuple[dict[str, list[int]], dict[str, list[int]], frozenset[str], frozenset[str], frozenset[str]]:
    """Where the words that :class:`Anchored` patterns open with occur in ``view``: built once per view.

    Returns the start offsets of the lower-cased word parts that an apostrophe or hyphen
    borders, by part (the part after each apostrophe or hyphen, and the first part of
    the word before it: a word's start is a word boundary, and so is the start of a part
    after one of them); the start offsets of the words whose form is a first word of an
    :class:`Anchored`, by form; and the first words indexed (those of every
    :class:`Anchored` made so far), then the words of the first two as sets (an :class:`Anchored`
    intersects its first words with them, iterating the smaller).
    """
    stream = view.tokens
    lower, starts, forms = stream.lower, stream.starts, stream.forms
    parts: dict[int, str] = {}
    if len(starts) and any(char in lower for char in _JOINERS):
        joiners = _joiner_offsets(lower, starts[0])
        match = _PART.match
        for at, word_start in zip(joiners, _word_starts(starts, joiners), strict=True):
            for offset in (at + 1, word_start):
                # Each offset once: a word with many hyphens is not rescanned from its start.
                if offset not in parts and (part := match(lower, offset)) is not None:
                    parts[offset] = part.group()
    by_part: dict[str, list[int]] = {}
    for offset, word in parts.items():
        by_part.setdefault(word, []).append(offset)
    indexed = _indexed()
    positions: dict[str, list[int]] = {}
    found = positions.get  # (setdefault would make an empty list at every word)
    for form, start in itertools.compress(zip(forms, starts, strict=True), map(indexed.__contains__, forms)):
        if (offsets := found(form)) is None:
            positions[form] = [start]
        else:
            offsets.append(start)
    return by_part, positions, indexed, frozenset(by_part), frozenset(positions)

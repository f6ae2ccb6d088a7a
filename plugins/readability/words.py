"""The body's words for the readability scorer, looked up once: numbered forms and their properties in arrays.

Each distinct lower-cased word form met by the process gets a number (:class:`Vocabulary`)
and, the first time it is met, its properties: syllables (:func:`word_syllables`),
length, whether it starts with a letter (a *token* of the features), the number of its
token form (curly apostrophes made straight) and the lexicons that token belongs to.
An article's words are then one dictionary lookup each (:func:`body_words`), and every
count the scorer takes over words (syllables per sentence, polysyllabic words, token
lengths, function and stop words, abstract nouns, the codes of the diversity and
repetition measures) is numpy arithmetic on arrays indexed by those numbers, with no
Python object per word. Counts are integers, so they are exactly what counting word by
word gave.

The vocabulary is cleared when it holds :data:`CACHE_LIMIT` forms, so memory stays flat
however many articles a process scores.
"""

from __future__ import annotations

import functools
import itertools
import re
import struct
from collections.abc import Mapping, Sequence
from operator import itemgetter
from typing import NamedTuple

import numpy as np
from copydesk import TextView
from copydesk.plugins.readability.syllables import (
    MAX_DICTIONARY_WORD,
    cmu_syllables,
    unlisted_syllables,
    word_syllables,
)

#: Function words (the features' ``function_word_share``).
FUNCTION_WORDS = frozenset("the of and to a in that is was for".split())
#: Stop words, articles, third-person pronouns and present-tense auxiliaries (the voice features).
STOP_WORDS = frozenset(
    "a an the of in to for with on at by from and or but is are was were be been it its this that as "
    "he she they we i you his her their our".split()
)
ARTICLES = frozenset(("a", "an", "the"))
THIRD_PERSON = frozenset("he she him her his hers they them their".split())
PRESENT_AUXILIARIES = frozenset("is are am has have does do".split())
ABSTRACT_SUFFIXES = ("tion", "tions", "ment", "ments", "ness", "ity", "ities", "ism", "ance", "ence")
#: Letters an abstract noun has before its suffix, at least.
ABSTRACT_STEM = 4
#: A token (one per line) of :data:`ABSTRACT_STEM` or more characters and then one of the
#: :data:`ABSTRACT_SUFFIXES`: every abstract noun among distinct tokens joined by line breaks
#: (no token holds one), found in one search (the tests compare it with the suffixes checked one by one).
ABSTRACT_NOUN = re.compile(
    rf"^.{{{ABSTRACT_STEM},}}(?:{'|'.join(sorted(ABSTRACT_SUFFIXES, key=len, reverse=True))})$", re.MULTILINE
)


#: The word lists a token form can belong to; with the abstract nouns (:data:`ABSTRACT_NOUN`), the
#: lexicons of :attr:`Vocabulary.lexicons`, each a bit (``1 << i`` for the ``i``-th of :data:`LEXICONS`).
WORD_LEXICONS: tuple[tuple[str, frozenset[str]], ...] = (
    ("function", FUNCTION_WORDS),
    ("stop", STOP_WORDS),
    ("article", ARTICLES),
    ("third_person", THIRD_PERSON),
    ("present", PRESENT_AUXILIARIES),
)
LEXICONS = (*(name for name, _ in WORD_LEXICONS), "abstract")
#: Each lexicon's bit.
BIT = {name: 1 << i for i, name in enumerate(LEXICONS)}
#: Row ``i``, column ``bits``: 1 when ``bits`` hold the ``i``-th of :data:`LEXICONS`, so this
#: matrix times the histogram of the tokens' bits counts the tokens of every lexicon at once.
_MEMBERSHIP = np.array([[(bits >> i) & 1 for bits in range(1 << len(LEXICONS))] for i in range(len(LEXICONS))])

#: Words counted wherever they stand whole between word boundaries, a word part at a time
#: (``don't`` has the parts ``don`` and ``t``, ``we-the-people`` three): the first-person
#: pronouns (in lower case here; :data:`FIRST_PERSON_CASES` says which cases count), the
#: second-person pronouns and the demonstratives. Column ``i`` of :attr:`Vocabulary.parts`.
PART_LEXICONS: tuple[frozenset[str], ...] = (
    frozenset("i me my mine myself we us our ours ourselves".split()),
    frozenset("you your yours yourself yourselves".split()),
    frozenset("this these that those".split()),
)
#: The first-person pronouns as written that count: lower case or a capital initial, "I" only as a capital.
FIRST_PERSON_CASES = frozenset({"I"} | {w for word in PART_LEXICONS[0] - {"i"} for w in (word, word.capitalize())})
#: What joins the parts of one word (:data:`copydesk.text.WORD`).
JOINER = re.compile("['\u2019-]")

#: Forms the vocabulary holds at most before it is cleared (one article's forms may pass it).
CACHE_LIMIT = 1 << 17
#: Room for this many forms when the vocabulary is made or cleared (its arrays double as it fills).
INITIAL_CAPACITY = 1 << 12


def form_syllables(form: str) -> int:
    """:func:`word_syllables` of a lower-cased form; a plain dictionary word (ASCII, no hyphen, not overlong) is looked up directly."""
    if form.isascii() and "-" not in form and len(form) <= MAX_DICTIONARY_WORD:
        known = cmu_syllables().get(form)
        if known is not None:
            return int(known)
    return word_syllables(form)


def forms_syllables(forms: list[str]) -> list[int]:
    """:func:`form_syllables` of each of ``forms``, the dictionary's plain words looked up in one call."""
    plain = [form.isascii() and "-" not in form and len(form) <= MAX_DICTIONARY_WORD for form in forms]
    known = iter(cmu_syllables().counts(itertools.compress(forms, plain)))
    counts = []
    for form, looked_up in zip(forms, plain, strict=True):
        count = next(known) if looked_up else None
        if count is None:
            # a plain lower-case word of letters and digits the dictionary lacks: word_syllables would
            # look it up twice more before hyphenating it
            unlisted = looked_up and form.isalnum() and form == form.lower()
            count = unlisted_syllables(form) if unlisted else word_syllables(form)
        counts.append(count)
    return counts


class Vocabulary:
    """Lower-cased word forms numbered in the order first met, with their properties in arrays indexed by number.

    :ivar numbers: form -> number.
    :ivar syllables: each form's syllables (:func:`form_syllables`).
    :ivar length: each form's length in characters.
    :ivar letter: whether each form starts with a letter (is a token of the features).
    :ivar token: the number of each form's token form (curly apostrophes made straight).
    :ivar lexicons: the lexicons each form's token form belongs to, a bit each (:data:`BIT`).
    :ivar parts: for each form, how many of its parts are words of each of :data:`PART_LEXICONS`.
    :ivar pronoun: whether any of them is (a row of :attr:`parts` is not all zero).
    :ivar scratch: room for one integer per form, for :func:`body_words` to number an article's tokens.
    """

    #: The property arrays, each with one entry (a row for :attr:`parts`) per form numbered.
    ARRAYS = ("syllables", "length", "token", "letter", "lexicons", "parts", "pronoun", "scratch")

    def __init__(self, limit: int = CACHE_LIMIT) -> None:
        """An empty vocabulary, cleared when it holds ``limit`` forms and meets a new one."""
        self.limit = limit
        self.clear()

    def clear(self) -> None:
        """Forget every form (and give back the room a large article took)."""
        size = INITIAL_CAPACITY
        self.numbers: dict[str, int] = {}
        # 32-bit (a text has fewer than 2**31 characters): the arrays a word's properties are
        # gathered from at random stay small enough for the processor's caches.
        self.syllables = np.zeros(size, dtype=np.int32)
        self.length = np.zeros(size, dtype=np.int32)
        self.token = np.zeros(size, dtype=np.int32)
        self.letter = np.zeros(size, dtype=np.bool_)
        self.lexicons = np.zeros(size, dtype=np.uint8)
        self.parts = np.zeros((size, len(PART_LEXICONS)), dtype=np.int32)
        self.pronoun = np.zeros(size, dtype=np.bool_)
        self.scratch = np.zeros(size, dtype=np.int32)

    def _grow(self) -> None:
        """Twice the room in every property array, the forms numbered so far kept."""
        for name in self.ARRAYS:
            values: np.ndarray = getattr(self, name)
            bigger = np.zeros((2 * len(values), *values.shape[1:]), dtype=values.dtype)
            bigger[: len(values)] = values
            setattr(self, name, bigger)

    def number(self, forms: Sequence[str]) -> np.ndarray:
        """Each of ``forms``'s number (a read-only array), forms not met before numbered and described first."""
        numbers = self.numbers
        try:
            found = _lookup(numbers, forms)
        except KeyError:
            missing = set(forms).difference(numbers)
            if len(numbers) + len(missing) > self.limit:
                self.clear()
                missing = set(forms)
            self._add(sorted(missing))  # sorted: the same numbers in every run
            found = _lookup(self.numbers, forms)
        # packed as native ssize_t (numpy's intp) by one struct call: a few nanoseconds a number,
        # where np.fromiter converts each through numpy's generic item setter (about four times as long)
        return np.frombuffer(struct.Struct(f"{len(found)}n").pack(*found), dtype=np.intp)

    def _add(self, forms: list[str]) -> None:
        """Number and describe new ``forms`` (and their token forms not yet numbered), each array filled at once."""
        numbers = self.numbers
        start = len(numbers)
        numbers.update(zip(forms, range(start, start + len(forms)), strict=True))
        new, tokens = list(forms), list(forms)
        for form in forms:
            if "\u2019" in form:  # a token form of its own, the curly apostrophes made straight
                token = form.replace("\u2019", "'")
                if token not in numbers:
                    numbers[token] = len(numbers)
                    new.append(token)
                    tokens.append(token)
        tokens[: len(forms)] = [form.replace("\u2019", "'") for form in forms]
        while len(numbers) > len(self.syllables):
            self._grow()
        end = len(numbers)
        self.syllables[start:end] = forms_syllables(new)
        self.length[start:end] = list(map(len, new))
        self.letter[start:end] = [form[:1].isalpha() for form in new]
        self.token[start:end] = list(map(numbers.__getitem__, tokens))
        self.lexicons[start:end] = _lexicon_bits(tokens)
        parts = self.parts[start:end]
        parts[:] = 0
        for i, form in enumerate(new):
            if form in _PART_WORDS or "'" in form or "\u2019" in form or "-" in form:
                pieces = JOINER.split(form)
                parts[i] = [sum(map(lexicon.__contains__, pieces)) for lexicon in PART_LEXICONS]
        self.pronoun[start:end] = parts.any(axis=1)


#: Every word of :data:`PART_LEXICONS`.
_PART_WORDS = frozenset().union(*PART_LEXICONS)
#: Each word of :data:`WORD_LEXICONS`, with its bits.
_WORD_BITS = {
    word: sum(BIT[name] for name, lexicon in WORD_LEXICONS if word in lexicon)
    for word in frozenset().union(*(lexicon for _, lexicon in WORD_LEXICONS))
}


def _lexicon_bits(tokens: list[str]) -> list[int]:
    """The :data:`LEXICONS` bits of each token form: word lists looked up, abstract nouns found in one search."""
    bits = [_WORD_BITS.get(token, 0) for token in tokens]
    abstract = set(ABSTRACT_NOUN.findall("\n".join(tokens)))
    if abstract:
        bits = [b | BIT["abstract"] if token in abstract else b for b, token in zip(bits, tokens, strict=True)]
    return bits


def _lookup(numbers: dict[str, int], forms: Sequence[str]) -> tuple[int, ...]:
    """Each form's number (KeyError for a form not numbered)."""
    if len(forms) > 1:
        found: tuple[int, ...] = itemgetter(*forms)(numbers)
        return found
    return tuple(numbers[form] for form in forms)


#: The vocabulary every article of the process is looked up in.
VOCABULARY = Vocabulary()


class BodyWords(NamedTuple):
    """A view's words looked up in the vocabulary: what every word count of the scorer reads.

    :ivar first: for each of the view's sentences, the index of the first word that starts inside it.
    :ivar last: ... and one past the last (``first == last``: no word starts inside it).
    :ivar sentence_words: ``last - first``: how many words start inside each sentence.
    :ivar syllables: each word's syllables.
    :ivar letter: whether each word starts with a letter (is a token).
    :ivar tokens: the number of each token's token form, in text order.
    :ivar lengths: each token's length in characters.
    :ivar lexicons: the lexicons each token belongs to (:data:`BIT`).
    :ivar codes: each token as a small integer, equal where the tokens are (:func:`dense`).
    :ivar candidates: the indices of the words with a part among :data:`PART_LEXICONS` (in any case).
    :ivar parts: for each of those, how many of its parts are words of each lexicon.
    :ivar totals: how many tokens belong to each of :data:`LEXICONS` (counted at once, :meth:`count` reads them).
    :ivar numbers: the vocabulary's form -> number at the lookup (a vocabulary cleared later
        makes a new dictionary, so the numbers in :attr:`tokens` stay those of this one).
    """

    first: np.ndarray
    last: np.ndarray
    sentence_words: np.ndarray
    syllables: np.ndarray
    letter: np.ndarray
    tokens: np.ndarray
    lengths: np.ndarray
    lexicons: np.ndarray
    codes: np.ndarray
    candidates: np.ndarray
    parts: np.ndarray
    totals: tuple[int, ...]
    numbers: Mapping[str, int]

    def count(self, lexicon: str) -> int:
        """How many tokens belong to ``lexicon`` (a name of :data:`LEXICONS`)."""
        return self.totals[LEXICONS.index(lexicon)]


@functools.lru_cache(maxsize=4)
def body_words(view: TextView) -> BodyWords:
    """``view``'s words looked up once (for the body statistics and the features alike)."""
    stream = view.tokens
    vocabulary = VOCABULARY
    numbers = vocabulary.number(stream.forms)
    starts = np.asarray(stream.starts)
    sentences = view.sentences
    sentence_starts = np.fromiter(map(itemgetter(0), sentences), dtype=starts.dtype, count=len(sentences))
    sentence_ends = np.fromiter(map(itemgetter(1), sentences), dtype=starts.dtype, count=len(sentences))
    # take: a gather by integer indices, cheaper than indexing for arrays of an article's size
    letter = vocabulary.letter.take(numbers)
    tokens = vocabulary.token.take(numbers[letter])
    candidates = vocabulary.pronoun.take(numbers).nonzero()[0]
    lexicons = vocabulary.lexicons.take(tokens)
    first, last = starts.searchsorted(sentence_starts), starts.searchsorted(sentence_ends)
    return BodyWords(
        first=first,
        last=last,
        sentence_words=last - first,
        syllables=vocabulary.syllables.take(numbers),
        letter=letter,
        tokens=tokens,
        lengths=vocabulary.length.take(tokens),
        lexicons=lexicons,
        codes=_codes(tokens, vocabulary.scratch),
        candidates=candidates,
        parts=vocabulary.parts.take(numbers.take(candidates), axis=0),
        totals=tuple((_MEMBERSHIP @ np.bincount(lexicons, minlength=_MEMBERSHIP.shape[1])).tolist()),
        numbers=vocabulary.numbers,
    )


#: The largest 16-bit code.
_INT16_MAX = int(np.iinfo(np.int16).max)


def _codes(tokens: np.ndarray, scratch: np.ndarray) -> np.ndarray:
    """Each token as an integer below ``len(tokens)``, equal where the tokens are.

    Each token's code is the position of one of its occurrences, written to and read back
    from ``scratch`` at its number (no sort). Small (16-bit) where they fit, so a stable
    sort of the codes is a radix sort.
    """
    n = len(tokens)
    scratch[tokens] = np.arange(n)
    codes: np.ndarray = scratch.take(tokens).astype(np.int16 if n <= _INT16_MAX else np.intp)
    return codes


def dense(values: np.ndarray) -> tuple[np.ndarray, int]:
    """Each value as its rank among the distinct values, and how many there are: ``np.unique``'s inverse, without it.

    Not ``np.unique``: its first call imports ``numpy.ma`` (about 20 ms of a cold start).
    """
    if not len(values):
        return np.zeros(0, dtype=np.int64), 0
    order = np.argsort(values, kind="stable")
    ordered = values[order]
    ranks = np.empty(len(values), dtype=np.int64)
    ranks[order] = np.cumsum(np.concatenate(([0], ordered[1:] != ordered[:-1])))
    return ranks, int(ranks[order[-1]]) + 1


#: Characters that ``re.IGNORECASE`` matches with an ASCII letter but ``str.lower()`` does
#: not turn into it (dotted and dotless i, long s), as in :class:`copydesk.measures.Folded`.
UNFOLDED = ("\u0130", "\u0131", "\u017f")


def part_counts(view: TextView, words: BodyWords) -> tuple[int, int, int] | None:
    r"""How often the words of each of :data:`PART_LEXICONS` stand whole in ``view``, or None where that needs the text.

    What ``\b(?:word|...)\b`` patterns of the lexicons find (the first-person one
    case-sensitive, as :data:`FIRST_PERSON_CASES`; the others ignoring case): such a
    match is a run of word characters that is one of the words, and in a text without
    ``_`` (a word character that joins no word of the core) those runs are exactly the
    parts of the core's words. So the counts are sums over the words' parts, the first
    person's checked as written. None for a text holding ``_``, or ``İ``, ``ı`` or ``ſ``
    (which ignoring case matches with ASCII letters that lower-casing does not give).
    """
    text = view.text
    if "_" in text or any(char in text for char in UNFOLDED):
        return None
    first, second, demonstrative = np.add.reduce(words.parts, axis=0).tolist() if len(words.parts) else (0, 0, 0)
    if first:
        stream = view.tokens
        forms, starts, ends = stream.forms, stream.starts, stream.ends
        whole = PART_LEXICONS[0]
        first = 0
        for i in words.candidates[words.parts[:, 0] > 0].tolist():
            word = text[starts[i] : ends[i]]
            if forms[i] in whole:  # the word is one pronoun, no joiner in it: its one part
                first += word in FIRST_PERSON_CASES
            else:
                first += sum(map(FIRST_PERSON_CASES.__contains__, JOINER.split(word)))
    return first, second, demonstrative


def token_strings(view: TextView, words: BodyWords, count: int) -> list[str]:
    """The first ``count`` tokens of ``view`` as strings: forms starting with a letter, curly apostrophes made straight."""
    forms = view.tokens.forms
    picked = [forms[i] for i in np.flatnonzero(words.letter)[:count].tolist()]
    if "\u2019" in view.text:
        picked = [form.replace("\u2019", "'") for form in picked]
    return picked

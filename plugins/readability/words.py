"""The body's words for the readability scorer, looked up once: numbered forms and their properties in arrays.

Each distinct lower-cased word form met by the process has an id in the core's vocabulary
(:attr:`copydesk.Tokens.ids`, looked up once per article for every scorer) and, the first
time the scorer reads it, its properties in tables indexed by id (:class:`copydesk.WordTable`):
syllables (:func:`word_syllables`), length, whether it starts with a letter (a *token* of
the features), the number of its token form (curly apostrophes made straight,
:class:`TokenClasses`) and the lexicons that token belongs to. Every count the scorer takes
over words (syllables per sentence, polysyllabic words, token lengths, function and stop
words, abstract nouns, the codes of the diversity and repetition measures) is numpy
arithmetic on arrays gathered by id (:func:`body_words`), with no Python object per word.
Counts are integers, so they are exactly what counting word by word gave.

The core's vocabulary is cleared when it holds ``copydesk.vocabulary.LIMIT`` forms, its
tables with it, so memory stays flat however many articles a process scores.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Mapping
from operator import itemgetter
from typing import NamedTuple

import numpy as np
from copydesk import VOCABULARY, TextView
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

#: Room for this many forms in the scratch array when first made (it doubles as the vocabulary grows).
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


def _token_form(form: str) -> str:
    """A form's token form: its curly apostrophes made straight."""
    return form.replace("\u2019", "'")


def _part_rows(forms: list[str]) -> list[list[int]]:
    """For each form, how many of its parts (split at joiners) are words of each of :data:`PART_LEXICONS`."""
    rows = []
    for form in forms:
        if form in _PART_WORDS or "'" in form or "\u2019" in form or "-" in form:
            pieces = JOINER.split(form)
            rows.append([sum(map(lexicon.__contains__, pieces)) for lexicon in PART_LEXICONS])
        else:
            rows.append([0] * len(PART_LEXICONS))
    return rows


class TokenClasses:
    """Each form's token number: the id of the first form of the vocabulary's generation with the same token form.

    A form without an apostrophe is the only one with its token form, so its number is its
    own id; the forms with one are looked up by token form in :attr:`apostrophes` (made
    anew, not emptied, when the vocabulary is cleared: a :class:`BodyWords` keeps the one
    its numbers came from).
    """

    def __init__(self) -> None:
        """No form seen yet."""
        self.generation = -1
        self.apostrophes: dict[str, int] = {}

    def fill(self, forms: list[str]) -> list[int]:
        """The token numbers of new vocabulary forms (a :class:`copydesk.WordTable`'s fill)."""
        if self.generation != VOCABULARY.generation:
            self.generation, self.apostrophes = VOCABULARY.generation, {}
        numbers, classes = VOCABULARY.numbers, self.apostrophes
        return [
            classes.setdefault(_token_form(form), numbers[form]) if "'" in form or "\u2019" in form else numbers[form]
            for form in forms
        ]


class TokenNumbers(NamedTuple):
    """A token string -> its token number, as the vocabulary's generation numbered it (``None`` if not met)."""

    numbers: Mapping[str, int]
    apostrophes: Mapping[str, int]

    def get(self, token: str) -> int | None:
        """The token number of ``token`` (a token form: straight apostrophes), or None."""
        return self.apostrophes.get(token) if "'" in token else self.numbers.get(token)


TOKEN_CLASSES = TokenClasses()
#: Each vocabulary form's properties, by word id (:attr:`copydesk.Tokens.ids`), computed once per form.
SYLLABLES = VOCABULARY.table(forms_syllables, np.int32)
LENGTH = VOCABULARY.table(lambda forms: list(map(len, forms)), np.int32)
LETTER = VOCABULARY.table(lambda forms: [form[:1].isalpha() for form in forms], np.bool_)
#: The lexicons of each form's token form (:data:`BIT`).
LEXICON_BITS = VOCABULARY.table(lambda forms: _lexicon_bits(list(map(_token_form, forms))), np.uint8)
PARTS = VOCABULARY.table(_part_rows, np.int32, width=len(PART_LEXICONS))
PRONOUN = VOCABULARY.table(lambda forms: [any(row) for row in _part_rows(forms)], np.bool_)
TOKEN = VOCABULARY.table(TOKEN_CLASSES.fill, np.int32)
#: Room for one integer per form, for :func:`body_words` to number an article's tokens (grown with the vocabulary).
_SCRATCH = [np.zeros(INITIAL_CAPACITY, dtype=np.int32)]


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
    :ivar numbers: a token string -> its number in :attr:`tokens`, as at the lookup (a
        vocabulary cleared later makes new dictionaries, so these stay those of the numbers).
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
    numbers: TokenNumbers

    def count(self, lexicon: str) -> int:
        """How many tokens belong to ``lexicon`` (a name of :data:`LEXICONS`)."""
        return self.totals[LEXICONS.index(lexicon)]


@functools.lru_cache(maxsize=4)
def body_words(view: TextView) -> BodyWords:
    """``view``'s words looked up once (for the body statistics and the features alike): gathers by word id."""
    ids = view.tokens.ids
    starts = np.asarray(view.tokens.starts)
    sentences = view.sentences
    sentence_starts = np.fromiter(map(itemgetter(0), sentences), dtype=starts.dtype, count=len(sentences))
    sentence_ends = np.fromiter(map(itemgetter(1), sentences), dtype=starts.dtype, count=len(sentences))
    # take: a gather by integer indices, cheaper than indexing for arrays of an article's size
    letter = LETTER.take(ids)
    token_ids = ids[letter]
    tokens = TOKEN.take(token_ids)
    candidates = PRONOUN.take(ids).nonzero()[0]
    lexicons = LEXICON_BITS.take(token_ids)
    first, last = starts.searchsorted(sentence_starts), starts.searchsorted(sentence_ends)
    return BodyWords(
        first=first,
        last=last,
        sentence_words=last - first,
        syllables=SYLLABLES.take(ids),
        letter=letter,
        tokens=tokens,
        lengths=LENGTH.take(token_ids),
        lexicons=lexicons,
        codes=_codes(tokens, _scratch()),
        candidates=candidates,
        parts=PARTS.take(ids.take(candidates)),
        totals=tuple((_MEMBERSHIP @ np.bincount(lexicons, minlength=_MEMBERSHIP.shape[1])).tolist()),
        numbers=TokenNumbers(VOCABULARY.numbers, TOKEN_CLASSES.apostrophes),
    )


def _scratch() -> np.ndarray:
    """Room for one integer per vocabulary form (:func:`_codes`), grown as the vocabulary grows."""
    if len(_SCRATCH[0]) < len(VOCABULARY):
        _SCRATCH[0] = np.zeros(max(len(VOCABULARY), 2 * len(_SCRATCH[0])), dtype=np.int32)
    return _SCRATCH[0]


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

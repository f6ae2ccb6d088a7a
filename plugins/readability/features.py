"""The readability scorer's style features (NELA-type): sentence rhythm, vocabulary, voice.

Voice and headline features (function words, narration, the title's style) are in
:mod:`copydesk.plugins.readability.voice`; :data:`FEATURES` and :func:`features` hold both.

The issue-13 prototype's definitions over the body. Sentences are the core's
(``document.body.sentences``, those holding a letter); a sentence's length is its
count of core words. Lexical features use *tokens*: the core's words that start with
a letter, lower-cased (numbers left out), as the prototype did. Per-1,000 rates floor
the word count at 300 (:mod:`copydesk.measures`).
"""

from __future__ import annotations

import functools
import itertools
import math
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from typing import NamedTuple

import numpy as np
from copydesk import Document, Feature, FeatureDirection, FeatureUnit, TextView, measures
from copydesk.plugins.readability import voice
from copydesk.plugins.readability.words import (  # noqa: F401 - the lexicons' names, as they were here
    ABSTRACT_NOUN,
    ABSTRACT_STEM,
    ABSTRACT_SUFFIXES,
    FUNCTION_WORDS,
    BodyWords,
    body_words,
    part_counts,
)
from copydesk.plugins.readability.words import dense as _dense

#: Second-person pronouns, found where one of their words starts (:class:`copydesk.measures.Anchored`).
SECOND_PERSON = measures.Anchored(
    re.compile(r"\b(?:you|your|yours|yourself|yourselves)\b", re.IGNORECASE),
    "you your yours yourself yourselves".split(),
)
#: First-person pronouns (I, me, my, mine, myself, we, us, our, ours, ourselves, in lower case
#: or with a capital initial; "I" only as a capital): the pattern is tried only where one of
#: the words starts, in any case (:class:`copydesk.measures.Anchored`, the pattern's own matches).
FIRST_PERSON = measures.Anchored(
    re.compile(r"\b(?:I|[Mm]e|[Mm]y|[Mm]ine|[Mm]yself|[Ww]e|[Uu]s|[Oo]ur|[Oo]urs|[Oo]urselves)\b"),
    "i me my mine myself we us our ours ourselves".split(),
)
#: All-capital words of four or more letters: the matches of ``\b[A-Z]{4,}+\b``, found faster:
#: the pattern opens with a capital (so ``re`` jumps to where one can start) and checks the
#: opening word boundary with a fixed-width lookbehind after it (the tests compare them).
FAST_ALL_CAPS = re.compile(r"[A-Z](?<!\w[A-Z])[A-Z]{3,}+\b")
#: Each byte of a text's UTF-8 as :func:`all_caps_count` reads it: ``A`` an ASCII capital, ``w``
#: another ASCII word character (``\w``), ``u`` a byte of a character outside ASCII, a space otherwise.
_CASE_CLASSES = bytes(
    ord("A" if chr(b).isupper() else "w" if chr(b).isalnum() or chr(b) == "_" else " ") if b < 128 else ord("u")
    for b in range(256)
)
#: :data:`FAST_ALL_CAPS` over a text's :data:`_CASE_CLASSES` where no run of capitals touches a
#: character outside ASCII: a run of four or more capitals with no word character either side.
#: It opens with a literal, so ``re`` looks for four capitals in a row with its fast literal
#: search, not at every capital.
_CAPS_RUN = re.compile(rb"AAAA(?<![Awu]AAAA)A*+(?![Awu])")
DEMONSTRATIVE = measures.Anchored(
    re.compile(r"\b(?:this|these|that|those)\b", re.IGNORECASE), "this these that those".split()
)
#: Letters of a long word, at least.
LONG_WORD = 9
#: Window of the moving-average type-token ratio, in tokens.
MATTR_WINDOW = 50
#: Typical coefficient of variation of sentence length that few sentences are shrunk toward.
TYPICAL_CV = 0.5
#: Window of the hapax share, in tokens: the share of words used once falls as a text grows
#: (Heaps' law), so it is measured over fixed windows. 99.8 % of the BBC and all of the PolNeAR
#: articles hold at least one (scripts/length_check.py).
HAPAX_WINDOW = 100
#: Window of the repetition measures (3-grams, 5-grams), in tokens: repeats grow with the
#: length of the text they are counted in, so they are counted within fixed windows. About the
#: 5th percentile of BBC articles' length (1st of PolNeAR's): 95 % of professional copy holds one.
REPEAT_WINDOW = 150


def _f(name: str, unit: FeatureUnit, doc: str, direction: FeatureDirection = "problem") -> Feature:
    """A readability feature (a problem unless said otherwise)."""
    return Feature(name=name, direction=direction, doc=doc, unit=unit)


_RATE = "per 1,000 words (at least 300 words assumed)"
STYLE = (
    _f("words_per_sentence", "words_per_sentence", "Mean words per sentence."),
    _f(
        "sentence_length_cv",
        "ratio",
        "Standard deviation / mean of sentence length (burstiness), shrunk toward 0.5 with 3 pseudo-sentences.",
        "evidence",
    ),
    _f("long_word_share", "share", "Share of tokens of 9 letters or more."),
    _f(
        "moving_type_token_ratio",
        "ratio",
        "Distinct tokens / tokens averaged over every 50-token window (lexical diversity; the whole text when "
        "shorter; 1.0 when empty).",
        "evidence",
    ),
    _f(
        "repeated_trigram_share",
        "share",
        "Share of token 3-grams that occur more than once within their 150-token window, averaged over the "
        "consecutive windows (the last partial one dropped; the whole text when shorter).",
    ),
    _f(
        "repeated_5grams_per_1000_words",
        "per_1000_words",
        "Repeats of token 5-grams beyond the first within each consecutive 150-token window, per 1,000 tokens, "
        "averaged over the windows (the last partial one dropped; a shorter text counts as one window of 150).",
    ),
    _f("first_person_per_1000_words", "per_1000_words", f"I, me, my, we, us, our, ... (quotations included), {_RATE}."),
    _f("second_person_per_1000_words", "per_1000_words", f"you, your, yours, yourself, yourselves, {_RATE}."),
    _f(
        "exclamations_per_1000_words",
        "per_1000_words",
        f"'!' {_RATE}; those of a heading-like first line read as the title (no title field) are left to "
        "title_exclamation.",
    ),
    _f("questions_per_1000_words", "per_1000_words", f"'?' {_RATE}."),
    _f(
        "all_caps_words_per_1000_words",
        "per_1000_words",
        f"Words of 4 or more capital letters, {_RATE}; a heading-like first line read as the title "
        "(no title field) is left to title_capitalisation.",
    ),
    _f("commas_per_sentence", "ratio", "Commas / sentences."),
    _f("mean_word_length", "ratio", "Mean characters per token."),
    _f("function_word_share", "share", "Share of tokens among the, of, and, to, a, in, that, is, was, for."),
    _f(
        "same_start_sentence_share", "share", "Share of sentences whose first word (lower-cased) opens another one too."
    ),
    _f("demonstratives_per_1000_words", "per_1000_words", f"this, these, that, those {_RATE}."),
    _f(
        "abstract_nouns_per_1000_words",
        "per_1000_words",
        f"Tokens ending in -tion, -ment, -ness, -ity, -ism, -ance, -ence with 4+ letters before, {_RATE}.",
    ),
    _f(
        "hapax_share",
        "share",
        "Share of tokens that occur once within their 100-token window, averaged over the consecutive windows "
        "(the last partial one dropped; the whole text when shorter).",
        "evidence",
    ),
)
#: Every readability feature: the style measures above, then voice and headline (:mod:`.voice`).
FEATURES = STYLE + voice.FEATURES


def token_codes(toks: Sequence[str], counts: Mapping[str, int] | None = None) -> np.ndarray:
    """Each token as an integer, the rank of its first occurrence (equal tokens, equal codes).

    :param counts: ``Counter(toks)``, if already at hand (its keys are in first-occurrence order).
    """
    ranks = dict(zip(Counter(toks) if counts is None else counts, itertools.count()))
    return np.fromiter(map(ranks.__getitem__, toks), dtype=np.int64, count=len(toks))


def mattr(toks: list[str], window: int = MATTR_WINDOW) -> float:
    """Moving-average type-token ratio over ``window``-token windows (linear time); see :func:`coded_mattr`."""
    return coded_mattr(token_codes(toks), window)


def occurrences(code: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each token, where the same token occurred last before it (-1: nowhere) and occurs next (``n``: nowhere).

    From one stable sort of the codes (each token's occurrences, in text order, one after
    the other): shared by :func:`coded_mattr` and :func:`coded_hapax_share`.
    """
    n = len(code)
    order = code.argsort(kind="stable")
    ordered = code.take(order)
    repeat_of = ordered[1:] == ordered[:-1]  # order[i + 1] occurs again after order[i]
    later, earlier = order[1:][repeat_of], order[:-1][repeat_of]
    previous = np.empty(n, dtype=np.intp)
    previous.fill(-1)
    previous[later] = earlier
    following = np.empty(n, dtype=np.intp)
    following.fill(n)
    following[earlier] = later
    return previous, following


def coded_mattr(
    code: np.ndarray, window: int = MATTR_WINDOW, found: tuple[np.ndarray, np.ndarray] | None = None
) -> float:
    """:func:`mattr` of tokens given as :func:`token_codes`.

    The distinct tokens of each window follow from where each token occurred before and
    occurs next (:func:`occurrences`, or ``found`` if already at hand): sliding one step,
    the entering token is new unless it occurred inside the window, and the leaving one
    is gone unless it occurs again before the entering one. The windows' ratios are added
    up in order (a running sum, as a sliding counter would add them), so the value is a
    sliding counter's to the bit (the tests compare them).
    """
    n = len(code)
    if n == 0:
        return 1.0
    previous, following = occurrences(code) if found is None else found
    if n <= window:
        return int(np.add.reduce(previous < 0, dtype=np.intp)) / n  # each token's first occurrence
    steps = n - window
    positions = np.arange(n)
    entering = previous[window:] < positions[:steps]  # token k + window not in [k, k + window)
    leaving = following[:steps] > positions[window:]  # token k not in (k, k + window]
    change = np.empty(steps + 1, dtype=np.intp)  # the first window's distinct tokens, then each step's change
    change[0] = np.add.reduce(previous[:window] < 0, dtype=np.intp)
    np.subtract(entering, leaving, out=change[1:], dtype=np.intp)
    distinct = np.add.accumulate(change)
    total = float(np.add.accumulate(distinct / window)[-1])  # added one by one, in window order
    return total / (steps + 1)


def _distinct(values: np.ndarray) -> int:
    """How many distinct values a non-empty array holds (``len(np.unique(values))``).

    Not ``np.unique``: its first call imports ``numpy.ma`` (about 20 ms of a cold start).
    """
    ordered = np.sort(values)
    return 1 + int(np.count_nonzero(ordered[1:] != ordered[:-1]))


def windows(n: int, size: int) -> list[tuple[int, int]]:
    """Consecutive non-overlapping ``size``-token windows of ``n`` tokens (start, end).

    The last partial window is dropped; a text shorter than ``size`` is one window.
    """
    if n < size:
        return [(0, n)]
    return [(start, start + size) for start in range(0, n - size + 1, size)]


#: Integer keys stay below this (numpy's int64), so combining them never overflows.
_KEY_LIMIT = 1 << 62


def gram_keys(code: np.ndarray, k: int) -> np.ndarray:
    """One integer per ``k``-gram of the codes (the one starting at each position), equal where the k-grams are."""
    size = len(code) - k + 1
    if size <= 0:
        return np.zeros(0, dtype=np.int64)
    base = int(np.maximum.reduce(code)) + 1
    keys, bound = code[:size].astype(np.int64), base
    for j in range(1, k):
        if bound * base >= _KEY_LIMIT:  # renumber the (j)-grams densely before adding a token
            keys, bound = _dense(keys)
        keys = keys * base + code[j : j + size]
        bound *= base
    return keys


def hapax_share(toks: list[str], window: int = HAPAX_WINDOW) -> float:
    """Share of tokens occurring once within their window, averaged over :func:`windows` (0.0 when empty)."""
    return coded_hapax_share(token_codes(toks), window)


def coded_hapax_share(
    code: np.ndarray, window: int = HAPAX_WINDOW, found: tuple[np.ndarray, np.ndarray] | None = None
) -> float:
    """:func:`hapax_share` of tokens given as :func:`token_codes`.

    A token occurs once within its window when the same token occurred last before the
    window starts and occurs next after it ends (:func:`occurrences`, or ``found`` if
    already at hand).
    """
    n = len(code)
    if not n:
        return 0.0
    previous, following = occurrences(code) if found is None else found
    spans = windows(n, window)
    size = spans[0][1]
    inside = len(spans) * size
    starts = _window_starts(size)[:inside] if inside <= WINDOW_TABLE else np.arange(inside) // size * size
    once = (previous[:inside] < starts) & (following[:inside] >= starts + size)
    counts: list[int] = np.add.reduce(once.reshape(len(spans), size), axis=1, dtype=np.intp).tolist()
    shares = [k / (b - a) for k, (a, b) in zip(counts, spans, strict=True)]
    return sum(shares) / len(shares)


#: Positions :func:`_window_starts` holds.
WINDOW_TABLE = 1 << 14


@functools.lru_cache(maxsize=4)
def _window_starts(size: int) -> np.ndarray:
    """The start of the ``size``-token window each of the first :data:`WINDOW_TABLE` positions lies in (read-only)."""
    starts = np.arange(WINDOW_TABLE) // size * size
    starts.flags.writeable = False
    return starts


def repetition(toks: list[str], window: int = REPEAT_WINDOW) -> tuple[float, float]:
    """Repeated-3-gram share and 5-gram repeats per 1,000 tokens within each window, averaged.

    See :func:`coded_repetition`.
    """
    return coded_repetition(token_codes(toks), window)


def coded_repetition(code: np.ndarray, window: int = REPEAT_WINDOW) -> tuple[float, float]:
    """:func:`repetition` of tokens given as :func:`token_codes`.

    A 3-gram or 5-gram counts where it starts; a text shorter than ``window`` is one window
    whose 5-gram rate is taken over ``window`` tokens (fewer chances to repeat, so no higher).
    The 3-grams in repeats are all of them but those seen once; the 5-gram repeats (each
    occurrence after a 5-gram's first) are all of them but one per distinct 5-gram
    (:func:`gram_counts`).
    """
    n = len(code)
    spans = windows(n, window)
    once3, distinct5 = gram_counts(code, n, window)
    trigram_share = fivegram_rate = 0.0
    for (a, b), single, distinct in zip(spans, once3, distinct5, strict=True):
        size = b - a
        repeated = max(size - 2, 0) - single
        repeats = max(size - 4, 0) - distinct
        trigram_share += repeated / max(size - 2, 1)
        fivegram_rate += repeats * 1000.0 / max(size, window)
    return trigram_share / len(spans), fivegram_rate / len(spans)


def gram_counts(code: np.ndarray, n: int, size: int) -> tuple[list[int], list[int]]:
    """For each of :func:`windows` ``(n, size)``: its 3-grams seen once there, and its distinct 5-grams.

    A k-gram is inside a window when all its tokens are. The keys of every 3-gram and then of
    every 5-gram are written, in text order, into one flat array (:func:`_write_keys`) that is
    two blocks of rows of the window's length: row ``w`` of a block holds the keys of the
    k-grams starting in window ``w``, its last columns (the k-grams that run past the
    window) overwritten with distinct negative keys (no gram's key is negative), each seen
    once and taken off the counts. All rows are sorted in one call, and the runs of equal
    keys found over the flat array at once: a row opens with a negative key and ends with a
    gram's, so no run crosses from one row into the next.
    """
    base = int(np.maximum.reduce(code)) + 1 if n else 1
    length = size if n >= size else n
    count = n // length if n >= size else 1
    inside = count * length
    width, width5 = length - 2, max(length - 4, 0)
    if width <= 0:
        return [0] * count, [0] * count
    flat = np.empty(2 * inside, dtype=np.int64)
    if base**5 < _KEY_LIMIT:
        _write_keys(code, inside, base, flat, width5 > 0)
    else:  # codes too large for a 5-gram key of their own: keys renumbered (gram_keys)
        flat[: inside - 2] = gram_keys(code, 3)[: inside - 2]
        if width5:
            flat[inside : 2 * inside - 4] = gram_keys(code, 5)[: inside - 4]
    rows = flat.reshape(2 * count, length)
    padding = length - width5  # the 5-gram rows' negative keys (the 3-gram rows have two)
    rows[:count, width:] = _PADDING[2:]
    rows[count:, width5:] = _PADDING[-padding:]
    rows.sort(axis=1)
    first = np.empty(2 * inside + 1, dtype=bool)  # the first key of a run of equal keys, then a last True
    first[0] = first[-1] = True
    np.not_equal(flat[1:], flat[:-1], out=first[1:-1])
    alone = first[:inside] & first[1 : inside + 1]  # a key seen once in its row (the 3-grams')
    once: list[int] = np.add.reduce(alone.reshape(count, length), axis=1, dtype=np.intp).tolist()
    runs: list[int] = np.add.reduce(first[inside:-1].reshape(count, length), axis=1, dtype=np.intp).tolist()
    return [k - 2 for k in once], [k - padding for k in runs]


def _write_keys(code: np.ndarray, inside: int, base: int, flat: np.ndarray, fives: bool) -> None:
    """The keys :func:`gram_counts` sorts, written into ``flat``: the 3-grams' from 0, the 5-grams' (if ``fives``) from ``inside``.

    A k-gram's key is its codes as the digits of a number in ``base`` (``base ** 5`` below
    :data:`_KEY_LIMIT`), over the first ``inside`` codes: each 3-gram's from its first
    2-gram's, each 5-gram's from its first 3-gram's times ``base`` squared plus its last
    2-gram's.
    """
    keys2 = np.multiply(code[: inside - 1], base, dtype=np.int64)  # each 2-gram's key
    keys2 += code[1:inside]
    keys3 = flat[: inside - 2]
    np.multiply(keys2[:-1], base, out=keys3)
    keys3 += code[2:inside]
    if fives:
        keys5 = flat[inside : 2 * inside - 4]
        np.multiply(keys3[:-2], base * base, out=keys5)
        keys5 += keys2[3:]


#: The negative keys that end a row of :func:`gram_counts` (four at most: a window's 5-grams are four fewer than its tokens).
_PADDING = np.array([-4, -3, -2, -1], dtype=np.int64)


class SentenceProfile(NamedTuple):
    """What the rhythm and voice features read of the body's sentences holding a letter, from one pass over them.

    :ivar sentences: how many sentences hold a letter (:func:`copydesk.measures.sentence_texts`'s).
    :ivar pronoun_openings: how many of them open (past white space) with a pronoun (:data:`voice.PRONOUN_OPENING`).
    :ivar openings: the first white-space-delimited chunk (lower-cased) of each of them with a word, in order.
    :ivar lengths: the words of each of those (the core words that start inside it).
    """

    sentences: int
    pronoun_openings: int
    openings: list[str]
    lengths: list[int]


#: A sentence's first white-space-delimited chunk (``str.split``'s first piece; group 1, empty
#: when there is none) and whether it opens with a pronoun (:data:`voice.PRONOUN_OPENING`,
#: group 2): both from one match at the sentence's start.
_OPENING = re.compile(rf"\s*+((?:({voice.PRONOUN_OPENING.pattern}))?\S*+)")


def sentence_profile(view: TextView) -> SentenceProfile:
    """The :class:`SentenceProfile` of ``view``, each sentence visited once (no object per sentence).

    A sentence whose first chunk opens with a letter holds one; the others are looked at
    character by character (where a word starting with a letter starts inside a sentence, a
    letter is in it: no character's lower case opens with a letter unless the character is one,
    which the tests check for every character).
    """
    text = view.text
    opening = _OPENING.match
    openings: list[str] = []
    lengths: list[int] = []
    chunks, counts = openings.append, lengths.append
    count = pronouns = 0
    for (start, end, _), words_in in zip(view.sentences, body_words(view).sentence_words.tolist(), strict=True):
        chunk, pronoun = opening(text, start, end).groups()  # type: ignore[union-attr]  # it always matches
        if chunk and (chunk[0].isalpha() or any(map(str.isalpha, text[start:end]))):
            count += 1
            if pronoun is not None:
                pronouns += 1
            if words_in:
                chunks(chunk.lower())
                counts(words_in)
    return SentenceProfile(count, pronouns, openings, lengths)


def _rhythm(view: TextView, profile: SentenceProfile | None = None) -> dict[str, float]:
    """Sentence length (mean, shrunk coefficient of variation), commas and repeated openings.

    :param profile: :func:`sentence_profile` of ``view``, if already at hand.
    """
    found = sentence_profile(view) if profile is None else profile
    n = len(found.lengths)
    lengths = found.lengths or [0]
    mean = sum(lengths) / len(lengths)
    cv = math.sqrt(sum([(x - mean) ** 2 for x in lengths]) / len(lengths)) / mean if mean else 0.0
    starts = Counter(found.openings)
    return {
        "words_per_sentence": mean,
        "sentence_length_cv": (cv * n + TYPICAL_CV * measures.PRIOR_N) / (n + measures.PRIOR_N),
        "commas_per_sentence": view.text.count(",") / max(n, 1),
        "same_start_sentence_share": sum(c for c in starts.values() if c > 1) / max(n, 1),
    }


def _vocabulary(words: BodyWords, word_count: int) -> dict[str, float]:
    """Word length, diversity, repetition and function words over the tokens."""
    codes = words.codes
    n = max(len(codes), 1)
    found = occurrences(codes)
    trigram_share, fivegram_rate = coded_repetition(codes)
    return {
        "long_word_share": int(np.add.reduce(words.lengths >= LONG_WORD, dtype=np.intp)) / n,
        "moving_type_token_ratio": coded_mattr(codes, MATTR_WINDOW, found),
        "repeated_trigram_share": trigram_share,
        "repeated_5grams_per_1000_words": fivegram_rate,
        "mean_word_length": int(np.add.reduce(words.lengths, dtype=np.int64)) / n,
        "function_word_share": words.count("function") / n,
        "abstract_nouns_per_1000_words": measures.per_1000(words.count("abstract"), word_count),
        "hapax_share": coded_hapax_share(codes, HAPAX_WINDOW, found),
    }


def all_caps_count(text: str) -> int:
    """How many matches of :data:`FAST_ALL_CAPS` ``text`` holds, read from its bytes' classes (:data:`_CASE_CLASSES`).

    None without four ASCII capitals in a row; the runs of :data:`_CAPS_RUN` where no such
    run touches a character outside ASCII; otherwise (that character may be a word
    character) the pattern's own matches.
    """
    classes = text.encode("utf-8", "surrogatepass").translate(_CASE_CLASSES)
    if b"AAAA" not in classes:
        return 0
    if b"uAAAA" in classes or b"AAAAu" in classes:
        return len(FAST_ALL_CAPS.findall(text))
    return len(_CAPS_RUN.findall(classes))


def _outside_title(document: Document, count: Callable[[str], int]) -> int:
    """``count`` over the body, that of a heading-like first line read as the title left out.

    Without a title field the heading is the title (:mod:`.voice`), whose capitals
    ``title_capitalisation`` and whose ``!`` ``title_exclamation`` already measure:
    counted in the body too, one shouting headline would be charged twice.
    """
    text = document.body.text
    found = count(text)
    if found and not document.title.text.strip() and (heading := voice.heading_line(text)) is not None:
        found -= count(heading)
    return found


def _exclamations(text: str) -> int:
    """``!`` in ``text``."""
    return text.count("!")


def features(document: Document) -> dict[str, float]:
    """Every readability feature of ``document``'s body (see :data:`FEATURES`)."""
    body = document.body
    text, words = body.text, body.word_count
    analysed = body_words(body)
    counted = part_counts(body, analysed)
    if counted is None:
        counted = FIRST_PERSON.count(body), SECOND_PERSON.count(body), DEMONSTRATIVE.count(body)
    first, second, demonstrative = counted
    values = {
        "first_person_per_1000_words": measures.per_1000(first, words),
        "second_person_per_1000_words": measures.per_1000(second, words),
        "exclamations_per_1000_words": measures.per_1000(_outside_title(document, _exclamations), words),
        "questions_per_1000_words": measures.per_1000(text.count("?"), words),
        "all_caps_words_per_1000_words": measures.per_1000(_outside_title(document, all_caps_count), words),
        "demonstratives_per_1000_words": measures.per_1000(demonstrative, words),
    }
    profile = sentence_profile(body)
    values.update(_rhythm(body, profile))
    values.update(_vocabulary(analysed, words))
    values.update(voice.features(document, analysed, (profile.pronoun_openings, profile.sentences)))
    return values

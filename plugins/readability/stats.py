"""Sentence and word statistics of an article body, from the core's shared analysis.

Counts come from ``TextView.sentences`` and ``TextView.words`` (never a re-split of
the text) and syllables from :mod:`copydesk.plugins.readability.syllables`; the
Flesch formulas are then plain arithmetic on the counts, with textstat's English
constants (``textstat.backend.utils.constants.LANG_CONFIGS["en"]``).
"""

from __future__ import annotations

import functools
import statistics
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from copydesk import TextView
from copydesk.plugins.readability.syllables import MAX_DICTIONARY_WORD, cmu_syllables, word_syllables

#: Flesch (1948) reading ease, as textstat computes it for English.
FRE_BASE, FRE_SENTENCE, FRE_SYLLABLE = 206.835, 1.015, 84.6
#: Flesch-Kincaid grade (Kincaid et al. 1975).
FKG_SENTENCE, FKG_SYLLABLE, FKG_BASE = 0.39, 11.8, -15.59
#: A word of this many syllables or more is polysyllabic (textstat's threshold).
POLYSYLLABIC = 3


class SentenceCount(NamedTuple):
    """One sentence of the body that has words: its span and counts."""

    start: int
    end: int
    words: int
    syllables: int


@dataclass(frozen=True)
class BodyStats:
    """Counts over every sentence of the body that has at least one word."""

    sentences: tuple[SentenceCount, ...]
    words: int
    syllables: int
    polysyllabic: int

    @property
    def words_per_sentence(self) -> float:
        """Mean sentence length in words (0 for an empty body)."""
        return self.words / len(self.sentences) if self.sentences else 0.0

    @property
    def syllables_per_word(self) -> float:
        """Mean syllables per word (0 for an empty body)."""
        return self.syllables / self.words if self.words else 0.0

    @property
    def reading_ease(self) -> float:
        """Flesch reading ease: higher is easier; news usually sits between 30 and 70."""
        return FRE_BASE - FRE_SENTENCE * self.words_per_sentence - FRE_SYLLABLE * self.syllables_per_word

    @property
    def grade(self) -> float:
        """Flesch-Kincaid grade level: US school years needed to follow the text."""
        return FKG_SENTENCE * self.words_per_sentence + FKG_SYLLABLE * self.syllables_per_word + FKG_BASE

    @property
    def longest(self) -> SentenceCount | None:
        """The first of the longest sentences, or None for an empty body."""
        return max(self.sentences, key=lambda s: s.words, default=None)


def sentence_reading_ease(sentence: SentenceCount) -> float:
    """Flesch reading ease of one sentence on its own."""
    return FRE_BASE - FRE_SENTENCE * sentence.words - FRE_SYLLABLE * sentence.syllables / sentence.words


#: Syllables per lower-cased word form, shared by every article of the process; cleared
#: when it holds more than :data:`CACHE_LIMIT` forms, so memory stays flat.
_SYLLABLES: dict[str, int] = {}
CACHE_LIMIT = 1 << 17


def form_counts(forms: Sequence[str]) -> list[int]:
    """The syllables of each lower-cased word form (:func:`word_syllables`), one dictionary hit per word.

    A form not seen before that is a plain dictionary word (ASCII, no hyphen, not overlong:
    :func:`word_syllables` would only look it up) is looked up in the CMU table directly.
    """
    cache = _SYLLABLES
    try:
        return list(map(cache.__getitem__, forms))
    except KeyError:
        pass
    missing = set(forms).difference(cache)
    if len(cache) + len(missing) > CACHE_LIMIT:
        cache.clear()
        missing = set(forms)
    table = cmu_syllables()
    for form in missing:
        # A plain dictionary word is what word_syllables would look up: its count, found directly.
        known = table.get(form) if form.isascii() and "-" not in form and len(form) <= MAX_DICTIONARY_WORD else None
        cache[form] = word_syllables(form) if known is None else known
    return list(map(cache.__getitem__, forms))


@functools.lru_cache(maxsize=4)
def sentence_words(view: TextView) -> list[tuple[int, int]]:
    """For each of ``view``'s sentences, the indices ``[first, last)`` of the words that start inside it.

    Computed once per view (for the body statistics and the features), one binary search per end.
    """
    starts = view.tokens.starts.tolist()
    return [(bisect_left(starts, s.start), bisect_left(starts, s.end)) for s in view.sentences]


def body_stats(view: TextView) -> BodyStats:
    """Count words, syllables and polysyllabic words per sentence, from the shared token stream.

    Each word's syllables come from its lower-case form (one cache hit per word); a
    sentence's words are those that start inside it (:func:`sentence_words`).
    """
    tokens = view.tokens
    counts = form_counts(tokens.forms)
    sentences: list[SentenceCount] = []
    total_words = total_syllables = 0
    for sentence, (first, last) in zip(view.sentences, sentence_words(view), strict=True):
        if last > first:
            n, syllables = last - first, sum(counts[first:last])
            total_words += n
            total_syllables += syllables
            sentences.append(SentenceCount(sentence.start, sentence.end, n, syllables))
    if total_words != len(counts):  # some words outside every sentence: count those inside only
        counts = [n for s in sentences for n in counts[tokens.at(s.start) : tokens.at(s.end)]]
    polysyllabic = len(counts) - sum(map(counts.count, range(POLYSYLLABIC)))
    return BodyStats(tuple(sentences), total_words, total_syllables, polysyllabic)


def metrics(stats: BodyStats, very_long: int) -> dict[str, float]:
    """The named measurements reported for every article (formulas only with words)."""
    lengths = [s.words for s in stats.sentences]
    values: dict[str, float] = {
        "sentences": float(len(lengths)),
        "words": float(stats.words),
        "very_long_sentences": float(very_long),
    }
    if not lengths:
        return values
    values |= {
        "words_per_sentence": round(stats.words_per_sentence, 3),
        "median_sentence_words": float(statistics.median(lengths)),
        "longest_sentence_words": float(max(lengths)),
        "syllables_per_word": round(stats.syllables_per_word, 4),
        "polysyllabic_word_share": round(stats.polysyllabic / stats.words, 4),
        "flesch_reading_ease": round(stats.reading_ease, 2),
        "flesch_kincaid_grade": round(stats.grade, 2),
    }
    return values

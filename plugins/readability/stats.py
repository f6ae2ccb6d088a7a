"""Sentence and word statistics of an article body, from the core's shared analysis.

Counts come from ``TextView.sentences`` and the token stream's words looked up once
(:func:`copydesk.plugins.readability.words.body_words`, never a re-split of the text),
syllables from :mod:`copydesk.plugins.readability.syllables`; the Flesch formulas are then plain arithmetic on the counts, with textstat's English
constants (``textstat.backend.utils.constants.LANG_CONFIGS["en"]``).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
from copydesk import WORD, Sentence, TextView
from copydesk.plugins.readability.words import BodyWords, body_words

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


@dataclass(frozen=True, eq=False)  # eq=False: arrays do not compare to one truth value
class BodyStats:
    """Counts over every sentence of the body that has at least one word.

    The sentences' lengths are a list (:attr:`lengths`); their spans and syllables
    (:attr:`spans`, :attr:`syllable_counts`, :attr:`per_sentence`) are taken from the
    view's sentences and running totals over the words only when read, and a
    :class:`SentenceCount` per sentence is built only when :attr:`sentences` is (a
    finding, the evaluation), not for every article.

    :ivar lengths: the words of each sentence with words, in order.
    :ivar kept: the index of each of those among the view's sentences (``all_sentences``).
    :ivar all_sentences: the view's sentences.
    :ivar body: the view's words (:func:`body_words`), which the per-sentence syllables are read from.
    """

    lengths: list[int]
    kept: np.ndarray
    all_sentences: tuple[Sentence, ...]
    body: BodyWords
    words: int
    syllables: int
    polysyllabic: int

    @functools.cached_property
    def per_sentence(self) -> np.ndarray:
        """The syllables of each of the view's sentences: differences of running totals over the words' counts."""
        words = self.body
        running = np.zeros(len(words.syllables) + 1, dtype=np.int64)
        np.add.accumulate(words.syllables, out=running[1:], dtype=np.int64)
        per_sentence: np.ndarray = running.take(words.last) - running.take(words.first)
        return per_sentence

    @functools.cached_property
    def spans(self) -> list[tuple[int, int]]:
        """Each sentence with words: its start and end."""
        sentences = self.all_sentences
        return [sentences[i][:2] for i in self.kept.tolist()]

    @functools.cached_property
    def syllable_counts(self) -> list[int]:
        """Each sentence with words: its syllables."""
        counts: list[int] = self.per_sentence[self.kept].tolist()
        return counts

    @functools.cached_property
    def sentences(self) -> tuple[SentenceCount, ...]:
        """Each sentence with words: its span, words and syllables."""
        return tuple(
            SentenceCount(start, end, n, syllables)
            for (start, end), n, syllables in zip(self.spans, self.lengths, self.syllable_counts, strict=True)
        )

    def sentence(self, index: int) -> SentenceCount:
        """:attr:`sentences`' ``index``-th, built on its own."""
        at = int(self.kept[index])
        start, end = self.all_sentences[at][:2]
        return SentenceCount(start, end, self.lengths[index], int(self.per_sentence[at]))

    @property
    def words_per_sentence(self) -> float:
        """Mean sentence length in words (0 for an empty body)."""
        return self.words / len(self.lengths) if self.lengths else 0.0

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


#: A sentence split at its commas and semicolons into at least this many items may be a list.
LIST_MIN_ITEMS = 8
#: An item of a list has at most this many words ("Ann Lee", "Lee, Ann 4-7 2-2 10").
LIST_ITEM_WORDS = 4
#: The least share of a list's items that are that short.
LIST_SHORT_SHARE = 0.8


def list_like(text: str) -> bool:
    """Whether a sentence is a list: ``LIST_MIN_ITEMS`` items or more, most of them (``LIST_SHORT_SHARE``) short.

    Items are the pieces between a comma or a semicolon and a space (so "1,375" stays one
    number); short ones have at most ``LIST_ITEM_WORDS`` words. A roster of names ("Iowa:
    Ann Lee, Tom Veller, ...") or a line of a box score has no sentence break to lose:
    its length says nothing about how hard the prose is. A long sentence that lists a few
    things keeps most of its words in long clauses; an item that opens on an article or a
    pronoun is a clause (:data:`_CLAUSE_SUBJECTS`), so comma splices are no list.
    """
    items = text.replace("; ", ", ").split(", ")
    if len(items) < LIST_MIN_ITEMS:
        return False
    short = 0
    for item in items:
        words = WORD.findall(item)
        short += len(words) <= LIST_ITEM_WORDS and not (words and words[0].lower() in _CLAUSE_SUBJECTS)
    return short >= LIST_SHORT_SHARE * len(items)


#: Words that open a clause, not a list's item: a run of comma splices ("the river rose, the bridge shook, the
#: lights went out, ...") is a run-on sentence, however short its pieces (review s29q).
_CLAUSE_SUBJECTS = frozenset("the a an he she it they we i you who this that there his her their its".split())


#: Abbreviations of a title or a name's part that a stop may end right before a name ("Prof.Cole", "Gov.Ann Lee").
_TITLES = "Mr Mrs Ms Dr St Prof Gov Sen Rep Gen Col Capt Sgt Lt Jr Sr No Mt Ft Rev Hon Insp Supt Det".split()


#: Where one sentence of the core's ends inside another in web copy, past what a sentence split may safely read
#: everywhere: a full stop with no space before the next word's capital ("for example).This", "argument.Lake";
#: not after a title's abbreviation (``_TITLES``: "Mr", "Prof", "Gov", "Jr") nor a dotted one, "e.g.",
#: nor into an address, "ann.Cole@", "www.Site.com"), a stop before "??" (the mark of a lost character,
#: "UK.??Clarkson"); a stop, a space and closing quotation marks ('confirmed. ’”  Both'); two spaces or more
#: after a stop ("the U.S.  Although"); a markup tag by a stop or a line's
#: end ("day. <tweet ...>", "</tweet>."; not "a <b>bold</b> claim"); a tilde between items
#: (" ~ "). Each alternative reads a bounded run, so a scan is linear.
MISSED_BREAK = re.compile(
    r"(?<=[a-z0-9)\]’”\"'])" + "".join(rf"(?<!\b{title})" for title in _TITLES) + r"(?<!\.[a-z])"
    r"[.!?][’”\"']?(?=[A-Z“‘\"][a-z][\w'’\-]*+(?![.@/]\w))"
    r"|[.!?]\?\?(?=\S)"
    r"|[.!?][’”\"']{0,3}[ \t]++[’”]++(?=[ \t])"
    r"|(?<=[.!?])[’”\"')]{0,3}[ \t]{2,}+(?=[A-Z“‘\"])"
    r"|(?<=[.!?])[ \t]?</?[A-Za-z][^<>\n]{0,1000}>|</?[A-Za-z][^<>\n]{0,1000}>(?=[ \t]?[.!?\n]|$)"
    r"|[ \t]~[ \t]"
)


def longest_piece(text: str) -> int:
    """The words of the longest piece of ``text`` between the breaks :data:`MISSED_BREAK` finds (all of it if none).

    A very long sentence is flagged only when it holds no such break: one that does is two or more sentences
    of web copy that the core's split, which must not end a sentence at "U.S." or "Jr." in edited copy, read
    as one; its length says nothing about the prose.
    """
    longest = start = 0
    for found in MISSED_BREAK.finditer(text):
        longest = max(longest, len(WORD.findall(text, start, found.start())))
        start = found.end()
    return max(longest, len(WORD.findall(text, start)))


def sentence_reading_ease(sentence: SentenceCount) -> float:
    """Flesch reading ease of one sentence on its own."""
    return FRE_BASE - FRE_SENTENCE * sentence.words - FRE_SYLLABLE * sentence.syllables / sentence.words


def sentence_words(view: TextView) -> list[tuple[int, int]]:
    """For each of ``view``'s sentences, the indices ``[first, last)`` of the words that start inside it."""
    words = body_words(view)
    return list(zip(words.first.tolist(), words.last.tolist(), strict=True))


def body_stats(view: TextView) -> BodyStats:
    """Count words, syllables and polysyllabic words per sentence, from the view's words looked up once.

    A sentence's words are those that start inside it (:func:`body_words`); its syllables
    (:attr:`BodyStats.per_sentence`, read only for a finding) are differences of running
    totals over the words' counts. Every word starts inside exactly one sentence (a view's
    sentences cover its lines but for the white space between them), so the syllables and
    the polysyllabic words of all sentences are those of all words, each a sum over the words.
    """
    words = body_words(view)
    syllables = words.syllables
    polysyllabic = int(np.add.reduce(syllables >= POLYSYLLABIC, dtype=np.intp))
    counts = words.sentence_words
    kept = counts.nonzero()[0]
    lengths: list[int] = counts[kept].tolist()
    return BodyStats(
        lengths, kept, view.sentences, words, sum(lengths), int(np.add.reduce(syllables, dtype=np.int64)), polysyllabic
    )


def _median(values: list[int]) -> float:
    """``statistics.median(values)`` of a non-empty list of integers (the same value: the middle one, or the mean of the two)."""
    ordered = sorted(values)
    half = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[half]
    return (ordered[half - 1] + ordered[half]) / 2


def metrics(stats: BodyStats, very_long: int) -> dict[str, float]:
    """The named measurements reported for every article (formulas only with words)."""
    lengths = stats.lengths
    values: dict[str, float] = {
        "sentences": float(len(lengths)),
        "words": float(stats.words),
        "very_long_sentences": float(very_long),
    }
    if not lengths:
        return values
    values |= {
        "words_per_sentence": round(stats.words_per_sentence, 3),
        "median_sentence_words": float(_median(lengths)),
        "longest_sentence_words": float(max(lengths)),
        "syllables_per_word": round(stats.syllables_per_word, 4),
        "polysyllabic_word_share": round(stats.polysyllabic / stats.words, 4),
        "flesch_reading_ease": round(stats.reading_ease, 2),
        "flesch_kincaid_grade": round(stats.grade, 2),
    }
    return values

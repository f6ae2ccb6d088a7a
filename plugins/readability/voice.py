"""The readability scorer's voice and headline features: function words, narration, title style.

Horne and Adali (2017) found that fake political news uses more stop words and
pronouns, narrates in the present tense, and writes long, capitalised, shouting
titles; machine-written news leans on the commonest words too. These features measure
that on the body's *tokens* (the core's words starting with a letter, lower-cased) and
on the title.

The title is the article's ``title`` field; without one, a heading-like first line of
the body (2-20 words, no closing full stop, comma, colon or semicolon, with more text
after it) counts as the title. An article with neither gets no ``title_*`` values, so
they cost nothing in the aggregate.
"""

from __future__ import annotations

import itertools
import math
import re
import sys

import numpy as np
from copydesk import Document, Feature, FeatureDirection, FeatureUnit, measures
from copydesk.plugins.readability.words import (  # noqa: F401 - the lexicons' names, as they were here
    ARTICLES,
    PRESENT_AUXILIARIES,
    STOP_WORDS,
    THIRD_PERSON,
    BodyWords,
    body_words,
)

PRONOUN_OPENING = re.compile(r"(?:He|She|They|It|We|I|You)\b")
TITLE_WORD = re.compile(r"[^\W\d_][^\W_]*+(?:['’][^\W\d_]++)?")
#: Body tokens a title's words are looked for in.
OVERLAP_WINDOW = 200
#: Words of a heading-like first line, at most.
HEADING_WORDS = 20
_NOT_A_HEADING_END = tuple(".,;:")
_RATE = "per 1,000 words (at least 300 words assumed)"


def _f(name: str, unit: FeatureUnit, doc: str, direction: FeatureDirection = "problem") -> Feature:
    """A voice or headline feature (a problem unless said otherwise)."""
    return Feature(name=name, direction=direction, doc=doc, unit=unit)


FEATURES = (
    _f(
        "stop_word_share",
        "share",
        "Share of tokens among 36 stop words (a, an, the, of, in, to, for, with, on, at, by, from, and, or, but, "
        "is, are, was, were, be, been, it, its, this, that, as, he, she, they, we, i, you, his, her, their, our).",
    ),
    _f("article_share", "share", "Share of tokens that are a, an or the."),
    _f("third_person_share", "share", "Share of tokens among he, she, him, her, his, hers, they, them, their."),
    _f(
        "present_auxiliaries_per_1000_words",
        "per_1000_words",
        f"is, are, am, has, have, does, do (present-tense narration) {_RATE}.",
    ),
    _f(
        "pronoun_opening_share",
        "share",
        "Sentences opening with He, She, They, It, We, I or You / (sentences + 3).",
    ),
    _f(
        "word_length_sd",
        "ratio",
        "Standard deviation of token length in characters (specific vocabulary mixes short and long words).",
        "evidence",
    ),
    _f(
        "yule_k",
        "ratio",
        "Yule's K of the tokens, 10,000 x (sum of squared token frequencies - tokens) / tokens squared "
        "(repetitive vocabulary is high).",
    ),
    _f(
        "title_capitalisation",
        "share",
        "Mean capitalisation of the title's words: 1 for a word of 2 or more letters written in capitals, "
        "0.5 for another word that starts with a capital letter, 0 otherwise (a shouting title is 1).",
    ),
    _f("title_exclamation", "presence", "1.0 when the title contains '!'."),
    _f(
        "title_body_overlap",
        "share",
        "Share of the title's distinct non-stop words (lower-cased) found among the body's first 200 tokens.",
        "evidence",
    ),
)


def heading(text: str) -> tuple[str, str] | None:
    """``(heading, rest)`` when the text's first non-blank line is heading-like, else None."""
    stripped = text.lstrip()
    line, newline, rest = stripped.partition("\n")
    if not newline or rest.isspace() or not rest:
        return None
    line = line.strip()
    # Counted up to one past the limit: a long first line is not searched to its end.
    words = sum(1 for _ in itertools.islice(TITLE_WORD.finditer(line), HEADING_WORDS + 1))
    if not 2 <= words <= HEADING_WORDS:
        return None
    if line.rstrip("\"'”’)]").endswith(_NOT_A_HEADING_END):
        return None
    return line, rest


#: The first character that is not white space (``str.isspace``'s white space is the pattern's ``\s``).
_NOT_SPACE = re.compile(r"\S")
#: The text :func:`heading_line` read last and what it found (one tuple, replaced whole).
_LAST_HEADING: tuple[str, str | None] = ("", None)


def heading_line(text: str) -> str | None:
    """``heading(text)[0]``, or None where :func:`heading` finds none: the line, without copying the text after it.

    The body's heading is asked for by two or three features of one article: the last
    text's answer is kept (a text compared with itself costs nothing).
    """
    global _LAST_HEADING  # a memory of one text, replaced whole (one assignment)
    last, found = _LAST_HEADING
    if last == text:
        return found
    found = None
    start = first.start() if (first := _NOT_SPACE.search(text)) is not None else len(text)
    newline = text.find("\n", start)
    if newline >= 0 and _NOT_SPACE.search(text, newline + 1) is not None:
        line = text[start:newline].strip()
        # Counted up to one past the limit: a long first line is not searched to its end.
        words = sum(1 for _ in itertools.islice(TITLE_WORD.finditer(line), HEADING_WORDS + 1))
        if 2 <= words <= HEADING_WORDS and not line.rstrip("\"'”’)]").endswith(_NOT_A_HEADING_END):
            found = line
    _LAST_HEADING = (text, found)
    return found


class TokenWindow:
    """Body tokens ``[start, start + OVERLAP_WINDOW)`` as a container of token strings, held as their numbers.

    A string is among them when the vocabulary numbered it and its number is among the
    tokens' (each token form has one number): no string is built per token. The title's
    few words are looked for in the numbers at once (:meth:`count`); the set of the
    window's numbers is built only for ``in``.
    """

    __slots__ = ("_inside", "_numbers", "_window")

    def __init__(self, words: BodyWords, start: int) -> None:
        self._numbers = words.numbers
        self._window = words.tokens[start : start + OVERLAP_WINDOW]
        self._inside: set[int] | None = None

    def __contains__(self, token: object) -> bool:
        if self._inside is None:
            self._inside = set(self._window.tolist())
        return isinstance(token, str) and self._numbers.get(token) in self._inside

    def count(self, tokens: set[str]) -> int:
        """How many of the distinct ``tokens`` are in the window: ``sum(token in self for token in tokens)``.

        Distinct strings have distinct numbers, so it is how many of their numbers occur
        among the window's (one comparison of every number with every token's).
        """
        found = self._numbers.get
        wanted = [number for number in map(found, tokens) if number is not None]
        if not wanted or not len(self._window):
            return 0
        matched = np.equal.outer(np.array(wanted, dtype=self._window.dtype), self._window)
        return int(np.count_nonzero(np.logical_or.reduce(matched, axis=1)))


def _capitalisation(words: list[str]) -> float:
    """Mean of each word's capitalisation: 1 in capitals (2 or more letters), 0.5 capitalised, else 0.

    One value for the title's case style, so that a shouting title is charged once, not
    as both capitalised and in capitals (two correlated features did that before).
    """
    capitalised = sum(1 for w in words if w[0].isupper())
    in_capitals = sum(1 for w in words if len(w) >= 2 and w.isupper())
    return (capitalised + in_capitals) / (2 * len(words))


def _title_features(title: str, body_tokens: list[str] | TokenWindow) -> dict[str, float]:
    """The ``title_*`` features of ``title`` against the body's tokens (none when it has no word).

    :param body_tokens: the body's tokens (the first :data:`OVERLAP_WINDOW` are read), or a :class:`TokenWindow`.
    """
    words = TITLE_WORD.findall(title)
    if not words:
        return {}
    content = {w.lower().replace("\u2019", "'") for w in words} - STOP_WORDS
    if isinstance(body_tokens, TokenWindow):
        overlap = body_tokens.count(content)
    else:
        window = set(body_tokens[:OVERLAP_WINDOW])
        overlap = sum(1 for w in content if w in window)
    return {
        "title_capitalisation": _capitalisation(words),
        "title_exclamation": 1.0 if "!" in title else 0.0,
        "title_body_overlap": overlap / len(content) if content else 1.0,
    }


#: Token lengths up to this get their squared deviation from a table over every length up to
#: the longest token's (no sort); a longer token's text sorts its distinct lengths instead.
LENGTH_TABLE = 256


#: Before Python 3.12 ``sum`` adds floats one by one in order, as ``np.add.accumulate`` does (its
#: last value is that sum to the bit); from 3.12 ``sum`` compensates its rounding, so it is called.
SEQUENTIAL_SUM = sys.version_info < (3, 12)


def ordered_sum(values: np.ndarray) -> float:
    """``sum(values.tolist())`` of a non-empty float array: no Python float per value where the sum is sequential."""
    if SEQUENTIAL_SUM:
        return float(np.add.accumulate(values)[-1])
    return float(sum(values.tolist()))


def _length_sd(lengths: np.ndarray) -> float:
    """Standard deviation of the token lengths (0 without tokens).

    Each length's squared deviation is computed once, then the tokens' are added up one
    by one in text order (as a sum over the tokens would add them: :func:`ordered_sum`).
    """
    if not len(lengths):
        return 0.0
    mean = int(np.add.reduce(lengths, dtype=np.int64)) / len(lengths)
    longest = int(np.maximum.reduce(lengths))
    if longest < LENGTH_TABLE:
        table = np.array([pow(length - mean, 2) for length in range(longest + 1)])
        return math.sqrt(ordered_sum(table.take(lengths)) / len(lengths))
    ordered = np.sort(lengths)
    distinct = ordered[np.concatenate(([True], ordered[1:] != ordered[:-1]))]
    squares = np.array([pow(length - mean, 2) for length in distinct.tolist()])
    return math.sqrt(ordered_sum(squares[np.searchsorted(distinct, lengths)]) / len(lengths))


def _voice(words: BodyWords, word_count: int) -> dict[str, float]:
    """Function-word shares, present-tense auxiliaries and the spread of word length."""
    tokens = len(words.codes)
    n = max(tokens, 1)
    frequencies = np.bincount(words.codes)
    return {
        "stop_word_share": words.count("stop") / n,
        "article_share": words.count("article") / n,
        "third_person_share": words.count("third_person") / n,
        "present_auxiliaries_per_1000_words": measures.per_1000(words.count("present"), word_count),
        "word_length_sd": _length_sd(words.lengths),
        "yule_k": 1e4 * (int(np.dot(frequencies, frequencies)) - n) / (n * n) if tokens > 1 else 0.0,
    }


def features(
    document: Document,
    words: BodyWords | None = None,
    openings: tuple[int, int] | None = None,
) -> dict[str, float]:
    """Every voice and headline feature of ``document`` (see :data:`FEATURES`).

    :param words: the body's words (:func:`copydesk.plugins.readability.words.body_words`), if already at hand.
    :param openings: how many of the body's sentences holding a letter
        (:func:`copydesk.measures.sentence_texts`'s) open with a pronoun, and how many
        there are, if already at hand (:func:`copydesk.plugins.readability.features.sentence_profile`).
    """
    body = document.body
    if openings is None:
        texts = measures.sentence_texts(body)
        opening = sum(1 for s in texts if PRONOUN_OPENING.match(s.lstrip()))
        count = len(texts)
    else:
        opening, count = openings
    if words is None:
        words = body_words(body)
    values = _voice(words, body.word_count)
    values["pronoun_opening_share"] = measures.share(opening, count, 0.0)
    title = document.title.text.strip()
    skipped = 0
    if not title and (found := heading_line(body.text)) is not None:
        title = found
        skipped = len(TITLE_WORD.findall(title))
    values.update(_title_features(title, TokenWindow(words, skipped)))
    return values

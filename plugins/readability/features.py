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

import bisect
import math
import re
from collections import Counter
from itertools import repeat
from operator import ge, methodcaller

import numpy as np
from copydesk import Document, Feature, FeatureDirection, FeatureUnit, TextView, measures
from copydesk.plugins.readability import voice

SECOND_PERSON = measures.Folded(re.compile(r"\b(?:you|your|yours|yourself|yourselves)\b", re.IGNORECASE))
#: First-person pronouns (I, me, my, mine, myself, we, us, our, ours, ourselves, in lower case
#: or with a capital initial) and all-capital words of four or more letters: the matches of
#: ``\b(?:I|[Mm]e|...|[Oo]urselves)\b`` and ``\b[A-Z]{4,}+\b``, found faster: each
#: alternative opens with a literal (so ``re`` jumps to where one can start) and checks the
#: opening word boundary with a fixed-width lookbehind after it (the tests compare them with
#: those plain patterns).
FAST_FIRST_PERSON = re.compile(
    "(?:"
    + "|".join(
        rf"{word}(?<!\w{word})"
        for pattern in r"I [Mm]e [Mm]y [Mm]ine [Mm]yself [Ww]e [Uu]s [Oo]ur [Oo]urs [Oo]urselves".split()
        for word in ([pattern] if pattern[0] != "[" else [pattern[1] + pattern[4:], pattern[2] + pattern[4:]])
    )
    + r")\b"
)
FAST_ALL_CAPS = re.compile(r"[A-Z](?<!\w[A-Z])[A-Z]{3,}+\b")
DEMONSTRATIVE = measures.Folded(re.compile(r"\b(?:this|these|that|those)\b", re.IGNORECASE))
FUNCTION_WORDS = frozenset("the of and to a in that is was for".split())
ABSTRACT_SUFFIXES = ("tion", "tions", "ment", "ments", "ness", "ity", "ities", "ism", "ance", "ence")
#: Letters an abstract noun has before its suffix, at least.
ABSTRACT_STEM = 4
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
    _f("exclamations_per_1000_words", "per_1000_words", f"'!' {_RATE}."),
    _f("questions_per_1000_words", "per_1000_words", f"'?' {_RATE}."),
    _f("all_caps_words_per_1000_words", "per_1000_words", f"Words of 4 or more capital letters, {_RATE}."),
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


def mattr(toks: list[str], window: int = MATTR_WINDOW) -> float:
    """Moving-average type-token ratio over ``window``-token windows (linear time).

    The distinct tokens of each window follow from where each token occurred before and
    occurs next: sliding one step, the entering token is new unless it occurred inside
    the window, and the leaving one is gone unless it occurs again before the entering
    one. Those occurrences come from one stable sort of the tokens by their first
    occurrence (numpy); the windows' ratios are added up in order (a running sum, as a
    sliding counter would add them), so the value is a sliding counter's to the bit (the tests compare them).
    """
    n = len(toks)
    if n == 0:
        return 1.0
    if n <= window:
        return len(set(toks)) / n
    steps = n - window
    first: dict[str, int] = {}
    code = np.fromiter(map(first.setdefault, toks, range(n)), dtype=np.intp, count=n)
    order = np.argsort(code, kind="stable")  # each token's occurrences, in text order, one after the other
    repeat_of = np.equal(code[order[1:]], code[order[:-1]])  # order[i + 1] occurs again after order[i]
    later, earlier = order[1:][repeat_of], order[:-1][repeat_of]
    previous = np.full(n, -1, dtype=np.intp)
    previous[later] = earlier
    following = np.full(n, n + window, dtype=np.intp)
    following[earlier] = later
    entering = previous[window:] < np.arange(steps)  # token k + window not in [k, k + window)
    leaving = following[:steps] > np.arange(window, n)  # token k not in (k, k + window]
    distinct = np.empty(steps + 1, dtype=np.intp)
    distinct[0] = len(set(toks[:window]))
    np.cumsum(entering.astype(np.intp) - leaving, out=distinct[1:])
    distinct[1:] += distinct[0]
    total = float(np.cumsum(distinct / window)[-1])  # added one by one, in window order
    return total / (steps + 1)


def windows(n: int, size: int) -> list[tuple[int, int]]:
    """Consecutive non-overlapping ``size``-token windows of ``n`` tokens (start, end).

    The last partial window is dropped; a text shorter than ``size`` is one window.
    """
    if n < size:
        return [(0, n)]
    return [(start, start + size) for start in range(0, n - size + 1, size)]


def hapax_share(toks: list[str], window: int = HAPAX_WINDOW) -> float:
    """Share of tokens occurring once within their window, averaged over :func:`windows` (0.0 when empty)."""
    if not toks:
        return 0.0
    shares = [list(Counter(toks[a:b]).values()).count(1) / (b - a) for a, b in windows(len(toks), window)]
    return sum(shares) / len(shares)


def repetition(toks: list[str], window: int = REPEAT_WINDOW) -> tuple[float, float]:
    """Repeated-3-gram share and 5-gram repeats per 1,000 tokens within each window, averaged.

    A 3-gram or 5-gram counts where it starts; a text shorter than ``window`` is one window
    whose 5-gram rate is taken over ``window`` tokens (fewer chances to repeat, so no higher).
    The 3-grams in repeats are all of them but those seen once; the 5-gram repeats (each
    occurrence after a 5-gram's first) are all of them but one per distinct 5-gram.
    """
    spans = windows(len(toks), window)
    trigram_share = fivegram_rate = 0.0
    for a, b in spans:
        part = toks[a:b]
        size = len(part)
        trigrams = Counter(zip(part, part[1:], part[2:], strict=False))
        repeated = max(size - 2, 0) - list(trigrams.values()).count(1)
        repeats = max(size - 4, 0) - len(set(zip(part, part[1:], part[2:], part[3:], part[4:], strict=False)))
        trigram_share += repeated / max(size - 2, 1)
        fivegram_rate += repeats * 1000.0 / max(size, window)
    return trigram_share / len(spans), fivegram_rate / len(spans)


def sentence_lengths(view: TextView) -> list[tuple[str, int]]:
    """Each sentence holding a letter: its first word (lower-cased) and its number of words."""
    text = view.text
    starts = view.tokens.starts.tolist()
    out = []
    for sentence in view.sentences:
        first = bisect.bisect_left(starts, sentence.start)
        last = bisect.bisect_left(starts, sentence.end)
        if last > first:
            piece = text[sentence.start : sentence.end]
            if piece[:1].isalpha() or any(ch.isalpha() for ch in piece):
                out.append((piece.split(None, 1)[0].lower(), last - first))
    return out


def _rhythm(view: TextView) -> dict[str, float]:
    """Sentence length (mean, shrunk coefficient of variation), commas and repeated openings."""
    sentences = sentence_lengths(view)
    n = len(sentences)
    lengths = [k for _, k in sentences] or [0]
    mean = sum(lengths) / len(lengths)
    cv = math.sqrt(sum((x - mean) ** 2 for x in lengths) / len(lengths)) / mean if mean else 0.0
    starts = Counter(first for first, _ in sentences)
    return {
        "words_per_sentence": mean,
        "sentence_length_cv": (cv * n + TYPICAL_CV * measures.PRIOR_N) / (n + measures.PRIOR_N),
        "commas_per_sentence": view.text.count(",") / max(n, 1),
        "same_start_sentence_share": sum(c for c in starts.values() if c > 1) / max(n, 1),
    }


def _vocabulary(
    toks: list[str], words: int, counts: Counter[str] | None = None, lengths: list[int] | None = None
) -> dict[str, float]:
    """Word length, diversity, repetition and function words over the tokens.

    :param counts: ``Counter(toks)``, if already at hand.
    :param lengths: each token's length, if already at hand.
    """
    n = max(len(toks), 1)
    counts = Counter(toks) if counts is None else counts
    lengths = list(map(len, toks)) if lengths is None else lengths
    trigram_share, fivegram_rate = repetition(toks)
    abstract = sum(
        counts[t]
        for t in filter(methodcaller("endswith", ABSTRACT_SUFFIXES), counts)
        if any(t.endswith(s) and len(t) >= len(s) + ABSTRACT_STEM for s in ABSTRACT_SUFFIXES)
    )
    return {
        "long_word_share": sum(map(ge, lengths, repeat(LONG_WORD))) / n,
        "moving_type_token_ratio": mattr(toks),
        "repeated_trigram_share": trigram_share,
        "repeated_5grams_per_1000_words": fivegram_rate,
        "mean_word_length": sum(lengths) / n,
        "function_word_share": sum(map(counts.get, FUNCTION_WORDS, repeat(0))) / n,
        "abstract_nouns_per_1000_words": measures.per_1000(abstract, words),
        "hapax_share": hapax_share(toks),
    }


def features(document: Document) -> dict[str, float]:
    """Every readability feature of ``document``'s body (see :data:`FEATURES`)."""
    body = document.body
    text, words = body.text, body.word_count
    values = {
        "first_person_per_1000_words": measures.per_1000(len(FAST_FIRST_PERSON.findall(text)), words),
        "second_person_per_1000_words": measures.per_1000(SECOND_PERSON.count(body), words),
        "exclamations_per_1000_words": measures.per_1000(text.count("!"), words),
        "questions_per_1000_words": measures.per_1000(text.count("?"), words),
        "all_caps_words_per_1000_words": measures.per_1000(len(FAST_ALL_CAPS.findall(text)), words),
        "demonstratives_per_1000_words": measures.per_1000(DEMONSTRATIVE.count(body), words),
    }
    values.update(_rhythm(body))
    toks = measures.tokens(body)
    counts = Counter(toks)
    lengths = list(map(len, toks))
    values.update(_vocabulary(toks, words, counts, lengths))
    values.update(voice.features(document, toks, counts, lengths))
    return values

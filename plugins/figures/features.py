"""The figures scorer's features: how many figures stand without attribution, and vague quantities.

These are the issue-13 prototype's definitions, independent of the FIG rules' finer
reading of each figure: a figure is money, a percentage, a number with a magnitude
word, a grouped number or a plain number of 10 or more that is not a year; it is
*unattributed* when its sentence has no verb of saying, no "according to" and no
reference to a document or data. Unattributed figures are common in first-hand
professional reporting (the prototype measured a median share of 0.58), which is why
the aggregate weighs them against professional norms rather than per finding.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator
from functools import cache

from copydesk import Document, Feature, TextView, measures
from copydesk.plugins.figures.analysis import wordlist

#: A figure: the matches of
#: ``[$£€¥]\s?\d[\d,.]*+(?:\s?(?:million|billion|trillion|bn|m|k)\b)?``,
#: ``\b\d[\d,.]{0,64}+\s?(?:%|per\s?cent|percent)``, ``\b\d[\d,.]{0,64}+\s(?:million|billion|trillion)\b``,
#: ``\b\d{1,3}(?:,\d{3})++\b`` or ``\b\d++(?:\.\d++)?\b`` (tried in that order), rewritten to open
#: with a character set so ``re`` skips ahead to a currency sign or digit instead of trying every
#: offset (a ``\b`` before a digit is a look-behind for no word character; the tests compare the two).
#: The digits, commas and points before a percent sign or "million" are read up to
#: :data:`MAX_NUMBER_CHARS` characters: every digit of a run like "1,1,1,..." opens a try
#: (the comma before it is no word character), and a try reading to the end of the run each
#: time made such a text quadratic (20,000 characters took 1.2 s, 200,000 over a minute). No
#: figure in news is that long; a longer run's percent sign is not read as part of it.
MAX_NUMBER_CHARS = 64
FIGURE = re.compile(
    r"[$£€¥\d](?:(?<=[$£€¥])\s?\d[\d,.]*+(?:\s?(?:million|billion|trillion|bn|m|k)\b)?"
    rf"|(?<=\d)(?<!\w\d)(?:[\d,.]{{0,{MAX_NUMBER_CHARS}}}+\s?(?:%|per\s?cent|percent)"
    rf"|[\d,.]{{0,{MAX_NUMBER_CHARS}}}+\s(?:million|billion|trillion)\b"
    r"|\d{0,2}(?:,\d{3})++\b"
    r"|\d*+(?:\.\d++)?\b))"
)
DIGIT = re.compile(r"\d")
YEAR = re.compile(r"(?:1[89]\d\d|20\d\d)")
VAGUE_QUANTITY = re.compile(
    r"\b(?:thousands|millions|billions|hundreds|dozens|countless|numerous|scores)\sof\b"
    r"|\b(?:many|countless|numerous)\s(?:people|americans|experts|studies|reports)\b",
    re.IGNORECASE,
)

FEATURES = (
    Feature(
        "unattributed_figures_per_1000_words",
        "problem",
        "Figures (money, percentages, magnitudes, grouped numbers, numbers of 10 or more, not years) in "
        "sentences with no verb of saying, 'according to' or document reference, per 1,000 words (at least "
        "300 words assumed).",
        "per_1000_words",
    ),
    Feature(
        "unattributed_figure_share",
        "problem",
        "Share of the body's figures that are unattributed in their sentence (smoothed, prior 0.5).",
        "share",
    ),
    Feature(
        "vague_quantities_per_1000_words",
        "problem",
        "Vague quantities ('thousands of', 'countless', 'numerous experts', ...) per 1,000 words (at least 300 "
        "words assumed).",
        "per_1000_words",
    ),
)


@cache
def _attribution() -> re.Pattern[str]:
    """A verb of saying from the scorer's own cue list (``data/cue_verbs.txt``), or 'according to'."""
    verbs = sorted(wordlist("cue_verbs"), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(map(re.escape, verbs)) + r"|according\sto)\b", re.IGNORECASE)


@cache
def _document() -> re.Pattern[str]:
    """A link, or a document noun from the scorer's own list (``data/cue_nouns.txt``)."""
    nouns = sorted(wordlist("cue_nouns"), key=len, reverse=True)
    return re.compile(r"https?://\S++|www\.\S++|\b(?:" + "|".join(map(re.escape, nouns)) + r")\b", re.IGNORECASE)


def _is_figure(text: str) -> bool:
    """Whether a number-like match counts as a figure: not a year, not a plain number below 10."""
    if YEAR.fullmatch(text):
        return False
    return not text.isdigit() or len(text.lstrip("0")) >= 2  # >= 10 without int(): digits may run to megabytes


def figures_in(sentence: str) -> int:
    """How many figures ``sentence`` holds."""
    return sum(1 for m in FIGURE.finditer(sentence) if _is_figure(m.group()))


#: A run of word characters: the words a ``\b``-bounded single-word pattern can match whole.
WORD_RUN = re.compile(r"\w+")
#: Characters ``re.IGNORECASE`` matches with an ASCII letter though ``str.lower()`` does
#: not turn them into it (as :class:`copydesk.measures.Folded` says); a text holding one
#: is searched with the patterns themselves.
UNFOLDED = ("\u0130", "\u0131", "\u017f")
#: Matches of the vague-quantity pattern, tried only where one of its first words starts.
VAGUE_QUANTITIES = measures.Anchored(
    VAGUE_QUANTITY, "thousands millions billions hundreds dozens countless numerous scores many".split()
)


@cache
def _credit_words() -> frozenset[str] | None:
    r"""The verbs of saying and document nouns, when every alternative of the two patterns is one of them.

    Then a sentence is credited exactly when one of its runs of word characters, lower-cased,
    is one of them, or it holds a link: the patterns' alternatives are single words bounded
    by ``\b`` (a whole run), "according to" (found by "according" itself, when the verbs
    hold it), and the links, looked for with the document pattern itself. None when the
    word lists do not allow it (the patterns are then searched).
    """
    verbs, nouns = wordlist("cue_verbs"), wordlist("cue_nouns")
    words = verbs | nouns
    if "according" not in verbs or not all(w.isascii() and w.isalpha() for w in words):
        return None
    return frozenset(words)


def _credited(sentence: str, lowered: str) -> bool:
    """Whether ``sentence`` (``lowered``: the same, lower-cased) has a verb of saying, 'according to' or a document."""
    words = _credit_words()
    if words is None or any(char in sentence for char in UNFOLDED):
        return bool(_attribution().search(sentence) or _document().search(sentence))
    if not words.isdisjoint(WORD_RUN.findall(lowered)):
        return True
    return ("http" in lowered or "www." in lowered) and _document().search(sentence) is not None


def _figure_sentences(view: TextView, matches: Iterable[re.Match[str]] | None = None) -> dict[int, int] | None:
    """How many figures each of ``view``'s sentences holds (those with none left out), from one scan of the text.

    Every figure starts in a sentence (only white space lies between them, and a figure opens
    with a currency sign or digit), and what a figure's pattern reads around it, a character
    before its start or a word boundary after its end, is the same in the text as in the
    sentence alone: white space or an end either way. A match that runs past its sentence's
    end (a number, then " percent" on the next line) would not match in the sentence alone:
    then None, and the sentences are read one by one. ``matches`` are the pattern's matches in
    the text when known (:func:`figure_matches`).
    """
    text, sentences = view.text, view.sentences
    found: dict[int, int] = {}
    for match in FIGURE.finditer(text) if matches is None else matches:
        index = view.sentence_index(match.start())
        if index is None or match.end() > sentences[index].end:
            return None
        if _is_figure(match.group()):
            found[index] = found.get(index, 0) + 1
    return found


def _sentence_figures(view: TextView, matches: Iterable[re.Match[str]] | None = None) -> Iterator[tuple[int, int]]:
    """``(index, figures)`` for each of ``view``'s sentences that holds a letter and a figure, in order."""
    text, sentences = view.text, view.sentences
    counted = _figure_sentences(view, matches)
    if counted is None:
        for index, span in enumerate(sentences):
            if DIGIT.search(text, span.start, span.end) is None:
                continue
            sentence = text[span.start : span.end]
            if any(map(str.isalpha, sentence)) and (found := figures_in(sentence)):
                yield index, found
        return
    for index, found in counted.items():
        span = sentences[index]
        if any(map(str.isalpha, text[span.start : span.end])):
            yield index, found


#: Where a figure of :data:`FIGURE` can start besides a digit.
CURRENCY_SIGNS = "$£€¥"


def figure_matches(text: str, runs: Iterable[tuple[int, int]]) -> Iterator[re.Match[str]]:
    """The matches of ``FIGURE.finditer(text)``, tried only where one can start.

    ``runs`` are the spans of the text's digit runs (``extract.NUMBER``'s matches, in
    order), which hold every digit of the text. A match opens with a currency sign or a
    digit, so trying the pattern at each of those, in order, from the end of the last
    match on, finds what the scan finds, without the scan (the batch pass has the runs).
    A currency sign is never inside a run; a run's digits are tried from its first one
    until a match reaches past the run's end (usually the first does).
    """
    signs = sorted(at for sign in CURRENCY_SIGNS for at in _offsets(text, sign))
    resume = 0
    for start, end in itertools.chain(runs, [(len(text), len(text))]):
        while signs and signs[0] < start:
            at = signs.pop(0)
            if at >= resume and (match := FIGURE.match(text, at)) is not None:
                yield match
                resume = match.end()
        at = max(start, resume)
        while at < end:
            if text[at] not in ".,:/-" and (match := FIGURE.match(text, at)) is not None:
                yield match
                at = resume = match.end()
            else:
                at += 1


def _offsets(text: str, char: str) -> Iterator[int]:
    """Every offset of ``char`` in ``text``."""
    at = text.find(char)
    while at >= 0:
        yield at
        at = text.find(char, at + 1)


def figure_counts(view: TextView, matches: Iterable[re.Match[str]] | None = None) -> tuple[int, int]:
    """How many figures ``view`` holds and how many of them are unattributed (see :data:`FEATURES`).

    ``matches``: :data:`FIGURE`'s matches in the text, when known (:func:`figure_matches`).
    """
    text, lower, sentences = view.text, view.tokens.lower, view.sentences
    words = _credit_words()
    # a text without a character of UNFOLDED has none in any sentence: asked once, not per sentence
    plain = words is not None and not any(char in text for char in UNFOLDED)
    total = unattributed = 0
    for index, found in _sentence_figures(view, matches):
        span = sentences[index]
        start, end = span.start, span.end
        total += found
        if plain and words is not None:
            credited = _credited_within(words, view, start, end)
        else:
            credited = _credited(text[start:end], lower[start:end])
        if not credited:
            unattributed += found
    return total, unattributed


def _credited_within(words: frozenset[str], view: TextView, start: int, end: int) -> bool:
    r""":func:`_credited` of ``text[start:end]``, a text without a character of ``UNFOLDED``.

    Read in place, not from slices: ``\w+`` reads the same runs between ``start`` and ``end``
    of the lower-cased text as in the slice (it looks at no character outside its match), and
    "http" or "www." lies in the slice where ``find`` finds it between them. Where the stretch
    holds no underscore (and no word runs past its end), its runs are its stream words and
    the parts of those holding a joiner (the runs of ``\w`` are those of letters and digits,
    which a stream word joins by apostrophes and hyphens): a form of one of the words is then a
    run of them, and without a joiner no run is anything but a form. Only a stretch with an
    underscore or a joiner and none of the words among its forms is read run by run.
    """
    stream = view.tokens
    lower = stream.lower
    span = stream.between(start, end)
    plain = lower.find("_", start, end) < 0 and (not span or stream.ends[span.stop - 1] <= end)
    if plain and not words.isdisjoint(stream.forms[span.start : span.stop]):
        return True
    if plain and all(lower.find(joiner, start, end) < 0 for joiner in _JOINERS):
        found = False
    else:
        found = not words.isdisjoint(WORD_RUN.findall(lower, start, end))
    if found:
        return True
    linked = lower.find("http", start, end) >= 0 or lower.find("www.", start, end) >= 0
    return linked and _document().search(view.text[start:end]) is not None


#: The characters that join the parts of a stream word (:data:`copydesk.text.WORD`).
_JOINERS = "'\u2019-"


def features(document: Document, counts: tuple[int, int] | None = None) -> dict[str, float]:
    """Every figures feature of ``document``'s body (see :data:`FEATURES`).

    Only sentences holding a figure count, and the figures are found in one pass over
    the whole body (:func:`_figure_sentences`); those sentences are then read as
    :func:`copydesk.measures.sentence_texts` gives them (those holding a letter).
    ``counts`` are the body's :func:`figure_counts` when the batch pass has them.
    """
    body = document.body
    total, unattributed = figure_counts(body) if counts is None else counts
    return {
        "unattributed_figures_per_1000_words": measures.per_1000(unattributed, body.word_count),
        "unattributed_figure_share": measures.share(unattributed, total, 0.5),
        "vague_quantities_per_1000_words": measures.per_1000(VAGUE_QUANTITIES.count(body), body.word_count),
    }

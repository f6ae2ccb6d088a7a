"""Page chrome: a small logistic model over general block features of each line.

Scraped pages carry navigation, footers and sidebars ("Home", "Site Map | Contact Us",
"01/19 7:00 PM"). No lexicon lists them all, but they look alike: short, few function
words, no closing punctuation, outside the run of long paragraphs that holds the text,
often repeated on other pages of the batch. :func:`features` measures that for every
line; the coefficients in ``data/chrome_model.json`` were fitted by
``scripts/train_boilerplate.py`` (scikit-learn ``LogisticRegression``) and are applied
here in plain Python, so scoring needs no model library and is deterministic.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from importlib.resources import files
from typing import Any

import numpy as np
import numpy.typing as npt
from copydesk import WORD, Document, Line
from copydesk.plugins.boilerplate import owned
from copydesk.plugins.boilerplate.batch import BatchStats, line_key
from copydesk.plugins.boilerplate.lexicon import normal
from copydesk.plugins.boilerplate.words import WordIndex, index_of

#: Feature names, in the order the model's coefficients follow.
FEATURES = (
    "log_words",
    "stopword_share",
    "capitalised_share",
    "digit_share",
    "terminal_punctuation",
    "log_words_prev",
    "log_words_next",
    "log_words_prev2",
    "log_words_next2",
    "inside_main_run",
    "log_distance_to_main_run",
    "after_main_run",
    "log_other_articles",
    "at_most_4_words",
    "has_pipe",
    "prev_stopword_share",
    "prev_terminal_punctuation",
    "prev_log_other_articles",
    "next_stopword_share",
    "next_terminal_punctuation",
    "next_log_other_articles",
)
#: A line of at least this many words is running text wherever it ends.
LONG_LINE_WORDS = 25
#: A line of at least this many words ending in punctuation is running text.
TEXT_LINE_WORDS = 10
#: What a line that is not running text costs the main run (in words).
GAP_COST = 8.0
_TERMINAL = frozenset(".!?\"'”’)")


@lru_cache(maxsize=1)
def model() -> dict[str, Any]:
    """The packaged model (coefficients, scaling, stop words), read once."""
    path = files("copydesk.plugins.boilerplate").joinpath("data/chrome_model.json")
    loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    if tuple(loaded["features"]) != FEATURES:
        raise ValueError("chrome_model.json was trained on other features; rerun scripts/train_boilerplate.py")
    return loaded


LineStats = tuple[int, float, float, float, float]


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    """The model's stop words as a set, built once."""
    return frozenset(model()["stopwords"])


def _line_stats(text: str, stopwords: frozenset[str]) -> LineStats:
    """Words, stop-word share, capitalised share, digit share, terminal punctuation of a line."""
    words = WORD.findall(text)
    count = len(words)
    stop = sum(w.lower() in stopwords for w in words) / count if count else 0.0
    caps = sum(w[0].isupper() for w in words) / count if count else 0.0
    digits = sum(c.isdigit() for c in text) / max(1, len(text))
    terminal = 1.0 if text[-1:] in _TERMINAL else 0.0
    return count, stop, caps, digits, terminal


#: Byte tables flagging ASCII digits and ASCII capitals (1) among all bytes (0).
_DIGIT_BYTES = bytes(int(chr(b).isdigit()) for b in range(128)) + bytes(128)
_UPPER_BYTES = bytes(int(chr(b).isupper()) for b in range(128)) + bytes(128)
#: The ASCII bytes: what is left of a UTF-8 encoding without them is its characters outside ASCII.
_ASCII_BYTES = bytes(range(128))


def _non_ascii(text: str) -> set[str]:
    """The characters of ``text`` outside ASCII.

    Taken from its UTF-8 bytes without the ASCII ones (a character outside ASCII is
    encoded in bytes that are all outside it; lone surrogates pass), two C-level calls
    where a regular expression stepped through every character.
    """
    return set(text.encode("utf-8", "surrogatepass").translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass"))


def _char_flags(text: str) -> tuple[bytes, bytes] | None:
    """Per character of ``text``: is it a digit, is it upper case (as ``str.isdigit``/``str.isupper``).

    None when a character outside ASCII is a digit or a capital (the flags are built
    from the ASCII bytes, every other character standing in as ``?``).
    """
    if not text.isascii() and any(c.isdigit() or c.isupper() for c in _non_ascii(text)):
        return None
    raw = text.encode("ascii", "replace")
    return raw.translate(_DIGIT_BYTES), raw.translate(_UPPER_BYTES)


def _indexed_stats(document: Document, index: WordIndex, stopwords: frozenset[str]) -> list[LineStats]:
    """:func:`_line_stats` of every body line, from the word index and per-word and per-character flags."""
    text = index.text
    stops = bytes(map(stopwords.__contains__, document.body.tokens.forms))
    flags = _char_flags(text)
    if flags is None:
        caps = bytes(map(str.isupper, map(text.__getitem__, index.starts_view)))
    else:
        caps = np.frombuffer(flags[1], dtype=np.uint8)[np.asarray(index.starts_view)].tobytes()  # each word's first
    out: list[LineStats] = []
    for line, (i, j) in zip(document.body.lines, index.line_spans(), strict=True):
        count = j - i
        stop = stops.count(1, i, j) / count if count else 0.0
        cap = caps.count(1, i, j) / count if count else 0.0
        if flags is None:
            digit_count = sum(map(str.isdigit, text[line.start : line.end]))
        else:
            digit_count = flags[0].count(1, line.start, line.end)
        digits = digit_count / max(1, line.end - line.start)
        out.append((count, stop, cap, digits, 1.0 if text[line.end - 1] in _TERMINAL else 0.0))
    return out


def main_run(words: Sequence[int], terminal: Sequence[float]) -> tuple[int, int]:
    """The run of lines holding the text: the maximum-sum window of line weights.

    A line of running text (at least ``TEXT_LINE_WORDS`` words ending in punctuation, or
    at least ``LONG_LINE_WORDS`` words) weighs its word count; any other line costs
    ``GAP_COST``, so headings between paragraphs stay inside and navigation stays out.
    """
    best, best_span = 0.0, (0, -1)
    total, begin = 0.0, 0
    for i, (count, end) in enumerate(zip(words, terminal, strict=True)):
        text_like = count >= LONG_LINE_WORDS or (count >= TEXT_LINE_WORDS and end)
        total += count if text_like else -GAP_COST
        if total <= 0:
            total, begin = 0.0, i + 1
        elif total > best:
            best, best_span = total, (begin, i)
    return best_span


def features(lines: Sequence[str], others: Sequence[int], stopwords: frozenset[str]) -> list[list[float]]:
    """One feature vector per line; ``others[i]`` is how many other articles have line ``i``."""
    stats = [_line_stats(t, stopwords) for t in lines]
    return stats_features(stats, ["|" in line for line in lines], others)


def stats_features(stats: Sequence[LineStats], pipes: Sequence[bool], others: Sequence[int]) -> list[list[float]]:
    """Feature vectors from each line's :func:`_line_stats` and whether it has a ``|``."""
    words = [s[0] for s in stats]
    run = main_run(words, [s[4] for s in stats])
    logs = [0.0, 0.0, *map(math.log1p, words), 0.0, 0.0]  # line i's at i + 2; 0.0 past either edge
    return [_row(i, stats, pipes, others, run, logs) for i in range(len(stats))]


def _row(
    i: int,
    stats: Sequence[LineStats],
    pipes: Sequence[bool],
    others: Sequence[int],
    run: tuple[int, int],
    logs: Sequence[float],
) -> list[float]:
    """Line ``i``'s feature vector (see :func:`stats_features`); it reads the stats of lines ``i - 1`` to ``i + 1`` only."""
    count, stop, caps, digits, terminal = stats[i]
    first, last = run
    inside = first <= i <= last
    distance = 0 if inside else (first - i if i < first else i - last)
    row = [logs[i + 2], stop, caps, digits, terminal, logs[i + 1], logs[i + 3], logs[i], logs[i + 4],
           float(inside), math.log1p(distance), float(i > last), math.log1p(others[i]), float(count <= 4),
           float(pipes[i])]  # fmt: skip
    for j in (i - 1, i + 1):
        if 0 <= j < len(stats):
            row += [stats[j][1], stats[j][4], math.log1p(others[j])]
        else:
            row += [0.0, 0.0, 0.0]
    return row


def probabilities(document: Document, others: Sequence[int]) -> list[float]:
    """Probability that each body line is page chrome."""
    body = document.body
    stats = _indexed_stats(document, index_of(body), _stopwords())
    return _chances(stats_features(stats, _pipes(document), others))


def _pipes(document: Document) -> list[bool]:
    """Whether each body line holds a ``|``."""
    text = document.body.text
    if "|" not in text:
        return [False] * len(document.body.lines)
    return [text.find("|", start, end) >= 0 for start, end in document.body.lines]


def _chances(rows: list[list[float]]) -> list[float]:
    """The model's probability of each feature row."""
    if not rows:
        return []
    coef, mean, scale = _arrays()
    # Each term c * (x - m) / s elementwise (float64 arithmetic is Python's float arithmetic),
    # summed by the built-in sum in feature order, exactly as a generator over the terms would be.
    # A row's result does not depend on the other rows computed with it.
    terms = (coef * (np.array(rows, dtype=np.float64) - mean) / scale).tolist()
    sums = [sum(row) for row in terms]
    intercept = float(model()["intercept"])
    return [1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, intercept + total)))) for total in sums]


#: The features :func:`chrome_lines` bounds rather than counts: a line's stop-word, capitalised and digit
#: shares and its neighbours' stop-word shares (each in [0, 1]; 0.0 for a missing neighbour).
_SHARES = frozenset(
    {"stopword_share", "capitalised_share", "digit_share", "prev_stopword_share", "next_stopword_share"}
)
#: The lines to count hold more than 1 / _BULK of the body's words: every line is counted at once instead.
_BULK = 4
#: How far below the threshold's logit a bound must be for its line to be left out (float error is below 1e-12).
_MARGIN = 0.01


def chrome_lines(document: Document, others: Sequence[int], lines: Iterable[int], threshold: float) -> list[int]:
    """The body lines of ``lines`` (indexes, ascending) whose :func:`probabilities` is at least ``threshold``.

    The same lines as computing every probability, counting less: each line's logit is
    first bounded from its features that need no counting of words or characters (word
    counts, closing punctuation, the main run, repetition, ``|``), the shares in
    :data:`_SHARES` taken at their worst in [0, 1]. Only a line whose bound reaches the
    threshold's logit has its own and its neighbours' shares counted and its probability
    computed, exactly as :func:`probabilities` computes it (most lines of an article
    are far below it).
    """
    body = document.body
    text, index = body.text, index_of(body)
    spans = index.line_spans()
    counts = [j - i for i, j in spans]
    # Every line's word count and closing punctuation; the shares counted only where needed (below).
    stats: list[LineStats] = [
        (count, 0.0, 0.0, 0.0, 1.0 if text[end - 1] in _TERMINAL else 0.0)
        for count, (_, end) in zip(counts, body.lines, strict=True)
    ]
    pipes = _pipes(document)
    run = main_run(counts, [s[4] for s in stats])
    logs = [0.0, 0.0, *map(math.log1p, counts), 0.0, 0.0]
    bounds = _bounds(stats, pipes, others, run, logs)
    cut = _logit_cut(threshold)
    candidates = [i for i in lines if bounds[i] >= cut]
    if not candidates:
        return []
    needed = sorted({j for i in candidates for j in (i - 1, i, i + 1) if 0 <= j < len(stats)})
    if _BULK * sum(spans[j][1] - spans[j][0] for j in needed) > len(index.starts_view):
        # Most of the words need counting: every line's shares at once is cheaper than line by line.
        stats = _indexed_stats(document, index, _stopwords())
    else:
        words = (_stopwords(), body.tokens.forms, index.starts_view, text.isascii())
        whole = set(candidates)
        for j in needed:
            # A neighbour's row reads only its stop-word share (and closing punctuation): the rest stays 0.0.
            stats[j] = _counted(text, body.lines[j], spans[j], stats[j][4], words, j in whole)
    chances = _chances([_row(i, stats, pipes, others, run, logs) for i in candidates])
    return [i for i, chance in zip(candidates, chances, strict=True) if chance >= threshold]


def _counted(
    text: str, line: Line, span: tuple[int, int], terminal: float, words: tuple[Any, ...], whole: bool
) -> LineStats:
    """:func:`_indexed_stats`'s entry for one line (``whole``) or its word count and stop-word share only (0.0 for the rest).

    The line is ``text[line.start:line.end]``, its words ``span``; ``words`` is the stop
    words, the body's word forms and starts, and whether the body is ASCII.
    """
    stopwords, forms, starts, ascii_text = words
    i, j = span
    count = j - i
    stop = sum(map(stopwords.__contains__, forms[i:j])) / count if count else 0.0
    if not whole:
        return count, stop, 0.0, 0.0, terminal
    caps = sum(map(str.isupper, map(text.__getitem__, starts[i:j]))) / count if count else 0.0
    start, end = line
    piece = text[start:end]
    # (in an ASCII body only ASCII digits are digits)
    digit_count = sum(map(piece.count, "0123456789")) if ascii_text else sum(map(str.isdigit, piece))
    return count, stop, caps, digit_count / max(1, end - start), terminal


def _bounds(
    stats: Sequence[LineStats],
    pipes: Sequence[bool],
    others: Sequence[int],
    run: tuple[int, int],
    logs: Sequence[float],
) -> list[float]:
    """Per line, at least its logit: its :func:`_row` with the shares of :data:`_SHARES` at their worst, summed.

    Each term ``coef * (x - mean) / scale`` is ``unit * x`` plus a constant; the constants, the
    worst shares' terms and the intercept make ``base``. A line's terms are its own, those
    of the lines either side as its neighbours (0.0 past an edge) and those of its place
    against the main run.
    """
    u, base = _bound_terms()
    others_log = [math.log1p(value) for value in others]
    uw, ut, uo, u4, up, u1, u2, u3, u5 = (u[name] for name in _OWN_TERMS)
    # logs holds line i's log word count at i + 2 (0.0 past either edge): its own, then the lines around it.
    own = [
        uw * w + ut * s[4] + uo * o + u4 * (s[0] <= 4) + up * p + u1 * w1 + u2 * w2 + u3 * w3 + u5 * w5
        for s, o, p, w, w1, w2, w3, w5 in zip(
            stats, others_log, pipes, logs[2:-2], logs[1:-3], logs[3:-1], logs[:-4], logs[4:], strict=True
        )
    ]
    # Line i's terms as the line before (after) another, at i + 1; 0.0 past either edge.
    pt, po, nt, no = (u[name] for name in _NEIGHBOUR_TERMS)
    before = [0.0, *(pt * s[4] + po * o for s, o in zip(stats, others_log, strict=True)), 0.0]
    after = [0.0, *(nt * s[4] + no * o for s, o in zip(stats, others_log, strict=True)), 0.0]
    # Against the main run: inside it, or at a distance before or after it.
    first, last = run
    inside, away, later = u["inside_main_run"], u["log_distance_to_main_run"], u["after_main_run"]
    place = [away * math.log1p(first - i) for i in range(min(first, len(stats)))]
    place += [inside] * (last + 1 - first)
    place += [away * math.log1p(i - last) + later for i in range(last + 1, len(stats))]
    return [base + a + b + c + d for a, b, c, d in zip(own, before[:-2], after[2:], place, strict=True)]


#: A line's own features :func:`_bounds` adds, without the main run's and the neighbours' cues.
_OWN_TERMS = (
    "log_words",
    "terminal_punctuation",
    "log_other_articles",
    "at_most_4_words",
    "has_pipe",
    "log_words_prev",
    "log_words_next",
    "log_words_prev2",
    "log_words_next2",
)
#: The neighbours' features :func:`_bounds` adds (the shares are bounded apart).
_NEIGHBOUR_TERMS = (
    "prev_terminal_punctuation",
    "prev_log_other_articles",
    "next_terminal_punctuation",
    "next_log_other_articles",
)


@lru_cache(maxsize=1)
def _bound_terms() -> tuple[dict[str, float], float]:
    """Per feature ``coef / scale``, and the bounds' constant: intercept, the means' terms and the shares' worst."""
    coef, mean, scale = _arrays()
    units = (coef / scale).tolist()
    worst = sum(max(0.0, unit) for name, unit in zip(FEATURES, units, strict=True) if name in _SHARES)
    constant = float(model()["intercept"]) - sum(u * m for u, m in zip(units, mean.tolist(), strict=True))
    return dict(zip(FEATURES, units, strict=True)), constant + worst


def _logit_cut(threshold: float) -> float:
    """A logit below which no probability reaches ``threshold`` (with :data:`_MARGIN` to spare; the model clamps at 60)."""
    if threshold <= 0:
        return -math.inf
    odds = min(threshold, 1 - 1e-9)  # (near 1 a logit's margin is smaller than a probability's rounding)
    cut = math.log(odds / (1 - odds)) - _MARGIN
    return cut if cut > -60.0 else -math.inf


@lru_cache(maxsize=1)
def _arrays() -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """The model's coefficients, feature means and scales as arrays, built once."""
    params = model()
    coef, mean, scale = (np.array(params[key], dtype=np.float64) for key in ("coef", "mean", "scale"))
    return coef, mean, scale


def other_articles(document: Document, stats: BatchStats | None) -> list[int]:
    """For every body line, in how many other articles of the batch it also occurs."""
    body = document.body
    index = index_of(body)
    out = []
    for line in body.lines:
        words = index.normal(line.start, line.end)
        out.append(stats.count(line_key(words)) - 1 if stats is not None and words else 0)
    return out


#: The least share of the model's function words in a line of prose (of lines of 25 words or more, 1 % of
#: news paragraphs and 2 % of L3S-GN1 full-text blocks fall below it; 0.30, jusText's figure for its
#: larger stop list, leaves out 3-6 %).
PROSE_STOPWORD_SHARE = 0.25
#: A line opening on one of these is markup or code left by the scrape ("{% set ...", "<div"), not prose.
_MARKUP = frozenset("{<")
#: The most lines after a lead-in (a sentence ending in ``:``) read as its list.
LIST_MAX_LINES = 30
#: Characters that open a bulleted list item when a space follows them.
_BULLETS = frozenset("-*•–—·")
#: The most digits of a numbered list item's number ("12." or "3)").
_ITEM_DIGITS = 3


def story_lines(document: Document, others: Sequence[int]) -> set[int]:
    """Body lines that are the story's own text whatever the chrome model says of them.

    These readings, all only for lines no other article of the batch has (a repeated line
    is left to the model and to TPL003):

    * prose inside the main run: a line of at least ``LONG_LINE_WORDS`` words among the
      article's paragraphs, at least ``PROSE_STOPWORD_SHARE`` of them function words and
      with at most one ``|``, not opening on markup (``{`` or ``<``): an opening paragraph,
      a caption run into the headline, a quoted post, is the page's text; a menu or a row of other stories' headlines as
      long has few function words or many ``|``;
    * a sentence carried over a line break: a line of prose (at least ``TEXT_LINE_WORDS``
      words, the share of function words as above) that ends without closing punctuation
      while the next line opens on a lower-case word and closes the sentence (or carries
      it on in turn): "... is said to have been" / "incensed at having to comply.", and
      that next line: hard-wrapped text, not a menu; and a sentence broken over short
      lines, each after the first opening in lower case, closing on punctuation, of at least
      ``TEXT_LINE_WORDS`` words in all and prose by the same share (:func:`_broken_sentences`);
    * the items of a list a sentence of the story introduces: after a line of at least
      ``TEXT_LINE_WORDS`` words ending in ``:`` ("The plan includes:"), the bulleted or
      numbered lines that follow it (at most ``LIST_MAX_LINES``);
    * the lead-in of a quoted paragraph, a table of pairings and the note under it, an
      embedded post's signature, a photo credit, a source line, a divider between the
      paragraphs (:func:`_lead_ins`, :mod:`owned`).

    When every line is one another article has, none is read: none could be returned (a
    batch of copies, a site's pages sharing every line).
    """
    if all(others):
        return set()
    return {i for i in _own_lines(document) if not others[i]}


def _own_lines(document: Document) -> set[int]:
    """:func:`story_lines` before the lines other articles have are taken out."""
    body = document.body
    index = index_of(body)
    text, lines, spans = body.text, body.lines, index.line_spans()
    counts = [j - i for i, j in spans]
    terminal = [text[end - 1] in _TERMINAL for _, end in lines]
    stopwords, forms = _stopwords(), body.tokens.forms

    def prose(i: int) -> bool:
        stop = sum(map(stopwords.__contains__, forms[spans[i][0] : spans[i][1]]))
        return stop >= PROSE_STOPWORD_SHARE * counts[i]

    first, last = main_run(counts, [float(t) for t in terminal])
    out = {
        i
        for i in range(first, last + 1)
        if counts[i] >= LONG_LINE_WORDS
        and text[lines[i][0]] not in _MARKUP
        and text.count("|", *lines[i]) <= 1
        and prose(i)
    }
    starts = index.starts_view
    # Whether each line opens on a lower-case word, carrying on the sentence of the line before.
    lower = [counts[i] > 0 and _opens_lower(text, lines[i][0], starts[spans[i][0]]) for i in range(len(lines))]
    carried = [
        counts[i] >= TEXT_LINE_WORDS and not terminal[i] and lower[i + 1] and prose(i) for i in range(len(lines) - 1)
    ] + [False]
    for i in range(len(lines) - 1):
        # The sentence must close on the next line, or carry on over the next break too.
        if carried[i] and (terminal[i + 1] or carried[i + 1]):
            out.update((i, i + 1))
    # A line opening on the pronoun "I" carries on a sentence broken off at a comma ("..., [under God,]" / "I pledge").
    carries = [*map(_opens_on_i, [text] * len(lines), lines, counts, lower)]
    out.update(
        _broken_sentences(
            _line_ends(text, lines, spans, starts),
            (lower, carries),
            counts,
            lambda i, j: _prose_share(forms, spans, i, j, stopwords),
            lambda i, j: not owned.PROMPTS.isdisjoint(forms[spans[i][0] : spans[j][1]]),
        )
    )
    out.update(_introduced(text, lines, counts))

    def words(k: int) -> Sequence[str]:
        return forms[spans[k][0] : spans[k][1]]

    out.update(_ranked(text, lines, counts, last, words))
    out.update(_subheadings(text, lines, counts, terminal, words))
    out.update(_headline(document, lines, counts, last))
    out.update(_lead_ins(text, lines, counts, out, (first, last), words))
    out.update(owned.owned_lines(text, lines, counts, (first, last)))
    out.update(
        _lone_sentences(text, lines, counts, out, (first, last), _sentence_line(text, lines, counts, prose, words))
    )
    return out


def _lone_sentences(
    text: str,
    lines: Sequence[Line],
    counts: Sequence[int],
    story: set[int],
    run: tuple[int, int],
    sentence: Callable[..., bool],
) -> set[int]:
    """Sentences of their own on one line (``sentence``) that the story owns.

    One between two lines read as the story's (``story``, :func:`_between`), and one of
    ``TEXT_LINE_WORDS`` words or more ending on a word and ``:`` strictly inside the main
    run ``run`` (:func:`_colon_sentence`): a lead-in to a quote or an embed.
    """
    first, last = run
    found = set(_between(story, sentence, len(lines)))
    found.update(i for i in range(first + 1, last) if _colon_sentence(text, lines[i], counts[i]) and sentence(i, ":"))
    return found


def _colon_sentence(text: str, line: Line, count: int) -> bool:
    """Whether a line ends on a word and ``:`` with ``TEXT_LINE_WORDS`` words or more: a sentence leading into what follows.

    A question with a colon after it ("What do you want to see?:") labels a poll's box.
    """
    end = line[1]
    return count >= TEXT_LINE_WORDS and text[end - 1] == ":" and text[end - 2].isalnum()


#: A line of a sentence of its own has at least this many words.
SENTENCE_LINE_WORDS = 6


def _sentence_line(
    text: str,
    lines: Sequence[Line],
    counts: Sequence[int],
    prose: Callable[[int], bool],
    words: Callable[[int], Sequence[str]],
) -> Callable[..., bool]:
    """A test of whether line ``i`` is a sentence of its own.

    It opens on a capital (after opening quotes at most) and closes on punctuation, has
    ``SENTENCE_LINE_WORDS`` words or more, is prose by its function words (``prose``) and
    has no word of a site's prompt (:data:`owned.PROMPTS`) in ``words(i)``; ``closing`` names
    the marks it may close on (``":"``: a sentence leading into a quote or an embed).
    """

    def sentence(i: int, closing: frozenset[str] | str = _TERMINAL) -> bool:
        start, end = lines[i]
        opening = text[start:end].lstrip("\"'“‘")[:1]
        return (
            counts[i] >= SENTENCE_LINE_WORDS
            and opening.isupper()
            and text[end - 1] in closing
            and prose(i)
            and owned.PROMPTS.isdisjoint(words(i))
            and (text[start] in "\"'“‘" or _READER.isdisjoint(words(i)))
        )

    return sentence


#: Words of a site speaking to its reader ("Have your say ...", "Join the conversation on our page"): a sentence
#: of its own that holds one, unless quoted, is left to the model (review s29q).
_READER = frozenset({"our", "your"})


def _between(story: set[int], sentence: Callable[..., bool], size: int) -> list[int]:
    """The sentences of their own (``sentence``) between two lines read as the story's (``story``).

    Hard-wrapped text with one sentence that fits a line, a short sentence under an embed
    or a credit: the story goes on around it. A line of the site between two of the
    story's is short, or opens in lower case, or holds no full stop, or is a prompt.
    """
    return [i for i in range(1, size - 1) if i - 1 in story and i + 1 in story and i not in story and sentence(i)]


#: A title of fewer words is not looked for in the body ("Home", "News" as a page's title).
TITLE_MIN_WORDS = 4


def _headline(document: Document, lines: Sequence[Line], counts: Sequence[int], last: int) -> list[int]:
    """The story's headline in its body: the first line, at most the main run's last (``last``), with the title's words.

    A scraped body often opens with its headline, under the site's menus, or after the
    caption and credit of its photo run into it (:func:`_captioned`: "Ann Lee waves at the
    crowd. | AP Photo <title>"); a title of at least ``TITLE_MIN_WORDS`` words is matched
    word for word (case and punctuation aside). Below the story, the same words are more
    likely a most-read box listing the story itself; a breadcrumb trail ending on the title
    ("Home | News | <title>") has no caption.
    """
    title = document.title.text
    heading = normal(title, 0, len(title))
    size = heading.count(" ") + 1
    if not heading or size < TITLE_MIN_WORDS:
        return []
    index = index_of(document.body)
    text = document.body.text
    for i in range(min(len(lines), last + 1)):
        if counts[i] < size:
            continue
        words = index.normal(*lines[i])
        if words == heading or (words.endswith(" " + heading) and _captioned(text, lines[i])):
            return [i]
    return []


def _captioned(text: str, line: Line) -> bool:
    """Whether a line holds a caption run into what follows: a sentence closed right before a ``|`` (". | AP Photo")."""
    start, end = line
    bar = text.find("|", start, end)
    while bar > start:
        k = bar - 1
        while k > start and text[k] == " ":  # (back over the spaces since the last bar at most: linear in all)
            k -= 1
        if text[k] in _TERMINAL:
            return True
        bar = text.find("|", bar + 1, end)
    return False


def _prose_share(
    forms: Sequence[str], spans: Sequence[tuple[int, int]], i: int, j: int, stopwords: frozenset[str]
) -> bool:
    """Whether lines ``i`` to ``j`` together have at least ``PROSE_STOPWORD_SHARE`` function words."""
    words = forms[spans[i][0] : spans[j][1]]
    return bool(words) and sum(map(stopwords.__contains__, words)) >= PROSE_STOPWORD_SHARE * len(words)


def _line_ends(
    text: str, lines: Sequence[Line], spans: Sequence[tuple[int, int]], starts: Sequence[int]
) -> list[tuple[str, str]]:
    """Each line's last character and the first letter of its last word ("" for a line without words).

    A comma, semicolon or dash inside a closing bracket counts as the last character: "[under God,]" ends on its comma.
    """
    return [
        (_last_mark(text, start, end), text[starts[j - 1]] if j > i else "")
        for (start, end), (i, j) in zip(lines, spans, strict=True)
    ]


def _last_mark(text: str, start: int, end: int) -> str:
    """The line's last character, or a comma, semicolon or dash right before a closing bracket that ends it."""
    if text[end - 1] in ")]" and end - start > 1 and text[end - 2] in _OPEN_ENDS:
        return text[end - 2]
    return text[end - 1]


#: A line ending on one of these (or on a lower-case letter) breaks off inside a sentence.
_OPEN_ENDS = frozenset(",;–—")
#: A sentence broken over short lines with no word of a site's prompt (:data:`owned.PROMPTS`) has at least
#: this many words ("To donate to the appeal, visit" / "lowmarshfund.org."); with one, ``TEXT_LINE_WORDS``.
SHORT_SENTENCE_WORDS = 6


def _broken_sentences(
    ends: Sequence[tuple[str, str]],
    opens: tuple[Sequence[bool], Sequence[bool]],
    counts: Sequence[int],
    prose: Callable[[int, int], bool],
    prompt: Callable[[int, int], bool],
) -> Iterable[int]:
    """The lines of a sentence broken over short lines: a pledge, a verse, a hard-wrapped quote, a closing call.

    Line ``i`` links to the next when it has words and breaks off inside a sentence and
    the next carries it on. It breaks off when its last character is a comma, a semicolon
    or a dash (``ends[i]`` holds the last character and the last word's first letter), or
    its last word is in lower case, or, for a line of prose on its own (at least
    ``LEAD_IN_WORDS`` words, ``prose(i, i)``), when it ends on a word or a number with no
    punctuation ("I promise to serve the people of Lowmarsh"); the next carries it on when
    it opens on a lower-case word (``opens[0]``), or after a comma, a semicolon or a dash
    on the pronoun "I" (``opens[1]``): "I swear to serve my town," / "whose laws I will
    keep.". A chain of such lines that closes on a line ending in punctuation, at least
    ``PROSE_STOPWORD_SHARE`` of its words function words (``prose(first, last)``), of at
    least ``TEXT_LINE_WORDS`` words in all, or ``SHORT_SENTENCE_WORDS`` when no word of a
    site's prompt is in it (``prompt(first, last)``: "Sign up for our newsletter" / "here."
    is the site's), is one sentence of the story. A menu does not open its items in lower
    case and close them with a full stop; a reader's comment signed above it ("Posted by:
    Ann | Jan 5, 2008 8:43 AM") ends on a name or a time and is no prose.
    """
    lower, carries = opens
    first = 0
    for i, (end, word) in enumerate(ends):
        if counts[i] and i + 1 < len(ends) and _breaks_off(i, end, word, (lower[i + 1], carries[i + 1]), counts, prose):
            continue
        if i > first and end in _TERMINAL and prose(first, i) and _sentence_words(counts, first, i, prompt):
            yield from range(first, i + 1)
        first = i + 1


def _breaks_off(
    i: int, end: str, word: str, opens: tuple[bool, bool], counts: Sequence[int], prose: Callable[[int, int], bool]
) -> bool:
    """Whether line ``i`` breaks off inside a sentence the next line carries on (see :func:`_broken_sentences`)."""
    lower, carries = opens
    if end in _OPEN_ENDS:
        return carries
    if not lower:
        return False
    return word.islower() or (end.isalnum() and counts[i] >= LEAD_IN_WORDS and prose(i, i))


def _sentence_words(counts: Sequence[int], first: int, last: int, prompt: Callable[[int, int], bool]) -> bool:
    """Whether lines ``first`` to ``last`` have words enough for a sentence (see :func:`_broken_sentences`)."""
    total = sum(counts[first : last + 1])
    return total >= TEXT_LINE_WORDS or (total >= SHORT_SENTENCE_WORDS and not prompt(first, last))


def _opens_on_i(text: str, line: Line, count: int, lower: bool = False) -> bool:
    """Whether a line opens on the pronoun "I" (after opening quotes at most), or ``lower`` (it opens in lower case)."""
    start, end = line
    piece = text[start : min(end, start + 4)].lstrip("\"'“‘")
    return lower or (count > 0 and (piece == "I" or piece.startswith(("I ", "I'", "I’"))))


#: What may come before the first word of a line that carries a sentence on: opening quotes.
_OPENING_QUOTES = frozenset("\"'“‘")


def _opens_lower(text: str, start: int, word: int) -> bool:
    """Whether the line starting at ``start`` opens on a lower-case word (``word`` is its first word's start).

    Only opening quotes may come first ('"incensed" at ...'); a line opening on markup or
    code ("{% set ..."), a bullet or a bracket does not carry a sentence on.
    """
    return text[word].islower() and all(c in _OPENING_QUOTES for c in text[start:word])


def _introduced(text: str, lines: Sequence[Line], counts: Sequence[int]) -> Iterable[int]:
    """The list items after each lead-in (a line of ``TEXT_LINE_WORDS`` words or more ending in ``:``)."""
    for i, (_, end) in enumerate(lines):
        if counts[i] >= TEXT_LINE_WORDS and text[end - 1] == ":":
            j = i + 1
            while j < min(len(lines), i + 1 + LIST_MAX_LINES) and _list_item(text, lines[j]):
                yield j
                j += 1


#: A ranked list under a short lead-in has at least this many numbered items.
RANKED_MIN_ITEMS = 3
#: Words of a lead-in that introduce the site's own boxes, not the story's list ("Most read on the site today:").
_CHROME_LEAD_WORDS = frozenset(
    "popular trending recommended related explore navigation menu subscribe newsletter sections site "
    "website read watch".split()
)
#: Section names a site's menu lists ("1. Home", "2. News"), not items of the story's ranking.
_SECTION_WORDS = frozenset(
    "home news sport sports weather business politics entertainment opinion contact about video videos travel "
    "culture lifestyle health tech technology science world local comment newsletters podcasts".split()
)


def _ranked(
    text: str, lines: Sequence[Line], counts: Sequence[int], last: int, words: Callable[[int], Sequence[str]]
) -> Iterable[int]:
    """A ranked list under a short lead-in, the lead-in and the sentence above: "Cities that top the list:" / "1. Lowmarsh".

    The lead-in has ``LEAD_IN_WORDS`` words or more but fewer than ``TEXT_LINE_WORDS``, ends
    in ``:`` and comes right after a sentence (a line of ``TEXT_LINE_WORDS`` words or more
    ending in punctuation); at least ``RANKED_MIN_ITEMS`` numbered lines follow it, the
    last of them before the main run's last line ``last``, so the story goes on under the
    list; that sentence is the story's too (the list can hold the page's opening sentence
    apart from the run of paragraphs below it). A box of the most-read stories under the
    last paragraph ends the page, not a list the story goes on from, and a lead-in or items that read as the site's own box
    (:func:`_site_box`) stay with the model; bullets under a short label do too.
    """
    for i in range(1, len(lines)):
        end = lines[i][1]
        before = lines[i - 1][1]
        if not (LEAD_IN_WORDS <= counts[i] < TEXT_LINE_WORDS and text[end - 1] == ":"):
            continue
        if counts[i - 1] < TEXT_LINE_WORDS or text[before - 1] not in _TERMINAL:
            continue
        j = i + 1
        while j < min(len(lines), i + 1 + LIST_MAX_LINES) and _numbered(text, lines[j]):
            j += 1
        if j - i - 1 >= RANKED_MIN_ITEMS and j - 1 < last and not _site_box(words, i, j):
            yield from range(i - 1, j)  # the sentence above the lead-in too: the story's, as the list is


def _site_box(words: Callable[[int], Sequence[str]], i: int, j: int) -> bool:
    """Whether a lead-in (line ``i``) and its numbered lines (up to ``j``) are the site's own box.

    A lead-in with a word of :data:`_CHROME_LEAD_WORDS` ("Most popular stories this week:"),
    or items most of which are only a section's name ("1. Home", "2. News"); ``words(k)`` gives
    line ``k``'s lower-cased word forms from the body's token stream.
    """
    if any(word in _CHROME_LEAD_WORDS for word in words(i)):
        return True
    sections = 0
    for k in range(i + 1, j):
        named = [word for word in words(k) if word[:1].isalpha()]
        sections += len(named) == 1 and named[0] in _SECTION_WORDS
    return 2 * sections > j - i - 1


#: A listicle has at least this many numbered subheadings in sequence.
SUBHEADING_MIN_ITEMS = 3


def _subheadings(
    text: str,
    lines: Sequence[Line],
    counts: Sequence[int],
    terminal: Sequence[bool],
    words: Callable[[int], Sequence[str]],
) -> Iterable[int]:
    """The numbered subheadings of a listicle: "1. The late ferry keeps running" over a paragraph, "2. ...".

    A numbered line (:func:`_numbered`) of fewer than ``LONG_LINE_WORDS`` words right over
    a line of running text (``TEXT_LINE_WORDS`` words ending in punctuation, or
    ``LONG_LINE_WORDS``); at least ``SUBHEADING_MIN_ITEMS`` of them numbered one after
    another from 1, the story's paragraphs between them: a list story's own headings
    ("Five things we learned"). A run whose first heading sits under a label of the site's
    own box ("Most popular this week", a word of :data:`_CHROME_LEAD_WORDS`) stays with the
    model, as do numbered lines with no paragraph under them.
    """
    heads: list[int] = []
    for i in range(1, len(lines) - 1):
        if counts[i] < LONG_LINE_WORDS and _running(counts, terminal, i + 1) and _numbered(text, lines[i]):
            if heads and _item_number(text, lines[i]) != _item_number(text, lines[heads[-1]]) + 1:
                yield from _listicle(text, lines, heads, lambda k: _running(counts, terminal, k), words)
                heads = []
            heads.append(i)
    yield from _listicle(text, lines, heads, lambda k: _running(counts, terminal, k), words)


def _running(counts: Sequence[int], terminal: Sequence[bool], i: int) -> bool:
    """Whether line ``i`` is running text: ``LONG_LINE_WORDS`` words, or ``TEXT_LINE_WORDS`` ending in punctuation."""
    return counts[i] >= LONG_LINE_WORDS or (counts[i] >= TEXT_LINE_WORDS and terminal[i])


#: How many short lines above a listicle's first subheading are read for the label of a site's box.
LABEL_REACH = 3


def _listicle(
    text: str,
    lines: Sequence[Line],
    heads: list[int],
    running: Callable[[int], bool],
    words: Callable[[int], Sequence[str]],
) -> list[int]:
    """``heads`` if they are a listicle's subheadings (see :func:`_subheadings`), else none.

    Not when one of the (at most ``LABEL_REACH``) short lines between the first heading and
    the running text above it (``running``) reads as a label of the site's box.
    """
    if len(heads) < SUBHEADING_MIN_ITEMS or _item_number(text, lines[heads[0]]) != 1:
        return []
    for k in range(heads[0] - 1, max(-1, heads[0] - 1 - LABEL_REACH), -1):
        if running(k):
            break
        if any(word in _CHROME_LEAD_WORDS for word in words(k)):
            return []
    return heads


def _item_number(text: str, line: Line) -> int:
    """The number a numbered list item opens on ("12. Second round": 12)."""
    start, end = line
    digits = start
    while digits < min(end, start + _ITEM_DIGITS) and text[digits].isdigit():
        digits += 1
    return int(text[start:digits])


def _numbered(text: str, line: Line) -> bool:
    """Whether a line opens as a numbered list item ("3. Quebec City", "12) Second round")."""
    return text[line[0]].isdigit() and _list_item(text, line)


#: A lead-in to a quoted paragraph has at least this many words ("As the Herald reports:").
LEAD_IN_WORDS = 3
#: A lead-in of this many words or more but fewer than ``LEAD_IN_WORDS`` needs no word of a site's box or prompt.
SHORT_LEAD_IN_WORDS = 2


def _lead_ins(
    text: str,
    lines: Sequence[Line],
    counts: Sequence[int],
    story: set[int],
    run: tuple[int, int],
    words: Callable[[int], Sequence[str]],
) -> list[int]:
    """The lead-ins of the story's quoted paragraphs: "As the Herald reports:" above one.

    A line between the paragraphs of the main run ``run`` of ``LEAD_IN_WORDS`` words or
    more but fewer than ``TEXT_LINE_WORDS``, ending in ``:``, right before a line read as
    the story's (``story``); a label over a box of links ("More on this story:") is
    followed by a headline, not by a paragraph of the story. A lead-in of
    ``SHORT_LEAD_IN_WORDS`` words ("From the Herald:", "Original story:") is one only
    when none of its words (``words(i)``, lower-cased) is a word of a site's box
    (:data:`_CHROME_LEAD_WORDS`) or prompt (:data:`owned.PROMPTS`): "Read more:", "Share this:"
    are the site's.
    """
    first, last = run
    return [
        i
        for i in range(first + 1, last)
        if i + 1 in story
        and SHORT_LEAD_IN_WORDS <= counts[i] < TEXT_LINE_WORDS
        and text[lines[i][1] - 1] == ":"
        and (counts[i] >= LEAD_IN_WORDS or _plain_label(words(i)))
    ]


def _plain_label(words: Sequence[str]) -> bool:
    """Whether no word of a short label is a word of a site's box or prompt ("Read more", "Share this", "See also")."""
    return _CHROME_LEAD_WORDS.isdisjoint(words) and owned.PROMPTS.isdisjoint(words) and _BOX_LABEL.isdisjoint(words)


#: Words of the two-word labels of a site's boxes ("See also:", "More stories:", "Top stories:", "Latest news:",
#: "Editor's picks:", "Don't miss:"; review s29q).
_BOX_LABEL = frozenset(
    "see also more top latest news stories headlines picks miss videos photos gallery listen comments".split()
)


def _list_item(text: str, line: Line) -> bool:
    """Whether the line opens as a list item: a bullet and a space, or a number of 1-3 digits and ``.`` or ``)``.

    A tied rank counts as the number: two numbers joined by ``, ``, ``-``, ``–`` or ``/``
    ("4, 5. (tied) Moncton", "4-5. Orwick"; session 25); a figure or a date run into the text
    ("4, 500 people came.") has no ``.`` or ``)`` right after its second number.
    """
    start, end = line
    if text[start] in _BULLETS:
        return end - start > 1 and text[start + 1] == " "
    at = _digits_end(text, start, end)
    if start < at < end and text[at] in _TIE_JOINERS and (text[at] != "," or text.startswith(", ", at)):
        joined = at + 2 if text[at] == "," else at + 1
        tied = _digits_end(text, joined, end)
        at = tied if tied > joined else at
    return start < at < end and text[at] in ".)"


#: Marks that join the two numbers of a tied rank ("4, 5.", "4-5.", "4/5."); a comma only with a space after it.
_TIE_JOINERS = frozenset(",-–/")


def _digits_end(text: str, start: int, end: int) -> int:
    """Where a run of 1 to ``_ITEM_DIGITS`` digits from ``start`` ends, or ``start`` when there is none (or more)."""
    at = start
    while at - start <= _ITEM_DIGITS and at < end and text[at].isdigit():
        at += 1
    return at if at - start <= _ITEM_DIGITS else start

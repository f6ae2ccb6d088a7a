"""Figure extraction for the figures scorer: money, percentages, large counts, rates.

A figure is a statistic a reader could repeat: an amount of money ("$281 billion",
"£600m", "half a trillion dollars"), a percentage, a large count ("10,000 troops",
"three million people"), a rate ("one in five") or a multiple ("tripled"). Years,
dates, times, ordinals, phone numbers, page or section numbers and numbers that are
part of a name ("the 28-point plan", "G7", "F-35") are not figures.

Everything here scans tokens found by two linear regular expressions (one character
class under a single star each), so adversarial input cannot make it slow.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import compress, count, islice
from typing import Any, NamedTuple

from copydesk import Sentence, TextView, measures
from copydesk.plugins.figures.units import (
    MAGNITUDE_HEADS,
    MAGNITUDE_SCALES,
    WORD,
    is_distance,
    is_furniture,
    is_model_number,
    is_weight,
    is_zip_code,
    magnitude,
    previous_word,
)

#: A run of digits with inner separators; classified afterwards, never backtracked.
NUMBER = re.compile(r"\d[\d.,:/\-]*")
#: :data:`NUMBER` for an ASCII text, where ``\d`` is ``[0-9]``: the same matches, found about a third faster
#: (a character set is one table look-up per character, the digit category a Unicode test).
ASCII_NUMBER = re.compile(r"[0-9][0-9.,:/\-]*")
GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
MAX_DIGITS = 18

CURRENCY_SIGNS = {"$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY", "₹": "INR", "₽": "RUB"}
CURRENCY_WORDS = {
    **dict.fromkeys(("dollar", "dollars"), "USD"),
    **dict.fromkeys(("euro", "euros"), "EUR"),
    **dict.fromkeys(("pound", "pounds"), "GBP"),
    **{"yuan": "CNY", "yen": "JPY", "rubles": "RUB", "roubles": "RUB", "rupees": "INR"},
}
SCALES = {
    **dict.fromkeys(("thousand", "k"), 1e3),
    **dict.fromkeys(("million", "millions", "m", "mn", "mln"), 1e6),
    **dict.fromkeys(("billion", "billions", "bn", "b"), 1e9),
    **dict.fromkeys(("trillion", "tn"), 1e12),
}
SUFFIX_SCALES = {"k": 1e3, "m": 1e6, "mn": 1e6, "bn": 1e9, "b": 1e9, "tn": 1e12, "million": 1e6, "billion": 1e9}
#: Percent phrases as word tuples, longest first.
PERCENT_WORDS = (("percentage", "points"), ("percentage", "point"), ("per", "cent"), ("percent",), ("pct",))
_ONES = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen"
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety"
#: Number words and their values ("a"/"an" count as one in "a million").
UNITS: dict[str, float] = {
    **{w: float(n) for n, w in enumerate((_ONES + " seventeen eighteen nineteen").split())},
    **{w: float(10 * n) for n, w in enumerate(_TENS.split(), start=2)},
    **{"hundred": 100.0, "half": 0.5, "quarter": 0.25, "a": 1.0, "an": 1.0, "dozen": 12.0},
}
MULTIPLES = {"doubled": 2, "tripled": 3, "trebled": 3, "quadrupled": 4, "halved": 0.5, "twofold": 2, "threefold": 3}
#: Words that can start a figure spelled in words.
STARTERS = (frozenset(UNITS) - {"a", "an"}) | frozenset(MULTIPLES)
#: Nouns that make a number a label, not a statistic, when joined to it ("28-point plan").
NAME_SUFFIXES = frozenset("point year day month week hour minute page mile inch foot man member".split())
NOT_FIGURE_BEFORE = frozenset(
    "page pages p pp section sections article chapter title rule no number route highway flight room "
    "item line verse paragraph clause amendment resolution bill phone tel fax ext".split()
)


class Figure(NamedTuple):
    """One figure: ``text[start:end]``, its kind, normalised value and unit."""

    start: int
    end: int
    kind: str
    value: float
    unit: str


def _word_value(word: str) -> float | None:
    """The value of a number word ("three", "seventy-four"), or None."""
    parts = word.lower().split("-")
    if not all(p in UNITS for p in parts) or len(parts) > 2:
        return None
    return float(sum(UNITS[p] for p in parts))


def _next_words(text: str, pos: int, limit: int, count: int) -> list[re.Match[str]]:
    """Up to ``count`` words starting at ``pos``, skipping only spaces between them."""
    found: list[re.Match[str]] = []
    while len(found) < count:
        while pos < limit and text[pos] in " \u00a0":
            pos += 1
        match = WORD.match(text, pos, limit)
        if match is None:
            break
        found.append(match)
        pos = match.end()
    return found


def _currency_before(text: str, pos: int, floor: int) -> tuple[str, int]:
    """A currency sign right before ``pos`` ("$", "US$", "£ ") and where it starts."""
    at = pos - 1 if pos > floor and text[pos - 1] == " " else pos
    if at > floor and text[at - 1] in CURRENCY_SIGNS:
        start = at - 1
        while start > floor and text[start - 1].isalpha() and at - start < 3 and text[start - 1].isupper():
            start -= 1
        return CURRENCY_SIGNS[text[at - 1]], start
    return "", pos


#: The words a unit after a number can open with: a scale, a percent phrase, a rate, a currency.
_UNIT_OPENERS = frozenset(SCALES) | {phrase[0] for phrase in PERCENT_WORDS} | {"in", "out"} | frozenset(CURRENCY_WORDS)


def _unit_after(text: str, pos: int, limit: int) -> tuple[str, float, str, int]:
    """What follows a number: ``(kind, scale, unit, end)``; kind "" if nothing known."""
    if pos < limit and text[pos] == "%":
        return "percent", 1.0, "%", pos + 1
    words = _next_words(text, pos, limit, 1)
    if not words or words[0].group().lower() not in _UNIT_OPENERS:
        return "", 1.0, "", pos  # what the reading below gives when the first word opens no unit
    words += _next_words(text, words[0].end(), limit, 2)
    lowered = [w.group().lower() for w in words]
    scale, end, index = 1.0, pos, 0
    if lowered and lowered[0] in SCALES and (len(lowered[0]) > 2 or words[0].start() == pos):
        scale, end, index = SCALES[lowered[0]], words[0].end(), 1
    rest = tuple(lowered[index:])
    for phrase in PERCENT_WORDS:
        if rest[: len(phrase)] == phrase and scale == 1.0:
            return "percent", 1.0, "%", words[index + len(phrase) - 1].end()
    if scale == 1.0 and lowered[:1] in (["in"], ["out"]):
        rate = _rate_end(text, words, 0)
        if rate is not None:
            return "rate", 1.0 / rate[0], "ratio", rate[1]
    if len(lowered) > index and lowered[index] in CURRENCY_WORDS:
        return "money", scale, CURRENCY_WORDS[lowered[index]], words[index].end()
    return ("count" if scale > 1 else ""), scale, "", end


def _plain_value(token: str) -> float | None:
    """The value of a digit token with valid grouping ("10,000", "3.2"), else None."""
    if GROUPED.fullmatch(token) is None or len(token) - token.count(",") - token.count(".") > MAX_DIGITS:
        return None  # the second test counts the digits: a grouped number holds only them, commas and a point
    return float(token.replace(",", ""))


def _is_label(text: str, start: int, end: int, limit: int, floor: int) -> bool:
    """True for numbers that are part of a name, reference or code, not a statistic."""
    before = text[start - 1] if start > floor else " "
    if before.isalpha() or before in "#_/" or (before == "." and start - 1 > floor):
        return True
    if before == "-" and start - 1 > floor and text[start - 2].isalnum():
        return True
    after = text[end] if end < limit else " "
    if after.isalpha() and _suffix_scale(text, end, limit) is None and after != "%":
        return True
    if after == "-":
        words = _next_words(text, end + 1, limit, 1)
        if not words:
            return end + 1 < limit and text[end + 1] not in CURRENCY_SIGNS
        label = words[0].group().lower().rstrip("s")
        return label in NAME_SUFFIXES or (label not in SCALES and label not in ("percent", "per"))
    return previous_word(text, start, floor) in NOT_FIGURE_BEFORE


def _suffix_scale(text: str, end: int, limit: int) -> float | None:
    """The scale of a suffix glued to a number ("600m", "1.2bn"), or None."""
    stop = end
    while stop < limit and text[stop].isalpha() and stop - end < 8:
        stop += 1
    if stop < limit and text[stop].isalpha():
        return None
    return SUFFIX_SCALES.get(text[end:stop].lower())


def digit_figure(text: str, match: re.Match[str], floor: int, limit: int, threshold: float) -> Figure | None:
    """Classify one digit token as a figure, or None when it is not one."""
    start, token = match.start(), match.group().rstrip(".,:/-")
    end = start + len(token)
    currency, first = _currency_before(text, start, floor)
    if not token or _not_statistic(text, (start, end), (floor, limit), currency):
        return None
    low, _, high = token.partition("-")
    value = _plain_value(high if high else token)
    if value is None or (high and _plain_value(low) is None):
        return None
    read = _unit_in_context(text, (start, end), (floor, limit), currency, value)
    if read is None:
        return None
    kind, scale, unit, stop = read
    if currency:
        return Figure(first, stop, "money", value * scale, currency)
    if kind and not (kind == "rate" and value * scale >= 1):
        return Figure(start, stop, kind, value * scale, unit)
    is_year = "," not in token and "." not in token and 1000 <= value <= 2100
    if value >= threshold and not is_year and not high and not is_model_number(text, start, end, floor):
        if is_zip_code(text, start, end):
            return None
        return Figure(start, end, "count", value, "")
    return None


#: How far back the parameters of a terminal control sequence are read: "\x1b[38;5;196m" has 8 characters of them.
CSI_PARAMETERS = 16
_PARAMETER_CHARS = frozenset("0123456789;")


def in_control_sequence(text: str, start: int) -> bool:
    r"""Whether the digit run at ``start`` is a parameter of a terminal control sequence, not a number of the text.

    It is when the run follows ``ESC [`` (``"\x1b[0m"``), directly or after other
    parameters and ``;`` (``"\x1b[1;31m"``). At most :data:`CSI_PARAMETERS` characters
    are read back, so a text of nothing but digits and ``;`` stays linear.
    """
    if text[start - 1 : start] not in ("[", ";"):
        return False
    at, stop = start, max(start - CSI_PARAMETERS, 0)
    while at > stop and text[at - 1] in _PARAMETER_CHARS:
        at -= 1
    return at >= 2 and text[at - 2 : at] == "\x1b["


#: How far back the opening "<" of a markup tag is looked for from an attribute's value.
TAG_REACH = 200


def in_markup_attribute(text: str, start: int) -> bool:
    """Whether the digit run at ``start`` is an attribute value of a markup tag left in the text.

    ``<tweet id="672138506081275904">`` (an identifier, not 672 quadrillion): the run
    follows ``=`` (and a quote mark) inside a tag, a ``<`` with no ``>`` after it at most
    :data:`TAG_REACH` characters back, so the look-back stays linear. A figure after
    "=" in prose ("x = 5,000") has no open tag before it and stays a figure.
    """
    at = start - 1 if text[start - 1 : start] in ('"', "'") else start
    if text[at - 1 : at] != "=" or at < 2:
        return False
    floor = max(0, at - TAG_REACH)
    return text.rfind("<", floor, at) > text.rfind(">", floor, at)


def _not_statistic(text: str, number: tuple[int, int], bounds: tuple[int, int], currency: str) -> bool:
    """A label ("G7", "28-point"), a leading-zero run, page furniture (a stripped date, a share counter), or a control sequence's parameter or a markup tag's."""
    (start, end), (floor, limit) = number, bounds
    if in_control_sequence(text, start):
        return True  # "0" of "\x1b[0m" (its "m" would read it as 0 million)
    if in_markup_attribute(text, start):
        return True  # '<tweet id="672138506081275904">': an identifier
    if text[start] == "0" and text[start + 1 : start + 2].isdigit():
        return True  # "000" of a number grouped by spaces ("30 000"), or a code
    if _is_label(text, start, end, limit, floor) and not (currency and text[end : end + 1] == "-"):
        return True
    return not currency and is_furniture(text, start, end, floor, limit)


def _unit_in_context(
    text: str, number: tuple[int, int], bounds: tuple[int, int], currency: str, value: float
) -> tuple[str, float, str, int] | None:
    """The unit after a number as its context reads it; None for a race distance ("800m gold").

    "pounds" after "lost" or before "of" + a thing is a weight, not money.
    """
    (start, end), (floor, limit) = number, bounds
    kind, scale, unit, stop = _unit(text, end, limit, currency)
    if not currency and scale == 1e6 and text[end : end + 1] in "mM":
        if is_distance(text, (start, stop), value, floor, limit):
            return None
    if kind == "money" and not currency and unit == "GBP" and is_weight(text, start, stop, floor, limit):
        return "", 1.0, "", end
    return kind, scale, unit, stop


def _unit(text: str, end: int, limit: int, currency: str) -> tuple[str, float, str, int]:
    """The unit after a number: a glued scale ("600m"), or the words after it (a hyphen allowed)."""
    glued = _suffix_scale(text, end, limit)
    if glued is not None:
        stop = end
        while stop < limit and text[stop].isalpha():
            stop += 1
        if not currency:
            words = _next_words(text, stop, limit, 1)
            named = words[0].group().lower() if words else ""
            if named in CURRENCY_WORDS:
                return "money", glued, CURRENCY_WORDS[named], words[0].end()
        return ("money" if currency else "count"), glued, currency, stop
    hyphen = text[end : end + 1] == "-" and end + 1 < limit and text[end + 1].isalpha()
    kind, scale, unit, stop = _unit_after(text, end + 1 if hyphen else end, limit)
    return kind, scale, unit, stop if kind else end


#: The gap allowed between the words of a figure spelled in words: spaces only, so a
#: number never reads across punctuation or digits ("the first quarter, 3 million").
_SPACES = re.compile(r"[ \u00a0]*+")
#: A word right before "half"/"quarter" that makes it a fraction of the scale after it
#: ("a quarter million"); searched in the five characters before it.
_FRACTION_BEFORE = re.compile(r"(?<![^\W\d_])(?:[aA]n?|[oO]ne)[ \u00a0]\Z")


def _spaced(text: str, left: re.Match[str], right: re.Match[str]) -> bool:
    """Whether only spaces lie between two words (read up to the first other character)."""
    return _SPACES.match(text, left.end(), right.start()).end() == right.start()  # type: ignore[union-attr]


def _word_run(text: str, words: list[re.Match[str]], index: int) -> tuple[float, int]:
    """The value of number words from ``index`` ("half a", "two hundred"), and the next index.

    The words must be separated by spaces only; "of" after "half"/"quarter" is read
    through ("a quarter of a million").
    """
    value, total, i = 0.0, 0.0, index
    while i < len(words) and i - index < 6:
        lowered = words[i].group().lower()
        if i > index and not _spaced(text, words[i - 1], words[i]):
            break
        if lowered == "of" and i > index and words[i - 1].group().lower() in ("half", "quarter"):
            i += 1
            continue
        part = _word_value(lowered)
        if part is None or (lowered in ("a", "an") and i == index):
            break
        if lowered == "hundred":
            value = (value or 1) * 100
        elif lowered in ("half", "quarter"):
            total, value = total + part * (value or 1), 0.0
        elif lowered not in ("a", "an"):
            value += part
        i += 1
    return (value + total if i > index else 0.0), i


def _loose_fraction(text: str, words: list[re.Match[str]], index: int) -> bool:
    """Whether a run opening with "half"/"quarter" at ``words[index]`` is no fraction of a number.

    It is one after "a"/"an"/"one" ("a quarter million", "one half") or before
    "a"/"an"/"of" ("half a million", "quarter of a million"); otherwise it is a period
    or a share ("the first quarter million" is not read).
    """
    if words[index].group().lower() not in ("half", "quarter"):
        return False
    after = words[index + 1].group().lower() if index + 1 < len(words) else ""
    if after in ("a", "an", "of") and _spaced(text, words[index], words[index + 1]):
        return False
    start = words[index].start()
    return _FRACTION_BEFORE.search(text, max(0, start - 5), start) is None


def _rate_end(text: str, words: list[re.Match[str]], index: int) -> tuple[float, int] | None:
    """After "in"/"out of" at ``words[index]``: the denominator ("five", "10") and its end."""
    pos = words[index].end()
    if words[index].group().lower() == "out":
        if index + 1 >= len(words) or words[index + 1].group().lower() != "of":
            return None
        pos = words[index + 1].end()
    while pos < len(text) and text[pos] == " ":
        pos += 1
    number = NUMBER.match(text, pos)
    if number is not None:
        of = _plain_value(number.group().rstrip(".,:/-"))
        return (of, pos + len(number.group().rstrip(".,:/-"))) if of and 1 < of <= 1000 else None
    word = WORD.match(text, pos)
    of = _word_value(word.group()) if word is not None else None
    return (of, word.end()) if word is not None and of and of > 1 else None


def _doubled_down(text: str, words: list[re.Match[str]], index: int) -> bool:
    """Whether a multiple is the idiom "doubled down" (held firm): "down" right after it, no comma between."""
    if index + 1 >= len(words) or words[index + 1].group().lower() != "down":
        return False
    return text[words[index].end() : words[index + 1].start()].isspace()


def _word_figure(text: str, words: list[re.Match[str]], index: int, threshold: float) -> tuple[Figure | None, int]:
    """A figure spelled in words starting at ``words[index]``, and the index after it."""
    lowered = words[index].group().lower()
    if lowered in MULTIPLES:
        if _doubled_down(text, words, index):
            return None, index + 1
        return Figure(words[index].start(), words[index].end(), "multiple", MULTIPLES[lowered], "x"), index + 1
    value, i = _word_run(text, words, index)
    if i == index or i >= len(words):
        return None, index + 1
    if not _spaced(text, words[i - 1], words[i]) or _loose_fraction(text, words, index):
        return None, i
    start, head = words[index].start(), words[i].group().lower()
    if head in ("in", "out") and value >= 1:
        rate = _rate_end(text, words, i)
        if rate is not None:
            return Figure(start, rate[1], "rate", value / rate[0], "ratio"), i + 1
    if head == "percent" or (head == "per" and i + 1 < len(words) and words[i + 1].group().lower() == "cent"):
        stop = words[i + 1 if head == "per" else i].end()
        return Figure(start, stop, "percent", value, "%"), i + 1
    if head in SCALES and len(head) > 2:
        scale = SCALES[head]
        after = words[i + 1].group().lower() if i + 1 < len(words) else ""
        if after in CURRENCY_WORDS:
            return Figure(start, words[i + 1].end(), "money", value * scale, CURRENCY_WORDS[after]), i + 2
        if value * scale >= threshold:
            return Figure(start, words[i].end(), "count", value * scale, ""), i + 1
    return None, i


#: Words a magnitude starts with ("tens of millions", "millions").
MAGNITUDE_WORDS = frozenset(MAGNITUDE_HEADS) | frozenset(MAGNITUDE_SCALES)
#: Any word that may start a figure spelled in words, case-insensitive and not preceded
#: by a letter: a cheap test that lets a sentence without one skip the word-by-word reading.
MAY_START = re.compile(
    r"(?<![^\W\d_])(?:" + "|".join(sorted(STARTERS | MAGNITUDE_WORDS, key=len, reverse=True)) + r")(?![^\W\d_])",
    re.IGNORECASE,
)


def word_figures(text: str, start: int, end: int, threshold: float, lower: str | None = None) -> list[Figure]:
    """Figures spelled in words in ``text[start:end]`` ("three million", "one in five"): the plain reading.

    Only words that can start one are read in full: a magnitude word or a starter (or
    a starter before a hyphen, "seventy-four"); a sentence with none is skipped whole.
    :func:`sentence_figures` reads the same figures from the words that can start one
    (:func:`_worded`). ``lower``, when given, is the token stream's lower-cased text (``view.tokens.lower``):
    the words are then read from it, already lower-cased. It has a letter exactly where
    ``text`` has one, so the words have the same spans, and the same ASCII letters as each
    word lower-cased (it differs only in letters outside ASCII, which no word list holds).
    """
    if MAY_START.search(text[start:end]) is None:
        return []
    if lower is None:
        words = list(WORD.finditer(text, start, end))
        lowered = [w.group().lower() for w in words]
    else:
        words = list(WORD.finditer(lower, start, end))
        lowered = list(map(re.Match.group, words))
    found: list[Figure] = []
    index = 0
    starts = list(compress(count(), map(_WHOLE_STARTS.__contains__, lowered)))
    if text.find("-", start, end) >= 0:  # a hyphenated word may start one too ("seventy-four"), never a whole start
        hyphenated = [i for i, word in enumerate(lowered) if "-" in word and _may_start(word)]
        starts = sorted(starts + hyphenated) if hyphenated else starts
    for candidate in starts:
        if candidate < index:
            continue
        index = candidate
        word = lowered[index]
        vague = magnitude(lowered, index)
        if vague is not None:
            found.append(Figure(words[index].start(), words[vague.last].end(), "magnitude", vague.value, vague.unit))
            index = vague.last + 1
            continue
        if word.partition("-")[0] not in STARTERS:
            index += 1
            continue
        figure, index = _word_figure(text, words, index, threshold)
        if figure is not None:
            found.append(figure)
    return found


def _may_start(word: str) -> bool:
    """Whether a lower-cased word can start a figure spelled in words (or a magnitude)."""
    return word in MAGNITUDE_WORDS or word.partition("-")[0] in STARTERS


#: The words that can start a figure spelled in words, whole (no hyphen).
_WHOLE_STARTS = STARTERS | MAGNITUDE_WORDS


def starting_words(view: TextView, runs: Iterable[tuple[int, int]]) -> list[int]:
    """The indices of ``view``'s stream words that may hold a word that can start a figure spelled in words, in order.

    ``runs`` are the spans of the text's digit runs (:data:`NUMBER`'s matches). Read from
    the shared token stream, and never missing such a word (:func:`_worded` then reads
    the words of :data:`WORD` inside each). A word of :data:`WORD` (letters, and joiners
    between them) lies inside one of the stream's words (letters and digits, and joiners
    between them), and is that word whole when the word holds no digit; it can start a
    figure when it is one of :data:`_WHOLE_STARTS` (it is then the word's form: a word
    whose lower-cased text is ASCII letters lower-cases to it) or holds a hyphen. So the
    words read are those whose form is one of :data:`_WHOLE_STARTS` (one pass over the
    forms), and the words a digit run or a hyphen lies in (every digit lies in a run)
    whose form, split as :func:`word_figures` splits the text, has a part that can start
    a figure (lower-casing maps every character but "İ" to one character of the same
    kind, so the form splits as the word does; a form holding "İ" lower-cased is taken
    as a possible start). Those words are found by index from the runs and hyphens, only
    when one of their forms may start a figure; the forms are not read again for them:
    every word with such a form holds its digit or hyphen, so it is one of them.
    """
    stream = view.tokens
    forms, starts, ends = stream.forms, stream.starts, stream.ends
    found = list(compress(count(), map(_WHOLE_STARTS.__contains__, forms)))
    spans: list[tuple[int, int]] = []  # the words a digit run or a hyphen lies in, as index ranges
    joined: set[str] = set()  # their forms
    for start, end in runs:
        span = (max(0, bisect.bisect_right(starts, start) - 1), bisect.bisect_left(starts, end))
        spans.append(span)
        joined.update(forms[span[0] : span[1]])
    lower = stream.lower
    at = lower.find("-")
    while at >= 0:
        word = bisect.bisect_right(starts, at) - 1
        if word >= 0 and at < ends[word]:
            spans.append((word, word + 1))
            joined.add(forms[word])
            at = ends[word]
        at = lower.find("-", at + 1)
    hits = {form for form in joined if _joined_may_start(form)}
    if not hits:  # the usual case: no such word at all
        return found
    more = {i for first, last in spans for i in range(first, last) if forms[i] in hits}
    return sorted(more.union(found))


@lru_cache(maxsize=4096)
def _joined_may_start(form: str) -> bool:
    """Whether a lower-cased word of the token stream a digit run or hyphen lies in may hold a :data:`WORD` that can start a figure.

    A form of :data:`_WHOLE_STARTS` holds neither, so is never asked.
    """
    return not form.isdecimal() and ("\u0307" in form or any(_may_start(w.group()) for w in WORD.finditer(form)))


def _without_overlaps(found: list[Figure]) -> list[Figure]:
    """``found`` in reading order, a figure overlapping an earlier (or longer, same start) one dropped."""
    found.sort(key=lambda f: (f.start, -f.end))
    kept: list[Figure] = []
    for figure in found:
        if kept and figure.start < kept[-1].end:
            continue
        kept.append(figure)
    return kept


#: A money figure's conversion into another currency, in brackets right after it: "$19.1m (£9.9m)".
_CONVERSION = re.compile(r"[ \u00a0]?\([ \u00a0]?")
#: The words between the two ends of a range "between 150,000 and 300,000".
_RANGE_AND = re.compile(r"[ \u00a0]and[ \u00a0]")


def _is_conversion(text: str, before: Figure, figure: Figure) -> bool:
    """Whether ``figure`` is ``before`` converted into another currency, in brackets right after it."""
    if not (figure.kind == before.kind == "money" and figure.unit != before.unit):
        return False
    bracket = _CONVERSION.match(text, before.end, figure.start)
    return bracket is not None and bracket.end() == figure.start and text[figure.end : figure.end + 1] == ")"


def _is_range(text: str, before: Figure, figure: Figure) -> bool:
    """Whether ``before`` and ``figure`` are the two ends of a range "between X and Y" of one kind."""
    if figure.kind != before.kind or figure.unit != before.unit or before.kind in ("multiple", "magnitude"):
        return False
    joint = _RANGE_AND.match(text, before.end, figure.start)
    return joint is not None and joint.end() == figure.start and previous_word(text, before.start, 0) == "between"


#: Characters a sentence may open with before its first word.
_OPENERS = " \u00a0\"'“‘([*_"
#: Right after a title in quotes or italics: optional punctuation, then the closing mark.
_TITLE_CLOSE = re.compile(r"[,.!?]?[\"'”’*_]")


def _is_title(text: str, figure: Figure, floor: int) -> bool:
    """Whether a magnitude word alone is a capitalised title ("'Billions,' on Showtime", "the show Billions").

    A capitalised "Millions"/"Billions" is a title when it is not its sentence's first
    word, or when a closing quote (or italics mark) follows it.
    """
    if figure.kind != "magnitude" or not text[figure.start].isupper() or not text[figure.start : figure.end].isalpha():
        return False
    first = figure.start - floor <= 4 and not text[floor : figure.start].strip(_OPENERS)  # read a bounded stretch
    return not first or _TITLE_CLOSE.match(text, figure.end) is not None


def _joined(text: str, kept: list[Figure], floor: int) -> list[Figure]:
    """``kept`` (in order, no overlaps) without conversions and titles, and a range "between X and Y" made one figure.

    The conversion is the same amount (``$19.1m (£9.9m)``); a range is valued at its
    upper end, as ``72-75 percent`` is; a title is a capitalised magnitude word used
    as a name (:func:`_is_title`).
    """
    joined: list[Figure] = []
    for figure in kept:
        if (joined and _is_conversion(text, joined[-1], figure)) or _is_title(text, figure, floor):
            continue
        if joined and _is_range(text, joined[-1], figure):
            joined[-1] = joined[-1]._replace(end=figure.end, value=figure.value)
            continue
        joined.append(figure)
    return joined


def extract(text: str, start: int, end: int, threshold: float = 1000.0) -> list[Figure]:
    """Every figure in ``text[start:end]``, in order, without overlaps."""
    found = [
        f for m in NUMBER.finditer(text, start, end) if (f := digit_figure(text, m, start, end, threshold)) is not None
    ]
    found.extend(word_figures(text, start, end, threshold))
    return _joined(text, _without_overlaps(found), start)


def sentence_figures(
    view: TextView, threshold: float = 1000.0, runs: list[tuple[int, int]] | None = None
) -> Iterator[tuple[int, list[Figure]]]:
    """``(index, figures)`` for each of ``view``'s sentences with a figure, in order: :func:`extract` of each.

    The digit runs are found from the text's digits (:func:`digit_runs`) and each read in its sentence
    (a run holds no white space, so none crosses a sentence's edge, and every one lies
    in a sentence: only white space lies between them); figures spelled in words are
    read only at the words :func:`starting_words` names (:func:`_worded`). A sentence
    with neither holds no figure, and is never read. The span of every digit run is
    appended to ``runs`` when given (the features' figures start at them too).
    """
    text, sentences = view.text, view.sentences
    found: dict[int, list[Figure]] = {}
    runs = [] if runs is None else runs
    for match in digit_runs(text):
        at = match.start()
        runs.append(match.span())
        index = view.sentence_index(at)
        if index is not None and at < (sentence := sentences[index]).end:
            if _plainly_none(text, match, sentence.start, sentence.end, threshold):
                continue
            figure = digit_figure(text, match, sentence.start, sentence.end, threshold)
            if figure is not None:
                found.setdefault(index, []).append(figure)
    for index, figures in _worded(view, threshold, runs):
        found.setdefault(index, []).extend(figures)
    for index in sorted(found):
        # a candidate that read as none after all (a title such as 'Billions') leaves no figure
        if figures := _joined(text, _without_overlaps(found[index]), sentences[index].start):
            yield index, figures


def digit_runs(text: str) -> Iterable[re.Match[str]]:
    r""":data:`NUMBER`'s matches in ``text``, in order, found from its digits rather than by the pattern's scan.

    Where every decimal digit of ``text`` is ASCII (:func:`_ascii_digits_only`), each digit
    is found with ``str.find`` (:func:`copydesk.measures.digit_offsets`) and
    :data:`ASCII_NUMBER` is matched at each one past the last match's end: a match opens with a
    digit and is the same wherever the search began, so these are ``finditer``'s matches,
    without the pattern tried at every character (about three times faster on news text).
    With no digit outside ASCII, ``\d`` reads only ``[0-9]`` there, so they are also
    :data:`NUMBER`'s. A text with more than :data:`_FEW_DIGITS` digits, or a digit outside
    ASCII, is scanned by the pattern.
    """
    if _ascii_digits_only(text):
        found = measures.digit_offsets(text, _FEW_DIGITS)
        if found is not None:
            runs: list[re.Match[str]] = []
            match, resume = ASCII_NUMBER.match, 0
            for at in found:
                if at >= resume and (run := match(text, at)) is not None:
                    runs.append(run)
                    resume = run.end()
            return runs
        return ASCII_NUMBER.finditer(text)
    return NUMBER.finditer(text)


#: Texts with more digits than this have their runs found with the pattern (no list of every digit).
_FEW_DIGITS = 4096
#: Every ASCII character, as bytes (deleted by :func:`_ascii_digits_only`).
_ASCII = bytes(range(128))


def _ascii_digits_only(text: str) -> bool:
    r"""Whether every decimal digit of ``text`` (a character ``\d`` matches) is an ASCII one.

    The characters outside ASCII are what is left of the UTF-8 text when its ASCII bytes are
    deleted (one pass of a byte table, not a pattern tried at every character); a lone
    surrogate passes through as itself and is no digit.
    """
    if text.isascii():
        return True
    rest = text.encode("utf-8", "surrogatepass").translate(None, _ASCII).decode("utf-8", "surrogatepass")
    return not any(map(str.isdecimal, rest))


def _plainly_none(text: str, match: re.Match[str], floor: int, limit: int, threshold: float) -> bool:
    """Whether :func:`digit_figure` gives None for a digit run, as the characters right around it show.

    True for a run of digits alone (no separator inside) that is no count (below
    ``threshold``, a year, or more than :data:`MAX_DIGITS` digits), with no currency sign
    before it and nothing after it that can give it a unit: no letter, "%" or hyphen
    right after it, and no word that can open a unit (:data:`_UNIT_OPENERS`) after spaces.
    Most digit runs of news text are such (days, small numbers, years); the others are
    read in full.
    """
    token = match.group().rstrip(".,:/-")
    if not token.isdigit():
        return False
    if len(token) > MAX_DIGITS:
        return True
    value = float(token)
    if value >= threshold and not 1000 <= value <= 2100:
        return False
    start = match.start()
    if _currency_before(text, start, floor)[0]:
        return False
    end = start + len(token)
    after = text[end] if end < limit else ""
    if after.isalpha() or after in ("%", "-"):
        return False
    if after in (" ", "\u00a0"):
        word = _SPACES_THEN_WORD.match(text, end, limit)  # _next_words(text, end, limit, 1) in one call
        return word is None or word.group(1).lower() not in _UNIT_OPENERS
    return True


#: The spaces :func:`_next_words` skips, then the word it reads (group 1).
_SPACES_THEN_WORD = re.compile(rf"[ \u00a0]*+({WORD.pattern})")


#: Words of a sentence read from a word that may start a figure spelled in words: more than
#: :func:`_word_figure` and :func:`~copydesk.plugins.figures.units.magnitude` look at (the
#: word, five more of its number, the word after them and two more), so they read the same
#: as in the whole sentence's words.
READ_AHEAD = 10


def _worded(view: TextView, threshold: float, runs: Iterable[tuple[int, int]]) -> Iterator[tuple[int, list[Figure]]]:
    """``(index, figures)`` for each sentence with figures spelled in words: :func:`word_figures` of each.

    The words of :data:`WORD` inside the words :func:`starting_words` names are the
    candidates :func:`word_figures` tries (the same test); each is read from the
    :data:`READ_AHEAD` words that follow it in its sentence (and, for a magnitude, the
    two before it), and a candidate inside a figure already read is skipped, as
    :func:`word_figures` skips it.
    """
    text, sentences, lower = view.text, view.sentences, view.tokens.lower
    starts, ends = view.tokens.starts, view.tokens.ends
    current, resume = -1, 0
    found: list[Figure] = []
    for token in starting_words(view, runs):
        index = view.sentence_index(starts[token])
        if index is None or starts[token] >= sentences[index].end:
            continue
        if index != current:
            if found:
                yield current, found
            current, resume, found = index, 0, []
            behind: list[Any] = [sentences[index].start]  # read up to here, then the last two words before it
        for word in WORD.finditer(lower, max(starts[token], resume), ends[token]):
            form = word.group()
            if word.start() < resume or not (form in _WHOLE_STARTS or ("-" in form and _may_start(form))):
                continue
            resume = _read_from(text, lower, word, sentences[index], threshold, found, behind)
    if found:
        yield current, found


def _read_from(
    text: str,
    lower: str,
    word: re.Match[str],
    sentence: Sentence,
    threshold: float,
    found: list[Figure],
    behind: list[Any],
) -> int:
    """Read a figure spelled in words from the candidate ``word`` of ``sentence`` into ``found``; where the next may start.

    What :func:`word_figures` does at the candidate: a magnitude, or a figure read by
    :func:`_word_figure`, which reads nothing past the word after the candidate when that
    word can neither continue its number nor be its unit (:func:`_may_follow`): then the
    next candidate may start at that word.
    """
    end = sentence.end
    form = word.group()
    if form in MAGNITUDE_HEADS or form in MAGNITUDE_SCALES:
        return _magnitude_from(lower, word, sentence, found, behind)
    if form.partition("-")[0] not in STARTERS:
        return word.end()
    if form not in MULTIPLES:
        after = WORD.search(lower, word.end(), end)
        if after is None:
            return end
        if not _may_follow(after.group()) and not (after.group() == "of" and form in ("half", "quarter")):
            return after.start()
    words = list(islice(WORD.finditer(lower, word.start(), end), READ_AHEAD))
    figure, index = _word_figure(text, words, 0, threshold)
    if figure is not None:
        found.append(figure)
    return _next_start(words, index, end)


def _magnitude_from(lower: str, word: re.Match[str], sentence: Sentence, found: list[Figure], behind: list[Any]) -> int:
    """Read a vague magnitude from ``word`` (read with the two words before it) into ``found``; where the next may start.

    ``behind`` holds where the sentence's words were read up to (a word's start), then the
    last two words before it: each stretch of the sentence is read once, however many
    magnitude words it holds.
    """
    before = (behind[1:] + list(WORD.finditer(lower, behind[0], word.start())))[-2:]
    behind[:] = [word.start(), *before]
    words = before + list(islice(WORD.finditer(lower, word.start(), sentence.end), READ_AHEAD))
    vague = magnitude([w.group() for w in words], len(before))
    if vague is None:
        return word.end()  # no magnitude word starts a figure of another kind
    found.append(Figure(word.start(), words[vague.last].end(), "magnitude", vague.value, vague.unit))
    return _next_start(words, vague.last + 1, sentence.end)


#: The words after a number word that give it a unit: a rate, a percentage, a scale.
_NUMBER_HEADS = frozenset({"in", "out", "percent", "per"}) | frozenset(w for w in SCALES if len(w) > 2)


@lru_cache(maxsize=4096)
def _may_follow(form: str) -> bool:
    """Whether a lower-cased word after a number word can continue the number or be its unit.

    When it cannot, :func:`_word_figure` reads no figure there (the number stops before
    it and it is no unit).
    """
    return form in _NUMBER_HEADS or _word_value(form) is not None


def _next_start(words: list[re.Match[str]], index: int, end: int) -> int:
    """Where ``words[index]`` starts, or ``end`` past the last word."""
    return words[index].start() if index < len(words) else end

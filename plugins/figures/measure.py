"""What a figure measures, for the batch pass: its counted noun and its time expression.

Two figures of one source can only contradict each other when they measure the same
thing: "10 million displaced" and "174,500 people trapped" are different quantities,
and so are a year's deficit and one month's, or a yearly sum and a ten-year one. The
*measure* is the noun counted right after the figure ("packages", "displaced"; "of
voters" after a percentage), with the "-ed" verb it is the subject of when one follows
("people trapped", "people have been killed": a count of people says nothing of what
is counted without it), or for a count or amount the noun before "of" ("a population
of 23 million"); the *times* are the years, months and periods ("yearly",
"over 10 years") written near it. Both are read from a bounded window of words.
"""

from __future__ import annotations

from functools import lru_cache

from copydesk.plugins.figures.units import WORD

#: Characters either side of a figure searched for a time expression.
TIME_REACH = 50
MONTHS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
#: Words read after "X% of" for the head noun ("of club swimmers in" -> "swimmers").
HEAD_WORDS = 4
DETERMINERS = frozenset("the a an all its their those these".split())
SPEECH = frozenset("said say says think thought believe believed want wanted have had do did".split())
#: Words read after a counted noun for the verb it is the subject of ("people have reportedly been killed").
VERB_REACH = 4
AUXILIARIES = frozenset(
    "has have had is are was were be been being will would may might could should also still reportedly".split()
)
#: Period words, normalised: a yearly rate, a monthly one, or a sum over several years.
PERIODS = {
    **dict.fromkeys(("yearly", "annual", "annually", "year", "a-year"), "per-year"),
    **dict.fromkeys(("monthly", "month"), "per-month"),
    **dict.fromkeys(("weekly", "week"), "per-week"),
    **dict.fromkeys(("daily", "day"), "per-day"),
    **dict.fromkeys(("years", "decade", "decades"), "multi-year"),
}
#: Words that never name what is measured: function words, approximators, scales, units.
NOT_MEASURE = frozenset(
    """the a an and or but of to in on at by for from with as is are was were be been will would has have had
    that this these those it its their his her they he she we our which who whom what over under into than
    more less about around nearly almost some just only roughly approximately estimated least most up down
    per cent percent million millions billion billions trillion thousand thousands hundred dollars euros
    pounds new high low record total sum figure level peak all-time same other others each every last next
    this year years month months week weeks day days since during within among between after before""".split()
)


def _bare(word: str) -> str:
    """A word lower-cased without a plural "s" ("packages" -> "package")."""
    lowered = word.lower()
    return lowered[:-1] if len(lowered) > 4 and lowered.endswith("s") and not lowered.endswith("ss") else lowered


def _word_after(text: str, pos: int, limit: int) -> tuple[str, int]:
    """The word right after ``pos`` (only spaces between), lower-cased, and its end; ``""`` if none."""
    while pos < limit and text[pos] == " ":
        pos += 1
    match = WORD.match(text, pos, limit)
    return (match.group().lower(), match.end()) if match is not None else ("", pos)


def _noun_before_of(text: str, start: int, floor: int) -> str:
    """The noun before "of" in "a population of (about) 23 million", or ``""``."""
    words = [w.group().lower() for w in WORD.finditer(text, max(floor, start - 60), start)][-5:]
    while words and words[-1] in NOT_MEASURE and words[-1] != "of":
        words.pop()
    if len(words) < 2 or words[-1] != "of":
        return ""
    noun = words[-2]
    return "" if noun in NOT_MEASURE else _bare(noun)


def _head_after_of(text: str, pos: int, limit: int) -> str:
    """The head noun of the phrase after "X% of": its last word before a function word or verb."""
    head = ""
    for count in range(HEAD_WORDS):
        word, pos = _word_after(text, pos, limit)
        if not word or (word in NOT_MEASURE and (head or word not in DETERMINERS)):
            break
        if count and (word in SPEECH or word.endswith("ed")):
            break
        head = word if word not in DETERMINERS else head
    return _bare(head)


def _verb_of(text: str, pos: int, limit: int) -> str:
    """The "-ed" verb right after a counted noun ending at ``pos``, auxiliaries skipped ("have been killed"), or ``""``."""
    for _ in range(VERB_REACH):
        word, pos = _word_after(text, pos, limit)
        if word.endswith("ed") and word not in NOT_MEASURE:
            return word
        if word not in AUXILIARIES:
            return ""
    return ""


def measure(text: str, start: int, end: int, kind: str, bounds: tuple[int, int]) -> str:
    """The noun a figure counts ("packages", "voter"), or ``""`` when none is written.

    A counted noun followed by an "-ed" verb (auxiliaries skipped) is measured with it:
    "174,500 people trapped" is "people trapped", "250,000 people have been killed" is
    "people killed", two different quantities.
    """
    word, stop = _word_after(text, end, bounds[1])
    if word == "of" and kind == "percent":
        return _head_after_of(text, stop, bounds[1])
    if word and word not in NOT_MEASURE:
        verb = _verb_of(text, stop, bounds[1]) if not word.endswith("ed") else ""
        return f"{_bare(word)} {verb}" if verb else _bare(word)
    return _noun_before_of(text, start, bounds[0]) if kind != "percent" else ""


def times(text: str, start: int, end: int, bounds: tuple[int, int]) -> frozenset[str]:
    """Years, months and periods written within TIME_REACH characters of a figure."""
    left, right = max(bounds[0], start - TIME_REACH), min(bounds[1], end + TIME_REACH)
    found = set(map(_time, text[left:start].split() + text[end:right].split()))
    found.discard("")
    return frozenset(found)


@lru_cache(maxsize=4096)
def _time(token: str) -> str:
    """The time a token written near a figure names: a year, a month's first three letters, a period, or ``""``."""
    word = token.strip(".,;:()'’\"“”").lower().removesuffix("'s").removesuffix("’s")
    if len(word) == 4 and word.isdigit() and 1900 <= int(word) <= 2100:
        return word
    if word in MONTHS and token[:1].isupper():
        return word[:3]
    return PERIODS.get(word, "")


def same_measure(a: tuple[str, frozenset[str]], b: tuple[str, frozenset[str]]) -> bool:
    """Whether two (measure, times) pairs can describe one quantity.

    The counted nouns must agree when both are written, and the time expressions must
    share one when both have any.
    """
    if a[0] and b[0] and a[0] != b[0]:
        return False
    return not (a[1] and b[1] and not a[1] & b[1])

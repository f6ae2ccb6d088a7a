"""Context rules of figure extraction: what a number is, read from the words around it.

A number's unit is not always its own: "15 pounds" after "lost" is body weight, not
money; "800m" before "gold" or "hurdles" is a race in metres, not 800 million; "Aug
142016" is a date whose comma was stripped; "24.8k SHARES" and the counter after a
"Get short URL" widget are page furniture. Vague magnitudes ("tens of billions of
dollars", "millions of people", "hundreds of thousands") are figures of their own
kind, *magnitude*. Each rule looks at a bounded number of characters or words.
"""

from __future__ import annotations

import re
from typing import NamedTuple

#: A word (letters, with inner hyphens or apostrophes), as the shared text analysis has it.
WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
MONTHS = frozenset(
    "jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june july "
    "august september october november december".split()
)
#: Standard race distances in metres ("the 1500m", "a 400m hurdles").
DISTANCES = frozenset({50, 60, 100, 110, 200, 400, 800, 1500, 3000, 5000, 10000})
RACE_WORDS = frozenset(
    "victory win wins triumph race races hurdles title titles gold silver bronze final finals heat heats semi-final record records "
    "champion champions championship freestyle butterfly backstroke breaststroke medley relay sprint sprinter "
    "runner runners world olympic medal medals indoor outdoor event events winner specialist".split()
)
EVENT_BEFORE = frozenset("the over men's women's men’s women’s".split())
EVENT_AFTER = frozenset("in at and or on to for this last with by when".split())
#: Words before a number of "pounds" that make it a weight ("lost 15 pounds").
WEIGHT_BEFORE = frozenset(
    "weigh weighs weighed weighing lost lose loses losing shed sheds shedding gained gain gains gaining "
    "dropped drop heavier lighter carrying carried lifted lift lifting".split()
)
#: Nouns after "pounds of" that keep the amount money ("pounds of taxpayers' money").
MONEY_AFTER_OF = frozenset("taxpayers taxpayers' taxpayer public investment funding money cash sterling".split())
COUNTER_WORDS = frozenset("shares share views comments likes".split())
WIDGET = "short URL"
WIDGET_REACH = 100
MAGNITUDE_HEADS = {"tens": 10.0, "hundreds": 100.0}
MAGNITUDE_SCALES = {"thousands": 1e3, "millions": 1e6, "billions": 1e9, "trillions": 1e12}
IDIOM_BEFORE = frozenset("to of among from for with by than like".split())
CURRENCY_NAMES = {"dollars": "USD", "euros": "EUR", "pounds": "GBP"}


class Magnitude(NamedTuple):
    """A vague magnitude: its span in words, its value and its currency ("" for a count)."""

    first: int
    last: int
    value: float
    unit: str


def previous_word(text: str, pos: int, floor: int) -> str:
    """The word ending just before ``pos`` (skipping spaces), lower-cased, or ``""``."""
    end = pos
    while end > floor and text[end - 1] in " \u00a0":
        end -= 1
    begin = end
    while begin > floor and end - begin < 20 and (text[begin - 1].isalpha() or text[begin - 1] == "."):
        begin -= 1
    return text[begin:end].lower().rstrip(".")


def next_word(text: str, pos: int, limit: int) -> str:
    """The word right after ``pos`` (only spaces between), as written, or ``""``."""
    while pos < limit and text[pos] in " \u00a0":
        pos += 1
    match = WORD.match(text, pos, limit)
    return match.group() if match is not None else ""


def is_furniture(text: str, start: int, end: int, floor: int, limit: int) -> bool:
    """A number that is a stripped date ("Aug 142016"), a share counter or a URL widget's count."""
    token = text[start:end]
    if token.isdigit() and 5 <= len(token) <= 6 and previous_word(text, start, floor) in MONTHS:
        return 1900 <= int(token[-4:]) <= 2100
    glued = end < limit and text[end].lower() == "k" and (end + 1 >= limit or not text[end + 1].isalpha())
    after = next_word(text, end + 1 if glued else end, limit)
    if after.lower() in COUNTER_WORDS and (after.isupper() or after.istitle() or glued):
        return True
    return token.isdigit() and text.find(WIDGET, max(floor, start - WIDGET_REACH), start) >= 0


#: Verbs in "-s" after a model number, no plural noun that would make it a count ("the Acme 2600 is").
S_VERBS = frozenset("is was has does".split())


def is_model_number(text: str, start: int, end: int, floor: int) -> bool:
    """Whether a plain 3-5 digit number is a model number after a capitalised name ("the Nokia 7610 phone").

    The name is the word right before it (one space between), capitalised and not its
    sentence's first word (a sentence opening "Some 5000 people" keeps its count); a
    plural noun after the number makes it a count ("in Iraq 12000 troops died"; "is", "was",
    "has" and "does" are no plurals: "The Atari 2600 is ..." is a model).
    """
    if not 3 <= end - start <= 5 or not text[start:end].isdigit() or text[start - 1 : start] != " ":
        return False
    after = next_word(text, end, len(text))
    if after.islower() and after.endswith("s") and after not in S_VERBS:
        return False
    begin = start - 1
    while begin > floor and start - begin < 21 and text[begin - 1].isalpha():
        begin -= 1
    if begin == start - 1 or not text[begin].isupper() or not text[begin + 1 : start - 1].islower():
        return False
    return begin - floor > 4 or bool(text[floor:begin].strip(" \u00a0\"'“‘([*_"))


def is_zip_code(text: str, start: int, end: int) -> bool:
    """Whether a plain five-digit number is a US ZIP code after a state's code ("New York, NY 10032.").

    The code is two capitals on their own ("NY", "NY,"), one space before the number, and
    no word follows it (a count goes on to its noun: "US 20000 troops").
    """
    if end - start != 5 or not text[start:end].isdigit() or text[start - 1 : start] != " ":
        return False
    code = text[max(0, start - 5) : start - 1].rstrip(",")[-3:]
    if len(code) < 2 or not code[-2:].isalpha() or not code[-2:].isupper() or code[:-2].strip():
        return False
    rest = text[end : end + 2].lstrip(" ")
    return not rest[:1].isalpha()


def is_distance(text: str, span: tuple[int, int], value: float, floor: int, limit: int) -> bool:
    """Whether a number glued to "m" ("800m") is a race distance in metres, not millions.

    A standard distance is one when nothing follows, a race word follows ("gold",
    "hurdles"), or it is named as an event ("the 1500m in 3:29", "over 400m").
    """
    if value not in DISTANCES:
        return False
    after = next_word(text, span[1], limit).lower()
    if not after or after in RACE_WORDS or after.startswith(("metre", "meter")):
        return True
    return previous_word(text, span[0], floor) in EVENT_BEFORE and after in EVENT_AFTER


def is_weight(text: str, start: int, stop: int, floor: int, limit: int) -> bool:
    """Whether "N pounds" ending at ``stop`` is a weight: after "lost"/"weighing", or "pounds of" a thing."""
    if previous_word(text, start, floor) in WEIGHT_BEFORE:
        return True
    if next_word(text, stop, limit).lower() != "of":
        return False
    of = text.find("of", stop, limit)
    thing = next_word(text, of + 2, limit).lower()
    return bool(thing) and thing not in MONEY_AFTER_OF


def magnitude(words: list[str], index: int) -> Magnitude | None:
    """A vague magnitude starting at ``words[index]`` (lower-cased words), or None.

    "tens/hundreds of thousands|millions|billions", and "millions"/"billions"/"trillions"
    alone; "of dollars|euros|pounds" after either makes it money. Plain "thousands"
    and "hundreds" are too common to be claims and are left out, and so is a
    magnitude after a preposition ("known to millions", "one of millions", "among the
    tens of millions"), an idiom more often than a claim.
    """
    head, value, last = words[index], 0.0, index
    before = words[max(0, index - 2) : index]
    if before[-1:] == ["the"]:
        before = before[:-1]
    if before[-1:] and before[-1] in IDIOM_BEFORE:
        return None
    if head in MAGNITUDE_HEADS and words[index + 1 : index + 2] == ["of"]:
        scale = MAGNITUDE_SCALES.get(words[index + 2] if index + 2 < len(words) else "")
        if scale is None:
            return None
        value, last = MAGNITUDE_HEADS[head] * scale, index + 2
    elif head in MAGNITUDE_SCALES and head != "thousands":
        value = MAGNITUDE_SCALES[head]
    else:
        return None
    if words[last + 1 : last + 2] == ["of"] and last + 2 < len(words) and words[last + 2] in CURRENCY_NAMES:
        return Magnitude(index, last + 2, value, CURRENCY_NAMES[words[last + 2]])
    return Magnitude(index, last, value, "")

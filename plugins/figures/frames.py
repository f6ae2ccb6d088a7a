"""Attribution frames beyond "X said": addressees, decisions, plans, sample descriptions, relative clauses.

Helpers of :mod:`copydesk.plugins.figures.attrib`. A speech verb's addressee ("told a
crowd of 1,300 that ...") is not what was said; a decision ("the High Court ordered
him to repay £31,000") credits its content only to a court, regulator or voting body;
a document noun followed by its sample ("a survey of 5,196 firms", "data from 449,563
people in the UK Biobank") makes the sample size part of the source; a figure that a
relative clause ending in a cue modifies ("the 50,000 a day city officials estimated")
is what the clause's subject said. Each looks at a bounded number of words.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from itertools import pairwise

from copydesk.plugins.figures.phrase import BE_VERBS, BOUNDARY_WORDS, Word, gap_breaks, quoted

#: Cues whose object is the addressee, not the content ("told a crowd of 1,300 that ...").
TELLS = frozenset("told tell tells telling".split())
ADDRESSEE_WORDS = 8
QUANTIFIED = frozenset("of his her their its our my".split())
#: Decisions credit a figure only to an adjudicating or voting body ("the High Court ordered him to repay").
DECISIONS = frozenset("ordered orders ruled rules fined fines awarded awards voted votes approved approves".split())
ADJUDICATORS = frozenset(
    "court courts judge judges tribunal jury magistrate magistrates regulator regulators commission "
    "panel arbitrator ombudsman watchdog authority board inquiry council congress parliament legislature "
    "senate assembly".split()
)
#: Nouns of intention that credit the clause after them to a named possessor ("Berlin's pledge to").
PLANS = frozenset(
    "plan plans pledge pledges promise promises proposal proposals vow vows offer call demand demands claim claims".split()
)
#: Document nouns whose sample follows in their phrase ("a study of", "data from").
SAMPLE_FRAMES = frozenset("of from among on involving covering".split())
#: Document nouns that credit their sentence when followed by their sample and a name
#: ("data from 449,563 people in the UK Biobank").
SAMPLE_DOCS = frozenset("data study survey surveys poll polls trial census analysis sample experiment review".split())
#: Words read back from "that"/"which"/"whom" for the figure the relative clause modifies ("the $5 billion a year that").
RELATIVE_REACH = 6
OBJECT_RELATIVES = frozenset("that which whom".split())
#: Relative words that may follow the comma after their figure ("$5 billion, which analysts expected").
AFTER_COMMA = frozenset("which whom".split())
#: Words before a figure that make it the head of a noun phrase a relative clause can follow ("the 50,000 ...").
DEFINITE = frozenset("the this these those its their his her our your my".split())
#: A figure's unit words between it and the subject of the relative clause ("the 50,000 per day city officials").
UNIT_WORDS = frozenset("million billion trillion thousand hundred percent cent dollars euros pounds".split())
RATE_WORDS = frozenset("a an per each every".split())
#: Shared words of one grouped number at most ("1,000,000,000,000,000": six groups).
NUMBER_WORDS = 6


def addressee_end(text: str, words: Sequence[Word], cue: int, speech: frozenset[str]) -> int:
    """Where the content after a cue starts: past its addressee ("told a crowd of 1,300 that").

    The addressee is the object of "told" or the "to" phrase after a speech verb ("wrote
    to his 20,000 followers"), up to a break, "that" or a clause word; a number in it
    must be a quantity of the addressee ("of 1,300", "his 20,000"), so "told the BBC
    3,000 jobs would go" keeps its figure as content.
    """
    told = words[cue].lower in TELLS
    start = cue + 1 if told else cue + 2
    if not told and (start > len(words) or words[cue + 1].lower != "to" or words[cue].lower not in speech):
        return words[cue].end
    index = start
    while index < len(words) and index - start < ADDRESSEE_WORDS:
        gap = text[words[index - 1].end : words[index].start]
        if index > start and (gap_breaks(text, words[index - 1].end, words[index].start) or quoted(gap)):
            break
        if words[index].lower in BOUNDARY_WORDS:
            break
        previous = words[index - 1].lower
        if words[index].lower[:1].isdigit() and previous not in QUANTIFIED and not previous[:1].isdigit():
            return words[cue].end
        index += 1
    return words[index - 1].end if index > start else words[cue].end


def is_sample(words: Sequence[Word], source: tuple[int, int]) -> bool:
    """Whether the source names a document and then its sample ("the survey of 5,196 firms")."""
    first = bisect.bisect_left(words, (source[0],))
    stop = bisect.bisect_left(words, (source[1],), lo=first)
    inside = [w.lower for w in words[first:stop]]
    return any(a in SAMPLE_DOCS and b in SAMPLE_FRAMES for a, b in pairwise(inside))


def decision_by_other(text: str, words: Sequence[Word], index: int, source: tuple[int, int]) -> bool:
    """Whether a decision verb ("ordered") is passive or has a source that is no court or regulator."""
    if words[index].lower not in DECISIONS:
        return False
    if index > 0 and words[index - 1].lower in BE_VERBS:
        return True
    phrase = text[source[0] : source[1]].lower().split()
    return not any(w.strip(".,'’s") in ADJUDICATORS for w in phrase)


def _number(word: str) -> bool:
    """Whether a word starts with a digit and is no year ("50" and "000" of "50,000"; not "2014")."""
    return word[:1].isdigit() and not (len(word) == 4 and word.isdigit() and 1000 <= int(word) <= 2100)


def _number_start(words: Sequence[Word], index: int) -> int:
    """The first word of the digit run ending at ``words[index]`` ("50" of "50,000", two shared words).

    At most NUMBER_WORDS words back: a run of digit words is read a bounded distance.
    """
    floor = max(0, index - NUMBER_WORDS)
    while index > floor and words[index - 1].lower[:1].isdigit():
        index -= 1
    return index


def _after_unit(words: Sequence[Word], index: int, cue: int) -> int:
    """The first word after a figure's unit words and rate ("million", "per day", "a year") that start at ``index``."""
    while index < cue and words[index].lower in UNIT_WORDS:
        index += 1
    if index + 1 < cue and words[index].lower in RATE_WORDS:
        index += 2
    return index


def object_relative(text: str, words: Sequence[Word], first: int, cue: int, floor: int) -> tuple[int, int] | None:
    """For a cue ending a relative clause that modifies a figure: the source's first word and where the figure starts.

    ``words[first:cue]`` is the phrase before the cue. Either "that"/"which"/"whom" opens
    it after a figure at most RELATIVE_REACH words back ("the 50,000 a day that city
    officials estimated", "$5 billion, which analysts expected", "the 40,000 whom the
    mayor expected"), or it starts with a definite figure, or one opening the sentence,
    whose unit is followed by the subject ("the 50,000 per day city officials
    estimated", "the $5 billion the agency projected", "£3bn officials estimated never
    ..."). None otherwise, and for a passive ("the 3.3% fall had been expected"). The
    caller checks that the cue ends its clause (it has no object of its own), or, for a
    figure opening the sentence without "that", that the main predicate follows.
    """
    if words[cue - 1].lower in BE_VERBS:
        return None  # a passive ("the 3.3% fall had been expected", "that are expected of them")
    if first > 0 and words[first - 1].lower in OBJECT_RELATIVES:
        relative = first - 1
        for index in range(relative - 1, max(-1, relative - 1 - RELATIVE_REACH), -1):
            gap = text[words[index].end : words[index + 1].start]
            after_comma = index + 1 == relative and words[relative].lower in AFTER_COMMA and gap.strip() == ","
            if gap_breaks(text, words[index].end, words[index + 1].start) and not after_comma:
                return None
            if _number(words[index].lower):
                start = _number_start(words, index)
                return first, words[start - 1].end if start > 0 else floor
        return None
    numbers = [n for n in range(first, cue) if _number(words[n].lower)]
    if not numbers:
        return None
    start, source = _number_start(words, numbers[-1]), _after_unit(words, numbers[-1] + 1, cue)
    if source >= cue or (start > 0 and words[start - 1].lower not in DEFINITE):
        return None
    return source, words[start - 1].end if start > 0 else floor

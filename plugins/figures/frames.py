"""Attribution frames beyond "X said": addressees, decisions, plans and sample descriptions.

Helpers of :mod:`copydesk.plugins.figures.attrib`. A speech verb's addressee ("told a
crowd of 1,300 that ...") is not what was said; a decision ("the High Court ordered
him to repay £31,000") credits its content only to a court, regulator or voting body;
a document noun followed by its sample ("a survey of 5,196 firms", "data from 449,563
people in the UK Biobank") makes the sample size part of the source. Each looks at a
bounded number of words.
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
PLANS = frozenset("plan plans pledge pledges promise promises proposal proposals vow vows offer call demand".split())
#: Document nouns whose sample follows in their phrase ("a study of", "data from").
SAMPLE_FRAMES = frozenset("of from among on involving covering".split())
#: Document nouns that credit their sentence when followed by their sample and a name
#: ("data from 449,563 people in the UK Biobank").
SAMPLE_DOCS = frozenset("data study survey surveys poll polls trial census analysis sample experiment review".split())


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

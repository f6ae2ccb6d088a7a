"""Given figures: a figure a vague credit's clause mentions as a known fact, not as what the source says.

A credit holds the clause its cue governs, but not every figure in that clause is the
source's claim. "Campaigners say the £4bn cost of the bridge cannot be met" credits the
campaigners with a doubt about paying; the cost is the writer's reference to a known thing,
and "Sales are expected to fall at a mill where the owners have invested $40m" states
the investment as a fact beside the forecast. Flagging such a figure as vaguely sourced
is wrong, and so is flagging it as unsourced: the sentence does not put it to anyone, it
takes it as given (a past record, a venue's size, a membership, a share of sales). Two
shapes are read (:func:`given`), each only for a figure a vague or agentless credit holds:

* a definite description that says whose the quantity is: "the", the figure, one or two
  lower-case nouns, then "of" ("the £4bn cost of the bridge", "the 12bn yen (£60m)
  record of ...") or "for" and a capitalised word ("the 9 million viewers for the
  final" is not read: "for" needs a name right after it, "for Channel Four's final");
* a relative clause after the cue on a thing the text takes as known ("... the fair which
  covers more than 2 million square feet", "... winter sales - which make up nearly 31%
  of yearly takings - ...", "... a mill where the owners have invested $40m"): "which", "where",
  "who" or "whose" between the cue and the figure, after a definite phrase, a dash, or
  "where", with no word of the future or of expecting between them ("which will cost $5bn"
  is still a forecast; "two nannies from Paris who charge $5,000" is what the hearsay says).

Everything here looks at a bounded number of words around the figure.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from copydesk.plugins.figures.extract import Figure
from copydesk.plugins.figures.phrase import BOUNDARY_WORDS, DETERMINERS, PREPOSITIONS, RELATIVES, Word

#: Words of a relative clause that make its figure a forecast or a claim, not a given fact.
NOT_GIVEN = frozenset(
    "will would could may might should can shall expected expect expects forecast predicted projected estimated"
    " estimate estimates likely set said say says reportedly".split()
)
#: Most words from the relative pronoun to the figure.
RELATIVE_REACH = 10
#: Most words before a relative pronoun searched for the "the" of its antecedent.
ANTECEDENT_WORDS = 4
#: Nouns after the figure before "of"/"for" ("the £2bn cost of", "the two million union members of").
HEAD_NOUNS = 2
NOT_NOUNS = BOUNDARY_WORDS | DETERMINERS | PREPOSITIONS | frozenset("a an and or".split())


def given(text: str, words: Sequence[Word], cue: int, figure: Figure) -> bool:
    """Whether ``figure`` is a given fact of the clause a vague credit at ``cue`` holds (see the module doc)."""
    at = _first_from(words, figure.start)
    return _owned_description(text, words, at, figure) or _relative_after_cue(text, words, at, cue)


def _owned_description(text: str, words: Sequence[Word], at: int, figure: Figure) -> bool:
    """Whether the figure opens a definite description naming whose it is: "the £4bn cost of the bridge"."""
    if at == 0 or words[at - 1].lower != "the" or text[words[at - 1].end : figure.start].strip(" $£€¥"):
        return False
    first = _after_conversion(text, words, figure.end)
    for n in range(first, min(len(words), first + HEAD_NOUNS + 1)):
        word = words[n]
        if n > first and text[words[n - 1].end : word.start].strip():
            return False  # punctuation between the words: the description ended
        if word.lower == "of" and n > first:
            return True
        if word.lower == "for" and n > first:
            return n + 1 < len(words) and text[words[n + 1].start].isupper()
        if word.lower in NOT_NOUNS or not text[word.start : word.end].isalpha() or not text[word.start].islower():
            return False
    return False


def _after_conversion(text: str, words: Sequence[Word], end: int) -> int:
    """The index of the first word after a figure ending at ``end``, past a currency conversion in brackets ("(£60m)")."""
    stop = end
    if text[end : end + 3].lstrip().startswith("("):
        close = text.find(")", end, end + 40)
        stop = close if close >= 0 else end
    return _first_from(words, stop)


def _first_from(words: Sequence[Word], offset: int) -> int:
    """The index of the first word starting at or after ``offset`` (by bisection: a sentence of many figures stays linear)."""
    return bisect.bisect_left(words, offset, key=_start)


def _start(word: Word) -> int:
    """Where a word starts (the bisection key)."""
    return word.start


def _relative_after_cue(text: str, words: Sequence[Word], at: int, cue: int) -> bool:
    """Whether a relative clause after the cue, on a thing the text takes as known, holds the figure.

    "... the fair which covers ...", "... sales - which make up ...", "... a mill
    where the owners have invested ...": the relative pronoun follows the cue, and its
    antecedent is definite ("the" at most :data:`ANTECEDENT_WORDS` words before it: "the Harbour motor show which"), set off
    by a dash, or a place ("where"). "... two nannies from Paris who charge $5,000" describes
    what the hearsay is about, and stays its claim.
    """
    for n in range(at - 1, max(-1, at - 1 - RELATIVE_REACH), -1):
        word = words[n]
        if word.start <= cue or word.lower in NOT_GIVEN:
            return False
        if word.lower in RELATIVES and word.lower != "whom":
            return word.lower == "where" or _known_antecedent(text, words, n)
    return False


def _known_antecedent(text: str, words: Sequence[Word], n: int) -> bool:
    """Whether the relative pronoun ``words[n]`` follows a dash, or a definite phrase ("the trade fair which")."""
    if n == 0:
        return False
    if any(dash in text[words[n - 1].end : words[n].start] for dash in "-–—"):
        return True
    return any(w.lower == "the" for w in words[max(0, n - ANTECEDENT_WORDS) : n])

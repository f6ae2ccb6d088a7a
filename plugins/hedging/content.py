"""Source nouns that are not sources: victims and respondents, comparisons, questions, modifiers.

A word from the vague-source list is not always the source of a claim. In "killing
seven people, the Observatory said" the people are the toll; in "29% of the people
it questioned said" and "Economists polled by Reuters expect" they answer a named
poll; "than analysts expected" is a benchmark and "what people say" an indirect
question; "the research found" refers back to a named study; "an official NHS
review" uses the word as an adjective. Each test looks a bounded number of words
around the noun, so the scan stays linear.
"""

from __future__ import annotations

from collections.abc import Sequence

from copydesk.plugins.hedging.cues import Token, clause_break
from copydesk.plugins.hedging.senses import _is_number

#: Nouns for people counted or affected rather than speaking ("24 people", "one in 16 people").
POPULATION = frozenset({"people", "person", "those", "others", "most", "many", "some", "several"})
#: Question words that, after a verb of asking or finding out, make an indirect question ('see what people say').
_WH = frozenset({"what", "how", "why", "whether", "where"})
_ASKING = frozenset("see ask asked asks know wonder wondered hear learn check find out explain understand".split())
#: Participles after a noun that make it the sample of a poll ("Economists polled by Reuters").
RESPONDED = frozenset({"polled", "surveyed", "questioned", "interviewed", "quizzed", "sampled", "asked"})
#: Words that, earlier in the sentence, introduce the findings of a study or poll.
_FINDINGS = frozenset(
    "found finds showed shows revealed reveals suggested survey poll study report research questioned polled".split()
)
#: Document nouns that after a definite determiner refer back to a named document.
_DOCUMENTS = frozenset({"research", "studies", "reports", "report", "study", "survey", "poll"})
_DEFINITE = frozenset({"the", "this", "that", "these", "its", "their", "his", "her", "our", "such"})


def _counted(tokens: Sequence[Token], first: int) -> bool:
    """True when a number or percentage stands just before the phrase ('24 people', '14% of people')."""
    for k in range(first - 1, max(-1, first - 4), -1):
        low = tokens[k].low
        if _is_number(low) or low.endswith("%") or low in ("percent", "cent"):
            return True
        if low not in ("of", "the", "in", "at", "least", "than", "more", "about", "some"):
            return False
    return False


def first_finding(tokens: Sequence[Token], lows: Sequence[str] | None = None) -> int:
    """Index of the sentence's first word that introduces findings ('found', 'survey'), else its length.

    ``lows``, when given, is the tokens' lower-cased forms: a sentence without such a word
    (most) is then told in one set test, not a look at every token.
    """
    if lows is None:
        return next((i for i, t in enumerate(tokens) if t.low in _FINDINGS), len(tokens))
    if _FINDINGS.isdisjoint(lows):
        return len(tokens)
    return next(i for i, low in enumerate(lows) if low in _FINDINGS)


def content_noun(tokens: Sequence[Token], first: int, k: int, findings: int) -> bool:
    """True when source noun ``k`` (its phrase starting at ``first``) is part of the claim, not its source.

    ``findings`` is :func:`first_finding` of the sentence, found once by the caller for all
    its nouns (so no noun looks back over the sentence: linear, not quadratic).
    """
    before = tokens[first - 1].low if first else ""
    if before == "than" or (before in _WH and first > 1 and tokens[first - 2].low in _ASKING):
        return True
    low = tokens[k].low
    if low in _DOCUMENTS and before in _DEFINITE:
        return True
    if any(t.low in RESPONDED for t in tokens[k + 1 : k + 4]):
        return True
    if low not in POPULATION:
        return False
    return _counted(tokens, first) or findings < first


def modifier_noun(tokens: Sequence[Token], k: int, text: str) -> bool:
    """True when the singular source noun ``k`` modifies a name after it ('an official NHS review')."""
    return k + 1 < len(tokens) and tokens[k + 1].capitalised and not clause_break(text, tokens[k], tokens[k + 1])


#: The words :func:`resolved_next` reads at most: a name of up to five words, then eight.
OPENING_WORDS = 13


def resolved_next(tokens: Sequence[Token], text: str, roles: set[str]) -> bool:
    """True when a sentence opens by naming the vague source of the one before it.

    "Some experts believe ..." followed by "Jane Roe, an expert on ..., said" or
    "Bob Smith, from the Daily News, thinks": a name, a comma, then the same role noun
    (singular) or 'from/at/of' + a name, within a few words. Only the first
    :data:`OPENING_WORDS` tokens are read, so the sentence's first ones are enough.
    """
    if len(tokens) < 4 or not (tokens[0].capitalised and tokens[1].capitalised):
        return False
    end = next((k for k in range(1, min(5, len(tokens) - 1)) if clause_break(text, tokens[k], tokens[k + 1])), 0)
    if not end or not all(t.capitalised for t in tokens[: end + 1]):
        return False
    window = tokens[end + 1 : end + 9]
    if any(t.low in roles for t in window):
        return True
    first = window[0].low if window else ""
    rest = [t for t in window[1:3] if t.low != "the"]
    return first in ("from", "at", "of") and bool(rest) and rest[0].capitalised

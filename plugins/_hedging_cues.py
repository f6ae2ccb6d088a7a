"""Hedge cues in one sentence: tokens, quotations, lexicon matches and sense filters.

A sentence is a list of :class:`Token` (the shared word spans, lower-cased, with a
flag for being inside a direct quotation). Cues are matched longest first from a
first-word index, so the work per token is bounded by the longest cue; each match
then passes a filter that drops a non-hedging sense ("in May 2024", "could not",
"as soon as possible", "the most"). No regular expression is involved.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from copydesk.plugins._hedging_lexicon import Cue, Lexicon, normalise
from copydesk.text import TextView

#: Characters that open or close a direct quotation (straight quotes toggle).
QUOTES = frozenset('"“”«»')
#: Characters that end a clause between two words.
CLAUSE_BREAKS = frozenset(",;:()[]—–")
BE = frozenset({"is", "are", "was", "were", "be", "been", "being", "'s", "'re"})
NUMBER_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty fifty sixty "
    "seventy eighty ninety hundred hundreds thousand thousands million millions billion billions dozen dozens "
    "half quarter third".split()
)
_POSSESSIVES = frozenset({"his", "her", "its", "their", "our", "my", "your", "the", "all", "military", "economic"})
_AFTER_POSSIBLE = frozenset({"where", "if", "whenever", "wherever", "when"})
_MAKE = frozenset({"make", "makes", "made", "making"})
_CERTAIN_BOOSTER = frozenset(
    "is are was were be been being not so very quite almost fairly absolutely feel felt seem seems remain remains "
    "make made makes for pretty less more".split()
)
_CERTAIN_AFTER = frozenset({"that", "to", "of", "whether", "about", "if", "how", "what", "when", "who"})
_MOST_BEFORE = frozenset({"the", "at", "a", "an", "its", "his", "her", "their", "our", "my", "your", "is", "are"})
_CLAUSE_ADVERBS = frozenset({"fairly", "relatively", "somewhat", "partly", "largely", "mostly", "mainly"})
QUANTIFIER_CUES = (
    "some",
    "many",
    "several",
    "various",
    "numerous",
    "a few",
    "a number of",
    "a variety of",
    "a handful of",
)
_CLAUSE_OPENERS = frozenset(
    "and but or that while whereas although though because where when which who since whom yet".split()
)
_RULE_OUT = frozenset({"rule", "ruled", "exclude", "excluded", "confirm", "confirmed", "say", "tell"})


@dataclass(frozen=True)
class Token:
    """A word of a sentence: its span, text, lower-cased form, and quotation flag."""

    start: int
    end: int
    raw: str
    low: str
    quoted: bool

    @property
    def capitalised(self) -> bool:
        """True when the word has a capital letter (a name, an acronym, a sentence start)."""
        return any(ch.isupper() for ch in self.raw)


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Spans of direct quotations, in one pass; an unclosed quote ends at its line's end."""
    spans: list[tuple[int, int]] = []
    opened: int | None = None
    for pos, ch in enumerate(text):
        if ch == "\n" and opened is not None:
            spans.append((opened, pos))
            opened = None
        elif ch in "“«" and opened is None:
            opened = pos
        elif ch in "”»" and opened is not None:
            spans.append((opened, pos + 1))
            opened = None
        elif ch == '"':
            if opened is None:
                opened = pos
            else:
                spans.append((opened, pos + 1))
                opened = None
    if opened is not None:
        spans.append((opened, len(text)))
    return spans


class SentenceTokens:
    """Builds the tokens of each sentence of one field, sharing the field's word spans."""

    def __init__(self, view: TextView) -> None:
        """Index the field's words and quotations once."""
        self.view = view
        self.starts = [start for start, _ in view.words]
        spans = quote_spans(view.text) if any(q in view.text for q in QUOTES) else []
        self.quote_starts = [s for s, _ in spans]
        self.quote_ends = [e for _, e in spans]

    def _quoted(self, offset: int) -> bool:
        """True when ``offset`` lies inside a quotation."""
        index = bisect.bisect_right(self.quote_starts, offset) - 1
        return index >= 0 and offset < self.quote_ends[index]

    def tokens(self, start: int, end: int) -> list[Token]:
        """The tokens of ``text[start:end]``."""
        text, words = self.view.text, self.view.words
        first = bisect.bisect_left(self.starts, start)
        last = bisect.bisect_left(self.starts, end)
        quoted = bool(self.quote_starts) and self._quoted
        return [
            Token(s, e, text[s:e], normalise(text[s:e]), bool(quoted and quoted(s)))
            for s, e in words[first:last]
            if e <= end
        ]


def clause_break(text: str, left: Token, right: Token) -> bool:
    """True when punctuation that ends a clause stands between two adjacent tokens."""
    return any(ch in CLAUSE_BREAKS for ch in text[left.end : right.start])


def _low(tokens: Sequence[Token], index: int) -> str:
    """The lower-cased token at ``index``, or "" outside the sentence."""
    return tokens[index].low if 0 <= index < len(tokens) else ""


def _is_number(word: str) -> bool:
    """True for a numeral or a number word."""
    return word[:1].isdigit() or word in NUMBER_WORDS


def _modal_may(tokens: Sequence[Token], i: int, text: str) -> bool:
    """'may' is a modal unless it is the month or a name: capitalised mid-sentence, or before a number."""
    tok, nxt = tokens[i], _low(tokens, i + 1)
    if tok.raw[0].isupper() and (i > 0 or tok.raw.isupper()):
        return False
    if tok.raw[0].isupper() and (not nxt or _is_number(nxt) or tokens[i + 1].capitalised):
        return False
    return not _is_number(nxt)


def _modal_could(tokens: Sequence[Token], i: int, text: str) -> bool:
    """'could not'/'could never' is past inability, unless something 'could not be ruled out'."""
    if tokens[i].low in ("couldn't", "couldnt"):
        return False
    if _low(tokens, i + 1) not in ("not", "never", "hardly", "barely", "no"):
        return True
    return any(_low(tokens, k) in _RULE_OUT for k in range(i + 2, i + 5))


def _modal_might(tokens: Sequence[Token], i: int, text: str) -> bool:
    """'might' after a possessive or 'all' is the noun ('with all its might')."""
    return _low(tokens, i - 1) not in _POSSESSIVES


def _possible(tokens: Sequence[Token], i: int, text: str) -> bool:
    """Drop fixed phrases ('as soon as possible', 'made possible', 'best possible') and 'not possible'."""
    before = _low(tokens, i - 1)
    if before == "as" or before in _AFTER_POSSIBLE or before.endswith("est"):
        return False
    if before in ("every", "all", "only") or _low(tokens, i + 1) == "as":
        return False
    if "not" in (_low(tokens, i - 2), _low(tokens, i - 3)) or before == "not":
        return False
    return not ({_low(tokens, i - 1), _low(tokens, i - 2)} & _MAKE)


def _subject_position(tokens: Sequence[Token], i: int, text: str) -> bool:
    """True when token ``i`` opens a clause: first word, after a clause break or a conjunction, or 'there are'."""
    if i == 0 or clause_break(text, tokens[i - 1], tokens[i]) or _low(tokens, i - 1) in _CLAUSE_OPENERS:
        return True
    return _low(tokens, i - 1) in BE and _low(tokens, i - 2) == "there"


def _quantifier(tokens: Sequence[Token], i: int, text: str) -> bool:
    """A vague quantifier hedges as a generalising subject ('Some scholars hold ...', 'many are').

    As an object or after a preposition it counts ('has some ideas', 'in many places'),
    and before a number it approximates ('some 200'); 'how many'/'as many as' ask or bound.
    """
    if _is_number(_low(tokens, i + 1)) or _low(tokens, i - 1) in ("how", "as", "so", "too"):
        return False
    return _subject_position(tokens, i, text)


def _most(tokens: Sequence[Token], i: int, text: str) -> bool:
    """'most' hedges as a generalising subject ('most audiences'), not as a superlative ('the most')."""
    nxt = _low(tokens, i + 1)
    if _low(tokens, i - 1) in _MOST_BEFORE or not nxt or not _subject_position(tokens, i, text):
        return False
    return nxt == "of" or (nxt.endswith("s") and not nxt.endswith(("ly", "ous", "ss")))


def _certain(tokens: Sequence[Token], i: int, text: str) -> bool:
    """'certain' hedges as a determiner ('certain states'), not as 'sure' ('is certain that')."""
    return _low(tokens, i - 1) not in _CERTAIN_BOOSTER and _low(tokens, i + 1) not in _CERTAIN_AFTER


def _clause_adverb(tokens: Sequence[Token], i: int, text: str) -> bool:
    """'fairly'/'relatively' hedge a following word; at a clause end they are manner ('treated fairly')."""
    return i + 1 < len(tokens) and not clause_break(text, tokens[i], tokens[i + 1])


SENSE_FILTERS: dict[str, Callable[[Sequence[Token], int, str], bool]] = {
    "may": _modal_may,
    "could": _modal_could,
    "couldn't": _modal_could,
    "couldnt": _modal_could,
    "might": _modal_might,
    "possible": _possible,
    **dict.fromkeys(QUANTIFIER_CUES, _quantifier),
    "most": _most,
    "certain": _certain,
    **dict.fromkeys(_CLAUSE_ADVERBS, _clause_adverb),
}


def _matches(tokens: Sequence[Token], i: int, cue: Cue) -> bool:
    """True when the cue's words are the tokens from ``i`` on."""
    n = len(cue.words)
    return i + n <= len(tokens) and all(tokens[i + k].low == cue.words[k] for k in range(n))


def match_cues(tokens: Sequence[Token], lexicon: Lexicon, text: str, skip: set[int]) -> list[tuple[int, int, Cue]]:
    """Non-overlapping hedge cues as ``(first, last + 1, cue)`` token ranges, longest first.

    Tokens in ``skip`` (already part of an attribution) start no cue.
    """
    found: list[tuple[int, int, Cue]] = []
    i = 0
    while i < len(tokens):
        group = () if i in skip else lexicon.cues.get(tokens[i].low, ())
        cue = next((c for c in group if _matches(tokens, i, c)), None)
        keep = SENSE_FILTERS.get(" ".join(cue.words)) if cue is not None else None
        if cue is not None and (keep is None or keep(tokens, i, text)):
            found.append((i, i + len(cue.words), cue))
            i += len(cue.words)
        else:
            i += 1
    return found

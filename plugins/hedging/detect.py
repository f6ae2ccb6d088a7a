"""Sentence analysis of the hedging scorer: each hedge and attribution, classified.

For every sentence of a field, the attributions are found first (vague sources,
agentless passives), then the hedge cues in the remaining words; each hedge is then
the author's own, or *attributed* when it sits inside a direct quotation or in a
sentence that credits its claim to a named source (and to no vague one).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from itertools import compress, count
from operator import itemgetter
from typing import NamedTuple

from copydesk import TextView
from copydesk.plugins.hedging.content import OPENING_WORDS, resolved_next
from copydesk.plugins.hedging.cues import SentenceTokens, Token
from copydesk.plugins.hedging.lexicon import Lexicon, cue_starts
from copydesk.plugins.hedging.senses import CUE_GATES, match_cues
from copydesk.plugins.hedging.sources import WINDOW, Attribution, may_be_passive, may_credit, passives, vague_sources
from copydesk.plugins.hedging.speakers import (
    claim_ends,
    claim_span,
    credited_spans,
    names_source,
    reach,
    reporting_suggest,
)

HEDGE = "hedge"
VAGUE = "vague"
ATTRIBUTED = "attributed"
#: Marks that may open an aside a vague source's verb follows (:func:`~copydesk.plugins.hedging.sources.may_credit`).
_DASH_MARKS = ("-", "\u2013", "\u2014")
#: A body line of at most this many words without sentence punctuation is a heading.
HEADING_WORDS = 6
ENDINGS = frozenset(".!?…\"”’'")
#: A field of at most this many words has its trigger words read from its forms, not from the
#: core's shared word index: building the index for a title costs about five times the reading.
SHORT_FIELD = 64
#: Numbers between 'the' and a definite source ('the two researchers said').
NUMBER_WORDS = frozenset("two three four five six seven eight nine ten".split())
Spans = Sequence[tuple[int, int]]


class Hit(NamedTuple):
    """One hedge or vague attribution: kind, character span, category, cue words, source.

    A named tuple, not a frozen dataclass: a sentence's hits are made in bulk, and a tuple
    is built several times faster.

    :ivar kind: ``hedge`` (the author's own), ``attributed`` (quoted or credited to a
        named source) or ``vague`` (a vague attribution).
    :ivar category: the cue list (``modals``, ``approximators``, ...) or the
        attribution pattern (``source-says``, ``impersonal``, ...).
    :ivar source: for attributed hedges, ``quote`` or ``named``.
    """

    kind: str
    start: int
    end: int
    category: str
    cue: str
    sentence: int
    source: str = ""


def _words(tokens: Sequence[Token], first: int, last: int) -> str:
    """The lower-cased words of a token range."""
    return " ".join(t.low for t in tokens[first:last])


def analyse_sentence(
    tokens: Sequence[Token],
    text: str,
    lexicon: Lexicon,
    index: int,
    lows: Sequence[str] | None = None,
    opening: Sequence[int] | None = None,
    named_before: Callable[[str], bool] | None = None,
) -> list[Hit]:
    """Every hit of one sentence, in token order.

    ``lows``, when given, is the tokens' lower-cased forms (the splitter's slice of them),
    handed to each scan of the sentence instead of read from every token again; ``opening``,
    the tokens where a cue may start (see :func:`~copydesk.plugins.hedging.senses.match_cues`);
    ``named_before``, given a definite source's words ('the researchers said'), whether a
    source was named earlier in the field for it to stand for.
    """
    lows = [token.low for token in tokens] if lows is None else lows
    used, judged, vague, anaphors = _attributions(tokens, text, lexicon, lows, named_before)
    not_verbs = set(used)
    for first, last, cue in match_cues(tokens, lexicon, text, used, lows, opening):
        judged.append((first, last, cue.category, " ".join(cue.words)))
        if cue.category != "verbs":
            not_verbs.update(range(first, last))
    # Who is credited matters only to the hedges found and to an impersonal 'it is said'.
    ends = claim_ends(tokens, text) if vague or anaphors else ([], [])
    named = [_claim(tokens, a, text, ends) for a in anaphors]
    verbs = [a.last - 1 for a in anaphors]
    impersonal = any(_impersonal_it(tokens, a) for a in vague)
    if judged or impersonal:
        named += credited_spans(tokens, text, lexicon, not_verbs, lows, verbs)
        # 'Jo Roe suggested ...': the verb of her credit reports what she said, no hedge
        # (a set: a run-on sentence may hold a credit per cue; session 29)
        credit_verbs = set(verbs)
        judged = [cue for cue in judged if cue[0] not in credit_verbs or not reporting_suggest(tokens, cue[0], text)]
    # what the credits reach is read only for an impersonal 'it is said' (below)
    reached = _coverage(reach(tokens, text, named, verbs)) if impersonal else _NOWHERE
    hits: list[Hit] = []
    claims = []
    for a in vague:
        if _impersonal_it(tokens, a) and reached(a.first):
            judged.append((a.first, a.last, "passive", _words(tokens, a.first, a.last)))
            continue
        claims.append(_claim(tokens, a, text, ends))
        start, end = tokens[a.first].start, tokens[a.last - 1].end
        hits.append(Hit(VAGUE, start, end, a.pattern, _words(tokens, a.first, a.last), index))
    hits += _hedges(tokens, index, judged, claims, named)
    return sorted(hits, key=_ORDER)


#: A sentence's hits in order: by start, end, then kind (Hit's fields 1, 2 and 0).
_ORDER = itemgetter(1, 2, 0)


def _hedges(
    tokens: Sequence[Token], index: int, judged: Iterable[tuple[int, int, str, str]], claims: Spans, named: Spans
) -> list[Hit]:
    """The hedges, each the author's or attributed: to a quotation, a vague source's claim, or a named one's."""
    in_claim, in_named = _coverage(claims), _coverage(named)
    anonymous: bool | None = None
    hits = []
    for first, last, category, words in judged:
        quoted = tokens[first].quoted
        if quoted:
            # an unnamed source's quotation, unless a named speaker's claim holds it too
            if not in_named(first) and not in_claim(first) and anonymous is None:
                anonymous = _anonymous(tokens)
            unnamed = not in_named(first) and (in_claim(first) or bool(anonymous))
            source = "vague" if unnamed else "quote"
        else:
            source = "vague" if in_claim(first) else "named" if in_named(first) else ""
        kind = ATTRIBUTED if source else HEDGE
        hits.append(Hit(kind, tokens[first].start, tokens[last - 1].end, category, words, index, source))
    return hits


#: Words after 'to be' that, after a refusal, hide the speaker ('asked not to be named').
_HIDDEN = frozenset({"named", "identified"})
_REFUSALS = frozenset({"not", "declined", "refused", "wished"})


def _anonymous(tokens: Sequence[Token]) -> bool:
    """True when the sentence, outside its quotations, says its speaker is not named.

    'a spokesman who asked not to be named said', 'speaking on condition of anonymity',
    'an official, who declined to be identified, said': a quotation there is an unnamed
    source's, as in '"...," a source said'.
    """
    for k, tok in enumerate(tokens):
        if tok.quoted:
            continue
        if tok.low in ("anonymity", "anonymously"):
            return True
        if tok.low in _HIDDEN and k >= 3 and tokens[k - 1].low == "be" and tokens[k - 2].low == "to":
            if tokens[k - 3].low in _REFUSALS:
                return True
    return False


def _attributions(
    tokens: Sequence[Token],
    text: str,
    lexicon: Lexicon,
    lows: Sequence[str],
    named_before: Callable[[str], bool] | None,
) -> tuple[set[int], list[tuple[int, int, str, str]], list[Attribution], list[Attribution]]:
    """A sentence's attributions, left to right, not overlapping.

    Returns their tokens, the agentless passives (hedges), the vague ones, and the
    definite sources that stand for one named earlier.
    """
    used: set[int] = set()
    judged: list[tuple[int, int, str, str]] = []
    vague: list[Attribution] = []
    anaphors: list[Attribution] = []
    attributions = vague_sources(tokens, text, lexicon, lows) + passives(tokens, lexicon, lows)
    for a in sorted(attributions, key=lambda a: (a.first, -a.last)):
        if used.intersection(range(a.first, a.last)) or (a.vague and tokens[a.first].quoted):
            continue
        used.update(range(a.first, a.last))
        if not a.vague:
            judged.append((a.first, a.last, "passive", _words(tokens, a.first, a.last)))
        elif (
            named_before is not None
            and _definite(tokens, a)
            and named_before(_words(tokens, max(0, a.first - 2), a.last))
        ):
            anaphors.append(a)
        else:
            vague.append(a)
    return used, judged, vague, anaphors


def _coverage(spans: Spans) -> Callable[[int], bool]:
    """Whether a token lies in one of the token ranges ``spans`` (they may overlap), asked token by token.

    Token ``i`` lies in one when more ranges open at or before it than close at or before it
    (the depth a pass over every token would count, found by bisection: only a sentence's
    hits are asked, not each of its tokens).
    """
    if not spans:
        return _NOWHERE
    opens, closes = sorted(start for start, _ in spans), sorted(end for _, end in spans)
    return lambda i: bisect.bisect_right(opens, i) > bisect.bisect_right(closes, i)


def _nowhere(_: int) -> bool:
    """No token lies in a range (there are none)."""
    return False


#: The coverage of no ranges.
_NOWHERE: Callable[[int], bool] = _nowhere


def _claim(tokens: Sequence[Token], a: Attribution, text: str, ends: tuple[list[int], list[int]]) -> tuple[int, int]:
    """The claim an attribution credits: around its verb ('according' for 'according to').

    What 'reports of/that' credit is their content, up to the next clause break ('Reports
    of secret talks, ..., are raising hopes': the rest is the author's).
    """
    verb = a.first if a.pattern == "according-to" else a.last - 1
    end = ends[0][verb]
    if a.pattern == "reports-of":
        end = min(end, ends[1][min(a.last, len(tokens))])
    return claim_span(tokens, a.first, verb, text, end)


def _definite(tokens: Sequence[Token], a: Attribution) -> bool:
    """True for a plural source with 'the' before it that says ('the researchers said', 'the two experts argue').

    After a source named earlier it stands for that source, as 'he' or 'the ministry' does.
    """
    k = a.first - 1
    if a.pattern != "source-says" or k < 0 or not tokens[a.first].low.endswith("s"):
        return False
    if k >= 1 and (tokens[k].low in NUMBER_WORDS or tokens[k].low.isdigit()):
        k -= 1
    return tokens[k].low == "the"


def _impersonal_it(tokens: Sequence[Token], a: Attribution) -> bool:
    """True for an impersonal passive with 'it' ('it is estimated', 'it was said')."""
    return a.pattern == "impersonal" and tokens[a.first].low == "it"


def is_heading(view: TextView, index: int, words: int) -> bool:
    """True for a body line that is a section heading: a short line without sentence punctuation."""
    sentence = view.sentences[index]
    line = view.lines[sentence.line]
    whole = sentence.start == line.start and sentence.end == line.end
    return view.field == "text" and whole and words <= HEADING_WORDS and view.text[line.end - 1] not in ENDINGS


def _triggered(view: TextView, splitter: SentenceTokens, lexicon: Lexicon) -> tuple[list[int], list[int]]:
    """The token indices of :func:`analyse`'s trigger words, in order; and those where a cue may start.

    A cue may start at a cue of one word and at the first word of a cue of several words
    whose words all follow: :func:`~copydesk.plugins.hedging.senses.match_cues` tries only those.

    The words that may be a trigger or anchor a cue of several words (:attr:`Lexicon.watched`;
    most words are not) are read from the word index the core shares
    (:attr:`Lexicon.occurrences`), not from a pass over every word (but in a field of at most
    :data:`SHORT_FIELD` words, whose index nothing else reads); then each is checked: a trigger word
    alone, or the first word of a cue of several words whose words all follow from there
    (found from the cue's anchor, :attr:`Lexicon.cue_anchors`, not from its first word).
    """
    lows = splitter.lows
    triggers, passive, anchors = lexicon.triggers, lexicon.passive_triggers, lexicon.cue_anchors
    text, last = view.text, len(lows) - 1

    def dashed(k: int) -> bool:
        """Whether a hyphen or dash stands in the text within a vague source's window after word ``k``."""
        stop = splitter.starts[min(k + WINDOW + 1, last)]
        return any(mark in text[splitter.ends[k] : stop] for mark in _DASH_MARKS)

    vague_only, vague_sources = lexicon.vague_only, lexicon.vague_sources

    def may_hit(k: int, low: str) -> bool:
        """Whether trigger word ``k`` may give a hit.

        A vague source that starts no cue may only where it may credit a claim, a gated cue
        (:data:`~copydesk.plugins.hedging.senses.CUE_GATES`) where its sense filter may keep it.
        """
        if low in vague_only:
            return may_credit(lows, k, lexicon, dashed)
        gate = CUE_GATES.get(low)
        if gate is None or gate(lows, view.text, splitter.starts, splitter.ends, k):
            return True
        return low in vague_sources and may_credit(lows, k, lexicon, dashed)

    occurrences, starts = lexicon.occurrences, splitter.starts
    if occurrences is None or len(lows) <= SHORT_FIELD:
        # a few words (a title) are read: no other scorer asks for a title's word index
        watched: Iterable[int] = compress(count(), map(lexicon.watched.__contains__, lows))
    else:  # the shared word index, not a pass over every word
        watched = [bisect.bisect_left(starts, at) for at in occurrences.starts(view)]
    found: list[int] = []
    opening: list[int] = []
    single = lexicon.single_cues
    for k in watched:
        low = lows[k]
        if (low in triggers and may_hit(k, low)) or (low in passive and may_be_passive(lows, k, lexicon)):
            found.append(k)
        if low in single:
            opening.append(k)
        if low in anchors and (starting := cue_starts(lows, k, anchors[low])):
            found += starting
            opening += starting
    return sorted(set(found)), sorted(set(opening))


def analyse(view: TextView, lexicon: Lexicon) -> list[Hit]:
    """Every hit of a field (title or body), in reading order; body headings are skipped.

    Only sentences holding a trigger word (:attr:`Lexicon.triggers`; a vague source that
    starts no cue only where it may credit a claim,
    :func:`~copydesk.plugins.hedging.sources.may_credit`), all the words of a longer cue
    (found where its anchor word is, :attr:`Lexicon.cue_anchors`) or a word that may start a passive
    (:func:`~copydesk.plugins.hedging.sources.may_be_passive`) are analysed: the others
    can have no hit, and their tokens are never built.
    """
    found: list[Hit] = []
    if not view.sentences:
        return found
    splitter = SentenceTokens(view)
    triggered, opening = _triggered(view, splitter, lexicon)
    if not triggered:
        return found
    sentences = view.sentences
    starts = splitter.starts
    # The sentence each trigger starts in; a trigger is then checked to be among that
    # sentence's tokens (a word running past the sentence's end is not).
    candidates = sorted({i for k in triggered if (i := view.sentence_index(starts[k])) is not None})
    earlier = _Earlier(view, splitter, lexicon)
    for index in candidates:
        sentence = sentences[index]
        first, last = splitter.bounds(sentence.start, sentence.end)
        if first == last or bisect.bisect_left(triggered, first) == bisect.bisect_left(triggered, last):
            continue
        if not is_heading(view, index, last - first):
            cues = opening[bisect.bisect_left(opening, first) : bisect.bisect_left(opening, last)]
            hits = analyse_sentence(
                splitter.between(first, last),
                view.text,
                lexicon,
                index,
                splitter.lows[first:last],
                [k - first for k in cues],
                partial(earlier.named_before, index),
            )
            if any(hit.kind == VAGUE for hit in hits) and index + 1 < len(sentences):
                # Only the next sentence's opening words are read (content.OPENING_WORDS).
                opens, closes = splitter.bounds(sentences[index + 1].start, sentences[index + 1].end)
                following = splitter.between(opens, min(closes, opens + OPENING_WORDS))
                hits = _resolve_lead(hits, following, view.text, lexicon.vague_sources)
            earlier.saw(hits)
            found += hits
    return found


def _resolve_lead(hits: list[Hit], following: Sequence[Token], text: str, sources: frozenset[str]) -> list[Hit]:
    """The hits without the vague sources that the next sentence names ('Some experts ...' / 'Jo Roe, an expert').

    The roles looked for are the attribution's source nouns (``sources``), not its verb or
    modifiers: 'Officials said ...' is not named by 'Mr Smith, the minister, said ...'.
    When every vague source of the sentence is named so, the hedges in their claims are a named source's.
    """
    kept = []
    for hit in hits:
        roles = {w for word in hit.cue.split() if word in sources for w in (word, word.removesuffix("s"))}
        if hit.kind != VAGUE or not resolved_next(following, text, roles):
            kept.append(hit)
    if any(hit.kind == VAGUE for hit in kept):
        return kept
    return [hit._replace(source="named") if hit.source == "vague" else hit for hit in kept]


#: Sentences looked back over for the named source a definite one stands for (same paragraph).
ANAPHOR_WINDOW = 3
_RESEARCH = frozenset(
    "dr professor prof researcher researchers scientist scientists expert experts team university institute"
    " laboratory lab study".split()
)
#: For each definite source noun, the words near a named source that make it one of them
#: ('Dr Jo Roe' for 'the researchers'; 'Mr Smith' alone is not 'the officials').
SOURCE_TITLES = {
    "researcher": _RESEARCH,
    "scientist": _RESEARCH,
    "expert": _RESEARCH,
    "official": frozenset(
        "official officials minister ministers spokesman spokeswoman spokesperson secretary mayor governor"
        " commissioner director ministry department council government agency authority".split()
    ),
    "analyst": frozenset("analyst analysts economist economists strategist strategists".split()),
    "economist": frozenset("analyst analysts economist economists".split()),
}


class _Earlier:
    """Whether a definite source ('the researchers said') stands for a source named just before.

    A sentence names one when it credits a claim to a named source
    (:func:`~copydesk.plugins.hedging.speakers.names_source`). Only the
    :data:`ANAPHOR_WINDOW` sentences before, in the same paragraph, are read, each at most
    once (cached), so the work stays linear.
    """

    def __init__(self, view: TextView, splitter: SentenceTokens, lexicon: Lexicon) -> None:
        self.view, self.splitter, self.lexicon = view, splitter, lexicon
        self.names: dict[int, bool] = {}
        #: The source words of the vague attributions reported so far ('officials', 'official').
        self.vague: set[str] = set()

    def saw(self, hits: Iterable[Hit]) -> None:
        """Note the source words of a sentence's vague attributions: a definite one later stands for them."""
        sources = self.lexicon.vague_sources
        for hit in hits:
            if hit.kind == VAGUE:
                self.vague.update(w.removesuffix("s") for w in hit.cue.split() if w in sources)

    def named_before(self, index: int, words: str) -> bool:
        """True when a sentence just before sentence ``index`` names a source that ``words`` may stand for.

        ``words`` is the definite source with 'the' and its number ('the two researchers
        said'). The named source is in the same paragraph, at most :data:`ANAPHOR_WINDOW`
        sentences before, with a word of the noun's :data:`SOURCE_TITLES` in its sentence
        ('Dr Jo Roe said ...' / 'The researchers said ...'); with a number ('the two experts'),
        that word is plural or there twice (two people). Not when the same source noun was a
        vague attribution before ('Current and former officials said ...' / 'The officials
        said ...': still nobody named); for other nouns, never.
        """
        split = words.split()
        if any(w.removesuffix("s") in self.vague for w in split):
            return False
        nouns = [w.removesuffix("s") for w in split if w.removesuffix("s") in SOURCE_TITLES]
        if not nouns:
            return False
        titles, counted = SOURCE_TITLES[nouns[0]], not NUMBER_WORDS.isdisjoint(split) or any(w.isdigit() for w in split)
        sentences = self.view.sentences
        line = sentences[index].line
        for k in range(index - 1, max(-1, index - 1 - ANAPHOR_WINDOW), -1):
            if sentences[k].line != line:
                return False
            first, last = self.splitter.bounds(sentences[k].start, sentences[k].end)
            found = [w for w in self.splitter.lows[first:last] if w in titles]
            enough = len(found) > 1 or any(w.endswith("s") for w in found) if counted else bool(found)
            if enough and self._names(k, first, last):
                return True
        return False

    def _names(self, k: int, first: int, last: int) -> bool:
        """Whether sentence ``k`` (tokens ``first`` to ``last``) names a source; read once."""
        if k not in self.names:
            lows = self.splitter.lows[first:last]
            self.names[k] = not self.lexicon.speech_verbs.isdisjoint(lows) and names_source(
                self.splitter.between(first, last), self.view.text, self.lexicon
            )
        return self.names[k]

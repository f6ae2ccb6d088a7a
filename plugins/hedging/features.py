"""The hedging scorer's features: hedge cues, vague attribution, loaded words, modals.

These are the issue-13 prototype's lexicon counts over the body, independent of the
scorer's own finding logic (which separates senses and voices): the aggregate is
fitted on exactly these definitions. Single-word cues are looked up among the core's
words (the token stream's forms, read from the word index the core shares,
:class:`copydesk.measures.Occurrences`; a hyphenated word such as "may-day" is one word and no cue); phrases are matched with regular expressions. Densities floor the word count at 300 and shares
are smoothed (:mod:`copydesk.measures`).
"""

from __future__ import annotations

import re

from copydesk import Document, Feature, TextView, measures

HEDGE_WORDS = (
    "may might could possibly perhaps probably likely unlikely apparently seemingly seems seem seemed appears "
    "appear appeared suggests suggest suggested potentially potential arguably presumably supposedly purportedly "
    "speculated speculation unclear uncertain somewhat largely mostly generally typically often sometimes maybe "
    "conceivably plausibly tend tends indicate indicates signal signals hints hint"
).split()
HEDGES = frozenset(HEDGE_WORDS)
VAGUE_ATTRIBUTION = re.compile(
    r"\b(?:(?:some|many|most|several|other|unnamed|anonymous)\s(?:people|experts|analysts|observers|critics|"
    r"sources|officials|insiders|reports|commentators|scientists|believe|say|claim|argue|think)"
    r"|sources?\s(?:say|said|says|claim|claimed|told|close\sto|familiar)"
    r"|(?:an?|the)\s(?:source|insider|tipster|pal|friend)"
    r"|insiders?|it\sis\s(?:said|believed|rumou?red|reported|claimed|thought|alleged)"
    r"|(?:reports|rumou?rs|speculation)\s(?:suggest|say|indicate|claim|have\s(?:it|surfaced)|is\s(?:rife|swirling))"
    r"|according\sto\s(?:sources|reports|insiders|rumou?rs|some|many|an?\s(?:source|insider|report))"
    r"|people\sfamiliar\swith|reportedly|allegedly|rumou?red|is\sbelieved\sto|are\sbelieved\sto)\b",
    re.IGNORECASE,
)
#: The words a match of :data:`VAGUE_ATTRIBUTION` can open with.
VAGUE_FIRST_WORDS = (
    "some many most several other unnamed anonymous source sources a an the insider insiders it reports rumors "
    "rumours speculation according people reportedly allegedly rumored rumoured is are"
).split()
LOADED_WORDS = (
    "shocking stunning incredible incredibly amazing unbelievable outrageous horrific disgusting insane crazy epic "
    "bombshell explosive devastating massive huge totally absolutely completely utterly literally truly extremely "
    "very really seismic unprecedented dramatic dramatically staggering crucial critical vital pivotal significant "
    "significantly remarkable remarkably profound landscape navigate navigating robust underscores underscore "
    "highlighting highlights delve crucially furthermore moreover ultimately notably evolving complex complexities "
    "nuanced fostering foster paramount realm tapestry intricate multifaceted slam slams slammed blast blasts "
    "destroys destroyed hilarious heartbreaking terrifying scandal disaster evil corrupt liar lies"
).split()
LOADED = frozenset(LOADED_WORDS)
SUPERLATIVE = re.compile(
    r"\b(?:most|least|best|worst|greatest|biggest|largest|smallest|highest|lowest|ever|never\sbefore|of\sall\stime)\b",
    re.IGNORECASE,
)
#: The words a match of :data:`SUPERLATIVE` can open with.
SUPERLATIVE_FIRST_WORDS = "most least best worst greatest biggest largest smallest highest lowest ever never of".split()
MODALS = frozenset("will would should must can".split())

FEATURES = (
    Feature(
        "hedges_per_1000_words",
        "problem",
        "Hedge cues (may, might, could, likely, appears, suggests, ... 47 words) per 1,000 words, every sense "
        "and voice counted (at least 300 words assumed).",
        "per_1000_words",
    ),
    Feature(
        "vague_attributions_per_1000_words",
        "problem",
        "Vague attribution (sources say, insiders, a source close to, reportedly, allegedly, it is believed, "
        "people familiar with, ...) per 1,000 words (at least 300 words assumed).",
        "per_1000_words",
    ),
    Feature(
        "hedged_sentence_share",
        "problem",
        "Share of sentences with a hedge cue or a vague attribution (smoothed, prior 0.2).",
        "share",
    ),
    Feature(
        "loaded_words_per_1000_words",
        "problem",
        "Loaded, intensifying or promotional words (shocking, massive, crucial, landscape, underscores, "
        "slammed, ...) per 1,000 words (at least 300 words assumed).",
        "per_1000_words",
    ),
    Feature(
        "superlatives_per_1000_words",
        "problem",
        "Superlatives (most, best, worst, biggest, ever, of all time, ...) per 1,000 words (at least 300 words "
        "assumed).",
        "per_1000_words",
    ),
    Feature(
        "modals_per_1000_words",
        "problem",
        "will, would, should, must, can per 1,000 words: speculation about what is to come (at least 300 words "
        "assumed).",
        "per_1000_words",
    ),
)

#: Where the hedge cues, loaded words and modals occur, read from the word index the core shares.
HEDGES_AT, LOADED_AT, MODALS_AT = map(measures.Occurrences, (HEDGES, LOADED, MODALS))
#: The same patterns, tried only where their first words start.
VAGUE = measures.Anchored(VAGUE_ATTRIBUTION, VAGUE_FIRST_WORDS)
SUPERLATIVES = measures.Anchored(SUPERLATIVE, SUPERLATIVE_FIRST_WORDS)

#: The commonest words that open :data:`VAGUE_ATTRIBUTION`'s and :data:`SUPERLATIVE`'s matches
#: (``it_is``: "it is"), each with the width of the words and the white-space character after
#: them (a match starts that far before the next word) and the one way a match goes on from
#: there: each opens a match only before the words written after it here.
_LATE = {
    "the": (4, "source|insider|tipster|pal|friend"),
    "an": (3, "source|insider|tipster|pal|friend"),
    "a": (2, "source|insider|tipster|pal|friend"),
    "it_is": (6, "said|believed|rumou?red|reported|claimed|thought|alleged"),
    "is": (3, r"believed\sto"),
    "are": (4, r"believed\sto"),
    "of": (3, r"all\stime"),
}


def _late(name: str) -> str:
    """The way ``name`` opens a match, as a capturing group that starts at the next word and looks behind for ``name``."""
    return rf"((?<=\b{name.replace('_', chr(92) + 's')}\s)(?:{_LATE[name][1]}))"


#: The late groups of :data:`VAGUE_LATE` and :data:`SUPERLATIVES_LATE`, in order (group 1 first):
#: how far before where it is found each one's match starts. The patterns' other ways capture nothing.
_VAGUE_WIDTHS = (0, *(_LATE[name][0] for name in ("the", "an", "a", "it_is", "is", "are")))
_SUPERLATIVE_WIDTHS = (0, _LATE["of"][0])


#: :data:`VAGUE_ATTRIBUTION` and :data:`SUPERLATIVE` with the ways their commonest first words
#: ("the", "a", "of" ...: 72 of the 80 places :data:`VAGUE` tries in an average article, 17 of
#: :data:`SUPERLATIVES`' 20) open a match written to start at the next word, looking behind for
#: the first: tried there, at the few places that word occurs, and first (a match from the first
#: word would have been found before any that opens at the next word). The match of such a
#: group starts its width before where it is found (:func:`_starts`).
VAGUE_LATE = measures.Anchored(
    re.compile(
        r"\b(?:"
        + "|".join(map(_late, ("the", "an", "a", "it_is", "is", "are")))
        + "|"
        + VAGUE_ATTRIBUTION.pattern.removeprefix(r"\b(?:")
        .replace(r"|(?:an?|the)\s(?:source|insider|tipster|pal|friend)", "")
        .replace(r"|it\sis\s(?:said|believed|rumou?red|reported|claimed|thought|alleged)", "")
        .replace(r"|is\sbelieved\sto|are\sbelieved\sto", ""),
        re.IGNORECASE,
    ),
    [w for w in VAGUE_FIRST_WORDS if w not in ("the", "an", "a", "it", "is", "are")]
    + "source insider tipster pal friend said believed rumoured rumored reported claimed thought alleged".split(),
)
SUPERLATIVES_LATE = measures.Anchored(
    re.compile(
        r"\b(?:" + _late("of") + "|" + SUPERLATIVE.pattern.removeprefix(r"\b(?:").replace(r"|of\sall\stime", ""),
        re.IGNORECASE,
    ),
    [w for w in SUPERLATIVE_FIRST_WORDS if w != "of"] + ["all"],
)


def _starts(late: measures.Anchored, widths: tuple[int, ...], anchored: measures.Anchored, view: TextView) -> list[int]:
    """Where ``anchored``'s matches in ``view`` start, found by ``late`` (its twin above, its groups' ``widths``).

    A match of a late group starts its group's width before where it is found. Should it then start
    before the end of the match found before it (a match that ends with such a first word:
    "reports have it is said"), the matches from the first words would not be the same, and
    ``anchored`` is searched instead.
    """
    found: list[int] = []
    end = 0
    for match in late.finditer(view):
        start = match.start() - widths[match.lastindex or 0]
        if start < end:
            return [other.start() for other in anchored.finditer(view)]
        found.append(start)
        end = match.end()
    return found


def features(document: Document) -> dict[str, float]:
    """Every hedging feature of ``document``'s body (see :data:`FEATURES`)."""
    body = document.body
    words = body.word_count
    # The three lists' words are read from the shared word index, not from a pass over every word.
    hedges = HEDGES_AT.starts(body)
    vague = _starts(VAGUE_LATE, _VAGUE_WIDTHS, VAGUE, body)
    hedged = {body.sentence_index(start) for start in hedges + vague} - {None}
    return {
        "hedges_per_1000_words": measures.per_1000(len(hedges), words),
        "vague_attributions_per_1000_words": measures.per_1000(len(vague), words),
        "hedged_sentence_share": measures.share(len(hedged), measures.sentence_count(body), 0.2),
        "loaded_words_per_1000_words": measures.per_1000(LOADED_AT.count(body), words),
        "superlatives_per_1000_words": measures.per_1000(
            len(_starts(SUPERLATIVES_LATE, _SUPERLATIVE_WIDTHS, SUPERLATIVES, body)), words
        ),
        "modals_per_1000_words": measures.per_1000(MODALS_AT.count(body), words),
    }

"""Forecasters carried on: an agentless forecast whose named forecaster the sentences around it give.

News copy names a forecaster once and goes on in the passive: '"...," the Harbour
Institute said. Growth is expected at 2.6% this year and 2.1% in 2026. The main risk,
the Harbour Institute said, was housing.' The passive's "expected" names no one, but the
institute is credited on both sides of it, and the forecast is its own. A lead that says
a body revised its forecast is followed by the revised figures: "Northland has cut its
growth forecast. Northland's economy is now expected to grow by 2.1%, rather than 3% as
forecast before." Two readings (:func:`carried_forecaster`), each only for an agentless
cue of expecting:

* the sentences right before and right after both credit one named source (the same
  words), which then holds the forecast between them;
* the sentence before opens on a capitalised name and says it revised "its"/"their"
  forecast ("cut", "raised", "lowered", "revised", ...), and the forecast's own sentence
  opens on that name ("Northland's economy"): the revised forecast is that body's.

A named speaker before an agentless forecast, and nothing after, is not enough: "the
market expects" is often no one in particular ("Jo Roe said sales fell. Prices are
expected to rise 4%." stays vague).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from copydesk import TextView
from copydesk.plugins.figures.attrib import PRONOUNS, Credit
from copydesk.plugins.figures.phrase import FUNCTION_WORDS, Lexicon, Word
from copydesk.plugins.figures.units import WORD

#: Cues of expecting whose agentless passive a named forecaster around it holds.
EXPECTING_CUES = frozenset("expected forecast forecasted predicted projected tipped estimated".split())
#: Verbs of revising a forecast ("Northland has cut its growth forecast").
REVISING = frozenset(
    "cut cuts raised raises lowered lowers revised revises trimmed trims upgraded downgraded slashed".split()
)
FORECAST_NOUNS = frozenset("forecast forecasts estimate estimates projection projections outlook".split())
OWNERS = frozenset({"its", "their"})
#: Words between "its"/"their" and the forecast noun ("its economic growth forecast").
FORECAST_GAP = 3
#: Words from the revising verb to "its"/"their".
REVISION_GAP = 2
#: Words of the sentence before read for the revision (a lead's; bounded, so a long one stays cheap).
REVISION_WORDS = 40


class Sentences(Protocol):
    """What the readings need of a document's sentences (the analysis's per-document caches)."""

    view: TextView
    text: str
    lex: Lexicon

    def words(self, index: int) -> list[Word]:
        """The words of sentence ``index``."""
        ...

    def credits(self, index: int) -> list[Credit]:
        """The credits of sentence ``index``."""
        ...


def carried_forecaster(sents: Sentences, index: int, credit: Credit) -> str | None:
    """The named forecaster an agentless forecast in sentence ``index`` carries on (see the module doc), or None."""
    if credit.source[0] < credit.source[1]:
        return None
    match = WORD.match(sents.text, credit.cue)
    if match is None or match.group().lower() not in EXPECTING_CUES:
        return None
    return _named_both_sides(sents, index) or _revised_before(sents, index)


def _named_sources(sents: Sentences, index: int) -> set[str]:
    """The named sources credited in sentence ``index``, as written."""
    return {c.source_text for c in sents.credits(index) if c.named}


def _named_both_sides(sents: Sentences, index: int) -> str | None:
    """The one named source credited both in the sentence before and in the sentence after, or None."""
    if index == 0 or index + 1 >= len(sents.view.sentences):
        return None
    both = _named_sources(sents, index - 1) & _named_sources(sents, index + 1)
    return min(both) if both else None


def _revised_before(sents: Sentences, index: int) -> str | None:
    """The name opening the sentence before, when it revised its forecast and opens this sentence too, or None."""
    if index == 0:
        return None
    text, before, words = sents.text, sents.words(index - 1), sents.words(index)
    if not before or not words or not text[before[0].start].isupper() or not _revises_forecast(before):
        return None
    name = text[before[0].start : before[0].end]
    if before[0].lower in FUNCTION_WORDS | PRONOUNS or before[0].lower in sents.lex.vague:
        return None  # "The ...", "It has cut ...", "Analysts have cut ...": no name
    return name if text[words[0].start : words[0].end].startswith(name) else None


def _revises_forecast(words: Sequence[Word]) -> bool:
    """Whether the first :data:`REVISION_WORDS` words say someone revised its or their forecast ("has cut its forecast")."""
    words = words[:REVISION_WORDS]
    for at, word in enumerate(words):
        if word.lower not in REVISING:
            continue
        owner = next(
            (n for n in range(at + 1, min(len(words), at + 1 + REVISION_GAP)) if words[n].lower in OWNERS), None
        )
        if owner is not None and any(w.lower in FORECAST_NOUNS for w in words[owner + 1 : owner + 1 + FORECAST_GAP]):
            return True
    return False

"""The fast paths of the sourcing and hedging scorers find exactly what the plain patterns find.

Each fast path (a pattern tried only where its first words start, a sentence skipped
because it holds no trigger word) must give the very results of the slow one on any
text: these tests compare them on random text built from the words that matter,
apostrophes, hyphens, underscores and the characters case folding treats specially.
"""

from __future__ import annotations

from copydesk.plugins import hedging
from copydesk.plugins.hedging import features as hdg
from copydesk.plugins.hedging.cues import SentenceTokens
from copydesk.plugins.hedging.detect import analyse, analyse_sentence, is_heading
from copydesk.plugins.hedging.lexicon import lexicon_for
from copydesk.text import TextView
from hypothesis import given, settings
from hypothesis import strategies as st

PIECES = [
    *hdg.VAGUE_FIRST_WORDS,
    *hdg.SUPERLATIVE_FIRST_WORDS,
    "experts",
    "say",
    "believed",
    "to",
    "familiar",
    "with",
    "all",
    "time",
    "before",
    "close",
    "said",
    "told",
    "could",
    "may",
    "May",
    "possibly",
    "The",
    "Experts",
    "SOURCES",
    "by",
    "many",
    "is thought to",
    "a few",
    "in general",
    "I think",
    "remains to be seen",
    "Jo Roe",
    ",",
    ".",
    ". ",
    "\n",
    '"',
    "“",
    "”",
    "‘",
    "’",
    "'",
    "-",
    "_",
    " ",
    "  ",
    "\t",
    "x",
    "2024",
    "\u0130",
    "\u0131",
    "\u017f",
    "K",
    "\u212a",
]
texts = st.lists(st.sampled_from(PIECES), max_size=40).map(
    lambda parts: "".join(part if i % 3 == 0 else " " + part for i, part in enumerate(parts))
)


@settings(max_examples=400, deadline=None)
@given(text=texts)
def test_anchored_patterns_find_what_the_folded_patterns_find(text: str) -> None:
    view = TextView(text)
    for anchored in (hdg.VAGUE, hdg.SUPERLATIVES):
        assert [m.span() for m in anchored.finditer(view)] == [m.span() for m in anchored.pattern.finditer(text)]


def _every_sentence(view: TextView) -> list[hedging.detect.Hit]:
    """The hedging hits of a field with every sentence analysed (no trigger-word skipping)."""
    lexicon = lexicon_for(hedging.SETTINGS)
    splitter = SentenceTokens(view)
    hits = []
    for index, sentence in enumerate(view.sentences):
        tokens = splitter.tokens(sentence.start, sentence.end)
        if tokens and not is_heading(view, index, len(tokens)):
            found = analyse_sentence(tokens, view.text, lexicon, index)
            if any(hit.kind == hedging.detect.VAGUE for hit in found) and index + 1 < len(view.sentences):
                following = view.sentences[index + 1]
                found = hedging.detect._resolve_lead(found, splitter.tokens(following.start, following.end), view.text)
            hits.extend(found)
    return hits


@settings(max_examples=300, deadline=None)
@given(text=texts)
def test_skipping_sentences_without_trigger_words_changes_no_hit(text: str) -> None:
    view = TextView(text)
    assert list(analyse(view, lexicon_for(hedging.SETTINGS))) == _every_sentence(view)


def test_a_sentence_without_trigger_words_is_skipped_and_one_with_a_cue_pair_is_not(monkeypatch) -> None:
    view = TextView("The council met on Tuesday. In general, the plan works. The mayor agreed.")
    analysed: list[int] = []

    def counted(tokens, text, lexicon, index):  # type: ignore[no-untyped-def]
        analysed.append(index)
        return analyse_sentence(tokens, text, lexicon, index)

    monkeypatch.setattr(hedging.detect, "analyse_sentence", counted)
    hits = list(analyse(view, lexicon_for(hedging.SETTINGS)))
    assert [(h.cue, h.sentence) for h in hits] == [("in general", 1)]
    assert analysed == [1]

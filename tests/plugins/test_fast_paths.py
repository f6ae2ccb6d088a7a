"""The fast paths of the sourcing and hedging scorers find exactly what the plain patterns find.

Each fast path (a pattern tried only where its first words start, a sentence skipped
because it holds no trigger word) must give the very results of the slow one on any
text: these tests compare them on random text built from the words that matter,
apostrophes, hyphens, underscores and the characters case folding treats specially.
The words come from the slow reference patterns' own alternatives and from the lexicon
files, never from the fast paths' lists, and exhaustive checks (every word a reference
pattern can open with, every phrase it matches, every lexicon entry in a few sentences)
catch a word a fast path's list is missing even where random text would not draw it.
"""

from __future__ import annotations

import itertools
import re
from re import _constants as sre
from re import _parser as sre_parse
from typing import Any

import pytest
from copydesk import measures
from copydesk.models import Article, Context
from copydesk.plugins import hedging, style
from copydesk.plugins.boilerplate import features as bpf
from copydesk.plugins.hedging import features as hdg
from copydesk.plugins.hedging import sources as hedging_sources
from copydesk.plugins.hedging import transcript
from copydesk.plugins.hedging.content import _FINDINGS, OPENING_WORDS, first_finding, resolved_next
from copydesk.plugins.hedging.cues import (
    _QUOTATION_SPAN,
    CLAUSE_BREAKS,
    NEST_WINDOW,
    SentenceTokens,
    clause_break,
    quote_spans,
)
from copydesk.plugins.hedging.detect import analyse, analyse_sentence, is_heading
from copydesk.plugins.hedging.lexicon import CUE_FILES, lexicon_for, read_list
from copydesk.plugins.hedging.sources import WINDOW, may_credit
from copydesk.plugins.hedging.speakers import _comment_opens, claim_ends, names_source
from copydesk.plugins.sourcing import features as src
from copydesk.plugins.sourcing import patterns as sp
from copydesk.text import Document, TextView
from hypothesis import given, settings
from hypothesis import strategies as st

# The pools below are taken from the slow reference patterns themselves (every string a
# finite pattern can match, or every word a pattern can open with), never from the fast
# paths' own lists: a word missing from a fast path's list must show up as a difference.


def _spellings(items: Any, opening: bool, before: str = "") -> set[tuple[str, bool]]:
    """What a parsed pattern can match, as (text, ended) pairs.

    Every string if ``opening`` is false (``\\s`` spelt as a space), else only the opening
    run of letters and digits, ``ended`` once another character, or a ``\\b`` after them,
    is reached.
    """
    results = {("", False)}
    for op, av in items:
        grown: set[tuple[str, bool]] = set()
        for text, ended in results:
            if ended and opening:
                grown.add((text, True))
                continue
            for more, stop in _item(op, av, opening, before + text):
                grown.add((text + more, ended or stop))
        results = grown
    return results


def _item(op: Any, av: Any, opening: bool, before: str) -> set[tuple[str, bool]]:
    """The spellings of one parsed item (see :func:`_spellings`)."""
    if op is sre.LITERAL:
        char = chr(av)
        return {("" if opening else char, True)} if not char.isalnum() else {(char, False)}
    if op is sre.IN:
        if av == [(sre.CATEGORY, sre.CATEGORY_SPACE)]:
            return {("" if opening else " ", True)}
        if all(kind is sre.LITERAL for kind, _ in av):
            return set().union(*(_item(sre.LITERAL, code, opening, before) for _, code in av))
    if op is sre.AT and av is sre.AT_BOUNDARY:
        return {("", bool(before))}
    if op is sre.ASSERT and av[0] < 0 and opening:  # a look-behind: what it reads is before the match
        return {("", False)}
    if op is sre.SUBPATTERN:
        return _spellings(av[-1], opening, before)
    if op is sre.BRANCH:
        return set().union(*(_spellings(branch, opening, before) for branch in av[1]))
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT) and av[1] <= 4:
        low, high, inner = av
        return set().union(*(_spellings(list(inner) * n, opening, before) for n in range(low, high + 1)))
    raise ValueError(f"cannot spell {op} {av}")


def spellings(pattern: re.Pattern[str]) -> set[str]:
    """Every string ``pattern`` (a finite pattern: no open-ended repeat or character range) can match."""
    return {text for text, _ in _spellings(sre_parse.parse(pattern.pattern, pattern.flags).data, False)}


def opening_words(pattern: re.Pattern[str]) -> set[str]:
    """Every word (as written) a match of ``pattern`` can open with, from the pattern's own alternatives."""
    return {text for text, _ in _spellings(sre_parse.parse(pattern.pattern, pattern.flags).data, True)}


ANCHORED = {
    name: value for module in (hdg, sp) for name, value in vars(module).items() if isinstance(value, measures.Anchored)
}
#: The anchored patterns of the other scorers (boilerplate's calls to action, style's profanity).
OTHER_ANCHORED = {"CALL_TO_ACTION": bpf.CALL_TO_ACTION, "PROFANE": style.PROFANE}


def test_every_word_an_anchored_pattern_can_open_with_is_among_its_first_words() -> None:
    assert len(ANCHORED) == 18  # sourcing's FAST_PHRASES (session 24) is the 18th
    for name, anchored in {**ANCHORED, **OTHER_ANCHORED}.items():
        words = {word.lower() for word in opening_words(anchored.pattern)}
        assert "" not in words, name
        assert words == anchored._first, (name, sorted(words ^ anchored._first))


#: Every phrase the reference vague-attribution and superlative patterns match, and every
#: entry of the hedging lexicon files (cues, vague sources, impersonal participles, verbs of
#: saying), as written and capitalised.
HEDGING_PHRASES = sorted(
    {
        variant
        for phrase in (
            spellings(hdg.VAGUE.pattern)
            | spellings(hdg.SUPERLATIVES.pattern)
            | {
                entry
                for name in (*CUE_FILES, "vague_sources", "impersonal", "speech_verbs")
                for entry in read_list(name)
            }
        )
        for variant in (phrase, phrase.capitalize())
    }
)
PIECES = [
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
texts = st.lists(st.one_of(st.sampled_from(HEDGING_PHRASES), st.sampled_from(PIECES)), max_size=40).map(
    lambda parts: "".join(part if i % 3 == 0 else " " + part for i, part in enumerate(parts))
)


def _cues_trying_every_length(tokens: list[Any], text: str, skip: set[int]) -> list[tuple[int, int, Any]]:
    """The cues of a sentence as first matched: every cue length tried at each word that opens a cue."""
    lexicon = lexicon_for(hedging.SETTINGS)
    found: list[tuple[int, int, Any]] = []
    lows = [token.low for token in tokens]
    free = 0
    for i, low in enumerate(lows):
        if low not in lexicon.cue_lookup or i < free or i in skip:
            continue
        lengths, by_words = lexicon.cue_lookup[low]
        cue = next((c for n in lengths if (c := by_words.get(tuple(lows[i : i + n]))) is not None), None)
        if cue is None or hedging.senses._in_title(tokens, i, text):
            continue
        keep = hedging.senses.SENSE_FILTERS.get(" ".join(cue.words))
        if keep is None or keep(tokens, i, text):
            found.append((i, i + len(cue.words), cue))
            free = i + len(cue.words)
    return found


@settings(max_examples=400, deadline=None)
@given(text=texts)
def test_cues_tried_only_for_their_opening_pairs_are_the_cues_of_trying_every_length(text: str) -> None:
    view = TextView(text)
    splitter = SentenceTokens(view)
    lexicon = lexicon_for(hedging.SETTINGS)
    for sentence in view.sentences:
        tokens = splitter.tokens(sentence.start, sentence.end)
        for skip in (set(), {0, 2}):
            expected = _cues_trying_every_length(tokens, text, skip)
            assert hedging.senses.match_cues(tokens, lexicon, text, skip) == expected


@settings(max_examples=400, deadline=None)
@given(text=texts)
def test_anchored_patterns_find_what_the_folded_patterns_find(text: str) -> None:
    view = TextView(text)
    for anchored in (hdg.VAGUE, hdg.SUPERLATIVES):
        assert [m.span() for m in anchored.finditer(view)] == [m.span() for m in anchored.pattern.finditer(text)]


#: Where the late ways of the vague-attribution and superlative twins meet other matches:
#: a match ending with a late first word ("have it"), a late way inside a longer match
#: ("according to a source"), one opening another ("it is believed to", "the source said"),
#: glued or cut first words ("x-the source", "x_the source", "the source-code").
LATE_PIECES = [
    "reports have it is said",
    "rumours have it is believed to",
    "according to a source said",
    "the source said",
    "it is believed to",
    "It Is Thought",
    "x-the source",
    "x_the source",
    "the source-code",
    "the sources say",
    "an insider",
    "a pal",
    "most of all time",
    "never before of all time",
    "of all times",
]


@settings(max_examples=600, deadline=None)
@given(
    text=st.lists(st.one_of(st.sampled_from(HEDGING_PHRASES), st.sampled_from(PIECES + LATE_PIECES)), max_size=30).map(
        lambda parts: "".join(part if i % 3 == 0 else " " + part for i, part in enumerate(parts))
    )
)
def test_matches_found_from_the_word_after_a_common_first_word_start_where_the_patterns_matches_do(text: str) -> None:
    view = TextView(text)
    vague = hdg._starts(hdg.VAGUE_LATE, hdg._VAGUE_WIDTHS, hdg.VAGUE, view)
    assert vague == [m.start() for m in hdg.VAGUE_ATTRIBUTION.finditer(text)]
    superlatives = hdg._starts(hdg.SUPERLATIVES_LATE, hdg._SUPERLATIVE_WIDTHS, hdg.SUPERLATIVES, view)
    assert superlatives == [m.start() for m in hdg.SUPERLATIVE.finditer(text)]


def test_a_late_match_inside_the_one_before_sends_the_search_to_the_first_words() -> None:
    view = TextView("Reports have it is said. Officials said the source told a pal it is believed to work.")
    found = hdg._starts(hdg.VAGUE_LATE, hdg._VAGUE_WIDTHS, hdg.VAGUE, view)
    assert found == [m.start() for m in hdg.VAGUE_ATTRIBUTION.finditer(view.text)] == [0, 40, 56, 62]
    late = [m.start() for m in hdg.VAGUE_LATE.finditer(view)]
    assert late[:2] == [0, 19] and 19 - hdg._VAGUE_WIDTHS[4] < len("Reports have it")  # "said" after "it is "


#: The hedge cues, loaded words and modals of the hedging features, as written and capitalised.
COUNTED_WORDS = sorted({v for w in hdg.HEDGE_WORDS + hdg.LOADED_WORDS + sorted(hdg.MODALS) for v in (w, w.title())})


@settings(max_examples=300, deadline=None)
@given(text=st.lists(st.sampled_from(COUNTED_WORDS + PIECES), max_size=30).map(" ".join))
def test_hedging_features_read_from_the_word_index_are_those_of_a_pass_per_list(text: str) -> None:
    assert not hdg.HEDGES & hdg.LOADED and not hdg.HEDGES & hdg.MODALS and not hdg.LOADED & hdg.MODALS
    document = Document.from_article(Article(id="a", title="", body=text))
    body = document.body
    forms, words = body.tokens.forms, body.word_count
    hedges = [s for s, form in zip(body.tokens.starts, forms, strict=True) if form in hdg.HEDGES]
    vague = [m.start() for m in hdg.VAGUE_ATTRIBUTION.finditer(text)]
    plain = {
        "hedges_per_1000_words": measures.per_1000(len(hedges), words),
        "vague_attributions_per_1000_words": measures.per_1000(len(vague), words),
        "hedged_sentence_share": measures.share(
            len({body.sentence_index(s) for s in hedges + vague} - {None}), measures.sentence_count(body), 0.2
        ),
        "loaded_words_per_1000_words": measures.per_1000(sum(f in hdg.LOADED for f in forms), words),
        "superlatives_per_1000_words": measures.per_1000(measures.count(hdg.SUPERLATIVE, text), words),
        "modals_per_1000_words": measures.per_1000(sum(f in hdg.MODALS for f in forms), words),
    }
    assert hdg.features(document) == plain


def test_anchored_patterns_find_every_phrase_of_their_reference_pattern() -> None:
    """Exhaustive over the phrases the reference patterns match, each alone and inside a sentence."""
    for anchored in (hdg.VAGUE, hdg.SUPERLATIVES):
        for phrase in sorted(spellings(anchored.pattern)):
            for text in (phrase, f"{phrase.capitalize()}, then x-{phrase} and '{phrase.upper()}'."):
                plain = [m.span() for m in anchored.pattern.finditer(text)]
                assert plain and [m.span() for m in anchored.finditer(TextView(text))] == plain, text


def _names_any(sentences: Any, splitter: SentenceTokens, text: str, lexicon: Any) -> bool:
    """Whether any of ``sentences`` names a source (read afresh each time: the reference)."""
    return any(names_source(splitter.tokens(s.start, s.end), text, lexicon) for s in sentences)


def _every_sentence(view: TextView, lexicon: Any = None) -> list[hedging.detect.Hit]:
    """The hedging hits of a field with every sentence analysed (no trigger-word skipping)."""
    lexicon = lexicon_for(hedging.SETTINGS) if lexicon is None else lexicon
    splitter = SentenceTokens(view)
    hits: list[hedging.detect.Hit] = []
    for index, sentence in enumerate(view.sentences):
        tokens = splitter.tokens(sentence.start, sentence.end)
        if tokens and not is_heading(view, index, len(tokens)):
            seen = {w.removesuffix("s") for h in hits if h.kind == hedging.detect.VAGUE for w in h.cue.split()}
            seen &= {w.removesuffix("s") for w in lexicon.vague_sources}

            def named_before(words: str, before: Any = view.sentences[:index], seen: set[str] = seen) -> bool:
                fresh = not any(w.removesuffix("s") in seen for w in words.split())
                return fresh and _names_any(before, splitter, view.text, lexicon)

            found = analyse_sentence(tokens, view.text, lexicon, index, named_before=named_before)
            if any(hit.kind == hedging.detect.VAGUE for hit in found) and index + 1 < len(view.sentences):
                following = view.sentences[index + 1]
                found = hedging.detect._resolve_lead(
                    found, splitter.tokens(following.start, following.end), view.text, lexicon.vague_sources
                )
            hits.extend(found)
    return hits


@settings(max_examples=300, deadline=None)
@given(text=texts)
def test_skipping_sentences_without_trigger_words_changes_no_hit(text: str) -> None:
    view = TextView(text)
    assert list(analyse(view, lexicon_for(hedging.SETTINGS))) == _every_sentence(view)


#: Words a sentence's findings word is looked for among: every one of them, and others around them.
FINDING_PIECES = [
    *sorted(_FINDINGS),
    *(w.capitalize() for w in sorted(_FINDINGS)),
    "people",
    "said",
    "many",
    "’s",
    ",",
    ".",
]


@settings(max_examples=300, deadline=None)
@given(text=st.lists(st.sampled_from(FINDING_PIECES), max_size=30).map(" ".join))
def test_first_findings_word_told_from_the_forms_is_the_one_read_from_every_token(text: str) -> None:
    view = TextView(text)
    splitter = SentenceTokens(view)
    for sentence in view.sentences:
        first, last = splitter.bounds(sentence.start, sentence.end)
        tokens = splitter.between(first, last)
        assert first_finding(tokens, splitter.lows[first:last]) == first_finding(tokens)


def test_a_capitalised_first_word_names_nobody_by_four_lookups_as_by_the_union_of_their_sets() -> None:
    lexicon = lexicon_for(hedging.SETTINGS)
    union = hedging_sources._STARTERS | lexicon.vague_sources | lexicon.demonyms | hedging_sources.COMMON_OPENERS
    for word in sorted(union | lexicon.institutions | lexicon.speech_verbs | {"kremlin", "jo", "roe", ""}):
        assert hedging_sources._skipped_opener(word, lexicon) is (word in union), word


#: Sentences each entry of the lexicon files is put in, one entry at a time.
FRAMES = (
    "Talks went on. The plan {} fail. Prices rose, {} said.",
    "The report {} that the plan failed. It is {} that prices rose.",
    "{} say prices rose. The mayor told {} the plan {} work.",
)


def test_every_lexicon_entry_in_a_sentence_gives_the_hits_of_analysing_every_sentence() -> None:
    """Exhaustive over the lexicon files, not sampled: a word missing from the trigger words shows up here."""
    entries = sorted({entry for name in (*CUE_FILES, "vague_sources", "impersonal") for entry in read_list(name)})
    lexicon = lexicon_for(hedging.SETTINGS)
    with_hits = 0
    for entry in entries:
        hits = []
        for frame in FRAMES:
            view = TextView(frame.format(*[entry] * frame.count("{}")))
            found = list(analyse(view, lexicon))
            assert found == _every_sentence(view), (entry, frame)
            hits += found
        with_hits += bool(hits)
    # The frames hold no hit of their own, and nearly every entry gives one (179 of 190 when written).
    assert not any(list(analyse(TextView(frame.format(*["xyz"] * frame.count("{}"))), lexicon)) for frame in FRAMES)
    assert with_hits >= 0.9 * len(entries), (with_hits, len(entries))


def _analysed(monkeypatch: pytest.MonkeyPatch, view: TextView) -> tuple[list[Any], list[int]]:
    """Hedging's hits on ``view``, and the indices of the sentences it analysed in full."""
    analysed: list[int] = []

    def counted(tokens, text, lexicon, index, lows=None, opening=None, named_before=None):  # type: ignore[no-untyped-def]
        analysed.append(index)
        return analyse_sentence(tokens, text, lexicon, index, lows, opening, named_before)

    monkeypatch.setattr(hedging.detect, "analyse_sentence", counted)
    return list(analyse(view, lexicon_for(hedging.SETTINGS))), analysed


def test_a_sentence_without_trigger_words_is_skipped_and_one_with_a_cue_pair_is_not(monkeypatch) -> None:
    view = TextView("The council met on Tuesday. In general, the plan works. The mayor agreed.")
    hits, analysed = _analysed(monkeypatch, view)
    assert [(h.cue, h.sentence) for h in hits] == [("in general", 1)]
    assert analysed == [1]


@settings(max_examples=300, deadline=None)
@given(text=texts)
def test_cues_of_several_words_found_from_their_anchor_start_where_all_their_words_follow(text: str) -> None:
    view = TextView(text)
    splitter = SentenceTokens(view)
    lexicon = lexicon_for(hedging.SETTINGS)
    lows = list(splitter.lows)
    many = [cue.words for group in lexicon.cues.values() for cue in group if len(cue.words) > 1]
    expected = [k for k in range(len(lows)) if any(tuple(lows[k : k + len(words)]) == words for words in many)]
    found = sorted(
        {
            start
            for k, low in enumerate(lows)
            if low in lexicon.cue_anchors
            for start in hedging.lexicon.cue_starts(splitter.lows, k, lexicon.cue_anchors[low])
        }
    )
    assert found == expected
    # every such start is among the detector's trigger words, and with the cues of one word
    # they are the words where the detector has match_cues try a cue
    triggered, opening = hedging.detect._triggered(view, splitter, lexicon)
    assert set(expected) <= set(triggered)
    assert opening == sorted(set(expected) | {k for k, low in enumerate(lows) if low in lexicon.single_cues})


def test_every_cue_of_several_words_has_one_anchor_among_its_words() -> None:
    lexicon = lexicon_for(hedging.SETTINGS)
    anchored = sorted(words for group in lexicon.cue_anchors.values() for _, words in group)
    assert anchored == sorted(cue.words for group in lexicon.cues.values() for cue in group if len(cue.words) > 1)
    for anchor, group in lexicon.cue_anchors.items():
        assert all(words[place] == anchor for place, words in group)
    # "to a certain extent" is looked for at "certain" (a cue alone), "in general" at "general" (its longest word)
    assert (2, ("to", "a", "certain", "extent")) in lexicon.cue_anchors["certain"]
    assert (1, ("in", "general")) in lexicon.cue_anchors["general"]
    assert not {"to", "a", "in", "for", "it"} & set(lexicon.cue_anchors)


def test_a_lexicon_with_an_apostrophe_reads_the_forms_and_finds_its_cue_after_a_curly_apostrophe() -> None:
    lexicon = lexicon_for({**hedging.SETTINGS, "extra_cues": ["who knows", "don't know"]})
    assert lexicon.occurrences is None and lexicon_for(hedging.SETTINGS).occurrences is not None
    view = TextView("Talks went on. We don\u2019t know if it works. Who knows.")
    hits = list(analyse(view, lexicon))
    assert hits == _every_sentence(view, lexicon)
    assert [h.cue for h in hits] == ["don't know", "who knows"]


def test_a_sentence_whose_cue_pairs_open_no_whole_cue_is_skipped(monkeypatch) -> None:
    # "for the", "more than", "to a" and "it is" open cues of more words ("for the most part", ...):
    # without the rest of the words the sentence cannot hold the cue, and is not analysed.
    view = TextView(
        "It is time for the vote, more than ever, to a man. For the most part, it is unclear. To a degree it works."
    )
    hits, analysed = _analysed(monkeypatch, view)
    assert [(h.cue, h.sentence) for h in hits] == [("for the most part", 1), ("it is unclear", 1)]
    assert analysed == [1]


def _assert_frames_give_the_hits_of_every_sentence(words: Any, frames: tuple[str, ...], capitalised: bool) -> None:
    """Each word (and its capitalised spelling) put in each frame gives the hits of analysing every sentence."""
    lexicon = lexicon_for(hedging.SETTINGS)
    for word in words:
        for frame in frames:
            for spelling in (word, word.capitalize()) if capitalised else (word,):
                view = TextView(frame.replace("{}", spelling))
                assert list(analyse(view, lexicon)) == _every_sentence(view), (spelling, frame)


#: Frames around a participle: after 'be' (with adverbs) and before each word its judging form
#: takes or none, reduced ('widely', 'by'), after a subject, and 'by' agents over modifiers.
PASSIVE_FRAMES = (
    "Talks went on. It was {} by the mayor. It is {} to work. It has been {} as fair. It is now {}.",
    "Talks went on. It was {} at noon. It was {} that it rose. It was also {} up. He {} it.",
    "A plan widely {}. A plan {} by many. He often {} so. A plan {} by the mayor. {}",
    "It was hit by a b c d e f g h experts. It was hit by many. It is still hit by some local officials.",
    "It was hit by\nmany. It was also hit by other senior critics. Was hit by. It was hit by the few.",
)


def test_every_passive_word_in_a_frame_gives_the_hits_of_analysing_every_sentence() -> None:
    words = sorted(lexicon_for(hedging.SETTINGS).impersonal | {"known", "seen", "hit"})
    _assert_frames_give_the_hits_of_every_sentence(words, PASSIVE_FRAMES, capitalised=False)


def test_a_sentence_whose_passive_words_cannot_open_a_passive_is_skipped(monkeypatch) -> None:
    # 'by' after 'be' with no vague source after it, a participle after 'be' in no judging form,
    # a reduced participle with neither a vague adverb before it nor 'by' after it: no passive.
    view = TextView(
        "The bill was passed by the senate. The law was seen. It is seen. Mr Roe accepted the plan. "
        "It was criticised by many experts. It is thought to work. A view widely accepted. The plan was viewed by his aides."
    )
    hits, analysed = _analysed(monkeypatch, view)
    assert [(h.sentence, h.cue) for h in hits] == [
        (4, "was criticised by many experts"),
        (5, "it is thought"),
        (6, "widely accepted"),
        (7, "was viewed"),
    ]
    assert analysed == [4, 5, 6, 7]


def test_a_sentence_whose_only_trigger_is_a_vague_source_crediting_nothing_is_skipped(monkeypatch) -> None:
    view = TextView("Ten people attended the fair on Tuesday. Local people said the fair was fun.")
    hits, analysed = _analysed(monkeypatch, view)
    assert [(h.cue, h.sentence) for h in hits] == [("local people said", 1)]
    assert analysed == [1]


#: Frames around a vague source: its verb at the window's edge and past it, 'according to'
#: over modifiers, a report noun before 'of'/'that', and no verb at all.
VAGUE_FRAMES = (
    "Talks went on. The {} a b c d e said it. Prices rose.",
    "Talks went on. The {} a b c d e f said it. Prices rose.",
    "Talks went on. According to some senior {}, prices rose.",
    "According to. Senior {} were there. Prices rose.",
    "The {} of the town. The {} that rose. Ten {} came.",
    "{}\nsaid. {} a b c d e. said {}.",
)


def test_every_vague_source_in_a_frame_gives_the_hits_of_analysing_every_sentence() -> None:
    words = sorted(lexicon_for(hedging.SETTINGS).vague_sources)
    _assert_frames_give_the_hits_of_every_sentence(words, VAGUE_FRAMES, capitalised=True)


#: Frames around a gated cue: after a full stop, a line break, a comma, a clause opener, 'and',
#: 'there are', inside a clause, before a plural, 'of', a number, at a sentence's end.
GATE_FRAMES = (
    "Talks went on. {} officials left. The {} votes. It was {}.",
    "Talks went on\n{} of them left, {} people stayed and {} towns said so.",
    "There are {} reasons. He saw {} analysts. But {} 200 came; {}",
    "He asked why {} cars, which {} buses. Many of the {}. {}",
)


def test_every_gated_cue_in_a_frame_gives_the_hits_of_analysing_every_sentence() -> None:
    assert set(hedging.senses.CUE_GATES) == {"some", "several", "various", "numerous", "most"}
    _assert_frames_give_the_hits_of_every_sentence(hedging.senses.CUE_GATES, GATE_FRAMES, capitalised=True)


def test_a_sentence_whose_only_cue_its_sense_filter_drops_everywhere_is_skipped(monkeypatch) -> None:
    view = TextView("He has some ideas and the most votes. Some roads are closed.")
    hits, analysed = _analysed(monkeypatch, view)
    assert [(h.cue, h.sentence) for h in hits] == [("some", 1)]
    assert analysed == [1]


SOURCING_PIECES = [
    *"said says told according to the Mr Dr. Ms Ann Cole Maria Lopez Reuters Officials March May 3 3rd".split(),
    *"in since by of from early mid- 2019 1998 2024-01-02 3/4/2020 aged 34 34-year-old $4bn 15% 300 people".split(),
    *"million km yesterday last week on Monday this later president Minister mayor Sen. al O'Neil".split(),
    *"http://x.org/a HTTPS://X.org www. WWW.x press Press release RELEASE white White paper express".split(),
    ",",
    ".",
    ". ",
    "\n",
    '"',
    "“",
    "”",
    "'",
    "’",
    "-",
    "_",
    " ",
    "  ",
    "x",
    "٣",
    "\u0130",
    "\u0131",
    "\u017f",
    "\u212a",
]
#: Every word the reference patterns behind the sourcing fast paths can open with, as written there.
SOURCING_OPENINGS = sorted(
    set().union(*(opening_words(a.pattern) for a in ANCHORED.values() if a in vars(sp).values()))
)
sourcing_texts = st.lists(
    st.one_of(st.sampled_from(SOURCING_OPENINGS), st.sampled_from(SOURCING_PIECES)), max_size=30
).map(lambda parts: "".join(part if i % 4 == 0 else " " + part for i, part in enumerate(parts)))


def _spans(found: object) -> list[tuple[tuple[int, int], tuple[str | None, ...]]]:
    return [(m.span(), m.groups()) for m in found]  # type: ignore[attr-defined]


# The plain patterns the sourcing scorer's rewritten ones must match exactly.
AGE = re.compile(r",\s\d{1,2},|\baged\s\d{1,3}\b|\b\d{1,2}-year-old\b")
AMOUNT = re.compile(
    r"[$£€]\s?\d[\d,.]*+(?:\s?(?:m|bn|k|million|billion|trillion)\b)?"
    rf"|(?<![\d,.])\d[\d,.]*+(?:%|\s?(?i:{measures.alternation(sp.UNITS)})\b)"
)
SAID_PAST = re.compile(r"\bsaid\b")
SAID_PRESENT = re.compile(r"\bsays\b")
CAPITALISED = re.compile(r"\b[A-Z][a-z]{2,}+")
#: Spaces and opening quotes/brackets that may stand between a sentence end and its next word.
OPENING = " \t\"“'‘(["


def sentence_initial(text: str, offset: int) -> bool:
    """True when only spaces and opening quotes/brackets separate ``offset`` from a sentence end or line start.

    The look back from one offset that :func:`src.sentence_starts` finds for every offset in one scan.
    """
    pos = offset
    while pos > 0 and text[pos - 1] in OPENING:
        pos -= 1
    return pos == 0 or text[pos - 1] in ".!?\n"


@settings(max_examples=400, deadline=None)
@given(text=sourcing_texts)
def test_rewritten_sourcing_patterns_find_what_the_plain_ones_find(text: str) -> None:
    assert _spans(sp.FAST_AGE.finditer(text)) == _spans(AGE.finditer(text))
    assert src.ages(TextView(text)) == measures.count(AGE, text)
    assert src.places(text, TextView(text)) == src.places(text)
    assert _spans(sp.FAST_AMOUNT.finditer(text)) == _spans(AMOUNT.finditer(text))
    assert src.date_count(text) == measures.count(sp.DATE, text)
    assert _spans(sp.FAST_CLOCK.finditer(text)) == _spans(sp.CLOCK.finditer(text))
    assert _spans(src.names_then_verbs(text)) == _spans(sp.NAME_THEN_SAY.finditer(text))
    view = TextView(text)
    assert _spans(src.names_then_verbs(text, view)) == _spans(sp.NAME_THEN_SAY.finditer(text))
    assert _spans(src.says_then_names(view)) == _spans(sp.SAY_THEN_NAME.finditer(text))
    for fast, plain in [
        (sp.FAST_ACCORDING_TO_NAME, sp.ACCORDING_TO_NAME),
        (sp.FAST_FULL_MONTH, sp.FULL_MONTH),
        (sp.FAST_HONORIFIC_NAME, sp.HONORIFIC_NAME),
        (sp.FAST_WEEKDAY, sp.WEEKDAY.pattern),
        (sp.FAST_ORG, sp.ORG.pattern),
        (sp.FAST_PLACE, sp.PLACE.pattern),
    ]:
        assert _spans(fast.finditer(view)) == _spans(plain.finditer(text))
    for fast, plain in [(sp.FAST_ACCORDING_TO, sp.ACCORDING_TO), (sp.FAST_RELATIVE_TIME, sp.RELATIVE_TIME)]:
        assert [m.span() for m in fast.finditer(view)] == [m.span() for m in plain.finditer(text)]
    assert src._links_or_phrases(view) == measures.count(sp.LINK_OR_PHRASE, text)
    assert src._digits(text) == sum(map(str.isdigit, text))
    plain_said = (sp.SAID.pattern, SAID_PAST, SAID_PRESENT)
    assert src._said(text) == tuple(measures.count(rx, text) for rx in plain_said)
    assert src._said(text, view) == src._said(text)


#: Names with every honorific (with and without its period), initials, particles and appositives.
NAME_PIECES = [
    *sp.HONORIFICS.split("|"),
    *(f"{h}." for h in sp.HONORIFICS.split("|")),
    *"Mrsx Dre St. J. A. de van al Ann Cole Émile O'Neil said told has also then ann x 3 _".split(),
    ", a man from here,",
    ", who said it,",
    ",",
    ".",
    " ",
    "\n",
    "  ",
]


@settings(max_examples=600, deadline=None)
@given(text=st.lists(st.sampled_from(NAME_PIECES), max_size=25).map(lambda parts: " ".join(parts)))
def test_names_before_a_verb_found_in_one_scan_are_those_of_the_plain_pattern(text: str) -> None:
    spans = [m.span() for m in sp.NAME_THEN_SAY.finditer(text)]
    assert [m.span() for m in sp.name_then_say_span().finditer(text)] == spans
    assert _spans(src.names_then_verbs(text)) == _spans(sp.NAME_THEN_SAY.finditer(text))
    assert _spans(src.names_then_verbs(text, TextView(text))) == _spans(sp.NAME_THEN_SAY.finditer(text))
    glued = text.replace(" ", "")
    assert _spans(src.names_then_verbs(glued)) == _spans(sp.NAME_THEN_SAY.finditer(glued))
    assert _spans(src.names_then_verbs(glued, TextView(glued))) == _spans(sp.NAME_THEN_SAY.finditer(glued))


@settings(max_examples=600, deadline=None)
@given(
    text=st.lists(
        st.sampled_from([*NAME_PIECES, "said", "Said", "says", "told", "x-said", "said’s", "the", "the mayor"]),
        max_size=25,
    ).map(" ".join)
)
def test_names_after_a_verb_tried_only_where_a_verb_of_saying_is_are_those_of_the_plain_pattern(text: str) -> None:
    src.say_words.cache_clear()
    assert _spans(src.says_then_names(TextView(text))) == _spans(sp.SAY_THEN_NAME.finditer(text))


def _plain_opening_floor(text: str, reach: int, floor: int) -> int:
    """The opening floor as first written: SPACES_BACK matched up to ``reach``, from further back each time."""
    if reach <= floor:
        return floor
    span = 128
    while True:
        low = max(floor, reach - span)
        found = sp.SPACES_BACK.fullmatch(text, low, reach)
        if found is not None:
            return found.start(1) + 1
        if low == floor:
            return floor
        span *= 4


@settings(max_examples=300, deadline=None)
@given(
    text=st.lists(st.sampled_from(["Ann", "x", " ", "\n", "\u00a0", "  ", "\u2028", "a" * 70, ","]), max_size=40).map(
        "".join
    )
)
def test_opening_floor_read_backwards_is_the_floor_matched_up_to_the_reach(text: str) -> None:
    src._reversed.cache_clear()
    for reach in range(-1, len(text) + 1):
        for floor in {0, reach // 2, max(0, reach - 3), max(0, reach - 200)}:
            assert src._opening_floor(text, reach, floor) == _plain_opening_floor(text, reach, floor), (reach, floor)


def test_names_before_a_verb_found_before_each_verb_alone_at_the_longest_reach() -> None:
    """Names of four long tokens, appositives of 1-81 characters, an auxiliary: only before verbs, as the whole scan."""
    long_token = "A" + "b" * 300
    names = ["Ann Cole", "Dr. Ann Maria de Cole", f"Mr {long_token} Cole J. Li", f"{long_token} {long_token}"]
    for name in names:
        for size in (0, 1, 40, 79, 80, 81):
            for aux in ("", "later ", "has "):
                for prefix in ("", "x" * 500 + " ", "said " * 3, "a b c d e f " * 20, "Bo Li said, " * 2):
                    apposition = f", {'y' * size}," if size else ""
                    text = f"{prefix}{name}{apposition} {aux}said and Bo Li told Cy Wu, who said"
                    plain = _spans(sp.NAME_THEN_SAY.finditer(text))
                    assert _spans(src.names_then_verbs(text, TextView(text))) == plain, text


def test_every_honorific_before_a_name_and_a_verb_is_found_in_one_scan() -> None:
    for honorific in sp.HONORIFICS.split("|"):
        for text in (
            f"{honorific} Ann Cole said",
            f"{honorific}. Cole told",
            f"x{honorific} Cole said",
            f"{honorific}said",
        ):
            plain = _spans(sp.NAME_THEN_SAY.finditer(text))
            assert _spans(src.names_then_verbs(text)) == plain, text
        assert sp.NAME_THEN_SAY.search(f"{honorific}. Ann Cole said") is not None


def _plain_word_counts(document: Document) -> tuple[int, int]:
    """Attributed sentences and document references as first counted: one pass over the words for each."""
    body = document.body
    stream = body.tokens
    saying = [s for s, form in zip(stream.starts, stream.forms, strict=True) if form in sp.SAY_WORDS]
    saying += [m.start() for m in sp.ACCORDING_TO.finditer(body.text)]
    attributed = {body.sentence_index(start) for start in saying} - {None}
    references = sum(form in sp.DOCUMENT_WORDS for form in stream.forms) + measures.count(sp.LINK_OR_PHRASE, body.text)
    return len(attributed), references


@settings(max_examples=300, deadline=None)
@given(
    text=st.lists(st.sampled_from([*SOURCING_PIECES, "report", "Data", "said-so", "study"]), max_size=30).map(" ".join)
)
def test_attributed_sentences_and_references_counted_in_one_pass_over_the_words(text: str) -> None:
    assert not sp.SAY_WORDS & sp.DOCUMENT_WORDS
    document = Document.from_article(Article(id="a", title="", body=text))
    assert src._word_counts(document) == _plain_word_counts(document)


#: Digits inside and outside ASCII, and digit-like characters that are no decimal digit.
DIGIT_PIECES = ["0", "12", "2019", "٣", "²", "½", "Ⅻ", "10:30", "3/4/2020", "34-year-old", ", 34,", "$4", "£5bn"]
ASCII_TWINS = [
    (sp.ascii_digits(sp.FAST_CLOCK), sp.FAST_CLOCK),
    (sp.ascii_digits(sp.FAST_AMOUNT), sp.FAST_AMOUNT),
    (sp.ascii_digits(sp.DATE_BY_NAME_OR_NUMBER), sp.DATE_BY_NAME_OR_NUMBER),
    (sp.ascii_digits(sp.AGE_IN_DIGITS), sp.AGE_IN_DIGITS),
]


@settings(max_examples=400, deadline=None)
@given(text=st.lists(st.sampled_from(SOURCING_PIECES + DIGIT_PIECES), max_size=30).map(" ".join))
def test_digit_patterns_written_with_ascii_digits_match_alike_where_every_digit_is_ascii(text: str) -> None:
    src.ascii_digits_only.cache_clear()
    src.non_ascii.cache_clear()
    ascii_only = not any(char.isdecimal() and not char.isascii() for char in text)
    assert src.ascii_digits_only(text) == ascii_only
    for twin, plain in ASCII_TWINS:
        assert r"\d" not in twin.pattern
        if ascii_only:
            assert _spans(twin.finditer(text)) == _spans(plain.finditer(text))
    view = TextView(text)
    assert src.date_count(text) == src.date_count(text, view) == measures.count(sp.DATE, text)
    assert src._clock_times(text) == measures.count(sp.CLOCK, text)
    assert src.specific(text, view) == sum(
        measures.count(rx, text) for rx in (sp.WEEKDAY, AMOUNT, AGE, sp.FULL_MONTH, sp.HONORIFIC_NAME)
    )
    assert len(
        sp.ascii_digits(sp.FAST_CLOCK).findall(text) if ascii_only else sp.FAST_CLOCK.findall(text)
    ) == measures.count(sp.CLOCK, text)


def test_ascii_digits_rewrites_every_digit_class_inside_and_outside_sets() -> None:
    rewritten = sp.ascii_digits(re.compile(r"\d[\d,]\\d[^\d\w]\D", re.IGNORECASE))
    assert rewritten.pattern == r"[0-9][0-9,]\\d[^0-9\w]\D" and rewritten.flags == re.compile("", re.I).flags


OPENING_PIECES = [*OPENING, ".", "!", "?", "\n", "Ann", "Cole", "x", "_", "1", "É", " " * 19, " " * 20, " " * 21]


@settings(max_examples=400, deadline=None)
@given(text=st.lists(st.sampled_from(OPENING_PIECES), max_size=30).map("".join))
def test_sentence_starts_are_where_sentence_initial_holds(text: str) -> None:
    starts = src.sentence_starts(text)
    for offset in range(len(text) + 1):
        if offset == len(text) or text[offset] not in OPENING:
            assert (offset in starts) == sentence_initial(text, offset), offset
    assert _spans(sp.FAST_CAPITALISED.finditer(text)) == _spans(CAPITALISED.finditer(text))


@settings(max_examples=400, deadline=None)
@given(text=st.lists(st.sampled_from(OPENING_PIECES), max_size=30).map("".join))
def test_a_sentence_start_read_back_from_one_offset_is_one_of_the_sentence_starts(text: str) -> None:
    """opens_sentence reads a few characters back (runs of 19-21 spaces carry it past its reach, onto the scan)."""
    for offset in range(len(text)):
        if text[offset] not in OPENING:
            assert src.opens_sentence(text, offset) == sentence_initial(text, offset), offset


@settings(max_examples=300, deadline=None)
@given(text=sourcing_texts)
def test_capitalised_words_and_proper_nouns_match_the_word_by_word_test(text: str) -> None:
    expected = [(m.start(), m.end(), m.group(), sentence_initial(text, m.start())) for m in CAPITALISED.finditer(text)]
    assert list(src.capitalised_words(text)) == expected
    view = TextView(text)
    plain = sum(
        1
        for s, e in view.words
        if text[s].isupper() and e - s > 1 and text[s + 1].islower() and not sentence_initial(text, s)
    )
    assert src._proper_nouns(Document.from_article(Article(id="a", title="", body=text))) == plain


def _plain_credits(text: str) -> list[tuple[int, int, bool]]:
    """The quotations and their credit as found before the fast path: the case-insensitive pattern on each window."""
    found = []
    for match in sp.QUOTATION.finditer(text):
        inner = match.group("inner")
        if len(inner.split()) < src.MIN_QUOTE_WORDS:
            continue
        before = text[max(0, match.start() - sp.CREDIT_WINDOW) : match.start()]
        after = text[match.end() : match.end() + sp.CREDIT_WINDOW]
        windows = (before, after, inner[-sp.CREDIT_TAIL :])
        credited = any(sp.ANY_ATTRIBUTION.search(w) for w in windows) or src.named_before(text, match.start())
        found.append((match.start(), match.end(), credited))
    return found


@settings(max_examples=300, deadline=None)
@given(text=sourcing_texts)
def test_quotation_credit_on_lower_cased_windows_is_the_case_insensitive_credit(text: str) -> None:
    assert [(q.start, q.end, q.credited) for q in src.quotations(text, speakers=False)] == _plain_credits(text)
    assert list(src.quotations(text, TextView(text).tokens.lower)) == list(src.quotations(text))


@settings(max_examples=300, deadline=None)
@given(text=sourcing_texts)
def test_quotation_credit_from_one_search_of_the_whole_text_is_the_credit_of_each_window(text: str) -> None:
    view = TextView(text)
    found = [(q.start, q.end, q.credited) for q in src.quotations(text, view.tokens.lower, view, speakers=False)]
    assert found == _plain_credits(text)


@settings(max_examples=300, deadline=None)
@given(text=sourcing_texts)
def test_speaker_readings_only_add_credit_to_the_same_quotations(text: str) -> None:
    """The speakers' readings credit more quotations, never fewer; a quotation they drop is two stray marks.

    With the readings, narrative between a closing and an opening mark is no quotation
    (:func:`~copydesk.plugins.sourcing.features.stray_pair`, whose second mark may then
    open another); every quotation both find is credited at least as the plain reading does.
    """
    view = TextView(text)
    plain = [(q.start, q.end, q.credited) for q in src.quotations(text, view.tokens.lower, view, speakers=False)]
    read = {(q.start, q.end): q.credited for q in src.quotations(text, view.tokens.lower, view)}
    for start, end, before in plain:
        if (start, end) in read:
            assert read[start, end] or not before, (start, end)
        else:
            found = sp.QUOTATION.match(text, start)
            assert found is not None and found.end() == end and src.stray_pair(text, found), (start, end)


#: Words a credit window's edge may cut into a verb of saying or "according to" (or not).
CUT_WORDS = ["said", "unsaid", "saids", "says", "according to", "according tomorrow", "xaccording to", "to", "told_"]


def test_quotation_credit_windows_cutting_a_word_read_as_slices_read_them() -> None:
    """Every offset of a window's start, end and quotation tail across each cut word: as the slices find."""
    quote = '"We have waited three years for this road."'
    for word in CUT_WORDS:
        for pad in range(80, 112):
            for text in (
                word + " " * pad + quote,
                quote + " " * (pad - 14) + word + " and more",
                '"Four words come ' + word + " " * (pad - 70) + 'here."',
                "ſ " + word + " " * pad + quote,  # a character lower-casing does not fold: every window a slice
            ):
                view = TextView(text)
                found = [
                    (q.start, q.end, q.credited) for q in src.quotations(text, view.tokens.lower, view, speakers=False)
                ]
                assert found == _plain_credits(text), text


#: Capital sigma (lower-cased by its neighbours) and characters outside ASCII beside the sourcing pieces.
SIGMA_PIECES = ["Σ", "ΣΑ", "ΑΣ", "\u0130", "\u212a", "É", "ß"]


@settings(max_examples=300, deadline=None)
@given(text=st.lists(st.sampled_from(SOURCING_PIECES + SIGMA_PIECES), max_size=30).map(" ".join))
def test_quotation_credit_on_the_token_streams_lower_case_is_the_credit_on_the_text_lower_cased(text: str) -> None:
    assert list(src.quotations(text, TextView(text).tokens.lower)) == list(src.quotations(text))


def test_quotation_credit_ignores_case_and_falls_back_on_unfolded_characters() -> None:
    cases = [
        ('"We have waited three years for this road," SAID Ann Cole.', True),
        ('Residents were angry. "We have waited three years for this road." Work starts.', False),
        ('"We have waited three years, she told us, for this road." Work starts.', True),
        ('"We have waited three years for this road," ſaid Ann Cole.', True),  # long s: the plain pattern matches it
        ('"We have waited three years for this road," unsaid.', False),
    ]
    for text, credited in cases:
        assert [q.credited for q in src.quotations(text)] == [credited]
        assert _plain_credits(text) == [(q.start, q.end, q.credited) for q in src.quotations(text, speakers=False)]
        assert list(src.quotations(text, TextView(text).tokens.lower)) == list(src.quotations(text))


def _opens(text: str, pos: int) -> bool:
    """Whether the straight quote at ``pos`` looks like an opening one: after a space, bracket, colon or dash, before a word."""
    before = pos == 0 or text[pos - 1].isspace() or text[pos - 1] in "([:—–-"
    return before and pos + 1 < len(text) and not text[pos + 1].isspace() and text[pos + 1] not in ",.;:!?"


def _nested_close(text: str, pos: int) -> int | None:
    """Where a curly quotation opened at ``pos`` inside a straight one closes: its ” before any other mark or line break.

    Only with a straight quote on the line within ``NEST_WINDOW`` characters after ``pos`` to close the outer one.
    """
    window = text[pos + 1 : pos + 1 + NEST_WINDOW + 1].split("\n")[0]
    if '"' not in window:
        return None
    for at in range(pos + 1, len(text)):
        if text[at] in '“”»"\n':
            return at if text[at] == "”" else None
    return None


def _quote_spans_event_by_event(text: str) -> list[tuple[int, int]]:
    """Quotation spans as found before the fast path: every line break and quotation mark visited in turn.

    Inside a quotation opened by a straight quote that looks like an opening one, a “...” closed
    before any other mark, with a straight quote near after it, is nested and passed over (session 29).
    """
    spans: list[tuple[int, int]] = []
    opened: int | None = None
    skip_to = -1
    for pos, ch in enumerate(text):
        if pos <= skip_to:
            continue
        if ch == "“" and opened is not None and text[opened] == '"' and _opens(text, opened):
            nested = _nested_close(text, pos)
            if nested is not None:
                skip_to = nested
                continue
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
            elif (
                text[pos - 2 : pos] in (". ", "? ", "! ")
                and text[pos + 1 : pos + 2].isascii()
                and text[pos + 1 : pos + 2].isupper()
            ):
                pass  # the next quoted paragraph of the same speech (session 19)
            else:
                spans.append((opened, pos + 1))
                opened = None
    if opened is not None:
        spans.append((opened, len(text)))
    return spans


@settings(max_examples=400, deadline=None)
@given(
    text=st.lists(
        st.sampled_from(['"', "“", "”", "«", "»", "\n", "a", " ", "said", ". ", "? ", "We"]), max_size=30
    ).map("".join)
)
def test_quote_spans_visiting_only_quotation_marks_finds_the_event_by_event_spans(text: str) -> None:
    assert quote_spans(text) == _quote_spans_event_by_event(text)


@settings(max_examples=400, deadline=None)
@given(
    text=st.lists(
        st.sampled_from(['"', '""', "\n", "\r", "a", " ", "said", "‘", "’", ". ", "! ", "We"]), max_size=40
    ).map("".join)
)
def test_straight_quotes_found_mark_to_mark_are_the_patterns_spans(text: str) -> None:
    """A text whose only quotation mark is the straight one is read with str.find, not the pattern."""
    assert quote_spans(text) == _quote_spans_event_by_event(text)
    assert quote_spans(text) == [match.span() for match in _QUOTATION_SPAN.finditer(text)]


#: Every phrase boilerplate's call-to-action and style's profanity patterns match, as
#: written, capitalised and in capitals, and pieces that put them inside other words.
OTHER_PHRASES = sorted(
    {
        variant
        for anchored in OTHER_ANCHORED.values()
        for phrase in spellings(anchored.pattern)
        for variant in (phrase, phrase.capitalize(), phrase.upper())
    }
)
OTHER_PIECES = ["x", "_", "1", "-", "'", "’", "s", "ed", ".", ",", "\n", " ", "\u0130", "\u0131", "\u017f", "\u212a"]
other_texts = st.lists(st.one_of(st.sampled_from(OTHER_PHRASES), st.sampled_from(OTHER_PIECES)), max_size=30).map(
    lambda parts: "".join(part if i % 3 == 0 else " " + part for i, part in enumerate(parts))
)


@settings(max_examples=400, deadline=None)
@given(text=other_texts)
def test_call_to_action_and_profanity_tried_where_their_words_start_find_what_the_patterns_find(text: str) -> None:
    view = TextView(text)
    for anchored in OTHER_ANCHORED.values():
        assert _spans(anchored.finditer(view)) == _spans(anchored.pattern.finditer(text))


def test_every_call_to_action_and_profane_phrase_is_found_where_its_words_start() -> None:
    """Exhaustive over the phrases the two patterns match, each alone and inside a sentence."""
    for anchored in OTHER_ANCHORED.values():
        for phrase in sorted(spellings(anchored.pattern)):
            for text in (phrase, f"{phrase.capitalize()}, then x-{phrase} and '{phrase.upper()}'_{phrase}."):
                plain = _spans(anchored.pattern.finditer(text))
                assert plain and _spans(anchored.finditer(TextView(text))) == plain, text


def test_the_verbs_of_saying_as_a_trie_match_exactly_the_verbs() -> None:
    """Every verb, and every prefix and one-letter extension of one, is matched whole as the alternation does."""
    trie = re.compile(sp.SAY_TRIE)
    plain = re.compile(sp.SAY)
    candidates = {verb[:n] for verb in sp.SAY_VERBS for n in range(1, len(verb) + 1)}
    candidates |= {verb + tail for verb in sp.SAY_VERBS for tail in ("s", "d", "ing", "x")}
    for word in sorted(candidates):
        assert (trie.fullmatch(word) is not None) == (word in sp.SAY_VERBS) == (plain.fullmatch(word) is not None), word
    assert sp.trie(["say", "says", "saying", "said"]) == "sa(?:id|y(?:(?:ing|s))?)"
    assert sp.FAST_NAME_THEN_SAY.pattern != sp.NAME_THEN_SAY.pattern


@settings(max_examples=300, deadline=None)
@given(text=sourcing_texts)
def test_attribution_with_the_verbs_as_a_trie_finds_what_the_alternation_finds(text: str) -> None:
    lower = text.lower()
    plain = measures.WordBounded(re.compile(rf"\b(?:{sp.SAY}|according\sto)\b"))
    assert _spans(sp.ANY_ATTRIBUTION_LOWER.finditer(lower)) == _spans(plain.finditer(lower))


def test_every_date_and_clock_time_is_found_by_the_patterns_opening_with_a_character_set() -> None:
    """Exhaustive: each month and year phrase, ISO and d/m/y dates and clock times, glued and spaced."""
    months = [*sp.MONTH_NAMES, "Sept.", "Mayo", "Ju", "may"]
    years = [
        f"{w} {e}{y}"
        for w in ("in", "since", "until", "by", "from", "of", "on", "xin", "_of", "In")
        for e in ("", "early ", "mid-")
        for y in ("2019", "1898", "1799", "20190")
    ]
    clocks = [
        f"{n}{s}"
        for n in ("9", "10", "10:30", "123", "x9", "_9", "٣")
        for s in ("am", " pm", "a.m.", " p.m.", " GMT", "BST", " EST", " ET", " local time", " amx", " ETA")
    ]
    pieces = (
        [f"{m} 3" for m in months]
        + [f"{m}. 21st" for m in months]
        + [f"3rd {m}" for m in months]
        + [f"x{m} 4" for m in months]
    )
    pieces += ["in 2019-01-02", "of 3/4/2020", "by 2020 March 5", "since 12 May", "from 1999/2000", "in\t2001"]
    pieces += (
        years
        + clocks
        + ["2024-01-02", "x2024-01-02", "12024-01-02", "3/4/2020", "13/12/99", "1/2/3", "٣/٤/٢٠٢٠", "5th", "March"]
    )
    for glue in (" ", "", ", ", "\n"):
        text = glue.join(pieces)
        # matched only where a number or month name starts (with a view), or searched for
        assert src.date_count(text, TextView(text)) == src.date_count(text) == measures.count(sp.DATE, text)
        assert _spans(sp.FAST_CLOCK.finditer(text)) == _spans(sp.CLOCK.finditer(text))
        assert src._clock_times(text) == measures.count(sp.CLOCK, text)
        assert src._amounts(text) == measures.count(AMOUNT, text)
    assert len(sp.DATE.findall(" ".join(pieces))) > 100 and len(sp.FAST_CLOCK.findall(" ".join(clocks))) > 30


@settings(max_examples=300, deadline=None)
@given(text=sourcing_texts)
def test_specific_details_and_dates_counted_from_findall_are_the_counts_of_the_plain_patterns(text: str) -> None:
    # findall lists one string per match only for patterns without groups
    assert sp.FAST_AGE.groups == sp.FAST_AMOUNT.groups == sp.FAST_CLOCK.groups == 0
    view = TextView(text)
    plain = sum(measures.count(rx, text) for rx in (sp.WEEKDAY, AMOUNT, AGE, sp.FULL_MONTH, sp.HONORIFIC_NAME))
    assert src.specific(text, view) == plain
    document = Document.from_article(Article(id="a", title="", body=text))
    dates = sum(measures.count(rx, text) for rx in (sp.WEEKDAY, sp.DATE, sp.CLOCK))
    expected = measures.shrunk_per_1000(dates, view.word_count, src.TYPICAL["dates"])
    assert src.features(document)["dates_per_1000_words"] == expected


def _plain_distinct_names(text: str) -> int:
    """Distinct runs as first counted: capitalised word after capitalised word, one white space apart."""
    runs: set[str] = set()
    current: list[str] = []
    last_end = -2
    for start, end, word, initial in src.capitalised_words(text):
        if current and start == last_end + 1 and text[last_end].isspace():
            current.append(word)
        else:
            if current:
                runs.add(" ".join(current))
            current = [] if initial else [word]
            if not current:
                last_end = -2
                continue
        last_end = end
    if current:
        runs.add(" ".join(current))
    return len(runs)


#: Cased characters outside ASCII (upper, lower, title case, an upper case one with no lower case,
#: a lower case combining mark, lower case letters and numbers), joiners, digits and white space.
CASE_PIECES = [
    *"Ann Cole ann AB A b É é Éa Aé Ǆ ǅ ǆa ϒa ª Ⅻ ⅰ ß 3 _ - ' ’ ( [ “ \" . ! ? , x".split(),
    "\u0345",
    "A\u0345",
    "\u2028",
    "\u00a0",
    "\x1c",
    "\n",
    " ",
    "\t",
    " " * 21,
]


@settings(max_examples=600, deadline=None)
@given(
    text=st.lists(st.one_of(st.sampled_from(CASE_PIECES), st.sampled_from(SOURCING_PIECES)), max_size=40).map("".join)
)
def test_proper_nouns_and_distinct_names_found_by_patterns_are_those_of_the_word_by_word_reading(text: str) -> None:
    view = TextView(text)
    plain = sum(
        1
        for s, e in view.words
        if text[s].isupper() and e - s > 1 and text[s + 1].islower() and not sentence_initial(text, s)
    )
    assert src._proper_nouns(Document.from_article(Article(id="a", title="", body=text))) == plain
    assert src.distinct_names(text) == _plain_distinct_names(text)


#: The two scans :data:`~patterns.CAPITALS` replaces: runs of names with the sentence end before one
#: that opens a sentence, and the proper nouns' capitals with the sentence ends before them.
RUNS_SCAN = re.compile(
    rf"[.!?\nA-Z](?:(?<=[.!?\n])[ \t\"“'‘(\[]*+[A-Z]|(?<=[A-Z])){sp.CAPITALISED_RUN.pattern.removeprefix('[A-Z]')}"
)
PROPER_SCAN = re.compile(
    rf"[.!?\nA-Z](?:(?<=[.!?\n])[ \t\"“'‘(\[]*+(?={sp.WORD_CAPITALISED_ASCII.pattern})"
    rf"|(?<=[A-Z]){sp.WORD_CAPITALISED_ASCII.pattern.removeprefix('[A-Z]')})"
)


@settings(max_examples=600, deadline=None)
@given(
    text=st.lists(
        st.one_of(st.sampled_from(CASE_PIECES), st.sampled_from([*SOURCING_PIECES, "x-Ray", "O'Neil", "\r\n", "Ab"])),
        max_size=40,
    ).map("".join)
)
def test_one_scan_of_capitals_finds_the_runs_of_names_and_the_proper_nouns_capitals_and_sentence_ends(
    text: str,
) -> None:
    found = src.capitals.__wrapped__(text)
    marks = PROPER_SCAN.findall(text)
    assert src.capital_counts(found) == (sum(map(str.isupper, marks)), sum(not m.isupper() for m in marks))
    runs = [m.lstrip(".!?\n \t\"“'‘([") if m[0] in ".!?\n" else m for m in RUNS_SCAN.findall(text)]
    kept = [m.lstrip(".!?\n \t\"“'‘([") if m[0] in ".!?\n" else m[1:] if m[0] in "'’-" else m for m in found]
    assert [m for m in kept if len(m) > 1] == runs


def test_every_white_space_character_but_the_space_is_unprintable() -> None:
    """distinct_names keeps a printable run as it is: its words can then only be one space apart."""
    spaces = [chr(code) for code in range(0x110000) if chr(code).isspace()]
    assert [char for char in spaces if char.isprintable()] == [" "]
    assert src.distinct_names("The mayor met Ann\u00a0Lee, Ann Lee and Ann\tLee.") == 1


def test_proper_nouns_test_case_outside_ascii_and_runs_drop_only_the_words_opening_a_sentence() -> None:
    text = "Then Émile met Aé, ǅa, ϒa, A\u0345b and O'Neil. Émile left with Ann_Cole and x-Ray."
    # Émile, Aé, ϒa (upper case with no lower case), Ann, Cole; not ǅa (title case), A (a word of one
    # letter before a combining mark), O'Neil, x-Ray, nor the Émile opening a sentence
    assert src._proper_nouns(Document.from_article(Article(id="a", title="", body=text))) == 5
    assert src.distinct_names(text) == 3  # Neil, Ann, Ray
    text = "The White House said. White House staff met the White\nHouse team."
    assert src.distinct_names(text) == _plain_distinct_names(text) == 2  # White House, House


def test_ages_counted_in_two_scans_are_the_ages_of_one_scan_where_aged_and_year_old_share_a_number() -> None:
    pieces = [
        "aged 34",
        "aged 34-year-old",
        "aged 345-year-old",
        ", 34,",
        ", 3-year-old,",
        "34-year-old",
        "Aged 3",
        "caged 3",
    ]
    pieces += ["aged 1234", "aged\t3", "x-aged 4", "aged 5, 6,", ", 7, aged 8", "aged 9-year-olds", "aged-3", "_aged 3"]
    for glue in (" ", "", ", ", "\n"):
        for n in range(len(pieces)):
            text = glue.join(pieces[n:] + pieces[:n])
            assert src.ages(TextView(text)) == measures.count(AGE, text), text
    assert src.ages(TextView("aged 34-year-old, aged 5, a 6-year-old")) == 3


@pytest.mark.parametrize(
    "text",
    [
        "The Press Release said; a white paper, a White\nPaper.",
        "Under pressure, the White House released papers.",  # every piece, in no phrase
        "press releases and whitepaper; press\trelease",
        "See HTTP://x.org and www.example.com/a",
        "Pressure on the white house",  # "press" and "white" without "release" or "paper"
        "http://www.x.org/press release at www.y.com/http://z and whitehttp://a",  # a branch inside another's match
        "xpress release, a whitepaper; expresswhite paper; press releasewhite paper",  # after a word character
        "",
    ],
)
def test_links_and_phrases_skipped_only_when_no_branch_has_all_its_pieces_are_the_patterns_count(text: str) -> None:
    """The text is matched only where a branch with all its pieces opens: the same count as the pattern's."""
    assert src._links_or_phrases(TextView(text)) == measures.count(sp.LINK_OR_PHRASE, text)


@settings(max_examples=500, deadline=None)
@given(
    text=st.lists(
        st.sampled_from(["7", "12", "2024", "٣", "²", "x", " ", ",", "\r\n", "\r", "\n", '"', "“", "”", "é", "-"]),
        max_size=30,
    ).map("".join)
)
def test_digit_share_marks_and_crlf_counted_faster_are_the_plain_counts(text: str) -> None:
    """Digits read from the runs of digits (or the bytes, with a decimal digit outside ASCII), marks and CRLFs."""
    assert src._digits(text) == sum(map(str.isdigit, text))
    assert src._marks(text) == sum(text.count(mark) for mark in '"“”')
    assert src._crlf(text) == text.count("\r\n")


#: Pieces of text around the phrases and links: joiners, word characters and cases that make or break a match.
LINK_PIECES = [
    "press",
    "Press",
    "PRESS",
    "release",
    "white",
    "White",
    "paper",
    " ",
    "\t",
    "\n",
    "-",
    "'",
    "’",
    "_",
    "x",
    "7",
]
LINK_PIECES += ["http://", "https://", "www.", "/", ".", "press release", "white paper", "co-", "İ", "é"]


@settings(max_examples=500, deadline=None)
@given(text=st.lists(st.sampled_from(LINK_PIECES), max_size=25).map("".join))
def test_links_and_phrases_read_from_the_word_index_are_the_patterns_count(text: str) -> None:
    """The phrases found where "press" or "white" starts (a word, or a part after a joiner) count as the pattern does."""
    assert src._links_or_phrases(TextView(text)) == measures.count(sp.LINK_OR_PHRASE, text)


@settings(max_examples=400, deadline=None)
@given(
    text=st.lists(
        st.sampled_from(['"', "“", "”", "«", "\n", "a", " ", "said", "one two three", '"""']), max_size=30
    ).map("".join)
)
def test_quotations_tried_only_where_an_opening_mark_stands_are_the_patterns_matches(text: str) -> None:
    assert _spans(src._quotation_matches(text)) == _spans(sp.QUOTATION.finditer(text))


@pytest.mark.parametrize(
    "text", ["", "plain", "é and ü, “quoted” — 日本 \U0001f600 é", "lone \ud800 surrogate \udfff", "Ⅻ٣²"]
)
def test_characters_outside_ascii_read_from_the_utf8_bytes_are_those_a_pattern_finds(text: str) -> None:
    src.non_ascii.cache_clear()
    assert src.non_ascii(text) == frozenset(re.findall(r"[^\x00-\x7f]", text))


def _plain_proper_nouns(text: str) -> int:
    """Words of the token stream written upper then lower case (a letter of the word second), opening no sentence."""
    from copydesk.text import WORD

    initial = src.sentence_starts(text)
    return sum(
        1
        for m in WORD.finditer(text)
        if len(w := m.group()) > 1 and w[0].isupper() and w[1].isalnum() and w[1].islower() and m.start() not in initial
    )


@pytest.mark.parametrize(
    "text",
    [
        "I’m sure “Ann Lee” and Bob—the mayor—met O’Neil at 9 am.",
        "Then Émile met Aé, ǅa, ϒa, A\u0345b and Ⓐnn; Zoë and ÉMILE left.",
        "‘Quoted’ Words … only, no letters outside ASCII: Cole, Day.",
        "plain ASCII Text With Names",
        "",
    ],
)
def test_proper_nouns_skip_the_scan_for_words_outside_ascii_only_when_no_such_letter_occurs(text: str) -> None:
    """A text whose characters outside ASCII are no letters or digits counts the ASCII words alone: the plain count."""
    document = Document.from_article(Article(id="a", title="", body=text))
    assert src._proper_nouns(document) == _plain_proper_nouns(text)


@pytest.mark.parametrize(
    "text", ["It cost 12 dollars in 2019.", "٣ and ² and 7 and ７ and 𝟗", "é9\ud8005ü0", "no digits", ""]
)
def test_digits_counted_from_the_utf8_bytes_are_the_characters_str_isdigit_accepts(text: str) -> None:
    """ASCII digits counted as deleted UTF-8 bytes, others one distinct character at a time: str.isdigit's count."""
    assert src._digits(text) == sum(map(str.isdigit, text))


@pytest.mark.parametrize(
    "text",
    [
        "Ann, 34, and Bob, 5, met; Cy, 123, left, 7,\n8, and, 9 ,",
        "aged 34, aged 5, 6, a 6-year old, 7-years-old, 8-Year-Old",
        "Ann, 34, a 9-year-olds, aged 9-year-old",
        ", 1, 2, 3, 4,",
        "",
    ],
)
def test_ages_in_a_text_without_year_old_are_the_comma_ages_of_the_full_scan(text: str) -> None:
    """A text without "-year-old" is scanned for ", 34," alone: the ages one scan of the plain pattern finds."""
    assert src.ages(TextView(text)) == measures.count(AGE, text)
    assert sp.AGE_AFTER_COMMA.findall(text) == sp.AGE_IN_DIGITS.findall(text) or "-year-old" in text


@settings(max_examples=400, deadline=None)
@given(
    text=st.lists(st.one_of(st.sampled_from(CASE_PIECES), st.sampled_from(SOURCING_PIECES)), max_size=40).map("".join)
)
def test_a_word_capitalised_mid_sentence_is_found_where_it_occurs_as_in_the_set_of_them(text: str) -> None:
    capitals = src.mid_sentence_capitals(text)
    words = {m.group() for m in sp.FAST_CAPITALISED.finditer(text)} | {
        "Ann",
        "Cole",
        "Officials",
        "An",
        "ANN",
        "Aé",
        "Annx",
    }
    for word in words:
        assert src.capitalised_mid_sentence(text, word) == (word in capitals), word
    assert src.named_sources(text) == src.named_sources(text, known=capitals)


def test_named_sources_looks_a_word_up_once_and_few_words_where_they_occur(monkeypatch: Any) -> None:
    """Many sentences opening 'Smith said.' (or many such names) do not each read the whole text again."""
    asked: list[str] = []
    plain = src.capitalised_mid_sentence

    def counted(text: str, word: str) -> bool:
        asked.append(word)
        return plain(text, word)

    monkeypatch.setattr(src, "capitalised_mid_sentence", counted)
    repeated = "Smith said. " * 50 + "Then Smith said it."
    many = "".join(f"Xy{chr(97 + i % 26)}{chr(97 + i // 26)} said. " for i in range(60)) + "Then Xyab said it."
    for text in (repeated, many):
        asked.clear()
        found = src.named_sources(text)
        assert found == src.named_sources(text, known=src.mid_sentence_capitals(text)) > 0
        assert len(asked) == len(set(asked))
        assert len(asked) <= src.WHERE_OCCURS_LOOKUPS


class _CountedWords(list[str]):
    """A field's words that count how many times one is read."""

    reads = 0

    def __getitem__(self, index: Any) -> Any:
        self.reads += 1
        return super().__getitem__(index)


def test_may_credit_does_not_walk_back_over_a_long_run_of_modifiers() -> None:
    """'Some some. Some some. ...': each vague source is tested without reading back over every sentence."""
    lexicon = lexicon_for(hedging.SETTINGS)
    lows = _CountedWords(["some"] * 800)  # the words only: the full stops are not among them
    credits = may_credit(lows, len(lows) - 1, lexicon)
    assert lows.reads <= 4 * WINDOW
    assert credits  # too generous at worst, never too strict


def test_according_to_before_a_long_run_of_modifiers_gives_the_hits_of_analysing_every_sentence() -> None:
    lexicon = lexicon_for(hedging.SETTINGS)
    run = "some many other unnamed anonymous senior top leading independent outside"
    for text in (f"According to {run} officials, prices rose.", f"Prices rose, {run} some officials. {run} sources"):
        view = TextView(text)
        assert list(analyse(view, lexicon)) == _every_sentence(view), text


@pytest.mark.parametrize(
    "text",
    [
        "",
        "He said “it may rain” today. Officials don’t know.\nSome experts, 3.5 million, x_y — maybe (@jo)",
        "One. Two words here! ‘Quoted’ claims, reportedly.",
        "’Tis the students’ ’ rock’n’roll’s a’b’c’d’e’f day’. It’s O’Neill’s’’ view ’",
    ],
)
def test_sentence_tokens_are_the_words_spans_text_forms_and_quotation_flags(text: str) -> None:
    """Each sentence's tokens (built from the offsets as lists) are its words: span, text, lower case, quoted."""
    view = TextView(text)
    splitter = SentenceTokens(view)
    words = [(start, end) for start, end in view.words]
    for sentence in view.sentences:
        first, last = splitter.bounds(sentence.start, sentence.end)
        plain = [
            (start, end, text[start:end], text[start:end].lower().replace("’", "'"), splitter.quoted[k])
            for k, (start, end) in enumerate(words)
            if first <= k < last
        ]
        tokens = splitter.tokens(sentence.start, sentence.end)
        assert [(t.start, t.end, t.raw, t.low, t.quoted) for t in tokens] == plain
        assert all(t.text is view.text for t in tokens)  # shared, the word sliced only when read
    assert list(splitter.lows) == [text[start:end].lower().replace("’", "'") for start, end in words]


def test_a_lead_is_resolved_from_the_next_sentences_opening_words_as_from_all_its_words() -> None:
    """The detector builds only the next sentence's first OPENING_WORDS tokens for resolved_next."""
    outcomes = set()
    for name in range(1, 7):
        for gap in range(0, 12):
            for role, tail in (("expert", ""), ("from", " Leeds"), ("of", " the IAEA")):
                text = " ".join(["Jo"] * name) + ", " + " ".join(["a"] * gap) + f" {role}{tail} said it may rain today."
                view = TextView(text)
                tokens = SentenceTokens(view).tokens(0, len(text))
                full = resolved_next(tokens, text, {"expert"})
                assert resolved_next(tokens[:OPENING_WORDS], text, {"expert"}) == full, text
                outcomes.add(full)
    assert outcomes == {True, False}


def test_sources_named_earlier_are_looked_for_in_each_sentence_at_most_once(monkeypatch) -> None:
    calls: list[int] = []
    real = hedging.detect.names_source

    def counted(tokens, text, lexicon):  # type: ignore[no-untyped-def]
        calls.append(tokens[0].start)
        return real(tokens, text, lexicon)

    monkeypatch.setattr(hedging.detect, "names_source", counted)
    text = "Officials said it rained. " * 3 + "Dr Jo Roe said so. " + "The researchers said it could be chance. " * 40
    hits = list(analyse(TextView(text), lexicon_for(hedging.SETTINGS)))
    # Dr Roe stands behind the next three sentences' researchers only (ANAPHOR_WINDOW); the rest stay vague
    assert [h.kind for h in hits].count(hedging.detect.VAGUE) == 3 + 40 - hedging.detect.ANAPHOR_WINDOW
    assert len(calls) == len(set(calls)) <= 41  # each sentence read at most once; no 'Officials' one (no title)
    calls.clear()
    nouns = "scientists researchers experts analysts economists observers critics historians scholars diplomats"
    # nobody named, ten definite sources asked about: each earlier sentence is read once, not once per ask
    text = "".join(f"Prices rose, they said. The {noun} said it could be chance. " for noun in nouns.split())
    hits = list(analyse(TextView(text), lexicon_for(hedging.SETTINGS)))
    assert [h.kind for h in hits].count(hedging.detect.VAGUE) == 10
    assert calls and len(calls) == len(set(calls))


def _claim_ends_every_gap(tokens: Any, text: str, named: bool) -> tuple[list[int], list[int]]:
    """:func:`~copydesk.plugins.hedging.speakers.claim_ends` as first written: every gap between two tokens tested."""
    n = len(tokens)
    end = [n] * (n + 2)
    brk = [n] * (n + 2)
    for k in range(n - 1, 0, -1):
        broken = clause_break(text, tokens[k - 1], tokens[k]) and not tokens[k].quoted
        brk[k] = k if broken else brk[k + 1]
        end[k] = k if broken and _comment_opens(tokens, k, text, brk[k + 1], end, named, goes_on=named) else end[k + 1]
    return [end[min(j + 2, n)] for j in range(n)], brk


#: Words and gaps that make clause breaks and the author's comments: conjunctions, participles,
#: relative and appositive openers, every break character, quotation marks and joiners.
CLAUSE_PIECES = sorted(
    {*CLAUSE_BREAKS, ", ", "; ", " - ", "—", '"', "“", "”", "'", "-", " ", "  ", "\n"}
    | {"and", "but", "which", "that", "a", "an", "view", "suggesting", "adding", "said", "officials", "may", "x1"}
)
clause_texts = st.lists(st.sampled_from(CLAUSE_PIECES), max_size=40).map(
    lambda parts: "".join(part if i % 2 else " " + part for i, part in enumerate(parts))
)


@settings(max_examples=500, deadline=None)
@given(text=clause_texts)
def test_claim_ends_from_the_breaks_alone_are_those_of_testing_every_gap(text: str) -> None:
    view = TextView(text)
    splitter = SentenceTokens(view)
    spans = [(s.start, s.end) for s in view.sentences] + [(0, len(text))]
    for start, end in spans:
        tokens = splitter.tokens(start, end)
        for named in (False, True):
            assert claim_ends(tokens, text, named) == _claim_ends_every_gap(tokens, text, named), (text, start, named)


def test_claim_ends_skip_a_break_inside_a_quotation_or_a_word() -> None:
    text = 'Officials said prices may rise, "and fall, which" they x-ray; suggesting doubt, a view that holds'
    tokens = SentenceTokens(TextView(text)).tokens(0, len(text))
    found = claim_ends(tokens, text)
    assert found == _claim_ends_every_gap(tokens, text, False)
    # the quoted "and" and "which" (a comma before each) break nothing, nor does the x-ray hyphen: the semicolon does
    assert found[1][5] == found[1][6] == found[1][10] == 10


@settings(max_examples=300, deadline=None)
@given(text=texts)
def test_trigger_words_of_a_short_field_read_from_its_forms_are_those_of_the_shared_index(text: str) -> None:
    """A field of at most ``SHORT_FIELD`` words has its trigger words read from its forms: the same as from the index."""
    lexicon = lexicon_for(hedging.SETTINGS)
    view = TextView(text)
    splitter = SentenceTokens(view)
    short = hedging.detect.SHORT_FIELD
    try:
        hedging.detect.SHORT_FIELD = len(splitter.lows)  # read from the forms
        from_forms = hedging.detect._triggered(view, splitter, lexicon)
        hedging.detect.SHORT_FIELD = -1  # read from the shared index
        assert hedging.detect._triggered(view, splitter, lexicon) == from_forms
    finally:
        hedging.detect.SHORT_FIELD = short


def test_a_title_does_not_build_the_shared_word_index() -> None:
    measures._word_index.cache_clear()
    document = Document.from_article(Article(id="a", title="Experts may say it could rise", body="Some said so. " * 30))
    hedging.score(document, Context(settings={}, batch=None))
    assert measures._word_index.cache_info().currsize == 1  # the body's alone


def _covered_by_depth(n: int, spans: list[tuple[int, int]]) -> list[bool]:
    """For each of ``n`` tokens whether it lies in one of ``spans``, as first read: the depth counted over every token."""
    depth = [0] * (n + 1)
    for start, end in spans:
        depth[start] += 1
        depth[end] -= 1
    return [total > 0 for total in itertools.accumulate(depth[:n])]


@settings(max_examples=500, deadline=None)
@given(
    n=st.integers(0, 30),
    ends=st.lists(st.tuples(st.integers(0, 30), st.integers(0, 30)), max_size=6),
)
def test_coverage_asked_token_by_token_is_the_depth_over_every_token(n: int, ends: list[tuple[int, int]]) -> None:
    """Overlapping, empty and reversed ranges too: the bisection counts what the pass counted."""
    spans = [(min(a, n), min(b, n)) for a, b in ends]
    covered = hedging.detect._coverage(spans)
    assert [covered(i) for i in range(n)] == _covered_by_depth(n, spans)


#: The words of every way :data:`~copydesk.plugins.sourcing.features.LABEL` ends, in several cases, with
#: what may stand between them and a quotation, other words, and characters ``re`` folds or counts as space.
LABEL_PIECES = [
    *(
        variant
        for word in sorted({w.decode() for w in src._LABEL_LAST} | {"such", "known", "billed", "shout", "signs"})
        for variant in (word, word.upper(), word.capitalize())
    ),
    *"said told proclaiming x2 ſlogan \u212aNOWN as\u017f Poster café naïve \u0130 \u0131 \ud800".split(),
    *("’", "“", "”", "‘"),
    *(" ", " ", " ", "  ", "\t", "\n", "\x1c", "\xa0", ":", ",", "-", "–", "—", "_", "2", '"', "(", "."),
]


@settings(max_examples=500, deadline=None)
@given(text=st.lists(st.sampled_from(LABEL_PIECES), max_size=14).map("".join))
def test_a_label_told_from_the_windows_last_words_is_the_one_the_label_pattern_finds(text: str) -> None:
    for start in range(len(text) + 1):
        searched = src.LABEL.search(text, max(0, start - src.LABEL_REACH), start) is not None
        assert src.labelled(text, start) is searched, (text, start)


def test_every_label_before_a_quotation_is_found_as_the_label_pattern_finds_it() -> None:
    frames = ("Crowds held {}", "They waved {}", "It was {}", "A {}")
    for word in sorted(w.decode() for w in src._LABEL_LAST):
        for frame in frames:
            for gap in (" ", ": ", ", ", " - ", " — ", "\n", " the ", " such as "):
                text = frame.format(word) + gap + '"We want change now," they said.'
                start = text.index('"')
                searched = src.LABEL.search(text, max(0, start - src.LABEL_REACH), start) is not None
                assert src.labelled(text, start) is searched, text


def test_the_characters_folded_to_an_ascii_letter_are_the_four_a_label_window_is_searched_for() -> None:
    letter = re.compile("(?i:[a-z])")
    folded = [chr(c) for c in range(128, 0x110000) if letter.fullmatch(chr(c))]
    assert tuple(folded) == src._FOLDS_TO_ASCII


#: Digits ASCII and not (Arabic-Indic three, a fullwidth seven), with letters, white space and marks between them.
DIGIT_PIECES = [*"0 1 7 9 12 305 ٣ ７ a Z . , - $ £".split(), " ", "\n", "x1", "1x"]


@settings(max_examples=400, deadline=None)
@given(text=st.lists(st.sampled_from(DIGIT_PIECES), max_size=40).map("".join), few=st.sampled_from([2, 4096]))
def test_digit_runs_found_with_str_find_are_where_the_digit_pattern_matches(text: str, few: int) -> None:
    # _FEW_DIGITS of 2: a text with more digits goes through the pattern, one with fewer through the finds
    kept = src._FEW_DIGITS
    src._FEW_DIGITS = few
    src.numbers.cache_clear()
    try:
        assert src.numbers(text) == [match.start() for match in sp.DIGITS.finditer(text)]
    finally:
        src._FEW_DIGITS = kept
        src.numbers.cache_clear()


#: What a transcript's speaker label is made of (capitals, names, initials, hyphens, apostrophes), the
#: marks it may follow, white space, colons with and without a space after them, and other words.
TRANSCRIPT_PIECES = [
    *"Q A QA JAKE TAPPER Morton Van Dyke O'NEIL U.S. X. AB-C Photo NOTE EDITOR'S Mc said x 7 É é".split(),
    *(" ", " ", "  ", "\t", "\n", ":", ": ", ":\t", ": ", "-", "'", ".", "?", "!", ";", "…", '"', "”", "’", ")", "]"),
]


@settings(max_examples=1000, deadline=None)
@given(text=st.lists(st.sampled_from(TRANSCRIPT_PIECES), max_size=40).map("".join))
def test_transcript_labels_searched_before_each_colon_are_those_the_label_pattern_finds(text: str) -> None:
    expected = [(m.start(1), m.end(), m[1]) for m in transcript._LABEL.finditer(text)]
    assert transcript.label_matches(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Transcript. JAKE P. TAPPER: Why? A.B. CD EF GH: No. X. AB CD EF GH: No.",  # three words at most
        "Q: A: B: C:D: . E:\tF: ;  \t G: \n  H: \n\tVan-Dyke: Van Dyke Jr: U.S. JOHN SMITH: x",
        "Intro." + " " * 5000 + "TAPPER: Why?" + "\t" * 3000 + "\nQ: " + "AB " * 2000 + "CD: x",
        "A: B: " * 3000 + ("Q." * 2000 + " Q: ") * 3,
    ],
)
def test_transcript_labels_after_long_runs_and_many_colons_are_those_the_label_pattern_finds(text: str) -> None:
    expected = [(m.start(1), m.end(), m[1]) for m in transcript._LABEL.finditer(text)]
    assert transcript.label_matches(text) == expected

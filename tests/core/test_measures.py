"""copydesk.measures.WordBounded: the same matches as the pattern it wraps, on any text."""

from __future__ import annotations

import re
import sys

import pytest
from copydesk import measures
from copydesk.measures import tokens
from copydesk.text import TextView
from hypothesis import given, settings
from hypothesis import strategies as st

PATTERNS = [
    re.compile(r"\b(?:said|says|told)\b"),
    re.compile(rf"\b(?:{measures.alternation(['according to', 'to', 'cord', 'acc'])})\b", re.IGNORECASE),
    re.compile(r"\b(?:Mr|Dr)\.?\s(?P<name>[A-Z][a-z]++)"),
    re.compile(r"\b\d{1,2}(?::\d{2})?\s?(?:am\b|pm\b)"),
    re.compile(r"\b[-'x]+"),  # can open with a non-word character: \b then needs a word character before it
    re.compile(r"\b(?:é|e)t[ée]\b", re.ASCII),
]
ALPHABET = "saidtoldycrMDr. 12:3-0apm'x_éÉ\n\t"


def spans(found: object) -> list[tuple[int, int, tuple[str | None, ...]]]:
    return [(m.start(), m.end(), m.groups()) for m in found]  # type: ignore[attr-defined]


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=ALPHABET, max_size=60), pos=st.integers(0, 70), which=st.integers(0, len(PATTERNS) - 1))
def test_word_bounded_finds_exactly_what_the_pattern_finds(text: str, pos: int, which: int) -> None:
    pattern = PATTERNS[which]
    fast = measures.WordBounded(pattern)
    assert spans(fast.finditer(text)) == spans(pattern.finditer(text))
    assert fast.findall(text) == pattern.findall(text)
    assert measures.count(fast, text) == measures.count(pattern, text)
    assert spans(filter(None, [fast.search(text, pos)])) == spans(filter(None, [pattern.search(text, pos)]))
    assert spans(filter(None, [fast.match(text, pos)])) == spans(filter(None, [pattern.match(text, pos)]))


def test_word_bounded_on_news_text() -> None:
    text = "Essays said: the untold story, he says, was told to Dr. Smith at 10:30 am, saidx said_ said"
    for pattern in PATTERNS:
        assert spans(measures.WordBounded(pattern).finditer(text)) == spans(pattern.finditer(text))


@pytest.mark.parametrize("source", [r"(?:said)\b", r"\b(?:x)?"])
def test_word_bounded_refuses_what_it_cannot_reproduce(source: str) -> None:
    with pytest.raises(ValueError, match=r"does not open with|empty string"):
        measures.WordBounded(re.compile(source))


FOLDED = [
    re.compile(r"\b(?:this|these|that|those)\b", re.IGNORECASE),
    re.compile(r"\b(?:some|many)\s(?:experts|sources)|reportedly|is\sbelieved\sto\b", re.IGNORECASE),
    re.compile(r"[a-z]{2}s\b", re.IGNORECASE),
]
FOLDED_ALPHABET = "thisTHISeEaAoO sxSXK\u212a\u0130\u0131\u017f\u00dfkmanyMANY\n_1"


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=FOLDED_ALPHABET, max_size=50), which=st.integers(0, 2))
def test_folded_finds_where_the_case_insensitive_pattern_finds(text: str, which: int) -> None:
    pattern = FOLDED[which]
    folded = measures.Folded(pattern)
    view = TextView(text)
    assert [m.span() for m in folded.finditer(view)] == [m.span() for m in pattern.finditer(text)]
    assert folded.count(view) == measures.count(pattern, text)


@pytest.mark.parametrize(
    "pattern",
    [re.compile(r"\bthis\b"), re.compile(r"\bThis\b", re.I), re.compile(r"\S+this", re.I), re.compile("été", re.I)],
)
def test_folded_refuses_patterns_it_cannot_match_on_lower_case(pattern: re.Pattern[str]) -> None:
    with pytest.raises(ValueError, match="lower-case ASCII"):
        measures.Folded(pattern)


ANCHORED = [
    (re.compile(r"\b(?:said|says|told)\s(?P<name>[A-Z][a-z]++)"), ["said", "says", "told"]),
    (
        re.compile(r"\b(?:(?:some|many)\s(?:experts|sources)|sources?|is\sbelieved\sto)\b", re.IGNORECASE),
        ["some", "many", "source", "sources", "is"],
    ),
    (re.compile(r"\b(?:on\s(?:monday|friday)|today|last\sweek)\b", re.IGNORECASE), ["on", "today", "last"]),
]
ANCHORED_ALPHABET = [
    *"said Said says told Ann some SOME many experts sources source is believed to on Monday friday today last".split(),
    *["week", " ", " ", "\n", "'", "\u2019", "-", "_", "x", "1", "\u0130", "\u0131", "\u017f", "\u212a"],
]


@settings(max_examples=500, deadline=None)
@given(parts=st.lists(st.sampled_from(ANCHORED_ALPHABET), max_size=16), which=st.integers(0, len(ANCHORED) - 1))
def test_anchored_finds_exactly_what_the_pattern_finds(parts: list[str], which: int) -> None:
    pattern, words = ANCHORED[which]
    text = "".join(parts)
    anchored = measures.Anchored(pattern, words)
    view = TextView(text)
    found = [(m.start(), m.end(), m.groups()) for m in anchored.finditer(view)]
    expected = [(m.start(), m.end(), m.groups()) for m in pattern.finditer(text)]
    if pattern.flags & re.IGNORECASE:  # the groups of a case-insensitive pattern carry the lower-cased text
        found, expected = [f[:2] for f in found], [e[:2] for e in expected]
    assert found == expected
    assert anchored.count(view) == len(expected)


def test_anchored_tries_only_its_first_words_and_refuses_what_it_cannot_reproduce() -> None:
    view = TextView("Many experts agree; sources said so, some experts too.")
    found = measures.Anchored(ANCHORED[1][0], ["many", "sources"]).finditer(view)
    assert [m.group() for m in found] == ["many experts", "sources"]
    with pytest.raises(ValueError, match="does not open with"):
        measures.Anchored(re.compile("said"), ["said"])
    with pytest.raises(ValueError, match="lower-case"):
        measures.Anchored(re.compile(r"\bSaid"), ["Said"])


def test_anchored_compiles_only_what_a_text_needs() -> None:
    """Built at import, compiled on first use: no first word in the text, nothing compiled; no İ, ı or ſ, no Folded."""
    anchored = measures.Anchored(ANCHORED[1][0], ["many", "sources"])
    assert anchored.count(TextView("Nothing to see here.")) == 0
    assert anchored._rest is None and anchored._folded is None
    assert [m.group() for m in anchored.finditer(TextView("Many experts agree."))] == ["many experts"]
    assert anchored._rest is not None and anchored._folded is None
    assert [m.group() for m in anchored.finditer(TextView("İ: Many experts agree."))] == ["Many experts"]
    assert isinstance(anchored._folded, measures.Folded)


def test_anchored_indexes_each_word_part_once_however_many_hyphens(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "x" * 2000 + "-said" * 500 + " said Ann"
    scanned: list[int] = []

    class Counting:
        def match(self, string: str, pos: int) -> re.Match[str] | None:
            scanned.append(pos)
            return re.compile(r"[^\W_]+").match(string, pos)

    monkeypatch.setattr(measures, "_PART", Counting())
    view = TextView(text)
    anchored = measures.Anchored(ANCHORED[0][0], ANCHORED[0][1])
    assert [m.group("name") for m in anchored.finditer(view)] == ["Ann"]
    assert len(scanned) == len(set(scanned)) == 501  # the 500 parts after a hyphen, and the word's start once


def test_an_anchored_pattern_made_after_a_view_was_indexed_still_finds_its_words() -> None:
    view = TextView("Zyxwv said Ann; qwertz Bob.")
    assert [m.group() for m in measures.Anchored(ANCHORED[0][0], ANCHORED[0][1]).finditer(view)] == ["said Ann"]
    late = measures.Anchored(re.compile(r"\bqwertz\s(?P<name>[A-Z][a-z]++)"), ["qwertz"])  # not in the view's index
    assert [m.group("name") for m in late.finditer(view)] == ["Bob"]


@settings(max_examples=300, deadline=None)
@given(parts=st.lists(st.sampled_from([*ANCHORED_ALPHABET, "-", "'", "\u2019", "a-b", "x'y"]), max_size=60))
def test_the_word_index_finds_joiners_and_their_words_as_a_search_and_a_bisection_do(parts: list[str]) -> None:
    """Joiners found with str.find, their words by bisection (few) or numpy (many): as the pattern and bisect find them."""
    import bisect

    view = TextView("".join(parts))
    lower, starts = view.tokens.lower, view.tokens.starts
    if not len(starts):
        return
    joiners = measures._joiner_offsets(lower, starts[0])
    assert joiners == [m.start() for m in re.finditer("['\u2019-]", lower) if m.start() >= starts[0]]
    expected = [starts[bisect.bisect_right(starts, at) - 1] for at in joiners]
    assert measures._word_starts(starts, joiners) == expected
    assert measures._word_starts(starts, joiners * measures._MANY_JOINERS) == expected * measures._MANY_JOINERS


#: Word forms :class:`measures.Occurrences` is asked for in the tests (made at import: in every view's index).
OCCURRING = measures.Occurrences(["said", "ann", "some", "it's", "well-known", "x1"])


@settings(max_examples=300, deadline=None)
@given(parts=st.lists(st.sampled_from([*ANCHORED_ALPHABET, "It's", "well", "known", "X1"]), max_size=20))
def test_occurrences_are_the_words_whose_form_is_one_in_reading_order(parts: list[str]) -> None:
    view = TextView("".join(parts))
    stream = view.tokens
    expected = [s for s, form in zip(stream.starts, stream.forms, strict=True) if form in OCCURRING.words]
    assert OCCURRING.starts(view) == expected
    assert OCCURRING.count(view) == len(expected)
    late = measures.Occurrences(["zyxwv", "said"])  # made after the view was indexed: its forms are read instead
    assert late.starts(view) == [s for s, form in zip(stream.starts, stream.forms, strict=True) if form in late.words]
    assert late.count(view) == len(late.starts(view))


def test_sentence_count_is_the_number_of_sentences_holding_a_letter() -> None:
    view = TextView("First one. 42. Second one!\n--\nThird")
    assert measures.sentence_count(view) == len(measures.sentence_texts(view)) == 3
    assert measures.sentence_count(TextView("")) == 0


def test_lower_casing_keeps_a_first_character_a_letter_or_not() -> None:
    # tokens() tells a word that starts with a letter by its lower-cased form's first character.
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        assert char.isalpha() == char.lower()[0].isalpha(), hex(code)


@given(st.lists(st.sampled_from(["Don’t", "U.S-led", "3rd", "ΟΔΟΣ", "İstanbul", "’tis", "x", " ", "\n", ". ", "42"])))
def test_tokens_are_the_lower_cased_words_that_start_with_a_letter(parts: list[str]) -> None:
    view = TextView("".join(parts))
    text = view.text
    expected = [text[s:e].lower().replace("\u2019", "'") for s, e in view.words if text[s].isalpha()]
    assert tokens(view) == expected


@pytest.mark.parametrize("text", ["", "no digits", "a1b22c", "٣ and 3", "9" * 5, "x" * 50 + "0123456789"])
def test_digit_offsets_are_where_the_ascii_digits_are_in_order(text: str) -> None:
    assert measures.digit_offsets(text, 100) == [i for i, ch in enumerate(text) if ch in "0123456789"]


def test_digit_offsets_give_none_past_the_limit_and_the_list_at_it() -> None:
    # figures and sourcing fall back to their pattern past the limit, so the edge decides which path runs
    assert measures.digit_offsets("1 2 3", 3) == [0, 2, 4]
    assert measures.digit_offsets("1 2 3 4", 3) is None
